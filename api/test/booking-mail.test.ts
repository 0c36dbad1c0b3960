/**
 * Booking e-mails end to end: the API queues them in the change's transaction, the job runner renders and sends them
 * over real SMTP, and these tests read what arrived (HTML, text, the .ics attachment).
 */
import { randomUUID } from 'node:crypto';
import { formatEventTime } from '@rallypoint/shared';
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DbOrTx } from '../src/db/change.ts';
import { linkSigner } from '../src/mail/links.ts';
import { REMINDER_LINK_PURPOSE, reminderLinkToken } from '../src/rsvps/reminder-links.ts';
import { changeNoticeKey, NOTICE_DELAY_MS } from '../src/rsvps/notices.ts';
import { fanOutReminder, reminderDueTimes } from '../src/rsvps/reminders.ts';
import type { RunningApi } from '../src/server.ts';
import { Client, createEvent, eventInput, manyMembers, queuedMails, signedUp, startTestApi, uuidOf, withBadSignature } from './helpers.ts';
import { mailTo, waitForMail } from './mail-catcher.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const RSVP = /* GraphQL */ `
  mutation Rsvp($eventId: ID!, $guests: Int) {
    rsvp(eventId: $eventId, guests: $guests) {
      __typename
      ... on MutationRsvpSuccess { data { id status guests waitlistPosition } }
      ... on Error { message }
    }
  }
`;
const CANCEL_RSVP = /* GraphQL */ `
  mutation Cancel($eventId: ID!) {
    cancelRsvp(eventId: $eventId) { __typename ... on MutationCancelRsvpSuccess { data { status } } ... on Error { message } }
  }
