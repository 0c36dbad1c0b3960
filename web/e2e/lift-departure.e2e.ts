import { fromLondonInputValue, toLondonInputValue } from '@rallypoint/shared';
import type { APIRequestContext, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newBrowser } from './browser.ts';
import { apiSession, countMutations, createEventApi, describedByText, newPerson, signUpApi, uid } from './helpers.ts';

// A late-night meeting in Leeds, 00:30–02:30 UK time three days from now, and a driver from London (hours away):
// the departure must be at most six hours before it starts (a start in the small hours) and before it starts, the
// same rule the API applies.
const day = toLondonInputValue(new Date(Date.now() + 3 * 86_400_000)).slice(0, 10);
const dayBefore = new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const title = `Night shift leafleting ${uid()}`;

let organiser: APIRequestContext;
let drivers: BrowserContext;
let page: Page;
let eventId = '';

beforeAll(async () => {
  organiser = await apiSession();
  await signUpApi(organiser, newPerson('Orla'), 'LS7');
  eventId = await createEventApi(organiser, {
    title,
    postcode: 'LS7 3AA',
    startsAt: fromLondonInputValue(`${day}T00:30`)!,
    endsAt: fromLondonInputValue(`${day}T02:30`)!,
  });
  drivers = await newBrowser();
  drivers.setDefaultTimeout(30_000);
  await signUpApi(drivers.request, newPerson('Dara'), 'N1 9GU');
  page = await drivers.newPage();
});

afterAll(async () => {
  await Promise.all([drivers?.close(), organiser?.dispose()]);
});

const lifts = (p: Page): Locator => p.getByRole('region', { name: 'Lifts', exact: true });

describe('offering a lift: the departure is checked against the event in the browser', () => {
  test('the default departure for a start in the small hours and a long drive is the earliest allowed: six hours before', async () => {
    await page.goto(`/events/${encodeURIComponent(eventId)}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await lifts(page).getByRole('button', { name: 'Offer a lift' }).click();
    expect(await lifts(page).getByLabel('Where you start from').inputValue()).toBe('N1');
    expect(await lifts(page).getByLabel('Leaving at').inputValue()).toBe(`${dayBefore}T18:30`);
  });

  test("a departure over six hours before, or once it has started, gets the API's message under the field; nothing is sent", async () => {
    const section = lifts(page);
    const sent = countMutations(page, 'OfferLift');
    const leaving = section.getByLabel('Leaving at');
    const submit = section.getByRole('button', { name: 'Offer my seats' });
    const summary = section.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'There is a problem' }) });

    for (const [value, message] of [
      [`${dayBefore}T18:29`, 'Leave no more than 6 hours before the event starts'],
      [`${day}T00:30`, 'The departure is after the event starts: leave before it begins'],
    ] as const) {
      await leaving.fill(value);
      await submit.click();
      await summary.getByRole('link', { name: message }).waitFor();
      expect(await leaving.getAttribute('aria-invalid')).toBe('true');
      expect(await describedByText(leaving)).toContain(message);
    }
    expect(sent()).toBe(0);

    // The evening before, within the window: accepted by the API.
    await leaving.fill(`${dayBefore}T23:00`);
    await submit.click();
    await section.getByRole('status').filter({ hasText: 'Your lift offer is up' }).waitFor();
    expect(sent()).toBe(1);
    await section.getByRole('heading', { name: 'Your lift offer' }).waitFor();
  });
});
