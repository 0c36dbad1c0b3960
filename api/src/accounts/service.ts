import { randomBytes, randomUUID } from 'node:crypto';
import { homeAreaSchema, signInSchema, signUpSchema } from '@rallypoint/shared';
import type { User } from '@rallypoint/prisma';
import type { Config } from '../config.ts';
import type { Viewer } from '../context.ts';
import type { Db } from '../db/client.ts';
import { AuthenticationError, parseWith, ValidationError } from '../errors.ts';
import { placeFromPoint, resolvePlace } from '../places/service.ts';
import { cancelOffer, cancelRequest } from '../rides/service.ts';
import { cancelLocked, LOCKING_TX, lockEvent } from '../rsvps/service.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { createSession } from './sessions.ts';

export const newCalendarToken = () => randomBytes(32).toString('hex');

export async function signUp(prisma: Db, config: Config, input: unknown): Promise<{ user: User; token: string }> {
  const data = parseWith(signUpSchema, input);
  const home = data.homePostcode ? await resolvePlace(prisma, data.homePostcode, ['homePostcode']) : null;
  if (await prisma.user.findUnique({ where: { email: data.email }, select: { id: true } })) {
    throw ValidationError.field(['email'], 'An account with this email already exists; sign in instead');
  }
  const passwordHash = await hashPassword(data.password);
  try {
    const user = await prisma.user.create({
      data: {
        email: data.email,
        passwordHash,
        firstName: data.firstName,
        lastName: data.lastName,
        calendarToken: newCalendarToken(),
        ...(home ? { homeLabel: home.outcode, homeLat: home.lat, homeLng: home.lng } : {}),
      },
    });
    return { user, token: await createSession(prisma, user.id, config) };
  } catch (error) {
    // Two sign-ups with one email at the same moment: the unique index decides.
    if ((error as { code?: string }).code === 'P2002') {
      throw ValidationError.field(['email'], 'An account with this email already exists; sign in instead');
    }
    throw error;
  }
}

export async function signIn(prisma: Db, config: Config, input: unknown): Promise<{ user: User; token: string }> {
  const data = parseWith(signInSchema, input);
  const user = await prisma.user.findUnique({ where: { email: data.email } });
  const ok = await verifyPassword(user?.deletedAt ? null : user?.passwordHash, data.password);
  if (!user || !ok) throw new AuthenticationError('That email and password do not match an account');
  return { user, token: await createSession(prisma, user.id, config) };
}

export async function signOut(prisma: Db, viewer: Viewer | null): Promise<void> {
  if (viewer) await prisma.session.deleteMany({ where: { id: viewer.sessionId } });
}

/** The home area is kept coarse: an outcode centroid, or a pin snapped to ~1 km. */
export async function setHomeArea(prisma: Db, viewer: Viewer | null, input: unknown): Promise<User> {
  if (!viewer) throw new AuthenticationError();
  const data = parseWith(homeAreaSchema, input);
  const place = data.postcode
    ? await resolvePlace(prisma, data.postcode)
    : data.location
      ? await placeFromPoint(prisma, data.location)
      : null;
  return prisma.user.update({
    where: { id: viewer.id },
    data: place
      ? { homeLabel: place.outcode || place.label, homeLat: place.lat, homeLng: place.lng }
      : { homeLabel: null, homeLat: null, homeLng: null },
  });
}

/**
 * Erases a member: their future events are cancelled, their RSVPs released (waitlists move up), their lifts
 * called off (riders reopened), and the
 * account row keeps only an anonymous husk so past events still have an organiser.
 */
export async function deleteAccount(prisma: Db, viewer: Viewer | null, password: string): Promise<void> {
  if (!viewer) throw new AuthenticationError();
  const user = await prisma.user.findUniqueOrThrow({ where: { id: viewer.id } });
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw ValidationError.field(['password'], 'That password is not right');
  }
  const now = new Date();
  await prisma.event.updateMany({
    where: { organiserId: user.id, endsAt: { gt: now }, status: { not: 'CANCELLED' } },
    data: { status: 'CANCELLED' },
  });
  // Lifts: riders of my cars get their requests reopened (and a new car proposed); my own requests end.
  for (const offer of await prisma.liftOffer.findMany({ where: { driverId: user.id, status: 'OPEN' } })) {
    await cancelOffer(prisma, viewer, offer.id);
  }
  for (const request of await prisma.liftRequest.findMany({ where: { riderId: user.id, status: { not: 'CANCELLED' } } })) {
    await cancelRequest(prisma, viewer, request.id);
  }
  const live = await prisma.rsvp.findMany({ where: { userId: user.id, status: { not: 'CANCELLED' } } });
  for (const r of live) {
    await prisma.$transaction(async (tx) => {
      const event = await lockEvent(tx, r.eventId);
      const fresh = await tx.rsvp.findUnique({ where: { id: r.id } });
      if (event && fresh && fresh.status !== 'CANCELLED') await cancelLocked(tx, event, fresh);
    }, LOCKING_TX);
  }
  await prisma.$transaction([
    prisma.rsvp.deleteMany({ where: { userId: user.id } }),
    prisma.liftOffer.deleteMany({ where: { driverId: user.id } }),
    prisma.liftRequest.deleteMany({ where: { riderId: user.id } }),
    prisma.session.deleteMany({ where: { userId: user.id } }),
    prisma.organiserRegion.deleteMany({ where: { userId: user.id } }),
    prisma.user.update({
      where: { id: user.id },
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
    }),
  ]);
}
