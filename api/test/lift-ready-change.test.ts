// A rider changes when they are ready and how far they can get to a hub: checked as a new request is, and against a
// lift already agreed, whose pickups move with it (never making the car late, never leaving a hub out of reach).
import { describe, expect, test } from 'vitest';
import { formatDayTime } from '@rallypoint/shared';
import { type Client, createEvent, eventInput, nearestOutcodeTo, OFFER_LIFT, REQUEST_LIFT, signedUp, useTestApi, uuidOf } from './helpers.ts';
import { waitForMail } from './mail-catcher.ts';

const api = useTestApi();

const ERR = '... on Error { __typename message } ... on ValidationError { fieldErrors { path message } }';
const ADD_HUB = /* GraphQL */ `
  mutation ReadyHub($eventId: ID!, $input: EventHubInput!) {
    addEventHub(eventId: $eventId, input: $input) { __typename ... on MutationAddEventHubSuccess { data { id name } } ${ERR} }
  }
`;
const PROPOSE = /* GraphQL */ `
  mutation ReadyPropose($offerId: ID!, $requestId: ID!) {
    proposeLift(offerId: $offerId, requestId: $requestId) { __typename ... on MutationProposeLiftSuccess { data { id } } ${ERR} }
  }
`;
const ACCEPT = /* GraphQL */ `
  mutation ReadyAccept($matchId: ID!) {
    acceptLift(matchId: $matchId) { __typename ... on MutationAcceptLiftSuccess { data { status pickupAt pickupHub { name } } } ${ERR} }
  }
`;
const PROPOSE_BACK = /* GraphQL */ `
  mutation ReadyProposeBack($offerId: ID!, $requestId: ID!) {
    proposeLift(offerId: $offerId, requestId: $requestId, leg: RETURN) { __typename ... on MutationProposeLiftSuccess { data { id } } ${ERR} }
  }
`;
const UPDATE_EVENT = /* GraphQL */ `
  mutation ReadyUpdate($id: ID!, $input: EventInput!) { updateEvent(id: $id, input: $input) { __typename ${ERR} } }
`;
const TIMES = /* GraphQL */ `
  mutation ReadyTimes($id: ID!, $readyFrom: DateTime, $hubReachKm: Float) {
    setLiftRequestTimes(id: $id, readyFrom: $readyFrom, hubReachKm: $hubReachKm) {
      __typename
      ... on MutationSetLiftRequestTimesSuccess { data { id readyFrom hubReachKm } }
      ${ERR}
    }
  }
`;

const VENUE = { lat: 51.508, lng: -0.1281 };
const MIN = 60_000;

const EVENT = { kind: 'CANVASS', title: 'Ready-time canvass', location: VENUE };

async function event(organiser: Client) {
  const e = await createEvent(organiser, EVENT);
  const startMs = Date.parse(e.startsAt);
  return {
    id: e.id as string,
    startMs,
    endMs: Date.parse(e.endsAt),
    at: (minutesBefore: number) => new Date(startMs - minutesBefore * MIN).toISOString(),
  };
}

async function ask(eventId: string, input: Record<string, unknown>): Promise<{ client: Client & { email: string }; requestId: string }> {
  const client = await signedUp(api.url);
  const res = (await client.gql(REQUEST_LIFT, { eventId, input: { seats: 1, ...input } })).data.requestLift;
  expect(res.__typename, JSON.stringify(res)).toBe('MutationRequestLiftSuccess');
  return { client, requestId: res.data.id };
}

async function agree(driver: Client, rider: Client, offerId: string, requestId: string) {
  const proposed = (await rider.gql(PROPOSE, { offerId, requestId })).data.proposeLift;
  expect(proposed.__typename, JSON.stringify(proposed)).toBe('MutationProposeLiftSuccess');
  const accepted = (await driver.gql(ACCEPT, { matchId: proposed.data.id })).data.acceptLift;
  expect(accepted.data?.status, JSON.stringify(accepted)).toBe('ACCEPTED');
  return accepted.data as { pickupAt: string; pickupHub: { name: string } | null };
}

/** What a refused change must leave as it was. */
async function snapshot(eventId: string) {
  const id = uuidOf(eventId);
  const [requests, matches] = await Promise.all([
    api.prisma.liftRequest.findMany({ where: { eventId: id }, orderBy: { id: 'asc' } }),
    api.prisma.liftMatch.findMany({ where: { offer: { eventId: id } }, orderBy: { id: 'asc' } }),
  ]);
  return { requests, matches };
}

const pickupOf = async (requestId: string) =>
  (await api.prisma.liftMatch.findFirstOrThrow({ where: { requestId: uuidOf(requestId), status: 'ACCEPTED' } })).pickupAt!.getTime();

