import { LIMITS, startOfLondonDay } from '@rallypoint/shared';
import { describe, expect, test } from 'vitest';
import { Client, createEvent, departureFor, grantRole, signedUp, useTestApi, uuidOf } from './helpers.ts';

const api = useTestApi();

const ERR = '... on Error { __typename message } ... on ValidationError { fieldErrors { path message } }';
const ADD = /* GraphQL */ `
  mutation Add($eventId: ID!, $input: EventHubInput!) {
    addEventHub(eventId: $eventId, input: $input) {
      __typename ... on MutationAddEventHubSuccess { data { id name postcode area location { lat lng } event { id } } } ${ERR}
    }
  }
`;
const REMOVE = /* GraphQL */ `
  mutation Remove($id: ID!) {
    removeEventHub(id: $id) { __typename ... on MutationRemoveEventHubSuccess { data { id hubs { id name } } } ${ERR} }
  }
`;
const HUBS = /* GraphQL */ `
  query Hubs($id: ID!) { event(id: $id) { hubs { id name postcode area location { lat lng } } } }
`;
const OFFER = /* GraphQL */ `
  mutation Offer($eventId: ID!, $input: LiftOfferInput!) {
    offerLift(eventId: $eventId, input: $input) {
      __typename ... on MutationOfferLiftSuccess { data { id seats vehicle returnTrip returnDepartAt departAt } } ${ERR}
    }
  }
`;
const REQUEST = /* GraphQL */ `
  mutation Request($eventId: ID!, $input: LiftRequestInput!) {
    requestLift(eventId: $eventId, input: $input) {
      __typename ... on MutationRequestLiftSuccess { data { id hubReachKm readyFrom } } ${ERR}
    }
  }
`;

// Trafalgar Square (WC2N), a rally's venue.
const VENUE = { lat: 51.508, lng: -0.1281 };
const KINGS_CROSS = { lat: 51.5308, lng: -0.1238 };
const NORTH_SEA = { lat: 54.8, lng: 2.5 };

async function rally(organiser: Client) {
  return createEvent(organiser, { kind: 'CANVASS', title: 'Hubs test rally', location: VENUE });
}

const paths = (r: { fieldErrors?: { path: string[] }[] }) => (r.fieldErrors ?? []).map((e) => e.path.join('.'));
const hubCount = (eventId: string) => api.prisma.eventHub.count({ where: { eventId: uuidOf(eventId) } });
/** Everything a refused lift write could have touched. */
const liftRows = async (eventId: string) => {
  const where = { eventId: uuidOf(eventId) };
  const [offers, requests, rsvps] = await Promise.all([
    api.prisma.liftOffer.count({ where }),
    api.prisma.liftRequest.count({ where }),
    api.prisma.rsvp.count({ where }),
  ]);
  return { offers, requests, rsvps };
};

