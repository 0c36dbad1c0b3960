import { formatEventTime, type LatLng, liftOfferSchema, liftRequestSchema, pairDetour, toFieldErrors } from '@rallypoint/shared';
import { describe, expect, it } from 'vitest';
import { fieldErrorMap } from '../ui/errors.ts';
import type { DriverMatch, LiftMatchInfo, LiftRequestInfo, MyLiftOffer } from './documents.ts';
import {
  checkOffer,
  checkRequest,
  defaultDepartAt,
  checkDeparture,
  checkReadyFrom,
  departureErrors,
  dropOffLabel,
  liftTimes,
  shiftTimeOf,
  detourLabel,
  domId,
  emptyOfferForm,
  emptyRequestForm,
  formatDeparture,
  groupMatches,
  OFFER_FIELDS,
  ORIGIN_MESSAGE,
  offerFormToRaw,
  pickupLabel,
  readyChangedMessage,
  readyForm,
  REQUEST_FIELDS,
  requestFormToRaw,
  ridersOnMyWay,
  seatChoices,
  vehicleChoices,
  withOriginError,
} from './lifts.ts';

const VENUE = { lat: 51.5894, lng: -0.2288 }; // Hendon
const N1 = { lat: 51.53776, lng: -0.097 };
const START = '2030-07-06T09:00:00.000Z'; // 10:00 BST

describe('defaultDepartAt', () => {
  it('without a start area: 45 minutes plus a quarter hour before, on the quarter hour', () => {
    expect(defaultDepartAt(START, VENUE, null).toISOString()).toBe('2030-07-06T08:00:00.000Z');
  });

  it('from a known area: the drive at ~50 km/h plus parking, rounded down to the quarter hour', () => {
    // N1 → Hendon is ~14 road km: 17 min + 15 min → leave at 08:28, rounded down to 08:15 UTC.
    expect(defaultDepartAt(START, VENUE, N1).toISOString()).toBe('2030-07-06T08:15:00.000Z');
    // Next door: still half an hour before.
    expect(defaultDepartAt(START, VENUE, VENUE).toISOString()).toBe('2030-07-06T08:30:00.000Z');
    const far = defaultDepartAt(START, VENUE, { lat: 53.82, lng: -1.57 }); // Leeds, ~4 h by road
    expect(far.getTime()).toBeLessThan(new Date(START).getTime() - 4 * 3_600_000);
    expect(far.getUTCMinutes() % 15).toBe(0);
  });
});

