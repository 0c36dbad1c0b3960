// The default map: MapLibre GL with a basemap drawn from the bundled constituency polygons (no tiles, no token), or
// the deployment's own style (VITE_MAP_STYLE_URL) under the same layers.
import 'maplibre-gl/dist/maplibre-gl.css';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { Layer, Map as MapGl, Marker, NavigationControl, Source } from 'react-map-gl/maplibre';
import { loadConstituencyBoundaries } from './basemap.ts';
import { customStyleUrl, loadCustomStyle } from './custom-style.ts';
import { type MapFlavour, MapView } from './MapView.tsx';
import { offlineStyle } from './offline-style.ts';
import { OFFLINE_OVERLAY_LAYER_ID } from './style.ts';
import type { MapViewProps } from './types.ts';

maplibregl.setWorkerUrl(workerUrl);
// Start the workers now, not when the first map is created.
maplibregl.prewarm();
// Fetch the basemap polygons while the map initialises.
loadConstituencyBoundaries().catch(() => {});

const components = { Map: MapGl, Source, Layer, Marker, NavigationControl };
const styleUrl = customStyleUrl();
// A style that cannot be loaded leaves the offline basemap: a map to steer by beats none.
const customStyle = styleUrl
  ? await loadCustomStyle(styleUrl, maplibregl).catch((error: unknown) => {
      console.error(error);
      return null;
    })
  : null;

const MAPLIBRE: MapFlavour = customStyle
  ? { components, mapLib: maplibregl, mapStyle: customStyle, offline: false }
  : { components, mapLib: maplibregl, mapStyle: offlineStyle(), offline: true, seatLayersBefore: OFFLINE_OVERLAY_LAYER_ID };

export default function MapLibreMap(props: MapViewProps) {
  return <MapView flavour={MAPLIBRE} {...props} />;
}