`;
const UPDATE_EVENT = /* GraphQL */ `
  mutation Update($id: ID!, $input: EventInput!) {
    updateEvent(id: $id, input: $input) {
      __typename
      ... on MutationUpdateEventSuccess { data { id startsAt endsAt capacity } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const CANCEL_EVENT = /* GraphQL */ `
  mutation C($id: ID!) { cancelEvent(id: $id) { __typename ... on MutationCancelEventSuccess { data { status } } ... on Error { message } } }
`;
const UNPUBLISH = /* GraphQL */ `
  mutation U($id: ID!) { unpublishEvent(id: $id) { __typename ... on MutationUnpublishEventSuccess { data { status } } ... on Error { message } } }
`;
const PUBLISH = /* GraphQL */ `
  mutation P($id: ID!) { publishEvent(id: $id) { __typename ... on MutationPublishEventSuccess { data { status } } ... on Error { message } } }
`;
const REMINDER_LINK = /* GraphQL */ `
  query R($token: String!) {
    reminderLink(token: $token) {
      __typename
      ... on QueryReminderLinkSuccess { data { answer usable problem eventId eventTitle eventStartsAt eventEndsAt eventArea rsvpStatus reconfirmed } }
      ... on Error { message }
    }
  }
`;
const ANSWER = /* GraphQL */ `
  mutation A($token: String!) {
    answerReminder(token: $token) {
      __typename
      ... on MutationAnswerReminderSuccess { data { answer usable rsvpStatus reconfirmed } }
      ... on Error { message }
    }
  }
`;
const ATTENDEES = /* GraphQL */ `query A($id: ID!) { event(id: $id) { attendees { status reconfirmedAt person { id } } } }`;
const MY_RSVP = /* GraphQL */ `query E($id: ID!) { event(id: $id) { goingCount waitlistCount myRsvp { status waitlistPosition } } }`;

type Member = Client & { email: string; userId: string };
const members = (n: number): Promise<Member[]> => manyMembers(api, n);

/** An event starting `days` from now at 10:00 UTC (two hours long). */
function startIn(days: number, hourUtc = 10): { startsAt: string; endsAt: string } {
  const start = new Date(Date.now() + days * 86_400_000);
  start.setUTCHours(hourUtc, 0, 0, 0);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString() };
}

async function rsvp(member: Client, eventId: string, guests = 0) {
  const res = await member.gql(RSVP, { eventId, guests });
  expect(res.data?.rsvp.__typename, JSON.stringify(res)).toBe('MutationRsvpSuccess');
  return res.data.rsvp.data as { id: string; status: string; waitlistPosition: number | null };
}

async function update(organiser: Client, event: { id: string }, input: Record<string, unknown>) {
  const res = await organiser.gql(UPDATE_EVENT, { id: event.id, input: eventInput(input) });
  expect(res.data?.updateEvent.__typename, JSON.stringify(res)).toBe('MutationUpdateEventSuccess');
  return res.data.updateEvent.data;
}

const bySubject = (pattern: RegExp) => (m: ParsedMail) => pattern.test(m.subject ?? '');

/** The one .ics attached to a message, parsed as a calendar app would. */
function calendarOf(mail: ParsedMail) {
  const files = mail.attachments.filter((a) => a.contentType.startsWith('text/calendar'));
  expect(files).toHaveLength(1);
  const calendar = new ICAL.Component(ICAL.parse(files[0]!.content.toString('utf8')));
  const [vevent] = calendar.getAllSubcomponents('vevent');
  const event = new ICAL.Event(vevent!);
  return {
    summary: event.summary,
    start: event.startDate.toJSDate(),
    end: event.endDate.toJSDate(),
    location: event.location ?? '',
    status: vevent!.getFirstPropertyValue('status') as string | null,
    uid: event.uid,
  };
}

interface JobRow {
  key: string;
  run_at: Date;
  payload: Record<string, unknown>;
  task: string;
}

async function jobByKey(key: string): Promise<JobRow | null> {
  const rows = await api.prisma.$queryRaw<JobRow[]>`
    SELECT j.key, j.run_at, j.payload, t.identifier AS task FROM graphile_worker._private_jobs j
    JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE j.key = ${key}`;
  return rows[0] ?? null;
}

/** Runs a scheduled job now, as if its time had come. */
async function runNow(key: string): Promise<void> {
  const n = await api.prisma.$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = ${key}`;
  expect(n, `no pending job ${key}`).toBe(1);
}

/** Waits (bounded) until `check` holds. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  await expect.poll(check, { timeout: timeoutMs, message: `timed out waiting for: ${what}` }).toBe(true);
}

/** Until no job with this key is pending or running (it has been run). */
const jobDone = (key: string) => until(`job ${key} to run`, async () => (await jobByKey(key)) === null);

async function mailLog(key: string) {
  return api.prisma.$queryRaw<{ status: string }[]>`SELECT status FROM mail_log WHERE key = ${key}`;
}

/** The two one-tap links of a reminder, by the answer sealed in each. */
function reminderLinks(mail: ParsedMail): { yes: string; no: string } {
  const html = String(mail.html);
  const tokens = [...html.matchAll(/href="([^"]*\/reminder\?token=([^"&]+))"/g)].map((m) => decodeURIComponent(m[2]!));
  const answerOf = (t: string) => (JSON.parse(Buffer.from(t.split('.')[0]!, 'base64url').toString('utf8')) as { d: { a: string } }).d.a;
  const yes = tokens.find((t) => answerOf(t) === 'yes');
  const no = tokens.find((t) => answerOf(t) === 'no');
  if (!yes || !no) throw new Error(`no reminder links in:\n${mail.text}`);
  return { yes, no };
}

/** How it stands in the database: what a refused answer must leave untouched (with which of `tokens` are used). */
async function snapshot(eventGlobalId: string, tokens: string[] = []) {
  const eventId = uuidOf(eventGlobalId);
  const links = await linkSigner(api.prisma);
  const digests = tokens.flatMap((t) => links.verify(REMINDER_LINK_PURPOSE, t, new Date(0))?.digest ?? []);
  const [event, rsvps, used] = await Promise.all([
    api.prisma.event.findUniqueOrThrow({ where: { id: eventId }, select: { goingCount: true, status: true } }),
    api.prisma.rsvp.findMany({ where: { eventId }, select: { id: true, status: true, reconfirmedAt: true, seq: true }, orderBy: { seq: 'asc' } }),
    api.prisma.$queryRaw<{ digest: string }[]>`SELECT digest FROM used_links WHERE digest = ANY(${digests}::text[]) ORDER BY digest`,
  ]);
  return { event, rsvps, used: used.map((u) => u.digest) };
}

describe('RSVP confirmation', () => {
  test('going: says so, with the time in UK time and the event attached as .ics (address included for attendees)', async () => {
    const organiser = await signedUp(api.url);
    const times = startIn(5);
    const event = await createEvent(organiser, { ...times, title: 'Doorstep training', addressVisibility: 'ATTENDEES', address: '7 Secret Lane', capacity: 10 });
    const [member] = await members(1);
    await rsvp(member!, event.id, 2);

    const mail = await waitForMail(member!.email, { test: bySubject(/^You're going/) });
    expect(mail.subject).toBe("You're going: Doorstep training");
    const when = formatEventTime(times.startsAt, times.endsAt);
    for (const body of [String(mail.html), mail.text ?? '']) {
      expect(body).toContain('Doorstep training');
      expect(body).toContain(when);
      expect(body).toContain('7 Secret Lane');
      expect(body).toContain('3 places (you and 2 guests)');
    }
    expect(mail.text).toContain(`/events/${encodeURIComponent(event.id)}`);
    const ics = calendarOf(mail);
    expect(ics).toMatchObject({ summary: 'Doorstep training', status: 'CONFIRMED', uid: `${uuidOf(event.id)}@rallypoint` });
    expect(ics.start.toISOString()).toBe(times.startsAt);
    expect(ics.end.toISOString()).toBe(times.endsAt);
    expect(ics.location).toContain('7 Secret Lane');
    // Booking e-mails can be switched off: the footer says how.
    expect(mail.headerLines.map((h) => h.key)).toContain('list-unsubscribe');
  });

  test('waitlisted: says so with the position; RSVPing again after cancelling sends a new one, a retried job does not', async () => {
    const organiser = await signedUp(api.url);
    // Two places: the organiser's own and the first member's.
    const event = await createEvent(organiser, { ...startIn(6), title: 'Small phone bank', capacity: 2 });
    const [first, second, third] = await members(3);
    await rsvp(first!, event.id);
    expect((await rsvp(second!, event.id)).status).toBe('WAITLISTED');
    expect((await rsvp(third!, event.id)).waitlistPosition).toBe(2);

    const waiting = await waitForMail(third!.email, { test: bySubject(/waitlist/) });
    expect(waiting.subject).toBe("You're on the waitlist (number 2): Small phone bank");
    expect(waiting.text).toMatch(/you are number 2/);
    expect(waiting.text).toMatch(/If one comes up for you, you get it automatically and we e-mail you/);
    expect(calendarOf(waiting).summary).toBe('(Waitlisted) Small phone bank');
    await waitForMail(first!.email, { test: bySubject(/^You're going: Small phone bank$/) });

    // A changed number of guests is no new booking: nothing more is sent for it.
    const thirdId = uuidOf((await rsvp(third!, event.id, 0)).id);
    const firstRow = await api.prisma.rsvp.findUniqueOrThrow({ where: { id: thirdId } });
    const confirmKey = `rsvp-confirmed:${thirdId}:${firstRow.seq}`;
    await until('the first confirmation logged', async () => (await mailLog(confirmKey))[0]?.status === 'SENT');

    // A retried (or duplicated) job: the key was sent already, so nothing goes out again.
    const payload = { key: confirmKey, template: 'rsvp-confirmed', userId: firstRow.userId, params: { rsvpId: thirdId, seq: firstRow.seq } };
    await api.prisma.$executeRaw`SELECT graphile_worker.add_job('send-mail', ${JSON.stringify(payload)}::json, job_key => ${`mail:${confirmKey}`})`;
    await jobDone(`mail:${confirmKey}`);
    expect(await mailLog(confirmKey)).toEqual([{ status: 'SENT' }]);
    expect((await mailTo(third!.email)).filter(bySubject(/waitlist/))).toHaveLength(1);

    // Cancelled, then back: a new place in the queue, and a new confirmation saying so.
    expect((await third!.gql(CANCEL_RSVP, { eventId: event.id })).data.cancelRsvp.__typename).toBe('MutationCancelRsvpSuccess');
    expect((await rsvp(third!, event.id)).waitlistPosition).toBe(2);
    await until('a second waitlist confirmation', async () => (await mailTo(third!.email)).filter(bySubject(/waitlist/)).length === 2);
    const again = await api.prisma.rsvp.findUniqueOrThrow({ where: { id: thirdId } });
    expect(again.seq).not.toBe(firstRow.seq);
    expect(await mailLog(`rsvp-confirmed:${thirdId}:${again.seq}`)).toEqual([{ status: 'SENT' }]);
  });
});

describe('what the confirmation promises', () => {
  const REMIND = /we will (e-mail|remind) you/i;
  const going = async (member: Member) => waitForMail(member.email, { test: bySubject(/^You're going/) });

  test('"We will e-mail you a reminder" only to a member who gets reminders, and only while one is still to come', async () => {
    const organiser = await signedUp(api.url);
    const later = await createEvent(organiser, { ...startIn(5), title: 'Reminded later' });
    // Starting within the hour: both reminders are already past (the morning one is never less than an hour before).
    const start = new Date(Date.now() + 30 * 60_000);
    const soon = await createEvent(organiser, { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(), title: 'Too soon to remind' });
    const due = reminderDueTimes(start);
    expect(due).toEqual({ '24h': null, morning: null });
    const [wants, optedOut, late] = await members(3);
    await api.prisma.user.update({ where: { id: uuidOf(optedOut!.userId) }, data: { mailReminders: false } });

    await rsvp(wants!, later.id);
    const promised = await going(wants!);
    expect(promised.text).toContain('We will e-mail you a reminder the day before.');

    await rsvp(optedOut!, later.id);
    expect((await going(optedOut!)).text).not.toMatch(REMIND);

    await rsvp(late!, soon.id);
    const tooSoon = await going(late!);
    expect(tooSoon.subject).toBe("You're going: Too soon to remind");
    expect(tooSoon.text).not.toMatch(REMIND);
    expect(tooSoon.text).toContain('If you can no longer come, give up your place');
  });
});

describe('moving up from the waitlist', () => {
  test('is e-mailed whatever freed the place: a cancellation, or more capacity', async () => {
    const organiser = await signedUp(api.url);
    const times = startIn(8);
    // Two places: the organiser's own and a's.
    const event = await createEvent(organiser, { ...times, title: 'Street stall rota', capacity: 2 });
    const [a, b, c] = await members(3);
    await rsvp(a!, event.id);
    await rsvp(b!, event.id);
    await rsvp(c!, event.id);

    await a!.gql(CANCEL_RSVP, { eventId: event.id });
    const promoted = await waitForMail(b!.email, { test: bySubject(/^A place came up/) });
    expect(promoted.subject).toBe("A place came up: you're going to Street stall rota");
    expect(promoted.text).toContain('you have moved up from the waitlist');
    expect(promoted.text).toContain(formatEventTime(times.startsAt, times.endsAt));
    expect(calendarOf(promoted)).toMatchObject({ summary: 'Street stall rota', status: 'CONFIRMED' });

    await update(organiser, event, { ...times, title: 'Street stall rota', capacity: 5 });
    const second = await waitForMail(c!.email, { test: bySubject(/^A place came up/) });
    expect(second.html).toContain('Street stall rota');
    expect((await c!.gql(MY_RSVP, { id: event.id })).data.event.myRsvp.status).toBe('GOING');
  });
});

describe('Reminders follow the event', () => {
  test('a reminder job per event moves when the event moves, mails only members still going, with the new time; cancelling drops it', async () => {
    const organiser = await signedUp(api.url);
    const times = startIn(3);
    const event = await createEvent(organiser, { ...times, title: 'Canvass briefing' });
    const eventId = uuidOf(event.id);
    const key24 = `reminder:${eventId}:24h`;
    const keyMorning = `reminder:${eventId}:morning`;

    const day = await jobByKey(key24);
    expect(day).toMatchObject({ task: 'event-reminder', payload: { eventId, which: '24h', startsAt: times.startsAt } });
    expect(day!.run_at.toISOString()).toBe(new Date(Date.parse(times.startsAt) - 86_400_000).toISOString());
    const morning = await jobByKey(keyMorning);
    expect(morning!.run_at.toISOString()).toBe(londonEight(times.startsAt).toISOString());

    const [stays, leaves, lateComer] = await members(3);
    await rsvp(stays!, event.id);
    await rsvp(leaves!, event.id);
    await leaves!.gql(CANCEL_RSVP, { eventId: event.id });

    // A day later, an hour later.
    const moved = { startsAt: new Date(Date.parse(times.startsAt) + 25 * 3_600_000).toISOString(), endsAt: new Date(Date.parse(times.endsAt) + 25 * 3_600_000).toISOString() };
    await update(organiser, event, { ...moved, title: 'Canvass briefing' });
    const movedDay = await jobByKey(key24);
    expect(movedDay!.run_at.toISOString()).toBe(new Date(Date.parse(moved.startsAt) - 86_400_000).toISOString());
    expect(movedDay!.payload.startsAt).toBe(moved.startsAt);
    expect((await jobByKey(keyMorning))!.run_at.toISOString()).toBe(londonEight(moved.startsAt).toISOString());
    await rsvp(lateComer!, event.id);

    await runNow(key24);
    const reminder = await waitForMail(stays!.email, { test: bySubject(/^Tomorrow: Canvass briefing/) });
    const when = formatEventTime(moved.startsAt, moved.endsAt);
    expect(reminder.text).toContain(when);
    expect(reminder.html).toContain(when);
    expect(reminder.text).not.toContain(formatEventTime(times.startsAt, times.endsAt));
    expect(reminder.html).toContain('Still coming');
    expect(reminder.html).toContain('Can&#x27;t make it now');
    const { yes, no } = reminderLinks(reminder);
    expect(reminder.text).toContain(`http://localhost:5173/reminder?token=${encodeURIComponent(yes)}`);
    expect(reminder.text).toContain(`http://localhost:5173/reminder?token=${encodeURIComponent(no)}`);
    await waitForMail(lateComer!.email, { test: bySubject(/^Tomorrow: Canvass briefing/) });

    // The fan-out ran (its job is gone): one e-mail per member going, none for the cancelled RSVP.
    await jobDone(key24);
    const queued = await api.prisma.$queryRaw<{ key: string }[]>`SELECT key FROM mail_log WHERE key LIKE ${`reminder:${eventId}:24h:%`} ORDER BY key`;
    const leavesId = uuidOf(leaves!.userId);
    expect(queued.map((r) => r.key).sort()).toEqual(
      [stays!, lateComer!].map((m) => `reminder:${eventId}:24h:${Date.parse(moved.startsAt)}:${uuidOf(m.userId)}`).sort(),
    );
    expect(queued.some((r) => r.key.endsWith(leavesId))).toBe(false);
    expect((await mailTo(leaves!.email)).filter(bySubject(/^Tomorrow:/))).toEqual([]);

    // Unpublished: no reminders; published again: back; cancelled: gone for good.
    expect((await organiser.gql(UNPUBLISH, { id: event.id })).data.unpublishEvent.__typename).toBe('MutationUnpublishEventSuccess');
    expect(await jobByKey(keyMorning)).toBeNull();
    expect((await organiser.gql(PUBLISH, { id: event.id })).data.publishEvent.__typename).toBe('MutationPublishEventSuccess');
    expect((await jobByKey(keyMorning))!.run_at.toISOString()).toBe(londonEight(moved.startsAt).toISOString());
    expect((await organiser.gql(CANCEL_EVENT, { id: event.id })).data.cancelEvent.data.status).toBe('CANCELLED');
    expect(await jobByKey(keyMorning)).toBeNull();
    expect(await jobByKey(key24)).toBeNull();
  });

  test('a job left over from before a move sends nothing', async () => {
    const organiser = await signedUp(api.url);
    const times = startIn(4);
    const event = await createEvent(organiser, { ...times, title: 'Stale reminder check' });
    const [member] = await members(1);
    await rsvp(member!, event.id);
    const eventId = uuidOf(event.id);
    expect(await fanOutReminder(api.prisma, { eventId, which: '24h', startsAt: new Date(Date.parse(times.startsAt) - 3_600_000).toISOString() })).toBe(0);
  });

  test('the morning reminder is at 08:00 UK time, skipped within an hour of the start; the 24-hour one skipped once past', () => {
    const at = (iso: string) => new Date(iso);
    // Summer (BST, UTC+1): 08:00 is 07:00 UTC; winter: 08:00 UTC; the day the clocks change too.
    expect(reminderDueTimes(at('2026-07-01T12:00:00Z'), at('2026-06-01T00:00:00Z')).morning?.toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(reminderDueTimes(at('2026-12-05T12:00:00Z'), at('2026-11-01T00:00:00Z')).morning?.toISOString()).toBe('2026-12-05T08:00:00.000Z');
    expect(reminderDueTimes(at('2026-03-29T12:00:00Z'), at('2026-03-01T00:00:00Z')).morning?.toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(reminderDueTimes(at('2026-10-25T12:00:00Z'), at('2026-10-01T00:00:00Z')).morning?.toISOString()).toBe('2026-10-25T08:00:00.000Z');
    // An event at 23:30 UTC on 1 July is 00:30 on 2 July in London: its morning is the 2nd's, after it started.
    expect(reminderDueTimes(at('2026-07-01T23:30:00Z'), at('2026-06-01T00:00:00Z')).morning).toBeNull();
    // 08:30 BST: the morning reminder would be 30 minutes before: skipped. 09:00 BST: exactly an hour: sent.
    expect(reminderDueTimes(at('2026-07-01T07:30:00Z'), at('2026-06-01T00:00:00Z')).morning).toBeNull();
    expect(reminderDueTimes(at('2026-07-01T08:00:00Z'), at('2026-06-01T00:00:00Z')).morning?.toISOString()).toBe('2026-07-01T07:00:00.000Z');
    // Published 20 hours before: no 24-hour reminder; published at 09:00 for 18:00: the morning one is past.
    const due = reminderDueTimes(at('2026-07-02T17:00:00Z'), at('2026-07-01T21:00:00Z'));
    expect(due['24h']).toBeNull();
    expect(due.morning?.toISOString()).toBe('2026-07-02T07:00:00.000Z');
    expect(reminderDueTimes(at('2026-07-02T17:00:00Z'), at('2026-07-02T08:00:00Z')).morning).toBeNull();
    expect(reminderDueTimes(at('2026-07-02T17:00:00Z'), at('2026-06-30T08:00:00Z'))['24h']?.toISOString()).toBe('2026-07-01T17:00:00.000Z');
  });

  test('an event published less than 24 hours ahead gets only the reminders still to come', async () => {
    const organiser = await signedUp(api.url);
    // 30 hours from now on the hour: the 24-hour reminder is 6 hours from now; move it 20 hours ahead and it is gone.
    const start = new Date(Date.now() + 30 * 3_600_000);
    start.setUTCMinutes(0, 0, 0);
    const event = await createEvent(organiser, { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() });
    const key24 = `reminder:${uuidOf(event.id)}:24h`;
    expect(await jobByKey(key24)).not.toBeNull();
    const soon = new Date(Date.now() + 20 * 3_600_000);
    soon.setUTCMinutes(0, 0, 0);
    await update(organiser, event, { startsAt: soon.toISOString(), endsAt: new Date(soon.getTime() + 3_600_000).toISOString() });
    expect(await jobByKey(key24)).toBeNull();
  });

  test('the fan-out is one statement, however many are going (10,000 here)', async () => {
    const organiser = await signedUp(api.url);
    const times = startIn(9);
    const event = await createEvent(organiser, { ...times, title: 'Big rally' });
    const eventId = uuidOf(event.id);
    const n = 10_000;
    const tag = randomUUID();
    // Members and RSVPs written straight to the tables (sign-up and RSVPs are tested elsewhere); the last 10 cancelled.
    await api.prisma.$executeRaw`
      INSERT INTO users (id, email, first_name, last_name, calendar_token)
      SELECT gen_random_uuid(), 'fan-' || i || '-' || ${tag} || '@example.org', 'Fan', 'Out', md5(${tag} || i) || md5(i || ${tag})
      FROM generate_series(1, ${n}) i`;
    await api.prisma.$executeRaw`
      INSERT INTO rsvps (id, event_id, user_id, status, updated_at)
      SELECT gen_random_uuid(), ${eventId}::uuid, u.id,
        (CASE WHEN row_number() OVER (ORDER BY u.email) <= ${n - 10} THEN 'GOING' ELSE 'CANCELLED' END)::"RsvpStatus", now()
      FROM users u WHERE u.email LIKE ${`fan-%-${tag}@example.org`}`;
    // The fan-out gets a handle with nothing but $queryRaw, counting its calls.
    let calls = 0;
    const rolledBack = new Error('roll back');
    await api.prisma
      .$transaction(
        async (tx) => {
          const counted = {
            $queryRaw: (...args: Parameters<typeof tx.$queryRaw>) => {
              calls += 1;
              return tx.$queryRaw(...args);
            },
          } as unknown as DbOrTx;
          const queued = await fanOutReminder(counted, { eventId, which: '24h', startsAt: times.startsAt });
          expect(queued).toBe(n - 10);
          expect(await queuedMails(tx, 'key', `reminder:${eventId}:24h:%`)).toBe(n - 10);
          throw rolledBack;
        },
        { timeout: 120_000 },
      )
      .catch((e: unknown) => {
        if (e !== rolledBack) throw e;
      });
    expect(calls).toBe(1);
    await api.prisma.rsvp.deleteMany({ where: { eventId } });
    await api.prisma.user.deleteMany({ where: { email: { startsWith: 'fan-', endsWith: `-${tag}@example.org` } } });
  }, 120_000);
});

/** 08:00 in London on the London day of `iso`, computed from the zone's offset (independently of the code under test). */
function londonEight(iso: string): Date {
  const at = new Date(iso);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  const noonUtc = new Date(`${day}T12:00:00Z`);
  const offset = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'shortOffset' }).formatToParts(noonUtc).find((p) => p.type === 'timeZoneName')!.value;
  const hours = offset === 'GMT' ? 0 : Number(offset.replace('GMT', ''));
  return new Date(Date.parse(`${day}T08:00:00Z`) - hours * 3_600_000);
}