describe("departures on the event's day, or just before a start in the small hours (as the API checks them)", () => {
  const event = { startsAt: START, endsAt: '2030-07-06T11:00:00.000Z' }; // 10:00–12:00 BST
  const at = (iso: string) => departureErrors({ departAt: new Date(iso) }, event);

  it('takes any time from midnight UK time on the day until the event starts', () => {
    expect(at('2030-07-05T23:00:00Z')).toEqual([]); // 00:00 BST on the 6th
    expect(at('2030-07-06T08:59:00Z')).toEqual([]); // cutting it fine, but before the start
  });

  it("names the problem on the departure field, in the API's words", () => {
    expect(at('2030-07-05T22:59:00Z')).toEqual([{ path: ['departAt'], message: 'Leave on the day of the event' }]);
    expect(at('2030-07-06T09:00:00Z')).toEqual([{ path: ['departAt'], message: 'The departure is after the event starts: leave before it begins' }]);
  });

  it("checks a driver's new departure the same way, from the UK wall-clock box, and by the shift when there is one", () => {
    expect(checkDeparture('2030-07-06T09:30', event)).toEqual({ success: true, data: { departAt: new Date('2030-07-06T08:30:00Z') } });
    expect(checkDeparture('2030-07-06T10:00', event)).toEqual({
      success: false,
      fieldErrors: [{ path: ['departAt'], message: 'The departure is after the event starts: leave before it begins' }],
    });
    const shift = { startsAt: '2030-07-06T12:00:00Z', endsAt: '2030-07-06T14:00:00Z', shift: true };
    expect(checkDeparture('2030-07-06T12:30', shift).success).toBe(true);
    expect(checkDeparture('2030-07-06T13:00', shift)).toMatchObject({ fieldErrors: [{ message: 'The departure is after the shift starts: leave before it begins' }] });
    expect(checkDeparture('soon', event)).toMatchObject({ success: false, fieldErrors: [{ path: ['departAt'], message: 'Departure must be a valid date and time' }] });
  });

  it('leaves an unreadable date to the schema', () => {
    expect(departureErrors({ departAt: 'soon' }, event)).toEqual([]);
    expect(departureErrors({ departAt: new Date(Number.NaN) }, event)).toEqual([]);
  });

  it('the default departure for a start in the small hours may be the evening before, within the window', () => {
    const early = '2030-07-05T23:30:00.000Z'; // 00:30 BST on the 6th
    const depart = defaultDepartAt(early, VENUE, { lat: 53.82, lng: -1.57 }); // Leeds: hours from Hendon
    expect(depart.toISOString()).toBe('2030-07-05T17:30:00.000Z'); // 18:30 BST on the 5th: the window's start
    expect(defaultDepartAt(early, VENUE, null).toISOString()).toBe('2030-07-05T22:30:00.000Z'); // an hour before
    expect(departureErrors({ departAt: depart }, { startsAt: early, endsAt: '2030-07-06T01:30:00.000Z' })).toEqual([]);
    // Never before the window: six hours before a midnight start (winter, GMT), however long the drive.
    const midnight = '2030-01-12T00:00:00.000Z';
    expect(defaultDepartAt(midnight, VENUE, { lat: 55.95, lng: -3.19 }).toISOString()).toBe('2030-01-11T18:00:00.000Z');
    expect(defaultDepartAt(midnight, VENUE, null).toISOString()).toBe('2030-01-11T23:00:00.000Z');
    expect(departureErrors({ departAt: new Date('2030-01-11T17:59:00.000Z') }, { startsAt: midnight, endsAt: '2030-01-12T02:00:00.000Z' })).toEqual([
      { path: ['departAt'], message: 'Leave no more than 6 hours before the event starts' },
    ]);
  });
});

