import { encodeGlobalID } from '@pothos/plugin-relay';
import { publicName, ROLES } from '@rallypoint/shared';
import type { Context } from '../context.ts';
import { change } from '../db/change.ts';
import { AuthenticationError } from '../errors.ts';
import { visibleWhere } from '../events/access.ts';
import { builder } from '../graphql/builder.ts';
import { LatLngInput, nodeId, nonEmpty, WRITE_ERRORS } from '../graphql/common.ts';
import { PlaceRef, RegionRef, storedPlace } from '../places/schema.ts';
import { BOOKED } from '../rsvps/booked.ts';
import { RateLimited } from '../security/rate-limits.ts';
import {
  checkOwnPassword,
  checkSignUpPassword,
  confirmSignUp,
  eraseAccount,
  needsPassword,
  openSignUpLink,
  parsePasswordReset,
  RESET_REQUESTED_MESSAGE,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  rotateCalendarToken,
  SIGN_UP_STARTED_MESSAGE,
  setHomeArea,
  signIn,
  signOut,
  signOutEverywhere,
  signUp,
} from './service.ts';
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
    emailVerified: t.boolean({
      description:
        'Whether I have confirmed my address (opened the e-mailed link). Until then I may sign in, RSVP and ask for lifts, but not publish events or offer lifts.',
      select: { emailVerifiedAt: true },
      resolve: (u) => u.emailVerifiedAt !== null,
    }),
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
        where: { status: BOOKED, event: { endsAt: { gt: new Date() }, ...visibleWhere(ctx.viewer) } },
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

const PasswordResetRequestInput = builder.inputType('PasswordResetRequestInput', {
  fields: (t) => ({ email: t.string({ required: true }) }),
});

const PasswordResetInput = builder.inputType('PasswordResetInput', {
  fields: (t) => ({
    token: t.string({ required: true, description: 'From the e-mailed link (/reset-password?token=…).' }),
    password: t.string({ required: true, description: 'The new password (the same rules as at sign-up).' }),
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
  description:
    'A confirmation link is on its way (or, for an address that already has a confirmed account, a "someone tried to sign up" e-mail; for one with an unconfirmed account, its link again, with no change to its password): the answer is the same whether or not the address has an account.',
  fields: (t) => ({
    email: t.exposeString('email'),
    message: t.string({ resolve: () => SIGN_UP_STARTED_MESSAGE }),
  }),
});

const PasswordResetRequestedRef = builder.objectRef<Record<string, never>>('PasswordResetRequested').implement({
  description: 'The same answer whether or not the address has an account.',
  fields: (t) => ({ message: t.string({ resolve: () => RESET_REQUESTED_MESSAGE }) }),
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
    description:
      'Creates an unconfirmed account and e-mails a link to confirm the address (an address that has an account gets an e-mail instead, and the same answer). Unconfirmed members may sign in, RSVP and ask for lifts; publishing events and offering lifts wait for the confirmation.',
    args: { input: t.arg({ type: SignUpInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      await limited(ctx.limits.signUp(clientIp(ctx), String(input.email ?? '')));
      return signUp(ctx, input);
    },
  }),
  confirmSignUp: t.prismaField({
    type: MeRef,
    errors: { types: WRITE_ERRORS },
    description:
      'Opens the e-mailed link with the password chosen at sign-up (not needed when signed in to that account): confirms the address, signs out every other session of the account and signs this browser in (sets the session cookie). A link that is unknown, used or expired is a ValidationError on ["token"]; a missing or wrong password, one on ["password"] that leaves the link usable (attempts count with the sign-in limits); signed in to another account, a ForbiddenError. Each link works once, for a day; only the newest works.',
    args: {
      token: t.arg.string({ required: true }),
      password: t.arg.string({ description: 'The password chosen at sign-up; optional when signed in to the account the link is for.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const link = await openSignUpLink(ctx.prisma, ctx.viewer, args.token);
      // A link is no way round the sign-in limits: its password attempts count with the sign-ins for that address.
      if (needsPassword(link) && args.password) await limited(ctx.limits.signIn(clientIp(ctx), link.email));
      await checkSignUpPassword(link, args.password);
      const { me, sessionToken } = await change(ctx, 'confirmSignUp', async (tx) => {
        const { user, sessionToken } = await confirmSignUp(tx, ctx.config, link);
        return { me: await tx.user.findUniqueOrThrow({ ...nonEmpty(query), where: { id: user.id } }), sessionToken };
      });
      if (needsPassword(link)) await ctx.limits.signedIn(clientIp(ctx), link.email);
      setSessionCookie(ctx.res, sessionToken, ctx.config);
      return me;
    },
  }),
  resendVerification: t.boolean({
    errors: { types: WRITE_ERRORS },
    description: 'E-mails me a new link to confirm my address (signed in, not yet confirmed). Limited per address, with sign-ups.',
    resolve: async (_root, _args, ctx) => {
      const viewer = ctx.viewer;
      if (!viewer) throw new AuthenticationError();
      const { email } = await ctx.prisma.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { email: true } });
      await limited(ctx.limits.verificationResend(email));
      await change(ctx, 'resendVerification', (tx) => resendVerification(tx, viewer));
      return true;
    },
  }),
  requestPasswordReset: t.field({
    type: PasswordResetRequestedRef,
    errors: { types: WRITE_ERRORS },
    description:
      'E-mails a link to choose a new password, if the address has an account; the answer is the same either way. Limited per network and per address (HTTP 429 beyond).',
    args: { input: t.arg({ type: PasswordResetRequestInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      await limited(ctx.limits.passwordReset(clientIp(ctx), String(input.email ?? '')));
      await change(ctx, 'requestPasswordReset', (tx) => requestPasswordReset(tx, input));
      return {};
    },
  }),
  resetPassword: t.prismaField({
    type: MeRef,
    errors: { types: WRITE_ERRORS },
    description:
      'Sets a new password from the e-mailed link (once, within an hour): signs out every session of the account and signs this browser in. A link that is unknown, used or expired is a ValidationError on ["token"]; a password that breaks the rules, on ["password"].',
    args: { input: t.arg({ type: PasswordResetInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const reset = await parsePasswordReset(input);
      const { me, sessionToken, email } = await change(ctx, 'resetPassword', async (tx) => {
        const { user, sessionToken } = await resetPassword(tx, ctx.config, reset);
        return { me: await tx.user.findUniqueOrThrow({ ...nonEmpty(query), where: { id: user.id } }), sessionToken, email: user.email };
      });
      // Signed in with the new password: failed sign-ins counted against the address start again.
      await ctx.limits.signedIn(clientIp(ctx), email);
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
      await change(ctx, 'deleteAccount', (tx) => eraseAccount(tx, viewer, ctx.config), { timeoutMs: 120_000 });
      clearSessionCookie(ctx.res, ctx.config);
      return true;
    },
  }),
}));
