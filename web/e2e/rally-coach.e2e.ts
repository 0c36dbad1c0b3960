import type { APIRequestContext, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newBrowser } from './browser.ts';
import { apiSession, expectAccessible, gql, newPerson, signInApi, signUpApi } from './helpers.ts';

// The demo's London rally (five pickup hubs): the organisers' coach and a volunteer's car; riders say they can get to a
// hub or need picking up at home; the organiser matches everyone; each side sees where and when they are picked up.
const ORGANISER = { email: 'organiser.london@rallypoint.example', password: 'rallypoint-demo' };
const STRATFORD = 'Stratford station';
const ERRORS = '... on Error { __typename message } ... on ValidationError { fieldErrors { path message } }';
/** "Pick-up at King's Cross station hub, Sat 5 Dec, 11:04": the hub and a time. */
const atHub = (hub = '.+') => new RegExp(`Pick-up at ${hub} hub, .+\\d\\d:\\d\\d`);
const NEAR_HOME = /Pick-up near home, .+\d\d:\d\d/;

let organiserBrowser: BrowserContext;
let riderBrowser: BrowserContext;
let driverBrowser: BrowserContext;
let page: Page;
let eventId = '';
let startsAt = 0;

const lifts = (p: Page): Locator => p.getByRole('region', { name: 'Lifts', exact: true });
const minutesBefore = (m: number) => new Date(startsAt - m * 60_000).toISOString();

async function offer(req: APIRequestContext, input: Record<string, unknown>): Promise<void> {
  const res = await gql<{ offerLift: { __typename: string; message?: string } }>(
    req,
    `mutation ($id: ID!, $input: LiftOfferInput!) { offerLift(eventId: $id, input: $input) { __typename ${ERRORS} } }`,
    { id: eventId, input },
  );
  if (res.offerLift.__typename !== 'MutationOfferLiftSuccess') throw new Error(`offerLift: ${JSON.stringify(res.offerLift)}`);
}

/** A member asking through the API (the browser asks for the rider under test). */
async function riderAsks(name: string, input: Record<string, unknown>): Promise<void> {
  const req = await apiSession();
  await signUpApi(req, newPerson(name));
  const res = await gql<{ requestLift: { __typename: string } }>(
    req,
    `mutation ($id: ID!, $input: LiftRequestInput!) { requestLift(eventId: $id, input: $input) { __typename ${ERRORS} } }`,
    { id: eventId, input: { seats: 1, ...input } },
  );
  if (res.requestLift.__typename !== 'MutationRequestLiftSuccess') throw new Error(`requestLift: ${JSON.stringify(res.requestLift)}`);
  await req.dispose();
}

beforeAll(async () => {
  organiserBrowser = await newBrowser();
  organiserBrowser.setDefaultTimeout(30_000);
  await signInApi(organiserBrowser.request, ORGANISER.email, ORGANISER.password);
  const mine = await gql<{ me: { organisedEvents: { id: string; kind: string; title: string; startsAt: string }[] } }>(
    organiserBrowser.request,
    '{ me { organisedEvents { id kind title startsAt } } }',
  );
  const rally = mine.me.organisedEvents.find((e) => e.kind === 'RALLY' && e.title.startsWith('London rally'));
  if (!rally) throw new Error('the demo London rally is missing');
  eventId = rally.id;
  startsAt = Date.parse(rally.startsAt);
  page = await organiserBrowser.newPage();
  riderBrowser = await newBrowser();
  riderBrowser.setDefaultTimeout(30_000);
  driverBrowser = await newBrowser();
  driverBrowser.setDefaultTimeout(30_000);
});

afterAll(async () => {
  await Promise.all([organiserBrowser?.close(), riderBrowser?.close(), driverBrowser?.close()]);
});

describe('a coach and cars to the London rally', () => {
  test('riders who can get to a hub fill the coach there, the others a car; both sides see where and when', async () => {
    // The organisers' coach leaves Holloway two hours before the start; a volunteer drives from Walthamstow.
    await offer(organiserBrowser.request, { postcode: 'N7', departAt: minutesBefore(120), vehicle: 'COACH', seats: 40, maxDetourKm: 30 });
    await signUpApi(driverBrowser.request, newPerson('Dara'));
    await offer(driverBrowser.request, { postcode: 'E17', departAt: minutesBefore(90), seats: 2, maxDetourKm: 10 });
    await riderAsks('Hana', { postcode: 'E20', hubReachKm: 2 });
    await riderAsks('Hugo', { postcode: 'E15', hubReachKm: 2 });
    await riderAsks('Omar', { postcode: 'E17' });
    await riderAsks('Olga', { postcode: 'E10' });

    // A rider asks in the browser, saying they can get to a hub.
    const rider = newPerson('Rosa');
    await signUpApi(riderBrowser.request, rider);
    const riderPage = await riderBrowser.newPage();
    await riderPage.goto(`/events/${encodeURIComponent(eventId)}`);
    const section = lifts(riderPage);
    await section.getByRole('button', { name: 'Ask for a lift' }).click();
    await section.getByLabel('Where you need picking up').fill('N1');
    await section.getByLabel('I can get to a pickup hub within this many km').fill('3');
    await section.getByRole('button', { name: 'Find me a lift' }).click();
    await section.getByText('can get to a pickup hub within 3 km').waitFor();

    // The organiser matches everyone: the coach is filled at the hubs, cars take the rest.
    await page.goto(`/events/${encodeURIComponent(eventId)}/lifts`);
    await page.getByRole('button', { name: 'Match everyone' }).click();
    const result = page.getByRole('region', { name: 'Result' });
    await result.waitFor();
    expect(await result.getByTestId('match-coaches-line').textContent()).toMatch(/^1 coach filled with \d+ people at the pickup hubs\.$/);
    const plans = result.getByRole('list', { name: 'Proposed lifts' });
    const coachPlan = plans.getByRole('listitem').filter({ hasText: /\(coach from / });
    // The coach stops at Stratford for the two there; Rosa boards a car at a hub (the car that takes her is the
    // matcher's choice); Omar and Olga are picked up near home.
    await expect.poll(() => coachPlan.textContent()).toMatch(atHub(STRATFORD));
    expect(await plans.getByRole('listitem').filter({ hasText: `${rider.firstName} ` }).textContent()).toMatch(atHub());
    expect(await plans.getByRole('listitem').filter({ hasText: 'Omar' }).textContent()).toMatch(NEAR_HOME);
    await expectAccessible(page, 'organiser lifts page with a coach filled at the hubs');

    // The rider's page: their driver is asked, picking them up at a hub at a time.
    await riderPage.reload();
    await lifts(riderPage).getByRole('heading', { name: 'Waiting for drivers to answer' }).waitFor();
    await lifts(riderPage).getByText(atHub()).waitFor();

    // The coach's driver (the organiser) sees each rider's hub and time; the car's driver, pickups near home.
    const driverPage = await organiserBrowser.newPage();
    await driverPage.goto(`/events/${encodeURIComponent(eventId)}`);
    const asking = lifts(driverPage);
    await asking.getByRole('heading', { name: 'Riders asking you' }).waitFor();
    expect(await asking.getByText(atHub(STRATFORD)).count()).toBe(2);
    const carPage = await driverBrowser.newPage();
    await carPage.goto(`/events/${encodeURIComponent(eventId)}`);
    await lifts(carPage).getByRole('heading', { name: 'Riders asking you' }).waitFor();
    await lifts(carPage).getByText(NEAR_HOME).first().waitFor();
    await expectAccessible(carPage, "car driver's lifts with pickups near home");
  }, 300_000);
});
