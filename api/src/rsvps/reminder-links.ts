import type { Event, Rsvp } from '@rallypoint/prisma';
import type { Viewer } from '../context.ts';
import { type ChangeContext, change, type DbOrTx, type Tx } from '../db/change.ts';
import { ForbiddenError, isUuid, ValidationError } from '../errors.ts';
import { lockEvent, placesQueue } from '../events/lock.ts';
import { followBookings } from '../lifts/bookings.ts';
import type { LiftSettings } from '../lifts/service.ts';
import { type LinkSigner, linkSigner, type SignedLink, useLinkOnce } from '../mail/links.ts';
import { BOOKED } from './booked.ts';
import { REMINDERS, type ReminderWhich } from './reminders.ts';
import { cancelLocked } from './service.ts';

/**
 * The one-tap answers in a reminder e-mail: "Still coming" and "Can't make it now". They work without signing in, so
 * the link itself says which RSVP and which answer, sealed (linkSigner), expiring when the event ends, used once.
 * It also carries the RSVP's seq (a new one each time the member books again after cancelling), so a link from an
 * earlier booking's reminder can never answer for a later booking, and which reminder it came from, so the 24-hour
 * and the morning reminder's links are different links, each used once.
 */
export const REMINDER_LINK_PURPOSE = 'reminder-answer';

export type ReminderAnswerCode = 'yes' | 'no';
interface ReminderLinkData {
  /** The RSVP. */
  r: string;
  /** Its seq when the reminder was sent. */
  s: number;
  /** Which reminder. */
  w: ReminderWhich;
  a: ReminderAnswerCode;
}

export interface ReminderLinkFor {
  rsvpId: string;
  seq: number;
  which: ReminderWhich;
}

export const reminderLinkToken = (links: LinkSigner, rsvp: ReminderLinkFor, answer: ReminderAnswerCode, expiresAt: Date) =>
  links.sign(REMINDER_LINK_PURPOSE, { r: rsvp.rsvpId, s: rsvp.seq, w: rsvp.which, a: answer }, expiresAt);

/** What the landing page shows, before and after the answer. */
export interface ReminderLinkView {
  answer: 'STILL_COMING' | 'CANT_MAKE_IT';
  usable: boolean;
  /** Why it cannot be used (null when it can). */
  problem: string | null;
  eventId: string;
  eventTitle: string;
  eventStartsAt: Date;
  eventEndsAt: Date;
  eventArea: string;
  rsvpStatus: Rsvp['status'];
  reconfirmed: boolean;
}

const NOT_VALID =
  'This link is not valid. Open it again from the reminder e-mail; if your e-mail program split it over two lines, copy the whole address into your browser.';
const notValid = () => ValidationError.field(['token'], NOT_VALID);

/** The link's contents, whether or not it has expired (so an expired one can still say which event it was for). */
async function readToken(db: DbOrTx, token: string): Promise<SignedLink<ReminderLinkData>> {
  const signer = await linkSigner(db);
  const link = signer.verify<ReminderLinkData>(REMINDER_LINK_PURPOSE, token, new Date(0));
  if (!link || !isUuid(link.data.r) || (link.data.a !== 'yes' && link.data.a !== 'no')) throw notValid();
  // Links from before they carried the booking (seq) and the reminder are refused too (problemWith says why).
  return link;
}

type RsvpWithEvent = Rsvp & { event: Event };

/** Why this link cannot be used now, most final first; null when it can. */
function problemWith(link: SignedLink<ReminderLinkData>, r: RsvpWithEvent, used: boolean, viewer: Viewer | null, now = new Date()): { message: string; forbidden?: true } | null {
  if (link.expiresAt <= now || r.event.endsAt <= now) return { message: 'This link has expired: the event is over.' };
  if (used) {
    return {
      message:
        link.data.a === 'yes'
          ? 'This link has already been used: you told us you are still coming.'
          : 'This link has already been used: your place was given up.',
    };
  }
  if (viewer && viewer.id !== r.userId) {
    return {
      message: 'This link was e-mailed to another member, and you are signed in as someone else. Sign out, or open the link from your own e-mail.',
      forbidden: true,
    };
  }
  if (r.status === 'CANCELLED') return { message: 'You are no longer booked on this event: your place was already given up.' };
  // Booked again since that reminder (or a link from before links said which booking): it answers for nothing now.
  if (!Number.isSafeInteger(link.data.s) || !REMINDERS.includes(link.data.w) || link.data.s !== r.seq) {
    return { message: 'This link was for an earlier booking of yours, so it changes nothing now. Use the link in your latest reminder, or open the event page.' };
  }
  if (r.event.status === 'CANCELLED') return { message: 'This event has been cancelled: there is nothing to answer.' };
  if (r.event.status !== 'PUBLISHED') return { message: 'This event has been withdrawn by its organiser for now.' };
  return null;
}

