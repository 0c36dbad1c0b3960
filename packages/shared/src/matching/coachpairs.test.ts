import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { LatLng } from '../geo.ts';
import { regroupCoaches } from './coachpairs.ts';
import { Cars, Instance } from './instance.ts';
import type { MatchDriver, MatchHub, MatchRider } from './types.ts';

const EVENT: LatLng = { lat: 51.5, lng: -0.1 };
const T0 = Date.UTC(2026, 11, 5, 9);
const MIN = 60_000;
const km = (northKm: number, eastKm = 0): LatLng => ({
  lat: EVENT.lat + northKm / 111.2,
  lng: EVENT.lng + eastKm / (111.2 * Math.cos((EVENT.lat * Math.PI) / 180)),
});
const coach = (id: string, origin: LatLng, seats: number, maxDetourKm = 60, departureMs = T0): MatchDriver => ({
  id,
  origin,
  seats,
  maxDetourKm,
  wheelchairAccessible: true,
  departureMs,
  hubsOnly: true,
});

/** Each coach's riders (by index), its detour, and the detour its route really has. */
function coachState(inst: Instance, cars: Cars) {
  return Array.from({ length: inst.nD }, (_, d) => {
    const m = [...cars.members[d]!].sort((a, b) => a - b);
    return { members: m, det: cars.det[d]!, priced: m.length === 0 ? cars.base[d]! : inst.routeDetour(d, m, m.length) };
  });
}

/** The same riders in the same coaches, on another instance of the same people (priced by its rules). */
function carsLike(inst: Instance, from: Cars): Cars {
  const cars = new Cars(inst);
  for (let d = 0; d < inst.nD; d++) {
    const m = from.members[d]!;
    for (let i = 0; i < m.length; i++) cars.add(m[i]!, d, inst.routeDetour(d, m, i + 1));
  }
  return cars;
}

