import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { distanceKm } from '@rallypoint/shared';
import { parse } from 'csv-parse/sync';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newBrowser, waitForMapIdle } from './browser.ts';
import { arriveAt, expectAccessible, gql, newPerson, rsvpApi, signInApi, signUpApi, uid } from './helpers.ts';

const REGION = 'yorkshire-and-the-humber';
const YORKSHIRE_ORGANISER = `organiser.${REGION}@rallypoint.example`;
const DEMO_PASSWORD = 'rallypoint-demo';
const ERR = '... on Error { message }';

let organiserBrowser: BrowserContext;
let volunteerBrowser: BrowserContext;

beforeAll(async () => {
  [organiserBrowser, volunteerBrowser] = await Promise.all([newBrowser(), newBrowser()]);
  for (const b of [organiserBrowser, volunteerBrowser]) b.setDefaultTimeout(30_000);
  await signInApi(organiserBrowser.request, YORKSHIRE_ORGANISER, DEMO_PASSWORD);
  await signUpApi(volunteerBrowser.request, newPerson('Vera'), 'LS6 1AN');
});
afterAll(async () => {
  await Promise.all([organiserBrowser?.close(), volunteerBrowser?.close()]);
});

/** The postcode district whose centre is nearest a point (an event's pin must agree with its postcode). */
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

interface Seat {
  code: string;
  name: string;
  location: { lat: number; lng: number };
}

/** A campaign of two seats (goals 2 and 3) with one published canvass in each, set up through the API. */
async function campaignWithTwoSeats(tag: string) {
  const req = organiserBrowser.request;
  const options = await gql<{ campaignSeatOptions: { data: Seat[] } }>(
    req,
    `query ($r: ID!) { campaignSeatOptions(regionId: $r) { ... on QueryCampaignSeatOptionsSuccess { data { code name location { lat lng } } } ${ERR} } }`,
    { r: REGION },
  );
  const seats = options.campaignSeatOptions.data.slice(0, 2);
  const start = new Date(Date.now() + 86_400_000);
  start.setUTCHours(0, 0, 0, 0);
  const created = await gql<{ createCampaign: { data: { id: string; templates: { id: string }[] } } }>(
    req,
    `mutation ($input: CampaignInput!) { createCampaign(input: $input) { ... on MutationCreateCampaignSuccess { data { id templates { id } } } ${ERR} } }`,
    {
      input: {
        name: `Coverage weekend ${tag}`,
        regionId: REGION,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 10 * 86_400_000).toISOString(),
        seats: seats.map((s, i) => ({ constituencyCode: s.code, goal: i + 2 })),
        templates: [{ kind: 'CANVASS', title: 'Doorstep canvass', durationMinutes: 120, briefing: 'Bring water.' }],
      },
    },
  );
  const campaign = created.createCampaign.data;
  const eventIds: string[] = [];
  for (const [i, seat] of seats.entries()) {
    const startsAt = new Date(start.getTime() + (3 * 24 + 10 + i) * 3_600_000);
    const hosted = await gql<{ hostCampaignEvent: { data?: { id: string }; message?: string } }>(
      req,
      `mutation ($t: ID!, $input: EventInput!) { hostCampaignEvent(templateId: $t, input: $input) { ... on MutationHostCampaignEventSuccess { data { id } } ${ERR} } }`,
      {
        t: campaign.templates[0]!.id,
        input: {
          kind: 'CANVASS',
          title: `Coverage canvass ${tag} ${i + 1}`,
          description: 'Knocking doors for the weekend.',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
          venueName: 'Community hall',
          address: '1 Test Street',
          postcode: await nearestOutcode(seat.location),
          location: seat.location,
          constituencyCode: seat.code,
          capacity: 10,
          visibility: 'PUBLIC',
          addressVisibility: 'PUBLIC',
        },
      },
    );
    if (!hosted.hostCampaignEvent.data) throw new Error(`hostCampaignEvent: ${JSON.stringify(hosted)}`);
    eventIds.push(hosted.hostCampaignEvent.data.id);
  }
  return { id: campaign.id, seats, eventIds };
}

