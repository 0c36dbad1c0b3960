import type { Event, LiftLeg, LiftMatch, LiftOffer, LiftRequest, Prisma } from '@rallypoint/prisma';
import {
  type AcceptedPickup,
  assign,
  type CarAssignment,
  DEFAULT_ROAD_FACTOR,
  departureProblem,
  distanceKm,
  driverOnLeg,
  dropOffTimes,
  formatDayTime,
  formatDistanceKm,
  type LatLng,
  latestDeparture,
  liftOfferSchema,
  liftRequestSchema,
  type MatchDriver,
  type MatchOptions,
  pickupNoteSchema,
  type RankedOffer,
  rankOffers,
  readyFromProblem,
  returnDepartureProblem,
  riderOnLeg,
  routeDetour,
  setLiftOfferDepartureSchema,
  setLiftOfferDetourSchema,
  setLiftRequestTimesSchema,
  withinLimit,
} from '@rallypoint/shared';
import { requireVerified } from '../accounts/verified.ts';
import type { Config } from '../config.ts';
import type { Viewer } from '../context.ts';
import type { DbOrTx, Tx } from '../db/change.ts';
import type { Db } from '../db/client.ts';
import { AuthenticationError, ForbiddenError, NotFoundError, parseWith, ValidationError } from '../errors.ts';
import { canManageEvent } from '../events/access.ts';
import { findVisibleEvent } from '../events/service.ts';
import { eventChanged } from '../outbox/outbox.ts';
import { districtLabel, resolveOrigin } from '../places/service.ts';
import { bookForLift, hasPlace, liftShift } from './bookings.ts';
import { type Ending, type LiftParty, notifyAccepted, notifyEnded, notifyLiftsClosed, notifyProposed, notifyReadyChanged, notifyRetimed, notifyRiderJoined } from './mail.ts';
import { checkLegOpen, needingLiftBack, noRoomOn, takenOn } from './return-leg.ts';
import { agreedRoute, arrivalWith, lateWithRiders, latestReady, retimeRoute, storePickups } from './route-times.ts';

export const ROAD_FACTOR = DEFAULT_ROAD_FACTOR;

/** The deployment's settings the matcher plans with: its average road speed (LIFT_SPEED_KMH). */
export type LiftSettings = Pick<Config, 'liftSpeedKmh'>;

/** Which leg to plan (the way there unless said), with the deployment's settings. */
export interface LegOptions {
  leg?: LiftLeg;
  settings: LiftSettings;
}

/**
 * What the matcher knows of an event: where its hubs are, and that every lift must reach it before it starts (with
 * shifts, pass the shift's start: lifts are planned per shift).
 */
export function matchOptions(
  event: { startsAt: Date; hubs: readonly { id: string; lat: number; lng: number }[] },
  settings: LiftSettings,
): MatchOptions {
  return {
    roadFactor: ROAD_FACTOR,
    speedKmh: settings.liftSpeedKmh,
    hubs: event.hubs.map((h) => ({ id: h.id, point: { lat: h.lat, lng: h.lng } })),
    arriveByMs: event.startsAt.getTime(),
  };
}

export async function matchOptionsOf(db: DbOrTx, event: { id: string; startsAt: Date }, settings: LiftSettings): Promise<MatchOptions> {
  const hubs = await db.eventHub.findMany({ where: { eventId: event.id }, select: { id: true, lat: true, lng: true }, orderBy: { id: 'asc' } });
  return matchOptions({ startsAt: event.startsAt, hubs }, settings);
}

/** Where (a hub, or near home when null) and when a planned car picks `requestId` up. */
export interface Pickup {
  pickupHubId: string | null;
  pickupAt: Date | null;
}

/** What the way back is timed from: when the driver leaves the venue (null: not said), and where its riders board. */
export interface BackRoute {
  departAt: Date | null;
  venue: LatLng;
  options: MatchOptions;
  /** Each rider's own stop when not at a hub (home, or the hub an agreed rider boards at). */
  origins: ReadonlyMap<string, LatLng>;
}

/**
 * Where and when a planned car picks each of its riders up on `leg`, computed once per car: on the way back, where it
 * drops them off (the same stop) and when it gets there, leaving at the driver's time for the lift back (no time when
 * they gave none).
 */
export function pickupsOnLeg(car: CarAssignment, leg: LiftLeg, back: BackRoute): Map<string, Pickup> {
  let at: Map<string, number> | null = null;
  if (leg === 'RETURN' && back.departAt) {
    const hubs = new Map((back.options.hubs ?? []).map((h) => [h.id, h.point]));
    const stops = car.stops.map((s) => ({ point: s.hubId ? hubs.get(s.hubId) : back.origins.get(s.riderIds[0]!), riderIds: s.riderIds }));
    if (stops.every((s) => s.point)) at = dropOffTimes(stops as { point: LatLng; riderIds: string[] }[], back.venue, back.departAt.getTime(), back.options);
  }
  const out = new Map<string, Pickup>();
  for (const stop of car.stops) {
    for (const id of stop.riderIds) {
      const ms = leg === 'OUTBOUND' ? stop.atMs : (at?.get(id) ?? null);
      out.set(id, { pickupHubId: stop.hubId ?? null, pickupAt: ms == null ? null : new Date(ms) });
    }
  }
  return out;
}

/** On the way back there is no start to reach: the matcher plans the same route with no time rule. */
export function optionsOnLeg(options: MatchOptions, leg: LiftLeg): MatchOptions {
  return leg === 'RETURN' ? { ...options, arriveByMs: undefined } : options;
}

/** What an event's public lift numbers are counted from (`liftSeatsAvailable`, `liftSeatsWanted`). */
export const OPEN_LIFTS_SELECT = {
  liftOffers: { where: { status: 'OPEN' }, select: { seats: true, seatsTaken: true } },
  liftRequests: { where: { status: 'OPEN' }, select: { seats: true } },
} as const satisfies Prisma.EventSelect;

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new AuthenticationError('Sign in to share lifts');
  return viewer;
}

/**
 * Lifts are for published events that have not ended. Stricter than seeing the event: a draft has no lifts even for
 * the people running it.
 */
export function checkLiftable<E extends { status: Event['status']; endsAt: Date; online?: boolean }>(event: E): E {
  if (event.online) throw ValidationError.field(['eventId'], 'This event is online: there is nowhere to drive to');
  if (event.status === 'DRAFT') throw ValidationError.field(['eventId'], 'This event is not published yet');
  if (event.status !== 'PUBLISHED') throw ValidationError.field(['eventId'], 'This event is cancelled');
  if (event.endsAt.getTime() <= Date.now()) throw ValidationError.field(['eventId'], 'This event has already finished');
  return event;
}