/** An event with one member going (and reminded) and one waitlisted behind them (its organiser has the other place). */
async function remindedEvent(title: string) {
  const organiser = await signedUp(api.url);
  const times = startIn(4);
  const event = await createEvent(organiser, { ...times, title, capacity: 2, addressVisibility: 'ATTENDEES', address: '99 Hidden Road' });
  const [going, waiting, stranger] = await members(3);
  await rsvp(going!, event.id);
  await rsvp(waiting!, event.id);
  await runNow(`reminder:${uuidOf(event.id)}:24h`);
  const mail = await waitForMail(going!.email, { test: bySubject(new RegExp(`^Tomorrow: ${title}`)) });
  return { organiser, event, times, going: going!, waiting: waiting!, stranger: stranger!, mail, ...reminderLinks(mail) };
}

describe('answering a reminder', () => {
  test('"still coming" works signed out and records the reconfirmation; the page can read the link first', async () => {
    const { organiser, event, times, yes, going } = await remindedEvent('Reconfirm me');
    const visitor = new Client(api.url);
    const read = await visitor.gql(REMINDER_LINK, { token: yes });
    expect(read.data.reminderLink).toEqual({
      __typename: 'QueryReminderLinkSuccess',
      data: {
        answer: 'STILL_COMING',
        usable: true,
        problem: null,
        eventId: event.id,
        eventTitle: 'Reconfirm me',
        eventStartsAt: times.startsAt,
        eventEndsAt: times.endsAt,
        eventArea: 'LS6',
        rsvpStatus: 'GOING',
        reconfirmed: false,
      },
    });
    // Reading changes nothing (link scanners open links).
    expect((await visitor.gql(REMINDER_LINK, { token: yes })).data.reminderLink.data.usable).toBe(true);
    expect(JSON.stringify(read)).not.toContain('99 Hidden Road');

    const answered = await visitor.gql(ANSWER, { token: yes });
    expect(answered.data.answerReminder).toEqual({
      __typename: 'MutationAnswerReminderSuccess',
      data: { answer: 'STILL_COMING', usable: false, rsvpStatus: 'GOING', reconfirmed: true },
    });
    const row = await api.prisma.rsvp.findFirstOrThrow({ where: { eventId: uuidOf(event.id), userId: uuidOf(going.userId) } });
    expect(row.reconfirmedAt).not.toBeNull();
    expect((await visitor.gql(REMINDER_LINK, { token: yes })).data.reminderLink.data).toMatchObject({
      usable: false,
      problem: 'This link has already been used: you told us you are still coming.',
      reconfirmed: true,
    });
    // The organiser sees who said so in the attendee list.
    const list = await organiser.gql(ATTENDEES, { id: event.id });
    expect(list.data.event.attendees).toEqual([
      // The organiser, going to their own event (and not reminded).
      { status: 'GOING', reconfirmedAt: null, person: { id: organiser.userId } },
      { status: 'GOING', reconfirmedAt: row.reconfirmedAt!.toISOString(), person: { id: going.userId } },
      { status: 'WAITLISTED', reconfirmedAt: null, person: { id: expect.any(String) } },
    ]);
  });

  test("\"can't make it\" frees the place in one change and the head of the waitlist moves up and is e-mailed", async () => {
    const { event, no, going, waiting } = await remindedEvent('Give it up');
    const read = await new Client(api.url).gql(REMINDER_LINK, { token: no });
    expect(read.data.reminderLink.data).toMatchObject({ answer: 'CANT_MAKE_IT', usable: true, rsvpStatus: 'GOING' });
    // Signed in as the member themself is fine too.
    const answered = await going.gql(ANSWER, { token: no });
    expect(answered.data.answerReminder.data).toEqual({ answer: 'CANT_MAKE_IT', usable: false, rsvpStatus: 'CANCELLED', reconfirmed: false });
    // The organiser and the member who moved up.
    expect((await going.gql(MY_RSVP, { id: event.id })).data.event).toMatchObject({ goingCount: 2, waitlistCount: 0, myRsvp: { status: 'CANCELLED' } });
    expect((await waiting.gql(MY_RSVP, { id: event.id })).data.event.myRsvp.status).toBe('GOING');
    const promoted = await waitForMail(waiting.email, { test: bySubject(/^A place came up/) });
    expect(promoted.text).toContain('Give it up');
    expect(promoted.text).toContain('99 Hidden Road');
  });

  test('forged, reused, expired, cancelled-RSVP and another member\'s links are refused and change nothing', async () => {
    const { event, yes, no, going, stranger } = await remindedEvent('Refusals');
    const visitor = new Client(api.url);
    const refused = async (client: Client, token: string, typename: string, message: RegExp) => {
      const before = await snapshot(event.id, [yes, no, token]);
      const res = await client.gql(ANSWER, { token });
      expect(res.data.answerReminder, JSON.stringify(res)).toMatchObject({ __typename: typename, message: expect.stringMatching(message) });
      expect(await snapshot(event.id, [yes, no, token])).toEqual(before);
    };

    // Forged: a changed answer, a changed RSVP, a bad signature, nonsense.
    const [body, sig] = no.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    const reforged = Buffer.from(JSON.stringify({ ...claims, d: { ...claims.d, r: randomUUID() } })).toString('base64url');
    for (const token of [`${reforged}.${sig}`, withBadSignature(no), 'not-a-token', '']) {
      await refused(visitor, token, 'ValidationError', /This link is not valid/);
    }
    expect((await visitor.gql(REMINDER_LINK, { token: `${reforged}.${sig}` })).data.reminderLink).toMatchObject({ __typename: 'ValidationError' });

    // Expired: a genuine link whose time is up (the event has ended).
    const links = await linkSigner(api.prisma);
    const expired = reminderLinkToken(links, { rsvpId: claims.d.r, seq: claims.d.s, which: claims.d.w }, 'no', new Date(Date.now() - 60_000));
    await refused(visitor, expired, 'ValidationError', /expired/);
    expect((await visitor.gql(REMINDER_LINK, { token: expired })).data.reminderLink.data).toMatchObject({ usable: false, problem: expect.stringMatching(/expired/) });

    // Signed in as another member.
    await refused(stranger, no, 'ForbiddenError', /another member/);
    expect((await stranger.gql(REMINDER_LINK, { token: no })).data.reminderLink.data).toMatchObject({ usable: false, problem: expect.stringMatching(/another member/) });

    // Reused: "still coming" twice.
    expect((await visitor.gql(ANSWER, { token: yes })).data.answerReminder.__typename).toBe('MutationAnswerReminderSuccess');
    await refused(visitor, yes, 'ValidationError', /already been used/);

    // The RSVP was cancelled (on the event page): the "can't make it" link no longer applies.
    expect((await going.gql(CANCEL_RSVP, { eventId: event.id })).data.cancelRsvp.__typename).toBe('MutationCancelRsvpSuccess');
    await refused(visitor, no, 'ValidationError', /no longer booked/);
    expect((await visitor.gql(REMINDER_LINK, { token: no })).data.reminderLink.data).toMatchObject({ usable: false, rsvpStatus: 'CANCELLED' });
  });

  test('two taps on one link at once: one wins', async () => {
    const { event, no, waiting } = await remindedEvent('Double tap');
    const results = await Promise.all(Array.from({ length: 6 }, () => new Client(api.url).gql(ANSWER, { token: no })));
    const outcomes = results.map((r) => r.data.answerReminder.__typename);
    expect(outcomes.filter((t) => t === 'MutationAnswerReminderSuccess')).toHaveLength(1);
    expect(outcomes.filter((t) => t === 'ValidationError')).toHaveLength(5);
    const after = await snapshot(event.id);
    // The organiser's own place, the member's given up, the waiting member's.
    expect(after.event.goingCount).toBe(2);
    expect(after.rsvps.map((r) => r.status)).toEqual(['GOING', 'CANCELLED', 'GOING']);
    await waitForMail(waiting.email, { test: bySubject(/^A place came up/) });

    // "Still coming" at once from two places: one records it.
    const second = await remindedEvent('Double yes');
    const yesResults = await Promise.all(Array.from({ length: 4 }, () => new Client(api.url).gql(ANSWER, { token: second.yes })));
    expect(yesResults.filter((r) => r.data.answerReminder.__typename === 'MutationAnswerReminderSuccess')).toHaveLength(1);
  });
});

