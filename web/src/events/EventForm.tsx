import {
  EVENT_KIND_LABELS,
  EVENT_KINDS,
  type EventData,
  type LatLng,
  LIMITS,
  ONLINE_EVENT_KINDS,
  placeQuerySchema,
  VENUE_ACCESS,
  VENUE_ACCESS_FIELDS,
  VENUE_ACCESS_LABELS,
} from '@rallypoint/shared';
import { useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../generated/gql.ts';
import type { Role } from '../generated/graphql.ts';
import { Checkbox } from '../lifts/common.tsx';
import { CONSTITUENCIES_QUERY } from '../map/documents.ts';
import { EventMap } from '../map/EventMap.tsx';
import { FormWithSummary } from '../ui/ErrorSummary.tsx';
import { HintAndError, RadioGroup, SelectField, TextAreaField, TextField } from '../ui/fields.tsx';
import { useForm } from '../ui/form.ts';
import { type Outcome, outcome } from '../ui/result.ts';
import { EVENT_FORM_IDS, type EventFormValues, parseEventForm } from './event-form.ts';
import { NO_REPEAT, RepeatFields, repeatRule, type ShiftRow, ShiftsFields, shiftInputs } from './ShiftsFields.tsx';
import type { ShiftInput } from '../generated/graphql.ts';

/** What the form sends besides the validated fields: the shifts (the whole list) and, for a new event, its repeat rule. */
export interface ShiftsAndRepeat {
  shifts: ShiftInput[];
  repeat: string | null;
}

/** Where a postcode is: the pin picker starts there. */
const PLACE_QUERY = graphql(`
  query Place($query: String!) {
    place(query: $query) {
      ... on QueryPlaceSuccess {
        data {
          ...PlaceFields
        }
      }
      ...ErrorFields
    }
  }
`);

/** Where a pin is, in words: its postcode district and seat. */
const PLACE_AT_QUERY = graphql(`
  query PlaceAt($location: LatLngInput!) {
    placeAt(location: $location) {
      ... on QueryPlaceAtSuccess {
        data {
          outcode
          constituency {
            code
            name
          }
        }
      }
      ...ErrorFields
    }
  }
`);

const REGIONS_QUERY = graphql(`
  query Regions {
    regions {
      id
      name
    }
  }
`);

const UK_CENTRE: LatLng = { lat: 54.2, lng: -2.6 };
const canBeOnline = (kind: string) => (ONLINE_EVENT_KINDS as readonly string[]).includes(kind);

interface EventFormProps {
  mode: 'create' | 'edit';
  initial: EventFormValues;
  role: Role;
  submitLabel: string;
  onSubmit: (data: EventData, publish: boolean, extra: ShiftsAndRepeat) => Promise<Outcome<unknown>>;
  /** Edit mode: the event's shifts as stored. */
  initialShifts?: ShiftRow[];
  /** Edit mode: the event as stored (a running event keeps its start; a new start must be in the future). */
  current?: { startsAt: string };
}

export function EventForm({ mode, initial, role, submitLabel, onSubmit, current, initialShifts }: EventFormProps) {
  const [publish, setPublish] = useState(true);
  const [shifts, setShifts] = useState<ShiftRow[]>(initialShifts ?? []);
  const [repeat, setRepeat] = useState(NO_REPEAT);
  // Read at submit time (the form's submit is set up once).
  const extraRef = useRef<() => ShiftsAndRepeat>(() => ({ shifts: [], repeat: null }));
  const form = useForm({
    initial,
    fields: EVENT_FORM_IDS,
    validate: (values) => parseEventForm(values, mode === 'edit' && current ? { initial, startsAt: current.startsAt } : null),
    submit: (data) => onSubmit(data, publish, extraRef.current()),
  });
  const { values, errors, set, bind } = form;
  extraRef.current = () => ({ shifts: shiftInputs(shifts), repeat: mode === 'create' ? repeatRule(repeat, values.startsAt) : null });

  const canRally = role === 'ORGANISER' || role === 'ADMIN' || initial.kind === 'RALLY';
  const kinds = EVENT_KINDS.filter((k) => k !== 'RALLY' || canRally);

  return (
    <FormWithSummary form={form} submit={submitLabel} sending="Saving…" className="form event-form">
      <SelectField
        label="Kind of event"
        {...bind('kind')}
        onChange={(e) => {
          const kind = e.target.value as EventFormValues['kind'];
          // Only phone banks, meetings and trainings can be online.
          set({ kind, ...(canBeOnline(kind) ? {} : { online: false }) });
        }}
      >
        <option value="">Choose…</option>
        {kinds.map((k) => (
          <option key={k} value={k}>
            {EVENT_KIND_LABELS[k]}
          </option>
        ))}
      </SelectField>
      <TextField label="Title" maxLength={LIMITS.titleMax + 20} {...bind('title')} />
      <TextAreaField
        label="Description"
        optional
        rows={5}
        hint="What will happen, what to bring, who to ask for."
        {...bind('description')}
      />
      <div className="field-pair">
        <TextField label="Starts" type="datetime-local" hint="UK time" {...bind('startsAt')} />
        <TextField label="Ends" type="datetime-local" hint="UK time" {...bind('endsAt')} />
      </div>
      {canBeOnline(values.kind) && (
        <RadioGroup
          name="online"
          legend="Where"
          value={values.online ? 'ONLINE' : 'IN_PERSON'}
          error={errors.online}
          onChange={(v) => set({ online: v === 'ONLINE' })}
          options={[
            { value: 'IN_PERSON', label: 'In person, at a venue' },
            { value: 'ONLINE', label: 'Online (a video call or phone line)' },
          ]}
        />
      )}
      {values.online ? (
        <>
          <TextField
            label="Join link"
            optional
            type="url"
            inputMode="url"
            maxLength={LIMITS.joinUrlMax + 20}
            hint="Starts with https://. Shown only to people going."
            {...bind('joinUrl')}
          />
          <RegionSelect value={values.regionId} error={errors.regionId} onChange={(regionId) => set({ regionId })} />
        </>
      ) : (
        <InPersonFields form={form} initialPostcode={initial.postcode} />
      )}
      {shifts.length === 0 && (
        <TextField
          label="Places"
          optional
          type="number"
          inputMode="numeric"
          min={1}
          max={LIMITS.capacityMax}
          className="input-short"
          hint="Everyone there, you included: you are going to your own event. Leave empty for no limit. When it is full, people join a waitlist."
          {...bind('capacity')}
        />
      )}
      <ShiftsFields rows={shifts} onChange={setShifts} eventStartsAt={values.startsAt} eventEndsAt={values.endsAt} />
      {mode === 'create' && <RepeatFields value={repeat} onChange={setRepeat} />}
      {values.kind === 'CANVASS' && (
        <ConstituencySelect value={values.constituencyCode} error={errors.constituencyCode} onChange={(c) => set({ constituencyCode: c })} />
      )}
      <RadioGroup
        name="visibility"
        legend="Who can find it"
        value={values.visibility}
        error={errors.visibility}
        onChange={(v) => set({ visibility: v })}
        options={[
          { value: 'PUBLIC', label: 'Everyone: on the map and in searches' },
          { value: 'UNLISTED', label: 'Only people I send the link to' },
        ]}
      />
      {!values.online && (
        <>
          <RadioGroup
            name="addressVisibility"
            legend="Who sees the exact address"
            value={values.addressVisibility}
            error={errors.addressVisibility}
            onChange={(v) => set({ addressVisibility: v })}
            options={[
              { value: 'PUBLIC', label: 'Everyone who can see the event' },
              { value: 'ATTENDEES', label: 'Only people who sign up (others see the area)' },
            ]}
          />
          <fieldset className="field access-fields">
            <legend>Venue access</legend>
            <p className="hint">Tick what the venue has, so people can plan.</p>
            {VENUE_ACCESS.map((a) => (
              <Checkbox key={a} label={VENUE_ACCESS_LABELS[a]} {...form.tick(VENUE_ACCESS_FIELDS[a])} />
            ))}
          </fieldset>
        </>
      )}
      {mode === 'create' && (
        <div className="checkbox">
          <input id="publish" type="checkbox" checked={publish} onChange={(e) => setPublish(e.target.checked)} />
          <label htmlFor="publish">Publish straight away (untick to save a draft)</label>
        </div>
      )}
    </FormWithSummary>
  );
}

type EventFormState = ReturnType<typeof useForm<EventFormValues, EventData>>;

/** Venue, address, postcode and the optional pin. */
function InPersonFields({ form, initialPostcode }: { form: EventFormState; initialPostcode: string }) {
  const { values, errors, set, bind } = form;
  return (
    <>
      <TextField label="Venue" hint="For example: Hyde Park Library, or Outside the Co-op" {...bind('venueName')} />
      <TextField label="Address" autoComplete="street-address" {...bind('address')} />
      <TextField
        label="Postcode"
        autoComplete="postal-code"
        autoCapitalize="characters"
        className="input-short"
        {...bind('postcode')}
        onChange={(e) => {
          const postcode = e.target.value;
          // A pin from the old postcode would put the event in the wrong place.
          set({ postcode, ...(postcode !== initialPostcode ? { lat: '', lng: '' } : {}) });
        }}
      />
      <PinPicker
        postcode={values.postcode}
        pin={pinOf(values)}
        error={errors.location}
        onPin={(p) => set({ lat: p ? p.lat.toFixed(5) : '', lng: p ? p.lng.toFixed(5) : '' }, ['location'])}
      />
    </>
  );
}

function RegionSelect({ value, error, onChange }: { value: string; error?: string | undefined; onChange: (id: string) => void }) {
  const [{ data }] = useQuery({ query: REGIONS_QUERY });
  return (
    <SelectField
      id="regionId"
      label="Region"
      hint="The region's organisers help run it; online events are listed for everyone."
      value={value}
      error={error}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">Choose…</option>
      {(data?.regions ?? []).map((r) => (
        <option key={r.id} value={r.id}>
          {r.name}
        </option>
      ))}
    </SelectField>
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
  // Rounded to ~10 m, so a pin put back where it was asks nothing new.
  const [where] = useQuery({
    query: PLACE_AT_QUERY,
    variables: { location: pin ? { lat: Number(pin.lat.toFixed(4)), lng: Number(pin.lng.toFixed(4)) } : { lat: 0, lng: 0 } },
    pause: !open || !pin,
  });
  const pinPlace = where.data ? outcome(where.data.placeAt) : null;

  return (
    <details
      className={error ? 'pin-picker field-error' : 'pin-picker'}
      open={open}
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <summary id="pin-summary">
        Pin the exact spot on a map <span className="optional">(optional)</span>
      </summary>
      <HintAndError id="pin" hint="Without a pin, the event is placed at the middle of its postcode area." error={error} />
      {open && (
        <>
          <EventMap
            className="map map-small"
            unavailable="Without a pin, the event is placed at the middle of its postcode area."
            label="Map for placing the event pin. Click to place it, then drag it; or move the map and use the button below."
            center={center}
            zoom={zoom}
            events={events}
            pin={pin}
            onPinMove={onPin}
            onMapClick={onPin}
            centerRef={centerRef}
          />
          <p className="pin-status" role="status">
            {pinStatus(pin, pinPlace, where.fetching)}
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

type PinPlace = Outcome<{ outcode?: string | null; constituency?: { name: string } | null }>;

/** "Pinned in LS6, near Leeds Central and Headingley." */
function pinStatus(pin: LatLng | null, place: PinPlace | null, fetching: boolean): string {
  if (!pin) return 'No pin yet: click the map where the venue is, or use the button below.';
  if (!place?.ok) return fetching || !place ? 'Pinned. Finding the nearest postcode district…' : 'Pinned.';
  const { outcode, constituency } = place.data;
  if (!outcode) return 'Pinned, but not near any UK postcode district: move the pin to the venue.';
  return constituency ? `Pinned in ${outcode}, near ${constituency.name}.` : `Pinned in ${outcode}.`;
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
