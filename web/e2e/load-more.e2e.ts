import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PAGE_SIZE } from '../src/events/near.ts';
import { newBrowser } from './browser.ts';
import { apiSession, gql, listedDistancesKm, nearList, newPerson, signUpApi, uid, waitForNearReady } from './helpers.ts';

// Leeds within 100 km: more demo events than one page.
const SEARCH = { postcode: 'LS6 1AN', radiusKm: 100, sort: 'DISTANCE' };

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

    await page.goto('/near/LS61AN?radius=100&sort=DISTANCE');
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

const onlineList = (p: Page) => p.getByRole('region', { name: 'Online events' });

/** Upcoming online events as the API lists them, soonest first (up to `first`). */
async function apiOnline(first: number): Promise<string[]> {
  const found = await gql<{ onlineEvents: { edges: { node: { id: string } }[] } }>(
    await apiSession(),
    `query($first: Int) { onlineEvents(input: {}, first: $first) { ... on OnlineEventsConnection { edges { node { id } } } } }`,
    { first },
  );
  return found.onlineEvents.edges.map((e) => e.node.id);
}

describe('"Load more" on the online events list', () => {
  test('appends the next page of online events in the API order, each once, and focuses the first new one', async () => {
    // More online events than one page (the demo has a few).
    const missing = PAGE_SIZE + 2 - (await apiOnline(PAGE_SIZE + 2)).length;
    if (missing > 0) {
      const host = await apiSession();
      await signUpApi(host, newPerson('Olu'));
      const start = new Date(Date.now() + 5 * 86_400_000);
      start.setUTCMinutes(0, 0, 0);
      for (let i = 0; i < missing; i++) {
        const startsAt = new Date(start.getTime() + i * 3_600_000);
        await gql(
          host,
          `mutation ($input: EventInput!) { createEvent(input: $input, publish: true) { __typename ... on MutationCreateEventSuccess { data { id } } } }`,
          {
            input: {
              kind: 'PHONE_BANK',
              title: `Online phone bank ${uid()}`,
              description: 'Created by the browser tests.',
              startsAt: startsAt.toISOString(),
              endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
              online: true,
              regionId: 'london',
              joinUrl: 'https://meet.example.org/load-more',
            },
          },
        );
      }
    }
    const expected = await apiOnline(2 * PAGE_SIZE);
    expect(expected.length).toBeGreaterThan(PAGE_SIZE);

    const p = await browser.newPage();
    await p.goto('/near/LS61AN');
    const list = onlineList(p);
    await list.getByText(/More are available\.$/).waitFor();
    const ids = async () =>
      (await list.getByRole('listitem').getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))).map((href) =>
        decodeURIComponent(href.replace(/^\/events\//, '')),
      );
    expect(await ids()).toEqual(expected.slice(0, PAGE_SIZE));

    await list.getByRole('button', { name: 'Load more online events' }).click();
    await list.getByRole('listitem').nth(PAGE_SIZE).waitFor();
    await expect.poll(ids).toEqual(expected);
    expect(await p.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(`/events/${encodeURIComponent(expected[PAGE_SIZE]!)}`);
    if (expected.length < 2 * PAGE_SIZE) expect(await list.getByRole('button', { name: 'Load more online events' }).count()).toBe(0);
    await p.close();
  });
});
