import { fromLondonInputValue, toLondonInputValue } from '@rallypoint/shared';

/** A campaign's window from two UK dates (YYYY-MM-DD), both days included: midnight of the first to midnight after the last. */
export function windowFromDays(first: string, last: string): { startsAt: Date | null; endsAt: Date | null } {
  const startsAt = /^\d{4}-\d{2}-\d{2}$/.test(first) ? fromLondonInputValue(`${first}T00:00`) : null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(last)) return { startsAt, endsAt: null };
  const [y, m, d] = last.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  const endsAt = fromLondonInputValue(`${next.toISOString().slice(0, 10)}T00:00`);
  return { startsAt, endsAt };
}

/** The end of an event that starts at `start` (a datetime-local value) and lasts `minutes`, as a datetime-local value. */
export function endAfter(start: string, minutes: number): string {
  const at = fromLondonInputValue(start);
  return at ? toLondonInputValue(new Date(at.getTime() + minutes * 60_000)) : '';
}

/** "14–15 March 2027"-style dates of a window whose end is the midnight after its last day. */
export function formatWindow(startsAt: string, endsAt: string): string {
  const fmt = (d: Date) => d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
  const first = new Date(startsAt);
  const last = new Date(new Date(endsAt).getTime() - 1);
  const a = fmt(first);
  const b = fmt(last);
  return a === b ? a : `${a} – ${b}`;
}
