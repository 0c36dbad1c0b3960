import type { LiftOffer } from '@rallypoint/prisma';
import { formatDayTime, type LatLng, routeTimes, type TimedStop } from '@rallypoint/shared';
import type { DbOrTx, Tx } from '../db/change.ts';

/** A car's agreed way there: its riders' stops in the order they are picked up, and who is on board. */
export interface AgreedRoute {
  origin: LatLng;
  /** Timed stops, in pickup order: a hub stop holds everyone boarding there. */
  stops: (TimedStop & { matchIds: string[]; readies: (number | null)[]; pickupMs: number })[];
  /** Every agreed rider (those with no pickup time too). */
  riders: { matchId: string; riderId: string }[];
}

export async function agreedRoute(db: DbOrTx, offer: Pick<LiftOffer, 'id' | 'originLat' | 'originLng'>): Promise<AgreedRoute> {
  const matches = await db.liftMatch.findMany({
    where: { offerId: offer.id, leg: 'OUTBOUND', status: 'ACCEPTED' },
    select: {
      id: true,
      pickupAt: true,
      pickupHubId: true,
      pickupHub: { select: { lat: true, lng: true } },
      request: { select: { riderId: true, originLat: true, originLng: true, readyFrom: true } },
    },
    orderBy: [{ pickupAt: 'asc' }, { id: 'asc' }],
  });
  const stops: AgreedRoute['stops'] = [];
  let last: { hubId: string | null; at: number } | null = null;
  for (const m of matches) {
    if (!m.pickupAt) continue;
    const at = m.pickupAt.getTime();
    const ready = m.request.readyFrom?.getTime() ?? null;
    const stop = stops.at(-1);
    // Everyone boarding at one hub at one time is one stop.
    if (stop && m.pickupHubId && last?.hubId === m.pickupHubId && last.at === at) {
      stop.matchIds.push(m.id);
      stop.readies.push(ready);
      if (ready !== null) stop.readyMs = Math.max(stop.readyMs ?? ready, ready);
      continue;
    }
    const point = m.pickupHub ?? { lat: m.request.originLat, lng: m.request.originLng };
    stops.push({ point, readyMs: ready, matchIds: [m.id], readies: [ready], pickupMs: at });
    last = { hubId: m.pickupHubId, at };
  }
  return { origin: { lat: offer.originLat, lng: offer.originLng }, stops, riders: matches.map((m) => ({ matchId: m.id, riderId: m.request.riderId })) };
}

/** Why a car with agreed riders cannot leave later than `latest` (see `latestDeparture`), for `what` ("the shift"). */
export function lateWithRiders(latest: number | null, what: string): string {
  if (latest === null) return `With the riders you agreed to take no departure reaches ${what} before it starts: one of them is ready too late`;
  // Rounded down to the minute, so the time shown is one that works.
  return `With the riders you agreed to take you would reach ${what} after it starts: leave by ${formatDayTime(new Date(Math.floor(latest / 60_000) * 60_000))}`;
}

/** When the car leaving at `departMs` reaches `venue` along `route` with match `matchId`'s rider ready at `ready`. */
export function arrivalWith(
  route: AgreedRoute,
  matchId: string,
  ready: number | null,
  venue: LatLng,
  departMs: number,
  road: { roadFactor?: number; speedKmh?: number },
): number {
  const stops = route.stops.map((s) => {
    const rs = s.matchIds.map((id, k) => (id === matchId ? ready : s.readies[k]!)).filter((r): r is number => r !== null);
    return { point: s.point, readyMs: rs.length > 0 ? Math.max(...rs) : null };
  });
  return routeTimes(route.origin, stops, venue, departMs, road).arriveMs;
}

/**
 * The latest minute the rider of match `matchId` on `route` can be ready for the car leaving at `departMs` to reach
 * `venue` by `startMs` (the others' ready times as they are); null when even ready at once it would not.
 */
export function latestReady(
  route: AgreedRoute,
  matchId: string,
  venue: LatLng,
  departMs: number,
  startMs: number,
  road: { roadFactor?: number; speedKmh?: number },
): number | null {
  const inTime = (ready: number | null) => arrivalWith(route, matchId, ready, venue, departMs, road) <= startMs;
  if (!inTime(null)) return null;
  // Minutes from the departure (ready by then never makes the car wait) to the start: the last that is in time.
  let lo = Math.floor(departMs / 60_000);
  let hi = Math.floor(startMs / 60_000);
  if (inTime(hi * 60_000)) return hi * 60_000;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (inTime(mid * 60_000)) lo = mid;
    else hi = mid;
  }
  return lo * 60_000;
}

/**
 * Plans `route`'s pickup times again from a departure at `departMs` and stores them (updated_at stays: a match's
 * e-mail still to go checks it); returns each agreed match's time before and after.
 */
export async function retimeRoute(
  tx: Tx,
  route: AgreedRoute,
  venue: LatLng,
  departMs: number,
  road: { roadFactor?: number; speedKmh?: number },
): Promise<{ matchId: string; wasMs: number; at: Date }[]> {
  const { atMs } = routeTimes(route.origin, route.stops, venue, departMs, road);
  const times = route.stops.flatMap((s, i) => s.matchIds.map((matchId) => ({ matchId, wasMs: s.pickupMs, at: new Date(atMs[i]!) })));
  await storePickups(tx, times);
  return times;
}

/** Stores matches' new pickup times in one statement; updated_at stays (a match's e-mail still to go checks it). */
export async function storePickups(tx: Tx, times: readonly { matchId: string; at: Date }[]): Promise<void> {
  if (times.length === 0) return;
  const ids = times.map((t) => t.matchId);
  const pickups = times.map((t) => t.at);
  await tx.$executeRaw`
    UPDATE lift_matches m SET pickup_at = x.at FROM unnest(${ids}::uuid[], ${pickups}::timestamptz[]) AS x(id, at) WHERE m.id = x.id`;
}
