import { isValidLatLng, type LatLng, round, snapToGrid } from './geo.ts';
import { isNorthernIrelandPostcode, parsePlaceQuery } from './postcode.ts';

// The search pages' place (`/near/<place>`, `/marginals/<place>`), read from their address alone: the web pages
// search from it, and the server runs the same searches for a page's first paint (first-queries.ts).

/**
 * What a search page's place segment says:
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

/** The search's place as the API takes it, when the segment alone says it (a seat is looked up first). */
export type PlaceInput = { postcode: string } | { location: LatLng };

export function placeInputOf(target: SearchTarget): PlaceInput | null {
  if (target.kind === 'postcode') return { postcode: target.postcode };
  if (target.kind === 'point') return { location: target.location };
  return null;
}
