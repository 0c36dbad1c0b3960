import { describe, expect, test } from 'vitest';
import { carsAt, driverWith, expectConsistent, onMeridian, putIn, riderAt, scatteredCars } from '../../test/matching.ts';
import { Cars, compareScore } from './instance.ts';
import { mulberry32 } from './perturb.ts';
import { mixCars, recombine } from './recombine.ts';
import type { CarAssignment } from './types.ts';

const car = (driverId: string, riderIds: string[], people: number, detourKm: number): CarAssignment => ({
  driverId,
  riderIds,
  pickupOrder: riderIds,
  people,
  detourKm,
  stops: riderIds.map((id) => ({ hubId: null, riderIds: [id], atMs: null })),
  arriveMs: null,
});
const total = (cars: CarAssignment[]) => [cars.reduce((s, c) => s + c.people, 0), cars.reduce((s, c) => s + c.detourKm, 0)];

describe('recombine', () => {
  test('takes each part from the answer better there, so the mix beats both', () => {
    // Part {d1, d2} (they share r1 between the answers): A carries 2 at 5 km, B 2 at 3 km. Part {d3}: A 1 at 1 km, B 1 at 4 km.
    const a = { cars: [car('d1', ['r1'], 1, 2), car('d2', ['r2'], 1, 3), car('d3', ['r3'], 1, 1)], unmatched: ['r4'] };
    const b = { cars: [car('d2', ['r1'], 1, 1), car('d1', ['r2'], 1, 2), car('d3', ['r4'], 1, 4)], unmatched: ['r3'] };
    const out = recombine([a, b]);
    expect(out.cars.map((c) => [c.driverId, c.riderIds])).toEqual([
      ['d1', ['r2']],
      ['d2', ['r1']],
      ['d3', ['r3']],
    ]);
    expect(out.unmatched).toEqual(['r4']);
    expect(total(out.cars)).toEqual([3, 4]);
    expect(recombine([b, a]).cars).toEqual(out.cars);
  });

  test('more people in a part beats less detour there; a part is taken whole, never split', () => {
    // B carries r1 and r2 in d1 and r3 in d2 (one part: r2 is in d1 in B, in d2 in A): 3 people at 9 km against A's
    // 2 at 1 km.
    const a = { cars: [car('d1', ['r1'], 1, 0.5), car('d2', ['r2'], 1, 0.5)], unmatched: ['r3'] };
    const b = { cars: [car('d1', ['r1', 'r2'], 2, 4), car('d2', ['r3'], 1, 5)], unmatched: [] };
    const out = recombine([a, b]);
    expect(out.cars).toEqual(b.cars);
    expect(out.unmatched).toEqual([]);
  });

  test('keeps the first answer where nothing is better, and every rider in at most one car', () => {
    const a = { cars: [car('d1', ['r1', 'r2'], 3, 2), car('d2', ['r3'], 1, 1)], unmatched: ['r4'] };
    const b = { cars: [car('d1', ['r1'], 1, 0), car('d2', ['r4'], 1, 2)], unmatched: ['r2', 'r3'] };
    const out = recombine([a, b]);
    expect(out.cars).toEqual(a.cars);
    const seen = out.cars.flatMap((c) => c.riderIds);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen, ...out.unmatched].sort()).toEqual(['r1', 'r2', 'r3', 'r4']);
  });
});

describe('mixCars', () => {
  const EVENT = onMeridian(51);
  const driver = driverWith({ seats: 4, maxDetourKm: 30 });

  test('takes each part from the copy better there: the mix beats both', () => {
    // Two cars far apart, each with two riders near it: x is better at car 0 (on its road), y at car 1.
    const drivers = [driver('d0', { maxDetourKm: 80 }), driver('d1', { origin: onMeridian(50, 1), maxDetourKm: 80 })];
    const riders = [
      riderAt('a', onMeridian(50.5)),
      riderAt('b', onMeridian(49.8)),
      riderAt('c', onMeridian(50.5, 1)),
      riderAt('e', onMeridian(49.8, 1)),
    ];
    const { inst, cars: x, put } = carsAt(EVENT, drivers, riders);
    const y = new Cars(inst);
    const putY = putIn(y);
    put(0, 0);
    put(3, 1);
    putY(1, 0);
    putY(2, 1);
    const [sx, sy] = [x.score(), y.score()];
    const mix = mixCars(x.clone(), y);
    expect([...mix.carOf]).toEqual([0, -1, 1, -1]);
    expect(mix.score().people).toBe(2);
    expect(mix.score().detour).toBeLessThan(Math.min(sx.detour, sy.detour) - 1);
  });

  test('random copies: each part as in one of them, consistent and feasible, never worse than either', () => {
    const rand = mulberry32(9);
    let fromBoth = 0;
    for (let trial = 0; trial < 40; trial++) {
      const { drivers, riders, near } = scatteredCars(rand, driver, 30, 3);
      // One car already carries a rider it accepted: its detour through that pickup alone is sunk (base > 0).
      drivers[0] = { ...drivers[0]!, acceptedRiders: [{ id: 'acc', origin: near() }] };
      const { inst, cars: x } = carsAt(EVENT, drivers, riders);
      const y = new Cars(inst);
      for (const cars of [x, y]) {
        const put = putIn(cars);
        for (let r = 0; r < inst.nR; r++) {
          const d = Math.floor(rand() * inst.nD);
          if (rand() < 0.7 && inst.rSeats[r]! <= cars.free[d]! && cars.detourWith(d, r, -1) <= inst.dLim[d]!) put(r, d);
        }
      }
      const mix = mixCars(x.clone(), y);
      expect(compareScore(mix.score(), x.score())).toBeGreaterThanOrEqual(0);
      expect(compareScore(mix.score(), y.score())).toBeGreaterThanOrEqual(0);
      const sets = (c: Cars, d: number) => [...c.members[d]!].sort((a, b) => a - b).join();
      // Parts, found apart from mixCars: cars linked by a rider one holds in x and another in y.
      const part = Array.from({ length: inst.nD }, (_, d) => d);
      for (let merged = true; merged; ) {
        merged = false;
        for (let r = 0; r < inst.nR; r++) {
          const [a, b] = [x.carOf[r]!, y.carOf[r]!];
          if (a >= 0 && b >= 0 && part[a] !== part[b]) {
            const [keep, drop] = [Math.min(part[a]!, part[b]!), Math.max(part[a]!, part[b]!)];
            for (let d = 0; d < inst.nD; d++) if (part[d] === drop) part[d] = keep;
            merged = true;
          }
        }
      }
      const sideOf = new Map<number, 'x' | 'y'>();
      let tookX = false;
      let tookY = false;
      for (let d = 0; d < inst.nD; d++) {
        expect(sets(mix, d) === sets(x, d) || sets(mix, d) === sets(y, d)).toBe(true);
        if (sets(x, d) !== sets(y, d)) {
          const side = sets(mix, d) === sets(x, d) ? 'x' : 'y';
          // A part is taken whole, from one copy.
          expect(sideOf.get(part[d]!) ?? side).toBe(side);
          sideOf.set(part[d]!, side);
          if (side === 'x') tookX = true;
          else tookY = true;
        }
      }
      expectConsistent(mix);
      if (tookX && tookY) fromBoth++;
    }
    expect(fromBoth).toBeGreaterThan(0);
  });
});
