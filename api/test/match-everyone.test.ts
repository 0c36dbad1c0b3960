import { routeDetour } from '@rallypoint/shared';
import { describe, expect, test } from 'vitest';
import { Client, createEvent, departureFor, grantRole, OFFER_LIFT, REQUEST_LIFT, signedUp, useTestApi, uuidOf } from './helpers.ts';

const api = useTestApi();

const ERR = '... on Error { __typename message }';
const MATCH_EVERYONE = /* GraphQL */ `
  mutation MatchEveryone($eventId: ID!) {
    matchEveryone(eventId: $eventId) {
      __typename
      ... on MutationMatchEveryoneSuccess {
        data {
          requests cars peopleRequested peopleMatched requestsMatched carsUsed totalDetourKm greedyPeopleMatched
          proposalsCreated skippedDeclined
          proposals { id status proposedBy detourKm offer { id } request { id seats } }
          unmatched { id }
        }
      }
      ${ERR}
    }
  }
`;
const MINE = /* GraphQL */ `
  query Mine($id: ID!) {
    event(id: $id) {
      liftSeatsAvailable liftRequestsOpen
      myLiftOffer { id seatsLeft matches { id status proposedBy viewerSide viewerCanAccept request { id } } }
      myLiftRequest { id status matches { id status viewerSide viewerCanAccept offer { id } } }
    }
  }
`;
const ACCEPT = /* GraphQL */ `
  mutation Accept($matchId: ID!) { acceptLift(matchId: $matchId) { __typename ${ERR} } }
`;
const DECLINE = /* GraphQL */ `
  mutation Decline($matchId: ID!) { withdrawLift(matchId: $matchId) { __typename ${ERR} } }
`;

// Venue in Hendon (NW4), as in lifts.test.ts.
const VENUE = { lat: 51.5894, lng: -0.2288 };

interface Scenario {
  organiser: Client & { userId: string };
  eventId: string;
  drivers: { client: Client; offerId: string }[];
  riders: { client: Client; requestId: string }[];
}

/** Three cars and eight requests (a party of three, a wheelchair user, someone out of everyone's reach). */
async function scenario(): Promise<Scenario> {
  const organiser = await signedUp(api.url);
  const event = await createEvent(organiser, { kind: 'CANVASS', title: 'Match everyone', postcode: 'NW4 4BT', location: VENUE });
  const offers = [
    { postcode: 'N3', seats: 3, maxDetourKm: 12 },
    { postcode: 'EN5', seats: 4, maxDetourKm: 15, wheelchairAccessible: true },
    { postcode: 'HA8', seats: 2, maxDetourKm: 6 },
  ];
  const requests = [
    { postcode: 'N12' },
    { postcode: 'N20', seats: 3 },
    { postcode: 'N11', needsWheelchair: true },
    { postcode: 'N2' },
    { postcode: 'NW7' },
    { postcode: 'HA7' },
    { postcode: 'EN4' },
    { postcode: 'BR1' },
  ];
  const drivers = [];
  for (const input of offers) {
    const client = await signedUp(api.url);
    const res = await client.gql(OFFER_LIFT, { eventId: event.id, input: { departAt: departureFor(event.startsAt), ...input } });
    drivers.push({ client, offerId: res.data.offerLift.data.id as string });
  }
  const riders = [];
  for (const input of requests) {
    const client = await signedUp(api.url);
    const res = await client.gql(REQUEST_LIFT, { eventId: event.id, input: { seats: 1, ...input } });
    riders.push({ client, requestId: res.data.requestLift.data.id as string });
  }
  return { organiser, eventId: event.id, drivers, riders };
}

async function run(client: Client, eventId: string) {
  const res = await client.gql(MATCH_EVERYONE, { eventId });
  expect(res.errors).toBeUndefined();
  return res.data.matchEveryone;
}

