import { describe, expect, test } from 'vitest';
import { mipPeopleBound } from '../../test/bound-mip.ts';
import { solveExact } from '../../test/exact.ts';
import type { LatLng } from '../geo.ts';
import { peopleBounds } from './bound.ts';
import { Instance } from './instance.ts';
import { mulberry32 as prng } from './perturb.ts';
import type { MatchDriver, MatchHub, MatchOptions, MatchRider } from './types.ts';

// The bounds must never be below the optimum: checked against HiGHS's exact optimum (plain instances) and against
// brute force over every assignment (hubs, coaches, ready times, a deadline).

const RF = 1.3;
const SEED = 20261203;

const EVENT: LatLng = { lat: 52.48, lng: -1.9 };
const within = (rand: () => number, km: number): LatLng => {
  const r = km * Math.sqrt(rand());
  const th = rand() * 2 * Math.PI;
  return { lat: EVENT.lat + (r * Math.cos(th)) / 111.32, lng: EVENT.lng + (r * Math.sin(th)) / (111.32 * Math.cos((EVENT.lat * Math.PI) / 180)) };
};

/** Crowded and tight, where the max flow is loose: 8–16 parties of 1–4, 3–6 cars of 1–4 seats or minibuses of 8. */
function plain(seed: number): { drivers: MatchDriver[]; riders: MatchRider[] } {
  const rand = prng(seed);
  const nR = 8 + Math.floor(rand() * 9);
  const nD = 3 + Math.floor(rand() * 4);
  const riders = Array.from({ length: nR }, (_, i) => {
    const u = rand();
    return { id: `r${i}`, origin: within(rand, 8), seats: u < 0.5 ? 1 : u < 0.75 ? 2 : u < 0.9 ? 3 : 4, needsWheelchair: rand() < 0.05 };
  });
  const drivers = Array.from({ length: nD }, (_, i) => ({
    id: `d${i}`,
    origin: within(rand, 10),
    seats: rand() < 0.25 ? 8 : 1 + Math.floor(rand() * 4),
    maxDetourKm: 0.5 + rand() * 5,
    wheelchairAccessible: rand() < 0.2,
    departureMs: 0,
    ...(rand() < 0.15 ? { acceptedRiders: [{ id: `a${i}`, origin: within(rand, 8) }] } : {}),
  }));
  return { drivers, riders };
}

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 5, 9);

/** 5–7 parties, 2–3 vehicles (a coach of 10 at hubs only, half the time), 1–3 hubs, hub reach, ready times, a deadline. */
function rally(seed: number): { drivers: MatchDriver[]; riders: MatchRider[]; opts: MatchOptions } {
  const rand = prng(seed);
  const hubs: MatchHub[] = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, i) => ({ id: `h${i}`, point: within(rand, 6) }));
  const nD = 2 + Math.floor(rand() * 2);
  const drivers: MatchDriver[] = Array.from({ length: nD }, (_, i) => {
    const coach = i === 0 && rand() < 0.5;
    return {
      id: `d${i}`,
      origin: within(rand, 10),
      seats: coach ? 10 : 1 + Math.floor(rand() * 4),
      maxDetourKm: (coach ? 4 : 1) + rand() * 5,
      wheelchairAccessible: true,
      departureMs: T0 + Math.floor(rand() * 20) * MIN,
      ...(coach ? { hubsOnly: true } : {}),
    };
  });
  const riders: MatchRider[] = Array.from({ length: 5 + Math.floor(rand() * 3) }, (_, i) => ({
    id: `r${i}`,
    origin: within(rand, 8),
    seats: 1 + Math.floor(rand() * 3),
    needsWheelchair: false,
    ...(rand() < 0.6 ? { hubReachKm: 1 + rand() * 5 } : {}),
    ...(rand() < 0.5 ? { readyMs: T0 + Math.floor(rand() * 40) * MIN } : {}),
  }));
  const opts: MatchOptions = { roadFactor: RF, hubs, ...(rand() < 0.7 ? { arriveByMs: T0 + (25 + Math.floor(rand() * 20)) * MIN } : {}) };
  return { drivers, riders, opts };
}

/**
 * The optimum by brute force, under the matcher's rules (a rider with a hub in reach boards at one of those hubs, else
 * at home; routes priced by `Instance.routeDetour`, exact for these sizes, time included): per driver, every rider set
 * with every choice of hubs; then the best disjoint choice over drivers.
 */
