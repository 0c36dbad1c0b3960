import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PAGE_SIZE } from '../src/events/near.ts';
import { newBrowser } from './browser.ts';
import { apiSession, gql, listedDistancesKm, nearList, waitForNearReady } from './helpers.ts';

// Leeds within 100 km: more demo events than one page.
const SEARCH = { postcode: 'LS6 1AN', radiusKm: 100 };

let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await newBrowser();
  browser.setDefaultTimeout(30_000);
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
});

/** The events the API lists for the search, in its order (two pages' worth at most). */
async function apiOrder(): Promise<string[]> {
  const near = await gql<{ eventsNear: { edges: { node: { id: string } }[] } }>(
    await apiSession(),
    `query($input: EventsNearInput!, $first: Int) {
      eventsNear(input: $input, first: $first) { ... on EventsNearConnection { edges { node { id } } } }
    }`,
    { input: SEARCH, first: 2 * PAGE_SIZE },
  );
  return near.eventsNear.edges.map((e) => e.node.id);
}

const listedIds = async (p: Page): Promise<string[]> =>
  (await nearList(p).getByRole('listitem').getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? '')))
    .map((href) => decodeURIComponent(href.replace(/^\/events\//, '')));

describe('"Load more" on the events near page', () => {
  test('appends the next page in the API order, each event once, nearest first, and focuses the first new one', async () => {
    const expected = await apiOrder();
    if (expected.length <= PAGE_SIZE) throw new Error(`the demo seed has only ${expected.length} events within 100 km of LS6`);

    await page.goto('/near/LS61AN?radius=100');
    await waitForNearReady(page);
    expect(await listedIds(page)).toEqual(expected.slice(0, PAGE_SIZE));
    await nearList(page).getByText(/More are available\.$/).waitFor();

    await nearList(page).getByRole('button', { name: 'Load more events' }).click();
    await nearList(page).getByRole('listitem').nth(PAGE_SIZE).waitFor();
    const listed = await listedIds(page);
    expect(listed).toEqual(expected);
    const distances = await listedDistancesKm(page);
    expect(distances).toEqual([...distances].sort((x, y) => x - y));
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    expect(focused).toBe(`/events/${encodeURIComponent(expected[PAGE_SIZE]!)}`);
  });
});
