import type { LatLng } from '../geo.ts';
import { DEFAULT_ROAD_FACTOR, routeDetour, withinLimit } from './geometry.ts';
import type { MatchDriver, MatchOptions, MatchRider } from './types.ts';

export interface RankedOffer {
  offer: MatchDriver;
  /** What picking this rider up adds to the driver's current route (accepted riders included), road km. */
  detourKm: number;
  /** The detour of the driver's whole route once this rider is added, road km (what the limit applies to). */
  routeDetourKm: number;
  /** Pickup order with this rider added: accepted riders' ids and the request's id. */
  pickupOrder: string[];
  /** Free seats left after this party boards. */
  seatsLeft: number;
}

/**
 * Ranks lift offers for one request: offers with enough free seats (`offer.seats` is FREE seats) and the right access,
 * whose whole route — the driver's already-accepted pickups plus this one, in the cheapest order — stays within the
 * driver's limit; sorted by the detour this pickup adds, then departure time, then offer id. Pure: the caller
 * prefilters offers near the rider (the GiST index) and passes those.
 */
export function rankOffers(
  request: MatchRider,
  offers: readonly MatchDriver[],
  event: LatLng,
  opts: MatchOptions = {},
): RankedOffer[] {
  const rf = opts.roadFactor ?? DEFAULT_ROAD_FACTOR;
  const out: RankedOffer[] = [];
  for (const offer of offers) {
    if (offer.seats < request.seats) continue;
    if (request.needsWheelchair && !offer.wheelchairAccessible) continue;
    const accepted = offer.acceptedRiders ?? [];
    const before = accepted.length === 0 ? 0 : routeDetour(offer, accepted, event, rf).detourKm;
    const stops = [...accepted, { id: request.id, origin: request.origin }];
    const after = routeDetour(offer, stops, event, rf);
    if (!withinLimit(after.detourKm, offer.maxDetourKm)) continue;
    out.push({
      offer,
      detourKm: Math.max(0, after.detourKm - before),
      routeDetourKm: after.detourKm,
      pickupOrder: after.order.map((i) => stops[i]!.id),
      seatsLeft: offer.seats - request.seats,
    });
  }
  return out.sort(
    (a, b) =>
      a.detourKm - b.detourKm ||
      a.offer.departureMs - b.offer.departureMs ||
      (a.offer.id < b.offer.id ? -1 : a.offer.id > b.offer.id ? 1 : 0),
  );
}
