import { neutraliseCell } from '@rallypoint/shared';
import { stringify } from 'csv-stringify/sync';
import type { Viewer } from '../context.ts';
import type { DbOrTx, Tx } from '../db/change.ts';
import { AuthenticationError, ForbiddenError, NotFoundError } from '../errors.ts';
import { canManageEvent, isRegionalOrganiser, managedWhere } from '../events/access.ts';
import { findVisibleEvent } from '../events/service.ts';
import { BOOKED_SQL } from '../rsvps/booked.ts';

/** The columns of a people export, in order. */
export const EXPORT_COLUMNS = ['Event', 'Event starts', 'Shift', 'Name', 'Email', 'Status', 'Guests', 'Booked at', 'Attendance'] as const;

interface PersonRow {
  event_title: string;
  event_starts: Date;
  shift_starts: Date | null;
  shift_ends: Date | null;
  name: string;
  email: string | null;
  status: 'GOING' | 'WAITLISTED' | 'CANCELLED' | 'WALK_IN';
  guests: number;
  booked_at: Date;
  attendance: 'ATTENDED' | 'NO_SHOW' | null;
}

const STATUS_LABEL: Record<PersonRow['status'], string> = { GOING: 'going', WAITLISTED: 'waitlisted', CANCELLED: 'cancelled', WALK_IN: 'walk-in' };
const ATTENDANCE_LABEL = { ATTENDED: 'attended', NO_SHOW: 'no-show' } as const;

const UK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const ukParts = (d: Date) => Object.fromEntries(UK.formatToParts(d).map((p) => [p.type, p.value]));
/** UK time, as organisers read it (and spreadsheets sort it): "2026-12-05 10:00". */
const ukTime = (d: Date) => {
  const p = ukParts(d);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
};
const ukDay = (d: Date) => ukTime(d).slice(0, 10);
const ukClock = (d: Date) => ukTime(d).slice(11);

/**
 * The people of a set of events, one row per booking (per shift for events with shifts), members marked at check-in
 * who have since cancelled, and walk-ins. Closed accounts are left out.
 */
async function peopleOf(db: DbOrTx, eventIds: readonly string[]): Promise<PersonRow[]> {
  return db.$queryRaw<PersonRow[]>`
    SELECT e.title AS event_title, e.starts_at AS event_starts, s.starts_at AS shift_starts, s.ends_at AS shift_ends,
      u.first_name || ' ' || u.last_name AS name, u.email, r.status::text AS status, r.guests, r.created_at AS booked_at,
      a.status::text AS attendance
    FROM rsvps r
    JOIN events e ON e.id = r.event_id
    JOIN users u ON u.id = r.user_id AND u.deleted_at IS NULL
    LEFT JOIN event_shifts s ON s.id = r.shift_id
    LEFT JOIN attendances a ON a.event_id = r.event_id AND a.user_id = r.user_id AND NOT a.walk_in
    WHERE r.event_id = ANY(${eventIds}::uuid[]) AND (r.status IN ${BOOKED_SQL} OR a.status IS NOT NULL)
    UNION ALL
    SELECT e.title, e.starts_at, NULL, NULL, a.walk_in_name, a.walk_in_email, 'WALK_IN', 0, a.created_at, a.status::text
    FROM attendances a JOIN events e ON e.id = a.event_id
    WHERE a.event_id = ANY(${eventIds}::uuid[]) AND a.walk_in
    ORDER BY 2, 1, 3 NULLS FIRST, 5, 9`;
}

/** The CSV text of `rows`: a header, UK times, every cell neutralised against formula injection. */
export function toCsv(rows: readonly PersonRow[]): string {
  const cells = rows.map((r) => [
    r.event_title,
    ukTime(r.event_starts),
    r.shift_starts && r.shift_ends ? `${ukTime(r.shift_starts)}–${ukClock(r.shift_ends)}` : '',
    r.name,
    r.email ?? '',
    STATUS_LABEL[r.status],
    String(r.guests),
    ukTime(r.booked_at),
    r.attendance ? ATTENDANCE_LABEL[r.attendance] : '',
  ]);
  // A BOM, so spreadsheet programs read the file as UTF-8; CRLF line ends (RFC 4180).
  return stringify([[...EXPORT_COLUMNS], ...cells].map((row) => row.map(neutraliseCell)), { bom: true, record_delimiter: 'windows' });
}

export interface PeopleExport {
  filename: string;
  csv: string;
  rowCount: number;
}

const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'export';

/** Builds the CSV of a set of events and logs the export (who, when, what, how many rows) in the same change. */
async function exportPeople(tx: Tx, viewer: Viewer, scope: 'EVENT' | 'CAMPAIGN', scopeId: string, label: string, eventIds: string[]): Promise<PeopleExport> {
  const rows = await peopleOf(tx, eventIds);
  await tx.exportLog.create({ data: { userId: viewer.id, scope, scopeId, label, rowCount: rows.length } });
  const day = ukDay(new Date());
  return { filename: `${slug(label)}-people-${day}.csv`, csv: toCsv(rows), rowCount: rows.length };
}

/** An event's people as CSV: for the people running it only (anyone else gets the typed refusal; nothing is logged). */
export async function exportEventPeople(tx: Tx, viewer: Viewer | null, eventId: string): Promise<PeopleExport> {
  if (!viewer) throw new AuthenticationError('Sign in to export people');
  const event = await findVisibleEvent(tx, viewer, eventId);
  if (!canManageEvent(viewer, event)) throw new ForbiddenError("Only the event's hosts and organisers can export its people");
  return exportPeople(tx, viewer, 'EVENT', event.id, event.title, [event.id]);
}

/** A campaign's people (every event in it) as CSV: for its region's organisers and admins only. */
export async function exportCampaignPeople(tx: Tx, viewer: Viewer | null, campaignId: string): Promise<PeopleExport> {
  if (!viewer) throw new AuthenticationError('Sign in to export people');
  const campaign = await tx.campaign.findUnique({ where: { id: campaignId } });
  if (!campaign) throw new NotFoundError('That campaign');
  if (!isRegionalOrganiser(viewer, campaign.regionId)) throw new ForbiddenError("Only the campaign region's organisers can export its people");
  const events = await tx.event.findMany({ where: { campaignId, AND: [managedWhere(viewer)] }, select: { id: true } });
  return exportPeople(
    tx,
    viewer,
    'CAMPAIGN',
    campaign.id,
    campaign.name,
    events.map((e) => e.id),
  );
}