describe('reminder links belong to one booking and one reminder', () => {
  const rsvpRow = (event: { id: string }, member: Member) =>
    api.prisma.rsvp.findFirstOrThrow({ where: { eventId: uuidOf(event.id), userId: uuidOf(member.userId) } });

  test("an unused \"can't make it\" from an earlier booking cannot cancel the booking made since; nor can its \"still coming\" answer for it", async () => {
    const { event, yes, no, going } = await remindedEvent('Booked again');
    const first = await rsvpRow(event, going);
    // Given up on the event page (the waiting member moves up), then booked again: a new seq, on the waitlist now.
    expect((await going.gql(CANCEL_RSVP, { eventId: event.id })).data.cancelRsvp.__typename).toBe('MutationCancelRsvpSuccess');
    expect((await rsvp(going, event.id)).status).toBe('WAITLISTED');
    const again = await rsvpRow(event, going);
    expect(again.seq).not.toBe(first.seq);

    const visitor = new Client(api.url);
    for (const token of [no, yes]) {
      const before = await snapshot(event.id, [yes, no]);
      const read = await visitor.gql(REMINDER_LINK, { token });
      expect(read.data.reminderLink.data).toMatchObject({ usable: false, rsvpStatus: 'WAITLISTED', problem: expect.stringMatching(/^This link was for an earlier booking/) });
      const res = await visitor.gql(ANSWER, { token });
      expect(res.data.answerReminder).toMatchObject({ __typename: 'ValidationError', message: expect.stringMatching(/^This link was for an earlier booking/) });
      expect(await snapshot(event.id, [yes, no])).toEqual(before);
    }
    expect((await rsvpRow(event, going)).status).toBe('WAITLISTED');
  });

  test('the 24-hour and the morning reminder carry different links, each used once', async () => {
    const { event, yes, no, going } = await remindedEvent('Two reminders');
    await runNow(`reminder:${uuidOf(event.id)}:morning`);
    const morning = reminderLinks(await waitForMail(going.email, { test: bySubject(/^Today: Two reminders/) }));
    expect(new Set([yes, no, morning.yes, morning.no]).size).toBe(4);

    const visitor = new Client(api.url);
    expect((await visitor.gql(ANSWER, { token: yes })).data.answerReminder.__typename).toBe('MutationAnswerReminderSuccess');
    // The morning's "still coming" is its own answer, not "already used".
    expect((await visitor.gql(REMINDER_LINK, { token: morning.yes })).data.reminderLink.data).toMatchObject({ usable: true, problem: null });
    expect((await visitor.gql(ANSWER, { token: morning.yes })).data.answerReminder.__typename).toBe('MutationAnswerReminderSuccess');
    expect((await visitor.gql(ANSWER, { token: morning.yes })).data.answerReminder.message).toMatch(/already been used/);
  });

  test('"still coming" does not carry over: cancelling clears it, and so does booking again', async () => {
    const { event, yes, going } = await remindedEvent('Still coming, then not');
    expect((await new Client(api.url).gql(ANSWER, { token: yes })).data.answerReminder.data.reconfirmed).toBe(true);
    expect((await rsvpRow(event, going)).reconfirmedAt).not.toBeNull();

    expect((await going.gql(CANCEL_RSVP, { eventId: event.id })).data.cancelRsvp.__typename).toBe('MutationCancelRsvpSuccess');
    expect((await rsvpRow(event, going)).reconfirmedAt).toBeNull();

    // A cancelled RSVP that still has one (left from before this was cleared): booking again starts without it.
    await api.prisma.$executeRaw`UPDATE rsvps SET reconfirmed_at = now() WHERE id = ${(await rsvpRow(event, going)).id}::uuid`;
    await rsvp(going, event.id);
    const again = await rsvpRow(event, going);
    expect(again.status).not.toBe('CANCELLED');
    expect(again.reconfirmedAt).toBeNull();
  });
});

