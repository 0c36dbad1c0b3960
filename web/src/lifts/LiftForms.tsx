import { formatEventTime, type LatLng, LIFT_LIMITS, LIMITS, plural } from '@rallypoint/shared';
import { useState } from 'react';
import { UnverifiedNotice } from '../account/UnverifiedNotice.tsx';
import { graphql } from '../generated/gql.ts';
import type { RequestLiftMutationVariables } from '../generated/graphql.ts';
import { FormWithSummary } from '../ui/ErrorSummary.tsx';
import { SelectField, TextAreaField, TextField } from '../ui/fields.tsx';
import { type BoundField, useForm } from '../ui/form.ts';
import { useResultMutation } from '../ui/result.ts';
import { Checkbox, type OnDone } from './common.tsx';
import {
  checkOffer,
  checkRequest,
  emptyOfferForm,
  emptyRequestForm,
  liftTimes,
  OFFER_FIELD_IDS,
  partyLabel,
  REQUEST_FIELD_IDS,
  SEAT_CHOICES,
  seatChoices,
  type Shift,
  type VehicleChoice,
  vehicleChoices,
} from './lifts.ts';

/** The place a lift books: the event's numbers, my RSVP and its shifts' places, written over the cached event. */
graphql(`
  fragment LiftBookingFields on Event {
    id
    goingCount
    placesLeft
    waitlistCount
    myRsvp {
      id
      status
      guests
      waitlistPosition
    }
    shifts {
      ...ShiftPlacesFields
    }
  }
`);

/** Offering seats books my place too (refused when the event is full: drivers need a place). */
const OFFER_LIFT_MUTATION = graphql(`
  mutation OfferLift($eventId: ID!, $input: LiftOfferInput!, $shiftId: ID) {
    offerLift(eventId: $eventId, input: $input, shiftId: $shiftId) {
      ... on MutationOfferLiftSuccess {
        data {
          id
          status
          event {
            ...LiftBookingFields
          }
        }
      }
      ...ErrorFields
    }
  }
`);

/** Asking books my party's place too; when the event is full, EventFullError unless I chose the waitlist. */
const REQUEST_LIFT_MUTATION = graphql(`
  mutation RequestLift($eventId: ID!, $input: LiftRequestInput!, $joinWaitlist: Boolean, $shiftId: ID) {
    requestLift(eventId: $eventId, input: $input, joinWaitlist: $joinWaitlist, shiftId: $shiftId) {
      ... on MutationRequestLiftSuccess {
        data {
          id
          status
          event {
            ...LiftBookingFields
          }
        }
      }
      ... on EventFullError {
        canJoinWaitlist
      }
      ...ErrorFields
    }
  }
`);

type Home = { label: string; location: LatLng } | null;

/**
 * The shift a lift is for, on an event with shifts: the one I have a place on (or wait for) first, else the first
 * with places left, else the first still to come.
 */
function useShiftChoice(shifts: readonly Shift[]) {
  const open = shifts.filter((s) => new Date(s.endsAt).getTime() > Date.now());
  const booked = (status: string) => open.find((s) => s.myRsvp?.status === status);
  const initial = booked('GOING') ?? booked('WAITLISTED') ?? open.find((s) => s.placesLeft !== 0) ?? open[0];
  const [chosen, setChosen] = useState<string | null>(initial?.id ?? null);
  const shiftId = open.some((s) => s.id === chosen) ? chosen : (initial?.id ?? null);
  return { open, shiftId, shift: open.find((s) => s.id === shiftId) ?? null, setShiftId: setChosen };
}

/** A lift goes to one shift: it arrives before that shift starts and comes back after it ends. */
function ShiftField({ id, choice, onChange }: { id: string; choice: ReturnType<typeof useShiftChoice>; onChange?: (shift: Shift) => void }) {
  if (choice.open.length === 0) return null;
  return (
    <div className="field">
      <label htmlFor={id}>Shift</label>
      <p className="hint" id={`${id}-hint`}>
        The lift is for this shift: it gets there before the shift starts, and books your place on it if you have not yet.
      </p>
      <select
        id={id}
        aria-describedby={`${id}-hint`}
        value={choice.shiftId ?? ''}
        onChange={(e) => {
          choice.setShiftId(e.target.value);
          const next = choice.open.find((s) => s.id === e.target.value);
          if (next) onChange?.(next);
        }}
      >
        {choice.open.map((s) => (
          <option key={s.id} value={s.id}>
            {formatEventTime(s.startsAt, s.endsAt)}
            {shiftNote(s)}
          </option>
        ))}
      </select>
    </div>
  );
}

function shiftNote(s: Shift): string {
  if (s.myRsvp?.status === 'GOING') return ' (you are going)';
  if (s.myRsvp?.status === 'WAITLISTED') return ' (you are on its waitlist)';
  if (s.placesLeft === 0) return ' (full: waitlist)';
  return s.placesLeft == null ? '' : ` (${plural(s.placesLeft, 'place')} left)`;
}

