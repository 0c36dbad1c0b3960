import type { PlaceInput } from './search-target.ts';

// The "nearest marginal seats" page's query, from its address (see near-search.ts).

export const FIRST_SEATS = 5;
export const SEATS_STEP = 5;
export const MAX_SEATS = 20;
export const CANVASSES_PER_SEAT = 5;

/** The seat count asked for in the URL (`?seats=10`), within 1…MAX_SEATS. */
export function parseSeatCount(value: string | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= MAX_SEATS ? n : FIRST_SEATS;
}

export function nearestMarginalsVariables(place: PlaceInput, first: number) {
  return { input: { ...place, first }, canvasses: CANVASSES_PER_SEAT };
}
