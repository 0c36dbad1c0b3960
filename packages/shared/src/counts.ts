/** The numbers anyone may see about an event's places and lifts, computed the same way wherever they are shown. */

/** Places still free: null when the event has no limit, never below zero. */
export function placesLeft(event: { capacity: number | null; goingCount: number }): number | null {
  return event.capacity === null ? null : Math.max(0, event.capacity - event.goingCount);
}

/** Free seats in one car. */
export function seatsLeft(offer: { seats: number; seatsTaken: number }): number {
  return offer.seats - offer.seatsTaken;
}

/** Free seats over a set of (open) lift offers. */
export function liftSeatsAvailable(offers: readonly { seats: number; seatsTaken: number }[]): number {
  return offers.reduce((n, o) => n + seatsLeft(o), 0);
}

/** People still looking for a lift over a set of (open) requests: parties counted in full. */
export function liftSeatsWanted(requests: readonly { seats: number }[]): number {
  return requests.reduce((n, r) => n + r.seats, 0);
}
