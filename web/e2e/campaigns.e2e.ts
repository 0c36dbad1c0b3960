import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { waitForMail } from '../../api/test/mail-catcher.ts';
import { newBrowser } from './browser.ts';
import { arriveAt, createEventApi, expectAccessible, gql, newPerson, type Person, signInApi, signUpApi, uid } from './helpers.ts';

const YORKSHIRE_ORGANISER = 'organiser.yorkshire-and-the-humber@rallypoint.example';
const DEMO_PASSWORD = 'rallypoint-demo';

let organiserBrowser: BrowserContext;
let memberBrowser: BrowserContext;
let memberPerson: Person;

beforeAll(async () => {
  [organiserBrowser, memberBrowser] = await Promise.all([newBrowser(), newBrowser()]);
  for (const b of [organiserBrowser, memberBrowser]) b.setDefaultTimeout(30_000);
  await signInApi(organiserBrowser.request, YORKSHIRE_ORGANISER, DEMO_PASSWORD);
  memberPerson = newPerson('Hari');
  await signUpApi(memberBrowser.request, memberPerson, 'LS6 1AN');
});
afterAll(async () => {
  await Promise.all([organiserBrowser?.close(), memberBrowser?.close()]);
});

/** A London day `days` from now, as a date input takes it. */
const dayFromNow = (days: number): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

const found = async (page: Page, title: string): Promise<string[]> => {
  const data = await gql<{ eventsNear: { edges: { node: { id: string } }[] } }>(
    page.context().request,
    `query ($text: String!) { eventsNear(input: { postcode: "LS6 1AN", radiusKm: 50, text: $text }) {
      ... on EventsNearConnection { edges { node { id } } } } }`,
    { text: title },
  );
  return data.eventsNear.edges.map((e) => e.node.id);
};

