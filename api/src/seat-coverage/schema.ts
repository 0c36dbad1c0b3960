import { encodeGlobalID } from '@pothos/plugin-relay';
import { neededShiftsSchema } from '@rallypoint/shared';
import { CampaignRef } from '../campaigns/schema.ts';
import type { Context } from '../context.ts';
import { AuthenticationError, ForbiddenError, NotFoundError, parseWith, ValidationError } from '../errors.ts';
import { EventKind } from '../events/schema.ts';
import { builder } from '../graphql/builder.ts';
import { idOf, LatLngInput, LatLngRef } from '../graphql/common.ts';
import type { CampaignCoverageTick } from '../live/pubsub.ts';
import { listenNow, refusing } from '../live/schema.ts';
import { resolveOrigin } from '../places/service.ts';
import { boardCampaign, type CoverageBoard, coverageBoard, coverageCsv, type NeededShift, neededShifts, type SeatCoverage } from './service.ts';

const SeatCoverageRef = builder.objectRef<SeatCoverage>('SeatCoverage').implement({
  description: "One target seat on a campaign's coverage board (published, in-person campaign events in the seat, within the window).",
  fields: (t) => ({
    code: t.exposeString('code', { description: 'GSS code of the constituency.' }),
    name: t.exposeString('name'),
    location: t.field({ type: LatLngRef, resolve: (s) => ({ lat: s.lat, lng: s.lng }), description: "The seat's reference point." }),
    majorityPct: t.exposeFloat('majorityPct'),
    goal: t.exposeInt('goal', { description: 'Volunteer-shifts wanted.' }),
    shifts: t.exposeInt('shifts', { description: 'Shifts planned (an event without shifts counts as one).' }),
    places: t.exposeInt('places', { nullable: true, description: 'Places over those shifts; null when some have no limit.' }),
    signUps: t.exposeInt('signUps', { description: 'Members going, one per shift booked.' }),
    shortfall: t.exposeInt('shortfall', { description: 'Goal less sign-ups, at least 0.' }),
    coverage: t.exposeFloat('coverage', { description: 'Sign-ups over the goal (1 = met).' }),
    checkIns: t.exposeInt('checkIns', { description: 'People marked as attended.' }),
    liftSeatsWanted: t.exposeInt('liftSeatsWanted', { description: 'People asking for lifts (open or matched requests).' }),
    liftSeatsOffered: t.exposeInt('liftSeatsOffered', { description: 'Seats in open lift offers.' }),
    ridersUnmatched: t.exposeInt('ridersUnmatched', { description: 'People whose lift request no car has taken yet.' }),
  }),
});

const CoverageBoardRef = builder.objectRef<CoverageBoard>('CoverageBoard').implement({
  description: "A campaign's seat-coverage board: for its region's organisers and admins.",
  fields: (t) => ({
    campaign: t.field({ type: CampaignRef, resolve: (b) => b.campaign }),
    seats: t.field({ type: [SeatCoverageRef], resolve: (b) => b.seats }),
    csv: t.string({ description: 'The board as CSV (UTF-8 with BOM, CRLF; formula cells neutralised).', resolve: (b) => coverageCsv(b.seats) }),
    filename: t.string({
      resolve: (b) => `${b.campaign.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'campaign'}-coverage.csv`,
    }),
  }),
});

