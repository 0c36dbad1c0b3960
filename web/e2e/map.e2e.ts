import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { mapInkRatio, newBrowser } from './browser.ts';

let browser: BrowserContext;
beforeAll(async () => {
  browser = await newBrowser();
});
afterAll(() => browser?.close());

test('the map canvas really renders the offline basemap (pixels, not blank)', async () => {
  const page = await browser.newPage();
  await page.goto('/near/LS6');
  await page.locator('[data-testid="map"] canvas').first().waitFor({ state: 'visible' });
  await page.waitForTimeout(2000);
  const ink = await mapInkRatio(page);
  await page.screenshot({ path: '/tmp/e2e-map.png' });
  expect(ink).toBeGreaterThan(0.05);
});