describe('coaches re-share their riders hub by hub', () => {
  test('two coaches each stopping at both hubs end up with one hub each: same people, far less detour', () => {
    // Hub w lies on coach a's way in from the west, hub e on coach b's from the east.
    const hubs: MatchHub[] = [
      { id: 'e', point: km(0, 20) },
      { id: 'w', point: km(0, -20) },
    ];
    const riders: MatchRider[] = Array.from({ length: 24 }, (_, i) => ({
      id: `r${String(i).padStart(2, '0')}`,
      origin: km(0.5 * (i % 3), i < 12 ? 20 : -20),
      seats: 1 + (i % 2),
      needsWheelchair: false,
      hubReachKm: 3,
    }));
    const drivers = [coach('a', km(0, -30), 18), coach('b', km(0, 30), 18)];
    const inst = new Instance(drivers, riders, EVENT, { hubs });
    const cars = new Cars(inst);
    // Crossed: each coach takes half of each hub's riders.
    for (let r = 0; r < inst.nR; r++) {
      const d = r % 12 < 6 ? 0 : 1;
      const list = [...cars.members[d]!, r];
      cars.add(r, d, inst.routeDetour(d, list, list.length));
    }
    const before = cars.score();
    expect(before.detour).toBeGreaterThan(70);
    // Bounded by routes priced: with none to spend, nothing moves.
    const crossed = coachState(inst, cars);
    expect(regroupCoaches(inst, cars, false, 0)).toBe(0);
    expect(coachState(inst, cars)).toEqual(crossed);

    expect(regroupCoaches(inst, cars)).toBeGreaterThan(0);
    const after = cars.score();
    expect(after.people).toBe(before.people);
    expect(after.detour).toBeLessThan(1);
    const hubOf = (d: number) => new Set(cars.members[d]!.map((r) => inst.hubIds[inst.rHub[r]!]));
    expect([...hubOf(0)]).toEqual(['w']);
    expect([...hubOf(1)]).toEqual(['e']);
    for (const s of coachState(inst, cars)) expect(s.det).toBeCloseTo(s.priced, 9);
  });

  test('a split that would make a coach late is not taken', () => {
    // Coach a comes in from the west past hub w, whose riders are ready only at T0 + 25 min; hub e is just off its way
    // in, so a could take everyone for far less detour than b's trip from the east — but waiting at w, then calling at
    // e, gets it there late. So b keeps e.
    const hubs: MatchHub[] = [
      { id: 'e', point: km(2, -4) },
      { id: 'w', point: km(0, -20) },
    ];
    const riders: MatchRider[] = Array.from({ length: 8 }, (_, i) => ({
      id: `r${i}`,
      origin: i < 4 ? km(2, -4) : km(0, -20),
      seats: 1,
      needsWheelchair: false,
      hubReachKm: 1,
      ...(i < 4 ? {} : { readyMs: T0 + 25 * MIN }),
    }));
    const drivers = [coach('a', km(0, -30), 8, 100, T0), coach('b', km(0, 30), 4, 100, T0 - 60 * MIN)];
    const inst = new Instance(drivers, riders, EVENT, { hubs, arriveByMs: T0 + 65 * MIN });
    const cars = new Cars(inst);
    for (let r = 0; r < inst.nR; r++) {
      const d = r < 4 ? 1 : 0;
      const list = [...cars.members[d]!, r];
      const t = inst.routeDetour(d, list, list.length);
      expect(t).toBeLessThanOrEqual(inst.dLim[d]!);
      cars.add(r, d, t);
    }
    const before = coachState(inst, cars);
    // Everyone on a: cheaper by km than b's detour, but late; so is b taking w (from the east, too far).
    expect(inst.routeDetour(0, [4, 0], 2, Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    const untimed = new Instance(drivers, riders, EVENT, { hubs });
    expect(untimed.routeDetour(0, [4, 0], 2)).toBeLessThan(before[1]!.det - 1);
    expect(regroupCoaches(untimed, carsLike(untimed, cars))).toBeGreaterThan(0);
    expect(regroupCoaches(inst, cars)).toBe(0);
    expect(coachState(inst, cars)).toEqual(before);
  });

  test('once the search is over, riders may board at another hub in reach, so a coach can drop a stop', () => {
    // Two 4-seat coaches from the same spot; hub n is just off their way in, hub s 2 km further off, both in reach of
    // everyone. Coach a holds n's riders, b holds s's: no split of the two hubs between them is cheaper, but s's
    // riders can walk to n.
    const hubs: MatchHub[] = [
      { id: 'n', point: km(20, 3) },
      { id: 's', point: km(20, 5) },
    ];
    const riders: MatchRider[] = Array.from({ length: 8 }, (_, i) => ({
      id: `r${i}`,
      origin: km(20, 4),
      seats: 1,
      needsWheelchair: false,
      hubReachKm: 1.5,
    }));
    const drivers = [coach('a', km(30, 0), 4), coach('b', km(30, 0), 4)];
    const inst = new Instance(drivers, riders, EVENT, { hubs });
    for (let r = 0; r < 8; r++) inst.setHub(r, r < 4 ? 0 : 1);
    const cars = new Cars(inst);
    for (let r = 0; r < inst.nR; r++) {
      const d = r < 4 ? 0 : 1;
      const list = [...cars.members[d]!, r];
      cars.add(r, d, inst.routeDetour(d, list, list.length));
    }
    const before = cars.score();
    expect(regroupCoaches(inst, cars)).toBe(0);
    expect(regroupCoaches(inst, cars, true)).toBeGreaterThan(0);
    const after = cars.score();
    expect(after.people).toBe(before.people);
    expect(after.detour).toBeLessThan(before.detour - 1);
    expect(Array.from(inst.rHub)).toEqual(new Array(8).fill(0));
    for (const s of coachState(inst, cars)) expect(s.det).toBeCloseTo(s.priced, 9);
  });

  test('property: the same riders stay on the coaches, every route fits (seats, limit, time), detour never rises', () => {
    const point = (spread: number) =>
      fc.record({
        lat: fc.double({ min: EVENT.lat - spread, max: EVENT.lat + spread, noNaN: true }),
        lng: fc.double({ min: EVENT.lng - 1.6 * spread, max: EVENT.lng + 1.6 * spread, noNaN: true }),
      });
    const world = fc.record({
      hubs: fc.array(point(0.2), { minLength: 1, maxLength: 5 }),
      coaches: fc.array(
        fc.record({ origin: point(0.4), seats: fc.integer({ min: 1, max: 12 }), lim: fc.double({ min: 0, max: 60, noNaN: true }), leave: fc.integer({ min: 0, max: 60 }) }),
        { minLength: 2, maxLength: 4 },
      ),
      riders: fc.array(
        fc.record({ hub: fc.nat(), seats: fc.integer({ min: 1, max: 4 }), ready: fc.option(fc.integer({ min: 0, max: 120 })), wheel: fc.integer({ min: 0, max: 6 }) }),
        { minLength: 1, maxLength: 30 },
      ),
      order: fc.array(fc.nat(), { minLength: 30, maxLength: 30 }),
      timed: fc.boolean(),
      reach: fc.double({ min: 0.5, max: 25, noNaN: true }),
      rehub: fc.boolean(),
    });
    fc.assert(
      fc.property(world, (w) => {
        const hubs: MatchHub[] = w.hubs.map((p, i) => ({ id: `h${i}`, point: p }));
        const drivers = w.coaches.map((c, i) => ({ ...coach(`c${i}`, c.origin, c.seats, c.lim, T0 + c.leave * MIN), wheelchairAccessible: i % 2 === 0 }));
        const riders: MatchRider[] = w.riders.map((r, i) => ({
          id: `r${String(i).padStart(2, '0')}`,
          origin: hubs[r.hub % hubs.length]!.point,
          seats: r.seats,
          needsWheelchair: r.wheel === 0,
          hubReachKm: w.reach,
          ...(r.ready !== null ? { readyMs: T0 + r.ready * MIN } : {}),
        }));
        const inst = new Instance(drivers, riders, EVENT, { hubs, ...(w.timed ? { arriveByMs: T0 + 150 * MIN } : {}) });
        const cars = new Cars(inst);
        // A feasible start: riders in turn, each into the first coach (from a drawn one on) it fits.
        for (let r = 0; r < inst.nR; r++) {
          for (let k = 0; k < inst.nD; k++) {
            const d = (w.order[r]! + k) % inst.nD;
            if (cars.free[d]! < inst.rSeats[r]! || !inst.compatible(d, r)) continue;
            const list = [...cars.members[d]!, r];
            const t = inst.routeDetour(d, list, list.length);
            if (t > inst.dLim[d]!) continue;
            cars.add(r, d, t);
            break;
          }
        }
        const carried = Array.from(cars.carOf, (d) => d >= 0);
        const before = cars.score();
        const hubsBefore = Array.from(inst.rHub);
        regroupCoaches(inst, cars, w.rehub);
        // A rider boards at their own hub or, re-hubbed, at another in reach; nobody boards anywhere else.
        for (let r = 0; r < inst.nR; r++) {
          if (inst.rHub[r] === hubsBefore[r]) continue;
          expect(w.rehub).toBe(true);
          expect(inst.reachableHubs(r)).toContain(inst.rHub[r]);
        }
        const after = cars.score();
        expect(Array.from(cars.carOf, (d) => d >= 0)).toEqual(carried);
        expect(after.people).toBe(before.people);
        expect(after.detour).toBeLessThanOrEqual(before.detour + 1e-9);
        for (let d = 0; d < inst.nD; d++) {
          const m = cars.members[d]!;
          expect(m.reduce((s, r) => s + inst.rSeats[r]!, 0)).toBeLessThanOrEqual(inst.dSeats[d]!);
          for (const r of m) expect(inst.compatible(d, r)).toBe(true);
          const priced = m.length === 0 ? cars.base[d]! : inst.routeDetour(d, m, m.length);
          if (m.length > 0) expect(priced).toBeLessThanOrEqual(inst.dLim[d]!);
          expect(cars.det[d]!).toBeCloseTo(priced, 9);
        }
      }),
      { numRuns: 300 },
    );
  });
});
