import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';
import type { MapEvent, MapSeat } from './documents.ts';

export const EMPTY_COLLECTION: FeatureCollection = { type: 'FeatureCollection', features: [] };

export function eventsToGeoJSON(events: readonly MapEvent[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: events.map(
      (e): Feature<Point> => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [e.location.lng, e.location.lat] },
        properties: { id: e.id, kind: e.kind, title: e.title },
      }),
    ),
  };
}

/**
 * Copies each seat's majority (and, when known, whether it is marginal) onto its boundary feature, joined on the
 * GSS code, for the marginality shading.
 */
export function withMarginality(
  boundaries: FeatureCollection<Geometry>,
  seats: readonly MapSeat[] | undefined,
): FeatureCollection<Geometry> {
  if (!seats || seats.length === 0) return boundaries;
  const byCode = new Map(seats.map((s) => [s.code, s]));
  return {
    type: 'FeatureCollection',
    features: boundaries.features.map((f) => {
      const code = f.properties?.code as string | undefined;
      const seat = code ? byCode.get(code) : undefined;
      if (!seat) return f;
      const extra = {
        ...(seat.isMarginal === undefined ? {} : { marginal: seat.isMarginal }),
        ...(seat.coverage === undefined ? {} : { coverage: seat.coverage, short: seat.coverage < 1 }),
      };
      return { ...f, properties: { ...f.properties, majorityPct: seat.majorityPct, ...extra } };
    }),
  };
}
