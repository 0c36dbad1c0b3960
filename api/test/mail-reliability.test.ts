import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import { seedPlaces } from '@rallypoint/prisma/seed';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { queueMail } from '../src/jobs/queue.ts';
import type { RunningApi } from '../src/server.ts';
import { freshDatabase } from './db-utils.ts';
import { createEvent, manyMembers, startTestApi, uuidOf } from './helpers.ts';
import { mailTo, startMailCatcher, waitForMail } from './mail-catcher.ts';

// Two API instances, each running its own job worker, on one database and one SMTP server that this file owns (so it
// can stop it and bring it back on the same port). The database is this file's own too: workers take any job in
// their database, and the other files' e-mails must not go to this file's mail server.
const dir = mkdtempSync(path.join(os.tmpdir(), 'rallypoint-mail-reliability-'));
let smtp: { url: string; close(): Promise<void> };
/** Addresses the mail server refuses for now (451, try later). */
const refusing = new Set<string>();
const catcher = (p = 0) => startMailCatcher(dir, p, { refuse: (address) => (refusing.has(address) ? 451 : null) });
let port: number;
let db: { url: string; drop: () => Promise<void> };
let a: RunningApi;
let b: RunningApi;

beforeAll(async () => {
  smtp = await catcher();
  port = Number(new URL(smtp.url).port);
  db = await freshDatabase(inject('adminUrl'), 'mail_reliability');
  a = await startTestApi({ smtpUrl: smtp.url }, db.url);
  await seedPlaces(a.prisma);
  b = await startTestApi({ smtpUrl: smtp.url }, db.url);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await db?.drop();
  await smtp?.close();
  rmSync(dir, { recursive: true, force: true });
});

const RSVP = /* GraphQL */ `
  mutation Rsvp($eventId: ID!) { rsvp(eventId: $eventId) { __typename ... on MutationRsvpSuccess { data { status } } } }
`;

const kind = (m: ParsedMail) => String(m.headers.get('x-rallypoint-kind') ?? '');
const isConfirmation = (m: ParsedMail) => kind(m) === 'rsvp-confirmed';

/** Waits until every address has received (at least) one message passing `test`; returns each address's messages. */
async function everyoneGets(emails: string[], test: (m: ParsedMail) => boolean, timeoutMs = 600_000): Promise<ParsedMail[][]> {
  // Cheap check first (a file per message and recipient), then parse once everyone has something.
  const names = emails.map((e) => `${encodeURIComponent(e.trim().toLowerCase())}--`);
  await expect
    .poll(() => {
      const files = readdirSync(dir);
      return names.filter((n) => !files.some((f) => f.startsWith(n))).length;
    }, { timeout: timeoutMs, interval: 500 })
    .toBe(0);
  for (const email of emails) await waitForMail(email, { test, dir, timeoutMs });
  return Promise.all(emails.map(async (email) => (await mailTo(email, dir)).filter(test)));
}

