import type { BoundingBox, LatLng } from '@rallypoint/shared';
import type { ReactNode } from 'react';
import type { MapEvent, MapSeat } from './documents.ts';
import type { SeatShading } from './style.ts';

export interface MapViewProps {
  /** Accessible name of the map region, e.g. "Map of events near LS6". */
  label: string;
  center: LatLng;
  zoom: number;
  events: readonly MapEvent[];
  /** Seats with their majority, to shade marginal ones (`isMarginal` adds an outline with `majority` shading). */
  constituencies?: readonly MapSeat[] | undefined;
  /** `bands` (default): marginal / leaning tints; `majority`: a sequential scale with marginal seats outlined. */
  seatShading?: SeatShading | undefined;
  /**
   * Seats to outline by GSS code: the nearest marginal (thick) and a selected one (dashed). When either prop is
   * given, the map container reports the codes it actually drew in `data-drawn-nearest-seat` / `-selected-seat`.
   */
  nearestSeat?: string | null | undefined;
  selectedSeat?: string | null | undefined;
  /** Extra HTML markers (e.g. lift origins); decorative, so the page must list the same data. */
  markers?: MapMarker[] | undefined;
  /** When given (2+ points), the first view fits them all instead of centring on `center` at `zoom`. */
  fitPoints?: LatLng[] | undefined;
  /**
   * When this changes (e.g. new search results are in), the camera fits `fitPoints` again (1 point: centres on it).
   * Unchanged, the user's panning is left alone.
   */
  fitKey?: string | undefined;
  /** A "you are here" marker (the searched place). */
  origin?: LatLng | null | undefined;
  /** A pin the user places (event form), or the venue (event page). */
  pin?: LatLng | null | undefined;
  /** Makes the pin draggable, and movable with the arrow keys once focused; called with where it was left. */
  onPinMove?: ((point: LatLng) => void) | undefined;
  onBoundsChange?: ((box: BoundingBox) => void) | undefined;
  onEventClick?: ((id: string) => void) | undefined;
  onMapClick?: ((point: LatLng) => void) | undefined;
  /** Lets a parent read the current centre (e.g. "pin at the map centre" for keyboard users). */
  centerRef?: { current: (() => LatLng | null) | null } | undefined;
}

export interface MapMarker {
  key: string;
  at: LatLng;
  /** Counted per group in the container's `data-drawn-markers` ("car:3 request:8": those inside the view). */
  group: string;
  /** Pixel offset, e.g. to set two markers at one place side by side. */
  offset?: [number, number] | undefined;
  /** Stacking among markers: higher is drawn on top (default 1). */
  zIndex?: number | undefined;
  /** A marker that takes the pointer: clicking it zooms the map in on it (others let clicks through to the map). */
  title?: string | undefined;
  children: ReactNode;
}