const isUsed = async (db: DbOrTx, link: SignedLink<unknown>) =>
  (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM used_links WHERE digest = ${link.digest}`)[0]!.n > 0;

function view(link: SignedLink<ReminderLinkData>, r: RsvpWithEvent, problem: string | null): ReminderLinkView {
  return {
    answer: link.data.a === 'yes' ? 'STILL_COMING' : 'CANT_MAKE_IT',
    usable: problem === null,
    problem,
    eventId: r.event.id,
    eventTitle: r.event.title,
    eventStartsAt: r.event.startsAt,
    eventEndsAt: r.event.endsAt,
    eventArea: r.event.areaLabel,
    rsvpStatus: r.status,
    reconfirmed: r.reconfirmedAt !== null,
  };
}

async function rsvpOf(db: DbOrTx, link: SignedLink<ReminderLinkData>): Promise<RsvpWithEvent> {
  const r = await db.rsvp.findUnique({ where: { id: link.data.r }, include: { event: true, shift: true } });
  if (!r) throw notValid();
  // A shift booking's reminder is about the shift: its times.
  const { shift, ...rest } = r;
  return shift ? { ...rest, event: { ...r.event, startsAt: shift.startsAt, endsAt: shift.endsAt } } : rest;
}

/** What a reminder link is for and whether it still works: read only (mail scanners open links). */
export async function readReminderLink(db: DbOrTx, viewer: Viewer | null, token: string): Promise<ReminderLinkView> {
  const link = await readToken(db, token);
  const r = await rsvpOf(db, link);
  return view(link, r, problemWith(link, r, await isUsed(db, link), viewer)?.message ?? null);
}

/**
 * Answers a reminder. "Still coming" records the reconfirmation; "Can't make it" cancels the RSVP under the event's
 * lock in the same change, which frees the place and moves the waitlist up (who is e-mailed). A forged, expired or
 * used link, one for an RSVP already cancelled, or one used while signed in as another member changes nothing.
 */
export async function answerReminder(ctx: ChangeContext & { config: LiftSettings }, viewer: Viewer | null, token: string): Promise<ReminderLinkView> {
  const link = await readToken(ctx.prisma, token);
  const { eventId } = await rsvpOf(ctx.prisma, link);
  return change(ctx, 'answerReminder', (tx) => answerLocked(tx, viewer, link, ctx.config), { queueKey: placesQueue(eventId) });
}

async function answerLocked(tx: Tx, viewer: Viewer | null, link: SignedLink<ReminderLinkData>, settings: LiftSettings): Promise<ReminderLinkView> {
  const before = await rsvpOf(tx, link);
  // The event's lock first, as every change to its places takes it: the RSVP read after it is current.
  const locked = link.data.a === 'no' ? await lockEvent(tx, before.eventId) : null;
  const r = locked ? await rsvpOf(tx, link) : before;
  const problem = problemWith(link, r, await isUsed(tx, link), viewer);
  if (problem?.forbidden) throw new ForbiddenError(problem.message);
  if (problem) throw ValidationError.field(['token'], problem.message);
  // Two taps at once: one records the link, the other finds it taken.
  if (!(await useLinkOnce(tx, link))) throw ValidationError.field(['token'], 'This link has already been used.');
  if (link.data.a === 'yes') {
    // Without the event's lock: only the booking the link was for, as it is when this runs (not cancelled, not remade).
    const n = await tx.rsvp.updateMany({ where: { id: r.id, seq: link.data.s, status: BOOKED }, data: { reconfirmedAt: new Date() } });
    if (n.count !== 1) throw ValidationError.field(['token'], 'Your booking changed just now: open the event page to see where you stand.');
    const updated = await rsvpOf(tx, link);
    return view(link, updated, 'This link has already been used: you told us you are still coming.');
  }
  const cancelled = await cancelLocked(tx, locked!, r);
  await followBookings(tx, r.eventId, r.userId, settings);
  return view(link, { ...cancelled, event: r.event }, 'This link has already been used: your place was given up.');
}
