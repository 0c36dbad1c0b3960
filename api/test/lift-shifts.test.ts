// Lifts on a day of action with shifts: each lift is for one shift, timed by it (the drive there arrives before that
// shift starts, the lift back leaves after it ends) and matched only with lifts to the same shift.
import { describe, expect, test } from 'vitest';
import { formatEventTime } from '@rallypoint/shared';
import { type Client, createEvent, signedUp, useTestApi, uuidOf } from './helpers.ts';
import { waitForMail } from './mail-catcher.ts';

const api = useTestApi();

const ERR = '... on Error { __typename message } ... on ValidationError { fieldErrors { path message } }';
const OFFER = /* GraphQL */ `
  mutation ShiftOffer($eventId: ID!, $input: LiftOfferInput!, $shiftId: ID) {
    offerLift(eventId: $eventId, input: $input, shiftId: $shiftId) { __typename ... on MutationOfferLiftSuccess { data { id shift { id } } } ${ERR} }
  }
`;
const REQUEST = /* GraphQL */ `
  mutation ShiftRequest($eventId: ID!, $input: LiftRequestInput!, $shiftId: ID) {
    requestLift(eventId: $eventId, input: $input, shiftId: $shiftId) { __typename ... on MutationRequestLiftSuccess { data { id shift { id } } } ${ERR} }
  }
`;
const RSVP = /* GraphQL */ `mutation ShiftRsvp($eventId: ID!, $shiftId: ID) { rsvp(eventId: $eventId, shiftId: $shiftId) { __typename ${ERR} } }`;
const CANCEL_RSVP = /* GraphQL */ `mutation CancelShift($eventId: ID!, $shiftId: ID) { cancelRsvp(eventId: $eventId, shiftId: $shiftId) { __typename ${ERR} } }`;
const SHIFTS = /* GraphQL */ `query Shifts($id: ID!) { event(id: $id) { shifts { id } } }`;
const PROPOSE = /* GraphQL */ `
  mutation Propose($offerId: ID!, $requestId: ID!) {
    proposeLift(offerId: $offerId, requestId: $requestId) { __typename ... on MutationProposeLiftSuccess { data { id } } ${ERR} }
  }
`;
const ACCEPT = /* GraphQL */ `
  mutation Accept($matchId: ID!) { acceptLift(matchId: $matchId) { __typename ... on MutationAcceptLiftSuccess { data { status pickupAt } } ${ERR} } }
`;
const CANDIDATES = /* GraphQL */ `query Candidates($id: ID!) { node(id: $id) { ... on LiftRequest { candidates { offer { id } } } } }`;
const MATCH_EVERYONE = /* GraphQL */ `
  mutation MatchEveryone($eventId: ID!) {
    matchEveryone(eventId: $eventId) {
      __typename
      ... on MutationMatchEveryoneSuccess {
        data {
          requests cars peopleMatched
          proposals { pickupAt offer { id } request { id } }
          unmatched { id }
          returnLeg { requests cars peopleMatched proposals { offer { id } request { id } } unmatched { id } }
        }
      }
      ${ERR}
    }
  }
`;

const VENUE = { lat: 51.5894, lng: -0.2288 };

/** A canvass from 10:00 to 16:00 UTC a week ahead, with a morning shift (10–12) and an afternoon one (13–15). */
async function dayOfAction(organiser: Client) {
  const day = new Date(Date.now() + 7 * 86_400_000);
  day.setUTCHours(0, 0, 0, 0);
  const at = (h: number) => new Date(day.getTime() + h * 3_600_000).toISOString();
  const event = await createEvent(organiser, {
    kind: 'CANVASS',
    title: 'Shift lifts canvass',
    postcode: 'NW4 4BT',
    location: VENUE,
    startsAt: at(10),
    endsAt: at(16),
    shifts: [
      { startsAt: at(10), endsAt: at(12), capacity: null },
      { startsAt: at(13), endsAt: at(15), capacity: null },
    ],
  });
  const shifts = (await organiser.gql(SHIFTS, { id: event.id })).data.event.shifts as { id: string }[];
  return { id: event.id as string, morning: shifts[0]!.id, afternoon: shifts[1]!.id, at };
}

const offerInput = (departAt: string, over: Record<string, unknown> = {}) => ({ departAt, seats: 3, maxDetourKm: 15, postcode: 'NW7', ...over });

