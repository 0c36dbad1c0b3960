import {
  boundingBoxSchema,
  boxFilterSchema,
  createEventSchema,
  discoverySchema,
  type EventData,
  type InPersonEventData,
  type LatLng,
  onlineDiscoverySchema,
  type OnlineEventData,
  parsePlaceQuery,
  snapToGrid,
  updateEventSchema,
  VENUE_ACCESS_FIELDS,
  type VenueAccess,
} from '@rallypoint/shared';
import { type Event, Prisma } from '@rallypoint/prisma';
import type { Viewer } from '../context.ts';
import type { DbOrTx, Tx } from '../db/change.ts';
import { AuthenticationError, ForbiddenError, isUuid, NotFoundError, parseWith, ValidationError } from '../errors.ts';
import { announce, eventChanged } from '../outbox/outbox.ts';
import { checkPinInDistrict, checkSeatAtVenue, type ResolvedPlace, regionAt, resolveOrigin, resolvePlace } from '../places/service.ts';
import { closeLiftsOf } from '../lifts/service.ts';
import { requireVerified } from '../accounts/verified.ts';
import { afterEventEdited, afterEventPublished, afterEventTakenOff } from '../rsvps/notices.ts';
import { creatorGoing, promoteWaitlist } from '../rsvps/service.ts';
import { canEditEvent, canManageEvent, isRegionalOrganiser, isVisible } from './access.ts';
import { lockEvent } from './lock.ts';
import { checkCampaignFit, publishesDirectly, submitForApproval } from '../campaigns/approval.ts';
import { createSeries, saveShifts, type ShiftInputValue, shiftsOf } from '../shifts/service.ts';

/** The shifts and repeat rule of an event's input (see shifts/service.ts). */
const shiftsAndRepeat = (input: unknown) => input as { shifts?: ShiftInputValue[] | null; repeat?: string | null };

export async function findVisibleEvent(db: DbOrTx, viewer: Viewer | null, id: string): Promise<Event> {
  const event = await db.event.findUnique({ where: { id } });
  if (!event || !isVisible(viewer, event)) throw new NotFoundError('That event');
  return event;
}

/** An event the signed-in viewer can see and may change this way, or the typed refusal. */
async function eventAllowed(
  db: DbOrTx,
  viewer: Viewer | null,
  id: string,
  allowed: (viewer: Viewer, event: Event) => boolean,
  refusal: string,
): Promise<Event> {
  if (!viewer) throw new AuthenticationError();
  const event = await findVisibleEvent(db, viewer, id);
  if (!allowed(viewer, event)) throw new ForbiddenError(refusal);
  return event;
}

const editableEvent = (db: DbOrTx, viewer: Viewer | null, id: string) =>
  eventAllowed(db, viewer, id, canEditEvent, 'Only the organiser can change this event');

const managedEvent = (db: DbOrTx, viewer: Viewer | null, id: string, what: string) =>
  eventAllowed(db, viewer, id, canManageEvent, `Only the organiser or a regional organiser can ${what}`);

/**
 * Back to draft or cancelled: its lifts are called off too (drivers and riders told), its reminders dropped, and on
 * cancelling everyone booked is e-mailed.
 */
async function takeOff(tx: Tx, id: string, status: 'DRAFT' | 'CANCELLED'): Promise<Event> {
  const updated = await tx.event.update({ where: { id }, data: { status } });
  await closeLiftsOf(tx, id);
  await afterEventTakenOff(tx, id, status);
  await eventChanged(tx, id);
  return updated;
}

/** An event's columns from validated input, in person or online. */
function placeEvent(db: DbOrTx, viewer: Viewer, data: EventData) {
  return data.online ? placeOnline(db, data) : placeVenue(db, viewer, data);
}

/** The columns an online and an in-person event fill alike. */
function sharedColumns(data: EventData, regionId: string) {
  return {
    kind: data.kind,
    title: data.title,
    description: data.description,
    startsAt: data.startsAt,
    endsAt: data.endsAt,
    regionId,
    constituencyCode: data.constituencyCode ?? null,
    capacity: data.capacity ?? null,
    visibility: data.visibility,
  };
}

/**
 * An online event has no venue. It belongs to a region (its seat's, when it is for a seat), and keeps a reference
 * point there (the seat's or the region's centre) that is never shown on a map or searched by distance.
 */
