import { describe, expect, test } from 'vitest';
import { scatteredRally } from '../../test/matching.ts';
import type { LatLng } from '../geo.ts';
import { type AssignOptions, assign, assignSteps, construct, HelperRun, type HostAnswer, prepareRun, splitsWork } from './assign.ts';
import { groupSearch, pairSweep, SPLIT_GROUP_CARS, SPLIT_ROOM_EVERY } from './perturb.ts';
import { reassign } from './reassign.ts';
import { Cars } from './instance.ts';
import { carsFromState, carsState, resplit, sideCandidates, splitRegions } from './regions.ts';
import { localSearch } from './search.ts';

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
    // The first local search, as a large run makes it on each side, then group re-solves.
    const peopleBefore = cars.score().people;
    const s = localSearch(inst, cars, cand, 3, Number.POSITIVE_INFINITY, 32, true, a);
    expect(s.moves).toBeGreaterThan(0);
    expect(cars.score().people).toBeGreaterThan(peopleBefore);
    const g = groupSearch(inst, cars, cand, 1_500, 1_000, 1_000_000, 1, a, SPLIT_GROUP_CARS, SPLIT_ROOM_EVERY);
    expect(g.improvements).toBeGreaterThan(0);
    expect(carsState(cars, b.cars)).toEqual(before);
    expect(Array.from(b.riders, (r) => cars.carOf[r])).toEqual(carOfB);
    // Side a moved only its own riders, into its own cars.
    for (let r = 0; r < inst.nR; r++) if (cars.carOf[r]! >= 0 && a.rider[r] === 0) expect(a.car[cars.carOf[r]!]).toBe(0);
    // So do its re-assignments and its last sweep (rider cars too), on the split's sides as they ride then.
    const ra = reassign(inst, cars, cand, 2, 1_024, 1, a);
    const [a2, b2] = resplit(inst, cars, [a, b]);
    const before2 = carsState(cars, b2.cars);
    const carOfB2 = Array.from(b2.riders, (r) => cars.carOf[r]);
    const focus = Array.from(a2.cars).filter((d) => cars.members[d]!.length > 0);
    const p = pairSweep(inst, cars, cand, focus, 16, 1_000, 50, 16, a2);
    expect(ra.improvements + p.improvements).toBeGreaterThan(0);
    expect(carsState(cars, b2.cars)).toEqual(before2);
    expect(Array.from(b2.riders, (r) => cars.carOf[r])).toEqual(carOfB2);
    for (let r = 0; r < inst.nR; r++) if (cars.carOf[r]! >= 0) expect(a2.rider[r]).toBe(a2.car[cars.carOf[r]!]);
  });

  test.each([
    [{ ...OPTS, splitSweep: false }, 4],
    [OPTS, 6],
  ] as const)('sides handed to a helper (built from the same inputs, given in another order) give the same answer', (opts, tasks) => {
    const alone = assign(big.drivers, big.riders, EVENT, opts);
    const helper = new HelperRun([...big.drivers].reverse(), [...big.riders].reverse(), EVENT, opts);
    const run = assignSteps(big.drivers, big.riders, EVENT, opts);
    const answers: HostAnswer[] = [];
    const offers: string[] = [];
    let step = run.next();
    while (!step.done) {
      if (step.value.type === 'offer') {
        const task = step.value.task;
        offers.push(task.kind === 'lists' ? `lists ${task.side}` : task.kind);
        // Through a structured clone, as between threads.
        answers.push(structuredClone(helper.answer(structuredClone(task))));
        step = run.next(true);
      } else step = run.next(answers.shift());
    }
    // Half of each side of the candidate lists; the group re-solves (and re-assignments); a copy's group re-solves
    // beside the search over all cars; then, unless `splitSweep` is off, the last sweep and another copy's beside the
    // sweep over all cars and the refills; then the last re-assignment round and a last copy's.
    expect(offers).toEqual(['lists drivers', 'lists riders', ...Array.from({ length: tasks }, () => 'region')]);
    expect(step.value).toEqual(alone);
    expect(alone.stats.peopleMatched).toBeGreaterThan(0);
    // Without coaches, a large run starts from the rounded flow (`startsFromFlow`).
    expect(alone.stats.start).toBe('flow');
  });

  test("each side's flow start gets exactly the side's own pairs, in the lists' order", () => {
    const { inst, cand } = prepareRun(big.drivers, big.riders, EVENT, OPTS);
    // As a large run draws it before anyone rides: a rider on the side of most of the cars it could ride in.
    const [a, b] = splitRegions(inst, new Cars(inst), cand, EVENT);
    const triples = (start: Int32Array, other: Int32Array, pd: Float64Array, driverMajor: boolean, keep: (d: number, r: number) => boolean) => {
      const out: [number, number, number][] = [];
      for (let i = 0; i + 1 < start.length; i++) {
        for (let q = start[i]!; q < start[i + 1]!; q++) {
          const [d, r] = driverMajor ? [i, other[q]!] : [other[q]!, i];
          if (keep(d, r)) out.push([d, r, pd[q]!]);
        }
      }
      return out;
    };
    let kept = 0;
    for (const side of [a, b]) {
      const on = (d: number, r: number) => side.car[d] === side.id && side.rider[r] === side.id;
      const s = sideCandidates(cand, side);
      expect(triples(s.dStart, s.dR, s.dPd, true, () => true)).toEqual(triples(cand.dStart, cand.dR, cand.dPd, true, on));
      expect(triples(s.rStart, s.rD, s.rPd, false, () => true)).toEqual(triples(cand.rStart, cand.rD, cand.rPd, false, on));
      expect(s.pairs).toBe(s.dR.length);
      kept += s.pairs;
    }
    // The line is drawn where few pairs cross it.
    expect(kept).toBeGreaterThan(0.9 * cand.pairs);
    expect(kept).toBeLessThan(cand.pairs);
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