describe('match everyone', () => {
  test('proposes a feasible plan that carries people, and both sides see their proposals', async () => {
    const s = await scenario();
    const result = await run(s.organiser, s.eventId);
    expect(result.__typename).toBe('MutationMatchEveryoneSuccess');
    const plan = result.data;
    expect(plan).toMatchObject({ requests: 8, cars: 3, peopleRequested: 10 });
    expect(plan.peopleMatched).toBeGreaterThan(0);
    expect(plan.proposalsCreated).toBe(plan.requestsMatched);
    expect(plan.proposals).toHaveLength(plan.requestsMatched);
    expect(plan.requestsMatched + plan.unmatched.length).toBe(8);
    // Bromley is out of every car's reach.
    expect(plan.unmatched.map((u: { id: string }) => u.id)).toContain(s.riders[7]!.requestId);

    // Every car's whole route is feasible: seats, access, the driver's limit.
    const offers = await api.prisma.liftOffer.findMany({ where: { eventId: uuidOf(s.eventId) } });
    const requests = await api.prisma.liftRequest.findMany({ where: { eventId: uuidOf(s.eventId) } });
    const venue = await api.prisma.event.findUniqueOrThrow({ where: { id: uuidOf(s.eventId) } });
    let people = 0;
    for (const offer of offers) {
      const mine = plan.proposals.filter((p: { offer: { id: string } }) => uuidOf(p.offer.id) === offer.id);
      const riders = mine.map((p: { request: { id: string } }) => requests.find((r) => r.id === uuidOf(p.request.id))!);
      const seats = riders.reduce((n: number, r: { seats: number }) => n + r.seats, 0);
      people += seats;
      expect(seats).toBeLessThanOrEqual(offer.seats);
      if (!offer.wheelchairAccessible) expect(riders.some((r: { needsWheelchair: boolean }) => r.needsWheelchair)).toBe(false);
      const route = routeDetour(
        { origin: { lat: offer.originLat, lng: offer.originLng } },
        riders.map((r: { originLat: number; originLng: number }) => ({ origin: { lat: r.originLat, lng: r.originLng } })),
        { lat: venue.exactLat, lng: venue.exactLng },
      );
      expect(route.detourKm).toBeLessThanOrEqual(offer.maxDetourKm + 1e-6);
    }
    expect(people).toBe(plan.peopleMatched);
    if (plan.greedyPeopleMatched !== null) expect(plan.peopleMatched).toBeGreaterThanOrEqual(plan.greedyPeopleMatched);

    // The rider sees the proposal waiting on the driver; the driver can accept it.
    const proposal = plan.proposals[0];
    const driver = s.drivers.find((d) => d.offerId === proposal.offer.id)!;
    const rider = s.riders.find((r) => r.requestId === proposal.request.id)!;
    const riderView = (await rider.client.gql(MINE, { id: s.eventId })).data.event.myLiftRequest;
    expect(riderView.matches).toEqual([
      expect.objectContaining({ id: proposal.id, status: 'PROPOSED', viewerSide: 'RIDER', viewerCanAccept: false }),
    ]);
    const driverView = (await driver.client.gql(MINE, { id: s.eventId })).data.event.myLiftOffer;
    expect(driverView.matches).toContainEqual(
      expect.objectContaining({ id: proposal.id, status: 'PROPOSED', viewerSide: 'DRIVER', viewerCanAccept: true }),
    );

    // Drivers accept every proposal, in any order: the plan's routes hold one rider at a time too.
    for (const p of [...plan.proposals].reverse()) {
      const d = s.drivers.find((x) => x.offerId === p.offer.id)!;
      expect((await d.client.gql(ACCEPT, { matchId: p.id })).data.acceptLift.__typename).toBe('MutationAcceptLiftSuccess');
    }
    const counts = (await s.organiser.gql(MINE, { id: s.eventId })).data.event;
    expect(counts.liftRequestsOpen).toBe(10 - plan.peopleMatched);
    expect(counts.liftSeatsAvailable).toBe(9 - plan.peopleMatched);
  });

  test('running again proposes nothing new; a declined pair is not proposed again', async () => {
    const s = await scenario();
    const first = (await run(s.organiser, s.eventId)).data;
    const again = (await run(s.organiser, s.eventId)).data;
    expect(again.proposalsCreated).toBe(0);
    expect(again.proposals.map((p: { id: string }) => p.id).sort()).toEqual(first.proposals.map((p: { id: string }) => p.id).sort());

    const declined = first.proposals[0];
    const driver = s.drivers.find((d) => d.offerId === declined.offer.id)!;
    expect((await driver.client.gql(DECLINE, { matchId: declined.id })).data.withdrawLift.__typename).toBe('MutationWithdrawLiftSuccess');
    const third = (await run(s.organiser, s.eventId)).data;
    const row = await api.prisma.liftMatch.findUniqueOrThrow({ where: { id: uuidOf(declined.id) } });
    expect(row.status).toBe('DECLINED');
    expect(third.proposals.map((p: { id: string }) => p.id)).not.toContain(declined.id);
    // The plan either routes that rider elsewhere or counts the pair as skipped.
    const stillPlanned = third.proposals.some((p: { request: { id: string } }) => p.request.id === declined.request.id);
    expect(stillPlanned || third.skippedDeclined === 1).toBe(true);
  });

  test('parallel runs by several organisers create each proposal once', async () => {
    const s = await scenario();
    const regional = await signedUp(api.url);
    await grantRole(api.prisma, regional.userId, 'ORGANISER', ['london']);
    const results = await Promise.all([s.organiser, regional, s.organiser, regional, s.organiser].map((c) => run(c, s.eventId)));
    for (const r of results) expect(r.__typename).toBe('MutationMatchEveryoneSuccess');
    expect(results.reduce((n, r) => n + r.data.proposalsCreated, 0)).toBe(results[0]!.data.requestsMatched);
    const rows = await api.prisma.liftMatch.count({ where: { offer: { eventId: uuidOf(s.eventId) } } });
    expect(rows).toBe(results[0]!.data.requestsMatched);
  });

  test('only the event organiser, its regional organisers and admins may run it; refusals change nothing', async () => {
    const s = await scenario();
    const stranger = await signedUp(api.url);
    const elsewhere = await signedUp(api.url);
    await grantRole(api.prisma, elsewhere.userId, 'ORGANISER', ['scotland']);
    const driver = s.drivers[0]!.client;
    for (const client of [stranger, elsewhere, driver]) {
      const r = await run(client, s.eventId);
      expect(r).toEqual({ __typename: 'ForbiddenError', message: "Only the event's organisers can match everyone" });
    }
    expect((await run(new Client(api.url), s.eventId)).__typename).toBe('AuthenticationError');
    expect(await api.prisma.liftMatch.count({ where: { offer: { eventId: uuidOf(s.eventId) } } })).toBe(0);

    const admin = await signedUp(api.url);
    await grantRole(api.prisma, admin.userId, 'ADMIN');
    expect((await run(admin, s.eventId)).__typename).toBe('MutationMatchEveryoneSuccess');
  });

  test('a cancelled event, or one with nobody asking, is handled plainly', async () => {
    const organiser = await signedUp(api.url);
    const event = await createEvent(organiser, { kind: 'CANVASS', title: 'Quiet canvass', postcode: 'NW4 4BT', location: VENUE });
    const empty = (await run(organiser, event.id)).data;
    expect(empty).toMatchObject({ requests: 0, peopleMatched: 0, proposals: [], unmatched: [] });
    await organiser.gql('mutation($id: ID!) { cancelEvent(id: $id) { __typename } }', { id: event.id });
    const r = await run(organiser, event.id);
    expect(r.__typename).toBe('ValidationError');
    expect(r.message).toMatch(/cancelled/);
  });
});

