import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newBrowser, waitForMapIdle } from './browser.ts';
import {
  arriveAt,
  countMutations,
  describedByText,
  nearList,
  nearMap,
  newPerson,
  signInViaUi,
  signUpApi,
  uid,
  waitForNearReady,
} from './helpers.ts';

// Harrogate: away from the other test files' events. The public event has no pin, so it sits exactly on the
// HG1 centroid, which is also where the near page puts its "you searched here" marker.
const EVENT_POSTCODE = 'HG1 2AB';
const HIDDEN_POSTCODE = 'HG2 7AA';
const publicTitle = `Harrogate street stall ${uid()}`;
const hiddenTitle = `Harrogate house meeting ${uid()}`;
const hiddenAddress = `${Math.floor(Math.random() * 90) + 10} Quiet Close`;

const memberA = newPerson('Alex');
const memberB = newPerson('Bea');
let a: BrowserContext;
let b: BrowserContext;
let pageA: Page;
let pageB: Page;

beforeAll(async () => {
  [a, b] = await Promise.all([newBrowser(), newBrowser()]);
  a.setDefaultTimeout(30_000);
  b.setDefaultTimeout(30_000);
  // Accounts through the API (sign-up through the UI is covered by member-journey); A signs in through the UI.
  await signUpApi(a.request, memberA, 'HG1');
  await a.clearCookies();
  await signUpApi(b.request, memberB, 'HG1 4AA');
  [pageA, pageB] = await Promise.all([a.newPage(), b.newPage()]);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

/** The datetime-local value `hours` after the one in the form's "Starts" field (same day). */
async function sameDayAt(page: Page, time: string): Promise<string> {
  const start = await page.getByLabel('Starts').inputValue();
  return `${start.slice(0, 10)}T${time}`;
}

async function fillEventForm(page: Page, v: { kind: string; title: string; venue: string; address: string; postcode: string }) {
  await page.getByLabel('Kind of event').selectOption({ label: v.kind });
  await page.getByLabel('Title', { exact: true }).fill(v.title);
  await page.getByLabel('Venue', { exact: true }).fill(v.venue);
  await page.getByLabel('Address', { exact: true }).fill(v.address);
  await page.getByLabel('Postcode', { exact: true }).fill(v.postcode);
}

describe('member A creates an event; member B nearby discovers it', () => {
  let publicUrl = '';

  test('A: the create form validates on the client (per-field errors, nothing sent), then creates the event', async () => {
    await signInViaUi(pageA, memberA);
    await pageA.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Create event' }).click();
    await arriveAt(pageA, /\/events\/new$/, 'Create an event');
    const creates = countMutations(pageA, 'CreateEvent');

    // Empty title, end before start.
    await fillEventForm(pageA, { kind: 'Street stall', title: '', venue: 'Outside Betty’s', address: '1 Parliament Street', postcode: EVENT_POSTCODE });
    await pageA.getByLabel('Starts').fill(await sameDayAt(pageA, '10:00'));
    await pageA.getByLabel('Ends').fill(await sameDayAt(pageA, '09:00'));
    await pageA.getByRole('button', { name: 'Create event' }).click();

    const summary = pageA.getByRole('alert').filter({ has: pageA.getByRole('heading', { name: 'There is a problem' }) });
    await summary.waitFor();
    // The summary takes focus and links to each field.
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    const summaryLinks = await summary.getByRole('link').allInnerTexts();
    expect(summaryLinks).toEqual(['Title must be at least 3 visible characters', 'End must be after the start']);

    // Each error sits with its field: the input is marked invalid and described by the message.
    const title = pageA.getByLabel('Title', { exact: true });
    const ends = pageA.getByLabel('Ends');
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    expect(await describedByText(title)).toContain('Title must be at least 3 visible characters');
    expect(await ends.getAttribute('aria-invalid')).toBe('true');
    expect(await describedByText(ends)).toContain('End must be after the start');
    expect(await pageA.getByLabel('Venue', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    // The summary link moves focus to the field.
    await summary.getByRole('link', { name: 'End must be after the start' }).click();
    expect(await ends.evaluate((el) => el === document.activeElement)).toBe(true);

    // Nothing was created.
    expect(creates()).toBe(0);
    expect(new URL(pageA.url()).pathname).toBe('/events/new');

    // Fix it and submit.
    await title.fill(publicTitle);
    expect(await title.getAttribute('aria-invalid')).toBeNull();
    await ends.fill(await sameDayAt(pageA, '12:30'));
    await pageA.getByLabel('Places').fill('20');
    await pageA.getByRole('button', { name: 'Create event' }).click();
    await arriveAt(pageA, /\/events\/(?!new$)[^/]+$/, publicTitle);
    expect(creates()).toBe(1);
    await pageA.getByRole('status').filter({ hasText: 'Your event is published.' }).waitFor();
    publicUrl = new URL(pageA.url()).pathname;
    // The organiser sees their full address and an organiser panel.
    await pageA.getByText(`1 Parliament Street, ${EVENT_POSTCODE}`).waitFor();
  });

  test('A: creates an event whose exact address only attendees see', async () => {
    await pageA.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Create event' }).click();
    await arriveAt(pageA, /\/events\/new$/, 'Create an event');
    await fillEventForm(pageA, { kind: 'Meeting', title: hiddenTitle, venue: 'A member’s front room', address: hiddenAddress, postcode: HIDDEN_POSTCODE });
    await pageA.getByRole('group', { name: 'Who sees the exact address' }).getByRole('radio', { name: /^Only people who sign up/ }).check();
    await pageA.getByRole('button', { name: 'Create event' }).click();
    await arriveAt(pageA, /\/events\/(?!new$)[^/]+$/, hiddenTitle);
    await pageA.getByText(`${hiddenAddress}, ${HIDDEN_POSTCODE}`).waitFor();
  });

  test('B (home nearby) sees the new event in the list near the postcode, and first when choosing nearest first', async () => {
    await pageB.goto('/');
    await pageB.getByRole('link', { name: 'Events near HG1' }).click();
    await arriveAt(pageB, /\/near\/HG1$/, 'Events near HG1');
    await waitForNearReady(pageB);
    // Soonest first unless asked; the option says what nearest first does.
    const sort = pageB.getByLabel('Sort by');
    expect(await sort.locator('option:checked').textContent()).toBe('Soonest first, with distance');
    await sort.selectOption({ label: 'Nearest first, any date' });
    await arriveAt(pageB, /\/near\/HG1\?sort=DISTANCE$/, 'Events near HG1');
    await waitForNearReady(pageB);
    const cards = nearList(pageB).getByRole('listitem');
    const card = cards.filter({ has: pageB.getByRole('link', { name: publicTitle }) });
    await card.waitFor();
    // No pin: it is at the middle of HG1, exactly where B searched, so it comes first.
    await expect.poll(() => cards.first().getByRole('link').first().textContent()).toBe(publicTitle);
    expect(await card.textContent()).toContain('0.1 km away');
    // A, who made it, is going: one of its 20 places is theirs.
    expect(await card.textContent()).toContain('19 of 20 places left');
    expect(await card.getByRole('link', { name: publicTitle }).getAttribute('href')).toBe(publicUrl);
    await cards.filter({ has: pageB.getByRole('link', { name: hiddenTitle }) }).waitFor();
  });

  test('B sees it on the map: zoomed in on the search point, the point there is the new event and opens it', async () => {
    // The page has no DOM/accessible markers for events (they are WebGL circles), so: narrow to 5 km (zoom 12),
    // zoom in once (13: clustering stops at 12), hover the search-point marker, where the event sits, and check
    // the hover label; then click it, which the map turns into navigation to the event.
    await pageB.getByLabel('Distance').selectOption({ label: 'Within 5 km' });
    await pageB.getByRole('heading', { name: 'Events within 5 km' }).waitFor();
    await nearMap(pageB).waitFor();
    // The filters (open since the search) push the map below the fold, where the mouse cannot reach it.
    await nearMap(pageB).scrollIntoViewIfNeeded();
    await waitForMapIdle(pageB);
    await pageB.getByRole('button', { name: 'Zoom in' }).click();

    const origin = pageB.locator('[data-testid="map"] .map-origin');
    const tooltip = pageB.locator('[data-testid="map"] .map-tooltip');
    // Hover the search point once the map has settled (the marker follows the map as it zooms). Points for the
    // new view may still arrive and be redrawn after that, so a hover that found nothing is tried again, a few times.
    let hovered: string | null = null;
    let at = { x: 0, y: 0 };
    for (let attempt = 0; attempt < 5 && hovered !== publicTitle; attempt++) {
      await waitForMapIdle(pageB);
      const box = await origin.boundingBox();
      if (!box) throw new Error('the search-point marker is not on the map');
      at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      await pageB.mouse.move(at.x + 40, at.y + 40);
      await pageB.mouse.move(at.x, at.y, { steps: 2 });
      hovered = await tooltip
        .filter({ hasText: publicTitle })
        .waitFor({ timeout: 3_000 })
        .then(
          () => publicTitle,
          async () => ((await tooltip.count()) > 0 ? await tooltip.textContent() : null),
        );
    }
    expect(hovered).toBe(publicTitle);
    await pageB.mouse.click(at.x, at.y);
    await arriveAt(pageB, publicUrl, publicTitle);
  });

  test('B sees "exact address shown to attendees" for the attendees-only event, and the address after RSVPing', async () => {
    await pageB.goBack();
    await arriveAt(pageB, /\/near\/HG1/, 'Events near HG1');
    await nearList(pageB).getByRole('link', { name: hiddenTitle }).click();
    await arriveAt(pageB, /\/events\/[^/]+$/, hiddenTitle);

    // The venue's name says where it is too: hidden with the address, the area shown instead.
    const venue = 'A member’s front room';
    const hidden = pageB.getByRole('definition').filter({ hasText: 'Exact address shown to attendees.' });
    await hidden.waitFor();
    expect(await hidden.textContent()).toContain('HG2');
    expect(await pageB.getByText(hiddenAddress).count()).toBe(0);
    expect(await pageB.getByText(venue).count()).toBe(0);
    expect(await pageB.getByText('The pin shows the area only.').isVisible()).toBe(true);

    await pageB.getByRole('complementary', { name: 'Sign up' }).getByRole('button', { name: "I'm going" }).click();
    await pageB.getByRole('status').filter({ hasText: 'See you there!' }).waitFor();
    const where = pageB.getByRole('definition').filter({ hasText: venue });
    await where.getByText(`${hiddenAddress}, ${HIDDEN_POSTCODE}`).waitFor();
    expect(await where.getByText('Exact address shown to attendees.').count()).toBe(0);
  });
});
