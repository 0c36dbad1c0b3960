import { sentence } from '@rallypoint/shared';
import { useQuery } from 'urql';
import { graphql } from '../generated/gql.ts';
import type { LiftBackQuery } from '../generated/graphql.ts';
import { useResultMutation } from '../ui/result.ts';
import { AcceptDecline, AgreedLift, LiftActionButton, LiftList, type OnDone, useLiftAction, WithdrawButton } from './common.tsx';
import { detourLabel, dropOffLabel, formatDeparture, groupMatches, partyLabel, seatsLabel } from './lifts.ts';

/**
 * The lift back: its own leg, matched and booked apart from the way there, with its own seats. Read through
 * `event(id)`, so every lift change (cache.ts) brings it up to date with the rest of the event's lifts.
 */
export const LIFT_BACK_QUERY = graphql(`
  query LiftBack($id: ID!) {
    event(id: $id) {
      id
      myLiftOffer {
        id
        seats
        returnTrip
        returnDepartAt
        returnSeatsLeft
        back: matches(leg: RETURN) {
          ...LiftMatchFields
          leg
          request {
            ...LiftRequestFields
          }
        }
      }
      myLiftRequest {
        id
        status
        returnTrip
        back: matches(leg: RETURN) {
          ...LiftMatchFields
          leg
          offer {
            ...LiftOfferFields
            returnSeatsLeft
          }
        }
        backCandidates: candidates(leg: RETURN) {
          detourKm
          seatsLeft
          offer {
            ...LiftOfferFields
            returnSeatsLeft
          }
        }
      }
    }
  }
`);

const PROPOSE_LIFT_BACK_MUTATION = graphql(`
  mutation ProposeLiftBack($offerId: ID!, $requestId: ID!) {
    proposeLift(offerId: $offerId, requestId: $requestId, leg: RETURN) {
      ... on MutationProposeLiftSuccess {
        data {
          ...LiftMatchResultFields
          leg
        }
      }
      ...ErrorFields
    }
  }
`);

type Lifts = NonNullable<LiftBackQuery['event']>;
type BackOffer = NonNullable<Lifts['myLiftRequest']>['back'][number]['offer'];

/** "leaving Sat 5 Dec, 17:30", or that the time is for the two to agree. */
export const leavingBack = (returnDepartAt: string | null | undefined): string =>
  returnDepartAt ? `leaving ${formatDeparture(returnDepartAt)}` : 'time to agree with the driver';

function useLiftBack(eventId: string) {
  const [{ data }] = useQuery({ query: LIFT_BACK_QUERY, variables: { id: eventId } });
  return data?.event ?? null;
}

