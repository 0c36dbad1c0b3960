import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { JobHelpers } from 'graphile-worker';
import type { ParsedMail } from 'mailparser';
import { Client as PgClient, type PoolClient } from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createMailer, MailServerUnreachable, reachFailure, refusesRecipient, UNREACHABLE_PAUSE_MS } from '../src/mail/mailer.ts';
import { LinkSigner, linkSigner } from '../src/mail/links.ts';
import { SWITCHABLE } from '../src/mail/preferences.ts';
import { defineTemplate, type MailTemplate } from '../src/mail/template.ts';
import { TEMPLATES } from '../src/mail/templates/index.ts';
import { Layout, P } from '../src/mail/templates/layout.tsx';
import { deliverMail, unsubscribeToken } from '../src/mail/send.ts';
import type { MailCategory } from '../src/mail/template.ts';
import { queueMail } from '../src/jobs/queue.ts';
import { TASKS } from '../src/jobs/tasks.ts';
import type { RunningApi } from '../src/server.ts';
import { Client, createEvent, departureFor, manyMembers, queuedMails, startTestApi, uniqueTag, uuidOf, withBadSignature } from './helpers.ts';
import { BOUNCES, mailTo, waitForMail } from './mail-catcher.ts';
import { testDatabaseUrl } from './db-utils.ts';

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

const PREFS = 'bookings reminders lifts organiser digest bounced';

const MY_PREFERENCES = /* GraphQL */ `query { me { id mailPreferences { ${PREFS} } } }`;

const SET_PREFERENCES = /* GraphQL */ `
  mutation Set($input: MailPreferencesInput!) {
    setMailPreferences(input: $input) {
      __typename
      ... on MutationSetMailPreferencesSuccess { data { id mailPreferences { ${PREFS} } } }
      ... on Error { message }
    }
  }
`;

const RESUME_MAIL = /* GraphQL */ `
  mutation { resumeMail { __typename ... on MutationResumeMailSuccess { data { mailPreferences { ${PREFS} } } } ... on Error { message } } }
`;

const UNSUBSCRIBE_LINK = /* GraphQL */ `
  query Link($token: String!) {
    unsubscribeLink(token: $token) {
      __typename
      ... on QueryUnsubscribeLinkSuccess { data { category firstName } }
      ... on ValidationError { message fieldErrors { path message } }
    }
  }
`;

const UNSUBSCRIBE = /* GraphQL */ `
  mutation Unsubscribe($token: String!) {
    unsubscribe(token: $token) {
      __typename
      ... on MutationUnsubscribeSuccess { data { category firstName } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;

const DEFAULTS = { bookings: true, reminders: true, lifts: true, organiser: true, digest: 'NEVER', bounced: false };

type Member = Client & { email: string; userId: string; id: string };

/** Members written straight to the database (see manyMembers), with their database ids; `bounce` gives them an
 * address the mail catcher refuses with 550. */
async function members(n: number, options: { bounce?: boolean } = {}): Promise<Member[]> {
  const made = await manyMembers(api, n);
  return Promise.all(
    made.map(async (m) => {
      const id = uuidOf(m.userId);
      if (options.bounce) {
        const email = `bounce-${randomUUID()}@example.org`;
        await api.prisma.user.update({ where: { id }, data: { email } });
        Object.assign(m, { email });
      }
      return Object.assign(m, { id });
    }),
  );
}

const preferencesOf = async (m: Member) => (await m.gql(MY_PREFERENCES)).data.me.mailPreferences;
const columnsOf = (id: string) =>
  api.prisma.user.findUniqueOrThrow({
    where: { id },
    select: { mailBookings: true, mailReminders: true, mailLifts: true, mailOrganiser: true, digest: true, mailBouncedAt: true },
  });

const tokenFor = async (userId: string, category: MailCategory) => unsubscribeToken(await linkSigner(api.prisma), userId, category);

/** One-click unsubscribe exactly as Gmail sends it: form-encoded `List-Unsubscribe=One-Click`, no cookie, no CSRF header. */
const oneClick = (url: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
    redirect: 'manual',
  });

/** The API's address for a link an e-mail gives on the public origin. */
const onApi = (publicLink: string) => {
  const u = new URL(publicLink);
  return `${api.url}${u.pathname}${u.search}`;
};

/** A header as sent (unfolded), from the raw header lines. */
function rawHeader(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line?.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
}

/** Jobs still queued (waiting, or failed and to be tried again) for a member. */
const queuedJobsOf = (userId: string) => queuedMails(api.prisma, 'userId', userId);

const REQUEST_PASSWORD_RESET = /* GraphQL */ `
  mutation Reset($input: PasswordResetRequestInput!) { requestPasswordReset(input: $input) { __typename } }
