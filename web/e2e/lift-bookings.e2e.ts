import { formatEventTime, fromLondonInputValue, toLondonInputValue } from '@rallypoint/shared';
import type { APIRequestContext, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newBrowser } from './browser.ts';
import { apiSession, countMutations, createEventApi, describedByText, expectAccessible, gql, newPerson, signUpApi, uid } from './helpers.ts';

// Asking for a lift books the rider's place; a full event offers the waitlist instead. Checked in the browser, then on
// My plans.
const VENUE_POSTCODE = 'NW4 4BT';

let browser: BrowserContext;
let page: Page;
let organiser: APIRequestContext;
const roomy = { id: '', title: `Lift bookings canvass ${uid()}` };
const full = { id: '', title: `Full lift bookings canvass ${uid()}` };
const rider = newPerson('Riya');

beforeAll(async () => {
  browser = await newBrowser();
  browser.setDefaultTimeout(30_000);
  page = await browser.newPage();
  organiser = await apiSession();
  await signUpApi(organiser, newPerson('Orla'));
  roomy.id = await createEventApi(organiser, { kind: 'CANVASS', title: roomy.title, postcode: VENUE_POSTCODE, capacity: 10 });
  // The one place of the full canvass is its organiser's own: creators are going to their events.
  full.id = await createEventApi(organiser, { kind: 'CANVASS', title: full.title, postcode: VENUE_POSTCODE, capacity: 1 });
  await signUpApi(browser.request, rider, 'N3 1DH');
});
afterAll(async () => {
  await browser?.close();
  await organiser?.dispose();
});

const lifts = (p: Page): Locator => p.getByRole('region', { name: 'Lifts', exact: true });

async function askForLift(eventId: string, title: string): Promise<Locator> {
  await page.goto(`/events/${encodeURIComponent(eventId)}`);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  const section = lifts(page);
  await section.getByRole('button', { name: 'Ask for a lift' }).click();
  expect(await section.getByLabel('Where you need picking up').inputValue()).toBe('N3');
  await section.getByRole('button', { name: 'Find me a lift' }).click();
  return section;
}

describe('a lift comes with a place', () => {
  test('asking for a lift books my place, and My plans shows the request and that I am going', async () => {
    const section = await askForLift(roomy.id, roomy.title);
    await section.getByRole('status').filter({ hasText: "You asked for a lift and you're going: your place is booked." }).waitFor();
    await section.getByRole('heading', { name: 'Your lift request' }).waitFor();
    await expectAccessible(page, 'event page after asking for a lift');

    await page.goto('/plans');
    await page.getByRole('heading', { level: 1, name: 'My plans' }).waitFor();
    const going = page.getByRole('region', { name: "Events I'm going to" });
    const card = going.getByRole('listitem').filter({ hasText: roomy.title });
    await card.getByText('Going', { exact: true }).waitFor();
    const myLifts = page.getByRole('region', { name: 'My lifts' });
    const request = myLifts.getByRole('listitem').filter({ hasText: roomy.title }).first();
    await request.getByText('Looking for a lift').waitFor();
    expect(await request.textContent()).toContain('1 person from N3');
    expect(await request.getByRole('link', { name: roomy.title, exact: true }).getAttribute('href')).toBe(`/events/${encodeURIComponent(roomy.id)}`);
    await expectAccessible(page, 'My plans with a lift request');
  });

  test('a full event says so, changes nothing, and offers the waitlist with the lift request', async () => {
    const section = await askForLift(full.id, full.title);
    const banner = section.getByRole('region', { name: /This event is full/ });
    await banner.waitFor();
    await section.getByRole('alert').filter({ hasText: /This event is full/ }).first().waitFor();
    // Nothing was booked: still the form, no request.
    expect(await section.getByRole('heading', { name: 'Need a lift?' }).count()).toBe(1);
    await expectAccessible(page, 'event page, full, offering the waitlist');

    await banner.getByRole('button', { name: 'Join the waitlist and ask for a lift' }).click();
    await section.getByRole('status').filter({ hasText: 'You asked for a lift and joined the waitlist' }).waitFor();
    await section.getByRole('heading', { name: 'Your lift request' }).waitFor();

    await page.goto('/plans');
    const going = page.getByRole('region', { name: "Events I'm going to" });
    await going.getByRole('listitem').filter({ hasText: full.title }).getByText(/Waitlisted/).waitFor();
    await page.getByRole('region', { name: 'My lifts' }).getByRole('listitem').filter({ hasText: full.title }).first().waitFor();
  });
});

/** A canvass three days ahead, 09:00–15:00 UTC, with shifts 09–11 and 12–14 UTC of four places each. */
async function shiftedCanvass(title: string): Promise<{ eventId: string; at: (h: number) => Date }> {
  const start = new Date(Date.now() + 3 * 86_400_000);
  start.setUTCHours(9, 0, 0, 0);
  const at = (h: number) => new Date(start.getTime() + h * 3_600_000);
  const created = await gql<{ createEvent: { __typename: string; data?: { id: string } } }>(
    organiser,
    `mutation ($input: EventInput!) { createEvent(input: $input, publish: true) { __typename ... on MutationCreateEventSuccess { data { id } } } }`,
    {
      input: {
        kind: 'CANVASS',
        title,
        startsAt: at(0).toISOString(),
        endsAt: at(6).toISOString(),
        venueName: 'Community hall',
        address: '1 Test Street',
        postcode: VENUE_POSTCODE,
        shifts: [
          { startsAt: at(0).toISOString(), endsAt: at(2).toISOString(), capacity: 4 },
          { startsAt: at(3).toISOString(), endsAt: at(5).toISOString(), capacity: 4 },
        ],
      },
    },
  );
  expect(created.createEvent.__typename).toBe('MutationCreateEventSuccess');
  return { eventId: created.createEvent.data!.id, at };
}

