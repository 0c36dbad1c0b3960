import { plural, rsvpSchema } from '@rallypoint/shared';
import { Prisma, type Rsvp } from '@rallypoint/prisma';
import type { Viewer } from '../context.ts';
import type { DbOrTx, Tx } from '../db/change.ts';
import { AuthenticationError, NotFoundError, parseWith, ValidationError } from '../errors.ts';
import { isVisible } from '../events/access.ts';
import { LOCKED_EVENT_COLUMNS, type LockedEvent, lockEvent } from '../events/lock.ts';
import { eventChanged } from '../outbox/outbox.ts';
import { followBookings, openWaitingRequest } from '../lifts/bookings.ts';
import type { LiftSettings } from '../lifts/service.ts';
import { confirmRsvp, noticePromoted } from './notices.ts';

const seatsOf = (r: { guests: number }) => 1 + r.guests;

/** Places taken move on the event and, for a shift booking, on its shift too (the event's count is their sum). */
async function addGoing(tx: Tx, eventId: string, delta: number, shiftId: string | null = null): Promise<void> {
  if (delta === 0) return;
  await tx.$executeRaw`UPDATE events SET going_count = going_count + ${delta} WHERE id = ${eventId}::uuid`;
  if (shiftId) await tx.$executeRaw`UPDATE event_shifts SET going_count = going_count + ${delta} WHERE id = ${shiftId}::uuid`;
}

/** A shift of a locked event, read under that lock (every change to the event's places holds it). */
export interface LockedShift {
  id: string;
  capacity: number | null;
  goingCount: number;
  startsAt: Date;
  endsAt: Date;
}

