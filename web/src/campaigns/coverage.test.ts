import { describe, expect, test } from 'vitest';
import { coverageLabel, nextSort, sortSeats } from './coverage.ts';

const seat = (code: string, name: string, signUps: number, goal: number, places: number | null = 10) => ({
  code,
  name,
  goal,
  signUps,
  shortfall: Math.max(0, goal - signUps),
  coverage: signUps / goal,
  shifts: 1,
  places,
  checkIns: 0,
  liftSeatsWanted: 0,
  ridersUnmatched: 0,
});

describe('coverage table', () => {
  const seats = [seat('E1', 'Bradford West', 3, 10), seat('E2', 'Beverley and Holderness', 10, 10, null), seat('E3', 'Rother Valley', 3, 6)];
  test('sorts by a column either way, ties by name', () => {
    expect(sortSeats(seats, { key: 'name', direction: 'ascending' }).map((s) => s.code)).toEqual(['E2', 'E1', 'E3']);
    expect(sortSeats(seats, { key: 'shortfall', direction: 'descending' }).map((s) => s.code)).toEqual(['E1', 'E3', 'E2']);
    expect(sortSeats(seats, { key: 'signUps', direction: 'ascending' }).map((s) => s.code)).toEqual(['E1', 'E3', 'E2']);
    expect(sortSeats(seats, { key: 'places', direction: 'descending' }).map((s) => s.code)).toEqual(['E2', 'E1', 'E3']);
  });
  test('headers flip the direction; a new column starts at its most useful end', () => {
    expect(nextSort({ key: 'shortfall', direction: 'descending' }, 'shortfall')).toEqual({ key: 'shortfall', direction: 'ascending' });
    expect(nextSort({ key: 'name', direction: 'ascending' }, 'shortfall')).toEqual({ key: 'shortfall', direction: 'descending' });
    expect(nextSort({ key: 'shortfall', direction: 'ascending' }, 'coverage')).toEqual({ key: 'coverage', direction: 'ascending' });
  });
  test('label', () => {
    expect(coverageLabel(seats[0]!)).toBe('3 of 10 (30%)');
  });
});
