import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningApi } from '../src/server.ts';
import { type Client, createEvent, departureFor, manyMembers, signedUp, startTestApi, uuidOf } from './helpers.ts';
import { waitForMail } from './mail-catcher.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const ERR = '... on Error { __typename message }';
const FULL_ERR = `${ERR} ... on EventFullError { canJoinWaitlist }`;
const OFFER = /* GraphQL */ `
  mutation Offer($eventId: ID!, $input: LiftOfferInput!) {
    offerLift(eventId: $eventId, input: $input) { __typename ... on MutationOfferLiftSuccess { data { id } } ${FULL_ERR} }
  }
`;
const REQUEST = /* GraphQL */ `
  mutation Request($eventId: ID!, $input: LiftRequestInput!, $joinWaitlist: Boolean) {
    requestLift(eventId: $eventId, input: $input, joinWaitlist: $joinWaitlist) {
      __typename ... on MutationRequestLiftSuccess { data { id status } } ${FULL_ERR}
    }
  }
`;
const CANCEL_OFFER = /* GraphQL */ `mutation CancelOffer($id: ID!) { cancelLiftOffer(id: $id) { __typename ${ERR} } }`;
const CANCEL_REQUEST = /* GraphQL */ `mutation CancelRequest($id: ID!) { cancelLiftRequest(id: $id) { __typename ${ERR} } }`;
const RSVP = /* GraphQL */ `mutation Rsvp($eventId: ID!, $guests: Int) { rsvp(eventId: $eventId, guests: $guests) { __typename ${ERR} } }`;
const PROPOSE = /* GraphQL */ `
  mutation Propose($offerId: ID!, $requestId: ID!) {
    proposeLift(offerId: $offerId, requestId: $requestId) { __typename ... on MutationProposeLiftSuccess { data { id } } ${ERR} }
  }
`;
const ACCEPT = /* GraphQL */ `mutation Accept($matchId: ID!) { acceptLift(matchId: $matchId) { __typename ${ERR} } }`;
const MINE = /* GraphQL */ `
  query Mine($id: ID!) { event(id: $id) { goingCount placesLeft waitlistCount myRsvp { status guests } } }
`;
const MY_PLANS = /* GraphQL */ `
  query MyPlans {
    me {
      plans { status guests event { id } }
      liftOffers { id status seats seatsLeft event { id title } matches { status viewerSide request { rider { displayName } } } }
      liftRequests { id status seats event { id title } matches { status viewerSide otherSideFullName offer { driver { displayName } } } }
    }
  }
`;

const VENUE = { lat: 51.5894, lng: -0.2288 };
const canvass = (organiser: Client, capacity: number | null = null) =>
  createEvent(organiser, { kind: 'CANVASS', title: 'Lift bookings canvass', postcode: 'NW4 4BT', location: VENUE, capacity });

const offerInput = (over: Record<string, unknown> = {}) => ({ departAt: departureFor(), seats: 3, maxDetourKm: 15, postcode: 'NW7', ...over });
const mine = async (client: Client, eventId: string) => (await client.gql(MINE, { id: eventId })).data.event;

/** Everything a refused booking must leave as it was. */
async function snapshot(eventId: string) {
  const id = uuidOf(eventId);
  const [event, rsvps, offers, requests] = await Promise.all([
    api.prisma.event.findUniqueOrThrow({ where: { id }, select: { goingCount: true } }),
    api.prisma.rsvp.findMany({ where: { eventId: id }, orderBy: { id: 'asc' } }),
    api.prisma.liftOffer.findMany({ where: { eventId: id }, orderBy: { id: 'asc' } }),
    api.prisma.liftRequest.findMany({ where: { eventId: id }, orderBy: { id: 'asc' } }),
  ]);
  return { event, rsvps, offers, requests };
}

