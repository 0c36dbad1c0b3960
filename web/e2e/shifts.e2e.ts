import { fromLondonInputValue, WEEKDAYS, weeklyRule } from '@rallypoint/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { waitForMail } from '../../api/test/mail-catcher.ts';
import { newBrowser } from './browser.ts';
import { arriveAt, expectAccessible, gql, newPerson, signInApi, signInViaUi, signUpApi, uid } from './helpers.ts';

// York: away from the other test files' events.
const title = `York canvass in shifts ${uid()}`;
const host = newPerson('Hana');
const bea = newPerson('Bea');
const cal = newPerson('Cal');
let hostCtx: BrowserContext;
let beaCtx: BrowserContext;
let calCtx: BrowserContext;
let eventPath = '';

beforeAll(async () => {
  [hostCtx, beaCtx, calCtx] = await Promise.all([newBrowser(), newBrowser(), newBrowser()]);
  for (const c of [hostCtx, beaCtx, calCtx]) c.setDefaultTimeout(30_000);
  await signUpApi(hostCtx.request, host, 'YO1 7HH');
  await hostCtx.clearCookies();
  await signUpApi(beaCtx.request, bea, 'YO1 7HH');
  await signUpApi(calCtx.request, cal, 'YO10 5DD');
});
afterAll(async () => {
  await Promise.all([hostCtx?.close(), beaCtx?.close(), calCtx?.close()]);
});

/** The shift list on the event page, one item per shift. */
const shiftItems = (page: Page) => page.getByRole('region', { name: 'Shifts' }).getByRole('listitem');

