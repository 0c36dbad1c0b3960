import { LIMITS, sentence } from '@rallypoint/shared';
import type { ReactNode } from 'react';
import { graphql } from '../generated/gql.ts';
import { TextField } from '../ui/fields.tsx';
import { useForm } from '../ui/form.ts';
import { useResultMutation } from '../ui/result.ts';
import { type LiftCandidate, type LiftOfferInfo, type MyLiftRequest, PROPOSE_LIFT_MUTATION, type RiderMatch } from './documents.ts';
import {
  checkReadyFrom,
  detourLabel,
  domId,
  type FormTimes,
  formatDeparture,
  groupMatches,
  liftTimes,
  partyLabel,
  pickupLabel,
  readyChangedMessage,
  readyForm,
  type Shift,
  seatsLabel,
  shiftTimeOf,
} from './lifts.ts';

const CANCEL_LIFT_REQUEST_MUTATION = graphql(`
  mutation CancelLiftRequest($id: ID!) {
    cancelLiftRequest(id: $id) {
      ... on MutationCancelLiftRequestSuccess {
        data {
          id
          status
          event {
            id
          }
        }
      }
      ...ErrorFields
    }
  }
`);
/** The rider is ready at another time, or can get to a hub more or less far: an agreed lift's pickup moves with it (the API checks it still works). */
const SET_LIFT_REQUEST_TIMES_MUTATION = graphql(`
  mutation SetLiftRequestTimes($id: ID!, $readyFrom: DateTime, $hubReachKm: Float) {
    setLiftRequestTimes(id: $id, readyFrom: $readyFrom, hubReachKm: $hubReachKm) {
      ... on MutationSetLiftRequestTimesSuccess {
        data {
          id
          readyFrom
          hubReachKm
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

/** The rider's side: my request, the agreed lift, drivers' proposals and the ranked cars I can ask. */
export function MyRequest({
  request,
  times,
  shifts,
  hubs,
  onDone,
}: {
  request: MyLiftRequest;
  /** The event's start and end (a new ready time is checked against them, or against the request's shift). */
  times: { startsAt: string; endsAt: string };
  shifts: readonly Shift[];
  /** The event's pickup hubs: with none, the rider is not asked how far they can get to one. */
  hubs: readonly { name: string }[];
  onDone: OnDone;
}) {
  const shiftTime = shiftTimeOf(request.shift, shifts);
  const action = useLiftAction(onDone);
  const [cancel] = useResultMutation(CANCEL_LIFT_REQUEST_MUTATION);
  const [propose] = useResultMutation(PROPOSE_LIFT_MUTATION);
  const { incoming, outgoing, accepted } = groupMatches(request.matches);
  const agreed = accepted[0];
  const candidates = request.candidates ?? [];

  const askDriver = (offer: LiftOfferInfo) =>
    action.run(
      offer.id,
      () => propose({ offerId: offer.id, requestId: request.id }),
      `${sentence(`You asked ${offer.driver.displayName}`)} They will see it when they next look.`,
    );

  const needs = [
    request.needsWheelchair && 'wheelchair-accessible car',
    request.returnTrip && 'a lift back too',
    request.hubReachKm != null && `can get to a pickup hub within ${request.hubReachKm} km`,
    request.readyFrom && `ready from ${formatDeparture(request.readyFrom)}`,
  ].filter(Boolean);
  return (
    <div className="lift-card">
      <p className="lift-summary">
        <strong>{agreed ? 'You have a lift.' : request.status === 'WAITING' ? 'Waiting for a place.' : 'You are looking for a lift.'}</strong>{' '}
        From {request.origin.label}, for{' '}
        {partyLabel(request.seats)}
        {needs.length > 0 && <> ({needs.join(', ')})</>}.
      </p>
      {shiftTime && (
        <p className="hint">For the shift {shiftTime}: only lifts to it are matched, and they get there before it starts.</p>
      )}
      {request.notes && <p className="hint">Your notes: {request.notes}</p>}
      {request.status === 'WAITING' && (
        <p className="hint">
          You are on the waitlist, so no car is matched to you yet. Once you have a place, your request opens to drivers by
          itself.
        </p>
      )}
      <ReadyTimes
        request={request}
        times={liftTimes(times, shifts.find((s) => s.id === request.shift?.id))}
        hubs={hubs}
        agreed={Boolean(agreed)}
        onDone={onDone}
      />

      {agreed && (
        <div className="lift-agreed">
          <h4>Your lift</h4>
          <OfferLine offer={agreed.offer} detourKm={agreed.detourKm} verb="is driving you" />
          <p className="lift-pickup">{pickupLabel(agreed)}</p>
          <AgreedLift match={agreed} otherName={agreed.offer.driver.displayName} side="RIDER" action={action} />
        </div>
      )}

      {!agreed && incoming.length > 0 && (
        <>
          <h4>Drivers offering you a seat</h4>
          <ul className="lift-list">
            {incoming.map((m) => (
              <li key={m.id} className="lift-item">
                <OfferLine offer={m.offer} detourKm={m.detourKm} />
                <p className="lift-pickup">{pickupLabel(m)}</p>
                <AcceptDecline matchId={m.id} otherName={m.offer.driver.displayName} action={action} />
              </li>
            ))}
          </ul>
        </>
      )}

      {!agreed && outgoing.length > 0 && (
        <>
          <h4>Waiting for drivers to answer</h4>
          <ul className="lift-list">
            {outgoing.map((m) => (
              <li key={m.id} className="lift-item">
                <OfferLine offer={m.offer} detourKm={m.detourKm} />
                <p className="lift-pickup">{pickupLabel(m)}</p>
                <WithdrawButton matchId={m.id} otherName={m.offer.driver.displayName} action={action} />
              </li>
            ))}
          </ul>
        </>
      )}

      {!agreed && request.status === 'OPEN' && (
        <Candidates candidates={candidates} matches={request.matches} busy={action.busy !== null} onAsk={askDriver} errorFor={action.errorFor} />
      )}

      <ConfirmButton
        label="Cancel my request"
        question={
          agreed
            ? 'Cancel your request? Your lift will be called off and the driver told.'
            : 'Cancel your request for a lift? Drivers you asked will be told.'
        }
        confirmLabel="Yes, cancel my request"
        busy={action.busy !== null}
        onConfirm={() =>
          action.run(
            'cancel',
            () => cancel({ id: request.id }),
            'Your request for a lift is cancelled.',
          )
        }
      />
      {action.errorFor('cancel')}
    </div>
  );
}

/** When the rider is ready and how far they can get to a pickup hub: plans that changed, or an event or shift that moved. */
function ReadyTimes({
  request,
  times,
  hubs,
  agreed,
  onDone,
}: {
  request: MyLiftRequest;
  times: FormTimes;
  hubs: readonly { name: string }[];
  /** A lift is agreed on the way there: its pickup moves with the new time, and the driver is told. */
  agreed: boolean;
  onDone: OnDone;
}) {
  const [setTimes] = useResultMutation(SET_LIFT_REQUEST_TIMES_MUTATION);
  const withHubs = hubs.length > 0;
  const wasReady = request.readyFrom ? new Date(request.readyFrom).getTime() : null;
  const form = useForm({
    initial: () => readyForm(request),
    // Without hubs there is no box for the distance: an error about it (from the API) shows under the ready time.
    fields: withHubs
      ? { readyFrom: domId('ready-from', request.id), hubReachKm: domId('hub-reach', request.id) }
      : { readyFrom: domId('ready-from', request.id) },
    validate: (values) => checkReadyFrom(values, times, withHubs),
    submit: ({ readyFrom, hubReachKm }) =>
      setTimes({ id: request.id, readyFrom: readyFrom?.toISOString() ?? null, hubReachKm: hubReachKm ?? null }),
    onSuccess: (changed) => {
      const ready = changed.readyFrom ? new Date(changed.readyFrom).getTime() : null;
      onDone(readyChangedMessage(changed, { hubs: withHubs, toldDriver: agreed && ready !== wasReady }));
    },
  });
  return (
    <form className="form form-inline" onSubmit={form.onSubmit} noValidate aria-label="Change when you are ready">
      <TextField
        label="Ready from"
        type="datetime-local"
        hint={`UK time, before the ${times.shift ? 'shift' : 'event'} starts. Leave empty if any time suits you.${
          agreed ? ' Your pickup time moves with it.' : ''
        }`}
        {...form.bind('readyFrom')}
        error={form.errors.readyFrom ?? form.errors._form}
      />
      {withHubs && (
        <TextField
          label="I can get to a pickup hub within this many km"
          hint={`Leave empty to be picked up near where you start. Hubs: ${hubs.map((h) => h.name).join(', ')}. Up to ${LIMITS.hubReachKmMax} km.`}
          type="number"
          inputMode="decimal"
          min={0}
          max={LIMITS.hubReachKmMax}
          step="any"
          className="input-short"
          {...form.bind('hubReachKm')}
        />
      )}
      <button type="submit" className="button button-secondary" disabled={form.submitting}>
        Change when I'm ready
      </button>
    </form>
  );
}

function Candidates({
  candidates,
  matches,
  busy,
  onAsk,
  errorFor,
}: {
  candidates: LiftCandidate[];
  matches: RiderMatch[];
  busy: boolean;
  onAsk: (offer: LiftOfferInfo) => void;
  errorFor: (key: string) => ReactNode;
}) {
  const proposed = new Map(matches.filter((m) => m.status === 'PROPOSED').map((m) => [m.offer.id, m]));
  return (
    <>
      <h4 id="lift-candidates-heading">Cars that could take you</h4>
      {candidates.length === 0 ? (
        <p>
          No car can take you yet. When a driver offers a lift that passes near you, it will show here; drivers nearby can also
          offer you a seat.
        </p>
      ) : (
        <>
          <p className="hint">Smallest detour first: the fewer km a pickup adds, the easier it is for the driver to say yes.</p>
          <ol className="lift-list" aria-labelledby="lift-candidates-heading">
            {candidates.map((c) => {
              const match = proposed.get(c.offer.id);
              return (
                <li key={c.offer.id} className="lift-item">
                  <OfferLine offer={c.offer} detourKm={c.detourKm} />
                  {match ? (
                    <p className="lift-state">
                      {match.viewerCanAccept ? 'This driver has offered you a seat (see above).' : 'You asked this driver.'}
                    </p>
                  ) : (
                    <button type="button" className="button button-secondary" disabled={busy} onClick={() => onAsk(c.offer)}>
                      Ask this driver<span className="visually-hidden"> ({c.offer.driver.displayName})</span>
                    </button>
                  )}
                  {errorFor(c.offer.id)}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </>
  );
}

/** Driver, district, departure, detour and seats of one car. */
function OfferLine({ offer, detourKm, verb }: { offer: LiftOfferInfo; detourKm: number; verb?: string }) {
  const extras = [
    offer.vehicle === 'MINIBUS' && 'Minibus',
    offer.vehicle === 'COACH' && 'Coach (stops only at the pickup hubs)',
    offer.wheelchairAccessible && 'Wheelchair accessible',
    offer.returnTrip && 'Return trip too',
  ].filter(Boolean);
  return (
    <>
      <p>
        <strong>{offer.driver.displayName}</strong>
        {verb ? ` ${verb}` : ''} from {offer.origin.label}, leaving {formatDeparture(offer.departAt)}
      </p>
      <p className="lift-meta">
        <span>{detourLabel(detourKm)}</span> · <span>{seatsLabel(offer.seatsLeft)} left</span>
        {extras.length > 0 && <> · {extras.join(' · ')}</>}
      </p>
      {offer.notes && <p className="lift-notes">“{offer.notes}”</p>}
    </>
  );
}
