import type { LatLng } from '../geo.ts';
import { DEFAULT_ROAD_FACTOR, routeDetour } from './geometry.ts';
import type { MatchDriver, MatchOptions, MatchRider } from './types.ts';

export interface StretchOption {
  offer: MatchDriver;
  /** The whole route's detour with this rider added (the limit the driver would need), road km. */
  routeDetourKm: number;
  /** How far that is beyond the driver's current limit (0 when it already fits), road km. */
  extraKm: number;
}

export interface StretchOptions extends MatchOptions {
  /** The highest limit a driver may set: cars that would need more are left out. */
  maxLimitKm?: number;
  /** At most this many, nearest first. */
  limit?: number;
}

/**
 * For a rider no car can take: the cars with room and the right access, with how much further than its limit each
 * driver's whole route would go with this rider picked up too (the driver's other pickups kept, cheapest order, the
 * same road model as `rankOffers`), least first, then departure, then id. The caller passes each car's free seats
 * and its pickups so far (accepted, and any proposed that hold a seat).
 */
export function stretchOptions(
  request: MatchRider,
  offers: readonly MatchDriver[],
  event: LatLng,
  opts: StretchOptions = {},
): StretchOption[] {
  const rf = opts.roadFactor ?? DEFAULT_ROAD_FACTOR;
  const out: StretchOption[] = [];
  for (const offer of offers) {
    if (offer.seats < request.seats) continue;
    if (request.needsWheelchair && !offer.wheelchairAccessible) continue;
    const stops = [...(offer.acceptedRiders ?? []), { id: request.id, origin: request.origin }];
    const routeDetourKm = Math.max(0, routeDetour(offer, stops, event, rf).detourKm);
    if (opts.maxLimitKm !== undefined && routeDetourKm > opts.maxLimitKm) continue;
    out.push({ offer, routeDetourKm, extraKm: Math.max(0, routeDetourKm - offer.maxDetourKm) });
  }
  out.sort(
    (a, b) =>
      a.extraKm - b.extraKm ||
      a.offer.departureMs - b.offer.departureMs ||
      (a.offer.id < b.offer.id ? -1 : a.offer.id > b.offer.id ? 1 : 0),
  );
  return opts.limit === undefined ? out : out.slice(0, opts.limit);
}