describe('a lift request books the place', () => {
  test("asking for a lift books the rider's party, in the same change", async () => {
    const organiser = await signedUp(api.url);
    const event = await canvass(organiser, 10);
    const rider = await signedUp(api.url);
    const res = await rider.gql(REQUEST, { eventId: event.id, input: { seats: 2, postcode: 'NW7' } });
    expect(res.data.requestLift.__typename).toBe('MutationRequestLiftSuccess');
    // With the organiser's own place: three going, seven left.
    expect(await mine(rider, event.id)).toMatchObject({ goingCount: 3, placesLeft: 7, myRsvp: { status: 'GOING', guests: 1 } });

    // Cancelling the request keeps the place: going and needing a lift are separate choices.
    await rider.gql(CANCEL_REQUEST, { id: res.data.requestLift.data.id });
    expect(await mine(rider, event.id)).toMatchObject({ goingCount: 3, myRsvp: { status: 'GOING', guests: 1 } });
  });

  test('someone already going keeps their booking; a smaller one grows to the party', async () => {
    const organiser = await signedUp(api.url);
    const event = await canvass(organiser, 10);
    const rider = await signedUp(api.url);
    expect((await rider.gql(RSVP, { eventId: event.id, guests: 2 })).data.rsvp.__typename).toBe('MutationRsvpSuccess');
    await rider.gql(REQUEST, { eventId: event.id, input: { seats: 1, postcode: 'NW7' } });
    expect(await mine(rider, event.id)).toMatchObject({ goingCount: 4, myRsvp: { status: 'GOING', guests: 2 } });

    const other = await signedUp(api.url);
    await other.gql(RSVP, { eventId: event.id });
    await other.gql(REQUEST, { eventId: event.id, input: { seats: 3, postcode: 'NW7' } });
    expect(await mine(other, event.id)).toMatchObject({ goingCount: 7, myRsvp: { status: 'GOING', guests: 2 } });
  });

  test('a full event: a clear typed error offering the waitlist, and nothing changed; joining the waitlist keeps the request', async () => {
    const organiser = await signedUp(api.url);
    // Two places: the organiser's own and the first member's.
    const event = await canvass(organiser, 2);
    const first = await signedUp(api.url);
    await first.gql(RSVP, { eventId: event.id });
    const rider = await signedUp(api.url);
    const before = await snapshot(event.id);

    const refused = await rider.gql(REQUEST, { eventId: event.id, input: { seats: 1, postcode: 'NW7' } });
    expect(refused.data.requestLift).toMatchObject({ __typename: 'EventFullError', canJoinWaitlist: true });
    expect(refused.data.requestLift.message).toMatch(/full.*waitlist/i);
    expect(await snapshot(event.id)).toEqual(before);
    expect((await mine(rider, event.id)).myRsvp).toBeNull();

    const queued = await rider.gql(REQUEST, { eventId: event.id, input: { seats: 1, postcode: 'NW7' }, joinWaitlist: true });
    // The request waits with the rider: matched to no car until they have a place.
    expect(queued.data.requestLift).toMatchObject({ __typename: 'MutationRequestLiftSuccess', data: { status: 'WAITING' } });
    expect(await mine(rider, event.id)).toMatchObject({ goingCount: 2, waitlistCount: 1, myRsvp: { status: 'WAITLISTED' } });
  });
});

describe('drivers are going', () => {
  test('offering seats books the driver; cancelling the offer keeps the place', async () => {
    const organiser = await signedUp(api.url);
    const event = await canvass(organiser, 5);
    const driver = await signedUp(api.url);
    const res = await driver.gql(OFFER, { eventId: event.id, input: offerInput() });
    expect(res.data.offerLift.__typename).toBe('MutationOfferLiftSuccess');
    // The organiser's place and the driver's.
    expect(await mine(driver, event.id)).toMatchObject({ goingCount: 2, myRsvp: { status: 'GOING', guests: 0 } });
    // Offering again after cancelling books nothing twice.
    expect((await driver.gql(CANCEL_OFFER, { id: res.data.offerLift.data.id })).data.cancelLiftOffer.__typename).toMatch(/Success/);
    expect(await mine(driver, event.id)).toMatchObject({ goingCount: 2, myRsvp: { status: 'GOING' } });
    await driver.gql(OFFER, { eventId: event.id, input: offerInput() });
    expect(await mine(driver, event.id)).toMatchObject({ goingCount: 2, myRsvp: { status: 'GOING' } });
  });

  test('a driver needs a place: a full event refuses the offer, changing nothing', async () => {
    const organiser = await signedUp(api.url);
    // Two places: the organiser's own and one member's.
    const event = await canvass(organiser, 2);
    await (await signedUp(api.url)).gql(RSVP, { eventId: event.id });
    const driver = await signedUp(api.url);
    const before = await snapshot(event.id);
    const res = await driver.gql(OFFER, { eventId: event.id, input: offerInput() });
    expect(res.data.offerLift).toMatchObject({ __typename: 'EventFullError', canJoinWaitlist: false });
    expect(res.data.offerLift.message).toMatch(/full.*drivers need a place/i);
    expect(await snapshot(event.id)).toEqual(before);
  });
});

