import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { newBrowser } from './browser.ts';
import { arriveAt, createEventApi, newPerson, signUpApi, uid } from './helpers.ts';

let host: BrowserContext;
let visitor: BrowserContext;

beforeAll(async () => {
  [host, visitor] = await Promise.all([newBrowser(), newBrowser()]);
  for (const b of [host, visitor]) b.setDefaultTimeout(30_000);
  await signUpApi(host.request, newPerson('Shona'), 'LS6 1AN');
});
afterAll(async () => {
  await Promise.all([host?.close(), visitor?.close()]);
});

describe('sharing an event', () => {
  test('where the browser can share, the share sheet gets the event’s link and title', async () => {
    const title = `Share e2e ${uid()}`;
    const eventId = await createEventApi(host.request, { title, postcode: 'LS6 1AN', inDays: 4 });
    const page = await visitor.newPage();
    // The share sheet itself is the phone's: a stand-in records what it was given.
    await page.addInitScript(() => {
      const shared: ShareData[] = [];
      (window as unknown as { shared: ShareData[] }).shared = shared;
      Object.defineProperty(navigator, 'share', { configurable: true, value: async (data: ShareData) => void shared.push(data) });
    });
    await page.goto(`/events/${encodeURIComponent(eventId)}`);
    await arriveAt(page, /\/events\//, title);
    await page.getByRole('button', { name: 'Share event' }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { shared: ShareData[] }).shared))
      .toEqual([{ title, text: title, url: `${new URL(inject('webUrl')).origin}/events/${encodeURIComponent(eventId)}` }]);
    // Nothing copied, nothing said: the share sheet was the answer.
    expect(await page.getByRole('status').filter({ hasText: 'Link copied' }).count()).toBe(0);
    await page.close();
  });

  test('without the Web Share API the link is copied, and that is said', async () => {
    const title = `Copy e2e ${uid()}`;
    const eventId = await createEventApi(host.request, { title, postcode: 'LS6 1AN', inDays: 5 });
    await visitor.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: inject('webUrl') });
    const page = await visitor.newPage();
    await page.addInitScript(() => {
      // A desktop browser without a share sheet.
      delete (Navigator.prototype as { share?: unknown }).share;
    });
    await page.goto(`/events/${encodeURIComponent(eventId)}`);
    await arriveAt(page, /\/events\//, title);
    expect(await page.evaluate(() => typeof navigator.share)).toBe('undefined');
    await page.getByRole('button', { name: 'Share event' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Link copied' });
    await status.waitFor();
    expect(await status.getAttribute('aria-live')).toBe('polite');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${new URL(inject('webUrl')).origin}/events/${encodeURIComponent(eventId)}`);
    await page.close();
  });
});

test('the web server passes crawlers’ files and preview pictures to the API', async () => {
  const title = `Preview e2e ${uid()}`;
  const eventId = await createEventApi(host.request, { title, postcode: 'LS6 1AN', inDays: 6 });
  const robots = await visitor.request.get('/robots.txt');
  expect(robots.headers()['content-type']).toMatch(/^text\/plain/);
  expect(await robots.text()).toContain('Sitemap: ');
  const sitemap = await visitor.request.get('/sitemap.xml');
  expect(sitemap.headers()['content-type']).toMatch(/^application\/xml/);
  expect(await sitemap.text()).toContain(encodeURIComponent(eventId));
  const image = await visitor.request.get(`/events/${encodeURIComponent(eventId)}/preview.png`);
  expect(image.status()).toBe(200);
  expect(image.headers()['content-type']).toBe('image/png');
});
