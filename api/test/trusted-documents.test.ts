// Trusted documents: in production the API runs only the operations the web build lists, named by sha256 hash.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { documentHash } from '../src/security/trusted-documents.ts';
import type { RunningApi } from '../src/server.ts';
import { byHash, Client, createEvent, signedUp, startTestApi, uuidOf, writeManifest } from './helpers.ts';

const CSRF = { 'x-graphql-yoga-csrf': 'test' };
const REGIONS = 'query Regions { regions { id name } }';
const RSVP = 'mutation Rsvp($id: ID!) { rsvp(eventId: $id) { __typename } }';
const LIVE = 'subscription Live($id: ID!) { eventLive(id: $id) { eventId goingCount } }';
/** Not in the manifest. */
const UNLISTED_RSVP = 'mutation Rsvp($id: ID!) { rsvp(eventId: $id) { __typename ... on Error { message } } }';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rallypoint-trusted-'));
const manifest = writeManifest(path.join(tmp, 'persisted-documents.json'), [REGIONS, RSVP, LIVE]);

let production: RunningApi;
let permissive: RunningApi;
let development: RunningApi;
beforeAll(async () => {
  [production, permissive, development] = await Promise.all([
    startTestApi({ production: true, allowArbitraryOperations: false, trustedDocumentsFile: manifest }),
    startTestApi({ production: true, allowArbitraryOperations: true, trustedDocumentsFile: manifest }),
    startTestApi({ production: false, allowArbitraryOperations: true, trustedDocumentsFile: manifest }),
  ]);
});
afterAll(async () => {
  await Promise.all([production?.close(), permissive?.close(), development?.close()]);
  rmSync(tmp, { recursive: true, force: true });
});

const post = async (api: RunningApi, body: unknown, headers: Record<string, string> = {}) => {
  const res = await new Client(api.url).raw(body, headers);
  return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] } };
};

const regionCount = (res: { body: { data?: Record<string, unknown> } }) => (res.body.data?.regions as unknown[] | undefined)?.length ?? 0;

/** An event somebody published, and a member (signed in) who may RSVP to it. */
async function eventAndMember(api: RunningApi) {
  const organiser = await signedUp(development.url);
  const event = await createEvent(organiser, { capacity: 5 });
  const member = await signedUp(development.url);
  const client = new Client(api.url);
  client.cookie = member.cookie;
  client.byHash = true;
  // The member's bookings of it (its organiser is going too).
  const booked = () => api.prisma.rsvp.count({ where: { eventId: uuidOf(event.id), userId: uuidOf(member.userId) } });
  return { event, client, booked };
}

