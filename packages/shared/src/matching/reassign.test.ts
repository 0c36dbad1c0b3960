import { describe, expect, test } from 'vitest';
import { carsAt, driverWith, onMeridian, riderAt } from '../../test/matching.ts';
import { mulberry32 } from './perturb.ts';
import { minCostMatching, reassign } from './reassign.ts';
import type { MatchDriver, MatchRider } from './types.ts';

const EVENT = onMeridian(51);
const driver = driverWith({ seats: 4, maxDetourKm: 100 });

/** The least total cost over every matching (each left and right node at most once), by enumeration. */
function bruteForce(nR: number, eU: number[], eC: number[], eCost: number[]): number {
  let best = 0;
  const go = (j: number, used: number, cost: number) => {
    if (j === nR) {
      best = Math.min(best, cost);
      return;
    }
    go(j + 1, used, cost);
    for (let e = 0; e < eU.length; e++) {
      if (eC[e] === j && ((used >> eU[e]!) & 1) === 0) go(j + 1, used | (1 << eU[e]!), cost + eCost[e]!);
    }
  };
  go(0, 0, 0);
  return best;
}

describe('minCostMatching', () => {
  test('finds the least-cost matching on small random graphs (people-sized and positive costs mixed)', () => {
    const rand = mulberry32(7);
    for (let t = 0; t < 500; t++) {
      const nL = 1 + Math.floor(rand() * 6);
      const nR = 1 + Math.floor(rand() * 5);
      const eU: number[] = [];
      const eC: number[] = [];
      const eCost: number[] = [];
      for (let i = 0; i < nL; i++) {
        for (let j = 0; j < nR; j++) {
          if (rand() < 0.4) continue;
          eU.push(i);
          eC.push(j);
          eCost.push(Math.floor(rand() * 20) - (rand() < 0.8 ? 1e6 * (1 + Math.floor(rand() * 3)) : 0));
        }
      }
      const match = minCostMatching(nL, nR, eU, eC, eCost);
      let cost = 0;
      const usedL = new Set<number>();
      for (let j = 0; j < nR; j++) {
        const e = match[j]!;
        if (e < 0) continue;
        expect(eC[e]).toBe(j);
        expect(usedL.has(eU[e]!)).toBe(false);
        usedL.add(eU[e]!);
        cost += eCost[e]!;
      }
      expect(cost).toBeCloseTo(bruteForce(nR, eU, eC, eCost), 6);
    }
  });
});

const setUp = (drivers: MatchDriver[], riders: MatchRider[]) => carsAt(EVENT, drivers, riders);

describe('reassign', () => {
  test('untangles a three-car cycle no swap of two cars can fix in one move, at the same people', () => {
    // Parties of four in four-seat cars: each car takes one party, and each party lives next to one car.
    const drivers = [0, 1, 2].map((k) => driver(`d${k}`, { origin: onMeridian(50, 0.2 * k) }));
    const riders = [0, 1, 2].map((k) => riderAt(`r${k}`, onMeridian(50.01, 0.2 * k), { seats: 4 }));
    const { inst, cand, cars, put } = setUp(drivers, riders);
    put(0, 1);
    put(1, 2);
    put(2, 0);
    const before = cars.score();
    reassign(inst, cars, cand, 1, 8);
    const after = cars.score();
    expect(after.people).toBe(before.people);
    expect(after.detour).toBeLessThan(before.detour);
    expect([...cars.carOf]).toEqual([0, 1, 2]);
  });

  test('carries more people when a released party can move to make room for a larger one', () => {
    // Car 0 (2 seats) holds a lone rider who fits car 1 (1 seat); a party of two waits near car 0.
    const drivers = [driver('d0', { seats: 2 }), driver('d1', { seats: 1, origin: onMeridian(50, 0.05) })];
    const riders = [riderAt('r0', onMeridian(50.02, 0.03)), riderAt('r1', onMeridian(50.02), { seats: 2 })];
    const { inst, cand, cars, put } = setUp(drivers, riders);
    put(0, 0);
    reassign(inst, cars, cand, 1, 8);
    expect(cars.score().people).toBe(3);
    expect([...cars.carOf]).toEqual([1, 0]);
  });

  test('leaves a solution alone when no exchange improves it', () => {
    const drivers = [0, 1].map((k) => driver(`d${k}`, { origin: onMeridian(50, 0.2 * k) }));
    const riders = [0, 1].map((k) => riderAt(`r${k}`, onMeridian(50.01, 0.2 * k), { seats: 4 }));
    const { inst, cand, cars, put } = setUp(drivers, riders);
    put(0, 0);
    put(1, 1);
    const before = cars.score();
    expect(reassign(inst, cars, cand, 3, 8).improvements).toBe(0);
    expect(cars.score()).toEqual(before);
  });
});
