import type { Rsvp } from '@rallypoint/prisma';
import type { LiftTimes } from '@rallypoint/shared';
import type { Viewer } from '../context.ts';
import type { Tx } from '../db/change.ts';
import { EventFullError, NotFoundError, ValidationError } from '../errors.ts';
import { lockEvent } from '../events/lock.ts';
import { BOOKED } from '../rsvps/booked.ts';
import { rsvp } from '../rsvps/service.ts';
import { endOffer, endRequest, holdRequest, type LiftSettings } from './service.ts';

/**
 * A lift comes with a place at the event, booked in the lift's own change (run it with `queueKey:
 * placesQueue(eventId)`, as RSVPs are) through the RSVP service, so places are counted and never overbooked the same
 * way. A rider's party is their booking; a driver is booked alone.
 *
 * - Already going with a party at least this size: nothing changes. A smaller booking grows to the party.
 * - Full: a rider is refused with `EventFullError` unless they chose to join the waitlist (`joinWaitlist`); their
 *   request then waits with them (WAITING: no car is matched to it until they have a place). A rider already on the
 *   waitlist stays on it.
 * - A driver must have a place: full (or only waitlisted) refuses the offer. Their seats would vanish with them if
 *   they never got in, and the event's capacity is the organisers' promise, which a car does not change.
 * - With shifts, `shiftId` is the shift the lift is for: that shift is booked (or its booking used), with the same
 *   full / waitlist answer for that shift. Without one, a booking on any shift counts; someone with none is asked (by
 *   the RSVP service) to choose a shift.
 *
 * A refusal throws, so the change rolls back: no place, no lift, no e-mail.
 */
export async function bookForLift(
  tx: Tx,
  viewer: Viewer,
  eventId: string,
  booking: { party: number; side: 'DRIVER' | 'RIDER'; joinWaitlist?: boolean; shiftId?: string | null },
): Promise<Rsvp> {
  const shiftId = booking.shiftId ?? null;
  // Under the event's lock from here, so a promotion or cancellation never slips between reading the booking and
  // writing the lift.
  await lockEvent(tx, eventId);
  const held = await heldBooking(tx, eventId, viewer.id, shiftId);
  if (held && 1 + held.guests >= booking.party && (held.status === 'GOING' || booking.side === 'RIDER')) return held;
  const wasWaitlisted = held?.status === 'WAITLISTED';
  const guests = Math.max(booking.party - 1, held?.guests ?? 0);
  // A booking on a shift grows on that shift. With shifts and no shift chosen nor booked, the RSVP service asks for one.
  const booked = await rsvp(tx, viewer, eventId, guests, shiftId ?? held?.shiftId ?? null);
  if (booked.status === 'GOING') return booked;
  const what = booked.shiftId ? 'This shift' : 'This event';
  if (booking.side === 'DRIVER') {
    throw new EventFullError(
      `${what} is full, and drivers need a place to offer a lift. Join the waitlist on the event page: once you have a place, you can offer your seats.`,
      false,
    );
  }
  if (!booking.joinWaitlist && !wasWaitlisted) {
    throw new EventFullError(
      `${what} is full, so we could not book you a place. Join the waitlist and keep your lift request? It waits for a place, and you will be told if one frees up.`,
      true,
    );
  }
  return booked;
}

/**
 * The member's live booking of the event (of `shiftId` when given, else of a shift still to finish), a place before a
 * waitlist spot.
 */
function heldBooking(tx: Tx, eventId: string, userId: string, shiftId: string | null): Promise<Rsvp | null> {
  const which = shiftId ? { shiftId } : { OR: [{ shiftId: null }, { shift: { endsAt: { gt: new Date() } } }] };
  return tx.rsvp.findFirst({ where: { eventId, userId, status: BOOKED, ...which }, orderBy: [{ status: 'asc' }, { seq: 'asc' }] });
}

