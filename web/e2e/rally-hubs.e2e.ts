import { formatDayTime, toLondonInputValue } from '@rallypoint/shared';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newBrowser } from './browser.ts';
import { countMutations, expectAccessible, gql, newPerson, signInApi, signUpApi } from './helpers.ts';

// The demo's London rally: its region's organiser adds a pickup hub; a rider says they can get to one.
const ORGANISER = { email: 'organiser.london@rallypoint.example', password: 'rallypoint-demo' };
const HUB = 'Waterloo station';

let organiserBrowser: BrowserContext;
let riderBrowser: BrowserContext;
let rider: APIRequestContext;
let page: Page;
let eventId = '';
let startsAt = '';

beforeAll(async () => {
  organiserBrowser = await newBrowser();
  organiserBrowser.setDefaultTimeout(30_000);
  await signInApi(organiserBrowser.request, ORGANISER.email, ORGANISER.password);
  const mine = await gql<{ me: { organisedEvents: { id: string; kind: string; title: string; startsAt: string }[] } }>(
    organiserBrowser.request,
    '{ me { organisedEvents { id kind title startsAt } } }',
  );
  const rally = mine.me.organisedEvents.find((e) => e.kind === 'RALLY' && e.title.startsWith('London rally'));
  if (!rally) throw new Error('the demo London rally is missing');
  eventId = rally.id;
  startsAt = rally.startsAt;
  page = await organiserBrowser.newPage();
  riderBrowser = await newBrowser();
  riderBrowser.setDefaultTimeout(30_000);
  rider = riderBrowser.request;
});

afterAll(async () => {
  await Promise.all([organiserBrowser?.close(), riderBrowser?.close()]);
});

const hubNames = async (p: Page): Promise<string[]> => (await p.getByTestId('hub-list').locator('li strong').allTextContents()).sort();

describe('pickup hubs at the London rally', () => {
  test('the organiser adds a hub by postcode, is told a duplicate name is taken, and removes it again', async () => {
    await page.goto(`/events/${encodeURIComponent(eventId)}/lifts`);
    const panel = page.getByRole('region', { name: 'Pickup hubs' });
    await panel.getByTestId('hub-list').waitFor();
    const before = await hubNames(page);
    expect(before).toContain("King's Cross station");

    await panel.getByLabel('Hub name').fill(HUB);
    await panel.getByLabel('Postcode').fill('se1 8sw');
    await panel.getByRole('button', { name: 'Add hub' }).click();
    await panel.getByRole('status').filter({ hasText: `Added ${HUB}.` }).waitFor();
    await expect.poll(() => hubNames(page)).toEqual([...before, HUB].sort());
    expect(await panel.getByLabel('Hub name').inputValue()).toBe('');

    // The same name again (case aside): the API's error on the name field, in the summary, nothing added.
    await panel.getByLabel('Hub name').fill(HUB.toUpperCase());
    await panel.getByLabel('Postcode').fill('SE1');
    await panel.getByRole('button', { name: 'Add hub' }).click();
    const summary = panel.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'There is a problem' }) });
    await summary.getByRole('link', { name: /already has a hub called/ }).waitFor();
    expect(await panel.getByLabel('Hub name').getAttribute('aria-invalid')).toBe('true');
    expect(await hubNames(page)).toEqual([...before, HUB].sort());
    await expectAccessible(page, 'organiser lifts page with the hub form and an error');

    await panel.getByRole('button', { name: `Remove ${HUB}` }).click();
    await panel.getByRole('status').filter({ hasText: `Removed ${HUB}.` }).waitFor();
    await expect.poll(() => hubNames(page)).toEqual(before);
  });

  test('a rider asks for a lift and says they can get to a hub within 5 km', async () => {
    await signUpApi(rider, newPerson('Rhea'));
    const riderPage = await riderBrowser.newPage();
    await riderPage.goto(`/events/${encodeURIComponent(eventId)}`);
    const section = riderPage.getByRole('region', { name: 'Lifts', exact: true });
    await section.getByRole('button', { name: 'Ask for a lift' }).click();
    await section.getByLabel('Where you need picking up').fill('N7');
    const reach = section.getByLabel('I can get to a pickup hub within this many km');
    expect(await reach.getAttribute('aria-describedby')).toBeTruthy();
    await reach.fill('5');
    await expectAccessible(riderPage, 'event page with the hub question');
    await section.getByRole('button', { name: 'Find me a lift' }).click();
    await section.getByRole('heading', { name: 'Your lift request' }).waitFor();
    await section.getByText('can get to a pickup hub within 5 km').waitFor();
    const mine = await gql<{ event: { myLiftRequest: { hubReachKm: number | null } } }>(rider, 'query ($id: ID!) { event(id: $id) { myLiftRequest { hubReachKm } } }', {
      id: eventId,
    });
    expect(mine.event.myLiftRequest.hubReachKm).toBe(5);

    // Later, the rider changes when they are ready: a time after the start is refused before anything is sent.
    const change = section.getByRole('form', { name: 'Change when you are ready' });
    const retimed = countMutations(riderPage, 'SetLiftRequestTimes');
    const readyFrom = change.getByLabel('Ready from');
    expect(await readyFrom.inputValue()).toBe('');
    expect(await change.getByLabel('I can get to a pickup hub within this many km').inputValue()).toBe('5');
    const start = new Date(startsAt).getTime();
    await readyFrom.fill(toLondonInputValue(new Date(start + 30 * 60_000)));
    await change.getByRole('button', { name: "Change when I'm ready" }).click();
    await change.getByText('Ready from must be before the event starts').waitFor();
    expect(retimed()).toBe(0);
    const ready = new Date(start - 2 * 3_600_000);
    await readyFrom.fill(toLondonInputValue(ready));
    await change.getByRole('button', { name: "Change when I'm ready" }).click();
    await section
      .getByRole('status')
      .filter({ hasText: `You are now ready from ${formatDayTime(ready)}. You can get to a pickup hub within 5 km.` })
      .waitFor();
    expect(retimed()).toBe(1);
    await section.locator('.lift-summary').filter({ hasText: `ready from ${formatDayTime(ready)}` }).waitFor();
    await expectAccessible(riderPage, 'lift request with its ready time changed');
  });
});
