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

/**
 * @internal With `beat` (people to exceed, and per rider whether any car could take it alone), stops and returns null
 * as soon as the people matched so far plus every reachable party still to come fall below it (it could not even tie)
 * — the only question the caller asks then — else the same greedy solution.
 */
export function runGreedy(inst: Instance): Cars;
export function runGreedy(inst: Instance, beat: { people: number; reachable: (r: number) => boolean }): Cars | null;
export function runGreedy(inst: Instance, beat?: { people: number; reachable: (r: number) => boolean }): Cars | null {
  const cars = new Cars(inst);
  if (inst.nD === 0) return beat && beat.people > 0 ? null : cars;
  const index = new OpenIndex(inst, cars);
  cars.index = index;
  const { nR, rRE, rSeats } = inst;
  const order = Array.from({ length: nR }, (_, i) => i).sort((a, b) => rRE[a]! - rRE[b]! || a - b);
  // People greedy could still carry: those matched plus every reachable party not yet taken or turned away.
  let most = 0;
  if (beat) {
    for (let r = 0; r < nR; r++) if (beat.reachable(r)) most += rSeats[r]!;
    if (most < beat.people) return null;
  }
  for (const r of order) {
    const b = index.best(r, -1);
    if (b) cars.add(r, b[0], b[1]);
    else if (beat?.reachable(r)) {
      most -= rSeats[r]!;
      if (most < beat.people) {
        cars.index = null;
        return null;
      }
    }
  }
  cars.index = null;
  return cars;
}