/** Send jobs that failed at least once and wait for their back-off. */
const backingOff = async () =>
  (
    await a.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'send-mail' AND attempts > 0 AND run_at > now()`
  )[0]!.n;

describe('reliability of e-mail', () => {
  test('SMTP down during a burst of 500 RSVPs: once it is back, every confirmation arrives exactly once', async () => {
    // Members made directly: sign-up's own e-mail would go to the suite's shared catcher, not this file's.
    const [organiser, ...crowd] = await manyMembers(a, 501);
    // 401 places: the organiser's own and 400 for the crowd.
    const event = await createEvent(organiser!, { capacity: 401, title: 'Burst rally' });
    // Half the crowd on each instance.
    for (const [i, c] of crowd.entries()) if (i % 2 === 1) Object.assign(c, { baseUrl: b.url });

    const first = crowd.slice(0, 100);
    const rest = crowd.slice(100);
    expect((await Promise.all(first.map((c) => c.gql(RSVP, { eventId: event.id })))).every((r) => r.data?.rsvp.__typename === 'MutationRsvpSuccess')).toBe(true);
    await smtp.close();
    const answers = await Promise.all(rest.map((c) => c.gql(RSVP, { eventId: event.id })));
    // RSVPs do not wait for e-mail: all of them succeed while the mail server is away.
    expect(answers.every((r) => r.data?.rsvp.__typename === 'MutationRsvpSuccess')).toBe(true);

    // The workers keep trying and fail; the queue holds the e-mails with a growing delay between attempts.
    await expect.poll(backingOff, { timeout: 300_000, interval: 250 }).toBeGreaterThan(0);
    smtp = await catcher(port);
    // Skip the back-off's wait (up to minutes by now); the attempts themselves are the workers' own.
    await a.prisma.$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE attempts > 0 AND run_at > now()`;

    const received = await everyoneGets(
      crowd.map((c) => c.email),
      isConfirmation,
    );
    expect(received.map((m) => m.length)).toEqual(crowd.map(() => 1));
    const statuses = received.map(([m]) => (/waitlist/i.test(m!.subject ?? '') ? 'WAITLISTED' : 'GOING'));
    expect(statuses.filter((s) => s === 'GOING')).toHaveLength(400);
    // Each e-mail recorded once, as sent.
    const log = await a.prisma.$queryRaw<{ status: string; n: number }[]>`
      SELECT status, count(*)::int AS n FROM mail_log WHERE kind = 'rsvp-confirmed'
        AND user_id = ANY(${crowd.map((c) => uuidOf(c.userId))}::uuid[]) GROUP BY status`;
    expect(log).toEqual([{ status: 'SENT', n: 500 }]);
    // Bounds for a machine under heavy load (it once took over 6 min there); the waits above end on conditions.
  }, 900_000);

  test('two instances handed the same e-mail twice send it once', async () => {
    const [member] = await manyMembers(a, 1);
    const userId = uuidOf(member!.userId);
    const key = `duplicate-test:${userId}`;
    // Two jobs for one e-mail (as a retried request or a double click could make), without a queue key to merge them:
    // both workers pick one up, and the mail log lets only one through.
    for (let i = 0; i < 2; i++) {
      await a.prisma.$transaction((tx) => queueMail(tx, { key, template: 'sign-up-existing', userId, params: {} }).then(() => tx.$executeRaw`
        UPDATE graphile_worker._private_jobs SET key = NULL WHERE key = ${`mail:${key}`}`));
    }
    await waitForMail(member!.email, { dir, test: (m) => kind(m) === 'sign-up-existing' });
    await expect
      .poll(async () => (await a.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE payload->>'key' = ${key}`)[0]!.n)
      .toBe(0);
    expect((await mailTo(member!.email, dir)).filter((m) => kind(m) === 'sign-up-existing')).toHaveLength(1);
  }, 120_000);

  test('a reminder batch with one address refused for now sends the others at once and retries that one alone', async () => {
    // 120 members going: the reminder goes out as batch jobs of up to 50 e-mails.
    const [organiser, ...crowd] = await manyMembers(a, 121);
    const event = await createEvent(organiser!, { title: 'Batch rally' });
    for (const c of crowd) expect((await c.gql(RSVP, { eventId: event.id })).data.rsvp.__typename).toBe('MutationRsvpSuccess');
    const refused = crowd[37]!;
    refusing.add(refused.email);
    const isReminder = (m: ParsedMail) => kind(m) === 'event-reminder';
    expect(await a.prisma.$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = ${`reminder:${uuidOf(event.id)}:24h`}`).toBe(1);

    const others = crowd.filter((c) => c !== refused);
    const received = await everyoneGets(
      others.map((c) => c.email),
      isReminder,
    );
    expect(received.map((m) => m.length)).toEqual(others.map(() => 1));
    // What waits for its retry is that one e-mail alone, in its batch's job.
    const retrying = async () =>
      a.prisma.$queryRaw<{ keys: string[] }[]>`
        SELECT ARRAY(SELECT m->>'userId' FROM json_array_elements(j.payload) m) AS keys FROM graphile_worker._private_jobs j
        WHERE json_typeof(j.payload) = 'array' AND j.attempts > 0 AND j.payload::text LIKE ${`%reminder:${uuidOf(event.id)}:%`}`;
    await expect.poll(retrying, { timeout: 60_000, interval: 250 }).toEqual([{ keys: [uuidOf(refused.userId)] }]);
    expect((await mailTo(refused.email, dir)).filter(isReminder)).toHaveLength(0);

    refusing.delete(refused.email);
    await a.prisma.$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE attempts > 0 AND run_at > now()`;
    await waitForMail(refused.email, { dir, test: isReminder });
    await expect.poll(retrying, { timeout: 60_000, interval: 250 }).toEqual([]);
    for (const c of crowd) expect((await mailTo(c.email, dir)).filter(isReminder)).toHaveLength(1);
    const [logged] = await a.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM mail_log WHERE kind = 'event-reminder' AND status = 'SENT' AND key LIKE ${`reminder:${uuidOf(event.id)}:%`}`;
    expect(logged!.n).toBe(120);
  }, 300_000);
});