/** An event the viewer can see (or not found) that takes lifts. */
export async function liftableEvent(db: DbOrTx, viewer: Viewer, eventId: string): Promise<Event> {
  return checkLiftable(await findVisibleEvent(db, viewer, eventId));
}

/**
 * An offer's or a request's columns: its validated fields, and where it starts never finer than ~1 km (a postcode
 * district centre or a snapped pin, labelled with its district).
 */
async function liftColumns<T extends { postcode?: string | null; location?: LatLng | null }>(prisma: DbOrTx, data: T) {
  const { postcode, location, ...fields } = data;
  const place = await resolveOrigin(prisma, { postcode, location });
  return { ...fields, originLabel: districtLabel(place), originLat: place.lat, originLng: place.lng };
}

/** Run with `queueKey: placesQueue(eventId)`: the offer books the driver a place (see bookForLift). */
export async function offerLift(
  tx: Tx,
  viewer: Viewer | null,
  eventId: string,
  input: unknown,
  options: { shiftId?: string | null } = {},
): Promise<LiftOffer> {
  const me = requireViewer(viewer);
  await requireVerified(tx, me, 'offer lifts');
  const data = parseWith(liftOfferSchema, input);
  const event = await liftableEvent(tx, me, eventId);
  const { shiftId, times } = await liftShift(tx, me.id, event, options.shiftId);
  const late = departureProblem(data.departAt, times);
  if (late) throw ValidationError.field(['departAt'], late);
  const back = data.returnDepartAt ? returnDepartureProblem(data.returnDepartAt, times) : null;
  if (back) throw ValidationError.field(['returnDepartAt'], back);
  if (data.vehicle === 'COACH') {
    if (!canManageEvent(me, event)) throw ValidationError.field(['vehicle'], "Only the event's organisers can offer a coach");
    if ((await tx.eventHub.count({ where: { eventId } })) === 0) {
      throw ValidationError.field(['vehicle'], 'A coach stops only at pickup hubs: add a hub to the event first');
    }
  }
  // Omitted means none (a reused cancelled offer keeps nothing of its old times).
  const columns = { ...(await liftColumns(tx, data)), returnDepartAt: data.returnDepartAt ?? null, shiftId };
  const mine = { eventId_driverId: { eventId, driverId: me.id } };
  if ((await tx.liftOffer.findUnique({ where: mine }))?.status === 'OPEN') {
    throw ValidationError.field([], 'You already offer a lift to this event');
  }
  // Drivers are going: their place is booked with the offer (cancelling the offer keeps it).
  await bookForLift(tx, me, eventId, { party: 1, side: 'DRIVER', shiftId });
  await eventChanged(tx, eventId);
  // A member's one offer per event: an old (cancelled) one is reused.
  return tx.liftOffer.upsert({ where: mine, create: { ...columns, eventId, driverId: me.id }, update: { ...columns, status: 'OPEN', seatsTaken: 0, returnSeatsTaken: 0 } });
}

/** Run with `queueKey: placesQueue(eventId)`: the request books the rider's party a place (see bookForLift). */
export async function requestLift(
  tx: Tx,
  viewer: Viewer | null,
  eventId: string,
  input: unknown,
  options: { joinWaitlist?: boolean; shiftId?: string | null } = {},
): Promise<LiftRequest> {
  const me = requireViewer(viewer);
  const data = parseWith(liftRequestSchema, input);
  const event = await liftableEvent(tx, me, eventId);
  const { shiftId, times } = await liftShift(tx, me.id, event, options.shiftId);
  const early = data.readyFrom ? readyFromProblem(data.readyFrom, times) : null;
  if (early) throw ValidationError.field(['readyFrom'], early);
  if (data.hubReachKm != null && (await tx.eventHub.count({ where: { eventId } })) === 0) {
    throw ValidationError.field(['hubReachKm'], 'This event has no pickup hubs yet');
  }
  const columns = { ...(await liftColumns(tx, data)), hubReachKm: data.hubReachKm ?? null, readyFrom: data.readyFrom ?? null, shiftId };
  const mine = { eventId_riderId: { eventId, riderId: me.id } };
  const live = (await tx.liftRequest.findUnique({ where: mine }))?.status;
  if (live && live !== 'CANCELLED') throw ValidationError.field([], 'You already asked for a lift to this event');
  // Cancelling the request later keeps the place: needing a lift and going are separate choices.
  await bookForLift(tx, me, eventId, { party: data.seats, side: 'RIDER', joinWaitlist: options.joinWaitlist, shiftId });
  // Only waitlisted: the request waits for a place, matched to no car until then (see followBookings).
  const status = (await hasPlace(tx, eventId, me.id, shiftId)) ? 'OPEN' : 'WAITING';
  await eventChanged(tx, eventId);
  return tx.liftRequest.upsert({ where: mine, create: { ...columns, eventId, riderId: me.id, status }, update: { ...columns, status } });
}

/**
 * The driver changes how far they will go out of their way (asked to stretch, or to take a rider on the list). Never
 * below what the riders already agreed take: those lifts stand. Waiting proposals are checked again when accepted.
 */
export async function setOfferDetour(tx: Tx, viewer: Viewer | null, offerId: string, maxDetourKm: number): Promise<LiftOffer> {
  const me = requireViewer(viewer);
  const km = parseWith(setLiftOfferDetourSchema, { maxDetourKm }).maxDetourKm;
  const offer = await lockOffer(tx, offerId);
  if (!offer || offer.driverId !== me.id) throw new NotFoundError('That lift offer');
  if (offer.status !== 'OPEN') throw ValidationError.field(['offerId'], 'This lift offer is cancelled');
  const event = await tx.event.findUniqueOrThrow({ where: { id: offer.eventId }, select: { exactLat: true, exactLng: true } });
  const venue = { lat: event.exactLat, lng: event.exactLng };
  // One after the other: queries overlapping on a transaction's one connection are deprecated in pg (an error in pg 9).
  const legs = [await driversFor(tx, [offer], 'OUTBOUND'), await driversFor(tx, [offer], 'RETURN')];
  const agreed = Math.max(...legs.map(([driver]) => routeDetour(driver!, driver!.acceptedRiders ?? [], venue, ROAD_FACTOR).detourKm));
  if (!withinLimit(agreed, km)) {
    throw ValidationError.field(['maxDetourKm'], `The riders you agreed to take already add ${formatDistanceKm(agreed)}: keep at least that`);
  }
  await eventChanged(tx, offer.eventId);
  return tx.liftOffer.update({ where: { id: offerId }, data: { maxDetourKm: km } });
}

/**
 * The driver changes when they leave (the event or their shift moved, or their plans did). Checked as a new offer's
 * departure is, and against the riders already agreed on the way there: the route stays as agreed and its pickup times
 * are worked out again from the new departure (waiting for a rider not yet ready, as the matcher plans), so it may not
 * reach the event after it starts. Proposals' pickup times move by as much (accepting one plans it again); agreed
 * riders are told their new pickup time.
 */
