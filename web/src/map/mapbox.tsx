// Used only when VITE_MAPBOX_TOKEN is set: Mapbox GL with Mapbox Streets under the same layers.
import 'mapbox-gl/dist/mapbox-gl.css';
import * as ReactMapbox from 'react-map-gl/mapbox';
import type * as ReactMapLibre from 'react-map-gl/maplibre';
import { type MapFlavour, MapView } from './MapView.tsx';
import type { MapViewProps } from './types.ts';

// Both entry points of react-map-gl expose the same components; the view is typed against the MapLibre flavour.
const components = ReactMapbox as unknown as typeof ReactMapLibre;

const MAPBOX: MapFlavour = {
  components: {
    Map: components.Map,
    Source: components.Source,
    Layer: components.Layer,
    Marker: components.Marker,
    NavigationControl: components.NavigationControl,
  },
  mapStyle: 'mapbox://styles/mapbox/streets-v12',
  offline: false,
  extraProps: { mapboxAccessToken: import.meta.env.VITE_MAPBOX_TOKEN },
};

export default function MapboxMap(props: MapViewProps) {
  return <MapView flavour={MAPBOX} {...props} />;
}
