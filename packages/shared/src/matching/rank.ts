import type { LatLng } from '../geo.ts';
import { DEFAULT_ROAD_FACTOR, routeDetour, withinLimit } from './geometry.ts';
import { Instance } from './instance.ts';
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
  /** With hubs: the hub the rider boards at (null: at home). Absent without hubs, coaches or a time rule. */
  hubId?: string | null;
  /** With `arriveByMs`: when the car reaches the event. */
  arriveMs?: number | null;
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
  if ((opts.hubs?.length ?? 0) > 0 || opts.arriveByMs !== undefined || offers.some((o) => o.hubsOnly)) {
    return sortOffers(rankTimed(request, offers, event, opts));
  }
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
  return sortOffers(out);
}

function sortOffers(out: RankedOffer[]): RankedOffer[] {
  return out.sort(
    (a, b) =>
      a.detourKm - b.detourKm ||
      a.offer.departureMs - b.offer.departureMs ||
      (a.offer.id < b.offer.id ? -1 : a.offer.id > b.offer.id ? 1 : 0),
  );
}

/**
 * rankOffers with hubs, coaches or a time rule: the matcher's own pricing (./instance.ts) — the rider boards at their
 * nearest reachable hub if they have a hub reach (at home otherwise), a coach takes hub riders only, pickups on one hub
 * are one stop, and the route must reach the event by `arriveByMs`, waiting for riders who are not ready yet.
 */
function rankTimed(request: MatchRider, offers: readonly MatchDriver[], event: LatLng, opts: MatchOptions): RankedOffer[] {
  const inst = new Instance(offers, [request], event, opts);
  const out: RankedOffer[] = [];
  const none: number[] = [];
  const one = [0];
  const hub = inst.rHub[0]!;
  const reach = hub >= 0 ? inst.reachableHubs(0).filter((h) => h !== hub) : [];
  for (let d = 0; d < inst.nD; d++) {
    // Back at their own hub first: a coach takes hub riders only (`compatible`), whatever the car before tried.
    inst.setHub(0, hub);
    if (!inst.compatible(d, 0)) continue;
    // Where the matcher would board them when their hub does not fit this car (`hubPass`): another hub in reach the
    // car already stops at, else (not a coach) at home.
    const fh = inst.fixedHub[d];
    const tries = hub < 0 ? [hub] : [hub, ...reach.filter((h) => fh?.includes(h)), ...(inst.dCoach[d] === 0 ? [-1] : [])];
    let after = Number.POSITIVE_INFINITY;
    for (const h of tries) {
      inst.setHub(0, h);
      after = inst.routeDetour(d, one, 1);
      if (after <= inst.dLim[d]!) break;
    }
    if (!(after <= inst.dLim[d]!)) continue;
    const offer = inst.drivers[d]!;
    const accepted = offer.acceptedRiders ?? [];
    const plan = inst.lastStops(d, one, 1);
    const pickupOrder = plan.stops.flatMap((st) => st.pickups.map((p) => (p < accepted.length ? accepted[p]!.id : request.id)));
    const before = accepted.length === 0 ? 0 : inst.routeDetour(d, none, 0);
    out.push({
      offer,
      detourKm: Math.max(0, after - before),
      routeDetourKm: after,
      pickupOrder,
      seatsLeft: offer.seats - request.seats,
      hubId: inst.rHub[0]! >= 0 ? inst.hubIds[inst.rHub[0]!]! : null,
      arriveMs: plan.arriveMs,
    });
  }
  return out;
}