describe('shifts: an event with two shifts, booked by two members', () => {
  test('the host creates the event with two shifts (10:00–12:00 for 2, 13:00–15:00 for 1) from the form', async () => {
    const page = await hostCtx.newPage();
    await signInViaUi(page, host);
    await page.goto('/events/new');
    await arriveAt(page, /\/events\/new$/, 'Create an event');
    await page.getByLabel('Kind of event').selectOption({ label: 'Canvass' });
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Venue').fill('Outside the Minster');
    await page.getByLabel('Address', { exact: true }).fill('Deangate');
    await page.getByLabel('Postcode', { exact: true }).fill('YO1 7HH');
    const day = (await page.getByLabel('Starts').inputValue()).slice(0, 10);
    await page.getByLabel('Starts').fill(`${day}T10:00`);
    await page.getByLabel('Ends').fill(`${day}T15:00`);

    await page.getByRole('button', { name: 'Add a shift' }).click();
    await page.getByLabel('Shift 1 starts').fill(`${day}T10:00`);
    await page.getByLabel('Shift 1 ends').fill(`${day}T12:00`);
    await page.getByLabel('Shift 1 places').fill('2');
    await page.getByRole('button', { name: 'Add a shift' }).click();
    await page.getByLabel('Shift 2 starts').fill(`${day}T13:00`);
    await page.getByLabel('Shift 2 ends').fill(`${day}T15:00`);
    await page.getByLabel('Shift 2 places').fill('1');
    // With shifts the places are per shift: the event's own field is gone.
    expect(await page.getByLabel('Places', { exact: true }).count()).toBe(0);
    await expectAccessible(page, 'create-event form with two shifts and the repeat choice');

    await page.getByRole('button', { name: 'Create event' }).click();
    await arriveAt(page, /\/events\/[^/]+$/, title);
    eventPath = new URL(page.url()).pathname;
    const items = shiftItems(page);
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.nth(0).innerText()).toMatch(/10:00[^\n]*12:00[\s\S]*2 places left of 2/);
    expect(await items.nth(1).innerText()).toMatch(/13:00[^\n]*15:00[\s\S]*1 place left of 1/);
  });

  test('two members book different shifts; the page shows the places left in each, and My plans says which shift', async () => {
    const pageB = await beaCtx.newPage();
    await pageB.goto(eventPath);
    await pageB.getByRole('heading', { level: 1, name: title }).waitFor();
    await expectAccessible(pageB, 'event page with shifts (signed in)');
    await pageB.getByRole('button', { name: /^Book the .*10:00.* shift$/ }).click();
    await pageB.getByRole('status').filter({ hasText: 'Booked: the' }).waitFor();
    await expect.poll(() => shiftItems(pageB).nth(0).innerText()).toMatch(/1 place left of 2[\s\S]*You're going/);
    // Said once: by the booked shift's row, not again by the status line.
    expect((await pageB.getByRole('region', { name: 'Shifts', exact: true }).textContent())?.match(/You're going/g)).toHaveLength(1);

    const pageC = await calCtx.newPage();
    await pageC.goto(eventPath);
    await pageC.getByRole('heading', { level: 1, name: title }).waitFor();
    await pageC.getByRole('button', { name: /^Book the .*13:00.* shift$/ }).click();
    await pageC.getByRole('status').filter({ hasText: 'Booked: the' }).waitFor();
    await expect.poll(() => shiftItems(pageC).nth(1).innerText()).toMatch(/Full: join the waitlist[\s\S]*You're going/);
    expect(await shiftItems(pageC).nth(0).innerText()).toMatch(/1 place left of 2/);
    await expectAccessible(pageC, 'event page with shifts after booking');

    // Bea's open page follows: the afternoon is full, and she may still join its waitlist.
    await expect.poll(() => shiftItems(pageB).nth(1).innerText(), { timeout: 20_000 }).toMatch(/Full: join the waitlist/);
    await shiftItems(pageB).nth(1).getByRole('button', { name: /^Join the waitlist/ }).waitFor();

    await pageB.goto('/plans');
    await pageB.getByRole('heading', { level: 1, name: 'My plans' }).waitFor();
    const plan = pageB.getByRole('listitem').filter({ hasText: title });
    await expect.poll(() => plan.innerText()).toMatch(/Going[\s\S]*for the shift[^\n]*10:00[^\n]*12:00/);
    await expectAccessible(pageB, 'My plans with a shift booking');

    // The host's attendee list says which shift each booking is for.
    const pageH = await hostCtx.newPage();
    await pageH.goto(eventPath);
    const table = pageH.getByRole('table').filter({ has: pageH.getByRole('columnheader', { name: 'Shift' }) });
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'Bea' }).innerText()).toMatch(/10:00[^\n]*12:00/);
    expect(await table.getByRole('row').filter({ hasText: 'Cal' }).innerText()).toMatch(/13:00[^\n]*15:00/);
    await expectAccessible(pageH, 'event page with shifts, as its host');
  });
});