describe('a rider changes when they are ready', () => {
  test('an agreed pickup moves with it and the driver hears; a time that would make the car late is refused with the latest that works', async () => {
    const e = await event(await signedUp(api.url));
    const driver = await signedUp(api.url);
    // The driver leaves North Finchley, where the first rider lives: they are always picked up first.
    const offered = (await driver.gql(OFFER_LIFT, { eventId: e.id, input: { postcode: 'N12', departAt: e.at(90), seats: 3, maxDetourKm: 15 } })).data.offerLift;
    expect(offered.__typename, JSON.stringify(offered)).toBe('MutationOfferLiftSuccess');
    const offerId = offered.data.id as string;
    const a = await ask(e.id, { postcode: 'N12', readyFrom: e.at(85) });
    const first = await agree(driver, a.client, offerId, a.requestId);
    expect(Date.parse(first.pickupAt)).toBeGreaterThanOrEqual(Date.parse(e.at(85)));

    const times = async (who: Client, vars: Record<string, unknown>) => (await who.gql(TIMES, { id: a.requestId, ...vars })).data.setLiftRequestTimes;
    const before = await snapshot(e.id);
    // Only the rider; the event's rules, as for a new request.
    expect((await times(driver, { readyFrom: e.at(60) })).__typename).toBe('NotFoundError');
    expect((await times(a.client, { readyFrom: e.at(0) })).fieldErrors).toEqual([{ path: ['readyFrom'], message: 'Ready from must be before the event starts' }]);
    expect((await times(a.client, { hubReachKm: 3 })).fieldErrors).toEqual([{ path: ['hubReachKm'], message: 'This event has no pickup hubs yet' }]);
    // Two minutes before the start: the car, waiting for them, would arrive late. The answer names the latest that works.
    const late = (await times(a.client, { readyFrom: e.at(2) })).fieldErrors;
    expect(late).toHaveLength(1);
    const by = /^Your driver would reach the event after it starts if they waited for you: be ready by (.+)$/.exec(late[0].message);
    expect(by, late[0].message).not.toBeNull();
    expect(await snapshot(e.id)).toEqual(before);

    // Ready 40 minutes before: the pickup moves to then, and the driver is told.
    const moved = await times(a.client, { readyFrom: e.at(40) });
    expect(moved.data, JSON.stringify(moved)).toMatchObject({ readyFrom: e.at(40), hubReachKm: null });
    expect(await pickupOf(a.requestId)).toBe(Date.parse(e.at(40)));
    const mail = await waitForMail(driver.email, { test: (m) => /changed when they are ready/.test(m.subject ?? '') });
    expect(mail.text).toContain(`ready from ${formatDayTime(e.at(40))}: pick them up about ${formatDayTime(e.at(40))}`);

    // A second rider picked up after the first: the wait moves their pickup too, and they hear why.
    const b = await ask(e.id, { postcode: 'N3' });
    await agree(driver, b.client, offerId, b.requestId);
    const bBefore = await pickupOf(b.requestId);
    expect(bBefore).toBeGreaterThan(Date.parse(e.at(40)));
    expect((await times(a.client, { readyFrom: e.at(35) })).__typename).toBe('MutationSetLiftRequestTimesSuccess');
    expect(await pickupOf(b.requestId)).toBe(bBefore + 5 * MIN);
    const told = await waitForMail(b.client.email, { test: (m) => /New pickup time/.test(m.subject ?? '') });
    expect(told.text).toContain(`Another rider in`);
    expect(told.text).toContain(`pick you up about ${formatDayTime(new Date(bBefore + 5 * MIN))}`);

    // No time at all: picked up as the route runs again, before 85 minutes ahead of the start.
    const cleared = await times(a.client, { readyFrom: null });
    expect(cleared.data.readyFrom, JSON.stringify(cleared)).toBeNull();
    expect(await pickupOf(a.requestId)).toBeLessThan(Date.parse(e.at(40)));
  });

  test('the latest time it names is one that works', async () => {
    const e = await event(await signedUp(api.url));
    const driver = await signedUp(api.url);
    const offered = (await driver.gql(OFFER_LIFT, { eventId: e.id, input: { postcode: 'N3', departAt: e.at(60), seats: 2, maxDetourKm: 15 } })).data.offerLift;
    const a = await ask(e.id, { postcode: 'N12' });
    await agree(driver, a.client, offered.data.id, a.requestId);
    const late = (await a.client.gql(TIMES, { id: a.requestId, readyFrom: e.at(1) })).data.setLiftRequestTimes.fieldErrors;
    const byText = /be ready by (.+)$/.exec(late[0].message)![1]!;
    // The named minute, found among the minutes before the start (formatted as the message formats them).
    const minutes = Array.from({ length: 60 }, (_, k) => e.startMs - (k + 1) * MIN).filter((t) => formatDayTime(new Date(t)) === byText);
    expect(minutes).toHaveLength(1);
    const ok = (await a.client.gql(TIMES, { id: a.requestId, readyFrom: new Date(minutes[0]!).toISOString() })).data.setLiftRequestTimes;
    expect(ok.__typename, JSON.stringify(ok)).toBe('MutationSetLiftRequestTimesSuccess');
    const over = (await a.client.gql(TIMES, { id: a.requestId, readyFrom: new Date(minutes[0]! + MIN).toISOString() })).data.setLiftRequestTimes;
    expect(over.fieldErrors?.[0]?.message).toBe(late[0].message);
  });
});

