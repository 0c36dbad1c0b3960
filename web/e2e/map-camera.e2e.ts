import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newBrowser, waitForMapIdle } from './browser.ts';
import {
  createEventApi,
  departureFor,
  startOnTheHour,
  expectAccessible,
  gql,
  nearList,
  newPerson,
  signUpApi,
  uid,
} from './helpers.ts';

// Around Fort William (PH33), where no other test file puts events: one there, one in Ballachulish (PH49, ~16 km)
// and one in Acharacle (PH36, ~46 km west).
const HERE = 'PH33 6SW';
const NEAR = 'PH49 4HN';
const FAR = 'PH36 4HX';

let desktop: BrowserContext;
let phone: BrowserContext;
const organiser = newPerson('Morven');
const ids: Record<'here' | 'near' | 'far', string> = { here: '', near: '', far: '' };
const locations: Record<string, { lat: number; lng: number }> = {};

const EVENT_LOCATION = `query ($id: ID!) { event(id: $id) { location { lat lng } } }`;
const PLACE_AT = `query ($location: LatLngInput!) { placeAt(location: $location) {
  ... on QueryPlaceAtSuccess { data { outcode constituency { name } } } } }`;
const OFFER = `mutation ($eventId: ID!, $input: LiftOfferInput!) {
  offerLift(eventId: $eventId, input: $input) { __typename ... on Error { message } } }`;

beforeAll(async () => {
  [desktop, phone] = await Promise.all([newBrowser(), newBrowser({ width: 390, height: 844 })]);
  await signUpApi(desktop.request, organiser);
  const tag = uid();
  ids.here = await createEventApi(desktop.request, { title: `Fort William stall ${tag}`, postcode: HERE, inDays: 4 });
  ids.near = await createEventApi(desktop.request, { title: `Ballachulish doors ${tag}`, postcode: NEAR, inDays: 5 });
  ids.far = await createEventApi(desktop.request, { title: `Acharacle meeting ${tag}`, postcode: FAR, inDays: 6 });
  for (const [key, id] of Object.entries(ids)) {
    const r = await gql<{ event: { location: { lat: number; lng: number } } }>(desktop.request, EVENT_LOCATION, { id });
    locations[key] = r.event.location;
  }
});
afterAll(async () => {
  await desktop?.close();
  await phone?.close();
});

/** The map's view (west, south, east, north) and its box on the page. */
async function mapView(page: Page): Promise<{ west: number; south: number; east: number; north: number; box: { x: number; y: number; width: number; height: number } }> {
  const el = page.locator('[data-testid="map"] [data-bounds]').first();
  await el.waitFor({ state: 'attached' });
  const [west, south, east, north] = ((await el.getAttribute('data-bounds')) ?? '').split(',').map(Number) as [number, number, number, number];
  const box = await el.boundingBox();
  if (!box) throw new Error('map has no box');
  return { west, south, east, north, box };
}

const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

/** Where a point is drawn, in page pixels (Web Mercator, as the map draws it). */
function toPixel(view: Awaited<ReturnType<typeof mapView>>, p: { lat: number; lng: number }) {
  const fx = (p.lng - view.west) / (view.east - view.west);
  const fy = (mercatorY(view.north) - mercatorY(p.lat)) / (mercatorY(view.north) - mercatorY(view.south));
  return { x: view.box.x + fx * view.box.width, y: view.box.y + fy * view.box.height };
}

function toLatLng(view: Awaited<ReturnType<typeof mapView>>, x: number, y: number) {
  const fx = (x - view.box.x) / view.box.width;
  const fy = (y - view.box.y) / view.box.height;
  const my = mercatorY(view.north) - fy * (mercatorY(view.north) - mercatorY(view.south));
  return { lng: view.west + fx * (view.east - view.west), lat: (360 / Math.PI) * Math.atan(Math.exp(my)) - 90 };
}

/** True when the point is drawn inside the map, at least `margin` px from its edges. */
async function inView(page: Page, p: { lat: number; lng: number }, margin: number): Promise<boolean> {
  const view = await mapView(page);
  const { x, y } = toPixel(view, p);
  const { box } = view;
  return x >= box.x + margin && x <= box.x + box.width - margin && y >= box.y + margin && y <= box.y + box.height - margin;
}

