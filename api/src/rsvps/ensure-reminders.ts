import type { DbOrTx } from '../db/change.ts';
import { addJob } from '../jobs/queue.ts';
import { REMINDER_TASK, REMINDERS, type ReminderJob, reminderDueTimes, reminderJobKey } from './reminders.ts';

/** How far ahead the sweep looks: further than any reminder is due before its event. */
const HORIZON_MS = 2 * 86_400_000;

/**
 * A sweep (hourly, and at start): every published event starting soon has its reminders queued, so events published
 * before reminders existed, or written by a seed or an import, get theirs too. A reminder already pending keeps its
 * run time; one already past is not queued again.
 */
export async function ensureReminders(db: DbOrTx, now: Date = new Date()): Promise<number> {
  const events = await db.event.findMany({
    where: { status: 'PUBLISHED', startsAt: { gt: now, lt: new Date(now.getTime() + HORIZON_MS) } },
    select: { id: true, startsAt: true },
  });
  let queued = 0;
  for (const event of events) {
    const due = reminderDueTimes(event.startsAt, now);
    for (const which of REMINDERS) {
      const runAt = due[which];
      if (!runAt) continue;
      const payload: ReminderJob = { eventId: event.id, which, startsAt: event.startsAt.toISOString() };
      await addJob(db, REMINDER_TASK, payload, { key: reminderJobKey(event.id, which), runAt, maxAttempts: 8, keyMode: 'preserve_run_at' });
      queued += 1;
    }
  }
  // Shifts have their own reminders, before each shift's start.
  const shifts = await db.eventShift.findMany({
    where: { startsAt: { gt: now, lt: new Date(now.getTime() + HORIZON_MS) }, event: { status: 'PUBLISHED' } },
    select: { id: true, eventId: true, startsAt: true },
  });
  for (const shift of shifts) {
    const due = reminderDueTimes(shift.startsAt, now);
    for (const which of REMINDERS) {
      const runAt = due[which];
      if (!runAt) continue;
      const payload: ReminderJob = { eventId: shift.eventId, shiftId: shift.id, which, startsAt: shift.startsAt.toISOString() };
      await addJob(db, REMINDER_TASK, payload, { key: reminderJobKey(shift.id, which), runAt, maxAttempts: 8, keyMode: 'preserve_run_at' });
      queued += 1;
    }
  }
  return queued;
}
