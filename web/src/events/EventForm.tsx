import {
  EVENT_KIND_LABELS,
  EVENT_KINDS,
  type EventData,
  type LatLng,
  LIMITS,
  placeQuerySchema,
  toFieldErrors,
} from '@rallypoint/shared';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../generated/gql.ts';
import type { Role } from '../generated/graphql.ts';
import { CONSTITUENCIES_QUERY } from '../map/documents.ts';
import { EventMap } from '../map/EventMap.tsx';
import { type FieldErrorMap, fieldErrorMap } from '../ui/errors.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { RadioGroup, SelectField, TextAreaField, TextField } from '../ui/fields.tsx';
import { type Outcome, outcome } from '../ui/result.ts';
import { EVENT_FORM_FIELDS, type EventFormValues, parseEventForm } from './event-form.ts';

/** Where a postcode is: the pin picker starts there. */
const PLACE_QUERY = graphql(`
  query Place($query: String!) {
    place(query: $query) {
      ... on QueryPlaceSuccess {
        data {
          label
          location {
            lat
            lng
          }
        }
      }
      ...ErrorFields
    }
  }
`);

/** Input id for each schema field, in the order they appear (for the error summary). */
const FIELD_IDS: Record<string, string> = {
  kind: 'kind',
  title: 'title',
  description: 'description',
  startsAt: 'startsAt',
  endsAt: 'endsAt',
  venueName: 'venueName',
  address: 'address',
  postcode: 'postcode',
  location: 'pin-summary',
  capacity: 'capacity',
  constituencyCode: 'constituencyCode',
  visibility: 'visibility',
  addressVisibility: 'addressVisibility',
};

const UK_CENTRE: LatLng = { lat: 54.2, lng: -2.6 };

interface EventFormProps {
  mode: 'create' | 'edit';
  initial: EventFormValues;
  role: Role;
  submitLabel: string;
  onSubmit: (data: EventData, publish: boolean) => Promise<Outcome<unknown>>;
  /** Edit mode: the event as stored (a running event keeps its start; a new start must be in the future). */
  current?: { startsAt: string };
}

export function EventForm({ mode, initial, role, submitLabel, onSubmit, current }: EventFormProps) {
  const [values, setValues] = useState(initial);
  const [publish, setPublish] = useState(true);
  const [errors, setErrors] = useState<FieldErrorMap>({});
  const [attempt, setAttempt] = useState(0);
  const [submitting, setSubmitting] = useState(false);

  const clearError = (field: string) =>
    setErrors((e) => {
      if (!e[field]) return e;
      const { [field]: _, ...rest } = e;
      return rest;
    });
  const set = <K extends keyof EventFormValues>(field: K, value: EventFormValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    clearError(field);
  };
  const bind = (field: keyof EventFormValues) => ({
    value: values[field],
    onChange: (e: { target: { value: string } }) => set(field, e.target.value as never),
    error: errors[field],
  });

  const canRally = role === 'ORGANISER' || role === 'ADMIN' || initial.kind === 'RALLY';
  const kinds = EVENT_KINDS.filter((k) => k !== 'RALLY' || canRally);

  const onFormSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setAttempt((a) => a + 1);
    const parsed = parseEventForm(values, mode === 'edit' && current ? { initial, startsAt: current.startsAt } : null);
    if (!parsed.success) {
      setErrors(fieldErrorMap(toFieldErrors(parsed.error), EVENT_FORM_FIELDS));
      return;
    }
    setSubmitting(true);
    const out = await onSubmit(parsed.data, publish);
    setSubmitting(false);
    if (!out.ok) {
      const map = fieldErrorMap(out.fieldErrors, EVENT_FORM_FIELDS);
      setErrors(Object.keys(map).length > 0 ? map : { _form: out.message });
    } else {
      setErrors({});
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} fieldIds={FIELD_IDS} attempt={attempt} />
      <form className="form event-form" onSubmit={onFormSubmit} noValidate>
        <SelectField id="kind" label="Kind of event" {...bind('kind')}>
          <option value="">Choose…</option>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {EVENT_KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        <TextField id="title" label="Title" maxLength={LIMITS.titleMax + 20} {...bind('title')} />
        <TextAreaField
          id="description"
          label="Description"
          optional
          rows={5}
          hint="What will happen, what to bring, who to ask for."
          {...bind('description')}
        />
        <div className="field-pair">
          <TextField id="startsAt" label="Starts" type="datetime-local" hint="UK time" {...bind('startsAt')} />
          <TextField id="endsAt" label="Ends" type="datetime-local" hint="UK time" {...bind('endsAt')} />
        </div>
        <TextField id="venueName" label="Venue" hint="For example: Hyde Park Library, or Outside the Co-op" {...bind('venueName')} />
        <TextField id="address" label="Address" autoComplete="street-address" {...bind('address')} />
        <TextField
          id="postcode"
          label="Postcode"
          autoComplete="postal-code"
          autoCapitalize="characters"
          className="input-short"
          {...bind('postcode')}
          onChange={(e) => {
            const postcode = e.target.value;
            // A pin from the old postcode would put the event in the wrong place.
            setValues((v) => ({ ...v, postcode, ...(postcode !== initial.postcode ? { lat: '', lng: '' } : {}) }));
            clearError('postcode');
          }}
        />
        <PinPicker
          postcode={values.postcode}
          pin={pinOf(values)}
          error={errors.location}
          onPin={(p) => {
            setValues((v) => ({ ...v, lat: p ? p.lat.toFixed(5) : '', lng: p ? p.lng.toFixed(5) : '' }));
            clearError('location');
          }}
        />
        <TextField
          id="capacity"
          label="Places"
          optional
          type="number"
          inputMode="numeric"
          min={1}
          max={LIMITS.capacityMax}
          className="input-short"
          hint="Leave empty for no limit. When it is full, people join a waitlist."
          {...bind('capacity')}
        />
        {values.kind === 'CANVASS' && (
          <ConstituencySelect value={values.constituencyCode} error={errors.constituencyCode} onChange={(c) => set('constituencyCode', c)} />
        )}
        <RadioGroup
          name="visibility"
          legend="Who can find it"
          value={values.visibility}
          error={errors.visibility}
          onChange={(v) => set('visibility', v)}
          options={[
            { value: 'PUBLIC', label: 'Everyone: on the map and in searches' },
            { value: 'UNLISTED', label: 'Only people I send the link to' },
          ]}
        />
        <RadioGroup
          name="addressVisibility"
          legend="Who sees the exact address"
          value={values.addressVisibility}
          error={errors.addressVisibility}
          onChange={(v) => set('addressVisibility', v)}
          options={[
            { value: 'PUBLIC', label: 'Everyone who can see the event' },
            { value: 'ATTENDEES', label: 'Only people who sign up (others see the area)' },
          ]}
        />
        {mode === 'create' && (
          <div className="checkbox">
            <input id="publish" type="checkbox" checked={publish} onChange={(e) => setPublish(e.target.checked)} />
            <label htmlFor="publish">Publish straight away (untick to save a draft)</label>
          </div>
        )}
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Saving…' : submitLabel}
        </button>
      </form>
    </>
  );
}

