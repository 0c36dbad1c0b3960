/**
 * What each role can read of a lift: nobody but the two sides of an ACCEPTED match sees
 * pickup details; nobody else sees a surname or an origin finer than ~1 km; lift lists are for members only.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { Client, createEvent, departureFor, grantRole, signedUp, useTestApi } from './helpers.ts';

const api = useTestApi();

const MATCH = 'id status viewerSide viewerCanAccept otherSideFullName pickupDetails { driverNote riderNote }';
const READ = /* GraphQL */ `
  query Read($event: ID!, $offer: ID!, $request: ID!, $accepted: ID!, $proposed: ID!) {
    event(id: $event) {
      liftOffers { id driver { displayName } origin { label location { lat lng } } matches { ${MATCH} } }
      liftRequests { id rider { displayName } origin { label location { lat lng } } proposals { ${MATCH} } }
    }
    offer: node(id: $offer) { ... on LiftOffer { id seatsLeft } }
    request: node(id: $request) { ... on LiftRequest { id status candidates { detourKm } matches { ${MATCH} } } }
    accepted: node(id: $accepted) { ... on LiftMatch { ${MATCH} } }
    proposed: node(id: $proposed) { ... on LiftMatch { ${MATCH} } }
  }
`;

interface World {
  vars: Record<string, string>;
  readers: Record<string, Client>;
}

let world: World;

beforeAll(async () => {
  const organiser = await signedUp(api.url, { firstName: 'Olive', lastName: 'Organiserova' });
  const event = await createEvent(organiser, { kind: 'CANVASS', title: 'Privacy canvass', postcode: 'NW4 4BT' });
  const driver = await signedUp(api.url, { firstName: 'Dev', lastName: 'Drivewell' });
  const rider = await signedUp(api.url, { firstName: 'Ria', lastName: 'Ridgeway' });
  const other = await signedUp(api.url, { firstName: 'Pat', lastName: 'Proposalson' });
  const stranger = await signedUp(api.url);
  const regional = await signedUp(api.url);
  await grantRole(api.prisma, regional.userId, 'ORGANISER', ['london']);
  const admin = await signedUp(api.url);
  await grantRole(api.prisma, admin.userId, 'ADMIN');

  const departAt = departureFor(event.startsAt);
  const offer = (
    await driver.gql(
      'mutation($e: ID!, $i: LiftOfferInput!) { offerLift(eventId: $e, input: $i) { ... on MutationOfferLiftSuccess { data { id } } } }',
      { e: event.id, i: { postcode: 'NW7 1AA', departAt, seats: 3, maxDetourKm: 20 } },
    )
  ).data.offerLift.data.id;
  const ask = async (c: Client, postcode: string) =>
    (
      await c.gql(
        'mutation($e: ID!, $i: LiftRequestInput!) { requestLift(eventId: $e, input: $i) { ... on MutationRequestLiftSuccess { data { id } } } }',
        { e: event.id, i: { postcode } },
      )
    ).data.requestLift.data.id;
  const request = await ask(rider, 'NW7 2BB');
  const otherRequest = await ask(other, 'NW7 3CC');
  const propose = async (c: Client, req: string) =>
    (
      await c.gql('mutation($o: ID!, $r: ID!) { proposeLift(offerId: $o, requestId: $r) { ... on MutationProposeLiftSuccess { data { id } } } }', {
        o: offer,
        r: req,
      })
    ).data.proposeLift.data.id;
  const accepted = await propose(rider, request);
  await driver.gql('mutation($m: ID!) { acceptLift(matchId: $m, pickupNote: "By the blue gate, 7 Elm Rd") { __typename } }', { m: accepted });
  await rider.gql('mutation($m: ID!) { setPickupNote(matchId: $m, note: "I will wear a red hat; 07700 900123") { __typename } }', { m: accepted });
  const proposed = await propose(other, otherRequest);
  world = {
    vars: { event: event.id, offer, request, accepted, proposed },
    readers: { anonymous: new Client(api.url), stranger, organiser, regional, admin, driver, rider, other },
  };
});

async function read(role: string) {
  const res = await world.readers[role]!.gql(READ, world.vars);
  expect(res.errors).toBeUndefined();
  return res.data;
}