`;

/** Asks for a password-reset e-mail (an account e-mail) through the API; answers its mail_log status once handled. */
async function passwordReset(m: Member): Promise<string> {
  const before = await api.prisma.mailLog.count({ where: { userId: m.id, kind: 'password-reset' } });
  const res = await new Client(api.url).gql(REQUEST_PASSWORD_RESET, { input: { email: m.email } });
  expect(res.data.requestPasswordReset.__typename).toBe('MutationRequestPasswordResetSuccess');
  await expect
    .poll(() => api.prisma.mailLog.count({ where: { userId: m.id, kind: 'password-reset', status: { not: 'SENDING' } } }), { timeout: 30_000, interval: 100 })
    .toBe(before + 1);
  const [latest] = await api.prisma.mailLog.findMany({ where: { userId: m.id, kind: 'password-reset' }, orderBy: { createdAt: 'desc' }, take: 1 });
  return latest!.status;
}

describe('preferences', () => {
  test('every e-mail is on by default (no digest), and the choices round-trip through setMailPreferences', async () => {
    const [m] = await members(1);
    expect(await preferencesOf(m!)).toEqual(DEFAULTS);

    const set = await m!.gql(SET_PREFERENCES, { input: { bookings: false, lifts: false, digest: 'WEEKLY' } });
    expect(set.data.setMailPreferences).toEqual({
      __typename: 'MutationSetMailPreferencesSuccess',
      data: { id: expect.any(String), mailPreferences: { ...DEFAULTS, bookings: false, lifts: false, digest: 'WEEKLY' } },
    });
    // Fields left out stay as they are.
    await m!.gql(SET_PREFERENCES, { input: { bookings: true, reminders: false } });
    expect(await preferencesOf(m!)).toEqual({ ...DEFAULTS, reminders: false, lifts: false, digest: 'WEEKLY' });
    expect(await columnsOf(m!.id)).toMatchObject({ mailBookings: true, mailReminders: false, mailLifts: false, mailOrganiser: true, digest: 'WEEKLY' });
  });

  test('signed out, setMailPreferences is an AuthenticationError', async () => {
    const anonymous = (await members(1))[0]!;
    anonymous.cookie = undefined;
    const res = await anonymous.gql(SET_PREFERENCES, { input: { bookings: false } });
    expect(res.data.setMailPreferences.__typename).toBe('AuthenticationError');
    expect(await anonymous.gql(RESUME_MAIL)).toMatchObject({ data: { resumeMail: { __typename: 'AuthenticationError' } } });
  });
});

describe('unsubscribe links', () => {
  test('the link tells only which e-mails and whose first name, signed out; unsubscribe switches that category off, once and again', async () => {
    const [m] = await members(1);
    const token = await tokenFor(m!.id, 'reminders');
    const stranger = (await members(1))[0]!;
    stranger.cookie = undefined;

    const read = await stranger.gql(UNSUBSCRIBE_LINK, { token });
    expect(read.data.unsubscribeLink).toEqual({ __typename: 'QueryUnsubscribeLinkSuccess', data: { category: 'REMINDERS', firstName: 'Bulk' } });
    // Reading changes nothing.
    expect(await preferencesOf(m!)).toEqual(DEFAULTS);

    for (let i = 0; i < 2; i++) {
      const res = await stranger.gql(UNSUBSCRIBE, { token });
      expect(res.data.unsubscribe).toEqual({ __typename: 'MutationUnsubscribeSuccess', data: { category: 'REMINDERS', firstName: 'Bulk' } });
      expect(await preferencesOf(m!)).toEqual({ ...DEFAULTS, reminders: false });
    }

    // The digest's link sets it to never.
    await m!.gql(SET_PREFERENCES, { input: { digest: 'DAILY' } });
    await stranger.gql(UNSUBSCRIBE, { token: await tokenFor(m!.id, 'digest') });
    expect(await preferencesOf(m!)).toEqual({ ...DEFAULTS, reminders: false, digest: 'NEVER' });
  });

  test('forged, tampered, expired, foreign and account links are refused with a clear error and change nothing', async () => {
    const [m] = await members(1);
    const links = await linkSigner(api.prisma);
    const good = await tokenFor(m!.id, 'bookings');
    const [body, sig] = good.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    const tamperedBody = Buffer.from(JSON.stringify({ ...payload, d: { ...payload.d, c: 'lifts' } })).toString('base64url');
    const bad = {
      forged: new LinkSigner(randomBytes(32)).sign('unsubscribe', { u: m!.id, c: 'bookings' }, new Date(Date.now() + 86_400_000)),
      tampered: `${tamperedBody}.${sig}`,
      'bad signature': withBadSignature(good),
      expired: links.sign('unsubscribe', { u: m!.id, c: 'bookings' }, new Date(Date.now() - 1000)),
      'another purpose': links.sign('rsvp-answer', { u: m!.id, c: 'bookings' }, new Date(Date.now() + 86_400_000)),
      'account category': links.sign('unsubscribe', { u: m!.id, c: 'account' }, new Date(Date.now() + 86_400_000)),
      'no such member': links.sign('unsubscribe', { u: randomUUID(), c: 'bookings' }, new Date(Date.now() + 86_400_000)),
      truncated: good.slice(0, -5),
      empty: '',
    };
    const before = await columnsOf(m!.id);
    for (const [what, token] of Object.entries(bad)) {
      const read = await m!.gql(UNSUBSCRIBE_LINK, { token });
      expect(read.data.unsubscribeLink, what).toMatchObject({
        __typename: 'ValidationError',
        message: expect.stringMatching(/not valid.*expired/),
        fieldErrors: [{ path: ['token'] }],
      });
      const res = await m!.gql(UNSUBSCRIBE, { token });
      expect(res.data.unsubscribe, what).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['token'] }] });
      const post = await oneClick(`${api.url}/mail/unsubscribe?token=${encodeURIComponent(token)}`);
      expect(post.status, what).toBe(400);
      expect(await post.text(), what).toMatch(/not valid.*expired/);
    }
    expect(await columnsOf(m!.id)).toEqual(before);
    // The genuine link still works.
    expect((await m!.gql(UNSUBSCRIBE, { token: good })).data.unsubscribe.__typename).toBe('MutationUnsubscribeSuccess');
  });

  test('one-click POST as Gmail sends it (form-encoded, no cookie, no CSRF header) answers 200 and switches the category off; GET changes nothing', async () => {
    const [m] = await members(1);
    const token = await tokenFor(m!.id, 'organiser');
    const url = `${api.url}/mail/unsubscribe?token=${encodeURIComponent(token)}`;

    const get = await fetch(url, { redirect: 'manual' });
    expect(get.status).toBe(303);
    expect(get.headers.get('location')).toBe(`http://localhost:5173/unsubscribe?token=${encodeURIComponent(token)}`);
    const head = await fetch(url, { method: 'HEAD', redirect: 'manual' });
    expect(head.status).toBe(303);
    expect(await preferencesOf(m!)).toEqual(DEFAULTS);

    for (let i = 0; i < 2; i++) {
      const post = await oneClick(url);
      expect(post.status).toBe(200);
      expect(post.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await post.text()).toMatch(/^Unsubscribed/);
      expect(await preferencesOf(m!)).toEqual({ ...DEFAULTS, organiser: false });
    }
  });
});

