import { describe, expect, test } from 'vitest';
import { scatteredRally } from '../../test/matching.ts';
import { prepareRun } from './assign.ts';
import { type CandidatePart, type Candidates, candidateLists, driverLists, narrowedDriverLists, riderLists } from './candidates.ts';
import { Instance } from './instance.ts';
import { mulberry32 } from './perturb.ts';

const EVENT = { lat: 51.5, lng: -0.12 };

/** Per driver, its (rider, pair detour) entries in the order listed. */
function byDriver(side: CandidatePart): Map<number, [number, number][]> {
  const out = new Map<number, [number, number][]>();
  for (let k = 0; k < side.d.length; k++) {
    const d = side.d[k]!;
    if (!out.has(d)) out.set(d, []);
    out.get(d)!.push([side.r[k]!, side.v[k]!]);
  }
  return out;
}

/** Every (driver, rider) pair of a candidate graph, as "d:r". */
function pairsOf(c: Candidates): Set<string> {
  const out = new Set<string>();
  for (let d = 0; d + 1 < c.dStart.length; d++) for (let k = c.dStart[d]!; k < c.dStart[d + 1]!; k++) out.add(`${d}:${c.dR[k]}`);
  return out;
}

describe('candidate lists', () => {
  test('a driver side lists each driver’s riders cheapest first, and cut to k each it is the side listed at k', () => {
    const rand = mulberry32(5);
    for (let t = 0; t < 12; t++) {
      const { drivers, riders } = scatteredRally(EVENT, 40 + Math.floor(rand() * 200), 10 + Math.floor(rand() * 60), 300 + t);
      const inst = new Instance(drivers, riders, EVENT, { roadFactor: 1.3 });
      const k = 2 + Math.floor(rand() * 10);
      // A scan budget that never binds, so each side holds exactly each driver's cheapest.
      const wide = driverLists(inst, 3 * k, 1_000, false, 0, inst.nD);
      for (const list of byDriver(wide).values()) {
        for (let i = 1; i < list.length; i++) {
          const [[r0, v0], [r1, v1]] = [list[i - 1]!, list[i]!];
          expect(v0 < v1 || (v0 === v1 && r0 < r1)).toBe(true);
        }
      }
      const cut = byDriver(narrowedDriverLists(inst, wide, k));
      const direct = byDriver(driverLists(inst, k, 1_000, false, 0, inst.nD));
      expect([...cut.keys()]).toEqual([...direct.keys()]);
      for (const [d, list] of direct) expect(cut.get(d)).toEqual(list);
    }
  });

  test('the graph holds each pair of the parts once, each driver’s riders and each rider’s drivers ascending', () => {
    const { drivers, riders } = scatteredRally(EVENT, 300, 80, 42);
    const inst = new Instance(drivers, riders, EVENT, { roadFactor: 1.3 });
    const side = driverLists(inst, 6, 4, false, 0, inst.nD);
    const riderSide = riderLists(inst, [side], 4, 4, false, 0, inst.nR);
    // The same side twice, in two parts: duplicates are dropped, not counted twice.
    const half = side.d.findIndex((d) => d >= inst.nD >> 1);
    const parts = [side, riderSide, { d: side.d.slice(half), r: side.r.slice(half), v: side.v.slice(half) }];
    const c = candidateLists(inst, parts);
    const want = new Map<string, number>();
    for (const p of parts) for (let k = 0; k < p.d.length; k++) if (!want.has(`${p.d[k]}:${p.r[k]}`)) want.set(`${p.d[k]}:${p.r[k]}`, p.v[k]!);
    expect(c.pairs).toBe(want.size);
    expect(pairsOf(c)).toEqual(new Set(want.keys()));
    for (let d = 0; d < inst.nD; d++) {
      for (let k = c.dStart[d]!; k < c.dStart[d + 1]!; k++) {
        if (k > c.dStart[d]!) expect(c.dR[k]!).toBeGreaterThan(c.dR[k - 1]!);
        expect(c.dPd[k]).toBe(want.get(`${d}:${c.dR[k]}`));
      }
    }
    let seen = 0;
    for (let r = 0; r < inst.nR; r++) {
      for (let k = c.rStart[r]!; k < c.rStart[r + 1]!; k++) {
        if (k > c.rStart[r]!) expect(c.rD[k]!).toBeGreaterThan(c.rD[k - 1]!);
        expect(c.rPd[k]).toBe(want.get(`${c.rD[k]}:${r}`));
        seen++;
      }
    }
    expect(seen).toBe(c.pairs);
  });

  test('above 4,000 requests + drivers, with coaches or without, wide lists hold the others', () => {
    const big = scatteredRally(EVENT, 3_300, 1_000, 9);
    /** The wide lists are there, hold every narrow pair, and hold more. */
    const wideHoldsNarrow = ({ cand, wide }: ReturnType<typeof prepareRun>) => {
      expect(wide).not.toBeNull();
      const all = pairsOf(wide!);
      for (const p of pairsOf(cand)) expect(all.has(p)).toBe(true);
      expect(wide!.pairs).toBeGreaterThan(cand.pairs * 1.2);
    };
    const run = prepareRun(big.drivers, big.riders, EVENT, { roadFactor: 1.3 });
    wideHoldsNarrow(run);
    const { cand, wide, perDriver } = run;
    // Every driver keeps its perDriver cheapest riders of the wide lists.
    for (let d = 0; d < 1_000; d++) {
      const mine = new Set(Array.from(cand.dR.subarray(cand.dStart[d]!, cand.dStart[d + 1]!)));
      const order = Array.from({ length: wide!.dStart[d + 1]! - wide!.dStart[d]! }, (_, i) => wide!.dStart[d]! + i);
      order.sort((x, y) => wide!.dPd[x]! - wide!.dPd[y]! || wide!.dR[x]! - wide!.dR[y]!);
      for (const k of order.slice(0, perDriver)) expect(mine.has(wide!.dR[k]!)).toBe(true);
    }
    // Below that size, one set of lists.
    expect(prepareRun(big.drivers, big.riders.slice(0, 2_900), EVENT, { roadFactor: 1.3 }).wide).toBeNull();
    // With coaches too (there is no flow start, but the group re-solves, refills and re-assignments take them).
    const coach = { ...big.drivers[0]!, id: 'coach', seats: 50, hubsOnly: true };
    const hubs = [{ id: 'h', point: { lat: 51.52, lng: -0.1 } }];
    wideHoldsNarrow(prepareRun([...big.drivers, coach], big.riders, EVENT, { roadFactor: 1.3, hubs }));
  });
});
