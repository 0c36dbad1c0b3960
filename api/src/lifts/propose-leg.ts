import type { LiftLeg, LiftMatch, LiftOffer, LiftRequest, Prisma } from '@rallypoint/prisma';
import { type AssignResult, type LatLng, type MatchDriver, type MatchOptions, rankOffers, riderOnLeg } from '@rallypoint/shared';
import type { Tx } from '../db/change.ts';
import { type LiftParty, notifyProposed } from './mail.ts';
import { pickupsOnLeg } from './service.ts';

/** One leg's plan from `assign`, with what it was planned from (`options` already for that leg). */
export interface LegPlan {
  leg: LiftLeg;
  result: AssignResult;
  cars: readonly MatchDriver[];
  requests: readonly LiftRequest[];
  offers: readonly LiftOffer[];
  venue: LatLng;
  options: MatchOptions;
}

export interface LegProposals {
  /** Every lift the plan suggests, as PROPOSED matches (including ones that were already proposed). */
  proposals: LiftMatch[];
  /** Proposals this run created (the rest already existed). */
  created: number;
  /** Pairs the plan chose that one side had already declined: not proposed again. */
  skippedDeclined: number;
  /** Requests the plan found no car for, in the order they asked. */
  unmatched: LiftRequest[];
}

/**
 * Writes one leg's plan as PROPOSED matches made on each rider's behalf, for the driver to confirm. A pair one side
 * declined is not proposed again, one still waiting stays as it is, a cancelled one comes back; new proposals are
 * announced to both sides.
 */
export async function proposeLeg(tx: Tx, { leg, result, cars, requests, offers, venue, options }: LegPlan): Promise<LegProposals> {
  const byRequest = new Map(requests.map((r) => [r.id, r]));
  const byCar = new Map(cars.map((d) => [d.id, d]));
  // The way back is timed from when each driver leaves the venue, through the same stops in reverse.
  const offerOf = new Map(offers.map((o) => [o.id, o]));
  const origins = new Map<string, LatLng>([
    ...requests.map((r) => [r.id, riderOnLeg(r, leg).origin] as const),
    ...cars.flatMap((d) => (d.acceptedRiders ?? []).map((a) => [a.id, a.origin] as const)),
  ]);
  const pairs = result.cars.flatMap((car) => {
    const pickups = pickupsOnLeg(car, leg, { departAt: offerOf.get(car.driverId)?.returnDepartAt ?? null, venue, options, origins });
    return car.riderIds.map((requestId) => ({
      offerId: car.driverId,
      requestId,
      carDetourKm: car.detourKm,
      pickup: pickups.get(requestId) ?? { pickupHubId: null, pickupAt: null },
    }));
  });
  // Earlier matches between these requests and cars (one query whatever the size of the plan).
  const existing = await tx.liftMatch.findMany({
    where: { leg, requestId: { in: pairs.map((p) => p.requestId) }, offerId: { in: cars.map((d) => d.id) } },
  });
  const existingOf = new Map(existing.map((m) => [`${m.offerId}/${m.requestId}`, m]));
  const driverOf = new Map(offers.map((o) => [o.id, o.driverId]));
  const partyOf = (match: LiftParty['match'] & { offerId: string; requestId: string }): LiftParty => ({
    match,
    driverId: driverOf.get(match.offerId)!,
    riderId: byRequest.get(match.requestId)!.riderId,
  });

  let skippedDeclined = 0;
  const proposalIds: string[] = [];
  // New proposals only: one already waiting for an answer was announced when it was made.
  const announce: LiftParty[] = [];
  const fresh: Prisma.LiftMatchCreateManyInput[] = [];
  for (const { offerId, requestId, carDetourKm, pickup } of pairs) {
    const before = existingOf.get(`${offerId}/${requestId}`);
    if (before?.status === 'DECLINED') {
      skippedDeclined++;
      continue;
    }
    if (before?.status === 'PROPOSED') {
      // Still waiting for the driver: where and when follow this plan.
      const moved = before.pickupHubId !== pickup.pickupHubId || before.pickupAt?.getTime() !== pickup.pickupAt?.getTime();
      if (moved) await tx.liftMatch.update({ where: { id: before.id }, data: pickup });
      proposalIds.push(before.id);
      continue;
    }
    // What this rider alone adds to the car's agreed route: what the driver will see and what accepting checks.
    const [ranked] = rankOffers(riderOnLeg(byRequest.get(requestId)!, leg), [byCar.get(offerId)!], venue, options);
    const data = {
      status: 'PROPOSED' as const,
      proposedBy: 'RIDER' as const,
      detourKm: ranked?.detourKm ?? carDetourKm,
      driverNote: null,
      riderNote: null,
      ...pickup,
    };
    if (before) {
      // A cancelled proposal between the same two comes back.
      const match = await tx.liftMatch.update({ where: { id: before.id }, data });
      proposalIds.push(match.id);
      announce.push(partyOf(match));
    } else {
      fresh.push({ ...data, offerId, requestId, leg });
    }
  }
  const inserted = await tx.liftMatch.createManyAndReturn({
    data: fresh,
    select: { id: true, status: true, proposedBy: true, updatedAt: true, offerId: true, requestId: true },
  });
  proposalIds.push(...inserted.map((m) => m.id));
  announce.push(...inserted.map(partyOf));
  // Each driver is asked to confirm, and each rider told which car was suggested (one statement for them all).
  await notifyProposed(tx, announce, 'organiser');
  const proposals = await tx.liftMatch.findMany({ where: { id: { in: proposalIds } }, orderBy: [{ offerId: 'asc' }, { id: 'asc' }] });
  const unmatched = new Set(result.unmatched);
  return { proposals, created: announce.length, skippedDeclined, unmatched: requests.filter((r) => unmatched.has(r.id)) };
}
