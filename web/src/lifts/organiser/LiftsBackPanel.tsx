import { plural } from '@rallypoint/shared';
import { useQuery } from 'urql';
import { graphql } from '../../generated/gql.ts';
import { leavingBack } from '../LiftBack.tsx';
import type { MatchEveryoneSummary } from './documents.ts';

/** The lift back, for the organisers: riders still needing one (with waiting proposals) and the cars with seats back. */
const ORGANISER_LIFTS_BACK_QUERY = graphql(`
  query OrganiserLiftsBack($id: ID!) {
    event(id: $id) {
      id
      liftRequestsBack {
        ...LiftRequestBaseFields
        proposals(leg: RETURN) {
          id
          offer {
            id
            driver {
              id
              displayName
            }
          }
        }
      }
      liftOffers {
        id
        seats
        returnTrip
        returnDepartAt
        returnSeatsLeft
        driver {
          id
          displayName
        }
        origin {
          label
        }
      }
    }
  }
`);

/** "Lifts back: 2 of 3 people matched into 1 car; 2 new proposals." */
export function returnLegLine(s: Pick<MatchEveryoneSummary, 'returnLeg'>): string {
  const r = s.returnLeg;
  if (r.peopleRequested === 0) return 'Lifts back: nobody is waiting for one.';
  return `Lifts back: ${r.peopleMatched} of ${plural(r.peopleRequested, 'person', 'people')} matched into ${plural(r.carsUsed, 'car', 'cars')}; ${plural(r.proposalsCreated, 'new proposal', 'new proposals')}.`;
}

export function LiftsBackPanel({ eventId }: { eventId: string }) {
  const [{ data }] = useQuery({ query: ORGANISER_LIFTS_BACK_QUERY, variables: { id: eventId } });
  const lifts = data?.event;
  if (!lifts) return null;
  const cars = lifts.liftOffers.filter((o) => o.returnTrip);
  const riders = lifts.liftRequestsBack;
  return (
    <section className="lifts-back" aria-labelledby="lifts-back-heading">
      <h2 id="lifts-back-heading">Lifts back</h2>
      <p>
        Matched apart from the way there, after the event ends: {plural(riders.length, 'rider still needs', 'riders still need')} a
        lift back; {plural(cars.reduce((n, o) => n + (o.returnSeatsLeft ?? 0), 0), 'seat', 'seats')} back free in{' '}
        {plural(cars.length, 'car', 'cars')}.
      </p>
      {riders.length > 0 && (
        <ul aria-label="Riders still needing a lift back" data-testid="lifts-back-riders">
          {riders.map((r) => (
            <li key={r.id}>
              {r.rider.displayName} (back to {r.origin.label}, {r.seats === 1 ? '1 person' : `party of ${r.seats}`})
              {r.proposals.length > 0 && `: proposed to ${r.proposals.map((p) => p.offer.driver.displayName).join(', ')}`}
            </li>
          ))}
        </ul>
      )}
      {cars.length > 0 && (
        <ul aria-label="Cars with seats back" data-testid="lifts-back-cars">
          {cars.map((o) => (
            <li key={o.id}>
              {o.driver.displayName} (to {o.origin.label}, {leavingBack(o.returnDepartAt)}): {o.returnSeatsLeft ?? 0} of {o.seats} seats back free
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
