import { describe, expect, test } from 'vitest';
import { liftSeatsAvailable, liftSeatsWanted, placesLeft, seatsLeft } from './counts.ts';

describe('placesLeft', () => {
  test('no limit: null, however many are going', () => {
    expect(placesLeft({ capacity: null, goingCount: 0 })).toBeNull();
    expect(placesLeft({ capacity: null, goingCount: 500 })).toBeNull();
  });
  test('capacity minus places taken', () => {
    expect(placesLeft({ capacity: 10, goingCount: 0 })).toBe(10);
    expect(placesLeft({ capacity: 10, goingCount: 7 })).toBe(3);
    expect(placesLeft({ capacity: 10, goingCount: 10 })).toBe(0);
  });
  test('never below zero (capacity lowered under a past count)', () => {
    expect(placesLeft({ capacity: 5, goingCount: 8 })).toBe(0);
  });
});

describe('lift seat sums', () => {
  test('a car: seats offered minus seats taken', () => {
    expect(seatsLeft({ seats: 4, seatsTaken: 0 })).toBe(4);
    expect(seatsLeft({ seats: 4, seatsTaken: 3 })).toBe(1);
    expect(seatsLeft({ seats: 4, seatsTaken: 4 })).toBe(0);
  });
  test('free seats over several cars', () => {
    expect(liftSeatsAvailable([])).toBe(0);
    expect(
      liftSeatsAvailable([
        { seats: 4, seatsTaken: 1 },
        { seats: 2, seatsTaken: 2 },
        { seats: 7, seatsTaken: 0 },
      ]),
    ).toBe(10);
  });
  test('people looking for a lift: parties in full', () => {
    expect(liftSeatsWanted([])).toBe(0);
    expect(liftSeatsWanted([{ seats: 1 }, { seats: 3 }])).toBe(4);
  });
});