describe('giving up the place ends the lifts', () => {
  const CANCEL_RSVP = /* GraphQL */ `mutation CancelRsvp($eventId: ID!) { cancelRsvp(eventId: $eventId) { __typename ${ERR} } }`;

  test('a rider who cancels their place: their request and agreed lift end and the seat frees up; a driver who cancels: their offer ends', async () => {
    const organiser = await signedUp(api.url);
    const event = await canvass(organiser, 10);
    const driver = await signedUp(api.url);
    const rider = await signedUp(api.url);
    const offer = (await driver.gql(OFFER, { eventId: event.id, input: offerInput({ postcode: 'N3' }) })).data.offerLift.data;
    const request = (await rider.gql(REQUEST, { eventId: event.id, input: { seats: 1, postcode: 'N3' } })).data.requestLift.data;
    const match = (await rider.gql(PROPOSE, { offerId: offer.id, requestId: request.id })).data.proposeLift.data;
    expect((await driver.gql(ACCEPT, { matchId: match.id })).data.acceptLift.__typename).toBe('MutationAcceptLiftSuccess');
    expect((await api.prisma.liftOffer.findUniqueOrThrow({ where: { id: uuidOf(offer.id) } })).seatsTaken).toBe(1);

    expect((await rider.gql(CANCEL_RSVP, { eventId: event.id })).data.cancelRsvp.__typename).toBe('MutationCancelRsvpSuccess');
    expect((await api.prisma.liftRequest.findUniqueOrThrow({ where: { id: uuidOf(request.id) } })).status).toBe('CANCELLED');
    expect((await api.prisma.liftMatch.findUniqueOrThrow({ where: { id: uuidOf(match.id) } })).status).toBe('CANCELLED');
    expect((await api.prisma.liftOffer.findUniqueOrThrow({ where: { id: uuidOf(offer.id) } })).seatsTaken).toBe(0);

    expect((await driver.gql(CANCEL_RSVP, { eventId: event.id })).data.cancelRsvp.__typename).toBe('MutationCancelRsvpSuccess');
    expect((await api.prisma.liftOffer.findUniqueOrThrow({ where: { id: uuidOf(offer.id) } })).status).toBe('CANCELLED');
    // The organiser is still going.
    expect(await mine(driver, event.id)).toMatchObject({ goingCount: 1, myRsvp: { status: 'CANCELLED' } });
  });
});

describe('events with shifts', () => {
  const SHIFT_RSVP = /* GraphQL */ `
    mutation ShiftRsvp($eventId: ID!, $shiftId: ID) { rsvp(eventId: $eventId, shiftId: $shiftId) { __typename ${ERR} } }
  `;
  const SHIFTS = /* GraphQL */ `query Shifts($id: ID!) { event(id: $id) { shifts { id } } }`;

  test('a member booked on a shift asks for a lift and keeps that booking; without one, they are asked to choose a shift', async () => {
    const organiser = await signedUp(api.url);
    const start = new Date(Date.now() + 7 * 86_400_000);
    start.setUTCHours(10, 0, 0, 0);
    const at = (h: number) => new Date(start.getTime() + h * 3_600_000).toISOString();
    const event = await createEvent(organiser, {
      kind: 'CANVASS',
      postcode: 'NW4 4BT',
      location: VENUE,
      startsAt: at(0),
      endsAt: at(6),
      shifts: [
        { startsAt: at(0), endsAt: at(2), capacity: 4 },
        { startsAt: at(3), endsAt: at(5), capacity: 4 },
      ],
    });
    const shiftId = (await organiser.gql(SHIFTS, { id: event.id })).data.event.shifts[0].id;
    const booked = await signedUp(api.url);
    expect((await booked.gql(SHIFT_RSVP, { eventId: event.id, shiftId })).data.rsvp.__typename).toBe('MutationRsvpSuccess');
    const before = await snapshot(event.id);
    const res = await booked.gql(REQUEST, { eventId: event.id, input: { seats: 1, postcode: 'NW7' } });
    expect(res.data.requestLift.__typename).toBe('MutationRequestLiftSuccess');
    expect((await snapshot(event.id)).rsvps).toEqual(before.rsvps);

    const unbooked = await signedUp(api.url);
    const refused = await unbooked.gql(REQUEST, { eventId: event.id, input: { seats: 1, postcode: 'NW7' } });
    expect(refused.data.requestLift).toMatchObject({ __typename: 'ValidationError', message: expect.stringMatching(/shift/) });
  });
});

