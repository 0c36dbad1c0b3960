import { describe, expect, test } from 'vitest';
import { Client, createEvent, OFFER_LIFT, REQUEST_LIFT, signedUp, useTestApi, uuidOf } from './helpers.ts';

const api = useTestApi();

const ERR = '... on Error { __typename message } ... on ValidationError { fieldErrors { path message } }';
const ADD_HUB = /* GraphQL */ `
  mutation Add($eventId: ID!, $input: EventHubInput!) {
    addEventHub(eventId: $eventId, input: $input) { __typename ... on MutationAddEventHubSuccess { data { id name } } ${ERR} }
  }
`;
const MATCH_FIELDS = 'id status pickupAt pickupHub { id name } offer { id } request { id }';
const MATCH_EVERYONE = /* GraphQL */ `
  mutation MatchEveryone($eventId: ID!) {
    matchEveryone(eventId: $eventId) {
      __typename
      ... on MutationMatchEveryoneSuccess {
        data { peopleRequested peopleMatched carsUsed coachesUsed coachPeopleMatched proposals { ${MATCH_FIELDS} } unmatched { id } }
      }
      ${ERR}
    }
  }
`;
const PROPOSE = /* GraphQL */ `
  mutation Propose($offerId: ID!, $requestId: ID!) {
    proposeLift(offerId: $offerId, requestId: $requestId) { __typename ... on MutationProposeLiftSuccess { data { ${MATCH_FIELDS} } } ${ERR} }
  }
`;
const ACCEPT = /* GraphQL */ `
  mutation Accept($matchId: ID!) {
    acceptLift(matchId: $matchId) { __typename ... on MutationAcceptLiftSuccess { data { ${MATCH_FIELDS} } } ${ERR} }
  }
`;
const MINE = /* GraphQL */ `
  query Mine($id: ID!) {
    event(id: $id) {
      myLiftOffer { id seatsLeft matches { ${MATCH_FIELDS} } }
      myLiftRequest { id status matches { ${MATCH_FIELDS} } }
    }
  }
`;

// Trafalgar Square (WC2N), the rally's venue.
const VENUE = { lat: 51.508, lng: -0.1281 };
const MIN = 60_000;

interface Match {
  id: string;
  status: string;
  pickupAt: string | null;
  pickupHub: { id: string; name: string } | null;
  offer: { id: string };
  request: { id: string };
}

async function rally(organiser: Client) {
  const event = await createEvent(organiser, { kind: 'CANVASS', title: 'Rally with hubs', location: VENUE });
  const hub = async (name: string, postcode: string) => {
    const res = (await organiser.gql(ADD_HUB, { eventId: event.id, input: { name, postcode } })).data.addEventHub;
    expect(res.__typename).toBe('MutationAddEventHubSuccess');
    return res.data as { id: string; name: string };
  };
  const startMs = Date.parse(event.startsAt);
  return { event, startMs, at: (minutesBefore: number) => new Date(startMs - minutesBefore * MIN).toISOString(), hub };
}

async function offer(driver: Client, eventId: string, input: Record<string, unknown>): Promise<string> {
  const res = (await driver.gql(OFFER_LIFT, { eventId, input })).data.offerLift;
  expect(res.__typename, JSON.stringify(res)).toBe('MutationOfferLiftSuccess');
  return res.data.id;
}

async function rider(eventId: string, input: Record<string, unknown>): Promise<{ client: Client; requestId: string }> {
  const client = await signedUp(api.url);
  const res = (await client.gql(REQUEST_LIFT, { eventId, input: { seats: 1, ...input } })).data.requestLift;
  expect(res.__typename, JSON.stringify(res)).toBe('MutationRequestLiftSuccess');
  return { client, requestId: res.data.id };
}