const centreOf = async (l: Locator) => {
  const b = await l.boundingBox();
  if (!b) throw new Error('no box');
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
};

/** Presses the prompt's button (a dispatched click: Playwright's own click could stall while the map animates). */
const widen = (page: Page, km: number) => page.getByRole('button', { name: `Widen to ${km} km` }).dispatchEvent('click');

describe('the near page camera fits the results', () => {
  test('on a phone, an event 46 km from the searched place is inside the map, not off its edge', async () => {
    const page = await phone.newPage();
    await page.goto('/near/PH33?radius=50');
    const list = nearList(page);
    await list.getByRole('link', { name: /Acharacle meeting/ }).waitFor();
    await page.getByRole('button', { name: 'Map', exact: true }).click();
    await waitForMapIdle(page);
    // At the radius's fixed zoom a 360 px wide map shows about ±43 km: the fit has to zoom out for it.
    for (const key of ['here', 'near', 'far']) expect(await inView(page, locations[key]!, 20), key).toBe(true);
    await page.close();
  });

  test('few results offer a wider search, and the map fits the new results', async () => {
    const page = await desktop.newPage();
    await page.goto('/near/PH33?radius=5');
    const list = nearList(page);
    await list.getByRole('link', { name: /Fort William stall/ }).waitFor();
    const prompt = page.getByTestId('widen-prompt');
    await expect.poll(() => prompt.textContent()).toBe('Only 1 event within 5 km — Widen to 10 km');
    await expectAccessible(page, 'near page with the widen prompt');

    await widen(page, 10);
    await page.waitForURL(/radius=10/);
    await page.getByRole('heading', { name: 'Events within 10 km' }).waitFor();
    await expect.poll(() => prompt.textContent()).toBe('Only 1 event within 10 km — Widen to 25 km');

    await widen(page, 25);
    await list.getByRole('link', { name: /Ballachulish doors/ }).waitFor();
    await expect.poll(() => prompt.textContent()).toBe('Only 2 events within 25 km — Widen to 50 km');
    await widen(page, 50);
    await list.getByRole('link', { name: /Acharacle meeting/ }).waitFor();
    // Three found: no prompt; every listed event is in view, clear of the edges.
    await expect.poll(() => prompt.count()).toBe(0);
    await waitForMapIdle(page);
    for (const key of ['here', 'near', 'far']) await expect.poll(() => inView(page, locations[key]!, 40), { message: key, timeout: 10_000 }).toBe(true);
    await page.close();
  });
});

