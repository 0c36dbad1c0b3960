import type { LiftOffer } from '@rallypoint/prisma';
import { type LatLng, type MatchOptions, riderOnLeg } from '@rallypoint/shared';
import type { Tx } from '../db/change.ts';
import type { PlanStats } from './match-everyone.ts';
import { assignInThreads } from './matcher.ts';
import { type LegProposals, proposeLeg } from './propose-leg.ts';
import { needingLiftBack } from './return-leg.ts';
import { driversFor, optionsOnLeg } from './service.ts';

/** `unmatched`: riders who asked for a lift back that the plan found no car for. */
export interface ReturnLegSummary extends LegProposals {
  stats: PlanStats;
}

/**
 * Match everyone's second half: the lifts back, planned after the way there and apart from it. Riders are the
 * requests still needing a lift back (whoever takes them there); cars are the open offers with seats back. The same
 * `assign` plans it (the way home through the same people adds the same detour); each suggestion is a PROPOSED RETURN
 * match made on the rider's behalf, for the driver to confirm, exactly as on the way there. Run under Match
 * everyone's lock, per shift (with the shift's open offers), the riders who drive there (never passengers) left out.
 */
export async function matchReturnLeg(
  tx: Tx,
  { eventId, shiftId, driverIds: drivers }: { eventId: string; shiftId: string | null; driverIds: ReadonlySet<string> },
  venue: LatLng,
  options: MatchOptions,
  offers: readonly LiftOffer[],
): Promise<ReturnLegSummary> {
  const asked = await tx.liftRequest.findMany({
    where: { eventId, shiftId, returnTrip: true, status: { in: ['OPEN', 'MATCHED'] } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const requests = (await needingLiftBack(tx, asked)).filter((r) => !drivers.has(r.riderId));
  const back = optionsOnLeg(options, 'RETURN');
  const cars = (await driversFor(tx, offers.filter((o) => o.returnTrip), 'RETURN')).filter((d) => d.seats > 0);
  const result = await assignInThreads(cars, requests.map((r) => riderOnLeg(r, 'RETURN')), venue, back);

  return { stats: result.stats, ...(await proposeLeg(tx, { leg: 'RETURN', result, cars, requests, offers, venue, options: back })) };
}
