import type { LiftOffer, LiftRequest } from '@rallypoint/prisma';
import {
  distanceKm,
  LIFT_LIMITS,
  type MatchDriver,
  rankOffers,
  riderFromRequest,
  stretchOptions,
} from '@rallypoint/shared';
import type { Viewer } from '../context.ts';
import type { DbOrTx, Tx } from '../db/change.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { canManageEvent } from '../events/access.ts';
import { queueMail } from '../jobs/queue.ts';
import { checkLiftable, driversFor, ROAD_FACTOR, requireViewer } from './service.ts';

/**
 * Next steps for riders no car could take (after "match everyone"), for the event's organisers: the cars nearest to
 * taking them, with how much further than its limit each driver would have to go (the matcher's own road model and
 * pickup order), a way to ask those drivers to stretch, and other canvasses in the rider's reach with lift seats.
 * Riders and drivers appear only as they do everywhere before a lift is agreed: first name and initial, ~1 km area.
 */

/** Cars shown (and asked) per rider. */
export const STRETCH_DRIVERS = 3;
/** Other canvasses shown per rider. */
export const OTHER_EVENTS = 3;
/** Other canvasses count as in reach up to as far as the rider was going to this one, and at least this far. */
export const MIN_REACH_KM = 10;

export interface StretchView {
  offerId: string;
  routeDetourKm: number;
  extraKm: number;
  askedAt: Date | null;
}

export interface ElsewhereView {
  eventId: string;
  distanceKm: number;
  /** Cars there that could take the rider within their limits. */
  carsThatFit: number;
  seatsFree: number;
}

export interface NextSteps {
  drivers: StretchView[];
  otherEvents: ElsewhereView[];
}

type RequestWithEvent = LiftRequest & {
  event: { id: string; organiserId: string; regionId: string; lat: number; lng: number; exactLat: number; exactLng: number };
};

/**
 * The cars of these events as the matcher sees them, with the seats and pickups of proposals still waiting held for
 * the riders they were proposed to (stretching a car whose seats are promised would not help anyone).
 */
async function carsOf(db: DbOrTx, offers: LiftOffer[]): Promise<Map<string, { offer: LiftOffer; driver: MatchDriver; heldFor: Set<string> }>> {
  const drivers = await driversFor(db, offers);
  const proposed = await db.liftMatch.findMany({
    where: { offerId: { in: offers.map((o) => o.id) }, status: 'PROPOSED' },
    select: { offerId: true, request: { select: { id: true, originLat: true, originLng: true, seats: true } } },
  });
  const cars = new Map(offers.map((o, i) => [o.id, { offer: o, driver: drivers[i]!, heldFor: new Set<string>() }]));
  for (const p of proposed) {
    const car = cars.get(p.offerId)!;
    car.heldFor.add(p.request.id);
    car.driver = {
      ...car.driver,
      seats: car.driver.seats - p.request.seats,
      acceptedRiders: [...(car.driver.acceptedRiders ?? []), { id: p.request.id, origin: { lat: p.request.originLat, lng: p.request.originLng } }],
    };
  }
  return cars;
}

/** A car as it would be for this rider: without the rider's own proposal, if it has one. */
function carFor(car: { driver: MatchDriver; heldFor: Set<string> }, request: LiftRequest): MatchDriver {
  if (!car.heldFor.has(request.id)) return car.driver;
  return {
    ...car.driver,
    seats: car.driver.seats + request.seats,
    acceptedRiders: (car.driver.acceptedRiders ?? []).filter((a) => a.id !== request.id),
  };
}

/** The nearest cars for each request (same order), with how much more detour each would need. */
async function stretchesOf(db: DbOrTx, requests: RequestWithEvent[]): Promise<Omit<StretchView, 'askedAt'>[][]> {
  if (requests.length === 0) return [];
  const offers = await db.liftOffer.findMany({
    where: { eventId: { in: [...new Set(requests.map((r) => r.eventId))] }, status: 'OPEN' },
    orderBy: { id: 'asc' },
  });
  const cars = [...(await carsOf(db, offers)).values()];
  return requests.map((r) => {
    // A coach keeps to its hubs: going further would not bring it to anyone's home. Lifts go to one shift.
    const mine = cars
      .filter((c) => c.offer.eventId === r.eventId && c.offer.shiftId === r.shiftId && c.offer.driverId !== r.riderId && !c.driver.hubsOnly)
      .map((c) => carFor(c, r));
    const venue = { lat: r.event.exactLat, lng: r.event.exactLng };
    return stretchOptions(riderFromRequest(r), mine, venue, {
      roadFactor: ROAD_FACTOR,
      maxLimitKm: LIFT_LIMITS.detourKmMax,
      limit: STRETCH_DRIVERS,
    }).map((s) => ({ offerId: s.offer.id, routeDetourKm: s.routeDetourKm, extraKm: s.extraKm }));
  });
}

