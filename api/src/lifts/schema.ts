import {
  LIFT_MATCH_STATUSES,
  LIFT_OFFER_STATUSES,
  LIFT_REQUEST_STATUSES,
  LIFT_SIDES,
  LIMITS,
  liftSeatsAvailable,
  liftSeatsWanted,
  seatsLeft,
  VEHICLE_KINDS,
} from '@rallypoint/shared';
import type { Prisma } from '@rallypoint/prisma';
import { MeRef, PersonRef } from '../accounts/schema.ts';
import type { Context } from '../context.ts';
import { change } from '../db/change.ts';
import { NO_ID } from '../db/ids.ts';
import { canManageEvent, visibleWhere } from '../events/access.ts';
import { builder } from '../graphql/builder.ts';
import { PlaceRef, storedPlace } from '../places/schema.ts';
import { ErrorInterface, idOf, LatLngInput, LatLngRef, nodeId, nonEmpty, WRITE_ERRORS } from '../graphql/common.ts';
import { EventFullError } from '../errors.ts';
import { placesQueue } from '../events/lock.ts';
import {
  acceptMatch,
  cancelOffer,
  cancelRequest,
  candidatesOf,
  OPEN_LIFTS_SELECT,
  offerLift,
  proposeMatch,
  requestLift,
  setOfferDeparture,
  setRequestTimes,
  setOfferDetour,
  setPickupNote,
  withdrawMatch,
} from './service.ts';
import { addEventHub, removeEventHub } from './hubs.ts';
import { legArg } from './leg-schema.ts';
import { type MatchEveryoneSummary, matchEveryone } from './match-everyone.ts';
import type { LegProposals } from './propose-leg.ts';
import { askDriversToStretch, type ElsewhereView, type NextSteps, nextStepsOf, type StretchView } from './next-steps.ts';

const LiftOfferStatus = builder.enumType('LiftOfferStatus', { values: LIFT_OFFER_STATUSES });
const LiftRequestStatus = builder.enumType('LiftRequestStatus', { values: LIFT_REQUEST_STATUSES });
const LiftMatchStatus = builder.enumType('LiftMatchStatus', { values: LIFT_MATCH_STATUSES });
const LiftSide = builder.enumType('LiftSide', { values: LIFT_SIDES });
const VehicleKind = builder.enumType('VehicleKind', {
  values: VEHICLE_KINDS,
  description: "Cars and minibuses pick up on their way; a coach (organisers only) stops only at the event's pickup hubs.",
});

const me = (ctx: Context) => ctx.viewer?.id ?? NO_ID;

builder.objectType(EventFullError, {
  name: 'EventFullError',
  description: 'The event has no place left; nothing was booked or changed.',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof EventFullError,
  fields: (t) => ({
    canJoinWaitlist: t.exposeBoolean('canJoinWaitlist', { description: 'Asking again with joinWaitlist: true would queue for a place.' }),
  }),
});

/**
 * Offers and requests by node id: open ones for signed-in members, your own whatever their status; never one whose
 * event you may not see (a draft).
 */
const openOrOwn = <Own extends object>(ctx: Context, own: Own) => ({
  event: visibleWhere(ctx.viewer),
  ...(ctx.viewer ? { OR: [{ status: 'OPEN' as const }, own] } : own),
});

/** Your proposals and agreed lift on one leg through your offer or request, oldest first (empty for anyone else). */
const liveMatches = (own: Prisma.LiftMatchWhereInput, leg: 'OUTBOUND' | 'RETURN' | null | undefined) => ({
  where: { ...own, leg: leg ?? 'OUTBOUND', status: { in: ['PROPOSED' as const, 'ACCEPTED' as const] } },
  orderBy: { createdAt: 'asc' as const },
});

const PickupDetailsRef = builder.objectRef<{ driverNote: string | null; riderNote: string | null }>('PickupDetails').implement({
  description: 'Exact pickup arrangements: only ever shown to the two sides of an agreed lift.',
  fields: (t) => ({
    driverNote: t.exposeString('driverNote', { nullable: true }),
    riderNote: t.exposeString('riderNote', { nullable: true }),
  }),
});

