import { MAX_SEATS, plural, SEATS_STEP } from '@rallypoint/shared';
// Pure helpers for the "Nearest marginal" page.
import { zoomForRadius } from '../events/near.ts';

// The seat counts are shared with the server, which runs the page's first query itself (the API serves at most
// MAX_SEATS seats).
export { CANVASSES_PER_SEAT, FIRST_SEATS, MAX_SEATS, parseSeatCount, SEATS_STEP } from '@rallypoint/shared';

// Party codes in the 2024 results (see prisma/data/README.md); unknown codes are shown as they are.
const PARTY_NAMES: Record<string, string> = {
  Con: 'Conservative',
  Lab: 'Labour',
  LD: 'Liberal Democrat',
  RUK: 'Reform UK',
  Green: 'Green',
  SNP: 'SNP',
  PC: 'Plaid Cymru',
  DUP: 'DUP',
  SF: 'Sinn Féin',
  SDLP: 'SDLP',
  UUP: 'UUP',
  APNI: 'Alliance',
  TUV: 'TUV',
  Ind: 'Independent',
  Spk: 'Speaker',
  WPB: 'Workers Party',
  PBPA: 'People Before Profit',
};

export function partyName(code: string): string {
  return PARTY_NAMES[code] ?? code;
}

/** "1,625 votes (3.5%)"; tiny majorities say "under 0.1%" rather than "0.0%". */
export function formatMajority(majority: number, majorityPct: number): string {
  const votes = plural(majority, 'vote');
  const pct = majorityPct < 0.05 ? 'under 0.1%' : `${majorityPct.toFixed(1)}%`;
  return `${votes} (${pct})`;
}

export function nextSeatCount(current: number): number {
  return Math.min(MAX_SEATS, current + SEATS_STEP);
}


/** A zoom that shows the searched place and (about) the three nearest seats around it. */
export function zoomForSeats(distancesKm: readonly number[], latitude: number): number {
  const sorted = [...distancesKm].sort((a, b) => a - b);
  const reach = sorted[Math.min(2, sorted.length - 1)] ?? 25;
  return zoomForRadius(Math.max(10, reach * 1.15), latitude);
}

/** Nearest first (the API already orders them; ties keep their order). */
export function byDistance<T extends { distanceKm: number }>(seats: readonly T[]): T[] {
  return [...seats].sort((a, b) => a.distanceKm - b.distanceKm);
}

/** Every item once, by id, first occurrence kept. */
export function uniqueById<T extends { id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.id) && seen.add(i.id));
}

/** What the map highlights, in words (so colour is never the only cue). */
export function describeHighlights(nearest: string | null, selected: string | null): string {
  if (!nearest) return '';
  const parts = [`The nearest marginal seat, ${nearest}, has a thick purple outline.`];
  if (selected && selected !== nearest) parts.push(`The seat you selected, ${selected}, has a blue dashed outline.`);
  return parts.join(' ');
}

export function liftSeatsText(n: number): string {
  return n === 0 ? 'No lift seats offered yet' : `${plural(n, 'lift seat')} offered`;
}
