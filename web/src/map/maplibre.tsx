// The default map: MapLibre GL with a basemap drawn from the bundled constituency polygons (no tiles, no token).
import 'maplibre-gl/dist/maplibre-gl.css';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { Layer, Map as MapGl, Marker, NavigationControl, Source } from 'react-map-gl/maplibre';
import { loadConstituencyBoundaries } from './basemap.ts';
import { type MapFlavour, MapView } from './MapView.tsx';
import { OFFLINE_STYLE } from './style.ts';
import type { MapViewProps } from './types.ts';

maplibregl.setWorkerUrl(workerUrl);
// Start the workers now, not when the first map is created.
maplibregl.prewarm();
// Fetch the basemap polygons while the map initialises.
loadConstituencyBoundaries().catch(() => {});

const MAPLIBRE: MapFlavour = {
  components: { Map: MapGl, Source, Layer, Marker, NavigationControl },
  mapLib: maplibregl,
  mapStyle: OFFLINE_STYLE,
  offline: true,
};

export default function MapLibreMap(props: MapViewProps) {
  return <MapView flavour={MAPLIBRE} {...props} />;
}
