import type { ExpressionSpecification } from 'maplibre-gl';
import type { LayerProps } from 'react-map-gl/maplibre';

export const COLOURS = {
  sea: '#d6e6ef',
  land: '#f7f5f0',
  marginal: '#efb48f',
  leaning: '#f6dcc6',
  boundary: '#8f9aa3',
  event: '#7a1f3d',
  eventStroke: '#ffffff',
} as const;

/** Majority (% of valid votes) at or below which a seat is shaded as marginal / leaning on the map. */
export const MARGINAL_PCT = 5;
export const LEANING_PCT = 10;

export const CLUSTER_LAYER_ID = 'event-clusters';
export const POINT_LAYER_ID = 'event-points';

/** The offline basemap: only a background; the constituency polygons are added as a GeoJSON source. */
export const OFFLINE_STYLE = {
  version: 8 as const,
  name: 'Rallypoint offline',
  sources: {},
  layers: [{ id: 'background', type: 'background' as const, paint: { 'background-color': COLOURS.sea } }],
};

const marginality: ExpressionSpecification = ['coalesce', ['get', 'majorityPct'], 100];

export function boundaryFillLayer(offline: boolean): LayerProps {
  return {
    id: 'constituency-fill',
    type: 'fill',
    paint: offline
      ? {
          'fill-color': ['step', marginality, COLOURS.marginal, MARGINAL_PCT, COLOURS.leaning, LEANING_PCT, COLOURS.land],
        }
      : {
          // Over a street map: only tint the marginal seats.
          'fill-color': ['step', marginality, COLOURS.marginal, MARGINAL_PCT, COLOURS.leaning, LEANING_PCT, COLOURS.land],
          'fill-opacity': ['step', marginality, 0.35, LEANING_PCT, 0],
        },
  } as LayerProps;
}

export const boundaryLineLayer: LayerProps = {
  id: 'constituency-line',
  type: 'line',
  paint: {
    'line-color': COLOURS.boundary,
    'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.4, 10, 1.2],
  },
} as LayerProps;

export const clusterLayer: LayerProps = {
  id: CLUSTER_LAYER_ID,
  type: 'circle',
  filter: ['has', 'point_count'],
  paint: {
    'circle-color': COLOURS.event,
    'circle-radius': ['step', ['get', 'point_count'], 14, 10, 18, 50, 24],
    'circle-stroke-color': COLOURS.eventStroke,
    'circle-stroke-width': 2,
  },
} as LayerProps;

export const pointLayer: LayerProps = {
  id: POINT_LAYER_ID,
  type: 'circle',
  filter: ['!', ['has', 'point_count']],
  paint: {
    'circle-color': COLOURS.event,
    'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 5, 12, 8],
    'circle-stroke-color': COLOURS.eventStroke,
    'circle-stroke-width': 2,
  },
} as LayerProps;
