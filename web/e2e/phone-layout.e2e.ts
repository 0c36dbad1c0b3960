import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mapInkRatio, newBrowser } from './browser.ts';
import { apiSession, createEventApi, departureFor, startOnTheHour, expectAccessible, gql, nearList, newPerson, signInApi, signUpApi, uid } from './helpers.ts';
import { near, Pixels } from './pixels.ts';

// A phone: what the first screen shows at 390×844 (the issue "a first screen that is fast on a phone").
const PHONE = { width: 390, height: 844 };
const BAR_MAX = 64;
const BRAND = [0x7a, 0x1f, 0x3d] as const;

let phone: BrowserContext;
let organiser: BrowserContext;
let noScript: BrowserContext;
const sessions: APIRequestContext[] = [];
let eventId = '';
let eventTitle = '';

beforeAll(async () => {
  [phone, organiser, noScript] = await Promise.all([
    newBrowser(PHONE),
    newBrowser(PHONE),
    newBrowser(PHONE, { javaScriptEnabled: false }),
  ]);
  for (const b of [phone, organiser, noScript]) b.setDefaultTimeout(30_000);

  // An event with a lift offered and a lift asked for, organised by the member signed in on `organiser`.
  await signUpApi(organiser.request, newPerson('Orla'));
  const startsAt = startOnTheHour(4);
  eventTitle = `Phone layout canvass ${uid()}`;
  eventId = await createEventApi(organiser.request, { title: eventTitle, postcode: 'LS6 1AN', startsAt });
  const [driver, rider] = await Promise.all([apiSession(), apiSession()]);
  sessions.push(driver, rider);
  await signUpApi(driver, newPerson('Dana'));
  await signUpApi(rider, newPerson('Rhiannon'));
  const ack = '__typename ... on Error { message }';
  const offered = await gql<{ offerLift: { __typename: string; message?: string } }>(
    driver,
    `mutation ($eventId: ID!, $input: LiftOfferInput!) { offerLift(eventId: $eventId, input: $input) { ${ack} } }`,
    { eventId, input: { departAt: departureFor(startsAt), postcode: 'LS1 4AP', seats: 3, maxDetourKm: 10 } },
  );
  expect(offered.offerLift.__typename, offered.offerLift.message).toMatch(/Success$/);
  const asked = await gql<{ requestLift: { __typename: string; message?: string } }>(
    rider,
    `mutation ($eventId: ID!, $input: LiftRequestInput!) { requestLift(eventId: $eventId, input: $input) { ${ack} } }`,
    { eventId, input: { seats: 1, postcode: 'LS4 2AA' } },
  );
  expect(asked.requestLift.__typename, asked.requestLift.message).toMatch(/Success$/);
});
afterAll(async () => {
  await Promise.all([phone?.close(), organiser?.close(), noScript?.close()]);
  await Promise.all(sessions.map((s) => s.dispose()));
});

async function open(browser: BrowserContext, path: string, heading: string | RegExp): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(path);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  return page;
}

const barHeight = async (page: Page): Promise<number> => (await page.locator('.site-header').boundingBox())?.height ?? Number.NaN;

/** Requests for the map library's chunks (Vite names them after maplibre.tsx / maplibre-gl). */
function mapChunkRequests(page: Page): () => string[] {
  const urls: string[] = [];
  page.on('request', (r) => {
    if (/maplibre|mapbox/i.test(new URL(r.url()).pathname)) urls.push(r.url());
  });
  return () => urls;
}

/** The first seat's card on the nearest-marginals page. */
const seats = (page: Page) => page.getByRole('region', { name: 'Marginal seats, nearest first' }).getByRole('listitem');

