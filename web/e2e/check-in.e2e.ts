import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newBrowser } from './browser.ts';
import { apiSession, arriveAt, createEventApi, expectAccessible, gql, newPerson, type Person, rsvpApi, sendsOperation, signUpApi, uid } from './helpers.ts';

let host: BrowserContext;
let hostPerson: Person;
const sessions: APIRequestContext[] = [];

beforeAll(async () => {
  // A phone: check-in happens at the door.
  host = await newBrowser({ width: 390, height: 844 });
  host.setDefaultTimeout(30_000);
  hostPerson = newPerson('Hanna');
  await signUpApi(host.request, hostPerson, 'LS6 1AN');
});
afterAll(async () => {
  await host?.close();
  await Promise.all(sessions.map((s) => s.dispose()));
});

async function attendee(firstName: string, eventId: string): Promise<Person> {
  const req = await apiSession();
  sessions.push(req);
  const person = newPerson(firstName);
  await signUpApi(req, person, 'LS6 1AN');
  await rsvpApi(req, eventId);
  return person;
}

type Entry = { name: string; walkIn: boolean; attendance: string | null };

/** The check-in list as the API has it (read with the host's session, outside the page). */
async function listed(eventId: string): Promise<Entry[]> {
  const data = await gql<{ event: { checkInList: Entry[] } }>(host.request, 'query ($id: ID!) { event(id: $id) { checkInList { name walkIn attendance } } }', {
    id: eventId,
  });
  return data.event.checkInList;
}

const row = (page: Page, name: string) => page.getByRole('listitem').filter({ hasText: name });
const syncState = (page: Page) => page.getByRole('status').filter({ hasText: /All changes saved|waiting|Sending/ });

async function addWalkIn(page: Page, name: string, email = ''): Promise<void> {
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Email (optional)').fill(email);
  await page.getByRole('button', { name: 'Add walk-in' }).click();
}

