import { type LatLng, LIFT_LIMITS, setLiftOfferDetourSchema, toLondonInputValue } from '@rallypoint/shared';
import { graphql } from '../generated/gql.ts';
import { TextField } from '../ui/fields.tsx';
import { useForm } from '../ui/form.ts';
import { useResultMutation } from '../ui/result.ts';
import { type DriverMatch, type LiftRequestInfo, type MyLiftOffer, PROPOSE_LIFT_MUTATION } from './documents.ts';
import {
  checkDeparture,
  detourLabel,
  domId,
  type FormTimes,
  formatDeparture,
  groupMatches,
  liftTimes,
  partyLabel,
  pickupLabel,
  ridersOnMyWay,
  type Shift,
  shiftTimeOf,
} from './lifts.ts';

const CANCEL_LIFT_OFFER_MUTATION = graphql(`
  mutation CancelLiftOffer($id: ID!) {
    cancelLiftOffer(id: $id) {
      ... on MutationCancelLiftOfferSuccess {
        data {
          id
          status
          seatsLeft
          event {
            id
          }
        }
      }
      ...ErrorFields
    }
  }
`);
/** The driver goes further (asked to stretch by the organisers, say), or less far. */
const SET_LIFT_OFFER_DETOUR_MUTATION = graphql(`
  mutation SetLiftOfferDetour($id: ID!, $maxDetourKm: Float!) {
    setLiftOfferDetour(id: $id, maxDetourKm: $maxDetourKm) {
      ... on MutationSetLiftOfferDetourSuccess {
        data {
          id
          maxDetourKm
          event {
            id
          }
        }
      }
      ...ErrorFields
    }
  }
`);

/** The driver leaves at another time: their agreed riders' pickups move with it (the API checks they still work). */
const SET_LIFT_OFFER_DEPARTURE_MUTATION = graphql(`
  mutation SetLiftOfferDeparture($id: ID!, $departAt: DateTime!) {
    setLiftOfferDeparture(id: $id, departAt: $departAt) {
      ... on MutationSetLiftOfferDepartureSuccess {
        data {
          id
          departAt
          matches {
            id
            pickupAt
          }
          event {
            id
          }
        }
      }
      ...ErrorFields
    }
  }
`);

import { AcceptDecline, AgreedLift, ConfirmButton, type OnDone, useLiftAction, WithdrawButton } from './common.tsx';

/** The driver's side: my car, riders asking me, riders I agreed to take, and riders I could offer a seat. */
export function MyOffer({
  offer,
  openRequests,
  venue,
  times,
  shifts,
  onDone,
}: {
  offer: MyLiftOffer;
  openRequests: LiftRequestInfo[];
  venue: LatLng;
  /** The event's start and end (a new departure is checked against them, or against the lift's shift). */
  times: { startsAt: string; endsAt: string };
  /** The event's shifts: the one my lift is for is named. */
  shifts: readonly Shift[];
  onDone: OnDone;
}) {
  const shiftTime = shiftTimeOf(offer.shift, shifts);
  const action = useLiftAction(onDone);
  const [cancel] = useResultMutation(CANCEL_LIFT_OFFER_MUTATION);
  const [propose] = useResultMutation(PROPOSE_LIFT_MUTATION);
  const { incoming, outgoing, accepted } = groupMatches(offer.matches);
  const nearby = offer.seatsLeft > 0 ? ridersOnMyWay(offer, openRequests, venue) : [];

  const offerSeat = (request: LiftRequestInfo) =>
    action.run(
      request.id,
      () => propose({ offerId: offer.id, requestId: request.id }),
      `You offered ${request.rider.displayName} a seat. They will see it when they next look.`,
    );

  return (
    <div className="lift-card">
      <p className="lift-summary">
        <strong>
          You are driving from {offer.origin.label}, leaving {formatDeparture(offer.departAt)}.
        </strong>
      </p>
      <ul className="lift-facts">
        <li>
          {offer.seatsLeft} of {offer.seats} seats free
        </li>
        <li>Up to {offer.maxDetourKm} km out of your way</li>
        <li>{shiftTime ? `You are going to the shift ${shiftTime}: arrive before it starts` : 'You are going: your place at the event is booked'}</li>
        {offer.vehicle !== 'CAR' && <li>{offer.vehicle === 'COACH' ? 'Coach: stops only at the pickup hubs' : 'Minibus'}</li>}
        {offer.wheelchairAccessible && <li>Wheelchair accessible</li>}
        {offer.returnTrip && <li>Return trip too{offer.returnDepartAt ? `, leaving ${formatDeparture(offer.returnDepartAt)}` : ''}</li>}
      </ul>
      {offer.notes && <p className="hint">Your notes: {offer.notes}</p>}
      <DetourLimit offerId={offer.id} current={offer.maxDetourKm} onDone={onDone} />
      <Departure
        offerId={offer.id}
        current={offer.departAt}
        times={liftTimes(times, shifts.find((s) => s.id === offer.shift?.id))}
        riders={accepted.length > 0}
        onDone={onDone}
      />

      {incoming.length > 0 && (
        <>
          <h4>Riders asking you</h4>
          <ul className="lift-list">
            {incoming.map((m) => (
              <li key={m.id} className="lift-item">
                <RiderLine match={m} />
                <AcceptDecline matchId={m.id} otherName={m.request.rider.displayName} action={action} />
              </li>
            ))}
          </ul>
        </>
      )}

      <h4>Riders you are taking</h4>
      {accepted.length === 0 ? (
        <p>Nobody yet.</p>
      ) : (
        <ul className="lift-list">
          {accepted.map((m) => (
            <li key={m.id} className="lift-item">
              <RiderLine match={m} />
              <AgreedLift match={m} otherName={m.request.rider.displayName} side="DRIVER" action={action} />
            </li>
          ))}
        </ul>
      )}

      {outgoing.length > 0 && (
        <>
          <h4>Waiting for riders to answer</h4>
          <ul className="lift-list">
            {outgoing.map((m) => (
              <li key={m.id} className="lift-item">
                <RiderLine match={m} />
                <WithdrawButton matchId={m.id} otherName={m.request.rider.displayName} action={action} />
              </li>
            ))}
          </ul>
        </>
      )}

      {nearby.length > 0 && (
        <>
          <h4>Riders looking for a lift near your route</h4>
          <ul className="lift-list">
            {nearby.map(({ request, detourKm }) => (
              <li key={request.id} className="lift-item">
                <p>
                  <strong>{request.rider.displayName}</strong> from {request.origin.label} · {partyLabel(request.seats)} ·{' '}
                  {detourLabel(detourKm)} (estimate)
                </p>
                <RequestNeeds request={request} />
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={action.busy !== null}
                  onClick={() => offerSeat(request)}
                >
                  Offer {request.rider.displayName} a seat
                </button>
                {action.errorFor(request.id)}
              </li>
            ))}
          </ul>
        </>
      )}

      <ConfirmButton
        label="Cancel my offer"
        question="Cancel your lift offer? Riders you agreed to take will be told, and offered another car if there is one. Your place at the event stays booked."
        confirmLabel="Yes, cancel my offer"
        busy={action.busy !== null}
        onConfirm={() =>
          action.run(
            'cancel',
            () => cancel({ id: offer.id }),
            "Your lift offer is cancelled. You're still going: give up your place on this page if you can't make it.",
          )
        }
      />
      {action.errorFor('cancel')}
    </div>
  );
}