describe('pickup hubs', () => {
  test('the organiser adds hubs by postcode or exact point; everyone sees them; removing one takes it away', async () => {
    const organiser = await signedUp(api.url);
    const event = await rally(organiser);
    const byPostcode = await organiser.gql(ADD, { eventId: event.id, input: { name: 'Finchley Central car park', postcode: 'n3 2rx' } });
    expect(byPostcode.data.addEventHub).toMatchObject({ __typename: 'MutationAddEventHubSuccess', data: { name: 'Finchley Central car park', postcode: 'N3 2RX', area: 'N3', event: { id: event.id } } });
    const byPoint = await organiser.gql(ADD, { eventId: event.id, input: { name: "  King's Cross  station ", location: KINGS_CROSS } });
    expect(byPoint.data.addEventHub.data).toMatchObject({ name: "King's Cross  station", postcode: null, location: KINGS_CROSS });

    const anonymous = new Client(api.url);
    const seen = (await anonymous.gql(HUBS, { id: event.id })).data.event.hubs;
    expect(seen.map((h: { name: string }) => h.name)).toEqual(['Finchley Central car park', "King's Cross  station"]);
    expect(seen[1].location).toEqual(KINGS_CROSS);

    const removed = await organiser.gql(REMOVE, { id: byPostcode.data.addEventHub.data.id });
    expect(removed.data.removeEventHub.data.hubs.map((h: { name: string }) => h.name)).toEqual(["King's Cross  station"]);
    expect(await hubCount(event.id)).toBe(1);
  });

  test('a regional organiser may manage them; a member, a stranger and nobody signed in may not, and nothing changes', async () => {
    const organiser = await signedUp(api.url);
    const event = await rally(organiser);
    const hub = (await organiser.gql(ADD, { eventId: event.id, input: { name: 'Euston', location: { lat: 51.5282, lng: -0.1337 } } })).data.addEventHub.data;

    const member = await signedUp(api.url);
    const anonymous = new Client(api.url);
    for (const [who, type] of [[member, 'ForbiddenError'], [anonymous, 'AuthenticationError']] as const) {
      expect((await who.gql(ADD, { eventId: event.id, input: { name: 'Waterloo', postcode: 'SE1' } })).data.addEventHub.__typename).toBe(type);
      expect((await who.gql(REMOVE, { id: hub.id })).data.removeEventHub.__typename).toBe(type);
    }
    expect(await hubCount(event.id)).toBe(1);

    const regional = await signedUp(api.url);
    const me = await regional.gql('{ me { id } }');
    const region = (await api.prisma.event.findUniqueOrThrow({ where: { id: uuidOf(event.id) } })).regionId;
    await grantRole(api.prisma, me.data.me.id, 'ORGANISER', [region]);
    expect((await regional.gql(ADD, { eventId: event.id, input: { name: 'Waterloo', postcode: 'SE1' } })).data.addEventHub.__typename).toBe(
      'MutationAddEventHubSuccess',
    );
    expect(await hubCount(event.id)).toBe(2);
  });

  test('a point far from every postcode district, a duplicate name or a bad input is refused and changes nothing', async () => {
    const organiser = await signedUp(api.url);
    const event = await rally(organiser);
    await organiser.gql(ADD, { eventId: event.id, input: { name: 'Victoria coach station', postcode: 'SW1W' } });

    const sea = (await organiser.gql(ADD, { eventId: event.id, input: { name: 'Dogger Bank', location: NORTH_SEA } })).data.addEventHub;
    expect(sea.__typename).toBe('ValidationError');
    expect(paths(sea)).toEqual(['location']);
    expect(sea.message).toMatch(new RegExp(`within ${LIMITS.hubDistrictKmMax} km`));

    const dup = (await organiser.gql(ADD, { eventId: event.id, input: { name: 'VICTORIA   Coach Station', postcode: 'SW1V' } })).data.addEventHub;
    expect(dup.__typename).toBe('ValidationError');
    expect(paths(dup)).toEqual(['name']);

    for (const input of [{ name: '   ', postcode: 'SW1V' }, { name: 'Nowhere' }, { name: 'Bad postcode', postcode: 'ZZ99 9ZZ' }, { name: 'x'.repeat(LIMITS.hubNameMax + 1), postcode: 'N1' }]) {
      expect((await organiser.gql(ADD, { eventId: event.id, input })).data.addEventHub.__typename, JSON.stringify(input)).toBe('ValidationError');
    }
    expect(await hubCount(event.id)).toBe(1);
  });

  test(`parallel adds near the limit never give an event more than ${LIMITS.hubsMax} hubs`, async () => {
    const organiser = await signedUp(api.url);
    const event = await rally(organiser);
    const eventId = uuidOf(event.id);
    const prefill = LIMITS.hubsMax - 2;
    await api.prisma.eventHub.createMany({
      data: Array.from({ length: prefill }, (_, i) => ({ eventId, name: `Hub ${i}`, nameKey: `hub ${i}`, lat: VENUE.lat, lng: VENUE.lng, outcode: 'WC2N' })),
    });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => organiser.gql(ADD, { eventId: event.id, input: { name: `Parallel ${i}`, postcode: 'N1' } })),
    );
    const types = results.map((r) => r.data.addEventHub.__typename);
    expect(types.filter((t) => t === 'MutationAddEventHubSuccess')).toHaveLength(2);
    expect(types.filter((t) => t === 'ValidationError')).toHaveLength(4);
    for (const r of results.filter((x) => x.data.addEventHub.__typename === 'ValidationError')) {
      expect(r.data.addEventHub.message).toMatch(new RegExp(`at most ${LIMITS.hubsMax}`));
    }
    expect(await hubCount(event.id)).toBe(LIMITS.hubsMax);
  });

  test('parallel adds of one name keep one', async () => {
    const organiser = await signedUp(api.url);
    const event = await rally(organiser);
    const results = await Promise.all(
      Array.from({ length: 4 }, () => organiser.gql(ADD, { eventId: event.id, input: { name: 'Angel', postcode: 'N1' } })),
    );
    expect(results.filter((r) => r.data.addEventHub.__typename === 'MutationAddEventHubSuccess')).toHaveLength(1);
    expect(results.filter((r) => r.data.addEventHub.__typename === 'ValidationError')).toHaveLength(3);
    expect(await hubCount(event.id)).toBe(1);
  });
});