describe('the top bar at 390×844', () => {
  test(`is no taller than ${BAR_MAX} px on home, near and event pages, with the links behind a menu button`, async () => {
    const pages = await Promise.all([
      open(phone, '/', 'Find campaign events near you'),
      open(phone, '/near/LS61AN', /^Events near /),
      open(phone, `/events/${eventId}`, eventTitle),
    ]);
    for (const page of pages) {
      const h = await barHeight(page);
      expect(h, page.url()).toBeGreaterThan(30);
      expect(h, page.url()).toBeLessThanOrEqual(BAR_MAX);
      const menu = page.getByRole('button', { name: 'Menu' });
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Find events' }).isVisible()).toBe(false);
      await page.close();
    }
  });

  test('the menu opens and closes by keyboard: Enter opens, Tab reaches the links, Escape closes and returns focus', async () => {
    const page = await open(phone, '/', 'Find campaign events near you');
    const menu = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    const controlled = await menu.getAttribute('aria-controls');
    expect(controlled).toBeTruthy();
    expect(await page.locator(`#${controlled}`).count()).toBe(1);

    // Skip link, brand, then the menu button.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await menu.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    const first = nav.getByRole('link', { name: 'Find events' });
    await first.waitFor({ state: 'visible' });
    await page.keyboard.press('Tab');
    expect(await first.evaluate((el) => el === document.activeElement)).toBe(true);
    // The open menu lies over the page: the bar itself stays compact.
    expect(await barHeight(page)).toBeLessThanOrEqual(BAR_MAX);

    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await first.waitFor({ state: 'hidden' });
    expect(await menu.evaluate((el) => el === document.activeElement)).toBe(true);

    // Tabbing out of the open menu closes it, so it never covers what has focus.
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    const links = await nav.getByRole('listitem').count();
    for (let i = 0; i <= links; i++) await page.keyboard.press('Tab');
    expect(await nav.evaluate((el) => el.contains(document.activeElement))).toBe(false);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await menu.focus();

    // Space opens it too; following a link closes it.
    await page.keyboard.press(' ');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: 'Nearest marginals' }).click();
    await page.getByRole('heading', { level: 1, name: 'Find your nearest marginal seats' }).waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await page.close();
  });

  test('desktop keeps the full bar: links shown, no menu button', async () => {
    const page = await phone.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Find campaign events near you' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Find events' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
    await page.close();
  });
});