export async function setOfferDeparture(tx: Tx, viewer: Viewer | null, offerId: string, departAt: Date, settings: LiftSettings): Promise<LiftOffer> {
  const me = requireViewer(viewer);
  const at = parseWith(setLiftOfferDepartureSchema, { departAt }).departAt;
  const offer = await lockOffer(tx, offerId);
  if (!offer || offer.driverId !== me.id) throw new NotFoundError('That lift offer');
  if (offer.status !== 'OPEN') throw ValidationError.field(['id'], 'This lift offer is cancelled');
  const event = await tx.event.findUniqueOrThrow({ where: { id: offer.eventId }, select: { startsAt: true, endsAt: true, exactLat: true, exactLng: true } });
  const shift = offer.shiftId ? await tx.eventShift.findUnique({ where: { id: offer.shiftId }, select: { startsAt: true, endsAt: true } }) : null;
  const times = shift ? { ...shift, shift: true } : event;
  const problem = departureProblem(at, times);
  if (problem) throw ValidationError.field(['departAt'], problem);
  const moveMs = at.getTime() - offer.departAt.getTime();
  if (moveMs === 0) return offer;
  const route = await agreedRoute(tx, offer);
  const venue = { lat: event.exactLat, lng: event.exactLng };
  const road = { roadFactor: ROAD_FACTOR, speedKmh: settings.liftSpeedKmh };
  if (route.stops.length > 0) {
    const latest = latestDeparture(route.origin, route.stops, venue, times.startsAt.getTime(), road);
    if (latest === null || at.getTime() > latest) throw ValidationError.field(['departAt'], lateWithRiders(latest, shift ? 'the shift' : 'the event'));
  }
  await retimeRoute(tx, route, venue, at.getTime(), road);
  // Proposals move by as much; updated_at stays: a proposal's e-mail, still to go, checks it.
  await tx.$executeRaw`
    UPDATE lift_matches SET pickup_at = pickup_at + make_interval(secs => ${moveMs / 1000}::float8)
    WHERE offer_id = ${offerId}::uuid AND leg = 'OUTBOUND' AND status = 'PROPOSED' AND pickup_at IS NOT NULL`;
  const updated = await tx.liftOffer.update({ where: { id: offerId }, data: { departAt: at } });
  await notifyRetimed(tx, route.riders, at);
  await eventChanged(tx, offer.eventId);
  return updated;
}

/**
 * The rider changes when they are ready and how far they can get to a hub (null or left out: none). Checked as a new
 * request's are; an agreed lift's hub (there or back) must stay in reach, and on the way there the car, waiting for
 * them, may not reach the event later than the start (or later than it already would): its pickup times are planned
 * again from the driver's departure, and the driver and any other rider whose pickup moves are told. Proposals waiting
 * for an answer get the pickup their car would now plan.
 */
export async function setRequestTimes(
  tx: Tx,
  viewer: Viewer | null,
  requestId: string,
  input: { readyFrom?: Date | null; hubReachKm?: number | null },
  settings: LiftSettings,
): Promise<LiftRequest> {
  const me = requireViewer(viewer);
  const data = parseWith(setLiftRequestTimesSchema, input);
  const readyFrom = data.readyFrom ?? null;
  const hubReachKm = data.hubReachKm ?? null;
  // The agreed car's row first, then the request's, as every writer locks them: its pickups are planned again below.
  const agreedWhere = { requestId, leg: 'OUTBOUND', status: 'ACCEPTED' } as const;
  const car = await tx.liftMatch.findFirst({ where: agreedWhere, select: { offerId: true } });
  if (car) await lockOffer(tx, car.offerId);
  const request = await lockRequest(tx, requestId);
  if (!request || request.riderId !== me.id) throw new NotFoundError('That lift request');
  if (request.status === 'CANCELLED') throw ValidationError.field(['id'], 'This lift request is cancelled');
  const event = checkLiftable(
    await tx.event.findUniqueOrThrow({
      where: { id: request.eventId },
      select: { startsAt: true, endsAt: true, status: true, online: true, exactLat: true, exactLng: true },
    }),
  );
  const shift = request.shiftId ? await tx.eventShift.findUnique({ where: { id: request.shiftId }, select: { startsAt: true } }) : null;
  const times = shift ? { ...shift, shift: true } : event;
  const early = readyFrom ? readyFromProblem(readyFrom, times) : null;
  if (early) throw ValidationError.field(['readyFrom'], early);
  if (hubReachKm !== null && (await tx.eventHub.count({ where: { eventId: request.eventId } })) === 0) {
    throw ValidationError.field(['hubReachKm'], 'This event has no pickup hubs yet');
  }
  // A lift agreed while this change waited for the request's lock (accepted then): its car is locked now.
  const agreed = await tx.liftMatch.findFirst({ where: agreedWhere, include: { offer: true } });
  if (agreed && agreed.offerId !== car?.offerId) await lockOffer(tx, agreed.offerId);
  const home = { lat: request.originLat, lng: request.originLng };
  for (const m of await tx.liftMatch.findMany({
    where: { requestId, status: 'ACCEPTED', pickupHubId: { not: null } },
    select: { leg: true, pickupHub: { select: { name: true, lat: true, lng: true } } },
    orderBy: { leg: 'asc' },
  })) {
    const km = distanceKm(home, m.pickupHub!);
    if (hubReachKm === null || km > hubReachKm) {
      // Rounded up, so the distance named is one that is accepted.
      const keep = formatDistanceKm(Math.ceil(km * 10) / 10);
      const how = m.leg === 'OUTBOUND' ? 'Your lift picks you up at' : 'Your lift back drops you at';
      throw ValidationError.field(['hubReachKm'], `${how} ${m.pickupHub!.name}, ${keep} from you: keep at least that, or call off the lift first`);
    }
  }
  const updated = await tx.liftRequest.update({ where: { id: requestId }, data: { readyFrom, hubReachKm } });
  const wasReady = request.readyFrom?.getTime() ?? null;
  const ready = readyFrom?.getTime() ?? null;
  if (agreed?.pickupAt && wasReady !== ready) {
    // The way there as agreed, from the driver's departure: in time with the new ready time, or no later than before.
    const offer = agreed.offer;
    const route = await agreedRoute(tx, offer);
    const venue = { lat: event.exactLat, lng: event.exactLng };
    const road = { roadFactor: ROAD_FACTOR, speedKmh: settings.liftSpeedKmh };
    const departMs = offer.departAt.getTime();
    const startMs = times.startsAt.getTime();
    const arrive = arrivalWith(route, agreed.id, ready, venue, departMs, road);
    if (arrive > startMs && arrive > arrivalWith(route, agreed.id, wasReady, venue, departMs, road)) {
      const what = shift ? 'the shift' : 'the event';
      const by = latestReady(route, agreed.id, venue, departMs, startMs, road);
      throw ValidationError.field(
        ['readyFrom'],
        by === null
          ? `Your driver would reach ${what} after it starts: keep a ready time no later than before, or call off the lift`
          : `Your driver would reach ${what} after it starts if they waited for you: be ready by ${formatDayTime(new Date(by))}`,
      );
    }
    const retimed = await retimeRoute(tx, route, venue, departMs, road);
    // Told only of a move of a minute or more (the times shown are minutes).
    const moved = retimed.flatMap(({ matchId, wasMs, at }) => {
      const rider = route.riders.find((r) => r.matchId === matchId);
      return matchId !== agreed.id && rider && Math.abs(at.getTime() - wasMs) >= 60_000 ? [{ ...rider, pickupAt: at }] : [];
    });
    await notifyReadyChanged(tx, { matchId: agreed.id, driverId: offer.driverId, readyFrom }, moved);
  }
  await replanProposals(tx, updated, settings);
  await eventChanged(tx, request.eventId);
  return updated;
}

