import { randomBytes, randomUUID } from 'node:crypto';
import type { User } from '@rallypoint/prisma';
import { homeAreaSchema, LIMITS, passwordResetRequestSchema, passwordResetSchema, signInSchema, signUpSchema } from '@rallypoint/shared';
import type { Config } from '../config.ts';
import type { Viewer } from '../context.ts';
import { type ChangeContext, change, type DbOrTx, type Tx } from '../db/change.ts';
import { AuthenticationError, ForbiddenError, parseWith, ValidationError } from '../errors.ts';
import { lockEvent } from '../events/lock.ts';
import { cancelEventRow } from '../events/service.ts';
import { queueMail } from '../jobs/queue.ts';
import { cancelOffer, cancelRequest, type LiftSettings } from '../lifts/service.ts';
import { districtLabel, resolveOrigin, resolvePlace } from '../places/service.ts';
import { BOOKED } from '../rsvps/booked.ts';
import { cancelLocked } from '../rsvps/service.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { createSession } from './sessions.ts';
import { addAccountToken, claimAccountToken, endAccountTokens, findAccountToken } from './tokens.ts';

export const newCalendarToken = () => randomBytes(32).toString('hex');

export { requireVerified } from './verified.ts';

/** How long a sign-up confirmation link works. */
export const SIGN_UP_LINK_HOURS = 24;
/** How long a password-reset link works. */
export const RESET_LINK_MINUTES = 60;

export const SIGN_UP_STARTED_MESSAGE =
  'Check your inbox: we have sent an e-mail to that address. To confirm a new account, open the link in it and enter the password you chose. If the address already had an account, the password you chose does not change it: the e-mail says what to do.';

/**
 * Starts a sign-up. The answer is the same whether or not the address has an account, so sign-up never tells anyone
 * who is a member: a new address gets an unverified account and a confirmation link; an address whose account is
 * confirmed gets a "someone tried to sign up with your address" e-mail and nothing else changes; an address whose
 * account is still unconfirmed gets its confirmation link again (older links end), and nothing else changes either:
 * the link asks for the account's password, so an account made in someone else's name is never confirmed with a
 * password its maker knows. The owner of the inbox who does not know that password chooses a new one (a password
 * reset confirms the address and signs everyone else out). Unverified members may sign in, RSVP and ask for lifts,
 * but not publish events or offer lifts.
 */
export async function signUp(ctx: ChangeContext & { config: Config }, input: unknown): Promise<{ email: string }> {
  const data = parseWith(signUpSchema, input);
  const home = data.homePostcode ? await resolvePlace(ctx.prisma, data.homePostcode, ['homePostcode']) : null;
  // Hashed either way, so the answer takes as long for members as for newcomers.
  const passwordHash = await hashPassword(data.password);
  await change(ctx, 'signUp', async (tx) => {
    // Locked, so two sign-ups for one address at once make one account.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('sign-up:' || ${data.email}))`;
    const existing = await tx.user.findUnique({ where: { email: data.email }, select: { id: true, deletedAt: true, emailVerifiedAt: true } });
    if (existing && !existing.deletedAt) {
      if (existing.emailVerifiedAt) {
        await queueMail(tx, { key: `sign-up-existing:${randomUUID()}`, template: 'sign-up-existing', userId: existing.id, params: {} });
      } else {
        await sendVerification(tx, existing.id, true);
      }
      return;
    }
    const user = await tx.user.create({
      data: {
        email: data.email,
        passwordHash,
        firstName: data.firstName,
        lastName: data.lastName,
        homeLabel: home ? districtLabel(home) : null,
        homeLat: home?.lat ?? null,
        homeLng: home?.lng ?? null,
        calendarToken: newCalendarToken(),
      },
    });
    await sendVerification(tx, user.id);
  });
  return { email: data.email };
}

/**
 * A new confirmation link for an unverified account; every older unused one ends, so only the newest works.
 * `repeated`: sent because the address signed up again (the e-mail then says what to do without the password).
 */
