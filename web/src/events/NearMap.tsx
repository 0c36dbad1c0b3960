import { EventMap } from '../map/EventMap.tsx';
import { MapLegend } from '../map/MapLegend.tsx';
import type { MapViewProps } from '../map/types.ts';

/**
 * The near page's map and its key, in a chunk of their own: a phone shows the list first and loads them only once
 * "Map" is pressed; a wide screen loads them with the page.
 */
export function NearMap(props: MapViewProps) {
  return (
    <>
      <EventMap className="map map-large" unavailable="The list has the events near you." {...props} />
      <MapLegend />
    </>
  );
}