const SECRETS = ['Drivewell', 'Ridgeway', 'Proposalson', 'Organiserova', 'blue gate', 'red hat', '07700', 'NW7 1AA', 'NW7 2BB', 'NW7 3CC'];

describe('per role: what a lift reveals', () => {
  test('anonymous: no lifts at all, no nodes', async () => {
    const d = await read('anonymous');
    expect(d.event).toEqual({ liftOffers: [], liftRequests: [] });
    expect([d.offer, d.request, d.accepted, d.proposed]).toEqual([null, null, null, null]);
  });

  for (const role of ['stranger', 'organiser', 'regional', 'admin']) {
    test(`${role}: the open offer and requests with first name + initial and district-level origins; no matches, no pickup details, no surnames`, async () => {
      const d = await read(role);
      const body = JSON.stringify(d);
      for (const secret of SECRETS) expect(body, secret).not.toContain(secret);
      expect(d.event.liftOffers).toEqual([
        expect.objectContaining({ driver: { displayName: 'Dev D.' }, origin: expect.objectContaining({ label: 'NW7' }), matches: [] }),
      ]);
      expect(d.event.liftRequests.map((r: { rider: { displayName: string } }) => r.rider.displayName)).toEqual(['Pat P.']);
      // Organisers see that Pat's request has a proposal waiting (to match everyone well); strangers do not.
      expect(d.event.liftRequests[0].proposals).toEqual(
        role === 'stranger' ? [] : [expect.objectContaining({ status: 'PROPOSED', viewerSide: null, viewerCanAccept: false, pickupDetails: null })],
      );
      expect(d.accepted).toBeNull();
      expect(d.proposed).toBeNull();
      expect(d.request).toBeNull(); // the matched request is no longer open: only its rider (and nobody else) reads it
    });
  }

  test('driver: both matches, pickup details of the agreed one only', async () => {
    const d = await read('driver');
    expect(d.accepted).toMatchObject({
      status: 'ACCEPTED',
      viewerSide: 'DRIVER',
      pickupDetails: { driverNote: 'By the blue gate, 7 Elm Rd', riderNote: 'I will wear a red hat; 07700 900123' },
    });
    expect(d.proposed).toMatchObject({ status: 'PROPOSED', viewerSide: 'DRIVER', viewerCanAccept: true, pickupDetails: null, otherSideFullName: null });
    // The agreed rider's full name, once, on the agreed lift; the proposed rider's surname nowhere.
    expect(d.accepted.otherSideFullName).toBe('Ria Ridgeway');
    expect(JSON.stringify(d).split('Ridgeway').length - 1).toBe(2); // accepted node + the offer's matches list
    expect(JSON.stringify(d)).not.toContain('Proposalson');
  });

  test('rider of the agreed lift: their match with both notes; not the other rider\'s proposal', async () => {
    const d = await read('rider');
    expect(d.accepted).toMatchObject({ viewerSide: 'RIDER', pickupDetails: { driverNote: 'By the blue gate, 7 Elm Rd' } });
    expect(d.proposed).toBeNull();
    expect(d.request).toMatchObject({ status: 'MATCHED', matches: [expect.objectContaining({ status: 'ACCEPTED', otherSideFullName: 'Dev Drivewell' })] });
    expect(d.accepted.otherSideFullName).toBe('Dev Drivewell');
  });

  test('rider with only a proposal: no pickup details anywhere, cannot read the agreed lift', async () => {
    const d = await read('other');
    expect(d.proposed).toMatchObject({ status: 'PROPOSED', viewerSide: 'RIDER', viewerCanAccept: false, pickupDetails: null });
    expect(d.accepted).toBeNull();
    const body = JSON.stringify(d);
    for (const secret of ['blue gate', 'red hat', '07700', 'Ridgeway', 'Drivewell']) expect(body).not.toContain(secret);
  });

  test('the database itself never holds an origin finer than the district for a postcode', async () => {
    const rows = await api.prisma.liftRequest.findMany({ where: { event: { title: 'Privacy canvass' } } });
    const nw7 = await api.prisma.outcode.findUniqueOrThrow({ where: { code: 'NW7' } });
    for (const r of rows) expect([r.originLabel, r.originLat, r.originLng]).toEqual(['NW7', nw7.lat, nw7.lng]);
  });
});