describe('lift forms → the shared schemas', () => {
  it('prefills the home district and a departure in UK time; parses into the API input', () => {
    const values = emptyOfferForm(START, VENUE, { label: 'N1', location: N1 });
    expect(values).toMatchObject({ postcode: 'N1', departAt: '2030-07-06T09:15', seats: '3', maxDetourKm: '10' });
    const parsed = liftOfferSchema.parse(offerFormToRaw({ ...values, notes: '  Room for a bag  ' }));
    expect(parsed).toMatchObject({ postcode: 'N1', seats: 3, maxDetourKm: 10, notes: 'Room for a bag' });
    expect(parsed.departAt.toISOString()).toBe('2030-07-06T08:15:00.000Z');
  });

  it('reports a blank start, a bad detour and a bad date on their fields', () => {
    const raw = offerFormToRaw({ ...emptyOfferForm(START, VENUE, null), maxDetourKm: '', departAt: 'soon' });
    const result = liftOfferSchema.safeParse(raw);
    expect(result.success).toBe(false);
    if (result.success) return;
    // zod skips the object-level "where do you start" check while fields fail; the helper adds it.
    const map = fieldErrorMap(withOriginError(toFieldErrors(result.error), raw), OFFER_FIELDS);
    expect(Object.keys(map).sort()).toEqual(['departAt', 'maxDetourKm', 'postcode']);
    expect(map.postcode).toBe(ORIGIN_MESSAGE);
    const onlyOrigin = liftOfferSchema.safeParse(offerFormToRaw(emptyOfferForm(START, VENUE, null)));
    expect(onlyOrigin.success).toBe(false);
    if (onlyOrigin.success) return;
    expect(withOriginError(toFieldErrors(onlyOrigin.error), { postcode: null })).toEqual([{ path: ['postcode'], message: ORIGIN_MESSAGE }]);
  });

  it('checkOffer: the schema\'s errors, the missing start and a departure on another day, all at once', () => {
    const event = { startsAt: START, endsAt: '2030-07-06T11:00:00.000Z' };
    const values = { ...emptyOfferForm(START, VENUE, null), seats: '0', departAt: '2030-07-05T18:00' };
    const checked = checkOffer(values, event);
    expect(checked.success).toBe(false);
    if (checked.success || !('fieldErrors' in checked)) throw new Error('expected field errors');
    const map = fieldErrorMap(checked.fieldErrors, OFFER_FIELDS);
    expect(Object.keys(map).sort()).toEqual(['departAt', 'postcode', 'seats']);
    expect(map.postcode).toBe(ORIGIN_MESSAGE);
    // Only the departure wrong: still refused, though the schema passes.
    expect(checkOffer({ ...values, postcode: 'N1', seats: '3' }, event)).toMatchObject({
      success: false,
      fieldErrors: [{ path: ['departAt'] }],
    });
    const ok = checkOffer(emptyOfferForm(START, VENUE, { label: 'N1', location: N1 }), event);
    expect(ok).toMatchObject({ success: true, data: { postcode: 'N1', seats: 3 } });
    expect(checkRequest(emptyRequestForm({ label: 'SW6' }), event)).toMatchObject({ success: true, data: { postcode: 'SW6', seats: 1 } });
  });

  it('a lift to a shift is checked against that shift, in its words; without one, against the event', () => {
    const event = { startsAt: '2030-07-06T09:00:00.000Z', endsAt: '2030-07-06T16:00:00.000Z' };
    const afternoon = liftTimes(event, { startsAt: '2030-07-06T13:00:00.000Z', endsAt: '2030-07-06T15:00:00.000Z' });
    expect(liftTimes(event, null)).toEqual(event);
    const values = { ...emptyOfferForm(afternoon.startsAt, VENUE, { label: 'N1', location: N1 }), returnTrip: true };
    // Leaving at 13:00 BST, after the event starts and before the shift does; back at 16:30 BST, before the event ends.
    expect(checkOffer({ ...values, departAt: '2030-07-06T13:00', returnDepartAt: '2030-07-06T16:30' }, afternoon).success).toBe(true);
    expect(checkOffer({ ...values, departAt: '2030-07-06T13:00', returnDepartAt: '2030-07-06T16:30' }, liftTimes(event, null))).toMatchObject({
      fieldErrors: [
        { path: ['departAt'], message: 'The departure is after the event starts: leave before it begins' },
        { path: ['returnDepartAt'], message: 'The lift back leaves before the event ends: choose a time after it finishes' },
      ],
    });
    expect(checkOffer({ ...values, departAt: '2030-07-06T14:00', returnDepartAt: '2030-07-06T15:30' }, afternoon)).toMatchObject({
      fieldErrors: [
        { path: ['departAt'], message: 'The departure is after the shift starts: leave before it begins' },
        { path: ['returnDepartAt'], message: 'The lift back leaves before the shift ends: choose a time after it finishes' },
      ],
    });
    expect(checkRequest({ ...emptyRequestForm({ label: 'SW6' }), readyFrom: '2030-07-06T14:30' }, afternoon)).toMatchObject({
      fieldErrors: [{ path: ['readyFrom'], message: 'Ready from must be before the shift starts' }],
    });
  });

  it('request form: party size and a malformed postcode', () => {
    expect(emptyRequestForm(null)).toMatchObject({ postcode: '', seats: '1' });
    const ok = liftRequestSchema.parse(requestFormToRaw({ ...emptyRequestForm({ label: 'SW6' }), seats: '2', needsWheelchair: true }));
    expect(ok).toMatchObject({ postcode: 'SW6', seats: 2, needsWheelchair: true });
    const bad = liftRequestSchema.safeParse(requestFormToRaw({ ...emptyRequestForm(null), postcode: 'not a place' }));
    expect(bad.success).toBe(false);
    if (bad.success) return;
    expect(fieldErrorMap(toFieldErrors(bad.error), REQUEST_FIELDS).postcode).toMatch(/valid UK postcode/);
  });
});