/** Published, listed canvasses yet to start, in each rider's reach, that have free lift seats; nearest first. */
async function elsewhereOf(db: DbOrTx, requests: RequestWithEvent[]): Promise<ElsewhereView[][]> {
  if (requests.length === 0) return [];
  const reach = requests.map((r) =>
    Math.max(MIN_REACH_KM, distanceKm({ lat: r.originLat, lng: r.originLng }, { lat: r.event.lat, lng: r.event.lng })),
  );
  const rows = await db.$queryRaw<{ requestId: string; eventId: string; km: number; lat: number; lng: number }[]>`
    SELECT r.id AS "requestId", e.id AS "eventId", e.km, e.exact_lat AS lat, e.exact_lng AS lng
    FROM unnest(${requests.map((r) => r.id)}::uuid[], ${requests.map((r) => r.eventId)}::uuid[],
      ${requests.map((r) => r.originLat)}::float8[], ${requests.map((r) => r.originLng)}::float8[], ${reach}::float8[])
      AS r(id, event_id, lat, lng, reach_km)
    CROSS JOIN LATERAL (
      SELECT e.id, e.exact_lat, e.exact_lng, earth_distance(rp_earth(r.lat, r.lng), rp_earth(e.lat, e.lng)) / 1000 AS km
      FROM events e
      WHERE e.status = 'PUBLISHED' AND e.visibility = 'PUBLIC' AND e.kind = 'CANVASS' AND e.starts_at > now()
        AND e.id <> r.event_id
        AND earth_box(rp_earth(r.lat, r.lng), 1000 * r.reach_km) @> rp_earth(e.lat, e.lng)
        AND earth_distance(rp_earth(r.lat, r.lng), rp_earth(e.lat, e.lng)) <= 1000 * r.reach_km
        AND EXISTS (SELECT 1 FROM lift_offers o WHERE o.event_id = e.id AND o.status = 'OPEN' AND o.seats > o.seats_taken)
      ORDER BY km, e.starts_at, e.id
      LIMIT ${OTHER_EVENTS}
    ) e`;
  const eventIds = [...new Set(rows.map((x) => x.eventId))];
  const offers = eventIds.length ? await db.liftOffer.findMany({ where: { eventId: { in: eventIds }, status: 'OPEN' }, orderBy: { id: 'asc' } }) : [];
  const drivers = await driversFor(db, offers);
  const byEvent = new Map<string, { offer: LiftOffer; driver: MatchDriver }[]>();
  for (const [i, offer] of offers.entries()) {
    byEvent.set(offer.eventId, [...(byEvent.get(offer.eventId) ?? []), { offer, driver: drivers[i]! }]);
  }
  const byRequest = new Map<string, ElsewhereView[]>();
  for (const x of rows) {
    const r = requests.find((q) => q.id === x.requestId)!;
    const cars = (byEvent.get(x.eventId) ?? []).filter((c) => c.offer.driverId !== r.riderId);
    const fit = rankOffers(riderFromRequest(r), cars.map((c) => c.driver), { lat: x.lat, lng: x.lng }, { roadFactor: ROAD_FACTOR });
    const list = byRequest.get(x.requestId) ?? [];
    list.push({ eventId: x.eventId, distanceKm: x.km, carsThatFit: fit.length, seatsFree: cars.reduce((n, c) => n + Math.max(0, c.driver.seats), 0) });
    byRequest.set(x.requestId, list);
  }
  return requests.map((r) => byRequest.get(r.id) ?? []);
}

const REQUEST_EVENT = {
  event: { select: { id: true, organiserId: true, regionId: true, lat: true, lng: true, exactLat: true, exactLng: true } },
} as const;

