import type { Event } from '@rallypoint/prisma';
import { type AttendanceStatus, type RsvpStatus, tapIdSchema, walkInSchema } from '@rallypoint/shared';
import type { Viewer } from '../context.ts';
import type { DbOrTx, Tx } from '../db/change.ts';
import { AuthenticationError, ForbiddenError, NotFoundError, parseWith, ValidationError } from '../errors.ts';
import { canManageEvent } from '../events/access.ts';
import { findVisibleEvent } from '../events/service.ts';
import { eventChanged } from '../outbox/outbox.ts';
import { BOOKED, BOOKED_SQL } from '../rsvps/booked.ts';

/** Who a check-in entry is: a member (by account) or a walk-in (by attendance row). */
export type EntryRef = { kind: 'member'; userId: string } | { kind: 'walkIn'; attendanceId: string };

/** One line of an event's check-in list, as the people running it see it (full names: that is the point). */
export interface CheckInEntry {
  eventId: string;
  ref: EntryRef;
  name: string;
  walkIn: boolean;
  /** The member's live booking (GOING if any of their shifts is); null for a walk-in or a cancelled booking. */
  booking: Extract<RsvpStatus, 'GOING' | 'WAITLISTED'> | null;
  guests: number;
  attendance: AttendanceStatus | null;
  markedAt: Date | null;
}

const byName = new Intl.Collator('en-GB', { sensitivity: 'base' });

interface EntryRow {
  event_id: string;
  user_id: string | null;
  attendance_id: string | null;
  walk_in: boolean;
  name: string;
  booking: 'GOING' | 'WAITLISTED' | null;
  guests: number;
  status: AttendanceStatus | null;
  marked_at: Date | null;
}

const toEntry = (r: EntryRow): CheckInEntry => ({
  eventId: r.event_id,
  ref: r.walk_in ? { kind: 'walkIn', attendanceId: r.attendance_id! } : { kind: 'member', userId: r.user_id! },
  name: r.name,
  walkIn: r.walk_in,
  booking: r.booking,
  guests: r.guests,
  attendance: r.status,
  markedAt: r.status ? r.marked_at : null,
});

/**
 * The check-in lists of several events in one statement, by name: members with a live booking (one line each,
 * whatever their shifts), members marked before they cancelled, and walk-ins. Closed accounts are left out.
 */
export async function checkInLists(db: DbOrTx, eventIds: readonly string[]): Promise<Map<string, CheckInEntry[]>> {
  const rows = await db.$queryRaw<EntryRow[]>`
    WITH booked AS (
      SELECT r.event_id, r.user_id,
        CASE WHEN bool_or(r.status = 'GOING') THEN 'GOING' ELSE 'WAITLISTED' END AS booking,
        coalesce(sum(r.guests) FILTER (WHERE r.status = 'GOING'), 0)::int AS guests
      FROM rsvps r
      WHERE r.event_id = ANY(${eventIds}::uuid[]) AND r.status IN ${BOOKED_SQL}
      GROUP BY r.event_id, r.user_id
    ), marked AS (
      SELECT * FROM attendances a WHERE a.event_id = ANY(${eventIds}::uuid[]) AND NOT a.walk_in
    )
    SELECT coalesce(b.event_id, m.event_id) AS event_id, u.id AS user_id, m.id AS attendance_id, false AS walk_in,
      u.first_name || ' ' || u.last_name AS name, b.booking, coalesce(b.guests, 0) AS guests,
      m.status::text AS status, m.marked_at
    FROM booked b FULL JOIN marked m ON m.event_id = b.event_id AND m.user_id = b.user_id
    JOIN users u ON u.id = coalesce(b.user_id, m.user_id) AND u.deleted_at IS NULL
    UNION ALL
    SELECT a.event_id, NULL, a.id, true, a.walk_in_name, NULL, 0, a.status::text, a.marked_at
    FROM attendances a WHERE a.event_id = ANY(${eventIds}::uuid[]) AND a.walk_in`;
  rows.sort((a, b) => byName.compare(a.name, b.name) || String(a.attendance_id ?? a.user_id).localeCompare(String(b.attendance_id ?? b.user_id)));
  const lists = new Map<string, CheckInEntry[]>(eventIds.map((id) => [id, []]));
  for (const r of rows) lists.get(r.event_id)?.push(toEntry(r));
  return lists;
}

async function entryOf(db: DbOrTx, eventId: string, ref: EntryRef): Promise<CheckInEntry> {
  const list = (await checkInLists(db, [eventId])).get(eventId)!;
  const found = list.find((e) =>
    ref.kind === 'member'
      ? e.ref.kind === 'member' && e.ref.userId === ref.userId
      : e.ref.kind === 'walkIn' && e.ref.attendanceId === ref.attendanceId,
  );
  if (!found) throw new NotFoundError('That person');
  return found;
}

