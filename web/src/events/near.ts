import { type BoundingBox, DEFAULT_RADIUS_KM, LIMITS, type NearFilters } from '@rallypoint/shared';

// The filters' meaning is shared with the server, which runs the page's first queries itself.
export {
  DEFAULT_RADIUS_KM,
  type EventFormat,
  type NearFilters,
  PAGE_SIZE,
  parseNearFilters,
  venueOnly,
} from '@rallypoint/shared';

export const RADIUS_OPTIONS_KM = [5, 10, 25, 50, 100] as const;

export function nearFiltersToParams(filters: NearFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.radiusKm !== DEFAULT_RADIUS_KM) params.set('radius', String(filters.radiusKm));
  if (filters.kinds.length > 0) params.set('kinds', filters.kinds.join(','));
  if (filters.sort !== 'TIME') params.set('sort', filters.sort);
  if (filters.format !== 'ALL') params.set('where', filters.format === 'ONLINE' ? 'online' : 'in-person');
  if (filters.access.length > 0) params.set('access', filters.access.join(','));
  if (filters.hasLiftSeats) params.set('lifts', '1');
  if (filters.hideFull) params.set('hidefull', '1');
  return params;
}

/** Fewer events than this (and no further page) and the page offers a wider search. */
export const FEW_RESULTS = 3;

/** The next radius offered beyond `radiusKm`, or null at the widest. */
export function widerRadius(radiusKm: number): number | null {
  return RADIUS_OPTIONS_KM.find((r) => r > radiusKm && r <= LIMITS.radiusKmMax) ?? null;
}

/** "Only 1 event within 5 km —" with the radius to widen to, when few were found and a wider search is possible. */
export function widenPrompt(found: number, more: boolean, radiusKm: number): { text: string; radiusKm: number } | null {
  const wider = widerRadius(radiusKm);
  if (more || found >= FEW_RESULTS || wider === null) return null;
  const text = found === 0 ? `No events within ${radiusKm} km —` : `Only ${found === 1 ? '1 event' : `${found} events`} within ${radiusKm} km —`;
  return { text, radiusKm: wider };
}

/** A web-mercator zoom level that shows roughly `radiusKm` around the centre on a ~400 px wide map. */
export function zoomForRadius(radiusKm: number, latitude = 54): number {
  const metresPerPixelAtZoom0 = 156_543.03 * Math.cos((latitude * Math.PI) / 180);
  const wantedMetresPerPixel = (radiusKm * 2 * 1000) / 400;
  const zoom = Math.log2(metresPerPixelAtZoom0 / wantedMetresPerPixel);
  return Math.max(4, Math.min(15, Math.round(zoom * 2) / 2));
}

/** Rounds a viewport outwards to ~100 m so small pans reuse cached results. */
export function roundBox(box: BoundingBox): BoundingBox {
  const down = (v: number) => Math.floor(v * 1000) / 1000;
  const up = (v: number) => Math.ceil(v * 1000) / 1000;
  return {
    west: Math.max(-180, down(box.west)),
    south: Math.max(-90, down(box.south)),
    east: Math.min(180, up(box.east)),
    north: Math.min(90, up(box.north)),
  };
}
