import { formatDayTime, formatEventTime, plural } from '@rallypoint/shared';
import { useEffect, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { signInPath } from '../account/next.ts';
import { graphql } from '../generated/gql.ts';
import type { EventShiftsFieldsFragment } from '../generated/graphql.ts';
import { useResultMutation } from '../ui/result.ts';
import { Link, useLocation } from '../ui/router.tsx';
import { EVENT_QUERY } from './documents.ts';

/** A shift's places and the viewer's booking of it: on the page, and in every answer that books one. */
graphql(`
  fragment ShiftPlacesFields on EventShift {
    id
    goingCount
    placesLeft
    waitlistCount
    myRsvp {
      id
      status
      waitlistPosition
    }
  }
`);

/** An event's shifts with the viewer's booking of each, and the series it belongs to. */
graphql(`
  fragment EventShiftsFields on Event {
    id
    shifts {
      ...ShiftPlacesFields
      startsAt
      endsAt
      capacity
    }
    series {
      id
      icsUrl
      occurrences {
        id
        startsAt
        status
      }
    }
  }
`);

// The booking, with its shift and the event as it now is for the member (BookedEventFields, as an RSVP's answer), so
// the page follows with no reload.
graphql(`
  fragment ShiftBookingFields on Rsvp {
    id
    status
    waitlistPosition
    shift {
      ...ShiftPlacesFields
    }
    event {
      ...BookedEventFields
      ...EventBookingsFields
    }
  }
`);

const BOOK_SHIFT_MUTATION = graphql(`
  mutation BookShift($eventId: ID!, $shiftId: ID!) {
    rsvp(eventId: $eventId, shiftId: $shiftId) {
      ... on MutationRsvpSuccess {
        data {
          ...ShiftBookingFields
        }
      }
      ...ErrorFields
    }
  }
`);

const CANCEL_SHIFT_MUTATION = graphql(`
  mutation CancelShift($eventId: ID!, $shiftId: ID!) {
    cancelRsvp(eventId: $eventId, shiftId: $shiftId) {
      ... on MutationCancelRsvpSuccess {
        data {
          ...ShiftBookingFields
        }
      }
      ...ErrorFields
    }
  }
`);

type Shift = EventShiftsFieldsFragment['shifts'][number];

const placesText = (s: Shift) => {
  if (s.placesLeft == null) return 'No limit on places';
  if (s.placesLeft > 0) return `${plural(s.placesLeft, 'place')} left of ${s.capacity}`;
  return `Full${s.waitlistCount > 0 ? `, ${s.waitlistCount} waiting` : ''}: join the waitlist`;
};

/** "Shifts": each with its places left and its own Book / Cancel button; a member may book several. */
export function ShiftsPanel({
  event,
  signedIn,
}: {
  event: EventShiftsFieldsFragment & { title: string; status: string; endsAt: string; goingCount: number; waitlistCount: number };
  signedIn: boolean;
}) {
  useShiftsFollowLiveNumbers(event);
  const location = useLocation();
  const [message, setMessage] = useState<string | null>(null);
  const [errorMessage, setErrorMessage] = useState<string | null>(null);
  const [book, booking] = useResultMutation(BOOK_SHIFT_MUTATION);
  const [cancel, cancelling] = useResultMutation(CANCEL_SHIFT_MUTATION);
  const open = event.status === 'PUBLISHED';

  const onBook = async (s: Shift) => {
    setMessage(null);
    setErrorMessage(null);
    const out = await book({ eventId: event.id, shiftId: s.id });
    if (!out.ok) return setErrorMessage(out.fieldErrors[0]?.message ?? out.message);
    const when = formatEventTime(s.startsAt, s.endsAt);
    setMessage(
      out.data.status === 'GOING'
        ? `Booked: the ${when} shift. See you there!` // its row says "You're going"
        : `The ${when} shift is full, so you are on its waitlist${out.data.waitlistPosition ? ` at position ${out.data.waitlistPosition}` : ''}.`,
    );
  };
  const onCancel = async (s: Shift) => {
    setMessage(null);
    setErrorMessage(null);
    const out = await cancel({ eventId: event.id, shiftId: s.id });
    if (!out.ok) return setErrorMessage(out.message);
    setMessage(`You have given up the ${formatEventTime(s.startsAt, s.endsAt)} shift.`);
  };

  return (
    <section className="rsvp-panel shifts-panel" aria-labelledby="shifts-heading">
      <h2 id="shifts-heading">Shifts</h2>
      <p className="hint">Book one shift or several; each has its own places.</p>
      <ul className="shift-list">
        {event.shifts.map((s) => {
          const mine = s.myRsvp && s.myRsvp.status !== 'CANCELLED' ? s.myRsvp : null;
          const finished = new Date(s.endsAt).getTime() <= Date.now();
          const when = formatEventTime(s.startsAt, s.endsAt);
          return (
            <li key={s.id} className="shift">
              <div className="shift-facts">
                <strong>
                  <time dateTime={s.startsAt}>{when}</time>
                </strong>
                <span className="shift-places">{placesText(s)}</span>
                {mine && (
                  <span className="shift-mine">
                    {mine.status === 'GOING' ? "You're going" : `You're waitlisted${mine.waitlistPosition ? ` (#${mine.waitlistPosition})` : ''}`}
                  </span>
                )}
              </div>
              {open && !finished && signedIn && (
                mine ? (
                  <button type="button" className="button button-secondary" onClick={() => onCancel(s)} disabled={cancelling}>
                    {mine.status === 'GOING' ? 'Cancel' : 'Leave the waitlist'}
                    <span className="visually-hidden"> for the {when} shift</span>
                  </button>
                ) : (
                  <button type="button" className="button" onClick={() => onBook(s)} disabled={booking}>
                    {s.placesLeft === 0 ? 'Join the waitlist' : 'Book'}
                    <span className="visually-hidden"> the {when} shift</span>
                  </button>
                )
              )}
            </li>
          );
        })}
      </ul>
      {!signedIn && open && (
        <p>
          <Link to={signInPath(location.pathname)} className="button">
            Sign in to book a shift
          </Link>
        </p>
      )}
      <p role="status" className="rsvp-message">
        {message}
      </p>
      {errorMessage && (
        <p className="error-message" role="alert">
          {errorMessage}
        </p>
      )}
    </section>
  );
}

/**
 * Live pushes carry the event's totals only: when they move (someone booked or gave up a shift), the shifts' own
 * numbers are read again.
 */
function useShiftsFollowLiveNumbers(event: { id: string; goingCount: number; waitlistCount: number }) {
  const [, refetch] = useQuery({ query: EVENT_QUERY, variables: { id: event.id }, pause: true });
  const seen = useRef(`${event.goingCount}/${event.waitlistCount}`);
  const now = `${event.goingCount}/${event.waitlistCount}`;
  useEffect(() => {
    if (seen.current === now) return;
    seen.current = now;
    refetch({ requestPolicy: 'network-only' });
  }, [now, refetch]);
}

/** "Part of a series": the other dates, each its own event page, and the whole series for a calendar. */
export function SeriesNote({ event }: { event: EventShiftsFieldsFragment }) {
  const series = event.series;
  if (!series) return null;
  const upcoming = series.occurrences.filter((o) => o.id !== event.id && new Date(o.startsAt).getTime() > Date.now()).slice(0, 6);
  return (
    <section className="series-note" aria-labelledby="series-heading">
      <h2 id="series-heading">Repeats</h2>
      <p>
        This is one of {series.occurrences.length} dates. Each date is booked on its own.{' '}
        <a href={series.icsUrl} download>
          Add every date to your calendar
        </a>
      </p>
      {upcoming.length > 0 && (
        <ul className="series-dates">
          {upcoming.map((o) => (
            <li key={o.id}>
              <Link to={`/events/${encodeURIComponent(o.id)}`}>{formatDayTime(o.startsAt)}</Link>
              {o.status === 'CANCELLED' && ' (cancelled)'}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
