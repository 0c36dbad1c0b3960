import { formatEventTime } from '@rallypoint/shared';
import { useQuery } from 'urql';
import { graphql } from '../generated/gql.ts';
import type { MyLiftPlansQuery } from '../generated/graphql.ts';
import { transportMessage } from '../ui/errors.ts';
import { Link } from '../ui/router.tsx';
import { formatDeparture, partyLabel } from './lifts.ts';

/** What an offer or a request in my lift plans shows of its event, and of each of its lifts. */
graphql(`
  fragment LiftPlanEventFields on Event {
    id
    title
    startsAt
    endsAt
    areaLabel
  }
`);

/** On an event with shifts, the shift a lift is for: it arrives before that shift, not the event, starts. */
graphql(`
  fragment LiftPlanShiftFields on EventShift {
    id
    startsAt
    endsAt
  }
`);

graphql(`
  fragment LiftPlanMatchFields on LiftMatch {
    id
    status
    viewerCanAccept
    otherSideFullName
  }
`);

/** My lift offers and requests to events that have not ended, each with its proposals and agreed lifts. */
const MY_LIFT_PLANS_QUERY = graphql(`
  query MyLiftPlans {
    me {
      id
      liftOffers {
        id
        status
        seats
        seatsLeft
        maxDetourKm
        departAt
        origin {
          label
        }
        shift {
          ...LiftPlanShiftFields
        }
        event {
          ...LiftPlanEventFields
        }
        matches {
          ...LiftPlanMatchFields
          request {
            id
            seats
            rider {
              id
              displayName
            }
          }
        }
      }
      liftRequests {
        id
        status
        seats
        origin {
          label
        }
        shift {
          ...LiftPlanShiftFields
        }
        event {
          ...LiftPlanEventFields
        }
        matches {
          ...LiftPlanMatchFields
          offer {
            id
            departAt
            driver {
              id
              displayName
            }
          }
        }
      }
    }
  }
`);

type Me = NonNullable<MyLiftPlansQuery['me']>;
type Offer = Me['liftOffers'][number];
type Request = Me['liftRequests'][number];
type LiftEvent = Offer['event'];

/** Where a match stands, from my side: who proposed it, or that it is agreed. */
function matchState(m: { status: string; viewerCanAccept: boolean }): string {
  if (m.status === 'ACCEPTED') return 'Agreed';
  return m.viewerCanAccept ? 'Proposed to you: answer on the event page' : 'Proposed by you: waiting for an answer';
}

/** My plans' lifts section. */
export function MyLiftPlans() {
  const [{ data, fetching, error }] = useQuery({ query: MY_LIFT_PLANS_QUERY });
  const me = data?.me;
  return (
    <section aria-labelledby="my-lifts-heading">
      <h2 id="my-lifts-heading">My lifts</h2>
      {!me ? (
        <p role="status">{fetching ? 'Loading your lifts…' : transportMessage(error)}</p>
      ) : me.liftOffers.length === 0 && me.liftRequests.length === 0 ? (
        <p>No lifts offered or asked for. Offer or ask for one on an event's page.</p>
      ) : (
        <ul className="event-list" data-testid="my-lifts">
          {me.liftOffers.map((o) => (
            <li key={o.id} className="lift-card">
              <EventLine event={o.event} shift={o.shift} />
              <p>
                <strong>Offering a lift</strong>: {o.seatsLeft} of {o.seats} seats free, from {o.origin.label}, leaving{' '}
                {formatDeparture(o.departAt)}, up to {o.maxDetourKm} km out of your way.
              </p>
              <OfferMatches offer={o} />
            </li>
          ))}
          {me.liftRequests.map((r) => (
            <li key={r.id} className="lift-card">
              <EventLine event={r.event} shift={r.shift} />
              <p>
                <strong>{r.status === 'MATCHED' ? 'Lift agreed' : r.status === 'WAITING' ? 'Waiting for a place' : 'Looking for a lift'}</strong>: {partyLabel(r.seats)} from{' '}
                {r.origin.label}.
              </p>
              <RequestMatches request={r} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function EventLine({ event, shift }: { event: LiftEvent; shift: Offer['shift'] }) {
  const path = `/events/${encodeURIComponent(event.id)}`;
  // A lift for one shift is timed by it: the shift's time, not the whole day's.
  const when = shift ?? event;
  return (
    <p>
      <Link to={path}>{event.title}</Link> · {shift && 'shift '}
      <time dateTime={when.startsAt}>{formatEventTime(when.startsAt, when.endsAt)}</time> · {event.areaLabel} ·{' '}
      <Link to={`${path}#lifts-heading`}>Lifts for {event.title}</Link>
    </p>
  );
}

function OfferMatches({ offer }: { offer: Offer }) {
  if (offer.matches.length === 0) return <p className="hint">No riders yet.</p>;
  return (
    <ul className="lift-list">
      {offer.matches.map((m) => (
        <li key={m.id}>
          {m.otherSideFullName ?? m.request.rider.displayName} ({partyLabel(m.request.seats)}): {matchState(m)}
        </li>
      ))}
    </ul>
  );
}

function RequestMatches({ request }: { request: Request }) {
  if (request.matches.length === 0) return <p className="hint">No car proposed yet.</p>;
  return (
    <ul className="lift-list">
      {request.matches.map((m) => (
        <li key={m.id}>
          With {m.otherSideFullName ?? m.offer.driver.displayName}, leaving {formatDeparture(m.offer.departAt)}: {matchState(m)}
        </li>
      ))}
    </ul>
  );
}
