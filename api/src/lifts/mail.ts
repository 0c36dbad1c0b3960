import { randomUUID } from 'node:crypto';
import { type LiftMatch, Prisma } from '@rallypoint/prisma';
import type { Tx } from '../db/change.ts';
import { type MailJob, queueMail, queueMailRows } from '../jobs/queue.ts';
import type { LiftEndReason, LiftProposedVia } from '../mail/templates/lifts.tsx';

/**
 * Lift notices, queued in the change's own transaction (so they exist iff the change commits). Every key names one
 * transition of one match for one recipient — `lift:<matchId>:<status>:<updatedAt ms>:<recipient>` — so a retried
 * job, or the same change seen twice, never sends twice; a later transition of the same match has a later stamp.
 * The templates (mail/templates/lifts.tsx) read the match again at send time and say what is true then.
 */

type Side = 'DRIVER' | 'RIDER';

/** A match with the two people on it. */
export interface LiftParty {
  match: Pick<LiftMatch, 'id' | 'status' | 'proposedBy' | 'updatedAt'>;
  driverId: string;
  riderId: string;
}

const userOf = (p: LiftParty, side: Side) => (side === 'DRIVER' ? p.driverId : p.riderId);
const otherSide = (side: Side): Side => (side === 'DRIVER' ? 'RIDER' : 'DRIVER');

export const liftMailKey = (m: LiftParty['match'], recipientId: string) =>
  `lift:${m.id}:${m.status}:${m.updatedAt.getTime()}:${recipientId}`;

/**
 * Queues many e-mails in one statement (a rally's "match everyone" proposes thousands of lifts), in send-mail batch
 * jobs as queueMailRows does.
 */
export async function queueMails(tx: Tx, jobs: MailJob[]): Promise<void> {
  if (jobs.length === 0) return;
  if (jobs.length === 1) return queueMail(tx, jobs[0]!);
  await queueMailRows(
    tx,
    Prisma.sql`SELECT x.key, x.template, x."userId"::uuid AS user_id, x.params
      FROM json_to_recordset(${JSON.stringify(jobs)}::json) AS x(key text, template text, "userId" text, params json)`,
  );
}

/**
 * New proposals: the side that must answer is told. A proposal Rallypoint made on the rider's behalf (an organiser's
 * "match everyone", or another car after a driver dropped out) is also told to the rider.
 */
export function proposedMails(parties: LiftParty[], via?: LiftProposedVia): MailJob[] {
  return parties.flatMap((p) => {
    const answering = otherSide(p.match.proposedBy);
    const to = via ? [answering, p.match.proposedBy] : [answering];
    return to.map((side) => {
      const userId = userOf(p, side);
      return { key: liftMailKey(p.match, userId), template: 'lift-proposed' as const, userId, params: { matchId: p.match.id, stamp: p.match.updatedAt.getTime(), ...(via ? { via } : {}) } };
    });
  });
}

export function notifyProposed(tx: Tx, parties: LiftParty[], via?: LiftProposedVia): Promise<void> {
  return queueMails(tx, proposedMails(parties, via));
}

/** The other side accepted: the proposer is told (with the full name and pickup details). */
export function notifyAccepted(tx: Tx, party: LiftParty): Promise<void> {
  const userId = userOf(party, party.match.proposedBy);
  return queueMails(tx, [{ key: liftMailKey(party.match, userId), template: 'lift-accepted', userId, params: { matchId: party.match.id } }]);
}

/**
 * The driver leaves at another time: each rider agreed on the way there is told their new pickup time. One e-mail per
 * change (a change back to an earlier time is news again); one still to go when the time changes again says nothing.
 */
export function notifyRetimed(tx: Tx, agreed: { matchId: string; riderId: string }[], departAt: Date): Promise<void> {
  const stamp = departAt.getTime();
  const change = randomUUID();
  return queueMails(
    tx,
    agreed.map(({ matchId, riderId }) => ({
      key: `lift-retimed:${matchId}:${change}:${riderId}`,
      template: 'lift-retimed' as const,
      userId: riderId,
      params: { matchId, stamp },
    })),
  );
}

/**
 * A rider agreed on the way there changed when they are ready: the driver is told (with the new pickup time), and each
 * other rider whose pickup moved with it (`moved`) is told theirs while it stands. One e-mail per change.
 */
export function notifyReadyChanged(
  tx: Tx,
  rider: { matchId: string; driverId: string; readyFrom: Date | null },
  moved: { matchId: string; riderId: string; pickupAt: Date }[],
): Promise<void> {
  const change = randomUUID();
  const ready = rider.readyFrom?.getTime() ?? null;
  const driver: MailJob<'lift-ready-changed'> = {
    key: `lift-ready:${rider.matchId}:${change}:${rider.driverId}`,
    template: 'lift-ready-changed',
    userId: rider.driverId,
    params: { matchId: rider.matchId, ready },
  };
  return queueMails(tx, [driver, ...retimedMails(moved, 'rider', change)] as MailJob[]);
}

/** Riders whose pickup moved because of another rider (`cause`): each told their new time while it stands. */
function retimedMails(moved: { matchId: string; riderId: string; pickupAt: Date }[], cause: 'rider' | 'joined', change: string): MailJob<'lift-retimed'>[] {
  return moved.map(({ matchId, riderId, pickupAt }) => ({
    key: `lift-retimed:${matchId}:${change}:${riderId}`,
    template: 'lift-retimed',
    userId: riderId,
    params: { matchId, stamp: pickupAt.getTime(), cause },
  }));
}

/** A rider joined the car on the way there: the agreed riders whose pickup moved are told their new time. */
export function notifyRiderJoined(tx: Tx, moved: { matchId: string; riderId: string; pickupAt: Date }[]): Promise<void> {
  return queueMails(tx, retimedMails(moved, 'joined', randomUUID()));
}

export interface Ending {
  /** The match as it was before this change (its proposal e-mail's key is derived from it). */
  before: LiftParty['match'];
  /** The match after it (DECLINED or CANCELLED). */
  party: LiftParty;
  to: Side;
  reason: LiftEndReason;
}

/**
 * A proposal declined, withdrawn or lapsed, or an agreed lift called off: the other side is told. Someone who only
 * heard of a proposal through its e-mail (they were asked) is told it lapsed only if that e-mail went out (`after`).
 */
export function notifyEnded(tx: Tx, eventId: string, endings: Ending[]): Promise<void> {
  return queueMails(
    tx,
    endings.map(({ before, party, to, reason }) => {
      const userId = userOf(party, to);
      const wasAsked = before.status === 'PROPOSED' && before.proposedBy !== to;
      return {
        key: liftMailKey(party.match, userId),
        template: 'lift-ended' as const,
        userId,
        params: {
          matchId: party.match.id,
          eventId,
          reason,
          agreed: before.status === 'ACCEPTED',
          ...(wasAsked ? { after: liftMailKey(before, userId) } : {}),
        },
      };
    }),
  );
}

/** The event is off: everyone with a live offer or request for it hears once that their lifts are cancelled. */
export function notifyLiftsClosed(
  tx: Tx,
  event: { id: string; updatedAt: Date },
  people: Map<string, { offered: boolean; asked: boolean }>,
): Promise<void> {
  return queueMails(
    tx,
    [...people].map(([userId, { offered, asked }]) => ({
      key: `lifts-closed:${event.id}:${event.updatedAt.getTime()}:${userId}`,
      template: 'lifts-closed' as const,
      userId,
      params: { eventId: event.id, offered, asked },
    })),
  );
}
