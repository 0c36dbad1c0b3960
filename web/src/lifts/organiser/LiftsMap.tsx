import type { LatLng } from '@rallypoint/shared';
import { useMemo } from 'react';
import { type DistrictGroup, groupByDistrict, requestMarkerRem } from './organiser-lifts.ts';
import { EventMap } from '../../map/EventMap.tsx';
import type { MapMarker } from '../../map/types.ts';
import type { OrganiserLiftOffer, OrganiserLiftRequest } from './documents.ts';

/** A small car drawn in text colour (decorative: the marker's number and the legend carry the meaning). */
export function CarIcon() {
  return (
    <svg className="car-icon" viewBox="0 0 24 16" width="18" height="12" aria-hidden="true" focusable="false">
      <path d="M4 7 L7 2 H17 L20 7 H22 V13 H2 V7 Z" fill="currentColor" />
      <circle cx="7" cy="13" r="2.5" fill="currentColor" stroke="#fff" strokeWidth="1" />
      <circle cx="17" cy="13" r="2.5" fill="currentColor" stroke="#fff" strokeWidth="1" />
    </svg>
  );
}

export function RequestBadge({ people, wheelchair }: { people: number; wheelchair: boolean }) {
  const size = `${requestMarkerRem(people)}rem`;
  return (
    <span className="lift-marker lift-marker-request" style={{ minWidth: size, height: size }} aria-hidden="true">
      {people}
      {wheelchair && <span className="lift-marker-access">♿</span>}
    </span>
  );
}

export function CarBadge({ seats, wheelchair }: { seats: number; wheelchair: boolean }) {
  return (
    <span className="lift-marker lift-marker-car" aria-hidden="true">
      <CarIcon />
      {seats}
      {wheelchair && <span className="lift-marker-access">♿</span>}
    </span>
  );
}

export function VenueBadge() {
  return (
    <span className="lift-marker lift-marker-venue" aria-hidden="true">
      ★
    </span>
  );
}

interface LiftsMapProps {
  title: string;
  venue: LatLng;
  requests: readonly OrganiserLiftRequest[];
  offers: readonly OrganiserLiftOffer[];
}

/** The venue, who needs a lift (by district) and the cars offered, on the shared map. */
export function LiftsMap({ title, venue, requests, offers }: LiftsMapProps) {
  const requestGroups = useMemo(() => groupByDistrict(requests, (r) => r.seats), [requests]);
  const carGroups = useMemo(() => groupByDistrict(offers, (o) => o.seatsLeft), [offers]);
  const markers = useMemo(() => liftMarkers(venue, requestGroups, carGroups), [venue, requestGroups, carGroups]);
  // Fit the first view to everything; later refreshes keep the organiser's view.
  const fitPoints = useMemo(
    () => [venue, ...requestGroups.map((g) => g.location), ...carGroups.map((g) => g.location)],
    [venue, requestGroups, carGroups],
  );
  return (
    <>
      <LiftsLegend />
      <EventMap
        className="map map-lifts"
        unavailable="The tables below list everyone it would show."
        label={`Map of lifts to ${title}: ${requestGroups.length} districts with people needing a lift, ${carGroups.length} with cars`}
        center={venue}
        zoom={11}
        events={[]}
        markers={markers}
        fitPoints={fitPoints}
      />
      <p className="map-caption">The tables below list everyone shown on the map.</p>
    </>
  );
}

function liftMarkers(
  venue: LatLng,
  requestGroups: DistrictGroup<OrganiserLiftRequest>[],
  carGroups: DistrictGroup<OrganiserLiftOffer>[],
): MapMarker[] {
  const withRequests = new Set(requestGroups.map((g) => g.key));
  return [
    // Above the cars and people (a car from the venue's own district would hide it), and clickable: it zooms in.
    { key: 'venue', group: 'venue', at: venue, zIndex: 3, title: 'The event venue', children: <VenueBadge /> },
    ...requestGroups.map(
      (g): MapMarker => ({
        key: `request-${g.key}`,
        group: 'request',
        at: g.location,
        children: <RequestBadge people={g.total} wheelchair={g.items.some((r) => r.needsWheelchair)} />,
      }),
    ),
    ...carGroups.map(
      (g): MapMarker => ({
        key: `car-${g.key}`,
        group: 'car',
        at: g.location,
        // Beside, not on top of, the people waiting in the same district.
        offset: withRequests.has(g.key) ? [30, 0] : undefined,
        children: <CarBadge seats={g.total} wheelchair={g.items.some((o) => o.wheelchairAccessible)} />,
      }),
    ),
  ];
}

export function LiftsLegend() {
  return (
    <ul className="map-legend lifts-legend" aria-label="Map key">
      <li>
        <VenueBadge /> The event venue (star)
      </li>
      <li>
        <RequestBadge people={2} wheelchair={false} /> People needing a lift from a district (round; the number and size
        show how many)
      </li>
      <li>
        <CarBadge seats={3} wheelchair={false} /> Cars offered from a district (square, with a car; the number is free
        seats)
      </li>
      <li>
        <span className="lift-marker lift-marker-plain" aria-hidden="true">
          ♿
        </span>{' '}
        Someone needs wheelchair access, or a car is wheelchair accessible
      </li>
    </ul>
  );
}