function pinOf(values: EventFormValues): LatLng | null {
  if (values.lat === '' || values.lng === '') return null;
  const lat = Number(values.lat);
  const lng = Number(values.lng);
  return Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : null;
}

interface PinPickerProps {
  postcode: string;
  pin: LatLng | null;
  error?: string | undefined;
  onPin: (pin: LatLng | null) => void;
}

/** Optional exact spot: click the map, or (keyboard) move the map and use its centre. */
function PinPicker({ postcode, pin, error, onPin }: PinPickerProps) {
  const [open, setOpen] = useState(false);
  const centerRef = useRef<(() => LatLng | null) | null>(null);
  const parsed = placeQuerySchema.safeParse(postcode);
  const [place] = useQuery({
    query: PLACE_QUERY,
    variables: { query: parsed.success ? parsed.data : '' },
    pause: !open || !parsed.success,
  });
  const found = outcome(place.data?.place);
  const placeData = found.ok ? found.data : null;
  // The map follows the postcode, not the pin (it would jump on every click).
  const [firstPin] = useState(pin);
  const center = firstPin ?? placeData?.location ?? UK_CENTRE;
  const zoom = firstPin || placeData ? 14 : 5;
  const events = useMemo(() => [], []);

  return (
    <details
      className={error ? 'pin-picker field-error' : 'pin-picker'}
      open={open}
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <summary id="pin-summary">
        Pin the exact spot on a map <span className="optional">(optional)</span>
      </summary>
      <p className="hint">Without a pin, the event is placed at the middle of its postcode area.</p>
      {error && (
        <p className="error-message">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      {open && (
        <>
          <EventMap
            className="map map-small"
            label="Map for placing the event pin. Click to place it, or move the map and use the button below."
            center={center}
            zoom={zoom}
            events={events}
            pin={pin}
            onMapClick={onPin}
            centerRef={centerRef}
          />
          <p className="pin-status" role="status">
            {pin ? `Pinned at ${pin.lat.toFixed(4)}, ${pin.lng.toFixed(4)}.` : 'No pin yet.'}
          </p>
          <div className="button-row">
            <button type="button" className="button button-secondary" onClick={() => onPin(centerRef.current?.() ?? null)}>
              Pin the centre of the map
            </button>
            {pin && (
              <button type="button" className="button button-secondary" onClick={() => onPin(null)}>
                Remove the pin
              </button>
            )}
          </div>
        </>
      )}
    </details>
  );
}

function ConstituencySelect({ value, error, onChange }: { value: string; error?: string | undefined; onChange: (code: string) => void }) {
  const [{ data }] = useQuery({ query: CONSTITUENCIES_QUERY });
  const seats = useMemo(
    () => [...(data?.constituencies ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
    [data],
  );
  const marginal = seats.filter((s) => s.majorityPct <= 5);
  return (
    <SelectField
      id="constituencyCode"
      label="Constituency you are canvassing"
      optional
      hint="Lets volunteers from safe seats find canvasses in marginal ones."
      value={value}
      error={error}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">Not set</option>
      {marginal.length > 0 && (
        <optgroup label="Marginal seats (won by 5% or less)">
          {marginal.map((s) => (
            <option key={s.code} value={s.code}>
              {s.name} ({s.majorityPct.toFixed(1)}%)
            </option>
          ))}
        </optgroup>
      )}
      <optgroup label="All seats">
        {seats.map((s) => (
          <option key={s.code} value={s.code}>
            {s.name}
          </option>
        ))}
      </optgroup>
    </SelectField>
  );
}