/** Everything a refused lift write could have touched. */
async function liftState(eventId: string) {
  const where = { offer: { eventId: uuidOf(eventId) } };
  const [matches, offers, requests] = await Promise.all([
    api.prisma.liftMatch.findMany({ where, select: { id: true, status: true, pickupHubId: true, pickupAt: true }, orderBy: { id: 'asc' } }),
    api.prisma.liftOffer.findMany({ where: { eventId: uuidOf(eventId) }, select: { id: true, seatsTaken: true }, orderBy: { id: 'asc' } }),
    api.prisma.liftRequest.findMany({ where: { eventId: uuidOf(eventId) }, select: { id: true, status: true }, orderBy: { id: 'asc' } }),
  ]);
  return { matches, offers, requests };
}

describe('hubs, coaches and times through Match everyone', () => {
  test('a coach fills at the hubs (one stop per hub, after its riders are ready), a car takes those who need a home pickup', async () => {
    const organiser = await signedUp(api.url);
    const { event, startMs, at, hub } = await rally(organiser);
    const finchley = await hub('Finchley Central', 'N3');
    const stratford = await hub('Stratford', 'E15');
    // The organisers' coach leaves North Finchley two hours before the start; a volunteer's car leaves Finchley.
    const coach = await offer(organiser, event.id, { postcode: 'N12', departAt: at(120), vehicle: 'COACH', seats: 70, maxDetourKm: 30 });
    const driver = await signedUp(api.url);
    const car = await offer(driver, event.id, { postcode: 'N3', departAt: at(60), seats: 3, maxDetourKm: 8 });

    // "I can get to a hub": three near Finchley Central, three near Stratford (one ready only half an hour before).
    const nearFinchley = await Promise.all(['N12', 'N20', 'NW11'].map((postcode) => rider(event.id, { postcode, hubReachKm: 5 })));
    const nearStratford = await Promise.all(['E20', 'E3'].map((postcode) => rider(event.id, { postcode, hubReachKm: 3 })));
    const late = await rider(event.id, { postcode: 'E13', hubReachKm: 3, readyFrom: at(30) });
    nearStratford.push(late);
    // Picked up at home only: the coach cannot take them.
    const atHome = await Promise.all(['N2', 'N10', 'NW3'].map((postcode) => rider(event.id, { postcode })));

    const res = (await organiser.gql(MATCH_EVERYONE, { eventId: event.id })).data.matchEveryone;
    expect(res.__typename, JSON.stringify(res)).toBe('MutationMatchEveryoneSuccess');
    const summary = res.data;
    expect(summary).toMatchObject({ peopleRequested: 9, peopleMatched: 9, carsUsed: 2, coachesUsed: 1, coachPeopleMatched: 6, unmatched: [] });
    const byRequest = new Map((summary.proposals as Match[]).map((p) => [p.request.id, p]));

    for (const r of nearFinchley) expect(byRequest.get(r.requestId)).toMatchObject({ offer: { id: coach }, pickupHub: { id: finchley.id, name: 'Finchley Central' } });
    for (const r of nearStratford) expect(byRequest.get(r.requestId)).toMatchObject({ offer: { id: coach }, pickupHub: { id: stratford.id, name: 'Stratford' } });
    for (const r of atHome) expect(byRequest.get(r.requestId)).toMatchObject({ offer: { id: car }, pickupHub: null });

    // Once per hub: everyone boarding at a hub boards at the same time; the coach waits at Stratford until E13 is ready.
    const timesAt = (riders: { requestId: string }[]) => new Set(riders.map((r) => byRequest.get(r.requestId)!.pickupAt));
    expect(timesAt(nearFinchley).size).toBe(1);
    expect(timesAt(nearStratford).size).toBe(1);
    const finchleyAt = Date.parse([...timesAt(nearFinchley)][0]!);
    const stratfordAt = Date.parse([...timesAt(nearStratford)][0]!);
    expect(finchleyAt).toBeGreaterThanOrEqual(startMs - 120 * MIN);
    expect(stratfordAt).toBeGreaterThanOrEqual(startMs - 30 * MIN);
    expect(stratfordAt).toBeLessThan(startMs);
    for (const r of atHome) {
      const pickupAt = Date.parse(byRequest.get(r.requestId)!.pickupAt!);
      expect(pickupAt).toBeGreaterThanOrEqual(startMs - 60 * MIN);
      expect(pickupAt).toBeLessThan(startMs);
    }

    // Both sides see the hub and the time; the coach's driver confirms and the hub pickup stands.
    const riderView = (await nearFinchley[0]!.client.gql(MINE, { id: event.id })).data.event.myLiftRequest.matches as Match[];
    expect(riderView).toEqual([expect.objectContaining({ status: 'PROPOSED', pickupHub: { id: finchley.id, name: 'Finchley Central' }, pickupAt: new Date(finchleyAt).toISOString() })]);
    const coachView = (await organiser.gql(MINE, { id: event.id })).data.event.myLiftOffer.matches as Match[];
    expect(coachView).toHaveLength(6);
    const accepted = (await organiser.gql(ACCEPT, { matchId: riderView[0]!.id })).data.acceptLift;
    expect(accepted).toMatchObject({ __typename: 'MutationAcceptLiftSuccess', data: { status: 'ACCEPTED', pickupHub: { id: finchley.id } } });
    expect(Date.parse(accepted.data.pickupAt)).toBeLessThan(startMs);

    // Running again with nothing changed proposes nothing new and keeps the same pickups.
    const again = (await organiser.gql(MATCH_EVERYONE, { eventId: event.id })).data.matchEveryone.data;
    const againBy = new Map((again.proposals as Match[]).map((p) => [p.request.id, p]));
    for (const r of [...nearStratford, ...atHome]) expect(againBy.get(r.requestId)).toEqual(byRequest.get(r.requestId));
  });

  test('a rider books a coach themselves: boarding at a hub they can reach, never at home', async () => {
    const organiser = await signedUp(api.url);
    const { event, at, hub } = await rally(organiser);
    const finchley = await hub('Finchley Central', 'N3');
    await hub('Stratford', 'E15');
    const coach = await offer(organiser, event.id, { postcode: 'N12', departAt: at(120), vehicle: 'COACH', seats: 50, maxDetourKm: 30 });

    const reaches = await rider(event.id, { postcode: 'N20', hubReachKm: 5 });
    const asked = (await reaches.client.gql(PROPOSE, { offerId: coach, requestId: reaches.requestId })).data.proposeLift;
    expect(asked).toMatchObject({ __typename: 'MutationProposeLiftSuccess', data: { pickupHub: { id: finchley.id, name: 'Finchley Central' } } });
    expect(asked.data.pickupAt).not.toBeNull();

    const homeOnly = await rider(event.id, { postcode: 'NW3' });
    const before = await liftState(event.id);
    const refused = (await homeOnly.client.gql(PROPOSE, { offerId: coach, requestId: homeOnly.requestId })).data.proposeLift;
    expect(refused.__typename).toBe('ValidationError');
    expect(refused.message).toMatch(/coach stops only at pickup hubs/);
    expect(await liftState(event.id)).toEqual(before);

    // Nor do the organisers' next steps suggest stretching the coach's limit for them.
    const NEXT = 'query ($id: ID!) { node(id: $id) { ... on LiftRequest { nextSteps { drivers { offer { id } } } } } }';
    const next = (await organiser.gql(NEXT, { id: homeOnly.requestId })).data.node.nextSteps;
    expect(next.drivers).toEqual([]);
  });
});