export async function sendVerification(tx: Tx, userId: string, repeated = false): Promise<void> {
  await endAccountTokens(tx, userId, 'VERIFY_EMAIL');
  const tokenId = await addAccountToken(tx, userId, 'VERIFY_EMAIL', SIGN_UP_LINK_HOURS * 3_600_000);
  await queueMail(tx, { key: `verify-email:${tokenId}`, template: 'verify-email', userId, params: { tokenId, validHours: SIGN_UP_LINK_HOURS, repeated } });
}

export const ALREADY_CONFIRMED = 'Your address is already confirmed.';

/** Sends the signed-in, unverified member a new confirmation link (older ones end). */
export async function resendVerification(tx: Tx, viewer: Viewer | null): Promise<void> {
  if (!viewer) throw new AuthenticationError();
  const user = await tx.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { emailVerifiedAt: true } });
  if (user.emailVerifiedAt) throw new ValidationError(ALREADY_CONFIRMED);
  await sendVerification(tx, viewer.id);
}

export const LINK_PROBLEM = 'This link has expired or has already been used. Sign in and ask for a new one, or sign up again.';

/** The refusal of a confirmation link opened without the account's password (or with a wrong one). */
export const CONFIRM_NEEDS_PASSWORD =
  'Enter the password you chose when you signed up. Not your account, or forgotten it? Choose a new password at /forgot-password.';

/** The refusal of a confirmation link opened while signed in to another account. */
export const CONFIRM_OTHER_ACCOUNT =
  'This link is for another account than the one signed in here. Sign out, then open the link again.';

/** A confirmation link looked up, not yet used: whose it is, and whether a password must come with it. */
export interface SignUpLink {
  token: string;
  userId: string;
  email: string;
  /** The account's password hash when the link was looked up; confirming checks it is still the same. */
  passwordHash: string | null;
  /** Opened by a browser signed in to that very account: it has proved the password already. */
  signedInAsOwner: boolean;
}

/**
 * Looks up an unused, unexpired confirmation link without using it. A link that is unknown, used or expired is a
 * ValidationError on ["token"]; one opened while signed in to another account, a ForbiddenError.
 */
export async function openSignUpLink(db: DbOrTx, viewer: Viewer | null, token: unknown): Promise<SignUpLink> {
  const found = await findAccountToken(db, 'VERIFY_EMAIL', token);
  const user = found
    ? await db.user.findUnique({ where: { id: found.userId }, select: { email: true, passwordHash: true, deletedAt: true } })
    : null;
  if (!found || !user || user.deletedAt) throw ValidationError.field(['token'], LINK_PROBLEM);
  if (viewer && viewer.id !== found.userId) throw new ForbiddenError(CONFIRM_OTHER_ACCOUNT);
  return { token: token as string, userId: found.userId, email: user.email, passwordHash: user.passwordHash, signedInAsOwner: viewer !== null };
}

/** Whether confirming with `link` needs the account's password (everyone but the account itself, signed in). */
export const needsPassword = (link: SignUpLink): boolean => !link.signedInAsOwner;

/**
 * Proof that whoever opened the link knows the account's password: the link alone proves only the inbox, and
 * whoever made the account (perhaps not the inbox's owner) knows its password. Wrong or missing: a ValidationError
 * on ["password"], and nothing changes (the link still works). The caller rate-limits the attempts.
 */
export async function checkSignUpPassword(link: SignUpLink, password: string | null | undefined): Promise<void> {
  if (!needsPassword(link)) return;
  const ok = typeof password === 'string' && password.length > 0 && password.length <= LIMITS.passwordMax && (await verifyPassword(link.passwordHash, password));
  if (!ok) throw ValidationError.field(['password'], CONFIRM_NEEDS_PASSWORD);
}

/**
 * Confirms the address of a link whose password was checked (`checkSignUpPassword`): the link is used (once; every
 * other confirmation link ends), every session of the account ends — whoever else was signed in — and this browser
 * is signed in. Refused on ["token"] if the link was used meanwhile, or the password changed since it was checked.
 */
