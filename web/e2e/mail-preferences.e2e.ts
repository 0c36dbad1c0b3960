import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { newBrowser } from './browser.ts';
import {
  apiSession,
  arriveAt,
  createEventApi,
  describedByText,
  gql,
  newPerson,
  rsvpApi,
  signInApi,
  signUpApi,
  uid,
  unsubscribeLinks,
} from './helpers.ts';

const contexts: BrowserContext[] = [];
const sessions: APIRequestContext[] = [];

async function browser(): Promise<BrowserContext> {
  const b = await newBrowser();
  b.setDefaultTimeout(30_000);
  contexts.push(b);
  return b;
}

/** Someone outside any browser, signed up and confirmed. */
async function member(firstName: string): Promise<APIRequestContext & { email: string }> {
  const req = await apiSession();
  sessions.push(req);
  const person = newPerson(firstName);
  await signUpApi(req, person, 'LS6 1AN');
  return Object.assign(req, { email: person.email });
}

/** An event near LS6, made by its own organiser, for members to RSVP to. */
let eventId = '';

beforeAll(async () => {
  const organiser = await member('Orla');
  eventId = await createEventApi(organiser, { title: `Preferences meeting ${uid()}`, postcode: 'LS6 1AN', inDays: 5 });
});

afterAll(async () => {
  await Promise.all([...contexts.map((b) => b.close()), ...sessions.map((s) => s.dispose())]);
});

type Preferences = { bookings: boolean; reminders: boolean; lifts: boolean; organiser: boolean; digest: string; bounced: boolean };

const preferencesOf = async (req: APIRequestContext): Promise<Preferences> =>
  (await gql<{ me: { mailPreferences: Preferences } }>(req, '{ me { mailPreferences { bookings reminders lifts organiser digest bounced } } }')).me
    .mailPreferences;

const DEFAULTS: Preferences = { bookings: true, reminders: true, lifts: true, organiser: true, digest: 'NEVER', bounced: false };

const SWITCHES = ['Bookings', 'Reminders', 'Lifts', 'Messages from organisers'] as const;

/** Which switches are ticked, and which digest frequency is chosen. */
async function checkedSwitches(page: Page): Promise<Record<string, boolean | string>> {
  const out: Record<string, boolean | string> = {};
  for (const name of SWITCHES) out[name] = await page.getByRole('checkbox', { name, exact: true }).isChecked();
  for (const name of ['Never', 'Daily', 'Weekly']) if (await page.getByRole('radio', { name }).isChecked()) out.digest = name;
  return out;
}