/**
 * The rider's proposals on the way there, waiting for an answer, get the pickup (hub or home, and time) and detour their
 * car would now plan; one that no longer works keeps its old one, and accepting it is refused with the reason. updated_at stays:
 * a proposal's e-mail, still to go, checks it to know the proposal is the one it announces.
 */
async function replanProposals(tx: Tx, request: LiftRequest, settings: LiftSettings): Promise<void> {
  const proposals = await tx.liftMatch.findMany({ where: { requestId: request.id, leg: 'OUTBOUND', status: 'PROPOSED' }, include: { offer: true } });
  for (const m of proposals) {
    const plan = await planLift(tx, m.offer, request, { leg: 'OUTBOUND', settings });
    if (typeof plan === 'string') continue;
    const { pickupHubId, pickupAt } = plan.pickup;
    await tx.$executeRaw`
      UPDATE lift_matches SET pickup_hub_id = ${pickupHubId}::uuid, pickup_at = ${pickupAt}::timestamptz, detour_km = ${plan.ranked.detourKm}
      WHERE id = ${m.id}::uuid AND status = 'PROPOSED'`;
  }
}

// -------------------------------------------------------------------------------------------------- ranking

/** The cars as the matcher sees them on `leg`: the seats free and the riders agreed on that leg. */
export async function driversFor(db: DbOrTx, offers: LiftOffer[], leg: LiftLeg = 'OUTBOUND'): Promise<MatchDriver[]> {
  const accepted = await db.liftMatch.findMany({
    where: { offerId: { in: offers.map((o) => o.id) }, status: 'ACCEPTED', leg },
    select: { offerId: true, pickupHubId: true, request: { select: { id: true, originLat: true, originLng: true, readyFrom: true } } },
  });
  // A rider agreed at a hub boards there (hubs read only when some did: one statement whatever their number).
  const hubIds = [...new Set(accepted.flatMap((m) => (m.pickupHubId ? [m.pickupHubId] : [])))];
  const hubs = hubIds.length ? await db.eventHub.findMany({ where: { id: { in: hubIds } }, select: { id: true, lat: true, lng: true } }) : [];
  const hubAt = new Map(hubs.map((h) => [h.id, { lat: h.lat, lng: h.lng }]));
  const pickups = new Map<string, AcceptedPickup[]>();
  for (const m of accepted) {
    const list = pickups.get(m.offerId) ?? [];
    const origin = (m.pickupHubId && hubAt.get(m.pickupHubId)) || { lat: m.request.originLat, lng: m.request.originLng };
    // On the way there the car waits for a rider not yet ready: later pickups are planned after it.
    const readyMs = leg === 'OUTBOUND' ? (m.request.readyFrom?.getTime() ?? null) : null;
    list.push({ id: m.request.id, origin, readyMs });
    pickups.set(m.offerId, list);
  }
  return offers.map((o) => driverOnLeg(o, leg, pickups.get(o.id)));
}

/**
 * Open offers near enough to matter for each request, found through the GiST index on offer origins: two statements
 * for any number of requests. With road factor f, a detour f·(d(D,R) + d(R,E) − d(D,E)) ≤ L needs
 * d(D,R) ≤ L/f + d(D,E) − d(R,E): bounded by the largest limit and the farthest driver of the event, so the circle
 * never drops a feasible offer.
 */
async function nearbyOffers(
  db: DbOrTx,
  requests: readonly LiftRequest[],
  leg: LiftLeg,
  settings: LiftSettings,
): Promise<{ venues: Map<string, { venue: LatLng; options: MatchOptions }>; near: { requestId: string; offerId: string }[] }> {
  const eventIds = [...new Set(requests.map((r) => r.eventId))];
  type Hub = { id: string; lat: number; lng: number };
  const bounds = await db.$queryRaw<
    { event_id: string; lat: number; lng: number; starts_at: Date; hubs: Hub[]; max_limit: number; max_de: number }[]
  >`
    SELECT e.id AS event_id, e.exact_lat AS lat, e.exact_lng AS lng, e.starts_at, max(o.max_detour_km) AS max_limit,
      max(earth_distance(rp_earth(o.origin_lat, o.origin_lng), rp_earth(e.exact_lat, e.exact_lng))) / 1000 AS max_de,
      (SELECT coalesce(json_agg(json_build_object('id', h.id, 'lat', h.lat, 'lng', h.lng) ORDER BY h.id), '[]')
        FROM event_hubs h WHERE h.event_id = e.id) AS hubs
    FROM events e JOIN lift_offers o ON o.event_id = e.id AND o.status = 'OPEN'
    WHERE e.id = ANY(${eventIds}::uuid[])
    GROUP BY e.id`;
  const venues = new Map(
    bounds.map((b) => [b.event_id, { venue: { lat: b.lat, lng: b.lng }, options: matchOptions({ startsAt: b.starts_at, hubs: b.hubs }, settings) }]),
  );
  const boundsOf = new Map(bounds.map((b) => [b.event_id, b]));
  // Picked up at a hub up to hubReachKm from home, a rider can ride with cars up to twice that further away.
  const reach = requests.flatMap((r) => {
    const b = boundsOf.get(r.eventId);
    const hubKm = b && b.hubs.length > 0 ? 2 * (r.hubReachKm ?? 0) : 0;
    return b ? [{ r, b, reachKm: b.max_limit / ROAD_FACTOR + b.max_de + hubKm + 0.01 }] : [];
  });
  if (reach.length === 0) return { venues, near: [] };
  const column = <T>(f: (x: (typeof reach)[number]) => T) => reach.map(f);
  const near = await db.$queryRaw<{ requestId: string; offerId: string }[]>`
    SELECT r.id AS "requestId", o.id AS "offerId"
    FROM unnest(
      ${column((x) => x.r.id)}::uuid[], ${column((x) => x.r.eventId)}::uuid[], ${column((x) => x.r.riderId)}::uuid[],
      ${column((x) => x.r.originLat)}::float8[], ${column((x) => x.r.originLng)}::float8[], ${column((x) => x.r.seats)}::int[],
      ${column((x) => x.reachKm)}::float8[], ${column((x) => x.b.lat)}::float8[], ${column((x) => x.b.lng)}::float8[],
      ${column((x) => x.r.shiftId)}::uuid[]
    ) AS r(id, event_id, rider_id, lat, lng, seats, reach_km, venue_lat, venue_lng, shift_id)
    CROSS JOIN LATERAL (
      SELECT 1000 * r.reach_km - earth_distance(rp_earth(r.lat, r.lng), rp_earth(r.venue_lat, r.venue_lng)) AS radius_m
    ) c
    CROSS JOIN LATERAL (
      SELECT o.id FROM lift_offers o
      WHERE c.radius_m > 0
        AND o.status = 'OPEN'
        AND earth_box(rp_earth(r.lat, r.lng), c.radius_m) @> rp_earth(o.origin_lat, o.origin_lng)
        AND o.event_id = r.event_id
        AND o.shift_id IS NOT DISTINCT FROM r.shift_id
        AND o.driver_id <> r.rider_id
        AND (${leg} <> 'RETURN' OR o.return_trip)
        AND o.seats - (CASE WHEN ${leg} = 'RETURN' THEN o.return_seats_taken ELSE o.seats_taken END) >= r.seats
    ) o`;
  return { venues, near };
}

