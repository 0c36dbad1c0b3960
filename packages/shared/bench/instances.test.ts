import { describe, expect, it } from 'vitest';
import { distanceKm } from '../src/geo.ts';
import { generate, loadOutcodes, type Shape, suiteSpecs } from './instances.ts';

const event = { lat: 53.8, lng: -1.55 };
const base: Shape = {
  where: { kind: 'uniform', radiusKm: 10 },
  detour: 'mixed',
  parties: 'small',
  fleet: 'cars',
  riders: 200,
  drivers: 60,
};

describe('instance generators', () => {
  it('are deterministic for a seed and differ between seeds', () => {
    expect(generate(base, 7, event)).toEqual(generate(base, 7, event));
    expect(generate(base, 8, event).riders).not.toEqual(generate(base, 7, event).riders);
    const outcodes = loadOutcodes();
    const clustered: Shape = { ...base, where: { kind: 'outcodes', radiusKm: 60 } };
    expect(generate(clustered, 3, event, outcodes)).toEqual(generate(clustered, 3, event, outcodes));
  });

  it('make the counts, places, seats, parties and limits the shape asks for', () => {
    const u = generate({ ...base, where: { kind: 'uniform', radiusKm: 30 }, detour: 'tight' }, 1, event);
    expect(u.riders).toHaveLength(200);
    expect(u.drivers).toHaveLength(60);
    expect(new Set([...u.riders, ...u.drivers].map((p) => p.id)).size).toBe(260);
    for (const p of [...u.riders, ...u.drivers]) expect(distanceKm(p.origin, event)).toBeLessThanOrEqual(30.01);
    for (const d of u.drivers) {
      expect(d.maxDetourKm).toBeGreaterThanOrEqual(0.5);
      expect(d.maxDetourKm).toBeLessThanOrEqual(4);
      expect([1, 2, 3, 4]).toContain(d.seats);
    }
    expect(new Set(u.riders.map((r) => r.seats))).toEqual(new Set([1, 2, 3]));

    const fours = generate({ ...base, parties: 'fours', fleet: 'fours' }, 2, event);
    expect(fours.riders.every((r) => r.seats === 4) && fours.drivers.every((d) => d.seats === 4)).toBe(true);
    const mini = generate({ ...base, fleet: 'minibuses', detour: 'loose' }, 2, event);
    expect(mini.drivers.every((d) => d.seats === 8 && d.maxDetourKm >= 30 && d.maxDetourKm <= 80)).toBe(true);
    const mix = generate({ ...base, riders: 0, drivers: 2000, fleet: 'realistic' }, 4, event);
    const eights = mix.drivers.filter((d) => d.seats === 8).length;
    expect(eights).toBeGreaterThan(60);
    expect(eights).toBeLessThan(140);
    expect(mix.drivers.every((d) => d.seats === 8 || (d.seats >= 1 && d.seats <= 4))).toBe(true);
    const big = generate({ ...base, riders: 2000, parties: 'one-to-four' }, 5, event);
    expect(new Set(big.riders.map((r) => r.seats))).toEqual(new Set([1, 2, 3, 4]));

    const one = generate({ ...base, where: { kind: 'one-point', offsetKm: 15 } }, 6, event);
    const spot = one.riders[0]!.origin;
    expect([...one.riders, ...one.drivers].every((p) => p.origin.lat === spot.lat && p.origin.lng === spot.lng)).toBe(true);
    expect(distanceKm(spot, event)).toBeCloseTo(15, 1);

    const plain = generate({ ...base, wheelchair: false }, 9, event);
    expect(plain.riders.some((r) => r.needsWheelchair) || plain.drivers.some((d) => d.wheelchairAccessible)).toBe(false);
  });

  it('add hubs, coaches and ready times from their own generator, leaving the rest of the instance as it was', () => {
    const plainShape: Shape = { ...base, riders: 400, drivers: 100 };
    const rally: Shape = { ...plainShape, hubs: { count: 8, reachKm: 5, share: 0.5 }, coaches: 4, times: { readyShare: 0.5, readySpreadMin: 120 } };
    const plain = generate(plainShape, 11, event);
    const r = generate(rally, 11, event);
    expect(plain.options).toEqual({});
    expect(r).toEqual(generate(rally, 11, event));
    expect(r.riders.map((x) => x.origin)).toEqual(plain.riders.map((x) => x.origin));
    expect(r.drivers.slice(0, 96)).toEqual(plain.drivers.slice(0, 96));
    expect(r.options.hubs).toHaveLength(8);
    const reach = r.riders.filter((x) => x.hubReachKm === 5).length;
    expect(reach).toBeGreaterThan(150);
    expect(reach).toBeLessThan(250);
    const coaches = r.drivers.slice(96);
    expect(coaches.every((d) => d.hubsOnly && d.seats >= 50 && d.seats <= 70)).toBe(true);
    expect(r.options.arriveByMs).toBeDefined();
    const ready = r.riders.filter((x) => x.readyMs !== undefined);
    expect(ready.length).toBeGreaterThan(150);
    expect(ready.every((x) => x.readyMs! <= r.options.arriveByMs! && x.readyMs! >= r.options.arriveByMs! - 120 * 60_000)).toBe(true);
  });

  it('the suite has ≥ 50 uniquely named instances, from ≤ 60 riders to 10,000 × 3,000 in the realistic mix', () => {
    const specs = suiteSpecs();
    expect(specs.length).toBeGreaterThanOrEqual(50);
    expect(new Set(specs.map((s) => s.name)).size).toBe(specs.length);
    const sizes = new Set(specs.map((s) => s.shape.riders));
    for (const n of [60, 100, 400, 1000, 10_000]) expect(sizes).toContain(n);
    expect(specs.some((s) => s.shape.riders === 10_000 && s.shape.drivers === 3000 && s.shape.fleet === 'realistic')).toBe(true);
    expect(new Set(specs.map((s) => s.shape.where.kind))).toEqual(new Set(['outcodes', 'uniform', 'one-point']));
  });
});