describe('a rider joining an agreed car', () => {
  test('moves the pickups after theirs (the car waits for them), and the riders moved hear', async () => {
    const e = await event(await signedUp(api.url));
    const driver = await signedUp(api.url);
    const offered = (await driver.gql(OFFER_LIFT, { eventId: e.id, input: { postcode: 'N20', departAt: e.at(90), seats: 3, maxDetourKm: 15 } })).data.offerLift;
    expect(offered.__typename, JSON.stringify(offered)).toBe('MutationOfferLiftSuccess');
    const b = await ask(e.id, { postcode: 'N3' });
    await agree(driver, b.client, offered.data.id, b.requestId);
    const bBefore = await pickupOf(b.requestId);
    // On the way, but ready only 60 minutes before the start: the car waits for them, then goes on to N3.
    const a = await ask(e.id, { postcode: 'N12', readyFrom: e.at(60) });
    const joined = await agree(driver, a.client, offered.data.id, a.requestId);
    expect(joined.pickupAt).toBe(e.at(60));
    const bAfter = await pickupOf(b.requestId);
    expect(bAfter).toBeGreaterThan(Date.parse(e.at(60)));
    expect(bAfter - bBefore).toBeGreaterThanOrEqual(MIN);
    const told = await waitForMail(b.client.email, { test: (m) => /New pickup time/.test(m.subject ?? '') });
    expect(told.text).toContain(`now picks up another rider too, so they will pick you up about ${formatDayTime(new Date(bAfter))}`);
  });
});

describe('a car already late', () => {
  test('(the event moved earlier) takes a change that makes it no later, and refuses one that makes it later still', async () => {
    const organiser = await signedUp(api.url);
    const e = await event(organiser);
    const driver = await signedUp(api.url);
    const offered = (await driver.gql(OFFER_LIFT, { eventId: e.id, input: { postcode: 'N12', departAt: e.at(90), seats: 3, maxDetourKm: 15 } })).data.offerLift;
    const a = await ask(e.id, { postcode: 'N12', readyFrom: e.at(60) });
    await agree(driver, a.client, offered.data.id, a.requestId);
    // The start moves 80 minutes earlier: the car leaves 10 minutes before it, and its rider is ready 20 minutes after.
    const moved = await organiser.gql(UPDATE_EVENT, {
      id: e.id,
      input: eventInput({ ...EVENT, postcode: nearestOutcodeTo(VENUE), startsAt: e.at(80), endsAt: new Date(e.endMs - 80 * MIN).toISOString() }),
    });
    expect(moved.data.updateEvent.__typename, JSON.stringify(moved)).toBe('MutationUpdateEventSuccess');
    const times = async (vars: Record<string, unknown>) => (await a.client.gql(TIMES, { id: a.requestId, ...vars })).data.setLiftRequestTimes;
    // Any time now: the car is still late (the driver is told to leave earlier), but earlier than it was.
    const sooner = await times({ readyFrom: null });
    expect(sooner.__typename, JSON.stringify(sooner)).toBe('MutationSetLiftRequestTimesSuccess');
    const before = await snapshot(e.id);
    const later = (await times({ readyFrom: e.at(82) })).fieldErrors;
    expect(later).toEqual([{ path: ['readyFrom'], message: 'Your driver would reach the event after it starts: keep a ready time no later than before, or call off the lift' }]);
    expect(await snapshot(e.id)).toEqual(before);
  });
});

