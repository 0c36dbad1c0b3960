import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { mailTo, waitForMail } from '../../api/test/mail-catcher.ts';
import { newBrowser } from './browser.ts';
import { apiSession, arriveAt, createEventApi, displayName, gql, newPerson, type Person, rsvpApi, signUpApi, uid } from './helpers.ts';

let organiserBrowser: BrowserContext;
let organiser: Person;
const sessions: APIRequestContext[] = [];

beforeAll(async () => {
  organiserBrowser = await newBrowser();
  organiserBrowser.setDefaultTimeout(30_000);
  organiser = newPerson('Orla');
  await signUpApi(organiserBrowser.request, organiser, 'LS6 1AN');
});
afterAll(async () => {
  await organiserBrowser?.close();
  await Promise.all(sessions.map((s) => s.dispose()));
});

/** A member without a browser, signed up and RSVPed to `eventId` (going or waitlisted, as the places allow). */
async function attendee(name: string, eventId: string): Promise<{ person: Person; status: string }> {
  const req = await apiSession();
  sessions.push(req);
  const person = newPerson(name);
  await signUpApi(req, person, 'LS6 1AN');
  return { person, status: await rsvpApi(req, eventId) };
}

/** The organiser's "Message attendees" page for an event, reached from the event page. */
async function openMessages(eventId: string): Promise<Page> {
  const page = await organiserBrowser.newPage();
  await page.goto(`/events/${encodeURIComponent(eventId)}`);
  await page.getByRole('link', { name: 'Message attendees' }).click();
  await arriveAt(page, /\/messages$/, 'Message attendees');
  return page;
}

type Mail = Awaited<ReturnType<typeof waitForMail>>;
/** Every address in a header of a parsed e-mail (To, Cc, Reply-To). */
const addresses = (field: Mail['to']): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));

const SEND = `mutation ($eventId: ID!, $input: MessageAttendeesInput!) {
  messageAttendees(eventId: $eventId, input: $input) { __typename ... on Error { message } } }`;

