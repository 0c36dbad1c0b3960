import { expect, test } from 'vitest';
import { driverWith, onMeridian, riderAt } from '../../test/matching.ts';
import { buildCandidates } from './candidates.ts';
import { Cars, Instance } from './instance.ts';
import { pairSweep } from './perturb.ts';

const EVENT = onMeridian(51);
const driver = driverWith({ seats: 1, maxDetourKm: 100 });

test('a costly car takes the rider on its way from a car that can refill from the unmatched', () => {
  // d0 drives up the meridian; d1 starts 0.1° east. y lies on d0's way, z on d1's; d0 holds x, off to the east.
  const drivers = [driver('d0', { origin: onMeridian(50) }), driver('d1', { origin: onMeridian(50, 0.1) })];
  const riders = [riderAt('x', onMeridian(50.2, 0.15)), riderAt('y', onMeridian(50.2)), riderAt('z', onMeridian(50.5, 0.05))];
  const inst = new Instance(drivers, riders, EVENT, { roadFactor: 1.3 });
  const cand = buildCandidates(inst, inst.nR, inst.nD);
  const cars = new Cars(inst);
  for (const [r, d] of [[0, 0], [1, 1]] as const) cars.add(r, d, inst.routeDetour(d, [r], 1));
  const before = cars.score();

  const swept = pairSweep(inst, cars, cand, [0], 16, 1_000);

  expect(swept.improvements).toBe(1);
  expect(cars.score().people).toBe(before.people);
  expect(cars.score().detour).toBeLessThan(before.detour);
  expect([...cars.carOf]).toEqual([-1, 0, 1]);
  // Nothing left to gain: a second sweep changes nothing.
  expect(pairSweep(inst, cars, cand, [0, 1], 16, 1_000).improvements).toBe(0);
});

test('a costly car re-solved with a car cheaper for its rider that no candidate list links to it', () => {
  // a starts east of the meridian and holds v; e drives up the meridian, holds w and has a seat free. v lies nearly on
  // e's way, but with lists one long e's holds w and v's holds a: only the rider side can find e.
  const drivers = [
    driver('a', { origin: onMeridian(50, 0.2) }),
    driver('e', { origin: onMeridian(50), seats: 2 }),
  ];
  const riders = [riderAt('v', onMeridian(50.4, 0.03)), riderAt('w', onMeridian(50.1, -0.005))];
  const inst = new Instance(drivers, riders, EVENT, { roadFactor: 1.3 });
  const [a, e, v, w] = [0, 1, 0, 1];
  const cand = buildCandidates(inst, 1, 1);
  const linked = (d: number, r: number) =>
    cand.dR.subarray(cand.dStart[d]!, cand.dStart[d + 1]!).includes(r) ||
    cand.rD.subarray(cand.rStart[r]!, cand.rStart[r + 1]!).includes(d);
  expect(inst.pair(e, v)).toBeLessThan(inst.pair(a, v));
  expect(linked(e, v)).toBe(false);
  expect(linked(a, w)).toBe(false);
  const seat = () => {
    const cars = new Cars(inst);
    cars.add(v, a, inst.routeDetour(a, [v], 1));
    cars.add(w, e, inst.routeDetour(e, [w], 1));
    return cars;
  };

  // The candidate side alone finds nothing to pair a with.
  const alone = seat();
  expect(pairSweep(inst, alone, cand, [a], 16, 1_000).improvements).toBe(0);
  expect([...alone.carOf]).toEqual([a, e]);

  const cars = seat();
  const before = cars.score();
  expect(pairSweep(inst, cars, cand, [a], 16, 1_000, 1, 16).improvements).toBe(1);
  expect(cars.score().people).toBe(before.people);
  expect(cars.score().detour).toBeLessThan(before.detour);
  expect([...cars.carOf]).toEqual([e, e]);
});
