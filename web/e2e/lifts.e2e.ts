import { formatDistanceKm, type LatLng, pairDetour } from '@rallypoint/shared';
import type { APIRequestContext, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newBrowser } from './browser.ts';
import {
  arriveAt,
  confirmSignUpViaUi,
  countMutations,
  describedByText,
  displayName,
  expectAccessible,
  gql,
  newPerson,
  signInApi,
  signUpApi,
  signUpViaUi,
} from './helpers.ts';

// The driver starts in N1 (King's Cross) and offers seats to the nearest demo canvass; the rider lives in a
// district near N1, chosen at run time so that picking them up adds a real, within-limit detour.
const DRIVER_POSTCODE = 'N1 9GU';
const DRIVER_DISTRICT = 'N1';
const RIDER_DISTRICTS = ['N7', 'N5', 'NW1', 'N4', 'N16', 'EC1V', 'NW5', 'E8', 'N19', 'WC1H'];
const MAX_DETOUR_KM = 15;
const DRIVER_NOTE = 'Silver estate car outside the Tesco on Upper Street at 9:20. Text 07700 900123.';
const RIDER_NOTE = 'I will wear a red hat; 07700 900456.';

const driver = newPerson('Delphine');
const rider = newPerson('Rufus');
const stranger = newPerson('Saoirse');

interface Canvass {
  id: string;
  title: string;
  startsAt: string;
  location: LatLng;
  region: { id: string };
}

let drivers: BrowserContext;
let riders: BrowserContext;
let strangers: BrowserContext;
let driverPage: Page;
let riderPage: Page;
let strangerPage: Page;
let event: Canvass;
let eventPath = '';
let riderDistrict = '';
let expectedDetourKm = 0;

async function placeOf(req: APIRequestContext, queries: string[]): Promise<Map<string, LatLng>> {
  const out = new Map<string, LatLng>();
  for (const q of queries) {
    const data = await gql<{ place: { data?: { location: LatLng } } }>(
      req,
      'query ($q: String!) { place(query: $q) { ... on QueryPlaceSuccess { data { location { lat lng } } } } }',
      { q },
    );
    if (data.place.data) out.set(q, data.place.data.location);
  }
  return out;
}

beforeAll(async () => {
  [drivers, riders, strangers] = await Promise.all([newBrowser(), newBrowser(), newBrowser()]);
  for (const b of [drivers, riders, strangers]) b.setDefaultTimeout(30_000);
  await signUpApi(riders.request, rider);
  await signUpApi(strangers.request, stranger, DRIVER_POSTCODE);

  // The nearest upcoming demo canvass to N1 whose venue is public (its location is then the exact one).
  const near = await gql<{ eventsNear: { edges: { node: Canvass & { addressHidden: boolean } }[] } }>(
    strangers.request,
    `{ eventsNear(input: { postcode: "${DRIVER_POSTCODE}", radiusKm: 80, kinds: [CANVASS], sort: DISTANCE }, first: 20) {
        ... on EventsNearConnection { edges { node { id title startsAt addressHidden location { lat lng } region { id } } } } } }`,
  );
  const found = near.eventsNear.edges
    .map((e) => e.node)
    .find((e) => !e.addressHidden && new Date(e.startsAt).getTime() > Date.now() + 3 * 3_600_000);
  if (!found) throw new Error('the demo seed has no public canvass within 80 km of N1');
  event = found;
  eventPath = `/events/${encodeURIComponent(event.id)}`;

  // A rider district whose pickup adds between 0.5 km and 12 km to N1 → the venue (the same sum the API ranks by).
  const places = await placeOf(strangers.request, [DRIVER_POSTCODE, ...RIDER_DISTRICTS]);
  const origin = places.get(DRIVER_POSTCODE)!;
  const pick = RIDER_DISTRICTS.map((d) => ({ d, km: places.has(d) ? pairDetour(origin, places.get(d)!, event.location) : -1 })).find(
    (c) => c.km >= 0.5 && c.km <= 12,
  );
  if (!pick) throw new Error(`no district near N1 makes a usable detour to ${event.title}`);
  riderDistrict = pick.d;
  expectedDetourKm = pick.km;
  console.log(`[lifts] ${event.title}: rider from ${riderDistrict}, pickup adds ${expectedDetourKm.toFixed(2)} road km`);

  [driverPage, riderPage] = await Promise.all([drivers.newPage(), riders.newPage()]);
});

