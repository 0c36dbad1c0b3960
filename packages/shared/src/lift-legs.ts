import type { LatLng } from './geo.ts';
import type { LiftLeg } from './enums.ts';
import { DEFAULT_ROAD_FACTOR, legKm } from './matching/geometry.ts';
import { driverFromOffer, type OfferRow, type RequestRow, riderFromRequest } from './matching/rows.ts';
import { type AcceptedPickup, DEFAULT_SPEED_KMH, type MatchDriver, type MatchRider } from './matching/types.ts';

/** An offer's seat counts for both legs. */
export interface LegSeats {
  seats: number;
  seatsTaken: number;
  returnSeatsTaken: number;
}

/** Free seats on the lift back (counted apart from the way there). */
export function returnSeatsLeft(offer: Pick<LegSeats, 'seats' | 'returnSeatsTaken'>): number {
  return offer.seats - offer.returnSeatsTaken;
}

/** Free seats on one leg. */
export function seatsLeftOn(offer: LegSeats, leg: LiftLeg): number {
  return leg === 'RETURN' ? returnSeatsLeft(offer) : offer.seats - offer.seatsTaken;
}

/**
 * A driver as the matcher sees them on one leg. Road distances are symmetric, so the way back (venue → drop-offs →
 * home) adds the same detour as the way there (home → pickups → venue) through the same people: the same matcher
 * plans both, with the seats free back, the riders agreed back, and the time the lift back leaves (ties only).
 */
export function driverOnLeg(
  o: OfferRow & Pick<LegSeats, 'returnSeatsTaken'> & { returnDepartAt: Date | null },
  leg: LiftLeg,
  accepted: readonly AcceptedPickup[] = [],
): MatchDriver {
  const driver = driverFromOffer(o, accepted);
  if (leg === 'OUTBOUND') return driver;
  return { ...driver, seats: returnSeatsLeft(o), departureMs: (o.returnDepartAt ?? o.departAt).getTime() };
}

/** A rider on one leg: on the way back there is no "ready from" (that is for the pickup before the event). */
export function riderOnLeg(r: RequestRow, leg: LiftLeg): MatchRider {
  const { readyMs: _ready, ...rider } = riderFromRequest(r);
  return leg === 'OUTBOUND' ? riderFromRequest(r) : rider;
}

/**
 * When a lift back reaches each of its stops, ms: it leaves the venue at `departMs` and calls at the way there's stops
 * in reverse (the last pickup is the first drop-off), driving the same road model at the same speed as the matcher.
 * `stops` in the order the matcher plans them (home → stops → venue); the answer maps each rider to their stop's time.
 */
export function dropOffTimes(
  stops: readonly { point: LatLng; riderIds: readonly string[] }[],
  venue: LatLng,
  departMs: number,
  { roadFactor = DEFAULT_ROAD_FACTOR, speedKmh = DEFAULT_SPEED_KMH }: { roadFactor?: number; speedKmh?: number } = {},
): Map<string, number> {
  const at = new Map<string, number>();
  let t = departMs;
  let from = venue;
  for (let i = stops.length - 1; i >= 0; i--) {
    const stop = stops[i]!;
    t += (legKm(from, stop.point, roadFactor) / speedKmh) * 3_600_000;
    for (const id of stop.riderIds) at.set(id, t);
    from = stop.point;
  }
  return at;
}

/** A stop on an agreed way there: where it is, and when the last rider boarding there is ready (null: any time). */
export interface TimedStop {
  point: LatLng;
  readyMs: number | null;
}

type Road = { roadFactor?: number; speedKmh?: number };

const driveMs = (a: LatLng, b: LatLng, { roadFactor = DEFAULT_ROAD_FACTOR, speedKmh = DEFAULT_SPEED_KMH }: Road) =>
  (legKm(a, b, roadFactor) / speedKmh) * 3_600_000;

/**
 * When a car leaving `origin` at `departMs` leaves each of `stops` (in order) and reaches `venue`: as the matcher plans
 * it, it waits at a stop until everyone boarding there is ready.
 */
export function routeTimes(origin: LatLng, stops: readonly TimedStop[], venue: LatLng, departMs: number, road: Road = {}): { atMs: number[]; arriveMs: number } {
  const atMs: number[] = [];
  let t = departMs;
  let from = origin;
  for (const s of stops) {
    t = Math.max(t + driveMs(from, s.point, road), s.readyMs ?? Number.NEGATIVE_INFINITY);
    atMs.push(t);
    from = s.point;
  }
  return { atMs, arriveMs: t + driveMs(from, venue, road) };
}

/**
 * The latest a car can leave `origin` and, through `stops` in order (waiting for riders not yet ready), reach `venue`
 * by `arriveByMs`; null when no departure can (a rider is ready too late for it).
 */
export function latestDeparture(origin: LatLng, stops: readonly TimedStop[], venue: LatLng, arriveByMs: number, road: Road = {}): number | null {
  let latest = arriveByMs;
  let to = venue;
  for (let i = stops.length - 1; i >= 0; i--) {
    const s = stops[i]!;
    latest -= driveMs(s.point, to, road);
    if ((s.readyMs ?? Number.NEGATIVE_INFINITY) > latest) return null;
    to = s.point;
  }
  return latest - driveMs(origin, to, road);
}