describe('match everyone and the waitlist', () => {
  const REQUEST_OR_WAIT = /* GraphQL */ `
    mutation RequestOrWait($eventId: ID!, $input: LiftRequestInput!) {
      requestLift(eventId: $eventId, input: $input, joinWaitlist: true) {
        __typename ... on MutationRequestLiftSuccess { data { id status } } ${ERR}
      }
    }
  `;
  const CANCEL_RSVP = /* GraphQL */ `mutation CancelRsvp($eventId: ID!) { cancelRsvp(eventId: $eventId) { __typename ${ERR} } }`;

  test('a rider only on the waitlist is left out of the plan (not even as unmatched) until promoted, then matched', async () => {
    const organiser = await signedUp(api.url);
    // Three places: the organiser's own, the driver's and one rider's.
    const event = await createEvent(organiser, { kind: 'CANVASS', title: 'Waitlist match', postcode: 'NW4 4BT', location: VENUE, capacity: 3 });
    const driver = await signedUp(api.url);
    const offer = await driver.gql(OFFER_LIFT, { eventId: event.id, input: { departAt: departureFor(event.startsAt), postcode: 'N3', seats: 3, maxDetourKm: 12 } });
    expect(offer.data.offerLift.__typename).toBe('MutationOfferLiftSuccess');
    const going = await signedUp(api.url);
    const placed = (await going.gql(REQUEST_OR_WAIT, { eventId: event.id, input: { seats: 1, postcode: 'N12' } })).data.requestLift.data;
    const waiter = await signedUp(api.url);
    const waiting = (await waiter.gql(REQUEST_OR_WAIT, { eventId: event.id, input: { seats: 1, postcode: 'N12' } })).data.requestLift.data;
    expect([placed.status, waiting.status]).toEqual(['OPEN', 'WAITING']);

    const first = (await run(organiser, event.id)).data;
    expect(first).toMatchObject({ requests: 1, requestsMatched: 1, unmatched: [] });
    expect(first.proposals.map((p: { request: { id: string } }) => p.request.id)).toEqual([placed.id]);

    // The place frees up: the waiting rider is promoted and the next run matches them.
    expect((await going.gql(CANCEL_RSVP, { eventId: event.id })).data.cancelRsvp.__typename).toBe('MutationCancelRsvpSuccess');
    const second = (await run(organiser, event.id)).data;
    expect(second).toMatchObject({ requests: 1, requestsMatched: 1, proposalsCreated: 1 });
    expect(second.proposals.map((p: { request: { id: string } }) => p.request.id)).toEqual([waiting.id]);
  });
});
