import { rsvpSchema } from '@rallypoint/shared';
import type { Rsvp } from '@rallypoint/prisma';
import type { Viewer } from '../context.ts';
import type { DbOrTx, Tx } from '../db/change.ts';
import { AuthenticationError, NotFoundError, parseWith, ValidationError } from '../errors.ts';
import { isVisible } from '../events/access.ts';
import { LOCKED_EVENT_COLUMNS, type LockedEvent, lockEvent } from '../events/lock.ts';
import { eventChanged } from '../outbox/outbox.ts';
import { confirmRsvp, noticePromoted } from './notices.ts';

const seatsOf = (r: { guests: number }) => 1 + r.guests;

async function addGoing(tx: Tx, eventId: string, delta: number): Promise<void> {
  if (delta !== 0) await tx.$executeRaw`UPDATE events SET going_count = going_count + ${delta} WHERE id = ${eventId}::uuid`;
}

/** Moves waitlisted parties to GOING, strictly in arrival order, while the party at the head fits; each is e-mailed. */
export async function promoteWaitlist(tx: Tx, event: LockedEvent): Promise<number> {
  let going = (await tx.event.findUniqueOrThrow({ where: { id: event.id }, select: { goingCount: true } })).goingCount;
  let promoted = 0;
  for (;;) {
    const head = await tx.rsvp.findFirst({ where: { eventId: event.id, status: 'WAITLISTED' }, orderBy: { seq: 'asc' } });
    if (!head) break;
    if (event.capacity !== null && going + seatsOf(head) > event.capacity) break;
    await tx.rsvp.update({ where: { id: head.id }, data: { status: 'GOING' } });
    await addGoing(tx, event.id, seatsOf(head));
    // Whatever freed the place (a cancellation, a "can't make it", more capacity), they are told.
    await noticePromoted(tx, head);
    going += seatsOf(head);
    promoted += 1;
  }
  return promoted;
}

/** Locks the event row and reads the member's RSVP to it in the same round trip. */
async function lockEventFor(tx: Tx, eventId: string, userId: string): Promise<(LockedEvent & { mine: Rsvp | null }) | null> {
  const rows = await tx.$queryRaw<(LockedEvent & { r_id: string | null; r_seq: number; r_status: Rsvp['status']; r_guests: number; r_created_at: Date; r_updated_at: Date; r_reconfirmed_at: Date | null })[]>`
    SELECT ${LOCKED_EVENT_COLUMNS}, r.id AS r_id, r.seq AS r_seq, r.status::text AS r_status, r.guests AS r_guests,
      r.created_at AS r_created_at, r.updated_at AS r_updated_at, r.reconfirmed_at AS r_reconfirmed_at
    FROM events e LEFT JOIN rsvps r ON r.event_id = e.id AND r.user_id = ${userId}::uuid
    WHERE e.id = ${eventId}::uuid FOR UPDATE OF e`;
  const row = rows[0];
  if (!row) return null;
  const { r_id, r_seq, r_status, r_guests, r_created_at, r_updated_at, r_reconfirmed_at, ...event } = row;
  const mine = r_id
    ? { id: r_id, seq: r_seq, eventId, userId, status: r_status, guests: r_guests, createdAt: r_created_at, updatedAt: r_updated_at, reconfirmedAt: r_reconfirmed_at }
    : null;
  return { ...event, mine };
}