describe('a campaign from set-up to a published event', () => {
  test('an organiser creates a campaign, a member hosts an event in it, the organiser approves it, and it appears in discovery', async () => {
    const tag = uid();
    const name = `Yorkshire weekend of action ${tag}`;
    const title = `Doorstep canvass ${tag}`;

    // The organiser: Organise in the top bar, a new campaign with two seats and a template.
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
    const seats = organiser.getByRole('group', { name: 'Target seats and goals' }).getByRole('checkbox');
    await seats.first().waitFor();
    await seats.nth(0).check();
    await seats.nth(1).check();
    await organiser.getByLabel('Briefing').fill('Meet at the library steps. Bring water.');
    await expectAccessible(organiser, 'the new-campaign form');
    await organiser.getByRole('button', { name: 'Create campaign' }).click();
    await arriveAt(organiser, /\/campaigns\/[^/]+$/, name);
    await organiser.getByRole('cell', { name: '10' }).first().waitFor();
    await expectAccessible(organiser, 'the campaign page');
    const campaignUrl = new URL(organiser.url()).pathname;

    // A member hosts an event from the template: their first, so it waits for approval.
    const member = await memberBrowser.newPage();
    await member.goto(campaignUrl);
    await member.getByRole('heading', { level: 1, name }).waitFor();
    await member.getByRole('link', { name: 'Host a doorstep canvass' }).click();
    await arriveAt(member, /\/host/, 'Host an event');
    await member.getByLabel('Title').fill(title);
    await member.getByLabel('Starts (UK time)').fill(`${dayFromNow(7)}T10:00`);
    expect(await member.getByLabel('Ends (UK time)').inputValue()).toBe(`${dayFromNow(7)}T13:00`);
    await member.getByLabel('Venue').fill('Headingley Library');
    await member.getByLabel('Address').fill('North Lane');
    await member.getByLabel('Postcode').fill('LS6 3HW');
    await expectAccessible(member, 'the host-an-event form');
    await member.getByRole('button', { name: 'Submit event' }).click();
    await arriveAt(member, /\/events\//, title);
    await member.getByText("Sent to the region's organisers").waitFor();
    await member.getByText('Waiting for approval').waitFor();
    await member.getByText('Meet at the library steps. Bring water.').waitFor();
    await expectAccessible(member, 'a campaign event waiting for approval');
    expect(await found(member, title)).toEqual([]);

    // Members have "My events", not the organiser section.
    const nav = member.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Organise' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'My events' }).click();
    await arriveAt(member, '/organise/events', 'My events');
    await member.getByRole('link', { name: title }).waitFor();
    await expectAccessible(member, 'My events');

    // The organiser approves it from the queue.
    await organiser.goto('/organise');
    await organiser.getByRole('link', { name: 'Approval queue' }).click();
    await arriveAt(organiser, '/organise/approvals', 'Approval queue');
    await organiser.getByRole('article', { name: title }).waitFor();
    await expectAccessible(organiser, 'the approval queue');
    await organiser.getByRole('button', { name: `Approve ${title}` }).click();
    await organiser.getByRole('status').filter({ hasText: `Approved: ${title} is published` }).waitFor();

    // Published: in discovery, and the host's page says so.
    await expect.poll(() => found(member, title)).toHaveLength(1);
    await member.goto(campaignUrl);
    await member.getByRole('link', { name: title }).waitFor();
    expect(await member.getByText('Published').count()).toBeGreaterThan(0);
  });

  test('an organiser flags and unflags a target seat from the marginals page', async () => {
    const page = await organiserBrowser.newPage();
    await page.goto('/marginals');
    const panel = page.getByRole('region', { name: 'Your target seats' });
    await panel.waitFor();
    const select = panel.getByLabel('Flag a seat as a target');
    await select.locator('option').nth(1).waitFor({ state: 'attached' });
    const seat = (await select.locator('option').nth(1).textContent())!.replace(/ \([^)]*\)$/, '');
    await select.selectOption({ index: 1 });
    await panel.getByRole('button', { name: 'Flag as target' }).click();
    await panel.getByRole('status').filter({ hasText: `${seat} is a target seat now.` }).waitFor();
    await panel.getByRole('button', { name: `Unflag ${seat}` }).waitFor();
    await expectAccessible(page, 'the marginals page with target seats');
    await panel.getByRole('button', { name: `Unflag ${seat}` }).click();
    await panel.getByRole('status').filter({ hasText: `${seat} is no longer a target seat.` }).waitFor();
  });

  test('the host invites a co-host by e-mail; the invitee accepts from the e-mailed link and runs the event with them', async () => {
    const title = `Co-hosted meeting ${uid()}`;
    const eventId = await createEventApi(organiserBrowser.request, { title, postcode: 'LS6 1AN' });
    const host = await organiserBrowser.newPage();
    await host.goto(`/events/${encodeURIComponent(eventId)}`);
    await host.getByRole('heading', { level: 1, name: title }).waitFor();
    await host.getByLabel('Invite a co-host by e-mail address').fill(memberPerson.email);
    await host.getByRole('button', { name: 'Invite', exact: true }).click();
    await host.getByRole('status').filter({ hasText: `Invitation sent to ${memberPerson.email}` }).waitFor();
    await host.getByText(memberPerson.email).first().waitFor();

    const mail = await waitForMail(memberPerson.email, { dir: inject('mailDir'), test: (m) => (m.subject ?? '') === `Co-host ${title}?` });
    const link = /https?:\/\/\S+\/co-host-invites\/[^\s)>\]]+/.exec(mail.text ?? '')?.[0];
    expect(link).toBeTruthy();
    const member = await memberBrowser.newPage();
    await member.goto(new URL(link!).pathname);
    await member.getByRole('heading', { level: 1, name: 'Invitation to co-host' }).waitFor();
    await expectAccessible(member, 'the co-host invitation');
    await member.getByRole('button', { name: 'Accept and co-host' }).click();
    await arriveAt(member, /\/events\//, title);
    await member.getByText(`You co-host ${title} now.`).waitFor();
    // Running it now: the co-hosts list (with themselves) and the organisers' tools.
    await member.getByRole('region', { name: 'Co-hosts' }).getByText(`${memberPerson.firstName} ${memberPerson.lastName.charAt(0)}.`).waitFor();
    await member.getByRole('link', { name: 'Message attendees' }).waitFor();
  });
});
