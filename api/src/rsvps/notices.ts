import { randomUUID } from 'node:crypto';
import type { Event, Rsvp } from '@rallypoint/prisma';
import type { DbOrTx, Tx } from '../db/change.ts';
import { addJob, queueMail } from '../jobs/queue.ts';
import { dropReminders, scheduleReminders } from './reminders.ts';

/**
 * Booking e-mails, queued in the change's own transaction (so they go out if and only if it commits): the RSVP
 * confirmation, "you moved up from the waitlist", and telling everyone booked when their event moves, changes place
 * or is cancelled. What they say is read when they are sent (templates/bookings.tsx).
 */

type RsvpState = Pick<Rsvp, 'id' | 'seq' | 'userId'>;

/** Going or waitlisted, just now. One per RSVP state: RSVPing again after cancelling is a new one (new seq). */
export const confirmRsvp = (tx: DbOrTx, r: RsvpState) =>
  queueMail(tx, { key: `rsvp-confirmed:${r.id}:${r.seq}`, template: 'rsvp-confirmed', userId: r.userId, params: { rsvpId: r.id, seq: r.seq } });

/** Moved up from the waitlist (once per waitlist stint: the seq is that of the RSVP that waited). */
export const noticePromoted = (tx: DbOrTx, r: RsvpState) =>
  queueMail(tx, { key: `rsvp-promoted:${r.id}:${r.seq}`, template: 'rsvp-promoted', userId: r.userId, params: { rsvpId: r.id, seq: r.seq } });

/** What a change notice compares, before and after. */
export interface EventFactsSnapshot {
  startsAt: string;
  endsAt: string;
  venueName: string;
  address: string;
  postcode: string | null;
  areaLabel: string;
}

export type EventChange = 'time' | 'place';

export const NOTICE_TASK = 'event-notice';

export type EventNoticeJob =
  | { kind: 'changed'; eventId: string; changeId: string; maxSeq: number; changes: EventChange[]; from: EventFactsSnapshot; to: EventFactsSnapshot }
  | { kind: 'cancelled'; eventId: string };

const snapshot = (e: Event): EventFactsSnapshot => ({
  startsAt: e.startsAt.toISOString(),
  endsAt: e.endsAt.toISOString(),
  venueName: e.venueName,
  address: e.address,
  postcode: e.postcode,
  areaLabel: e.areaLabel,
});

/** What of interest to people booked changed between two versions of an event. */
export function changesBetween(before: Event, after: Event): EventChange[] {
  const changes: EventChange[] = [];
  if (before.startsAt.getTime() !== after.startsAt.getTime() || before.endsAt.getTime() !== after.endsAt.getTime()) changes.push('time');
  if (
    before.venueName !== after.venueName ||
    before.address !== after.address ||
    before.postcode !== after.postcode ||
    before.exactLat !== after.exactLat ||
    before.exactLng !== after.exactLng
  ) {
    changes.push('place');
  }
  return changes;
}

/**
 * After an edit (run under the event's lock): reminders follow a moved start, and if a published event's time or
 * place changed, everyone booked then is told (a fan-out job; RSVPs made after this change already see the new facts).
 */
export async function afterEventEdited(tx: Tx, before: Event, after: Event): Promise<void> {
  if (after.status !== 'PUBLISHED') return;
  if (before.startsAt.getTime() !== after.startsAt.getTime()) await scheduleReminders(tx, after);
  const changes = changesBetween(before, after);
  if (changes.length === 0) return;
  // Every later RSVP to this event waits for this lock, so takes a higher seq.
  const [row] = await tx.$queryRaw<{ max: number }[]>`SELECT coalesce(max(seq), 0)::int AS max FROM rsvps WHERE event_id = ${after.id}::uuid`;
  const changeId = randomUUID();
  const job: EventNoticeJob = { kind: 'changed', eventId: after.id, changeId, maxSeq: row?.max ?? 0, changes, from: snapshot(before), to: snapshot(after) };
  await addJob(tx, NOTICE_TASK, job, { key: `event-notice:${after.id}:${changeId}` });
}

/** Published (or created published): its reminders are scheduled. */
export const afterEventPublished = (tx: Tx, event: Pick<Event, 'id' | 'startsAt'>) => scheduleReminders(tx, event);

/** Unpublished or cancelled: no reminders; on cancelling, everyone booked is told. */
export async function afterEventTakenOff(tx: Tx, eventId: string, status: 'DRAFT' | 'CANCELLED'): Promise<void> {
  await dropReminders(tx, eventId);
  if (status === 'CANCELLED') {
    const job: EventNoticeJob = { kind: 'cancelled', eventId };
    await addJob(tx, NOTICE_TASK, job, { key: `event-notice:${eventId}:cancelled` });
  }
}

/**
 * Runs a notice job: one 'event-changed' or 'event-cancelled' e-mail per member GOING or WAITLISTED (who wants booking
 * e-mails), queued in ONE statement. Keys are per change and member, so a retried job sends nothing twice.
 */
export async function fanOutEventNotice(db: DbOrTx, job: EventNoticeJob): Promise<number> {
  const changed = job.kind === 'changed';
  const prefix = changed ? `event-changed:${job.eventId}:${job.changeId}:` : `event-cancelled:${job.eventId}:`;
  const template = changed ? 'event-changed' : 'event-cancelled';
  const params = changed ? { changeId: job.changeId, changes: job.changes, from: job.from, to: job.to } : {};
  const maxSeq = changed ? job.maxSeq : 2_147_483_647;
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM graphile_worker.add_jobs(ARRAY(
      SELECT ROW(
        'send-mail',
        json_build_object(
          'key', ${prefix} || r.user_id::text,
          'template', ${template}::text,
          'userId', r.user_id,
          'params', ${JSON.stringify(params)}::jsonb || jsonb_build_object('rsvpId', r.id)),
        NULL, NULL, 12, 'mail:' || ${prefix} || r.user_id::text, NULL, NULL
      )::graphile_worker.job_spec
      FROM rsvps r JOIN users u ON u.id = r.user_id
      WHERE r.event_id = ${job.eventId}::uuid AND r.status IN ('GOING', 'WAITLISTED') AND r.seq <= ${maxSeq}
        AND u.deleted_at IS NULL AND u.mail_bounced_at IS NULL AND u.mail_bookings
    ))`;
  return row?.n ?? 0;
}
