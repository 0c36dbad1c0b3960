import { LIMITS } from './limits.ts';
import type { FieldError } from './validation.ts';

/** Limits of shifts and series, shared by the form and the API. */
export const SHIFT_LIMITS = {
  /** Shifts on one event. */
  shiftsMax: 20,
  /** Occurrences one series may produce. */
  occurrencesMax: 200,
} as const;

export interface ShiftTimes {
  startsAt: Date;
  endsAt: Date;
  capacity?: number | null;
}

export interface TimeWindow {
  startsAt: Date;
  endsAt: Date;
}

/**
 * What is wrong with an event's shifts inside `window` (the event's times, or a campaign's window), as field errors
 * under `prefix` + the shift's index: a shift that ends at or before its start, one outside the window, two that
 * overlap (touching is fine: 10:00–12:00 then 12:00–14:00), a capacity that is not a whole number from 1. Empty: fine.
 */
export function validateShifts(shifts: readonly ShiftTimes[], window: TimeWindow, prefix: string[] = ['shifts'], windowName = 'the event'): FieldError[] {
  const errors: FieldError[] = [];
  if (shifts.length > SHIFT_LIMITS.shiftsMax) {
    errors.push({ path: prefix, message: `At most ${SHIFT_LIMITS.shiftsMax} shifts` });
  }
  shifts.forEach((s, i) => {
    const at = [...prefix, String(i)];
    if (!(s.endsAt.getTime() > s.startsAt.getTime())) {
      errors.push({ path: [...at, 'endsAt'], message: `Shift ${i + 1} must end after it starts` });
    } else if (s.startsAt.getTime() < window.startsAt.getTime() || s.endsAt.getTime() > window.endsAt.getTime()) {
      errors.push({ path: [...at, 'startsAt'], message: `Shift ${i + 1} must fall within ${windowName}` });
    }
    const c = s.capacity;
    if (c !== null && c !== undefined && (!Number.isInteger(c) || c < 1 || c > LIMITS.capacityMax)) {
      errors.push({ path: [...at, 'capacity'], message: `Shift ${i + 1}: capacity must be a whole number from 1 (empty for no limit)` });
    }
  });
  const order = shifts
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.endsAt.getTime() > s.startsAt.getTime())
    .sort((a, b) => a.s.startsAt.getTime() - b.s.startsAt.getTime() || a.i - b.i);
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1]!;
    const next = order[k]!;
    if (next.s.startsAt.getTime() < prev.s.endsAt.getTime()) {
      const [a, b] = [prev.i, next.i].sort((x, y) => x - y) as [number, number];
      errors.push({ path: [...prefix, String(b), 'startsAt'], message: `Shifts ${a + 1} and ${b + 1} overlap` });
    }
  }
  return errors;
}

/** An event with shifts has as many places as its shifts together; none of them limited: no limit. */
export function capacityOfShifts(shifts: readonly { capacity?: number | null }[]): number | null {
  let sum = 0;
  for (const s of shifts) {
    if (s.capacity === null || s.capacity === undefined) return null;
    sum += s.capacity;
  }
  return sum;
}

const RRULE_PART = /^[A-Z]+=[A-Z0-9,+\-:]+$/;

/**
 * Why a repeat rule (an RRULE value such as `FREQ=WEEKLY;BYDAY=TH;COUNT=6`) cannot be used, or null: it must be
 * well formed, end (COUNT or UNTIL) and have at most SHIFT_LIMITS.occurrencesMax occurrences by COUNT (a far UNTIL is
 * checked when the rule is expanded).
 */
export function repeatRuleProblem(rule: string): string | null {
  const value = rule.trim().replace(/^RRULE:/i, '');
  if (value.length === 0 || value.length > 500) return 'Enter a repeat rule';
  const parts = value.toUpperCase().split(';');
  if (!parts.every((p) => RRULE_PART.test(p))) return 'That repeat rule is not valid';
  const get = (name: string) => parts.find((p) => p.startsWith(`${name}=`))?.slice(name.length + 1);
  if (!get('FREQ')) return 'That repeat rule is not valid';
  const count = get('COUNT');
  const until = get('UNTIL');
  if (count === undefined && until === undefined) return 'A repeating event needs an end: a number of times or an end date';
  if (count !== undefined && until !== undefined) return 'A repeat rule ends by a number of times or by a date, not both';
  if (count !== undefined) {
    const n = Number(count);
    if (!Number.isInteger(n) || n < 1) return 'That repeat rule is not valid';
    if (n > SHIFT_LIMITS.occurrencesMax) return `A series can have at most ${SHIFT_LIMITS.occurrencesMax} occurrences`;
  }
  return null;
}

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * The rule for "weekly on <day>", either `count` times or until the end of `untilDay` (a London date, YYYY-MM-DD,
 * inclusive: the UNTIL is that day's 23:59:59 UTC, after any event of the day in London).
 */
export function weeklyRule(day: Weekday, end: { count: number } | { untilDay: string }): string {
  if ('count' in end) return `FREQ=WEEKLY;BYDAY=${day};COUNT=${end.count}`;
  const ymd = end.untilDay.replaceAll('-', '');
  return `FREQ=WEEKLY;BYDAY=${day};UNTIL=${ymd}T235959Z`;
}
