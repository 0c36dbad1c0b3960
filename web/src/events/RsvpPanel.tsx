import { LIMITS, plural } from '@rallypoint/shared';
import { useState } from 'react';
import { signInPath } from '../account/next.ts';
import { graphql } from '../generated/gql.ts';
import { useResultMutation } from '../ui/result.ts';
import { Link, useLocation } from '../ui/router.tsx';
import type { EventDetail } from './documents.ts';

// What a booking (an RSVP, or a shift's) changes on the event for the member: its numbers, and the address and join
// link attendees see. Answers spread EventBookingsFields beside it (their booking, and the attendees when they run
// it), not inside, to stay within the API's depth limit. The cache merges these into the page's event.
graphql(`
  fragment BookedEventFields on Event {
    id
    goingCount
    placesLeft
    waitlistCount
    venueName
    address
    postcode
    addressHidden
    location {
      lat
      lng
    }
    joinUrl
  }
`);

// The RSVP and the event as it now is for the member.
graphql(`
  fragment RsvpResultFields on Rsvp {
    id
    status
    guests
    waitlistPosition
    event {
      ...BookedEventFields
      ...EventBookingsFields
    }
  }
`);

const RSVP_MUTATION = graphql(`
  mutation Rsvp($eventId: ID!, $guests: Int) {
    rsvp(eventId: $eventId, guests: $guests) {
      ... on MutationRsvpSuccess {
        data {
          ...RsvpResultFields
        }
      }
      ...ErrorFields
    }
  }
`);

const CANCEL_RSVP_MUTATION = graphql(`
  mutation CancelRsvp($eventId: ID!) {
    cancelRsvp(eventId: $eventId) {
      ... on MutationCancelRsvpSuccess {
        data {
          ...RsvpResultFields
        }
      }
      ...ErrorFields
    }
  }
`);

/** "Going?": RSVP with guests, or your place / waitlist position and a way to give it up. */
export function RsvpPanel({ event, signedIn }: { event: EventDetail; signedIn: boolean }) {
  const location = useLocation();
  const [guests, setGuests] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [errorMessage, setErrorMessage] = useState<string | null>(null);
  const [rsvp, rsvping] = useResultMutation(RSVP_MUTATION);
  const [cancelRsvp, cancelling] = useResultMutation(CANCEL_RSVP_MUTATION);
  const mine = event.myRsvp && event.myRsvp.status !== 'CANCELLED' ? event.myRsvp : null;
  const finished = new Date(event.endsAt).getTime() < Date.now();

  if (event.status === 'CANCELLED') return <p>This event has been cancelled.</p>;
  if (finished) return <p>This event has finished.</p>;
  if (!signedIn) {
    return (
      <div className="rsvp-panel">
        <h2>Going?</h2>
        <p>
          <Link to={signInPath(location.pathname)} className="button">
            Sign in to sign up
          </Link>
        </p>
      </div>
    );
  }

  const onRsvp = async () => {
    setErrorMessage(null);
    setMessage(null);
    const out = await rsvp({ eventId: event.id, guests });
    if (!out.ok) {
      setErrorMessage(out.fieldErrors[0]?.message ?? out.message);
      return;
    }
    setMessage(
      out.data.status === 'GOING'
        ? 'See you there!' // the line above already says "You're going"
        : `The event is full, so you are on the waitlist${out.data.waitlistPosition ? ` at position ${out.data.waitlistPosition}` : ''}. We will move you up if a place frees up.`,
    );
  };

  const onCancel = async () => {
    setErrorMessage(null);
    setMessage(null);
    const out = await cancelRsvp({ eventId: event.id });
    if (!out.ok) setErrorMessage(out.message);
    else setMessage(mine?.status === 'WAITLISTED' ? 'You have left the waitlist.' : 'You have given up your place.');
  };

  const full = event.placesLeft != null && event.placesLeft < 1 + guests;
  return (
    <div className="rsvp-panel">
      <h2>Going?</h2>
      {mine ? (
        <>
          <p className="rsvp-state">
            {mine.status === 'GOING' ? (
              <strong>You're going</strong>
            ) : (
              <strong>Waitlisted{mine.waitlistPosition ? ` (#${mine.waitlistPosition})` : ''}</strong>
            )}
            {mine.guests > 0 && ` with ${plural(mine.guests, 'guest')}`}
          </p>
          <button type="button" className="button button-secondary" onClick={onCancel} disabled={cancelling}>
            {mine.status === 'GOING' ? 'Cancel my place' : 'Leave the waitlist'}
          </button>
        </>
      ) : (
        <>
          <div className="field">
            <label htmlFor="guests">Guests you are bringing</label>
            <select id="guests" value={guests} onChange={(e) => setGuests(Number(e.target.value))}>
              {Array.from({ length: LIMITS.guestsMax + 1 }, (_, n) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the index is the value
                <option key={n} value={n}>
                  {n === 0 ? 'Just me' : plural(n, 'guest')}
                </option>
              ))}
            </select>
          </div>
          {full && <p className="hint">{fullHint(event.placesLeft ?? 0)}</p>}
          <button type="button" className="button" onClick={onRsvp} disabled={rsvping}>
            {rsvping ? 'Signing you up…' : full ? 'Join the waitlist' : "I'm going"}
          </button>
        </>
      )}
      <p role="status" className="rsvp-message">
        {message}
      </p>
      {errorMessage && (
        <p className="error-message" role="alert">
          {errorMessage}
        </p>
      )}
    </div>
  );
}

function fullHint(placesLeft: number): string {
  if (placesLeft <= 0) return 'This event is full: you can join the waitlist, and we will move you up if a place frees up.';
  return `Only ${placesLeft} ${placesLeft === 1 ? 'place is' : 'places are'} left, so you and your guests would join the waitlist.`;
}