/**
 * For each request, the offers it could ride in on `leg`, best first (smallest added detour, then earliest
 * departure).
 */
export async function rankCandidatesOf(
  db: DbOrTx,
  requests: readonly LiftRequest[],
  { leg = 'OUTBOUND', settings }: LegOptions,
): Promise<RankedOffer[][]> {
  if (requests.length === 0) return [];
  const { venues, near } = await nearbyOffers(db, requests, leg, settings);
  if (near.length === 0) return requests.map(() => []);
  const offers = await db.liftOffer.findMany({ where: { id: { in: [...new Set(near.map((n) => n.offerId))] } } });
  const drivers = new Map((await driversFor(db, offers, leg)).map((d) => [d.id, d]));
  const nearOf = new Map<string, string[]>();
  for (const n of near) {
    const ids = nearOf.get(n.requestId) ?? [];
    ids.push(n.offerId);
    nearOf.set(n.requestId, ids);
  }
  const starts = await shiftStarts(db, requests);
  return requests.map((request) => {
    const at = venues.get(request.eventId);
    const cars = (nearOf.get(request.id) ?? []).map((id) => drivers.get(id)!);
    if (!at || cars.length === 0) return [];
    const options = request.shiftId ? { ...at.options, arriveByMs: starts.get(request.shiftId) } : at.options;
    return rankOffers(riderOnLeg(request, leg), cars, at.venue, optionsOnLeg(options, leg));
  });
}

/** When each shift these lifts are for starts, ms (lifts with no shift are timed by their event). */
async function shiftStarts(db: DbOrTx, lifts: readonly { shiftId: string | null }[]): Promise<Map<string, number>> {
  const ids = [...new Set(lifts.flatMap((l) => (l.shiftId ? [l.shiftId] : [])))];
  if (ids.length === 0) return new Map();
  const shifts = await db.eventShift.findMany({ where: { id: { in: ids } }, select: { id: true, startsAt: true } });
  return new Map(shifts.map((s) => [s.id, s.startsAt.getTime()]));
}

/** The offers one request could ride in on `leg`, best first. */
export async function rankCandidates(db: DbOrTx, request: LiftRequest, options: LegOptions): Promise<RankedOffer[]> {
  const [ranked] = await rankCandidatesOf(db, [request], options);
  return ranked ?? [];
}

/**
 * Cars that could take each request, best first, for its rider and the event's organisers; null for a request the
 * viewer may not see (or that does not exist). A few statements for any number of requests.
 */
export async function candidatesOf(
  db: DbOrTx,
  viewer: Viewer | null,
  requestIds: readonly string[],
  { leg = 'OUTBOUND', settings }: LegOptions,
): Promise<(RankedOffer[] | null)[]> {
  if (!viewer) return requestIds.map(() => null);
  const requests = await db.liftRequest.findMany({
    where: { id: { in: [...requestIds] } },
    include: { event: { select: { id: true, organiserId: true, regionId: true } } },
  });
  const visible = requests.filter((r) => r.riderId === viewer.id || canManageEvent(viewer, r.event));
  const open = leg === 'RETURN' ? await needingLiftBack(db, visible) : visible.filter((r) => r.status === 'OPEN');
  const ranked = await rankCandidatesOf(db, open, { leg, settings });
  const byId = new Map<string, RankedOffer[]>(visible.map((r) => [r.id, []]));
  for (const [i, r] of open.entries()) byId.set(r.id, ranked[i]!);
  return requestIds.map((id) => byId.get(id) ?? null);
}

// ------------------------------------------------------------------------------------------------ lifecycle

type Side = 'DRIVER' | 'RIDER';

/**
 * Either side proposes a lift there or back (`leg`); the other accepts. A proposal is checked against seats, access
 * and the detour limit.
 */
export async function proposeMatch(
  tx: Tx,
  viewer: Viewer | null,
  offerId: string,
  requestId: string,
  { leg = 'OUTBOUND', settings }: LegOptions,
): Promise<LiftMatch> {
  const me = requireViewer(viewer);
  const offer = await tx.liftOffer.findUnique({ where: { id: offerId } });
  const request = await tx.liftRequest.findUnique({ where: { id: requestId } });
  if (offer?.status !== 'OPEN') throw new NotFoundError('That lift offer');
  if (!request || request.status === 'CANCELLED') throw new NotFoundError('That lift request');
  const side: Side | null = offer.driverId === me.id ? 'DRIVER' : request.riderId === me.id ? 'RIDER' : null;
  if (!side) throw new ForbiddenError('Only the driver or the rider can propose this lift');
  if (offer.eventId !== request.eventId) throw ValidationError.field(['offerId'], 'That lift goes to another event');
  if (offer.driverId === request.riderId) throw ValidationError.field(['offerId'], 'You cannot give yourself a lift');
  await checkLegOpen(tx, offer, request, leg);
  const { ranked, pickup } = await rankWithin(tx, offer, request, { leg, settings });
  const existing = await tx.liftMatch.findUnique({ where: { offerId_requestId_leg: { offerId, requestId, leg } } });
  if (existing?.status === 'PROPOSED' || existing?.status === 'ACCEPTED') return existing;
  const data = { status: 'PROPOSED' as const, proposedBy: side, detourKm: ranked.detourKm, driverNote: null, riderNote: null, ...pickup };
  const match = existing
    ? await tx.liftMatch.update({ where: { id: existing.id }, data })
    : await tx.liftMatch.create({ data: { ...data, offerId, requestId, leg } });
  await notifyProposed(tx, [{ match, driverId: offer.driverId, riderId: request.riderId }]);
  return match;
}

