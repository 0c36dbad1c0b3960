import { encodeGlobalID } from '@pothos/plugin-relay';
import { publicName, ROLES } from '@rallypoint/shared';
import { builder } from '../graphql/builder.ts';
import { LatLngInput, nodeId, nonEmpty, WRITE_ERRORS } from '../graphql/common.ts';
import { AuthenticationError } from '../errors.ts';
import { PlaceRef, RegionRef, storedPlace } from '../places/schema.ts';
import {
  checkOwnPassword,
  confirmSignUp,
  eraseAccount,
  rotateCalendarToken,
  SIGN_UP_STARTED_MESSAGE,
  setHomeArea,
  signIn,
  signOut,
  signOutEverywhere,
  signUp,
} from './service.ts';
import type { Context } from '../context.ts';
import { change } from '../db/change.ts';
import { visibleWhere } from '../events/access.ts';
import { RateLimited } from '../security/rate-limits.ts';
import { clearSessionCookie, setSessionCookie } from './sessions.ts';

export const Role = builder.enumType('Role', { values: ROLES });

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
      type: PlaceRef,
      nullable: true,
      description: 'A postcode district centre or a ~1 km square, never an exact home.',
      resolve: (u) =>
        u.homeLabel && u.homeLat !== null && u.homeLng !== null ? storedPlace(u.homeLabel, u.homeLat, u.homeLng) : null,
    }),
    calendarFeedUrl: t.string({
      description: 'Private iCalendar feed of my plans; anyone with the link can read it.',
      resolve: (u, _a, ctx) => `${ctx.config.publicUrl}/calendar/feed/${u.calendarToken}.ics`,
    }),
    plans: t.relation('rsvps', {
      description: 'My upcoming RSVPs (going or waitlisted), soonest first.',
      query: (_args, ctx) => ({
        where: { status: { in: ['GOING', 'WAITLISTED'] }, event: { endsAt: { gt: new Date() }, ...visibleWhere(ctx.viewer) } },
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

const SignUpStartedRef = builder.objectRef<{ email: string }>('SignUpStarted').implement({
  description: 'Sign-up continues from the e-mailed link; the answer is the same whether or not the address has an account.',
  fields: (t) => ({
    email: t.exposeString('email'),
    message: t.string({ resolve: () => SIGN_UP_STARTED_MESSAGE }),
  }),
});

/** Checks the signed-in member's password; failed checks are counted and limited per account. */
async function checkPasswordLimited(ctx: Context, password: string): Promise<void> {
  if (!ctx.viewer) return;
  await limited(ctx.limits.passwordCheck(ctx.viewer.id));
  await checkOwnPassword(ctx.prisma, ctx.viewer, password);
  await ctx.limits.passwordChecked(ctx.viewer.id);
}

builder.mutationFields((t) => ({
  signUp: t.field({
    type: SignUpStartedRef,
    errors: { types: WRITE_ERRORS },
    description: 'Sends a confirmation link to the address; the account is created when it is opened.',
    args: { input: t.arg({ type: SignUpInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      await limited(ctx.limits.signUp(clientIp(ctx), String(input.email ?? '')));
      return signUp(ctx, input);
    },
  }),
  confirmSignUp: t.prismaField({
    type: MeRef,
    errors: { types: WRITE_ERRORS },
    description: 'Opens the e-mailed link: creates the account and signs in. Each link works once, for a day.',
    args: { token: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const { me, sessionToken } = await change(ctx, 'confirmSignUp', async (tx) => {
        const { user, sessionToken } = await confirmSignUp(tx, ctx.config, args.token);
        return { me: await tx.user.findUniqueOrThrow({ ...nonEmpty(query), where: { id: user.id } }), sessionToken };
      });
      setSessionCookie(ctx.res, sessionToken, ctx.config);
      return me;
    },
  }),
  signIn: t.prismaField({
    type: MeRef,
    errors: { types: WRITE_ERRORS },
    args: { input: t.arg({ type: SignInInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      await limited(ctx.limits.signIn(clientIp(ctx), String(input.email ?? '')));
      const { me, token } = await change(ctx, 'signIn', async (tx) => {
        const { user, token } = await signIn(tx, ctx.config, input);
        return { me: await tx.user.findUniqueOrThrow({ ...nonEmpty(query), where: { id: user.id } }), token };
      });
      await ctx.limits.signedIn(clientIp(ctx), String(input.email ?? ''));
      setSessionCookie(ctx.res, token, ctx.config);
      return me;
    },
  }),
  signOut: t.boolean({
    resolve: async (_root, _args, ctx) => {
      await change(ctx, 'signOut', (tx) => signOut(tx, ctx.viewer));
      clearSessionCookie(ctx.res, ctx.config);
      return true;
    },
  }),
  signOutEverywhere: t.int({
    errors: { types: WRITE_ERRORS },
    description: 'Ends all my sessions on every device, this one included; returns how many ended.',
    resolve: async (_root, _args, ctx) => {
      const ended = await change(ctx, 'signOutEverywhere', (tx) => signOutEverywhere(tx, ctx.viewer));
      clearSessionCookie(ctx.res, ctx.config);
      return ended;
    },
  }),
  rotateCalendarFeed: t.prismaField({
    type: MeRef,
    errors: { types: WRITE_ERRORS },
    description: 'A new private calendar link; the old one stops working at once.',
    resolve: (query, _root, _args, ctx) =>
      change(ctx, 'rotateCalendarFeed', async (tx) => {
        const user = await rotateCalendarToken(tx, ctx.viewer);
        return tx.user.findUniqueOrThrow({ ...nonEmpty(query), where: { id: user.id } });
      }),
  }),
  setHomeArea: t.prismaField({
    type: MeRef,
    errors: { types: WRITE_ERRORS },
    args: { input: t.arg({ type: HomeAreaInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      change(ctx, 'setHomeArea', async (tx) => {
        const user = await setHomeArea(tx, ctx.viewer, input);
        return tx.user.findUniqueOrThrow({ ...nonEmpty(query), where: { id: user.id } });
      }),
  }),
  deleteAccount: t.boolean({
    errors: { types: WRITE_ERRORS },
    description: 'Erases my personal data and cancels my future events. Needs my password.',
    args: { password: t.arg.string({ required: true }) },
    resolve: async (_root, { password }, ctx) => {
      const viewer = ctx.viewer;
      if (!viewer) throw new AuthenticationError();
      await checkPasswordLimited(ctx, password);
      await change(ctx, 'deleteAccount', (tx) => eraseAccount(tx, viewer), { timeoutMs: 120_000 });
      clearSessionCookie(ctx.res, ctx.config);
      return true;
    },
  }),
}));