describe('a hub rider and a car that cannot reach their hub', () => {
  test('the car fetches them from home, by hand and through Match everyone', async () => {
    const organiser = await signedUp(api.url);
    const { event, at, hub } = await rally(organiser);
    // The only hub is in east London; the rider lives in Whetstone, on a North Finchley car's way.
    await hub('Stratford', 'E15');
    const driver = await signedUp(api.url);
    const car = await offer(driver, event.id, { postcode: 'N12', departAt: at(60), seats: 2, maxDetourKm: 8 });
    const r = await rider(event.id, { postcode: 'N20', hubReachKm: 20 });

    const planned = (await organiser.gql(MATCH_EVERYONE, { eventId: event.id })).data.matchEveryone.data;
    expect(planned).toMatchObject({ peopleMatched: 1, unmatched: [] });
    expect(planned.proposals).toEqual([expect.objectContaining({ offer: { id: car }, request: { id: r.requestId }, pickupHub: null })]);
    const accepted = (await driver.gql(ACCEPT, { matchId: planned.proposals[0].id })).data.acceptLift;
    expect(accepted).toMatchObject({ __typename: 'MutationAcceptLiftSuccess', data: { status: 'ACCEPTED', pickupHub: null } });
    expect(Date.parse(accepted.data.pickupAt)).toBeGreaterThanOrEqual(Date.parse(at(60)));

    // Asking by hand gives the same answer.
    const other = await rider(event.id, { postcode: 'N20', hubReachKm: 20 });
    const asked = (await other.client.gql(PROPOSE, { offerId: car, requestId: other.requestId })).data.proposeLift;
    expect(asked, JSON.stringify(asked)).toMatchObject({ __typename: 'MutationProposeLiftSuccess', data: { pickupHub: null } });
  });
});