describe('vehicles and times', () => {
  test('a coach: organisers only, only once the event has hubs, up to 70 seats', async () => {
    const organiser = await signedUp(api.url);
    const event = await rally(organiser);
    const coach = { postcode: 'N3', departAt: departureFor(event.startsAt), vehicle: 'COACH', seats: 50, maxDetourKm: 10 };

    const member = await signedUp(api.url);
    const before = await liftRows(event.id);
    const notOrganiser = (await member.gql(OFFER, { eventId: event.id, input: coach })).data.offerLift;
    expect(notOrganiser.__typename).toBe('ValidationError');
    expect(paths(notOrganiser)).toEqual(['vehicle']);
    const noHubs = (await organiser.gql(OFFER, { eventId: event.id, input: coach })).data.offerLift;
    expect(paths(noHubs)).toEqual(['vehicle']);
    expect(noHubs.message).toMatch(/hub/);
    expect(await liftRows(event.id)).toEqual(before);

    await organiser.gql(ADD, { eventId: event.id, input: { name: 'Finchley Central', postcode: 'N3' } });
    const ok = (await organiser.gql(OFFER, { eventId: event.id, input: { ...coach, seats: LIMITS.coachSeatsMax } })).data.offerLift;
    expect(ok).toMatchObject({ __typename: 'MutationOfferLiftSuccess', data: { vehicle: 'COACH', seats: LIMITS.coachSeatsMax } });
  });

  test('seats: 0 or 71 for any vehicle, 9 in a car or minibus, are refused and change nothing', async () => {
    const organiser = await signedUp(api.url);
    const event = await rally(organiser);
    await organiser.gql(ADD, { eventId: event.id, input: { name: 'Finchley Central', postcode: 'N3' } });
    const base = { postcode: 'N3', departAt: departureFor(event.startsAt), maxDetourKm: 10 };
    const before = await liftRows(event.id);
    for (const [vehicle, seats] of [
      ['CAR', 0],
      ['COACH', 0],
      ['COACH', LIMITS.coachSeatsMax + 1],
      ['CAR', LIMITS.carSeatsMax + 1],
      ['MINIBUS', LIMITS.carSeatsMax + 1],
    ] as const) {
      const res = (await organiser.gql(OFFER, { eventId: event.id, input: { ...base, vehicle, seats } })).data.offerLift;
      expect(res.__typename, `${vehicle} ${seats}`).toBe('ValidationError');
      expect(paths(res), `${vehicle} ${seats}`).toEqual(['seats']);
    }
    expect(await liftRows(event.id)).toEqual(before);
    const minibus = (await organiser.gql(OFFER, { eventId: event.id, input: { ...base, vehicle: 'MINIBUS', seats: LIMITS.carSeatsMax } })).data.offerLift;
    expect(minibus.data).toMatchObject({ vehicle: 'MINIBUS', seats: LIMITS.carSeatsMax });
  });

  test('a departure after the event starts, or a lift back before it ends, is refused and changes nothing', async () => {
    const organiser = await signedUp(api.url);
    const event = await rally(organiser);
    const driver = await signedUp(api.url);
    const base = { postcode: 'N3', departAt: departureFor(event.startsAt), seats: 3, maxDetourKm: 10 };
    const startMs = Date.parse(event.startsAt);
    const endMs = Date.parse(event.endsAt);
    const before = await liftRows(event.id);

    const late = (await driver.gql(OFFER, { eventId: event.id, input: { ...base, departAt: new Date(startMs + 60_000).toISOString() } })).data.offerLift;
    expect(paths(late)).toEqual(['departAt']);
    expect(late.message).toMatch(/after the event starts/);
    const atStart = (await driver.gql(OFFER, { eventId: event.id, input: { ...base, departAt: event.startsAt } })).data.offerLift;
    expect(paths(atStart)).toEqual(['departAt']);

    const earlyBack = (
      await driver.gql(OFFER, { eventId: event.id, input: { ...base, returnTrip: true, returnDepartAt: new Date(endMs - 60_000).toISOString() } })
    ).data.offerLift;
    expect(paths(earlyBack)).toEqual(['returnDepartAt']);
    expect(earlyBack.message).toMatch(/before the event ends/);
    const backWithoutReturn = (await driver.gql(OFFER, { eventId: event.id, input: { ...base, returnDepartAt: event.endsAt } })).data.offerLift;
    expect(paths(backWithoutReturn)).toEqual(['returnDepartAt']);
    expect(await liftRows(event.id)).toEqual(before);

    const back = new Date(endMs + 30 * 60_000).toISOString();
    const ok = (await driver.gql(OFFER, { eventId: event.id, input: { ...base, returnTrip: true, returnDepartAt: back } })).data.offerLift;
    expect(ok.data).toMatchObject({ vehicle: 'CAR', returnTrip: true, returnDepartAt: back });
  });

  test('a rider: hub reach (0 < km ≤ 30, only where there are hubs) and ready-from (before the start)', async () => {
    const organiser = await signedUp(api.url);
    const event = await rally(organiser);
    const rider = await signedUp(api.url);
    const base = { postcode: 'N12', seats: 1 };
    const before = await liftRows(event.id);

    const noHubs = (await rider.gql(REQUEST, { eventId: event.id, input: { ...base, hubReachKm: 5 } })).data.requestLift;
    expect(paths(noHubs)).toEqual(['hubReachKm']);
    await organiser.gql(ADD, { eventId: event.id, input: { name: 'Finchley Central', postcode: 'N3' } });
    for (const hubReachKm of [0, -1, LIMITS.hubReachKmMax + 0.5]) {
      const res = (await rider.gql(REQUEST, { eventId: event.id, input: { ...base, hubReachKm } })).data.requestLift;
      expect(paths(res), String(hubReachKm)).toEqual(['hubReachKm']);
    }
    const late = (await rider.gql(REQUEST, { eventId: event.id, input: { ...base, readyFrom: event.startsAt } })).data.requestLift;
    expect(paths(late)).toEqual(['readyFrom']);
    expect(late.message).toMatch(/before the event starts/);
    expect(await liftRows(event.id)).toEqual(before);

    const readyFrom = new Date(Date.parse(event.startsAt) - 2 * 3_600_000).toISOString();
    const ok = (await rider.gql(REQUEST, { eventId: event.id, input: { ...base, hubReachKm: LIMITS.hubReachKmMax, readyFrom } })).data.requestLift;
    expect(ok).toMatchObject({ __typename: 'MutationRequestLiftSuccess', data: { hubReachKm: LIMITS.hubReachKmMax, readyFrom } });
  });

  test('Match everyone gives a coach nobody who cannot get to a hub (it stops only at hubs) and fills the cars', async () => {
    const organiser = await signedUp(api.url);
    const event = await rally(organiser);
    await organiser.gql(ADD, { eventId: event.id, input: { name: 'Finchley Central', postcode: 'N3' } });
    const coach = (await organiser.gql(OFFER, { eventId: event.id, input: { postcode: 'N3', departAt: departureFor(event.startsAt), vehicle: 'COACH', seats: 70, maxDetourKm: 20 } })).data.offerLift.data;
    const driver = await signedUp(api.url);
    const car = (await driver.gql(OFFER, { eventId: event.id, input: { postcode: 'N3', departAt: departureFor(event.startsAt), seats: 4, maxDetourKm: 20 } })).data.offerLift.data;
    for (const postcode of ['N3', 'N12', 'N2', 'N10', 'N11', 'N20']) {
      const rider = await signedUp(api.url);
      expect((await rider.gql(REQUEST, { eventId: event.id, input: { postcode, seats: 1 } })).data.requestLift.__typename).toBe('MutationRequestLiftSuccess');
    }
    const MATCH = `mutation M($eventId: ID!) { matchEveryone(eventId: $eventId) { __typename ... on MutationMatchEveryoneSuccess { data { peopleMatched proposals { offer { id } } } } ${ERR} } }`;
    const res = (await organiser.gql(MATCH, { eventId: event.id })).data.matchEveryone;
    expect(res.__typename).toBe('MutationMatchEveryoneSuccess');
    const offers = (res.data.proposals as { offer: { id: string } }[]).map((p) => p.offer.id);
    expect(offers).not.toContain(coach.id);
    expect(offers.filter((id) => id === car.id)).toHaveLength(4);
    expect(res.data.peopleMatched).toBe(4);
  });

  test('an event at midnight UK time: lifts leave and riders are ready the evening before (up to six hours), and Match everyone pairs them', async () => {
    const organiser = await signedUp(api.url);
    const startsAt = startOfLondonDay(new Date(Date.now() + 10 * 86_400_000));
    const event = await createEvent(organiser, {
      kind: 'CANVASS',
      title: 'Midnight rally',
      location: VENUE,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
    });
    const hoursBefore = (h: number) => new Date(startsAt.getTime() - h * 3_600_000).toISOString();
    const driver = await signedUp(api.url);
    const rider = await signedUp(api.url);
    const offer = { postcode: 'N3', seats: 3, maxDetourKm: 10 };
    const before = await liftRows(event.id);

    const tooEarly = (await driver.gql(OFFER, { eventId: event.id, input: { ...offer, departAt: hoursBefore(6.5) } })).data.offerLift;
    expect(paths(tooEarly)).toEqual(['departAt']);
    expect(tooEarly.message).toBe('Leave no more than 6 hours before the event starts');
    const notReady = (await rider.gql(REQUEST, { eventId: event.id, input: { postcode: 'N12', seats: 1, readyFrom: hoursBefore(7) } })).data.requestLift;
    expect(paths(notReady)).toEqual(['readyFrom']);
    expect(notReady.message).toBe('Be ready no more than 6 hours before the event starts');
    expect(await liftRows(event.id)).toEqual(before);

    const departAt = hoursBefore(1);
    const offered = (await driver.gql(OFFER, { eventId: event.id, input: { ...offer, departAt } })).data.offerLift;
    expect(offered.data).toMatchObject({ departAt });
    const readyFrom = hoursBefore(2);
    const requested = (await rider.gql(REQUEST, { eventId: event.id, input: { postcode: 'N12', seats: 1, readyFrom } })).data.requestLift;
    expect(requested.data).toMatchObject({ readyFrom });
    const MATCH = `mutation M($eventId: ID!) { matchEveryone(eventId: $eventId) { __typename ... on MutationMatchEveryoneSuccess { data { peopleMatched proposals { offer { id } } } } ${ERR} } }`;
    const res = (await organiser.gql(MATCH, { eventId: event.id })).data.matchEveryone;
    expect(res.data.peopleMatched).toBe(1);
    expect(res.data.proposals).toEqual([{ offer: { id: offered.data.id } }]);
  });
});
