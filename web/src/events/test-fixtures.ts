import type { EventSummary } from './EventCard.tsx';

/** For tests: an event as lists select it (`EventSummaryFields`), published, with `over` changing any field. */
export const eventSummary = (id: string, over: Partial<EventSummary> = {}): EventSummary => ({
  __typename: 'Event',
  id,
  kind: 'CANVASS',
  title: `Event ${id}`,
  startsAt: '2030-01-01T10:00:00.000Z',
  endsAt: '2030-01-01T12:00:00.000Z',
  venueName: 'Hall',
  areaLabel: 'LS6',
  online: false,
  location: { __typename: 'LatLng', lat: 53.8, lng: -1.55 },
  status: 'PUBLISHED',
  capacity: 2,
  placesLeft: 2,
  goingCount: 0,
  ...over,
});
