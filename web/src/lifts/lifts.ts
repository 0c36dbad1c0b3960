import {
  DEFAULT_ROAD_FACTOR,
  departureProblem,
  earliestDeparture,
  type FieldError,
  formatDayTime,
  formatDistanceKm,
  formatEventTime,
  fromLondonInputValue,
  type LatLng,
  LIFT_LIMITS,
  LIMITS,
  legKm,
  liftOfferSchema,
  liftRequestSchema,
  type MatchDriver,
  plural,
  rankOffers,
  readyFromProblem,
  returnDepartureProblem,
  setLiftOfferDepartureSchema,
  setLiftRequestTimesSchema,
  toFieldErrors,
  toLondonInputValue,
} from '@rallypoint/shared';
import type { Checked, SafeParse } from '../ui/form.ts';
import type { EventShiftsFieldsFragment } from '../generated/graphql.ts';
import type { LiftMatchInfo, LiftRequestInfo, MyLiftOffer } from './documents.ts';

/** One of an event's shifts, as the event page has it. */
export type Shift = EventShiftsFieldsFragment['shifts'][number];

/** Each offer form field → its input's id, in display order. */
export const OFFER_FIELD_IDS = {
  postcode: 'offer-postcode',
  departAt: 'offer-departAt',
  vehicle: 'offer-vehicle',
  seats: 'offer-seats',
  maxDetourKm: 'offer-maxDetourKm',
  wheelchairAccessible: 'offer-wheelchair',
  returnTrip: 'offer-return',
  returnDepartAt: 'offer-returnDepartAt',
  notes: 'offer-notes',
};
export const REQUEST_FIELD_IDS = {
  postcode: 'ask-postcode',
  seats: 'ask-seats',
  needsWheelchair: 'ask-wheelchair',
  returnTrip: 'ask-return',
  hubReachKm: 'ask-hubReachKm',
  readyFrom: 'ask-readyFrom',
  notes: 'ask-notes',
};
export const OFFER_FIELDS = Object.keys(OFFER_FIELD_IDS);
export const REQUEST_FIELDS = Object.keys(REQUEST_FIELD_IDS);

/** What the offer form holds: strings and ticks, as the inputs give them. */
export interface OfferFormValues {
  postcode: string;
  departAt: string; // datetime-local, UK time
  vehicle: VehicleChoice;
  seats: string;
  maxDetourKm: string;
  wheelchairAccessible: boolean;
  returnTrip: boolean;
  /** datetime-local, UK time; blank: not said (only sent with returnTrip). */
  returnDepartAt: string;
  notes: string;
}

export type VehicleChoice = 'CAR' | 'MINIBUS' | 'COACH';

export interface RequestFormValues {
  postcode: string;
  seats: string;
  needsWheelchair: boolean;
  returnTrip: boolean;
  /** km; blank: picked up near home only. */
  hubReachKm: string;
  /** datetime-local, UK time; blank: not said. */
  readyFrom: string;
  notes: string;
}

const AVERAGE_SPEED_KMH = 50;
const QUARTER_HOUR_MS = 15 * 60_000;

/**
 * A sensible default departure: the event start minus the drive (road km at ~50 km/h, when the start area is
 * known) and a quarter of an hour to park, rounded down to the quarter hour; at least half an hour before. Never
 * before the shared `earliestDeparture`, where the API would refuse it.
 */
export function defaultDepartAt(startsAt: string | Date, venue: LatLng, home: LatLng | null): Date {
  const start = new Date(startsAt).getTime();
  const driveMs = home ? (legKm(home, venue, DEFAULT_ROAD_FACTOR) / AVERAGE_SPEED_KMH) * 3_600_000 : 45 * 60_000;
  const lead = Math.max(30 * 60_000, driveMs + QUARTER_HOUR_MS);
  const rounded = Math.floor((start - lead) / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  return new Date(Math.max(rounded, earliestDeparture(new Date(start)).getTime()));
}

/** The times a lift form checks against: the event's, or the chosen shift's (`shift`: the messages name it). */
export interface FormTimes {
  startsAt: string;
  endsAt: string;
  shift?: boolean;
}

/** A lift to `shift` (on an event with shifts) is timed by it; otherwise by the event. */
export function liftTimes(event: { startsAt: string; endsAt: string }, shift: { startsAt: string; endsAt: string } | null | undefined): FormTimes {
  return shift ? { startsAt: shift.startsAt, endsAt: shift.endsAt, shift: true } : { startsAt: event.startsAt, endsAt: event.endsAt };
}

/**
 * What is wrong with the form's departure for this event, in the API's words (the shared `departureProblem`: from
 * `earliestDeparture` until it starts), on the departAt field. Nothing when the date is unreadable: the schema says so.
 */
export function departureErrors(raw: { departAt?: unknown }, event: FormTimes): FieldError[] {
  const at = raw.departAt;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) return [];
  const problem = departureProblem(at, { startsAt: new Date(event.startsAt), endsAt: new Date(event.endsAt), shift: event.shift });
  return problem ? [{ path: ['departAt'], message: problem }] : [];
}

