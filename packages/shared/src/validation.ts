import { z } from 'zod';
import { eventStartWindow, isValidDate, parseIsoDateTime, searchWindow } from './dates.ts';
import {
  ADDRESS_VISIBILITIES,
  DISCOVERY_SORTS,
  EVENT_KINDS,
  EVENT_VISIBILITIES,
  type EventKind,
  ONLINE_EVENT_KINDS,
  VEHICLE_KINDS,
  VENUE_ACCESS,
} from './enums.ts';
import { LIMITS } from './limits.ts';
import { parsePlaceQuery } from './postcode.ts';
import { groupThousands } from './format.ts';

// Still importable from here (tests do); the index exports it from limits.ts.
export { LIMITS };

// Before any schema is built: the web app's Content-Security-Policy forbids eval, which zod's JIT would probe for
// (a logged violation). These inputs are small; plain parsing is fast enough on both sides.
z.config({ jitless: true });

// Bidirectional overrides and embeddings (U+202A–U+202E, U+2066–U+2069) can make text read differently from what
// it is; nothing a member types needs them.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
// Control characters other than tab and line breaks.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// Invisible: whitespace, format characters (zero-width space and joiners, word joiner, BOM, soft hyphen…).
const INVISIBLE = /[\s\p{Cf}]/gu;

/** How many characters of `text` can actually be seen. */
export const visibleLength = (text: string): number => [...text.replace(INVISIBLE, '')].length;

/** Free text from a member: no direction-override or control characters (line breaks only where `multiline`). */
export function textSchema(label: string, max: number, options: { min?: number; multiline?: boolean } = {}) {
  const { min = 0, multiline = false } = options;
  return z
    .string({ error: min > 0 ? `${label} is required` : `${label} must be text` })
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .superRefine((v, ctx) => {
      if (BIDI_CONTROLS.test(v)) {
        ctx.addIssue({ code: 'custom', message: `${label} must not contain text-direction control characters` });
      } else if (CONTROL.test(v) || (!multiline && /[\r\n\t]/.test(v))) {
        ctx.addIssue({ code: 'custom', message: `${label} must not contain control characters${multiline ? '' : ' or line breaks'}` });
      } else if (min > 0 && visibleLength(v) < min) {
        ctx.addIssue({ code: 'custom', message: min <= 1 ? `${label} is required` : `${label} must be at least ${min} visible characters` });
      }
    });
}

const trimmed = (label: string, min: number, max: number) => textSchema(label, max, { min });

/** A UK postcode or outcode, normalised ("sw1a1aa" → "SW1A 1AA"). */
export const placeQuerySchema = z
  .string({ error: 'Enter a postcode' })
  .max(16, 'Enter a valid UK postcode or outcode, like "LS6 1AN" or "LS6"')
  .transform((value, ctx) => {
    const parsed = parsePlaceQuery(value);
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: 'Enter a valid UK postcode or outcode, like "LS6 1AN" or "LS6"' });
      return z.NEVER;
    }
    return parsed.kind === 'postcode' ? parsed.postcode : parsed.outcode;
  });

// Degrees to 7 places (~1 cm): also turns subnormal floats, which PostgreSQL refuses, into 0.
const toDegrees = (v: number) => Math.round(v * 1e7) / 1e7 || 0;

export const latLngSchema = z.object({
  lat: z
    .number({ error: 'Latitude must be a number' })
    .min(-90, 'Latitude must be between -90 and 90')
    .max(90, 'Latitude must be between -90 and 90')
    .transform(toDegrees),
  lng: z
    .number({ error: 'Longitude must be a number' })
    .min(-180, 'Longitude must be between -180 and 180')
    .max(180, 'Longitude must be between -180 and 180')
    .transform(toDegrees),
});

/** Where a search or a stored place starts: a postcode or outcode, else a map pin (one of them is required). */
const originFields = {
  postcode: placeQuerySchema.nullish(),
  location: latLngSchema.nullish(),
};
const hasOrigin = (v: { postcode?: string | null; location?: unknown }) => !!(v.postcode || v.location);
const originRequired = (message = 'Give a postcode, an outcode or a point') => ({ message, path: ['postcode'] });

/** A Date (from the API's DateTime scalar or a form) or a strict ISO-8601 string; anything else is not a date. */
const dateTime = (label: string) =>
  z.preprocess(
    (v) => (v instanceof Date ? v : parseIsoDateTime(v) ?? new Date(Number.NaN)),
    z.date({ error: `${label} must be a valid date and time` }).refine(isValidDate, { message: `${label} must be a valid date and time` }),
  );