describe('check-in on a phone', () => {
  test('search, mark attended, add a walk-in; taps made offline are kept and sent once when the connection is back', async () => {
    const title = `Check-in e2e ${uid()}`;
    const eventId = await createEventApi(host.request, { title, postcode: 'LS6 1AN', inDays: 1 });
    const gwen = await attendee('Gwen', eventId);
    const wyn = await attendee('Wyn', eventId);
    const gwenName = `${gwen.firstName} ${gwen.lastName}`;
    const wynName = `${wyn.firstName} ${wyn.lastName}`;

    const page = await host.newPage();
    await page.goto(`/events/${encodeURIComponent(eventId)}`);
    // The organiser's tools are at the foot of a phone's page: they load as the host scrolls down to them.
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.getByRole('link', { name: 'Check-in' }).click();
    await arriveAt(page, /\/check-in$/, 'Check-in');
    // Full names, for the people running the event.
    await row(page, gwenName).waitFor();
    await row(page, wynName).waitFor();
    await expectAccessible(page, 'check-in on a phone');

    // Search by name.
    await page.getByLabel('Search by name').fill('gwe');
    await expect.poll(() => page.getByRole('listitem').filter({ hasText: /Tester/ }).count(), { timeout: 15_000 }).toBe(1);
    await row(page, gwenName).getByRole('button', { name: `Attended ${gwenName}` }).click();
    await row(page, gwenName).filter({ hasText: 'Attended · saved' }).waitFor();
    await syncState(page).filter({ hasText: 'All changes saved.' }).waitFor();
    await page.getByLabel('Search by name').fill('');

    // A walk-in: without a name, and with a malformed address, the form says so on each field and adds nobody.
    await addWalkIn(page, '', 'not-an-address');
    await expect.poll(() => page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.getByLabel('Email (optional)').getAttribute('aria-invalid')).toBe('true');
    await addWalkIn(page, 'Walter Walkin', 'walter@e2e.example');
    await row(page, 'Walter Walkin').filter({ hasText: 'Walk-in · Attended · saved' }).waitFor();
    // Added: the form is empty for the next one.
    await expect.poll(() => page.getByLabel('Name', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBeNull();

    // Offline: the taps wait on the device.
    await host.setOffline(true);
    await row(page, wynName).getByRole('button', { name: `Attended ${wynName}` }).click();
    await addWalkIn(page, 'Olive Offline');
    await syncState(page).filter({ hasText: 'Offline: 2 changes waiting' }).waitFor();
    await row(page, wynName).filter({ hasText: 'Attended · waiting to send' }).waitFor();
    await row(page, 'Olive Offline').filter({ hasText: 'waiting to send' }).waitFor();
    const stored = await page.evaluate((id) => JSON.parse(localStorage.getItem(`rallypoint:check-in:${id}`) ?? '[]').length, eventId);
    expect(stored).toBe(2);

    // Back online: sent, each once.
    await host.setOffline(false);
    await syncState(page).filter({ hasText: 'All changes saved.' }).waitFor({ timeout: 45_000 });
    await row(page, wynName).filter({ hasText: 'Attended · saved' }).waitFor();
    await row(page, 'Olive Offline').filter({ hasText: 'Walk-in · Attended · saved' }).waitFor();
    expect(await page.evaluate((id) => localStorage.getItem(`rallypoint:check-in:${id}`), eventId)).toBeNull();
    const entries = await listed(eventId);
    expect(entries.map((e) => [e.name, e.walkIn, e.attendance]).sort()).toEqual(
      [
        [gwenName, false, 'ATTENDED'],
        [wynName, false, 'ATTENDED'],
        ['Walter Walkin', true, 'ATTENDED'],
        ['Olive Offline', true, 'ATTENDED'],
        // The host is going to their own event, not marked.
        [`${hostPerson.firstName} ${hostPerson.lastName}`, false, null],
      ].sort(),
    );
    // Undo.
    await row(page, gwenName).getByRole('button', { name: `Undo ${gwenName}` }).click();
    await row(page, gwenName).filter({ hasText: 'Not marked · saved' }).waitFor();
    await expect.poll(async () => (await listed(eventId)).find((e) => e.name === gwenName)?.attendance, { timeout: 15_000 }).toBeNull();
  });

  test('a tap whose answer is lost is sent again and recorded once', async () => {
    const eventId = await createEventApi(host.request, { title: `Lost answer ${uid()}`, postcode: 'LS6 1AN', inDays: 1 });
    const page = await host.newPage();
    // The first walk-in request reaches the API, but its answer never reaches the phone.
    let dropped = 0;
    let sent = 0;
    await page.route('**/graphql', async (route) => {
      if (!sendsOperation(route.request().postData(), 'AddWalkIn')) return route.continue();
      sent += 1;
      const response = await route.fetch();
      if (dropped === 0) {
        dropped += 1;
        return route.abort('connectionreset');
      }
      return route.fulfill({ response });
    });
    await page.goto(`/events/${encodeURIComponent(eventId)}/check-in`);
    await page.getByRole('heading', { level: 1, name: 'Check-in' }).waitFor();
    await addWalkIn(page, 'Rita Retry');
    await row(page, 'Rita Retry').filter({ hasText: 'Walk-in · Attended · saved' }).waitFor({ timeout: 45_000 });
    expect(sent).toBe(2);
    expect((await listed(eventId)).filter((e) => e.name === 'Rita Retry')).toHaveLength(1);
  });

  test('someone who does not run the event is refused, and sees no names', async () => {
    const eventId = await createEventApi(host.request, { title: `Refused ${uid()}`, postcode: 'LS6 1AN', inDays: 1 });
    const gwen = await attendee('Gwen', eventId);
    const other = await newBrowser({ width: 390, height: 844 });
    try {
      await signUpApi(other.request, newPerson('Olly'), 'LS6 1AN');
      const page = await other.newPage();
      await page.goto(`/events/${encodeURIComponent(eventId)}/check-in`);
      await page.getByText("Only this event's hosts and organisers can check people in.").waitFor();
      expect(await page.getByText(gwen.lastName).count()).toBe(0);
    } finally {
      await other.close();
    }
  });
});