/** The host publishes a weekly series of three dates, the first two days from now at `time` (UK), two hours long. */
async function createWeeklySeries(kind: string, seriesTitle: string, time: string): Promise<{ eventId: string; occurrences: string[] }> {
  const day = new Date(Date.now() + 2 * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
  const first = fromLondonInputValue(`${day}T${time}`)!;
  const weekday = WEEKDAYS[(new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7]!;
  await signInApi(hostCtx.request, host.email, host.password);
  const created = await gql<{ createEvent: { data: { id: string; series: { occurrences: { id: string }[] } } } }>(
    hostCtx.request,
    'mutation ($input: EventInput!) { createEvent(input: $input, publish: true) { ... on MutationCreateEventSuccess { data { id series { occurrences { id } } } } } }',
    {
      input: {
        kind,
        title: seriesTitle,
        description: 'Created by the browser tests.',
        startsAt: first.toISOString(),
        endsAt: new Date(first.getTime() + 2 * 3_600_000).toISOString(),
        venueName: 'Community hall',
        address: '1 Test Street',
        postcode: 'YO1 7HH',
        visibility: 'PUBLIC',
        addressVisibility: 'PUBLIC',
        repeat: weeklyRule(weekday, { count: 3 }),
      },
    },
  );
  const { id, series } = created.createEvent.data;
  return { eventId: id, occurrences: series.occurrences.map((o) => o.id) };
}

describe('a weekly series changed as a whole', () => {
  test('the host moves every date to come to 18:30 for 90 minutes; the page and the other dates show the new time', async () => {
    const seriesTitle = `York weekly phone bank ${uid()}`;
    const { eventId } = await createWeeklySeries('PHONE_BANK', seriesTitle, '10:00');

    const page = await hostCtx.newPage();
    await page.goto(`/events/${encodeURIComponent(eventId)}`);
    await page.getByRole('heading', { level: 1, name: seriesTitle }).waitFor();
    const repeats = page.getByRole('region', { name: 'Repeats' });
    await expect.poll(() => repeats.getByRole('listitem').allInnerTexts()).toEqual([expect.stringMatching(/10:00$/), expect.stringMatching(/10:00$/)]);

    const editor = page.getByRole('region', { name: 'Every date of this series' });
    await editor.getByRole('button', { name: 'Change every date' }).click();
    await expect.poll(() => editor.getByLabel('Starts at (UK time)').inputValue()).toBe('10:00');
    expect(await editor.getByLabel('How many dates in all').inputValue()).toBe('3');
    await expectAccessible(page, 'the change-every-date form of a series');
    await editor.getByLabel('Starts at (UK time)').fill('18:30');
    await editor.getByLabel('Length (minutes)').fill('90');
    await editor.getByRole('button', { name: 'Change every date to come' }).click();
    await editor.getByRole('status').filter({ hasText: 'Every date to come is changed.' }).waitFor();

    // This date and the two others, at the new time.
    await expect.poll(() => repeats.getByRole('listitem').allInnerTexts()).toEqual([expect.stringMatching(/18:30$/), expect.stringMatching(/18:30$/)]);
    await expect.poll(() => page.getByRole('main').innerText()).toMatch(/18:30–20:00/);
    const other = (await repeats.getByRole('listitem').first().getByRole('link').getAttribute('href'))!;
    await page.goto(other);
    await page.getByRole('heading', { level: 1, name: seriesTitle }).waitFor();
    await expect.poll(() => page.getByRole('main').innerText()).toMatch(/18:30–20:00/);
  });

  test('the host cancels every date to come at once: this date says so, the other dates are marked cancelled, and a member booked is e-mailed', async () => {
    const seriesTitle = `York weekly training ${uid()}`;
    const { eventId, occurrences } = await createWeeklySeries('TRAINING', seriesTitle, '19:00');
    const third = occurrences[2]!;
    // Bea is booked on the last date.
    await gql(beaCtx.request, 'mutation ($eventId: ID!) { rsvp(eventId: $eventId) { __typename } }', { eventId: third });

    const page = await hostCtx.newPage();
    await page.goto(`/events/${encodeURIComponent(eventId)}`);
    await page.getByRole('heading', { level: 1, name: seriesTitle }).waitFor();
    const editor = page.getByRole('region', { name: 'Every date of this series' });
    await editor.getByRole('button', { name: 'Cancel every date to come' }).click();
    await editor.getByRole('group', { name: /Cancel every date of this series still to come\?/ }).waitFor();
    await expectAccessible(page, 'the cancel-every-date confirmation of a series');
    await editor.getByRole('button', { name: 'Yes, cancel every date to come' }).click();
    await editor.getByRole('status').filter({ hasText: 'Every date to come is cancelled.' }).waitFor();

    // This date and the others, cancelled.
    await expect.poll(() => page.getByRole('main').innerText()).toMatch(/This event has been cancelled\./);
    const repeats = page.getByRole('region', { name: 'Repeats' });
    await expect.poll(() => repeats.getByRole('listitem').allInnerTexts()).toEqual([expect.stringMatching(/\(cancelled\)$/), expect.stringMatching(/\(cancelled\)$/)]);
    await expectAccessible(page, 'a series with every date cancelled, as its host');
    const mail = await waitForMail(bea.email, { dir: inject('mailDir'), test: (m) => m.subject === `Cancelled: ${seriesTitle}` });
    expect(mail.text).toContain(encodeURIComponent(third));
  });
});