afterAll(async () => {
  await Promise.all([drivers?.close(), riders?.close(), strangers?.close()]);
});

const lifts = (page: Page): Locator => page.getByRole('region', { name: 'Lifts', exact: true });
const status = (page: Page, text: string | RegExp): Promise<void> =>
  lifts(page).getByRole('status').filter({ hasText: text }).first().waitFor();

async function openEvent(page: Page): Promise<void> {
  await page.goto(eventPath);
  await page.getByRole('heading', { level: 1, name: event.title }).waitFor();
  await lifts(page).waitFor();
}

describe('lifts on an event page: the rider asks, the driver accepts', () => {
  test('signed out: what lifts are, and a way to sign in', async () => {
    const anonymous = await newBrowser();
    try {
      const page = await anonymous.newPage();
      await openEvent(page);
      await lifts(page).getByText(/free seats? offered so far/).waitFor();
      const link = lifts(page).getByRole('link', { name: 'Sign in to offer or ask for a lift' });
      expect(await link.getAttribute('href')).toBe(`/signin?next=${encodeURIComponent(eventPath)}`);
      expect(await lifts(page).getByRole('button', { name: 'Offer a lift' }).count()).toBe(0);
    } finally {
      await anonymous.close();
    }
  });

  test('the driver signs up, and offers three seats from N1 (prefilled from the home area)', async () => {
    await driverPage.goto('/signup');
    await arriveAt(driverPage, /\/signup$/, 'Create an account');
    await signUpViaUi(driverPage, driver, DRIVER_POSTCODE);
    await confirmSignUpViaUi(driverPage, driver);
    await driverPage.waitForURL((u) => u.pathname === '/');

    await openEvent(driverPage);
    const section = lifts(driverPage);
    await section.getByRole('button', { name: 'Offer a lift' }).click();
    const start = section.getByLabel('Where you start from');
    expect(await start.inputValue()).toBe(DRIVER_DISTRICT);
    // The default departure is before the start (UK time, datetime-local).
    const leaving = await section.getByLabel('Leaving at').inputValue();
    expect(leaving).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    await section.getByLabel('Most you will go out of your way, in km').fill(String(MAX_DETOUR_KM));
    await section.getByLabel('Spare seats').selectOption('3');
    await section.getByRole('button', { name: 'Offer my seats' }).click();

    await status(driverPage, 'Your lift offer is up');
    await section.getByRole('heading', { name: 'Your lift offer' }).waitFor();
    await section.getByText(`You are driving from ${DRIVER_DISTRICT}`).waitFor();
    await section.getByText('3 of 3 seats free').waitFor();
    await section.getByText(`Up to ${MAX_DETOUR_KM} km out of your way`).waitFor();

    // The detour limit is changed by a form of its own, checked by the same rule as the offer's.
    const detour = section.getByLabel('Most you will go out of your way, in km');
    const change = section.getByRole('button', { name: 'Change my detour limit' });
    await detour.fill('');
    await change.click();
    await section.getByText('Detour must be a number of km').waitFor();
    await detour.fill('500');
    await change.click();
    await section.getByText('Detour must be at most 100 km').waitFor();
    await detour.fill(String(MAX_DETOUR_KM));
    await change.click();
    await status(driverPage, `You will now go up to ${MAX_DETOUR_KM} km out of your way.`);
  });

  test('the rider: clear errors for a missing and an unknown postcode, and no axe problems with both forms open', async () => {
    await openEvent(riderPage);
    const section = lifts(riderPage);
    const sent = countMutations(riderPage, 'RequestLift');
    await section.getByRole('button', { name: 'Offer a lift' }).click();
    await section.getByRole('button', { name: 'Ask for a lift' }).click();
    const postcode = section.getByLabel('Where you need picking up');
    expect(await postcode.inputValue()).toBe(''); // no home area to prefill

    // Nothing typed: caught in the browser by the shared schema, nothing sent.
    await section.getByRole('button', { name: 'Find me a lift' }).click();
    const summary = section.getByRole('alert').filter({ has: riderPage.getByRole('heading', { name: 'There is a problem' }) });
    await summary.getByRole('link', { name: 'Enter the postcode (or its first half) of where you start' }).waitFor();
    expect(await postcode.getAttribute('aria-invalid')).toBe('true');
    expect(sent()).toBe(0);

    // A well-formed postcode in an area that does not exist: the API's error, on the field.
    await postcode.fill('ZZ9 9ZZ');
    await section.getByRole('button', { name: 'Find me a lift' }).click();
    await summary.getByRole('link', { name: "We don't know the postcode area ZZ9" }).waitFor();
    expect(await describedByText(postcode)).toContain("We don't know the postcode area ZZ9");
    expect(sent()).toBe(1);

    await expectAccessible(riderPage, 'event page with both lift forms open and errors');
  });

  test('the rider asks from a district near the route, sees the car ranked with its detour and seats, and asks that driver', async () => {
    const section = lifts(riderPage);
    await section.getByLabel('Where you need picking up').fill(riderDistrict);
    await section.getByRole('button', { name: 'Find me a lift' }).click();
    await status(riderPage, 'You asked for a lift');
    await section.getByRole('heading', { name: 'Your lift request' }).waitFor();
    await section.getByText(`From ${riderDistrict}, for 1 person`).waitFor();

    const ranked = section.getByRole('list', { name: 'Cars that could take you' });
    const items = ranked.getByRole('listitem');
    await items.first().waitFor();
    // Smallest detour first.
    const detours = (await items.allTextContents()).map((t) => {
      const m = /adds ([\d.]+) km/.exec(t);
      if (!m) throw new Error(`no detour on: ${t}`);
      return Number(m[1]);
    });
    expect(detours).toEqual([...detours].sort((a, b) => a - b));

    const car = items.filter({ hasText: displayName(driver) });
    const text = (await car.textContent()) ?? '';
    expect(text).toContain(`from ${DRIVER_DISTRICT}, leaving`);
    expect(text).toContain(`adds ${formatDistanceKm(expectedDetourKm)}`);
    expect(text).toContain('3 seats left');
    expect(text).not.toContain(driver.lastName);

    await car.getByRole('button', { name: `Ask this driver (${displayName(driver)})` }).click();
    await status(riderPage, `You asked ${displayName(driver)}`);
    await car.getByText('You asked this driver.').waitFor();
    await section.getByRole('heading', { name: 'Waiting for drivers to answer' }).waitFor();
    await section.getByRole('button', { name: `Withdraw the proposal to ${displayName(driver)}` }).waitFor();
  });

  test('the driver reloads, sees the rider asking with their district and detour, and accepts with a pickup note', async () => {
    await driverPage.reload();
    const section = lifts(driverPage);
    await section.getByRole('heading', { name: 'Riders asking you' }).waitFor();
    const asking = section.getByRole('listitem').filter({ hasText: displayName(rider) });
    const text = (await asking.textContent()) ?? '';
    expect(text).toContain(`from ${riderDistrict}`);
    expect(text).toContain(`adds ${formatDistanceKm(expectedDetourKm)}`);
    expect(text).not.toContain(rider.lastName);

    await asking.getByLabel(`Pickup details for ${displayName(rider)}`).fill(DRIVER_NOTE);
    await asking.getByRole('button', { name: `Accept the lift with ${displayName(rider)}` }).click();
    await status(driverPage, 'Lift agreed');
    // The card refreshes without a reload: the rider moves to "taking", a seat is gone.
    await section.getByText('2 of 3 seats free').waitFor();
    expect(await section.getByRole('heading', { name: 'Riders asking you' }).count()).toBe(0);
    const taking = section.getByRole('listitem').filter({ hasText: displayName(rider) });
    // Once agreed, each side sees the other's full name, to find each other at the pickup.
    await taking.getByText(`${rider.firstName} ${rider.lastName}'s pickup details`).waitFor();
    expect(await taking.getByLabel('Your pickup details').inputValue()).toBe(DRIVER_NOTE);
    await expectAccessible(driverPage, 'event page: driver with an agreed rider');
  });

  test("the rider reloads: the agreed lift with the driver's name and pickup note; their own note reaches the driver", async () => {
    await riderPage.reload();
    const section = lifts(riderPage);
    await section.getByText('You have a lift.').waitFor();
    const agreed = section.locator('.lift-agreed');
    await agreed.getByRole('heading', { name: 'Your lift' }).waitFor();
    await agreed.getByText(`${displayName(driver)} is driving you from ${DRIVER_DISTRICT}`).waitFor();
    await agreed.getByText(DRIVER_NOTE).waitFor();
    // The two sides of an agreed lift see each other's full name (nobody else does: see the stranger below).
    await agreed.getByText(`${driver.firstName} ${driver.lastName}'s pickup details`).waitFor();
    expect(await section.getByRole('list', { name: 'Cars that could take you' }).count()).toBe(0);

    await agreed.getByLabel('Your pickup details').fill(RIDER_NOTE);
    await agreed.getByRole('button', { name: 'Save pickup details' }).click();
    await status(riderPage, 'Pickup details saved');

    await driverPage.reload();
    await lifts(driverPage).getByRole('listitem').filter({ hasText: displayName(rider) }).getByText(RIDER_NOTE).waitFor();
  });

  test('a signed-in stranger sees the car with a seat fewer, but no pickup details and no surnames', async () => {
    strangerPage = await strangers.newPage();
    const page = strangerPage;
    await openEvent(page);
    const section = lifts(page);
    await section.getByRole('button', { name: 'Ask for a lift' }).click();
    // Their home area (N1) prefills; from there the same car is a candidate, now with two seats left.
    expect(await section.getByLabel('Where you need picking up').inputValue()).toBe(DRIVER_DISTRICT);
    await section.getByRole('button', { name: 'Find me a lift' }).click();
    await status(page, 'You asked for a lift');
    const car = section.getByRole('list', { name: 'Cars that could take you' }).getByRole('listitem').filter({ hasText: displayName(driver) });
    await car.getByText('2 seats left').waitFor();

    const body = (await page.locator('body').textContent()) ?? '';
    for (const secret of [DRIVER_NOTE, RIDER_NOTE, '07700', driver.lastName, rider.lastName]) expect(body).not.toContain(secret);
    await expectAccessible(page, 'event page: a rider with ranked cars');
  });

  test('the driver offers the stranger a seat from "riders near your route"; the stranger declines', async () => {
    await driverPage.reload();
    const section = lifts(driverPage);
    await section.getByRole('heading', { name: 'Riders looking for a lift near your route' }).waitFor();
    const nearby = section.getByRole('listitem').filter({ hasText: displayName(stranger) });
    expect(await nearby.textContent()).toContain(`from ${DRIVER_DISTRICT}`);
    await nearby.getByRole('button', { name: `Offer ${displayName(stranger)} a seat` }).click();
    await status(driverPage, `You offered ${displayName(stranger)} a seat`);
    await section.getByRole('heading', { name: 'Waiting for riders to answer' }).waitFor();
    await section.getByRole('button', { name: `Withdraw the proposal to ${displayName(stranger)}` }).waitFor();

    await strangerPage.reload();
    const theirs = lifts(strangerPage);
    await theirs.getByRole('heading', { name: 'Drivers offering you a seat' }).waitFor();
    await theirs.getByRole('button', { name: `Decline the lift with ${displayName(driver)}` }).click();
    await status(strangerPage, 'Declined');
    await theirs.getByRole('button', { name: `Ask this driver (${displayName(driver)})` }).waitFor();
    expect(await theirs.getByRole('heading', { name: 'Drivers offering you a seat' }).count()).toBe(0);

    await driverPage.reload();
    await lifts(driverPage).getByText('2 of 3 seats free').waitFor();
    expect(await lifts(driverPage).getByRole('heading', { name: 'Waiting for riders to answer' }).count()).toBe(0);
  });

  test('an organiser for the region gets a "Manage lifts" link', async () => {
    const organiser = await newBrowser();
    try {
      await signInApi(organiser.request, `organiser.${event.region.id}@rallypoint.example`, 'rallypoint-demo');
      const page = await organiser.newPage();
      await openEvent(page);
      const link = lifts(page).getByRole('link', { name: 'Manage lifts' });
      expect(await link.getAttribute('href')).toBe(`${eventPath}/lifts`);
      // Members do not get it.
      expect(await lifts(riderPage).getByRole('link', { name: 'Manage lifts' }).count()).toBe(0);
    } finally {
      await organiser.close();
    }
  });
});
