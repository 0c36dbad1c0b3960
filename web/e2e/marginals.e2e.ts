import { formatDistanceKm } from '@rallypoint/shared';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mapInkRatio, newBrowser } from './browser.ts';
import { apiSession, arriveAt, departureFor, expectAccessible, gql, newPerson, signUpApi } from './helpers.ts';

// Headingley: in the demo seed its nearest marginal (Bradford West) has a canvass coming up.
const POSTCODE = 'LS6 1AN';

interface ApiSeat {
  distanceKm: number;
  constituency: {
    code: string;
    name: string;
    majority: number;
    majorityPct: number;
    mpName: string;
    upcomingCanvasses: { id: string; title: string; startsAt: string; liftSeatsAvailable: number }[];
  };
}

const NEAREST = `query ($input: NearestMarginalsInput!) { nearestMarginals(input: $input) {
  __typename ... on Error { message }
  ... on QueryNearestMarginalsSuccess { data { seats { distanceKm constituency {
    code name majority majorityPct mpName upcomingCanvasses(first: 5) { id title startsAt liftSeatsAvailable } } } } } } }`;

async function nearestFromApi(input: Record<string, unknown>, first = 5): Promise<ApiSeat[]> {
  const session = await apiSession();
  try {
    const d = await gql<{ nearestMarginals: { message?: string; data?: { seats: ApiSeat[] } } }>(session, NEAREST, {
      input: { ...input, first },
    });
    if (!d.nearestMarginals.data) throw new Error(`nearestMarginals: ${d.nearestMarginals.message}`);
    return d.nearestMarginals.data.seats;
  } finally {
    await session.dispose();
  }
}

let visitor: BrowserContext;
let member: BrowserContext;
/** The API's answer for POSTCODE, after the driver below has offered seats. */
let expected: ApiSeat[];
let canvass: ApiSeat['constituency']['upcomingCanvasses'][number];

beforeAll(async () => {
  [visitor, member] = await Promise.all([newBrowser(), newBrowser()]);
  for (const b of [visitor, member]) b.setDefaultTimeout(30_000);

  const before = await nearestFromApi({ postcode: POSTCODE });
  const first = before[0]?.constituency.upcomingCanvasses[0];
  if (!first) throw new Error(`the demo seed has no upcoming canvass in the nearest marginal to ${POSTCODE}`);
  // A driver offers 3 seats to that canvass, so the page has a lift count to show.
  const driver = await apiSession();
  await signUpApi(driver, newPerson('Drew'), 'LS6 1AN');
  const offer = await gql<{ offerLift: { __typename: string; message?: string } }>(
    driver,
    `mutation ($eventId: ID!, $input: LiftOfferInput!) { offerLift(eventId: $eventId, input: $input) {
      __typename ... on Error { message } } }`,
    {
      eventId: first.id,
      input: { postcode: 'LS6 1AN', departAt: departureFor(first.startsAt), seats: 3, maxDetourKm: 10 },
    },
  );
  await driver.dispose();
  if (offer.offerLift.__typename !== 'MutationOfferLiftSuccess') throw new Error(`offerLift: ${offer.offerLift.message}`);

  expected = await nearestFromApi({ postcode: POSTCODE });
  canvass = expected[0]!.constituency.upcomingCanvasses.find((e) => e.id === first.id)!;
  expect(canvass.liftSeatsAvailable).toBeGreaterThanOrEqual(3);
});
afterAll(async () => {
  await Promise.all([visitor?.close(), member?.close()]);
});

const seatList = (page: Page): Locator => page.getByRole('region', { name: 'Marginal seats, nearest first' });
const seatItems = (page: Page): Locator => seatList(page).getByRole('list').first().locator(':scope > li');
const mapContainer = (page: Page): Locator => page.locator('[data-testid="map"] .maplibregl-map');
/** Resolves once the map has drawn `code` in the given highlight layer (the map reports what it rendered). */
const drawnSeat = (page: Page, which: 'nearest' | 'selected', code: string) =>
  page.locator(`[data-testid="map"] .maplibregl-map[data-drawn-${which}-seat="${code}"]`).waitFor();

async function distancesKm(page: Page): Promise<number[]> {
  return (await seatItems(page).allTextContents()).map((t) => {
    const m = /([\d.]+) km away/.exec(t);
    if (!m) throw new Error(`no distance on seat: ${t}`);
    return Number(m[1]);
  });
}

/** The seat names in the list, in order. */
const seatNames = (page: Page): Promise<string[]> => seatItems(page).getByRole('heading', { level: 3 }).allTextContents();