describe('every lift reaches the event before it starts', () => {
  test('a departure after the start is refused on the field, and nothing is stored', async () => {
    const organiser = await signedUp(api.url);
    const { event, at } = await rally(organiser);
    const driver = await signedUp(api.url);
    const before = await liftState(event.id);
    const res = (await driver.gql(OFFER_LIFT, { eventId: event.id, input: { postcode: 'N3', departAt: at(-5), seats: 3, maxDetourKm: 8 } })).data.offerLift;
    expect(res.__typename).toBe('ValidationError');
    expect(res.fieldErrors.map((e: { path: string[] }) => e.path.join('.'))).toEqual(['departAt']);
    expect(res.message).toMatch(/after the event starts/);
    expect(await liftState(event.id)).toEqual(before);
  });

  test('a car that would arrive late is refused (asking, and Match everyone leaves it out)', async () => {
    const organiser = await signedUp(api.url);
    const { event, at } = await rally(organiser);
    // 46 km from Luton, leaving ten minutes before the start: never in time.
    const driver = await signedUp(api.url);
    const tooLate = await offer(driver, event.id, { postcode: 'LU1', departAt: at(10), seats: 3, maxDetourKm: 20 });
    const r = await rider(event.id, { postcode: 'LU1' });
    const before = await liftState(event.id);
    const refused = (await r.client.gql(PROPOSE, { offerId: tooLate, requestId: r.requestId })).data.proposeLift;
    expect(refused.__typename).toBe('ValidationError');
    expect(refused.message).toMatch(/would reach the event after it starts/);
    expect(await liftState(event.id)).toEqual(before);

    const planned = (await organiser.gql(MATCH_EVERYONE, { eventId: event.id })).data.matchEveryone.data;
    expect(planned).toMatchObject({ peopleMatched: 0, proposals: [], unmatched: [{ id: r.requestId }] });
  });

  test('a rider ready too late for the car is refused', async () => {
    const organiser = await signedUp(api.url);
    const { event, at } = await rally(organiser);
    const driver = await signedUp(api.url);
    const car = await offer(driver, event.id, { postcode: 'N3', departAt: at(60), seats: 3, maxDetourKm: 8 });
    // Ready five minutes before the start, 11 km out: the car cannot get them there in time.
    const r = await rider(event.id, { postcode: 'N2', readyFrom: at(5) });
    const before = await liftState(event.id);
    const refused = (await driver.gql(PROPOSE, { offerId: car, requestId: r.requestId })).data.proposeLift;
    expect(refused.__typename).toBe('ValidationError');
    expect(refused.message).toMatch(/after it starts/);
    expect(await liftState(event.id)).toEqual(before);
  });

  test('accepting re-checks the time: once the event starts earlier, the route that was in time is refused and nothing changes', async () => {
    const organiser = await signedUp(api.url);
    const { event, at } = await rally(organiser);
    const driver = await signedUp(api.url);
    const car = await offer(driver, event.id, { postcode: 'N3', departAt: at(60), seats: 3, maxDetourKm: 8 });
    const r = await rider(event.id, { postcode: 'N2' });
    const proposed = (await r.client.gql(PROPOSE, { offerId: car, requestId: r.requestId })).data.proposeLift;
    expect(proposed).toMatchObject({ __typename: 'MutationProposeLiftSuccess', data: { status: 'PROPOSED', pickupHub: null } });
    expect(Date.parse(proposed.data.pickupAt)).toBeGreaterThan(Date.parse(at(60)));

    // The start moves to ten minutes after the car leaves: the 11 km to Trafalgar Square take longer than that.
    await api.prisma.event.update({ where: { id: uuidOf(event.id) }, data: { startsAt: new Date(Date.parse(at(60)) + 10 * MIN) } });
    const before = await liftState(event.id);
    const refused = (await driver.gql(ACCEPT, { matchId: proposed.data.id })).data.acceptLift;
    expect(refused.__typename).toBe('ValidationError');
    expect(refused.message).toMatch(/would reach the event after it starts/);
    expect(await liftState(event.id)).toEqual(before);
    expect(before.matches).toEqual([expect.objectContaining({ status: 'PROPOSED' })]);
  });
});