export const LiftOfferRef = builder.prismaNode('LiftOffer', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx: Context) => ({ id: nodeId(id), ...openOrOwn(ctx, { driverId: me(ctx) }) }),
  fields: (t) => ({
    event: t.relation('event'),
    driver: t.relation('driver', { type: PersonRef }),
    origin: t.field({ type: PlaceRef, resolve: (o) => storedPlace(o.originLabel, o.originLat, o.originLng) }),
    shift: t.relation('shift', { nullable: true, description: 'On an event with shifts, the shift the driver goes to: the lift reaches the event before it starts.' }),
    departAt: t.expose('departAt', { type: 'DateTime' }),
    seats: t.exposeInt('seats'),
    seatsLeft: t.int({ resolve: (o) => seatsLeft(o) }),
    maxDetourKm: t.exposeFloat('maxDetourKm'),
    wheelchairAccessible: t.exposeBoolean('wheelchairAccessible'),
    returnTrip: t.exposeBoolean('returnTrip'),
    returnDepartAt: t.expose('returnDepartAt', { type: 'DateTime', nullable: true, description: 'When the lift back leaves (after the event ends).' }),
    vehicle: t.field({ type: VehicleKind, resolve: (o) => o.vehicle }),
    notes: t.exposeString('notes'),
    status: t.field({ type: LiftOfferStatus, resolve: (o) => o.status }),
    isMine: t.boolean({ resolve: (o, _a, ctx) => o.driverId === me(ctx) }),
    matches: t.relation('matches', {
      description: "The driver's proposals and agreed lifts on a leg (empty for anyone else).",
      args: { leg: t.arg(legArg) },
      query: (args, ctx) => liveMatches({ offer: { driverId: me(ctx) } }, args.leg),
    }),
  }),
});

const LiftCandidateRef = builder.objectRef<{ offerId: string; detourKm: number; seatsLeft: number }>('LiftCandidate').implement({
  fields: (t) => ({
    offer: t.prismaField({
      type: LiftOfferRef,
      // Prisma sends the findUniques of one tick as one query: one for all the candidates in a response.
      resolve: (query, c, _a, ctx) => ctx.prisma.liftOffer.findUniqueOrThrow({ ...nonEmpty(query), where: { id: c.offerId } }),
    }),
    detourKm: t.exposeFloat('detourKm', { description: "What picking you up adds to the driver's route, road km." }),
    seatsLeft: t.exposeInt('seatsLeft', { description: 'Seats left in the car once your party is in.' }),
  }),
});

const candidateViews = (ranked: Awaited<ReturnType<typeof candidatesOf>>[number]) =>
  ranked?.map((c) => ({ offerId: c.offer.id, detourKm: c.detourKm, seatsLeft: c.seatsLeft })) ?? null;

const LiftStretchRef = builder.objectRef<StretchView>('LiftStretch').implement({
  description: 'A car that could take a rider if its driver went further out of their way.',
  fields: (t) => ({
    offer: t.prismaField({
      type: LiftOfferRef,
      resolve: (query, s, _a, ctx) => ctx.prisma.liftOffer.findUniqueOrThrow({ ...nonEmpty(query), where: { id: s.offerId } }),
    }),
    detourKm: t.exposeFloat('routeDetourKm', { description: "The driver's whole detour with this rider picked up too, road km." }),
    extraDetourKm: t.exposeFloat('extraKm', { description: "How much more than the driver's current limit that is, road km." }),
    askedAt: t.expose('askedAt', { type: 'DateTime', nullable: true, description: 'When the organisers asked this driver to stretch for this rider.' }),
  }),
});

const LiftElsewhereRef = builder.objectRef<ElsewhereView>('LiftElsewhere').implement({
  description: 'Another canvass in reach of a rider, with lift seats.',
  fields: (t) => ({
    event: t.prismaField({
      type: 'Event',
      resolve: (query, x, _a, ctx) => ctx.prisma.event.findUniqueOrThrow({ ...nonEmpty(query), where: { id: x.eventId } }),
    }),
    distanceKm: t.exposeFloat('distanceKm', { description: "From the rider's area to the event's area, straight line." }),
    carsThatFit: t.exposeInt('carsThatFit', { description: 'Cars there that could take the rider within their limits.' }),
    seatsFree: t.exposeInt('seatsFree'),
  }),
});

const LiftNextStepsRef = builder.objectRef<NextSteps>('LiftNextSteps').implement({
  fields: (t) => ({
    drivers: t.field({ type: [LiftStretchRef], resolve: (n) => n.drivers }),
    otherEvents: t.field({ type: [LiftElsewhereRef], resolve: (n) => n.otherEvents }),
  }),
});

