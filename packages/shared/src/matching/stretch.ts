import type { LatLng } from '../geo.ts';
import { DEFAULT_ROAD_FACTOR, pairDetour, routeDetour } from './geometry.ts';
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
  const order = (a: StretchOption, b: StretchOption) =>
    a.extraKm - b.extraKm ||
    a.offer.departureMs - b.offer.departureMs ||
    (a.offer.id < b.offer.id ? -1 : a.offer.id > b.offer.id ? 1 : 0);
  // Any route through the rider is at least D → R → E, so the pair detour bounds the route's from below: cars are
  // tried cheapest bound first, and once `limit` are found no car whose bound is worse can beat them.
  const cars = offers
    .filter((o) => o.seats >= request.seats && (!request.needsWheelchair || o.wheelchairAccessible))
    .map((offer) => ({ offer, bound: Math.max(0, pairDetour(offer.origin, request.origin, event, rf)) - offer.maxDetourKm }))
    .sort((a, b) => a.bound - b.bound);
  const out: StretchOption[] = [];
  for (const { offer, bound } of cars) {
    if (opts.limit !== undefined && out.length >= opts.limit && bound > out[opts.limit - 1]!.extraKm) break;
    const stops = [...(offer.acceptedRiders ?? []), { id: request.id, origin: request.origin }];
    const routeDetourKm = Math.max(0, routeDetour(offer, stops, event, rf).detourKm);
    if (opts.maxLimitKm !== undefined && routeDetourKm > opts.maxLimitKm) continue;
    out.push({ offer, routeDetourKm, extraKm: Math.max(0, routeDetourKm - offer.maxDetourKm) });
    out.sort(order);
  }
  return opts.limit === undefined ? out : out.slice(0, opts.limit);
}