const dateOnOrBefore = (latest: Date) => latest.toISOString().slice(0, 10);

/** A search date: from 2000 to five years ahead. */
const searchDate = (label: string) =>
  dateTime(label).superRefine((d, ctx) => {
    if (!isValidDate(d)) return;
    const { earliest, latest } = searchWindow();
    if (d < earliest) ctx.addIssue({ code: 'custom', message: `${label} must be in ${earliest.getUTCFullYear()} or later` });
    else if (d > latest) ctx.addIssue({ code: 'custom', message: `${label} must be on or before ${dateOnOrBefore(latest)}` });
  });

export const emailSchema = z
  .string({ error: 'Email is required' })
  .trim()
  .toLowerCase()
  .max(LIMITS.emailMax, 'Email is too long')
  .pipe(z.email('Enter a valid email address'));

const newPassword = z
  .string({ error: 'Password is required' })
  .min(LIMITS.passwordMin, `Password must be at least ${LIMITS.passwordMin} characters`)
  .max(LIMITS.passwordMax, `Password must be at most ${LIMITS.passwordMax} characters`);

export const signUpSchema = z.object({
  email: emailSchema,
  password: newPassword,
  firstName: trimmed('First name', 1, LIMITS.nameMax),
  lastName: trimmed('Last name', 1, LIMITS.nameMax),
  homePostcode: placeQuerySchema.nullish(),
});
export type SignUpInput = z.input<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: 'Password is required' }).min(1, 'Password is required').max(LIMITS.passwordMax),
});

export const passwordResetRequestSchema = z.object({ email: emailSchema });

export const passwordResetSchema = z.object({
  token: z.string({ error: 'The link is incomplete' }).min(1, 'The link is incomplete').max(200, 'The link is not valid'),
  password: newPassword,
});

export const homeAreaSchema = z
  .object(originFields)
  .refine((v) => !(v.postcode && v.location), { message: 'Give a postcode or a map pin, not both', path: ['postcode'] });

const eventFields = {
  kind: z.enum(EVENT_KINDS, { error: 'Choose what kind of event this is' }),
  title: trimmed('Title', LIMITS.titleMin, LIMITS.titleMax),
  description: textSchema('Description', LIMITS.descriptionMax, { multiline: true }).default(''),
  startsAt: dateTime('Start'),
  endsAt: dateTime('End'),
  venueName: trimmed('Venue', 1, LIMITS.venueMax),
  address: trimmed('Address', 1, LIMITS.addressMax),
  postcode: placeQuerySchema,
  location: latLngSchema.nullish(),
  capacity: z
    .number({ error: 'Capacity must be a whole number' })
    .int('Capacity must be a whole number')
    .min(1, 'Capacity must be at least 1 (leave it empty for no limit)')
    .max(LIMITS.capacityMax, `Capacity must be at most ${groupThousands(LIMITS.capacityMax)}`)
    .nullish(),
  constituencyCode: z
    .string()
    .trim()
    .regex(/^[A-Z]\d{8}$/, 'Unknown constituency code')
    .nullish(),
  visibility: z.enum(EVENT_VISIBILITIES).default('PUBLIC'),
  addressVisibility: z.enum(ADDRESS_VISIBILITIES).default('PUBLIC'),
  stepFree: z.boolean().nullish().transform((v) => v ?? false),
  accessibleToilet: z.boolean().nullish().transform((v) => v ?? false),
  hearingLoop: z.boolean().nullish().transform((v) => v ?? false),
  quietSpace: z.boolean().nullish().transform((v) => v ?? false),
  online: z.literal(false, { error: 'Choose in person or online' }).nullish().transform(() => false as const),
};