async function placeOnline(db: DbOrTx, data: OnlineEventData) {
  let regionId: string;
  let point: LatLng;
  if (data.constituencyCode) {
    const seat = await db.constituency.findUnique({ where: { code: data.constituencyCode }, select: { regionId: true, lat: true, lng: true } });
    if (!seat) throw ValidationError.field(['constituencyCode'], 'Unknown constituency code');
    if (data.regionId && data.regionId !== seat.regionId) throw ValidationError.field(['regionId'], 'That seat is in another region');
    regionId = seat.regionId;
    point = seat;
  } else {
    const [centre] = await db.$queryRaw<{ lat: number | null; lng: number | null }[]>`
      SELECT avg(lat) AS lat, avg(lng) AS lng FROM constituencies WHERE region_id = ${data.regionId}`;
    if (centre?.lat == null || centre.lng == null) throw ValidationError.field(['regionId'], 'Unknown region');
    regionId = data.regionId!;
    point = { lat: centre.lat, lng: centre.lng };
  }
  return {
    ...sharedColumns(data, regionId),
    venueName: 'Online',
    address: '',
    postcode: null,
    areaLabel: 'Online',
    exactLat: point.lat,
    exactLng: point.lng,
    lat: point.lat,
    lng: point.lng,
    addressVisibility: 'PUBLIC' as const,
    online: true,
    joinUrl: data.joinUrl,
    stepFree: false,
    accessibleToilet: false,
    hearingLoop: false,
    quietSpace: false,
  };
}

/**
 * Turns validated input into columns: where the venue is, what others may see of it, which region runs it. The pin,
 * the postcode and the seat must agree, so the region (and who may publish a rally there) follows the real place.
 */
async function placeVenue(db: DbOrTx, viewer: Viewer, data: InPersonEventData) {
  const area = await resolvePlace(db, data.postcode, ['postcode']);
  if (data.location) await checkPinInDistrict(db, data.location, area);
  const exact: LatLng = data.location ?? { lat: area.lat, lng: area.lng };
  const regionId = data.constituencyCode ? await checkSeatAtVenue(db, data.constituencyCode, exact) : await regionAt(db, exact);
  if (data.kind === 'RALLY' && !isRegionalOrganiser(viewer, regionId)) {
    throw ValidationError.field(['kind'], 'Only an organiser for this region can publish a rally');
  }
  const shown = data.addressVisibility === 'ATTENDEES' ? snapToGrid(exact) : exact;
  const parsed = parsePlaceQuery(data.postcode);
  return {
    ...sharedColumns(data, regionId),
    venueName: data.venueName,
    address: data.address,
    postcode: parsed?.kind === 'postcode' ? parsed.postcode : null,
    areaLabel: area.outcode,
    exactLat: exact.lat,
    exactLng: exact.lng,
    lat: shown.lat,
    lng: shown.lng,
    addressVisibility: data.addressVisibility,
    online: false,
    joinUrl: null,
    stepFree: data.stepFree,
    accessibleToilet: data.accessibleToilet,
    hearingLoop: data.hearingLoop,
    quietSpace: data.quietSpace,
  };
}

/**
 * A public event just went live: members watching for new events near it are told (its public location only). An
 * online event is near nowhere.
 */
export async function announcePublished(tx: Tx, event: Event): Promise<void> {
  if (event.status === 'PUBLISHED' && event.visibility === 'PUBLIC' && !event.online) {
    await announce(tx, { topic: 'event:published', payload: { eventId: event.id, lat: event.lat, lng: event.lng } });
  }
}

export async function createEvent(tx: Tx, viewer: Viewer | null, input: unknown, publish: boolean): Promise<Event> {
  if (!viewer) throw new AuthenticationError('Sign in to create an event');
  if (publish) await requireVerified(tx, viewer, 'publish events');
  const data = parseWith(createEventSchema(), input);
  const columns = await placeEvent(tx, viewer, data);
  const event = await tx.event.create({
    data: { ...columns, organiserId: viewer.id, status: publish ? 'PUBLISHED' : 'DRAFT', publishedAt: publish ? new Date() : null },
  });
  const { shifts, repeat } = shiftsAndRepeat(input);
  await saveShifts(tx, event, shifts);
  const dates = repeat ? await createSeries(tx, event, repeat) : [event.id];
  // The creator is going: to every date of a series (see creatorGoing; with shifts they host instead).
  await creatorGoing(tx, dates, viewer.id);
  await announcePublished(tx, event);
  if (publish) await afterEventPublished(tx, event);
  return tx.event.findUniqueOrThrow({ where: { id: event.id } });
}

