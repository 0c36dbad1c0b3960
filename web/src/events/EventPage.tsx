import { EVENT_KIND_LABELS, formatEventTime, plural, VENUE_ACCESS, VENUE_ACCESS_FIELDS, VENUE_ACCESS_LABELS } from '@rallypoint/shared';
import { lazy, Suspense, useRef } from 'react';
import { useParams } from '../ui/router.tsx';
import { useQuery, useSubscription } from 'urql';
import { useViewer } from '../account/viewer.ts';
import { EventNotLoaded } from './EventNotLoaded.tsx';
import { RsvpPanel } from './RsvpPanel.tsx';
import { ShareButton } from './ShareButton.tsx';
import { SeriesNote, ShiftsPanel } from './ShiftsPanel.tsx';
import { EventMap } from '../map/EventMap.tsx';
import { useAfterPaint, useNearViewport, usePageTitle } from '../ui/hooks.ts';
import { EVENT_LIVE_SUBSCRIPTION, EVENT_QUERY, type EventDetail } from './documents.ts';
import { usePlacesAnnouncement } from './live-hooks.ts';

// Below the event's details, or for organisers only: loaded once the details have painted and the reader nears
// them (their forms bring zod), so a phone's first screen loads none of their code.
const LiftsSection = lazy(() => import('../lifts/LiftsSection.tsx').then((m) => ({ default: m.LiftsSection })));
const EventCampaignPanel = lazy(() => import('../campaigns/EventCampaignPanel.tsx').then((m) => ({ default: m.EventCampaignPanel })));
const OrganiserPanel = lazy(() => import('../organiser/OrganiserPanel.tsx').then((m) => ({ default: m.OrganiserPanel })));
const SeriesEditor = lazy(() => import('./SeriesEditor.tsx').then((m) => ({ default: m.SeriesEditor })));

export function EventPage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: EVENT_QUERY, variables: { id } });
  const { viewer, loading: viewerLoading } = useViewer();
  const event = data?.event ?? null;
  usePageTitle(event?.title ?? (fetching ? 'Event' : 'Event not found'));

  if (!event || viewerLoading) return <EventNotLoaded loading={(!data && fetching) || viewerLoading} error={error} />;
  return <EventDetails event={event} signedIn={Boolean(viewer)} />;
}

