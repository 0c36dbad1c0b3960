import { type FieldError, LIFT_LIMITS, type LatLng, liftOfferSchema, liftRequestSchema, toFieldErrors } from '@rallypoint/shared';
import { type FormEvent, useState } from 'react';
import { graphql } from '../generated/gql.ts';
import { type FieldErrorMap, fieldErrorMap } from '../ui/errors.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { SelectField, TextAreaField, TextField } from '../ui/fields.tsx';
import { type Outcome, useResultMutation } from '../ui/result.ts';
import { Checkbox, type OnDone } from './common.tsx';
import {
  departureErrors,
  emptyOfferForm,
  emptyRequestForm,
  OFFER_FIELDS,
  type OfferFormValues,
  offerFormToRaw,
  partyLabel,
  REQUEST_FIELDS,
  type RequestFormValues,
  requestFormToRaw,
  SEAT_CHOICES,
  withOriginError,
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
type LiftOfferData = ReturnType<typeof liftOfferSchema.parse>;

/** Form state, client-side validation with a shared schema, and server errors mapped back onto the fields. */
function useLiftForm<V extends object>(initial: V, fields: readonly string[]) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrorMap>({});
  const [attempt, setAttempt] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const set = <K extends keyof V>(field: K, value: V[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => {
      if (!e[field as string]) return e;
      const { [field as string]: _, ...rest } = e;
      return rest;
    });
  };
  const submit = async <T,>(
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: Parameters<typeof toFieldErrors>[0] } },
    raw: Record<string, unknown>,
    send: (data: T) => Promise<Outcome<unknown>>,
    /** Checks the schema cannot make (they need the event), reported with its errors. */
    more: FieldError[] = [],
  ): Promise<boolean> => {
    setAttempt((a) => a + 1);
    const parsed = schema.safeParse(raw);
    if (!parsed.success || more.length > 0) {
      const schemaErrors = parsed.success ? [] : withOriginError(toFieldErrors(parsed.error), raw);
      setErrors(fieldErrorMap([...schemaErrors, ...more], fields));
      return false;
    }
    setSubmitting(true);
    const out = await send(parsed.data);
    setSubmitting(false);
    if (!out.ok) {
      const map = fieldErrorMap(out.fieldErrors, fields);
      setErrors(Object.keys(map).length > 0 ? map : { _form: out.message });
      return false;
    }
    setErrors({});
    return true;
  };
  return { values, set, errors, attempt, submitting, submit };
}

const OFFER_IDS: Record<string, string> = {
  postcode: 'offer-postcode',
  departAt: 'offer-departAt',
  seats: 'offer-seats',
  maxDetourKm: 'offer-maxDetourKm',
  wheelchairAccessible: 'offer-wheelchair',
  returnTrip: 'offer-return',
  notes: 'offer-notes',
};

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
  const form = useLiftForm<OfferFormValues>(emptyOfferForm(startsAt, venue, home), OFFER_FIELDS);
  const [offerLift] = useResultMutation(OFFER_LIFT_MUTATION);
  const { values, set, errors } = form;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const raw = offerFormToRaw(values);
    const send = async (d: LiftOfferData) => {
      const input = {
        postcode: d.postcode ?? null,
        departAt: d.departAt.toISOString(),
        seats: d.seats,
        maxDetourKm: d.maxDetourKm,
        wheelchairAccessible: d.wheelchairAccessible,
        returnTrip: d.returnTrip,
        notes: d.notes,
      };
      return offerLift({ eventId, input });
    };
    // The same rule the API applies (on the event's day, before it ends), so the message is the same too.
    const ok = await form.submit(liftOfferSchema, raw, send, departureErrors(raw, { startsAt, endsAt }));
    if (ok) onDone('Your lift offer is up. Riders near your route can now ask you.');
  };

  return (
    <>
      <ErrorSummary errors={errors} fieldIds={OFFER_IDS} attempt={form.attempt} titleId="offer-errors-title" />
      <form className="form lift-form" onSubmit={onSubmit} noValidate aria-label="Offer a lift">
        <TextField
          id="offer-postcode"
          label="Where you start from"
          hint='Your postcode or its first half, like "LS6". Others only see the district.'
          autoComplete="postal-code"
          autoCapitalize="characters"
          className="input-short"
          value={values.postcode}
          error={errors.postcode}
          onChange={(e) => set('postcode', e.target.value)}
        />
        <TextField
          id="offer-departAt"
          label="Leaving at"
          type="datetime-local"
          hint="UK time, on the day of the event. Leave enough time to pick people up and park."
          value={values.departAt}
          error={errors.departAt}
          onChange={(e) => set('departAt', e.target.value)}
        />
        <SelectField
          id="offer-seats"
          label="Spare seats"
          className="input-short"
          value={values.seats}
          error={errors.seats}
          onChange={(e) => set('seats', e.target.value)}
        >
          {SEAT_CHOICES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </SelectField>
        <TextField
          id="offer-maxDetourKm"
          label="Most you will go out of your way, in km"
          hint={`Extra road km for all your pickups together (up to ${LIFT_LIMITS.detourKmMax}).`}
          type="number"
          inputMode="decimal"
          min={0}
          max={LIFT_LIMITS.detourKmMax}
          step="any"
          className="input-short"
          value={values.maxDetourKm}
          error={errors.maxDetourKm}
          onChange={(e) => set('maxDetourKm', e.target.value)}
        />
        <Checkbox
          id="offer-wheelchair"
          label="My car can take a wheelchair user"
          checked={values.wheelchairAccessible}
          onChange={(v) => set('wheelchairAccessible', v)}
        />
        <Checkbox
          id="offer-return"
          label="I can bring people back afterwards"
          checked={values.returnTrip}
          onChange={(v) => set('returnTrip', v)}
        />
        <TextAreaField
          id="offer-notes"
          label="Notes for riders"
          optional
          rows={2}
          maxLength={LIFT_LIMITS.notesMax + 50}
          hint="Seen by signed-in members. Keep your address for the pickup details."
          value={values.notes}
          error={errors.notes}
          onChange={(e) => set('notes', e.target.value)}
        />
        <button type="submit" className="button" disabled={form.submitting}>
          {form.submitting ? 'Saving…' : 'Offer my seats'}
        </button>
      </form>
    </>
  );
}