/** The rider's lift back: agreed, offered, asked, or the cars that could bring them back. */
export function RiderLiftBack({ eventId, onDone }: { eventId: string; onDone: OnDone }) {
  const request = useLiftBack(eventId)?.myLiftRequest;
  const action = useLiftAction(onDone);
  const [propose] = useResultMutation(PROPOSE_LIFT_BACK_MUTATION);
  if (!request?.returnTrip || request.status === 'CANCELLED') return null;
  const { incoming, outgoing, accepted } = groupMatches(request.back);
  const agreed = accepted[0];
  const asked = new Set(request.back.filter((m) => m.status === 'PROPOSED').map((m) => m.offer.id));
  const candidates = (request.backCandidates ?? []).filter((c) => !asked.has(c.offer.id));

  return (
    <div className="lift-card lift-back" data-testid="rider-lift-back">
      <h4>Your lift back</h4>
      {agreed ? (
        <>
          <p className="lift-summary">
            <strong>
              Lift back with {agreed.otherSideFullName ?? agreed.offer.driver.displayName}, {leavingBack(agreed.offer.returnDepartAt)}.
            </strong>
          </p>
          <p className="lift-pickup">{dropOffLabel(agreed)}</p>
          <AgreedLift match={agreed} otherName={agreed.offer.driver.displayName} side="RIDER" action={action} />
        </>
      ) : request.status === 'WAITING' ? (
        <p>Once you have a place, drivers going back your way can take you.</p>
      ) : (
        <>
          <LiftList items={incoming} label="Drivers offering you a lift back">
            {(m) => (
              <>
                <BackOfferLine offer={m.offer} detourKm={m.detourKm} />
                <p className="lift-pickup">{dropOffLabel(m)}</p>
                <AcceptDecline matchId={m.id} otherName={m.offer.driver.displayName} action={action} />
              </>
            )}
          </LiftList>
          <LiftList items={outgoing} label="Waiting for drivers to answer about your lift back">
            {(m) => (
              <>
                <BackOfferLine offer={m.offer} detourKm={m.detourKm} />
                <p className="lift-pickup">{dropOffLabel(m)}</p>
                <p className="lift-state">You asked this driver for a lift back.</p>
                <WithdrawButton matchId={m.id} otherName={m.offer.driver.displayName} action={action} />
              </>
            )}
          </LiftList>
          {candidates.length > 0 ? (
            <ol className="lift-list" aria-label="Cars that could bring you back">
              {candidates.map((c) => (
                <li key={c.offer.id} className="lift-item">
                  <BackOfferLine offer={c.offer} detourKm={c.detourKm} />
                  <LiftActionButton
                    id={c.offer.id}
                    action={action}
                    run={() => propose({ offerId: c.offer.id, requestId: request.id })}
                    done={`${sentence(`You asked ${c.offer.driver.displayName} for a lift back.`)} They will see it when they next look.`}
                  >
                    Ask for a lift back<span className="visually-hidden"> with {c.offer.driver.displayName}</span>
                  </LiftActionButton>
                </li>
              ))}
            </ol>
          ) : (
            incoming.length + outgoing.length === 0 && <p>No car offers seats back near you yet: drivers who do will show here.</p>
          )}
        </>
      )}
    </div>
  );
}

function BackOfferLine({ offer, detourKm }: { offer: BackOffer; detourKm: number }) {
  return (
    <>
      <p>
        <strong>{offer.driver.displayName}</strong> back to {offer.origin.label}, {leavingBack(offer.returnDepartAt)}
      </p>
      <p className="lift-meta">
        <span>{detourLabel(detourKm)}</span> · <span>{seatsLabel(offer.returnSeatsLeft ?? 0)} back left</span>
      </p>
    </>
  );
}

/** The driver's riders back: those asking, those agreed, and the seats back left. */
export function DriverLiftBack({ eventId, onDone }: { eventId: string; onDone: OnDone }) {
  const offer = useLiftBack(eventId)?.myLiftOffer;
  const action = useLiftAction(onDone);
  if (!offer?.returnTrip) return null;
  const { incoming, outgoing, accepted } = groupMatches(offer.back);
  const riderLine = (m: (typeof offer.back)[number]) => (
    <>
      <p>
        <strong>{m.otherSideFullName ?? m.request.rider.displayName}</strong> back to {m.request.origin.label} ·{' '}
        {partyLabel(m.request.seats)} · {detourLabel(m.detourKm)}
      </p>
      <p className="lift-pickup">{dropOffLabel(m)}</p>
    </>
  );

  return (
    <div className="lift-card lift-back" data-testid="driver-lift-back">
      <h4>Riders back</h4>
      <p className="lift-summary">
        Your lift back is {leavingBack(offer.returnDepartAt)}: {offer.returnSeatsLeft ?? 0} of {offer.seats} seats back free.
      </p>
      <LiftList items={incoming} label="Riders asking you for a lift back">
        {(m) => (
          <>
            {riderLine(m)}
            <AcceptDecline matchId={m.id} otherName={m.request.rider.displayName} action={action} />
          </>
        )}
      </LiftList>
      {accepted.length === 0 && <p>Nobody back with you yet.</p>}
      <LiftList items={accepted} label="Riders you are taking back">
        {(m) => (
          <>
            {riderLine(m)}
            <p className="lift-pickup">Back with you, {leavingBack(offer.returnDepartAt)}</p>
            <AgreedLift match={m} otherName={m.request.rider.displayName} side="DRIVER" action={action} />
          </>
        )}
      </LiftList>
      <LiftList items={outgoing} label="Riders you offered a lift back">
        {(m) => (
          <>
            {riderLine(m)}
            <WithdrawButton matchId={m.id} otherName={m.request.rider.displayName} action={action} />
          </>
        )}
      </LiftList>
    </div>
  );
}
