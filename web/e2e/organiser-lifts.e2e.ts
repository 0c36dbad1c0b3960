import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mapInkRatio, newBrowser } from './browser.ts';
import {
  apiSession,
  createEventApi,
  departureFor,
  startOnTheHour,
  displayName,
  expectAccessible,
  gql,
  newPerson,
  type Person,
  signInApi,
  signUpApi,
  uid,
} from './helpers.ts';

// Hendon (NW4): cars from three districts and eight requests around it, one (Bromley) out of every car's reach.
const VENUE_POSTCODE = 'NW4 4BT';
const OFFERS = [
  { name: 'Dana', postcode: 'N3 1DH', seats: 3, maxDetourKm: 12 },
  { name: 'Eric', postcode: 'EN5 5SA', seats: 4, maxDetourKm: 15, wheelchairAccessible: true },
  { name: 'Hana', postcode: 'HA8 7AD', seats: 2, maxDetourKm: 6 },
];
const REQUESTS = [
  { name: 'Nina', postcode: 'N12 0DR' },
  { name: 'Omar', postcode: 'N20 0AB', seats: 3 },
  { name: 'Wes', postcode: 'N11 1NP', needsWheelchair: true },
  { name: 'Pia', postcode: 'N2 0SE' },
  { name: 'Milo', postcode: 'NW7 3JB' },
  { name: 'Hal', postcode: 'HA7 1BT' },
  { name: 'Enid', postcode: 'EN4 9PA' },
  { name: 'Bram', postcode: 'BR1 1AA' },
];
const PEOPLE = REQUESTS.reduce((n, r) => n + (r.seats ?? 1), 0);
const SEATS = OFFERS.reduce((n, o) => n + o.seats, 0);

const ERR = '... on Error { __typename message }';
const OFFER = `mutation ($eventId: ID!, $input: LiftOfferInput!) {
  offerLift(eventId: $eventId, input: $input) { __typename ... on MutationOfferLiftSuccess { data { id } } ${ERR} } }`;
const REQUEST = `mutation ($eventId: ID!, $input: LiftRequestInput!) {
  requestLift(eventId: $eventId, input: $input) { __typename ... on MutationRequestLiftSuccess { data { id } } ${ERR} } }`;
const DRIVER_VIEW = `query ($id: ID!) { event(id: $id) { myLiftOffer { id matches {
  id status viewerCanAccept request { id seats rider { displayName } } } } } }`;
const ACCEPT = `mutation ($matchId: ID!) { acceptLift(matchId: $matchId) { __typename ${ERR} } }`;
const LIFT_LISTS = `query ($id: ID!) { event(id: $id) {
  liftRequestsOpen liftSeatsAvailable
  liftRequests { id seats origin { label location { lat lng } } rider { displayName } }
  liftOffers { id seatsLeft origin { label location { lat lng } } } } }`;

interface Ack {
  __typename: string;
  message?: string;
  data?: { id: string };
}
interface DriverMatch {
  id: string;
  status: string;
  viewerCanAccept: boolean;
  request: { id: string; seats: number; rider: { displayName: string } };
}
interface Origin {
  label: string;
  location: { lat: number; lng: number };
}
interface LiftLists {
  liftRequestsOpen: number;
  liftSeatsAvailable: number;
  liftRequests: { id: string; seats: number; origin: Origin; rider: { displayName: string } }[];
  liftOffers: { id: string; seatsLeft: number; origin: Origin }[];
}

function ok(op: string, r: Ack): string {
  if (!r.__typename.endsWith('Success') || !r.data) throw new Error(`${op}: ${r.__typename} ${r.message}`);
  return r.data.id;
}

async function driverMatches(driver: APIRequestContext, eventId: string): Promise<DriverMatch[]> {
  const d = await gql<{ event: { myLiftOffer: { matches: DriverMatch[] } | null } }>(driver, DRIVER_VIEW, { id: eventId });
  return d.event.myLiftOffer?.matches ?? [];
}

async function liftLists(session: APIRequestContext, eventId: string): Promise<LiftLists> {
  return (await gql<{ event: LiftLists }>(session, LIFT_LISTS, { id: eventId })).event;
}

/** Distinct lift origins: the page draws one marker per district centre (or snapped pin). */
const districts = (items: { origin: Origin }[]) =>
  new Set(items.map(({ origin: o }) => `${o.label}@${o.location.lat.toFixed(4)},${o.location.lng.toFixed(4)}`)).size;

/** A number from the counts at the top of the page. */
async function countOnPage(page: Page, term: string): Promise<number> {
  const text = await page.getByTestId('lift-counts').locator('div', { hasText: term }).locator('dd').textContent();
  return Number(text);
}

