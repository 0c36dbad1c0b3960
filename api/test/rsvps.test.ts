import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningApi } from '../src/server.ts';
import { Client, createEvent, eventInput, manyMembers, queuedMails, signedUp, startTestApi, uuidOf } from './helpers.ts';

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
  test('200 parallel RSVPs for 20 places, one of them the organiser\'s own: exactly 19 GOING and 181 WAITLISTED in arrival order', async () => {
    const organiser = await signedUp(api.url);
    const event = await createEvent(organiser, { capacity: 20, title: 'Tiny hall meeting' });
    const crowd = await members(200);

    const results = await Promise.all(crowd.map((c) => c.gql(RSVP, { eventId: event.id })));
    for (const r of results) expect(r.data?.rsvp.__typename).toBe('MutationRsvpSuccess');
    const rsvps = results.map((r) => r.data!.rsvp.data);
    const going = rsvps.filter((r) => r.status === 'GOING');
    const waitlisted = rsvps.filter((r) => r.status === 'WAITLISTED');
    expect(going).toHaveLength(19);
    expect(waitlisted).toHaveLength(181);

    // Arrival order = the order the event lock granted: every GOING arrived before every WAITLISTED,
    // and waitlist positions are exactly 1..180 following arrival.
    const rows = await api.prisma.rsvp.findMany({ where: { event: { id: { not: undefined } }, id: { in: rsvps.map((r) => idOfRsvp(r.id)) } }, orderBy: { seq: 'asc' } });
    expect(rows.slice(0, 19).every((r) => r.status === 'GOING')).toBe(true);
    expect(rows.slice(19).every((r) => r.status === 'WAITLISTED')).toBe(true);
    const positions = waitlisted.map((r) => r.waitlistPosition).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 181 }, (_, i) => i + 1));

    const after = await organiser.gql(EVENT, { id: event.id });
    expect(after.data.event).toMatchObject({ goingCount: 20, placesLeft: 0, waitlistCount: 181 });
  });

  test('a cancellation promotes the head of the waitlist', async () => {
    const organiser = await signedUp(api.url);
    // Three places: the organiser's, a's and b's.
    const event = await createEvent(organiser, { capacity: 3 });
    const [a, b, c, d] = await members(4);
    for (const m of [a!, b!, c!, d!]) await m.gql(RSVP, { eventId: event.id });
    expect((await c!.gql(EVENT, { id: event.id })).data.event.myRsvp).toEqual({ status: 'WAITLISTED', waitlistPosition: 1 });
    expect((await d!.gql(EVENT, { id: event.id })).data.event.myRsvp).toEqual({ status: 'WAITLISTED', waitlistPosition: 2 });

    const cancelled = await a!.gql(CANCEL, { eventId: event.id });
    expect(cancelled.data.cancelRsvp.data.status).toBe('CANCELLED');
    expect((await c!.gql(EVENT, { id: event.id })).data.event.myRsvp).toEqual({ status: 'GOING', waitlistPosition: null });
    expect((await d!.gql(EVENT, { id: event.id })).data.event.myRsvp).toEqual({ status: 'WAITLISTED', waitlistPosition: 1 });
    expect((await d!.gql(EVENT, { id: event.id })).data.event).toMatchObject({ goingCount: 3, waitlistCount: 1 });
  });

  test('guests take places; a party that does not fit waits and is never split', async () => {
    const organiser = await signedUp(api.url);
    // Six places, one the organiser's: five for the parties.
    const event = await createEvent(organiser, { capacity: 6 });
    const [a, b, c] = await members(3);
    expect((await a!.gql(RSVP, { eventId: event.id, guests: 2 })).data.rsvp.data.status).toBe('GOING');
    expect((await b!.gql(RSVP, { eventId: event.id, guests: 2 })).data.rsvp.data.status).toBe('WAITLISTED');
    expect((await c!.gql(RSVP, { eventId: event.id, guests: 1 })).data.rsvp.data.status).toBe('GOING');
    expect((await organiser.gql(EVENT, { id: event.id })).data.event).toMatchObject({ goingCount: 6, placesLeft: 0 });
    // c leaves: 2 places free, b's party of 3 still does not fit and stays at the head.
    await c!.gql(CANCEL, { eventId: event.id });
    expect((await b!.gql(EVENT, { id: event.id })).data.event.myRsvp.status).toBe('WAITLISTED');
    // a brings one guest fewer: now 3 free, b's party moves up whole.
    await a!.gql(RSVP, { eventId: event.id, guests: 1 });
    expect((await b!.gql(EVENT, { id: event.id })).data.event.myRsvp.status).toBe('GOING');
    expect((await organiser.gql(EVENT, { id: event.id })).data.event).toMatchObject({ goingCount: 6 });
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

describe('the creator of an event is going to it', () => {
  const sentOrQueued = async (key: string) =>
    (await api.prisma.mailLog.count({ where: { key: { startsWith: key } } })) + (await queuedMails(api.prisma, 'key', `${key}%`));

  test('created: one going, counted against the capacity, with no confirmation e-mail; they can still cancel', async () => {
    const organiser = await signedUp(api.url);
    const event = await createEvent(organiser, { capacity: 2 });
    expect(event).toMatchObject({ goingCount: 1, placesLeft: 1, waitlistCount: 0, myRsvp: { status: 'GOING', guests: 0, waitlistPosition: null } });
    const own = await api.prisma.rsvp.findMany({ where: { eventId: uuidOf(event.id) } });
    expect(own.map((r) => r.status)).toEqual(['GOING']);

    // One place left: the first member takes it, the second waits.
    const [a, b] = await members(2);
    expect((await a!.gql(RSVP, { eventId: event.id })).data.rsvp.data.status).toBe('GOING');
    expect((await b!.gql(RSVP, { eventId: event.id })).data.rsvp.data.status).toBe('WAITLISTED');
    // The member's confirmation goes out; the creator's never existed.
    const memberRsvp = await api.prisma.rsvp.findFirstOrThrow({ where: { eventId: uuidOf(event.id), status: 'GOING', NOT: { id: own[0]!.id } } });
    await expect.poll(() => sentOrQueued(`rsvp-confirmed:${memberRsvp.id}:`)).toBe(1);
    expect(await sentOrQueued(`rsvp-confirmed:${own[0]!.id}:`)).toBe(0);

    // The creator cancels: their place goes to the head of the waitlist.
    expect((await organiser.gql(CANCEL, { eventId: event.id })).data.cancelRsvp.data.status).toBe('CANCELLED');
    expect((await organiser.gql(EVENT, { id: event.id })).data.event).toMatchObject({ goingCount: 2, waitlistCount: 0, myRsvp: { status: 'CANCELLED' } });
    expect((await b!.gql(EVENT, { id: event.id })).data.event.myRsvp.status).toBe('GOING');
    // And can come back, like anyone: the event is full now, so they wait.
    expect((await organiser.gql(RSVP, { eventId: event.id })).data.rsvp.data.status).toBe('WAITLISTED');
  });

  test('capacity 1: the creator fills it; drafts and every date of a series count them too', async () => {
    const organiser = await signedUp(api.url);
    const single = await createEvent(organiser, { capacity: 1 });
    expect(single).toMatchObject({ goingCount: 1, placesLeft: 0 });
    const [m] = await members(1);
    expect((await m!.gql(RSVP, { eventId: single.id })).data.rsvp.data.status).toBe('WAITLISTED');

    const draft = await createEvent(organiser, {}, false);
    expect(draft).toMatchObject({ status: 'DRAFT', goingCount: 1, myRsvp: { status: 'GOING' } });

    const series = await createEvent(organiser, { repeat: 'FREQ=DAILY;COUNT=3' });
    const dates = await api.prisma.event.findMany({ where: { series: { events: { some: { id: uuidOf(series.id) } } } }, include: { rsvps: true } });
    expect(dates).toHaveLength(3);
    for (const d of dates) {
      expect(d.goingCount).toBe(1);
      expect(d.rsvps.map((r) => [r.status, r.shiftId])).toEqual([['GOING', null]]);
    }
  });

  test('with shifts the creator hosts and books none; adding shifts later drops their own place', async () => {
    const organiser = await signedUp(api.url);
    const base = eventInput();
    const at = (h: number) => new Date(Date.parse(base.startsAt) + h * 3_600_000).toISOString();
    const shifts = [{ startsAt: at(0), endsAt: at(1), capacity: 3 }, { startsAt: at(1), endsAt: at(2), capacity: 3 }];
    const withShifts = await createEvent(organiser, { shifts });
    expect(withShifts).toMatchObject({ goingCount: 0, capacity: 6, myRsvp: null });
    expect(await api.prisma.rsvp.count({ where: { eventId: uuidOf(withShifts.id) } })).toBe(0);

    const plain = await createEvent(organiser, { capacity: 10 });
    expect(plain.goingCount).toBe(1);
    const updated = await organiser.gql(
      `mutation ($id: ID!, $input: EventInput!) { updateEvent(id: $id, input: $input) { __typename ... on MutationUpdateEventSuccess { data { goingCount capacity myRsvp { status } } } ... on Error { message } } }`,
      { id: plain.id, input: { ...base, shifts } },
    );
    expect(updated.data.updateEvent).toMatchObject({ __typename: 'MutationUpdateEventSuccess', data: { goingCount: 0, capacity: 6, myRsvp: null } });
    expect(await api.prisma.rsvp.count({ where: { eventId: uuidOf(plain.id) } })).toBe(0);
  });
  test('cancelling their own event: the people booked are told, the organiser (going too) is not', async () => {
    const organiser = await signedUp(api.url);
    const event = await createEvent(organiser, {});
    const [m] = (await members(1)) as (Client & { userId: string })[];
    expect((await m!.gql(RSVP, { eventId: event.id })).data.rsvp.data.status).toBe('GOING');
    const cancelled = await organiser.gql(`mutation ($id: ID!) { cancelEvent(id: $id) { __typename } }`, { id: event.id });
    expect(cancelled.data.cancelEvent.__typename).toBe('MutationCancelEventSuccess');
    const prefix = `event-cancelled:${uuidOf(event.id)}:`;
    await expect.poll(() => sentOrQueued(`${prefix}${uuidOf(m!.userId)}`)).toBe(1);
    const organiserId = (await api.prisma.event.findUniqueOrThrow({ where: { id: uuidOf(event.id) } })).organiserId;
    expect(await sentOrQueued(`${prefix}${organiserId}`)).toBe(0);
  });
});
