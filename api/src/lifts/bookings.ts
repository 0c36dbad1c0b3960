import type { Rsvp } from '@rallypoint/prisma';
import type { Viewer } from '../context.ts';
import type { Tx } from '../db/change.ts';
import { EventFullError } from '../errors.ts';
import { rsvp } from '../rsvps/service.ts';
import { endOffer, endRequest } from './service.ts';

/**
 * A lift comes with a place at the event, booked in the lift's own change (run it with `queueKey:
 * placesQueue(eventId)`, as RSVPs are) through the RSVP service, so places are counted and never overbooked the same
 * way. A rider's party is their booking; a driver is booked alone.
 *
 * - Already going with a party at least this size: nothing changes. A smaller booking grows to the party.
 * - Full: a rider is refused with `EventFullError` unless they chose to join the waitlist (`joinWaitlist`); their
 *   request then waits with them. A rider already on the waitlist stays on it.
 * - A driver must have a place: full (or only waitlisted) refuses the offer. Their seats would vanish with them if
 *   they never got in, and the event's capacity is the organisers' promise, which a car does not change.
 *
 * - With shifts, a booking on any shift counts; someone with none is asked (by the RSVP service) to book a shift first.
 *
 * A refusal throws, so the change rolls back: no place, no lift, no e-mail.
 */
export async function bookForLift(
  tx: Tx,
  viewer: Viewer,
  eventId: string,
  booking: { party: number; side: 'DRIVER' | 'RIDER'; joinWaitlist?: boolean },
): Promise<Rsvp> {
  // Any live booking to the event counts (with shifts, a place on any of them).
  const held = await tx.rsvp.findFirst({
    where: { eventId, userId: viewer.id, status: { not: 'CANCELLED' } },
    orderBy: [{ status: 'asc' }, { seq: 'asc' }],
  });
  if (held && 1 + held.guests >= booking.party && (held.status === 'GOING' || booking.side === 'RIDER')) return held;
  const wasWaitlisted = held?.status === 'WAITLISTED';
  const guests = Math.max(booking.party - 1, held?.guests ?? 0);
  // A booking on a shift grows on that shift. With shifts and no booking yet, the RSVP service asks for a shift.
  const booked = await rsvp(tx, viewer, eventId, guests, held?.shiftId ?? null);
  if (booked.status === 'GOING') return booked;
  if (booking.side === 'DRIVER') {
    throw new EventFullError(
      'This event is full, and drivers need a place to offer a lift. Join the waitlist on the event page: once you have a place, you can offer your seats.',
      false,
    );
  }
  if (!booking.joinWaitlist && !wasWaitlisted) {
    throw new EventFullError(
      'This event is full, so we could not book you a place. Join the waitlist and keep your lift request? You will be told if a place frees up.',
      true,
    );
  }
  return booked;
}

/**
 * Someone who gave up their place (their last live booking of the event, waitlist included) is not travelling to it:
 * their lift offer and request end as if they had cancelled them, so the other sides hear and a driver's riders are
 * offered the next best car. Run in the cancelling change, after the booking is cancelled.
 */
export async function releaseLifts(tx: Tx, eventId: string, userId: string): Promise<void> {
  if ((await tx.rsvp.count({ where: { eventId, userId, status: { not: 'CANCELLED' } } })) > 0) return;
  const offer = await tx.liftOffer.findFirst({ where: { eventId, driverId: userId, status: 'OPEN' }, select: { id: true } });
  if (offer) await endOffer(tx, userId, offer.id);
  const request = await tx.liftRequest.findFirst({ where: { eventId, riderId: userId, status: { not: 'CANCELLED' } }, select: { id: true } });
  if (request) await endRequest(tx, userId, request.id);
}