describe('the seat-coverage board', () => {
  test('the organiser opens the board; it counts a volunteer who signs up; the table sorts; the CSV downloads', async () => {
    const tag = uid();
    const campaign = await campaignWithTwoSeats(tag);
    const [first, second] = campaign.seats as [Seat, Seat];

    const organiser = await organiserBrowser.newPage();
    await organiser.goto(`/campaigns/${encodeURIComponent(campaign.id)}`);
    await organiser.getByRole('link', { name: 'Seat coverage' }).click();
    await arriveAt(organiser, /\/coverage$/, 'Seat coverage');
    const table = organiser.getByRole('table');
    const row = (seat: Seat) => table.locator(`tr[data-seat="${seat.code}"]`);
    // The organiser who hosted each canvass is going to it: one sign-up each.
    await expect.poll(() => row(first).getByTestId('coverage').textContent()).toBe('1 of 2 (50%)');
    await expect.poll(() => row(second).getByTestId('coverage').textContent()).toBe('1 of 3 (33%)');
    // Both seats fall short: the map outlines both.
    await waitForMapIdle(organiser);
    await expect
      .poll(() => organiser.locator('[data-testid="map"] [data-drawn-short-seats]').getAttribute('data-drawn-short-seats'), { timeout: 30_000 })
      .toBe([first.code, second.code].sort().join(' '));
    await expectAccessible(organiser, 'the coverage board');

    // A volunteer books the first seat's canvass (booking through the page, and the board following it live, are
    // in day-of-action.e2e.ts).
    await rsvpApi(volunteerBrowser.request, campaign.eventIds[0]!);
    await expect.poll(() => row(first).getByTestId('coverage').textContent()).toBe('2 of 2 (100%)');

    // Sorting: by name both ways, aria-sort following.
    const header = organiser.getByRole('columnheader', { name: /^Seat/ });
    const order = () => table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-seat')));
    const byName = [first, second].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')).map((s) => s.code);
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await order()).toEqual(byName);
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await order()).toEqual([...byName].reverse());
    const short = organiser.getByRole('columnheader', { name: /^Short by/ });
    await short.getByRole('button').click();
    expect(await short.getAttribute('aria-sort')).toBe('descending');
    expect(await header.getAttribute('aria-sort')).toBeNull();
    // Short by 2 (the second seat) before short by none.
    expect(await order()).toEqual([second.code, first.code]);

    // The CSV: downloaded and parsed, the same figures.
    const [download] = await Promise.all([organiser.waitForEvent('download'), organiser.getByRole('button', { name: 'Download the board (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe(`coverage-weekend-${tag}-coverage.csv`);
    const rows = parse(await readFile((await download.path())!, 'utf8'), { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Code).sort()).toEqual([first.code, second.code].sort());
    expect(rows.find((r) => r.Code === first.code)).toMatchObject({ Seat: first.name, 'Goal (volunteer-shifts)': '2', 'Sign-ups': '2', Shortfall: '0', 'Shifts planned': '1', Places: '10' });
    expect(rows.find((r) => r.Code === second.code)).toMatchObject({ 'Sign-ups': '1', Shortfall: '2' });

    // Where am I needed? The volunteer from LS6: both canvasses, the seat further from its goal first.
    const volunteer = await volunteerBrowser.newPage();
    await volunteer.goto(`/campaigns/${encodeURIComponent(campaign.id)}`);
    await volunteer.getByRole('link', { name: 'Where am I needed?' }).click();
    await arriveAt(volunteer, /\/needed$/, 'Where am I needed?');
    await volunteer.getByLabel('Your postcode').fill('LS6 1AN');
    await volunteer.getByLabel('How far you can travel (km)').fill('200');
    await volunteer.getByRole('button', { name: 'Find shifts' }).click();
    const list = volunteer.getByRole('region', { name: 'Shifts' }).getByRole('listitem');
    await expect.poll(() => list.count()).toBe(2);
    expect(await list.nth(0).textContent()).toContain(second.name);
    expect(await list.nth(0).textContent()).toContain('2 more volunteer-shifts needed');
    await expectAccessible(volunteer, 'Where am I needed?');
  });

  test('a member who is not an organiser is refused the board', async () => {
    const tag = uid();
    const campaign = await campaignWithTwoSeats(tag);
    const member = await volunteerBrowser.newPage();
    await member.goto(`/campaigns/${encodeURIComponent(campaign.id)}/coverage`);
    await member.getByText("Only the campaign region's organisers can see its coverage board").waitFor();
    expect(await member.getByRole('table').count()).toBe(0);
    await member.goto(`/campaigns/${encodeURIComponent(campaign.id)}`);
    await member.getByRole('link', { name: 'Where am I needed?' }).waitFor();
    expect(await member.getByRole('link', { name: 'Seat coverage' }).count()).toBe(0);
  });
});