export const LiftRequestRef = builder.prismaNode('LiftRequest', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx: Context) => ({ id: nodeId(id), ...openOrOwn(ctx, { riderId: me(ctx) }) }),
  fields: (t) => ({
    event: t.relation('event'),
    rider: t.relation('rider', { type: PersonRef }),
    origin: t.field({ type: PlaceRef, resolve: (r) => storedPlace(r.originLabel, r.originLat, r.originLng) }),
    seats: t.exposeInt('seats', { description: 'Party size; a party always travels together.' }),
    needsWheelchair: t.exposeBoolean('needsWheelchair'),
    returnTrip: t.exposeBoolean('returnTrip'),
    hubReachKm: t.exposeFloat('hubReachKm', { nullable: true, description: "How far the rider can get to one of the event's pickup hubs, km." }),
    shift: t.relation('shift', { nullable: true, description: 'On an event with shifts, the shift the rider goes to: matched only with lifts to it.' }),
    readyFrom: t.expose('readyFrom', { type: 'DateTime', nullable: true, description: 'The earliest the rider can be picked up.' }),
    notes: t.exposeString('notes'),
    status: t.field({ type: LiftRequestStatus, resolve: (r) => r.status }),
    isMine: t.boolean({ resolve: (r, _a, ctx) => r.riderId === me(ctx) }),
    matches: t.relation('matches', {
      description: "The rider's proposals and agreed lift on a leg (empty for anyone else).",
      args: { leg: t.arg(legArg) },
      query: (args, ctx) => liveMatches({ request: { riderId: me(ctx) } }, args.leg),
    }),
    proposals: t.field({
      type: [LiftMatchRef],
      description: "Proposals waiting for an answer: for the rider and the event's organisers (no pickup details).",
      args: { leg: t.arg(legArg) },
      // Loaded with the requests (one query for the whole list), shown only to those who may see them.
      select: (args, _ctx, nested) => ({
        riderId: true,
        event: { select: { id: true, organiserId: true, regionId: true } },
        matches: nested({ where: { status: 'PROPOSED' as const, leg: args.leg ?? 'OUTBOUND' }, orderBy: { createdAt: 'asc' as const } }),
      }),
      resolve: (r, _a, ctx) => (r.riderId === me(ctx) || canManageEvent(ctx.viewer, r.event) ? r.matches : []),
    }),
    candidates: t.loadableList({
      type: LiftCandidateRef,
      nullable: true,
      description: 'Cars that could take this request on a leg, smallest detour first; for the rider and the organisers.',
      args: { leg: t.arg(legArg) },
      // Keyed by leg and request: one load per leg for a whole list.
      load: async (keys: string[], ctx: Context) => {
        const out = new Map<string, ReturnType<typeof candidateViews>>();
        for (const leg of ['OUTBOUND', 'RETURN'] as const) {
          const ids = keys.filter((k) => k.startsWith(`${leg}:`)).map((k) => k.slice(leg.length + 1));
          if (ids.length === 0) continue;
          const ranked = await candidatesOf(ctx.prisma, ctx.viewer, ids, { leg, settings: ctx.config });
          for (const [i, id] of ids.entries()) out.set(`${leg}:${id}`, candidateViews(ranked[i]!));
        }
        return keys.map((k) => out.get(k) ?? null);
      },
      resolve: (r, args) => `${args.leg ?? 'OUTBOUND'}:${r.id}`,
    }),
    nextSteps: t.loadable({
      type: LiftNextStepsRef,
      nullable: true,
      description:
        "For the event's organisers, while the rider still has no car: the cars nearest to taking them, with the extra detour each would need, and other canvasses in reach with lift seats.",
      load: (ids: string[], ctx: Context) => nextStepsOf(ctx.prisma, ctx.viewer, ids),
      resolve: (r) => r.id,
    }),
  }),
});