describe('LIFT_SPEED_KMH: the average road speed the matcher plans with', () => {
  const slow = useTestApi({ liftSpeedKmh: 10 });
  /** The same member, signed in, asking the API that plans at 10 km/h (both share the database). */
  const onSlow = (client: Client) => Object.assign(new Client(slow.url), { cookie: client.cookie });

  test('a route in time at the default 40 km/h is too late at 10 km/h: refused, and nothing changes', async () => {
    const organiser = await signedUp(api.url);
    const { event, at } = await rally(organiser);
    const driver = await signedUp(api.url);
    // Finchley to Trafalgar Square by N2, leaving an hour before the start: about 18 road km, 27 minutes at 40 km/h.
    const car = await offer(driver, event.id, { postcode: 'N3', departAt: at(60), seats: 3, maxDetourKm: 8 });
    const r = await rider(event.id, { postcode: 'N2' });
    const before = await liftState(event.id);
    const refused = (await onSlow(r.client).gql(PROPOSE, { offerId: car, requestId: r.requestId })).data.proposeLift;
    expect(refused.__typename).toBe('ValidationError');
    expect(refused.message).toMatch(/would reach the event after it starts/);
    const planned = (await onSlow(organiser).gql(MATCH_EVERYONE, { eventId: event.id })).data.matchEveryone.data;
    expect(planned).toMatchObject({ peopleMatched: 0, proposals: [], unmatched: [{ id: r.requestId }] });
    expect(await liftState(event.id)).toEqual(before);

    // At the default speed the same lift is in time; accepting it where 10 km/h is assumed is refused again.
    const proposed = (await r.client.gql(PROPOSE, { offerId: car, requestId: r.requestId })).data.proposeLift;
    expect(proposed).toMatchObject({ __typename: 'MutationProposeLiftSuccess', data: { status: 'PROPOSED', pickupHub: null } });
    const asked = await liftState(event.id);
    const notAccepted = (await onSlow(driver).gql(ACCEPT, { matchId: proposed.data.id })).data.acceptLift;
    expect(notAccepted.message).toMatch(/would reach the event after it starts/);
    expect(await liftState(event.id)).toEqual(asked);
  });
});
