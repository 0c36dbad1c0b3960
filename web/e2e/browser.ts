import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axe from 'axe-core';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

/** A fresh browser profile (its own cookies), headless with software WebGL, on the Chromium chromium-setup.ts found. */
export async function newBrowser(viewport = { width: 1280, height: 900 }): Promise<BrowserContext> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rallypoint-chromium-'));
  const browser = inject('chromium');
  return chromium.launchPersistentContext(dir, {
    executablePath: browser.executablePath,
    env: { ...process.env, ...browser.env },
    headless: true,
    viewport,
    baseURL: inject('webUrl'),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
  /** Up to five offending elements (CSS selectors) and axe's explanation for the first. */
  targets?: string[];
  summary?: string;
}

/** Runs axe-core in the page; returns serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    // biome-ignore lint/suspicious/noExplicitAny: plain JSON back from the page
    return r.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      // biome-ignore lint/suspicious/noExplicitAny: plain JSON back from the page
      targets: v.nodes.slice(0, 5).map((n: any) => n.target.join(' ')),
      summary: v.nodes[0]?.failureSummary,
    }));
  });
  return (results as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Waits until the map has drawn everything it has, basemap included, and stopped moving: MapView sets
 * `data-map-idle` on MapLibre's 'idle' event once the constituencies are drawn, and removes it when the map
 * starts moving or loading data.
 */
export async function waitForMapIdle(page: Page, timeout = 30_000): Promise<void> {
  try {
    await page.locator('[data-testid="map"] [data-map-idle]').first().waitFor({ state: 'attached', timeout });
  } catch (error) {
    const maps = await page.locator('[data-testid="map"]').count();
    throw new Error(
      `the map did not report idle with its basemap drawn (data-map-idle) within ${timeout} ms (${maps} map(s) on ${page.url()})`,
      { cause: error },
    );
  }
}

/**
 * Share of non-background pixels in the map's WebGL canvas, once the map is idle (see `waitForMapIdle`): proof
 * that something was drawn.
 */
export async function mapInkRatio(page: Page): Promise<number> {
  const canvas = page.locator('[data-testid="map"] canvas').first();
  await canvas.waitFor({ state: 'visible' });
  await waitForMapIdle(page);
  const png = await canvas.screenshot();
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const [r0, g0, b0] = [data[0], data[1], data[2]];
    const colours = new Set<number>();
    let differing = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      colours.add((r << 16) | (g << 8) | b);
      if (Math.abs(r - r0!) + Math.abs(g - g0!) + Math.abs(b - b0!) > 30) differing++;
    }
    return colours.size < 3 ? 0 : differing / (data.length / 4);
  }, png.toString('base64'));
}
