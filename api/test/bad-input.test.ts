/**
 * Bad input gets a clear error and changes nothing: each case gets a typed error
 * (ValidationError with a field path, NotFoundError, ForbiddenError) or, where GraphQL itself rejects the
 * request, a GraphQL error response without a 5xx — and no row of the caller's (or the target) changes.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningApi } from '../src/server.ts';
import { Client, createEvent, eventInput, globalId, PASSWORD, SIGN_UP, signedUp, startTestApi, uuidOf } from './helpers.ts';

let api: RunningApi;
let caller: Client & { email: string; userId: string };
let other: Client & { email: string; userId: string };
let mine: { id: string };
let theirs: { id: string };

beforeAll(async () => {
  api = await startTestApi();
  [caller, other] = await Promise.all([signedUp(api.url), signedUp(api.url)]);
  mine = await createEvent(caller, { title: 'My event', capacity: 20 });
  theirs = await createEvent(other, { title: 'Their event', capacity: 20 });
});
afterAll(() => api.close());

// ------------------------------------------------------------------------------------------------ documents

const CREATE = /* GraphQL */ `
  mutation C($input: EventInput!) {
    createEvent(input: $input) {
      __typename
      ... on MutationCreateEventSuccess { data { id } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation U($id: ID!, $input: EventInput!) {
    updateEvent(id: $id, input: $input) {
      __typename
      ... on MutationUpdateEventSuccess { data { id } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const act = (name: string, success: string, arg = 'id') => /* GraphQL */ `
  mutation A($id: ID!) {
    ${name}(${arg}: $id) {
      __typename
      ... on ${success} { data { id } }
      ... on Error { message }
    }
  }
`;
const PUBLISH = act('publishEvent', 'MutationPublishEventSuccess');
const CANCEL = act('cancelEvent', 'MutationCancelEventSuccess');
const UNPUBLISH = act('unpublishEvent', 'MutationUnpublishEventSuccess');
const RSVP = act('rsvp', 'MutationRsvpSuccess', 'eventId');
const EVENT = /* GraphQL */ `query E($id: ID!) { event(id: $id) { id } }`;
const NODE = /* GraphQL */ `query N($id: ID!) { node(id: $id) { id } }`;
const NEAR = /* GraphQL */ `
  query Near($input: EventsNearInput!, $first: Int, $after: String) {
    eventsNear(input: $input, first: $first, after: $after) {
      __typename
      ... on EventsNearConnection { edges { node { id } } }
      ... on ValidationError { message fieldErrors { path message } }
    }
  }
`;
const IN_BOX = /* GraphQL */ `
  query Box($box: BoundingBoxInput!) {
    eventsInBox(box: $box) {
      __typename
      ... on ValidationError { message fieldErrors { path message } }
    }
  }