export function emptyOfferForm(startsAt: string, venue: LatLng, home: { label: string; location: LatLng } | null): OfferFormValues {
  return {
    postcode: home?.label ?? '',
    departAt: toLondonInputValue(defaultDepartAt(startsAt, venue, home?.location ?? null)),
    vehicle: 'CAR',
    seats: '3',
    maxDetourKm: '10',
    wheelchairAccessible: false,
    returnTrip: false,
    returnDepartAt: '',
    notes: '',
  };
}

export function emptyRequestForm(home: { label: string } | null): RequestFormValues {
  return { postcode: home?.label ?? '', seats: '1', needsWheelchair: false, returnTrip: false, hubReachKm: '', readyFrom: '', notes: '' };
}

function numberOrNaN(text: string): number {
  const t = text.trim();
  return t === '' ? Number.NaN : Number(t);
}

export const ORIGIN_MESSAGE = 'Enter the postcode (or its first half) of where you start';

/** zod checks "where do you start" only once every field parses; say it with the other errors, in the form's words. */
export function withOriginError(errors: readonly FieldError[], raw: { postcode?: unknown }): FieldError[] {
  if (raw.postcode != null) return [...errors];
  return [...errors.filter((e) => e.path[0] !== 'postcode'), { path: ['postcode'], message: ORIGIN_MESSAGE }];
}

const postcodeOrNull = (text: string): string | null => (text.trim() === '' ? null : text);

/**
 * The offer form checked as the API will: the shared schema, a departure in the window before the event starts, and a
 * lift back after it ends.
 */
export function checkOffer(values: OfferFormValues, event: FormTimes) {
  const raw = offerFormToRaw(values);
  const back =
    raw.returnDepartAt instanceof Date ? returnDepartureProblem(raw.returnDepartAt, { endsAt: new Date(event.endsAt), shift: event.shift }) : null;
  const more = [...departureErrors(raw, event), ...(back ? [{ path: ['returnDepartAt'], message: back }] : [])];
  return checkLift(liftOfferSchema.safeParse(raw), raw, more);
}

/** A driver's new departure checked as the API will, but for their agreed riders' pickups (the API checks those). */
export function checkDeparture(value: string, times: FormTimes): Checked<{ departAt: Date }> {
  const raw = { departAt: fromLondonInputValue(value) ?? value };
  const parsed = setLiftOfferDepartureSchema.safeParse(raw);
  const more = departureErrors(raw, times);
  if (parsed.success && more.length === 0) return parsed;
  return { success: false, fieldErrors: parsed.success ? more : toFieldErrors(parsed.error) };
}

/** The request form checked as the API will: the shared schema, and "ready from" before the event starts. */
export function checkRequest(values: RequestFormValues, event: Omit<FormTimes, 'endsAt'>) {
  const raw = requestFormToRaw(values);
  const at = raw.readyFrom;
  const early =
    at instanceof Date && !Number.isNaN(at.getTime()) ? readyFromProblem(at, { startsAt: new Date(event.startsAt), shift: event.shift }) : null;
  return checkLift(liftRequestSchema.safeParse(raw), raw, early ? [{ path: ['readyFrom'], message: early }] : []);
}

/** What the rider's "Change when I'm ready" form holds, as the inputs give them. */
export interface ReadyFormValues {
  /** datetime-local, UK time; blank: any time suits. */
  readyFrom: string;
  /** km; blank: picked up near home only (always blank on an event without hubs). */
  hubReachKm: string;
}

/** A rider's request as the "Change when I'm ready" form starts: its ready time in UK time, its hub reach. */
export function readyForm(request: { readyFrom: string | null; hubReachKm: number | null }): ReadyFormValues {
  return {
    readyFrom: request.readyFrom ? toLondonInputValue(new Date(request.readyFrom)) : '',
    hubReachKm: request.hubReachKm == null ? '' : String(request.hubReachKm),
  };
}

/**
 * A rider's new ready time and hub reach checked as the API will (the shared schema, and "ready from" before the event
 * or shift starts), but for their agreed lift (the API checks the driver still gets there in time and the hub stays in
 * reach). Without `hubs`, the event has none: no reach is sent, whatever the box held.
 */
