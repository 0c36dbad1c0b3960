// Launching Chromium and reading the map, without vitest's injected context: shared with the API's production test.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { ChromiumChoice } from './chromium.ts';
import { near, Pixels } from './pixels.ts';

/**
 * Chromium renders its omnibox popups as WebUI pages in processes of their own for every window (every page here),
 * though a headless browser never shows them: without them the accessibility file alone took 150 CPU-s instead of
 * 213. A --disable-features switch replaces Playwright's own list rather than adding to it, so that list
 * (playwright-core 1.65) comes first.
 */
const DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
];

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
];

interface ContextOptions {
  viewport?: { width: number; height: number };
  baseURL?: string;
  javaScriptEnabled?: boolean;
}

/** Every WebGL context refused, as a browser without WebGL refuses them. */
function refuseWebGL(): void {
  const getContext = HTMLCanvasElement.prototype.getContext;
  // biome-ignore lint/suspicious/noExplicitAny: getContext's overloads cannot be re-declared one by one here
  (HTMLCanvasElement.prototype as any).getContext = function (this: HTMLCanvasElement, kind: string, ...rest: unknown[]) {
    // biome-ignore lint/suspicious/noExplicitAny: as above
    return /webgl/i.test(kind) ? null : (getContext as any).call(this, kind, ...rest);
  };
}

function contextOptions(options: ContextOptions) {
  return {
    viewport: options.viewport ?? { width: 1280, height: 900 },
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    ...(options.javaScriptEnabled === false ? { javaScriptEnabled: false } : {}),
  };
}

/** A browser of its own with a fresh profile (its own cookies) on `choice`, headless with software WebGL and no calls home. Closing the context closes the browser. */
export function launchBrowser(choice: Pick<ChromiumChoice, 'executablePath' | 'env'>, options: ContextOptions = {}): Promise<BrowserContext> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rallypoint-chromium-'));
  return chromium.launchPersistentContext(dir, {
    executablePath: choice.executablePath,
    env: { ...process.env, ...choice.env },
    headless: true,
    args: ARGS,
    ...contextOptions(options),
  });
}

let shared: { executablePath: string; browser: Promise<Browser> } | undefined;

/**
 * A fresh profile (its own cookies, storage and connections) in one browser shared by everything in this process.
 * Launching a browser per profile costs a browser and a GPU process each; a context costs neither.
 */
export async function newContext(
  choice: Pick<ChromiumChoice, 'executablePath' | 'env'>,
  // webgl false: no WebGL, as on a device that cannot draw the maps.
  options: ContextOptions & { webgl?: boolean } = {},
): Promise<BrowserContext> {
  if (shared?.executablePath !== choice.executablePath) {
    const browser = chromium.launch({ executablePath: choice.executablePath, env: { ...process.env, ...choice.env }, headless: true, args: ARGS });
    const entry = { executablePath: choice.executablePath, browser };
    shared = entry;
    const forget = () => {
      if (shared === entry) shared = undefined;
    };
    browser.then((b) => b.on('disconnected', forget), forget);
  }
  const context = await (await shared.browser).newContext(contextOptions(options));
  if (options.webgl === false) await context.addInitScript(refuseWebGL);
  return context;
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
  const px = new Pixels(await canvas.screenshot());
  if (px.distinct() < 3) return 0;
  const background = near(px.colours().next().value!, 30);
  return px.share((c) => !background(c));
}
