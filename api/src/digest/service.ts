import { londonClock, startOfLondonDay } from '@rallypoint/shared';
import { Prisma } from '@rallypoint/prisma';
import type { DbOrTx } from '../db/change.ts';
import { queueMailRows } from '../jobs/queue.ts';

/** The digest lists public events this close to a member's home area (its public centre), nearest first. */
export const DIGEST_RADIUS_KM = 30;
/** At most this many events in one e-mail; the rest are a link to the search. */
export const DIGEST_MAX_EVENTS = 10;
/** However long since the last digest, it never reaches further back than this. */
const LONGEST_WINDOW_DAYS = 7;
/**
 * Each digest covers events published from (its previous run − SETTLE) to (this run − SETTLE): windows that follow
 * on exactly, shifted back so that an event published in a transaction still open when the digest runs (its
 * published_at is already past) falls in the next window instead of between two.
 */
const SETTLE_MS = 5 * 60_000;

export const DIGEST_TASK = 'digest';
/** A task payload: `at` (tests) or graphile-worker's cron timestamp; otherwise now. */
export interface DigestRun {
  at?: string;
  _cron?: { ts?: string };
}

/** "2026-12-07": the UK date of a moment, as digest keys carry it. */
export function londonDate(at: Date): string {
  const c = londonClock(at);
  return `${c.year}-${c.month}-${c.day}`;
}

/**
 * Queues today's digests, in one statement: one 'send-mail' each (key `digest:<userId>:<UK date>`) for members
 * who chose DAILY (or WEEKLY, on Mondays), have a home area and a verified address that has not bounced, and have
 * had none today. Each member's `digest_sent_at` moves to `at` in the same statement, when the e-mail is queued
 * rather than sent: the job's parameters fix the window it covers, so a retry says the same thing, the next digest
 * starts where this one ended, and running twice in a day queues nothing the second time. A digest with no events
 * in it is skipped when it is sent (see templates/digest.tsx). Returns how many were queued.
 */
export async function fanOutDigests(db: DbOrTx, at: Date = new Date()): Promise<number> {
  const day = londonDate(at);
  const monday = new Date(`${day}T12:00:00Z`).getUTCDay() === 1;
  const until = new Date(at.getTime() - SETTLE_MS);
  return queueMailRows(
    db,
    Prisma.sql`
      SELECT 'digest:' || sent.id || ':' || ${day}::text AS key, 'digest' AS template, sent.id AS user_id,
        json_build_object('since', sent.since, 'until', ${until}::timestamptz) AS params
      FROM sent`,
    {
      prelude: Prisma.sql`
    due AS (
      SELECT u.id, u.digest, u.digest_sent_at AS previous FROM users u
      WHERE (u.digest = 'DAILY' OR (u.digest = 'WEEKLY' AND ${monday}))
        AND u.home_lat IS NOT NULL AND u.home_lng IS NOT NULL
        AND u.email_verified_at IS NOT NULL AND u.mail_bounced_at IS NULL AND u.deleted_at IS NULL
        AND (u.digest_sent_at IS NULL OR u.digest_sent_at < ${startOfLondonDay(at)})
      FOR UPDATE OF u SKIP LOCKED
    ), sent AS (
      UPDATE users u SET digest_sent_at = ${at} FROM due WHERE u.id = due.id
      RETURNING u.id,
        GREATEST(
          COALESCE(due.previous, ${at}::timestamptz - CASE WHEN due.digest = 'WEEKLY' THEN interval '7 days' ELSE interval '1 day' END),
          ${at}::timestamptz - ${`${LONGEST_WINDOW_DAYS} days`}::interval
        ) - ${`${SETTLE_MS} milliseconds`}::interval AS since
    )`,
    },
  );
}

export interface DigestEvent {
  id: string;
  title: string;
  kind: string;
  startsAt: Date;
  endsAt: Date;
  /** Null when the address is for attendees only. */
  venueName: string | null;
  areaLabel: string;
  distanceKm: number;
}

export interface DigestContent {
  /** The member's home area label ("LS6"). */
  area: string;
  events: DigestEvent[];
  /** More new events near them than the e-mail lists. */
  more: boolean;
}

/**
 * What a member's digest lists: public, published, upcoming events published in (since, until] within
 * DIGEST_RADIUS_KM of their home area, nearest first — the same geo index and distance as the events search
 * (events/service.ts eventsNear), so never online events. Null without a home area.
 */
export async function digestFor(db: DbOrTx, userId: string, since: Date, until: Date, now: Date = new Date()): Promise<DigestContent | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { homeLabel: true, homeLat: true, homeLng: true } });
  if (!user || user.homeLat === null || user.homeLng === null) return null;
  const radiusM = DIGEST_RADIUS_KM * 1000;
  const here = Prisma.sql`rp_earth(${user.homeLat}, ${user.homeLng})`;
  const distance = Prisma.sql`earth_distance(rp_earth(e.lat, e.lng), ${here})`;
  const rows = await db.$queryRaw<(Omit<DigestEvent, 'distanceKm'> & { metres: number })[]>`
    SELECT e.id, e.title, e.kind::text AS kind, e.starts_at AS "startsAt", e.ends_at AS "endsAt",
      CASE WHEN e.address_visibility = 'PUBLIC' THEN e.venue_name END AS "venueName", e.area_label AS "areaLabel", ${distance} AS metres
    FROM events e
    WHERE e.status = 'PUBLISHED' AND e.visibility = 'PUBLIC' AND NOT e.online
      AND earth_box(${here}, ${radiusM}) @> rp_earth(e.lat, e.lng) AND ${distance} < ${radiusM}
      AND e.starts_at > ${now}
      AND COALESCE(e.published_at, e.created_at) > ${since} AND COALESCE(e.published_at, e.created_at) <= ${until}
    ORDER BY rp_earth(e.lat, e.lng) <-> ${here}, e.id
    LIMIT ${DIGEST_MAX_EVENTS + 1}`;
  return {
    area: user.homeLabel ?? 'your home area',
    events: rows.slice(0, DIGEST_MAX_EVENTS).map(({ metres, ...e }) => ({ ...e, distanceKm: metres / 1000 })),
    more: rows.length > DIGEST_MAX_EVENTS,
  };
}