export async function updateEvent(tx: Tx, viewer: Viewer | null, id: string, input: unknown): Promise<Event> {
  // Locked first: places taken and the waitlist cannot move while the capacity changes.
  const locked = await lockEvent(tx, id);
  const current = await editableEvent(tx, viewer, id);
  if (!locked) throw new NotFoundError('That event');
  if (current.status === 'CANCELLED') throw ValidationError.field([], 'A cancelled event cannot be edited');
  const data = parseWith(updateEventSchema(current), input);
  const columns = await placeEvent(tx, viewer!, data);
  if (current.campaignId) await checkCampaignFit(tx, current.campaignId, columns);
  if (columns.capacity !== null && columns.capacity < locked.goingCount) {
    throw ValidationError.field(['capacity'], `${locked.goingCount} places are already taken; capacity cannot go below that`);
  }
  await tx.event.update({ where: { id }, data: columns });
  // Nobody drives to an online event.
  if (columns.online && !current.online) await closeLiftsOf(tx, id);
  if (columns.capacity === null || locked.capacity === null || columns.capacity > locked.capacity) {
    await promoteWaitlist(tx, { ...locked, capacity: columns.capacity });
  }
  const { shifts, repeat } = shiftsAndRepeat(input);
  if (repeat) throw ValidationError.field(['repeat'], 'A series is set when the event is created; edit each occurrence on its own');
  const shiftsBefore = await shiftsOf(tx, id);
  await saveShifts(tx, await tx.event.findUniqueOrThrow({ where: { id } }), shifts);
  await eventChanged(tx, id);
  const updated = await tx.event.findUniqueOrThrow({ where: { id } });
  // Reminders follow a moved start; people booked hear of a new time or place, or of their shift's new time.
  await afterEventEdited(tx, current, updated, { before: shiftsBefore, after: await shiftsOf(tx, id) });
  return updated;
}

export async function publishEvent(tx: Tx, viewer: Viewer | null, id: string): Promise<Event> {
  const event = await editableEvent(tx, viewer, id);
  await requireVerified(tx, viewer, 'publish events');
  if (event.status === 'CANCELLED') throw ValidationError.field([], 'A cancelled event cannot be published again');
  if (event.kind === 'RALLY' && !isRegionalOrganiser(viewer, event.regionId)) {
    throw new ForbiddenError('Only an organiser for this region can publish a rally');
  }
  if (event.endsAt.getTime() <= Date.now()) throw ValidationError.field([], 'This event is already over');
  if (event.status === 'PUBLISHED') return event;
  // In a campaign, a host its region's organisers have not trusted yet waits for their approval.
  if (event.campaignId && !(await publishesDirectly(tx, viewer!, event.campaignId))) return submitForApproval(tx, id);
  // Published now: new to the members' digests (digest/service.ts), whenever the draft was made.
  const published = await tx.event.update({ where: { id }, data: { status: 'PUBLISHED', publishedAt: new Date() } });
  await eventChanged(tx, id);
  await announcePublished(tx, published);
  await afterEventPublished(tx, published);
  return published;
}

/** Back to draft: hidden from everyone but its organisers, and its lifts are called off (drivers and riders told). */
export async function unpublishEvent(tx: Tx, viewer: Viewer | null, id: string): Promise<Event> {
  const event = await managedEvent(tx, viewer, id, 'unpublish');
  if (event.status !== 'PUBLISHED') throw ValidationError.field([], 'Only a published event can be unpublished');
  return takeOff(tx, id, 'DRAFT');
}

export async function cancelEvent(tx: Tx, viewer: Viewer | null, id: string): Promise<Event> {
  const event = await managedEvent(tx, viewer, id, 'cancel');
  if (event.status === 'CANCELLED') return event;
  return cancelEventRow(tx, id);
}

/** Cancels an event the caller may cancel: its lifts are called off too. */
export const cancelEventRow = (tx: Tx, id: string): Promise<Event> => takeOff(tx, id, 'CANCELLED');

// ---------------------------------------------------------------------------------------------- discovery

export interface SearchHit {
  id: string;
  distanceKm: number;
  cursor: string;
}

export interface SearchResult {
  origin: ResolvedPlace;
  hits: SearchHit[];
  hasNextPage: boolean;
}

