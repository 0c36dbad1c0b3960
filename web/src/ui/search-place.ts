import { isNorthernIrelandPostcode, isValidLatLng, type LatLng, parsePlaceQuery, round, snapToGrid } from '@rallypoint/shared';

/**
 * What a search page's place segment (`/near/<place>`, `/marginals/<place>`) says:
 * - a postcode or outcode: `LS61AN`, `LS6`;
 * - a point, already snapped to its ~1 km square: `@53.806,-1.553`;
 * - a seat by its ONS code: `E14001320`;
 * - anything else is a place name still to be chosen among its matches ("Leeds").
 */
export type SearchTarget =
  | { kind: 'postcode'; postcode: string; outcode: string; full: boolean }
  | { kind: 'point'; location: LatLng }
  | { kind: 'seat'; code: string }
  | { kind: 'northern-ireland'; text: string }
  | { kind: 'name'; text: string }
  | { kind: 'invalid'; text: string };

export const SEAT_CODE = /^[ENSW]\d{8}$/;
const POINT = /^@(-?\d{1,2}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)$/;
/** Longest place name searched for (the API's limit). */
export const PLACE_TEXT_MAX = 100;

/**
 * A position as it may leave the device: the centre of its ~1 km grid square (the API's own grid), to 3 decimal
 * places. Every position in one square gives the same answer, so nothing finer than the square is ever sent.
 */
export function snapLocation(p: LatLng): LatLng {
  const centre = snapToGrid(p);
  return { lat: round(centre.lat, 3), lng: round(centre.lng, 3) };
}

/** The URL segment for a point: snapped here too, so no caller can put a finer position in a link. */
export function pointSegment(p: LatLng): string {
  const s = snapLocation(p);
  return `@${s.lat},${s.lng}`;
}

export function parseSearchTarget(raw: string): SearchTarget {
  const text = raw.trim().replace(/\s+/g, ' ');
  const point = POINT.exec(text);
  if (point) {
    const location = { lat: Number(point[1]), lng: Number(point[2]) };
    // Snapped again: a hand-made link with a finer position is never sent as it is.
    return isValidLatLng(location) ? { kind: 'point', location: snapLocation(location) } : { kind: 'invalid', text };
  }
  if (SEAT_CODE.test(text.toUpperCase())) return { kind: 'seat', code: text.toUpperCase() };
  if (isNorthernIrelandPostcode(text)) return { kind: 'northern-ireland', text };
  const parsed = parsePlaceQuery(text);
  if (parsed) {
    return parsed.kind === 'postcode'
      ? { kind: 'postcode', postcode: parsed.postcode, outcode: parsed.outcode, full: true }
      : { kind: 'postcode', postcode: parsed.outcode, outcode: parsed.outcode, full: false };
  }
  if (text.length === 0 || text.length > PLACE_TEXT_MAX || !/\p{L}/u.test(text)) return { kind: 'invalid', text };
  return { kind: 'name', text };
}

/** Where a search for `segment` goes: `/near/LS61AN?radius=10`. */
export function searchPath(basePath: string, segment: string, search = ''): string {
  const safe = encodeURIComponent(segment.replace(/ /g, '')).replace(/^%40/, '@').replace(/%2C/g, ',');
  return `${basePath}/${safe}${search}`;
}

/** A place name's URL segment keeps its spaces (as %20), unlike a postcode's. */
export function namePath(basePath: string, text: string, search = ''): string {
  return `${basePath}/${encodeURIComponent(text.trim().replace(/\s+/g, ' '))}${search}`;
}

/**
 * Says where distances are measured from. We hold postcode districts' centres only, so a full postcode is
 * measured from its district's middle, and the page says so.
 */
export function distanceNote(target: SearchTarget, seatName: string | null, nearestDistrict: string | null): string | null {
  switch (target.kind) {
    case 'postcode':
      return target.full
        ? `Distances are from the middle of ${target.outcode}, not from ${target.postcode} itself: we only know where postcode districts are.`
        : `Distances are from the middle of ${target.outcode}.`;
    case 'seat':
      return seatName ? `Distances are from a central point of ${seatName}.` : null;
    case 'point':
      return `Distances are from a point${nearestDistrict ? ` near ${nearestDistrict}` : ''}, rounded to about 1 km.`;
    default:
      return null;
  }
}

/** How place-name matching folds text (as the API does): lower case, no accents or punctuation. */
export const foldName = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * A typed name's place, without asking the searcher to choose: the one whose name is exactly what was typed, else
 * the only match. Null when there are several (the searcher chooses) or none.
 */
export function bestMatch<S extends { label: string }>(text: string, suggestions: readonly S[]): S | null {
  const q = foldName(text);
  return suggestions.find((s) => foldName(s.label) === q) ?? (suggestions.length === 1 ? (suggestions[0] ?? null) : null);
}

/** What to say when the browser gives no position (GeolocationPositionError codes). */
export function locationErrorMessage(code: number): string {
  switch (code) {
    case 1:
      return 'Your browser was not allowed to share your location. Allow it for this site in the browser’s settings, or search by postcode or place name.';
    case 3:
      return 'Finding your location took too long. Try again, or search by postcode or place name.';
    default:
      return 'Your location could not be found just now. Try again, or search by postcode or place name.';
  }
}

export const NO_GEOLOCATION_MESSAGE = 'This browser cannot share your location. Search by postcode or place name instead.';
