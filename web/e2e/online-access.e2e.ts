import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newBrowser } from './browser.ts';
import { arriveAt, expectAccessible, gql, nearList, newPerson, rsvpApi, signUpApi, uid } from './helpers.ts';

const tag = uid();
const onlineTitle = `Online phone bank ${tag}`;
const joinUrl = `https://meet.example.org/${tag}`;
// York: away from the other files' events.
const stepFreeTitle = `Step-free stall ${tag}`;
const plainTitle = `Upstairs meeting ${tag}`;

let host: BrowserContext;
let goer: BrowserContext;
let other: BrowserContext;
let eventPath = '';

beforeAll(async () => {
  [host, goer, other] = await Promise.all([newBrowser(), newBrowser(), newBrowser()]);
  for (const b of [host, goer, other]) b.setDefaultTimeout(30_000);
  await signUpApi(host.request, newPerson('Hana'), 'YO1');
  await signUpApi(goer.request, newPerson('Gus'), 'YO1');
  await signUpApi(other.request, newPerson('Oli'), 'YO1');
  // Two in-person events in York, one step-free (through the API: the form is covered below).
  const start = new Date(Date.now() + 4 * 86_400_000);
  start.setUTCHours(11, 0, 0, 0);
  for (const [title, stepFree] of [
    [stepFreeTitle, true],
    [plainTitle, false],
  ] as const) {
    const data = await gql<{ createEvent: { __typename: string } }>(
      host.request,
      `mutation ($input: EventInput!) { createEvent(input: $input) { __typename } }`,
      {
        input: {
          kind: 'MEETING',
          title,
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 7_200_000).toISOString(),
          venueName: stepFree ? 'Ground floor room' : 'First floor room',
          address: '1 Test Street',
          postcode: 'YO1 7HH',
          stepFree,
        },
      },
    );
    expect(data.createEvent.__typename).toBe('MutationCreateEventSuccess');
  }
});
afterAll(async () => {
  await Promise.all([host?.close(), goer?.close(), other?.close()]);
});

const onlineSection = (page: Page) => page.getByRole('region', { name: 'Online events' });