async function offer(client: Client, eventId: string, shiftId: string, input: Record<string, unknown>): Promise<string> {
  const res = await client.gql(OFFER, { eventId, shiftId, input });
  expect(res.data.offerLift.__typename, JSON.stringify(res)).toBe('MutationOfferLiftSuccess');
  expect(res.data.offerLift.data.shift).toEqual({ id: shiftId });
  return res.data.offerLift.data.id;
}

async function request(client: Client, eventId: string, shiftId: string | null, input: Record<string, unknown> = {}): Promise<string> {
  const res = await client.gql(REQUEST, { eventId, shiftId, input: { postcode: 'NW7', ...input } });
  expect(res.data.requestLift.__typename, JSON.stringify(res)).toBe('MutationRequestLiftSuccess');
  return res.data.requestLift.data.id;
}

/** What a refused lift must leave as it was: the event's bookings and lifts. */
async function snapshot(eventId: string) {
  const id = uuidOf(eventId);
  const [rsvps, offers, requests, matches] = await Promise.all([
    api.prisma.rsvp.findMany({ where: { eventId: id }, orderBy: { id: 'asc' } }),
    api.prisma.liftOffer.findMany({ where: { eventId: id }, orderBy: { id: 'asc' } }),
    api.prisma.liftRequest.findMany({ where: { eventId: id }, orderBy: { id: 'asc' } }),
    api.prisma.liftMatch.findMany({ where: { offer: { eventId: id } }, orderBy: { id: 'asc' } }),
  ]);
  return { rsvps, offers, requests, matches };
}

