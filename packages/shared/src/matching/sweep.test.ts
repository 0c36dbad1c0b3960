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