/** Why this car cannot take this party now, or its ranking and where and when it picks them up when it can. */
async function planLift(
  db: DbOrTx,
  offer: LiftOffer,
  request: LiftRequest,
  { leg = 'OUTBOUND', settings }: LegOptions,
): Promise<{ ranked: RankedOffer; pickup: Pickup; others: Map<string, Pickup> } | string> {
  const noRoom = noRoomOn(offer, request.seats, leg);
  if (noRoom) return noRoom;
  if (request.needsWheelchair && !offer.wheelchairAccessible) return 'This car is not wheelchair accessible';
  if (offer.shiftId !== request.shiftId) return 'This lift is for another shift of the event';
  const event = await db.event.findUniqueOrThrow({
    where: { id: offer.eventId },
    select: { exactLat: true, exactLng: true, startsAt: true, hubs: { select: { id: true, lat: true, lng: true }, orderBy: { id: 'asc' } } },
  });
  const venue = { lat: event.exactLat, lng: event.exactLng };
  const startsAt = offer.shiftId ? new Date((await shiftStarts(db, [offer])).get(offer.shiftId)!) : event.startsAt;
  const options = optionsOnLeg(matchOptions({ startsAt, hubs: event.hubs }, settings), leg);
  const [driver] = await driversFor(db, [offer], leg);
  const rider = riderOnLeg(request, leg);
  const [ranked] = rankOffers(rider, [driver!], venue, options);
  // The same planner as Match everyone: where this rider boards (a hub or home) and when.
  const [car] = ranked ? assign([driver!], [rider], venue, options).cars : [];
  if (ranked && car) {
    const origins = new Map([[rider.id, rider.origin], ...(driver!.acceptedRiders ?? []).map((a) => [a.id, a.origin] as const)]);
    // Every rider's stop on the planned route: the agreed riders' times may move with the new pickup.
    const others = pickupsOnLeg(car, leg, { departAt: offer.returnDepartAt, venue, options, origins });
    const pickup = others.get(request.id);
    others.delete(request.id);
    return { ranked, pickup: pickup ?? { pickupHubId: null, pickupAt: null }, others };
  }
  if (rankOffers(rider, [driver!], venue, { ...options, arriveByMs: undefined }).length > 0) {
    return `With this pickup the ${offer.vehicle === 'COACH' ? 'coach' : 'car'} would reach the event after ${offer.shiftId ? 'the shift' : 'it'} starts`;
  }
  if (driver!.hubsOnly) {
    return request.hubReachKm
      ? `This coach stops only at pickup hubs, and none it can reach in time is within ${formatDistanceKm(request.hubReachKm)} of you`
      : 'This coach stops only at pickup hubs: say how far you can get to one to take it';
  }
  return 'This pickup would take the driver past their detour limit';
}

async function rankWithin(
  db: DbOrTx,
  offer: LiftOffer,
  request: LiftRequest,
  options: LegOptions,
): Promise<{ ranked: RankedOffer; pickup: Pickup; others: Map<string, Pickup> }> {
  const plan = await planLift(db, offer, request, options);
  if (typeof plan === 'string') throw ValidationError.field(['offerId'], plan);
  return plan;
}

async function lockOffer(tx: Tx, offerId: string): Promise<LiftOffer | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM lift_offers WHERE id = ${offerId}::uuid FOR UPDATE`;
  return rows[0] ? tx.liftOffer.findUnique({ where: { id: offerId } }) : null;
}

async function lockRequest(tx: Tx, requestId: string): Promise<LiftRequest | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM lift_requests WHERE id = ${requestId}::uuid FOR UPDATE`;
  return rows[0] ? tx.liftRequest.findUnique({ where: { id: requestId } }) : null;
}

/** Runs `fn` with the match's car and request rows locked (car first, always, so two writers never deadlock). */
async function withLockedMatch<T>(
  tx: Tx,
  me: Viewer,
  matchId: string,
  fn: (m: { offer: LiftOffer; request: LiftRequest; match: LiftMatch; side: Side }) => Promise<T>,
): Promise<T> {
  const match0 = await tx.liftMatch.findUnique({ where: { id: matchId } });
  if (!match0) throw new NotFoundError('That lift');
  const offer = await lockOffer(tx, match0.offerId);
  const request = await lockRequest(tx, match0.requestId);
  const match = await tx.liftMatch.findUnique({ where: { id: matchId } });
  const side: Side | null = offer?.driverId === me.id ? 'DRIVER' : request?.riderId === me.id ? 'RIDER' : null;
  if (!offer || !request || !match || !side) throw new NotFoundError('That lift');
  return fn({ offer, request, match, side });
}

/**
 * The other side accepts. The car's row is locked for the whole check-and-book, so however many accepts race,
 * seats are never overbooked (and a CHECK constraint backs that up); the losers get "This car is full".
 */
export async function acceptMatch(
  tx: Tx,
  viewer: Viewer | null,
  matchId: string,
  { pickupNote, settings }: { pickupNote?: string | null; settings: LiftSettings },
): Promise<LiftMatch> {
  const me = requireViewer(viewer);
  const note = parseWith(pickupNoteSchema, pickupNote, ['pickupNote']) || null;
  return withLockedMatch(tx, me, matchId, async ({ offer, request, match, side }) => {
    if (match.status === 'ACCEPTED') return match;
    if (match.status !== 'PROPOSED') throw ValidationError.field(['matchId'], 'This lift is no longer on offer');
    if (match.proposedBy === side) throw ValidationError.field(['matchId'], 'The other side has to accept your proposal');
    if (offer.status !== 'OPEN') throw ValidationError.field(['matchId'], 'The driver has cancelled this lift');
    const leg = match.leg;
    await checkLegOpen(tx, offer, request, leg, 'matchId');
    const { ranked, pickup, others } = await rankWithin(tx, offer, request, { leg, settings });
    // Each leg books its own seats, under the car's lock; only the way there makes the request MATCHED.
    await tx.liftOffer.update({ where: { id: offer.id }, data: { [takenOn(leg)]: { increment: request.seats } } });
    if (leg === 'OUTBOUND') await tx.liftRequest.update({ where: { id: request.id }, data: { status: 'MATCHED' } });
    // The rider's other proposals for this leg lapse; their drivers hear the rider has found a lift.
    const lapsed = await endMatches(tx, { requestId: request.id, leg, status: 'PROPOSED', id: { not: match.id } });
    await notifyEnded(tx, offer.eventId, lapsed.map((e) => ({ ...e, to: 'DRIVER', reason: 'taken-elsewhere' })));
    await eventChanged(tx, offer.eventId);
    const accepted = await tx.liftMatch.update({
      where: { id: match.id },
      data: { status: 'ACCEPTED', detourKm: ranked.detourKm, ...pickup, ...(side === 'DRIVER' ? { driverNote: note } : { riderNote: note }) },
    });
    await notifyAccepted(tx, { match: accepted, driverId: offer.driverId, riderId: request.riderId });
    await retimeAgreed(tx, offer.id, leg, match.id, others);
    return accepted;
  });
}