describe('nearest marginal seats', () => {
  test('a visitor searches a postcode, sees the seats nearest first with their majorities, the nearest outlined on the map, and follows a canvass', async () => {
    const page = await visitor.newPage();
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Nearest marginals' }).click();
    await arriveAt(page, /\/marginals$/, 'Find your nearest marginal seats');
    await expectAccessible(page, 'nearest marginals: the form');

    await page.getByLabel('Your postcode').fill('ls6 1an');
    await page.getByRole('button', { name: 'Find marginal seats' }).click();
    await arriveAt(page, /\/marginals\/LS61AN$/, 'Nearest marginal seats to LS6 1AN');

    // The list: the API's seats, in its order, nearest first.
    await seatItems(page).first().waitFor();
    expect(await seatNames(page)).toEqual(expected.map((s) => s.constituency.name));
    const km = await distancesKm(page);
    expect(km).toEqual([...km].sort((a, b) => a - b));
    const texts = await seatItems(page).allTextContents();
    for (const [i, s] of expected.entries()) expect(texts[i]).toContain(`${formatDistanceKm(s.distanceKm)} away`);
    await expect.poll(() => seatList(page).getByRole('status').textContent()).toBe('Showing the 5 nearest marginal seats to LS6 1AN.');

    const nearest = expected[0]!.constituency;
    const firstSeat = seatItems(page).first();
    const text = await firstSeat.textContent();
    expect(text).toContain('Nearest marginal');
    expect(text).toContain(`${nearest.majority.toLocaleString('en-GB')} votes (${nearest.majorityPct.toFixed(1)}%)`);
    expect(text).toContain(nearest.mpName);
    expect(text).toMatch(/Won by:\s*\S.*, ahead of \S/);
    // Only the first is the nearest; every seat shows its majority.
    expect(await seatList(page).getByText('Nearest marginal', { exact: true }).count()).toBe(1);
    for (const t of texts) expect(t).toMatch(/Majority in 2024:\s*[\d,]+ votes? \((\d+\.\d%|under 0\.1%)\)/);

    // Seats without canvasses say so.
    const empty = expected.find((s) => s.constituency.upcomingCanvasses.length === 0);
    if (empty) {
      const item = seatItems(page).filter({ has: page.getByRole('heading', { name: empty.constituency.name, exact: true }) });
      expect(await item.textContent()).toContain(`No canvasses planned yet in ${empty.constituency.name}.`);
    }

    // The map drew the nearest seat's outline (read back from the rendered layer), said so in words, and has ink.
    await drawnSeat(page, 'nearest', nearest.code);
    expect(Number(await mapContainer(page).getAttribute('data-drawn-marginal-seats'))).toBeGreaterThan(0);
    expect(await page.getByTestId('map-caption').textContent()).toBe(
      `The nearest marginal seat, ${nearest.name}, has a thick purple outline.`,
    );
    expect(await mapInkRatio(page)).toBeGreaterThan(0.05);
    await expectAccessible(page, `nearest marginals to ${POSTCODE}`);

    // Selecting another seat in the list outlines it on the map too.
    const other = expected[2]!.constituency;
    const show = seatList(page).getByRole('button', { name: `Show on the map: ${other.name}` });
    await show.click();
    expect(await show.getAttribute('aria-pressed')).toBe('true');
    await drawnSeat(page, 'selected', other.code);
    expect(await page.getByTestId('map-caption').textContent()).toContain(`The seat you selected, ${other.name}, has a blue dashed outline.`);

    // "Show more seats": ten, still nearest first, focus on the first new one.
    await seatList(page).getByRole('button', { name: 'Show more seats' }).click();
    await page.waitForURL(/\/marginals\/LS61AN\?seats=10$/);
    await expect.poll(() => seatItems(page).count()).toBe(10);
    const more = await distancesKm(page);
    expect(more).toEqual([...more].sort((a, b) => a - b));
    const sixth = (await seatNames(page))[5];
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(sixth);

    // The canvass in the nearest seat, with its lift seats, links to its event page.
    const href = `/events/${encodeURIComponent(canvass.id)}`;
    const item = firstSeat.locator(`li:has(a[href="${href}"])`);
    const seatsText = canvass.liftSeatsAvailable === 1 ? '1 lift seat offered' : `${canvass.liftSeatsAvailable} lift seats offered`;
    expect(await item.textContent()).toContain(seatsText);
    await item.locator(`a[href="${href}"]`).click();
    await arriveAt(page, /\/events\/[^/]+$/, canvass.title);
    expect(new URL(page.url()).pathname).toBe(href);
  });

  test('an unknown postcode gets a clear message; a malformed one is caught before searching', async () => {
    const page = await visitor.newPage();
    await page.goto('/marginals');
    await page.getByRole('heading', { level: 1, name: 'Find your nearest marginal seats' }).waitFor();
    await page.getByLabel('Your postcode').fill('ZZ9 9ZZ');
    await page.getByRole('button', { name: 'Find marginal seats' }).click();
    await page.waitForURL(/\/marginals\/ZZ99ZZ$/);
    const alert = page.getByRole('alert').filter({ hasText: 'ZZ9' });
    await alert.waitFor();
    expect(await alert.textContent()).toBe("We don't know the postcode area ZZ9. Check the postcode and try again:");
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Find your nearest marginal seats');
    expect(await seatList(page).count()).toBe(0);
    await expectAccessible(page, 'nearest marginals: unknown postcode');

    // Searching again from the error works.
    const box = page.getByLabel('Your postcode');
    await box.fill('nope');
    await page.getByRole('button', { name: 'Find marginal seats' }).click();
    await page.getByText('Enter a valid UK postcode or outcode').first().waitFor();
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    await box.fill('B1 1AA');
    await page.getByRole('button', { name: 'Find marginal seats' }).click();
    await arriveAt(page, /\/marginals\/B11AA$/, 'Nearest marginal seats to B1 1AA');
    await seatItems(page).first().waitFor();
  });

  test('a signed-in member with a home area sees the seats near it straight away', async () => {
    await signUpApi(member.request, newPerson('Hollis'), 'BS1 5TR');
    const me = await gql<{ me: { homeArea: { label: string; location: { lat: number; lng: number } } } }>(
      member.request,
      '{ me { homeArea { label location { lat lng } } } }',
    );
    const home = me.me.homeArea;
    const seats = await nearestFromApi({ location: home.location });
    const page = await member.newPage();
    await page.goto('/marginals');
    await page.getByRole('heading', { level: 1, name: `Nearest marginal seats to ${home.label} (your home area)` }).waitFor();
    await seatItems(page).first().waitFor();
    expect(await seatNames(page)).toEqual(seats.map((s) => s.constituency.name));
    await drawnSeat(page, 'nearest', seats[0]!.constituency.code);
  });
});
