import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newBrowser } from './browser.ts';
import {
  apiSession,
  createEventApi,
  departureFor,
  expectAccessible,
  gql,
  nearList,
  newPerson,
  rsvpApi,
  sendsOperation,
  signUpApi,
  uid,
  waitForNearReady,
} from './helpers.ts';

// Live updates over SSE: pages change as other people act through the API, without a reload.
let watchers: BrowserContext;
let browsers: BrowserContext;
let organiser: APIRequestContext;
const others: APIRequestContext[] = [];

/**
 * Resolves once the page's subscription stream is open: its response headers have arrived. That is enough for
 * what the test does next: the API answers only after the subscription is set up (its resolver, database reads
 * included, has run), and it starts listening for changes as it sends the first bytes, in the same turn of its
 * event loop, so a request the test sends after seeing the headers is handled after the listener is in place.
 */
async function subscribed(page: Page, operation: string, load: () => Promise<unknown>): Promise<void> {
  const open = page.waitForResponse(
    (r) => r.url().endsWith('/graphql') && sendsOperation(r.request().postData(), operation),
  );
  await load();
  const res = await open;
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('text/event-stream');
}

/** Someone else, signed up through the API. */
async function another(name: string): Promise<APIRequestContext> {
  const req = await apiSession();
  others.push(req);
  await signUpApi(req, newPerson(name), 'LS7');
  return req;
}

/** True while the page has not been reloaded since `markPage`. */
const markPage = (page: Page) => page.evaluate(() => Object.assign(window, { liveMarker: true }));
const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { liveMarker?: boolean }).liveMarker === true);

beforeAll(async () => {
  [watchers, browsers] = await Promise.all([newBrowser(), newBrowser()]);
  for (const b of [watchers, browsers]) b.setDefaultTimeout(30_000);
  organiser = await another('Orla');
});
afterAll(async () => {
  await Promise.all(others.map((r) => r.dispose()));
  await Promise.all([watchers?.close(), browsers?.close()]);
});

describe('the event page follows places, RSVPs and lifts live', () => {
  let page: Page;
  let id = '';
  let ada: APIRequestContext;
  const title = `Two-place planning meeting ${uid()}`;

  test('another member RSVPs: places left change without a reload, and are announced', async () => {
    await signUpApi(watchers.request, newPerson('Wren'), 'LS6 1AN');
    // Three places, one the organiser's own: two left for others.
    id = await createEventApi(organiser, { title, postcode: 'LS7 3AA', capacity: 3 });
    page = await watchers.newPage();
    await subscribed(page, 'EventLive', () => page.goto(`/events/${encodeURIComponent(id)}`));
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText('1 going · 2 of 3 places left').waitFor();
    const signUp = page.getByRole('complementary', { name: 'Sign up' });
    await signUp.getByRole('button', { name: "I'm going" }).waitFor();
    await markPage(page);

    ada = await another('Ada');
    expect(await rsvpApi(ada, id)).toBe('GOING');
    await page.getByText('2 going · 1 of 3 places left').waitFor();
    const announcer = page.locator('[aria-live="polite"]').filter({ hasText: '1 place left' });
    await announcer.waitFor({ state: 'attached' });
    expect(await sameDocument(page)).toBe(true);
  });

  test('the last place goes: the page says full and the button offers the waitlist', async () => {
    const signUp = page.getByRole('complementary', { name: 'Sign up' });
    expect(await rsvpApi(await another('Bea'), id)).toBe('GOING');
    await page.getByText('3 going · full (3 places)').waitFor();
    await signUp.getByRole('button', { name: 'Join the waitlist' }).waitFor();
    await signUp.getByText('This event is full').waitFor();
    await page
      .locator('[aria-live="polite"]')
      .filter({ hasText: 'The event is now full. New sign-ups join the waitlist.' })
      .waitFor({ state: 'attached' });

    expect(await rsvpApi(await another('Cai'), id)).toBe('WAITLISTED');
    await page.getByText('3 going · full (3 places) · 1 on the waitlist').waitFor();
    expect(await sameDocument(page)).toBe(true);

    // The button works as it says: second on the waitlist.
    await signUp.getByRole('button', { name: 'Join the waitlist' }).click();
    await signUp.getByRole('status').filter({ hasText: 'on the waitlist at position 2' }).waitFor();
    await page.getByText('3 going · full (3 places) · 2 on the waitlist').waitFor();
    await expectAccessible(page, 'event page after live updates');
  });

  test('a driver offers seats: the lift counts change live', async () => {
    const lifts = page.getByRole('region', { name: 'Lifts' });
    await lifts.getByText('0 free seats offered so far').waitFor();
    // Drivers need a place, and the event is full by now: Ada, going since the first step, drives.
    const driver = ada;
    const start = await gql<{ event: { startsAt: string } }>(driver, 'query ($id: ID!) { event(id: $id) { startsAt } }', { id });
    const offer = await gql<{ offerLift: { __typename: string; message?: string } }>(
      driver,
      `mutation ($eventId: ID!, $input: LiftOfferInput!) { offerLift(eventId: $eventId, input: $input) {
        __typename ... on Error { message } } }`,
      {
        eventId: id,
        input: { postcode: 'LS6 1AN', departAt: departureFor(start.event.startsAt), seats: 3, maxDetourKm: 10 },
      },
    );
    expect(offer.offerLift.__typename).toBe('MutationOfferLiftSuccess');
    await lifts.getByText('3 free seats offered so far').waitFor();
    expect(await sameDocument(page)).toBe(true);
  });
});

describe('the near page offers events published while it is open', () => {
  let page: Page;
  const title = `Fresh street stall ${uid()}`;

  test('an organiser publishes nearby: a polite notice names it, and the list stays as it was', async () => {
    page = await browsers.newPage();
    await subscribed(page, 'NewEventsNear', () => page.goto('/near/LS61AN'));
    await page.getByRole('heading', { level: 1, name: 'Events near LS6 1AN' }).waitFor();
    await waitForNearReady(page);
    const before = await nearList(page).getByRole('listitem').count();

    await createEventApi(organiser, { title, postcode: 'LS7 3AA', kind: 'STALL' });
    const notice = page.locator('[aria-live="polite"]').filter({ hasText: `New event near you: ${title}` });
    await notice.waitFor();
    expect(await nearList(page).getByRole('link', { name: title }).count()).toBe(0);
    expect(await nearList(page).getByRole('listitem').count()).toBe(before);
  });

  test('axe finds nothing serious with the notice shown', async () => {
    await expectAccessible(page, 'near page with the new-event notice');
  });

  test('Show puts it in the list, with focus on it', async () => {
    const before = await nearList(page).getByRole('listitem').count();
    await nearList(page).getByRole('button', { name: 'Show the new event' }).click();
    const link = nearList(page).getByRole('listitem').getByRole('link', { name: title });
    await link.waitFor();
    expect(await nearList(page).getByRole('listitem').count()).toBe(before + 1);
    expect(await link.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByText(`New event near you: ${title}`).count()).toBe(0);
    expect(await nearList(page).getByRole('status').textContent()).toMatch(`Showing ${before + 1} events`);
  });
});
