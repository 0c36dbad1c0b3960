import { distanceKm, type LatLng } from '@rallypoint/shared';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningApi } from '../src/server.ts';
import {
  Client,
  createEvent,
  EVENT_FIELDS,
  eventInput,
  globalId,
  grantRole,
  signedUp,
  startTestApi,
  uniqueTag,
  uuidOf,
} from './helpers.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

// ------------------------------------------------------------------------------------------------ documents

const EVENT = /* GraphQL */ `
  query E($id: ID!) { event(id: $id) { ...EventFields description } }
  ${EVENT_FIELDS}
`;
const NODE = /* GraphQL */ `
  query N($id: ID!) { node(id: $id) { __typename id ... on Event { title status } } }
`;
const UPDATE = /* GraphQL */ `
  mutation U($id: ID!, $input: EventInput!) {
    updateEvent(id: $id, input: $input) {
      __typename
      ... on MutationUpdateEventSuccess { data { ...EventFields description } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
  ${EVENT_FIELDS}
`;
const action = (name: string, success: string) => /* GraphQL */ `
  mutation A($id: ID!) {
    ${name}(id: $id) {
      __typename
      ... on ${success} { data { id status } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const PUBLISH = action('publishEvent', 'MutationPublishEventSuccess');
const UNPUBLISH = action('unpublishEvent', 'MutationUnpublishEventSuccess');
const CANCEL = action('cancelEvent', 'MutationCancelEventSuccess');
const NEAR = /* GraphQL */ `
  query Near($input: EventsNearInput!, $first: Int, $after: String) {
    eventsNear(input: $input, first: $first, after: $after) {
      __typename
      ... on EventsNearConnection {
        origin { kind label location { lat lng } }
        edges { cursor distanceKm node { id title kind startsAt location { lat lng } venueName address postcode addressHidden status } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
      ... on ValidationError { message fieldErrors { path message } }
    }
  }
`;
const IN_BOX = /* GraphQL */ `
  query Box($box: BoundingBoxInput!, $from: DateTime, $to: DateTime, $kinds: [EventKind!]) {
    eventsInBox(box: $box, from: $from, to: $to, kinds: $kinds) {
      __typename
      ... on QueryEventsInBoxSuccess { data { id title location { lat lng } } }
      ... on ValidationError { message fieldErrors { path message } }
    }
  }
`;
const RSVP = /* GraphQL */ `
  mutation R($eventId: ID!) { rsvp(eventId: $eventId) { __typename ... on MutationRsvpSuccess { data { status } } } }
`;
const CANCEL_RSVP = /* GraphQL */ `
  mutation C($eventId: ID!) { cancelRsvp(eventId: $eventId) { __typename ... on MutationCancelRsvpSuccess { data { status } } } }
`;
const MY_EVENTS = /* GraphQL */ `query { me { organisedEvents { id status } } }`;

// -------------------------------------------------------------------------------------------------- helpers

/** The LS6 outcode centroid: where "LS6 1AN" and "LS6" resolve to. */
const LS6: LatLng = { lat: 53.82007, lng: -1.57067 };

/** A point `north` km north and `east` km east of `from`. */
function offset(from: LatLng, north: number, east: number): LatLng {
  const lat = from.lat + north / 111.32;
  return { lat, lng: from.lng + east / (111.32 * Math.cos((lat * Math.PI) / 180)) };
}

const DAY = 86_400_000;
/** `days` from now at hh:mm UTC, as ISO. */
function inDays(days: number, hour = 10, minute = 0): string {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(hour, minute, 0, 0);
  return d.toISOString();
}
function timed(days: number, hour = 10, minute = 0, hours = 2) {
  const startsAt = inDays(days, hour, minute);
  return { startsAt, endsAt: new Date(Date.parse(startsAt) + hours * 3_600_000).toISOString() };
}

interface Edge {
  cursor: string;
  distanceKm: number;
  node: { id: string; title: string; kind: string; startsAt: string; location: LatLng; venueName: string | null; address: string | null; postcode: string | null; addressHidden: boolean };
}

// biome-ignore lint/suspicious/noExplicitAny: loosely typed JSON
async function near(client: Client, { first, after, ...input }: Record<string, unknown>): Promise<any> {
  const res = await client.gql(NEAR, { input, first, after });
  expect(res.errors).toBeUndefined();
  return res.data.eventsNear;
}

async function nearEdges(client: Client, input: Record<string, unknown>): Promise<Edge[]> {
  const r = await near(client, input);
  expect(r.__typename).toBe('EventsNearConnection');
  return r.edges;
}

const idsOf = (edges: Edge[]) => edges.map((e) => e.node.id);

async function everyPage(client: Client, input: Record<string, unknown>): Promise<{ edges: Edge[]; pages: number }> {
  const edges: Edge[] = [];
  let after: string | undefined;
  let pages = 0;
  for (;;) {
    const r = await near(client, { ...input, ...(after ? { after } : {}) });
    expect(r.__typename).toBe('EventsNearConnection');
    pages += 1;
    edges.push(...r.edges);
    expect(r.pageInfo.hasPreviousPage).toBe(after !== undefined);
    expect(r.pageInfo.startCursor).toBe(r.edges[0].cursor);
    if (!r.pageInfo.hasNextPage) break;
    expect(r.pageInfo.endCursor).toBe(r.edges.at(-1).cursor);
    after = r.pageInfo.endCursor;
    expect(pages).toBeLessThan(50);
  }
  return { edges, pages };
}

// ------------------------------------------------------------------------------------------------ my events

describe('my events', () => {
  test('create a draft, edit it, publish, unpublish, publish again, cancel', async () => {
    const me = await signedUp(api.url);
    const tag = uniqueTag();
    const draft = await createEvent(me, { title: `Draft ${tag}`, capacity: 30 }, false);
    expect(draft).toMatchObject({ status: 'DRAFT', title: `Draft ${tag}`, capacity: 30, viewerCanEdit: true, areaLabel: 'LS6' });
    expect(draft.region.id).toBe('yorkshire-and-the-humber');

    const times = timed(10, 18, 30, 3);
    const edited = await me.gql(UPDATE, {
      id: draft.id,
      input: eventInput({
        title: `Edited ${tag}`,
        description: 'New agenda',
        kind: 'TRAINING',
        capacity: 50,
        ...times,
        venueName: 'Library',
        address: '2 Low Road',
        postcode: 'SW1A 1AA',
      }),
    });
    expect(edited.data.updateEvent.__typename).toBe('MutationUpdateEventSuccess');
    expect(edited.data.updateEvent.data).toMatchObject({
      title: `Edited ${tag}`,
      description: 'New agenda',
      kind: 'TRAINING',
      capacity: 50,
      startsAt: times.startsAt,
      endsAt: times.endsAt,
      venueName: 'Library',
      address: '2 Low Road',
      postcode: 'SW1A 1AA',
      areaLabel: 'SW1A',
      status: 'DRAFT',
    });
    expect(edited.data.updateEvent.data.region.id).toBe('london');
    const row = await api.prisma.event.findUniqueOrThrow({ where: { id: uuidOf(draft.id) } });
    expect(row).toMatchObject({ title: `Edited ${tag}`, capacity: 50, areaLabel: 'SW1A', regionId: 'london', startsAt: new Date(times.startsAt) });

    expect((await me.gql(PUBLISH, { id: draft.id })).data.publishEvent.data.status).toBe('PUBLISHED');
    expect((await me.gql(UNPUBLISH, { id: draft.id })).data.unpublishEvent.data.status).toBe('DRAFT');
    expect((await me.gql(PUBLISH, { id: draft.id })).data.publishEvent.data.status).toBe('PUBLISHED');
    expect((await me.gql(CANCEL, { id: draft.id })).data.cancelEvent.data.status).toBe('CANCELLED');
    expect((await api.prisma.event.findUniqueOrThrow({ where: { id: uuidOf(draft.id) } })).status).toBe('CANCELLED');

    // A cancelled event stays cancelled: no edits, no publishing.
    const editCancelled = await me.gql(UPDATE, { id: draft.id, input: eventInput({ title: 'Back from the dead' }) });
    expect(editCancelled.data.updateEvent.__typename).toBe('ValidationError');
    expect((await me.gql(PUBLISH, { id: draft.id })).data.publishEvent.__typename).toBe('ValidationError');
    expect((await api.prisma.event.findUniqueOrThrow({ where: { id: uuidOf(draft.id) } })).title).toBe(`Edited ${tag}`);

    const mine = (await me.gql(MY_EVENTS)).data.me.organisedEvents;
    expect(mine).toEqual([{ id: draft.id, status: 'CANCELLED' }]);
  });

  test('a draft is invisible to others (event, eventsNear) and visible to its organiser and regional organisers', async () => {
    const owner = await signedUp(api.url);
    const other = await signedUp(api.url);
    const regional = await signedUp(api.url);
    await grantRole(api.prisma, regional.userId, 'ORGANISER', ['yorkshire-and-the-humber']);
    const anonymous = new Client(api.url);
    const tag = uniqueTag();
    const draft = await createEvent(owner, { title: `Secret plan ${tag}` }, false);

    expect((await anonymous.gql(EVENT, { id: draft.id })).data.event).toBeNull();
    expect((await other.gql(EVENT, { id: draft.id })).data.event).toBeNull();
    expect((await owner.gql(EVENT, { id: draft.id })).data.event).toMatchObject({ id: draft.id, status: 'DRAFT' });
    expect((await regional.gql(EVENT, { id: draft.id })).data.event).toMatchObject({ id: draft.id, status: 'DRAFT' });
    for (const c of [anonymous, other, owner, regional]) {
      expect(idsOf(await nearEdges(c, { postcode: 'LS6 1AN', text: tag }))).toEqual([]);
    }

    // Published, everyone finds it; unpublished, it is hidden again.
    await owner.gql(PUBLISH, { id: draft.id });
    expect((await anonymous.gql(EVENT, { id: draft.id })).data.event.status).toBe('PUBLISHED');
    expect(idsOf(await nearEdges(anonymous, { postcode: 'LS6 1AN', text: tag }))).toEqual([draft.id]);
    await owner.gql(UNPUBLISH, { id: draft.id });
    expect((await other.gql(EVENT, { id: draft.id })).data.event).toBeNull();
    expect(idsOf(await nearEdges(anonymous, { postcode: 'LS6 1AN', text: tag }))).toEqual([]);
  });

  test('node(id) of a draft is null for others, without an error; the organiser gets it', async () => {
    const owner = await signedUp(api.url);
    const other = await signedUp(api.url);
    const draft = await createEvent(owner, { title: 'Draft by node' }, false);
    const asOwner = await owner.gql(NODE, { id: draft.id });
    expect(asOwner.errors).toBeUndefined();
    expect(asOwner.data.node).toMatchObject({ __typename: 'Event', id: draft.id, status: 'DRAFT' });
    for (const c of [other, new Client(api.url)]) {
      const res = await c.gql(NODE, { id: draft.id });
      expect(res.errors).toBeUndefined();
      expect(res.data.node).toBeNull();
    }
  });

  test('node(id) of a published event works for anyone; of an unknown event it is null', async () => {
    const owner = await signedUp(api.url);
    const event = await createEvent(owner, { title: 'Public by node' });
    const res = await new Client(api.url).gql(NODE, { id: event.id });
    expect(res.data.node).toMatchObject({ __typename: 'Event', id: event.id, title: 'Public by node' });
    const unknown = await new Client(api.url).gql(NODE, { id: globalId('Event', crypto.randomUUID()) });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data.node).toBeNull();
  });

  test('a write that selects only __typename succeeds; it does not fail after committing', async () => {
    const me = await signedUp(api.url);
    const tag = uniqueTag();
    const created = await me.gql(`mutation C($input: EventInput!) { createEvent(input: $input) { __typename } }`, {
      input: eventInput({ title: `Typename only ${tag}` }),
    });
    const rows = await api.prisma.event.findMany({ where: { organiserId: uuidOf(me.userId), title: `Typename only ${tag}` } });
    // Whatever the outcome, the caller must be told the truth: an event was written, so no error.
    expect(rows).toHaveLength(1);
    expect(created.errors).toBeUndefined();
    expect(created.data.createEvent.__typename).toBe('MutationCreateEventSuccess');

    const cancelled = await me.gql(`mutation X($id: ID!) { cancelEvent(id: $id) { __typename } }`, { id: globalId('Event', rows[0]!.id) });
    expect((await api.prisma.event.findUniqueOrThrow({ where: { id: rows[0]!.id } })).status).toBe('CANCELLED');
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data.cancelEvent.__typename).toBe('MutationCancelEventSuccess');
  });
});

// ------------------------------------------------------------------------------------------------ discovery

describe('discovery', () => {
  test('by full postcode, by outcode and by point: the origin is resolved and the event is found', async () => {
    const me = await signedUp(api.url);
    const tag = uniqueTag();
    const here = offset(LS6, 1, 1);
    const event = await createEvent(me, { title: `Stall ${tag}`, kind: 'STALL', location: here });

    const byPostcode = await near(me, { postcode: 'ls6 1an', text: tag });
    expect(byPostcode.origin).toEqual({ kind: 'POSTCODE', label: 'LS6 1AN', location: LS6 });
    expect(idsOf(byPostcode.edges)).toEqual([event.id]);

    const byOutcode = await near(me, { postcode: 'LS6', text: tag });
    expect(byOutcode.origin).toEqual({ kind: 'OUTCODE', label: 'LS6', location: LS6 });
    expect(idsOf(byOutcode.edges)).toEqual([event.id]);

    const point = offset(LS6, -3, 2);
    const byPoint = await near(me, { location: point, text: tag });
    expect(byPoint.origin.kind).toBe('POINT');
    expect(byPoint.origin.label).toMatch(/^LS\d+$/);
    // The searched point is itself coarsened, but stays within ~1 km.
    expect(distanceKm(byPoint.origin.location, point)).toBeLessThan(1);
    expect(idsOf(byPoint.edges)).toEqual([event.id]);

    // Anonymous visitors search too.
    expect(idsOf(await nearEdges(new Client(api.url), { postcode: 'LS6', text: tag }))).toEqual([event.id]);
  });

  test('the radius is respected: an event ~30 km away is out at 25 km and in at 50 km', async () => {
    const me = await signedUp(api.url);
    const tag = uniqueTag();
    const close = await createEvent(me, { title: `Close ${tag}`, location: offset(LS6, 5, 0) });
    const far = await createEvent(me, { title: `Far ${tag}`, location: offset(LS6, 30, 0), postcode: 'HG1' });
    expect(idsOf(await nearEdges(me, { postcode: 'LS6 1AN', text: tag, radiusKm: 25 }))).toEqual([close.id]);
    const wide = await nearEdges(me, { postcode: 'LS6 1AN', text: tag, radiusKm: 50 });
    expect(idsOf(wide)).toEqual([close.id, far.id]);
    expect(wide[1]!.distanceKm).toBeGreaterThan(29);
    expect(wide[1]!.distanceKm).toBeLessThan(31);
    expect(idsOf(await nearEdges(me, { postcode: 'LS6 1AN', text: tag, radiusKm: 4 }))).toEqual([]);
  });

  test('the date window (from/to): only events overlapping it; past events never by default', async () => {
    const me = await signedUp(api.url);
    const tag = uniqueTag();
    const soon = await createEvent(me, { title: `Soon ${tag}`, ...timed(3) });
    const mid = await createEvent(me, { title: `Mid ${tag}`, ...timed(10) });
    const late = await createEvent(me, { title: `Late ${tag}`, ...timed(20) });
    const past = await api.prisma.event.create({
      data: {
        kind: 'MEETING',
        title: `Past ${tag}`,
        description: '',
        startsAt: new Date(Date.now() - 2 * DAY),
        endsAt: new Date(Date.now() - 2 * DAY + 3_600_000),
        venueName: 'Hall',
        address: '1 High Street',
        areaLabel: 'LS6',
        exactLat: LS6.lat,
        exactLng: LS6.lng,
        lat: LS6.lat,
        lng: LS6.lng,
        regionId: 'yorkshire-and-the-humber',
        status: 'PUBLISHED',
        organiserId: uuidOf(me.userId),
      },
    });
    const sortTime = { postcode: 'LS6', text: tag, sort: 'TIME' };
    expect(idsOf(await nearEdges(me, sortTime))).toEqual([soon.id, mid.id, late.id]);
    expect(idsOf(await nearEdges(me, { ...sortTime, from: inDays(5), to: inDays(15) }))).toEqual([mid.id]);
    expect(idsOf(await nearEdges(me, { ...sortTime, to: inDays(15) }))).toEqual([soon.id, mid.id]);
    expect(idsOf(await nearEdges(me, { ...sortTime, from: inDays(15) }))).toEqual([late.id]);
    expect(idsOf(await nearEdges(me, { ...sortTime, from: new Date(Date.now() - 5 * DAY).toISOString() }))).toEqual([
      globalId('Event', past.id),
      soon.id,
      mid.id,
      late.id,
    ]);
  });

  test('the kinds filter', async () => {
    const me = await signedUp(api.url);
    const tag = uniqueTag();
    const meeting = await createEvent(me, { title: `A ${tag}`, kind: 'MEETING', location: offset(LS6, 1, 0) });
    const stall = await createEvent(me, { title: `B ${tag}`, kind: 'STALL', location: offset(LS6, 2, 0) });
    const social = await createEvent(me, { title: `C ${tag}`, kind: 'SOCIAL', location: offset(LS6, 3, 0) });
    expect(idsOf(await nearEdges(me, { postcode: 'LS6', text: tag }))).toEqual([meeting.id, stall.id, social.id]);
    expect(idsOf(await nearEdges(me, { postcode: 'LS6', text: tag, kinds: ['STALL', 'SOCIAL'] }))).toEqual([stall.id, social.id]);
    expect(idsOf(await nearEdges(me, { postcode: 'LS6', text: tag, kinds: ['MEETING'] }))).toEqual([meeting.id]);
    expect(idsOf(await nearEdges(me, { postcode: 'LS6', text: tag, kinds: ['RALLY'] }))).toEqual([]);
  });

  test('the text filter: title, description or venue, any case; % and _ are literal', async () => {
    const me = await signedUp(api.url);
    const tag = uniqueTag();
    const inTitle = await createEvent(me, { title: `Leafleting ${tag} special`, location: offset(LS6, 1, 0) });
    const inDescription = await createEvent(me, { title: 'Plain title', description: `Bring ${tag} flyers`, location: offset(LS6, 2, 0) });
    const inVenue = await createEvent(me, { title: 'Another plain title', venueName: `The ${tag} Arms`, location: offset(LS6, 3, 0) });
    await createEvent(me, { title: `Unrelated ${tag.slice(0, 6)}`, location: offset(LS6, 4, 0) });
    expect(idsOf(await nearEdges(me, { postcode: 'LS6', text: tag }))).toEqual([inTitle.id, inDescription.id, inVenue.id]);
    expect(idsOf(await nearEdges(me, { postcode: 'LS6', text: `  ${tag.toUpperCase()}  ` }))).toEqual([
      inTitle.id,
      inDescription.id,
      inVenue.id,
    ]);
    expect(idsOf(await nearEdges(me, { postcode: 'LS6', text: `leafleting ${tag}` }))).toEqual([inTitle.id]);
    // Wildcards in what people type are not wildcards.
    expect(idsOf(await nearEdges(me, { postcode: 'LS6', text: `${tag.slice(0, 4)}%${tag.slice(5)}` }))).toEqual([]);
    expect(idsOf(await nearEdges(me, { postcode: 'LS6', text: `${tag.slice(0, 4)}_${tag.slice(5)}` }))).toEqual([]);
  });

  test('sort DISTANCE gives non-decreasing distanceKm, sort TIME non-decreasing startsAt; distances are plausible', async () => {
    const me = await signedUp(api.url);
    const tag = uniqueTag();
    // Nearest is latest and farthest is soonest, so the two sorts disagree.
    const spots: [number, number, number][] = [
      [0.5, 0.2, 9],
      [3, -2, 6],
      [7, 4, 4],
      [-12, 5, 3],
      [15, -15, 2],
    ];
    const created = [];
    for (const [n, e, d] of spots) {
      created.push(await createEvent(me, { title: `Sorted ${tag}`, location: offset(LS6, n, e), ...timed(d) }));
    }
    const byDistance = await nearEdges(me, { postcode: 'LS6 1AN', text: tag, radiusKm: 40, sort: 'DISTANCE' });
    expect(byDistance).toHaveLength(5);
    const km = byDistance.map((e) => e.distanceKm);
    expect(km).toEqual([...km].sort((a, b) => a - b));
    expect(idsOf(byDistance)).toEqual(created.map((e) => e.id));

    for (const edge of byDistance) {
      const expected = distanceKm(LS6, edge.node.location);
      expect(Math.abs(edge.distanceKm - expected)).toBeLessThan(0.002 * expected + 0.05);
    }

    const byTime = await nearEdges(me, { postcode: 'LS6 1AN', text: tag, radiusKm: 40, sort: 'TIME' });
    const starts = byTime.map((e) => Date.parse(e.node.startsAt));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(idsOf(byTime)).toEqual(created.map((e) => e.id).reverse());
    // The distance is still reported when sorting by time.
    for (const edge of byTime) expect(edge.distanceKm).toBeCloseTo(byDistance.find((d) => d.node.id === edge.node.id)!.distanceKm, 6);
  });

  test('soonest first (the web default) keeps each day together whatever the distance; nearest first mixes days', async () => {
    const me = await signedUp(api.url);
    const tag = uniqueTag();
    // Two days a month apart, each with a near and a far event; the later day's events are the nearest.
    const at = (km: number, days: number, hour: number) => createEvent(me, { title: `Days ${tag}`, location: offset(LS6, km, 0), ...timed(days, hour) });
    const dec = [await at(12, 10, 18), await at(5, 10, 11)];
    const jan = [await at(1, 40, 19), await at(3, 40, 9)];

    const byTime = await nearEdges(me, { postcode: 'LS6 1AN', text: tag, radiusKm: 40, sort: 'TIME' });
    expect(idsOf(byTime)).toEqual([dec[1]!.id, dec[0]!.id, jan[1]!.id, jan[0]!.id]);
    // Each still says how far it is.
    expect(byTime.map((e) => Math.round(e.distanceKm))).toEqual([5, 12, 3, 1]);

    // Nearest first is a choice for "whatever the date": January's events come before December's.
    const byDistance = await nearEdges(me, { postcode: 'LS6 1AN', text: tag, radiusKm: 40, sort: 'DISTANCE' });
    expect(idsOf(byDistance)).toEqual([jan[0]!.id, jan[1]!.id, dec[1]!.id, dec[0]!.id]);
    // API clients that name no sort keep nearest first.
    expect(idsOf(await nearEdges(me, { postcode: 'LS6 1AN', text: tag, radiusKm: 40 }))).toEqual(idsOf(byDistance));
  });

  test.each(['DISTANCE', 'TIME'] as const)('cursor pagination (sort %s) returns every match exactly once, ties included', async (sort) => {
    const me = await signedUp(api.url);
    const tag = uniqueTag();
    const shared = offset(LS6, 2, 2);
    const sameTime = timed(6, 19, 0);
    const ids: string[] = [];
    // Three at the very same spot (equal distances), three at the very same time, and a few others.
    for (let i = 0; i < 3; i++) ids.push((await createEvent(me, { title: `Page ${tag} s${i}`, location: shared, ...timed(4 + i) })).id);
    for (let i = 0; i < 3; i++) ids.push((await createEvent(me, { title: `Page ${tag} t${i}`, location: offset(LS6, i, -i), ...sameTime })).id);
    for (let i = 0; i < 5; i++) ids.push((await createEvent(me, { title: `Page ${tag} o${i}`, location: offset(LS6, -i - 1, 3), ...timed(8 + i) })).id);

    const all = await nearEdges(me, { postcode: 'LS6', text: tag, sort, first: 100 });
    expect(new Set(idsOf(all))).toEqual(new Set(ids));

    for (const first of [1, 2, 4]) {
      const { edges, pages } = await everyPage(me, { postcode: 'LS6', text: tag, sort, first });
      expect(pages).toBe(Math.ceil(ids.length / first));
      const seen = idsOf(edges);
      expect(seen).toHaveLength(ids.length);
      expect(new Set(seen).size).toBe(ids.length);
      // Pages concatenate to exactly the single-page order.
      expect(seen).toEqual(idsOf(all));
    }
  });

  test('eventsInBox returns the published, public events inside the box only', async () => {
    const me = await signedUp(api.url);
    const tag = uniqueTag();
    // A far-future window of our own keeps other files' events out of the way.
    const day = 200 + Math.floor(Math.random() * 100);
    const window = { from: inDays(day - 1), to: inDays(day + 1) };
    const box = { west: -1.7, south: 53.75, east: -1.45, north: 53.88 };
    const make = (title: string, location: LatLng, extra: Record<string, unknown> = {}, publish = true) =>
      createEvent(me, { title: `${title} ${tag}`, location, ...timed(day), ...extra }, publish);
    const inside = await make('Inside', { lat: 53.8, lng: -1.55 });
    const nearEdge = await make('Near edge', { lat: 53.879, lng: -1.451 });
    const stall = await make('Stall inside', { lat: 53.76, lng: -1.69 }, { kind: 'STALL' });
    const northOf = await make('North of box', { lat: 53.885, lng: -1.55 });
    const eastOf = await make('East of box', { lat: 53.8, lng: -1.44 });
    const farAway = await make('London', { lat: 51.5, lng: -0.12 }, { postcode: 'SW1A 1AA' });
    const draft = await make('Draft inside', { lat: 53.81, lng: -1.56 }, {}, false);
    const unlisted = await make('Unlisted inside', { lat: 53.81, lng: -1.56 }, { visibility: 'UNLISTED' });
    const cancelled = await make('Cancelled inside', { lat: 53.81, lng: -1.56 });
    await me.gql(CANCEL, { id: cancelled.id });

    const res = await me.gql(IN_BOX, { box, ...window });
    expect(res.data.eventsInBox.__typename).toBe('QueryEventsInBoxSuccess');
    const found: { id: string; location: LatLng }[] = res.data.eventsInBox.data;
    for (const e of found) {
      expect(e.location.lat).toBeGreaterThanOrEqual(box.south);
      expect(e.location.lat).toBeLessThanOrEqual(box.north);
      expect(e.location.lng).toBeGreaterThanOrEqual(box.west);
      expect(e.location.lng).toBeLessThanOrEqual(box.east);
    }
    const ids = found.map((e) => e.id);
    const mine = [inside, nearEdge, stall, northOf, eastOf, farAway, draft, unlisted, cancelled].map((e) => e.id);
    expect(ids.filter((id) => mine.includes(id)).sort()).toEqual([inside.id, nearEdge.id, stall.id].sort());

    const stalls = (await me.gql(IN_BOX, { box, ...window, kinds: ['STALL'] })).data.eventsInBox.data.map((e: { id: string }) => e.id);
    expect(stalls.filter((id: string) => mine.includes(id))).toEqual([stall.id]);
    const before = (await me.gql(IN_BOX, { box, from: inDays(day - 2), to: inDays(day - 1, 0) })).data.eventsInBox.data;
    expect(before.filter((e: { id: string }) => mine.includes(e.id))).toEqual([]);
  });

  test('eventsInBox: a wide (21:9) viewport still returns the events in its corners', async () => {
    const me = await signedUp(api.url);
    const tag = uniqueTag();
    const day = 300 + Math.floor(Math.random() * 50);
    const window = { from: inDays(day - 1), to: inDays(day + 1) };
    // Zoomed out over north-west Europe on an ultra-wide (21:9) screen: 34° of longitude by 9° of latitude.
    // The south-east corner is near Plzeň; the south-west one is in the Atlantic.
    const box = { west: -20, south: 49.5, east: 14, north: 58.5 };
    const inset = 0.25;
    const corners = {
      NE: { lat: box.north - inset, lng: box.east - inset },
      NW: { lat: box.north - inset, lng: box.west + inset },
      SE: { lat: box.south + inset, lng: box.east - inset },
      SW: { lat: box.south + inset, lng: box.west + inset },
      centre: { lat: 54, lng: -3 },
    };
    const made: Record<string, string> = {};
    for (const [name, location] of Object.entries(corners)) {
      made[name] = (await createEvent(me, { title: `${name} ${tag}`, location, ...timed(day) })).id;
    }
    const res = await me.gql(IN_BOX, { box, ...window });
    const ids = new Set(res.data.eventsInBox.data.map((e: { id: string }) => e.id));
    const missing = Object.entries(made)
      .filter(([, id]) => !ids.has(id))
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  test('eventsInBox selecting only __typename answers without an error', async () => {
    const res = await new Client(api.url).gql(`{ eventsInBox(box: { west: -1.7, south: 53.75, east: -1.45, north: 53.88 }) { __typename } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.eventsInBox.__typename).toBe('QueryEventsInBoxSuccess');
  });

  test('UNLISTED events are not listed but anyone with the link can open them', async () => {
    const me = await signedUp(api.url);
    const tag = uniqueTag();
    const unlisted = await createEvent(me, { title: `Quiet ${tag}`, visibility: 'UNLISTED', location: offset(LS6, 1, 1) });
    expect(idsOf(await nearEdges(me, { postcode: 'LS6', text: tag }))).toEqual([]);
    const box = { west: -1.7, south: 53.75, east: -1.45, north: 53.88 };
    const inBox = (await me.gql(IN_BOX, { box })).data.eventsInBox.data.map((e: { id: string }) => e.id);
    expect(inBox).not.toContain(unlisted.id);
    const opened = await new Client(api.url).gql(EVENT, { id: unlisted.id });
    expect(opened.data.event).toMatchObject({ id: unlisted.id, visibility: 'UNLISTED', status: 'PUBLISHED' });
    // Once public, it is listed.
    await me.gql(UPDATE, { id: unlisted.id, input: eventInput({ title: `Quiet ${tag}`, visibility: 'PUBLIC', location: offset(LS6, 1, 1) }) });
    expect(idsOf(await nearEdges(me, { postcode: 'LS6', text: tag }))).toEqual([unlisted.id]);
  });

  test('CANCELLED events are not listed (still readable by id, marked cancelled)', async () => {
    const me = await signedUp(api.url);
    const tag = uniqueTag();
    const event = await createEvent(me, { title: `Called off ${tag}`, location: offset(LS6, 1, 1) });
    expect(idsOf(await nearEdges(me, { postcode: 'LS6', text: tag }))).toEqual([event.id]);
    await me.gql(CANCEL, { id: event.id });
    expect(idsOf(await nearEdges(me, { postcode: 'LS6', text: tag }))).toEqual([]);
    expect(idsOf(await nearEdges(me, { postcode: 'LS6', text: tag, sort: 'TIME' }))).toEqual([]);
    const box = { west: -1.7, south: 53.75, east: -1.45, north: 53.88 };
    expect((await me.gql(IN_BOX, { box })).data.eventsInBox.data.map((e: { id: string }) => e.id)).not.toContain(event.id);
    expect((await new Client(api.url).gql(EVENT, { id: event.id })).data.event.status).toBe('CANCELLED');
  });
});

