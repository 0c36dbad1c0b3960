// The lift back (issue 13): matched and booked as its own leg, with its own seats, after the event ends.
import { describe, expect, test } from 'vitest';
import { type Client, createEvent, departureFor, manyMembers, OFFER_LIFT, REQUEST_LIFT, signedUp, useTestApi, uuidOf } from './helpers.ts';
import { waitForMail } from './mail-catcher.ts';

const api = useTestApi();

const ERR = '... on Error { __typename message } ... on ValidationError { fieldErrors { path message } }';
const PROPOSE = /* GraphQL */ `
  mutation Propose($offerId: ID!, $requestId: ID!, $leg: LiftLeg) {
    proposeLift(offerId: $offerId, requestId: $requestId, leg: $leg) {
      __typename ... on MutationProposeLiftSuccess { data { id leg status } } ${ERR}
    }
  }
`;
const ACCEPT = /* GraphQL */ `
  mutation Accept($matchId: ID!) { acceptLift(matchId: $matchId) { __typename ... on MutationAcceptLiftSuccess { data { id leg status pickupAt } } ${ERR} } }
`;
const WITHDRAW = /* GraphQL */ `mutation Withdraw($matchId: ID!) { withdrawLift(matchId: $matchId) { __typename ${ERR} } }`;
const CANCEL_REQUEST = /* GraphQL */ `mutation CancelRequest($id: ID!) { cancelLiftRequest(id: $id) { __typename ${ERR} } }`;
const OFFER_VIEW = /* GraphQL */ `
  query OfferView($id: ID!) {
    node(id: $id) {
      ... on LiftOffer {
        seatsLeft returnSeatsLeft
        there: matches { id leg status viewerCanAccept request { id } }
        back: matches(leg: RETURN) { id leg status viewerCanAccept otherSideFullName request { id } }
      }
    }
  }
`;
const REQUEST_VIEW = /* GraphQL */ `
  query RequestView($id: ID!) {
    node(id: $id) {
      ... on LiftRequest {
        status
        there: matches { id leg status }
        back: matches(leg: RETURN) { id leg status otherSideFullName offer { id returnDepartAt } }
        candidates { offer { id } }
        backCandidates: candidates(leg: RETURN) { detourKm seatsLeft offer { id returnSeatsLeft } }
      }
    }
  }
`;
const MATCH_EVERYONE = /* GraphQL */ `
  mutation MatchEveryone($eventId: ID!) {
    matchEveryone(eventId: $eventId) {
      __typename
      ... on MutationMatchEveryoneSuccess {
        data {
          peopleMatched proposalsCreated proposals { leg offer { id } request { id } }
          returnLeg { requests cars peopleRequested peopleMatched proposalsCreated proposals { leg status pickupAt offer { id } request { id } } unmatched { id } }
        }
      }
      ${ERR}
    }
  }
`;

const VENUE = { lat: 51.5894, lng: -0.2288 };

/** Minutes from the lift back leaving to the rider's drop-off. */
const droppedOffAfter = (dropOffAt: string, leaves: string) => (Date.parse(dropOffAt) - Date.parse(leaves)) / 60_000;

async function scenario() {
  const organiser = await signedUp(api.url);
  const event = await createEvent(organiser, { kind: 'CANVASS', title: 'Lift back canvass', postcode: 'NW4 4BT', location: VENUE });
  const back = new Date(Date.parse(event.endsAt) + 30 * 60_000).toISOString();
  return { organiser, event, back };
}

const offerInput = (over: Record<string, unknown> = {}) => ({ departAt: departureFor(), seats: 3, maxDetourKm: 15, postcode: 'NW7', ...over });

async function offer(client: Client, eventId: string, over: Record<string, unknown> = {}): Promise<string> {
  const res = await client.gql(OFFER_LIFT, { eventId, input: offerInput(over) });
  expect(res.data.offerLift.__typename, JSON.stringify(res)).toBe('MutationOfferLiftSuccess');
  return res.data.offerLift.data.id;
}

async function request(client: Client, eventId: string, returnTrip: boolean): Promise<string> {
  const res = await client.gql(REQUEST_LIFT, { eventId, input: { postcode: 'NW7', returnTrip } });
  expect(res.data.requestLift.__typename, JSON.stringify(res)).toBe('MutationRequestLiftSuccess');
  return res.data.requestLift.data.id;
}

