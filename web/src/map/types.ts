import type { BoundingBox, ConstituencyInfo, LatLng, MapEvent } from '../types.ts';

export interface MapViewProps {
  /** Accessible name of the map region, e.g. "Map of events near LS6". */
  label: string;
  center: LatLng;
  zoom: number;
  events: MapEvent[];
  /** Seats with their majority, to shade marginal ones. */
  constituencies?: ConstituencyInfo[] | undefined;
  /** A "you are here" marker (the searched place). */
  origin?: LatLng | null | undefined;
  /** A pin the user places (event form). */
  pin?: LatLng | null | undefined;
  onBoundsChange?: ((box: BoundingBox) => void) | undefined;
  onEventClick?: ((id: string) => void) | undefined;
  onMapClick?: ((point: LatLng) => void) | undefined;
  /** Lets a parent read the current centre (e.g. "pin at the map centre" for keyboard users). */
  centerRef?: { current: (() => LatLng | null) | null } | undefined;
}
