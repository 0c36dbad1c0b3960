import { describe, expect, test } from 'vitest';
import { driverWith, riderAt, scatteredRally } from '../../test/matching.ts';
import { buildCandidates, type Candidates } from './candidates.ts';
import { Instance } from './instance.ts';
import { mulberry32 } from './perturb.ts';
import { minCostFlow, roundedCostFlow } from './flow.ts';

const EVENT = { lat: 51.5, lng: -0.12 };

/** People sent, and cost per person from `perPerson`, of a flow; throws if it breaks a capacity. */
function measure(inst: Instance, cand: Candidates, flow: Int32Array, perPerson: (pd: number, seats: number) => number) {
  const inR = new Int32Array(inst.nR);
  const inD = new Int32Array(inst.nD);
  let people = 0;
  let cost = 0;
  for (let d = 0; d < inst.nD; d++) {
    for (let k = cand.dStart[d]!; k < cand.dStart[d + 1]!; k++) {
      const r = cand.dR[k]!;
      const f = flow[k]!;
      if (f < 0 || f > inst.rSeats[r]!) throw new Error('pair over capacity');
      inR[r]! += f;
      inD[d]! += f;
      people += f;
      cost += f * perPerson(cand.dPd[k]!, inst.rSeats[r]!);
    }
  }
  for (let r = 0; r < inst.nR; r++) if (inR[r]! > inst.rSeats[r]!) throw new Error('party over its size');
  for (let d = 0; d < inst.nD; d++) if (inD[d]! > inst.dSeats[d]!) throw new Error('car over its seats');
  return { people, cost };
}

describe('roundedCostFlow', () => {
  test('sends as many people as the exact flow, at the least rounded cost, within a unit a person of its cost', () => {
    const rand = mulberry32(11);
    for (let t = 0; t < 60; t++) {
      const nR = 5 + Math.floor(rand() * 60);
      const nD = 2 + Math.floor(rand() * 25);
      const { drivers, riders } = scatteredRally(EVENT, nR, nD, 1000 + t);
      const inst = new Instance(drivers, riders, EVENT, { roadFactor: 1.3 });
      const cand = buildCandidates(inst, 1 + Math.floor(rand() * nR), 1 + Math.floor(rand() * 4));
      const unit = [0.001, 0.01, 0.1, 1][t % 4]!;
      const exactCost = (pd: number, s: number) => Math.max(0, pd) / s;
      const rounded = (pd: number, s: number) => Math.round(Math.max(0, pd) / s / unit);
      const exact = minCostFlow(inst, cand);
      const ours = roundedCostFlow(inst, cand, unit);
      const e = measure(inst, cand, exact, exactCost);
      const o = measure(inst, cand, ours, exactCost);
      expect(o.people).toBe(e.people);
      // No flow of as many people is cheaper in rounded units: the exact one is such a flow.
      expect(measure(inst, cand, ours, rounded).cost).toBeLessThanOrEqual(measure(inst, cand, exact, rounded).cost);
      expect(o.cost).toBeGreaterThanOrEqual(e.cost - 1e-9);
      expect(o.cost).toBeLessThanOrEqual(e.cost + unit * o.people + 1e-9);
    }
  });

  test('gives a car only two riders can reach to those two, and the nearer car to the third', () => {
    const driver = driverWith({ maxDetourKm: 3, seats: 2 });
    const drivers = [driver('far', { origin: { lat: 51.3, lng: -0.12 } }), driver('near', { origin: { lat: 51.45, lng: -0.12 } })];
    const riders = [
      riderAt('a', { lat: 51.3, lng: -0.125 }),
      riderAt('b', { lat: 51.301, lng: -0.12 }),
      riderAt('c', { lat: 51.449, lng: -0.12 }),
    ];
    const inst = new Instance(drivers, riders, EVENT, { roadFactor: 1.3 });
    const cand = buildCandidates(inst, 3, 2);
    const flow = roundedCostFlow(inst, cand, 0.01);
    const to = new Map<string, string>();
    for (let d = 0; d < inst.nD; d++) {
      for (let k = cand.dStart[d]!; k < cand.dStart[d + 1]!; k++) if (flow[k]! > 0) to.set(riders[cand.dR[k]!]!.id, drivers[d]!.id);
    }
    expect(Object.fromEntries(to)).toEqual({ a: 'far', b: 'far', c: 'near' });
  });
});