export async function confirmSignUp(tx: Tx, config: Config, link: SignUpLink): Promise<{ user: User; sessionToken: string }> {
  const { userId } = await claimAccountToken(tx, 'VERIFY_EMAIL', link.token, LINK_PROBLEM);
  const current = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { deletedAt: true, emailVerifiedAt: true, passwordHash: true } });
  if (userId !== link.userId || current.deletedAt || current.passwordHash !== link.passwordHash) {
    throw ValidationError.field(['token'], LINK_PROBLEM);
  }
  await tx.session.deleteMany({ where: { userId } });
  const user = await tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: current.emailVerifiedAt ?? new Date() } });
  return { user, sessionToken: await createSession(tx, user.id, config) };
}

export const RESET_REQUESTED_MESSAGE =
  'If that address has an account, we have sent it a link to choose a new password. It works once, for an hour.';

/** Sends a reset link if the address has an account; answers the same either way (the caller rate-limits it). */
export async function requestPasswordReset(tx: Tx, input: unknown): Promise<void> {
  const { email } = parseWith(passwordResetRequestSchema, input);
  const user = await tx.user.findUnique({ where: { email }, select: { id: true, deletedAt: true } });
  if (!user || user.deletedAt) return;
  const tokenId = await addAccountToken(tx, user.id, 'RESET_PASSWORD', RESET_LINK_MINUTES * 60_000);
  await queueMail(tx, {
    key: `password-reset:${tokenId}`,
    template: 'password-reset',
    userId: user.id,
    params: { tokenId, validMinutes: RESET_LINK_MINUTES },
  });
}

export const RESET_PROBLEM = 'This reset link has expired or has already been used. Ask for a new one.';

/** A checked reset: the link's token and the new password, already hashed (outside any transaction). */
export interface PasswordReset {
  token: string;
  passwordHash: string;
}

/** Checks a reset's input (errors on ["token"] or ["password"]) and hashes the new password. */
export async function parsePasswordReset(input: unknown): Promise<PasswordReset> {
  const data = parseWith(passwordResetSchema, input);
  return { token: data.token, passwordHash: await hashPassword(data.password) };
}

/**
 * Sets a new password from an e-mailed link: single use, an hour. Every existing session ends (whoever else was
 * signed in is signed out) and this browser is signed in. Opening the link also proves the address, so it confirms
 * an unconfirmed one, and every other link of the account (reset or confirmation) stops working.
 */
export async function resetPassword(tx: Tx, config: Config, reset: PasswordReset): Promise<{ user: User; sessionToken: string }> {
  const { userId } = await claimAccountToken(tx, 'RESET_PASSWORD', reset.token, RESET_PROBLEM);
  await endAccountTokens(tx, userId);
  const current = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { emailVerifiedAt: true, deletedAt: true } });
  if (current.deletedAt) throw ValidationError.field(['token'], RESET_PROBLEM);
  await tx.session.deleteMany({ where: { userId } });
  const user = await tx.user.update({
    where: { id: userId },
    data: { passwordHash: reset.passwordHash, emailVerifiedAt: current.emailVerifiedAt ?? new Date() },
  });
  return { user, sessionToken: await createSession(tx, userId, config) };
}

export const SIGN_IN_FAILED =
  'That email and password do not match an account.';

export async function signIn(tx: Tx, config: Config, input: unknown): Promise<{ user: User; token: string }> {
  const data = parseWith(signInSchema, input);
  const user = await tx.user.findUnique({ where: { email: data.email } });
  const ok = await verifyPassword(user?.deletedAt ? null : user?.passwordHash, data.password);
  if (!user || !ok) throw new AuthenticationError(SIGN_IN_FAILED);
  return { user, token: await createSession(tx, user.id, config) };
}

export async function signOut(tx: Tx, viewer: Viewer | null): Promise<void> {
  if (viewer) await tx.session.deleteMany({ where: { id: viewer.sessionId } });
}

