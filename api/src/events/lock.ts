import type { EventStatus, EventVisibility } from '@rallypoint/shared';
import { Prisma } from '@rallypoint/prisma';
import type { Tx } from '../db/change.ts';

/**
 * Changes to one event's places take turns in this process before they take its row lock (change's queueKey): RSVPs,
 * capacity edits and anything else that moves `going_count` or the waitlist.
 */
export const placesQueue = (eventId: string) => `event-places:${eventId}`;

/** The event row as read under its lock: what a change to its places needs. */
export interface LockedEvent {
  id: string;
  capacity: number | null;
  goingCount: number;
  status: EventStatus;
  visibility: EventVisibility;
  organiserId: string;
  regionId: string;
  endsAt: Date;
}

/** The columns of a `LockedEvent`, for a query on `events e` that takes the lock. */
export const LOCKED_EVENT_COLUMNS = Prisma.sql`e.id, e.capacity, e.going_count AS "goingCount", e.status::text AS status,
  e.visibility::text AS visibility, e.organiser_id AS "organiserId", e.region_id AS "regionId", e.ends_at AS "endsAt"`;

/** Locks the event row: every change to its places happens one at a time, in arrival order. */
export async function lockEvent(tx: Tx, eventId: string): Promise<LockedEvent | null> {
  const rows = await tx.$queryRaw<LockedEvent[]>`
    SELECT ${LOCKED_EVENT_COLUMNS} FROM events e WHERE e.id = ${eventId}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}
