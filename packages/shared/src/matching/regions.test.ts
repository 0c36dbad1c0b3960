import { describe, expect, test } from 'vitest';
import { scatteredRally } from '../../test/matching.ts';
import type { LatLng } from '../geo.ts';
import { type AssignOptions, assign, assignSteps, construct, prepareRun, type RegionAnswer, runRegionTask, splitsWork } from './assign.ts';
import { groupSearch } from './perturb.ts';
import { carsFromState, carsState, splitRegions } from './regions.ts';

// This package's lib has no host types; Node has it.
declare const structuredClone: <T>(value: T) => T;

const EVENT: LatLng = { lat: 52.2, lng: 0.12 };
const OPTS: AssignOptions = { roadFactor: 1.3, groupRounds: 1_500 };

const big = scatteredRally(EVENT, 3_300, 1_000, 7);

describe('the split group re-solves of a large run', () => {
  test('only runs above 4,000 requests + drivers', () => {
    expect(splitsWork(3_300, 1_000)).toBe(true);
    expect(splitsWork(3_000, 1_000)).toBe(false);
    expect(splitsWork(3_300, 1_000, { groupRounds: 0 })).toBe(false);
  });

  test('a side searched alone never touches the other side: its cars, their riders, the riders it may not take', () => {
    const { inst, cand } = prepareRun(big.drivers, big.riders, EVENT, OPTS);
    const cars = construct(inst, cand);
    const [a, b] = splitRegions(inst, cars, cand, EVENT);
    // Both sides get a real share of the cars; a rider in a car is on its car's side.
    expect(a.cars.length + b.cars.length).toBe(inst.nD);
    expect(Math.min(a.cars.length, b.cars.length)).toBeGreaterThanOrEqual(0.4 * inst.nD);
    for (let r = 0; r < inst.nR; r++) if (cars.carOf[r]! >= 0) expect(a.rider[r]).toBe(a.car[cars.carOf[r]!]);
    const before = carsState(cars, b.cars);
    const carOfB = Array.from(b.riders, (r) => cars.carOf[r]);
    const g = groupSearch(inst, cars, cand, 1_500, 1_000, 1_000_000, 1, a);
    expect(g.improvements).toBeGreaterThan(0);
    expect(carsState(cars, b.cars)).toEqual(before);
    expect(Array.from(b.riders, (r) => cars.carOf[r])).toEqual(carOfB);
    // Side a moved only its own riders, into its own cars.
    for (let r = 0; r < inst.nR; r++) if (cars.carOf[r]! >= 0 && a.rider[r] === 0) expect(a.car[cars.carOf[r]!]).toBe(0);
  });

  test('a side handed to a helper (built from the same inputs, given in another order) gives the same answer', () => {
    const alone = assign(big.drivers, big.riders, EVENT, OPTS);
    const helper = prepareRun([...big.drivers].reverse(), [...big.riders].reverse(), EVENT, OPTS);
    const run = assignSteps(big.drivers, big.riders, EVENT, OPTS);
    let answer: RegionAnswer | null = null;
    let offers = 0;
    let step = run.next();
    while (!step.done) {
      if (step.value.type === 'offer') {
        offers++;
        const task = step.value.task;
        if (task.kind !== 'region') throw new Error(`a large run offered a ${task.kind} task`);
        // Through a structured clone, as between threads.
        answer = runRegionTask(helper, structuredClone(task));
        step = run.next(true);
      } else step = run.next(structuredClone(answer!));
    }
    expect(offers).toBe(1);
    expect(step.value).toEqual(alone);
    expect(alone.stats.peopleMatched).toBeGreaterThan(0);
  });

  test('a run-state copy restores the cars exactly', () => {
    const { inst, cand } = prepareRun(big.drivers, big.riders, EVENT, OPTS);
    const cars = construct(inst, cand);
    const all = Int32Array.from({ length: inst.nD }, (_, d) => d);
    const copy = carsFromState(inst, structuredClone(carsState(cars, all)));
    expect(Array.from(copy.carOf)).toEqual(Array.from(cars.carOf));
    expect(copy.members).toEqual(cars.members);
    expect(Array.from(copy.free)).toEqual(Array.from(cars.free));
    expect(Array.from(copy.det)).toEqual(Array.from(cars.det));
  });
});