export function checkReadyFrom(
  values: ReadyFormValues,
  times: Omit<FormTimes, 'endsAt'>,
  hubs: boolean,
): Checked<{ readyFrom?: Date | null | undefined; hubReachKm?: number | null | undefined }> {
  const raw = {
    readyFrom: optionalTime(values.readyFrom),
    hubReachKm: !hubs || values.hubReachKm.trim() === '' ? null : numberOrNaN(values.hubReachKm.replace(',', '.')),
  };
  const parsed = setLiftRequestTimesSchema.safeParse(raw);
  const at = raw.readyFrom;
  const early =
    at instanceof Date && !Number.isNaN(at.getTime()) ? readyFromProblem(at, { startsAt: new Date(times.startsAt), shift: times.shift }) : null;
  const more = early ? [{ path: ['readyFrom'], message: early }] : [];
  if (parsed.success && more.length === 0) return parsed;
  return { success: false, fieldErrors: [...(parsed.success ? [] : toFieldErrors(parsed.error)), ...more] };
}

/**
 * What the rider is told once their new times are saved: when they are ready, how far they can get to a hub (on an
 * event with hubs) and, when their agreed lift's pickup moved with it (`toldDriver`), that the driver is told.
 */
export function readyChangedMessage(
  request: { readyFrom: string | null; hubReachKm: number | null },
  { hubs, toldDriver }: { hubs: boolean; toldDriver: boolean },
): string {
  const ready = request.readyFrom ? `You are now ready from ${formatDeparture(request.readyFrom)}.` : 'Any time suits you now.';
  const reach = !hubs
    ? ''
    : request.hubReachKm == null
      ? ' You are picked up near where you start.'
      : ` You can get to a pickup hub within ${request.hubReachKm} km.`;
  return `${ready}${reach}${toldDriver ? ' Your driver is told, with your new pickup time.' : ''}`;
}

/** The schema's errors (with "where do you start" among them) and the checks it cannot make, together. */
function checkLift<T>(parsed: SafeParse<T>, raw: { postcode?: unknown }, more: readonly FieldError[]): Checked<T> {
  if (parsed.success && more.length === 0) return parsed;
  const schemaErrors = parsed.success ? [] : withOriginError(toFieldErrors(parsed.error), raw);
  return { success: false, fieldErrors: [...schemaErrors, ...more] };
}

/** The raw object the shared `liftOfferSchema` validates (field names as the API's LiftOfferInput). */
export function offerFormToRaw(v: OfferFormValues): Record<string, unknown> {
  return {
    postcode: postcodeOrNull(v.postcode),
    // Unreadable dates go through as text so the schema reports them on the right field.
    departAt: fromLondonInputValue(v.departAt) ?? v.departAt,
    vehicle: v.vehicle,
    seats: numberOrNaN(v.seats),
    maxDetourKm: numberOrNaN(v.maxDetourKm),
    wheelchairAccessible: v.wheelchairAccessible,
    returnTrip: v.returnTrip,
    returnDepartAt: v.returnTrip ? optionalTime(v.returnDepartAt) : null,
    notes: v.notes,
  };
}

export function requestFormToRaw(v: RequestFormValues): Record<string, unknown> {
  return {
    postcode: postcodeOrNull(v.postcode),
    seats: numberOrNaN(v.seats),
    needsWheelchair: v.needsWheelchair,
    returnTrip: v.returnTrip,
    hubReachKm: v.hubReachKm.trim() === '' ? null : numberOrNaN(v.hubReachKm),
    readyFrom: optionalTime(v.readyFrom),
    notes: v.notes,
  };
}

/** A blank time is none; an unreadable one goes through as text so the schema reports it on its field. */
function optionalTime(text: string): Date | string | null {
  return text.trim() === '' ? null : (fromLondonInputValue(text) ?? text);
}

/** "adds 3.2 km", or that the pickup is on the driver's way. */
export function detourLabel(km: number): string {
  return km < 0.05 ? 'adds 0 km (on the way)' : `adds ${formatDistanceKm(km)}`;
}

export function seatsLabel(n: number): string {
  return plural(n, 'seat');
}

export function partyLabel(n: number): string {
  return plural(n, 'person', 'people');
}

/** "Sat 5 Dec, 09:15" in UK time. */
export const formatDeparture = (iso: string): string => formatDayTime(iso);

/** "Pick-up at King's Cross hub, Sat 5 Dec, 10:15", or "Pick-up near home, …": where the route picks the rider up, and when. */
export function pickupLabel(match: Pick<LiftMatchInfo, 'pickupAt' | 'pickupHub'>): string {
  const where = match.pickupHub ? `Pick-up at ${match.pickupHub.name} hub` : 'Pick-up near home';
  return match.pickupAt ? `${where}, ${formatDayTime(match.pickupAt)}` : where;
}

