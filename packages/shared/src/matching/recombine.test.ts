import { describe, expect, test } from 'vitest';
import { recombine } from './recombine.ts';
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