describe('concurrency', () => {
  test('parallel lift requests on an event with few places never overbook', async () => {
    const organiser = await signedUp(api.url);
    const places = 3;
    const event = await canvass(organiser, places);
    const riders = await manyMembers(api, 24);
    const results = await Promise.all(
      riders.map((r, i) => r.gql(REQUEST, { eventId: event.id, input: { seats: 1 + (i % 2), postcode: 'NW7' } })),
    );
    const kinds = results.map((r) => r.data.requestLift.__typename);
    for (const k of kinds) expect(['MutationRequestLiftSuccess', 'EventFullError']).toContain(k);
    const id = uuidOf(event.id);
    const going = await api.prisma.rsvp.findMany({ where: { eventId: id, status: 'GOING' } });
    const seatsBooked = going.reduce((n, r) => n + 1 + r.guests, 0);
    const row = await api.prisma.event.findUniqueOrThrow({ where: { id } });
    expect(row.goingCount).toBe(seatsBooked);
    expect(seatsBooked).toBeLessThanOrEqual(places);
    expect(seatsBooked).toBeGreaterThanOrEqual(places - 1);
    // Every request that went through has its rider's place; every refusal left nothing behind.
    const requests = await api.prisma.liftRequest.findMany({ where: { eventId: id } });
    expect(requests).toHaveLength(kinds.filter((k) => k === 'MutationRequestLiftSuccess').length);
    // (The organiser holds one of the places, their own, with no lift asked for.)
    const ridersGoing = going.filter((r) => r.userId !== uuidOf(organiser.userId));
    expect(ridersGoing).toHaveLength(going.length - 1);
    expect(new Set(requests.map((r) => r.riderId))).toEqual(new Set(ridersGoing.map((r) => r.userId)));
    expect(await api.prisma.rsvp.count({ where: { eventId: id, status: { not: 'GOING' } } })).toBe(0);
  });
});

describe('My plans', () => {
  test('lists my lift offers and requests with their state and events; an agreed lift shows the other side by name', async () => {
    const organiser = await signedUp(api.url);
    const event = await canvass(organiser);
    const driver = await signedUp(api.url, { firstName: 'Dana', lastName: 'Driverson' });
    const rider = await signedUp(api.url, { firstName: 'Rosa', lastName: 'Riderly' });
    const offer = (await driver.gql(OFFER, { eventId: event.id, input: offerInput({ postcode: 'N3' }) })).data.offerLift.data;
    const request = (await rider.gql(REQUEST, { eventId: event.id, input: { seats: 1, postcode: 'N3' } })).data.requestLift.data;

    let plans = (await rider.gql(MY_PLANS)).data.me;
    expect(plans.plans).toContainEqual({ status: 'GOING', guests: 0, event: { id: event.id } });
    expect(plans.liftRequests).toEqual([
      { id: request.id, status: 'OPEN', seats: 1, event: { id: event.id, title: 'Lift bookings canvass' }, matches: [] },
    ]);
    expect(plans.liftOffers).toEqual([]);

    const match = (await rider.gql(PROPOSE, { offerId: offer.id, requestId: request.id })).data.proposeLift.data;
    plans = (await driver.gql(MY_PLANS)).data.me;
    expect(plans.plans).toContainEqual({ status: 'GOING', guests: 0, event: { id: event.id } });
    expect(plans.liftOffers).toEqual([
      {
        id: offer.id,
        status: 'OPEN',
        seats: 3,
        seatsLeft: 3,
        event: { id: event.id, title: 'Lift bookings canvass' },
        matches: [{ status: 'PROPOSED', viewerSide: 'DRIVER', request: { rider: { displayName: 'Rosa R.' } } }],
      },
    ]);
    expect(JSON.stringify(plans)).not.toContain('Riderly');

    await driver.gql(ACCEPT, { matchId: match.id });
    plans = (await rider.gql(MY_PLANS)).data.me;
    expect(plans.liftRequests[0]).toMatchObject({
      status: 'MATCHED',
      matches: [{ status: 'ACCEPTED', viewerSide: 'RIDER', otherSideFullName: 'Dana Driverson', offer: { driver: { displayName: 'Dana D.' } } }],
    });
    // Someone else's plans show none of it.
    const other = (await (await signedUp(api.url)).gql(MY_PLANS)).data.me;
    expect(other.liftOffers).toEqual([]);
    expect(other.liftRequests).toEqual([]);
  });
});