describe('labels', () => {
  it('detour, departure and element ids', () => {
    expect(detourLabel(0)).toBe('adds 0 km (on the way)');
    expect(detourLabel(3.24)).toBe('adds 3.2 km');
    expect(detourLabel(12.6)).toBe('adds 13 km');
    expect(formatDeparture('2030-07-06T08:30:00.000Z')).toBe('Sat 6 Jul 2030, 09:30');
    expect(domId('note', 'TGlmdE1hdGNoOjE=')).toBe('note-TGlmdE1hdGNoOjE');
  });

  it('pick-up: at a hub or near home, with the time when it is planned', () => {
    const hub = { __typename: 'EventHub' as const, id: 'h', name: "King's Cross" };
    expect(pickupLabel({ pickupHub: hub, pickupAt: '2030-07-06T08:15:00.000Z' })).toBe("Pick-up at King's Cross hub, Sat 6 Jul 2030, 09:15");
    expect(pickupLabel({ pickupHub: null, pickupAt: '2030-07-06T08:40:00.000Z' })).toBe('Pick-up near home, Sat 6 Jul 2030, 09:40');
    expect(pickupLabel({ pickupHub: hub, pickupAt: null })).toBe("Pick-up at King's Cross hub");
    expect(dropOffLabel({ pickupHub: hub, pickupAt: '2030-07-06T16:15:00.000Z' })).toBe("Drop-off at King's Cross hub, about Sat 6 Jul 2030, 17:15");
    expect(dropOffLabel({ pickupHub: null, pickupAt: null })).toBe('Drop-off near home');
  });
});

const match = (over: Partial<LiftMatchInfo>): LiftMatchInfo => ({
  __typename: 'LiftMatch',
  id: 'm',
  status: 'PROPOSED',
  proposedBy: 'RIDER',
  detourKm: 1,
  viewerSide: 'DRIVER',
  viewerCanAccept: true,
  pickupDetails: null,
  otherSideFullName: null,
  pickupAt: null,
  pickupHub: null,
  ...over,
});

describe('groupMatches', () => {
  it('splits proposals to answer, proposals waiting on the other side and agreed lifts', () => {
    const groups = groupMatches([
      match({ id: 'a' }),
      match({ id: 'b', viewerCanAccept: false, proposedBy: 'DRIVER' }),
      match({ id: 'c', status: 'ACCEPTED', viewerCanAccept: false }),
      match({ id: 'd', status: 'DECLINED' }),
    ]);
    expect(groups.incoming.map((m) => m.id)).toEqual(['a']);
    expect(groups.outgoing.map((m) => m.id)).toEqual(['b']);
    expect(groups.accepted.map((m) => m.id)).toEqual(['c']);
  });
});

const request = (id: string, origin: LatLng, over: Partial<LiftRequestInfo> = {}): LiftRequestInfo => ({
  __typename: 'LiftRequest',
  id,
  status: 'OPEN',
  seats: 1,
  needsWheelchair: false,
  hubReachKm: null,
  readyFrom: null,
  shift: null,
  returnTrip: false,
  notes: '',
  isMine: false,
  origin: { __typename: 'Place', label: id, location: { __typename: 'LatLng', ...origin } },
  rider: { __typename: 'Person', id: `rider-${id}`, displayName: `Rider ${id}` },
  ...over,
});

