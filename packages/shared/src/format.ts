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

const dayTimeParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

function dayTimeText(at: Date, now: Date): { day: string; time: string } {
  const p = Object.fromEntries(dayTimeParts.formatToParts(at).map((x) => [x.type, x.value]));
  const year = p.year === londonClock(now).year ? '' : ` ${p.year}`;
  return { day: `${p.weekday} ${p.day} ${p.month}${year}`, time: `${p.hour}:${p.minute}` };
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
  const sameDay = dayKey.format(s) === dayKey.format(e);
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

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The UK wall-clock reading of a moment, as zero-padded strings ("2026", "12", "05", "09", "30", "00"). */
export function londonClock(date: Date): { year: string; month: string; day: string; hour: string; minute: string; second: string } {
  const parts = Object.fromEntries(londonParts.formatToParts(date).map((p) => [p.type, p.value]));
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
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
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** Ends a sentence with a full stop, unless it ends with one already ("Signed in as Sam W." has one dot). */
export function sentence(text: string): string {
  return /[.!?]$/.test(text.trimEnd()) ? text.trimEnd() : `${text.trimEnd()}.`;
}
