import { isValid, toNormalised, toOutcode, validOutcode } from 'postcode';
import type { PlaceKind } from './enums.ts';
import type { LatLng } from './geo.ts';

/**
 * A place as the app shows it: a searched-for postcode, outcode or pin, a member's home area or where a lift
 * starts. `kind` says how it was given; a stored area keeps only its label and point, so its kind is null.
 */
export interface Place extends LatLng {
  kind: PlaceKind | null;
  label: string;
}

export type PlaceQuery =
  | { kind: 'postcode'; postcode: string; outcode: string }
  | { kind: 'outcode'; outcode: string };

/**
 * Parses what a person types in a "postcode" box: a full postcode ("sw1a 1aa") or an outcode ("LS6").
 * Format only — whether the outcode exists is for the places data to say.
 */
export function parsePlaceQuery(input: string): PlaceQuery | null {
  const text = input.trim().replace(/\s+/g, ' ').toUpperCase();
  if (text.length === 0 || text.length > 10) return null;
  if (isValid(text)) {
    const postcode = toNormalised(text);
    const outcode = toOutcode(text);
    if (postcode && outcode) return { kind: 'postcode', postcode, outcode };
  }
  const compact = text.replace(/ /g, '');
  if (validOutcode(compact)) return { kind: 'outcode', outcode: compact };
  return null;
}

/** Northern Ireland postcodes (BT…): the bundled postcode districts cover Great Britain only. */
export const isNorthernIrelandPostcode = (input: string): boolean => {
  const parsed = parsePlaceQuery(input);
  return parsed?.outcode.startsWith('BT') === true;
};

export const NORTHERN_IRELAND_MESSAGE =
  'Northern Ireland postcodes are not covered yet: we have no openly licensed postcode data for them. ' +
  'Search by constituency name instead (like "Belfast South and Mid Down"), or use your location';