describe('in production', () => {
  test('a listed hash runs, by POST and by GET', async () => {
    const res = await post(production, byHash(REGIONS));
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(regionCount(res)).toBeGreaterThan(10);
    const url = new URL(`${production.url}/graphql`);
    url.searchParams.set('extensions', JSON.stringify(byHash(REGIONS).extensions));
    const got = await fetch(url, { headers: CSRF });
    expect(got.status).toBe(200);
    expect(((await got.json()) as { data: unknown }).data).toEqual(res.body.data);
  });

  test('a listed mutation runs by hash, as the signed-in member', async () => {
    const { event, client, booked } = await eventAndMember(production);
    const res = await client.gql(RSVP, { id: event.id });
    expect(res, JSON.stringify(res)).toMatchObject({ status: 200, data: { rsvp: { __typename: 'MutationRsvpSuccess' } } });
    expect(await booked()).toBe(1);
  });

  test('an unlisted hash is refused with 400 and changes nothing', async () => {
    const { event, client, booked } = await eventAndMember(production);
    const res = await client.raw(byHash(UNLISTED_RSVP, { id: event.id }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([{ message: expect.stringMatching(/^Unknown operation hash/), extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }]);
    expect(await booked()).toBe(0);
  });

  test('query text is refused with 400 and changes nothing, even a listed document, even with its hash', async () => {
    const { event, client, booked } = await eventAndMember(production);
    for (const body of [
      { query: UNLISTED_RSVP, variables: { id: event.id } },
      { query: RSVP, variables: { id: event.id } },
      { query: RSVP, ...byHash(RSVP, { id: event.id }) },
      { query: '{ __schema { types { name } } }' },
    ]) {
      const res = await client.raw(body);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        errors: [{ message: expect.stringMatching(/runs only the web app’s own operations/), extensions: { code: 'PERSISTED_QUERY_ONLY' } }],
      });
    }
    expect(await booked()).toBe(0);
  });

  test('neither text nor hash: 400, asking for the hash', async () => {
    const res = await post(production, { variables: {}, extensions: { persistedQuery: { version: 2, sha256Hash: documentHash(REGIONS) } } });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ID_REQUIRED');
  });

  test('a subscription by hash over SSE, with the graphql-sse client as the web app sends it: now, then at a change', async () => {
    const { event, client } = await eventAndMember(production);
    const sse = createClient({ url: `${production.url}/graphql`, headers: CSRF, singleConnection: false, retryAttempts: 0 });
    // graphql-sse wants a query string: the web app sends an empty one with the hash.
    const stream = sse.iterate<{ eventLive: { eventId: string; goingCount: number } }>({ query: '', ...byHash(LIVE, { id: event.id }) });
    try {
      // The organiser is going; then the member.
      expect((await stream.next()).value).toEqual({ data: { eventLive: { eventId: event.id, goingCount: 1 } } });
      await client.gql(RSVP, { id: event.id });
      expect((await stream.next()).value).toEqual({ data: { eventLive: { eventId: event.id, goingCount: 2 } } });
    } finally {
      await stream.return?.();
      sse.dispose();
    }
  });

  test('a subscription as text, or by an unlisted hash, is refused before any stream starts', async () => {
    const { event } = await eventAndMember(production);
    const sse = createClient({ url: `${production.url}/graphql`, headers: CSRF, singleConnection: false, retryAttempts: 0 });
    try {
      for (const payload of [
        { query: LIVE, variables: { id: event.id } },
        { query: '', ...byHash(LIVE.replace('goingCount', 'placesLeft'), { id: event.id }) },
      ]) {
        const refused = sse.iterate(payload).next();
        await expect(refused).rejects.toMatchObject({ response: { status: 400 } });
      }
    } finally {
      sse.dispose();
    }
  });
});

describe('ALLOW_ARBITRARY_OPERATIONS=1 in production', () => {
  test('query text runs, and so does a listed hash', async () => {
    const text = await post(permissive, { query: '{ regions { id } }' });
    expect(text.status).toBe(200);
    expect(regionCount(text)).toBeGreaterThan(10);
    const hashed = await post(permissive, byHash(REGIONS));
    expect(hashed.status).toBe(200);
    expect(regionCount(hashed)).toBeGreaterThan(10);
  });

  test('without any manifest the API still starts and runs text', async () => {
    const api = await startTestApi({ production: true, allowArbitraryOperations: true, trustedDocumentsFile: path.join(tmp, 'none.json') });
    try {
      expect((await post(api, { query: '{ __typename }' })).body).toEqual({ data: { __typename: 'Query' } });
      expect((await post(api, byHash(REGIONS))).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    } finally {
      await api.close();
    }
  });

  test('an unlisted hash is still refused', async () => {
    const res = await post(permissive, byHash(UNLISTED_RSVP, { id: 'x' }));
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('in development', () => {
  test('text runs, a listed hash runs, and a request with neither gets yoga’s usual answer', async () => {
    expect((await post(development, { query: '{ __typename }' })).body).toEqual({ data: { __typename: 'Query' } });
    expect((await post(development, byHash(REGIONS))).status).toBe(200);
    const neither = await post(development, { variables: {} });
    expect(neither.body.errors).toEqual([{ message: 'Must provide query string.', extensions: { code: 'BAD_REQUEST' } }]);
  });

  test('a manifest written after the API started (a fresh web build) is read on the first unknown hash', async () => {
    const later = path.join(tmp, 'later.json');
    const api = await startTestApi({ production: false, allowArbitraryOperations: true, trustedDocumentsFile: later });
    try {
      const before = await post(api, byHash(REGIONS));
      expect(before.status).toBe(400);
      expect(before.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      writeManifest(later, [REGIONS]);
      const after = await post(api, byHash(REGIONS));
      expect(after.status).toBe(200);
      expect(regionCount(after)).toBeGreaterThan(10);
    } finally {
      await api.close();
    }
  });
});
