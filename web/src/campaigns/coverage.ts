/** The columns of the coverage table a user can sort by. */
export const COVERAGE_SORT_KEYS = ['name', 'goal', 'signUps', 'shortfall', 'coverage', 'shifts', 'places', 'checkIns', 'liftSeatsWanted', 'ridersUnmatched'] as const;
export type CoverageSortKey = (typeof COVERAGE_SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';

export interface CoverageSort {
  key: CoverageSortKey;
  direction: SortDirection;
}

type Sortable = { code: string; name: string } & Record<Exclude<CoverageSortKey, 'name' | 'places'>, number> & { places: number | null };

/** Seats in the table's order: by the chosen column (no limit on places counts as most), then by name and code. */
export function sortSeats<T extends Sortable>(seats: readonly T[], sort: CoverageSort): T[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const value = (s: T) => (sort.key === 'places' ? (s.places ?? Number.POSITIVE_INFINITY) : s[sort.key]);
  return [...seats].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    const primary = typeof va === 'string' && typeof vb === 'string' ? va.localeCompare(vb, 'en-GB') : (va as number) - (vb as number);
    return sign * primary || a.name.localeCompare(b.name, 'en-GB') || a.code.localeCompare(b.code);
  });
}

/** Clicking a header: the same column flips direction; a new one starts where it is most useful (numbers: biggest first). */
export function nextSort(current: CoverageSort, key: CoverageSortKey): CoverageSort {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: key === 'name' || key === 'coverage' ? 'ascending' : 'descending' };
}

/** "12 of 20 (60%)". */
export function coverageLabel(seat: { signUps: number; goal: number; coverage: number }): string {
  return `${seat.signUps} of ${seat.goal} (${Math.round(seat.coverage * 100)}%)`;
}