/** The rows a refused change must leave as they were. */
async function rows(eventId: string) {
  const id = uuidOf(eventId);
  const [offers, requests, matches] = await Promise.all([
    api.prisma.liftOffer.findMany({ where: { eventId: id }, orderBy: { id: 'asc' } }),
    api.prisma.liftRequest.findMany({ where: { eventId: id }, orderBy: { id: 'asc' } }),
    api.prisma.liftMatch.findMany({ where: { offer: { eventId: id } }, orderBy: { id: 'asc' } }),
  ]);
  return { offers, requests, matches };
}

describe('the lift back, booked on its own', () => {
  test('a rider asks a driver for a lift back; accepting takes seats back only, and the way there stays open', async () => {
    const { event, back } = await scenario();
    const driver = await signedUp(api.url, { firstName: 'Sam', lastName: 'Driver' });
    const offerId = await offer(driver, event.id, { returnTrip: true, returnDepartAt: back });
    const rider = await signedUp(api.url, { firstName: 'Ria', lastName: 'Rider' });
    const requestId = await request(rider, event.id, true);

    const before = (await rider.gql(REQUEST_VIEW, { id: requestId })).data.node;
    expect(before.backCandidates).toEqual([{ detourKm: expect.any(Number), seatsLeft: 2, offer: { id: offerId, returnSeatsLeft: 3 } }]);

    const asked = (await rider.gql(PROPOSE, { offerId, requestId, leg: 'RETURN' })).data.proposeLift;
    expect(asked).toMatchObject({ data: { leg: 'RETURN', status: 'PROPOSED' } });
    const driverSees = (await driver.gql(OFFER_VIEW, { id: offerId })).data.node;
    expect(driverSees.there).toEqual([]);
    expect(driverSees.back).toMatchObject([{ id: asked.data.id, leg: 'RETURN', viewerCanAccept: true }]);

    const accepted = (await driver.gql(ACCEPT, { matchId: asked.data.id })).data.acceptLift;
    expect(accepted).toMatchObject({ __typename: 'MutationAcceptLiftSuccess', data: { leg: 'RETURN', status: 'ACCEPTED' } });
    // Dropped off after the driver leaves the venue, a short drive later (NW7 is a few km from Hendon).
    expect(droppedOffAfter(accepted.data.pickupAt, back)).toBeGreaterThan(0);
    expect(droppedOffAfter(accepted.data.pickupAt, back)).toBeLessThan(30);
    expect((await driver.gql(OFFER_VIEW, { id: offerId })).data.node).toMatchObject({
      seatsLeft: 3,
      returnSeatsLeft: 2,
      back: [{ status: 'ACCEPTED', otherSideFullName: 'Ria Rider' }],
    });
    const riderSees = (await rider.gql(REQUEST_VIEW, { id: requestId })).data.node;
    // Still looking for a lift there; the lift back is agreed, with its time.
    expect(riderSees).toMatchObject({ status: 'OPEN', there: [], back: [{ status: 'ACCEPTED', otherSideFullName: 'Sam Driver', offer: { returnDepartAt: back } }] });
    expect(riderSees.candidates).toEqual([{ offer: { id: offerId } }]);
    expect(riderSees.backCandidates).toEqual([]);

    // The way there with the same driver is a separate lift.
    const there = (await rider.gql(PROPOSE, { offerId, requestId })).data.proposeLift;
    expect(there).toMatchObject({ data: { leg: 'OUTBOUND', status: 'PROPOSED' } });
    expect(there.data.id).not.toBe(asked.data.id);
    await driver.gql(ACCEPT, { matchId: there.data.id });
    expect((await driver.gql(OFFER_VIEW, { id: offerId })).data.node).toMatchObject({ seatsLeft: 2, returnSeatsLeft: 2 });

    // Calling off the lift back frees its seat and leaves the way there alone.
    expect((await rider.gql(WITHDRAW, { matchId: asked.data.id })).data.withdrawLift.__typename).toBe('MutationWithdrawLiftSuccess');
    expect((await driver.gql(OFFER_VIEW, { id: offerId })).data.node).toMatchObject({ seatsLeft: 2, returnSeatsLeft: 3 });
    expect((await rider.gql(REQUEST_VIEW, { id: requestId })).data.node).toMatchObject({ status: 'MATCHED', back: [] });

    // Asked again and accepted, then the rider cancels: both lifts end and every seat comes back.
    const again = (await rider.gql(PROPOSE, { offerId, requestId, leg: 'RETURN' })).data.proposeLift;
    await driver.gql(ACCEPT, { matchId: again.data.id });
    expect((await rider.gql(CANCEL_REQUEST, { id: requestId })).data.cancelLiftRequest.__typename).toBe('MutationCancelLiftRequestSuccess');
    const offerRow = await api.prisma.liftOffer.findUniqueOrThrow({ where: { id: uuidOf(offerId) } });
    expect(offerRow).toMatchObject({ seatsTaken: 0, returnSeatsTaken: 0 });
  });

  test('a lift back with no time given: the drop-off has no time either', async () => {
    const { event } = await scenario();
    const driver = await signedUp(api.url);
    const offerId = await offer(driver, event.id, { returnTrip: true });
    const rider = await signedUp(api.url);
    const requestId = await request(rider, event.id, true);
    const asked = (await rider.gql(PROPOSE, { offerId, requestId, leg: 'RETURN' })).data.proposeLift;
    const accepted = (await driver.gql(ACCEPT, { matchId: asked.data.id })).data.acceptLift;
    expect(accepted.data).toMatchObject({ leg: 'RETURN', status: 'ACCEPTED', pickupAt: null });
  });

  test('the driver proposes the lift back and the rider accepts', async () => {
    const { event, back } = await scenario();
    const driver = await signedUp(api.url);
    const offerId = await offer(driver, event.id, { returnTrip: true, returnDepartAt: back });
    const rider = await signedUp(api.url);
    const requestId = await request(rider, event.id, true);
    const proposed = (await driver.gql(PROPOSE, { offerId, requestId, leg: 'RETURN' })).data.proposeLift;
    expect(proposed).toMatchObject({ data: { leg: 'RETURN', status: 'PROPOSED' } });
    // The e-mails say it is the lift back, and when it leaves.
    const offered = await waitForMail(rider.email, { test: (m) => / offers you a lift back from Lift back canvass$/.test(m.subject ?? '') });
    expect(offered.text).toMatch(/offers to bring you back from Lift back canvass, leaving /);
    expect(offered.text).toMatch(/Lift back leaves at/);
    expect((await rider.gql(ACCEPT, { matchId: proposed.data.id })).data.acceptLift).toMatchObject({ data: { status: 'ACCEPTED' } });
    expect((await driver.gql(OFFER_VIEW, { id: offerId })).data.node).toMatchObject({ seatsLeft: 3, returnSeatsLeft: 2 });
    const agreed = await waitForMail(driver.email, { test: (m) => /^Your lift back from Lift back canvass is agreed$/.test(m.subject ?? '') });
    expect(agreed.text).toMatch(/you are bringing them back from Lift back canvass, leaving /);
  });
});

