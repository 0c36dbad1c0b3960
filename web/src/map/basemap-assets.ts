// Builds the offline basemap's derived assets from the constituency topology: the land (all seats merged, so the
// coastline reads) and one label point per seat. Run `pnpm --filter @rallypoint/web run basemap:assets` after the
// boundaries change; src/map/basemap-assets.test.ts fails while the committed files are stale.
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import polylabel from 'polylabel';
import { feature, merge } from 'topojson-client';

type Topology = Parameters<typeof merge>[0];
type Seat = Feature<Polygon | MultiPolygon, { code: string; name: string; nation: string }>;

/** ~10 m: more than enough at the basemap's zooms, and half the bytes. */
const round = (n: number) => Math.round(n * 1e4) / 1e4;
const roundRing = (ring: Position[]) => ring.map(([x, y]) => [round(x!), round(y!)]);

/** Every seat merged into one MultiPolygon: Great Britain's and Northern Ireland's land and islands. */
export function landFromTopology(topology: Topology): FeatureCollection<MultiPolygon> {
  const object = topology.objects.constituencies as unknown as { geometries: Parameters<typeof merge>[1] };
  const land = merge(topology, object.geometries);
  return {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: land.coordinates.map((p) => p.map(roundRing)) } }],
  };
}

// Planar area of a ring (shoelace), enough to pick a seat's largest part.
function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j]![0]! + ring[i]![0]!) * (ring[j]![1]! - ring[i]![1]!);
  return Math.abs(sum / 2);
}

/**
 * The point of each seat farthest inside its largest part (polylabel, "pole of inaccessibility"), where its name is
 * drawn. Longitudes are scaled by cos(latitude) first, so "farthest" is measured on the ground, not in degrees.
 */
export function seatLabelPoints(topology: Topology): FeatureCollection<Point, { code: string; name: string }> {
  const seats = feature(topology, topology.objects.constituencies!) as unknown as FeatureCollection<Seat['geometry'], Seat['properties']>;
  return {
    type: 'FeatureCollection',
    features: seats.features.map((seat) => {
      const parts = seat.geometry.type === 'Polygon' ? [seat.geometry.coordinates] : seat.geometry.coordinates;
      const largest = parts.reduce((best, p) => (ringArea(p[0]!) > ringArea(best[0]!) ? p : best));
      const k = Math.cos(((largest[0]![0]![1] ?? 54) * Math.PI) / 180);
      const [x, y] = polylabel(largest.map((ring) => ring.map(([lng, lat]) => [lng! * k, lat!])), 0.002);
      return {
        type: 'Feature',
        properties: { code: seat.properties.code, name: seat.properties.name },
        geometry: { type: 'Point', coordinates: [round(x! / k), round(y!)] },
      };
    }),
  };
}