/** A join link for an online event: https only (it is opened by everyone going). */
export const joinUrlSchema = z
  .string({ error: 'The join link must be text' })
  .trim()
  .max(LIMITS.joinUrlMax, `The join link must be at most ${LIMITS.joinUrlMax} characters`)
  .regex(/^https:\/\/[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?([/?#]\S*)?$/i, 'The join link must be a web address starting with https://');

// An online event has no venue: its venue fields are not taken, and it belongs to a region (or a seat's region).
const { venueName: _venue, address: _address, postcode: _postcode, location: _location, addressVisibility: _shown, ...sharedEventFields } =
  eventFields;
const onlineEventFields = {
  ...sharedEventFields,
  stepFree: z.unknown().optional().transform(() => false as const),
  accessibleToilet: z.unknown().optional().transform(() => false as const),
  hearingLoop: z.unknown().optional().transform(() => false as const),
  quietSpace: z.unknown().optional().transform(() => false as const),
  online: z.literal(true),
  joinUrl: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), joinUrlSchema.nullish()).transform((v) => v ?? null),
  regionId: z.string().trim().max(60).nullish().transform((v) => v || null),
};

function checkOnline(v: { kind: EventKind; regionId: string | null; constituencyCode?: string | null }, ctx: z.RefinementCtx) {
  if (!(ONLINE_EVENT_KINDS as readonly string[]).includes(v.kind)) {
    ctx.addIssue({ code: 'custom', message: 'Only phone banks, meetings and trainings can be online', path: ['kind'] });
  }
  if (!v.regionId && !v.constituencyCode) {
    ctx.addIssue({ code: 'custom', message: 'Choose the region this online event belongs to', path: ['regionId'] });
  }
}

function checkTimes(v: { startsAt: Date; endsAt: Date }, ctx: z.RefinementCtx) {
  const { latest } = eventStartWindow();
  if (v.startsAt.getTime() > latest.getTime()) {
    ctx.addIssue({ code: 'custom', message: `Start must be on or before ${dateOnOrBefore(latest)}`, path: ['startsAt'] });
  } else if (v.startsAt.getTime() < searchWindow().earliest.getTime()) {
    ctx.addIssue({ code: 'custom', message: 'Start must be a recent date', path: ['startsAt'] });
  }
  if (v.endsAt.getTime() <= v.startsAt.getTime()) {
    ctx.addIssue({ code: 'custom', message: 'End must be after the start', path: ['endsAt'] });
  } else if (v.endsAt.getTime() - v.startsAt.getTime() > LIMITS.eventMaxDays * 86_400_000) {
    ctx.addIssue({ code: 'custom', message: `An event can last at most ${LIMITS.eventMaxDays} days`, path: ['endsAt'] });
  }
}

const inPersonEventSchema = z.object(eventFields).superRefine(checkTimes);
const onlineEventSchema = z.object(onlineEventFields).superRefine(checkTimes).superRefine(checkOnline);
type AnyEventData = z.output<typeof inPersonEventSchema> | z.output<typeof onlineEventSchema>;

/** What parsing `V` gives: unknown input could be either format. */
type ParsedEvent<V> = unknown extends V ? AnyEventData : V extends { online: true } ? OnlineEventData : InPersonEventData;

/** In person or online (`online: true`): each is checked by its own schema, so errors name the fields it has. */
function byFormat(extra?: (v: AnyEventData, ctx: z.RefinementCtx) => void) {
  const inPerson = extra ? inPersonEventSchema.superRefine(extra) : inPersonEventSchema;
  const online = extra ? onlineEventSchema.superRefine(extra) : onlineEventSchema;
  const pick = (v: unknown) => (typeof v === 'object' && v !== null && (v as { online?: unknown }).online === true ? online : inPerson);
  const safeParse = <V>(v: V) => pick(v).safeParse(v) as z.ZodSafeParseResult<ParsedEvent<V>>;
  const parse = <V>(v: V) => pick(v).parse(v) as ParsedEvent<V>;
  return { safeParse, parse };
}

/** An in-person event's fields (the API takes either format through createEventSchema and updateEventSchema). */
export const eventInputSchema = inPersonEventSchema;
export type EventInput = z.input<typeof inPersonEventSchema> | z.input<typeof onlineEventSchema>;
export type EventData = AnyEventData;
export type InPersonEventData = z.output<typeof inPersonEventSchema>;
export type OnlineEventData = z.output<typeof onlineEventSchema>;

/** For create: the start must also be in the future. */
export function createEventSchema(now: Date = new Date()) {
  return byFormat((v, ctx) => {
    if (v.startsAt.getTime() < eventStartWindow(now).earliest.getTime()) {
      ctx.addIssue({ code: 'custom', message: 'Start must be in the future', path: ['startsAt'] });
    }
  });
}

/** For edits: a running event keeps its start; a new start must be in the future. */
export function updateEventSchema(current: { startsAt: Date }, now: Date = new Date()) {
  return byFormat((v, ctx) => {
    if (v.startsAt.getTime() !== current.startsAt.getTime() && v.startsAt.getTime() < eventStartWindow(now).earliest.getTime()) {
      ctx.addIssue({ code: 'custom', message: 'A new start must be in the future', path: ['startsAt'] });
    }
  });
}

export const rsvpSchema = z.object({
  guests: z
    .number()
    .int('Guests must be a whole number')
    .min(0, 'Guests cannot be negative')
    .max(LIMITS.guestsMax, `You can bring at most ${LIMITS.guestsMax} guests`)
    .default(0),
});

/** How far around the place to look, km. */
const radiusKmSchema = z
  .number({ error: 'Radius must be a number' })
  .positive('Radius must be more than 0 km')
  .max(LIMITS.radiusKmMax, `Radius must be at most ${LIMITS.radiusKmMax} km`)
  .default(25);

/** Filters on what a venue offers: every access feature listed, open lift offers with a free seat, places left. */
const venueFilterFields = {
  access: z.array(z.enum(VENUE_ACCESS)).max(VENUE_ACCESS.length).nullish(),
  hasLiftSeats: z.boolean().nullish(),
  hideFull: z.boolean().nullish(),
};

/** Online events: not anywhere, so soonest first, optionally in one region. */
export const onlineDiscoverySchema = z
  .object({
    regionId: z.string().trim().max(60).nullish(),
    from: searchDate('From').nullish(),
    to: searchDate('To').nullish(),
    kinds: z.array(z.enum(EVENT_KINDS)).max(EVENT_KINDS.length).nullish(),
    text: z.string().trim().max(LIMITS.textQueryMax, `Search text must be at most ${LIMITS.textQueryMax} characters`).nullish(),
    hideFull: z.boolean().nullish(),
    first: z
      .number()
      .int()
      .min(1, 'Ask for at least 1 result')
      .max(LIMITS.pageSizeMax, `Ask for at most ${LIMITS.pageSizeMax} results per page`)
      .default(20),
  })
  .refine((v) => !(v.from && v.to && v.to.getTime() < v.from.getTime()), { message: '"To" must be after "from"', path: ['to'] });

export const discoverySchema = z
  .object({
    ...originFields,
    radiusKm: radiusKmSchema,
    from: searchDate('From').nullish(),
    to: searchDate('To').nullish(),
    kinds: z.array(z.enum(EVENT_KINDS)).max(EVENT_KINDS.length).nullish(),
    text: z.string().trim().max(LIMITS.textQueryMax, `Search text must be at most ${LIMITS.textQueryMax} characters`).nullish(),
    sort: z.enum(DISCOVERY_SORTS).default('DISTANCE'),
    ...venueFilterFields,
    first: z
      .number()
      .int()
      .min(1, 'Ask for at least 1 result')
      .max(LIMITS.pageSizeMax, `Ask for at most ${LIMITS.pageSizeMax} results per page`)
      .default(20),
  })
  .superRefine((v, ctx) => {
    if (!hasOrigin(v)) ctx.addIssue({ code: 'custom', ...originRequired() });
    if (v.from && v.to && v.to.getTime() < v.from.getTime()) {
      ctx.addIssue({ code: 'custom', message: '"To" must be after "from"', path: ['to'] });
    }
  });

export const boundingBoxSchema = z
  .object({
    west: z.number().min(-180).max(180).transform(toDegrees),
    south: z.number().min(-90).max(90).transform(toDegrees),
    east: z.number().min(-180).max(180).transform(toDegrees),
    north: z.number().min(-90).max(90).transform(toDegrees),
  })
  .refine((b) => b.north > b.south, { message: 'North must be above south', path: ['north'] })
  .refine((b) => b.east > b.west, { message: 'East must be east of west', path: ['east'] });

/** The map's filters besides the box. */
export const boxFilterSchema = z
  .object({
    from: searchDate('From').nullish(),
    to: searchDate('To').nullish(),
    kinds: z.array(z.enum(EVENT_KINDS)).max(EVENT_KINDS.length).nullish(),
    ...venueFilterFields,
  })
  .refine((v) => !(v.from && v.to && v.to.getTime() < v.from.getTime()), { message: '"To" must be after "from"', path: ['to'] });

/** Live feed of events published near a place. */
export const newEventsNearSchema = z
  .object({
    ...originFields,
    radiusKm: radiusKmSchema,
  })
  .refine(hasOrigin, originRequired());

export interface FieldError {
  path: string[];
  message: string;
}

/** Flattens zod issues into field errors, as the API returns them and the web forms show them. */
export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => String(p)),
    message: issue.message,
  }));
}