/** Next steps for each open request the viewer manages the event of; null for any other (a few statements in all). */
export async function nextStepsOf(db: DbOrTx, viewer: Viewer | null, requestIds: readonly string[]): Promise<(NextSteps | null)[]> {
  if (!viewer) return requestIds.map(() => null);
  const found = await db.liftRequest.findMany({ where: { id: { in: [...requestIds] }, status: 'OPEN' }, include: REQUEST_EVENT });
  const requests = found.filter((r) => canManageEvent(viewer, r.event));
  const [stretches, elsewhere, asks] = await Promise.all([
    stretchesOf(db, requests),
    elsewhereOf(db, requests),
    db.liftStretchAsk.findMany({ where: { requestId: { in: requests.map((r) => r.id) } } }),
  ]);
  const askedAt = new Map(asks.map((a) => [`${a.offerId}/${a.requestId}`, a.createdAt]));
  const byId = new Map(
    requests.map((r, i) => [
      r.id,
      {
        drivers: stretches[i]!.map((s) => ({ ...s, askedAt: askedAt.get(`${s.offerId}/${r.id}`) ?? null })),
        otherEvents: elsewhere[i]!,
      },
    ]),
  );
  return requestIds.map((id) => byId.get(id) ?? null);
}

/** The key of a stretch e-mail: at most one per car a day, however often organisers ask (it lists every ask). */
export const stretchMailKey = (offerId: string, at: Date) => `lift-stretch:${offerId}:${at.toISOString().slice(0, 10)}`;

/**
 * An organiser asks the drivers nearest to taking a rider to stretch their detour limit. Each driver is asked about
 * a rider once (a row per pair); each car gets at most one e-mail a day, which lists the riders asked about.
 */
export async function askDriversToStretch(tx: Tx, viewer: Viewer | null, requestId: string): Promise<{ asked: number }> {
  const me = requireViewer(viewer);
  const request = await tx.liftRequest.findUnique({ where: { id: requestId }, include: { event: { select: { ...REQUEST_EVENT.event.select, status: true, endsAt: true } } } });
  if (!request) throw new NotFoundError('That lift request');
  if (!canManageEvent(me, request.event)) throw new ForbiddenError("Only the event's organisers can ask drivers for this rider");
  checkLiftable(request.event);
  if (request.status !== 'OPEN') throw ValidationError.field(['requestId'], 'This rider already has a lift');
  const [stretches] = await stretchesOf(tx, [request]);
  const toAsk = (stretches ?? []).filter((s) => s.extraKm > 0);
  if (toAsk.length === 0) throw ValidationError.field(['requestId'], 'No car could take this rider by stretching its limit');
  const created = await tx.liftStretchAsk.createManyAndReturn({
    data: toAsk.map((s) => ({ offerId: s.offerId, requestId, extraKm: s.extraKm })),
    skipDuplicates: true,
    select: { offerId: true, createdAt: true, offer: { select: { driverId: true } } },
  });
  for (const ask of created) {
    await queueMail(tx, {
      key: stretchMailKey(ask.offerId, ask.createdAt),
      template: 'lift-stretch',
      userId: ask.offer.driverId,
      params: { offerId: ask.offerId },
    });
  }
  return { asked: created.length };
}

/** For the stretch e-mail, at send time: each rider the car was asked about who still needs it, with the extra km now. */
export async function stretchesForOffer(
  db: DbOrTx,
  offerId: string,
): Promise<{ offer: LiftOffer; riders: { request: LiftRequest & { rider: { firstName: string; lastName: string } }; routeDetourKm: number; extraKm: number }[] } | null> {
  const offer = await db.liftOffer.findUnique({ where: { id: offerId }, include: { event: { select: { exactLat: true, exactLng: true } } } });
  if (offer?.status !== 'OPEN') return null;
  const asks = await db.liftStretchAsk.findMany({
    where: { offerId, request: { status: 'OPEN' } },
    include: { request: { include: { rider: { select: { firstName: true, lastName: true } } } } },
    orderBy: { createdAt: 'asc' },
  });
  const car = (await carsOf(db, [offer])).get(offer.id)!;
  const venue = { lat: offer.event.exactLat, lng: offer.event.exactLng };
  const riders = asks.flatMap(({ request }) => {
    const [s] = stretchOptions(riderFromRequest(request), [carFor(car, request)], venue, { roadFactor: ROAD_FACTOR });
    return s && s.extraKm > 0 ? [{ request, routeDetourKm: s.routeDetourKm, extraKm: s.extraKm }] : [];
  });
  return { offer, riders };
}
