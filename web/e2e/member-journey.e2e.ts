import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newBrowser } from './browser.ts';
import {
  apiSession,
  arriveAt,
  confirmSignUpViaUi,
  createEventApi,
  listedDistancesKm,
  nearList,
  newPerson,
  rsvpApi,
  signUpApi,
  signUpViaUi,
  uid,
  waitForNearReady,
} from './helpers.ts';

// One new member, signed up through the UI, carried through the whole journey (the tests run in order).
const member = newPerson('Robin');
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await newBrowser();
  browser.setDefaultTimeout(30_000);
  page = await browser.newPage();
});
afterAll(() => browser?.close());

describe('a new member finds an event near them and signs up for it', () => {
  let chosenTitle = '';

  test('signs up through the UI with a home postcode, and confirms with the e-mailed link', async () => {
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Find campaign events near you' }).waitFor();
    await page.getByRole('link', { name: 'Create an account' }).click();
    await arriveAt(page, /\/signup$/, 'Create an account');

    await signUpViaUi(page, member, 'LS6 1AN');
    // Not signed in until the link is opened.
    const inbox = page.getByRole('status').filter({ has: page.getByRole('heading', { name: 'Check your inbox' }) });
    expect(await inbox.textContent()).toContain(member.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).waitFor();

    await confirmSignUpViaUi(page, member);
    expect(new URL(page.url()).pathname).toBe('/');
    // Signed in: the header offers to sign out (with the member's public name), and the home area is known.
    const signOut = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Sign out/ });
    expect(await signOut.textContent()).toContain(`${member.firstName} T.`);
    expect(await page.getByRole('link', { name: 'Events near LS6' }).isVisible()).toBe(true);
  });

  test('searches near a postcode from the home page: events soonest first, each with its distance', async () => {
    const started = Date.now();
    await page.getByLabel('Your postcode').fill('LS6 1AN');
    await page.getByRole('button', { name: 'Find events' }).click();
    await arriveAt(page, /\/near\/LS61AN$/, 'Events near LS6 1AN');
    await waitForNearReady(page);
    console.log(`[timing] home → search "LS6 1AN" → map canvas + list ready: ${Date.now() - started} ms (client-side navigation)`);

    const status = await nearList(page).getByRole('status').textContent();
    expect(status).toMatch(/^Showing \d+ events within 25 km of LS6 1AN\./);
    const distances = await listedDistancesKm(page);
    expect(distances.length).toBeGreaterThan(3);
    expect(distances.every((d) => d <= 25)).toBe(true);
    const starts = (await nearList(page).getByRole('listitem').locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''))).map(Date.parse);
    expect(starts.length).toBe(distances.length);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  test('opens an event with places left and RSVPs: the page says they are going', async () => {
    const withPlaces = nearList(page).getByRole('listitem').filter({ hasText: /\d+ of \d+ places left/ }).first();
    const link = withPlaces.getByRole('heading').getByRole('link');
    chosenTitle = (await link.textContent()) ?? '';
    expect(chosenTitle).not.toBe('');
    const placesBefore = Number(/(\d+) of \d+ places left/.exec((await withPlaces.textContent()) ?? '')?.[1]);
    await link.click();
    await arriveAt(page, /\/events\/[^/]+$/, chosenTitle);

    const signUp = page.getByRole('complementary', { name: 'Sign up' });
    expect(await page.getByText(new RegExp(`going · ${placesBefore} of \\d+ places left`)).isVisible()).toBe(true);
    await signUp.getByRole('button', { name: "I'm going" }).click();
    await signUp.getByRole('status').filter({ hasText: 'See you there!' }).waitFor();
    await signUp.getByText("You're going", { exact: true }).waitFor();
    // Said once: the status line does not repeat the state line.
    expect((await signUp.textContent())?.match(/You're going/g)).toHaveLength(1);
    await signUp.getByRole('button', { name: 'Cancel my place' }).waitFor();
    // The facts refresh too: one place fewer.
    await page.getByText(new RegExp(`going · ${placesBefore - 1} of \\d+ places left`)).waitFor();
    // And it is stored, not just shown: still going after a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: chosenTitle }).waitFor();
    await signUp.getByText("You're going", { exact: true }).waitFor();
  });

  test('"My plans" lists the event as going', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My plans' }).click();
    await arriveAt(page, /\/plans$/, 'My plans');
    const going = page.getByRole('region', { name: "Events I'm going to" });
    const item = going.getByRole('listitem').filter({ has: page.getByRole('link', { name: chosenTitle }) });
    await item.waitFor();
    expect(await item.getByText('Going', { exact: true }).isVisible()).toBe(true);
  });

  test('after signing out, "Sign in to sign up" on the event brings them back to it, still going', async () => {
    const eventLink = page
      .getByRole('region', { name: "Events I'm going to" })
      .getByRole('link', { name: chosenTitle });
    const eventPath = (await eventLink.getAttribute('href')) ?? '';
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Sign out/ }).click();
    await page.getByRole('status').filter({ hasText: 'You have signed out.' }).waitFor();

    await page.goto(eventPath);
    await page.getByRole('heading', { level: 1, name: chosenTitle }).waitFor();
    await page.getByRole('link', { name: 'Sign in to sign up' }).click();
    await arriveAt(page, /\/signin\?next=/, 'Sign in');
    await page.getByLabel('Email').fill(member.email);
    await page.getByLabel('Password').fill(member.password);
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await arriveAt(page, eventPath, chosenTitle);
    // The public name ends with its initial's dot: no second one.
    const flash = page.getByRole('status').filter({ hasText: 'Signed in as' });
    expect(await flash.textContent()).toBe(`Signed in as ${member.firstName} T.`);
    await page.getByRole('complementary', { name: 'Sign up' }).getByText("You're going", { exact: true }).waitFor();
  });

  test('an RSVP to a full event puts them on the waitlist with a position', async () => {
    // Another member runs a two-place event: they have one place (the organiser is going), a third person the
    // other (both through the API).
    const organiser = await apiSession();
    const filler = await apiSession();
    try {
      await signUpApi(organiser, newPerson('Olu'), 'LS7');
      await signUpApi(filler, newPerson('Fay'), 'LS7');
      const title = `Two-seat planning meeting ${uid()}`;
      const id = await createEventApi(organiser, { title, postcode: 'LS7 3AA', capacity: 2 });
      expect(await rsvpApi(filler, id)).toBe('GOING');

      await page.goto(`/events/${id}`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      expect(await page.getByText('2 going · full (2 places)').isVisible()).toBe(true);
      const signUp = page.getByRole('complementary', { name: 'Sign up' });
      await signUp.getByRole('button', { name: 'Join the waitlist' }).click();
      await signUp.getByRole('status').filter({ hasText: 'on the waitlist at position 1' }).waitFor();
      await signUp.getByText('Waitlisted (#1)').waitFor();
      await signUp.getByRole('button', { name: 'Leave the waitlist' }).waitFor();
      await page.getByText('2 going · full (2 places) · 1 on the waitlist').waitFor();

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My plans' }).click();
      await arriveAt(page, /\/plans$/, 'My plans');
      const item = page
        .getByRole('region', { name: "Events I'm going to" })
        .getByRole('listitem')
        .filter({ has: page.getByRole('link', { name: title }) });
      await item.getByText('Waitlisted (#1)').waitFor();
    } finally {
      await organiser.dispose();
      await filler.dispose();
    }
  });

  test('an event next year shows its year', async () => {
    const organiser = await apiSession();
    try {
      await signUpApi(organiser, newPerson('Nia'), 'LS7');
      const nextYear = new Date().getUTCFullYear() + 1;
      const startsAt = new Date(Date.UTC(nextYear, 0, 11, 10));
      const title = `New year planning ${uid()}`;
      const id = await createEventApi(organiser, { title, postcode: 'LS7 3AA', startsAt });
      await page.goto(`/events/${id}`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      expect(await page.getByRole('main').textContent()).toContain(`11 Jan ${nextYear}, 10:00–12:00`);
    } finally {
      await organiser.dispose();
    }
  });
});
