import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureReminders } from '../src/rsvps/ensure-reminders.ts';
import { reminderJobKey } from '../src/rsvps/reminders.ts';
import type { RunningApi } from '../src/server.ts';
import { createEvent, manyMembers, startTestApi, uuidOf } from './helpers.ts';

let api: RunningApi;
beforeAll(async () => {
  // No worker here: the test reads the queue as the sweep leaves it.
  api = await startTestApi({ runWorker: false });
});
afterAll(() => api.close());

const runAtOf = async (key: string): Promise<Date | null> =>
  (await api.prisma.$queryRaw<{ run_at: Date }[]>`SELECT run_at FROM graphile_worker._private_jobs WHERE key = ${key}`)[0]?.run_at ?? null;

test('the sweep queues reminders for published events that have none, and leaves pending ones where they are', async () => {
  const [organiser] = await manyMembers(api, 1);
  const startsAt = new Date(Math.ceil((Date.now() + 30 * 3_600_000) / 60_000) * 60_000);
  const event = await createEvent(organiser!, { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString() });
  const id = uuidOf(event.id);
  const dayBefore = reminderJobKey(id, '24h');
  expect((await runAtOf(dayBefore))?.getTime()).toBe(startsAt.getTime() - 24 * 3_600_000);

  // As if published before reminders existed: no reminder jobs at all.
  await api.prisma.$executeRaw`SELECT graphile_worker.remove_job(${dayBefore})`;
  await api.prisma.$executeRaw`SELECT graphile_worker.remove_job(${reminderJobKey(id, 'morning')})`;
  await ensureReminders(api.prisma);
  expect((await runAtOf(dayBefore))?.getTime()).toBe(startsAt.getTime() - 24 * 3_600_000);

  // A pending reminder is not moved by the sweep (the event's own changes move it).
  const earlier = new Date(Date.now() + 3_600_000);
  await api.prisma.$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = ${earlier} WHERE key = ${dayBefore}`;
  await ensureReminders(api.prisma);
  expect((await runAtOf(dayBefore))?.getTime()).toBe(earlier.getTime());
  expect((await api.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key = ${dayBefore}`)[0]!.n).toBe(1);
});

test('a reminder already past is not queued again', async () => {
  const [organiser] = await manyMembers(api, 1);
  // Starts in 20 hours: the 24-hour reminder's time has gone.
  const startsAt = new Date(Math.ceil((Date.now() + 20 * 3_600_000) / 60_000) * 60_000);
  const event = await createEvent(organiser!, { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString() });
  await ensureReminders(api.prisma);
  expect(await runAtOf(reminderJobKey(uuidOf(event.id), '24h'))).toBeNull();
});

test('a send-mail job left by an older version (no template) is dropped at once, not retried', async () => {
  const worker = await startTestApi();
  try {
    await worker.prisma.$executeRaw`
      SELECT graphile_worker.add_job('send-mail', '{"to":"old@example.org","subject":"old","text":"","html":""}'::json, job_key => 'old-format-mail')`;
    await expect
      .poll(async () => (await worker.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key = 'old-format-mail'`)[0]!.n, {
        timeout: 30_000,
      })
      .toBe(0);
  } finally {
    await worker.close();
  }
});
