import { builder } from '../graphql/builder.ts';
import { LatLngRef, nonEmpty, WRITE_ERRORS } from '../graphql/common.ts';
import { type Place, resolvePlace } from './service.ts';

export const PlaceRef = builder.objectRef<Place>('Place').implement({
  description: 'A searched-for place, resolved to its postcode district centroid.',
  fields: (t) => ({
    label: t.exposeString('label'),
    kind: t.exposeString('kind', { description: 'POSTCODE, OUTCODE or POINT' }),
    location: t.field({ type: LatLngRef, resolve: (p) => ({ lat: p.lat, lng: p.lng }) }),
  }),
});

export const RegionRef = builder.prismaObject('Region', {
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    nation: t.exposeString('nation'),
  }),
});

builder.prismaObject('Constituency', {
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