const LiftMatchRef = builder.prismaNode('LiftMatch', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx: Context) => ({
    id: nodeId(id),
    offer: { event: visibleWhere(ctx.viewer) },
    OR: [{ offer: { driverId: me(ctx) } }, { request: { riderId: me(ctx) } }],
  }),
  fields: (t) => {
    const sides = {
      select: { offer: { select: { driverId: true } }, request: { select: { riderId: true } } },
    } as const;
    const sideOf = (m: { offer: { driverId: string }; request: { riderId: string } }, ctx: Context) =>
      m.offer.driverId === me(ctx) ? ('DRIVER' as const) : m.request.riderId === me(ctx) ? ('RIDER' as const) : null;
    return {
      status: t.field({ type: LiftMatchStatus, resolve: (m) => m.status }),
      proposedBy: t.field({ type: LiftSide, resolve: (m) => m.proposedBy }),
      detourKm: t.exposeFloat('detourKm'),
      offer: t.relation('offer'),
      request: t.relation('request'),
      pickupHub: t.relation('pickupHub', {
        nullable: true,
        description: 'The pickup hub (a public place) where the rider boards; null: picked up near home, the exact spot agreed once the lift is.',
      }),
      pickupAt: t.expose('pickupAt', {
        type: 'DateTime',
        nullable: true,
        description: 'On the way there, when the car leaves the pickup, as planned; on the way back, when it reaches the drop-off (from the time the driver leaves).',
      }),
      viewerSide: t.field({ type: LiftSide, nullable: true, ...sides, resolve: (m, _a, ctx) => sideOf(m, ctx) }),
      viewerCanAccept: t.boolean({
        ...sides,
        resolve: (m, _a, ctx) => m.status === 'PROPOSED' && sideOf(m, ctx) !== null && sideOf(m, ctx) !== m.proposedBy,
      }),
      pickupDetails: t.field({
        type: PickupDetailsRef,
        nullable: true,
        ...sides,
        resolve: (m, _a, ctx) =>
          m.status === 'ACCEPTED' && sideOf(m, ctx) ? { driverNote: m.driverNote, riderNote: m.riderNote } : null,
      }),
      otherSideFullName: t.string({
        nullable: true,
        description: "The other side's full name, so you can find each other: only between the two sides of an agreed lift.",
        select: {
          offer: { select: { driverId: true, driver: { select: { firstName: true, lastName: true } } } },
          request: { select: { riderId: true, rider: { select: { firstName: true, lastName: true } } } },
        },
        resolve: (m, _a, ctx) => {
          if (m.status !== 'ACCEPTED') return null;
          const other = sideOf(m, ctx) === 'DRIVER' ? m.request.rider : sideOf(m, ctx) === 'RIDER' ? m.offer.driver : null;
          return other ? `${other.firstName} ${other.lastName}` : null;
        },
      }),
    };
  },
});

export const EventHubRef = builder.prismaNode('EventHub', {
  id: { field: 'id' },
  nullable: true,
  description: 'A public pickup point for the lifts to an event (a station, a car park): its position is exact.',
  findUnique: (id, ctx: Context) => ({ id: nodeId(id), event: visibleWhere(ctx.viewer) }),
  fields: (t) => ({
    event: t.relation('event'),
    name: t.exposeString('name'),
    location: t.field({ type: LatLngRef, resolve: (h) => ({ lat: h.lat, lng: h.lng }) }),
    postcode: t.exposeString('postcode', { nullable: true, description: 'The postcode it was given by, if any.' }),
    area: t.exposeString('outcode', { description: 'Its postcode district.' }),
  }),
});

builder.prismaObjectFields('Event', (t) => ({
  hubs: t.relation('hubs', {
    description: 'Pickup hubs for lifts, by name (public places, for everyone who can see the event).',
    query: { orderBy: [{ name: 'asc' }, { id: 'asc' }] },
  }),
  liftOffers: t.relation('liftOffers', {
    description: 'Open lift offers (signed-in members only).',
    query: (_args, ctx) => ({
      where: ctx.viewer ? { status: 'OPEN' } : { id: NO_ID },
      orderBy: [{ departAt: 'asc' }, { id: 'asc' }],
    }),
  }),
  liftRequests: t.relation('liftRequests', {
    description: 'Requests still looking for a lift (signed-in members only).',
    query: (_args, ctx) => ({
      where: ctx.viewer ? { status: 'OPEN' } : { id: NO_ID },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    }),
  }),
  myLiftOffer: t.field({
    type: LiftOfferRef,
    nullable: true,
    description: 'My open offer for this event.',
    select: (_args, ctx, nested) => ({ liftOffers: nested({ where: { driverId: me(ctx), status: 'OPEN' }, take: 1 }) }),
    resolve: (e) => e.liftOffers[0] ?? null,
  }),
  myLiftRequest: t.field({
    type: LiftRequestRef,
    nullable: true,
    description: 'My live request for this event.',
    select: (_args, ctx, nested) => ({
      liftRequests: nested({ where: { riderId: me(ctx), status: { not: 'CANCELLED' } }, take: 1 }),
    }),
    resolve: (e) => e.liftRequests[0] ?? null,
  }),
  viewerManagesLifts: t.boolean({ resolve: (e, _a, ctx) => canManageEvent(ctx.viewer, e) }),
  liftSeatsAvailable: t.int({
    description: 'Free seats in open lift offers (a count, for everyone).',
    select: { liftOffers: OPEN_LIFTS_SELECT.liftOffers },
    resolve: (e) => liftSeatsAvailable(e.liftOffers),
  }),
  liftRequestsOpen: t.int({
    description: 'People still looking for a lift (a count, for everyone).',
    select: { liftRequests: OPEN_LIFTS_SELECT.liftRequests },
    resolve: (e) => liftSeatsWanted(e.liftRequests),
  }),
}));