describe('bad input: a clear typed error, and nothing changes', () => {
  test('a lift back from a driver who offers none, or for a rider who asked for none', async () => {
    const { event, back } = await scenario();
    const oneWay = await signedUp(api.url);
    const oneWayOffer = await offer(oneWay, event.id);
    const returning = await signedUp(api.url);
    const returningOffer = await offer(returning, event.id, { returnTrip: true, returnDepartAt: back });
    const rider = await signedUp(api.url);
    const wantsBack = await request(rider, event.id, true);
    const other = await signedUp(api.url);
    const thereOnly = await request(other, event.id, false);
    const before = await rows(event.id);

    const noBack = (await rider.gql(PROPOSE, { offerId: oneWayOffer, requestId: wantsBack, leg: 'RETURN' })).data.proposeLift;
    expect(noBack).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['offerId'], message: 'This driver is not offering a lift back' }] });
    const notAsked = (await returning.gql(PROPOSE, { offerId: returningOffer, requestId: thereOnly, leg: 'RETURN' })).data.proposeLift;
    expect(notAsked).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['requestId'], message: 'This rider has not asked for a lift back' }] });
    // Nor does the one-way car show among the cars back.
    const seen = (await rider.gql(REQUEST_VIEW, { id: wantsBack })).data.node;
    expect(seen.backCandidates.map((c: { offer: { id: string } }) => c.offer.id)).toEqual([returningOffer]);
    expect(await rows(event.id)).toEqual(before);
  });

  test('a lift back that leaves before the event ends, or a time for it without offering one', async () => {
    const { event } = await scenario();
    const driver = await signedUp(api.url);
    const before = await rows(event.id);
    const early = new Date(Date.parse(event.endsAt) - 60_000).toISOString();
    const res = (await driver.gql(OFFER_LIFT, { eventId: event.id, input: offerInput({ returnTrip: true, returnDepartAt: early }) })).data.offerLift;
    expect(res).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['returnDepartAt'], message: expect.stringMatching(/before the event ends/) }] });
    const without = (await driver.gql(OFFER_LIFT, { eventId: event.id, input: offerInput({ returnDepartAt: event.endsAt }) })).data.offerLift;
    expect(without).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['returnDepartAt'] }] });
    expect(await rows(event.id)).toEqual(before);
  });

  test('no seats back left: the second rider is refused and nothing changes', async () => {
    const { event, back } = await scenario();
    const driver = await signedUp(api.url);
    const offerId = await offer(driver, event.id, { seats: 1, returnTrip: true, returnDepartAt: back });
    const [a, b] = await Promise.all([signedUp(api.url), signedUp(api.url)]);
    const [ra, rb] = [await request(a, event.id, true), await request(b, event.id, true)];
    const pa = (await a.gql(PROPOSE, { offerId, requestId: ra, leg: 'RETURN' })).data.proposeLift.data.id;
    const pb = (await b.gql(PROPOSE, { offerId, requestId: rb, leg: 'RETURN' })).data.proposeLift.data.id;
    expect((await driver.gql(ACCEPT, { matchId: pa })).data.acceptLift.__typename).toBe('MutationAcceptLiftSuccess');
    const before = await rows(event.id);
    const refused = (await driver.gql(ACCEPT, { matchId: pb })).data.acceptLift;
    expect(refused).toMatchObject({ __typename: 'ValidationError', message: 'This car has no seats back left' });
    expect(await rows(event.id)).toEqual(before);
    // The way there still has its seat.
    expect((await driver.gql(OFFER_VIEW, { id: offerId })).data.node).toMatchObject({ seatsLeft: 1, returnSeatsLeft: 0 });
    // A new ask for the full car back is refused too.
    const c = await signedUp(api.url);
    const rc = await request(c, event.id, true);
    const full = (await c.gql(PROPOSE, { offerId, requestId: rc, leg: 'RETURN' })).data.proposeLift;
    expect(full).toMatchObject({ __typename: 'ValidationError', message: 'This car has no seats back left' });
  });
});

