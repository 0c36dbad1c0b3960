import { LIFT_LIMITS, type LatLng } from '@rallypoint/shared';
import { graphql } from '../generated/gql.ts';
import { UnverifiedNotice } from '../account/UnverifiedNotice.tsx';
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
  OFFER_FIELD_IDS,
  partyLabel,
  REQUEST_FIELD_IDS,
  SEAT_CHOICES,
} from './lifts.ts';

const OFFER_LIFT_MUTATION = graphql(`
  mutation OfferLift($eventId: ID!, $input: LiftOfferInput!) {
    offerLift(eventId: $eventId, input: $input) {
      ... on MutationOfferLiftSuccess {
        data {
          id
          status
        }
      }
      ...ErrorFields
    }
  }
`);

const REQUEST_LIFT_MUTATION = graphql(`
  mutation RequestLift($eventId: ID!, $input: LiftRequestInput!) {
    requestLift(eventId: $eventId, input: $input) {
      ... on MutationRequestLiftSuccess {
        data {
          id
          status
        }
      }
      ...ErrorFields
    }
  }
`);

type Home = { label: string; location: LatLng } | null;

interface OfferLiftFormProps {
  eventId: string;
  startsAt: string;
  /** With the start: departures must be on the event's day and before it ends. */
  endsAt: string;
  venue: LatLng;
  home: Home;
  onDone: OnDone;
}

export function OfferLiftForm({ eventId, startsAt, endsAt, venue, home, onDone }: OfferLiftFormProps) {
  const [offerLift] = useResultMutation(OFFER_LIFT_MUTATION);
  const form = useForm({
    initial: () => emptyOfferForm(startsAt, venue, home),
    fields: OFFER_FIELD_IDS,
    // The same rule the API applies (on the event's day, before it ends), so the message is the same too.
    validate: (values) => checkOffer(values, { startsAt, endsAt }),
    submit: (d) => offerLift({ eventId, input: { ...d, departAt: d.departAt.toISOString() } }),
    onSuccess: () => onDone('Your lift offer is up. Riders near your route can now ask you.'),
  });

  return (
    <>
    <UnverifiedNotice what="offer lifts" level={3} />
    <FormWithSummary form={form} {...LIFT_FORM} submit="Offer my seats" label="Offer a lift" titleId="offer-errors-title">
      <OriginField label="Where you start from" {...form.bind('postcode')} />
      <TextField
        label="Leaving at"
        type="datetime-local"
        hint="UK time, on the day of the event. Leave enough time to pick people up and park."
        {...form.bind('departAt')}
      />
      <SelectField label="Spare seats" className="input-short" {...form.bind('seats')}>
        {SEAT_CHOICES.map((n) => (
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
      <NotesField label="Notes for riders" {...form.bind('notes')} />
    </FormWithSummary>
    </>
  );
}

export function AskLiftForm({ eventId, home, onDone }: { eventId: string; home: Home; onDone: OnDone }) {
  const [requestLift] = useResultMutation(REQUEST_LIFT_MUTATION);
  const form = useForm({
    initial: () => emptyRequestForm(home),
    fields: REQUEST_FIELD_IDS,
    validate: checkRequest,
    submit: (input) => requestLift({ eventId, input }),
    onSuccess: () => onDone('You asked for a lift. The cars that could take you are listed below.'),
  });

  return (
    <FormWithSummary form={form} {...LIFT_FORM} submit="Find me a lift" label="Ask for a lift" titleId="ask-errors-title">
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
      <NotesField label="Notes for drivers" {...form.bind('notes')} />
    </FormWithSummary>
  );
}

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
