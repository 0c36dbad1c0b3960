import { plural } from '@rallypoint/shared';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from '../ui/router.tsx';
import { useQuery } from 'urql';
import { signInPath } from '../account/next.ts';
import { useViewer, type Viewer } from '../account/viewer.ts';
import type { EventDetail } from '../events/documents.ts';
import { transportMessage } from '../ui/errors.ts';
import { EVENT_LIFTS_QUERY, type EventLifts } from './documents.ts';
import { DriverLiftBack, RiderLiftBack } from './LiftBack.tsx';
import { AskLiftForm, OfferLiftForm } from './LiftForms.tsx';
import { MyOffer } from './MyOffer.tsx';
import { MyRequest } from './MyRequest.tsx';

/** Lifts to a published event that has not finished: offer one, ask for one, and follow your matches. */
export function LiftsSection({ event, signedIn }: { event: EventDetail; signedIn: boolean }) {
  const [{ data, error, fetching }] = useQuery({
    query: EVENT_LIFTS_QUERY,
    variables: { id: event.id },
    pause: event.status !== 'PUBLISHED',
  });
  const { viewer } = useViewer();
  const location = useLocation();
  const heading = useRef<HTMLHeadingElement>(null);
  // Loaded after the page, so the browser's own jump to #lifts-heading found nothing: jump once it is here.
  useEffect(() => {
    if (window.location.hash === '#lifts-heading') heading.current?.scrollIntoView();
  }, []);

  if (event.status !== 'PUBLISHED' || new Date(event.endsAt).getTime() <= Date.now()) return null;
  // Its counts follow the event's live pushes (cache.ts).
  const lifts = data?.event ?? null;

  return (
    <section className="lifts" aria-labelledby="lifts-heading">
      <h2 id="lifts-heading" ref={heading}>
        Lifts
      </h2>
      <p>
        Drivers offer spare seats and riders ask for them. Cars are suggested by how little a pickup adds to the driver's
        journey. Others only see the district you start from; exact pickup details are shared only once a lift is agreed.
      </p>
      {lifts && <LiftCounts counts={lifts} />}
      {lifts?.viewerManagesLifts && (
        <p>
          <Link to={`/events/${encodeURIComponent(event.id)}/lifts`} className="button button-secondary">
            Manage lifts
          </Link>
        </p>
      )}
      {!signedIn ? (
        <p>
          <Link to={signInPath(location.pathname)} className="button">
            Sign in to offer or ask for a lift
          </Link>
        </p>
      ) : !lifts ? (
        fetching ? (
          <p role="status">Loading lifts…</p>
        ) : (
          <p className="error-message" role="alert">
            {error ? transportMessage(error) : 'Lifts are not available for this event.'}
          </p>
        )
      ) : (
        <SignedInLifts event={event} lifts={lifts} viewer={viewer} />
      )}
    </section>
  );
}

function LiftCounts({ counts }: { counts: Pick<EventLifts, 'liftSeatsAvailable' | 'liftRequestsOpen'> }) {
  const seats = counts.liftSeatsAvailable;
  const people = counts.liftRequestsOpen;
  return (
    <p className="lift-counts">
      {plural(seats, 'free seat')} offered so far ·{' '}
      {plural(people, 'person', 'people')} still looking for a lift
    </p>
  );
}

interface SignedInProps {
  event: EventDetail;
  lifts: EventLifts;
  viewer: Viewer | null;
}

function SignedInLifts({ event, lifts, viewer }: SignedInProps) {
  const home = viewer?.homeArea ?? null;
  const cars = lifts.liftOffers.filter((o) => o.id !== lifts.myLiftOffer?.id).length;
  return (
    <div className="lift-sides">
      <LiftSide
        headingId="lift-offer-heading"
        heading={lifts.myLiftOffer ? 'Your lift offer' : 'Driving there?'}
        render={(onDone) =>
          lifts.myLiftOffer ? (
            <>
              <MyOffer
                offer={lifts.myLiftOffer}
                openRequests={lifts.liftRequests}
                venue={event.location}
                times={event}
                shifts={event.shifts}
                onDone={onDone}
              />
              <DriverLiftBack eventId={event.id} onDone={onDone} />
            </>
          ) : (
            <Toggle
              label="Offer a lift"
              subtle={Boolean(lifts.myLiftRequest)}
              intro={
                lifts.myLiftRequest
                  ? 'You have asked for a lift to this event.'
                  : 'Offer your spare seats to members going from near your route.'
              }
            >
              <OfferLiftForm
                eventId={event.id}
                startsAt={event.startsAt}
                endsAt={event.endsAt}
                venue={event.location}
                home={home}
                shifts={event.shifts}
                organiser={lifts.viewerManagesLifts}
                onDone={onDone}
              />
            </Toggle>
          )
        }
      />
      <LiftSide
        headingId="lift-request-heading"
        heading={lifts.myLiftRequest ? 'Your lift request' : 'Need a lift?'}
        render={(onDone) =>
          lifts.myLiftRequest ? (
            <>
              <MyRequest request={lifts.myLiftRequest} times={event} shifts={event.shifts} hubs={lifts.hubs} onDone={onDone} />
              <RiderLiftBack eventId={event.id} onDone={onDone} />
            </>
          ) : (
            <Toggle
              label="Ask for a lift"
              subtle={Boolean(lifts.myLiftOffer)}
              intro={
                lifts.myLiftOffer
                  ? 'You are offering a lift to this event.'
                  : cars > 0
                  ? `${cars} ${cars === 1 ? 'car is' : 'cars are'} going. Ask, and see which could take you.`
                  : 'No cars yet. Ask anyway: drivers who offer later will see you.'
              }
            >
              <AskLiftForm
                eventId={event.id}
                startsAt={event.startsAt}
                home={home}
                shifts={event.shifts}
                hubs={lifts.hubs}
                onDone={onDone}
              />
            </Toggle>
          )
        }
      />
    </div>
  );
}

/** One side (driving or riding), with its own announcements that survive the form turning into a card. */
function LiftSide({
  headingId,
  heading,
  render,
}: {
  headingId: string;
  heading: string;
  render: (onDone: (message: string) => void) => ReactNode;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const onDone = useCallback((m: string) => setMessage(m), []);
  return (
    <section className="lift-side" aria-labelledby={headingId}>
      <h3 id={headingId}>{heading}</h3>
      <p role="status" className="lift-message">
        {message}
      </p>
      {render(onDone)}
    </section>
  );
}

function Toggle({ label, intro, subtle, children }: { label: string; intro: string; subtle: boolean; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <p>{intro}</p>
      <button
        type="button"
        className={open || subtle ? 'button button-secondary' : 'button'}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
      </button>
      {open && <div className="lift-form-wrap">{children}</div>}
    </>
  );
}