describe('seats back under parallel accepts', () => {
  test('12 riders accepted back at once into 3 seats back: exactly 3 get them, the rest a clear refusal', async () => {
    const { event, back } = await scenario();
    const driver = await signedUp(api.url);
    const offerId = await offer(driver, event.id, { seats: 3, returnTrip: true, returnDepartAt: back });
    const riders = await manyMembers(api, 12);
    const matchIds: string[] = [];
    for (const rider of riders) {
      const requestId = await request(rider, event.id, true);
      matchIds.push((await rider.gql(PROPOSE, { offerId, requestId, leg: 'RETURN' })).data.proposeLift.data.id);
    }
    const results = await Promise.all(matchIds.map((matchId) => driver.gql(ACCEPT, { matchId })));
    const kinds = results.map((r) => r.data.acceptLift.__typename);
    expect(kinds.filter((k) => k === 'MutationAcceptLiftSuccess')).toHaveLength(3);
    for (const r of results.filter((x) => x.data.acceptLift.__typename !== 'MutationAcceptLiftSuccess')) {
      expect(r.data.acceptLift.message).toBe('This car has no seats back left');
    }
    const row = await api.prisma.liftOffer.findUniqueOrThrow({ where: { id: uuidOf(offerId) } });
    expect(row).toMatchObject({ seatsTaken: 0, returnSeatsTaken: 3 });
    expect(await api.prisma.liftMatch.count({ where: { offerId: row.id, leg: 'RETURN', status: 'ACCEPTED' } })).toBe(3);
  });

  test('one rider, two drivers accepting their lift back at once: one lift back, never two', async () => {
    const { event, back } = await scenario();
    const [d1, d2] = [await signedUp(api.url), await signedUp(api.url)];
    const o1 = await offer(d1, event.id, { returnTrip: true, returnDepartAt: back });
    const o2 = await offer(d2, event.id, { returnTrip: true, returnDepartAt: back });
    const rider = await signedUp(api.url);
    const requestId = await request(rider, event.id, true);
    const m1 = (await rider.gql(PROPOSE, { offerId: o1, requestId, leg: 'RETURN' })).data.proposeLift.data.id;
    const m2 = (await rider.gql(PROPOSE, { offerId: o2, requestId, leg: 'RETURN' })).data.proposeLift.data.id;
    const [r1, r2] = await Promise.all([d1.gql(ACCEPT, { matchId: m1 }), d2.gql(ACCEPT, { matchId: m2 })]);
    const ok = [r1, r2].filter((r) => r.data.acceptLift.__typename === 'MutationAcceptLiftSuccess');
    expect(ok).toHaveLength(1);
    const offers = await api.prisma.liftOffer.findMany({ where: { id: { in: [uuidOf(o1), uuidOf(o2)] } } });
    expect(offers.map((o) => o.returnSeatsTaken).sort()).toEqual([0, 1]);
  });
});