describe('results pages at 390×844: the list first, the map only when asked for', () => {
  test('the near page lists events first and loads no map until "Map" is pressed', async () => {
    const page = await phone.newPage();
    const mapChunks = mapChunkRequests(page);
    await page.goto('/near/LS61AN');
    const firstEvent = nearList(page).getByRole('listitem').first();
    await firstEvent.waitFor({ state: 'visible' });
    const box = await firstEvent.boundingBox();
    expect(box!.y + 40).toBeLessThan(PHONE.height);
    expect(await page.locator('[data-testid="map"]').count()).toBe(0);
    expect(await page.locator('canvas').count()).toBe(0);
    expect(await page.getByText('Loading the map…').count()).toBe(0);
    expect(mapChunks()).toEqual([]);
    const list = page.getByRole('button', { name: 'List' });
    const map = page.getByRole('button', { name: 'Map' });
    expect(await list.getAttribute('aria-pressed')).toBe('true');
    expect(await map.getAttribute('aria-pressed')).toBe('false');
    await expectAccessible(page, 'near LS6 1AN, list (phone)');

    await map.click();
    expect(await map.getAttribute('aria-pressed')).toBe('true');
    await page.locator('[data-testid="map"] canvas').first().waitFor({ state: 'visible' });
    expect(mapChunks().length).toBeGreaterThan(0);
    expect(await nearList(page).isVisible()).toBe(false);
    expect(await mapInkRatio(page)).toBeGreaterThan(0.05);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, 'near LS6 1AN, map (phone)');

    await list.click();
    await firstEvent.waitFor({ state: 'visible' });
    await page.close();
  });

  test('a screenshot of the near page: the bar colour across the top, the list drawn under it', async () => {
    const page = await phone.newPage();
    await page.goto('/near/LS61AN');
    const cards = nearList(page).getByRole('listitem');
    await cards.first().waitFor({ state: 'visible' });
    const listBox = (await nearList(page).boundingBox())!;
    const px = new Pixels(await page.screenshot({ path: '/tmp/e2e-near-phone.png' }));
    const top = Math.max(0, Math.round(listBox.y));
    const { innerWidth, innerHeight } = await page.evaluate(() => ({ innerWidth: window.innerWidth, innerHeight: window.innerHeight }));
    const scale = px.width / innerWidth;
    // Screen rows from..to (CSS px), all across.
    const rows = (from: number, to: number) => [0, Math.round(from * scale), px.width, Math.round((to - from) * scale)] as const;
    const isBrand = near(BRAND, 23);
    const stats = {
      bar: px.share(isBrand, ...rows(0, 40)),
      // Just under the bar: the page's own background, not the bar's colour.
      underBrand: px.share(isBrand, ...rows(BAR_MAX + 4, BAR_MAX + 8)),
      listInk: px.share(([r, g, b]) => r + g + b < 600, ...rows(top, innerHeight)),
      colours: px.distinct(...rows(top, innerHeight)),
    };
    expect(top).toBeLessThan(PHONE.height - 100);
    expect(stats.bar).toBeGreaterThan(0.6);
    expect(stats.underBrand).toBeLessThan(0.2);
    expect(stats.listInk).toBeGreaterThan(0.01);
    expect(stats.colours).toBeGreaterThan(20);
    await page.close();
  });

  test('"Skip the map" on the phone map view switches to the list and takes keyboard focus there', async () => {
    const page = await phone.newPage();
    await page.goto('/near/LS61AN');
    await nearList(page).getByRole('listitem').first().waitFor({ state: 'visible' });
    const map = page.getByRole('button', { name: 'Map' });
    await map.focus();
    await page.keyboard.press('Enter');
    expect(await map.getAttribute('aria-pressed')).toBe('true');
    expect(await nearList(page).isVisible()).toBe(false);
    // The next stop after the switch is the skip link, shown when focused.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip the map: go to the list of events' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await nearList(page).getByRole('listitem').first().waitFor({ state: 'visible' });
    expect(await page.getByRole('button', { name: 'List' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('list-heading');
    // Tab goes on from the list heading into the list.
    await page.keyboard.press('Tab');
    expect(await nearList(page).evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.close();
  });

  test("the marginals page's first seat is on the first screen, with the map behind the switch", async () => {
    const page = await phone.newPage();
    const mapChunks = mapChunkRequests(page);
    await page.goto('/marginals/LS61AN');
    const first = seats(page).first();
    await first.waitFor({ state: 'visible' });
    const title = first.getByRole('heading').first();
    const box = (await title.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    expect(await page.locator('canvas').count()).toBe(0);
    expect(mapChunks()).toEqual([]);
    expect(await barHeight(page)).toBeLessThanOrEqual(BAR_MAX);
    await expectAccessible(page, 'nearest marginals, list (phone)');

    // "Show on the map" switches to the map.
    await first.getByRole('button', { name: /^Show on the map: / }).click();
    await page.locator('[data-testid="map"] canvas').first().waitFor({ state: 'visible' });
    expect(await page.getByRole('button', { name: 'Map' }).getAttribute('aria-pressed')).toBe('true');
    await page.close();
  });
});

describe('a page that looks right in a 390×844 screenshot', () => {
  test('the near page: nothing wider than the screen, a bar of at most 64 px, the list first with its first card above the fold', async () => {
    const page = await phone.newPage();
    await page.goto('/near/LS61AN');
    const first = nearList(page).getByRole('listitem').first();
    await first.waitFor({ state: 'visible' });
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await barHeight(page)).toBeLessThanOrEqual(BAR_MAX);
    // The list comes first: no map drawn before it (and none at all until asked for).
    expect(await page.locator('.near-map').count()).toBe(0);
    const card = (await first.boundingBox())!;
    expect(card.x).toBeGreaterThanOrEqual(0);
    expect(card.x + card.width).toBeLessThanOrEqual(PHONE.width);
    expect(card.y).toBeGreaterThanOrEqual(BAR_MAX);
    expect(card.y + card.height).toBeLessThanOrEqual(PHONE.height);

    const shot = new Pixels(await page.screenshot({ path: '/tmp/e2e-near-phone-390.png' }));
    const scale = shot.width / (await page.evaluate(() => window.innerWidth));
    const isBrand = near(BRAND, 23);
    // Each screen row (CSS px) that is mostly the bar colour, top to bottom.
    const brandRows = Array.from({ length: 200 }, (_, y) => y).filter((y) => shot.share(isBrand, 0, Math.round(y * scale), shot.width, 1) > 0.5);
    // Inside the first card: its text, and no bar colour.
    const inside = [Math.round(card.x * scale), Math.round(card.y * scale), Math.round(card.width * scale), Math.round(card.height * scale)] as const;
    const px = {
      brandRows,
      cardInk: shot.share(([r, g, b]) => r + g + b < 300, ...inside),
      cardBrand: shot.share(isBrand, ...inside),
      width: shot.width / scale,
    };
    expect(px.width).toBe(PHONE.width);
    // The colour band starts at the top and ends by y = 64, in one piece.
    expect(px.brandRows[0]).toBe(0);
    const last = px.brandRows.at(-1)!;
    expect(last).toBeGreaterThan(30);
    expect(last).toBeLessThan(BAR_MAX);
    expect(px.brandRows).toEqual(Array.from({ length: last + 1 }, (_, y) => y));
    // The first card is drawn: dark text on its light background, under the bar, on the first screen.
    expect(px.cardInk).toBeGreaterThan(0.005);
    expect(px.cardBrand).toBeLessThan(0.05);
    await page.close();
  });
});

describe('tables on a phone', () => {
  test('the organiser lifts tables become cards: no sideways scrolling, each value labelled', async () => {
    const page = await open(organiser, `/events/${eventId}/lifts`, `Lifts for ${eventTitle}`);
    const requests = page.getByTestId('lift-requests');
    await requests.waitFor();
    const row = requests.locator('tbody tr').first();
    expect(await row.evaluate((el) => getComputedStyle(el).display)).toBe('block');
    expect(await page.getByTestId('lift-offers').locator('tbody tr').first().evaluate((el) => getComputedStyle(el).display)).toBe('block');
    // Each value shows its column's name before it.
    const from = row.locator('td[data-label="From"]');
    expect(await from.evaluate((el) => getComputedStyle(el, '::before').content)).toBe('"From"');
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, 'organiser lifts (phone)');

    // On a desktop it is a table again.
    await page.setViewportSize({ width: 1280, height: 900 });
    await expect.poll(() => row.evaluate((el) => getComputedStyle(el).display)).toBe('table-row');
    await page.close();
  });

  test("the event page's attendee table (organiser's view) becomes cards too, loaded once scrolled towards", async () => {
    const page = await organiser.newPage();
    const panelChunks: string[] = [];
    page.on('request', (r) => {
      if (/\/assets\/(LiftsSection|OrganiserPanel|validation)-/.test(new URL(r.url()).pathname)) panelChunks.push(r.url());
    });
    await page.goto(`/events/${eventId}`);
    await page.getByRole('heading', { level: 1, name: eventTitle }).waitFor();
    // Far below the first screen: neither the lifts nor the organiser's tools (nor zod, for their forms) load with it.
    await page.getByRole('heading', { name: 'Map' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Organiser tools' }).count()).toBe(0);
    expect(panelChunks).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const attendees = page.getByRole('region', { name: 'Attendees' }).getByRole('table');
    await attendees.waitFor();
    expect(panelChunks.length).toBeGreaterThan(0);
    await page.getByRole('region', { name: 'Lifts', exact: true }).waitFor();
    const row = attendees.locator('tbody tr').first();
    expect(await row.evaluate((el) => getComputedStyle(el).display)).toBe('block');
    expect(await row.locator('td[data-label="Status"]').evaluate((el) => getComputedStyle(el, '::before').content)).toBe('"Status"');
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.close();
  });

  test('a link to #lifts-heading (My lifts: "Lifts for …") loads the lifts at once and shows their heading', async () => {
    const page = await organiser.newPage();
    await page.goto(`/events/${eventId}#lifts-heading`);
    const heading = page.getByRole('heading', { level: 2, name: 'Lifts', exact: true });
    await heading.waitFor();
    // Nobody scrolled: the page brought the heading on screen itself.
    await expect.poll(() => heading.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; })).toBe(true);
    await page.close();
  });
});

describe('the export log at 390×844', () => {
  test('stays a table, scrolling sideways inside its labelled region while the page itself does not', async () => {
    const exported = await gql<{ exportEventPeople: { __typename: string } }>(
      organiser.request,
      'mutation ($id: ID!) { exportEventPeople(eventId: $id) { __typename } }',
      { id: eventId },
    );
    expect(exported.exportEventPeople.__typename).toMatch(/Success$/);
    const admin = await newBrowser(PHONE);
    try {
      admin.setDefaultTimeout(30_000);
      await signInApi(admin.request, 'admin@rallypoint.example', 'rallypoint-demo');
      const page = await open(admin, '/admin/exports', 'Export log');
      const region = page.getByRole('region', { name: /^The latest \d+ exports of people/ });
      await region.waitFor();
      const row = region.getByRole('row').filter({ hasText: eventTitle }).first();
      await row.waitFor();
      expect(await row.evaluate((el) => getComputedStyle(el).display)).toBe('table-row');
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      const box = (await region.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      // Its last column is reached by scrolling the region (by keyboard too: it takes focus), never cut off.
      expect(await region.getAttribute('tabindex')).toBe('0');
      await region.evaluate((el) => {
        el.scrollLeft = el.scrollWidth;
      });
      const rows = (await region.getByRole('columnheader', { name: 'Rows' }).boundingBox())!;
      expect(rows.x).toBeGreaterThanOrEqual(0);
      expect(rows.x + rows.width).toBeLessThanOrEqual(PHONE.width);
      await expectAccessible(page, 'export log (phone)');
      await page.close();
    } finally {
      await admin.close();
    }
  });
});

describe('before any script runs', () => {
  test('index.html paints the branded loading state (JavaScript off)', async () => {
    const page = await noScript.newPage();
    await page.goto('/near/LS61AN');
    const status = page.getByRole('status');
    await status.waitFor();
    expect(await status.textContent()).toMatch(/Loading/);
    expect(await page.locator('#root').textContent()).toContain('Rallypoint');
    const bar = (await page.locator('.boot-bar').boundingBox())!;
    expect(bar.height).toBeLessThanOrEqual(BAR_MAX);
    await expectAccessibleStatic(page);
    await page.close();
  });

  test('the app replaces it without moving the bar (phone and desktop widths)', async () => {
    for (const viewport of [PHONE, { width: 1280, height: 900 }]) {
      const [before, after] = await Promise.all([noScript.newPage(), phone.newPage()]);
      await Promise.all([before.setViewportSize(viewport), after.setViewportSize(viewport)]);
      await before.goto('/');
      await after.goto('/');
      await after.getByRole('heading', { level: 1, name: 'Find campaign events near you' }).waitFor();
      const boot = (await before.locator('.boot-bar').boundingBox())!;
      const app = (await after.locator('.site-header').boundingBox())!;
      expect(app.y, `${viewport.width} px`).toBe(boot.y);
      expect(app.height, `${viewport.width} px`).toBe(boot.height);
      expect(await after.locator('.boot-bar').count()).toBe(0);
      await Promise.all([before.close(), after.close()]);
    }
  });
});

/** axe needs script in the page: check the loading state's markup with it in a scripted page instead. */
async function expectAccessibleStatic(page: Page): Promise<void> {
  const html = await page.content();
  const scripted = await phone.newPage();
  await scripted.route('**/boot-check', (route) => route.fulfill({ contentType: 'text/html', body: html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '') }));
  await scripted.goto('/boot-check');
  await expectAccessible(scripted, 'loading state');
  await scripted.close();
}