/**
 * The shift a member's lift is for, as `bookForLift` books it (the one chosen, else the one they hold a place on),
 * with the times the lift is planned around: that shift's, or the event's when it has no shifts.
 */
export async function liftShift(
  tx: Tx,
  userId: string,
  event: { id: string; startsAt: Date; endsAt: Date },
  chosen: string | null | undefined,
): Promise<{ shiftId: string | null; times: LiftTimes }> {
  await lockEvent(tx, event.id);
  const shiftId = chosen ?? (await heldBooking(tx, event.id, userId, null))?.shiftId ?? null;
  if (!shiftId) return { shiftId: null, times: event };
  const shift = await tx.eventShift.findFirst({ where: { id: shiftId, eventId: event.id }, select: { startsAt: true, endsAt: true } });
  if (!shift) throw new NotFoundError('That shift');
  if (shift.endsAt.getTime() <= Date.now()) throw ValidationError.field(['shiftId'], 'This shift has already finished');
  return { shiftId, times: { ...shift, shift: true } };
}

/** Whether the member has a place (a GOING booking) for a lift to `shiftId` (with none, on the event or any shift). */
export async function hasPlace(tx: Tx, eventId: string, userId: string, shiftId: string | null = null): Promise<boolean> {
  return (await tx.rsvp.count({ where: { eventId, userId, status: 'GOING', ...(shiftId ? { shiftId } : {}) } })) > 0;
}

/**
 * A member's lifts follow their bookings of the event: each lift its own shift's booking (on an event with shifts),
 * the event's otherwise. Run in the change that moved a booking (under the event's lock), after it moved:
 *
 * - No live booking left (they gave up their place or left the waitlist): the lift ends as if they had cancelled it;
 *   the other sides hear (an agreed lift is released, the driver told and the seats freed) and a driver's riders are
 *   offered the next best car.
 * - Only waitlisted (with shifts: they gave up the shift they had a place on): a driver's offer ends (drivers need a
 *   place); a request goes back to WAITING, its agreed lift or proposals ending the same way.
 * - A place (promoted off a waitlist, or booked): a WAITING request opens, to be matched like any other.
 */
export async function followBookings(tx: Tx, eventId: string, userId: string, settings: LiftSettings): Promise<void> {
  const live = await tx.rsvp.findMany({ where: { eventId, userId, status: BOOKED }, select: { status: true, shiftId: true } });
  const bookingsFor = (shiftId: string | null) => live.filter((r) => shiftId === null || r.shiftId === shiftId);
  const going = (shiftId: string | null) => bookingsFor(shiftId).some((r) => r.status === 'GOING');
  const offer = await tx.liftOffer.findFirst({ where: { eventId, driverId: userId, status: 'OPEN' }, select: { id: true, shiftId: true } });
  if (offer && !going(offer.shiftId)) await endOffer(tx, userId, offer.id, settings);
  const request = await tx.liftRequest.findFirst({
    where: { eventId, riderId: userId, status: { in: ['OPEN', 'MATCHED', 'WAITING'] } },
    select: { id: true, shiftId: true, status: true },
  });
  if (!request) return;
  if (going(request.shiftId)) {
    if (request.status === 'WAITING') await openWaitingRequest(tx, eventId, userId, request.shiftId);
  } else if (bookingsFor(request.shiftId).length === 0) {
    await endRequest(tx, userId, request.id);
  } else if (request.status !== 'WAITING') {
    await holdRequest(tx, request.id);
  }
}

/** The member has a place now (booked, or promoted off `shiftId`'s waitlist): their WAITING request for it opens. */
export async function openWaitingRequest(tx: Tx, eventId: string, userId: string, shiftId: string | null = null): Promise<void> {
  await tx.liftRequest.updateMany({ where: { eventId, riderId: userId, status: 'WAITING', ...(shiftId ? { shiftId } : {}) }, data: { status: 'OPEN' } });
}
