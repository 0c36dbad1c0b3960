import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Event, EventShift } from '@rallypoint/prisma';
import {
  eventStartWindow,
  fromLondonInputValue,
  londonClock,
  parseIsoDateTime,
  repeatRuleProblem,
  SHIFT_LIMITS,
  validateShifts,
} from '@rallypoint/shared';
import type { Tx } from '../db/change.ts';
import { isUuid, ValidationError } from '../errors.ts';
import { lockEvent } from '../events/lock.ts';
import { idOf } from '../graphql/common.ts';
import { BOOKED } from '../rsvps/booked.ts';
import { afterEventPublished } from '../rsvps/notices.ts';
import { scheduleShiftReminders } from '../rsvps/reminders.ts';
import { promoteWaitlist } from '../rsvps/service.ts';

// rrule ships CommonJS (UMD) for Node: its named exports are only reachable through require.
const { RRule } = createRequire(import.meta.url)('rrule') as typeof import('rrule');

export interface ShiftInputValue {
  id?: string | null;
  startsAt: unknown;
  endsAt: unknown;
  capacity?: number | null;
}

interface ParsedShift {
  id: string | null;
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
}

function parseShifts(input: readonly ShiftInputValue[]): ParsedShift[] {
  return input.map((s, i) => {
    const startsAt = s.startsAt instanceof Date ? s.startsAt : parseIsoDateTime(s.startsAt);
    const endsAt = s.endsAt instanceof Date ? s.endsAt : parseIsoDateTime(s.endsAt);
    if (!startsAt || !endsAt) throw ValidationError.field(['shifts', String(i), 'startsAt'], `Shift ${i + 1} needs a start and an end`);
    // Shifts are named by their GraphQL global id (or a plain id, from the services' own callers).
    const id = s.id == null ? null : isUuid(s.id) ? s.id : idOf(s.id, 'EventShift', 'That shift');
    return { id, startsAt, endsAt, capacity: s.capacity ?? null };
  });
}

function check(shifts: readonly ParsedShift[], event: Pick<Event, 'startsAt' | 'endsAt'>): void {
  const errors = validateShifts(shifts, event);
  if (errors.length > 0) throw new ValidationError(errors[0]!.message, errors);
}