/** My plans: lifts to events that have not ended, soonest first. */
builder.prismaObjectFields(MeRef, (t) => {
  const upcoming = (ctx: Context) => ({ endsAt: { gt: new Date() }, ...visibleWhere(ctx.viewer) });
  return {
    liftOffers: t.relation('liftOffers', {
      description: 'My open lift offers to events that have not ended, soonest first.',
      query: (_args, ctx) => ({ where: { status: 'OPEN', event: upcoming(ctx) }, orderBy: [{ event: { startsAt: 'asc' } }, { id: 'asc' }] }),
    }),
    liftRequests: t.relation('liftRequests', {
      description: 'My live lift requests (looking, waiting for a place, or with a lift agreed) to events that have not ended, soonest first.',
      query: (_args, ctx) => ({
        where: { status: { not: 'CANCELLED' }, event: upcoming(ctx) },
        orderBy: [{ event: { startsAt: 'asc' } }, { id: 'asc' }],
      }),
    }),
  };
});

const LiftOfferInput = builder.inputType('LiftOfferInput', {
  fields: (t) => ({
    postcode: t.string({ description: 'Where you start: a postcode or outcode (kept only as its district).' }),
    location: t.field({ type: LatLngInput, description: 'Or a map pin, snapped to ~1 km.' }),
    departAt: t.field({ type: 'DateTime', required: true }),
    seats: t.int({ required: true }),
    maxDetourKm: t.float({ required: true, description: 'The most you will add to your journey, road km, for all pickups.' }),
    wheelchairAccessible: t.boolean(),
    returnTrip: t.boolean({ description: 'I can bring people back afterwards.' }),
    returnDepartAt: t.field({ type: 'DateTime', description: 'When the lift back leaves: after the event ends (only with returnTrip).' }),
    vehicle: t.field({
      type: VehicleKind,
      description: `CAR (default) or MINIBUS: 1 to ${LIMITS.carSeatsMax} seats. COACH: up to ${LIMITS.coachSeatsMax}, organisers only, stops only at hubs.`,
    }),
    notes: t.string(),
  }),
});

const LiftRequestInput = builder.inputType('LiftRequestInput', {
  fields: (t) => ({
    postcode: t.string(),
    location: t.field({ type: LatLngInput }),
    seats: t.int({ description: 'Party size (default 1).' }),
    needsWheelchair: t.boolean(),
    returnTrip: t.boolean(),
    hubReachKm: t.float({ description: `I can get to a pickup hub within this many km (more than 0, at most ${LIMITS.hubReachKmMax}).` }),
    readyFrom: t.field({ type: 'DateTime', description: 'I am ready to be picked up from (before the event starts).' }),
    notes: t.string(),
  }),
});

