import { type LatLng, type SearchTarget, snapLocation } from '@rallypoint/shared';

// The place segment's meaning is shared with the server, which runs a search page's first queries itself.
export { PLACE_TEXT_MAX, parseSearchTarget, SEAT_CODE, type SearchTarget, snapLocation } from '@rallypoint/shared';

/** The URL segment for a point: snapped here too, so no caller can put a finer position in a link. */
export function pointSegment(p: LatLng): string {
  const s = snapLocation(p);
  return `@${s.lat},${s.lng}`;
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