interface OfferLiftFormProps {
  eventId: string;
  startsAt: string;
  /** With the start: departures must be in the window before it starts (`earliestDeparture`); the lift back after it ends. */
  endsAt: string;
  venue: LatLng;
  home: Home;
  /** The event's shifts (none: booked as a whole). */
  shifts: readonly Shift[];
  /** The viewer runs the event: they may offer a coach. */
  organiser?: boolean;
  onDone: OnDone;
}

export function OfferLiftForm({ eventId, startsAt, endsAt, venue, home, shifts, organiser = false, onDone }: OfferLiftFormProps) {
  const [offerLift] = useResultMutation(OFFER_LIFT_MUTATION);
  const shift = useShiftChoice(shifts);
  const times = liftTimes({ startsAt, endsAt }, shift.shift);
  const what = times.shift ? 'shift' : 'event';
  const form = useForm({
    initial: () => emptyOfferForm(times.startsAt, venue, home),
    fields: OFFER_FIELD_IDS,
    // The same rule the API applies, so the message is the same too.
    validate: (values) => checkOffer(values, times),
    submit: (d) =>
      offerLift({
        eventId,
        shiftId: shift.shiftId,
        input: { ...d, departAt: d.departAt.toISOString(), returnDepartAt: d.returnDepartAt?.toISOString() ?? null },
      }),
    onSuccess: () => onDone("Your lift offer is up and you're going: your place is booked. Riders near your route can now ask you."),
  });

  return (
    <>
    <UnverifiedNotice what="offer lifts" level={3} />
    <FormWithSummary form={form} {...LIFT_FORM} submit="Offer my seats" label="Offer a lift" titleId="offer-errors-title">
      <ShiftField
        id="offer-shift"
        choice={shift}
        onChange={(next) => {
          // The suggested departure follows the shift, unless the driver has chosen their own.
          const suggested = emptyOfferForm(times.startsAt, venue, home).departAt;
          if (form.values.departAt === suggested) form.set({ departAt: emptyOfferForm(next.startsAt, venue, home).departAt }, ['departAt']);
        }}
      />
      <OriginField label="Where you start from" {...form.bind('postcode')} />
      <TextField
        label="Leaving at"
        type="datetime-local"
        hint={`UK time, on the day of the ${what} (the evening before for a start in the small hours), before it starts. Leave enough time to pick people up and park.`}
        {...form.bind('departAt')}
      />
      <SelectField
        label="Vehicle"
        hint={organiser ? 'A coach takes up to 70 and stops only at the pickup hubs.' : undefined}
        className="input-short"
        {...form.bind('vehicle')}
        onChange={(e) => {
          const vehicle = e.target.value as VehicleChoice;
          // Fewer seats in a car than a coach had: keep the choice within the list.
          const seats = Math.min(Number(form.values.seats) || 1, seatChoices(vehicle).length);
          form.set({ vehicle, seats: String(seats) }, ['vehicle', 'seats']);
        }}
      >
        {vehicleChoices(organiser).map((v) => (
          <option key={v.value} value={v.value}>
            {v.label}
          </option>
        ))}
      </SelectField>
      <SelectField label="Spare seats" className="input-short" {...form.bind('seats')}>
        {seatChoices(form.values.vehicle).map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Most you will go out of your way, in km"
        hint={`Extra road km for all your pickups together (up to ${LIFT_LIMITS.detourKmMax}).`}
        type="number"
        inputMode="decimal"
        min={0}
        max={LIFT_LIMITS.detourKmMax}
        step="any"
        className="input-short"
        {...form.bind('maxDetourKm')}
      />
      <Checkbox label="My car can take a wheelchair user" {...form.tick('wheelchairAccessible')} />
      <Checkbox label="I can bring people back afterwards" {...form.tick('returnTrip')} />
      {form.values.returnTrip && (
        <TextField
          label="Leaving to come back at"
          optional
          type="datetime-local"
          hint={`UK time, after the ${what} ends.`}
          {...form.bind('returnDepartAt')}
        />
      )}
      <NotesField label="Notes for riders" {...form.bind('notes')} />
    </FormWithSummary>
    </>
  );
}

interface AskLiftFormProps {
  eventId: string;
  /** "Ready from" must be before it. */
  startsAt: string;
  home: Home;
  shifts: readonly Shift[];
  /** The event's pickup hubs: with none, the rider is not asked whether they can get to one. */
  hubs?: readonly { name: string }[];
  onDone: OnDone;
}

export function AskLiftForm({ eventId, startsAt, home, shifts, hubs = [], onDone }: AskLiftFormProps) {
  const [requestLift] = useResultMutation(REQUEST_LIFT_MUTATION);
  const shift = useShiftChoice(shifts);
  const times = liftTimes({ startsAt, endsAt: startsAt }, shift.shift);
  // The event (or shift) was full: the request as sent and why, to send again with the waitlist chosen.
  const [full, setFull] = useState<{ input: RequestInput; shiftId: string | null } | null>(null);
  const [waitlistError, setWaitlistError] = useState<string | null>(null);
  const [joining, setJoining] = useState(false);
  const send = async (input: RequestInput, shiftId: string | null, joinWaitlist: boolean) => {
    const out = await requestLift({ eventId, input, joinWaitlist, shiftId });
    setFull(!out.ok && out.error?.__typename === 'EventFullError' && out.error.canJoinWaitlist ? { input, shiftId } : null);
    return out;
  };
  const booked = (status: string | undefined) =>
    onDone(
      status === 'OPEN'
        ? "You asked for a lift and you're going: your place is booked. The cars that could take you are listed below."
        : 'You asked for a lift and joined the waitlist: your request waits for a place, and you will be told if one frees up.',
    );
  const form = useForm({
    initial: () => emptyRequestForm(home),
    fields: REQUEST_FIELD_IDS,
    validate: (values) => checkRequest(values, times),
    submit: ({ readyFrom, ...input }) => send({ ...input, readyFrom: readyFrom?.toISOString() ?? null }, shift.shiftId, false),
    onSuccess: (data) => booked(data?.status),
  });
  const joinWaitlist = async () => {
    if (!full) return;
    setJoining(true);
    setWaitlistError(null);
    const out = await send(full.input, full.shiftId, true);
    setJoining(false);
    if (out.ok) booked(out.data.status);
    else setWaitlistError(out.message);
  };

  return (
    <>
    {full && (
      <section className="banner" aria-labelledby="lift-full-heading">
        <p id="lift-full-heading">
          <strong>{full.shiftId ? 'This shift is full.' : 'This event is full.'}</strong> Join its waitlist and keep your
          lift request? It waits for a place (no car is matched until then), and you will be told if one frees up.
        </p>
        <button type="button" className="button" onClick={joinWaitlist} disabled={joining}>
          {joining ? 'Joining the waitlist…' : 'Join the waitlist and ask for a lift'}
        </button>
        {waitlistError && (
          <p className="error-message" role="alert">
            {waitlistError}
          </p>
        )}
      </section>
    )}
    <FormWithSummary form={form} {...LIFT_FORM} submit="Find me a lift" label="Ask for a lift" titleId="ask-errors-title">
      <ShiftField id="ask-shift" choice={shift} />
      <OriginField label="Where you need picking up" {...form.bind('postcode')} />
      <SelectField label="How many of you" hint="Your party always travels together." className="input-short" {...form.bind('seats')}>
        {SEAT_CHOICES.map((n) => (
          <option key={n} value={n}>
            {n === 1 ? 'Just me' : partyLabel(n)}
          </option>
        ))}
      </SelectField>
      <Checkbox label="Someone in my party uses a wheelchair" {...form.tick('needsWheelchair')} />
      <Checkbox label="I would like a lift back too" {...form.tick('returnTrip')} />
      {hubs.length > 0 && (
        <TextField
          label="I can get to a pickup hub within this many km"
          optional
          hint={`Leave blank to be picked up near where you start. Hubs: ${hubs.map((h) => h.name).join(', ')}. Up to ${LIMITS.hubReachKmMax} km.`}
          type="number"
          inputMode="decimal"
          min={0}
          max={LIMITS.hubReachKmMax}
          step="any"
          className="input-short"
          {...form.bind('hubReachKm')}
        />
      )}
      <TextField
        label="Ready from"
        optional
        type="datetime-local"
        hint={`UK time, before the ${times.shift ? 'shift' : 'event'} starts.`}
        {...form.bind('readyFrom')}
      />
      <NotesField label="Notes for drivers" {...form.bind('notes')} />
    </FormWithSummary>
    </>
  );
}

type RequestInput = RequestLiftMutationVariables['input'];

const LIFT_FORM = { className: 'form lift-form', sending: 'Saving…' };

/** Where the lift starts: a postcode, of which others see only the district. */
function OriginField(props: BoundField & { label: string }) {
  return (
    <TextField
      hint='Your postcode or its first half, like "LS6". Others only see the district.'
      autoComplete="postal-code"
      autoCapitalize="characters"
      className="input-short"
      {...props}
    />
  );
}

function NotesField(props: BoundField & { label: string }) {
  return (
    <TextAreaField
      optional
      rows={2}
      maxLength={LIFT_LIMITS.notesMax + 50}
      hint="Seen by signed-in members. Keep your address for the pickup details."
      {...props}
    />
  );
}