interface Cursor {
  m?: number;
  t?: string;
  id: string;
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

function decodeCursor(value: string, sort: 'DISTANCE' | 'TIME'): Cursor {
  try {
    const c = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Cursor;
    const okId = isUuid(c.id);
    if (okId && sort === 'DISTANCE' && typeof c.m === 'number' && Number.isFinite(c.m)) return c;
    if (okId && sort === 'TIME' && typeof c.t === 'string' && !Number.isNaN(Date.parse(c.t))) return c;
  } catch {
    // fall through
  }
  throw ValidationError.field(['after'], 'That page cursor is not valid for this search');
}

const ACCESS_COLUMNS: Record<VenueAccess, Prisma.Sql> = Object.fromEntries(
  Object.entries(VENUE_ACCESS_FIELDS).map(([access, field]) => [access, Prisma.raw(`e.${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`)]),
) as Record<VenueAccess, Prisma.Sql>;

/** Every access feature asked for; open lift offers with a seat free; places left (or no limit). */
function venueFilters(q: { access?: readonly VenueAccess[] | null; hasLiftSeats?: boolean | null; hideFull?: boolean | null }): Prisma.Sql[] {
  const filters = (q.access ?? []).map((a) => Prisma.sql`${ACCESS_COLUMNS[a]}`);
  if (q.hasLiftSeats) {
    filters.push(Prisma.sql`EXISTS (SELECT 1 FROM lift_offers o WHERE o.event_id = e.id AND o.status = 'OPEN' AND o.seats_taken < o.seats)`);
  }
  if (q.hideFull) filters.push(Prisma.sql`(e.capacity IS NULL OR e.going_count < e.capacity)`);
  return filters;
}

/**
 * Published, public events within a radius of a place: the GiST index on rp_earth(lat, lng) does the work. Online
 * events are nowhere, so never here (see onlineEvents).
 */
export async function eventsNear(prisma: DbOrTx, input: unknown, after?: string | null): Promise<SearchResult> {
  const q = parseWith(discoverySchema, input);
  const origin = await resolveOrigin(prisma, q);
  const cursor = after ? decodeCursor(after, q.sort) : null;
  const radiusM = q.radiusKm * 1000;
  const from = q.from ?? new Date();
  const here = Prisma.sql`rp_earth(${origin.lat}, ${origin.lng})`;
  const distance = Prisma.sql`earth_distance(rp_earth(e.lat, e.lng), ${here})`;
  const filters: Prisma.Sql[] = [
    Prisma.sql`e.status = 'PUBLISHED' AND e.visibility = 'PUBLIC'`,
    Prisma.sql`earth_box(${here}, ${radiusM}) @> rp_earth(e.lat, e.lng)`,
    Prisma.sql`${distance} < ${radiusM}`,
    Prisma.sql`e.ends_at > ${from}`,
    Prisma.sql`NOT e.online`,
    ...venueFilters(q),
  ];
  if (q.to) filters.push(Prisma.sql`e.starts_at < ${q.to}`);
  if (q.kinds?.length) filters.push(Prisma.sql`e.kind::text IN (${Prisma.join(q.kinds)})`);
  if (q.text) {
    const like = `%${q.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    filters.push(Prisma.sql`(e.title ILIKE ${like} OR e.description ILIKE ${like} OR (e.address_visibility = 'PUBLIC' AND e.venue_name ILIKE ${like}))`);
  }
  let order: Prisma.Sql;
  if (q.sort === 'DISTANCE') {
    if (cursor) filters.push(Prisma.sql`(${distance}, e.id) > (${cursor.m!}::float8, ${cursor.id}::uuid)`);
    // Nearest-first straight from the GiST index (KNN on the 3-D point; same order as the great-circle distance),
    // so the scan stops after one page instead of sorting every event in the circle.
    order = Prisma.sql`ORDER BY rp_earth(e.lat, e.lng) <-> ${here}, e.id`;
  } else {
    if (cursor) filters.push(Prisma.sql`(e.starts_at, e.id) > (${new Date(cursor.t!)}, ${cursor.id}::uuid)`);
    order = Prisma.sql`ORDER BY e.starts_at, e.id`;
  }
  const rows = await prisma.$queryRaw<{ id: string; metres: number; starts_at: Date }[]>`
    SELECT e.id, ${distance} AS metres, e.starts_at FROM events e
    WHERE ${Prisma.join(filters, ' AND ')} ${order} LIMIT ${q.first + 1}`;
  const page = rows.slice(0, q.first);
  return {
    origin,
    hasNextPage: rows.length > q.first,
    hits: page.map((r) => ({
      id: r.id,
      distanceKm: r.metres / 1000,
      cursor: encodeCursor(q.sort === 'DISTANCE' ? { m: r.metres, id: r.id } : { t: r.starts_at.toISOString(), id: r.id }),
    })),
  };
}

export const MAX_BOX_EVENTS = 1000;

/** Events whose shown position is inside a map viewport, soonest first, at most MAX_BOX_EVENTS. */
export async function eventsInBox(
  prisma: DbOrTx,
  boxInput: unknown,
  filterInput: { from?: unknown; to?: unknown; kinds?: unknown; access?: unknown; hasLiftSeats?: unknown; hideFull?: unknown },
): Promise<string[]> {
  const box = parseWith(boundingBoxSchema, boxInput, ['box']);
  const { from, to, kinds, access, hasLiftSeats, hideFull } = filterInput;
  const filter = parseWith(boxFilterSchema, { from, to, kinds, access, hasLiftSeats, hideFull });
  // A cube query needs a circle: take the one around the box, then trim to the box itself.
  const centre = { lat: (box.south + box.north) / 2, lng: (box.west + box.east) / 2 };
  const here = Prisma.sql`rp_earth(${centre.lat}, ${centre.lng})`;
  const corners = [
    [box.north, box.east],
    [box.north, box.west],
    [box.south, box.east],
    [box.south, box.west],
  ].map(([lat, lng]) => Prisma.sql`earth_distance(${here}, rp_earth(${lat}, ${lng}))`);
  const filters: Prisma.Sql[] = [
    Prisma.sql`e.status = 'PUBLISHED' AND e.visibility = 'PUBLIC'`,
    Prisma.sql`earth_box(${here}, GREATEST(${Prisma.join(corners)}) + 1000) @> rp_earth(e.lat, e.lng)`,
    Prisma.sql`e.lat BETWEEN ${box.south} AND ${box.north} AND e.lng BETWEEN ${box.west} AND ${box.east}`,
    Prisma.sql`e.ends_at > ${filter.from ?? new Date()}`,
    Prisma.sql`NOT e.online`,
    ...venueFilters(filter),
  ];
  if (filter.to) filters.push(Prisma.sql`e.starts_at < ${filter.to}`);
  if (filter.kinds?.length) filters.push(Prisma.sql`e.kind::text IN (${Prisma.join(filter.kinds)})`);
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT e.id FROM events e WHERE ${Prisma.join(filters, ' AND ')}
    ORDER BY e.starts_at, e.id LIMIT ${MAX_BOX_EVENTS}`;
  return rows.map((r) => r.id);
}

export interface OnlineResult {
  hits: { id: string; cursor: string }[];
  hasNextPage: boolean;
}

/** Published, public online events, soonest first: not ranked by distance, since anyone can join from anywhere. */
export async function onlineEvents(prisma: DbOrTx, input: unknown, after?: string | null): Promise<OnlineResult> {
  const q = parseWith(onlineDiscoverySchema, input);
  const cursor = after ? decodeCursor(after, 'TIME') : null;
  const filters: Prisma.Sql[] = [
    Prisma.sql`e.status = 'PUBLISHED' AND e.visibility = 'PUBLIC' AND e.online`,
    Prisma.sql`e.ends_at > ${q.from ?? new Date()}`,
    ...venueFilters({ hideFull: q.hideFull }),
  ];
  if (q.to) filters.push(Prisma.sql`e.starts_at < ${q.to}`);
  if (q.regionId) filters.push(Prisma.sql`e.region_id = ${q.regionId}`);
  if (q.kinds?.length) filters.push(Prisma.sql`e.kind::text IN (${Prisma.join(q.kinds)})`);
  if (q.text) {
    const like = `%${q.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    filters.push(Prisma.sql`(e.title ILIKE ${like} OR e.description ILIKE ${like})`);
  }
  if (cursor) filters.push(Prisma.sql`(e.starts_at, e.id) > (${new Date(cursor.t!)}, ${cursor.id}::uuid)`);
  const rows = await prisma.$queryRaw<{ id: string; starts_at: Date }[]>`
    SELECT e.id, e.starts_at FROM events e WHERE ${Prisma.join(filters, ' AND ')}
    ORDER BY e.starts_at, e.id LIMIT ${q.first + 1}`;
  return {
    hasNextPage: rows.length > q.first,
    hits: rows.slice(0, q.first).map((r) => ({ id: r.id, cursor: encodeCursor({ t: r.starts_at.toISOString(), id: r.id }) })),
  };
}
