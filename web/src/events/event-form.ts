import {
  createEventSchema,
  type EventData,
  type EventKind,
  fromLondonInputValue,
  LIMITS,
  toLondonInputValue,
  updateEventSchema,
} from '@rallypoint/shared';
import type { AddressVisibility, EventInput, EventVisibility } from '../generated/graphql.ts';
import type { EventDetail } from './documents.ts';

/** What the event form holds: strings, as the inputs give them. */
export interface EventFormValues {
  kind: EventKind | '';
  title: string;
  description: string;
  startsAt: string; // datetime-local, UK time
  endsAt: string;
  venueName: string;
  address: string;
  postcode: string;
  capacity: string;
  constituencyCode: string;
  visibility: EventVisibility;
  addressVisibility: AddressVisibility;
  lat: string;
  lng: string;
  /** Online: no venue; a join link and a region instead. */
  online: boolean;
  joinUrl: string;
  regionId: string;
  stepFree: boolean;
  accessibleToilet: boolean;
  hearingLoop: boolean;
  quietSpace: boolean;
}

/** Each schema field → the id of its input, in the order they appear (the pin's is its map's summary). */
export const EVENT_FORM_IDS = {
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
  online: 'online',
  joinUrl: 'joinUrl',
  regionId: 'regionId',
  stepFree: 'stepFree',
  accessibleToilet: 'accessibleToilet',
  hearingLoop: 'hearingLoop',
  quietSpace: 'quietSpace',
};

export function emptyEventForm(now: Date = new Date()): EventFormValues {
  // Default to tomorrow, 10:00–12:00 UK time.
  const tomorrow = toLondonInputValue(new Date(now.getTime() + 86_400_000)).slice(0, 10);
  return {
    kind: '',
    title: '',
    description: '',
    startsAt: `${tomorrow}T10:00`,
    endsAt: `${tomorrow}T12:00`,
    venueName: '',
    address: '',
    postcode: '',
    capacity: '',
    constituencyCode: '',
    visibility: 'PUBLIC',
    addressVisibility: 'PUBLIC',
    lat: '',
    lng: '',
    online: false,
    joinUrl: '',
    regionId: '',
    stepFree: false,
    accessibleToilet: false,
    hearingLoop: false,
    quietSpace: false,
  };
}

export function eventToFormValues(event: EventDetail): EventFormValues {
  return {
    kind: event.kind,
    title: event.title,
    description: event.description,
    startsAt: toLondonInputValue(new Date(event.startsAt)),
    endsAt: toLondonInputValue(new Date(event.endsAt)),
    venueName: event.online ? '' : (event.venueName ?? ''),
    address: event.address ?? '',
    postcode: event.postcode ?? '',
    capacity: event.capacity == null ? '' : String(event.capacity),
    constituencyCode: event.constituency?.code ?? '',
    visibility: event.visibility,
    addressVisibility: event.addressVisibility,
    // The organiser sees the exact location; keep it so an edit does not move the pin.
    lat: event.online ? '' : String(event.location.lat),
    lng: event.online ? '' : String(event.location.lng),
    online: event.online,
    joinUrl: event.joinUrl ?? '',
    regionId: event.region.id,
    stepFree: event.stepFree,
    accessibleToilet: event.accessibleToilet,
    hearingLoop: event.hearingLoop,
    quietSpace: event.quietSpace,
  };
}

function optionalNumber(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : Number.NaN;
}

/** The raw object the shared zod schema validates (same field names as the API's EventInput). */
export function formValuesToRaw(values: EventFormValues): Record<string, unknown> {
  const lat = optionalNumber(values.lat);
  const lng = optionalNumber(values.lng);
  // What an online and an in-person event share.
  const common = {
    kind: values.kind === '' ? undefined : values.kind,
    title: values.title,
    description: values.description,
    // An unreadable date is passed through as text so the schema reports it on the right field.
    startsAt: fromLondonInputValue(values.startsAt) ?? values.startsAt,
    endsAt: fromLondonInputValue(values.endsAt) ?? values.endsAt,
    capacity: optionalNumber(values.capacity),
    constituencyCode: values.constituencyCode.trim() === '' ? null : values.constituencyCode,
    visibility: values.visibility,
  };
  if (values.online) {
    return {
      ...common,
      online: true,
      joinUrl: values.joinUrl.trim() === '' ? null : values.joinUrl,
      regionId: values.regionId === '' ? null : values.regionId,
    };
  }
  return {
    ...common,
    venueName: values.venueName,
    address: values.address,
    postcode: values.postcode,
    location: lat == null || lng == null ? null : { lat, lng },
    addressVisibility: values.addressVisibility,
    stepFree: values.stepFree,
    accessibleToilet: values.accessibleToilet,
    hearingLoop: values.hearingLoop,
    quietSpace: values.quietSpace,
  };
}

/**
 * Validates the form as the API will: a new event with `createEventSchema` (the start in the future), an edit with
 * `updateEventSchema` and the stored start (a running event keeps its start; a new start must be in the future).
 * An untouched start goes back exactly as stored (the input shows minutes only), so it counts as unchanged.
 */
export function parseEventForm(
  values: EventFormValues,
  editing: { initial: EventFormValues; startsAt: string } | null,
  now: Date = new Date(),
) {
  const raw = formValuesToRaw(values);
  if (!editing) return createEventSchema(now).safeParse(raw);
  const stored = new Date(editing.startsAt);
  if (values.startsAt === editing.initial.startsAt) raw.startsAt = stored;
  return updateEventSchema({ startsAt: stored }, now).safeParse(raw);
}

export function toEventInputVariables(data: EventData): EventInput {
  // What an online and an in-person event share.
  const common = {
    kind: data.kind,
    title: data.title,
    description: data.description.slice(0, LIMITS.descriptionMax),
    startsAt: data.startsAt.toISOString(),
    endsAt: data.endsAt.toISOString(),
    capacity: data.capacity ?? null,
    constituencyCode: data.constituencyCode ?? null,
    visibility: data.visibility,
  };
  if (data.online) {
    return {
      ...common,
      online: true,
      joinUrl: data.joinUrl,
      regionId: data.regionId,
    };
  }
  return {
    ...common,
    venueName: data.venueName,
    address: data.address,
    postcode: data.postcode,
    location: data.location ?? null,
    addressVisibility: data.addressVisibility,
    stepFree: data.stepFree,
    accessibleToilet: data.accessibleToilet,
    hearingLoop: data.hearingLoop,
    quietSpace: data.quietSpace,
  };
}
