import type { ExpressionSpecification } from 'maplibre-gl';
import type { LayerProps } from 'react-map-gl/maplibre';

export const COLOURS = {
  sea: '#b3d1e6',
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

/** The "nearest marginal" map: a sequential scale from 0% (strongest) to MARGINAL_PCT, then pale. */
export const MAJORITY_SCALE = [
  [0, '#a63603'],
  [1, '#d94801'],
  [2.5, '#f16913'],
  [MARGINAL_PCT, '#fdae6b'],
] as const;
export const SEAT_COLOURS = {
  leaning: '#fde6cf',
  marginalOutline: '#7f2704',
  nearest: '#5b1a8f',
  selected: '#1d70b8',
} as const;

/** The coverage board: sign-ups over the goal, pale (none) to dark (met); seats falling short outlined. */
export const COVERAGE_SCALE = [
  [0, '#f7fbff'],
  [0.5, '#9ecae1'],
  [1, '#2171b5'],
] as const;
export const SHORT_OUTLINE = '#a50f15';

export const CLUSTER_LAYER_ID = 'event-clusters';
export const SHORT_LINE_LAYER_ID = 'seat-short-line';
export const MARGINAL_LINE_LAYER_ID = 'seat-marginal-line';
export const NEAREST_SEAT_LAYER_ID = 'seat-nearest-line';
export const SELECTED_SEAT_LAYER_ID = 'seat-selected-line';
export const POINT_LAYER_ID = 'event-points';

/** The offline basemap's coastline: the app's seat layers go below it (see offline-style.ts). */
export const OFFLINE_OVERLAY_LAYER_ID = 'coastline';
/** The offline basemap's seat names. */
export const SEAT_LABEL_LAYER_ID = 'seat-labels';

/** The offline basemap's own lines and labels (see offline-style.ts). */
export const BASEMAP_COLOURS = {
  coastline: '#5f87a3',
  label: '#333a40',
  labelHalo: 'rgba(255, 255, 255, 0.9)',
} as const;

const marginality: ExpressionSpecification = ['coalesce', ['get', 'majorityPct'], 100];

/**
 * How the constituencies are shaded: `bands` (marginal / leaning / other), `majority` (a sequential scale) or
 * `coverage` (a campaign's sign-ups over goal; seats outside it plain).
 */
export type SeatShading = 'bands' | 'majority' | 'coverage';

const coverageColour: ExpressionSpecification = [
  'case',
  ['has', 'coverage'],
  ['interpolate', ['linear'], ['min', ['get', 'coverage'], 1], ...COVERAGE_SCALE.flat()],
  COLOURS.land,
];

const majorityColour: ExpressionSpecification = [
  'case',
  ['<=', marginality, MARGINAL_PCT],
  ['interpolate', ['linear'], marginality, ...MAJORITY_SCALE.flat()],
  ['<=', marginality, LEANING_PCT],
  SEAT_COLOURS.leaning,
  COLOURS.land,
];

export function boundaryFillLayer(offline: boolean, shading: SeatShading = 'bands'): LayerProps {
  if (shading === 'coverage') {
    return {
      id: 'constituency-fill',
      type: 'fill',
      paint: offline ? { 'fill-color': coverageColour } : { 'fill-color': coverageColour, 'fill-opacity': ['case', ['has', 'coverage'], 0.6, 0] },
    } as LayerProps;
  }
  if (shading === 'majority') {
    return {
      id: 'constituency-fill',
      type: 'fill',
      paint: offline
        ? { 'fill-color': majorityColour }
        : { 'fill-color': majorityColour, 'fill-opacity': ['case', ['<=', marginality, LEANING_PCT], 0.45, 0] },
    } as LayerProps;
  }
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

/** Marginal (or target) seats: a dark outline, so they stand out from the shading. */
export const marginalLineLayer: LayerProps = {
  id: MARGINAL_LINE_LAYER_ID,
  type: 'line',
  filter: ['==', ['get', 'marginal'], true],
  paint: {
    'line-color': SEAT_COLOURS.marginalOutline,
    'line-width': ['interpolate', ['linear'], ['zoom'], 5, 1, 10, 2],
  },
} as LayerProps;

/** Campaign seats short of their goal: a thick dark red outline. */
export const shortLineLayer: LayerProps = {
  id: SHORT_LINE_LAYER_ID,
  type: 'line',
  filter: ['==', ['get', 'short'], true],
  paint: {
    'line-color': SHORT_OUTLINE,
    'line-width': ['interpolate', ['linear'], ['zoom'], 5, 2, 10, 4],
  },
} as LayerProps;

/** The outline of one seat (by GSS code): `nearest` is thick and solid, `selected` dashed. */
export function seatHighlightLayer(which: 'nearest' | 'selected', code: string): LayerProps {
  const nearest = which === 'nearest';
  return {
    id: nearest ? NEAREST_SEAT_LAYER_ID : SELECTED_SEAT_LAYER_ID,
    type: 'line',
    filter: ['==', ['get', 'code'], code],
    paint: {
      'line-color': nearest ? SEAT_COLOURS.nearest : SEAT_COLOURS.selected,
      'line-width': nearest ? 5 : 4,
      ...(nearest ? {} : { 'line-dasharray': [2, 1] }),
    },
  } as LayerProps;
}