describe('changes to a published event', () => {
  test('a new time or place is e-mailed to everyone going or waitlisted, old → new in UK time, once per change', async () => {
    const organiser = await signedUp(api.url);
    const times = startIn(10);
    // Two places: the organiser's own and `going`'s.
    const base = { title: 'Moving meeting', capacity: 2, venueName: 'Old Hall', address: '1 Old Road' };
    const event = await createEvent(organiser, { ...times, ...base });
    const [going, waiting, gone] = await members(3);
    await rsvp(going!, event.id);
    await rsvp(waiting!, event.id);
    await rsvp(gone!, event.id);
    await gone!.gql(CANCEL_RSVP, { eventId: event.id });

    // Nothing they would care about: no e-mail (the title is read at send time anyway).
    await update(organiser, event, { ...times, ...base, description: 'A new description' });
    const moved = { startsAt: new Date(Date.parse(times.startsAt) + 3 * 3_600_000).toISOString(), endsAt: new Date(Date.parse(times.endsAt) + 3 * 3_600_000).toISOString() };
    expect(await jobByKey(changeNoticeKey(uuidOf(event.id)))).toBeNull();
    await update(organiser, event, { ...moved, ...base, venueName: 'New Hall', address: '2 New Street' });
    // The notice waits a little in case more edits follow (see the next test); here its time has come.
    await runNow(changeNoticeKey(uuidOf(event.id)));

    for (const member of [going!, waiting!]) {
      const mail = await waitForMail(member.email, { test: bySubject(/^Changed:/) });
      expect(mail.subject).toBe('Changed: Moving meeting has a new time and place');
      for (const body of [mail.text ?? '', String(mail.html)]) {
        expect(body).toContain(`${formatEventTime(times.startsAt, times.endsAt)} → ${formatEventTime(moved.startsAt, moved.endsAt)}`);
        expect(body).toContain('Old Hall, 1 Old Road, LS6 1AN → New Hall, 2 New Street, LS6 1AN');
      }
      const ics = calendarOf(mail);
      expect(ics.start.toISOString()).toBe(moved.startsAt);
      expect(ics.location).toContain('2 New Street');
    }
    expect((await mailTo(going!.email)).filter(bySubject(/^Changed:/))).toHaveLength(1);

    // The fan-out job again (a retry): nobody gets it twice.
    const [logged] = await api.prisma.$queryRaw<{ key: string }[]>`SELECT key FROM mail_log WHERE key LIKE ${`event-changed:${uuidOf(event.id)}:%`} LIMIT 1`;
    const changeId = logged!.key.split(':')[2]!;
    const notice = { kind: 'changed', eventId: uuidOf(event.id), changeId, maxSeq: 1_000_000_000, changes: ['time'], from: {}, to: {} };
    await api.prisma.$executeRaw`SELECT graphile_worker.add_job('event-notice', ${JSON.stringify(notice)}::json, job_key => 'retry-notice-test')`;
    await jobDone('retry-notice-test');
    await until('the retried e-mails to be handled', async () => {
      return (await queuedMails(api.prisma, 'key', `event-changed:${uuidOf(event.id)}:%`)) === 0;
    });
    expect((await mailTo(going!.email)).filter(bySubject(/^Changed:/))).toHaveLength(1);
    expect((await mailTo(waiting!.email)).filter(bySubject(/^Changed:/))).toHaveLength(1);

    // Cancelled: said clearly, to both, with the calendar entry marked cancelled.
    expect((await organiser.gql(CANCEL_EVENT, { id: event.id })).data.cancelEvent.data.status).toBe('CANCELLED');
    for (const member of [going!, waiting!]) {
      const mail = await waitForMail(member.email, { test: bySubject(/^Cancelled:/) });
      expect(mail.subject).toBe('Cancelled: Moving meeting');
      expect(mail.text).toMatch(/This event has been cancelled/i);
      expect(mail.text).toContain(formatEventTime(moved.startsAt, moved.endsAt));
      expect(calendarOf(mail)).toMatchObject({ status: 'CANCELLED', summary: 'CANCELLED: Moving meeting' });
    }
    // The member who had cancelled heard nothing of either.
    expect((await mailTo(gone!.email)).map((m) => m.subject).filter((s) => /^(Changed|Cancelled):/.test(s ?? ''))).toEqual([]);
  });
});

