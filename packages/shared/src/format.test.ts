import { expect, test } from 'vitest';
import { formatDistanceKm, formatEventTime, fromLondonInputValue, publicName, toLondonInputValue } from './format.ts';

test('event times are shown in UK time, across the clock change', () => {
  expect(formatEventTime('2026-07-04T09:00:00Z', '2026-07-04T12:00:00Z')).toBe('Sat 4 Jul, 10:00–13:00');
  expect(formatEventTime('2026-12-05T10:00:00Z', '2026-12-05T13:00:00Z')).toBe('Sat 5 Dec, 10:00–13:00');
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