/** Waits for the map's report of the markers inside its view ("car:3 request:8 venue:1"). */
async function drawnMarkers(page: Page, expected: string): Promise<void> {
  const map = page.locator('[data-testid="map"] [data-drawn-markers]');
  await expect.poll(() => map.getAttribute('data-drawn-markers'), { timeout: 20_000 }).toBe(expected);
}

const HEADLINE = /^(\d+) of (\d+) (?:person|people) matched into (\d+) cars? \(total added detour ([\d.,]+) km\)(?:; nearest-first would have matched (\d+))?\.$/;

function parseHeadline(text: string) {
  const m = HEADLINE.exec(text.trim());
  if (!m) throw new Error(`unexpected headline: ${text}`);
  return {
    matched: Number(m[1]),
    requested: Number(m[2]),
    cars: Number(m[3]),
    detourKm: Number(m[4]!.replace(/,/g, '')),
    greedy: m[5] === undefined ? null : Number(m[5]),
  };
}

let browser: BrowserContext;
let page: Page;
const organiser = newPerson('Orla');
const title = `Hendon lifts canvass ${uid()}`;
let eventId = '';
const sessions: APIRequestContext[] = [];
const drivers: { person: Person; session: APIRequestContext; offerId: string }[] = [];
const riders: { person: Person; session: APIRequestContext; requestId: string; seats: number }[] = [];

beforeAll(async () => {
  browser = await newBrowser();
  browser.setDefaultTimeout(30_000);
  page = await browser.newPage();

  const org = await apiSession();
  sessions.push(org);
  await signUpApi(org, organiser);
  const startsAt = startOnTheHour(5);
  eventId = await createEventApi(org, { title, postcode: VENUE_POSTCODE, startsAt, venueName: 'Hendon Library' });
  const departAt = departureFor(startsAt);

  for (const { name, ...input } of OFFERS) {
    const session = await apiSession();
    sessions.push(session);
    const person = newPerson(name);
    await signUpApi(session, person);
    const r = await gql<{ offerLift: Ack }>(session, OFFER, { eventId, input: { departAt, ...input } });
    drivers.push({ person, session, offerId: ok('offerLift', r.offerLift) });
  }
  for (const { name, ...input } of REQUESTS) {
    const session = await apiSession();
    sessions.push(session);
    const person = newPerson(name);
    await signUpApi(session, person);
    const r = await gql<{ requestLift: Ack }>(session, REQUEST, { eventId, input: { seats: 1, ...input } });
    riders.push({ person, session, requestId: ok('requestLift', r.requestLift), seats: input.seats ?? 1 });
  }
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(sessions.map((s) => s.dispose()));
});

