import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { mapInkRatio, newBrowser, newBrowserNoWebGL, waitForMapIdle } from './browser.ts';
import { nearList, nearMap, waitForNearReady } from './helpers.ts';

let browser: BrowserContext;
let phone: BrowserContext;
beforeAll(async () => {
  [browser, phone] = await Promise.all([newBrowser(), newBrowser({ width: 390, height: 844 })]);
});
afterAll(async () => {
  await browser?.close();
  await phone?.close();
});

test('the map canvas really renders the offline basemap (pixels, not blank)', async () => {
  const page = await browser.newPage();
  await page.goto('/near/LS6');
  const interactiveMs = await waitForNearReady(page);
  console.log(`[timing] /near/LS6 desktop 1280×900: navigation start → map canvas visible + list rendered: ${Math.round(interactiveMs)} ms`);
  const ink = await mapInkRatio(page);
  await page.screenshot({ path: '/tmp/e2e-map.png' });
  expect(ink).toBeGreaterThan(0.05);
});

test('on a device without WebGL each map says it could not be shown and where the same is on the page; the pages still work', async () => {
  const plain = await newBrowserNoWebGL();
  try {
    const page = await plain.newPage();
    await page.goto('/near/LS6');
    const unavailable = page.locator('[data-testid="map"] .map-fallback');
    await expect.poll(() => unavailable.textContent()).toBe('The map could not be shown on this device. The list has the events near you.');
    expect(await page.locator('[data-testid="map"] canvas').count()).toBe(0);
    // The list is there, and leads on to an event, whose own map says the same with where to look instead.
    const first = nearList(page).getByRole('listitem').first().getByRole('link').first();
    const title = (await first.textContent()) ?? '';
    await first.click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await expect.poll(() => unavailable.textContent()).toMatch(/^The map could not be shown on this device\. Its (address|area) is under “Where” above\.$/);
    await page.goto('/marginals/LS6');
    await page.getByRole('region', { name: 'Marginal seats, nearest first' }).getByRole('listitem').first().waitFor();
    await expect.poll(() => unavailable.textContent()).toBe('The map could not be shown on this device. The list has every seat, nearest first.');
  } finally {
    await plain.close();
  }
});

test('at a phone viewport (390×844) the list comes first; the map, once switched to, fits the screen and draws', async () => {
  const page = await phone.newPage();
  await page.goto('/near/LS6');
  await nearList(page).getByRole('listitem').first().waitFor({ state: 'visible' });
  const listedMs = await page.evaluate(() => performance.now());
  console.log(`[timing] /near/LS6 phone 390×844: navigation start → list rendered: ${Math.round(listedMs)} ms`);
  // Filters start folded on phones (their form loads once they are opened), and the map waits behind the List/Map
  // switch.
  const kinds = page.getByRole('group', { name: 'Kinds of event', includeHidden: true });
  expect(await kinds.isVisible()).toBe(false);
  expect(await page.locator('[data-testid="map"]').count()).toBe(0);
  const controls = page.getByText('Change place or filters');
  await controls.click();
  await kinds.waitFor({ state: 'visible' });
  await controls.click();
  await kinds.waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: 'Map', exact: true }).click();
  await page.locator('[data-testid="map"] canvas').first().waitFor({ state: 'visible' });
  const box = await nearMap(page).boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  expect(box!.y).toBeLessThan(844);
  // Nothing wider than the screen (no sideways scrolling).
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const ink = await mapInkRatio(page);
  await page.screenshot({ path: '/tmp/e2e-map-phone.png' });
  expect(ink).toBeGreaterThan(0.05);
});

test('the map reports idle only once its basemap is drawn, and again after it moves', async () => {
  // The browser tests read pixels when the map says it is idle, so that signal must not come early: hold the
  // basemap back (as on a slow connection or a busy machine) until the rest of the page is there.
  const page = await browser.newPage();
  let release = () => {};
  const released = new Promise<void>((r) => {
    release = r;
  });
  let requested = false;
  await page.route(/constituencies-2024[^/]*\.topojson/, async (route) => {
    requested = true;
    await released;
    await route.continue();
  });
  const idle = page.locator('[data-testid="map"] [data-map-idle]');
  await page.goto('/near/LS6');
  await waitForNearReady(page);
  await expect.poll(() => requested).toBe(true);
  expect(await idle.count()).toBe(0);

  release();
  await waitForMapIdle(page);
  expect(await mapInkRatio(page)).toBeGreaterThan(0.05);

  // Moving clears it at once; it comes back when the map has settled.
  await page.getByRole('button', { name: 'Zoom in' }).click();
  expect(await idle.count()).toBe(0);
  await waitForMapIdle(page);
  expect(await mapInkRatio(page)).toBeGreaterThan(0.05);
});