function EventDetails({ event, signedIn }: { event: EventDetail; signedIn: boolean }) {
  // Places, RSVP and lift counts arrive live (SSE): each push updates the cached event (see cache.ts).
  useSubscription({
    query: EVENT_LIVE_SUBSCRIPTION,
    variables: { id: event.id },
    pause: new Date(event.endsAt).getTime() <= Date.now(),
  });
  const announcement = usePlacesAnnouncement(event);
  const painted = useAfterPaint();
  const below = useRef<HTMLDivElement>(null);
  // A link to a part of the page (Lifts for …: #lifts-heading) loads the panels at once rather than on scroll.
  const nearBelow = useNearViewport(below) || window.location.hash.length > 1;

  return (
    <div className="page event-page">
      <p className="event-kind">
        <span className={`kind kind-${event.kind.toLowerCase()}`}>{EVENT_KIND_LABELS[event.kind]}</span>
      </p>
      <h1>{event.title}</h1>
      {event.status !== 'PUBLISHED' && (
        <p className={`banner banner-${event.status.toLowerCase()}`}>
          {event.status === 'CANCELLED'
            ? 'This event has been cancelled.'
            : 'This is a draft: only you (and organisers for the region) can see it until it is published.'}
        </p>
      )}
      <div className={event.description ? 'event-layout' : 'event-layout no-about'}>
        <dl className="event-facts">
          <div>
            <dt>When</dt>
            <dd>
              <time dateTime={event.startsAt}>{formatEventTime(event.startsAt, event.endsAt)}</time>{' '}
              <span className="hint">(UK time)</span>
            </dd>
          </div>
          {event.online ? (
            <div>
              <dt>Where</dt>
              <dd>
                <strong>Online</strong>
                <br />
                <JoinLink event={event} />
              </dd>
            </div>
          ) : (
          <div>
            <dt>Where</dt>
            <dd>
              {event.venueName && (
                <>
                  <strong>{event.venueName}</strong>
                  <br />
                </>
              )}
              {event.addressHidden || !event.address ? (
                <span>
                  {event.areaLabel}. <em>Exact address shown to attendees.</em>
                </span>
              ) : (
                <span>
                  {event.address}
                  {event.postcode ? `, ${event.postcode}` : ''}
                </span>
              )}
            </dd>
          </div>
          )}
          {!event.online && (
            <div>
              <dt>Access</dt>
              <dd>{accessSummary(event)}</dd>
            </div>
          )}
          <div>
            <dt>{event.online ? 'Region' : 'Area'}</dt>
            <dd>
              {event.online ? event.region.name : `${event.areaLabel}, ${event.region.name}`}
              {event.constituency && (
                <>
                  <br />
                  Campaigning in {event.constituency.name}
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>Organiser</dt>
            <dd>{event.organiser.displayName}</dd>
          </div>
          <div>
            <dt>Places</dt>
            <dd>{placesSummary(event)}</dd>
          </div>
        </dl>
        <p className="visually-hidden" aria-live="polite">
          {announcement}
        </p>
        <aside className="event-side" aria-label="Sign up">
          {event.shifts.length > 0 ? <ShiftsPanel event={event} signedIn={signedIn} /> : <RsvpPanel event={event} signedIn={signedIn} />}
          <SeriesNote event={event} />
          {event.viewerCanManage && event.series && (
            <Suspense fallback={null}>
              <SeriesEditor eventId={event.id} />
            </Suspense>
          )}
          <p>
            <a href={event.icsUrl} className="calendar-link" download>
              Add to calendar<span className="visually-hidden"> (.ics file)</span>
            </a>
          </p>
          {event.status === 'PUBLISHED' && <ShareButton eventId={event.id} title={event.title} />}
        </aside>
        {event.description && (
          <section className="event-about" aria-labelledby="about-heading">
            <h2 id="about-heading">About this event</h2>
            <p className="description">{event.description}</p>
          </section>
        )}
        {!event.online && (
        <section className="event-map" aria-labelledby="event-map-heading">
          <h2 id="event-map-heading">Map</h2>
          {event.addressHidden && <p className="hint">The pin shows the area only.</p>}
          <EventMap
            className="map map-small"
            unavailable={event.addressHidden || !event.address ? 'Its area is under “Where” above.' : 'Its address is under “Where” above.'}
            label={`Map showing where ${event.title} is`}
            center={event.location}
            // Zoomed out far enough to see the seat and its neighbours: the offline basemap has no streets.
            zoom={event.addressHidden ? 10 : 11}
            events={event.addressHidden ? [event] : []}
            pin={event.addressHidden ? null : event.location}
          />
        </section>
        )}
      </div>
      <div ref={below}>
        {painted && nearBelow && (
          <Suspense fallback={null}>
            {!event.online && <LiftsSection event={event} signedIn={signedIn} />}
            <EventCampaignPanel eventId={event.id} />
            {(event.viewerCanEdit || event.viewerCanManage) && <OrganiserPanel event={event} />}
          </Suspense>
        )}
      </div>
    </div>
  );
}

/** The join link for people going (and the organisers); others are told when they will see it. */
function JoinLink({ event }: { event: EventDetail }) {
  if (event.joinUrl) {
    return (
      <a href={event.joinUrl} className="join-link" target="_blank" rel="noopener noreferrer">
        Join the call<span className="visually-hidden"> (opens in a new tab)</span>
      </a>
    );
  }
  if (event.myRsvp?.status === 'GOING' || event.viewerCanManage) {
    return <span>The organisers have not added the join link yet.</span>;
  }
  return <span>The join link is shown to people going.</span>;
}

function accessSummary(event: EventDetail): string {
  const has = VENUE_ACCESS.filter((a) => event[VENUE_ACCESS_FIELDS[a]]).map((a) => VENUE_ACCESS_LABELS[a]);
  return has.length > 0 ? has.join(' · ') : 'Not described by the organiser';
}

function placesSummary(event: EventDetail): string {
  const parts = [`${event.goingCount} going`];
  if (event.capacity != null) {
    parts.push(
      event.placesLeft != null && event.placesLeft > 0
        ? `${event.placesLeft} of ${event.capacity} places left`
        : `full (${plural(event.capacity, 'place')})`,
    );
  }
  if (event.waitlistCount > 0) parts.push(`${event.waitlistCount} on the waitlist`);
  return parts.join(' · ');
}
