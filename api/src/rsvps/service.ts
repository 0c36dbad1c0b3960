import { rsvpSchema } from '@rallypoint/shared';
import type { Prisma, Rsvp } from '@rallypoint/prisma';
import type { Viewer } from '../context.ts';
import type { Db } from '../db/client.ts';
import { KeyedQueue } from '../db/keyed-queue.ts';
import { AuthenticationError, NotFoundError, parseWith, ValidationError } from '../errors.ts';
import { canManageEvent } from '../events/access.ts';

type Tx = Prisma.TransactionClient;

// Sign-ups queue on the event row lock; give a burst of hundreds room to wait their turn.
export const LOCKING_TX = { maxWait: 60_000, timeout: 60_000 } as const;

/** Sign-ups to one event take turns in this process before they take the row lock (see KeyedQueue). */
const signUps = new KeyedQueue();

interface LockedEvent {
  id: string;
  capacity: number | null;
  going_count: number;
  status: 'DRAFT' | 'PUBLISHED' | 'CANCELLED';
  visibility: 'PUBLIC' | 'UNLISTED';
  organiser_id: string;
  region_id: string;
  ends_at: Date;
}

/** Locks the event row: every change to its places happens one at a time, in arrival order. */
export async function lockEvent(tx: Tx, eventId: string): Promise<LockedEvent | null> {
  const rows = await tx.$queryRaw<LockedEvent[]>`
    SELECT id, capacity, going_count, status::text AS status, visibility::text AS visibility, organiser_id, region_id, ends_at
    FROM events WHERE id = ${eventId}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}

const seatsOf = (r: { guests: number }) => 1 + r.guests;

async function addGoing(tx: Tx, eventId: string, delta: number): Promise<void> {
  if (delta !== 0) await tx.$executeRaw`UPDATE events SET going_count = going_count + ${delta} WHERE id = ${eventId}::uuid`;
}

/** Moves waitlisted parties to GOING, strictly in arrival order, while the party at the head fits. */
export async function promoteWaitlist(tx: Tx, event: LockedEvent): Promise<number> {
  let going = (await tx.event.findUniqueOrThrow({ where: { id: event.id }, select: { goingCount: true } })).goingCount;
  let promoted = 0;
  for (;;) {
    const head = await tx.rsvp.findFirst({ where: { eventId: event.id, status: 'WAITLISTED' }, orderBy: { seq: 'asc' } });
    if (!head) break;
    if (event.capacity !== null && going + seatsOf(head) > event.capacity) break;
    await tx.rsvp.update({ where: { id: head.id }, data: { status: 'GOING' } });
    await addGoing(tx, event.id, seatsOf(head));
    going += seatsOf(head);
    promoted += 1;
  }
  return promoted;
}

export async function rsvp(prisma: Db, viewer: Viewer | null, eventId: string, guestsInput: number | null | undefined): Promise<Rsvp> {
  if (!viewer) throw new AuthenticationError('Sign in to RSVP');
  const { guests } = parseWith(rsvpSchema, { guests: guestsInput ?? 0 });
  return signUps.run(eventId, () => prisma.$transaction(async (tx) => {
    const event = await lockEvent(tx, eventId);
    if (!event || (event.status === 'DRAFT' && !canManageEvent(viewer, { organiserId: event.organiser_id, regionId: event.region_id }))) throw new NotFoundError('That event');
    if (event.status !== 'PUBLISHED') throw ValidationError.field(['eventId'], 'This event is not open for sign-ups');
    if (event.ends_at.getTime() <= Date.now()) throw ValidationError.field(['eventId'], 'This event has already finished');
    if (event.capacity !== null && 1 + guests > event.capacity) {
      throw ValidationError.field(['guests'], `This event has ${event.capacity} places in all; bring fewer guests`);
    }
    const existing = await tx.rsvp.findUnique({ where: { eventId_userId: { eventId, userId: viewer.id } } });
    if (existing && existing.status !== 'CANCELLED') {
      if (existing.guests === guests) return existing;
      if (existing.status === 'WAITLISTED') return tx.rsvp.update({ where: { id: existing.id }, data: { guests } });
      const delta = guests - existing.guests;
      if (delta > 0 && event.capacity !== null && event.going_count + delta > event.capacity) {
        const left = event.capacity - event.going_count;
        throw ValidationError.field(['guests'], `Only ${left} more place${left === 1 ? '' : 's'} left`);
      }
      await addGoing(tx, eventId, delta);
      const updated = await tx.rsvp.update({ where: { id: existing.id }, data: { guests } });
      if (delta < 0) await promoteWaitlist(tx, event);
      return updated;
    }
    const fits = event.capacity === null || event.going_count + 1 + guests <= event.capacity;
    const status = fits ? 'GOING' : 'WAITLISTED';
    if (fits) await addGoing(tx, eventId, 1 + guests);
    if (existing) {
      // Coming back after cancelling: a fresh place in the queue.
      await tx.$executeRaw`UPDATE rsvps SET seq = nextval(pg_get_serial_sequence('rsvps', 'seq')) WHERE id = ${existing.id}::uuid`;
      return tx.rsvp.update({ where: { id: existing.id }, data: { status, guests } });
    }
    return tx.rsvp.create({ data: { eventId, userId: viewer.id, status, guests } });
  }, LOCKING_TX));
}

/** Cancels inside an open transaction that already holds the event lock. */
export async function cancelLocked(tx: Tx, event: LockedEvent, r: Rsvp): Promise<Rsvp> {
  const updated = await tx.rsvp.update({ where: { id: r.id }, data: { status: 'CANCELLED' } });
  if (r.status === 'GOING') {
    await addGoing(tx, event.id, -seatsOf(r));
    await promoteWaitlist(tx, event);
  }
  return updated;
}

export async function cancelRsvp(prisma: Db, viewer: Viewer | null, eventId: string): Promise<Rsvp> {
  if (!viewer) throw new AuthenticationError();
  return signUps.run(eventId, () => prisma.$transaction(async (tx) => {
    const event = await lockEvent(tx, eventId);
    const existing = event && (await tx.rsvp.findUnique({ where: { eventId_userId: { eventId, userId: viewer.id } } }));
    if (!event || !existing || existing.status === 'CANCELLED') throw new NotFoundError('Your RSVP for that event');
    return cancelLocked(tx, event, existing);
  }, LOCKING_TX));
}

/** 1-based place in the queue, or null when not waitlisted. */
export async function waitlistPosition(prisma: Db, r: Rsvp): Promise<number | null> {
  if (r.status !== 'WAITLISTED') return null;
  const ahead = await prisma.rsvp.count({ where: { eventId: r.eventId, status: 'WAITLISTED', seq: { lt: r.seq } } });
  return ahead + 1;
}