/**
 * The car's other riders agreed on `leg` get the times of the route just planned with a new rider on it (picked up or
 * dropped off later when the new stop comes first, or the car waits for them). On the way there, a rider whose pickup
 * moved by a minute or more is told.
 */
async function retimeAgreed(tx: Tx, offerId: string, leg: LiftLeg, newMatchId: string, planned: Map<string, Pickup>): Promise<void> {
  const agreed = await tx.liftMatch.findMany({
    where: { offerId, leg, status: 'ACCEPTED', id: { not: newMatchId } },
    select: { id: true, pickupAt: true, request: { select: { id: true, riderId: true } } },
  });
  const changed: { matchId: string; at: Date }[] = [];
  const moved: { matchId: string; riderId: string; pickupAt: Date }[] = [];
  for (const m of agreed) {
    const at = planned.get(m.request.id)?.pickupAt;
    if (!at || m.pickupAt?.getTime() === at.getTime()) continue;
    changed.push({ matchId: m.id, at });
    if (leg === 'OUTBOUND' && (!m.pickupAt || Math.abs(at.getTime() - m.pickupAt.getTime()) >= 60_000)) {
      moved.push({ matchId: m.id, riderId: m.request.riderId, pickupAt: at });
    }
  }
  await storePickups(tx, changed);
  await notifyRiderJoined(tx, moved);
}

/**
 * Ends the live matches `where` selects (and only live ones: it must filter on status), each returned with what it
 * was before and its two people, for its notice.
 */
async function endMatches(tx: Tx, where: Prisma.LiftMatchWhereInput): Promise<{ before: LiftMatch; party: LiftParty }[]> {
  const before = await tx.liftMatch.findMany({
    where,
    include: { offer: { select: { driverId: true } }, request: { select: { riderId: true } } },
  });
  const after = await tx.liftMatch.updateManyAndReturn({ where, data: { status: 'CANCELLED' } });
  const was = new Map(before.map((m) => [m.id, m]));
  // A proposal made by another transaction between the two statements also ends, unannounced: nobody heard of it yet.
  return after.flatMap((match) => {
    const b = was.get(match.id);
    if (!b) return [];
    const { offer, request, ...before } = b;
    return [{ before, party: { match, driverId: offer.driverId, riderId: request.riderId } }];
  });
}

/** Either side adds or changes their pickup details once the lift is agreed. */
export async function setPickupNote(tx: Tx, viewer: Viewer | null, matchId: string, noteInput: string | null): Promise<LiftMatch> {
  const me = requireViewer(viewer);
  const note = parseWith(pickupNoteSchema, noteInput, ['pickupNote']) || null;
  const match = await tx.liftMatch.findUnique({ where: { id: matchId }, include: { offer: true, request: true } });
  const side = match && (match.offer.driverId === me.id ? 'DRIVER' : match.request.riderId === me.id ? 'RIDER' : null);
  if (!match || !side) throw new NotFoundError('That lift');
  if (match.status !== 'ACCEPTED') throw ValidationError.field(['matchId'], 'Pickup details are shared once the lift is agreed');
  return tx.liftMatch.update({ where: { id: matchId }, data: side === 'DRIVER' ? { driverNote: note } : { riderNote: note } });
}

/** Declines a proposal, or calls off an agreed lift (the rider's request reopens and the seats free up). */
export async function withdrawMatch(tx: Tx, viewer: Viewer | null, matchId: string): Promise<LiftMatch> {
  const me = requireViewer(viewer);
  return withLockedMatch(tx, me, matchId, async ({ offer, request, match, side }) => {
    if (match.status !== 'PROPOSED' && match.status !== 'ACCEPTED') return match;
    const ended =
      match.status === 'PROPOSED'
        ? await tx.liftMatch.update({ where: { id: matchId }, data: { status: 'DECLINED' } })
        : await callOff(tx, match, offer, request);
    const reason = match.status === 'ACCEPTED' ? 'called-off' : side === match.proposedBy ? 'withdrawn' : 'declined';
    const party: LiftParty = { match: ended, driverId: offer.driverId, riderId: request.riderId };
    await notifyEnded(tx, offer.eventId, [{ before: match, party, to: side === 'DRIVER' ? 'RIDER' : 'DRIVER', reason }]);
    return ended;
  });
}

/**
 * Ends an agreed lift with both rows locked: its leg's seats free up, and for the way there the rider's request
 * reopens.
 */
async function callOff(tx: Tx, match: LiftMatch, offer: LiftOffer, request: LiftRequest): Promise<LiftMatch> {
  await tx.liftOffer.update({ where: { id: offer.id }, data: { [takenOn(match.leg)]: { decrement: request.seats } } });
  if (match.leg === 'OUTBOUND') await tx.liftRequest.update({ where: { id: request.id }, data: { status: 'OPEN' } });
  await eventChanged(tx, offer.eventId);
  return tx.liftMatch.update({ where: { id: match.id }, data: { status: 'CANCELLED' } });
}

/**
 * The driver calls off their offer: every match ends, the riders' requests reopen, and each reopened request is
 * proposed (on the rider's behalf) to the best remaining car, which that driver then accepts or declines.
 */
export async function cancelOffer(tx: Tx, viewer: Viewer | null, offerId: string, settings: LiftSettings): Promise<LiftOffer> {
  return endOffer(tx, requireViewer(viewer).id, offerId, settings);
}

/** `cancelOffer` for the driver `driverId` (also when they give up their place: see bookings.ts). */
export async function endOffer(tx: Tx, driverId: string, offerId: string, settings: LiftSettings): Promise<LiftOffer> {
  const locked = await lockOffer(tx, offerId);
  if (!locked || locked.driverId !== driverId) throw new NotFoundError('That lift offer');
  if (locked.status === 'CANCELLED') return locked;
  const ended = await endMatches(tx, { offerId, status: { in: ['PROPOSED', 'ACCEPTED'] } });
  // Each rider of the car hears, those it had agreed to take and those still being asked.
  await notifyEnded(tx, locked.eventId, ended.map((e) => ({ ...e, to: 'RIDER', reason: 'offer-cancelled' })));
  const agreed = ended.filter((e) => e.before.status === 'ACCEPTED').map((e) => e.before);
  const reopened = agreed.filter((m) => m.leg === 'OUTBOUND').map((m) => m.requestId);
  await tx.liftRequest.updateMany({ where: { id: { in: reopened } }, data: { status: 'OPEN' } });
  const offer = await tx.liftOffer.update({ where: { id: offerId }, data: { status: 'CANCELLED', seatsTaken: 0, returnSeatsTaken: 0 } });
  for (const m of agreed) await proposeBest(tx, m.requestId, { leg: m.leg, settings });
  await eventChanged(tx, offer.eventId);
  return offer;
}

