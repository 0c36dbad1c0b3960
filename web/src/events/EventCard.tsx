import { EVENT_KIND_LABELS, formatDistanceKm, formatEventTime } from '@rallypoint/shared';
import type { ReactNode, Ref } from 'react';
import { Link } from '../ui/router.tsx';
import { graphql } from '../generated/gql.ts';
import type { EventSummaryFieldsFragment } from '../generated/graphql.ts';
import { venueText } from './venue.ts';

/** What an event card shows; lists select it for each event. */
graphql(`
  fragment EventSummaryFields on Event {
    id
    kind
    title
    startsAt
    endsAt
    venueName
    areaLabel
    online
    location {
      lat
      lng
    }
    status
    capacity
    placesLeft
    goingCount
  }
`);

export type EventSummary = EventSummaryFieldsFragment;

export function placesText(e: Pick<EventSummary, 'capacity' | 'placesLeft' | 'goingCount'>): string {
  if (e.capacity == null || e.placesLeft == null) return `${e.goingCount} going`;
  if (e.placesLeft <= 0) return 'Full – join the waitlist';
  return `${e.placesLeft} of ${e.capacity} places left`;
}

interface EventCardProps {
  event: EventSummary;
  distanceKm?: number | null | undefined;
  headingLevel?: 2 | 3;
  linkRef?: Ref<HTMLAnchorElement> | undefined;
  /** Places left / going (off where the viewer's own RSVP says more). */
  showPlaces?: boolean;
  children?: ReactNode;
}

/** One event in a list: title link, kind, UK time, where, distance and places. */
export function EventCard({ event, distanceKm, headingLevel = 3, linkRef, showPlaces = true, children }: EventCardProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className="event-card">
      <Heading className="event-card-title">
        <Link to={`/events/${encodeURIComponent(event.id)}`} ref={linkRef}>
          {event.title}
        </Link>
      </Heading>
      <p className="event-card-meta">
        <span className={`kind kind-${event.kind.toLowerCase()}`}>{EVENT_KIND_LABELS[event.kind]}</span>
        <time dateTime={event.startsAt}>{formatEventTime(event.startsAt, event.endsAt)}</time>
        {event.status !== 'PUBLISHED' && <span className={`status status-${event.status.toLowerCase()}`}>{statusLabel(event.status)}</span>}
      </p>
      <p className="event-card-where">
        {event.online ? 'Online' : venueText(event)}
        {distanceKm != null && <span className="distance"> · {formatDistanceKm(distanceKm)} away</span>}
      </p>
      {showPlaces && <p className="event-card-places">{placesText(event)}</p>}
      {children}
    </article>
  );
}

export function statusLabel(status: EventSummary['status']): string {
  return status === 'DRAFT' ? 'Draft (not published)' : status === 'CANCELLED' ? 'Cancelled' : 'Published';
}