describe('one-click unsubscribe beside the built web app (as production serves it on one port)', () => {
  test('/mail/unsubscribe is answered by the API, never by the web app\'s index.html', async () => {
    const dist = mkdtempSync(path.join(os.tmpdir(), 'rallypoint-mail-web-'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>web app</title>');
    const withWeb = await startTestApi({ webDistDir: dist, runWorker: false });
    try {
      const [m] = await members(1);
      const token = await tokenFor(m!.id, 'lifts');
      const url = `${withWeb.url}/mail/unsubscribe?token=${encodeURIComponent(token)}`;
      // A browser opening the address (Accept: text/html) is sent to the page that asks.
      const get = await fetch(url, { redirect: 'manual', headers: { accept: 'text/html' } });
      expect(get.status).toBe(303);
      expect(get.headers.get('location')).toBe(`http://localhost:5173/unsubscribe?token=${encodeURIComponent(token)}`);
      // The page itself is the web app's.
      expect(await (await fetch(`${withWeb.url}/unsubscribe?token=x`, { headers: { accept: 'text/html' } })).text()).toContain('web app');
      const post = await oneClick(url);
      expect(post.status).toBe(200);
      expect(await post.text()).toMatch(/^Unsubscribed/);
      expect(await preferencesOf(m!)).toEqual({ ...DEFAULTS, lifts: false });
      // Anything else under /mail/ is the API's too: not found, not the web app.
      const other = await fetch(`${withWeb.url}/mail/other`, { headers: { accept: 'text/html' } });
      expect(other.status).toBe(404);
      expect(await other.text()).not.toContain('web app');
    } finally {
      await withWeb.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });
});

describe('account e-mails and bounces', () => {
  test('account e-mails carry no unsubscribe header or link (they cannot be switched off)', async () => {
    const [m] = await members(1);
    await m!.gql(SET_PREFERENCES, { input: { bookings: false, reminders: false, lifts: false, organiser: false } });
    expect(await passwordReset(m!)).toBe('SENT');
    const mail = await waitForMail(m!.email, { test: (x) => x.subject === 'Reset your Rallypoint password' });
    expect(rawHeader(mail, 'List-Unsubscribe')).toBeUndefined();
    expect(rawHeader(mail, 'List-Unsubscribe-Post')).toBeUndefined();
    expect(mail.text).not.toContain('/unsubscribe');
    expect(mail.text).not.toContain('/account/notifications');
  });

  test('a hard bounce (550 at RCPT) marks the address bounced, once and without retries; account e-mail is still tried; only "try again" clears it', async () => {
    const [m] = await members(1, { bounce: true });
    expect(m!.email).toMatch(BOUNCES);
    expect(await passwordReset(m!)).toBe('BOUNCED');
    const bouncedAt = (await columnsOf(m!.id)).mailBouncedAt;
    expect(bouncedAt).toBeInstanceOf(Date);
    // Done: not left in the queue to be tried again.
    expect(await queuedJobsOf(m!.id)).toBe(0);
    expect(await mailTo(m!.email)).toEqual([]);
    expect(await preferencesOf(m!)).toEqual({ ...DEFAULTS, bounced: true });

    // Account e-mail is still attempted (and refused again); the first bounce time stays.
    expect(await passwordReset(m!)).toBe('BOUNCED');
    expect((await columnsOf(m!.id)).mailBouncedAt).toEqual(bouncedAt);

    // Choosing preferences does not clear it; "try again" does.
    expect((await m!.gql(SET_PREFERENCES, { input: { bookings: true } })).data.setMailPreferences.data.mailPreferences.bounced).toBe(true);
    expect((await m!.gql(RESUME_MAIL)).data.resumeMail).toEqual({ __typename: 'MutationResumeMailSuccess', data: { mailPreferences: DEFAULTS } });
    expect((await columnsOf(m!.id)).mailBouncedAt).toBeNull();
  });

  test('only a refused address counts as a bounce: not our sender refused, relaying denied, or a message rejected as spam', () => {
    const smtpError = (command: string, response: string) => ({ code: 'EENVELOPE', command, response, responseCode: Number(response.slice(0, 3)) });
    expect(refusesRecipient(smtpError('RCPT TO', '550 5.1.1 No such mailbox here'))).toBe(true);
    expect(refusesRecipient(smtpError('RCPT TO', '550 Mailbox unavailable'))).toBe(true);
    expect(refusesRecipient(smtpError('RCPT TO', '553 5.1.3 Bad recipient address syntax'))).toBe(true);
    expect(refusesRecipient({ ...smtpError('DATA', '550 5.1.1 Unknown user'), code: 'EMESSAGE' })).toBe(true);
    // Our side's problems: every member would be marked bounced.
    expect(refusesRecipient(smtpError('MAIL FROM', '550 5.7.1 Sender address rejected'))).toBe(false);
    expect(refusesRecipient(smtpError('RCPT TO', '550 5.7.1 Relaying denied'))).toBe(false);
    expect(refusesRecipient(smtpError('RCPT TO', '530 5.7.0 Authentication required'))).toBe(false);
    expect(refusesRecipient({ ...smtpError('DATA', '554 5.7.1 Message rejected as spam'), code: 'EMESSAGE' })).toBe(false);
    expect(refusesRecipient({ ...smtpError('DATA', '552 5.3.4 Message too big'), code: 'EMESSAGE' })).toBe(false);
    // Temporary: retried.
    expect(refusesRecipient(smtpError('RCPT TO', '450 4.2.0 Mailbox busy'))).toBe(false);
    expect(refusesRecipient(new Error('connect ECONNREFUSED'))).toBe(false);
    // Not reached at all (refused, dropped before the greeting, timed out, unknown host): sending pauses.
    expect(reachFailure({ code: 'ESOCKET', command: 'CONN', message: 'connect ECONNREFUSED 127.0.0.1:25' })).toBe(true);
    expect(reachFailure({ code: 'ECONNECTION', message: 'Reached maximum number of retries after connection was closed' })).toBe(true);
    expect(reachFailure({ code: 'ETIMEDOUT', command: 'CONN' })).toBe(true);
    expect(reachFailure(smtpError('RCPT TO', '450 4.2.0 Mailbox busy'))).toBe(false);
    expect(reachFailure(smtpError('MAIL FROM', '550 5.7.1 Sender rejected'))).toBe(false);
  });

  test('a mail server that cannot be reached pauses sending: meanwhile e-mails fail at once, with no claim and no connection, and are tried again after', async () => {
    const [m] = await members(1);
    // In the mail server's place: one that drops every connection before its greeting, counting them.
    let connections = 0;
    const dropper = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => dropper.listen(0, '127.0.0.1', resolve));
    // The mailer's own clock, moved by the test: a slow machine cannot end the pause early.
    let clock = Date.now();
    const mailer = createMailer(`smtp://127.0.0.1:${(dropper.address() as AddressInfo).port}`, 'Rallypoint <no-reply@localhost>', { now: () => clock });
    const pg = new PgClient({ connectionString: testDatabaseUrl() });
    await pg.connect();
    const deps = { prisma: api.prisma, config: { ...loadConfig(), publicUrl: 'http://localhost:5173' }, mailer };
    const helpers = { withPgClient: (work: (client: PoolClient) => Promise<unknown>) => work(pg as unknown as PoolClient) } as unknown as JobHelpers;
    const tag = uniqueTag();
    const send = (n: number) => TASKS['send-mail']!({ key: `outage:${tag}:${n}`, template: 'sign-up-existing', userId: m!.id, params: {} }, helpers, deps);
    const claimed = (n: number) => api.prisma.mailLog.findUnique({ where: { key: `outage:${tag}:${n}` } });
    try {
      await expect(send(1)).rejects.toBeInstanceOf(MailServerUnreachable);
      const tried = connections;
      expect(tried).toBeGreaterThan(0);
      expect(mailer.unreachable()?.until.getTime()).toBe(clock + UNREACHABLE_PAUSE_MS);
      // Paused: the next e-mail is neither claimed nor composed nor sent.
      await expect(send(2)).rejects.toThrow(/the mail server could not be reached .*not tried again until/);
      expect(connections).toBe(tried);
      expect([await claimed(1), await claimed(2)]).toEqual([null, null]);
      // Once the pause is over, the next attempt tries the server again.
      clock += UNREACHABLE_PAUSE_MS - 1;
      expect(mailer.unreachable()).not.toBeNull();
      clock += 1;
      expect(mailer.unreachable()).toBeNull();
      await expect(send(3)).rejects.toBeInstanceOf(MailServerUnreachable);
      expect(connections).toBeGreaterThan(tried);
      expect(await mailTo(m!.email)).toEqual([]);
    } finally {
      mailer.close();
      await pg.end();
      await new Promise((resolve) => dropper.close(resolve));
    }
  });

  test('a switchable e-mail whose template drops the footer is not sent without its unsubscribe link: the job fails and is retried', async () => {
    const [m] = await members(1);
    // A template that forgets `footer={ctx.footer}`, registered for this test only (the worker runs in this process).
    const name = `test-no-footer-${randomUUID()}`;
    (TEMPLATES as unknown as Record<string, MailTemplate<Record<string, never>>>)[name] = defineTemplate<Record<string, never>>({
      category: 'bookings',
      async prepare() {
        return { subject: 'No footer', element: Layout({ title: 'No footer', preview: '', footer: { reason: 'none' }, children: P({ children: 'Hello' }) }) };
      },
    });
    // Sent straight through the sender (not the shared queue, where another file's worker, without this template,
    // could take the job first).
    const pg = new PgClient({ connectionString: testDatabaseUrl() });
    await pg.connect();
    const mailer = createMailer(process.env.SMTP_URL ?? null, 'Rallypoint <no-reply@localhost>');
    try {
      const job = { key: `${name}:1`, template: name as 'password-reset', userId: m!.id, params: {} as never };
      await expect(deliverMail({ prisma: api.prisma, config: { ...loadConfig(), publicUrl: 'http://localhost:5173' }, mailer }, job, pg as unknown as PoolClient)).rejects.toThrow(
        /has no unsubscribe link/,
      );
      // Nothing recorded, so the job's retry may send once the template is fixed; nothing sent.
      expect(await api.prisma.mailLog.findUnique({ where: { key: `${name}:1` } })).toBeNull();
      expect(await mailTo(m!.email)).toEqual([]);
    } finally {
      mailer.close();
      await pg.end();
      delete (TEMPLATES as unknown as Record<string, unknown>)[name];
    }
  });
});

// ------------------------------------------------------------------------------------------ real e-mails of every kind

const RSVP = /* GraphQL */ `
  mutation Rsvp($eventId: ID!) { rsvp(eventId: $eventId) { __typename ... on MutationRsvpSuccess { data { status } } ... on Error { message } } }
`;
const MESSAGE = /* GraphQL */ `
  mutation Message($eventId: ID!, $input: MessageAttendeesInput!) {
    messageAttendees(eventId: $eventId, input: $input) { __typename ... on MutationMessageAttendeesSuccess { data { id } } ... on Error { message } }
  }
`;
const OFFER = /* GraphQL */ `
  mutation Offer($eventId: ID!, $input: LiftOfferInput!) {
    offerLift(eventId: $eventId, input: $input) { __typename ... on MutationOfferLiftSuccess { data { id } } ... on Error { message } }
  }
`;
const REQUEST = /* GraphQL */ `
  mutation Request($eventId: ID!, $input: LiftRequestInput!) {
    requestLift(eventId: $eventId, input: $input) { __typename ... on MutationRequestLiftSuccess { data { id } } ... on Error { message } }
  }
`;
const PROPOSE = /* GraphQL */ `
  mutation Propose($offerId: ID!, $requestId: ID!) {
    proposeLift(offerId: $offerId, requestId: $requestId) { __typename ... on MutationProposeLiftSuccess { data { id } } ... on Error { message } }
  }
`;

/** Runs a mutation and answers its success's data, failing the test on anything else. */
async function ok<T = { id: string }>(client: Client, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await client.gql(query, variables);
  const result = Object.values(res.data ?? {})[0] as { __typename: string; data?: T } | undefined;
  if (!result?.__typename.endsWith('Success')) throw new Error(`${query.trim().split('\n')[0]} failed: ${JSON.stringify(res)}`);
  return result.data as T;
}

// Hendon (as in lifts.test.ts): drivers from NW7 can reach it.
const HENDON = { lat: 51.5894, lng: -0.2288 };

/** A published canvass in Hendon with a title unique to the test. */
async function canvass(organiser: Client) {
  const title = `Preferences canvass ${uniqueTag()}`;
  const event = await createEvent(organiser, { kind: 'CANVASS', title, postcode: 'NW4 4BT', location: HENDON });
  return { id: event.id as string, title };
}

const kindOf = (m: ParsedMail) => String(m.headers.get('x-rallypoint-kind') ?? '');

/** Waits until `n` e-mails of `kind` to a member have been dealt with (sent, skipped, bounced); their statuses, oldest first. */
async function statuses(m: Member, kind: string, n: number): Promise<string[]> {
  await expect
    .poll(() => api.prisma.mailLog.count({ where: { userId: m.id, kind, status: { not: 'SENDING' } } }), { timeout: 30_000, interval: 100 })
    .toBeGreaterThanOrEqual(n);
  return (await api.prisma.mailLog.findMany({ where: { userId: m.id, kind }, orderBy: { createdAt: 'asc' } })).map((r) => r.status);
}

const UNSUBSCRIBE_CATEGORY: Record<string, string> = { bookings: 'BOOKINGS', reminders: 'REMINDERS', lifts: 'LIFTS', organiser: 'ORGANISER', digest: 'DIGEST' };

describe('every kind of e-mail a member can switch off', () => {
  test('carries List-Unsubscribe (one-click) and List-Unsubscribe-Post, and footer links to the unsubscribe page and the preferences page, for its own category', async () => {
    const [organiser, member, driver] = await members(3);
    const event = await canvass(organiser!);
    // The digest lists new events near the member's home.
    await api.prisma.user.update({ where: { id: member!.id }, data: { homeLabel: 'NW4', homeLat: HENDON.lat, homeLng: HENDON.lng, digest: 'DAILY' } });

    // bookings: the RSVP confirmation.
    await ok(member!, RSVP, { eventId: event.id });
    // reminders: the event's 24-hour reminder, run now as if its time had come.
    const reminderKey = `reminder:${uuidOf(event.id)}:24h`;
    expect(await api.prisma.$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = ${reminderKey}`).toBe(1);
    // lifts: a driver proposes a lift to the member's request.
    const offer = await ok(driver!, OFFER, { eventId: event.id, input: { departAt: departureFor(), seats: 3, maxDetourKm: 15, postcode: 'NW7' } });
    const request = await ok(member!, REQUEST, { eventId: event.id, input: { seats: 1, postcode: 'NW7' } });
    await ok(driver!, PROPOSE, { offerId: offer.id, requestId: request.id });
    // organiser: a message to everyone going.
    await ok(organiser!, MESSAGE, { eventId: event.id, input: { audience: 'GOING', subject: `Meeting point ${event.title}`, body: 'At the station.' } });
    // digest: today's, as the daily fan-out queues it (its window covers the event just published).
    await queueMail(api.prisma, {
      key: `digest:${member!.id}:test-${randomUUID()}`,
      template: 'digest',
      userId: member!.id,
      params: { since: new Date(Date.now() - 3_600_000).toISOString(), until: new Date(Date.now() + 60_000).toISOString() },
    });

    const kinds = { bookings: 'rsvp-confirmed', reminders: 'event-reminder', lifts: 'lift-proposed', organiser: 'organiser-message', digest: 'digest' } as const;
    // Every category a template can have (bar account) is one of these.
    // (Templates to a bare address have no category: nothing to switch off.)
    const categories = new Set(Object.values(TEMPLATES).flatMap((t) => ('category' in t && t.category !== 'account' ? [t.category] : [])));
    expect([...categories].sort()).toEqual(Object.keys(kinds).sort());
    expect(Object.keys(kinds).sort()).toEqual([...SWITCHABLE].sort());

    for (const [category, kind] of Object.entries(kinds)) {
      const mail = await waitForMail(member!.email, { test: (m) => kindOf(m) === kind });
      const oneClick = /^<(http:\/\/localhost:5173\/mail\/unsubscribe\?token=([^>]+))>$/.exec(rawHeader(mail, 'List-Unsubscribe') ?? '');
      expect(oneClick, `${kind}: List-Unsubscribe`).not.toBeNull();
      expect(rawHeader(mail, 'List-Unsubscribe-Post'), kind).toBe('List-Unsubscribe=One-Click');
      const token = decodeURIComponent(oneClick![2]!);
      const page = `http://localhost:5173/unsubscribe?token=${encodeURIComponent(token)}`;
      expect(String(mail.html), kind).toContain(`href="${page}"`);
      expect(String(mail.html), kind).toContain('href="http://localhost:5173/account/notifications"');
      expect(mail.text, kind).toContain(page);
      expect(mail.text, kind).toContain('http://localhost:5173/account/notifications');
      // The link is for this member and this e-mail's category.
      const link = await new Client(api.url).gql(UNSUBSCRIBE_LINK, { token });
      expect(link.data.unsubscribeLink, kind).toEqual({
        __typename: 'QueryUnsubscribeLinkSuccess',
        data: { category: UNSUBSCRIBE_CATEGORY[category], firstName: 'Bulk' },
      });
    }
  });

  test('after a one-click unsubscribe (as Gmail sends it) the next e-mail of that category is not sent; other categories still are', async () => {
    const [organiser, member] = await members(2);
    const first = await canvass(organiser!);
    const second = await canvass(organiser!);
    await ok(member!, RSVP, { eventId: first.id });
    const confirmation = await waitForMail(member!.email, { test: (m) => kindOf(m) === 'rsvp-confirmed' && (m.subject ?? '').includes(first.title) });
    const oneClickUrl = /^<([^>]+)>$/.exec(rawHeader(confirmation, 'List-Unsubscribe') ?? '')![1]!;
    const post = await oneClick(onApi(oneClickUrl));
    expect(post.status).toBe(200);
    expect(await preferencesOf(member!)).toEqual({ ...DEFAULTS, bookings: false });

    await ok(member!, RSVP, { eventId: second.id });
    expect(await statuses(member!, 'rsvp-confirmed', 2)).toEqual(['SENT', 'SKIPPED']);
    await ok(organiser!, MESSAGE, { eventId: second.id, input: { audience: 'GOING', subject: `Still hearing ${second.title}`, body: 'Hello.' } });
    await waitForMail(member!.email, { test: (m) => kindOf(m) === 'organiser-message' && (m.subject ?? '').includes(second.title) });
    expect((await mailTo(member!.email)).filter((m) => kindOf(m) === 'rsvp-confirmed').map((m) => m.subject)).toEqual([confirmation.subject]);
  });

  test('a bounce on a switchable e-mail: marked once, not retried; later switchable e-mail is skipped, account e-mail still tried; "try again" sends again', async () => {
    const [organiser] = await members(1);
    const [member] = await members(1, { bounce: true });
    const first = await canvass(organiser!);
    const second = await canvass(organiser!);

    await ok(member!, RSVP, { eventId: first.id });
    expect(await statuses(member!, 'rsvp-confirmed', 1)).toEqual(['BOUNCED']);
    expect((await columnsOf(member!.id)).mailBouncedAt).toBeInstanceOf(Date);
    expect(await queuedJobsOf(member!.id)).toBe(0);

    await ok(member!, RSVP, { eventId: second.id });
    expect(await statuses(member!, 'rsvp-confirmed', 2)).toEqual(['BOUNCED', 'SKIPPED']);
    await ok(organiser!, MESSAGE, { eventId: second.id, input: { audience: 'GOING', subject: 'Nobody hears', body: 'Hello.' } });
    expect(await statuses(member!, 'organiser-message', 1)).toEqual(['SKIPPED']);
    // Account e-mail is still attempted (and refused again).
    expect(await passwordReset(member!)).toBe('BOUNCED');

    // "Try again": switchable e-mail is attempted once more.
    expect((await member!.gql(RESUME_MAIL)).data.resumeMail.__typename).toBe('MutationResumeMailSuccess');
    await ok(organiser!, MESSAGE, { eventId: second.id, input: { audience: 'GOING', subject: 'Heard again', body: 'Hello.' } });
    expect(await statuses(member!, 'organiser-message', 2)).toEqual(['SKIPPED', 'BOUNCED']);
    expect(await queuedJobsOf(member!.id)).toBe(0);
  });
});
