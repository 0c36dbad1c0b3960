import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { purgeLifts } from '../src/lifts/service.ts';
import type { RunningApi } from '../src/server.ts';
import { Client, createEvent, departureFor, manyMembers, PASSWORD, signedUp, startTestApi, uuidOf } from './helpers.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const OFFER = /* GraphQL */ `
  mutation Offer($eventId: ID!, $input: LiftOfferInput!) {
    offerLift(eventId: $eventId, input: $input) {
      __typename
      ... on MutationOfferLiftSuccess { data { id seats seatsLeft origin { label location { lat lng } } driver { displayName } } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const REQUEST = /* GraphQL */ `
  mutation Request($eventId: ID!, $input: LiftRequestInput!) {
    requestLift(eventId: $eventId, input: $input) {
      __typename
      ... on MutationRequestLiftSuccess { data { id seats status origin { label location { lat lng } } } }
      ... on Error { message }
    }
  }
`;
const MATCH_FIELDS = 'id status proposedBy detourKm viewerSide viewerCanAccept pickupDetails { driverNote riderNote }';
const PROPOSE = /* GraphQL */ `
  mutation Propose($offerId: ID!, $requestId: ID!) {
    proposeLift(offerId: $offerId, requestId: $requestId) {
      __typename ... on MutationProposeLiftSuccess { data { ${MATCH_FIELDS} } } ... on Error { message }
    }
  }
`;
const ACCEPT = /* GraphQL */ `
  mutation Accept($matchId: ID!, $note: String) {
    acceptLift(matchId: $matchId, pickupNote: $note) {
      __typename ... on MutationAcceptLiftSuccess { data { ${MATCH_FIELDS} } } ... on Error { message }
    }
  }
`;
const CANCEL_OFFER = /* GraphQL */ `
  mutation CancelOffer($id: ID!) { cancelLiftOffer(id: $id) { __typename ... on Error { message } } }
`;
const CANDIDATES = /* GraphQL */ `
  query Candidates($id: ID!) {
    node(id: $id) { ... on LiftRequest { status candidates { detourKm seatsLeft offer { id driver { displayName } } } } }
  }
`;
const EVENT_LIFTS = /* GraphQL */ `
  query EventLifts($id: ID!) {
    event(id: $id) {
      liftOffers { id driver { displayName } origin { label location { lat lng } } matches { ${MATCH_FIELDS} } }
      liftRequests { id rider { displayName } origin { label } }
    }
  }
`;


async function canvass(organiser: Client) {
  // Venue in Hendon (NW4); drivers and riders come from north London and beyond.
  return createEvent(organiser, { kind: 'CANVASS', title: 'Lifts test canvass', postcode: 'NW4 4BT', location: { lat: 51.5894, lng: -0.2288 } });
}

async function offer(driver: Client, eventId: string, input: Record<string, unknown>) {
  const res = await driver.gql(OFFER, { eventId, input: { departAt: departureFor(), seats: 3, maxDetourKm: 15, ...input } });
  const data = res.data.offerLift.data;
  if (!data) throw new Error(JSON.stringify(res));
  return data;
}

async function request(rider: Client, eventId: string, input: Record<string, unknown>) {
  const res = await rider.gql(REQUEST, { eventId, input: { seats: 1, ...input } });
  const data = res.data.requestLift.data;
  if (!data) throw new Error(JSON.stringify(res));
  return data;
}

describe('lift offers and requests', () => {
  test('origins are stored and shown coarse: a postcode becomes its district centre, a pin its ~1 km square', async () => {
    const organiser = await signedUp(api.url);
    const event = await canvass(organiser);
    const driver = await signedUp(api.url, { lastName: 'Secretsurname' });
    const o = await offer(driver, event.id, { postcode: 'N7 8AB' });
    const n7 = await api.prisma.outcode.findUniqueOrThrow({ where: { code: 'N7' } });
    expect(o.origin).toEqual({ label: 'N7', location: { lat: n7.lat, lng: n7.lng } });
    expect(o.driver.displayName).toBe('Test S.');

    const rider = await signedUp(api.url);
    const pin = { lat: 51.60123, lng: -0.19876 };
    const r = await request(rider, event.id, { location: pin });
    expect(r.origin.location).not.toEqual(pin);
    const row = await api.prisma.liftRequest.findUniqueOrThrow({ where: { id: uuidOf(r.id) } });
    expect(row.originLat).not.toBe(pin.lat);
    expect(Math.abs(row.originLat - pin.lat)).toBeLessThan(0.01);
  });

  test('candidates for a rider: within each driver\'s limit, enough seats, right access; smallest detour first', async () => {
    const organiser = await signedUp(api.url);
    const event = await canvass(organiser);
    const [near, far, full, noAccess] = await Promise.all([0, 1, 2, 3].map(() => signedUp(api.url)));
    await offer(near!, event.id, { postcode: 'N3', maxDetourKm: 10 });
    await offer(far!, event.id, { postcode: 'EN5', maxDetourKm: 40 });
    await offer(full!, event.id, { postcode: 'N3', seats: 1, maxDetourKm: 40 });
    await offer(noAccess!, event.id, { postcode: 'N12', maxDetourKm: 40 });
    await offer(await signedUp(api.url), event.id, { postcode: 'SE1', maxDetourKm: 1 });
    const rider = await signedUp(api.url);
    const r = await request(rider, event.id, { postcode: 'N12', seats: 2 });
    const res = await rider.gql(CANDIDATES, { id: r.id });
    const list = res.data.node.candidates as { detourKm: number; seatsLeft: number; offer: { id: string } }[];
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list.map((c) => c.detourKm)).toEqual([...list.map((c) => c.detourKm)].sort((a, b) => a - b));
    for (const c of list) expect(c.seatsLeft).toBeGreaterThanOrEqual(1);
    // The 1-seat car cannot take a party of 2; the SE1 driver will not detour 1 km for north London.
    const offers = await api.prisma.liftOffer.findMany({ where: { eventId: uuidOf(event.id) } });
    const ids = new Set(list.map((c) => uuidOf(c.offer.id)));
    expect(ids.has(offers.find((o) => o.seats === 1)!.id)).toBe(false);
    expect(ids.has(offers.find((o) => o.originLabel === 'SE1')!.id)).toBe(false);
  });
});

describe('seats under concurrency', () => {
  test('50 parallel accepts on a 3-seat car: exactly 3 seats taken, the rest told the car is full', async () => {
    const organiser = await signedUp(api.url);
    const event = await canvass(organiser);
    const driver = await signedUp(api.url);
    const car = await offer(driver, event.id, { postcode: 'NW7', seats: 3, maxDetourKm: 30 });
    const riders: Client[] = await manyMembers(api, 50);
    const proposals = [];
    for (const rider of riders) {
      const r = await request(rider, event.id, { postcode: 'NW7' });
      const p = await rider.gql(PROPOSE, { offerId: car.id, requestId: r.id });
      proposals.push(p.data.proposeLift.data);
    }
    const results = await Promise.all(proposals.map((p) => driver.gql(ACCEPT, { matchId: p.id, note: 'Outside the station' })));
    const accepted = results.filter((r) => r.data.acceptLift.__typename === 'MutationAcceptLiftSuccess');
    const refused = results.filter((r) => r.data.acceptLift.__typename === 'ValidationError');
    expect(accepted).toHaveLength(3);
    expect(refused).toHaveLength(47);
    for (const r of refused) expect(r.data.acceptLift.message).toBe('This car is full');
    const row = await api.prisma.liftOffer.findUniqueOrThrow({ where: { id: uuidOf(car.id) } });
    expect(row.seatsTaken).toBe(3);
    expect(await api.prisma.liftMatch.count({ where: { offerId: row.id, status: 'ACCEPTED' } })).toBe(3);
  });

  test('a party is never split: a party of 2 does not fit a car with 1 seat left', async () => {
    const organiser = await signedUp(api.url);
    const event = await canvass(organiser);
    const driver = await signedUp(api.url);
    const car = await offer(driver, event.id, { postcode: 'NW7', seats: 1, maxDetourKm: 30 });
    const rider = await signedUp(api.url);
    const r = await request(rider, event.id, { postcode: 'NW7', seats: 2 });
    const p = await rider.gql(PROPOSE, { offerId: car.id, requestId: r.id });
    expect(p.data.proposeLift).toMatchObject({ __typename: 'ValidationError', message: 'This car has only 1 seat left' });
    expect(await api.prisma.liftMatch.count({ where: { offerId: uuidOf(car.id) } })).toBe(0);
  });
});

describe('lifecycle and privacy', () => {
  test('only the other side accepts; pickup details only between the two sides once agreed', async () => {
    const organiser = await signedUp(api.url);
    const event = await canvass(organiser);
    const driver = await signedUp(api.url, { firstName: 'Dana', lastName: 'Driverson' });
    const rider = await signedUp(api.url, { firstName: 'Rob', lastName: 'Riderman' });
    const stranger = await signedUp(api.url);
    const car = await offer(driver, event.id, { postcode: 'NW7' });
    const r = await request(rider, event.id, { postcode: 'NW7' });
    const proposal = (await driver.gql(PROPOSE, { offerId: car.id, requestId: r.id })).data.proposeLift.data;
    expect(proposal).toMatchObject({ status: 'PROPOSED', proposedBy: 'DRIVER', viewerSide: 'DRIVER', viewerCanAccept: false, pickupDetails: null });
    expect((await driver.gql(ACCEPT, { matchId: proposal.id })).data.acceptLift.__typename).toBe('ValidationError');
    expect((await stranger.gql(ACCEPT, { matchId: proposal.id })).data.acceptLift.__typename).toBe('NotFoundError');
    const accepted = (await rider.gql(ACCEPT, { matchId: proposal.id, note: 'Blue door, 14 Acacia Ave' })).data.acceptLift.data;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', viewerSide: 'RIDER', pickupDetails: { riderNote: 'Blue door, 14 Acacia Ave' } });

    const asDriver = await driver.gql(EVENT_LIFTS, { id: event.id });
    const mine = asDriver.data.event.liftOffers.find((o: { id: string }) => o.id === car.id);
    expect(mine.matches[0].pickupDetails.riderNote).toBe('Blue door, 14 Acacia Ave');
    // A stranger sees the car, first names and initials and ~1 km origins only: no surnames, no pickup details.
    const asStranger = await stranger.gql(EVENT_LIFTS, { id: event.id });
    const body = JSON.stringify(asStranger);
    expect(body).not.toContain('Driverson');
    expect(body).not.toContain('Riderman');
    expect(body).not.toContain('Acacia');
    expect(asStranger.data.event.liftOffers.find((o: { id: string }) => o.id === car.id).driver.displayName).toBe('Dana D.');
    expect((await stranger.gql(`query { node(id: "${proposal.id}") { id } }`)).data.node).toBeNull();
    // Signed out: no lifts at all.
    const anonymous = await new Client(api.url).gql(EVENT_LIFTS, { id: event.id });
    expect(anonymous.data.event).toEqual({ liftOffers: [], liftRequests: [] });
  });

  test("when a driver cancels, their riders' requests reopen and the next best car is proposed", async () => {
    const organiser = await signedUp(api.url);
    const event = await canvass(organiser);
    const [first, second, rider] = await Promise.all([signedUp(api.url), signedUp(api.url), signedUp(api.url)]);
    const car1 = await offer(first!, event.id, { postcode: 'NW7' });
    const car2 = await offer(second!, event.id, { postcode: 'N3', maxDetourKm: 40 });
    const r = await request(rider!, event.id, { postcode: 'NW7' });
    const p = (await rider!.gql(PROPOSE, { offerId: car1.id, requestId: r.id })).data.proposeLift.data;
    expect((await first!.gql(ACCEPT, { matchId: p.id })).data.acceptLift.data.status).toBe('ACCEPTED');

    expect((await first!.gql(CANCEL_OFFER, { id: car1.id })).data.cancelLiftOffer.__typename).toBe('MutationCancelLiftOfferSuccess');
    const req = await api.prisma.liftRequest.findUniqueOrThrow({ where: { id: uuidOf(r.id) } });
    expect(req.status).toBe('OPEN');
    const matches = await api.prisma.liftMatch.findMany({ where: { requestId: req.id }, orderBy: { createdAt: 'asc' } });
    expect(matches.map((m) => [m.offerId, m.status])).toEqual([
      [uuidOf(car1.id), 'CANCELLED'],
      [uuidOf(car2.id), 'PROPOSED'],
    ]);
  });

  test("a driver who deletes their account: the offer ends, the rider's request reopens, the driver's lift rows go", async () => {
    const organiser = await signedUp(api.url);
    const event = await canvass(organiser);
    const [driver, rider] = await Promise.all([signedUp(api.url), signedUp(api.url)]);
    const car = await offer(driver!, event.id, { postcode: 'NW7' });
    const r = await request(rider!, event.id, { postcode: 'NW7' });
    const p = (await rider!.gql(PROPOSE, { offerId: car.id, requestId: r.id })).data.proposeLift.data;
    await driver!.gql(ACCEPT, { matchId: p.id });
    const del = await driver!.gql('mutation($p: String!) { deleteAccount(password: $p) { __typename } }', { p: PASSWORD });
    expect(del.data.deleteAccount.__typename).toBe('MutationDeleteAccountSuccess');
    expect(await api.prisma.liftOffer.count({ where: { driverId: uuidOf(driver!.userId) } })).toBe(0);
    expect((await api.prisma.liftRequest.findUniqueOrThrow({ where: { id: uuidOf(r.id) } })).status).toBe('OPEN');
  });

  test('lift data is purged a set number of days after the event', async () => {
    const organiser = await signedUp(api.url);
    const old = await createEvent(organiser, { title: 'Long past canvass' });
    const recent = await createEvent(organiser, { title: 'Recent canvass' });
    const driver = await signedUp(api.url);
    const rider = await signedUp(api.url);
    for (const e of [old, recent]) {
      const car = await offer(driver, e.id, { postcode: 'LS6' });
      const r = await request(rider, e.id, { postcode: 'LS6' });
      await rider.gql(PROPOSE, { offerId: car.id, requestId: r.id });
    }
    const day = 86_400_000;
    const now = Date.now();
    await api.prisma.event.update({ where: { id: uuidOf(old.id) }, data: { startsAt: new Date(now - 40 * day), endsAt: new Date(now - 40 * day + 3_600_000) } });
    await api.prisma.event.update({ where: { id: uuidOf(recent.id) }, data: { startsAt: new Date(now - 5 * day), endsAt: new Date(now - 5 * day + 3_600_000) } });
    await purgeLifts(api.prisma, 30);
    const count = (eventId: string) =>
      Promise.all([
        api.prisma.liftOffer.count({ where: { eventId } }),
        api.prisma.liftRequest.count({ where: { eventId } }),
        api.prisma.liftMatch.count({ where: { offer: { eventId } } }),
      ]);
    expect(await count(uuidOf(old.id))).toEqual([0, 0, 0]);
    expect(await count(uuidOf(recent.id))).toEqual([1, 1, 1]);
  });
});
