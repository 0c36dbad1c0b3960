import { type AssignResult, riderFromRequest } from '@rallypoint/shared';
import type { Viewer } from '../context.ts';
import type { Tx } from '../db/change.ts';
import { ForbiddenError } from '../errors.ts';
import { canManageEvent } from '../events/access.ts';
import { findVisibleEvent } from '../events/service.ts';
import { matchReturnLeg, type ReturnLegSummary } from './match-back.ts';
import { assignInThreads } from './matcher.ts';
import { type LegProposals, proposeLeg } from './propose-leg.ts';
import { checkLiftable, driversFor, type LiftSettings, matchOptionsOf, requireViewer } from './service.ts';

/** The way there's proposals, with the lifts back and coaches beside them. */
export interface MatchEveryoneSummary extends LegProposals {
  stats: AssignResult['stats'];
  /** The lifts back, planned after the way there and apart from it. */
  returnLeg: ReturnLegSummary;
  /** Coaches that got at least one rider, and the people the plan puts in coaches. */
  coaches: { used: number; people: number };
}

/**
 * An event's organiser, a regional organiser or an admin matches every open request at once with the shared
 * `assign`: the most people carried, then the least total detour. Each suggestion becomes a PROPOSED match made on
 * the rider's behalf, so the driver confirms it (accepting re-checks seats and the route, as always) and either side
 * can decline. Runs for one event are serialised; running again with nothing changed proposes nothing new.
 * The lifts back follow, planned apart with their own seats (match-back.ts).
 */
/** Run inside a change with a long timeout: a rally has thousands of requests. */
export async function matchEveryone(tx: Tx, viewer: Viewer | null, eventId: string, settings: LiftSettings): Promise<MatchEveryoneSummary> {
  const me = requireViewer(viewer);
  const event = await findVisibleEvent(tx, me, eventId);
  if (!canManageEvent(me, event)) throw new ForbiddenError("Only the event's organisers can match everyone");
  checkLiftable(event);
  const venue = { lat: event.exactLat, lng: event.exactLng };
  const options = await matchOptionsOf(tx, event, settings);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('rallypoint:match-everyone'), hashtext(${eventId}))`;
  const offers = await tx.liftOffer.findMany({ where: { eventId, status: 'OPEN' }, orderBy: { id: 'asc' } });
  const driverIds = new Set(offers.map((o) => o.driverId));
  // Someone driving to the event is not also a passenger.
  const requests = (
    await tx.liftRequest.findMany({ where: { eventId, status: 'OPEN' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
  ).filter((r) => !driverIds.has(r.riderId));
  // Coaches too: the matcher stops them only at hubs, once per hub.
  const drivers = (await driversFor(tx, offers)).filter((d) => d.seats > 0);
  const result = await assignInThreads(drivers, requests.map(riderFromRequest), venue, options);

  const outbound = await proposeLeg(tx, { leg: 'OUTBOUND', result, cars: drivers, requests, offers, venue, options });
  const byDriver = new Map(drivers.map((d) => [d.id, d]));
  const coachCars = result.cars.filter((car) => byDriver.get(car.driverId)?.hubsOnly);
  const returnLeg = await matchReturnLeg(tx, event, venue, options, offers);
  return {
    stats: result.stats,
    returnLeg,
    coaches: { used: coachCars.length, people: coachCars.reduce((sum, car) => sum + car.people, 0) },
    ...outbound,
  };
}
