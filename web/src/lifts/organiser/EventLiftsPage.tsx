import { formatEventTime } from '@rallypoint/shared';
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from '../../ui/router.tsx';
import { useQuery } from 'urql';
import { EventNotLoaded } from '../../events/EventNotLoaded.tsx';
import { venueText } from '../../events/venue.ts';
import { CarsTable, RequestsTable } from './LiftTables.tsx';
import { LiftsMap } from './LiftsMap.tsx';
import { HubsPanel } from './HubsPanel.tsx';
import { LiftsBackPanel } from './LiftsBackPanel.tsx';
import { MatchEveryonePanel } from './MatchEveryonePanel.tsx';
import { transportMessage } from '../../ui/errors.ts';
import { usePageTitle } from '../../ui/hooks.ts';
import { signInPath } from '../../account/next.ts';
import { useViewer } from '../../account/viewer.ts';
import { plural } from './organiser-lifts.ts';
import { preloadMap } from '../../map/EventMap.tsx';
import {
  type MatchEveryoneSummary,
  ORGANISER_LIFTS_EVENT_QUERY,
  ORGANISER_LIFTS_QUERY,
  type OrganiserLiftsEvent,
} from './documents.ts';

/** `/events/:id/lifts`: the organisers' view of who needs a lift, the cars offered, and "match everyone". */
export function EventLiftsPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const [{ data, fetching, error }] = useQuery({ query: ORGANISER_LIFTS_EVENT_QUERY, variables: { id } });
  const { viewer, loading: viewerLoading } = useViewer();
  const event = data?.event ?? null;
  usePageTitle(event ? `Lifts for ${event.title}` : fetching ? 'Lifts' : 'Event not found');
  useEffect(preloadMap, []);

  if (!event || viewerLoading) return <EventNotLoaded loading={(!data && fetching) || viewerLoading} error={error} />;
  const eventPath = `/events/${encodeURIComponent(event.id)}`;
  if (!event.viewerManagesLifts) {
    return (
      <div className="page">
        <p>
          <Link to={eventPath}>Back to {event.title}</Link>
        </p>
        <h1>Lifts for {event.title}</h1>
        {viewer ? (
          <p className="banner banner-refused" data-testid="lifts-refused">
            Only this event's organisers can manage lifts. You can offer or ask for a lift on the{' '}
            <Link to={eventPath}>event page</Link>.
          </p>
        ) : (
          <p className="banner banner-refused" data-testid="lifts-sign-in">
            <Link to={signInPath(location.pathname)}>Sign in</Link> as one of this event's organisers to manage its lifts.
          </p>
        )}
      </div>
    );
  }
  return <ManageLifts event={event} eventPath={eventPath} />;
}

function ManageLifts({ event, eventPath }: { event: OrganiserLiftsEvent; eventPath: string }) {
  const [{ data, fetching, error }] = useQuery({ query: ORGANISER_LIFTS_QUERY, variables: { id: event.id } });
  // The lists are fetched again after a run (cache.ts): proposals change no seats, but they may have moved on.
  const [summary, setSummary] = useState<MatchEveryoneSummary | null>(null);
  const lifts = data?.event ?? null;

  return (
    <div className="page lifts-page">
      <p>
        <Link to={eventPath}>Back to {event.title}</Link>
      </p>
      <h1>Lifts for {event.title}</h1>
      <p className="lifts-event-facts">
        <time dateTime={event.startsAt}>{formatEventTime(event.startsAt, event.endsAt)}</time> (UK time) ·{' '}
        {venueText(event)}
      </p>
      {event.status !== 'PUBLISHED' && (
        <p className={`banner banner-${event.status.toLowerCase()}`}>
          {event.status === 'CANCELLED'
            ? 'This event has been cancelled: lifts can no longer be arranged.'
            : 'This event is a draft: members can offer and ask for lifts once it is published.'}
        </p>
      )}
      {!lifts ? (
        <p role="status">{fetching ? 'Loading the lifts…' : transportMessage(error)}</p>
      ) : (
        <>
          <dl className="lift-counts" data-testid="lift-counts">
            <div>
              <dt>People still needing a lift</dt>
              <dd>{lifts.liftRequestsOpen}</dd>
            </div>
            <div>
              <dt>Free seats offered</dt>
              <dd>{lifts.liftSeatsAvailable}</dd>
            </div>
            <div>
              <dt>Requests and cars</dt>
              <dd>
                {plural(lifts.liftRequests.length, 'request', 'requests')}, {plural(lifts.liftOffers.length, 'car', 'cars')}
              </dd>
            </div>
          </dl>
          <MatchEveryonePanel eventId={event.id} summary={summary} onMatched={setSummary} />
          <section className="lifts-map" aria-labelledby="lifts-map-heading">
            <h2 id="lifts-map-heading">Map</h2>
            <LiftsMap title={event.title} venue={event.location} requests={lifts.liftRequests} offers={lifts.liftOffers} />
          </section>
          {/* Below the map: the map loads only once it nears the screen. */}
          <HubsPanel eventId={event.id} hubs={lifts.hubs} />
          <RequestsTable requests={lifts.liftRequests} offers={lifts.liftOffers} shifts={event.shifts} summary={summary} />
          <CarsTable offers={lifts.liftOffers} shifts={event.shifts} summary={summary} />
          <LiftsBackPanel eventId={event.id} />
        </>
      )}
    </div>
  );
}