const REQUEST_IDS: Record<string, string> = {
  postcode: 'ask-postcode',
  seats: 'ask-seats',
  needsWheelchair: 'ask-wheelchair',
  returnTrip: 'ask-return',
  notes: 'ask-notes',
};

export function AskLiftForm({ eventId, home, onDone }: { eventId: string; home: Home; onDone: OnDone }) {
  const form = useLiftForm<RequestFormValues>(emptyRequestForm(home), REQUEST_FIELDS);
  const [requestLift] = useResultMutation(REQUEST_LIFT_MUTATION);
  const { values, set, errors } = form;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.submit(liftRequestSchema, requestFormToRaw(values), async (d) => {
      const input = {
        postcode: d.postcode ?? null,
        seats: d.seats,
        needsWheelchair: d.needsWheelchair,
        returnTrip: d.returnTrip,
        notes: d.notes,
      };
      return requestLift({ eventId, input });
    });
    if (ok) onDone('You asked for a lift. The cars that could take you are listed below.');
  };

  return (
    <>
      <ErrorSummary errors={errors} fieldIds={REQUEST_IDS} attempt={form.attempt} titleId="ask-errors-title" />
      <form className="form lift-form" onSubmit={onSubmit} noValidate aria-label="Ask for a lift">
        <TextField
          id="ask-postcode"
          label="Where you need picking up"
          hint='Your postcode or its first half, like "LS6". Others only see the district.'
          autoComplete="postal-code"
          autoCapitalize="characters"
          className="input-short"
          value={values.postcode}
          error={errors.postcode}
          onChange={(e) => set('postcode', e.target.value)}
        />
        <SelectField
          id="ask-seats"
          label="How many of you"
          hint="Your party always travels together."
          className="input-short"
          value={values.seats}
          error={errors.seats}
          onChange={(e) => set('seats', e.target.value)}
        >
          {SEAT_CHOICES.map((n) => (
            <option key={n} value={n}>
              {n === 1 ? 'Just me' : partyLabel(n)}
            </option>
          ))}
        </SelectField>
        <Checkbox
          id="ask-wheelchair"
          label="Someone in my party uses a wheelchair"
          checked={values.needsWheelchair}
          onChange={(v) => set('needsWheelchair', v)}
        />
        <Checkbox
          id="ask-return"
          label="I would like a lift back too"
          checked={values.returnTrip}
          onChange={(v) => set('returnTrip', v)}
        />
        <TextAreaField
          id="ask-notes"
          label="Notes for drivers"
          optional
          rows={2}
          maxLength={LIFT_LIMITS.notesMax + 50}
          hint="Seen by signed-in members. Keep your address for the pickup details."
          value={values.notes}
          error={errors.notes}
          onChange={(e) => set('notes', e.target.value)}
        />
        <button type="submit" className="button" disabled={form.submitting}>
          {form.submitting ? 'Saving…' : 'Find me a lift'}
        </button>
      </form>
    </>
  );
}