describe('organiser messages', () => {
  test('the organiser writes to everyone going: the message is in the history with its delivery, the attendee receives it, the waitlist does not', async () => {
    const title = `Messages e2e ${uid()}`;
    // Two places: the organiser's own (never in an audience) and Gwen's.
    const eventId = await createEventApi(organiserBrowser.request, { title, postcode: 'LS6 1AN', capacity: 2 });
    const going = await attendee('Gwen', eventId);
    const waiting = await attendee('Wyn', eventId);
    expect([going.status, waiting.status]).toEqual(['GOING', 'WAITLISTED']);

    const page = await openMessages(eventId);
    const goingChoice = page.getByRole('radio', { name: 'Everyone going (1 person)' });
    expect(await goingChoice.isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'Everyone on the waitlist (1 person)' }).waitFor();

    const subject = `Meet at the side door ${uid()}`;
    await page.getByLabel('Subject', { exact: true }).fill(subject);
    await page.getByLabel('Message', { exact: true }).fill('The front is closed for repairs.\n\nAsk for Orla at the side door.');
    await page.getByRole('button', { name: 'Send to 1 person' }).click();
    await page.getByRole('status').filter({ hasText: `Sent: “${subject}” is on its way to 1 person.` }).waitFor();
    // The form is ready for the next one.
    expect(await page.getByLabel('Subject', { exact: true }).inputValue()).toBe('');

    // The history: what was sent, by whom, to whom, and (once it has gone) that it was delivered.
    const history = page.getByRole('region', { name: 'Sent messages' });
    const sent = history.getByRole('article', { name: subject });
    await sent.waitFor();
    expect(await sent.textContent()).toContain(`by ${displayName(organiser)}, to everyone going`);
    expect(await sent.textContent()).toContain('Ask for Orla at the side door.');
    await sent.getByTestId('delivery').filter({ hasText: 'To 1 person: 1 sent' }).waitFor({ timeout: 30_000 });

    // The e-mail: to the attendee alone, from Rallypoint, pointing to the event page.
    const mail = await waitForMail(going.person.email, { dir: inject('mailDir'), test: (m) => (m.subject ?? '').startsWith(subject) });
    expect(addresses(mail.to)).toEqual([going.person.email]);
    expect(addresses(mail.cc)).toEqual([]);
    expect(addresses(mail.replyTo)).toEqual([]);
    expect(mail.subject).toBe(`${subject} – ${title}`);
    expect(mail.text).toContain('Ask for Orla at the side door.');
    expect(mail.text).toContain(`/events/${encodeURIComponent(eventId)}`);
    for (const other of [organiser.email, waiting.person.email]) expect(`${mail.text}${mail.html}`).not.toContain(other);
    // All of the message's e-mails have gone (the history says so): none to the waitlist.
    expect((await mailTo(waiting.person.email, inject('mailDir'))).filter((m) => (m.subject ?? '').startsWith(subject))).toEqual([]);
  });

  test("the history never gives one person's reason: an attendee who switched messages off is folded into \"not delivered\"", async () => {
    const eventId = await createEventApi(organiserBrowser.request, { title: `Quiet reasons ${uid()}`, postcode: 'LS6 1AN' });
    await attendee('Kit', eventId);
    const req = await apiSession();
    sessions.push(req);
    await signUpApi(req, newPerson('Ode'), 'LS6 1AN');
    expect(await rsvpApi(req, eventId)).toBe('GOING');
    const off = await gql<{ setMailPreferences: { __typename: string } }>(
      req,
      'mutation ($input: MailPreferencesInput!) { setMailPreferences(input: $input) { __typename } }',
      { input: { bookings: true, reminders: true, lifts: true, organiser: false, digest: 'NEVER' } },
    );
    expect(off.setMailPreferences.__typename).toBe('MutationSetMailPreferencesSuccess');

    const page = await openMessages(eventId);
    const subject = `Quietly ${uid()}`;
    await page.getByLabel('Subject', { exact: true }).fill(subject);
    await page.getByLabel('Message', { exact: true }).fill('Hello both.');
    await page.getByRole('button', { name: 'Send to 2 people' }).click();
    const delivery = page.getByRole('article', { name: subject }).getByTestId('delivery');
    await delivery.filter({ hasText: 'To 2 people: 1 sent · 1 person not delivered (opted out, or address refused or not confirmed)' }).waitFor({ timeout: 30_000 });
    expect(await delivery.textContent()).not.toMatch(/switched off/);
  });

  test('a form with nothing in it points to each field; over the limit, the page says when the next message can go', async () => {
    const eventId = await createEventApi(organiserBrowser.request, { title: `Limit e2e ${uid()}`, postcode: 'LS6 1AN' });
    await attendee('Lyn', eventId);
    const page = await openMessages(eventId);

    await page.getByRole('button', { name: 'Send to 1 person' }).click();
    const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'There is a problem' }) });
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    await summary.getByRole('link', { name: 'Subject is required' }).click();
    expect(await page.getByLabel('Subject', { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    await summary.getByRole('link', { name: 'Message is required' }).waitFor();

    // Three already sent this hour (by another of the organiser's windows).
    for (let i = 0; i < 3; i++) {
      const r = await gql<{ messageAttendees: { __typename: string } }>(organiserBrowser.request, SEND, {
        eventId,
        input: { audience: 'GOING', subject: `Earlier ${i}`, body: 'Earlier' },
      });
      expect(r.messageAttendees.__typename).toBe('MutationMessageAttendeesSuccess');
    }
    await page.getByLabel('Subject', { exact: true }).fill('One more');
    await page.getByLabel('Message', { exact: true }).fill('Too many?');
    await page.getByRole('button', { name: 'Send to 1 person' }).click();
    await summary.filter({ hasText: /This event has had 3 messages in the last hour, the most allowed\. You can send the next one from .+ \(UK time\)\./ }).waitFor();
    // What was typed is still there to send later.
    expect(await page.getByLabel('Message', { exact: true }).inputValue()).toBe('Too many?');
  });

  test('someone who does not run the event is told so, and sees no history', async () => {
    const eventId = await createEventApi(organiserBrowser.request, { title: `Not yours ${uid()}`, postcode: 'LS6 1AN' });
    const other = await newBrowser();
    try {
      await signUpApi(other.request, newPerson('Nia'), 'LS6 1AN');
      const page = await other.newPage();
      await page.goto(`/events/${encodeURIComponent(eventId)}/messages`);
      await page.getByRole('heading', { level: 1, name: 'Message attendees' }).waitFor();
      await page.getByText("Only this event's organisers can message the people going to it.").waitFor();
      expect(await page.getByRole('region', { name: 'Sent messages' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Message attendees' }).count()).toBe(0);
    } finally {
      await other.close();
    }
  });
});