/** Where the lift back drops the rider off (their pickup's stop) and, when the driver gave a time back, about when. */
export function dropOffLabel(match: Pick<LiftMatchInfo, 'pickupAt' | 'pickupHub'>): string {
  const where = match.pickupHub ? `Drop-off at ${match.pickupHub.name} hub` : 'Drop-off near home';
  return match.pickupAt ? `${where}, about ${formatDayTime(match.pickupAt)}` : where;
}

export interface MatchGroups<M extends LiftMatchInfo> {
  /** Proposed by the other side: mine to accept or decline. */
  incoming: M[];
  /** Proposed by me: waiting for the other side. */
  outgoing: M[];
  accepted: M[];
}

export function groupMatches<M extends LiftMatchInfo>(matches: readonly M[]): MatchGroups<M> {
  const groups: MatchGroups<M> = { incoming: [], outgoing: [], accepted: [] };
  for (const m of matches) {
    if (m.status === 'ACCEPTED') groups.accepted.push(m);
    else if (m.status === 'PROPOSED') (m.viewerCanAccept ? groups.incoming : groups.outgoing).push(m);
  }
  return groups;
}

export interface NearbyRider {
  request: LiftRequestInfo;
  /** Estimated extra road km for my car (the venue may be shown to me only to ~1 km). */
  detourKm: number;
}

/**
 * Open requests my car could take, smallest added detour first: enough free seats, the right access, and my whole
 * route (riders I already agreed to take included) within my limit. An estimate; the API checks on proposing.
 */
export function ridersOnMyWay(offer: MyLiftOffer, requests: readonly LiftRequestInfo[], venue: LatLng): NearbyRider[] {
  const linked = new Set(offer.matches.map((m) => m.request.id));
  const driver: MatchDriver = {
    id: offer.id,
    origin: offer.origin.location,
    seats: offer.seatsLeft,
    maxDetourKm: offer.maxDetourKm,
    wheelchairAccessible: offer.wheelchairAccessible,
    departureMs: new Date(offer.departAt).getTime(),
    acceptedRiders: offer.matches
      .filter((m) => m.status === 'ACCEPTED')
      .map((m) => ({ id: m.request.id, origin: m.request.origin.location })),
  };
  const out: NearbyRider[] = [];
  for (const request of requests) {
    if (request.isMine || request.status !== 'OPEN' || linked.has(request.id)) continue;
    // A lift goes to one shift: riders of another are not on my way.
    if ((request.shift?.id ?? null) !== (offer.shift?.id ?? null)) continue;
    const rider = { id: request.id, origin: request.origin.location, seats: request.seats, needsWheelchair: request.needsWheelchair };
    const [ranked] = rankOffers(rider, [driver], venue, { roadFactor: DEFAULT_ROAD_FACTOR });
    if (ranked) out.push({ request, detourKm: ranked.detourKm });
  }
  return out.sort((a, b) => a.detourKm - b.detourKm || a.request.id.localeCompare(b.request.id));
}

/** When the shift a lift is for takes place ("Sat 12 Dec, 13:00–15:00"), from the event's shifts; null without one. */
export function shiftTimeOf(shift: { id: string } | null, shifts: readonly Pick<Shift, 'id' | 'startsAt' | 'endsAt'>[]): string | null {
  const found = shift && shifts.find((s) => s.id === shift.id);
  return found ? formatEventTime(found.startsAt, found.endsAt) : null;
}

export const SEAT_CHOICES = Array.from({ length: LIFT_LIMITS.seatsMax }, (_, i) => i + 1);

/** The seats a vehicle may offer: a car or a minibus up to 8, a coach up to 70. */
export const seatChoices = (vehicle: VehicleChoice): number[] =>
  Array.from({ length: vehicle === 'COACH' ? LIMITS.coachSeatsMax : LIMITS.carSeatsMax }, (_, i) => i + 1);

/** The vehicles a driver may choose: a coach only for the event's organisers. */
export const vehicleChoices = (organiser: boolean): { value: VehicleChoice; label: string }[] => [
  { value: 'CAR', label: 'Car' },
  { value: 'MINIBUS', label: 'Minibus' },
  ...(organiser ? [{ value: 'COACH' as const, label: "Coach (stops only at the event's pickup hubs)" }] : []),
];

/** An element id from a prefix and a GraphQL id (letters, digits, - and _ only). */
export function domId(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^A-Za-z0-9_-]/g, '')}`;
}