describe('a lift on an event with shifts books the shift chosen', () => {
  const SHIFT_OFFER = /* GraphQL */ `
    mutation ShiftOffer($eventId: ID!, $input: LiftOfferInput!, $shiftId: ID) {
      offerLift(eventId: $eventId, input: $input, shiftId: $shiftId) { __typename ... on MutationOfferLiftSuccess { data { id } } ${FULL_ERR} }
    }
  `;
  const SHIFT_REQUEST = /* GraphQL */ `
    mutation ShiftRequest($eventId: ID!, $input: LiftRequestInput!, $joinWaitlist: Boolean, $shiftId: ID) {
      requestLift(eventId: $eventId, input: $input, joinWaitlist: $joinWaitlist, shiftId: $shiftId) {
        __typename ... on MutationRequestLiftSuccess { data { id status } } ${FULL_ERR}
      }
    }
  `;
  const SHIFT_RSVP = /* GraphQL */ `
    mutation ShiftRsvp2($eventId: ID!, $shiftId: ID) { rsvp(eventId: $eventId, shiftId: $shiftId) { __typename ${ERR} } }
  `;
  const SHIFTS = /* GraphQL */ `
    query Shifts2($id: ID!) { event(id: $id) { goingCount shifts { id goingCount placesLeft waitlistCount myRsvp { status guests } } } }
  `;
  const shifted = async (organiser: Client, a: number | null, b: number | null) => {
    const start = new Date(Date.now() + 7 * 86_400_000);
    start.setUTCHours(10, 0, 0, 0);
    const at = (h: number) => new Date(start.getTime() + h * 3_600_000).toISOString();
    const event = await createEvent(organiser, {
      kind: 'CANVASS',
      title: 'Shifted lift canvass',
      postcode: 'NW4 4BT',
      location: VENUE,
      startsAt: at(0),
      endsAt: at(6),
      shifts: [
        { startsAt: at(0), endsAt: at(2), capacity: a },
        { startsAt: at(3), endsAt: at(5), capacity: b },
      ],
    });
    const shifts = (await organiser.gql(SHIFTS, { id: event.id })).data.event.shifts as { id: string }[];
    return { id: event.id as string, morning: shifts[0]!.id, afternoon: shifts[1]!.id };
  };
  const shiftsOf = async (client: Client, eventId: string) => (await client.gql(SHIFTS, { id: eventId })).data.event;

  test("asking with a shift books the rider's party on it, in the same change; a shift already booked is kept", async () => {
    const organiser = await signedUp(api.url);
    const event = await shifted(organiser, 5, 5);
    const rider = await signedUp(api.url);
    const res = await rider.gql(SHIFT_REQUEST, { eventId: event.id, shiftId: event.afternoon, input: { seats: 2, postcode: 'NW7' } });
    expect(res.data.requestLift).toMatchObject({ __typename: 'MutationRequestLiftSuccess', data: { status: 'OPEN' } });
    const after = await shiftsOf(rider, event.id);
    expect(after.goingCount).toBe(2);
    expect(after.shifts.map((s: { goingCount: number; myRsvp: unknown }) => [s.goingCount, s.myRsvp])).toEqual([
      [0, null],
      [2, { status: 'GOING', guests: 1 }],
    ]);

    // Booked on the morning shift first: asking with that shift changes no booking.
    const booked = await signedUp(api.url);
    expect((await booked.gql(SHIFT_RSVP, { eventId: event.id, shiftId: event.morning })).data.rsvp.__typename).toBe('MutationRsvpSuccess');
    const before = await snapshot(event.id);
    const kept = await booked.gql(SHIFT_REQUEST, { eventId: event.id, shiftId: event.morning, input: { seats: 1, postcode: 'NW7' } });
    expect(kept.data.requestLift.__typename).toBe('MutationRequestLiftSuccess');
    expect((await snapshot(event.id)).rsvps).toEqual(before.rsvps);

    // A shift of another event is not found, and nothing is booked.
    const other = await shifted(organiser, 5, 5);
    const stranger = await signedUp(api.url);
    const wrong = await stranger.gql(SHIFT_REQUEST, { eventId: event.id, shiftId: other.morning, input: { seats: 1, postcode: 'NW7' } });
    expect(wrong.data.requestLift.__typename).toBe('NotFoundError');
    expect(await api.prisma.rsvp.count({ where: { userId: uuidOf(stranger.userId) } })).toBe(0);
  });

  test('a full shift: the same typed full / waitlist choice for that shift, nothing changed; the waitlist keeps a waiting request', async () => {
    const organiser = await signedUp(api.url);
    const event = await shifted(organiser, 1, 5);
    await (await signedUp(api.url)).gql(SHIFT_RSVP, { eventId: event.id, shiftId: event.morning });
    const rider = await signedUp(api.url);
    const before = await snapshot(event.id);
    const refused = await rider.gql(SHIFT_REQUEST, { eventId: event.id, shiftId: event.morning, input: { seats: 1, postcode: 'NW7' } });
    expect(refused.data.requestLift).toMatchObject({ __typename: 'EventFullError', canJoinWaitlist: true });
    expect(refused.data.requestLift.message).toMatch(/shift is full.*waitlist/i);
    expect(await snapshot(event.id)).toEqual(before);

    const queued = await rider.gql(SHIFT_REQUEST, {
      eventId: event.id,
      shiftId: event.morning,
      joinWaitlist: true,
      input: { seats: 1, postcode: 'NW7' },
    });
    expect(queued.data.requestLift).toMatchObject({ __typename: 'MutationRequestLiftSuccess', data: { status: 'WAITING' } });
    expect((await shiftsOf(rider, event.id)).shifts[0]).toMatchObject({ goingCount: 1, waitlistCount: 1, myRsvp: { status: 'WAITLISTED' } });
  });

  test('a driver is counted as going to the shift they choose; a full shift refuses the offer', async () => {
    const organiser = await signedUp(api.url);
    const event = await shifted(organiser, 1, 5);
    const driver = await signedUp(api.url);
    const res = await driver.gql(SHIFT_OFFER, { eventId: event.id, shiftId: event.afternoon, input: offerInput() });
    expect(res.data.offerLift.__typename).toBe('MutationOfferLiftSuccess');
    expect((await shiftsOf(driver, event.id)).shifts[1]).toMatchObject({ goingCount: 1, myRsvp: { status: 'GOING' } });

    await (await signedUp(api.url)).gql(SHIFT_RSVP, { eventId: event.id, shiftId: event.morning });
    const late = await signedUp(api.url);
    const before = await snapshot(event.id);
    const refused = await late.gql(SHIFT_OFFER, { eventId: event.id, shiftId: event.morning, input: offerInput() });
    expect(refused.data.offerLift).toMatchObject({ __typename: 'EventFullError', canJoinWaitlist: false });
    expect(refused.data.offerLift.message).toMatch(/shift is full.*drivers need a place/i);
    expect(await snapshot(event.id)).toEqual(before);
  });

  test('200 parallel lift requests on a nearly full shift never overbook it; each request has its place or waits for one', async () => {
    const organiser = await signedUp(api.url);
    const capacity = 12;
    const event = await shifted(organiser, capacity, null);
    // Nearly full before the crowd arrives.
    const early = await manyMembers(api, capacity - 3);
    for (const m of early) await m.gql(SHIFT_RSVP, { eventId: event.id, shiftId: event.morning });
    const riders = await manyMembers(api, 200);
    const results = await Promise.all(
      riders.map((r, i) =>
        r.gql(SHIFT_REQUEST, {
          eventId: event.id,
          shiftId: event.morning,
          joinWaitlist: i % 2 === 0,
          input: { seats: 1 + (i % 3 === 0 ? 1 : 0), postcode: 'NW7' },
        }),
      ),
    );
    const kinds = results.map((r) => r.data?.requestLift.__typename);
    for (const k of kinds) expect(['MutationRequestLiftSuccess', 'EventFullError']).toContain(k);

    const id = uuidOf(event.id);
    const shift = await api.prisma.eventShift.findUniqueOrThrow({ where: { id: uuidOf(event.morning) } });
    const going = await api.prisma.rsvp.findMany({ where: { shiftId: shift.id, status: 'GOING' } });
    const taken = going.reduce((n, r) => n + 1 + r.guests, 0);
    expect(shift.goingCount).toBe(taken);
    expect(taken).toBeLessThanOrEqual(capacity);
    expect(taken).toBeGreaterThanOrEqual(capacity - 1);
    expect((await api.prisma.event.findUniqueOrThrow({ where: { id } })).goingCount).toBe(taken);
    // Nothing on the other shift, and every request matches its rider's booking: a place (OPEN) or a wait (WAITING).
    expect(await api.prisma.rsvp.count({ where: { shiftId: uuidOf(event.afternoon) } })).toBe(0);
    const requests = await api.prisma.liftRequest.findMany({ where: { eventId: id } });
    expect(requests).toHaveLength(kinds.filter((k) => k === 'MutationRequestLiftSuccess').length);
    const statusOf = new Map((await api.prisma.rsvp.findMany({ where: { eventId: id } })).map((r) => [r.userId, r.status]));
    for (const r of requests) expect([statusOf.get(r.riderId), r.status]).toEqual(statusOf.get(r.riderId) === 'GOING' ? ['GOING', 'OPEN'] : ['WAITLISTED', 'WAITING']);
    expect(requests.some((r) => r.status === 'WAITING')).toBe(true);
    // Refused riders left nothing behind: no booking without a request among the crowd.
    const crowd = new Set(riders.map((r) => uuidOf(r.userId)));
    const crowdBookings = [...statusOf.keys()].filter((u) => crowd.has(u));
    expect(new Set(crowdBookings)).toEqual(new Set(requests.map((r) => r.riderId)));
  });
});