/** The event's places follow its shifts: capacity and places taken are their sums (no shifts: left as they are). */
async function syncEventPlaces(tx: Tx, eventId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE events e SET capacity = agg.capacity, going_count = agg.going
    FROM (
      SELECT CASE WHEN bool_or(capacity IS NULL) THEN NULL ELSE sum(capacity)::int END AS capacity, sum(going_count)::int AS going
      FROM event_shifts WHERE event_id = ${eventId}::uuid HAVING count(*) > 0
    ) agg
    WHERE e.id = ${eventId}::uuid`;
}

/**
 * Writes an event's shifts after it was created or edited, under its lock (`updateEvent` holds it; a new event is
 * nobody else's yet). `input` undefined keeps the shifts as they are (they must still fit the event's times); an array
 * is the whole new list: shifts with an id are changed, without one added, missing ones removed — never one that
 * people have booked, never a capacity below the places taken. Anything wrong throws a typed error before a write
 * that would stay (the change's transaction rolls back).
 */
export async function saveShifts(tx: Tx, event: Event, input: readonly ShiftInputValue[] | null | undefined): Promise<void> {
  const existing = await tx.eventShift.findMany({ where: { eventId: event.id }, orderBy: { startsAt: 'asc' } });
  if (input == null) {
    if (existing.length === 0) return;
    check(existing, event);
    await syncEventPlaces(tx, event.id);
    return;
  }
  const wanted = parseShifts(input);
  check(wanted, event);
  const byId = new Map(existing.map((s) => [s.id, s]));
  wanted.forEach((s, i) => {
    if (s.id && !byId.has(s.id)) throw ValidationError.field(['shifts', String(i), 'id'], 'That shift was not found');
  });
  if (existing.length === 0 && wanted.length > 0) {
    // With shifts, the organiser hosts them instead of holding a place (the event's places follow the shifts below).
    await tx.rsvp.deleteMany({ where: { eventId: event.id, shiftId: null, userId: event.organiserId } });
    const booked = await tx.rsvp.count({ where: { eventId: event.id, shiftId: null, status: BOOKED } });
    if (booked > 0) throw ValidationError.field(['shifts'], 'People have already booked this event: shifts can be added only before anyone books');
  }
  const kept = new Set(wanted.flatMap((s) => (s.id ? [s.id] : [])));
  for (const gone of existing.filter((s) => !kept.has(s.id))) {
    const booked = await tx.rsvp.count({ where: { shiftId: gone.id, status: BOOKED } });
    if (booked > 0) throw ValidationError.field(['shifts'], 'A shift people have booked cannot be removed (message them, then cancel the event or keep the shift)');
    await tx.eventShift.delete({ where: { id: gone.id } });
  }
  const grown: string[] = [];
  for (const [i, s] of wanted.entries()) {
    const before = s.id ? byId.get(s.id) : undefined;
    if (before) {
      if (s.capacity !== null && s.capacity < before.goingCount) {
        throw ValidationError.field(['shifts', String(i), 'capacity'], `Shift ${i + 1}: ${before.goingCount} places are already taken; capacity cannot go below that`);
      }
      await tx.eventShift.update({ where: { id: before.id }, data: { startsAt: s.startsAt, endsAt: s.endsAt, capacity: s.capacity } });
      if (s.capacity === null || (before.capacity !== null && s.capacity > before.capacity)) grown.push(before.id);
    } else {
      await tx.eventShift.create({ data: { eventId: event.id, startsAt: s.startsAt, endsAt: s.endsAt, capacity: s.capacity } });
    }
  }
  if (wanted.length > 0) await syncEventPlaces(tx, event.id);
  if (grown.length > 0) {
    const locked = await lockEvent(tx, event.id);
    for (const id of grown) await promoteWaitlist(tx, locked!, id);
    await syncEventPlaces(tx, event.id);
  }
  if (event.status === 'PUBLISHED') await scheduleShiftReminders(tx, event.id);
}

/** The shifts of several events, soonest first (for copying into occurrences). */
export const shiftsOf = (tx: Tx, eventId: string): Promise<EventShift[]> => tx.eventShift.findMany({ where: { eventId }, orderBy: { startsAt: 'asc' } });

// ------------------------------------------------------------------------------------------------ series

/** London wall-clock time of `d` written as if it were UTC: rules repeat on London days and times across clock changes. */
const wall = (d: Date) => {
  const c = londonClock(d);
  return new Date(Date.UTC(Number(c.year), Number(c.month) - 1, Number(c.day), Number(c.hour), Number(c.minute), Number(c.second)));
};
const fromWall = (w: Date) => fromLondonInputValue(w.toISOString().slice(0, 16))!;

/** The rule without its RRULE: prefix, upper-case, as stored and written to calendars. */
export const normaliseRule = (rule: string) => rule.trim().replace(/^RRULE:/i, '').toUpperCase();

/**
 * The starts of a series whose first occurrence starts at `first`, in London time (a weekly 18:00 stays 18:00 after
 * the clocks change). Typed errors: a rule that does not parse, has no end, gives more than SHIFT_LIMITS.occurrencesMax
 * occurrences or runs past the dates events may take, or does not start on the event's own date.
 */
export function expandRule(rule: string, first: Date, now: Date = new Date()): Date[] {
  const starts = expandRuleFrom(rule, first, now);
  if (starts.length === 0 || starts[0]!.getTime() !== first.getTime()) {
    throw ValidationError.field(['repeat'], "The event's own date must be one of the days it repeats on");
  }
  return starts;
}

/**
 * The starts a rule gives from `anchor` on (its DTSTART, in London time), the anchor itself only when the rule gives it.
 * Typed errors as expandRule's, but for the anchor's day.
 */
export function expandRuleFrom(rule: string, anchor: Date, now: Date = new Date()): Date[] {
  const problem = repeatRuleProblem(rule);
  if (problem) throw ValidationError.field(['repeat'], problem);
  let options: ReturnType<typeof RRule.parseString>;
  try {
    options = RRule.parseString(normaliseRule(rule));
  } catch {
    throw ValidationError.field(['repeat'], 'That repeat rule is not valid');
  }
  const max = SHIFT_LIMITS.occurrencesMax;
  let starts: Date[];
  try {
    const rrule = new RRule({ ...options, dtstart: wall(anchor), tzid: null });
    starts = rrule.all((_d, i) => i < max + 1).map(fromWall);
  } catch {
    throw ValidationError.field(['repeat'], 'That repeat rule is not valid');
  }
  if (starts.length > max) throw ValidationError.field(['repeat'], `A series can have at most ${max} occurrences`);
  if (starts.length > 0 && starts.at(-1)!.getTime() > eventStartWindow(now).latest.getTime()) {
    throw ValidationError.field(['repeat'], 'A series must end within two years');
  }
  return starts;
}

/** Occurrences starting this soon get their reminders now; later ones from the hourly sweep (ensureReminders). */
export const REMIND_NOW_MS = 3 * 86_400_000;

/**
 * Turns a just-created event into the first occurrence of a series and creates the others as events of their own,
 * same facts and shifts at the same times of day: each is booked, found, edited and cancelled on its own. Returns
 * the ids of every occurrence, the first included.
 */
export async function createSeries(tx: Tx, created: Event, rule: string): Promise<string[]> {
  const starts = expandRule(rule, created.startsAt);
  // As it is now: its shifts have set its places.
  const event = await tx.event.findUniqueOrThrow({ where: { id: created.id } });
  const series = await tx.eventSeries.create({ data: { rrule: normaliseRule(rule) } });
  await tx.event.update({ where: { id: event.id }, data: { seriesId: series.id, occurrenceAt: event.startsAt } });
  const length = event.endsAt.getTime() - event.startsAt.getTime();
  const shifts = await shiftsOf(tx, event.id);
  const { id: _id, createdAt: _c, updatedAt: _u, goingCount: _g, startsAt: _s, endsAt: _e, ...facts } = event;
  const others = starts.slice(1).map((start) => ({
    ...facts,
    id: randomUUID(),
    startsAt: start,
    endsAt: new Date(start.getTime() + length),
    seriesId: series.id,
    occurrenceAt: start,
  }));
  await tx.event.createMany({ data: others });
  if (shifts.length > 0) {
    await tx.eventShift.createMany({
      data: others.flatMap((o) =>
        shifts.map((s) => ({
          eventId: o.id,
          startsAt: new Date(s.startsAt.getTime() + (o.startsAt.getTime() - event.startsAt.getTime())),
          endsAt: new Date(s.endsAt.getTime() + (o.startsAt.getTime() - event.startsAt.getTime())),
          capacity: s.capacity,
        })),
      ),
    });
  }
  if (event.status === 'PUBLISHED') {
    for (const o of others) if (o.startsAt.getTime() - Date.now() < REMIND_NOW_MS) await afterEventPublished(tx, o);
  }
  return [event.id, ...others.map((o) => o.id)];
}
