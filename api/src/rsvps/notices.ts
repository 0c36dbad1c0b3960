import { randomUUID } from 'node:crypto';
import { type Event, Prisma, type Rsvp } from '@rallypoint/prisma';
import type { DbOrTx, Tx } from '../db/change.ts';
import { addJob, queueMail, queueMailRows, removeJob } from '../jobs/queue.ts';
import { BOOKED_SQL } from './booked.ts';
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
  /** The map pin (a pin moved within the same address is a change of place too). */
  exactLat: number;
  exactLng: number;
  /** Each shift's times by id (absent in notices queued before shifts were compared). */
  shifts?: Record<string, { startsAt: string; endsAt: string }>;
}

/** `shifts`: some shift's times changed (told only to the members booked on it). */
export type EventChange = 'time' | 'place' | 'shifts';

/** The times of an event's shifts, as a snapshot keeps them. */
export type ShiftTimes = readonly { id: string; startsAt: Date; endsAt: Date }[];

export const NOTICE_TASK = 'event-notice';

export type EventNoticeJob =
  | { kind: 'changed'; eventId: string; changeId: string; maxSeq: number; changes: EventChange[]; from: EventFactsSnapshot; to: EventFactsSnapshot }
  | { kind: 'cancelled'; eventId: string };

const snapshot = (e: Event, shifts: ShiftTimes): EventFactsSnapshot => ({
  startsAt: e.startsAt.toISOString(),
  endsAt: e.endsAt.toISOString(),
  venueName: e.venueName,
  address: e.address,
  postcode: e.postcode,
  areaLabel: e.areaLabel,
  exactLat: e.exactLat,
  exactLng: e.exactLng,
  shifts: Object.fromEntries(shifts.map((x) => [x.id, { startsAt: x.startsAt.toISOString(), endsAt: x.endsAt.toISOString() }])),
});

/** The shifts, in both, whose times differ (ids). */
export function movedShifts(before: EventFactsSnapshot, after: EventFactsSnapshot): string[] {
  const was = before.shifts ?? {};
  return Object.entries(after.shifts ?? {}).flatMap(([id, now]) => {
    const then = was[id];
    return then && (Date.parse(then.startsAt) !== Date.parse(now.startsAt) || Date.parse(then.endsAt) !== Date.parse(now.endsAt)) ? [id] : [];
  });
}

/** What of interest to people booked differs between two versions of an event. */
export function changesBetweenSnapshots(before: EventFactsSnapshot, after: EventFactsSnapshot): EventChange[] {
  const changes: EventChange[] = [];
  if (Date.parse(before.startsAt) !== Date.parse(after.startsAt) || Date.parse(before.endsAt) !== Date.parse(after.endsAt)) changes.push('time');
  if (
    before.venueName !== after.venueName ||
    before.address !== after.address ||
    before.postcode !== after.postcode ||
    before.exactLat !== after.exactLat ||
    before.exactLng !== after.exactLng
  ) {
    changes.push('place');
  }
  if (movedShifts(before, after).length > 0) changes.push('shifts');
  return changes;
}

/** What of interest to people booked changed between two versions of an event. */
export const changesBetween = (before: Event, after: Event, shifts: { before: ShiftTimes; after: ShiftTimes } = { before: [], after: [] }): EventChange[] =>
  changesBetweenSnapshots(snapshot(before, shifts.before), snapshot(after, shifts.after));

/**
 * How long a change notice waits after the last edit: an organiser fixing a time, then the venue, then a typo in the
 * address sends one e-mail, not three.
 */
export const NOTICE_DELAY_MS = 2 * 60_000;

/** The key of an event's pending change notice: at most one waits per event. */
export const changeNoticeKey = (eventId: string) => `event-notice:${eventId}:changed`;

/**
 * After an edit (run under the event's lock): reminders follow a moved start, and if a published event's time or
 * place changed, or a shift's times (`shifts`: before and after the edit), everyone booked is told (a shift's change
 * only to those on it: the e-mail skips the others) — once, NOTICE_DELAY_MS after the last of a run of edits. The one pending
 * notice per event keeps the "before" of the first edit (what members were last told) and takes this edit's "after";
 * edited and changed back before it went, it is dropped. The pending job's payload is read under a row lock, which a
 * worker's claim of the job also takes (and skips while held), so a notice is either merged into or already running.
 */