/** Run inside a change with `queueKey: placesQueue(eventId)`. */
export async function rsvp(tx: Tx, viewer: Viewer | null, eventId: string, guestsInput: number | null | undefined): Promise<Rsvp> {
  if (!viewer) throw new AuthenticationError('Sign in to RSVP');
  const { guests } = parseWith(rsvpSchema, { guests: guestsInput ?? 0 });
  const event = await lockEventFor(tx, eventId, viewer.id);
  if (!event || !isVisible(viewer, event)) throw new NotFoundError('That event');
  if (event.status !== 'PUBLISHED') throw ValidationError.field(['eventId'], 'This event is not open for sign-ups');
  if (event.endsAt.getTime() <= Date.now()) throw ValidationError.field(['eventId'], 'This event has already finished');
  if (event.capacity !== null && 1 + guests > event.capacity) {
    throw ValidationError.field(['guests'], `This event has ${event.capacity} places in all; bring fewer guests`);
  }
  const existing = event.mine;
  if (existing && existing.status !== 'CANCELLED') {
    if (existing.guests === guests) return existing;
    // A waitlisted party's size changes no public number.
    if (existing.status === 'WAITLISTED') return tx.rsvp.update({ where: { id: existing.id }, data: { guests } });
    const delta = guests - existing.guests;
    if (delta > 0 && event.capacity !== null && event.goingCount + delta > event.capacity) {
      const left = event.capacity - event.goingCount;
      throw ValidationError.field(['guests'], `Only ${left} more place${left === 1 ? '' : 's'} left`);
    }
    await eventChanged(tx, eventId);
    await addGoing(tx, eventId, delta);
    const updated = await tx.rsvp.update({ where: { id: existing.id }, data: { guests } });
    if (delta < 0) await promoteWaitlist(tx, event);
    return updated;
  }
  // New, or back after cancelling (a fresh place in the queue, a new seq, no "still coming" from before): the place
  // and the RSVP in one statement, since every sign-up to this event waits for this lock.
  const fits = event.capacity === null || event.goingCount + 1 + guests <= event.capacity;
  const status = fits ? 'GOING' : 'WAITLISTED';
  const [created] = await tx.$queryRaw<Rsvp[]>`
    WITH taken AS (UPDATE events SET going_count = going_count + ${1 + guests} WHERE id = ${eventId}::uuid AND ${fits})
    INSERT INTO rsvps (id, event_id, user_id, status, guests, updated_at)
    VALUES (gen_random_uuid(), ${eventId}::uuid, ${viewer.id}::uuid, ${status}::"RsvpStatus", ${guests}, now())
    ON CONFLICT (event_id, user_id) DO UPDATE SET status = EXCLUDED.status, guests = EXCLUDED.guests,
      seq = nextval(pg_get_serial_sequence('rsvps', 'seq')), updated_at = now(), reconfirmed_at = NULL
    RETURNING id, seq, event_id AS "eventId", user_id AS "userId", status::text AS status, guests,
      created_at AS "createdAt", updated_at AS "updatedAt", reconfirmed_at AS "reconfirmedAt"`;
  await eventChanged(tx, eventId);
  await confirmRsvp(tx, created!);
  return created!;
}

/** Cancels inside an open transaction that already holds the event lock. */
export async function cancelLocked(tx: Tx, event: LockedEvent, r: Rsvp): Promise<Rsvp> {
  // A "still coming" belonged to this booking: it does not carry over to the next.
  const updated = await tx.rsvp.update({ where: { id: r.id }, data: { status: 'CANCELLED', reconfirmedAt: null } });
  await eventChanged(tx, event.id);
  if (r.status === 'GOING') {
    await addGoing(tx, event.id, -seatsOf(r));
    await promoteWaitlist(tx, event);
  }
  return updated;
}

/** Run inside a change with `queueKey: placesQueue(eventId)`. */
export async function cancelRsvp(tx: Tx, viewer: Viewer | null, eventId: string): Promise<Rsvp> {
  if (!viewer) throw new AuthenticationError();
  const event = await lockEvent(tx, eventId);
  const existing = event && (await tx.rsvp.findUnique({ where: { eventId_userId: { eventId, userId: viewer.id } } }));
  if (!event || !existing || existing.status === 'CANCELLED') throw new NotFoundError('Your RSVP for that event');
  return cancelLocked(tx, event, existing);
}

/** The 1-based places in their events' queues of the waitlisted RSVPs among `rsvpIds`, in one statement. */
export async function waitlistPositions(db: DbOrTx, rsvpIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ id: string; position: number }[]>`
    SELECT r.id, 1 + (
      SELECT count(*)::int FROM rsvps w WHERE w.event_id = r.event_id AND w.status = 'WAITLISTED' AND w.seq < r.seq
    ) AS position
    FROM rsvps r WHERE r.id = ANY(${rsvpIds}::uuid[]) AND r.status = 'WAITLISTED'`;
  return new Map(rows.map((r) => [r.id, r.position]));
}

