import type { Campaign } from '@rallypoint/prisma';
import { type LatLng, liftSeatsAvailable, neutraliseCell, placesLeft, rankNeededShifts, seatCoverage, seatShortfall } from '@rallypoint/shared';
import { stringify } from 'csv-stringify/sync';
import type { Viewer } from '../context.ts';
import type { DbOrTx } from '../db/change.ts';
import { AuthenticationError, ForbiddenError, NotFoundError } from '../errors.ts';
import { isRegionalOrganiser } from '../events/access.ts';

/**
 * One target seat of a campaign. Counted over the campaign's published, in-person events in the seat within its window:
 * every shift (an event without shifts is one), their places (null: some have no limit), members going (one member on
 * one shift = one volunteer-shift), people checked in as attended, lift seats asked for and offered, and people whose
 * request no car has taken yet.
 */
export interface SeatCoverageRow {
  code: string;
  name: string;
  lat: number;
  lng: number;
  majorityPct: number;
  goal: number;
  shifts: number;
  places: number | null;
  signUps: number;
  checkIns: number;
  liftSeatsWanted: number;
  liftSeatsOffered: number;
  ridersUnmatched: number;
}

export interface SeatCoverage extends SeatCoverageRow {
  shortfall: number;
  coverage: number;
}

export interface CoverageBoard {
  campaign: Campaign;
  seats: SeatCoverage[];
}

/** The campaign's board figures, every seat in one query. */
export async function coverageRows(db: DbOrTx, campaignId: string): Promise<SeatCoverageRow[]> {
  return db.$queryRaw<SeatCoverageRow[]>`
    WITH c AS (SELECT id, starts_at, ends_at FROM campaigns WHERE id = ${campaignId}::uuid),
    ev AS (
      SELECT e.id, e.constituency_code AS code, e.capacity
      FROM events e JOIN c ON e.campaign_id = c.id
      WHERE e.status = 'PUBLISHED' AND NOT e.online AND e.constituency_code IS NOT NULL
        AND e.starts_at >= c.starts_at AND e.ends_at <= c.ends_at
    ),
    slots AS (
      SELECT ev.code, s.capacity FROM ev JOIN event_shifts s ON s.event_id = ev.id
      UNION ALL
      SELECT ev.code, ev.capacity FROM ev WHERE NOT EXISTS (SELECT 1 FROM event_shifts s WHERE s.event_id = ev.id)
    ),
    slot_totals AS (
      SELECT code, count(*)::int AS shifts, CASE WHEN bool_or(capacity IS NULL) THEN NULL ELSE sum(capacity)::int END AS places
      FROM slots GROUP BY code
    ),
    bookings AS (
      SELECT ev.code, count(*)::int AS sign_ups FROM rsvps r JOIN ev ON ev.id = r.event_id WHERE r.status = 'GOING' GROUP BY ev.code
    ),
    came AS (
      SELECT ev.code, count(*)::int AS check_ins FROM attendances a JOIN ev ON ev.id = a.event_id WHERE a.status = 'ATTENDED' GROUP BY ev.code
    ),
    asked AS (
      SELECT ev.code, sum(q.seats)::int AS wanted, (sum(q.seats) FILTER (WHERE q.status = 'OPEN'))::int AS unmatched
      FROM lift_requests q JOIN ev ON ev.id = q.event_id WHERE q.status IN ('OPEN', 'MATCHED') GROUP BY ev.code
    ),
    offered AS (
      SELECT ev.code, sum(o.seats)::int AS offered FROM lift_offers o JOIN ev ON ev.id = o.event_id WHERE o.status = 'OPEN' GROUP BY ev.code
    )
    SELECT k.code, k.name, k.lat, k.lng, k.majority_pct AS "majorityPct", cs.goal,
      coalesce(st.shifts, 0) AS shifts, CASE WHEN st.code IS NULL THEN 0 ELSE st.places END AS places,
      coalesce(b.sign_ups, 0) AS "signUps", coalesce(ca.check_ins, 0) AS "checkIns",
      coalesce(a.wanted, 0) AS "liftSeatsWanted", coalesce(o.offered, 0) AS "liftSeatsOffered", coalesce(a.unmatched, 0) AS "ridersUnmatched"
    FROM campaign_seats cs
    JOIN constituencies k ON k.code = cs.constituency_code
    LEFT JOIN slot_totals st ON st.code = cs.constituency_code
    LEFT JOIN bookings b ON b.code = cs.constituency_code
    LEFT JOIN came ca ON ca.code = cs.constituency_code
    LEFT JOIN asked a ON a.code = cs.constituency_code
    LEFT JOIN offered o ON o.code = cs.constituency_code
    WHERE cs.campaign_id = ${campaignId}::uuid
    ORDER BY k.name, k.code`;
}

const withShortfall = (row: SeatCoverageRow): SeatCoverage => ({ ...row, shortfall: seatShortfall(row), coverage: seatCoverage(row) });

/** A campaign's board: for organisers of its region and admins only. */
export async function coverageBoard(db: DbOrTx, viewer: Viewer | null, campaignId: string): Promise<CoverageBoard> {
  const campaign = await boardCampaign(db, viewer, campaignId);
  return { campaign, seats: (await coverageRows(db, campaign.id)).map(withShortfall) };
}

/** The campaign whose board the viewer may see, or the typed refusal. */
export async function boardCampaign(db: DbOrTx, viewer: Viewer | null, campaignId: string): Promise<Campaign> {
  if (!viewer) throw new AuthenticationError('Sign in to see the coverage board');
  const campaign = await db.campaign.findUnique({ where: { id: campaignId } });
  if (!campaign) throw new NotFoundError('That campaign');
  if (!isRegionalOrganiser(viewer, campaign.regionId)) throw new ForbiddenError("Only the campaign region's organisers can see its coverage board");
  return campaign;
}