export async function afterEventEdited(tx: Tx, before: Event, after: Event, shifts: { before: ShiftTimes; after: ShiftTimes }): Promise<void> {
  if (after.status !== 'PUBLISHED') return;
  if (before.startsAt.getTime() !== after.startsAt.getTime()) await scheduleReminders(tx, after);
  const key = changeNoticeKey(after.id);
  const [pending] = await tx.$queryRaw<{ payload: EventNoticeJob }[]>`
    SELECT payload FROM graphile_worker._private_jobs
    WHERE key = ${key} AND locked_at IS NULL AND attempts < max_attempts
    FOR UPDATE`;
  const was = snapshot(before, shifts.before);
  // A notice queued before shifts were compared has none: this edit's "before" stands in for them.
  const from = pending?.payload.kind === 'changed' ? { ...pending.payload.from, shifts: pending.payload.from.shifts ?? was.shifts } : was;
  const to = snapshot(after, shifts.after);
  const changes = changesBetweenSnapshots(from, to);
  if (changes.length === 0) {
    // Nothing members would care about — or it is back as they were told it is: nothing to send.
    if (pending) await removeJob(tx, key);
    return;
  }
  // Everyone booked now is told (every later RSVP waits for this lock, so takes a higher seq and sees the new facts).
  const [row] = await tx.$queryRaw<{ max: number }[]>`SELECT coalesce(max(seq), 0)::int AS max FROM rsvps WHERE event_id = ${after.id}::uuid`;
  // A new id per notice: its e-mails' keys are its own, never those of a notice already sent.
  const job: EventNoticeJob = { kind: 'changed', eventId: after.id, changeId: randomUUID(), maxSeq: row?.max ?? 0, changes, from, to };
  await addJob(tx, NOTICE_TASK, job, { key, runAt: new Date(Date.now() + NOTICE_DELAY_MS) });
}

/** Published (or created published): its reminders are scheduled. */
export const afterEventPublished = (tx: Tx, event: Pick<Event, 'id' | 'startsAt'>) => scheduleReminders(tx, event);

/** Unpublished or cancelled: no reminders; on cancelling, everyone booked is told. */
export async function afterEventTakenOff(tx: Tx, eventId: string, status: 'DRAFT' | 'CANCELLED'): Promise<void> {
  await dropReminders(tx, eventId);
  if (status === 'CANCELLED') {
    // Cancelled: that is the news, at once; a change still waiting to be told is moot.
    await removeJob(tx, changeNoticeKey(eventId));
    const job: EventNoticeJob = { kind: 'cancelled', eventId };
    await addJob(tx, NOTICE_TASK, job, { key: `event-notice:${eventId}:cancelled` });
  }
}

/**
 * Runs a notice job: one 'event-changed' or 'event-cancelled' e-mail per member GOING or WAITLISTED (who wants booking
 * e-mails), but not its organiser (going to their own event, it is no news to them), queued in ONE statement. Keys are per change and member, so a retried job sends nothing twice.
 */
export async function fanOutEventNotice(db: DbOrTx, job: EventNoticeJob): Promise<number> {
  const changed = job.kind === 'changed';
  const prefix = changed ? `event-changed:${job.eventId}:${job.changeId}:` : `event-cancelled:${job.eventId}:`;
  const template = changed ? 'event-changed' : 'event-cancelled';
  const params = changed ? { changeId: job.changeId, changes: job.changes, from: job.from, to: job.to } : {};
  const maxSeq = changed ? job.maxSeq : 2_147_483_647;
  return queueMailRows(
    db,
    Prisma.sql`
      SELECT ${prefix} || r.user_id::text AS key, ${template}::text AS template, r.user_id,
        ${JSON.stringify(params)}::jsonb || jsonb_build_object('rsvpId', r.id) AS params
      FROM rsvps r JOIN users u ON u.id = r.user_id JOIN events e ON e.id = r.event_id
      WHERE r.event_id = ${job.eventId}::uuid AND r.status IN ${BOOKED_SQL} AND r.seq <= ${maxSeq}
        AND r.user_id <> e.organiser_id
        AND u.deleted_at IS NULL AND u.mail_bounced_at IS NULL AND u.mail_bookings`,
  );
}
