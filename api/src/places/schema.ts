import { isMarginal, isSpeakerSeat, latLngSchema, nearestMarginalsSchema, PLACE_KINDS, type Place } from '@rallypoint/shared';
import { change } from '../db/change.ts';
import { parseWith } from '../errors.ts';
import { builder } from '../graphql/builder.ts';
import { LatLngInput, LatLngRef, nonEmpty, WRITE_ERRORS } from '../graphql/common.ts';
import { type NearbySeat, nearestMarginals, type PlaceAtPoint, placeAt, type ResolvedPlace, resolveOrigin, resolvePlace, setTargetSeat } from './service.ts';

const PlaceKind = builder.enumType('PlaceKind', { values: PLACE_KINDS });

export const PlaceRef = builder.objectRef<Place>('Place').implement({
  description:
    'A searched-for place, a home area or where a lift starts: a postcode district centre or a ~1 km square, never finer.',
  fields: (t) => ({
    kind: t.field({
      type: PlaceKind,
      nullable: true,
      description: 'How it was given; null for a stored area (a home, a lift origin), which keeps only a label and a point.',
      resolve: (p) => p.kind,
    }),
    label: t.exposeString('label', { description: 'The postcode or district as given, or the district nearest a pin.' }),
    location: t.field({ type: LatLngRef, resolve: (p) => ({ lat: p.lat, lng: p.lng }) }),
  }),
});

/** A stored area (a home, where a lift starts): only its label and point are kept. */
export const storedPlace = (label: string, lat: number, lng: number): Place => ({ kind: null, label, lat, lng });

export const RegionRef = builder.prismaObject('Region', {
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    nation: t.exposeString('nation'),
  }),
});

export const ConstituencyRef = builder.prismaObject('Constituency', {
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    nation: t.exposeString('nation'),
    region: t.relation('region'),
    location: t.field({ type: LatLngRef, resolve: (c) => ({ lat: c.lat, lng: c.lng }) }),
    winner: t.exposeString('winner'),
    runnerUp: t.exposeString('runnerUp'),
    majority: t.exposeInt('majority'),
    majorityPct: t.exposeFloat('majorityPct', { description: '2024 majority as a % of valid votes.' }),
    mpName: t.exposeString('mpName', { description: 'Member elected in July 2024.' }),
    isSpeakerSeat: t.boolean({ resolve: (c) => isSpeakerSeat(c) }),
    isTarget: t.boolean({
      description: 'Flagged by an organiser as a target seat.',
      select: { target: { select: { constituencyCode: true } } },
      resolve: (c) => c.target !== null,
    }),
    isMarginal: t.boolean({
      description: 'Majority at or below the configured threshold, or a target; never the Speaker\'s seat.',
      select: { target: { select: { constituencyCode: true } }, winner: true, majorityPct: true },
      resolve: (c, _a, ctx) => isMarginal(c, ctx.config.marginalThresholdPct, c.target !== null),
    }),
    upcomingCanvasses: t.relation('events', {
      description: 'Published canvasses in this seat that have not ended, soonest first.',
      args: { first: t.arg.int({ defaultValue: 10 }) },
      query: (args) => ({
        where: { kind: 'CANVASS', status: 'PUBLISHED', visibility: 'PUBLIC', endsAt: { gt: new Date() } },
        orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
        take: Math.min(Math.max(args.first ?? 10, 1), 50),
      }),
    }),
  }),
});

const NearbySeatRef = builder.objectRef<NearbySeat>('NearbySeat').implement({
  fields: (t) => ({
    distanceKm: t.exposeFloat('distanceKm', { description: "From the searched place to the seat's reference point." }),
    constituency: t.prismaField({
      type: 'Constituency',
      resolve: (query, seat, _a, ctx) =>
        ctx.prisma.constituency.findUniqueOrThrow({ ...nonEmpty(query, 'code'), where: { code: seat.code } }),
    }),
  }),
});

const NearestMarginalsRef = builder.objectRef<{ origin: ResolvedPlace; seats: NearbySeat[] }>('NearestMarginals').implement({
  fields: (t) => ({
    origin: t.field({ type: PlaceRef, resolve: (r) => r.origin }),
    seats: t.field({ type: [NearbySeatRef], resolve: (r) => r.seats }),
  }),
});

