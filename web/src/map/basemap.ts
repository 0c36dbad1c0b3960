import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import topologyUrl from '../assets/constituencies-2024.topojson?url';

type Topology = Parameters<typeof feature>[0];

let cache: Promise<FeatureCollection<Geometry>> | null = null;

/** The 650 Westminster constituency polygons (bundled with the app: no third-party request). */
export function loadConstituencyBoundaries(): Promise<FeatureCollection<Geometry>> {
  cache ??= fetch(topologyUrl)
    .then((response) => {
      if (!response.ok) throw new Error(`Could not load the map (${response.status})`);
      return response.json() as Promise<Topology>;
    })
    // The object is a GeometryCollection, so `feature` returns a FeatureCollection.
    .then((topology) => feature(topology, 'constituencies') as unknown as FeatureCollection<Geometry>)
    .catch((error: unknown) => {
      cache = null;
      throw error;
    });
  return cache;
}