describe('a proposal waiting for an answer', () => {
  test('gets the pickup its car would now plan, and keeps its place in the e-mail queue', async () => {
    const e = await event(await signedUp(api.url));
    const driver = await signedUp(api.url);
    const offered = (await driver.gql(OFFER_LIFT, { eventId: e.id, input: { postcode: 'N12', departAt: e.at(90), seats: 3, maxDetourKm: 15 } })).data.offerLift;
    const a = await ask(e.id, { postcode: 'N12' });
    const proposed = (await a.client.gql(PROPOSE, { offerId: offered.data.id, requestId: a.requestId })).data.proposeLift;
    expect(proposed.__typename, JSON.stringify(proposed)).toBe('MutationProposeLiftSuccess');
    const before = await api.prisma.liftMatch.findUniqueOrThrow({ where: { id: uuidOf(proposed.data.id) } });
    expect(before.pickupAt!.getTime()).toBeLessThan(Date.parse(e.at(50)));
    const changed = (await a.client.gql(TIMES, { id: a.requestId, readyFrom: e.at(50) })).data.setLiftRequestTimes;
    expect(changed.__typename, JSON.stringify(changed)).toBe('MutationSetLiftRequestTimesSuccess');
    const after = await api.prisma.liftMatch.findUniqueOrThrow({ where: { id: before.id } });
    expect(after.pickupAt!.toISOString()).toBe(e.at(50));
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(after.status).toBe('PROPOSED');
    // Accepting plans it again, with the new time.
    const accepted = (await driver.gql(ACCEPT, { matchId: proposed.data.id })).data.acceptLift;
    expect(accepted.data.pickupAt).toBe(e.at(50));
  });
});

describe('a rider changes how far they can get to a hub', () => {
  test('an agreed hub pickup must stay in reach; an open request takes any distance', async () => {
    const organiser = await signedUp(api.url);
    const e = await event(organiser);
    const hub = (await organiser.gql(ADD_HUB, { eventId: e.id, input: { name: 'Finchley Central', postcode: 'N3' } })).data.addEventHub;
    expect(hub.__typename, JSON.stringify(hub)).toBe('MutationAddEventHubSuccess');
    const coach = (await organiser.gql(OFFER_LIFT, {
      eventId: e.id,
      input: { postcode: 'N12', departAt: e.at(120), vehicle: 'COACH', seats: 50, maxDetourKm: 30, returnTrip: true, returnDepartAt: new Date(e.endMs + 15 * MIN).toISOString() },
    })).data.offerLift;
    expect(coach.__typename, JSON.stringify(coach)).toBe('MutationOfferLiftSuccess');
    const a = await ask(e.id, { postcode: 'NW11', hubReachKm: 5 });
    const agreed = await agree(organiser, a.client, coach.data.id, a.requestId);
    expect(agreed.pickupHub?.name).toBe('Finchley Central');

    const times = async (vars: Record<string, unknown>) => (await a.client.gql(TIMES, { id: a.requestId, ...vars })).data.setLiftRequestTimes;
    const before = await snapshot(e.id);
    for (const hubReachKm of [0.2, null]) {
      const refused = (await times({ hubReachKm })).fieldErrors;
      expect(refused).toHaveLength(1);
      expect(refused[0].message).toMatch(/^Your lift picks you up at Finchley Central, [\d.]+ km from you: keep at least that, or call off the lift first$/);
    }
    expect((await times({ hubReachKm: 0 })).fieldErrors).toEqual([{ path: ['hubReachKm'], message: 'Distance to a hub must be more than 0 km' }]);
    expect(await snapshot(e.id)).toEqual(before);
    const wider = await times({ hubReachKm: 8 });
    expect(wider.data, JSON.stringify(wider)).toMatchObject({ hubReachKm: 8, readyFrom: null });

    // Dropped at the hub on the way back only: the same rule, said of the lift back.
    const c = await ask(e.id, { postcode: 'NW11', hubReachKm: 5, returnTrip: true });
    const back = (await c.client.gql(PROPOSE_BACK, { offerId: coach.data.id, requestId: c.requestId })).data.proposeLift;
    expect(back.__typename, JSON.stringify(back)).toBe('MutationProposeLiftSuccess');
    expect((await organiser.gql(ACCEPT, { matchId: back.data.id })).data.acceptLift.data).toMatchObject({ status: 'ACCEPTED', pickupHub: { name: 'Finchley Central' } });
    const backRefused = (await c.client.gql(TIMES, { id: c.requestId, hubReachKm: 0.2 })).data.setLiftRequestTimes.fieldErrors;
    expect(backRefused[0].message).toMatch(/^Your lift back drops you at Finchley Central, [\d.]+ km from you: keep at least that, or call off the lift first$/);
    // The distance it names is accepted (rounded up, never down).
    const named = Number(/, ([\d.]+) km from you/.exec(backRefused[0].message)![1]);
    expect((await c.client.gql(TIMES, { id: c.requestId, hubReachKm: named })).data.setLiftRequestTimes.__typename).toBe('MutationSetLiftRequestTimesSuccess');

    // Without an agreed lift, any distance (or none) goes.
    const b = await ask(e.id, { postcode: 'E20', hubReachKm: 3 });
    const open = (await b.client.gql(TIMES, { id: b.requestId, hubReachKm: null })).data.setLiftRequestTimes;
    expect(open.data, JSON.stringify(open)).toMatchObject({ hubReachKm: null });
  });
});
