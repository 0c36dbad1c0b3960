// The offline basemap (no tiles, no token, no third-party request): sea, land with its coastline, and seat names.
// Everything it loads is bundled with the app and fetched only with the map.
import interLatinExt from '@fontsource/inter/files/inter-latin-ext-600-normal.woff2?url';
import interLatin from '@fontsource/inter/files/inter-latin-600-normal.woff2?url';
import type { StyleSpecification } from 'maplibre-gl';
import landUrl from '../assets/land.geojson?url';
import seatLabelsUrl from '../assets/seat-labels.geojson?url';
import { BASEMAP_COLOURS, COLOURS, OFFLINE_OVERLAY_LAYER_ID, SEAT_LABEL_LAYER_ID } from './style.ts';
/** Seat names from this zoom on: below it (the whole country) they would only crowd each other out. */
export const SEAT_LABEL_MIN_ZOOM = 7;

// GeoJSON is fetched by a worker, fonts by the font loader: both need absolute addresses.
const absolute = (url: string) => new URL(url, globalThis.location?.href ?? 'http://localhost/').href;

export function offlineStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'Rallypoint offline',
    // Inter (SIL Open Font License 1.1), drawn by the browser from the bundled files: no glyph server.
    'font-faces': {
      Inter: [
        {
          url: absolute(interLatin),
          'unicode-range': ['U+0000-00FF', 'U+0131', 'U+0152-0153', 'U+02BB-02BC', 'U+02C6', 'U+02DA', 'U+02DC', 'U+2000-206F', 'U+20AC', 'U+2122', 'U+2212', 'U+FEFF', 'U+FFFD'],
        },
        // Latin Extended: Welsh names (Ynys Môn is Latin-1; ŵ, ŷ are not). Fetched only when such a name is drawn.
        { url: absolute(interLatinExt), 'unicode-range': ['U+0100-02BA', 'U+02BD-02C5', 'U+02C7-02CC', 'U+02CE-02D7', 'U+02DD-02FF', 'U+1E00-1E9F', 'U+1EF2-1EFF'] },
      ],
    },
    sources: {
      land: { type: 'geojson', data: absolute(landUrl) },
      'seat-labels': { type: 'geojson', data: absolute(seatLabelsUrl) },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': COLOURS.sea } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': COLOURS.land } },
      // (The seats' fills and outlines go here.)
      {
        id: OFFLINE_OVERLAY_LAYER_ID,
        type: 'line',
        source: 'land',
        paint: { 'line-color': BASEMAP_COLOURS.coastline, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.6, 10, 1.6] },
      },
      {
        id: SEAT_LABEL_LAYER_ID,
        type: 'symbol',
        source: 'seat-labels',
        minzoom: SEAT_LABEL_MIN_ZOOM,
        layout: {
          'text-field': ['get', 'name'],
          'text-font': ['Inter'],
          'text-size': ['interpolate', ['linear'], ['zoom'], SEAT_LABEL_MIN_ZOOM, 11, 12, 15],
          'text-max-width': 7,
          'text-padding': 6,
        },
        paint: {
          'text-color': BASEMAP_COLOURS.label,
          'text-halo-color': BASEMAP_COLOURS.labelHalo,
          'text-halo-width': 1.4,
        },
      },
    ],
  };
}
