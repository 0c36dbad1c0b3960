import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningApi } from '../src/server.ts';
import { Client, createEvent, manyMembers, signedUp, startTestApi } from './helpers.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const RSVP = /* GraphQL */ `
  mutation Rsvp($eventId: ID!, $guests: Int) {
    rsvp(eventId: $eventId, guests: $guests) {
      __typename
      ... on MutationRsvpSuccess { data { id status guests waitlistPosition createdAt } }
      ... on Error { message }
    }
  }
`;
const CANCEL = /* GraphQL */ `
  mutation Cancel($eventId: ID!) {
    cancelRsvp(eventId: $eventId) {
      __typename
      ... on MutationCancelRsvpSuccess { data { id status } }
      ... on Error { message }
    }
  }
`;
const EVENT = /* GraphQL */ `
  query E($id: ID!) { event(id: $id) { goingCount placesLeft waitlistCount myRsvp { status waitlistPosition } } }
`;

// The test is about RSVPs: members are made directly (sign-up has its own tests).
const members = (n: number): Promise<Client[]> => manyMembers(api, n);

describe('capacity and waitlist under concurrency', () => {
  test('200 parallel RSVPs for 20 places: exactly 20 GOING and 180 WAITLISTED in arrival order', async () => {
    const organiser = await signedUp(api.url);
    const event = await createEvent(organiser, { capacity: 20, title: 'Tiny hall meeting' });
    const crowd = await members(200);

    const results = await Promise.all(crowd.map((c) => c.gql(RSVP, { eventId: event.id })));
    for (const r of results) expect(r.data?.rsvp.__typename).toBe('MutationRsvpSuccess');
    const rsvps = results.map((r) => r.data!.rsvp.data);
    const going = rsvps.filter((r) => r.status === 'GOING');
    const waitlisted = rsvps.filter((r) => r.status === 'WAITLISTED');
    expect(going).toHaveLength(20);
    expect(waitlisted).toHaveLength(180);

    // Arrival order = the order the event lock granted: every GOING arrived before every WAITLISTED,
    // and waitlist positions are exactly 1..180 following arrival.
    const rows = await api.prisma.rsvp.findMany({ where: { event: { id: { not: undefined } }, id: { in: rsvps.map((r) => idOfRsvp(r.id)) } }, orderBy: { seq: 'asc' } });
    expect(rows.slice(0, 20).every((r) => r.status === 'GOING')).toBe(true);
    expect(rows.slice(20).every((r) => r.status === 'WAITLISTED')).toBe(true);
    const positions = waitlisted.map((r) => r.waitlistPosition).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));

    const after = await organiser.gql(EVENT, { id: event.id });
    expect(after.data.event).toMatchObject({ goingCount: 20, placesLeft: 0, waitlistCount: 180 });
  });

  test('a cancellation promotes the head of the waitlist', async () => {
    const organiser = await signedUp(api.url);
    const event = await createEvent(organiser, { capacity: 2 });
    const [a, b, c, d] = await members(4);
    for (const m of [a!, b!, c!, d!]) await m.gql(RSVP, { eventId: event.id });
    expect((await c!.gql(EVENT, { id: event.id })).data.event.myRsvp).toEqual({ status: 'WAITLISTED', waitlistPosition: 1 });
    expect((await d!.gql(EVENT, { id: event.id })).data.event.myRsvp).toEqual({ status: 'WAITLISTED', waitlistPosition: 2 });

    const cancelled = await a!.gql(CANCEL, { eventId: event.id });
    expect(cancelled.data.cancelRsvp.data.status).toBe('CANCELLED');
    expect((await c!.gql(EVENT, { id: event.id })).data.event.myRsvp).toEqual({ status: 'GOING', waitlistPosition: null });
    expect((await d!.gql(EVENT, { id: event.id })).data.event.myRsvp).toEqual({ status: 'WAITLISTED', waitlistPosition: 1 });
    expect((await d!.gql(EVENT, { id: event.id })).data.event).toMatchObject({ goingCount: 2, waitlistCount: 1 });
  });

  test('guests take places; a party that does not fit waits and is never split', async () => {
    const organiser = await signedUp(api.url);
    const event = await createEvent(organiser, { capacity: 5 });
    const [a, b, c] = await members(3);
    expect((await a!.gql(RSVP, { eventId: event.id, guests: 2 })).data.rsvp.data.status).toBe('GOING');
    expect((await b!.gql(RSVP, { eventId: event.id, guests: 2 })).data.rsvp.data.status).toBe('WAITLISTED');
    expect((await c!.gql(RSVP, { eventId: event.id, guests: 1 })).data.rsvp.data.status).toBe('GOING');
    expect((await organiser.gql(EVENT, { id: event.id })).data.event).toMatchObject({ goingCount: 5, placesLeft: 0 });
    // c leaves: 2 places free, b's party of 3 still does not fit and stays at the head.
    await c!.gql(CANCEL, { eventId: event.id });
    expect((await b!.gql(EVENT, { id: event.id })).data.event.myRsvp.status).toBe('WAITLISTED');
    // a brings one guest fewer: now 3 free, b's party moves up whole.
    await a!.gql(RSVP, { eventId: event.id, guests: 1 });
    expect((await b!.gql(EVENT, { id: event.id })).data.event.myRsvp.status).toBe('GOING');
    expect((await organiser.gql(EVENT, { id: event.id })).data.event).toMatchObject({ goingCount: 5 });
  });

  test('RSVP errors are clear and change nothing', async () => {
    const organiser = await signedUp(api.url);
    const event = await createEvent(organiser, { capacity: 3 });
    const draft = await createEvent(organiser, {}, false);
    const member = (await members(1))[0]!;
    const anonymous = new Client(api.url);
    // This member's only: other files book on the same database at the same time.
    const { email } = member as Client & { email: string };
    const mine = () => api.prisma.rsvp.count({ where: { user: { email } } });
    const before = await mine();
    expect((await anonymous.gql(RSVP, { eventId: event.id })).data.rsvp).toMatchObject({ __typename: 'AuthenticationError' });
    expect((await member.gql(RSVP, { eventId: event.id, guests: 3 })).data.rsvp.__typename).toBe('ValidationError');
    expect((await member.gql(RSVP, { eventId: event.id, guests: -1 })).data.rsvp.__typename).toBe('ValidationError');
    expect((await member.gql(RSVP, { eventId: draft.id })).data.rsvp.__typename).toBe('NotFoundError');
    expect((await member.gql(RSVP, { eventId: 'not-an-id' })).data.rsvp.__typename).toBe('NotFoundError');
    expect((await member.gql(CANCEL, { eventId: event.id })).data.cancelRsvp.__typename).toBe('NotFoundError');
    expect(await mine()).toBe(before);
  });
});

function idOfRsvp(globalId: string): string {
  return Buffer.from(globalId, 'base64').toString('utf8').split(':').slice(1).join(':');
}