/** The event, if the viewer may check people in to it; otherwise the typed refusal (nothing changed). */
async function eventToCheckIn(db: DbOrTx, viewer: Viewer | null, eventId: string): Promise<Event> {
  if (!viewer) throw new AuthenticationError('Sign in to check people in');
  const event = await findVisibleEvent(db, viewer, eventId);
  if (!canManageEvent(viewer, event)) throw new ForbiddenError("Only the event's hosts and organisers can check people in");
  return event;
}

/**
 * Claims a tap by the id its device gave it. True the first time; false for a retry of a tap already applied (a
 * parallel retry waits here for the first to commit, then finds it). A tap id is only ever one person's tap at one
 * event: used otherwise, it is refused.
 */
async function claimTap(tx: Tx, viewer: Viewer, eventId: string, tapId: unknown): Promise<{ fresh: boolean; attendanceId: string | null }> {
  const id = parseWith(tapIdSchema, tapId, ['input', 'tapId']);
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO check_in_taps (id, event_id, user_id) VALUES (${id}::uuid, ${eventId}::uuid, ${viewer.id}::uuid)
    ON CONFLICT (id) DO NOTHING RETURNING id`;
  if (inserted.length > 0) return { fresh: true, attendanceId: null };
  const tap = await tx.checkInTap.findUniqueOrThrow({ where: { id } });
  if (tap.eventId !== eventId || tap.userId !== viewer.id) throw ValidationError.field(['input', 'tapId'], 'That tap id has been used already');
  return { fresh: false, attendanceId: tap.attendanceId };
}

/**
 * Marks someone attended or a no-show, or undoes the mark (null). Applied once per tap id: a retried tap answers
 * with the person as they are now and changes nothing.
 */
export async function markAttendance(
  tx: Tx,
  viewer: Viewer | null,
  eventId: string,
  ref: EntryRef,
  status: AttendanceStatus | null,
  tapId: unknown,
): Promise<CheckInEntry> {
  await eventToCheckIn(tx, viewer, eventId);
  // Someone on this event's list: refused before the tap is claimed, so a bad tap can be corrected and sent again.
  await entryOf(tx, eventId, ref);
  const tap = await claimTap(tx, viewer!, eventId, tapId);
  if (!tap.fresh) return entryOf(tx, eventId, ref);
  let attendanceId: string;
  if (ref.kind === 'member') {
    // One row per member and event, whoever taps at the same moment.
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO attendances (id, event_id, user_id, status, marked_by_id, marked_at)
      VALUES (gen_random_uuid(), ${eventId}::uuid, ${ref.userId}::uuid, ${status}::"AttendanceStatus", ${viewer!.id}::uuid, now())
      ON CONFLICT (event_id, user_id) DO UPDATE
        SET status = EXCLUDED.status, marked_by_id = EXCLUDED.marked_by_id, marked_at = EXCLUDED.marked_at
      RETURNING id`;
    attendanceId = row!.id;
  } else {
    attendanceId = ref.attendanceId;
    await tx.attendance.update({ where: { id: ref.attendanceId }, data: { status, markedById: viewer!.id, markedAt: new Date() } });
  }
  await tx.checkInTap.update({ where: { id: parseWith(tapIdSchema, tapId) }, data: { attendanceId } });
  // Check-ins count on a campaign's coverage board, which watches its events' live announcements.
  await eventChanged(tx, eventId);
  return entryOf(tx, eventId, ref);
}

/**
 * Adds someone who came without booking, marked attended. With an e-mail address that belongs to a member not on
 * the list, the row is theirs (it shows in their history); otherwise it has no account. Once per tap id.
 */
export async function addWalkIn(tx: Tx, viewer: Viewer | null, eventId: string, input: unknown, tapId: unknown): Promise<CheckInEntry> {
  await eventToCheckIn(tx, viewer, eventId);
  const data = parseWith(walkInSchema, input, ['input']);
  const tap = await claimTap(tx, viewer!, eventId, tapId);
  if (!tap.fresh) {
    if (!tap.attendanceId) throw new NotFoundError('That walk-in');
    return entryOf(tx, eventId, { kind: 'walkIn', attendanceId: tap.attendanceId });
  }
  let userId: string | null = null;
  if (data.email) {
    const member = await tx.user.findFirst({
      where: {
        email: data.email,
        deletedAt: null,
        rsvps: { none: { eventId, status: BOOKED } },
        attendances: { none: { eventId } },
      },
      select: { id: true },
    });
    userId = member?.id ?? null;
  }
  const attendance = await tx.attendance.create({
    data: {
      eventId,
      userId,
      walkIn: true,
      walkInName: data.name,
      walkInEmail: data.email ?? null,
      status: 'ATTENDED',
      markedById: viewer!.id,
    },
  });
  await tx.checkInTap.update({ where: { id: parseWith(tapIdSchema, tapId) }, data: { attendanceId: attendance.id } });
  await eventChanged(tx, eventId);
  return entryOf(tx, eventId, { kind: 'walkIn', attendanceId: attendance.id });
}