/**
 * Proposes a reopened request to its best candidate car, if any: that driver is asked, and the rider told they have
 * been offered another car.
 */
export async function proposeBest(tx: Tx, requestId: string, { leg = 'OUTBOUND', settings }: LegOptions): Promise<LiftMatch | null> {
  const request = await tx.liftRequest.findUnique({ where: { id: requestId } });
  if (!request) return null;
  if (leg === 'OUTBOUND' ? request.status !== 'OPEN' : (await needingLiftBack(tx, [request])).length === 0) return null;
  const [best] = await rankCandidates(tx, request, { leg, settings });
  if (!best) return null;
  const plan = await planLift(tx, await tx.liftOffer.findUniqueOrThrow({ where: { id: best.offer.id } }), request, { leg, settings });
  if (typeof plan === 'string') return null;
  const data = { status: 'PROPOSED' as const, proposedBy: 'RIDER' as const, detourKm: best.detourKm, ...plan.pickup };
  const { offer, ...match } = await tx.liftMatch.upsert({
    where: { offerId_requestId_leg: { offerId: best.offer.id, requestId, leg } },
    create: { ...data, offerId: best.offer.id, requestId, leg },
    update: data,
    include: { offer: { select: { driverId: true } } },
  });
  await notifyProposed(tx, [{ match, driverId: offer.driverId, riderId: request.riderId }], 'rematch');
  return match;
}

export async function cancelRequest(tx: Tx, viewer: Viewer | null, requestId: string): Promise<LiftRequest> {
  return endRequest(tx, requireViewer(viewer).id, requestId);
}

/** `cancelRequest` for the rider `riderId` (also when they give up their place: see bookings.ts). */
export async function endRequest(tx: Tx, riderId: string, requestId: string): Promise<LiftRequest> {
  const request0 = await tx.liftRequest.findUnique({ where: { id: requestId } });
  if (!request0 || request0.riderId !== riderId) throw new NotFoundError('That lift request');
  if (request0.status === 'CANCELLED') return request0;
  return stopRequest(tx, requestId, 'CANCELLED');
}

/**
 * The rider lost their place but is still on a waitlist (see bookings.ts): the request waits again (WAITING), its
 * agreed lift and proposals ending as when it is cancelled (the drivers hear, the seats free up).
 */
export async function holdRequest(tx: Tx, requestId: string): Promise<LiftRequest> {
  return stopRequest(tx, requestId, 'WAITING');
}

async function stopRequest(tx: Tx, requestId: string, to: 'CANCELLED' | 'WAITING'): Promise<LiftRequest> {
  // The agreed lifts there and back: without a place, no way home either.
  const accepted = await tx.liftMatch.findMany({ where: { requestId, status: 'ACCEPTED' }, orderBy: { offerId: 'asc' } });
  // The cars (in id order) before the request, as every lift change locks them, so two never wait on each other.
  for (const offerId of new Set(accepted.map((m) => m.offerId))) await lockOffer(tx, offerId);
  const request = await lockRequest(tx, requestId);
  if (!request) throw new NotFoundError('That lift request');
  const ended: Ending[] = [];
  for (const { id, offerId } of accepted) {
    const agreed = await tx.liftMatch.findUnique({ where: { id } });
    const offer = await tx.liftOffer.findUnique({ where: { id: offerId } });
    if (!offer || agreed?.status !== 'ACCEPTED') continue;
    const match = await callOff(tx, agreed, offer, request);
    ended.push({ before: agreed, party: { match, driverId: offer.driverId, riderId: request.riderId }, to: 'DRIVER', reason: 'request-cancelled' });
  }
  const lapsed = await endMatches(tx, { requestId, status: 'PROPOSED' });
  ended.push(...lapsed.map((e) => ({ ...e, to: 'DRIVER' as const, reason: 'request-cancelled' as const })));
  // Their driver, and each driver still being asked or still asking them, hears.
  await notifyEnded(tx, request.eventId, ended);
  await eventChanged(tx, request.eventId);
  return tx.liftRequest.update({ where: { id: requestId }, data: { status: to } });
}

/**
 * The event is off (cancelled or back to draft): every live offer, request and match to it ends, so nothing about
 * it stays on offer or visible through a lift.
 */
export async function closeLiftsOf(tx: Tx, eventId: string): Promise<void> {
  // Everyone with a live offer or request hears once (not once per match) that their lifts are off.
  const event = await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: { id: true, updatedAt: true } });
  const offers = await tx.liftOffer.findMany({ where: { eventId, status: 'OPEN' }, select: { driverId: true } });
  const requests = await tx.liftRequest.findMany({ where: { eventId, status: { not: 'CANCELLED' } }, select: { riderId: true } });
  const people = new Map<string, { offered: boolean; asked: boolean }>();
  for (const o of offers) people.set(o.driverId, { offered: true, asked: false });
  for (const r of requests) people.set(r.riderId, { offered: people.has(r.riderId), asked: true });
  await notifyLiftsClosed(tx, event, people);
  await tx.liftMatch.updateMany({ where: { offer: { eventId }, status: { in: ['PROPOSED', 'ACCEPTED'] } }, data: { status: 'CANCELLED' } });
  await tx.liftOffer.updateMany({ where: { eventId, status: 'OPEN' }, data: { status: 'CANCELLED', seatsTaken: 0, returnSeatsTaken: 0 } });
  await tx.liftRequest.updateMany({ where: { eventId, status: { not: 'CANCELLED' } }, data: { status: 'CANCELLED' } });
}

/** Deletes lift data for events that ended more than `days` ago (privacy: nobody keeps journeys around). */
export async function purgeLifts(prisma: Db, days: number, now = new Date()): Promise<{ offers: number; requests: number }> {
  const before = new Date(now.getTime() - days * 86_400_000);
  const [, offers, requests] = await prisma.$transaction([
    prisma.liftMatch.deleteMany({ where: { offer: { event: { endsAt: { lt: before } } } } }),
    prisma.liftOffer.deleteMany({ where: { event: { endsAt: { lt: before } } } }),
    prisma.liftRequest.deleteMany({ where: { event: { endsAt: { lt: before } } } }),
  ]);
  return { offers: offers.count, requests: requests.count };
}