builder.mutationFields((t) => ({
  offerLift: t.prismaField({
    type: LiftOfferRef,
    errors: { types: [...WRITE_ERRORS, EventFullError] },
    description:
      'Offer seats; books my place at the event too (refused with EventFullError when there is none). On an event with shifts, shiftId is the shift I am driving to (booked with the offer).',
    args: {
      eventId: t.arg.id({ required: true }),
      input: t.arg({ type: LiftOfferInput, required: true }),
      shiftId: t.arg.id({ description: 'The shift the lift is for, on an event with shifts (booked if I have not yet).' }),
    },
    resolve: (query, _r, args, ctx) => {
      const eventId = idOf(args.eventId, 'Event', 'That event');
      const shiftId = args.shiftId ? idOf(args.shiftId, 'EventShift', 'That shift') : null;
      return change(
        ctx,
        'offerLift',
        async (tx) => {
          const offer = await offerLift(tx, ctx.viewer, eventId, args.input, { shiftId });
          return tx.liftOffer.findUniqueOrThrow({ ...nonEmpty(query), where: { id: offer.id } });
        },
        { queueKey: placesQueue(eventId) },
      );
    },
  }),
  requestLift: t.prismaField({
    type: LiftRequestRef,
    errors: { types: [...WRITE_ERRORS, EventFullError] },
    description:
      "Ask for a lift; books my party's place at the event (with shifts, at the shift chosen) too. When it is full: EventFullError and nothing changes, unless joinWaitlist (then the party waits for a place, the request with it: WAITING, matched to no car until the place comes).",
    args: {
      eventId: t.arg.id({ required: true }),
      input: t.arg({ type: LiftRequestInput, required: true }),
      joinWaitlist: t.arg.boolean({ defaultValue: false }),
      shiftId: t.arg.id({ description: 'The shift the lift is for, on an event with shifts (booked if I have not yet).' }),
    },
    resolve: (query, _r, args, ctx) => {
      const eventId = idOf(args.eventId, 'Event', 'That event');
      const shiftId = args.shiftId ? idOf(args.shiftId, 'EventShift', 'That shift') : null;
      return change(
        ctx,
        'requestLift',
        async (tx) => {
          const request = await requestLift(tx, ctx.viewer, eventId, args.input, { joinWaitlist: args.joinWaitlist ?? false, shiftId });
          return tx.liftRequest.findUniqueOrThrow({ ...nonEmpty(query), where: { id: request.id } });
        },
        { queueKey: placesQueue(eventId) },
      );
    },
  }),
  cancelLiftOffer: t.prismaField({
    type: LiftOfferRef,
    errors: { types: WRITE_ERRORS },
    description: "Calls off my offer; my riders' requests reopen and are proposed to the next best car.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _r, args, ctx) =>
      change(ctx, 'cancelLiftOffer', async (tx) => {
        const offer = await cancelOffer(tx, ctx.viewer, idOf(args.id, 'LiftOffer', 'That lift offer'), ctx.config);
        return tx.liftOffer.findUniqueOrThrow({ ...nonEmpty(query), where: { id: offer.id } });
      }),
  }),
  cancelLiftRequest: t.prismaField({
    type: LiftRequestRef,
    errors: { types: WRITE_ERRORS },
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _r, args, ctx) =>
      change(ctx, 'cancelLiftRequest', async (tx) => {
        const request = await cancelRequest(tx, ctx.viewer, idOf(args.id, 'LiftRequest', 'That lift request'));
        return tx.liftRequest.findUniqueOrThrow({ ...nonEmpty(query), where: { id: request.id } });
      }),
  }),
  proposeLift: t.prismaField({
    type: 'LiftMatch',
    errors: { types: WRITE_ERRORS },
    description: 'The driver or the rider proposes a lift there or back (leg); the other side accepts or declines.',
    args: { offerId: t.arg.id({ required: true }), requestId: t.arg.id({ required: true }), leg: t.arg(legArg) },
    resolve: (query, _r, args, ctx) =>
      change(ctx, 'proposeLift', async (tx) => {
        const match = await proposeMatch(
          tx,
          ctx.viewer,
          idOf(args.offerId, 'LiftOffer', 'That lift offer'),
          idOf(args.requestId, 'LiftRequest', 'That lift request'),
          { leg: args.leg ?? 'OUTBOUND', settings: ctx.config },
        );
        return tx.liftMatch.findUniqueOrThrow({ ...nonEmpty(query), where: { id: match.id } });
      }),
  }),
  acceptLift: t.prismaField({
    type: 'LiftMatch',
    errors: { types: WRITE_ERRORS },
    description: 'The other side agrees; seats are booked atomically ("This car is full" when they are gone).',
    args: { matchId: t.arg.id({ required: true }), pickupNote: t.arg.string() },
    resolve: (query, _r, args, ctx) =>
      change(ctx, 'acceptLift', async (tx) => {
        const match = await acceptMatch(tx, ctx.viewer, idOf(args.matchId, 'LiftMatch', 'That lift'), { pickupNote: args.pickupNote, settings: ctx.config });
        return tx.liftMatch.findUniqueOrThrow({ ...nonEmpty(query), where: { id: match.id } });
      }),
  }),
  withdrawLift: t.prismaField({
    type: 'LiftMatch',
    errors: { types: WRITE_ERRORS },
    description: 'Declines a proposal, or calls off an agreed lift (the seats free up and the request reopens).',
    args: { matchId: t.arg.id({ required: true }) },
    resolve: (query, _r, args, ctx) =>
      change(ctx, 'withdrawLift', async (tx) => {
        const match = await withdrawMatch(tx, ctx.viewer, idOf(args.matchId, 'LiftMatch', 'That lift'));
        return tx.liftMatch.findUniqueOrThrow({ ...nonEmpty(query), where: { id: match.id } });
      }),
  }),
  setPickupNote: t.prismaField({
    type: 'LiftMatch',
    errors: { types: WRITE_ERRORS },
    description: 'Exact pickup details for an agreed lift, shown only to the other side.',
    args: { matchId: t.arg.id({ required: true }), note: t.arg.string() },
    resolve: (query, _r, args, ctx) =>
      change(ctx, 'setPickupNote', async (tx) => {
        const match = await setPickupNote(tx, ctx.viewer, idOf(args.matchId, 'LiftMatch', 'That lift'), args.note ?? null);
        return tx.liftMatch.findUniqueOrThrow({ ...nonEmpty(query), where: { id: match.id } });
      }),
  }),
}));

