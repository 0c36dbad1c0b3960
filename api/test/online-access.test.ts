/** Online events (join link privacy, https only, their own discovery) and venue access, lift-seat and full filters. */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { digestFor } from '../src/digest/service.ts';
import type { RunningApi } from '../src/server.ts';
import { Client, CREATE_EVENT, createEvent, departureFor, eventInput, type GqlResponse, grantRole, signedUp, startTestApi, uniqueTag, uuidOf } from './helpers.ts';
import { waitForMail } from './mail-catcher.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const REGION = 'yorkshire-and-the-humber';
const JOIN = 'https://meet.example.org/phone-bank-123';

const EVENT = /* GraphQL */ `
  query E($id: ID!) {
    event(id: $id) { id online joinUrl hasJoinUrl address postcode venueName region { id } stepFree accessibleToilet hearingLoop quietSpace }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation U($id: ID!, $input: EventInput!) {
    updateEvent(id: $id, input: $input) {
      __typename
      ... on MutationUpdateEventSuccess { data { id joinUrl } }
      ... on ValidationError { fieldErrors { path message } }
      ... on Error { message }
    }
  }
`;
const RSVP = /* GraphQL */ `
  mutation R($eventId: ID!) { rsvp(eventId: $eventId) { __typename ... on MutationRsvpSuccess { data { status } } ... on Error { message } } }
`;
const ONLINE = /* GraphQL */ `
  query O($input: OnlineEventsInput!, $first: Int, $after: String) {
    onlineEvents(input: $input, first: $first, after: $after) {
      __typename
      ... on OnlineEventsConnection { edges { node { id title online joinUrl } } pageInfo { hasNextPage endCursor } }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const NEAR = /* GraphQL */ `
  query N($input: EventsNearInput!) {
    eventsNear(input: $input, first: 100) {
      __typename
      ... on EventsNearConnection { edges { node { id title } } }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const IN_BOX = /* GraphQL */ `
  query B($box: BoundingBoxInput!, $access: [VenueAccess!], $hasLiftSeats: Boolean, $hideFull: Boolean) {
    eventsInBox(box: $box, access: $access, hasLiftSeats: $hasLiftSeats, hideFull: $hideFull) {
      __typename ... on QueryEventsInBoxSuccess { data { id title } }
    }
  }
`;
const OFFER = /* GraphQL */ `
  mutation Offer($eventId: ID!, $input: LiftOfferInput!) {
    offerLift(eventId: $eventId, input: $input) {
      __typename ... on MutationOfferLiftSuccess { data { id } } ... on ValidationError { fieldErrors { path message } } ... on Error { message }
    }
  }
`;
const FEED_URL = /* GraphQL */ 'query { me { calendarFeedUrl } }';

const online = (tag: string, overrides: Record<string, unknown> = {}) => {
  const { venueName: _v, address: _a, postcode: _p, ...rest } = eventInput();
  return { ...rest, kind: 'PHONE_BANK', title: `Phone bank ${tag}`, online: true, regionId: REGION, joinUrl: JOIN, ...overrides };
};

async function createOnline(client: Client, tag: string, overrides: Record<string, unknown> = {}) {
  const res = await client.gql(CREATE_EVENT, { input: online(tag, overrides), publish: true });
  const event = res.data?.createEvent?.data;
  if (!event) throw new Error(`createEvent failed: ${JSON.stringify(res)}`);
  return event;
}

const joinUrlFor = async (client: Client, id: string) => (await client.gql(EVENT, { id })).data.event.joinUrl;

function parseIcs(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((v) => ({
    uid: String(v.getFirstPropertyValue('uid')),
    location: v.getFirstPropertyValue('location'),
    url: v.getFirstPropertyValue('url'),
    geo: v.getFirstPropertyValue('geo'),
    description: String(v.getFirstPropertyValue('description') ?? ''),
  }));
}

describe('online events', () => {
  test('created without a venue: in its region, no address, and the join link only for people going and running it', async () => {
    const tag = uniqueTag();
    const host = await signedUp(api.url);
    const event = await createOnline(host, tag);
    expect(event).toMatchObject({ status: 'PUBLISHED', address: null, postcode: null, addressHidden: false, region: { id: REGION } });

    const going = await signedUp(api.url);
    expect((await going.gql(RSVP, { eventId: event.id })).data.rsvp.data.status).toBe('GOING');
    const notGoing = await signedUp(api.url);
    const cancelled = await signedUp(api.url);
    await cancelled.gql(RSVP, { eventId: event.id });
    await cancelled.gql(/* GraphQL */ 'mutation C($eventId: ID!) { cancelRsvp(eventId: $eventId) { __typename } }', { eventId: event.id });
    const regional = await signedUp(api.url);
    await grantRole(api.prisma, regional.userId, 'ORGANISER', [REGION]);
    const otherRegion = await signedUp(api.url);
    await grantRole(api.prisma, otherRegion.userId, 'ORGANISER', ['london']);

    const seen = {
      anonymous: await joinUrlFor(new Client(api.url), event.id),
      memberNotGoing: await joinUrlFor(notGoing, event.id),
      memberCancelled: await joinUrlFor(cancelled, event.id),
      memberGoing: await joinUrlFor(going, event.id),
      host: await joinUrlFor(host, event.id),
      regionalOrganiser: await joinUrlFor(regional, event.id),
      otherRegionOrganiser: await joinUrlFor(otherRegion, event.id),
    };
    expect(seen).toEqual({
      anonymous: null,
      memberNotGoing: null,
      memberCancelled: null,
      memberGoing: JOIN,
      host: JOIN,
      regionalOrganiser: JOIN,
      otherRegionOrganiser: null,
    });
    // Everyone may know there is a link to come, not what it is.
    expect((await new Client(api.url).gql(EVENT, { id: event.id })).data.event).toMatchObject({ online: true, hasJoinUrl: true, joinUrl: null });

    // Lists never leak it either.
    const listed = await notGoing.gql(ONLINE, { input: { text: tag } });
    expect(listed.data.onlineEvents.edges.map((e: { node: { joinUrl: string | null } }) => e.node.joinUrl)).toEqual([null]);
  });

  test('the RSVP answer carries the link (the event page shows it without reloading)', async () => {
    const host = await signedUp(api.url);
    const event = await createOnline(host, uniqueTag());
    const member = await signedUp(api.url);
    const res = await member.gql(
      /* GraphQL */ `mutation R($eventId: ID!) { rsvp(eventId: $eventId) { __typename ... on MutationRsvpSuccess { data { status event { id joinUrl myRsvp { status } } } } ... on Error { message } } }`,
      { eventId: event.id },
    );
    expect(res.data.rsvp.data).toMatchObject({ status: 'GOING', event: { joinUrl: JOIN, myRsvp: { status: 'GOING' } } });
  });

  test('a waitlisted member does not get the link until they have a place', async () => {
    const tag = uniqueTag();
    const host = await signedUp(api.url);
    // Two places: the host's own and one more.
    const event = await createOnline(host, tag, { capacity: 2 });
    const first = await signedUp(api.url);
    const second = await signedUp(api.url);
    await first.gql(RSVP, { eventId: event.id });
    expect((await second.gql(RSVP, { eventId: event.id })).data.rsvp.data.status).toBe('WAITLISTED');
    expect(await joinUrlFor(second, event.id)).toBeNull();
    expect(await joinUrlFor(first, event.id)).toBe(JOIN);
  });

  test('e-mails: the booking confirmation gives the link to a member going, not to one on the waitlist', async () => {
    const tag = uniqueTag();
    const host = await signedUp(api.url);
    // Two places: the host's own and one more.
    const event = await createOnline(host, tag, { capacity: 2 });
    const going = await signedUp(api.url);
    const waiting = await signedUp(api.url);
    await going.gql(RSVP, { eventId: event.id });
    expect((await waiting.gql(RSVP, { eventId: event.id })).data.rsvp.data.status).toBe('WAITLISTED');
    const about = (m: { subject?: string }) => (m.subject ?? '').includes(tag);
    const toGoing = await waitForMail(going.email, { test: about });
    expect(toGoing.text).toContain(JOIN);
    const toWaiting = await waitForMail(waiting.email, { test: about });
    expect(toWaiting.text).toContain('Online');
    expect(`${toWaiting.text}${toWaiting.html}`).not.toContain('meet.example.org');
  });

  test('a join link that is not https is refused with a typed error and changes nothing', async () => {
    const tag = uniqueTag();
    const host = await signedUp(api.url);
    for (const bad of ['http://meet.example.org/x', 'javascript:alert(1)', 'meet.example.org/x', 'https://', 'https://exa mple.org']) {
      const res = await host.gql(CREATE_EVENT, { input: online(tag, { joinUrl: bad }), publish: true });
      expect(res.data.createEvent.__typename).toBe('ValidationError');
      expect(res.data.createEvent.fieldErrors).toEqual([{ path: ['joinUrl'], message: expect.stringMatching(/https/) }]);
    }
    expect(await api.prisma.event.count({ where: { title: { contains: tag } } })).toBe(0);

    const event = await createOnline(host, tag);
    const res = await host.gql(UPDATE, { id: event.id, input: online(tag, { joinUrl: 'http://meet.example.org/new' }) });
    expect(res.data.updateEvent.__typename).toBe('ValidationError');
    expect((await api.prisma.event.findUniqueOrThrow({ where: { id: uuidOf(event.id) } })).joinUrl).toBe(JOIN);
  });

  test('only phone banks, meetings and trainings can be online, and each needs a region (or a seat)', async () => {
    const tag = uniqueTag();
    const host = await signedUp(api.url);
    const canvass = await host.gql(CREATE_EVENT, { input: online(tag, { kind: 'CANVASS' }) });
    expect(canvass.data.createEvent.fieldErrors).toEqual([{ path: ['kind'], message: expect.any(String) }]);
    const nowhere = await host.gql(CREATE_EVENT, { input: online(tag, { regionId: null }) });
    expect(nowhere.data.createEvent.fieldErrors).toEqual([{ path: ['regionId'], message: expect.any(String) }]);
    const unknown = await host.gql(CREATE_EVENT, { input: online(tag, { regionId: 'atlantis' }) });
    expect(unknown.data.createEvent.fieldErrors).toEqual([{ path: ['regionId'], message: 'Unknown region' }]);
    // In person still needs the venue.
    const { venueName: _v, ...noVenue } = eventInput({ title: `Meeting ${tag}` });
    const inPerson = await host.gql(CREATE_EVENT, { input: noVenue });
    expect(inPerson.data.createEvent.fieldErrors).toEqual([{ path: ['venueName'], message: 'Venue is required' }]);
    expect(await api.prisma.event.count({ where: { title: { contains: tag } } })).toBe(0);
  });

  test('the online filter lists online events soonest first (not by distance), never in searches near a place or on the map', async () => {
    const tag = uniqueTag();
    const host = await signedUp(api.url);
    const base = Date.parse(eventInput().startsAt);
    const at = (days: number) => ({ startsAt: new Date(base + days * 86_400_000).toISOString(), endsAt: new Date(base + days * 86_400_000 + 3_600_000).toISOString() });
    const later = await createOnline(host, `${tag} later`, at(2));
    const sooner = await createOnline(host, `${tag} sooner`, { ...at(1), regionId: 'london' });
    const inPerson = await createEvent(host, { title: `In person ${tag}` });

    const all = await new Client(api.url).gql(ONLINE, { input: { text: tag } });
    expect(all.data.onlineEvents.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([sooner.id, later.id]);
    // Pages follow the same order.
    const page1 = await new Client(api.url).gql(ONLINE, { input: { text: tag }, first: 1 });
    expect(page1.data.onlineEvents.pageInfo.hasNextPage).toBe(true);
    const page2 = await new Client(api.url).gql(ONLINE, { input: { text: tag }, first: 1, after: page1.data.onlineEvents.pageInfo.endCursor });
    expect(page2.data.onlineEvents.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([later.id]);
    const inRegion = await new Client(api.url).gql(ONLINE, { input: { text: tag, regionId: REGION } });
    expect(inRegion.data.onlineEvents.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([later.id]);

    const near = await new Client(api.url).gql(NEAR, { input: { postcode: 'LS6 1AN', radiusKm: 200, text: tag } });
    expect(near.data.eventsNear.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([inPerson.id]);
    const box = await new Client(api.url).gql(IN_BOX, { box: { west: -6, south: 50, east: 2, north: 56 } });
    const boxIds = box.data.eventsInBox.data.map((e: { id: string }) => e.id);
    expect(boxIds).toContain(inPerson.id);
    expect(boxIds).not.toContain(later.id);
    expect(boxIds).not.toContain(sooner.id);
  });

  test('online events page by cursor: every event once, none skipped, in a stable order (ties on the start by id), whatever is added before the cursor', async () => {
    const tag = uniqueTag();
    const host = await signedUp(api.url);
    const base = Date.parse(eventInput().startsAt);
    const at = (hours: number) => ({ startsAt: new Date(base + hours * 3_600_000).toISOString(), endsAt: new Date(base + hours * 3_600_000 + 3_600_000).toISOString() });
    // Seven events, three starting at the same time.
    for (const [i, hours] of [5, 1, 3, 3, 3, 0, 8].entries()) await createOnline(host, `${tag} ${i}`, at(hours));
    type Page = { onlineEvents: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const ids = (res: GqlResponse<Page>) => res.data!.onlineEvents.edges.map((e) => e.node.id);
    const all = ids(await new Client(api.url).gql<Page>(ONLINE, { input: { text: tag } }));
    expect(all).toHaveLength(7);

    const walk = async (onSecondPage?: () => Promise<unknown>) => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 1; page <= 10; page++) {
        const res: GqlResponse<Page> = await new Client(api.url).gql<Page>(ONLINE, { input: { text: tag }, first: 2, after });
        seen.push(...ids(res));
        const info = res.data!.onlineEvents.pageInfo;
        if (!info.hasNextPage) return seen;
        after = info.endCursor;
        if (page === 2) await onSecondPage?.();
      }
      throw new Error('more pages than events');
    };
    expect(await walk()).toEqual(all);
    expect(new Set(await walk()).size).toBe(7);
    // One added before the cursor while paging: later pages neither repeat nor skip an event.
    expect(await walk(() => createOnline(host, `${tag} early`, at(-1)))).toEqual(all);
    // The three at the same time come in id order.
    const ties = all.slice(2, 5);
    expect(ties.map(uuidOf)).toEqual([...ties.map(uuidOf)].sort());
  });

  test('the new-events digest (events near home) leaves online events out', async () => {
    const tag = uniqueTag();
    const seat = await api.prisma.constituency.findFirstOrThrow({ where: { regionId: REGION }, orderBy: { code: 'asc' } });
    const host = await signedUp(api.url);
    const before = new Date(Date.now() - 1000);
    const event = await createOnline(host, tag, { regionId: null, constituencyCode: seat.code });
    const inPerson = await createEvent(host, { title: `In person ${tag}`, location: { lat: seat.lat, lng: seat.lng } });
    const member = await signedUp(api.url);
    await api.prisma.user.update({ where: { id: uuidOf(member.userId) }, data: { homeLat: seat.lat, homeLng: seat.lng } });
    const digest = await digestFor(api.prisma, uuidOf(member.userId), before, new Date(Date.now() + 1000));
    const ids = digest!.events.map((e) => e.id);
    expect(ids).toContain(uuidOf(inPerson.id));
    expect(ids).not.toContain(uuidOf(event.id));
  });

  test('an online event takes no lifts', async () => {
    const host = await signedUp(api.url);
    const event = await createOnline(host, uniqueTag());
    const res = await host.gql(OFFER, { eventId: event.id, input: { postcode: 'LS6 1AN', departAt: departureFor(), seats: 2, maxDetourKm: 5 } });
    expect(res.data.offerLift.__typename).toBe('ValidationError');
    expect(await api.prisma.liftOffer.count({ where: { eventId: uuidOf(event.id) } })).toBe(0);
  });

  test('calendar: no location; the join link is the URL only for people going', async () => {
    const host = await signedUp(api.url);
    const event = await createOnline(host, uniqueTag());
    const going = await signedUp(api.url);
    await going.gql(RSVP, { eventId: event.id });
    const path = `/calendar/events/${uuidOf(event.id)}.ics`;

    const [forAnyone] = parseIcs(await (await new Client(api.url).get(path)).text());
    expect(forAnyone).toMatchObject({ location: null, geo: null });
    expect(String(forAnyone!.url)).not.toContain('meet.example.org');
    expect(forAnyone!.description).not.toContain('meet.example.org');

    const [forGoing] = parseIcs(await (await going.get(path)).text());
    expect(forGoing).toMatchObject({ location: null, url: JOIN });
    expect(forGoing!.description).toContain(JOIN);

    const feed = new URL((await going.gql(FEED_URL)).data.me.calendarFeedUrl as string);
    const entries = parseIcs(await (await new Client(api.url).get(feed.pathname)).text());
    expect(entries.find((e) => e.uid.startsWith(uuidOf(event.id)))).toMatchObject({ location: null, url: JOIN });
  });
});

describe('venue access and discovery filters', () => {
  test('access flags are stored, shown, and each filter narrows the list and the map', async () => {
    const tag = uniqueTag();
    const host = await signedUp(api.url);
    const plain = await createEvent(host, { title: `Plain ${tag}` });
    const stepFree = await createEvent(host, { title: `Step-free ${tag}`, stepFree: true, accessibleToilet: true });
    const loop = await createEvent(host, { title: `Loop ${tag}`, hearingLoop: true, quietSpace: true, stepFree: true });
    expect((await host.gql(EVENT, { id: loop.id })).data.event).toMatchObject({
      stepFree: true,
      accessibleToilet: false,
      hearingLoop: true,
      quietSpace: true,
    });

    const near = async (filters: Record<string, unknown>) =>
      (await new Client(api.url).gql(NEAR, { input: { postcode: 'LS6 1AN', text: tag, sort: 'TIME', ...filters } })).data.eventsNear.edges
        .map((e: { node: { id: string } }) => e.node.id)
        .sort();
    expect(await near({})).toEqual([plain.id, stepFree.id, loop.id].sort());
    expect(await near({ access: ['STEP_FREE'] })).toEqual([stepFree.id, loop.id].sort());
    expect(await near({ access: ['STEP_FREE', 'ACCESSIBLE_TOILET'] })).toEqual([stepFree.id]);
    expect(await near({ access: ['HEARING_LOOP'] })).toEqual([loop.id]);
    expect(await near({ access: ['QUIET_SPACE', 'ACCESSIBLE_TOILET'] })).toEqual([]);

    const box = await new Client(api.url).gql(IN_BOX, { box: { west: -2, south: 53.5, east: -1, north: 54.2 }, access: ['HEARING_LOOP'] });
    const boxIds = box.data.eventsInBox.data.map((e: { id: string }) => e.id);
    expect(boxIds).toContain(loop.id);
    expect(boxIds).not.toContain(plain.id);

    // Editing takes flags off again.
    const res = await host.gql(UPDATE, { id: loop.id, input: eventInput({ title: `Loop ${tag}` }) });
    expect(res.data.updateEvent.__typename).toBe('MutationUpdateEventSuccess');
    expect(await near({ access: ['HEARING_LOOP'] })).toEqual([]);
  });

  test('"has lift seats" keeps events with an open offer that has a seat free', async () => {
    const tag = uniqueTag();
    const host = await signedUp(api.url);
    const none = await createEvent(host, { title: `No lifts ${tag}` });
    const withSeats = await createEvent(host, { title: `Lift seats ${tag}` });
    const taken = await createEvent(host, { title: `Lift full ${tag}` });
    const cancelled = await createEvent(host, { title: `Lift cancelled ${tag}` });
    const driver = await signedUp(api.url);
    const offer = async (eventId: string) => {
      const res = await driver.gql(OFFER, { eventId, input: { postcode: 'LS6 1AN', departAt: departureFor(), seats: 2, maxDetourKm: 5 } });
      return uuidOf(res.data.offerLift.data.id);
    };
    await offer(withSeats.id);
    await api.prisma.liftOffer.update({ where: { id: await offer(taken.id) }, data: { seatsTaken: 2 } });
    await api.prisma.liftOffer.update({ where: { id: await offer(cancelled.id) }, data: { status: 'CANCELLED' } });

    const ids = async (hasLiftSeats: boolean | null) =>
      (await new Client(api.url).gql(NEAR, { input: { postcode: 'LS6 1AN', text: tag, hasLiftSeats } })).data.eventsNear.edges
        .map((e: { node: { id: string } }) => e.node.id)
        .sort();
    expect(await ids(null)).toEqual([none.id, withSeats.id, taken.id, cancelled.id].sort());
    expect(await ids(true)).toEqual([withSeats.id]);
  });

  test('"hide full" leaves out events with no places left, in person and online', async () => {
    const tag = uniqueTag();
    const host = await signedUp(api.url);
    const full = await createEvent(host, { title: `Full ${tag}`, capacity: 1 });
    const open = await createEvent(host, { title: `Open ${tag}`, capacity: 5 });
    const unlimited = await createEvent(host, { title: `Unlimited ${tag}` });
    const fullOnline = await createOnline(host, `${tag} online full`, { capacity: 1 });
    const member = await signedUp(api.url);
    await member.gql(RSVP, { eventId: full.id });
    await member.gql(RSVP, { eventId: fullOnline.id });

    const near = async (hideFull: boolean) =>
      (await new Client(api.url).gql(NEAR, { input: { postcode: 'LS6 1AN', text: tag, hideFull } })).data.eventsNear.edges
        .map((e: { node: { id: string } }) => e.node.id)
        .sort();
    expect(await near(false)).toEqual([full.id, open.id, unlimited.id].sort());
    expect(await near(true)).toEqual([open.id, unlimited.id].sort());
    const onlineIds = async (hideFull: boolean) =>
      (await new Client(api.url).gql(ONLINE, { input: { text: tag, hideFull } })).data.onlineEvents.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(await onlineIds(false)).toEqual([fullOnline.id]);
    expect(await onlineIds(true)).toEqual([]);
  });
});