describe('maps with a pin', () => {
  test('the event page shows the venue on a map that fits a phone', async () => {
    const page = await phone.newPage();
    await page.goto(`/events/${ids.here}`);
    // Below the event's details on a phone, the map loads as it is scrolled to.
    await page.locator('[data-testid="map"]').scrollIntoViewIfNeeded();
    const map = page.getByRole('region', { name: /^Map showing where / });
    await map.waitFor();
    await waitForMapIdle(page);
    expect(await page.locator('[data-testid="map"] .map-pin').count()).toBe(1);
    const box = await page.locator('[data-testid="map"]').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await inView(page, locations.here!, 20)).toBe(true);
    await page.close();
  });

  test('the organiser drags the pin: the district in words follows it, and the event is saved where it was left', async () => {
    const page = await desktop.newPage();
    const id = await createEventApi(desktop.request, { title: `Headingley hustings ${uid()}`, postcode: 'LS6 1AN' });
    await page.goto(`/events/${id}/edit`);
    await page.getByText('Pin the exact spot on a map').click();
    const status = page.locator('.pin-status');
    await expect.poll(() => status.textContent()).toBe('Pinned in LS6, near Leeds Central and Headingley.');
    await waitForMapIdle(page);
    await expectAccessible(page, 'event form with the pin map open');

    const pin = page.locator('[data-testid="map"] .maplibregl-marker', { has: page.locator('.map-pin-movable') });
    const from = await centreOf(pin);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 90, from.y - 100, { steps: 12 });
    await page.mouse.up();
    const to = await centreOf(pin);
    expect(Math.abs(to.x - (from.x + 90))).toBeLessThan(4);
    expect(Math.abs(to.y - (from.y - 100))).toBeLessThan(4);
    const dropped = toLatLng(await mapView(page), to.x, to.y);
    const there = await gql<{ placeAt: { data: { outcode: string; constituency: { name: string } } } }>(desktop.request, PLACE_AT, {
      location: { lat: Number(dropped.lat.toFixed(4)), lng: Number(dropped.lng.toFixed(4)) },
    });
    expect(there.placeAt.data.outcode).not.toBe('LS6');
    await expect
      .poll(() => status.textContent())
      .toBe(`Pinned in ${there.placeAt.data.outcode}, near ${there.placeAt.data.constituency.name}.`);

    // The arrow keys move it too (Shift: 40 px).
    await page.locator('.map-pin-movable').focus();
    await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(async () => Math.round((await centreOf(pin)).x - to.x)).toBe(-40);
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(async () => Math.round((await centreOf(pin)).x - to.x)).toBe(0);

    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(new RegExp(`/events/${id}$`));
    const saved = await gql<{ event: { location: { lat: number; lng: number } } }>(desktop.request, EVENT_LOCATION, { id });
    expect(Math.abs(saved.event.location.lat - dropped.lat)).toBeLessThan(0.0015);
    expect(Math.abs(saved.event.location.lng - dropped.lng)).toBeLessThan(0.0015);
    await page.close();
  });

  test("on the organiser's lifts map the venue is drawn above a car from its own district, and clicking it zooms in", async () => {
    const driver = phone.request;
    await signUpApi(driver, newPerson('Ewan'));
    const startsAt = startOnTheHour(7);
    const id = await createEventApi(desktop.request, { title: `Ballachulish lifts ${uid()}`, postcode: NEAR, startsAt });
    const offer = await gql<{ offerLift: { __typename: string; message?: string } }>(driver, OFFER, {
      eventId: id,
      input: { departAt: departureFor(startsAt), postcode: 'PH49 4JA', seats: 3, maxDetourKm: 5 },
    });
    expect(offer.offerLift.message).toBeUndefined();

    const page = await desktop.newPage();
    await page.goto(`/events/${id}/lifts`);
    const map = page.locator('[data-testid="map"] [data-drawn-markers]');
    await expect.poll(() => map.getAttribute('data-drawn-markers')).toBe('car:1 venue:1');
    await waitForMapIdle(page);
    const venue = page.locator('[data-marker="venue"]');
    await page.locator('[data-testid="map"]').scrollIntoViewIfNeeded();
    const at = await centreOf(venue);
    // The car sits on the same spot; the venue is the one under the pointer.
    const car = await centreOf(page.locator('[data-testid="map"] .lift-marker-car'));
    expect(Math.hypot(car.x - at.x, car.y - at.y)).toBeLessThan(10);
    const hit = await page.evaluate(({ x, y }) => {
      const el = document.elementFromPoint(x, y);
      return el?.closest('[data-marker="venue"]') ? 'venue' : (el?.outerHTML.slice(0, 300) ?? 'nothing');
    }, at);
    expect(hit).toBe('venue');
    // Drawn on top too: with every marker made hit-testable, the topmost at that spot is still the venue.
    const topmost = await page.evaluate(({ x, y }) => {
      const markers = [...document.querySelectorAll<HTMLElement>('.maplibregl-marker')];
      const was = markers.map((m) => m.style.pointerEvents);
      for (const m of markers) m.style.pointerEvents = 'auto';
      const el = document.elementFromPoint(x, y);
      markers.forEach((m, i) => {
        m.style.pointerEvents = was[i] ?? '';
      });
      return el?.closest('[data-marker="venue"]') ? 'venue' : el?.closest('.lift-marker-car') ? 'car' : 'other';
    }, at);
    expect(topmost).toBe('venue');

    const before = await mapView(page);
    await page.mouse.click(at.x, at.y);
    await expect.poll(async () => (await mapView(page)).east - (await mapView(page)).west).toBeLessThan((before.east - before.west) / 2);
    await page.close();
  });
});