describe('ridersOnMyWay', () => {
  const offer = (over: Partial<MyLiftOffer> = {}): MyLiftOffer => ({
    __typename: 'LiftOffer',
    id: 'car',
    status: 'OPEN',
    departAt: START,
    shift: null,
    seats: 3,
    seatsLeft: 3,
    maxDetourKm: 7,
    wheelchairAccessible: false,
    vehicle: 'CAR',
    returnTrip: false,
    returnDepartAt: null,
    notes: '',
    isMine: true,
    origin: { __typename: 'Place', label: 'N1', location: { __typename: 'LatLng', ...N1 } },
    driver: { __typename: 'Person', id: 'me', displayName: 'Me M.' },
    matches: [],
    ...over,
  });
  // Road km each adds alone to N1 → Hendon: a 1.3, b 3.7, c 6.7, e 7.9, far 44.
  const P = {
    a: { lat: 51.575, lng: -0.13 },
    b: { lat: 51.52, lng: -0.15 },
    c: { lat: 51.6, lng: -0.1 },
    e: { lat: 51.51, lng: -0.2 },
    far: { lat: 51.45, lng: 0.1 },
  };

  it('keeps the requests within my limit, smallest detour first, priced with the shared detour', () => {
    const all = (['far', 'c', 'e', 'b', 'a'] as const).map((k) => request(k, P[k]));
    const out = ridersOnMyWay(offer(), all, VENUE);
    expect(out.map((r) => r.request.id)).toEqual(['a', 'b', 'c']);
    for (const r of out) expect(r.detourKm).toBeCloseTo(pairDetour(N1, r.request.origin.location, VENUE), 9);
  });

  it('keeps to my shift: riders going to another shift (or to none, when I drive to one) are not on my way', () => {
    const shift = (id: string) => ({ __typename: 'EventShift' as const, id });
    const all = [request('mine', P.a, { shift: shift('pm') }), request('other', P.b, { shift: shift('am') }), request('none', P.c)];
    expect(ridersOnMyWay(offer({ shift: shift('pm') }), all, VENUE).map((r) => r.request.id)).toEqual(['mine']);
    expect(ridersOnMyWay(offer(), all, VENUE).map((r) => r.request.id)).toEqual(['none']);
  });

  it('names the shift a lift is for from the event\'s shifts', () => {
    const shifts = [{ id: 'pm', startsAt: '2030-07-06T12:00:00.000Z', endsAt: '2030-07-06T14:00:00.000Z' }];
    expect(shiftTimeOf({ id: 'pm' }, shifts)).toBe(formatEventTime(shifts[0]!.startsAt, shifts[0]!.endsAt));
    expect(shiftTimeOf({ id: 'pm' }, shifts)).toMatch(/13:00–15:00/);
    expect(shiftTimeOf(null, shifts)).toBeNull();
    expect(shiftTimeOf({ id: 'gone' }, shifts)).toBeNull();
  });

  it('skips my own request, requests already linked to my car, parties too big and wheelchair needs my car lacks', () => {
    const linked: DriverMatch = { ...match({ id: 'x' }), request: request('linked', P.a) };
    const out = ridersOnMyWay(
      offer({ seatsLeft: 2, matches: [linked] }),
      [
        request('mine', P.a, { isMine: true }),
        request('linked', P.a),
        request('party', P.a, { seats: 3 }),
        request('chair', P.a, { needsWheelchair: true }),
        request('taken', P.a, { status: 'MATCHED' }),
        request('ok', P.a),
      ],
      VENUE,
    );
    expect(out.map((r) => r.request.id)).toEqual(['ok']);
  });

  it('prices a pickup on the route via the riders I already take, against my whole-route limit', () => {
    const taken: DriverMatch = { ...match({ id: 'y', status: 'ACCEPTED' }), request: request('b', P.b) };
    const out = ridersOnMyWay(offer({ maxDetourKm: 9, seatsLeft: 2, matches: [taken] }), [request('a', P.a), request('c', P.c), request('e', P.e)], VENUE);
    // Via b, e fits better than a (4.2 vs 5.0 km more); c would take the whole route to 15.5 km.
    expect(out.map((r) => [r.request.id, Math.round(r.detourKm * 10) / 10])).toEqual([
      ['e', 4.2],
      ['a', 5.0],
    ]);
  });
});

