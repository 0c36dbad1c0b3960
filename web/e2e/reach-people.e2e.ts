import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { waitForMail } from '../../api/test/mail-catcher.ts';
import { newBrowser } from './browser.ts';
import {
  apiSession,
  arriveAt,
  confirmSignUpViaUi,
  createEventApi,
  expectAccessible,
  gql,
  newPerson,
  rsvpApi,
  signUpApi,
  signUpViaUi,
  uid,
} from './helpers.ts';

// The whole way through e-mail, as a new member lives it: sign up → the verification e-mail → verified → RSVP → the
// reminder → "can't make it" → the place goes to the next person, who is e-mailed. Every e-mail is real SMTP.
const member = newPerson('Nell');
const waiting = newPerson('Wren');
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await newBrowser();
  browser.setDefaultTimeout(30_000);
  page = await browser.newPage();
});
afterAll(() => browser?.close());

const mailDir = () => inject('mailDir');
const kindOf = (m: { headers: Map<string, unknown> }) => String(m.headers.get('x-rallypoint-kind') ?? '');

describe('reached by e-mail: verify, RSVP, a reminder, and giving the place to the next person', () => {
  test('from sign-up to a freed place, through the e-mails', async () => {
    // Sign up in the browser; the verification e-mail's link confirms the address and signs in.
    await page.goto('/signup');
    await arriveAt(page, /\/signup$/, 'Create an account');
    await signUpViaUi(page, member, 'LS6 1AN');
    await confirmSignUpViaUi(page, member);
    const verification = await waitForMail(member.email, { dir: mailDir(), test: (m) => kindOf(m) === 'verify-email' });
    expect(verification.html).toBeTruthy();
    expect(verification.text).toContain('/signup/confirm?token=');

    // Two places, one the organiser's own; it starts in 25 hours, so its 24-hour reminder is an hour away.
    const organiser = await apiSession();
    await signUpApi(organiser, newPerson('Orin'), 'LS6 1AN');
    const title = `Doorstep session ${uid()}`;
    const startsAt = new Date(Date.now() + 25 * 3_600_000);
    const eventId = await createEventApi(organiser, { title, postcode: 'LS6 1AN', startsAt, capacity: 2 });

    // RSVP in the browser: going, with the confirmation e-mail (and its calendar file).
    await page.goto(`/events/${eventId}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('button', { name: "I'm going" }).click();
    await page.getByText("You're going", { exact: true }).waitFor();
    const confirmation = await waitForMail(member.email, { dir: mailDir(), test: (m) => kindOf(m) === 'rsvp-confirmed' });
    expect(confirmation.subject).toContain(title);
    expect(confirmation.attachments.some((a) => a.contentType === 'text/calendar')).toBe(true);

    // Someone else joins the waitlist.
    const waiter = await apiSession();
    await signUpApi(waiter, waiting, 'LS6 1AN');
    expect(await rsvpApi(waiter, eventId)).toBe('WAITLISTED');

    // The organiser moves it to start 24 hours and a few seconds from now: the reminder moves with it and comes due.
    const moved = new Date(Date.now() + 24 * 3_600_000 + 5_000);
    const update = await gql<{ updateEvent: { __typename: string } }>(
      organiser,
      `mutation ($id: ID!, $input: EventInput!) { updateEvent(id: $id, input: $input) { __typename ... on Error { message } } }`,
      {
        id: eventId,
        input: {
          kind: 'MEETING',
          title,
          description: 'Created by the browser tests.',
          startsAt: moved.toISOString(),
          endsAt: new Date(moved.getTime() + 2 * 3_600_000).toISOString(),
          venueName: 'Community hall',
          address: '1 Test Street',
          postcode: 'LS6 1AN',
          location: null,
          capacity: 2,
          constituencyCode: null,
          visibility: 'PUBLIC',
          addressVisibility: 'PUBLIC',
        },
      },
    );
    expect(update.updateEvent.__typename).toBe('MutationUpdateEventSuccess');
    const reminder = await waitForMail(member.email, { dir: mailDir(), test: (m) => kindOf(m) === 'event-reminder', timeoutMs: 90_000 });
    expect(reminder.subject).toContain(title);
    // Both one-tap answers are in it; follow "Can't make it now" as the member would, from the e-mail.
    const links = [...String(reminder.html).matchAll(/<a[^>]*href="(https?:\/\/[^"]+\/reminder\?token=[^"]+)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => ({
      href: m[1]!.replace(/&amp;/g, '&'),
      label: m[2]!.replace(/<[^>]+>/g, '').replace(/&#x27;|&#39;|&apos;/g, "'").trim(),
    }));
    const cant = links.find((l) => /can.t make it/i.test(l.label));
    expect(links.find((l) => /still coming/i.test(l.label))).toBeTruthy();
    expect(cant).toBeTruthy();

    await page.goto(cant!.href);
    await page.getByRole('heading', { level: 1, name: "Can't make it?" }).waitFor();
    await expectAccessible(page, "the reminder's \"can't make it\" page");
    await page.getByRole('button', { name: 'Give up my place' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your place is given up' }).waitFor();

    // The place went to the next person, who is told by e-mail.
    const promoted = await waitForMail(waiting.email, { dir: mailDir(), test: (m) => kindOf(m) === 'rsvp-promoted' });
    expect(promoted.subject).toContain(title);
    await page.goto(`/events/${eventId}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('button', { name: /I'm going|Join the waitlist/ }).waitFor();
  }, 240_000);
});
