import { randomBytes, randomUUID } from 'node:crypto';
import { homeAreaSchema, signInSchema, signUpSchema } from '@rallypoint/shared';
import type { User } from '@rallypoint/prisma';
import type { Config } from '../config.ts';
import type { Viewer } from '../context.ts';
import { type ChangeContext, change, type DbOrTx, type Tx } from '../db/change.ts';
import { AuthenticationError, parseWith, ValidationError } from '../errors.ts';
import { cancelEventRow } from '../events/service.ts';
import { confirmSignUpMail, existingAccountMail } from '../mail/messages.ts';
import { announce } from '../outbox/outbox.ts';
import { districtLabel, resolveOrigin, resolvePlace } from '../places/service.ts';
import { cancelOffer, cancelRequest } from '../lifts/service.ts';
import { lockEvent } from '../events/lock.ts';
import { cancelLocked } from '../rsvps/service.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { createSession, hashToken, newToken } from './sessions.ts';

export const newCalendarToken = () => randomBytes(32).toString('hex');

/** How long a sign-up confirmation link works. */
export const SIGN_UP_LINK_HOURS = 24;

export const SIGN_UP_STARTED_MESSAGE =
  'Check your inbox: we have sent a link to that address. Open it to finish creating your account.';

/**
 * Starts a sign-up. The answer is the same whether or not the address has an account, so sign-up never tells anyone
 * who is a member: a new address gets a confirmation link (the account is created only when it is used), an address
 * that already has an account gets a "someone tried to sign up with your address" e-mail instead.
 */
export async function signUp(ctx: ChangeContext & { config: Config }, input: unknown): Promise<{ email: string }> {
  const data = parseWith(signUpSchema, input);
  const home = data.homePostcode ? await resolvePlace(ctx.prisma, data.homePostcode, ['homePostcode']) : null;
  // Hashed either way, so the answer takes as long for members as for newcomers.
  const passwordHash = await hashPassword(data.password);
  const token = newToken();
  await change(ctx, 'signUp', async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: data.email }, select: { firstName: true, deletedAt: true } });
    if (existing && !existing.deletedAt) {
      const signInLink = `${ctx.config.publicUrl}/signin`;
      await announce(tx, { topic: 'mail', payload: existingAccountMail({ to: data.email, firstName: existing.firstName, signInLink }) });
      return;
    }
    await tx.signUpToken.create({
      data: {
        tokenHash: hashToken(token),
        email: data.email,
        passwordHash,
        firstName: data.firstName,
        lastName: data.lastName,
        ...(home ? { homeLabel: districtLabel(home), homeLat: home.lat, homeLng: home.lng } : {}),
        expiresAt: new Date(Date.now() + SIGN_UP_LINK_HOURS * 3_600_000),
      },
    });
    const link = `${ctx.config.publicUrl}/signup/confirm?token=${encodeURIComponent(token)}`;
    await announce(tx, {
      topic: 'mail',
      payload: confirmSignUpMail({ to: data.email, firstName: data.firstName, link, validHours: SIGN_UP_LINK_HOURS }),
    });
  });
  return { email: data.email };
}

const LINK_PROBLEM = 'This link has expired or has already been used. Sign in, or sign up again for a new link.';

/** The confirmation link was opened: the account is created and signed in. Single use; expires. */
export async function confirmSignUp(tx: Tx, config: Config, token: unknown): Promise<{ user: User; sessionToken: string }> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 200) throw ValidationError.field(['token'], LINK_PROBLEM);
  // Locked, so two clicks on one link create one account.
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM sign_up_tokens WHERE token_hash = ${hashToken(token)} AND used_at IS NULL AND expires_at > now() FOR UPDATE`;
  const pending = rows[0] && (await tx.signUpToken.findUniqueOrThrow({ where: { id: rows[0].id } }));
  if (!pending) throw ValidationError.field(['token'], LINK_PROBLEM);
  const taken = await tx.user.findUnique({ where: { email: pending.email }, select: { id: true } });
  if (taken) throw ValidationError.field(['token'], 'This address already has an account: sign in instead.');
  // Every other link sent to this address stops working.
  await tx.signUpToken.updateMany({ where: { email: pending.email, usedAt: null }, data: { usedAt: new Date() } });
  const user = await tx.user.create({
    data: {
      email: pending.email,
      passwordHash: pending.passwordHash,
      firstName: pending.firstName,
      lastName: pending.lastName,
      homeLabel: pending.homeLabel,
      homeLat: pending.homeLat,
      homeLng: pending.homeLng,
      calendarToken: newCalendarToken(),
    },
  });
  return { user, sessionToken: await createSession(tx, user.id, config) };
}

export const SIGN_IN_FAILED =
  'That email and password do not match an account. If you have just signed up, open the link we e-mailed you first.';

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
export async function eraseAccount(tx: Tx, viewer: Viewer): Promise<void> {
  const now = new Date();
  const events = await tx.event.findMany({
    where: { organiserId: viewer.id, endsAt: { gt: now }, status: { not: 'CANCELLED' } },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  for (const e of events) await cancelEventRow(tx, e.id);
  for (const offer of await tx.liftOffer.findMany({ where: { driverId: viewer.id, status: 'OPEN' }, orderBy: { id: 'asc' } })) {
    await cancelOffer(tx, viewer, offer.id);
  }
  for (const request of await tx.liftRequest.findMany({
    where: { riderId: viewer.id, status: { not: 'CANCELLED' } },
    orderBy: { id: 'asc' },
  })) {
    await cancelRequest(tx, viewer, request.id);
  }
  // Events in id order, as every other multi-event change would take them.
  const rsvps = await tx.rsvp.findMany({ where: { userId: viewer.id, status: { not: 'CANCELLED' } }, orderBy: { eventId: 'asc' } });
  for (const r of rsvps) {
    const event = await lockEvent(tx, r.eventId);
    const fresh = await tx.rsvp.findUnique({ where: { id: r.id } });
    if (event && fresh && fresh.status !== 'CANCELLED') await cancelLocked(tx, event, fresh);
  }
  await tx.rsvp.deleteMany({ where: { userId: viewer.id } });
  await tx.liftOffer.deleteMany({ where: { driverId: viewer.id } });
  await tx.liftRequest.deleteMany({ where: { riderId: viewer.id } });
  await tx.session.deleteMany({ where: { userId: viewer.id } });
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
