import type { LiftMatch, LiftOffer, LiftRequest, Prisma } from '@rallypoint/prisma';
import { type AssignResult, assign, type LatLng, type MatchOptions, rankOffers, riderOnLeg } from '@rallypoint/shared';
import type { Tx } from '../db/change.ts';
import { type LiftParty, notifyProposed } from './mail.ts';
import { needingLiftBack } from './return-leg.ts';
import { driversFor, optionsOnLeg } from './service.ts';

export interface ReturnLegSummary {
  stats: AssignResult['stats'];
  /** Every lift back the plan suggests, as PROPOSED matches (including ones already proposed). */
  proposals: LiftMatch[];
  created: number;
  skippedDeclined: number;
  /** Riders who asked for a lift back that the plan found no car for, in the order they asked. */
  unmatched: LiftRequest[];
}

/**
 * Match everyone's second half: the lifts back, planned after the way there and apart from it. Riders are the
 * requests still needing a lift back (whoever takes them there); cars are the open offers with seats back. The same
 * `assign` plans it (the way home through the same people adds the same detour); each suggestion is a PROPOSED RETURN
 * match made on the rider's behalf, for the driver to confirm, exactly as on the way there. Run under Match
 * everyone's lock, with the event's open offers and the riders who drive there (never passengers) left out.
 */
export async function matchReturnLeg(
  tx: Tx,
  event: { id: string },
  venue: LatLng,
  options: MatchOptions,
  offers: readonly LiftOffer[],
): Promise<ReturnLegSummary> {
  const drivers = new Set(offers.map((o) => o.driverId));
  const asked = await tx.liftRequest.findMany({
    where: { eventId: event.id, returnTrip: true, status: { in: ['OPEN', 'MATCHED'] } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const requests = (await needingLiftBack(tx, asked)).filter((r) => !drivers.has(r.riderId));
  const back = optionsOnLeg(options, 'RETURN');
  const cars = (await driversFor(tx, offers.filter((o) => o.returnTrip), 'RETURN')).filter((d) => d.seats > 0);
  const result = assign(cars, requests.map((r) => riderOnLeg(r, 'RETURN')), venue, back);

  const byRequest = new Map(requests.map((r) => [r.id, r]));
  const byCar = new Map(cars.map((d) => [d.id, d]));
  const driverOf = new Map(offers.map((o) => [o.id, o.driverId]));
  const pairs = result.cars.flatMap((car) =>
    car.riderIds.map((requestId) => {
      const stop = car.stops.find((s) => s.riderIds.includes(requestId));
      return { offerId: car.driverId, requestId, carDetourKm: car.detourKm, pickupHubId: stop?.hubId ?? null };
    }),
  );
  const existing = await tx.liftMatch.findMany({
    where: { leg: 'RETURN', requestId: { in: pairs.map((p) => p.requestId) }, offerId: { in: cars.map((d) => d.id) } },
  });
  const existingOf = new Map(existing.map((m) => [`${m.offerId}/${m.requestId}`, m]));
  const partyOf = (match: LiftParty['match'] & { offerId: string; requestId: string }): LiftParty => ({
    match,
    driverId: driverOf.get(match.offerId)!,
    riderId: byRequest.get(match.requestId)!.riderId,
  });

  let skippedDeclined = 0;
  const proposalIds: string[] = [];
  const announce: LiftParty[] = [];
  const fresh: Prisma.LiftMatchCreateManyInput[] = [];
  for (const { offerId, requestId, carDetourKm, pickupHubId } of pairs) {
    const before = existingOf.get(`${offerId}/${requestId}`);
    if (before?.status === 'DECLINED') {
      skippedDeclined++;
      continue;
    }
    if (before?.status === 'PROPOSED') {
      proposalIds.push(before.id);
      continue;
    }
    // What this rider alone adds to the car's agreed way back: what the driver sees and what accepting checks.
    const [ranked] = rankOffers(riderOnLeg(byRequest.get(requestId)!, 'RETURN'), [byCar.get(offerId)!], venue, back);
    const data = {
      status: 'PROPOSED' as const,
      proposedBy: 'RIDER' as const,
      detourKm: ranked?.detourKm ?? carDetourKm,
      driverNote: null,
      riderNote: null,
      pickupHubId,
      pickupAt: null,
    };
    if (before) {
      const match = await tx.liftMatch.update({ where: { id: before.id }, data });
      proposalIds.push(match.id);
      announce.push(partyOf(match));
    } else {
      fresh.push({ ...data, offerId, requestId, leg: 'RETURN' });
    }
  }
  const inserted = await tx.liftMatch.createManyAndReturn({
    data: fresh,
    select: { id: true, status: true, proposedBy: true, updatedAt: true, offerId: true, requestId: true },
  });
  proposalIds.push(...inserted.map((m) => m.id));
  announce.push(...inserted.map(partyOf));
  await notifyProposed(tx, announce, 'organiser');
  const proposals = await tx.liftMatch.findMany({ where: { id: { in: proposalIds } }, orderBy: [{ offerId: 'asc' }, { id: 'asc' }] });
  const unmatched = new Set(result.unmatched);
  return {
    stats: result.stats,
    proposals,
    created: announce.length,
    skippedDeclined,
    unmatched: requests.filter((r) => unmatched.has(r.id)),
  };
}
