import type { LatLng } from '../geo.ts';
import { Cars, Instance } from './instance.ts';
import { OpenIndex } from './open.ts';
import type { Assignment, MatchDriver, MatchOptions, MatchRider } from './types.ts';

/**
 * The baseline: greedy nearest-first. Riders are taken one at a time, nearest to the event first (ties by id); each
 * takes the feasible car (free seats, access, whole-route limit) that its pickup adds the least detour to, ties by
 * earlier departure then driver id. Nothing is ever revisited. Deterministic.
 *
 * It considers EVERY feasible car, not a shortlist: open cars sit in a spatial index (./open.ts) that skips a group of
 * cars only when a lower bound proves none of them can take the rider or beat the best insertion found so far.
 */
export function greedyAssign(
  drivers: readonly MatchDriver[],
  riders: readonly MatchRider[],
  event: LatLng,
  opts: MatchOptions = {},
): Assignment {
  return runGreedy(new Instance(drivers, riders, event, opts)).toAssignment();
}

/** @internal */
export function runGreedy(inst: Instance): Cars {
  const cars = new Cars(inst);
  if (inst.nD === 0) return cars;
  const index = new OpenIndex(inst, cars);
  cars.index = index;
  const { nR, rRE } = inst;
  const order = Array.from({ length: nR }, (_, i) => i).sort((a, b) => rRE[a]! - rRE[b]! || a - b);
  for (const r of order) {
    const b = index.best(r, -1);
    if (b) cars.add(r, b[0], b[1]);
  }
  cars.index = null;
  return cars;
}
