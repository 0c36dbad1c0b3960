import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { COLOURS } from '../src/map/style.ts';
import { newBrowser, waitForMapIdle } from './browser.ts';
import { hexRgb, near, Pixels } from './pixels.ts';

let browser: BrowserContext;
let phone: BrowserContext;
beforeAll(async () => {
  [browser, phone] = await Promise.all([newBrowser(), newBrowser({ width: 390, height: 844 })]);
});
afterAll(async () => {
  await browser?.close();
  await phone?.close();
});

const map = (page: Page) => page.locator('[data-testid="map"]').first();

/** The map's canvas on screen; generous, as software WebGL on a shared machine can be slow to start. */
async function mapShown(page: Page): Promise<void> {
  try {
    await map(page).locator('canvas').first().waitFor({ state: 'visible', timeout: 90_000 });
  } catch (error) {
    await page.screenshot({ path: '/tmp/e2e-basemap-no-map.png' });
    throw error;
  }
}

/** Share of the map canvas's pixels within a small distance of each colour (hex), read once the map is idle. */
async function colourShares(page: Page, colours: string[], tolerance = 12): Promise<number[]> {
  // Generous: software WebGL on a shared machine.
  await waitForMapIdle(page, 60_000);
  const px = new Pixels(await map(page).locator('canvas').first().screenshot());
  return colours.map((hex) => px.share(near(hexRgb(hex), tolerance)));
}

test('the offline basemap shows sea, land and seat names at a town zoom (Brighton: the sea to the south)', async () => {
  const page = await browser.newPage();
  await page.goto('/near/BN1');
  await mapShown(page);
  const [sea, land] = await colourShares(page, [COLOURS.sea, COLOURS.land]);
  await page.screenshot({ path: '/tmp/e2e-basemap-brighton.png' });
  // The Channel fills a good part of the view, and the safe seats inland are land-coloured.
  expect(sea).toBeGreaterThan(0.1);
  expect(land).toBeGreaterThan(0.1);
  // Seat names, drawn with the bundled font (MapLibre reports the labels it placed).
  const names = (await map(page).locator('[data-drawn-seat-labels]').getAttribute('data-drawn-seat-labels'))?.split('|') ?? [];
  expect(names).toContain('Brighton Pavilion');
  // Labels are text on the canvas: dark pixels that the fills and lines never use. Glyph edges are blended with
  // the land by each build's own text rasteriser, so the match is loose (no other colour, nor its blends, is that dark).
  const [text] = await colourShares(page, ['#333a40'], 36);
  expect(text).toBeGreaterThan(0.001);
});

test('zoomed out to the whole country there are no seat names (they would only collide)', async () => {
  const page = await browser.newPage();
  await page.goto('/near/BN1');
  await mapShown(page);
  await waitForMapIdle(page, 60_000);
  for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Zoom out' }).click();
  await expect.poll(async () => (await map(page).locator('[data-map-idle]').count()) === 1 && (await map(page).locator('[data-drawn-seat-labels]').getAttribute('data-drawn-seat-labels')), { timeout: 60_000 }).toBe('');
});

test('on a phone the credits start folded, and opened they take a corner of the map, not the map', async () => {
  const page = await phone.newPage();
  await page.goto('/near/BN1');
  await page.getByRole('button', { name: 'Map', exact: true }).click();
  await mapShown(page);
  await waitForMapIdle(page, 60_000);
  const credits = map(page).locator('.maplibregl-ctrl-attrib');
  await expect.poll(() => credits.getAttribute('class')).not.toContain('maplibregl-compact-show');
  const mapBox = (await map(page).boundingBox())!;
  expect((await credits.boundingBox())!.height).toBeLessThan(40);
  await credits.locator('summary').click();
  await expect.poll(() => credits.getAttribute('class')).toContain('maplibregl-compact-show');
  await expect.poll(async () => (await credits.locator('.maplibregl-ctrl-attrib-inner').boundingBox())?.height ?? 0).toBeGreaterThan(20);
  const opened = (await credits.boundingBox())!;
  expect(opened.height).toBeLessThan(mapBox.height * 0.5);
  expect(opened.width).toBeLessThanOrEqual(mapBox.width);
});

/** A style server on its own origin, as a deployment's tile host would be; records what it is asked for. */
function styleServer(style: (origin: string) => unknown): Promise<{ origin: string; requests: string[]; server: Server }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.url}${req.headers.range ? ` ${req.headers.range}` : ''}`);
    res.setHeader('access-control-allow-origin', '*');
    if (req.url === '/style.json') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(style(origin)));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  let origin = '';
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve({ origin, requests, server });
    }),
  );
}

/**
 * What the server does at start with VITE_MAP_STYLE_URL (api/test/web-app-map-style.test.ts): the page names the
 * style. The preview server here serves the plain build, so the tag is added once the page is parsed, before its
 * scripts run. (Rewriting the response instead would make Chromium treat the page as public and refuse it the
 * style server on the loopback address.)
 */
async function withStyleMeta(page: Page, styleUrl: string): Promise<void> {
  await page.addInitScript((url) => {
    document.addEventListener('readystatechange', () => {
      if (document.readyState !== 'interactive') return;
      const meta = document.createElement('meta');
      meta.name = 'rallypoint-map-style';
      meta.content = url;
      document.head.append(meta);
    });
  }, styleUrl);
}

const PURPLE = '#6a1b9a';

test('a deployment style (VITE_MAP_STYLE_URL) replaces the offline basemap, with the events still drawn on top', async () => {
  const { origin, requests, server } = await styleServer(() => ({
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': PURPLE } }],
  }));
  try {
    const page = await browser.newPage();
    await withStyleMeta(page, `${origin}/style.json`);
    await page.goto('/near/LS6');
    await mapShown(page);
    const [purple, sea, event] = await colourShares(page, [PURPLE, COLOURS.sea, COLOURS.event]);
    await page.screenshot({ path: '/tmp/e2e-basemap-custom.png' });
    expect(requests).toContain('/style.json');
    expect(purple).toBeGreaterThan(0.3);
    // (A few pixels may blend into it at edges.)
    expect(sea).toBeLessThan(0.01);
    // Leeds's demo events, in the app's event colour, over the deployment's style.
    expect(event).toBeGreaterThan(0.0005);
    // The offline basemap's seat names belong to it alone.
    expect(await map(page).locator('[data-drawn-seat-labels]').count()).toBe(0);
  } finally {
    server.close();
  }
});

test('a style with a pmtiles:// source gets the PMTiles protocol (range requests to the archive)', async () => {
  const { origin, requests, server } = await styleServer((o) => ({
    version: 8,
    sources: { streets: { type: 'vector', url: `pmtiles://${o}/uk.pmtiles` } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': PURPLE } },
      { id: 'water', type: 'fill', source: 'streets', 'source-layer': 'water', paint: { 'fill-color': '#0000ff' } },
    ],
  }));
  try {
    const page = await browser.newPage();
    await withStyleMeta(page, `${origin}/style.json`);
    await page.goto('/near/LS6');
    await expect.poll(() => requests.some((r) => r.startsWith('/uk.pmtiles bytes='))).toBe(true);
  } finally {
    server.close();
  }
});
