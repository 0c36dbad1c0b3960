import type { Candidates } from './candidates.ts';
import type { Cars, Instance } from './instance.ts';
import { UnassignedIndex } from './open.ts';

/**
 * Each car of `focus` (not coaches), in turn, filled again from scratch. Its candidates: up to `perCar` of the riders
 * out of a car (its own, taken out, among them) whose pickup alone costs it less than its route now, cheapest first,
 * and each of its candidate riders in another car that a rider out of a car can replace there (priced with that car's
 * added detour). The set carrying at least as many people at less total detour, taking at most one rider from each
 * other car, is found by branch and bound: a route through more pickups is never shorter, so a set grows only while
 * it beats the best (exactly so up to 12 pickups and, with times, up to the timed search's stops; beyond, a set may
 * be missed, never a wrong one kept). The search spends at most `evals` route evaluations per car. It swaps several
 * riders at once, where the searches' moves swap one: a minibus whose eight seats hold two parties of four off its
 * road, or a car whose one seat another car's rider could fill.
 */
export function refill(
  inst: Instance,
  cars: Cars,
  cand: Candidates,
  focus: readonly number[],
  perCar: number,
  evals: number,
): { improvements: number; evals: number } {
  const pool = new UnassignedIndex(inst, cars);
  const was = cars.riderIndex;
  cars.riderIndex = pool;
  const { rSeats, dCoach } = inst;
  const list: number[] = [];
  const bestSet: number[] = [];
  const bestAt: number[] = [];
  const at: number[] = [];
  let spent = 0;
  let improvements = 0;
  // Candidates of the car in hand: rider, added cost elsewhere, the car it leaves (−1: unmatched) and who takes its place there.
  const cu: number[] = [];
  const cx: number[] = [];
  const cc: number[] = [];
  const cw: number[] = [];
  const key: number[] = [];
  // Per rider in a car, a replacement there (−1: none below `cacheBelow`), kept while that car is unchanged: the best
  // when it was looked for, not looked for again among riders out of a car since.
  const stamp = new Int32Array(inst.nD);
  const seenAt = new Int32Array(inst.nR);
  const cacheW = new Int32Array(inst.nR);
  const cacheC = new Int32Array(inst.nR);
  const cacheT = new Float64Array(inst.nR);
  const cacheBelow = new Float64Array(inst.nR);
  for (const d of focus) {
    if (dCoach[d] === 1) continue;
    const members = [...cars.members[d]!];
    if (members.length === 0) continue;
    const oldDet = cars.det[d]!;
    let oldPeople = 0;
    for (const v of members) oldPeople += rSeats[v]!;
    for (const v of members) cars.remove(v, oldDet);
    const n = pool.bestReplacements(d, -1, 1, cars.free[d]!, oldDet, 0, perCar);
    let m = 0;
    for (let i = 0; i < n; i++) {
      cu[m] = pool.foundU[i]!;
      key[m] = pool.foundT[i]!;
      cx[m] = 0;
      cc[m] = -1;
      cw[m++] = -1;
    }
    // Riders of other cars, each with the unmatched rider who would take its place there.
    for (let k = cand.dStart[d]!; k < cand.dStart[d + 1]!; k++) {
      const u = cand.dR[k]!;
      const c = cars.carOf[u]!;
      // The pair's detour alone bounds its route from below.
      if (c < 0 || c === d || dCoach[c] === 1 || cand.dPd[k]! >= oldDet || !inst.compatible(d, u)) continue;
      list[0] = u;
      const single = inst.routeDetour(d, list, 1, oldDet);
      spent++;
      if (single >= oldDet || single > inst.dLim[d]!) continue;
      const p = rSeats[u]!;
      const below = cars.det[c]! + oldDet - single;
      if (!(cacheC[u] === c && seenAt[u] === stamp[c]! + 1 && (cacheW[u]! < 0 ? cacheBelow[u]! >= below : cars.carOf[cacheW[u]!] === -1))) {
        const r = pool.bestReplacement(c, u, p, p + cars.free[c]!, below);
        seenAt[u] = stamp[c]! + 1;
        cacheC[u] = c;
        cacheBelow[u] = below;
        cacheW[u] = r ? r[0] : -1;
        cacheT[u] = r ? r[1] : 0;
      }
      const w = cacheW[u]!;
      if (w < 0 || cacheT[u]! >= below) continue;
      // Priced at no less than 0: a set is then never credited more than it gains.
      const extra = Math.max(0, cacheT[u]! - cars.det[c]!);
      if (single + extra >= oldDet) continue;
      cu[m] = u;
      key[m] = single + extra;
      cx[m] = extra;
      cc[m] = c;
      cw[m++] = w;
    }
    spent += pool.evals;
    pool.evals = 0;
    const ord = Array.from({ length: m }, (_, i) => i).sort((a, b) => key[a]! - key[b]! || a - b);
    const cap = cars.free[d]!;
    let bestPeople = oldPeople;
    let bestT = oldDet - 1e-9;
    let bestK = -1;
    let left = evals;
    const usedCar = new Set<number>();
    const usedW = new Set<number>();
    const inSet = new Set<number>();
    const dfs = (from: number, k: number, seats: number, extra: number): void => {
      for (let j = from; j < m && left > 0; j++) {
        const i = ord[j]!;
        const u = cu[i]!;
        const s = seats + rSeats[u]!;
        if (s > cap || inSet.has(u) || usedW.has(u)) continue;
        const c = cc[i]!;
        if (c >= 0 && (usedCar.has(c) || inSet.has(cw[i]!) || usedW.has(cw[i]!))) continue;
        const x = extra + cx[i]!;
        if (x >= (bestPeople >= cap ? bestT : oldDet)) continue;
        list[k] = u;
        at[k] = i;
        left--;
        const t = inst.routeDetour(d, list, k + 1, (bestPeople >= cap ? bestT : oldDet) - x);
        if (t > inst.dLim[d]! || t + x >= oldDet - 1e-9) continue;
        if (t + x >= bestT && bestPeople >= cap) continue;
        if (s > bestPeople || (s === bestPeople && t + x < bestT)) {
          bestPeople = s;
          bestT = t + x;
          bestK = k + 1;
          for (let q = 0; q <= k; q++) [bestSet[q], bestAt[q]] = [list[q]!, at[q]!];
        }
        if (s < cap) {
          inSet.add(u);
          if (c >= 0) {
            usedCar.add(c);
            usedW.add(cw[i]!);
          }
          dfs(j + 1, k + 1, s, x);
          inSet.delete(u);
          if (c >= 0) {
            usedCar.delete(c);
            usedW.delete(cw[i]!);
          }
        }
      }
    };
    dfs(0, 0, 0, 0);
    spent += evals - left;
    if (bestK < 0) {
      for (const v of members) cars.add(v, d, oldDet);
      continue;
    }
    const chosen = bestSet.slice(0, bestK);
    // Exchanges first: each chosen rider in another car is replaced there.
    for (let q = 0; q < bestK; q++) {
      const i = bestAt[q]!;
      const c = cc[i]!;
      if (c < 0) continue;
      const t = cars.detourWith(c, cw[i]!, cu[i]!);
      cars.remove(cu[i]!, t);
      cars.add(cw[i]!, c, t);
      stamp[c]!++;
    }
    const t = inst.routeDetour(d, chosen, chosen.length);
    for (const v of chosen) cars.add(v, d, t);
    stamp[d]!++;
    improvements++;
  }
  cars.riderIndex = was;
  return { improvements, evals: spent };
}
