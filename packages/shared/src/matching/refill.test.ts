import { describe, expect, test } from 'vitest';
import { carsAt, driverWith, expectConsistent, onMeridian, riderAt, scatteredCars } from '../../test/matching.ts';
import { mulberry32 } from './perturb.ts';
import { refill } from './refill.ts';
import type { MatchDriver, MatchRider } from './types.ts';

const EVENT = onMeridian(51);
const driver = driverWith({ seats: 8, maxDetourKm: 30 });

const setUp = (drivers: MatchDriver[], riders: MatchRider[]) => carsAt(EVENT, drivers, riders);

describe('refill', () => {
  test('swaps two parties off the route for four on it in one step, at the same people', () => {
    // A minibus holds two parties of four a few km behind its start; four parties of two wait on its road. No single
    // swap keeps eight people aboard.
    const riders = [
      riderAt('a', onMeridian(49.97), { seats: 4 }),
      riderAt('b', onMeridian(49.96), { seats: 4 }),
      ...[0.2, 0.4, 0.6, 0.8].map((dl, i) => riderAt(`w${i}`, onMeridian(50 + dl), { seats: 2 })),
    ];
    const { inst, cand, cars, put } = setUp([driver('d')], riders);
    put(0, 0);
    put(1, 0);
    expect(cars.score().detour).toBeGreaterThan(5);
    const r = refill(inst, cars, cand, [0], 24, 10_000);
    expect(r.improvements).toBe(1);
    expect(cars.score().people).toBe(8);
    expect(cars.score().detour).toBeLessThan(1e-6);
    expect([...cars.carOf]).toEqual([-1, -1, 0, 0, 0, 0]);
  });

  test('takes a rider from another car that refills from those waiting', () => {
    // Car 0 (one seat) carries x, from behind its start. y, near its road, rides car 1 (14 km east, on a road that
    // converges), which could take z, near its own road but too far for car 0, for a little more.
    const drivers = [
      driver('d0', { seats: 1, maxDetourKm: 20 }),
      driver('d1', { seats: 1, origin: onMeridian(50, 0.2), maxDetourKm: 3 }),
    ];
    const riders = [
      riderAt('x', onMeridian(49.97)),
      riderAt('y', onMeridian(50.8, 0.04)),
      riderAt('z', onMeridian(50.1, 0.19)),
    ];
    const { inst, cand, cars, put } = setUp(drivers, riders);
    put(0, 0);
    put(1, 1);
    // x cannot ride car 1 (beyond its limit): x, y and z change places at once.
    expect(inst.routeDetour(1, [0], 1)).toBeGreaterThan(3);
    const before = cars.score();
    refill(inst, cars, cand, [0], 24, 10_000);
    const after = cars.score();
    expect(after.people).toBe(before.people);
    expect(after.detour).toBeLessThan(before.detour);
    expect([...cars.carOf]).toEqual([-1, 0, 1]);
  });

  test('on many cars at once, with exchanges, keeps every car consistent and feasible, never fewer people or more detour', () => {
    const rand = mulberry32(5);
    let exchanged = 0;
    for (let trial = 0; trial < 40; trial++) {
      const { drivers, riders } = scatteredCars(rand, driver, 40, 1);
      const { inst, cand, cars, put } = setUp(drivers, riders);
      for (let r = 0; r < inst.nR; r++) {
        const d = Math.floor(rand() * inst.nD);
        if (inst.rSeats[r]! <= cars.free[d]! && cars.detourWith(d, r, -1) <= inst.dLim[d]!) put(r, d);
      }
      const before = cars.score();
      const carsBefore = [...cars.carOf];
      const focus = Array.from({ length: inst.nD }, (_, d) => d).sort((a, b) => cars.det[b]! - cars.det[a]! || a - b);
      const r = refill(inst, cars, cand, focus, 24, 10_000);
      const after = cars.score();
      expect(after.people).toBeGreaterThanOrEqual(before.people);
      expect(after.detour).toBeLessThanOrEqual(before.detour + 1e-9);
      if (r.improvements > 0) expect(after.detour).toBeLessThan(before.detour);
      expectConsistent(cars);
      for (let d = 0; d < inst.nD; d++) expect(cars.det[d]!).toBeLessThanOrEqual(inst.dLim[d]! + 1e-9);
      for (let v = 0; v < inst.nR; v++) {
        // A rider who moved between two cars moved by an exchange.
        if (carsBefore[v]! >= 0 && cars.carOf[v]! >= 0 && carsBefore[v] !== cars.carOf[v]) exchanged++;
      }
    }
    expect(exchanged).toBeGreaterThan(0);
  });

  test('finds the best set of a car exactly (more people first, then the least detour below its own)', () => {
    const rand = mulberry32(11);
    for (let trial = 0; trial < 150; trial++) {
      const seats = 1 + Math.floor(rand() * 8);
      const near = () => onMeridian(50 + rand(), (rand() - 0.5) * 0.1);
      const riders = Array.from({ length: 9 }, (_, i) => riderAt(`r${i}`, near(), { seats: 1 + Math.floor(rand() * 3) }));
      const { inst, cand, cars, put } = setUp([driver('d', { seats, maxDetourKm: 2 + rand() * 10 })], riders);
      // Members: a feasible set drawn in order.
      for (let r = 0; r < inst.nR; r++) {
        if (rand() < 0.5 || inst.rSeats[r]! > cars.free[0]!) continue;
        if (cars.detourWith(0, r, -1) <= inst.dLim[0]!) put(r, 0);
      }
      const oldPeople = cars.score().people;
      const oldDet = cars.det[0]!;
      if (oldPeople === 0) continue;
      // Brute force over every subset.
      let best = { people: oldPeople, det: oldDet };
      for (let mask = 1; mask < 1 << inst.nR; mask++) {
        const set: number[] = [];
        let people = 0;
        for (let r = 0; r < inst.nR; r++) if ((mask >> r) & 1) [set[set.length], people] = [r, people + inst.rSeats[r]!];
        if (people > seats || people < oldPeople) continue;
        const t = inst.routeDetour(0, set, set.length);
        if (t > inst.dLim[0]! || t >= oldDet - 1e-9) continue;
        if (people > best.people || (people === best.people && t < best.det)) best = { people, det: t };
      }
      refill(inst, cars, cand, [0], 24, 1_000_000);
      expect(cars.score().people).toBe(best.people);
      expect(cars.det[0]!).toBeCloseTo(best.det, 9);
      expect(cars.det[0]!).toBeLessThanOrEqual(inst.dLim[0]!);
    }
  });
});