function RiderLine({ match }: { match: DriverMatch }) {
  const r = match.request;
  return (
    <>
      <p>
        <strong>{r.rider.displayName}</strong> from {r.origin.label} · {partyLabel(r.seats)} · {detourLabel(match.detourKm)}
      </p>
      <p className="lift-pickup">{pickupLabel(match)}</p>
      <RequestNeeds request={r} />
    </>
  );
}

function RequestNeeds({ request }: { request: LiftRequestInfo }) {
  const needs = [request.needsWheelchair && 'Uses a wheelchair', request.returnTrip && 'Would like a lift back'].filter(Boolean);
  return (
    <>
      {needs.length > 0 && <p className="hint">{needs.join(' · ')}</p>}
      {request.notes && <p className="lift-notes">“{request.notes}”</p>}
    </>
  );
}

/** When the driver leaves: an event or shift that moved, or plans that did. */
function Departure({ offerId, current, times, riders, onDone }: { offerId: string; current: string; times: FormTimes; riders: boolean; onDone: OnDone }) {
  const [setDeparture] = useResultMutation(SET_LIFT_OFFER_DEPARTURE_MUTATION);
  const form = useForm({
    initial: { departAt: toLondonInputValue(new Date(current)) },
    fields: { departAt: domId('departure', offerId) },
    validate: ({ departAt }) => checkDeparture(departAt, times),
    submit: ({ departAt }) => setDeparture({ id: offerId, departAt: departAt.toISOString() }),
    onSuccess: (offer) =>
      onDone(`You now leave ${formatDeparture(offer.departAt)}.${riders ? ' Riders you agreed to take are told their new pickup time.' : ''}`),
  });
  return (
    <form className="form form-inline" onSubmit={form.onSubmit} noValidate aria-label="Change when you leave">
      <TextField
        label="Leaving at"
        type="datetime-local"
        hint={`UK time, before the ${times.shift ? 'shift' : 'event'} starts.${riders ? " Your riders' pickups move with it." : ''}`}
        {...form.bind('departAt')}
        error={form.errors.departAt ?? form.errors._form}
      />
      <button type="submit" className="button button-secondary" disabled={form.submitting}>
        Change when I leave
      </button>
    </form>
  );
}

/** How far the driver will go out of their way: raising it lets riders further off the route ride along. */
function DetourLimit({ offerId, current, onDone }: { offerId: string; current: number; onDone: OnDone }) {
  const [setDetour] = useResultMutation(SET_LIFT_OFFER_DETOUR_MUTATION);
  const form = useForm({
    initial: { maxDetourKm: String(current) },
    fields: { maxDetourKm: domId('detour', offerId) },
    // An empty box is no number (not 0); a decimal comma is read as a point.
    validate: ({ maxDetourKm }) =>
      setLiftOfferDetourSchema.safeParse({ maxDetourKm: maxDetourKm.trim() === '' ? Number.NaN : Number(maxDetourKm.replace(',', '.')) }),
    submit: ({ maxDetourKm }) => setDetour({ id: offerId, maxDetourKm }),
    onSuccess: (offer) => onDone(`You will now go up to ${offer.maxDetourKm} km out of your way.`),
  });
  return (
    <form className="form form-inline" onSubmit={form.onSubmit} noValidate aria-label="Change how far you will go out of your way">
      <TextField
        label="Most you will go out of your way, in km"
        hint={`For all your pickups together (up to ${LIFT_LIMITS.detourKmMax}).`}
        type="number"
        inputMode="decimal"
        min={0}
        max={LIFT_LIMITS.detourKmMax}
        step="any"
        className="input-short"
        {...form.bind('maxDetourKm')}
        error={form.errors.maxDetourKm ?? form.errors._form}
      />
      <button type="submit" className="button button-secondary" disabled={form.submitting}>
        Change my detour limit
      </button>
    </form>
  );
}