`;
const SET_HOME = /* GraphQL */ `
  mutation H($input: HomeAreaInput!) {
    setHomeArea(input: $input) {
      __typename
      ... on MutationSetHomeAreaSuccess { data { id } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;

// -------------------------------------------------------------------------------------------------- helpers

/** Everything of the caller's, and the two target events, as rows. */
async function snapshot() {
  const userIds = [uuidOf(caller.userId), uuidOf(other.userId)];
  const [users, events, rsvps, sessions] = await Promise.all([
    api.prisma.user.findMany({ where: { id: { in: userIds } }, orderBy: { id: 'asc' } }),
    api.prisma.event.findMany({ where: { organiserId: { in: userIds } }, orderBy: { id: 'asc' } }),
    api.prisma.rsvp.findMany({ where: { OR: [{ userId: { in: userIds } }, { eventId: { in: [uuidOf(mine.id), uuidOf(theirs.id)] } }] } }),
    api.prisma.session.count({ where: { userId: { in: userIds } } }),
  ]);
  return { users, events, rsvps, sessions };
}

async function unchanged<T>(run: () => Promise<T>): Promise<T> {
  const before = await snapshot();
  const result = await run();
  expect(await snapshot()).toEqual(before);
  return result;
}

// biome-ignore lint/suspicious/noExplicitAny: loosely typed JSON
function expectFieldError(result: any, path: string[]) {
  expect(result.__typename).toBe('ValidationError');
  expect(result.message).toBeTruthy();
  const paths = result.fieldErrors.map((e: { path: string[] }) => e.path);
  expect(paths).toContainEqual(path);
  for (const e of result.fieldErrors) expect(e.message).toBeTruthy();
}

/** A request GraphQL itself refuses: a 4xx with errors and no data, never a 5xx. */
async function expectGraphqlRejection(res: Response) {
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  const body = (await res.json()) as { data?: unknown; errors?: { message: string }[] };
  expect(body.errors?.length).toBeGreaterThan(0);
  expect(body.data ?? null).toBeNull();
}

// One clock reading for the whole file: "end equal to start" must not straddle a millisecond tick.
const NOW = Date.now();
const hourFromNow = (h: number) => new Date(NOW + h * 3_600_000).toISOString();

// --------------------------------------------------------------------------------------------- event input

describe('event input', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['malformed postcode', { postcode: 'NOT A POSTCODE' }, ['postcode']],
    ['postcode of an unknown district', { postcode: 'ZZ99 9ZZ' }, ['postcode']],
    ['latitude 91', { location: { lat: 91, lng: -1.5 } }, ['location', 'lat']],
    ['latitude -90.5', { location: { lat: -90.5, lng: -1.5 } }, ['location', 'lat']],
    ['longitude 181', { location: { lat: 53.8, lng: 181 } }, ['location', 'lng']],
    ['end before start', { startsAt: hourFromNow(30), endsAt: hourFromNow(29) }, ['endsAt']],
    ['end equal to start', { startsAt: hourFromNow(30), endsAt: hourFromNow(30) }, ['endsAt']],
    ['start in the past', { startsAt: hourFromNow(-3), endsAt: hourFromNow(1) }, ['startsAt']],
    ['negative capacity', { capacity: -5 }, ['capacity']],
    ['capacity 0', { capacity: 0 }, ['capacity']],
    ['capacity above the maximum', { capacity: 100_001 }, ['capacity']],
    ['oversize description', { description: 'x'.repeat(5001) }, ['description']],
    ['title too short', { title: 'ab' }, ['title']],
    ['blank venue', { venueName: '   ' }, ['venueName']],
    ['unknown constituency code', { kind: 'CANVASS', constituencyCode: 'E14999999' }, ['constituencyCode']],
    ['malformed constituency code', { kind: 'CANVASS', constituencyCode: 'LEEDS-NW' }, ['constituencyCode']],
  ];

  test.each(cases)('create with %s: ValidationError, nothing written', async (_name, overrides, path) => {
    const res = await unchanged(() => caller.gql(CREATE, { input: eventInput({ title: `Bad ${randomUUID()}`, ...overrides }) }));
    expect(res.status).toBe(200);
    expectFieldError(res.data.createEvent, path);
  });

  test.each(cases.filter(([name]) => name !== 'start in the past'))(
    'update with %s: ValidationError, the event is unchanged',
    async (_name, overrides, path) => {
      const res = await unchanged(() => caller.gql(UPDATE, { id: mine.id, input: eventInput({ title: 'My event', capacity: 20, ...overrides }) }));
      expectFieldError(res.data.updateEvent, path);
    },
  );

  test('a valid create still works (the cases above fail for their own reason)', async () => {
    const res = await caller.gql(CREATE, { input: eventInput({ kind: 'CANVASS', constituencyCode: 'E14001319', capacity: 100_000 }) });
    expect(res.data.createEvent.__typename).toBe('MutationCreateEventSuccess');
    await api.prisma.event.delete({ where: { id: uuidOf(res.data.createEvent.data.id) } });
  });

  test('NaN, Infinity and a number for a string are refused by GraphQL itself (4xx, not 5xx), nothing written', async () => {
    const query = 'mutation C($input: EventInput!) { createEvent(input: $input) { __typename } }';
    const base = eventInput();
    for (const body of [
      JSON.stringify({ query, variables: { input: { ...base, location: { lat: 'NaN', lng: -1.5 } } } }),
      JSON.stringify({ query, variables: { input: { ...base, location: { lat: 53.8, lng: 'Infinity' } } } }),
      JSON.stringify({ query, variables: { input: { ...base, location: { lat: 53.8, lng: null } } } }),
      // 1e400 is valid JSON that parses to Infinity.
      JSON.stringify({ query, variables: { input: { ...base, location: { lat: 1, lng: 2 } } } }).replace('"lat":1', '"lat":1e400'),
      JSON.stringify({ query, variables: { input: { ...base, capacity: 2 ** 31 } } }),
      JSON.stringify({ query, variables: { input: { ...base, kind: 'PARTY' } } }),
    ]) {
      await unchanged(async () => {
        const res = await fetch(`${api.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: caller.cookie! },
          body,
        });
        await expectGraphqlRejection(res);
      });
    }
  });

  test('a date that is not ISO-8601 is the field’s ValidationError (the shared date policy), nothing written', async () => {
    for (const startsAt of ['next Tuesday', 1_800_000_000_000, '2026-12-05T10:00:00']) {
      await unchanged(async () => {
        const res = await caller.gql(CREATE, { input: eventInput({ startsAt }) });
        expectFieldError(res.data.createEvent, ['startsAt']);
      });
    }
  });

  test('a 10 MB title: a ValidationError or 413, never a 5xx, nothing written', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    await unchanged(async () => {
      const res = await caller.raw({ query: CREATE, variables: { input: eventInput({ title: huge }) } });
      expect(res.status).toBeLessThan(500);
      if (res.status === 413) return;
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: { createEvent: unknown } };
      expectFieldError(body.data.createEvent, ['title']);
      // The error does not echo the 10 MB back.
      expect(JSON.stringify(body).length).toBeLessThan(10_000);
    });
  });
});

// ---------------------------------------------------------------------------------------------------- ids

describe('ids', () => {
  const malformed: [string, () => string][] = [
    ['not base64 at all', () => 'not-an-id'],
    ['an empty string', () => ''],
    ['a bare uuid', () => randomUUID()],
    ['a global ID of another type', () => globalId('Person', randomUUID())],
    ['a global ID whose id is not a uuid', () => globalId('Event', 'abc')],
    ['a global ID of 36 dashes', () => globalId('Event', '-'.repeat(36))],
    ['a global ID of 36 hex digits without dashes', () => globalId('Event', 'a'.repeat(36))],
  ];
  const unknown: [string, () => string][] = [['a well-formed global ID of a random uuid', () => globalId('Event', randomUUID())]];

  test.each([...unknown, ...malformed])('%s: NotFoundError from every write, null from event(id)', async (_name, make) => {
    const id = make();
    await unchanged(async () => {
      const update = await caller.gql(UPDATE, { id, input: eventInput() });
      expect(update.errors).toBeUndefined();
      expect(update.data.updateEvent.__typename).toBe('NotFoundError');
      for (const [doc, field] of [
        [PUBLISH, 'publishEvent'],
        [UNPUBLISH, 'unpublishEvent'],
        [CANCEL, 'cancelEvent'],
        [RSVP, 'rsvp'],
      ] as const) {
        const res = await caller.gql(doc, { id });
        expect(res.errors, field).toBeUndefined();
        expect(res.data[field].__typename, field).toBe('NotFoundError');
      }
      const read = await caller.gql(EVENT, { id });
      expect(read.errors).toBeUndefined();
      expect(read.data.event).toBeNull();
    });
  });

  test.each(malformed.filter(([name]) => name !== 'a global ID of another type'))('%s: node(id) is null; any error is a clean one that leaks no internals', async (_name, make) => {
    const res = await caller.gql(NODE, { id: make() });
    expect(res.status).toBeLessThan(500);
    expect(res.data.node).toBeNull();
    expect(JSON.stringify(res.errors ?? [])).not.toMatch(/prisma|invocation|\/src\/|syntax for type|node_modules/i);
  });

  test.each([
    ['Event', () => globalId('Event', randomUUID())],
    ['Person', () => globalId('Person', randomUUID())],
    ['Rsvp', () => globalId('Rsvp', randomUUID())],
  ])('node(id) of an unknown %s is null, without an error', async (_name, make) => {
    const res = await caller.gql(NODE, { id: make() });
    expect(res.errors).toBeUndefined();
    expect(res.data.node).toBeNull();
  });

  test('another member’s event: ForbiddenError, and their event is unchanged', async () => {
    await unchanged(async () => {
      expect((await caller.gql(UPDATE, { id: theirs.id, input: eventInput({ title: 'Mine now' }) })).data.updateEvent.__typename).toBe(
        'ForbiddenError',
      );
      expect((await caller.gql(CANCEL, { id: theirs.id })).data.cancelEvent.__typename).toBe('ForbiddenError');
      expect((await caller.gql(UNPUBLISH, { id: theirs.id })).data.unpublishEvent.__typename).toBe('ForbiddenError');
      expect((await caller.gql(PUBLISH, { id: theirs.id })).data.publishEvent.__typename).toBe('ForbiddenError');
    });
  });

  test('calendar file of a malformed id is a 404, not a 500', async () => {
    for (const id of ['-'.repeat(36), '0'.repeat(36), 'not-a-uuid', `${randomUUID()}x`]) {
      const res = await caller.get(`/calendar/events/${id}.ics`);
      expect(res.status, id).toBe(404);
    }
  });
});

// --------------------------------------------------------------------------------------------- discovery

describe('discovery input', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['radius 0', { postcode: 'LS6', radiusKm: 0 }, ['radiusKm']],
    ['negative radius', { postcode: 'LS6', radiusKm: -5 }, ['radiusKm']],
    ['radius 500', { postcode: 'LS6', radiusKm: 500 }, ['radiusKm']],
    ['first: 1000', { postcode: 'LS6', first: 1000 }, ['first']],
    ['first: 0', { postcode: 'LS6', first: 0 }, ['first']],
    ['malformed postcode', { postcode: 'NOT A POSTCODE' }, ['postcode']],
    ['unknown district', { postcode: 'ZZ99 9ZZ' }, ['postcode']],
    ['latitude 91', { location: { lat: 91, lng: 0 } }, ['location', 'lat']],
    ['longitude -181', { location: { lat: 53, lng: -181 } }, ['location', 'lng']],
    ['no place at all', {}, ['postcode']],
    ['"to" before "from"', { postcode: 'LS6', from: hourFromNow(48), to: hourFromNow(24) }, ['to']],
    ['10 kB of search text', { postcode: 'LS6', text: 'x'.repeat(10_000) }, ['text']],
    ['a garbage cursor', { postcode: 'LS6', after: 'garbage' }, ['after']],
    ['a cursor for the other sort', { postcode: 'LS6', sort: 'TIME', after: Buffer.from(JSON.stringify({ m: 5, id: randomUUID() })).toString('base64url') }, ['after']],
    ['a forged cursor with a non-uuid id', { postcode: 'LS6', after: Buffer.from(JSON.stringify({ m: 5, id: '-'.repeat(36) })).toString('base64url') }, ['after']],
  ];
  test.each(cases)('eventsNear with %s: ValidationError', async (_name, { first, after, ...input }, path) => {
    const res = await caller.gql(NEAR, { input, first, after });
    expect(res.errors).toBeUndefined();
    expectFieldError(res.data.eventsNear, path);
  });

  test.each([
    ['north below south', { west: -2, south: 54, east: -1, north: 53 }, ['box', 'north']],
    ['east west of west', { west: -1, south: 53, east: -2, north: 54 }, ['box', 'east']],
    ['latitude 91', { west: -2, south: 53, east: -1, north: 91 }, ['box', 'north']],
    ['longitude 181', { west: -2, south: 53, east: 181, north: 54 }, ['box', 'east']],
  ])('eventsInBox with %s: ValidationError', async (_name, box, path) => {
    const res = await caller.gql(IN_BOX, { box });
    expect(res.errors).toBeUndefined();
    expectFieldError(res.data.eventsInBox, path);
  });
});

// ---------------------------------------------------------------------------------------------- accounts

describe('account input', () => {
  test.each([
    ['an invalid email', { email: 'not-an-email' }, ['email']],
    ['an email with spaces inside', { email: 'a b@example.org' }, ['email']],
    ['a short password', { password: 'short' }, ['password']],
    ['a 10 kB password', { password: 'p'.repeat(10_000) }, ['password']],
    ['a blank first name', { firstName: '  ' }, ['firstName']],
    ['a malformed home postcode', { homePostcode: 'NOT A POSTCODE' }, ['homePostcode']],
    ['a home postcode of an unknown district', { homePostcode: 'ZZ99 9ZZ' }, ['homePostcode']],
  ])('sign up with %s: ValidationError, no account, no cookie', async (_name, overrides, path) => {
    const email = `bad-${randomUUID()}@example.org`;
    const client = new Client(api.url);
    const res = await client.raw({
      query: SIGN_UP,
      variables: { input: { email, password: PASSWORD, firstName: 'Bad', lastName: 'Input', ...overrides } },
    });
    const body = (await res.json()) as { data: { signUp: unknown } };
    expectFieldError(body.data.signUp, path);
    expect(res.headers.getSetCookie().filter((c) => c.startsWith('rp_session='))).toEqual([]);
    const given = (overrides as Record<string, unknown>).email;
    const tried = typeof given === 'string' ? given : email;
    expect(await api.prisma.user.count({ where: { email: { in: [email, tried.toLowerCase()] } } })).toBe(0);
  });

  test.each([
    ['an unknown district', { postcode: 'ZZ99 9ZZ' }, ['postcode']],
    ['a malformed postcode', { postcode: 'NOT A POSTCODE' }, ['postcode']],
    ['latitude 91', { location: { lat: 91, lng: 0 } }, ['location', 'lat']],
    ['longitude 181', { location: { lat: 0, lng: 181 } }, ['location', 'lng']],
    ['both a postcode and a pin', { postcode: 'LS6', location: { lat: 53.8, lng: -1.5 } }, ['postcode']],
  ])('setHomeArea with %s: ValidationError, home unchanged', async (_name, input, path) => {
    const res = await unchanged(() => caller.gql(SET_HOME, { input }));
    expectFieldError(res.data.setHomeArea, path);
  });
});

// ------------------------------------------------------------------------------------------ GraphQL itself

describe('malformed GraphQL requests', () => {
  // What urql (the web client) sends.
  const accept = 'application/graphql-response+json, application/graphql+json, application/json';

  const expectCleanError = async (res: Response) => {
    expect(res.status).toBe(400);
    const text = await res.text();
    const body = JSON.parse(text) as { errors?: { message: string }[] };
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/\bstack\b/i);
    expect(text).not.toMatch(/\s+at\s+\S+\s+\(/);
    expect(text).not.toContain('node_modules');
    expect(text).not.toContain('/src/');
  };

  test.each([
    ['a syntax error', '{ me { id '],
    ['an unknown field', '{ me { id passwordHash } }'],
    ['an unknown root field', '{ users { email } }'],
    ['a missing required argument', '{ event { id } }'],
  ])('%s: 400 with errors and no stack trace', async (_name, query) => {
    await expectCleanError(await caller.raw({ query }, { accept }));
  });

  test('a body that is not JSON: 400 with errors and no stack trace', async () => {
    const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: '{"query":' });
    await expectCleanError(res);
  });
});
