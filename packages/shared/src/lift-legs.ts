import type { LiftLeg } from './enums.ts';
import { driverFromOffer, type OfferRow, type RequestRow, riderFromRequest } from './matching/rows.ts';
import type { AcceptedPickup, MatchDriver, MatchRider } from './matching/types.ts';

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
