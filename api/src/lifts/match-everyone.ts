import type { LiftMatch, LiftRequest, Prisma } from '@rallypoint/prisma';
import { type AssignResult, assign, rankOffers, riderFromRequest } from '@rallypoint/shared';
import type { Viewer } from '../context.ts';
import type { Tx } from '../db/change.ts';
import { ForbiddenError } from '../errors.ts';
import { canManageEvent } from '../events/access.ts';
import { findVisibleEvent } from '../events/service.ts';
import { type LiftParty, notifyProposed } from './mail.ts';
import { matchReturnLeg, type ReturnLegSummary } from './match-back.ts';
import { checkLiftable, driversFor, matchOptionsOf, pickupOf, requireViewer } from './service.ts';

export interface MatchEveryoneSummary {
  stats: AssignResult['stats'];
  /** The lifts back, planned after the way there and apart from it. */
  returnLeg: ReturnLegSummary;
  /** Coaches that got at least one rider, and the people the plan puts in coaches. */
  coaches: { used: number; people: number };
  /** Every lift the plan suggests, as PROPOSED matches (including ones that were already proposed). */
  proposals: LiftMatch[];
  /** Proposals this run created (the rest already existed). */
  created: number;
  /** Pairs the plan chose that one side had already declined: not proposed again. */
  skippedDeclined: number;
  /** Open requests the plan found no car for, in the order they asked. */
  unmatched: LiftRequest[];
}

/**
 * An event's organiser, a regional organiser or an admin matches every open request at once with the shared
 * `assign`: the most people carried, then the least total detour. Each suggestion becomes a PROPOSED match made on
 * the rider's behalf, so the driver confirms it (accepting re-checks seats and the route, as always) and either side
 * can decline. Runs for one event are serialised; running again with nothing changed proposes nothing new.
 * The lifts back follow, planned apart with their own seats (match-back.ts).
 */
/** Run inside a change with a long timeout: a rally has thousands of requests. */
export async function matchEveryone(tx: Tx, viewer: Viewer | null, eventId: string): Promise<MatchEveryoneSummary> {
  const me = requireViewer(viewer);
  const event = await findVisibleEvent(tx, me, eventId);
  if (!canManageEvent(me, event)) throw new ForbiddenError("Only the event's organisers can match everyone");
  checkLiftable(event);
  const venue = { lat: event.exactLat, lng: event.exactLng };
  const options = await matchOptionsOf(tx, event);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('rallypoint:match-everyone'), hashtext(${eventId}))`;
  const offers = await tx.liftOffer.findMany({ where: { eventId, status: 'OPEN' }, orderBy: { id: 'asc' } });
  const driverIds = new Set(offers.map((o) => o.driverId));
  // Someone driving to the event is not also a passenger.
  const requests = (
    await tx.liftRequest.findMany({ where: { eventId, status: 'OPEN' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
  ).filter((r) => !driverIds.has(r.riderId));
  // Coaches too: the matcher stops them only at hubs, once per hub.
  const drivers = (await driversFor(tx, offers)).filter((d) => d.seats > 0);
  const result = assign(drivers, requests.map(riderFromRequest), venue, options);

  const byRequest = new Map(requests.map((r) => [r.id, r]));
  const byDriver = new Map(drivers.map((d) => [d.id, d]));
  const pairs = result.cars.flatMap((car) =>
    car.riderIds.map((requestId) => ({ offerId: car.driverId, requestId, carDetourKm: car.detourKm, pickup: pickupOf(car, requestId) })),
  );
  // Earlier matches between these requests and cars (one query whatever the size of the plan).
  const existing = await tx.liftMatch.findMany({
    where: { leg: 'OUTBOUND', requestId: { in: pairs.map((p) => p.requestId) }, offerId: { in: drivers.map((d) => d.id) } },
  });
  const existingOf = new Map(existing.map((m) => [`${m.offerId}/${m.requestId}`, m]));

  let skippedDeclined = 0;
  let revived = 0;
  const proposalIds: string[] = [];
  const driverOf = new Map(offers.map((o) => [o.id, o.driverId]));
  const partyOf = (match: LiftParty['match'] & { offerId: string; requestId: string }): LiftParty => ({
    match,
    driverId: driverOf.get(match.offerId)!,
    riderId: byRequest.get(match.requestId)!.riderId,
  });
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
      if (before.pickupHubId !== pickup.pickupHubId || before.pickupAt?.getTime() !== pickup.pickupAt?.getTime()) {
        await tx.liftMatch.update({ where: { id: before.id }, data: pickup });
      }
      proposalIds.push(before.id);
      continue;
    }
    // What this rider alone adds to the car's agreed route: what the driver will see and what accepting checks.
    const [ranked] = rankOffers(riderFromRequest(byRequest.get(requestId)!), [byDriver.get(offerId)!], venue, options);
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
      revived++;
    } else {
      fresh.push({ ...data, offerId, requestId });
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
  const created = revived + inserted.length;
  const proposals = await tx.liftMatch.findMany({ where: { id: { in: proposalIds } }, orderBy: [{ offerId: 'asc' }, { id: 'asc' }] });
  const unmatchedIds = new Set(result.unmatched);
  const coachCars = result.cars.filter((car) => byDriver.get(car.driverId)?.hubsOnly);
  const returnLeg = await matchReturnLeg(tx, event, venue, options, offers);
  return {
    stats: result.stats,
    returnLeg,
    coaches: { used: coachCars.length, people: coachCars.reduce((sum, car) => sum + car.people, 0) },
    proposals,
    created,
    skippedDeclined,
    unmatched: requests.filter((r) => unmatchedIds.has(r.id)),
  };
}