describe('online events', () => {
  test('a member creates an online phone bank: no venue fields, a join link and a region', async () => {
    const page = await host.newPage();
    await page.goto('/events/new');
    await page.getByRole('heading', { level: 1, name: 'Create an event' }).waitFor();
    await page.getByLabel('Kind of event').selectOption({ label: 'Phone bank' });
    await page.getByRole('group', { name: 'Where' }).getByRole('radio', { name: /^Online/ }).check();
    expect(await page.getByLabel('Venue', { exact: true }).count()).toBe(0);
    expect(await page.getByLabel('Postcode', { exact: true }).count()).toBe(0);
    await page.getByLabel('Title', { exact: true }).fill(onlineTitle);
    await expectAccessible(page, 'create-event form, online');

    // Not https: refused on the field, nothing sent.
    await page.getByLabel(/^Join link/).fill('http://meet.example.org/nope');
    await page.getByLabel('Region').selectOption({ label: 'Yorkshire and The Humber' });
    await page.getByRole('button', { name: 'Create event' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await page.getByRole('link', { name: /https/ }).count()).toBeGreaterThan(0);

    await page.getByLabel(/^Join link/).fill(joinUrl);
    await page.getByRole('button', { name: 'Create event' }).click();
    await arriveAt(page, /\/events\/(?!new$)[^/]+$/, onlineTitle);
    eventPath = new URL(page.url()).pathname;
    // The host sees the link, and no map or lifts.
    expect(await page.getByRole('link', { name: /^Join the call/ }).getAttribute('href')).toBe(joinUrl);
    expect(await page.getByRole('heading', { name: 'Map' }).count()).toBe(0);
  });

  test('it shows under the online filter, soonest first and with no distance', async () => {
    const page = await goer.newPage();
    await page.goto('/near/YO17HH?where=online');
    await page.getByRole('heading', { level: 1, name: /^Events near / }).waitFor();
    const card = onlineSection(page).getByRole('listitem').filter({ has: page.getByRole('link', { name: onlineTitle }) });
    await card.waitFor();
    expect(await card.textContent()).toContain('Online');
    expect(await card.textContent()).not.toContain('km away');
    // Online only: no in-person list.
    expect(await nearList(page).count()).toBe(0);
    await expectAccessible(page, 'near page, online events');
  });

  test('a member going sees the join link; a member not going does not', async () => {
    const page = await goer.newPage();
    await page.goto(eventPath);
    await page.getByRole('heading', { level: 1, name: onlineTitle }).waitFor();
    expect(await page.getByRole('link', { name: /^Join the call/ }).count()).toBe(0);
    await page.getByText('The join link is shown to people going.').waitFor();
    // Booked through the API, then the page again: the booking's own path is the RSVP tests' subject.
    expect(await rsvpApi(goer.request, decodeURIComponent(eventPath.split('/').pop()!))).toBe('GOING');
    await page.reload();
    const link = page.getByRole('link', { name: /^Join the call/ });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(joinUrl);
    await expectAccessible(page, 'online event page, going');

    const otherPage = await other.newPage();
    await otherPage.goto(eventPath);
    await otherPage.getByRole('button', { name: "I'm going" }).waitFor();
    await otherPage.getByText('The join link is shown to people going.').waitFor();
    expect(await otherPage.getByRole('link', { name: /^Join the call/ }).count()).toBe(0);
    expect(await otherPage.content()).not.toContain(joinUrl);
  });
});

describe('an online event in shifts', () => {
  test('booking a shift shows the join link at once, with no reload', async () => {
    const title = `Online phone bank in shifts ${tag}`;
    const link = `https://meet.example.org/${tag}-shifts`;
    const start = new Date(Date.now() + 5 * 86_400_000);
    start.setUTCHours(17, 0, 0, 0);
    const at = (h: number) => new Date(start.getTime() + h * 3_600_000).toISOString();
    const created = await gql<{ createEvent: { __typename: string; data?: { id: string } } }>(
      host.request,
      `mutation ($input: EventInput!) { createEvent(input: $input, publish: true) { __typename ... on MutationCreateEventSuccess { data { id } } } }`,
      {
        input: {
          kind: 'PHONE_BANK',
          title,
          startsAt: at(0),
          endsAt: at(3),
          online: true,
          regionId: 'yorkshire-and-the-humber',
          joinUrl: link,
          shifts: [
            { startsAt: at(0), endsAt: at(1), capacity: 5 },
            { startsAt: at(2), endsAt: at(3), capacity: 5 },
          ],
        },
      },
    );
    expect(created.createEvent.__typename).toBe('MutationCreateEventSuccess');
    const page = await goer.newPage();
    await page.goto(`/events/${encodeURIComponent(created.createEvent.data!.id)}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText('The join link is shown to people going.').waitFor();
    expect(await page.getByRole('link', { name: /^Join the call/ }).count()).toBe(0);

    await page.getByRole('button', { name: /^Book the .* shift$/ }).first().click();
    await page.getByRole('status').filter({ hasText: 'Booked: the' }).waitFor();
    const join = page.getByRole('link', { name: /^Join the call/ });
    await join.waitFor();
    expect(await join.getAttribute('href')).toBe(link);
    await expectAccessible(page, 'online event in shifts, just booked');
    await page.close();
  });
});

describe('venue access', () => {
  test('the event page shows the access; the step-free filter narrows the list', async () => {
    const page = await other.newPage();
    await page.goto('/near/YO17HH?radius=5');
    await page.getByRole('heading', { level: 1, name: /^Events near / }).waitFor();
    const list = nearList(page);
    const titled = (title: string) => list.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) });
    await titled(stepFreeTitle).waitFor();
    await titled(plainTitle).waitFor();
    // The demo's online phone bank is listed on its own.
    await onlineSection(page).getByRole('listitem').first().waitFor();

    // The filters live in the URL: a tick navigates, so wait for the new list rather than the box.
    await page.getByLabel('Step-free access').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('access')).toBe('STEP_FREE');
    await expect.poll(() => titled(plainTitle).count()).toBe(0);
    await titled(stepFreeTitle).waitFor();
    expect(await page.getByLabel('Step-free access').isChecked()).toBe(true);
    // Venue filters leave online events out.
    expect(await onlineSection(page).count()).toBe(0);
    await expectAccessible(page, 'near page, access filter');

    await titled(stepFreeTitle).getByRole('link', { name: stepFreeTitle }).click();
    await arriveAt(page, /\/events\/[^/]+$/, stepFreeTitle);
    const access = page.locator('dt', { hasText: 'Access' }).locator('xpath=following-sibling::dd[1]');
    expect(await access.textContent()).toBe('Step-free access');
  });
});