describe('organiser view of an event’s lifts', () => {
  const path = () => `/events/${eventId}/lifts`;
  const heading = () => page.getByRole('heading', { level: 1, name: `Lifts for ${title}` });

  test('a signed-out visitor is asked to sign in; a plain member is refused', async () => {
    await page.goto(path());
    await heading().waitFor();
    const prompt = page.getByTestId('lifts-sign-in');
    expect(await prompt.textContent()).toContain("Sign in as one of this event's organisers to manage its lifts.");
    expect(await prompt.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe(
      `/signin?next=${encodeURIComponent(path())}`,
    );

    const member = newPerson('Mo');
    await signUpApi(browser.request, member);
    await page.goto(path());
    await heading().waitFor();
    expect(await page.getByTestId('lifts-refused').textContent()).toContain("Only this event's organisers can manage lifts.");
    // None of the organiser tools or lists.
    expect(await page.getByRole('button', { name: 'Match everyone' }).count()).toBe(0);
    expect(await page.getByRole('table').count()).toBe(0);
    await expectAccessible(page, 'lifts page refused to a member');
    await gql(browser.request, 'mutation { signOut }');
  });

  test('the organiser sees who needs a lift and the cars, listed and drawn on the map', async () => {
    await signInApi(browser.request, organiser.email, organiser.password);
    await page.goto(path());
    await heading().waitFor();
    await page.getByTestId('lift-counts').waitFor();
    expect(await countOnPage(page, 'People still needing a lift')).toBe(PEOPLE);
    expect(await countOnPage(page, 'Free seats offered')).toBe(SEATS);

    const requests = page.getByTestId('lift-requests');
    expect(await requests.locator('tbody tr').count()).toBe(REQUESTS.length);
    for (const r of riders) {
      const row = requests.locator('tbody tr', { has: page.getByRole('rowheader', { name: displayName(r.person), exact: true }) });
      expect(await row.locator('td').nth(1).textContent()).toBe(String(r.seats));
    }
    const bram = riders.find((r) => r.person.firstName === 'Bram')!;
    const bramRow = requests.locator('tbody tr', { has: page.getByRole('rowheader', { name: displayName(bram.person) }) });
    expect(await bramRow.locator('td').nth(0).textContent()).toBe('BR1');
    expect(await bramRow.locator('td').nth(3).textContent()).toBe('None');
    const wes = riders.find((r) => r.person.firstName === 'Wes')!;
    const wesRow = requests.locator('tbody tr', { has: page.getByRole('rowheader', { name: displayName(wes.person) }) });
    expect(await wesRow.locator('td').nth(2).textContent()).toBe('Needs wheelchair access');

    const cars = page.getByTestId('lift-offers');
    expect(await cars.locator('tbody tr').count()).toBe(OFFERS.length);
    for (const d of drivers) await cars.getByRole('rowheader', { name: displayName(d.person), exact: true }).waitFor();

    // The map draws the venue and one marker per district (all within the first view), and the basemap.
    const lists = await liftLists(browser.request, eventId);
    await drawnMarkers(page, `car:${districts(lists.liftOffers)} request:${districts(lists.liftRequests)} venue:1`);
    expect(districts(lists.liftRequests)).toBe(REQUESTS.length);
    const ink = await mapInkRatio(page);
    await page.screenshot({ path: '/tmp/e2e-organiser-lifts.png', fullPage: true });
    expect(ink).toBeGreaterThan(0.01);
    expect(await page.getByRole('region', { name: /^Map of lifts to / }).count()).toBe(1);
    await expectAccessible(page, 'organiser lifts page before matching');
  });

  test('"Match everyone" proposes lifts and the summary agrees with what drivers see', async () => {
    await page.getByRole('button', { name: 'Match everyone' }).click();
    const result = page.getByRole('region', { name: 'Result' });
    await result.waitFor();
    const headline = parseHeadline((await result.getByTestId('match-headline').textContent()) ?? '');
    expect(headline.requested).toBe(PEOPLE);
    expect(headline.matched).toBeGreaterThan(0);
    expect(headline.matched).toBeLessThan(PEOPLE); // Bromley is out of reach
    if (headline.greedy !== null) expect(headline.matched).toBeGreaterThanOrEqual(headline.greedy);
    expect(headline.detourKm).toBeGreaterThanOrEqual(0);

    // What the drivers now see as proposals, through the API.
    const perDriver = await Promise.all(drivers.map((d) => driverMatches(d.session, eventId)));
    const proposed = perDriver.map((ms) => ms.filter((m) => m.status === 'PROPOSED'));
    const proposals = proposed.flat();
    expect(proposals.reduce((n, m) => n + m.request.seats, 0)).toBe(headline.matched);
    expect(proposed.filter((ms) => ms.length > 0).length).toBe(headline.cars);
    expect(await result.getByTestId('match-proposals-line').textContent()).toBe(
      `${proposals.length} new ${proposals.length === 1 ? 'proposal' : 'proposals'}; 0 already proposed.`,
    );
    expect(await result.getByTestId('match-skipped-line').textContent()).toMatch(/^0 pairs not proposed again/);
    expect(await result.textContent()).toContain('Drivers now confirm each proposal');

    // Each car's line names its driver and the riders the driver was sent.
    const plans = result.getByRole('list', { name: 'Proposed lifts' }).getByRole('listitem');
    expect(await plans.count()).toBe(headline.cars);
    for (const [i, ms] of proposed.entries()) {
      if (ms.length === 0) continue;
      const line = plans.filter({ hasText: displayName(drivers[i]!.person) });
      const text = (await line.textContent()) ?? '';
      for (const m of ms) expect(text).toContain(m.request.rider.displayName);
    }
    // Bromley is still without a car; so is everyone the drivers were not sent.
    const matchedIds = new Set(proposals.map((m) => m.request.id));
    const unmatched = riders.filter((r) => !matchedIds.has(r.requestId));
    const unmatchedList = result.getByTestId('match-unmatched').locator(':scope > li');
    expect(await unmatchedList.count()).toBe(unmatched.length);
    expect(await result.getByTestId('match-unmatched').textContent()).toContain(displayName(riders.at(-1)!.person));
    // Each has next steps: the cars with room nearest to taking them, with how much further each would have to go.
    const bram = result.getByRole('region', { name: `Next steps for ${displayName(riders.at(-1)!.person)}` });
    await bram.waitFor();
    expect(await bram.textContent()).toMatch(/more than their limit of|No car with room could reach them/);

    // The table marks who was proposed to whom (requests stay open until the driver accepts).
    const requests = page.getByTestId('lift-requests');
    expect(await requests.locator('tbody tr').count()).toBe(REQUESTS.length);
    await expect.poll(() => requests.getByText(/^Proposed to /).count()).toBe(proposals.length);
    await page.screenshot({ path: '/tmp/e2e-organiser-lifts-matched.png', fullPage: true });
    await expectAccessible(page, 'organiser lifts page after matching');
  });

  test('a driver accepts a proposal; the page then counts them as carried, and a rerun still agrees', async () => {
    let driver: (typeof drivers)[number] | undefined;
    let proposal: DriverMatch | undefined;
    for (const d of drivers) {
      proposal = (await driverMatches(d.session, eventId)).find((m) => m.status === 'PROPOSED');
      driver = d;
      if (proposal) break;
    }
    expect(proposal?.viewerCanAccept).toBe(true);
    const accepted = await gql<{ acceptLift: { __typename: string; message?: string } }>(driver!.session, ACCEPT, {
      matchId: proposal!.id,
    });
    expect(accepted.acceptLift.__typename).toBe('MutationAcceptLiftSuccess');

    await page.reload();
    await heading().waitFor();
    await page.getByTestId('lift-counts').waitFor();
    const left = PEOPLE - proposal!.request.seats;
    expect(await countOnPage(page, 'People still needing a lift')).toBe(left);
    expect(await countOnPage(page, 'Free seats offered')).toBe(SEATS - proposal!.request.seats);
    const requests = page.getByTestId('lift-requests');
    expect(await requests.locator('tbody tr').count()).toBe(REQUESTS.length - 1);
    expect(await requests.getByRole('rowheader', { name: proposal!.request.rider.displayName, exact: true }).count()).toBe(0);
    // Proposals still waiting on drivers show after a reload too (read from the API, not remembered by the page).
    const stillPending = (await Promise.all(drivers.map((d) => driverMatches(d.session, eventId))))
      .flat()
      .filter((m) => m.status === 'PROPOSED');
    expect(stillPending.length).toBeGreaterThan(0);
    expect(await requests.getByText(/^Proposed to /).count()).toBe(new Set(stillPending.map((m) => m.request.id)).size);

    // Running again plans only for who is still waiting; the UI's numbers match the drivers' proposals again.
    await page.getByRole('button', { name: 'Match everyone' }).click();
    const result = page.getByRole('region', { name: 'Result' });
    await result.waitFor();
    const headline = parseHeadline((await result.getByTestId('match-headline').textContent()) ?? '');
    expect(headline.requested).toBe(left);
    const pending = (await Promise.all(drivers.map((d) => driverMatches(d.session, eventId))))
      .flat()
      .filter((m) => m.status === 'PROPOSED');
    expect(pending.reduce((n, m) => n + m.request.seats, 0)).toBe(headline.matched);
    const line = (await result.getByTestId('match-proposals-line').textContent()) ?? '';
    const [, created, already] = /^(\d+) new proposals?; (\d+) already proposed\.$/.exec(line) ?? [];
    expect(Number(created) + Number(already)).toBe(pending.length);
    expect(Number(already)).toBeGreaterThan(0);
  });
});

describe('a regional organiser and the demo data', () => {
  test('sees the demo rally’s lifts, listed and mapped like the API reports them', async () => {
    const session = await apiSession();
    sessions.push(session);
    await signInApi(session, 'organiser.london@rallypoint.example', 'rallypoint-demo');
    const mine = await gql<{ me: { organisedEvents: { id: string; title: string; kind: string }[] } }>(
      session,
      '{ me { organisedEvents { id title kind } } }',
    );
    let rally: { id: string; title: string; lists: LiftLists } | null = null;
    for (const e of mine.me.organisedEvents.filter((x) => x.kind === 'RALLY')) {
      const lists = await liftLists(session, e.id);
      if (lists.liftRequests.length > 0 && lists.liftOffers.length > 0) {
        rally = { id: e.id, title: e.title, lists };
        break;
      }
    }
    if (!rally) throw new Error('the demo seed has no London rally with open lift requests and offers');

    await gql(browser.request, 'mutation { signOut }');
    await signInApi(browser.request, 'organiser.london@rallypoint.example', 'rallypoint-demo');
    await page.goto(`/events/${rally.id}/lifts`);
    await page.getByRole('heading', { level: 1, name: `Lifts for ${rally.title}` }).waitFor();
    await page.getByTestId('lift-counts').waitFor();
    // Read again: other test files may have changed the demo lifts meanwhile.
    const lists = await liftLists(session, rally.id);
    expect(await countOnPage(page, 'People still needing a lift')).toBe(lists.liftRequestsOpen);
    expect(await countOnPage(page, 'Free seats offered')).toBe(lists.liftSeatsAvailable);
    expect(await page.getByTestId('lift-requests').locator('tbody tr').count()).toBe(lists.liftRequests.length);
    expect(await page.getByTestId('lift-offers').locator('tbody tr').count()).toBe(lists.liftOffers.length);
    await drawnMarkers(page, `car:${districts(lists.liftOffers)} request:${districts(lists.liftRequests)} venue:1`);
    await page.getByRole('button', { name: 'Match everyone' }).waitFor();
  });
});
