import { londonClock } from './format.ts';

/** Where dates may fall: one policy for the forms, the API and the DateTime scalar. */
export const DATE_POLICY = {
  /** An event starts between now and this many years ahead. */
  eventYearsAhead: 2,
  /** Searches look no earlier than this… */
  searchEarliest: new Date('2000-01-01T00:00:00.000Z'),
  /** …and no later than this many years ahead. */
  searchYearsAhead: 5,
  /** Slack for clocks and for the time it takes to fill in a form. */
  graceMs: 60_000,
} as const;

export function addYears(date: Date, years: number): Date {
  const d = new Date(date.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|([+-])(\d{2}):?(\d{2}))$/;

/**
 * A strict ISO-8601 date-time: a four-digit year, a real calendar date and time, and a zone ("Z" or an offset).
 * Anything else (five-digit or negative years, 30 February, no zone) is null.
 */
export function parseIsoDateTime(value: unknown): Date | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  const m = ISO_DATE_TIME.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const local = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear puts them back, and the round trip rejects 30 February.
  local.setUTCFullYear(y);
  if (
    local.getUTCFullYear() !== y ||
    local.getUTCMonth() !== mo - 1 ||
    local.getUTCDate() !== d ||
    local.getUTCHours() !== h ||
    local.getUTCMinutes() !== mi ||
    local.getUTCSeconds() !== s
  ) {
    return null;
  }
  if (m[8] === 'Z' || m[8] === 'z') return local;
  const [oh, om] = [Number(m[10]), Number(m[11])];
  if (oh > 23 || om > 59) return null;
  const offsetMs = (oh * 60 + om) * 60_000 * (m[9] === '-' ? -1 : 1);
  return new Date(local.getTime() - offsetMs);
}

export const isValidDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

/** The window an event's start must fall in. */
export function eventStartWindow(now: Date = new Date()): { earliest: Date; latest: Date } {
  return { earliest: new Date(now.getTime() - DATE_POLICY.graceMs), latest: addYears(now, DATE_POLICY.eventYearsAhead) };
}

/** The window a search's dates must fall in. */
export function searchWindow(now: Date = new Date()): { earliest: Date; latest: Date } {
  return { earliest: DATE_POLICY.searchEarliest, latest: addYears(now, DATE_POLICY.searchYearsAhead) };
}

/** Midnight in London at the start of the London day that contains `at`. */
export function startOfLondonDay(at: Date): Date {
  const p = londonClock(at);
  const sinceMidnightMs = ((Number(p.hour) * 60 + Number(p.minute)) * 60 + Number(p.second)) * 1000 + at.getUTCMilliseconds();
  let midnight = new Date(at.getTime() - sinceMidnightMs);
  // On the days the clocks change, wall-clock time since midnight is an hour off the time elapsed.
  const q = londonClock(midnight);
  if (q.day !== p.day) midnight = new Date(midnight.getTime() + 3_600_000);
  else if (q.hour !== '00') midnight = new Date(midnight.getTime() - Number(q.hour) * 3_600_000);
  return midnight;
}

/** Before an event starting this close to midnight UK time, lifts may leave (and riders be ready) the evening before. */
export const EARLY_START_LEAD_HOURS = 6;

/**
 * The earliest a lift may leave, or a rider be ready, for an event starting at `startsAt`: midnight UK time on its
 * day, or, for a start in the first hours of the day, `EARLY_START_LEAD_HOURS` before it.
 */
export function earliestDeparture(startsAt: Date): Date {
  return new Date(Math.min(startOfLondonDay(startsAt).getTime(), startsAt.getTime() - EARLY_START_LEAD_HOURS * 3_600_000));
}

/**
 * The times a lift is planned around: the event's, or for a lift to one shift of an event with shifts, that shift's
 * (`shift`: the messages then name the shift).
 */
export interface LiftTimes {
  startsAt: Date;
  endsAt: Date;
  shift?: boolean;
}

const whatOf = (times: { shift?: boolean }) => (times.shift ? 'the shift' : 'the event');

function tooEarly(at: Date, times: { startsAt: Date; shift?: boolean }, verb: string): string | null {
  const earliest = earliestDeparture(times.startsAt);
  if (at.getTime() >= earliest.getTime()) return null;
  return earliest.getTime() === startOfLondonDay(times.startsAt).getTime()
    ? `${verb} on the day of ${whatOf(times)}`
    : `${verb} no more than ${EARLY_START_LEAD_HOURS} hours before ${whatOf(times)} starts`;
}

/**
 * Why a lift cannot leave at `departAt` for this event (or shift), or null when it can: from `earliestDeparture`
 * until it starts (the drive there).
 */
export function departureProblem(departAt: Date, times: LiftTimes): string | null {
  const early = tooEarly(departAt, times, 'Leave');
  if (early) return early;
  if (departAt.getTime() >= times.startsAt.getTime()) return `The departure is after ${whatOf(times)} starts: leave before it begins`;
  return null;
}

/** Why a lift back cannot leave at `at`, or null: it leaves once the event (or shift) has ended. */
export function returnDepartureProblem(at: Date, times: Omit<LiftTimes, 'startsAt'>): string | null {
  if (at.getTime() < times.endsAt.getTime()) return `The lift back leaves before ${whatOf(times)} ends: choose a time after it finishes`;
  return null;
}

/** Why a rider cannot be "ready from" `at`, or null: from `earliestDeparture` until the event (or shift) starts. */
export function readyFromProblem(at: Date, times: Omit<LiftTimes, 'endsAt'>): string | null {
  const early = tooEarly(at, times, 'Be ready');
  if (early) return early;
  if (at.getTime() >= times.startsAt.getTime()) return `Ready from must be before ${whatOf(times)} starts`;
  return null;
}
