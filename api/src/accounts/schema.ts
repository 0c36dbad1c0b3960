import { encodeGlobalID } from '@pothos/plugin-relay';
import { publicName } from '@rallypoint/shared';
import { builder } from '../graphql/builder.ts';
import { LatLngInput, LatLngRef, nodeId, nonEmpty, WRITE_ERRORS } from '../graphql/common.ts';
import { RegionRef } from '../places/schema.ts';
import { deleteAccount, setHomeArea, signIn, signOut, signUp } from './service.ts';
import type { Context } from '../context.ts';
import { RateLimited } from '../security/rate-limits.ts';
import { clearSessionCookie, setSessionCookie } from './sessions.ts';

export const Role = builder.enumType('Role', { values: ['MEMBER', 'ORGANISER', 'ADMIN'] as const });

/** All anyone else ever sees of a member. */
export const PersonRef = builder.prismaNode('User', {
  variant: 'Person',
  id: { field: 'id' },
  nullable: true,
  findUnique: (id) => ({ id: nodeId(id) }),
  fields: (t) => ({
    displayName: t.string({
      description: 'First name and initial, e.g. "Jane D."',
      select: { firstName: true, lastName: true },
      resolve: (u) => publicName(u.firstName, u.lastName),
    }),
  }),
});

const AreaRef = builder.objectRef<{ label: string; lat: number; lng: number }>('Area').implement({
  description: 'A coarse area (postcode district centroid or ~1 km square), never an exact home.',
  fields: (t) => ({
    label: t.exposeString('label'),
    location: t.field({ type: LatLngRef, resolve: (a) => ({ lat: a.lat, lng: a.lng }) }),
  }),
});

export const MeRef = builder.prismaObject('User', {
  variant: 'Me',
  description: 'The signed-in member, with what only they may see.',
  fields: (t) => ({
    id: t.field({ type: 'ID', resolve: (u) => encodeGlobalID('Person', u.id) }),
    email: t.exposeString('email'),
    firstName: t.exposeString('firstName'),
    lastName: t.exposeString('lastName'),
    displayName: t.string({ resolve: (u) => publicName(u.firstName, u.lastName) }),
    role: t.field({ type: Role, resolve: (u) => u.role }),
    regions: t.field({
      type: [RegionRef],
      select: { regions: { select: { region: true } } },
      resolve: (u) => u.regions.map((r) => r.region),
    }),
    homeArea: t.field({
      type: AreaRef,
      nullable: true,
      resolve: (u) =>
        u.homeLabel && u.homeLat !== null && u.homeLng !== null ? { label: u.homeLabel, lat: u.homeLat, lng: u.homeLng } : null,
    }),
    calendarFeedUrl: t.string({
      description: 'Private iCalendar feed of my plans; anyone with the link can read it.',
      resolve: (u, _a, ctx) => `${ctx.config.publicUrl}/calendar/feed/${u.calendarToken}.ics`,
    }),
    plans: t.relation('rsvps', {
      description: 'My upcoming RSVPs (going or waitlisted), soonest first.',
      query: () => ({
        where: { status: { in: ['GOING', 'WAITLISTED'] }, event: { endsAt: { gt: new Date() } } },
        orderBy: { event: { startsAt: 'asc' } },
      }),
    }),
    organisedEvents: t.relation('events', {
      description: 'Events I created, soonest first.',
      query: () => ({ orderBy: { startsAt: 'asc' } }),
    }),
  }),
});

const SignUpInput = builder.inputType('SignUpInput', {
  fields: (t) => ({
    email: t.string({ required: true }),
    password: t.string({ required: true }),
    firstName: t.string({ required: true }),
    lastName: t.string({ required: true }),
    homePostcode: t.string({ description: 'A postcode or outcode; kept only as its district.' }),
  }),
});

const SignInInput = builder.inputType('SignInInput', {
  fields: (t) => ({ email: t.string({ required: true }), password: t.string({ required: true }) }),
});

const HomeAreaInput = builder.inputType('HomeAreaInput', {
  fields: (t) => ({
    postcode: t.string(),
    location: t.field({ type: LatLngInput, description: 'A map pin; snapped to ~1 km before it is stored.' }),
  }),
});

builder.queryFields((t) => ({
  me: t.prismaField({
    type: MeRef,
    nullable: true,
    description: 'The signed-in member, or null.',
    resolve: (query, _root, _args, ctx) =>
      ctx.viewer ? ctx.prisma.user.findUnique({ ...nonEmpty(query), where: { id: ctx.viewer.id } }) : null,
  }),
}));

const clientIp = (ctx: Context) => ctx.req.ip ?? 'unknown';

/** Rate-limit refusals bypass the error unions: they are HTTP 429 with Retry-After. */
async function limited(check: Promise<void>): Promise<void> {
  try {
    await check;
  } catch (error) {
    throw error instanceof RateLimited ? error.toGraphQL() : error;
  }
}

builder.mutationFields((t) => ({
  signUp: t.prismaField({
    type: MeRef,
    errors: { types: WRITE_ERRORS },
    args: { input: t.arg({ type: SignUpInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      await limited(ctx.limits.signUp(clientIp(ctx)));
      const { user, token } = await signUp(ctx.prisma, ctx.config, input);
      setSessionCookie(ctx.res, token, ctx.config);
      return ctx.prisma.user.findUniqueOrThrow({ ...nonEmpty(query), where: { id: user.id } });
    },
  }),
  signIn: t.prismaField({
    type: MeRef,
    errors: { types: WRITE_ERRORS },
    args: { input: t.arg({ type: SignInInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      await limited(ctx.limits.signIn(clientIp(ctx), String(input.email ?? '')));
      const { user, token } = await signIn(ctx.prisma, ctx.config, input);
      await ctx.limits.signedIn(user.email);
      setSessionCookie(ctx.res, token, ctx.config);
      return ctx.prisma.user.findUniqueOrThrow({ ...nonEmpty(query), where: { id: user.id } });
    },
  }),
  signOut: t.boolean({
    resolve: async (_root, _args, ctx) => {
      await signOut(ctx.prisma, ctx.viewer);
      clearSessionCookie(ctx.res, ctx.config);
      return true;
    },
  }),
  setHomeArea: t.prismaField({
    type: MeRef,
    errors: { types: WRITE_ERRORS },
    args: { input: t.arg({ type: HomeAreaInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const user = await setHomeArea(ctx.prisma, ctx.viewer, input);
      return ctx.prisma.user.findUniqueOrThrow({ ...nonEmpty(query), where: { id: user.id } });
    },
  }),
  deleteAccount: t.boolean({
    errors: { types: WRITE_ERRORS },
    description: 'Erases my personal data and cancels my future events. Needs my password.',
    args: { password: t.arg.string({ required: true }) },
    resolve: async (_root, { password }, ctx) => {
      await deleteAccount(ctx.prisma, ctx.viewer, password);
      clearSessionCookie(ctx.res, ctx.config);
      return true;
    },
  }),
}));
