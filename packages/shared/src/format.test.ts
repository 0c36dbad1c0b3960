import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  formatDay,
  formatDayTime,
  formatDistanceKm,
  formatEventTime,
  fromLondonInputValue,
  groupThousands,
  londonClock,
  plural,
  publicName,
  sentence,
  toLondonInputValue,
} from './format.ts';

const in2026 = new Date('2026-12-02T12:00:00Z');

test('event times are shown in UK time, across the clock change', () => {
  expect(formatEventTime('2026-07-04T09:00:00Z', '2026-07-04T12:00:00Z', in2026)).toBe('Sat 4 Jul, 10:00–13:00');
  expect(formatEventTime('2026-12-05T10:00:00Z', '2026-12-05T13:00:00Z', in2026)).toBe('Sat 5 Dec, 10:00–13:00');
});

test('dates outside the current UK year carry their year', () => {
  expect(formatEventTime('2027-01-11T10:00:00Z', '2027-01-11T12:00:00Z', in2026)).toBe('Mon 11 Jan 2027, 10:00–12:00');
  expect(formatDayTime('2025-12-31T09:05:00Z', in2026)).toBe('Wed 31 Dec 2025, 09:05');
  expect(formatDay('2027-01-11T10:00:00Z', in2026)).toBe('Mon 11 Jan 2027');
  expect(formatDay('2026-12-05T10:00:00Z', in2026)).toBe('Sat 5 Dec');
  // Seen from 2027 the same date needs no year, and a 2026 one does.
  const in2027 = new Date('2027-03-01T12:00:00Z');
  expect(formatDayTime('2027-01-11T10:00:00Z', in2027)).toBe('Mon 11 Jan, 10:00');
  expect(formatDayTime('2026-12-05T10:00:00Z', in2027)).toBe('Sat 5 Dec 2026, 10:00');
  // Each end has its own year; midnight is 00:00.
  expect(formatEventTime('2026-12-31T22:00:00Z', '2027-01-01T00:30:00Z', in2026)).toBe('Thu 31 Dec, 22:00–Fri 1 Jan 2027, 00:30');
});

test('the year is the UK one, not UTC', () => {
  // 23:30 UTC on 31 Dec 2026 is still 2026 in London (GMT); the viewer's "now" at 00:10 UK on 1 Jan 2027 is 2027.
  expect(formatDayTime('2026-12-31T23:30:00Z', new Date('2027-01-01T00:10:00Z'))).toBe('Thu 31 Dec 2026, 23:30');
  // Summer time: 23:30 UTC on 30 Jun is 00:30 on 1 Jul in London.
  expect(formatDayTime('2027-06-30T23:30:00Z', new Date('2027-01-05T00:00:00Z'))).toBe('Thu 1 Jul, 00:30');
});

test('counts take one plural form', () => {
  expect(plural(1, 'kind')).toBe('1 kind');
  expect(plural(2, 'kind')).toBe('2 kinds');
  expect(plural(0, 'event')).toBe('0 events');
  expect(plural(1, 'person', 'people')).toBe('1 person');
  expect(plural(1200, 'person', 'people')).toBe('1,200 people');
});

test('datetime-local values round-trip in UK time', () => {
  for (const iso of ['2026-07-04T09:30:00.000Z', '2026-12-05T10:00:00.000Z']) {
    const value = toLondonInputValue(new Date(iso));
    expect(fromLondonInputValue(value)?.toISOString()).toBe(iso);
  }
  expect(toLondonInputValue(new Date('2026-07-04T09:30:00Z'))).toBe('2026-07-04T10:30');
  expect(fromLondonInputValue('nonsense')).toBeNull();
});

test('others see a first name and initial only', () => {
  expect(publicName('Jane', 'Doe')).toBe('Jane D.');
  expect(publicName(' Sam ', ' ')).toBe('Sam');
});

test('distances', () => {
  expect(formatDistanceKm(0.04)).toBe('0.1 km');
  expect(formatDistanceKm(3.456)).toBe('3.5 km');
  expect(formatDistanceKm(42.6)).toBe('43 km');
});

test('a sentence ending in a short name keeps one full stop', () => {
  expect(sentence(`Signed in as ${publicName('Sam', 'Wright')}`)).toBe('Signed in as Sam W.');
  expect(sentence(`Signed in as ${publicName('Sam', '')}`)).toBe('Signed in as Sam.');
  expect(sentence('Done!')).toBe('Done!');
});

// The reference: what Intl says of the same moment in Europe/London.
const intl = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const intlParts = (at: Date) => Object.fromEntries(intl.formatToParts(at).map((p) => [p.type, p.value]));

test('UK time is worked out as Intl does, around every clock change from 1996 to 2100 and at random moments', () => {
  const moments: number[] = [];
  for (let year = 1996; year <= 2100; year++)
    for (const month of [2, 9]) {
      const last = new Date(Date.UTC(year, month + 1, 0));
      const change = Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
      moments.push(change - 1000, change, change + 1000, change - 3_600_000, change + 3_600_000);
    }
  moments.push(...fc.sample(fc.integer({ min: Date.UTC(1996, 0, 1), max: Date.UTC(2100, 0, 1) }), { numRuns: 2000, seed: 42 }));
  for (const ms of moments) {
    const at = new Date(ms);
    const p = intlParts(at);
    const month = String(new Date(Date.UTC(2000, ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'].indexOf(p.month!), 1)).getUTCMonth() + 1).padStart(2, '0');
    expect(londonClock(at), at.toISOString()).toEqual({ year: p.year, month, day: p.day!.padStart(2, '0'), hour: p.hour, minute: p.minute, second: p.second });
    expect(formatDayTime(at, new Date(Date.UTC(1990, 0, 1))), at.toISOString()).toBe(`${p.weekday} ${Number(p.day)} ${p.month} ${p.year}, ${p.hour}:${p.minute}`);
  }
});

test('whole numbers are grouped in thousands as en-GB writes them', () => {
  for (const n of [0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 123_456_789]) expect(groupThousands(n)).toBe(n.toLocaleString('en-GB'));
});