// ------------------------------------------------------------------------------------------ address privacy

describe('address visibility ATTENDEES', () => {
  test('non-attendees see only the area; attendees and the organiser see the venue, address and exact spot', async () => {
    const organiser = await signedUp(api.url);
    const tag = uniqueTag();
    const exact = { lat: 53.81234, lng: -1.56789 };
    const address = `42 ${tag} Street`;
    // The venue's name says where it is as much as the address does.
    const venueName = `Sarah's flat ${uniqueTag()}`;
    const event = await createEvent(organiser, {
      title: `Private venue ${tag}`,
      venueName,
      addressVisibility: 'ATTENDEES',
      address,
      postcode: 'LS6 1AN',
      location: exact,
    });
    const uuid = uuidOf(event.id);

    const expectHidden = async (c: Client) => {
      const e = (await c.gql(EVENT, { id: event.id })).data.event;
      expect(e).toMatchObject({ venueName: null, address: null, postcode: null, addressHidden: true, areaLabel: 'LS6' });
      expect(e.location).not.toEqual(exact);
      expect(distanceKm(e.location, exact)).toBeLessThan(1);
      // Listings show the same.
      const [edge] = await nearEdges(c, { postcode: 'LS6', text: tag });
      expect(edge!.node).toMatchObject({ id: event.id, venueName: null, address: null, postcode: null, addressHidden: true });
      expect(edge!.node.location).toEqual(e.location);
      // Nor does searching for the venue's name find it.
      expect(await nearEdges(c, { postcode: 'LS6', text: venueName })).toEqual([]);
      // And so does the calendar file.
      const ics = (await (await c.get(`/calendar/events/${uuid}.ics`)).text()).replace(/\r\n[ \t]/g, '');
      expect(ics).not.toContain(address);
      expect(ics).not.toContain(`${tag} Street`);
      expect(ics).not.toContain('LS6 1AN');
      expect(ics).not.toContain('flat');
      const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
      expect(String(vevent.getFirstPropertyValue('location'))).toContain('LS6');
      const geo = vevent.getFirstPropertyValue('geo') as unknown as [number, number];
      expect(distanceKm({ lat: geo[0], lng: geo[1] }, exact)).toBeGreaterThan(0.01);
      return e;
    };
    const expectShown = async (c: Client) => {
      const e = (await c.gql(EVENT, { id: event.id })).data.event;
      expect(e).toMatchObject({ venueName, address, postcode: 'LS6 1AN', addressHidden: false, location: exact });
      const [edge] = await nearEdges(c, { postcode: 'LS6', text: tag });
      expect(edge!.node).toMatchObject({ id: event.id, venueName, address });
      const ics = await (await c.get(`/calendar/events/${uuid}.ics`)).text();
      const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
      expect(String(vevent.getFirstPropertyValue('location'))).toContain(`${venueName}, ${address}`);
    };

    const anonymous = new Client(api.url);
    const member = await signedUp(api.url);
    await expectHidden(anonymous);
    await expectHidden(member);
    await expectShown(organiser);

    expect((await member.gql(RSVP, { eventId: event.id })).data.rsvp.data.status).toBe('GOING');
    await expectShown(member);
    await expectHidden(anonymous);
    await expectShown(organiser);

    // Giving up the place gives up the address.
    const gaveUp = await member.gql(CANCEL_RSVP, { eventId: event.id });
    expect(gaveUp.errors).toBeUndefined();
    expect(gaveUp.data.cancelRsvp.data.status).toBe('CANCELLED');
    await expectHidden(member);
  });
});
