import { distanceKm, type LatLng } from '../src/geo.ts';
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

export const riderAt = (id: string, origin: LatLng, over: Partial<MatchRider> = {}): MatchRider => ({
  id,
  origin,
  seats: 1,
  needsWheelchair: false,
  ...over,
});
