import { fromLondonInputValue, londonClock } from '@rallypoint/shared';
import type { DbOrTx } from '../db/change.ts';
import { Prisma } from '@rallypoint/prisma';
import { addJob, queueMailRows, removeJob } from '../jobs/queue.ts';

/**
 * Reminders before an event: one 24 hours before it starts, one at 08:00 (London) on its day. Each is ONE scheduled
 * job per event (not per member), added when the event is published, moved (same job key, new run time) when its
 * start moves, and dropped when it is cancelled or unpublished. When it runs it mails whoever is GOING then, so a
 * member who cancelled gets none and one who moved up from the waitlist gets one.
 */
export const REMINDERS = ['24h', 'morning'] as const;
export type ReminderWhich = (typeof REMINDERS)[number];

export const REMINDER_TASK = 'event-reminder';

export interface ReminderJob {
  eventId: string;
  which: ReminderWhich;
  /** The start the reminder was scheduled for (ISO): a job left over from before a move does nothing. */
  startsAt: string;
  /** For an event with shifts: the shift whose bookings it reminds, at the shift's start. */
  shiftId?: string;
}

/** The job key of an event's reminder: adding it again replaces its run time. */
export const reminderJobKey = (eventId: string, which: ReminderWhich) => `reminder:${eventId}:${which}`;

/** The e-mail key of one member's reminder, per start time: a retried fan-out sends nothing twice, a moved event's reminder is new. */
export const reminderMailKey = (eventId: string, which: ReminderWhich, startsAt: Date, userId: string) =>
  `reminder:${eventId}:${which}:${startsAt.getTime()}:${userId}`;

/** The morning reminder is skipped when it would come less than this long before the start. */
export const MORNING_MIN_LEAD_MS = 60 * 60_000;

/** 08:00 in London on the London day of `at`. */
export function londonMorningOf(at: Date): Date {
  const c = londonClock(at);
  return fromLondonInputValue(`${c.year}-${c.month}-${c.day}T08:00`)!;
}

/** When each reminder of an event starting at `startsAt` is due, or null when it is skipped (past, or too close to the start). */
export function reminderDueTimes(startsAt: Date, now: Date = new Date()): Record<ReminderWhich, Date | null> {
  const dayBefore = new Date(startsAt.getTime() - 24 * 3_600_000);
  const morning = londonMorningOf(startsAt);
  return {
    '24h': dayBefore.getTime() > now.getTime() ? dayBefore : null,
    morning: morning.getTime() > now.getTime() && startsAt.getTime() - morning.getTime() >= MORNING_MIN_LEAD_MS ? morning : null,
  };
}

/** (Re)schedules an event's reminders in the caller's transaction: a published event, or one whose start moved. */
export async function scheduleReminders(tx: DbOrTx, event: { id: string; startsAt: Date }): Promise<void> {
  const due = reminderDueTimes(event.startsAt);
  for (const which of REMINDERS) {
    const runAt = due[which];
    const key = reminderJobKey(event.id, which);
    if (runAt) {
      const payload: ReminderJob = { eventId: event.id, which, startsAt: event.startsAt.toISOString() };
      await addJob(tx, REMINDER_TASK, payload, { key, runAt, maxAttempts: 8 });
    } else {
      await removeJob(tx, key);
    }
  }
  await scheduleShiftReminders(tx, event.id);
}

/** (Re)schedules the reminders of each shift of a published event, due before the shift's own start (job key per shift). */
export async function scheduleShiftReminders(tx: DbOrTx, eventId: string): Promise<void> {
  const shifts = await tx.eventShift.findMany({ where: { eventId }, select: { id: true, startsAt: true } });
  for (const shift of shifts) {
    const due = reminderDueTimes(shift.startsAt);
    for (const which of REMINDERS) {
      const runAt = due[which];
      const key = reminderJobKey(shift.id, which);
      if (runAt) {
        const payload: ReminderJob = { eventId, shiftId: shift.id, which, startsAt: shift.startsAt.toISOString() };
        await addJob(tx, REMINDER_TASK, payload, { key, runAt, maxAttempts: 8 });
      } else {
        await removeJob(tx, key);
      }
    }
  }
}

/** Drops an event's pending reminders, its shifts' too (cancelled, or back to draft). */
export async function dropReminders(tx: DbOrTx, eventId: string): Promise<void> {
  for (const which of REMINDERS) await removeJob(tx, reminderJobKey(eventId, which));
  const shifts = await tx.eventShift.findMany({ where: { eventId }, select: { id: true } });
  for (const shift of shifts) for (const which of REMINDERS) await removeJob(tx, reminderJobKey(shift.id, which));
}

/**
 * Runs a due reminder: if the event is still published, starts when the job says and has not started, queues one
 * 'event-reminder' e-mail for every member GOING (who wants reminders; not its organiser, going to their own event) — in
 * ONE statement, however many they are
 * (batched: see queueMailRows).
 * Returns how many were queued.
 */
export async function fanOutReminder(db: DbOrTx, job: ReminderJob): Promise<number> {
  const startsAt = new Date(job.startsAt);
  if (Number.isNaN(startsAt.getTime()) || !REMINDERS.includes(job.which)) return 0;
  const prefix = `reminder:${job.shiftId ?? job.eventId}:${job.which}:${startsAt.getTime()}:`;
  // A shift's reminder goes to that shift's bookings, at its start; the event's to bookings without a shift.
  const scope = job.shiftId
    ? Prisma.sql`JOIN event_shifts s ON s.event_id = e.id AND s.id = ${job.shiftId}::uuid AND s.starts_at = ${startsAt} AND s.starts_at > now()
      JOIN rsvps r ON r.shift_id = s.id AND r.status = 'GOING'`
    : Prisma.sql`JOIN rsvps r ON r.event_id = e.id AND r.shift_id IS NULL AND r.status = 'GOING'
        AND e.starts_at = ${startsAt} AND e.starts_at > now()`;
  return queueMailRows(
    db,
    Prisma.sql`
      SELECT ${prefix} || r.user_id::text AS key, 'event-reminder' AS template, r.user_id,
        json_build_object('rsvpId', r.id, 'which', ${job.which}::text, 'startsAt', ${job.startsAt}::text) AS params
      FROM events e
      ${scope}
      JOIN users u ON u.id = r.user_id
      WHERE e.id = ${job.eventId}::uuid AND e.status = 'PUBLISHED' AND r.user_id <> e.organiser_id
        AND u.deleted_at IS NULL AND u.mail_bounced_at IS NULL AND u.mail_reminders`,
  );
}
