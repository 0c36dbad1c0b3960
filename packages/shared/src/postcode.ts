import { isValid, toNormalised, toOutcode, validOutcode } from 'postcode';

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

export function isPostcodeOrOutcode(input: string): boolean {
  return parsePlaceQuery(input) !== null;
}