export const nearestMarginalsSchema = z
  .object({
    ...originFields,
    first: z.number().int().min(1, 'Ask for at least 1 seat').max(20, 'Ask for at most 20 seats').default(5),
  })
  .refine(hasOrigin, originRequired());

export const LIFT_LIMITS = { seatsMax: 8, detourKmMax: 100, notesMax: 500, pickupNoteMax: 500 } as const;

/** Where a lift starts (a pin is snapped to ~1 km before it is stored). */
const liftOrigin = originRequired('Give a postcode, an outcode or a map pin for where you start');
const notes = textSchema('Notes', LIFT_LIMITS.notesMax, { multiline: true }).default('');

/** How far a driver will go out of their way, road km: on the offer, and when they change it. */
export const maxDetourKmSchema = z
  .number({ error: 'Detour must be a number of km' })
  .min(0, 'Detour cannot be negative')
  .max(LIFT_LIMITS.detourKmMax, `Detour must be at most ${LIFT_LIMITS.detourKmMax} km`);

/** A driver changes their detour limit. */
export const setLiftOfferDetourSchema = z.object({ maxDetourKm: maxDetourKmSchema });

/** A new departure for an offer (checked against its event or shift and its agreed riders by the API). */
export const setLiftOfferDepartureSchema = z.object({ departAt: dateTime('Departure') });