describe('rally fields: vehicles, the lift back, hubs and ready-from', () => {
  const event = { startsAt: START, endsAt: '2030-07-06T11:00:00.000Z' };
  const offer = { ...emptyOfferForm(START, VENUE, { label: 'N1', location: N1 }) };

  it('a coach is offered only to organisers, and takes up to 70 seats; a car or minibus 8', () => {
    expect(vehicleChoices(false).map((v) => v.value)).toEqual(['CAR', 'MINIBUS']);
    expect(vehicleChoices(true).map((v) => v.value)).toEqual(['CAR', 'MINIBUS', 'COACH']);
    expect(seatChoices('CAR').at(-1)).toBe(8);
    expect(seatChoices('COACH').at(-1)).toBe(70);
    expect(checkOffer({ ...offer, vehicle: 'COACH', seats: '70' }, event)).toMatchObject({ success: true, data: { vehicle: 'COACH', seats: 70 } });
    const car = checkOffer({ ...offer, vehicle: 'MINIBUS', seats: '9' }, event);
    expect(car.success || !('fieldErrors' in car) ? [] : car.fieldErrors.map((e) => e.path.join('.'))).toEqual(['seats']);
  });

  it('the lift back: sent only with "bring people back", and after the event ends (UK time)', () => {
    expect(offerFormToRaw({ ...offer, returnDepartAt: '2030-07-06T13:00' }).returnDepartAt).toBeNull();
    const ok = checkOffer({ ...offer, returnTrip: true, returnDepartAt: '2030-07-06T12:30' }, event); // 11:30 UTC
    expect(ok).toMatchObject({ success: true, data: { returnDepartAt: new Date('2030-07-06T11:30:00Z') } });
    const early = checkOffer({ ...offer, returnTrip: true, returnDepartAt: '2030-07-06T11:30' }, event);
    expect(early).toMatchObject({ success: false, fieldErrors: [{ path: ['returnDepartAt'], message: expect.stringMatching(/before the event ends/) }] });
  });

  it('hub reach: blank is none, otherwise more than 0 and at most 30 km; ready from before the start', () => {
    const base = emptyRequestForm({ label: 'SW6' });
    expect(checkRequest(base, event)).toMatchObject({ success: true, data: { hubReachKm: null, readyFrom: null } });
    expect(checkRequest({ ...base, hubReachKm: '2.5', readyFrom: '2030-07-06T08:15' }, event)).toMatchObject({
      success: true,
      data: { hubReachKm: 2.5, readyFrom: new Date('2030-07-06T07:15:00Z') },
    });
    for (const hubReachKm of ['0', '31', 'far']) {
      const bad = checkRequest({ ...base, hubReachKm }, event);
      expect(bad.success, hubReachKm).toBe(false);
      if (!bad.success && 'fieldErrors' in bad) expect(bad.fieldErrors.map((e) => e.path[0])).toEqual(['hubReachKm']);
      else if (!bad.success) expect(toFieldErrors(bad.error).map((e) => e.path[0])).toEqual(['hubReachKm']);
    }
    const late = checkRequest({ ...base, readyFrom: '2030-07-06T10:00' }, event);
    expect(late).toMatchObject({ success: false, fieldErrors: [{ path: ['readyFrom'], message: expect.stringMatching(/before the event starts/) }] });
  });
});