describe('a lift on an event with shifts', () => {
  test('the form lets me choose the shift; asking books it, and the shift list shows my place without a reload', async () => {
    const title = `Shifted lift canvass ${uid()}`;
    const { eventId } = await shiftedCanvass(title);

    await page.goto(`/events/${encodeURIComponent(eventId)}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const section = lifts(page);
    await section.getByRole('button', { name: 'Ask for a lift' }).click();
    const shift = section.getByLabel('Shift', { exact: true });
    // Nothing booked yet: the first shift with places is chosen; I pick the afternoon one.
    expect(await shift.locator('option').count()).toBe(2);
    await shift.selectOption({ index: 1 });
    await expectAccessible(page, 'lift request form with a shift to choose');
    await section.getByRole('button', { name: 'Find me a lift' }).click();
    await section.getByRole('status').filter({ hasText: "You asked for a lift and you're going: your place is booked." }).waitFor();
    await section.getByRole('heading', { name: 'Your lift request' }).waitFor();

    const shifts = page.getByRole('region', { name: 'Shifts' }).getByRole('listitem');
    await expect.poll(() => shifts.nth(1).textContent()).toMatch(/3 places left of 4[\s\S]*You're going/);
    expect(await shifts.nth(0).textContent()).not.toMatch(/You're going/);
  });

  test('a lift to the afternoon shift is timed by it: it may leave after the event starts, never after the shift does', async () => {
    const title = `Afternoon lift canvass ${uid()}`;
    const { eventId, at } = await shiftedCanvass(title);
    await page.goto(`/events/${encodeURIComponent(eventId)}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const section = lifts(page);
    await section.getByRole('button', { name: 'Offer a lift' }).click();
    const leaving = section.getByLabel('Leaving at');
    // The morning shift first: the suggested departure is before the event starts; the afternoon's follows that shift.
    expect(fromLondonInputValue(await leaving.inputValue())!.getTime()).toBeLessThan(at(0).getTime());
    await section.getByLabel('Shift', { exact: true }).selectOption({ index: 1 });
    await expect.poll(async () => fromLondonInputValue(await leaving.inputValue())!.getTime()).toBeGreaterThan(at(0).getTime());
    expect(fromLondonInputValue(await leaving.inputValue())!.getTime()).toBeLessThan(at(3).getTime());
    expect(await describedByText(leaving)).toMatch(/on the day of the shift/);

    const sent = countMutations(page, 'OfferLift');
    const submit = section.getByRole('button', { name: 'Offer my seats' });
    await leaving.fill(toLondonInputValue(at(3)));
    await submit.click();
    const message = 'The departure is after the shift starts: leave before it begins';
    await section.getByRole('alert').getByRole('link', { name: message }).waitFor();
    expect(sent()).toBe(0);

    // Two hours after the event starts, an hour before the shift: accepted, and the offer names its shift.
    await leaving.fill(toLondonInputValue(at(2)));
    await submit.click();
    await section.getByRole('status').filter({ hasText: 'Your lift offer is up' }).waitFor();
    expect(sent()).toBe(1);
    const card = section.locator('.lift-card').filter({ hasText: 'You are driving from' });
    await card.getByText(/You are going to the shift .*: arrive before it starts/).waitFor();

    // Later, the driver changes when they leave: checked against the shift before anything is sent.
    const change = card.getByRole('form', { name: 'Change when you leave' });
    const retimed = countMutations(page, 'SetLiftOfferDeparture');
    const newTime = change.getByLabel('Leaving at');
    expect(fromLondonInputValue(await newTime.inputValue())!.getTime()).toBe(at(2).getTime());
    await newTime.fill(toLondonInputValue(at(3)));
    await change.getByRole('button', { name: 'Change when I leave' }).click();
    await change.getByText(message).waitFor();
    expect(retimed()).toBe(0);
    await newTime.fill(toLondonInputValue(at(2.5)));
    await change.getByRole('button', { name: 'Change when I leave' }).click();
    await section.getByRole('status').filter({ hasText: /You now leave / }).waitFor();
    expect(retimed()).toBe(1);
    await expect.poll(async () => fromLondonInputValue(await newTime.inputValue())!.getTime()).toBe(at(2.5).getTime());
    await expectAccessible(page, 'lift offer with its departure changed');

    // My plans times the lift by its shift, not by the whole day.
    await page.goto('/plans');
    const plan = page.getByRole('region', { name: 'My lifts' }).getByRole('listitem').filter({ hasText: title }).first();
    await plan.getByText('Offering a lift').waitFor();
    expect(await plan.textContent()).toContain(`shift ${formatEventTime(at(3), at(5))}`);
    expect(await plan.textContent()).not.toContain(formatEventTime(at(0), at(6)));
  });
});