function bruteForce(drivers: MatchDriver[], riders: MatchRider[], event: LatLng, opts: MatchOptions): number {
  const inst = new Instance(drivers, riders, event, opts);
  const { nD, nR } = inst;
  const options = Array.from({ length: nR }, (_, r) => (inst.rHub[r]! >= 0 ? inst.reachableHubs(r) : [-1]));
  const full = 1 << nR;
  const best = new Int32Array(full).fill(-1);
  best[0] = 0;
  for (let d = 0; d < nD; d++) {
    const value = new Int32Array(full).fill(-1);
    value[0] = 0;
    for (let mask = 1; mask < full; mask++) {
      const set: number[] = [];
      let seats = 0;
      for (let r = 0; r < nR; r++) {
        if (!(mask & (1 << r))) continue;
        set.push(r);
        seats += inst.rSeats[r]!;
      }
      if (seats > inst.dSeats[d]! || set.some((r) => !inst.compatible(d, r))) continue;
      const choose = (i: number): boolean => {
        if (i === set.length) return inst.routeDetour(d, set, set.length) <= inst.dLim[d]!;
        for (const h of options[set[i]!]!) {
          if (h >= 0) inst.setHub(set[i]!, h);
          if (choose(i + 1)) return true;
        }
        return false;
      };
      if (choose(0)) value[mask] = seats;
    }
    const next = Int32Array.from(best);
    for (let mask = 0; mask < full; mask++) {
      if (best[mask]! < 0) continue;
      const rest = (full - 1) & ~mask;
      for (let sub = rest; sub > 0; sub = (sub - 1) & rest) {
        if (value[sub]! >= 0 && best[mask]! + value[sub]! > next[mask | sub]!) next[mask | sub] = best[mask]! + value[sub]!;
      }
    }
    best.set(next);
  }
  return Math.max(...best);
}

describe('people upper bounds', () => {
  test('never below the exact optimum (HiGHS); route caps and the integer programme never above the max flow', async () => {
    const seen = { loose: 0, capsTighter: 0, mipTighter: 0 };
    for (let seed = 1; seed <= 60; seed++) {
      const { drivers, riders } = plain(SEED + seed);
      const opts = { roadFactor: RF };
      const x = await solveExact(drivers, riders, EVENT, { ...opts, timeLimitSec: 20, warmStart: null });
      expect(x.status, `seed ${seed}`).not.toBe('not-computed');
      if (x.status === 'not-computed') continue;
      const opt = x.assignment.stats.peopleMatched;
      const b = peopleBounds(drivers, riders, EVENT, opts);
      const m = await mipPeopleBound(drivers, riders, EVENT, { ...opts, timeLimitSec: 20 });
      expect(b.routeCapped, `seed ${seed}`).toBeGreaterThanOrEqual(opt);
      expect(b.routeCapped).toBeLessThanOrEqual(b.maxFlow);
      expect(m!.people, `seed ${seed}`).toBeGreaterThanOrEqual(opt);
      expect(m!.people).toBeLessThanOrEqual(b.routeCapped);
      if (b.maxFlow > opt) seen.loose++;
      if (b.routeCapped < b.maxFlow) seen.capsTighter++;
      if (m!.people < b.routeCapped) seen.mipTighter++;
    }
    // The instances are ones where the max flow is loose, and both new bounds tighten it somewhere.
    expect(seen.loose, JSON.stringify(seen)).toBeGreaterThan(10);
    expect(seen.capsTighter, JSON.stringify(seen)).toBeGreaterThan(3);
    expect(seen.mipTighter, JSON.stringify(seen)).toBeGreaterThan(3);
  }, 300_000);

  test('with hubs, coaches, ready times and a deadline: never below the brute-force optimum', async () => {
    const seen = { loose: 0, capsTighter: 0, mipTighter: 0 };
    for (let seed = 1; seed <= 150; seed++) {
      const { drivers, riders, opts } = rally(SEED + seed);
      const opt = bruteForce(drivers, riders, EVENT, opts);
      const b = peopleBounds(drivers, riders, EVENT, opts);
      const m = await mipPeopleBound(drivers, riders, EVENT, { ...opts, timeLimitSec: 10 });
      expect(b.routeCapped, `seed ${seed}`).toBeGreaterThanOrEqual(opt);
      expect(b.routeCapped).toBeLessThanOrEqual(b.maxFlow);
      expect(m!.people, `seed ${seed}`).toBeGreaterThanOrEqual(opt);
      if (b.maxFlow > opt) seen.loose++;
      if (b.routeCapped < b.maxFlow) seen.capsTighter++;
      if (m!.people < b.routeCapped) seen.mipTighter++;
    }
    expect(seen.loose, JSON.stringify(seen)).toBeGreaterThan(10);
    expect(seen.capsTighter + seen.mipTighter, JSON.stringify(seen)).toBeGreaterThan(3);
  }, 300_000);
});