export const liftOfferSchema = z
  .object({
    ...originFields,
    departAt: dateTime('Departure'),
    vehicle: z.enum(VEHICLE_KINDS, { error: 'Choose a car, a minibus or a coach' }).default('CAR'),
    seats: z
      .number({ error: 'Seats must be a whole number' })
      .int('Seats must be a whole number')
      .min(1, 'Offer at least 1 seat')
      .max(LIMITS.coachSeatsMax, `At most ${LIMITS.coachSeatsMax} seats, in a coach`),
    returnDepartAt: dateTime('Return departure').nullish(),
    maxDetourKm: maxDetourKmSchema,
    wheelchairAccessible: z.boolean().default(false),
    returnTrip: z.boolean().default(false),
    notes,
  })
  .refine(hasOrigin, liftOrigin)
  .refine((v) => v.vehicle === 'COACH' || v.seats <= LIMITS.carSeatsMax, {
    message: `A car or a minibus takes at most ${LIMITS.carSeatsMax} passengers: more is a coach`,
    path: ['seats'],
  })
  .refine((v) => v.returnTrip || !v.returnDepartAt, {
    message: 'A time for the lift back needs "I can bring people back afterwards"',
    path: ['returnDepartAt'],
  });

const hubReachKmSchema = z
  .number({ error: 'Distance to a hub must be a number of km' })
  .gt(0, 'Distance to a hub must be more than 0 km')
  .max(LIMITS.hubReachKmMax, `Distance to a hub must be at most ${LIMITS.hubReachKmMax} km`)
  .nullish();

export const liftRequestSchema = z
  .object({
    ...originFields,
    seats: z
      .number({ error: 'Seats must be a whole number' })
      .int('Seats must be a whole number')
      .min(1, 'Ask for at least 1 seat')
      .max(LIFT_LIMITS.seatsMax, `At most ${LIFT_LIMITS.seatsMax} seats`)
      .default(1),
    needsWheelchair: z.boolean().default(false),
    returnTrip: z.boolean().default(false),
    hubReachKm: hubReachKmSchema,
    readyFrom: dateTime('Ready from').nullish(),
    notes,
  })
  .refine(hasOrigin, liftOrigin);

/** A rider's new times (each null or left out: none); checked against the event and an agreed lift by the API. */
export const setLiftRequestTimesSchema = z.object({ readyFrom: dateTime('Ready from').nullish(), hubReachKm: hubReachKmSchema });

/** A pickup hub: a public place (a station, a car park), given by postcode or an exact map point. */
export const eventHubSchema = z
  .object({
    name: textSchema('Name', LIMITS.hubNameMax, { min: 1 }),
    ...originFields,
  })
  .refine(hasOrigin, originRequired('Give the hub a postcode or a map point'));

/** Hub names are unique per event, ignoring case and spacing. */
export const hubNameKey = (name: string): string => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');

export const pickupNoteSchema = textSchema('Pickup details', LIFT_LIMITS.pickupNoteMax, { multiline: true }).nullish();