/** A leg's proposals, read again with what the query selects, in the summary's order. */
export const proposalsOf = (ctx: Context, query: { include?: Prisma.LiftMatchInclude; select?: Prisma.LiftMatchSelect }, s: LegProposals) =>
  ctx.prisma.liftMatch.findMany({ ...nonEmpty(query), where: { id: { in: s.proposals.map((p) => p.id) } }, orderBy: [{ offerId: 'asc' }, { id: 'asc' }] });

/** A leg's requests left without a car, read again with what the query selects, in the order they asked. */
export const unmatchedOf = (ctx: Context, query: { include?: Prisma.LiftRequestInclude; select?: Prisma.LiftRequestSelect }, s: LegProposals) =>
  ctx.prisma.liftRequest.findMany({ ...nonEmpty(query), where: { id: { in: s.unmatched.map((r) => r.id) } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });

export const MatchEveryoneRef = builder.objectRef<MatchEveryoneSummary>('MatchEveryoneSummary').implement({
  description: "The result of matching every open request of an event at once.",
  fields: (t) => ({
    requests: t.int({ description: 'Open requests considered.', resolve: (s) => s.stats.requests }),
    cars: t.int({ description: 'Cars with free seats considered.', resolve: (s) => s.stats.drivers }),
    peopleRequested: t.int({ resolve: (s) => s.stats.peopleRequested }),
    peopleMatched: t.int({ description: 'People the plan gives a seat (parties counted in full).', resolve: (s) => s.stats.peopleMatched }),
    requestsMatched: t.int({ resolve: (s) => s.stats.requestsMatched }),
    carsUsed: t.int({ description: 'Vehicles given at least one rider, coaches included.', resolve: (s) => s.stats.carsUsed }),
    coachesUsed: t.int({ description: 'Coaches given at least one rider (they stop only at hubs).', resolve: (s) => s.coaches.used }),
    coachPeopleMatched: t.int({ description: 'People the plan puts in coaches.', resolve: (s) => s.coaches.people }),
    totalDetourKm: t.float({ description: 'Added road km over all the cars used.', resolve: (s) => s.stats.totalDetourKm }),
    greedyPeopleMatched: t.int({
      nullable: true,
      description: 'What nearest-first matching would have carried, when it was computed.',
      resolve: (s) => s.stats.greedy?.peopleMatched ?? null,
    }),
    proposalsCreated: t.int({ description: 'New proposals (the rest were already proposed).', resolve: (s) => s.created }),
    skippedDeclined: t.int({
      description: 'Pairs not proposed again because one side had already declined them.',
      resolve: (s) => s.skippedDeclined,
    }),
    proposals: t.prismaField({ type: [LiftMatchRef], resolve: (query, s, _a, ctx) => proposalsOf(ctx, query, s) }),
    unmatched: t.prismaField({
      type: [LiftRequestRef],
      description: 'Requests still without a car, in the order they asked.',
      resolve: (query, s, _a, ctx) => unmatchedOf(ctx, query, s),
    }),
  }),
});

builder.mutationFields((t) => ({
  matchEveryone: t.field({
    type: MatchEveryoneRef,
    errors: { types: WRITE_ERRORS },
    description:
      "Organisers: propose a car for every open request at once (most people carried, then least detour). Drivers confirm each proposal.",
    args: { eventId: t.arg.id({ required: true }) },
    resolve: (_r, args, ctx) =>
      change(ctx, 'matchEveryone', (tx) => matchEveryone(tx, ctx.viewer, idOf(args.eventId, 'Event', 'That event'), ctx.config), {
        timeoutMs: 120_000,
      }),
  }),
}));

builder.mutationFields((t) => ({
  setLiftOfferDetour: t.prismaField({
    type: LiftOfferRef,
    errors: { types: WRITE_ERRORS },
    description: 'The driver changes how far they will go out of their way (never below what agreed riders take).',
    args: { id: t.arg.id({ required: true }), maxDetourKm: t.arg.float({ required: true }) },
    resolve: (query, _r, args, ctx) =>
      change(ctx, 'setLiftOfferDetour', async (tx) => {
        const offer = await setOfferDetour(tx, ctx.viewer, idOf(args.id, 'LiftOffer', 'That lift offer'), args.maxDetourKm);
        return tx.liftOffer.findUniqueOrThrow({ ...nonEmpty(query), where: { id: offer.id } });
      }),
  }),
  setLiftOfferDeparture: t.prismaField({
    type: LiftOfferRef,
    errors: { types: WRITE_ERRORS },
    description:
      'The driver changes when they leave: before the event (or their shift) starts, and with the riders already agreed still picked up once ready and in time. Their pickup times move with it and they are told.',
    args: { id: t.arg.id({ required: true }), departAt: t.arg({ type: 'DateTime', required: true }) },
    resolve: (query, _r, args, ctx) =>
      change(ctx, 'setLiftOfferDeparture', async (tx) => {
        const offer = await setOfferDeparture(tx, ctx.viewer, idOf(args.id, 'LiftOffer', 'That lift offer'), args.departAt, ctx.config);
        return tx.liftOffer.findUniqueOrThrow({ ...nonEmpty(query), where: { id: offer.id } });
      }),
  }),
  setLiftRequestTimes: t.prismaField({
    type: LiftRequestRef,
    errors: { types: WRITE_ERRORS },
    description:
      'The rider changes when they are ready and how far they can get to a pickup hub (both always set: null or left out means none). An agreed hub pickup (there or back) must stay in reach, and the car, waiting for them, in time; the driver is told the new pickup time.',
    args: {
      id: t.arg.id({ required: true }),
      readyFrom: t.arg({ type: 'DateTime', description: 'I am ready to be picked up from (before the event starts); null or left out: any time.' }),
      hubReachKm: t.arg.float({
        description: `I can get to a pickup hub within this many km (more than 0, at most ${LIMITS.hubReachKmMax}); null or left out: no hub.`,
      }),
    },
    resolve: (query, _r, args, ctx) =>
      change(ctx, 'setLiftRequestTimes', async (tx) => {
        const id = idOf(args.id, 'LiftRequest', 'That lift request');
        const request = await setRequestTimes(tx, ctx.viewer, id, { readyFrom: args.readyFrom, hubReachKm: args.hubReachKm }, ctx.config);
        return tx.liftRequest.findUniqueOrThrow({ ...nonEmpty(query), where: { id: request.id } });
      }),
  }),
  askLiftDriversToStretch: t.prismaField({
    type: LiftRequestRef,
    errors: { types: WRITE_ERRORS },
    description:
      "Organisers: ask the drivers nearest to taking this rider to stretch their detour limit (each driver once per rider, at most one e-mail per car a day).",
    args: { requestId: t.arg.id({ required: true }) },
    resolve: (query, _r, args, ctx) =>
      change(ctx, 'askLiftDriversToStretch', async (tx) => {
        const requestId = idOf(args.requestId, 'LiftRequest', 'That lift request');
        await askDriversToStretch(tx, ctx.viewer, requestId);
        return tx.liftRequest.findUniqueOrThrow({ ...nonEmpty(query), where: { id: requestId } });
      }),
  }),
}));

const EventHubInput = builder.inputType('EventHubInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'Unique within the event (case and spacing ignored).' }),
    postcode: t.string({ description: "A postcode or outcode: the hub stands at its district's centre." }),
    location: t.field({ type: LatLngInput, description: 'Or the exact point (hubs are public places).' }),
  }),
});