const NeededShiftRef = builder.objectRef<NeededShift>('NeededShift').implement({
  description: 'A campaign shift within reach, as "Where am I needed?" ranks it.',
  fields: (t) => ({
    eventId: t.id({ resolve: (s) => encodeGlobalID('Event', s.eventId) }),
    shiftId: t.id({ nullable: true, resolve: (s) => (s.shiftId ? encodeGlobalID('EventShift', s.shiftId) : null) }),
    title: t.exposeString('title'),
    kind: t.field({ type: EventKind, resolve: (s) => s.kind as never }),
    areaLabel: t.exposeString('areaLabel'),
    startsAt: t.expose('startsAt', { type: 'DateTime' }),
    endsAt: t.expose('endsAt', { type: 'DateTime' }),
    seatCode: t.exposeString('code'),
    seatName: t.exposeString('seatName'),
    seatGoal: t.exposeInt('seatGoal'),
    stillNeeded: t.exposeInt('stillNeeded', { description: "Volunteer-shifts the seat still needs to reach its goal." }),
    distanceKm: t.exposeFloat('distanceKm', { description: 'Great-circle km from the place given to the (public, ~1 km) venue.' }),
    placesLeft: t.exposeInt('placesLeft', { nullable: true }),
    liftSeatsAvailable: t.exposeInt('liftSeatsAvailable'),
    needsLift: t.exposeBoolean('needsLift', { description: 'Beyond how far you get without a car: go with a lift.' }),
  }),
});

const NeededShiftsInput = builder.inputType('NeededShiftsInput', {
  fields: (t) => ({
    postcode: t.string(),
    location: t.field({ type: LatLngInput }),
    maxKm: t.float({ required: true, description: 'How far you can travel, km.' }),
    ownReachKm: t.float({ description: 'Without a car: how far you get on your own, km (farther shifts need a free car seat).' }),
  }),
});

const CampaignCoverageTickRef = builder.objectRef<CampaignCoverageTick>('CampaignCoverageTick').implement({
  description: "Something on a campaign's coverage board may have changed: read it again.",
  fields: (t) => ({
    campaignId: t.id({ resolve: (c) => encodeGlobalID('Campaign', c.campaignId) }),
    at: t.field({ type: 'DateTime', resolve: (c) => new Date(c.at) }),
  }),
});

builder.queryFields((t) => ({
  campaignCoverage: t.field({
    type: CoverageBoardRef,
    errors: { types: [AuthenticationError, ForbiddenError, NotFoundError] },
    description: "A campaign's seat-coverage board (for its region's organisers and admins).",
    args: { campaignId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx: Context) => coverageBoard(ctx.prisma, ctx.viewer, idOf(args.campaignId, 'Campaign', 'That campaign')),
  }),
  neededShifts: t.field({
    type: [NeededShiftRef],
    errors: { types: [AuthenticationError, NotFoundError, ValidationError] },
    description: 'Where am I needed? The campaign\'s shifts within maxKm, those whose seat is furthest from its goal first, nearer first among equals (at most 20).',
    args: { campaignId: t.arg.id({ required: true }), input: t.arg({ type: NeededShiftsInput, required: true }) },
    resolve: async (_root, args, ctx: Context) => {
      const campaignId = idOf(args.campaignId, 'Campaign', 'That campaign');
      if (!ctx.viewer) throw new AuthenticationError('Sign in to see where you are needed');
      const q = parseWith(neededShiftsSchema, args.input, ['input']);
      const place = await resolveOrigin(ctx.prisma, q);
      return neededShifts(ctx.prisma, ctx.viewer, campaignId, place, q.maxKm, q.ownReachKm ?? null);
    },
  }),
}));

builder.subscriptionFields((t) => ({
  campaignCoverageLive: t.field({
    type: CampaignCoverageTickRef,
    description: "A tick now, then whenever bookings or lifts of the campaign's events change: read the board again. Organisers of its region and admins.",
    args: { campaignId: t.arg.id({ required: true }) },
    subscribe: (_root, args, ctx: Context) =>
      refusing(async () => {
        const campaign = await boardCampaign(ctx.prisma, ctx.viewer, idOf(args.campaignId, 'Campaign', 'That campaign'));
        return listenNow(ctx.live.pubsub.subscribe('campaign:coverage', campaign.id), async () => ({ campaignId: campaign.id, at: Date.now() }));
      }),
    resolve: (payload) => payload as CampaignCoverageTick,
  }),
}));
