import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newBrowser } from './browser.ts';

let browser: BrowserContext;

beforeAll(async () => {
  browser = await newBrowser();
  browser.setDefaultTimeout(30_000);
});
afterAll(async () => {
  await browser?.close();
});

describe('moving between pages', () => {
  test("a link keeps the page up until the next page's code has arrived, and the bar marks the page shown", async () => {
    const page = await browser.newPage();
    // The marginals page's code is held back until the test has looked at the page in between.
    let requested!: () => void;
    const wasRequested = new Promise<void>((resolve) => (requested = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/MarginalsPage-[^/]+\.js$/, async (route) => {
      requested();
      await released;
      await route.continue();
    });

    await page.goto('/');
    const home = page.getByRole('heading', { level: 1, name: 'Find campaign events near you' });
    await home.waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    const findEvents = nav.getByRole('link', { name: 'Find events' });
    const marginals = nav.getByRole('link', { name: 'Nearest marginals' });
    expect(await findEvents.getAttribute('aria-current')).toBe('page');
    expect(await marginals.getAttribute('aria-current')).toBeNull();

    await marginals.click();
    await wasRequested;
    expect(await home.isVisible()).toBe(true);
    expect(await page.getByText('Loading…').count()).toBe(0);

    release();
    await page.getByRole('heading', { level: 1, name: 'Find your nearest marginal seats' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/marginals');
    expect(await marginals.getAttribute('aria-current')).toBe('page');
    expect(await findEvents.getAttribute('aria-current')).toBeNull();

    // Back goes home again, the flag with it.
    await page.goBack();
    await home.waitFor();
    expect(await findEvents.getAttribute('aria-current')).toBe('page');
    await page.close();
  });

  test('a postcode with a space reaches the page decoded, and an unknown address shows the not-found page', async () => {
    const page = await browser.newPage();
    await page.goto('/near/LS6%201AN');
    await page.getByRole('heading', { level: 1, name: /LS6 1AN/ }).waitFor();
    await page.goto('/no/such/page');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/not found/i);
    await page.close();
  });
});

describe('the test browser', () => {
  test('runs no omnibox popups, which a headless browser never shows but would render for every page', async () => {
    const page = await browser.newPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Find campaign events near you' }).waitFor();
    const chromium = browser.browser();
    if (!chromium) throw new Error('the test context has no browser');
    const cdp = await chromium.newBrowserCDPSession();
    const { targetInfos } = await cdp.send('Target.getTargets');
    await cdp.detach();
    expect(targetInfos.filter((t) => t.url.startsWith('chrome://omnibox-popup')).map((t) => t.url)).toEqual([]);
    // Playwright's own switches still hold: HTTP stays HTTP.
    expect(new URL(page.url()).protocol).toBe('http:');
    await page.close();
  });
});