builder.mutationFields((t) => ({
  addEventHub: t.prismaField({
    type: EventHubRef,
    errors: { types: WRITE_ERRORS },
    description: `Organisers: add a pickup hub (at most ${LIMITS.hubsMax} an event; a point must be within ${LIMITS.hubDistrictKmMax} km of a postcode district's centre).`,
    args: { eventId: t.arg.id({ required: true }), input: t.arg({ type: EventHubInput, required: true }) },
    resolve: (query, _r, args, ctx) =>
      change(ctx, 'addEventHub', async (tx) => {
        const hub = await addEventHub(tx, ctx.viewer, idOf(args.eventId, 'Event', 'That event'), args.input);
        return tx.eventHub.findUniqueOrThrow({ ...nonEmpty(query), where: { id: hub.id } });
      }),
  }),
  removeEventHub: t.prismaField({
    type: 'Event',
    errors: { types: WRITE_ERRORS },
    description: 'Organisers: remove a pickup hub; returns its event.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _r, args, ctx) =>
      change(ctx, 'removeEventHub', async (tx) => {
        const hub = await removeEventHub(tx, ctx.viewer, idOf(args.id, 'EventHub', 'That hub'));
        return tx.event.findUniqueOrThrow({ ...nonEmpty(query), where: { id: hub.eventId } });
      }),
  }),
}));
