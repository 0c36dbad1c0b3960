import {
  distanceKm,
  isSpeakerSeat,
  type LatLng,
  NORTHERN_IRELAND_MESSAGE,
  type Place,
  type PlaceKind,
  parsePlaceQuery,
  SPEAKER_PARTY,
  snapToGrid,
} from '@rallypoint/shared';
import type { Viewer } from '../context.ts';
import type { DbOrTx } from '../db/change.ts';
import { AuthenticationError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { isRegionalOrganiser } from '../events/access.ts';

/** A place just given (searched for, or about to be stored): how it was given and its postcode district. */
export interface ResolvedPlace extends Place {
  kind: PlaceKind;
  /** The district it is in or nearest to ('' when there is none). */
  outcode: string;
}

/**
 * A postcode or outcode → the outcode's centroid (we hold outcode centroids only, which is also all the
 * precision a home area may keep). `path` is where a field error points.
 */
export async function resolvePlace(prisma: DbOrTx, query: string, path: string[] = ['postcode']): Promise<ResolvedPlace> {
  const parsed = parsePlaceQuery(query);
  if (!parsed) {
    throw ValidationError.field(path, 'Enter a valid UK postcode or outcode, like "LS6 1AN" or "LS6"');
  }
  if (parsed.outcode.startsWith('BT')) throw ValidationError.field(path, NORTHERN_IRELAND_MESSAGE);
  const outcode = await prisma.outcode.findUnique({ where: { code: parsed.outcode } });
  if (!outcode) throw ValidationError.field(path, `We don't know the postcode area ${parsed.outcode}`);
  return {
    label: parsed.kind === 'postcode' ? parsed.postcode : parsed.outcode,
    kind: parsed.kind === 'postcode' ? 'POSTCODE' : 'OUTCODE',
    outcode: outcode.code,
    lat: outcode.lat,
    lng: outcode.lng,
  };
}

/**
 * A map pin → its ~1 km square, labelled with the outcode nearest the square's centre: the label says no more about
 * where the pin was than the point does.
 */
export async function placeFromPoint(prisma: DbOrTx, point: LatLng): Promise<ResolvedPlace> {
  const snapped = snapToGrid(point);
  const outcode = await nearestOutcode(prisma, snapped);
  return { label: outcode ?? 'Map pin', kind: 'POINT', outcode: outcode ?? '', ...snapped };
}

/** "A postcode, else a map pin", as every search and every stored place takes it (the input schemas require one). */
export async function resolveOrigin(prisma: DbOrTx, input: { postcode?: string | null; location?: LatLng | null }): Promise<ResolvedPlace> {
  if (input.postcode) return resolvePlace(prisma, input.postcode);
  if (input.location) return placeFromPoint(prisma, input.location);
  throw ValidationError.field(['postcode'], 'Give a postcode, an outcode or a point');
}

/** The label a stored area (a home, where a lift starts) keeps: its district, never a full postcode. */
export const districtLabel = (place: ResolvedPlace): string => place.outcode || place.label;

/** How far a venue pin may be from its postcode district's centre without being among its nearest districts. */
const PIN_DISTRICT_KM = 10;
/** A seat's canvass meets inside it or at most this far beyond its boundary. */
const SEAT_SLACK_KM = 5;

/**
 * A venue's pin must agree with its postcode: within a few km of the district's centre, or at least among the
 * districts nearest the pin (large rural districts). Throws a field error on `location` otherwise.
 */
export async function checkPinInDistrict(prisma: DbOrTx, pin: LatLng, area: ResolvedPlace): Promise<void> {
  const km = distanceKm(pin, area);
  if (km <= PIN_DISTRICT_KM) return;
  const nearest = await prisma.$queryRaw<{ code: string }[]>`
    SELECT code FROM outcodes ORDER BY rp_earth(lat, lng) <-> rp_earth(${pin.lat}, ${pin.lng}) LIMIT 8`;
  if (nearest.some((r) => r.code === area.outcode)) return;
  throw ValidationError.field(
    ['location'],
    `The map pin is ${Math.round(km)} km from ${area.outcode}: move the pin to the venue or correct the postcode`,
  );
}

/** A seat an event is for must be where the event is. Returns the seat's region. */
export async function checkSeatAtVenue(prisma: DbOrTx, code: string, venue: LatLng): Promise<string> {
  const seat = await prisma.constituency.findUnique({ where: { code }, select: { name: true, lat: true, lng: true, reachKm: true, regionId: true } });
  if (!seat) throw ValidationError.field(['constituencyCode'], 'Unknown constituency code');
  const km = distanceKm(venue, seat);
  if (seat.reachKm !== null && km > seat.reachKm + SEAT_SLACK_KM) {
    throw ValidationError.field(
      ['constituencyCode'],
      `The venue is ${Math.round(km)} km from ${seat.name}: an event for a seat meets in it or close by`,
    );
  }
  return seat.regionId;
}

export async function nearestOutcode(prisma: DbOrTx, p: LatLng): Promise<string | null> {
  const rows = await prisma.$queryRaw<{ code: string }[]>`
    SELECT code FROM outcodes ORDER BY rp_earth(lat, lng) <-> rp_earth(${p.lat}, ${p.lng}) LIMIT 1`;
  return rows[0]?.code ?? null;
}

/** Farther than this from every district centre, a point is off the map we cover (the sea, abroad). */
const PLACE_AT_MAX_KM = 40;

export interface PlaceAtPoint {
  /** The nearest postcode district, or null when none is within reach. */
  outcode: string | null;
  /** The seat whose reference point is nearest, in the same nation as that district. */
  constituencyCode: string | null;
  distanceKm: number | null;
}

/** Where a map pin is, in words: its nearest postcode district and the nearest seat of the same nation. */
export async function placeAt(prisma: DbOrTx, p: LatLng): Promise<PlaceAtPoint> {
  const rows = await prisma.$queryRaw<{ outcode: string; metres: number; code: string | null }[]>`
    WITH o AS (
      SELECT code, country, earth_distance(rp_earth(lat, lng), rp_earth(${p.lat}, ${p.lng})) AS metres FROM outcodes
      ORDER BY rp_earth(lat, lng) <-> rp_earth(${p.lat}, ${p.lng}) LIMIT 1
    )
    SELECT o.code AS outcode, o.metres,
      (SELECT c.code FROM constituencies c WHERE c.nation = o.country
        ORDER BY rp_earth(c.lat, c.lng) <-> rp_earth(${p.lat}, ${p.lng}) LIMIT 1) AS code
    FROM o`;
  const row = rows[0];
  if (!row || row.metres / 1000 > PLACE_AT_MAX_KM) return { outcode: null, constituencyCode: null, distanceKm: null };
  return { outcode: row.outcode, constituencyCode: row.code, distanceKm: row.metres / 1000 };
}

/**
 * The region of the nearest constituency in the same nation as the nearest postcode district, so that
 * Islay routes to Scotland rather than to North Antrim across the water.
 */
export async function regionAt(prisma: DbOrTx, p: LatLng): Promise<string> {
  const rows = await prisma.$queryRaw<{ region_id: string }[]>`
    SELECT c.region_id FROM constituencies c
    WHERE c.nation = (SELECT o.country FROM outcodes o ORDER BY rp_earth(o.lat, o.lng) <-> rp_earth(${p.lat}, ${p.lng}) LIMIT 1)
    ORDER BY rp_earth(c.lat, c.lng) <-> rp_earth(${p.lat}, ${p.lng}) LIMIT 1`;
  const region = rows[0]?.region_id;
  if (!region) throw new Error('Places data is missing: run the seed');
  return region;
}

export interface NearbySeat {
  code: string;
  distanceKm: number;
}

/**
 * The k nearest marginal or target seats to a point, by the seats' reference points, through the GiST index
 * (ordered KNN scan with the marginality filter; the Speaker's seat is excluded).
 */
export async function nearestMarginals(prisma: DbOrTx, p: LatLng, thresholdPct: number, k: number): Promise<NearbySeat[]> {
  const rows = await prisma.$queryRaw<{ code: string; metres: number }[]>`
    SELECT c.code, earth_distance(rp_earth(c.lat, c.lng), rp_earth(${p.lat}, ${p.lng})) AS metres
    FROM constituencies c
    WHERE c.winner <> ${SPEAKER_PARTY}
      AND (c.majority_pct <= ${thresholdPct} OR EXISTS (SELECT 1 FROM target_seats t WHERE t.constituency_code = c.code))
    ORDER BY rp_earth(c.lat, c.lng) <-> rp_earth(${p.lat}, ${p.lng})
    LIMIT ${k}`;
  return rows.map((r) => ({ code: r.code, distanceKm: r.metres / 1000 }));
}

export async function setTargetSeat(prisma: DbOrTx, viewer: Viewer | null, code: string, flagged: boolean): Promise<string> {
  if (!viewer) throw new AuthenticationError();
  const seat = await prisma.constituency.findUnique({ where: { code } });
  if (!seat) throw new NotFoundError('That constituency');
  if (!isRegionalOrganiser(viewer, seat.regionId)) {
    throw new ForbiddenError('Only an organiser for this region can change its target seats');
  }
  if (flagged && isSpeakerSeat(seat)) {
    throw ValidationError.field(['code'], "The Speaker's seat is not contested by the parties and cannot be a target");
  }
  if (flagged) {
    await prisma.targetSeat.upsert({ where: { constituencyCode: code }, create: { constituencyCode: code, flaggedById: viewer.id }, update: {} });
  } else {
    await prisma.targetSeat.deleteMany({ where: { constituencyCode: code } });
  }
  return code;
}