describe('e-mail preferences page', () => {
  test('reached from My plans: each switch says what it is, the choices are saved, and they persist after a reload', async () => {
    const b = await browser();
    await signUpApi(b.request, newPerson('Pip'), 'LS6 1AN');
    const page = await b.newPage();
    await page.goto('/plans');
    await page.getByRole('heading', { level: 1, name: 'My plans' }).waitFor();
    await page.getByRole('link', { name: 'Choose which e-mails you get' }).click();
    await arriveAt(page, /\/account\/notifications$/, 'E-mail notifications');

    expect(await checkedSwitches(page)).toEqual({ Bookings: true, Reminders: true, Lifts: true, 'Messages from organisers': true, digest: 'Never' });
    const reminders = page.getByRole('checkbox', { name: 'Reminders', exact: true });
    expect(await describedByText(reminders)).toMatch(/reminder shortly before each event/);
    await page.getByText('E-mails about your account itself are always sent and have no switch').waitFor();
    await page.getByText(/new events near your home area, LS6/).waitFor();

    await reminders.uncheck();
    await page.getByRole('checkbox', { name: 'Lifts', exact: true }).uncheck();
    await page.getByRole('radio', { name: 'Weekly' }).check();
    await page.getByRole('button', { name: 'Save my choices' }).click();
    await page.getByRole('status').filter({ hasText: 'Your choices are saved.' }).waitFor();
    expect(await preferencesOf(b.request)).toEqual({ ...DEFAULTS, reminders: false, lifts: false, digest: 'WEEKLY' });

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'E-mail notifications' }).waitFor();
    await page.getByRole('checkbox', { name: 'Bookings', exact: true }).waitFor();
    expect(await checkedSwitches(page)).toEqual({ Bookings: true, Reminders: false, Lifts: false, 'Messages from organisers': true, digest: 'Weekly' });

    // Back on, and saved again.
    await reminders.check();
    await page.getByRole('button', { name: 'Save my choices' }).click();
    await page.getByRole('status').filter({ hasText: 'Your choices are saved.' }).waitFor();
    expect(await preferencesOf(b.request)).toEqual({ ...DEFAULTS, lifts: false, digest: 'WEEKLY' });
  });

  test('an address that bounced: the page says e-mails are paused, and "Send me e-mails again" resumes them', async () => {
    const b = await browser();
    // The test mail server refuses bounce-… addresses (550), so the sign-up's own e-mail bounces; unconfirmed members
    // may still sign in.
    const person = { ...newPerson('Bo'), email: `bounce-${uid()}@e2e.example` };
    await gql(b.request, 'mutation ($input: SignUpInput!) { signUp(input: $input) { __typename } }', {
      input: { ...person, homePostcode: 'LS6 1AN' },
    });
    await signInApi(b.request, person.email, person.password);
    await expect.poll(async () => (await preferencesOf(b.request)).bounced, { timeout: 30_000, interval: 250 }).toBe(true);

    const page = await b.newPage();
    await page.goto('/account/notifications');
    const notice = page.getByRole('region', { name: 'Your address bounced: e-mails are paused' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain(person.email);
    await notice.getByRole('button', { name: 'Send me e-mails again' }).click();
    await notice.waitFor({ state: 'detached' });
    expect(await preferencesOf(b.request)).toEqual(DEFAULTS);
  });

  test('signed out, the page sends you to sign in and back', async () => {
    const page = await (await browser()).newPage();
    await page.goto('/account/notifications');
    await arriveAt(page, /\/signin\?next=%2Faccount%2Fnotifications$/, 'Sign in');
  });
});

describe('unsubscribe link from an e-mail', () => {
  test('opening it changes nothing; the page says which e-mails and asks; "Unsubscribe" stops only those, signed out', async () => {
    const uma = await member('Uma');
    await rsvpApi(uma, eventId);
    const { page: link } = await unsubscribeLinks(uma.email, 'rsvp-confirmed');
    expect(link.startsWith(`${inject('webUrl')}/unsubscribe?token=`)).toBe(true);

    const page = await (await browser()).newPage();
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Unsubscribe' }).waitFor();
    await page.getByText('Hello Uma.').waitFor();
    await page.getByText('booking confirmations and changes to events you are going to').waitFor();
    expect(await preferencesOf(uma)).toEqual(DEFAULTS);

    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
    expect(await preferencesOf(uma)).toEqual({ ...DEFAULTS, bookings: false });
    // Opening the link again is harmless, and saying yes again too.
    await page.goto(link);
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
    expect(await preferencesOf(uma)).toEqual({ ...DEFAULTS, bookings: false });

    await page.getByRole('link', { name: 'Choose which e-mails you get' }).click();
    // Signed out in this browser: sign in first.
    await arriveAt(page, /\/signin\?next=%2Faccount%2Fnotifications$/, 'Sign in');
  });

  test("the List-Unsubscribe address works through the web app's origin: POST switches off at once, GET only leads to the page", async () => {
    const vic = await member('Vic');
    await rsvpApi(vic, eventId);
    const { oneClick } = await unsubscribeLinks(vic.email, 'rsvp-confirmed');
    expect(oneClick.startsWith(`${inject('webUrl')}/mail/unsubscribe?token=`)).toBe(true);

    const get = await fetch(oneClick, { redirect: 'manual' });
    expect(get.status).toBe(303);
    expect(get.headers.get('location')).toMatch(/\/unsubscribe\?token=/);
    expect(await preferencesOf(vic)).toEqual(DEFAULTS);

    const post = await fetch(oneClick, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(post.status).toBe(200);
    expect(await preferencesOf(vic)).toEqual({ ...DEFAULTS, bookings: false });
  });

  test('a link that is not genuine says so, offers the preferences page, and has no button', async () => {
    const page = await (await browser()).newPage();
    await page.goto('/unsubscribe?token=not-a-real-token');
    await page.getByRole('heading', { name: 'This link did not work' }).waitFor();
    expect(await page.getByRole('button', { name: 'Unsubscribe' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Choose which e-mails you get' }).waitFor();
  });
});
