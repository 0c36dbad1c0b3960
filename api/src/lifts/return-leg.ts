import type { LiftLeg, LiftOffer, LiftRequest } from '@rallypoint/prisma';
import { plural, seatsLeftOn } from '@rallypoint/shared';
import type { DbOrTx } from '../db/change.ts';
import { ValidationError } from '../errors.ts';

/**
 * The lift back is its own leg: a rider who asked for one (`returnTrip`) can be taken home by any driver who offers
 * seats back, whoever (if anyone) takes them there. Its seats are counted apart (`returnSeatsTaken`), and a rider has
 * at most one agreed lift each way (a partial unique index backs that up).
 */

/** A rider only on the waitlist is matched to no car until they have a place. */
export const WAITING_FOR_PLACE = 'This rider is on the waitlist, waiting for a place: they can be given a lift once they have one';

/** Whether this request can still be given a lift on `leg` (throws the reason it cannot); run under the rows' locks. */
export async function checkLegOpen(
  db: DbOrTx,
  offer: LiftOffer,
  request: LiftRequest,
  leg: LiftLeg,
  field?: 'matchId',
): Promise<void> {
  const fail = (path: 'offerId' | 'requestId', message: string) => ValidationError.field([field ?? path], message);
  if (request.status === 'WAITING') throw fail('requestId', WAITING_FOR_PLACE);
  if (leg === 'OUTBOUND') {
    if (request.status !== 'OPEN') throw fail('requestId', 'This rider already has a lift');
    return;
  }
  if (!offer.returnTrip) throw fail('offerId', 'This driver is not offering a lift back');
  if (!request.returnTrip) throw fail('requestId', 'This rider has not asked for a lift back');
  if (request.status === 'CANCELLED') throw fail('requestId', 'This lift request is cancelled');
  const back = await db.liftMatch.count({ where: { requestId: request.id, leg: 'RETURN', status: 'ACCEPTED' } });
  if (back > 0) throw fail('requestId', 'This rider already has a lift back');
}

/** Why this car has no room for this party on `leg`, or null. */
export function noRoomOn(offer: LiftOffer, party: number, leg: LiftLeg): string | null {
  const left = seatsLeftOn(offer, leg);
  if (left >= party) return null;
  if (leg === 'RETURN') return left <= 0 ? 'This car has no seats back left' : `This car has only ${plural(left, 'seat', 'seats')} back left`;
  return left <= 0 ? 'This car is full' : `This car has only ${plural(left, 'seat')} left`;
}

/** The seat counter a leg books. */
export const takenOn = (leg: LiftLeg) => (leg === 'RETURN' ? ('returnSeatsTaken' as const) : ('seatsTaken' as const));

/** Of these requests, those that can still be given a lift back (asked for one, have a place, none agreed yet). */
export async function needingLiftBack<R extends Pick<LiftRequest, 'id' | 'status' | 'returnTrip'>>(db: DbOrTx, requests: readonly R[]): Promise<R[]> {
  const asked = requests.filter((r) => r.returnTrip && (r.status === 'OPEN' || r.status === 'MATCHED'));
  if (asked.length === 0) return [];
  const agreed = await db.liftMatch.findMany({
    where: { requestId: { in: asked.map((r) => r.id) }, leg: 'RETURN', status: 'ACCEPTED' },
    select: { requestId: true },
  });
  const done = new Set(agreed.map((m) => m.requestId));
  return asked.filter((r) => !done.has(r.id));
}