describe('a lift is for one shift, timed by it', () => {
  test('a driver to the afternoon shift may leave after the event starts, arriving before the shift does; the shift sets every time rule', async () => {
    const organiser = await signedUp(api.url);
    const event = await dayOfAction(organiser);
    const driver = await signedUp(api.url);
    const before = await snapshot(event.id);

    const late = await driver.gql(OFFER, { eventId: event.id, shiftId: event.afternoon, input: offerInput(event.at(13)) });
    expect(late.data.offerLift.fieldErrors).toEqual([{ path: ['departAt'], message: 'The departure is after the shift starts: leave before it begins' }]);
    const backEarly = await driver.gql(OFFER, {
      eventId: event.id,
      shiftId: event.afternoon,
      input: offerInput(event.at(11.5), { returnTrip: true, returnDepartAt: event.at(14.5) }),
    });
    expect(backEarly.data.offerLift.fieldErrors).toEqual([
      { path: ['returnDepartAt'], message: 'The lift back leaves before the shift ends: choose a time after it finishes' },
    ]);
    expect(await snapshot(event.id)).toEqual(before);

    // Half past eleven, after the event's start, and back at a quarter past three, before the event's end.
    const offerId = await offer(driver, event.id, event.afternoon, offerInput(event.at(11.5), { returnTrip: true, returnDepartAt: event.at(15.25) }));

    // The rider's "ready from" is checked against their shift too: the morning shift is already under way at 11:00.
    const rider = await signedUp(api.url);
    const offered = await snapshot(event.id);
    const early = await rider.gql(REQUEST, { eventId: event.id, shiftId: event.morning, input: { postcode: 'NW7', readyFrom: event.at(11) } });
    expect(early.data.requestLift.fieldErrors).toEqual([{ path: ['readyFrom'], message: 'Ready from must be before the shift starts' }]);
    const afterShift = await rider.gql(REQUEST, { eventId: event.id, shiftId: event.afternoon, input: { postcode: 'NW7', readyFrom: event.at(13.5) } });
    expect(afterShift.data.requestLift.fieldErrors).toEqual([{ path: ['readyFrom'], message: 'Ready from must be before the shift starts' }]);
    expect(await snapshot(event.id)).toEqual(offered);

    // Booked on the afternoon shift first, a request without a shift is for that one.
    expect((await rider.gql(RSVP, { eventId: event.id, shiftId: event.afternoon })).data.rsvp.__typename).toBe('MutationRsvpSuccess');
    const requestId = await request(rider, event.id, null, { readyFrom: event.at(11) });
    expect((await api.prisma.liftRequest.findUniqueOrThrow({ where: { id: uuidOf(requestId) } })).shiftId).toBe(uuidOf(event.afternoon));

    // The pairing arrives by the shift's start, not the event's: the driver can take the rider.
    const proposed = await rider.gql(PROPOSE, { offerId, requestId });
    expect(proposed.data.proposeLift.__typename, JSON.stringify(proposed)).toBe('MutationProposeLiftSuccess');
    // The driver's e-mail gives the shift's time, not only the event's.
    const asked = await waitForMail(driver.email, { test: (m) => /asks you for a lift/i.test(m.subject ?? '') });
    expect(asked.text).toContain(`${formatEventTime(event.at(13), event.at(15))}, the shift this lift is for`);
    const accepted = await driver.gql(ACCEPT, { matchId: proposed.data.proposeLift.data.id });
    expect(accepted.data.acceptLift.data.status).toBe('ACCEPTED');
    const pickupAt = Date.parse(accepted.data.acceptLift.data.pickupAt);
    expect(pickupAt).toBeGreaterThanOrEqual(Date.parse(event.at(11.5)));
    expect(pickupAt).toBeLessThan(Date.parse(event.at(13)));
  });

  test('Match everyone plans each shift apart: nobody rides to another shift, either way', async () => {
    const organiser = await signedUp(api.url);
    const event = await dayOfAction(organiser);
    // One seat to the morning; three to the afternoon, leaving early enough for either shift, and seats back.
    const morningCar = await offer(await signedUp(api.url), event.id, event.morning, offerInput(event.at(9), { seats: 1 }));
    const afternoonCar = await offer(
      await signedUp(api.url),
      event.id,
      event.afternoon,
      offerInput(event.at(9.5), { returnTrip: true, returnDepartAt: event.at(15.25) }),
    );
    const morningRiders = [await signedUp(api.url), await signedUp(api.url)];
    const morning1 = await request(morningRiders[0]!, event.id, event.morning, { returnTrip: true });
    const morning2 = await request(morningRiders[1]!, event.id, event.morning, { returnTrip: true });
    const afternoonRider = await signedUp(api.url);
    const afternoon = await request(afternoonRider, event.id, event.afternoon, { returnTrip: true, readyFrom: event.at(11) });

    const res = await organiser.gql(MATCH_EVERYONE, { eventId: event.id });
    const plan = res.data.matchEveryone.data;
    expect(plan, JSON.stringify(res)).toBeTruthy();
    expect(plan).toMatchObject({ requests: 3, cars: 2, peopleMatched: 2 });
    const pairs = (plan.proposals as { offer: { id: string }; request: { id: string } }[]).map((p) => [p.offer.id, p.request.id]);
    // The afternoon car had room for a morning rider, and would have reached the morning shift in time.
    expect(pairs).toContainEqual([afternoonCar, afternoon]);
    expect(pairs.filter(([car]) => car === morningCar)).toHaveLength(1);
    expect(pairs.filter(([car]) => car === afternoonCar)).toHaveLength(1);
    expect(plan.unmatched).toHaveLength(1);
    expect([morning1, morning2]).toContain(plan.unmatched[0].id);
    const pickupAt = Date.parse(plan.proposals.find((p: { request: { id: string } }) => p.request.id === afternoon).pickupAt);
    expect(pickupAt).toBeGreaterThanOrEqual(Date.parse(event.at(11)));
    expect(pickupAt).toBeLessThan(Date.parse(event.at(13)));

    // The way back too: the afternoon car takes its own shift's rider home, not the morning's.
    expect(plan.returnLeg).toMatchObject({ requests: 3, cars: 1, peopleMatched: 1 });
    expect(plan.returnLeg.proposals.map((p: { offer: { id: string }; request: { id: string } }) => [p.offer.id, p.request.id])).toEqual([
      [afternoonCar, afternoon],
    ]);
    expect(plan.returnLeg.unmatched.map((r: { id: string }) => r.id).sort()).toEqual([morning1, morning2].sort());

    // By hand, the morning rider left over cannot ask the afternoon car, which is not among their candidates either.
    const stranded = plan.unmatched[0].id as string;
    const strandedRider = morningRiders[stranded === morning1 ? 0 : 1]!;
    const asked = await strandedRider.gql(CANDIDATES, { id: stranded });
    expect(asked.data.node.candidates.map((c: { offer: { id: string } }) => c.offer.id)).toEqual([morningCar]);
    const before = await snapshot(event.id);
    const refused = await strandedRider.gql(PROPOSE, { offerId: afternoonCar, requestId: stranded });
    expect(refused.data.proposeLift.fieldErrors).toEqual([{ path: ['offerId'], message: 'This lift is for another shift of the event' }]);
    expect(await snapshot(event.id)).toEqual(before);
  });

  test("giving up the shift a lift is for ends that lift, though the member still goes to another shift", async () => {
    const organiser = await signedUp(api.url);
    const event = await dayOfAction(organiser);
    const driver = await signedUp(api.url);
    const rider = await signedUp(api.url);
    for (const member of [driver, rider]) {
      for (const shiftId of [event.morning, event.afternoon]) {
        expect((await member.gql(RSVP, { eventId: event.id, shiftId })).data.rsvp.__typename).toBe('MutationRsvpSuccess');
      }
    }
    const offerId = await offer(driver, event.id, event.afternoon, offerInput(event.at(9)));
    const requestId = await request(rider, event.id, event.afternoon);
    const status = async () => ({
      offer: (await api.prisma.liftOffer.findUniqueOrThrow({ where: { id: uuidOf(offerId) } })).status,
      request: (await api.prisma.liftRequest.findUniqueOrThrow({ where: { id: uuidOf(requestId) } })).status,
    });

    // The morning booking goes: the afternoon lifts stay.
    for (const member of [driver, rider]) await member.gql(CANCEL_RSVP, { eventId: event.id, shiftId: event.morning });
    expect(await status()).toEqual({ offer: 'OPEN', request: 'OPEN' });
    // Back on the morning, then the afternoon booking goes: the lifts to it end.
    for (const member of [driver, rider]) await member.gql(RSVP, { eventId: event.id, shiftId: event.morning });
    for (const member of [driver, rider]) await member.gql(CANCEL_RSVP, { eventId: event.id, shiftId: event.afternoon });
    expect(await status()).toEqual({ offer: 'CANCELLED', request: 'CANCELLED' });
  });

  test('a shift that has already finished takes no lift, while the event goes on', async () => {
    const organiser = await signedUp(api.url);
    const event = await dayOfAction(organiser);
    // As if the morning were over: the shift ended a minute ago.
    const ended = new Date(Date.now() - 60_000);
    await api.prisma.eventShift.update({ where: { id: uuidOf(event.morning) }, data: { startsAt: new Date(ended.getTime() - 7_200_000), endsAt: ended } });
    const driver = await signedUp(api.url);
    const before = await snapshot(event.id);
    const res = await driver.gql(OFFER, { eventId: event.id, shiftId: event.morning, input: offerInput(event.at(9)) });
    expect(res.data.offerLift.fieldErrors).toEqual([{ path: ['shiftId'], message: 'This shift has already finished' }]);
    expect(await snapshot(event.id)).toEqual(before);
  });

  test("a place on one shift does not open a lift request waiting for a place on another", async () => {
    const organiser = await signedUp(api.url);
    const event = await dayOfAction(organiser);
    // The morning shift full: one place, taken.
    await api.prisma.eventShift.update({ where: { id: uuidOf(event.morning) }, data: { capacity: 1 } });
    expect((await (await signedUp(api.url)).gql(RSVP, { eventId: event.id, shiftId: event.morning })).data.rsvp.__typename).toBe('MutationRsvpSuccess');
    const rider = await signedUp(api.url);
    const JOIN = /* GraphQL */ `
      mutation Join($eventId: ID!, $input: LiftRequestInput!, $shiftId: ID) {
        requestLift(eventId: $eventId, input: $input, shiftId: $shiftId, joinWaitlist: true) { __typename ... on MutationRequestLiftSuccess { data { id status } } ${ERR} }
      }
    `;
    const waiting = (await rider.gql(JOIN, { eventId: event.id, shiftId: event.morning, input: { postcode: 'NW7' } })).data.requestLift.data;
    expect(waiting.status).toBe('WAITING');
    // A place on the afternoon: the request for the morning still waits for a morning place.
    expect((await rider.gql(RSVP, { eventId: event.id, shiftId: event.afternoon })).data.rsvp.__typename).toBe('MutationRsvpSuccess');
    expect((await api.prisma.liftRequest.findUniqueOrThrow({ where: { id: uuidOf(waiting.id) } })).status).toBe('WAITING');
  });

  test('asked without a shift, a lift is for the shift the member holds that is still to finish', async () => {
    const organiser = await signedUp(api.url);
    const event = await dayOfAction(organiser);
    const rider = await signedUp(api.url);
    for (const shiftId of [event.morning, event.afternoon]) await rider.gql(RSVP, { eventId: event.id, shiftId });
    const ended = new Date(Date.now() - 60_000);
    await api.prisma.eventShift.update({ where: { id: uuidOf(event.morning) }, data: { startsAt: new Date(ended.getTime() - 7_200_000), endsAt: ended } });
    const requestId = await request(rider, event.id, null);
    expect((await api.prisma.liftRequest.findUniqueOrThrow({ where: { id: uuidOf(requestId) } })).shiftId).toBe(uuidOf(event.afternoon));
  });
});
