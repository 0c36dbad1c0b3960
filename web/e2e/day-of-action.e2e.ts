import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { distanceKm } from '@rallypoint/shared';
import { parse } from 'csv-parse/sync';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { waitForMail } from '../../api/test/mail-catcher.ts';
import { newBrowser } from './browser.ts';
import { arriveAt, expectAccessible, gql, newPerson, type Person, signInApi, signUpApi, uid } from './helpers.ts';

const REGION = 'yorkshire-and-the-humber';
const YORKSHIRE_ORGANISER = `organiser.${REGION}@rallypoint.example`;
const DEMO_PASSWORD = 'rallypoint-demo';

let organiserBrowser: BrowserContext;
let hostBrowser: BrowserContext;
let volunteerBrowsers: [BrowserContext, BrowserContext];
let host: Person;

beforeAll(async () => {
  const all = await Promise.all([newBrowser(), newBrowser(), newBrowser(), newBrowser()]);
  for (const b of all) b.setDefaultTimeout(30_000);
  [organiserBrowser, hostBrowser, ...volunteerBrowsers] = all;
  await signInApi(organiserBrowser.request, YORKSHIRE_ORGANISER, DEMO_PASSWORD);
  host = newPerson('Hari');
  await signUpApi(hostBrowser.request, host, 'LS6 1AN');
  await signUpApi(volunteerBrowsers[0].request, newPerson('Vera'), 'LS6 1AN');
  await signUpApi(volunteerBrowsers[1].request, newPerson('Wes'), 'LS6 1AN');
});
afterAll(async () => {
  await Promise.all([organiserBrowser, hostBrowser, ...(volunteerBrowsers ?? [])].map((b) => b?.close()));
});

/** A London day `days` from now, as a date input takes it. */
const dayFromNow = (days: number): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

/** The postcode district whose centre is nearest a point: a venue there counts for the seat. */
async function nearestOutcode(p: { lat: number; lng: number }): Promise<string> {
  const text = await readFile(resolve(import.meta.dirname, '../../prisma/data/outcodes.csv'), 'utf8');
  const rows = parse(text, { columns: true }) as { outcode: string; lat: string; lng: string }[];
  let best = { code: '', km: Number.POSITIVE_INFINITY };
  for (const r of rows) {
    const km = distanceKm(p, { lat: Number(r.lat), lng: Number(r.lng) });
    if (km < best.km) best = { code: r.outcode, km };
  }
  return best.code;
}

/** The event's id in discovery from LS6 (published events only). */
const found = async (page: Page, title: string): Promise<string[]> => {
  const data = await gql<{ eventsNear: { edges: { node: { id: string } }[] } }>(
    page.context().request,
    `query ($text: String!) { eventsNear(input: { postcode: "LS6 1AN", radiusKm: 200, text: $text }) {
      ... on EventsNearConnection { edges { node { id } } } } }`,
    { text: title },
  );
  return data.eventsNear.edges.map((e) => e.node.id);
};