async function readShift(tx: Tx, eventId: string, shiftId: string): Promise<LockedShift | null> {
  const rows = await tx.$queryRaw<LockedShift[]>`
    SELECT id, capacity, going_count AS "goingCount", starts_at AS "startsAt", ends_at AS "endsAt"
    FROM event_shifts WHERE id = ${shiftId}::uuid AND event_id = ${eventId}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}

/**
 * Moves waitlisted parties to GOING, strictly in arrival order, while the party at the head fits; each is e-mailed.
 * Without `shiftId`, the event's own waitlist (bookings with no shift); with it, that shift's.
 */
export async function promoteWaitlist(tx: Tx, event: LockedEvent, shiftId: string | null = null): Promise<number> {
  const shift = shiftId ? await readShift(tx, event.id, shiftId) : null;
  if (shiftId && !shift) return 0;
  const capacity = shift ? shift.capacity : event.capacity;
  let going = shift ? shift.goingCount : (await tx.event.findUniqueOrThrow({ where: { id: event.id }, select: { goingCount: true } })).goingCount;
  let promoted = 0;
  for (;;) {
    const head = await tx.rsvp.findFirst({ where: { eventId: event.id, shiftId, status: 'WAITLISTED' }, orderBy: { seq: 'asc' } });
    if (!head) break;
    if (capacity !== null && going + seatsOf(head) > capacity) break;
    await tx.rsvp.update({ where: { id: head.id }, data: { status: 'GOING' } });
    await addGoing(tx, event.id, seatsOf(head), shiftId);
    // Whatever freed the place (a cancellation, a "can't make it", more capacity), they are told.
    await noticePromoted(tx, head);
    // A lift request waiting for this place can now be matched.
    await openWaitingRequest(tx, event.id, head.userId, shiftId);
    going += seatsOf(head);
    promoted += 1;
  }
  return promoted;
}

/**
 * Locks the event row and reads, in the same round trip, whether it has shifts and the member's booking of it (of
 * `shiftId` when given, else their booking without a shift).
 */
async function lockEventFor(
  tx: Tx,
  eventId: string,
  userId: string,
  shiftId: string | null,
): Promise<(LockedEvent & { hasShifts: boolean; mine: Rsvp | null }) | null> {
  const rows = await tx.$queryRaw<(LockedEvent & { hasShifts: boolean; r_id: string | null; r_seq: number; r_status: Rsvp['status']; r_guests: number; r_created_at: Date; r_updated_at: Date; r_reconfirmed_at: Date | null })[]>`
    SELECT ${LOCKED_EVENT_COLUMNS}, EXISTS (SELECT 1 FROM event_shifts s WHERE s.event_id = e.id) AS "hasShifts",
      r.id AS r_id, r.seq AS r_seq, r.status::text AS r_status, r.guests AS r_guests,
      r.created_at AS r_created_at, r.updated_at AS r_updated_at, r.reconfirmed_at AS r_reconfirmed_at
    FROM events e LEFT JOIN rsvps r ON r.event_id = e.id AND r.user_id = ${userId}::uuid AND r.shift_id IS NOT DISTINCT FROM ${shiftId}::uuid
    WHERE e.id = ${eventId}::uuid FOR UPDATE OF e`;
  const row = rows[0];
  if (!row) return null;
  const { r_id, r_seq, r_status, r_guests, r_created_at, r_updated_at, r_reconfirmed_at, ...event } = row;
  const mine = r_id
    ? { id: r_id, seq: r_seq, eventId, shiftId, userId, status: r_status, guests: r_guests, createdAt: r_created_at, updatedAt: r_updated_at, reconfirmedAt: r_reconfirmed_at }
    : null;
  return { ...event, mine };
}

/**
 * Run inside a change with `queueKey: placesQueue(eventId)`. An event with shifts is booked per shift (`shiftId`):
 * each shift has its own places and waitlist, and a member may book several; one without shifts takes no shiftId.
 */
export async function rsvp(
  tx: Tx,
  viewer: Viewer | null,
  eventId: string,
  guestsInput: number | null | undefined,
  shiftId: string | null = null,
): Promise<Rsvp> {
  if (!viewer) throw new AuthenticationError('Sign in to RSVP');
  const { guests } = parseWith(rsvpSchema, { guests: guestsInput ?? 0 });
  const event = await lockEventFor(tx, eventId, viewer.id, shiftId);
  if (!event || !isVisible(viewer, event)) throw new NotFoundError('That event');
  if (event.status !== 'PUBLISHED') throw ValidationError.field(['eventId'], 'This event is not open for sign-ups');
  if (event.hasShifts && !shiftId) throw ValidationError.field(['shiftId'], 'This event has shifts: choose one to book');
  const shift = shiftId ? await readShift(tx, eventId, shiftId) : null;
  if (shiftId && !shift) throw new NotFoundError('That shift');
  // What this booking takes places from: the shift, or the event itself.
  const unit = shift ?? event;
  const what = shift ? 'This shift' : 'This event';
  if (unit.endsAt.getTime() <= Date.now()) throw ValidationError.field(['eventId'], `${what} has already finished`);
  if (unit.capacity !== null && 1 + guests > unit.capacity) {
    throw ValidationError.field(['guests'], `${what} has ${unit.capacity} places in all; bring fewer guests`);
  }
  const existing = event.mine;
  if (existing && existing.status !== 'CANCELLED') {
    if (existing.guests === guests) return existing;
    // A waitlisted party's size changes no public number.
    if (existing.status === 'WAITLISTED') return tx.rsvp.update({ where: { id: existing.id }, data: { guests } });
    const delta = guests - existing.guests;
    if (delta > 0 && unit.capacity !== null && unit.goingCount + delta > unit.capacity) {
      const left = unit.capacity - unit.goingCount;
      throw ValidationError.field(['guests'], `Only ${plural(left, 'more place')} left`);
    }
    await eventChanged(tx, eventId);
    await addGoing(tx, eventId, delta, shiftId);
    const updated = await tx.rsvp.update({ where: { id: existing.id }, data: { guests } });
    if (delta < 0) await promoteWaitlist(tx, event, shiftId);
    return updated;
  }
  // New, or back after cancelling (a fresh place in the queue, a new seq, no "still coming" from before): the place
  // and the RSVP in one statement, since every sign-up to this event waits for this lock.
  const fits = unit.capacity === null || unit.goingCount + 1 + guests <= unit.capacity;
  const status = fits ? 'GOING' : 'WAITLISTED';
  const conflict = shiftId ? Prisma.sql`(shift_id, user_id)` : Prisma.sql`(event_id, user_id) WHERE shift_id IS NULL`;
  const [created] = await tx.$queryRaw<Rsvp[]>`
    WITH taken AS (UPDATE events SET going_count = going_count + ${1 + guests} WHERE id = ${eventId}::uuid AND ${fits}),
      shift_taken AS (UPDATE event_shifts SET going_count = going_count + ${1 + guests} WHERE id = ${shiftId}::uuid AND ${fits})
    INSERT INTO rsvps (id, event_id, shift_id, user_id, status, guests, updated_at)
    VALUES (gen_random_uuid(), ${eventId}::uuid, ${shiftId}::uuid, ${viewer.id}::uuid, ${status}::"RsvpStatus", ${guests}, now())
    ON CONFLICT ${conflict} DO UPDATE SET status = EXCLUDED.status, guests = EXCLUDED.guests,
      seq = nextval(pg_get_serial_sequence('rsvps', 'seq')), updated_at = now(), reconfirmed_at = NULL
    RETURNING id, seq, event_id AS "eventId", shift_id AS "shiftId", user_id AS "userId", status::text AS status, guests,
      created_at AS "createdAt", updated_at AS "updatedAt", reconfirmed_at AS "reconfirmedAt"`;
  await eventChanged(tx, eventId);
  await confirmRsvp(tx, created!);
  // A place opens a lift request that waited for one: for its shift, on an event with shifts.
  if (created!.status === 'GOING') await openWaitingRequest(tx, eventId, viewer.id, created!.shiftId);
  return created!;
}

/**
 * The person who creates events is going to them: one GOING place each, in one statement, with no confirmation
 * e-mail (they made the event). They count like anyone going, against the capacity too (capacity is everyone there,
 * host included). Events with shifts are skipped: their host runs the shifts rather than booking one. So is an event
 * already full, or one they have any booking of. Run on events nobody else can book yet (just created).
 */
export async function creatorGoing(tx: Tx, eventIds: readonly string[], userId: string): Promise<number> {
  if (eventIds.length === 0) return 0;
  return tx.$executeRaw`
    WITH picked AS (
      SELECT e.id FROM events e
      WHERE e.id = ANY(${eventIds}::uuid[]) AND e.status <> 'CANCELLED'
        AND (e.capacity IS NULL OR e.going_count + 1 <= e.capacity)
        AND NOT EXISTS (SELECT 1 FROM event_shifts s WHERE s.event_id = e.id)
        AND NOT EXISTS (SELECT 1 FROM rsvps r WHERE r.event_id = e.id AND r.user_id = ${userId}::uuid AND r.shift_id IS NULL)
    ), taken AS (UPDATE events SET going_count = going_count + 1 WHERE id IN (SELECT id FROM picked))
    INSERT INTO rsvps (id, event_id, user_id, status, guests, updated_at)
    SELECT gen_random_uuid(), id, ${userId}::uuid, 'GOING', 0, now() FROM picked`;
}

/** Cancels inside an open transaction that already holds the event lock. */
export async function cancelLocked(tx: Tx, event: LockedEvent, r: Rsvp): Promise<Rsvp> {
  // A "still coming" belonged to this booking: it does not carry over to the next.
  const updated = await tx.rsvp.update({ where: { id: r.id }, data: { status: 'CANCELLED', reconfirmedAt: null } });
  await eventChanged(tx, event.id);
  if (r.status === 'GOING') {
    await addGoing(tx, event.id, -seatsOf(r), r.shiftId);
    await promoteWaitlist(tx, event, r.shiftId);
  }
  return updated;
}

/** Run inside a change with `queueKey: placesQueue(eventId)`. With `shiftId`, the booking of that shift. */
export async function cancelRsvp(
  tx: Tx,
  viewer: Viewer | null,
  eventId: string,
  { shiftId = null, settings }: { shiftId?: string | null; settings: LiftSettings },
): Promise<Rsvp> {
  if (!viewer) throw new AuthenticationError();
  const event = await lockEvent(tx, eventId);
  const existing = event && (await tx.rsvp.findFirst({ where: { eventId, shiftId, userId: viewer.id } }));
  if (!event || !existing || existing.status === 'CANCELLED') throw new NotFoundError(shiftId ? 'Your booking of that shift' : 'Your RSVP for that event');
  const cancelled = await cancelLocked(tx, event, existing);
  // No place any more: their lift offer ends, their request ends or waits (see followBookings).
  await followBookings(tx, eventId, viewer.id, settings);
  return cancelled;
}

/** The 1-based places in their events' (or shifts') queues of the waitlisted RSVPs among `rsvpIds`, in one statement. */
export async function waitlistPositions(db: DbOrTx, rsvpIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ id: string; position: number }[]>`
    SELECT r.id, 1 + (
      SELECT count(*)::int FROM rsvps w
      WHERE w.event_id = r.event_id AND w.shift_id IS NOT DISTINCT FROM r.shift_id AND w.status = 'WAITLISTED' AND w.seq < r.seq
    ) AS position
    FROM rsvps r WHERE r.id = ANY(${rsvpIds}::uuid[]) AND r.status = 'WAITLISTED'`;
  return new Map(rows.map((r) => [r.id, r.position]));
}