describe('Match everyone plans the lifts back too', () => {
  test('riders who asked for a lift back get a car that offers seats back, apart from the way there; running again proposes nothing new', async () => {
    const { organiser, event, back } = await scenario();
    const returning = await signedUp(api.url);
    const returningOffer = await offer(returning, event.id, { seats: 2, returnTrip: true, returnDepartAt: back });
    const oneWay = await signedUp(api.url);
    await offer(oneWay, event.id, { seats: 3 });
    const riders = await Promise.all([signedUp(api.url), signedUp(api.url), signedUp(api.url), signedUp(api.url)]);
    const wantBack = [await request(riders[0]!, event.id, true), await request(riders[1]!, event.id, true), await request(riders[2]!, event.id, true)];
    await request(riders[3]!, event.id, false);

    const first = (await organiser.gql(MATCH_EVERYONE, { eventId: event.id })).data.matchEveryone;
    expect(first.__typename, JSON.stringify(first)).toBe('MutationMatchEveryoneSuccess');
    const { data } = first;
    // The way there: four riders in five seats.
    expect(data.peopleMatched).toBe(4);
    expect(data.proposals.every((p: { leg: string }) => p.leg === 'OUTBOUND')).toBe(true);
    // The way back: three asked, one car with two seats back.
    expect(data.returnLeg).toMatchObject({ requests: 3, cars: 1, peopleRequested: 3, peopleMatched: 2, proposalsCreated: 2 });
    for (const p of data.returnLeg.proposals) {
      expect(p).toMatchObject({ leg: 'RETURN', status: 'PROPOSED', offer: { id: returningOffer } });
      expect(wantBack).toContain(p.request.id);
      expect(droppedOffAfter(p.pickupAt, back)).toBeGreaterThan(0);
      expect(droppedOffAfter(p.pickupAt, back)).toBeLessThan(30);
    }
    expect(data.returnLeg.unmatched).toHaveLength(1);
    // The organisers' list of riders still needing a lift back, with the proposals waiting on drivers.
    const BACK = `query Back($id: ID!) { event(id: $id) { liftRequestsBack { id proposals(leg: RETURN) { offer { id } } } } }`;
    const listed = (await organiser.gql(BACK, { id: event.id })).data.event.liftRequestsBack;
    expect(listed.map((r: { id: string }) => r.id).sort()).toEqual([...wantBack].sort());
    expect(listed.filter((r: { proposals: unknown[] }) => r.proposals.length === 1)).toHaveLength(2);
    for (const r of listed) expect(r.proposals.every((p: { offer: { id: string } }) => p.offer.id === returningOffer)).toBe(true);

    const again = (await organiser.gql(MATCH_EVERYONE, { eventId: event.id })).data.matchEveryone.data;
    expect(again.proposalsCreated).toBe(0);
    expect(again.returnLeg).toMatchObject({ proposalsCreated: 0, peopleMatched: 2 });

    // The driver accepts one lift back: it is no longer planned, and the seat back is taken.
    const one = data.returnLeg.proposals[0];
    const match = await returning.gql(OFFER_VIEW, { id: returningOffer });
    const mine = match.data.node.back.find((m: { request: { id: string } }) => m.request.id === one.request.id);
    expect((await returning.gql(ACCEPT, { matchId: mine.id })).data.acceptLift.__typename).toBe('MutationAcceptLiftSuccess');
    const third = (await organiser.gql(MATCH_EVERYONE, { eventId: event.id })).data.matchEveryone.data;
    expect(third.returnLeg).toMatchObject({ requests: 2, peopleMatched: 1, proposalsCreated: 0 });
    const left = (await organiser.gql(BACK, { id: event.id })).data.event.liftRequestsBack;
    expect(left.map((r: { id: string }) => r.id)).not.toContain(one.request.id);
    expect(left).toHaveLength(2);
  });
});