describe("the rider's change of ready time (as the API checks it, but for the agreed lift)", () => {
  const event = { startsAt: START }; // 10:00 BST
  const none = { readyFrom: '', hubReachKm: '' };

  it('starts from the request: its ready time in UK time, its hub reach; nothing said is empty', () => {
    expect(readyForm({ readyFrom: '2030-07-06T08:15:00.000Z', hubReachKm: 2.5 })).toEqual({ readyFrom: '2030-07-06T09:15', hubReachKm: '2.5' });
    expect(readyForm({ readyFrom: null, hubReachKm: null })).toEqual(none);
  });

  it('takes a time before the start, from the UK wall-clock box, and empty as "any time"', () => {
    expect(checkReadyFrom({ ...none, readyFrom: '2030-07-06T09:15' }, event, false)).toEqual({
      success: true,
      data: { readyFrom: new Date('2030-07-06T08:15:00Z'), hubReachKm: null },
    });
    expect(checkReadyFrom(none, event, true)).toEqual({ success: true, data: { readyFrom: null, hubReachKm: null } });
    expect(checkReadyFrom({ ...none, readyFrom: '   ' }, event, true)).toMatchObject({ success: true, data: { readyFrom: null } });
  });

  it("refuses a time at or after the start (or the shift's) and before the day, in the shared words", () => {
    expect(checkReadyFrom({ ...none, readyFrom: '2030-07-06T10:00' }, event, false)).toEqual({
      success: false,
      fieldErrors: [{ path: ['readyFrom'], message: 'Ready from must be before the event starts' }],
    });
    const shift = liftTimes({ startsAt: START, endsAt: '2030-07-06T16:00:00.000Z' }, { startsAt: '2030-07-06T13:00:00.000Z', endsAt: '2030-07-06T15:00:00.000Z' });
    expect(checkReadyFrom({ ...none, readyFrom: '2030-07-06T13:30' }, shift, false).success).toBe(true); // after the event's start
    expect(checkReadyFrom({ ...none, readyFrom: '2030-07-06T14:30' }, shift, false)).toMatchObject({
      fieldErrors: [{ path: ['readyFrom'], message: 'Ready from must be before the shift starts' }],
    });
    expect(checkReadyFrom({ ...none, readyFrom: '2030-07-05T20:00' }, event, false)).toMatchObject({
      fieldErrors: [{ path: ['readyFrom'], message: 'Be ready on the day of the event' }],
    });
    expect(checkReadyFrom({ ...none, readyFrom: 'soon' }, event, false)).toMatchObject({
      fieldErrors: [{ path: ['readyFrom'], message: 'Ready from must be a valid date and time' }],
    });
  });

  it('hub reach: empty is none, a decimal comma reads as a point, 0, more than 30 km or no number is refused on its field', () => {
    expect(checkReadyFrom({ ...none, hubReachKm: '2,5' }, event, true)).toEqual({ success: true, data: { readyFrom: null, hubReachKm: 2.5 } });
    for (const hubReachKm of ['0', '-1', '31', 'far']) {
      const bad = checkReadyFrom({ ...none, hubReachKm }, event, true);
      expect(bad.success, hubReachKm).toBe(false);
      expect(!bad.success && 'fieldErrors' in bad ? bad.fieldErrors.map((e) => e.path.join('.')) : [], hubReachKm).toEqual(['hubReachKm']);
    }
    expect(checkReadyFrom({ ...none, hubReachKm: '31' }, event, true)).toMatchObject({
      fieldErrors: [{ message: 'Distance to a hub must be at most 30 km' }],
    });
    // Both wrong: both said at once.
    const both = checkReadyFrom({ readyFrom: '2030-07-06T11:00', hubReachKm: '0' }, event, true);
    expect(!both.success && 'fieldErrors' in both ? both.fieldErrors.map((e) => e.path[0]).sort() : []).toEqual(['hubReachKm', 'readyFrom']);
    // An event without hubs: no reach is sent, whatever the box held.
    expect(checkReadyFrom({ ...none, hubReachKm: '31' }, event, false)).toEqual({ success: true, data: { readyFrom: null, hubReachKm: null } });
  });

  it('says what changed, and that the driver is told when an agreed pickup moved', () => {
    expect(readyChangedMessage({ readyFrom: '2030-07-06T08:15:00.000Z', hubReachKm: null }, { hubs: false, toldDriver: false })).toBe(
      'You are now ready from Sat 6 Jul 2030, 09:15.',
    );
    expect(readyChangedMessage({ readyFrom: null, hubReachKm: 3 }, { hubs: true, toldDriver: true })).toBe(
      'Any time suits you now. You can get to a pickup hub within 3 km. Your driver is told, with your new pickup time.',
    );
    expect(readyChangedMessage({ readyFrom: null, hubReachKm: null }, { hubs: true, toldDriver: false })).toBe(
      'Any time suits you now. You are picked up near where you start.',
    );
  });
});
