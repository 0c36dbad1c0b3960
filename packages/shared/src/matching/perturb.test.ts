import { describe, expect, test } from 'vitest';
import { driverWith, onMeridian, riderAt } from '../../test/matching.ts';
import { prepareRun } from './assign.ts';
import { Cars } from './instance.ts';
import { groupSearch, SPLIT_ROOM_EVERY } from './perturb.ts';

const EVENT = onMeridian(51);
const driver = driverWith();

describe('group re-solves', () => {
  // A (one seat) holds y, and is the only car x can reach; B, further on, has room for y but cannot go back for x.
  const drivers = [driver('a', { origin: onMeridian(50), maxDetourKm: 0.5 }), driver('b', { origin: onMeridian(50.4), maxDetourKm: 5 })];
  const riders = [riderAt('x', onMeridian(50.2, 0.0005)), riderAt('y', onMeridian(50.6, 0.0005))];

  test.each([
    ['the default cycle', undefined],
    ['the split phase’s cycle', SPLIT_ROOM_EVERY],
  ])('%s: its first round, at the car with room, takes in a rider whose only car is full', (_, roomEvery) => {
    const { inst, cand } = prepareRun(drivers, riders, EVENT, { roadFactor: 1.3 });
    const cars = new Cars(inst);
    cars.add(1, 0, cars.detourWith(0, 1, -1));
    expect(cars.score().people).toBe(1);
    // One round: both cycles start at a car with room, so the group is B's, grown by A (holding a rider B could take).
    const g = groupSearch(inst, cars, cand, 1, 1_000, 100_000, 7, null, undefined, roomEvery);
    expect(g.improvements).toBe(1);
    expect(cars.score().people).toBe(2);
    expect([cars.carOf[0], cars.carOf[1]]).toEqual([0, 1]);
  });
});
