import type { LiftOffer, LiftRequest } from '@rallypoint/prisma';
import { type AssignResult, type AssignStats, type LatLng, type MatchOptions, riderFromRequest } from '@rallypoint/shared';
import type { Viewer } from '../context.ts';
import type { Tx } from '../db/change.ts';
import { ForbiddenError } from '../errors.ts';
import { canManageEvent } from '../events/access.ts';
import { findVisibleEvent } from '../events/service.ts';
import { matchReturnLeg, type ReturnLegSummary } from './match-back.ts';
import { assignInThreads } from './matcher.ts';
import { type LegProposals, proposeLeg } from './propose-leg.ts';
import { checkLiftable, driversFor, type LiftSettings, matchOptionsOf, requireViewer } from './service.ts';

/** What a plan's summary reports of the matcher's stats (for several shifts, their sums). */
export type PlanStats = AssignStats & Pick<AssignResult['stats'], 'greedy'>;

/** The way there's proposals, with the lifts back and coaches beside them. */
export interface MatchEveryoneSummary extends LegProposals {
  stats: PlanStats;
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
  // Lifts are planned per shift: each car reaches the event before its own shift starts, with riders of that shift.
  const shifts = await tx.eventShift.findMany({ where: { eventId }, select: { id: true, startsAt: true }, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] });
  const plans: MatchEveryoneSummary[] = [];
  for (const shift of [{ id: null, startsAt: event.startsAt }, ...shifts]) {
    const ofShift = <T extends { shiftId: string | null }>(rows: readonly T[]) => rows.filter((r) => r.shiftId === shift.id);
    const legs = { offers: ofShift(offers), requests: ofShift(requests) };
    // An event with shifts has no lifts to the event as a whole (but the one without shifts is always planned).
    if (shift.id === null && shifts.length > 0 && legs.offers.length === 0 && legs.requests.length === 0) continue;
    plans.push(await matchShift(tx, { eventId, shiftId: shift.id, driverIds }, venue, { ...options, arriveByMs: shift.startsAt.getTime() }, legs));
  }
  return mergeSummaries(plans);
}

/** Both legs of one shift's lifts (or of an event without shifts). */
async function matchShift(
  tx: Tx,
  shift: { eventId: string; shiftId: string | null; driverIds: ReadonlySet<string> },
  venue: LatLng,
  options: MatchOptions,
  { offers, requests }: { offers: LiftOffer[]; requests: LiftRequest[] },
): Promise<MatchEveryoneSummary> {
  // Coaches too: the matcher stops them only at hubs, once per hub.
  const drivers = (await driversFor(tx, offers)).filter((d) => d.seats > 0);
  const result = await assignInThreads(drivers, requests.map(riderFromRequest), venue, options);

  const outbound = await proposeLeg(tx, { leg: 'OUTBOUND', result, cars: drivers, requests, offers, venue, options });
  const byDriver = new Map(drivers.map((d) => [d.id, d]));
  const coachCars = result.cars.filter((car) => byDriver.get(car.driverId)?.hubsOnly);
  const returnLeg = await matchReturnLeg(tx, shift, venue, options, offers);
  return {
    stats: result.stats,
    returnLeg,
    coaches: { used: coachCars.length, people: coachCars.reduce((sum, car) => sum + car.people, 0) },
    ...outbound,
  };
}

/**
 * The stats of several plans, added up. Greedy's when any plan computed it: a plan that did not already carries as
 * many as greedy could, so it counts as its own.
 */
export function mergeStats(all: readonly PlanStats[]): PlanStats {
  const sum = (f: (s: PlanStats) => number) => all.reduce((n, s) => n + f(s), 0);
  const greedyOf = (s: PlanStats) => s.greedy ?? { peopleMatched: s.peopleMatched, totalDetourKm: s.totalDetourKm };
  const greedy = all.some((s) => s.greedy)
    ? { peopleMatched: sum((s) => greedyOf(s).peopleMatched), totalDetourKm: sum((s) => greedyOf(s).totalDetourKm) }
    : null;
  return {
    requests: sum((s) => s.requests),
    drivers: sum((s) => s.drivers),
    peopleRequested: sum((s) => s.peopleRequested),
    peopleMatched: sum((s) => s.peopleMatched),
    requestsMatched: sum((s) => s.requestsMatched),
    totalDetourKm: sum((s) => s.totalDetourKm),
    carsUsed: sum((s) => s.carsUsed),
    greedy,
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One leg's proposals from several plans, as one, in one plan's orders: by car, and the unmatched as they asked. */
export function mergeLegs(all: readonly LegProposals[]): LegProposals {
  return {
    proposals: all.flatMap((p) => p.proposals).sort((a, b) => cmp(a.offerId, b.offerId) || cmp(a.id, b.id)),
    created: all.reduce((n, p) => n + p.created, 0),
    skippedDeclined: all.reduce((n, p) => n + p.skippedDeclined, 0),
    unmatched: all
      .flatMap((p) => p.unmatched)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || cmp(a.id, b.id)),
  };
}

function mergeSummaries(plans: readonly MatchEveryoneSummary[]): MatchEveryoneSummary {
  if (plans.length === 1) return plans[0]!;
  return {
    ...mergeLegs(plans),
    stats: mergeStats(plans.map((p) => p.stats)),
    returnLeg: { ...mergeLegs(plans.map((p) => p.returnLeg)), stats: mergeStats(plans.map((p) => p.returnLeg.stats)) },
    coaches: { used: plans.reduce((n, p) => n + p.coaches.used, 0), people: plans.reduce((n, p) => n + p.coaches.people, 0) },
  };
}
