import { type OrganiserMessage, Prisma } from '@rallypoint/prisma';
import { formatDayTime, MESSAGE_LIMITS, type MessageAudience, organiserMessageSchema } from '@rallypoint/shared';
import type { Viewer } from '../context.ts';
import type { DbOrTx, Tx } from '../db/change.ts';
import { AuthenticationError, ForbiddenError, NotFoundError, parseWith, ValidationError } from '../errors.ts';
import { canManageEvent, isVisible } from '../events/access.ts';
import { lockEvent } from '../events/lock.ts';
import { addJob, queueMailRows } from '../jobs/queue.ts';
import { BOOKED_SQL } from '../rsvps/booked.ts';

/** The mail_log key of one recipient's copy is `organiser-message:<messageId>:<userId>` (see `fanOutMessage`). */
const keyPrefixOf = (messageId: string) => `organiser-message:${messageId}:`;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Live members (not cancelled, account not closed) in each audience of each event, in one statement. The organiser,
 * going to their own event, is on the sending side: never in an audience.
 */
export async function audienceCounts(db: DbOrTx, eventIds: readonly string[]): Promise<Map<string, Record<MessageAudience, number>>> {
  const rows = await db.$queryRaw<{ event_id: string; status: MessageAudience; n: number }[]>`
    SELECT r.event_id, r.status::text AS status, count(*)::int AS n
    FROM rsvps r JOIN users u ON u.id = r.user_id AND u.deleted_at IS NULL JOIN events e ON e.id = r.event_id
    WHERE r.event_id = ANY(${eventIds}::uuid[]) AND r.status IN ${BOOKED_SQL} AND r.user_id <> e.organiser_id
    GROUP BY r.event_id, r.status`;
  const counts = new Map(eventIds.map((id) => [id, { GOING: 0, WAITLISTED: 0 }]));
  for (const r of rows) counts.get(r.event_id)![r.status] = r.n;
  return counts;
}

/**
 * The limit on messages per event, counted in the database: run it holding the event's row lock, so parallel sends
 * (from any instance) are counted one after another and no more than the limit ever pass. Throws a ValidationError
 * that says when the next message may go.
 */
async function checkSendingLimit(tx: Tx, eventId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ created_at: Date; now: Date }[]>`
    SELECT m.created_at, now() AS now FROM organiser_messages m
    WHERE m.event_id = ${eventId}::uuid AND m.created_at > now() - interval '24 hours'
    ORDER BY m.created_at`;
  if (rows.length === 0) return;
  const now = rows[0]!.now.getTime();
  const sent = rows.map((r) => r.created_at.getTime());
  const lastHour = sent.filter((t) => t > now - HOUR_MS);
  // The next message may go when enough of those in the window have left it.
  const refuse = (inWindow: number[], limit: number, windowMs: number, what: string) => {
    const opensAt = new Date(inWindow[inWindow.length - limit]! + windowMs);
    throw ValidationError.field(
      [],
      `This event has had ${limit} messages ${what}, the most allowed. You can send the next one from ${formatDayTime(opensAt)} (UK time).`,
    );
  };
  if (lastHour.length >= MESSAGE_LIMITS.perHour) refuse(lastHour, MESSAGE_LIMITS.perHour, HOUR_MS, 'in the last hour');
  if (sent.length >= MESSAGE_LIMITS.perDay) refuse(sent, MESSAGE_LIMITS.perDay, DAY_MS, 'in the last 24 hours');
}

/**
 * An organiser's message to everyone going to (or waiting for) an event. Stored with its recipient count; a job
 * then queues one e-mail per recipient (see `fanOutMessage`), each addressed to that member alone. Nobody's address
 * is shown to anyone: not to the other recipients, not to the organiser.
 */
export async function messageAttendees(tx: Tx, viewer: Viewer | null, eventId: string, input: unknown): Promise<OrganiserMessage> {
  if (!viewer) throw new AuthenticationError('Sign in to message attendees');
  // Locked first: the messages already sent are counted one change at a time.
  const event = await lockEvent(tx, eventId);
  if (!event || !isVisible(viewer, event)) throw new NotFoundError('That event');
  if (!canManageEvent(viewer, event)) throw new ForbiddenError("Only the event's organisers can message its attendees");
  const data = parseWith(organiserMessageSchema, input, ['input']);
  const recipients = (await audienceCounts(tx, [eventId])).get(eventId)![data.audience];
  if (recipients === 0) {
    throw ValidationError.field(
      ['input', 'audience'],
      data.audience === 'GOING' ? 'Nobody is going yet: there is no one to send this to' : 'Nobody is on the waitlist: there is no one to send this to',
    );
  }
  await checkSendingLimit(tx, eventId);
  const message = await tx.organiserMessage.create({
    data: { eventId, senderId: viewer.id, audience: data.audience, subject: data.subject, body: data.body, recipients },
  });
  await addJob(tx, 'organiser-message', { messageId: message.id }, { key: `organiser-message:${message.id}` });
  return message;
}

