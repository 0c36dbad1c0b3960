import { EVENT_KINDS, type EventKind, VENUE_ACCESS, type VenueAccess } from './enums.ts';
import { LIMITS } from './limits.ts';
import type { PlaceInput } from './search-target.ts';

// The "events near" page's filters and queries, from its address: the page builds its variables with these, and
// the server runs the same queries for the page's first paint (first-queries.ts).

export const DEFAULT_RADIUS_KM = 25;
export const PAGE_SIZE = 20;

export type NearSort = 'DISTANCE' | 'TIME';
/** In person (near the place, on the map), online (soonest first), or both lists. */
export type EventFormat = 'ALL' | 'IN_PERSON' | 'ONLINE';

export interface NearFilters {
  radiusKm: number;
  kinds: EventKind[];
  sort: NearSort;
  format: EventFormat;
  access: VenueAccess[];
  hasLiftSeats: boolean;
  hideFull: boolean;
}

/** Filters only a venue can meet (online events have no venue and no lifts). */
export const venueOnly = (f: NearFilters) => f.access.length > 0 || f.hasLiftSeats;

/** A page's query string (a URLSearchParams). */
export interface QueryParams {
  get(name: string): string | null;
}

/** Reads the filters of the "events near" page from its query string, ignoring anything unknown. */
export function parseNearFilters(params: QueryParams): NearFilters {
  const radius = Number(params.get('radius'));
  const radiusKm = Number.isFinite(radius) && radius > 0 && radius <= LIMITS.radiusKmMax ? radius : DEFAULT_RADIUS_KM;
  const kinds = (params.get('kinds') ?? '').split(',').filter((k): k is EventKind => (EVENT_KINDS as readonly string[]).includes(k));
  // Soonest first unless asked: nearest first alone would mix far-off dates in between the next few days'.
  const sort: NearSort = params.get('sort') === 'DISTANCE' ? 'DISTANCE' : 'TIME';
  const where = params.get('where');
  const format: EventFormat = where === 'online' ? 'ONLINE' : where === 'in-person' ? 'IN_PERSON' : 'ALL';
  const access = (params.get('access') ?? '').split(',').filter((a): a is VenueAccess => (VENUE_ACCESS as readonly string[]).includes(a));
  return {
    radiusKm,
    kinds: [...new Set(kinds)],
    sort,
    format,
    access: VENUE_ACCESS.filter((a) => access.includes(a)),
    hasLiftSeats: params.get('lifts') === '1',
    hideFull: params.get('hidefull') === '1',
  };
}

/** The `eventsNear` input for a place and filters. */
export function eventsNearInput(place: PlaceInput, f: Omit<NearFilters, 'format'>) {
  return {
    ...place,
    radiusKm: f.radiusKm,
    kinds: f.kinds.length > 0 ? f.kinds : null,
    sort: f.sort,
    access: f.access.length > 0 ? f.access : null,
    hasLiftSeats: f.hasLiftSeats || null,
    hideFull: f.hideFull || null,
  };
}

/** The `onlineEvents` input: online events are not anywhere, so only the kinds and "hide full" apply. */
export function onlineEventsInput(f: Pick<NearFilters, 'kinds' | 'hideFull'>) {
  return { kinds: f.kinds.length > 0 ? f.kinds : null, hideFull: f.hideFull || null };
}