describe('a rider only on the waitlist is matched to no car', () => {
  const CANCEL_RSVP = /* GraphQL */ `mutation CancelRsvp2($eventId: ID!, $shiftId: ID) { cancelRsvp(eventId: $eventId, shiftId: $shiftId) { __typename ${ERR} } }`;
  const LIFTS = /* GraphQL */ `
    query Lifts($id: ID!) {
      event(id: $id) { liftRequestsOpen liftRequests { id } myLiftRequest { id status candidates { offer { id } } } }
    }
  `;

  test('no proposal, acceptance or candidate while waiting; promoted, the request opens by itself; leaving the waitlist withdraws it', async () => {
    const organiser = await signedUp(api.url);
    // Three places: the organiser's, the driver's and one more.
    const event = await canvass(organiser, 3);
    const driver = await signedUp(api.url);
    const offer = (await driver.gql(OFFER, { eventId: event.id, input: offerInput({ postcode: 'N3' }) })).data.offerLift.data;
    const going = await signedUp(api.url);
    await going.gql(RSVP, { eventId: event.id });
    const rider = await signedUp(api.url);
    const request = (await rider.gql(REQUEST, { eventId: event.id, input: { seats: 1, postcode: 'N3' }, joinWaitlist: true })).data
      .requestLift.data;
    expect(request.status).toBe('WAITING');

    // Not listed to drivers nor counted, no cars offered to the rider, and neither side can propose.
    expect((await driver.gql(LIFTS, { id: event.id })).data.event).toMatchObject({ liftRequestsOpen: 0, liftRequests: [] });
    expect((await rider.gql(LIFTS, { id: event.id })).data.event.myLiftRequest).toEqual({ id: request.id, status: 'WAITING', candidates: [] });
    for (const who of [driver, rider]) {
      const refused = (await who.gql(PROPOSE, { offerId: offer.id, requestId: request.id })).data.proposeLift;
      expect(refused).toMatchObject({ __typename: 'ValidationError', message: expect.stringMatching(/waitlist/) });
    }
    // A proposal left from before cannot be accepted either.
    const stale = await api.prisma.liftMatch.create({
      data: { offerId: uuidOf(offer.id), requestId: uuidOf(request.id), status: 'PROPOSED', proposedBy: 'RIDER', detourKm: 1 },
    });
    const accepted = (await driver.gql(ACCEPT, { matchId: Buffer.from(`LiftMatch:${stale.id}`).toString('base64') })).data.acceptLift;
    expect(accepted).toMatchObject({ __typename: 'ValidationError', message: expect.stringMatching(/waitlist/) });
    expect((await api.prisma.liftOffer.findUniqueOrThrow({ where: { id: uuidOf(offer.id) } })).seatsTaken).toBe(0);
    await api.prisma.liftMatch.delete({ where: { id: stale.id } });

    // A place frees up: the rider is promoted and their request opens, to be matched like any other.
    expect((await going.gql(CANCEL_RSVP, { eventId: event.id })).data.cancelRsvp.__typename).toBe('MutationCancelRsvpSuccess');
    expect((await rider.gql(LIFTS, { id: event.id })).data.event.myLiftRequest).toEqual({
      id: request.id,
      status: 'OPEN',
      candidates: [{ offer: { id: offer.id } }],
    });
    expect((await rider.gql(PROPOSE, { offerId: offer.id, requestId: request.id })).data.proposeLift.__typename).toBe('MutationProposeLiftSuccess');

    // Someone else waits, then leaves the waitlist: their request is withdrawn.
    const third = await signedUp(api.url);
    const waiting = (await third.gql(REQUEST, { eventId: event.id, input: { seats: 1, postcode: 'N3' }, joinWaitlist: true })).data.requestLift.data;
    expect(waiting.status).toBe('WAITING');
    expect((await third.gql(CANCEL_RSVP, { eventId: event.id })).data.cancelRsvp.__typename).toBe('MutationCancelRsvpSuccess');
    expect((await api.prisma.liftRequest.findUniqueOrThrow({ where: { id: uuidOf(waiting.id) } })).status).toBe('CANCELLED');
  });

  test('with shifts, giving up the shift a lift is for while waitlisted on another: that lift ends, its driver told; a lift to the other shift waits for its place', async () => {
    const organiser = await signedUp(api.url);
    const start = new Date(Date.now() + 7 * 86_400_000);
    start.setUTCHours(10, 0, 0, 0);
    const at = (h: number) => new Date(start.getTime() + h * 3_600_000).toISOString();
    const created = await createEvent(organiser, {
      kind: 'CANVASS',
      title: 'Released lift canvass',
      postcode: 'NW4 4BT',
      location: VENUE,
      startsAt: at(0),
      endsAt: at(6),
      shifts: [
        { startsAt: at(0), endsAt: at(2), capacity: 5 },
        { startsAt: at(3), endsAt: at(5), capacity: 1 },
      ],
    });
    const shifts = (await organiser.gql(`query S($id: ID!) { event(id: $id) { shifts { id } } }`, { id: created.id })).data.event.shifts;
    const [morning, afternoon] = shifts.map((s: { id: string }) => s.id);
    const OFFER_SHIFT = `mutation O($eventId: ID!, $input: LiftOfferInput!, $shiftId: ID) { offerLift(eventId: $eventId, input: $input, shiftId: $shiftId) { __typename ... on MutationOfferLiftSuccess { data { id } } ${ERR} } }`;
    const REQUEST_SHIFT = `mutation R($eventId: ID!, $input: LiftRequestInput!, $shiftId: ID, $joinWaitlist: Boolean) { requestLift(eventId: $eventId, input: $input, shiftId: $shiftId, joinWaitlist: $joinWaitlist) { __typename ... on MutationRequestLiftSuccess { data { id status } } ${ERR} } }`;
    const RSVP_SHIFT = `mutation B($eventId: ID!, $shiftId: ID) { rsvp(eventId: $eventId, shiftId: $shiftId) { __typename ${ERR} } }`;
    const driver = await signedUp(api.url, { firstName: 'Dev', lastName: 'Driver' });
    const offer = (await driver.gql(OFFER_SHIFT, { eventId: created.id, shiftId: morning, input: offerInput({ postcode: 'N3' }) })).data.offerLift.data;
    const rider = await signedUp(api.url, { firstName: 'Rae', lastName: 'Rider' });
    const request = (await rider.gql(REQUEST_SHIFT, { eventId: created.id, shiftId: morning, input: { seats: 1, postcode: 'N3' } })).data.requestLift.data;
    expect(request.status).toBe('OPEN');
    const match = (await rider.gql(PROPOSE, { offerId: offer.id, requestId: request.id })).data.proposeLift.data;
    expect((await driver.gql(ACCEPT, { matchId: match.id })).data.acceptLift.__typename).toBe('MutationAcceptLiftSuccess');
    // The rider also queues for the (full) afternoon shift.
    const taken = await signedUp(api.url);
    await taken.gql(RSVP_SHIFT, { eventId: created.id, shiftId: afternoon });
    expect((await rider.gql(RSVP_SHIFT, { eventId: created.id, shiftId: afternoon })).data.rsvp.__typename).toBe('MutationRsvpSuccess');

    // The lift was to the morning: giving that shift up ends it, whatever the afternoon's waitlist holds.
    expect((await rider.gql(CANCEL_RSVP, { eventId: created.id, shiftId: morning })).data.cancelRsvp.__typename).toBe('MutationCancelRsvpSuccess');
    expect((await api.prisma.liftRequest.findUniqueOrThrow({ where: { id: uuidOf(request.id) } })).status).toBe('CANCELLED');
    expect((await api.prisma.liftMatch.findUniqueOrThrow({ where: { id: uuidOf(match.id) } })).status).toBe('CANCELLED');
    expect((await api.prisma.liftOffer.findUniqueOrThrow({ where: { id: uuidOf(offer.id) } })).seatsTaken).toBe(0);
    await waitForMail(driver.email, { test: (m) => /^Rae R\. no longer needs a lift to /.test(m.subject ?? '') });

    // A lift to the afternoon waits for the rider's place there, and opens once they are promoted.
    const again = await rider.gql(REQUEST_SHIFT, { eventId: created.id, shiftId: afternoon, input: { seats: 1, postcode: 'N3' } });
    expect(again.data.requestLift.data.status).toBe('WAITING');
    expect((await taken.gql(CANCEL_RSVP, { eventId: created.id, shiftId: afternoon })).data.cancelRsvp.__typename).toBe('MutationCancelRsvpSuccess');
    expect((await api.prisma.liftRequest.findUniqueOrThrow({ where: { id: uuidOf(request.id) } })).status).toBe('OPEN');
  });
});