const NearestMarginalsInput = builder.inputType('NearestMarginalsInput', {
  fields: (t) => ({
    postcode: t.string({ description: 'A postcode or outcode.' }),
    location: t.field({ type: LatLngInput }),
    first: t.int({ defaultValue: 5 }),
  }),
});

builder.queryFields((t) => ({
  place: t.field({
    type: PlaceRef,
    errors: { types: WRITE_ERRORS },
    args: { query: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => resolvePlace(ctx.prisma, args.query, ['query']),
  }),
  regions: t.prismaField({
    type: ['Region'],
    resolve: (query, _root, _args, ctx) => ctx.prisma.region.findMany({ ...nonEmpty(query), orderBy: { name: 'asc' } }),
  }),
  nearestMarginals: t.field({
    type: NearestMarginalsRef,
    errors: { types: WRITE_ERRORS },
    description: 'The nearest marginal or target seats to a postcode, outcode or point, nearest first.',
    args: { input: t.arg({ type: NearestMarginalsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const q = parseWith(nearestMarginalsSchema, input);
      const origin = await resolveOrigin(ctx.prisma, q);
      return { origin, seats: await nearestMarginals(ctx.prisma, origin, ctx.config.marginalThresholdPct, q.first) };
    },
  }),
  constituencies: t.prismaField({
    type: ['Constituency'],
    resolve: (query, _root, _args, ctx) => ctx.prisma.constituency.findMany({ ...nonEmpty(query, 'code'), orderBy: { name: 'asc' } }),
  }),
  constituency: t.prismaField({
    type: 'Constituency',
    nullable: true,
    args: { code: t.arg.string({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.prisma.constituency.findUnique({ ...nonEmpty(query, 'code'), where: { code: args.code } }),
  }),
}));

builder.mutationFields((t) => ({
  flagTargetSeat: t.prismaField({
    type: 'Constituency',
    errors: { types: WRITE_ERRORS },
    description: 'Organisers of the seat\'s region (or admins) make it a target: marginal whatever its majority.',
    args: { code: t.arg.string({ required: true }) },
    resolve: (query, _root, args, ctx) =>
      change(ctx, 'flagTargetSeat', async (tx) => {
        const code = await setTargetSeat(tx, ctx.viewer, args.code, true);
        return tx.constituency.findUniqueOrThrow({ ...nonEmpty(query, 'code'), where: { code } });
      }),
  }),
  unflagTargetSeat: t.prismaField({
    type: 'Constituency',
    errors: { types: WRITE_ERRORS },
    args: { code: t.arg.string({ required: true }) },
    resolve: (query, _root, args, ctx) =>
      change(ctx, 'unflagTargetSeat', async (tx) => {
        const code = await setTargetSeat(tx, ctx.viewer, args.code, false);
        return tx.constituency.findUniqueOrThrow({ ...nonEmpty(query, 'code'), where: { code } });
      }),
  }),
}));

const PlaceAtRef = builder.objectRef<PlaceAtPoint>('PlaceAt').implement({
  description: 'Where a map pin is, in words.',
  fields: (t) => ({
    outcode: t.exposeString('outcode', { nullable: true, description: 'The nearest postcode district; null when none is within 40 km.' }),
    distanceKm: t.exposeFloat('distanceKm', { nullable: true, description: "From the point to the district's centre." }),
    constituency: t.prismaField({
      type: 'Constituency',
      nullable: true,
      description: 'The seat whose reference point is nearest, in the same nation as the district (an approximation near borders).',
      resolve: (query, p, _a, ctx) =>
        p.constituencyCode ? ctx.prisma.constituency.findUnique({ ...nonEmpty(query, 'code'), where: { code: p.constituencyCode } }) : null,
    }),
  }),
});

builder.queryFields((t) => ({
  placeAt: t.field({
    type: PlaceAtRef,
    errors: { types: WRITE_ERRORS },
    description: 'The postcode district and seat nearest a point (a map pin).',
    args: { location: t.arg({ type: LatLngInput, required: true }) },
    resolve: (_root, args, ctx) => placeAt(ctx.prisma, parseWith(latLngSchema, args.location, ['location'])),
  }),
}));
