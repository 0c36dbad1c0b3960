import type { EventKind, VenueAccess } from './enums.ts';

export const TIME_ZONE = 'Europe/London';

export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  CANVASS: 'Canvass',
  PHONE_BANK: 'Phone bank',
  MEETING: 'Meeting',
  STALL: 'Street stall',
  SOCIAL: 'Social',
  TRAINING: 'Training',
  RALLY: 'Rally',
};

export const VENUE_ACCESS_LABELS: Record<VenueAccess, string> = {
  STEP_FREE: 'Step-free access',
  ACCESSIBLE_TOILET: 'Accessible toilet',
  HEARING_LOOP: 'Hearing loop',
  QUIET_SPACE: 'Quiet space',
};

/** Each access feature's field on an event (API, form and Prisma model). */
export const VENUE_ACCESS_FIELDS = {
  STEP_FREE: 'stepFree',
  ACCESSIBLE_TOILET: 'accessibleToilet',
  HEARING_LOOP: 'hearingLoop',
  QUIET_SPACE: 'quietSpace',
} as const satisfies Record<VenueAccess, string>;

// UK time without Intl: on a mid-range phone its first formatter costs tens of milliseconds, and each date more, on
// every list of events. UK clocks are GMT, and BST (UTC+1) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
// last Sunday of October (the rule since 1996; a test checks it against Intl over decades).
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];

function lastSundayAt1Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** The UK wall clock as a Date whose UTC fields read UK time. */
function londonWall(at: Date): Date {
  const ms = at.getTime();
  const year = at.getUTCFullYear();
  const summer = ms >= lastSundayAt1Utc(year, 2) && ms < lastSundayAt1Utc(year, 9);
  return new Date(ms + (summer ? 3_600_000 : 0));
}

const pad = (n: number) => String(n).padStart(2, '0');

function dayTimeText(at: Date, now: Date): { day: string; time: string } {
  const w = londonWall(at);
  const year = w.getUTCFullYear() === londonWall(now).getUTCFullYear() ? '' : ` ${w.getUTCFullYear()}`;
  return {
    day: `${WEEKDAYS[w.getUTCDay()]} ${w.getUTCDate()} ${MONTHS[w.getUTCMonth()]}${year}`,
    time: `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`,
  };
}

/**
 * "Sat 5 Dec" in UK time, with the year when it is not this year (UK time): "Mon 11 Jan 2027".
 * Every date shown to people (pages and e-mails) goes through here.
 */
export function formatDay(at: Date | string, now: Date = new Date()): string {
  return dayTimeText(new Date(at), now).day;
}

/** "Sat 5 Dec, 09:15" in UK time; "Mon 11 Jan 2027, 09:15" outside this year. */
export function formatDayTime(at: Date | string, now: Date = new Date()): string {
  const t = dayTimeText(new Date(at), now);
  return `${t.day}, ${t.time}`;
}

/** "Sat 5 Dec, 10:00–13:00" in UK time; the end carries its own date when it falls on another day. */
export function formatEventTime(startsAt: Date | string, endsAt: Date | string, now: Date = new Date()): string {
  const s = new Date(startsAt);
  const e = new Date(endsAt);
  const sameDay = londonWall(s).toISOString().slice(0, 10) === londonWall(e).toISOString().slice(0, 10);
  return `${formatDayTime(s, now)}–${sameDay ? dayTimeText(e, now).time : formatDayTime(e, now)}`;
}

export function formatDistanceKm(km: number): string {
  if (km < 1) return `${Math.max(0.1, Math.round(km * 10) / 10).toFixed(1)} km`;
  if (km < 10) return `${(Math.round(km * 10) / 10).toFixed(1)} km`;
  return `${Math.round(km)} km`;
}

/** What others see of a person: "Jane D." */
export function publicName(firstName: string, lastName: string): string {
  const initial = lastName.trim().charAt(0).toUpperCase();
  return initial ? `${firstName.trim()} ${initial}.` : firstName.trim();
}

/** The UK wall-clock reading of a moment, as zero-padded strings ("2026", "12", "05", "09", "30", "00"). */
export function londonClock(date: Date): { year: string; month: string; day: string; hour: string; minute: string; second: string } {
  const w = londonWall(date);
  return {
    year: String(w.getUTCFullYear()),
    month: pad(w.getUTCMonth() + 1),
    day: pad(w.getUTCDate()),
    hour: pad(w.getUTCHours()),
    minute: pad(w.getUTCMinutes()),
    second: pad(w.getUTCSeconds()),
  };
}

/** A datetime-local input value ("2026-12-05T10:00") in UK time for a date, and back. */
export function toLondonInputValue(date: Date): string {
  const c = londonClock(date);
  return `${c.year}-${c.month}-${c.day}T${c.hour}:${c.minute}`;
}

export function fromLondonInputValue(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // London is UTC+0 or UTC+1: try both offsets and keep the one that reads back as the input.
  for (const offsetHours of [0, 1]) {
    const candidate = new Date(asUtc - offsetHours * 3_600_000);
    if (toLondonInputValue(candidate) === value) return candidate;
  }
  return new Date(asUtc);
}

/** A count and its noun: "1 kind", "3 kinds", "1 person", "2 people", "1,200 events". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${groupThousands(n)} ${n === 1 ? one : many}`;
}

/** 1200 → "1,200" (whole numbers, as en-GB writes them; without Intl, whose first use is slow on a phone). */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Ends a sentence with a full stop, unless it ends with one already ("Signed in as Sam W." has one dot). */
export function sentence(text: string): string {
  return /[.!?]$/.test(text.trimEnd()) ? text.trimEnd() : `${text.trimEnd()}.`;
}
