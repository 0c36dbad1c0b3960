import { describe, expect, test } from 'vitest';
import { DISTANCE_WEIGHT, type NeededShiftInput, nearestShift, neededShiftsSchema, rankNeededShifts, seatCoverage, seatShortfall } from './coverage.ts';
import { distanceKm } from './geo.ts';

const home = { lat: 53.8, lng: -1.55 };
/** A point `km` east of home. */
const east = (km: number) => ({ lat: home.lat, lng: home.lng + km / (111.32 * Math.cos((home.lat * Math.PI) / 180)) });
const T0 = Date.UTC(2027, 2, 13, 10);

function shift(id: string, km: number, over: Partial<NeededShiftInput> = {}): NeededShiftInput {
  return { id, startsAtMs: T0, location: east(km), placesLeft: 10, seatGoal: 10, seatShortfall: 10, liftSeatsAvailable: 0, ...over };
}
const ids = (r: { shift: { id: string } }[]) => r.map((x) => x.shift.id);

describe('seat figures', () => {
  test('shortfall never below zero; coverage may pass 1', () => {
    expect(seatShortfall({ goal: 10, signUps: 4 })).toBe(6);
    expect(seatShortfall({ goal: 10, signUps: 14 })).toBe(0);
    expect(seatCoverage({ goal: 10, signUps: 4 })).toBe(0.4);
    expect(seatCoverage({ goal: 10, signUps: 15 })).toBe(1.5);
  });
});

describe('rankNeededShifts', () => {
  test('a seat far short beats a nearer one nearly covered', () => {
    const ranked = rankNeededShifts([shift('near-covered', 2, { seatShortfall: 1 }), shift('far-short', 15, { seatShortfall: 9 })], home, { maxKm: 20 });
    expect(ids(ranked)).toEqual(['far-short', 'near-covered']);
    expect(ranked[0]!.need).toBeCloseTo(0.9);
    expect(ranked[0]!.score).toBeCloseTo(0.9 - DISTANCE_WEIGHT * (distanceKm(home, east(15)) / 20));
  });

  test('equally short seats: the nearer first', () => {
    expect(ids(rankNeededShifts([shift('b', 8), shift('a', 3)], home, { maxKm: 20 }))).toEqual(['a', 'b']);
  });

  test('shortfall is a share of the goal, so a big seat short by 5 of 50 ranks below a small one short by 5 of 6', () => {
    const ranked = rankNeededShifts([shift('big', 1, { seatGoal: 50, seatShortfall: 5 }), shift('small', 10, { seatGoal: 6, seatShortfall: 5 })], home, { maxKm: 20 });
    expect(ids(ranked)).toEqual(['small', 'big']);
  });

  test('met seats still appear, after the short ones', () => {
    expect(ids(rankNeededShifts([shift('met', 1, { seatShortfall: 0 }), shift('short', 19, { seatShortfall: 3 })], home, { maxKm: 20 }))).toEqual(['short', 'met']);
  });

  test('beyond the travel limit or full: left out; unlimited places stay', () => {
    const ranked = rankNeededShifts([shift('far', 25), shift('full', 1, { placesLeft: 0 }), shift('open', 2, { placesLeft: null })], home, { maxKm: 20 });
    expect(ids(ranked)).toEqual(['open']);
    expect(rankNeededShifts([shift('x', 0.5)], home, { maxKm: 0 })).toEqual([]);
  });

  test('without a car: beyond own reach only where a car has a free seat, flagged needsLift', () => {
    const shifts = [shift('walk', 2, { seatShortfall: 1 }), shift('lift', 12, { liftSeatsAvailable: 2 }), shift('no-lift', 12, { id: 'no-lift' })];
    const ranked = rankNeededShifts(shifts, home, { maxKm: 20, ownReachKm: 5 });
    expect(ids(ranked)).toEqual(['lift', 'walk']);
    expect(ranked.map((r) => r.needsLift)).toEqual([true, false]);
  });

  test('ties: nearer, then earlier, then id; input order never matters', () => {
    const shifts = [shift('c', 5, { startsAtMs: T0 + 3600_000 }), shift('b', 5), shift('a', 5), shift('d', 4, { seatShortfall: 10 })];
    const want = ['d', 'a', 'b', 'c'];
    expect(ids(rankNeededShifts(shifts, home, { maxKm: 20 }))).toEqual(want);
    expect(ids(rankNeededShifts([...shifts].reverse(), home, { maxKm: 20 }))).toEqual(want);
  });

  test('nearestShift ignores need', () => {
    const shifts = [shift('near-covered', 2, { seatShortfall: 0 }), shift('far-short', 15)];
    expect(nearestShift(shifts, home, { maxKm: 20 })?.shift.id).toBe('near-covered');
    expect(nearestShift(shifts, home, { maxKm: 1 })).toBeNull();
  });
});

describe('neededShiftsSchema', () => {
  const paths = (v: unknown) => {
    const r = neededShiftsSchema.safeParse(v);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };
  test('a postcode or a point, a positive distance up to 200 km, own reach optional', () => {
    expect(paths({ postcode: 'LS6 1AN', maxKm: 15 })).toEqual([]);
    expect(paths({ location: { lat: 53.8, lng: -1.5 }, maxKm: 15, ownReachKm: 5 })).toEqual([]);
    expect(paths({ maxKm: 15 })).toEqual(['postcode']);
    expect(paths({ postcode: 'LS6 1AN', maxKm: 0 })).toEqual(['maxKm']);
    expect(paths({ postcode: 'LS6 1AN', maxKm: 201 })).toEqual(['maxKm']);
    expect(paths({ postcode: 'LS6 1AN', maxKm: 10, ownReachKm: -1 })).toEqual(['ownReachKm']);
  });
});