export const COVERAGE_COLUMNS = [
  'Seat',
  'Code',
  'Goal (volunteer-shifts)',
  'Sign-ups',
  'Shortfall',
  'Coverage %',
  'Shifts planned',
  'Places',
  'Check-ins',
  'Lift seats wanted',
  'Lift seats offered',
  'Riders unmatched',
] as const;

/** The board as CSV, written as the people exports are (BOM, CRLF, formula cells neutralised). */
export function coverageCsv(seats: readonly SeatCoverage[]): string {
  const rows = seats.map((s) =>
    [
      s.name,
      s.code,
      s.goal,
      s.signUps,
      s.shortfall,
      Math.round(s.coverage * 100),
      s.shifts,
      s.places ?? 'no limit',
      s.checkIns,
      s.liftSeatsWanted,
      s.liftSeatsOffered,
      s.ridersUnmatched,
    ].map(String),
  );
  return stringify([[...COVERAGE_COLUMNS], ...rows].map((row) => row.map(neutraliseCell)), { bom: true, record_delimiter: 'windows' });
}

// --------------------------------------------------------------------------------------- where am I needed?

interface OpenShiftRow {
  eventId: string;
  shiftId: string | null;
  title: string;
  kind: string;
  areaLabel: string;
  startsAt: Date;
  endsAt: Date;
  lat: number;
  lng: number;
  code: string;
  placesLeft: number | null;
  liftSeatsAvailable: number;
}

export interface NeededShift extends OpenShiftRow {
  seatName: string;
  seatGoal: number;
  stillNeeded: number;
  distanceKm: number;
  needsLift: boolean;
}

/** Shifts still to come of a campaign's public, in-person events in its target seats, with places and free car seats. */
async function openShifts(db: DbOrTx, campaignId: string): Promise<OpenShiftRow[]> {
  // The shift's capacity and count where it has shifts, else the event's; the open cars' seats. The shared rules count them.
  const rows = await db.$queryRaw<(Omit<OpenShiftRow, 'placesLeft' | 'liftSeatsAvailable'> & RawNumbers)[]>`
    SELECT e.id AS "eventId", s.id AS "shiftId", e.title, e.kind::text AS kind, e.area_label AS "areaLabel",
      coalesce(s.starts_at, e.starts_at) AS "startsAt", coalesce(s.ends_at, e.ends_at) AS "endsAt", e.lat, e.lng,
      e.constituency_code AS code,
      CASE WHEN s.id IS NULL THEN e.capacity ELSE s.capacity END AS capacity,
      CASE WHEN s.id IS NULL THEN e.going_count ELSE s.going_count END AS "goingCount",
      coalesce((SELECT json_agg(json_build_object('seats', o.seats, 'seatsTaken', o.seats_taken)) FROM lift_offers o
        WHERE o.event_id = e.id AND o.status = 'OPEN'), '[]') AS "openOffers"
    FROM events e
    JOIN campaigns c ON c.id = e.campaign_id
    JOIN campaign_seats cs ON cs.campaign_id = c.id AND cs.constituency_code = e.constituency_code
    LEFT JOIN event_shifts s ON s.event_id = e.id
    WHERE c.id = ${campaignId}::uuid AND e.status = 'PUBLISHED' AND e.visibility = 'PUBLIC' AND NOT e.online
      AND e.starts_at >= c.starts_at AND e.ends_at <= c.ends_at
      AND coalesce(s.starts_at, e.starts_at) > now()`;
  return rows.map(({ capacity, goingCount, openOffers, ...row }) => ({
    ...row,
    placesLeft: placesLeft({ capacity, goingCount }),
    liftSeatsAvailable: liftSeatsAvailable(openOffers),
  }));
}

interface RawNumbers {
  capacity: number | null;
  goingCount: number;
  openOffers: { seats: number; seatsTaken: number }[];
}

/** The most shifts "Where am I needed?" lists. */
export const NEEDED_LIMIT = 20;

/**
 * "Where am I needed?": the campaign's shifts within `maxKm` of the member, ranked by the share of their seat's goal
 * still missing and by distance (the shared `rankNeededShifts`). Without a car (`ownReachKm`), farther shifts only
 * where a car has a free seat.
 */
export async function neededShifts(
  db: DbOrTx,
  viewer: Viewer | null,
  campaignId: string,
  origin: LatLng,
  maxKm: number,
  ownReachKm: number | null,
): Promise<NeededShift[]> {
  if (!viewer) throw new AuthenticationError('Sign in to see where you are needed');
  const campaign = await db.campaign.findUnique({ where: { id: campaignId }, select: { id: true } });
  if (!campaign) throw new NotFoundError('That campaign');
  const [seats, shifts] = await Promise.all([coverageRows(db, campaignId), openShifts(db, campaignId)]);
  const bySeat = new Map(seats.map((s) => [s.code, s]));
  const inputs = shifts.map((s) => {
    const seat = bySeat.get(s.code)!;
    return {
      ...s,
      id: s.shiftId ?? s.eventId,
      startsAtMs: s.startsAt.getTime(),
      location: { lat: s.lat, lng: s.lng },
      seatGoal: seat.goal,
      seatShortfall: seatShortfall(seat),
      seatName: seat.name,
    };
  });
  const ranked = rankNeededShifts(inputs, origin, { maxKm, ownReachKm: ownReachKm ?? undefined });
  return ranked.slice(0, NEEDED_LIMIT).map((r) => {
    const { id: _id, startsAtMs: _ms, location: _l, seatShortfall: stillNeeded, ...rest } = r.shift;
    return { ...rest, stillNeeded, distanceKm: r.distanceKm, needsLift: r.needsLift };
  });
}
