import { expect } from 'vitest';
import { distanceKm, type LatLng } from '../src/geo.ts';
import { buildCandidates } from '../src/matching/candidates.ts';
import { Cars, Instance } from '../src/matching/instance.ts';
import { mulberry32 } from '../src/matching/perturb.ts';
import type { MatchDriver, MatchRider } from '../src/matching/types.ts';

/** Fixtures and an independent checker for the matching tests (haversine legs, every pickup order). */

/** Along a meridian the great circle is the meridian itself: 1° of latitude = R·π/180 km. */
export const KM_PER_DEG = (6371.0088 * Math.PI) / 180;

export const onMeridian = (lat: number, lng = 0): LatLng => ({ lat, lng });

/** The detour of the cheapest route D → every stop (each order tried) → E, with haversine legs. */
export function bruteForceDetour(d: LatLng, stops: LatLng[], e: LatLng, roadFactor: number): number {
  const leg = (a: LatLng, b: LatLng) => distanceKm(a, b) * roadFactor;
  let best = Number.POSITIVE_INFINITY;
  const go = (rest: LatLng[], at: LatLng, len: number) => {
    if (len >= best) return;
    if (rest.length === 0) {
      best = Math.min(best, len + leg(at, e));
      return;
    }
    rest.forEach((p, i) => {
      go([...rest.slice(0, i), ...rest.slice(i + 1)], p, len + leg(at, p));
    });
  };
  go(stops, d, 0);
  return best - leg(d, e);
}

/** A maker of drivers with these defaults (a lone seat, 10 km, from 50°N on the meridian unless given). */
export const driverWith =
  (defaults: Partial<MatchDriver> = {}) =>
  (id: string, over: Partial<MatchDriver> = {}): MatchDriver => ({
    id,
    origin: onMeridian(50),
    seats: 1,
    maxDetourKm: 10,
    wheelchairAccessible: false,
    departureMs: 0,
    ...defaults,
    ...over,
  });

/**
 * An instance at `event` (road factor 1.3), its candidate pairs, empty cars, and `put(r, d)`: rider r into car d
 * (indices), the route priced afresh.
 */
export function carsAt(event: LatLng, drivers: MatchDriver[], riders: MatchRider[]) {
  const inst = new Instance(drivers, riders, event, { roadFactor: 1.3 });
  const cand = buildCandidates(inst, inst.nR, inst.nD);
  const cars = new Cars(inst);
  return { inst, cand, cars, put: putIn(cars) };
}

/** `put(r, d)` for `cars`: rider r into car d (indices), the route priced afresh. */
export function putIn(cars: Cars): (r: number, d: number) => void {
  const { inst } = cars;
  return (r, d) => {
    const m = [...cars.members[d]!, r];
    cars.add(r, d, inst.routeDetour(d, m, m.length));
  };
}

/** Eight drivers (1–8 seats, limits from `minLimitKm` to 8 km more) and `nR` parties of 1–3, seeded, between 50° and 50.6°N. */
export function scatteredCars(rand: () => number, driver: ReturnType<typeof driverWith>, nR: number, minLimitKm: number) {
  const near = () => onMeridian(50 + rand() * 0.6, (rand() - 0.5) * 0.3);
  const drivers = Array.from({ length: 8 }, (_, i) =>
    driver(`d${i}`, { origin: near(), seats: 1 + Math.floor(rand() * 8), maxDetourKm: minLimitKm + rand() * 8 }),
  );
  const riders = Array.from({ length: nR }, (_, i) => riderAt(`r${i}`, near(), { seats: 1 + Math.floor(rand() * 3) }));
  return { drivers, riders, near };
}

/**
 * Every car of `cars` consistent and feasible: its riders point back to it, its free seats and detour (its base when
 * empty) are what its riders make, within its limit when used, and every carried rider is among its car's.
 */
export function expectConsistent(cars: Cars): void {
  const { inst } = cars;
  for (let d = 0; d < inst.nD; d++) {
    const m = cars.members[d]!;
    let seats = 0;
    for (const v of m) {
      expect(cars.carOf[v]).toBe(d);
      seats += inst.rSeats[v]!;
    }
    expect(cars.free[d]).toBe(inst.dSeats[d]! - seats);
    expect(cars.det[d]).toBeCloseTo(m.length === 0 ? cars.base[d]! : inst.routeDetour(d, m, m.length), 9);
    if (m.length > 0) expect(cars.det[d]!).toBeLessThanOrEqual(inst.dLim[d]! + 1e-9);
  }
  for (let v = 0; v < inst.nR; v++) if (cars.carOf[v]! >= 0) expect(cars.members[cars.carOf[v]!]).toContain(v);
}

export const riderAt = (id: string, origin: LatLng, over: Partial<MatchRider> = {}): MatchRider => ({
  id,
  origin,
  seats: 1,
  needsWheelchair: false,
  ...over,
});

/**
 * A rally's shape, seeded: riders and drivers scattered within about ±0.2° of latitude and ±0.3° of longitude of the
 * event, cars of 1–4 seats (15% accessible, 8 km limit), parties of 1–3 (5% needing an accessible car).
 */
export function scatteredRally(event: LatLng, nR: number, nD: number, seed: number): { drivers: MatchDriver[]; riders: MatchRider[] } {
  const rand = mulberry32(seed);
  const near = (): LatLng => ({ lat: event.lat + (rand() - 0.5) * 0.4, lng: event.lng + (rand() - 0.5) * 0.6 });
  const driver = driverWith({ maxDetourKm: 8 });
  const drivers = Array.from({ length: nD }, (_, i) =>
    driver(`d${i}`, { origin: near(), seats: 1 + Math.floor(rand() * 4), wheelchairAccessible: rand() < 0.15, departureMs: i }),
  );
  const riders = Array.from({ length: nR }, (_, i) =>
    riderAt(`r${i}`, near(), { seats: rand() < 0.8 ? 1 : 2 + Math.floor(rand() * 2), needsWheelchair: rand() < 0.05 }),
  );
  return { drivers, riders };
}