describe('a day of action, end to end', () => {
  test('an organiser creates a campaign, a first-time member hosts an event in it with two shifts, the organiser approves it, volunteers book shifts and the board follows live', async () => {
    const tag = uid();
    const name = `Day of action ${tag}`;
    const title = `Doorstep canvass in shifts ${tag}`;
    const options = await gql<{ campaignSeatOptions: { data: { code: string; name: string; location: { lat: number; lng: number } }[] } }>(
      organiserBrowser.request,
      `query ($r: ID!) { campaignSeatOptions(regionId: $r) { ... on QueryCampaignSeatOptionsSuccess { data { code name location { lat lng } } } } }`,
      { r: REGION },
    );
    const seat = options.campaignSeatOptions.data[0]!;

    // The organiser: Organise, New campaign, one target seat with a goal of 3 volunteer-shifts.
    const organiser = await organiserBrowser.newPage();
    await organiser.goto('/');
    await organiser.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organise' }).click();
    await arriveAt(organiser, '/organise', 'Organise');
    await expectAccessible(organiser, 'the Organise page');
    await organiser.getByRole('link', { name: 'New campaign' }).click();
    await arriveAt(organiser, '/campaigns/new', 'New campaign');
    await organiser.getByLabel('Name').fill(name);
    await organiser.getByLabel('First day').fill(dayFromNow(1));
    await organiser.getByLabel('Last day').fill(dayFromNow(20));
    const seats = organiser.getByRole('group', { name: 'Target seats and goals' });
    await seats.getByRole('checkbox', { name: `${seat.name} (` }).check();
    await seats.getByLabel(`Goal for ${seat.name}`).fill('3');
    await organiser.getByLabel('Briefing').fill('Meet at the library steps. Bring water.');
    await expectAccessible(organiser, 'the new-campaign form');
    await organiser.getByRole('button', { name: 'Create campaign' }).click();
    await arriveAt(organiser, /\/campaigns\/[^/]+$/, name);
    const seatRow = organiser.getByRole('row').filter({ has: organiser.getByRole('rowheader', { name: seat.name }) });
    await expect.poll(() => seatRow.locator('td').first().textContent()).toBe('3');
    await expectAccessible(organiser, 'the campaign page');
    const campaignUrl = new URL(organiser.url()).pathname;

    // A first-time member hosts a canvass in the seat from the template, in two shifts: it waits for approval.
    const member = await hostBrowser.newPage();
    await member.goto(campaignUrl);
    await member.getByRole('heading', { level: 1, name }).waitFor();
    await expectAccessible(member, 'the campaign page, as a member');
    await member.getByRole('link', { name: 'Host a doorstep canvass' }).click();
    await arriveAt(member, /\/host/, 'Host an event');
    const day = dayFromNow(7);
    await member.getByLabel('Title').fill(title);
    await member.getByLabel('Starts (UK time)').fill(`${day}T10:00`);
    await member.getByLabel('Ends (UK time)').fill(`${day}T15:00`);
    await member.getByLabel('Venue').fill('Community hall');
    await member.getByLabel('Address').fill('1 Test Street');
    await member.getByLabel('Postcode').fill(await nearestOutcode(seat.location));
    await member.getByLabel('Target seat').selectOption({ label: seat.name });
    await member.getByRole('button', { name: 'Add a shift' }).click();
    await member.getByLabel('Shift 1 starts').fill(`${day}T10:00`);
    await member.getByLabel('Shift 1 ends').fill(`${day}T12:00`);
    await member.getByLabel('Shift 1 places').fill('4');
    await member.getByRole('button', { name: 'Add a shift' }).click();
    await member.getByLabel('Shift 2 starts').fill(`${day}T13:00`);
    await member.getByLabel('Shift 2 ends').fill(`${day}T15:00`);
    await member.getByLabel('Shift 2 places').fill('4');
    expect(await member.getByLabel('Places', { exact: true }).count()).toBe(0);
    await expectAccessible(member, 'the host-an-event form with two shifts');
    await member.getByRole('button', { name: 'Submit event' }).click();
    await arriveAt(member, /\/events\//, title);
    const eventUrl = new URL(member.url()).pathname;
    await member.getByText("Sent to the region's organisers").waitFor();
    await member.getByText('Waiting for approval').first().waitFor();
    await member.getByText('Meet at the library steps. Bring water.').waitFor();
    await expect.poll(() => member.getByRole('region', { name: 'Shifts' }).getByRole('listitem').count()).toBe(2);
    await expectAccessible(member, 'a campaign event waiting for approval');
    expect(await found(member, title)).toEqual([]);

    // The organiser approves it in the approval queue.
    await organiser.goto('/organise');
    await organiser.getByRole('link', { name: 'Approval queue' }).click();
    await arriveAt(organiser, '/organise/approvals', 'Approval queue');
    await organiser.getByRole('article', { name: title }).waitFor();
    await expectAccessible(organiser, 'the approval queue');
    await organiser.getByRole('button', { name: `Approve ${title}` }).click();
    await organiser.getByRole('status').filter({ hasText: `Approved: ${title} is published` }).waitFor();
    await expect.poll(() => organiser.getByRole('article', { name: title }).count()).toBe(0);

    // The host is told: by e-mail, and in the app (My events says Published); the event is in discovery.
    const mail = await waitForMail(host.email, { dir: inject('mailDir'), test: (m) => m.subject === `Approved: ${title}` });
    expect(mail.text ?? '').toContain(eventUrl);
    // Members have "My events", not the organisers' section.
    const nav = member.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Organise' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'My events' }).click();
    await arriveAt(member, '/organise/events', 'My events');
    const card = member.getByRole('listitem').filter({ has: member.getByRole('link', { name: title }) });
    await expect.poll(() => card.textContent()).toContain('Published');
    await expectAccessible(member, 'My events');
    await expect.poll(() => found(member, title)).toHaveLength(1);

    // The organiser opens the seat-coverage board; two volunteers book shifts in their own browsers.
    await organiser.goto(campaignUrl);
    await organiser.getByRole('link', { name: 'Seat coverage' }).click();
    await arriveAt(organiser, /\/coverage$/, 'Seat coverage');
    const coverage = organiser.getByRole('table').locator(`tr[data-seat="${seat.code}"]`).getByTestId('coverage');
    await expect.poll(() => coverage.textContent()).toBe('0 of 3 (0%)');
    await expectAccessible(organiser, 'the coverage board');
    // Marks this document: were the board reloaded, the mark would be gone.
    await organiser.evaluate(() => Object.assign(window, { sameDocument: true }));

    const bookings = [
      { browser: volunteerBrowsers[0], shift: /^Book the .*10:00.* shift$/, after: '1 of 3 (33%)' },
      { browser: volunteerBrowsers[1], shift: /^Book the .*13:00.* shift$/, after: '2 of 3 (67%)' },
    ];
    for (const [i, b] of bookings.entries()) {
      const volunteer = await b.browser.newPage();
      await volunteer.goto(eventUrl);
      await volunteer.getByRole('heading', { level: 1, name: title }).waitFor();
      if (i === 0) await expectAccessible(volunteer, 'the published campaign event with shifts, as a volunteer');
      await volunteer.getByRole('button', { name: b.shift }).click();
      // The answer (or an error, to say why not).
      const answer = volunteer.getByRole('status').filter({ hasText: 'Booked: the' }).or(volunteer.getByRole('alert'));
      await answer.first().waitFor();
      expect(await answer.first().textContent()).toMatch(/^Booked: the/);
      await expect.poll(() => coverage.textContent(), { timeout: 30_000 }).toBe(b.after);
    }
    await organiser.getByTestId('coverage-updated').getByText(/Updated live/).waitFor();
    expect(await organiser.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);
  }, 300_000);
});