describe('a run of edits is one notice', () => {
  const noticesTo = async (member: Member, pattern: RegExp) => (await mailTo(member.email)).filter(bySubject(pattern));

  test('three edits in a row: one e-mail, from before the first to after the last, sent a while after the last edit', async () => {
    const organiser = await signedUp(api.url);
    const times = startIn(12);
    const base = { title: 'Fidgety meeting', venueName: 'First Hall', address: '1 First Road' };
    const event = await createEvent(organiser, { ...times, ...base });
    const key = changeNoticeKey(uuidOf(event.id));
    const [member] = await members(1);
    await rsvp(member!, event.id);

    const hour = (h: number) => ({
      startsAt: new Date(Date.parse(times.startsAt) + h * 3_600_000).toISOString(),
      endsAt: new Date(Date.parse(times.endsAt) + h * 3_600_000).toISOString(),
    });
    await update(organiser, event, { ...hour(1), ...base });
    const firstRunAt = (await jobByKey(key))!.run_at;
    await update(organiser, event, { ...hour(2), ...base });
    await update(organiser, event, { ...hour(2), ...base, venueName: 'Last Hall', address: '9 Last Road' });
    // One pending notice, due after the last edit (not the first), with the first "before" and the last "after".
    const [pending] = await api.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key LIKE ${`event-notice:${uuidOf(event.id)}:%`}`;
    expect(pending!.n).toBe(1);
    const job = (await jobByKey(key))!;
    expect(job.run_at.getTime()).toBeGreaterThanOrEqual(firstRunAt.getTime());
    expect(job.run_at.getTime()).toBeGreaterThan(Date.now() + NOTICE_DELAY_MS / 2);
    expect(job.payload).toMatchObject({ kind: 'changed', changes: ['time', 'place'], from: { startsAt: times.startsAt, venueName: 'First Hall' }, to: { startsAt: hour(2).startsAt, venueName: 'Last Hall' } });
    expect(await noticesTo(member!, /^Changed:/)).toEqual([]);

    await runNow(key);
    const mail = await waitForMail(member!.email, { test: bySubject(/^Changed:/) });
    expect(mail.subject).toBe('Changed: Fidgety meeting has a new time and place');
    expect(mail.text).toContain(`${formatEventTime(times.startsAt, times.endsAt)} → ${formatEventTime(hour(2).startsAt, hour(2).endsAt)}`);
    expect(mail.text).toContain('First Hall, 1 First Road, LS6 1AN → Last Hall, 9 Last Road, LS6 1AN');
    await jobDone(key);
    await until('the notice to be logged', async () => {
      const rows = await api.prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM mail_log WHERE key LIKE ${`event-changed:${uuidOf(event.id)}:%`} AND status = 'SENT'`;
      return rows[0]!.n === 1;
    });
    expect(await noticesTo(member!, /^Changed:/)).toHaveLength(1);

    // A later edit is a new notice with e-mail keys of its own, from what was last told.
    await update(organiser, event, { ...hour(3), ...base, venueName: 'Last Hall', address: '9 Last Road' });
    expect((await jobByKey(key))!.payload).toMatchObject({ changes: ['time'], from: { startsAt: hour(2).startsAt }, to: { startsAt: hour(3).startsAt } });
    await runNow(key);
    await until('a second notice', async () => (await noticesTo(member!, /^Changed:/)).length === 2);
    const keys = await api.prisma.$queryRaw<{ key: string }[]>`SELECT key FROM mail_log WHERE key LIKE ${`event-changed:${uuidOf(event.id)}:%`}`;
    expect(new Set(keys.map((k) => k.key)).size).toBe(2);
  });

  test('edited and changed back before the notice went: nothing is sent', async () => {
    const organiser = await signedUp(api.url);
    const times = startIn(13);
    const base = { title: 'Second thoughts', venueName: 'Same Hall', address: '5 Same Road' };
    const event = await createEvent(organiser, { ...times, ...base });
    const key = changeNoticeKey(uuidOf(event.id));
    const [member] = await members(1);
    await rsvp(member!, event.id);
    const later = { startsAt: new Date(Date.parse(times.startsAt) + 3_600_000).toISOString(), endsAt: new Date(Date.parse(times.endsAt) + 3_600_000).toISOString() };
    await update(organiser, event, { ...later, ...base });
    expect(await jobByKey(key)).not.toBeNull();
    await update(organiser, event, { ...times, ...base });
    expect(await jobByKey(key)).toBeNull();
  });

  test('cancelling is told at once, and a change still waiting is dropped', async () => {
    const organiser = await signedUp(api.url);
    const times = startIn(14);
    const event = await createEvent(organiser, { ...times, title: 'Called off' });
    const key = changeNoticeKey(uuidOf(event.id));
    const [member] = await members(1);
    await rsvp(member!, event.id);
    await update(organiser, event, { ...times, title: 'Called off', venueName: 'Other Hall' });
    expect(await jobByKey(key)).not.toBeNull();
    expect((await organiser.gql(CANCEL_EVENT, { id: event.id })).data.cancelEvent.data.status).toBe('CANCELLED');
    expect(await jobByKey(key)).toBeNull();
    // No one moves its run time: it is due now.
    const mail = await waitForMail(member!.email, { test: bySubject(/^Cancelled: Called off$/) });
    expect(mail.text).toMatch(/This event has been cancelled/);
    expect(await noticesTo(member!, /^Changed:/)).toEqual([]);
  });
});