/**
 * The fan-out job: one e-mail per member in the message's audience, queued in ONE statement however many they are
 * (queueMailRows), and the recipient count set to the number queued (those who joined or left in the moment since
 * it was written count as they are now). Run again, it queues the same keys: nothing is sent twice (mail_log).
 */
export async function fanOutMessage(db: DbOrTx, messageId: string): Promise<number> {
  return queueMailRows(
    db,
    Prisma.sql`
      SELECT 'organiser-message:' || m.id || ':' || r.user_id AS key, 'organiser-message' AS template, r.user_id,
        json_build_object('messageId', m.id) AS params
      FROM organiser_messages m
      JOIN rsvps r ON r.event_id = m.event_id AND r.status::text = m.audience::text
      JOIN users u ON u.id = r.user_id AND u.deleted_at IS NULL
      JOIN events e ON e.id = m.event_id
      WHERE m.id = ${messageId}::uuid AND r.user_id <> e.organiser_id`,
    { after: Prisma.sql`counted AS (UPDATE organiser_messages SET recipients = (SELECT coalesce(sum(n), 0) FROM batches) WHERE id = ${messageId}::uuid)` },
  );
}

/**
 * How long the e-mails of a message may still be on their way. The sender retries a failing e-mail with backoff for
 * a while; one that failed for good never reaches mail_log, so after this the ones unaccounted for are "failed", not
 * pending (and the organisers' page stops waiting for them).
 */
export const PENDING_FOR_MS = HOUR_MS;

/** What became of a message's e-mails, from mail_log. */
export interface MessageDelivery {
  sent: number;
  optedOut: number;
  bounced: number;
  /** Not sent: the member has not confirmed their address yet (organisers' messages wait for that). */
  unconfirmed: number;
  /** Not sent because it no longer applied: the member gave up their place or closed their account. */
  notApplicable: number;
  /** Not sent yet (only while the message is younger than PENDING_FOR_MS). */
  pending: number;
  /** Not delivered: the sending had not succeeded PENDING_FOR_MS after the message was sent. */
  failed: number;
}

/** The delivery counts of several messages, in one statement. */
export async function deliveryOf(
  db: DbOrTx,
  messages: readonly { id: string; recipients: number; createdAt: Date }[],
  now: Date = new Date(),
): Promise<Map<string, MessageDelivery>> {
  const result = new Map<string, MessageDelivery>();
  if (messages.length === 0) return result;
  // A LIKE on a constant prefix per message: a range scan of mail_log's primary key (under the C collation the
  // database is created with), whatever else mail_log holds.
  const prefixes = messages.map((m) => Prisma.sql`l.key LIKE ${`${keyPrefixOf(m.id)}%`}`);
  const rows = await db.$queryRaw<{ message_id: string; outcome: keyof MessageDelivery | 'sending'; n: number }[]>`
    SELECT split_part(l.key, ':', 2) AS message_id,
      CASE
        WHEN l.status = 'SENT' THEN 'sent'
        WHEN l.status = 'BOUNCED' OR (l.status = 'SKIPPED' AND l.subject = 'address bounced') THEN 'bounced'
        WHEN l.status = 'SKIPPED' AND l.subject LIKE 'opted out%' THEN 'optedOut'
        WHEN l.status = 'SKIPPED' AND l.subject = 'address not confirmed' THEN 'unconfirmed'
        WHEN l.status = 'SKIPPED' THEN 'notApplicable'
        ELSE 'sending'
      END AS outcome,
      count(*)::int AS n
    FROM mail_log l
    WHERE ${Prisma.join(prefixes, ' OR ')}
    GROUP BY 1, 2`;
  for (const m of messages) result.set(m.id, { sent: 0, optedOut: 0, bounced: 0, unconfirmed: 0, notApplicable: 0, pending: 0, failed: 0 });
  for (const r of rows) {
    const d = result.get(r.message_id);
    if (d && r.outcome !== 'sending' && r.outcome !== 'pending' && r.outcome !== 'failed') d[r.outcome] += r.n;
  }
  for (const m of messages) {
    const d = result.get(m.id)!;
    const rest = Math.max(0, m.recipients - d.sent - d.optedOut - d.bounced - d.unconfirmed - d.notApplicable);
    if (now.getTime() - m.createdAt.getTime() < PENDING_FOR_MS) d.pending = rest;
    else d.failed = rest;
  }
  return result;
}