/** Ends every session of mine, on every device (this one included). */
export async function signOutEverywhere(tx: Tx, viewer: Viewer | null): Promise<number> {
  if (!viewer) throw new AuthenticationError();
  return (await tx.session.deleteMany({ where: { userId: viewer.id } })).count;
}

/** A new private calendar link; the old one stops working at once. */
export async function rotateCalendarToken(tx: Tx, viewer: Viewer | null): Promise<User> {
  if (!viewer) throw new AuthenticationError();
  return tx.user.update({ where: { id: viewer.id }, data: { calendarToken: newCalendarToken() } });
}

/** The home area is kept coarse: an outcode centroid, or a pin snapped to ~1 km. */
export async function setHomeArea(tx: Tx, viewer: Viewer | null, input: unknown): Promise<User> {
  if (!viewer) throw new AuthenticationError();
  const data = parseWith(homeAreaSchema, input);
  // Neither a postcode nor a pin clears it.
  const place = data.postcode || data.location ? await resolveOrigin(tx, data) : null;
  return tx.user.update({
    where: { id: viewer.id },
    data: place
      ? { homeLabel: districtLabel(place), homeLat: place.lat, homeLng: place.lng }
      : { homeLabel: null, homeLat: null, homeLng: null },
  });
}

/** Checks the password of the signed-in member before something irreversible. */
export async function checkOwnPassword(db: DbOrTx, viewer: Viewer | null, password: string): Promise<void> {
  if (!viewer) throw new AuthenticationError();
  const user = await db.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw ValidationError.field(['password'], 'That password is not right');
  }
}

/**
 * Erases a member in one transaction: their future events are cancelled, their RSVPs released (waitlists move up),
 * their lifts called off (riders reopened and offered the next car), and the account row keeps only an anonymous
 * husk so past events still have an organiser. Everyone watching is told once it has committed.
 */
export async function eraseAccount(tx: Tx, viewer: Viewer, settings: LiftSettings): Promise<void> {
  const now = new Date();
  const events = await tx.event.findMany({
    where: { organiserId: viewer.id, endsAt: { gt: now }, status: { not: 'CANCELLED' } },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  for (const e of events) await cancelEventRow(tx, e.id);
  for (const offer of await tx.liftOffer.findMany({ where: { driverId: viewer.id, status: 'OPEN' }, orderBy: { id: 'asc' } })) {
    await cancelOffer(tx, viewer, offer.id, settings);
  }
  for (const request of await tx.liftRequest.findMany({
    where: { riderId: viewer.id, status: { not: 'CANCELLED' } },
    orderBy: { id: 'asc' },
  })) {
    await cancelRequest(tx, viewer, request.id);
  }
  // Events in id order, as every other multi-event change would take them.
  const rsvps = await tx.rsvp.findMany({ where: { userId: viewer.id, status: BOOKED }, orderBy: { eventId: 'asc' } });
  for (const r of rsvps) {
    const event = await lockEvent(tx, r.eventId);
    const fresh = await tx.rsvp.findUnique({ where: { id: r.id } });
    if (event && fresh && fresh.status !== 'CANCELLED') await cancelLocked(tx, event, fresh);
  }
  await tx.rsvp.deleteMany({ where: { userId: viewer.id } });
  await tx.liftOffer.deleteMany({ where: { driverId: viewer.id } });
  await tx.liftRequest.deleteMany({ where: { riderId: viewer.id } });
  await tx.session.deleteMany({ where: { userId: viewer.id } });
  await tx.accountToken.deleteMany({ where: { userId: viewer.id } });
  await tx.organiserRegion.deleteMany({ where: { userId: viewer.id } });
  await tx.user.update({
    where: { id: viewer.id },
    data: {
      email: `deleted-${randomUUID()}@deleted.invalid`,
      passwordHash: null,
      firstName: 'Former',
      lastName: 'member',
      role: 'MEMBER',
      homeLabel: null,
      homeLat: null,
      homeLng: null,
      calendarToken: newCalendarToken(),
      deletedAt: now,
    },
  });
}
