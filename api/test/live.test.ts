import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scaledRateLimits } from '../src/security/rate-limits.ts';
import { type RunningApi, startApi } from '../src/server.ts';
import { Client, createEvent, departureFor, manyMembers, signedUp, startTestApi } from './helpers.ts';
import { subscribe } from './sse.ts';
import { testDatabaseUrl } from './db-utils.ts';

const CSRF = { 'x-graphql-yoga-csrf': 'test' };
const LIVE = /* GraphQL */ `
  subscription Live($id: ID!) { eventLive(id: $id) { eventId goingCount waitlistCount placesLeft liftSeatsAvailable liftRequestsOpen status } }
`;
const NEAR = /* GraphQL */ `
  subscription Near($input: NewEventsNearInput!) { newEventsNear(input: $input) { id title areaLabel } }
`;
const RSVP = 'mutation($id: ID!) { rsvp(eventId: $id) { __typename } }';

interface Live {
  goingCount: number;
  waitlistCount: number;
  placesLeft: number | null;
}

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

describe('live updates over SSE', () => {
  test('an RSVP pushes places left and counts to everyone watching the event', async () => {
    const organiser = await signedUp(api.url);
    // Three places, one the organiser's own (they are going).
    const event = await createEvent(organiser, { capacity: 3 });
    const watcher = await subscribe<{ eventLive: Live }>(api.url, LIVE, { id: event.id }, CSRF);
    expect(watcher.status).toBe(200);
    // The current numbers first: the subscriber knows where it stands, and that it is listening.
    await watcher.waitFor(1);
    expect(watcher.events[0]!.payload.data).toEqual({
      eventLive: { eventId: event.id, goingCount: 1, waitlistCount: 0, placesLeft: 2, liftSeatsAvailable: 0, liftRequestsOpen: 0, status: 'PUBLISHED' },
    });
    const [a, b, c] = await Promise.all([signedUp(api.url), signedUp(api.url), signedUp(api.url)]);
    await a!.gql(RSVP, { id: event.id });
    await watcher.waitFor(2);
    expect(watcher.events[1]!.payload.data).toEqual({
      eventLive: { eventId: event.id, goingCount: 2, waitlistCount: 0, placesLeft: 1, liftSeatsAvailable: 0, liftRequestsOpen: 0, status: 'PUBLISHED' },
    });
    await b!.gql(RSVP, { id: event.id });
    await c!.gql(RSVP, { id: event.id });
    await watcher.waitUntil(({ eventLive: e }) => e.goingCount === 3 && e.waitlistCount === 1 && e.placesLeft === 0);
    await c!.gql('mutation($id: ID!) { cancelRsvp(eventId: $id) { __typename } }', { id: event.id });
    await watcher.waitUntil(({ eventLive: e }) => e.goingCount === 3 && e.waitlistCount === 0);
    watcher.close();
  });

  test('a burst of sign-ups is pushed as a few updates, the last one current', async () => {
    const organiser = await signedUp(api.url);
    // Eleven places, one the organiser's: ten for the crowd.
    const event = await createEvent(organiser, { capacity: 11 });
    const watcher = await subscribe<{ eventLive: Live }>(api.url, LIVE, { id: event.id }, CSRF);
    await watcher.waitFor(1);
    const members = await manyMembers(api, 25);
    await Promise.all(members.map((m) => m.gql(RSVP, { id: event.id })));
    await watcher.waitUntil(({ eventLive: e }) => e.goingCount === 11 && e.waitlistCount === 15);
    const pushes = watcher.events.length - 1;
    expect(pushes).toBeGreaterThanOrEqual(1);
    expect(pushes).toBeLessThan(25);
    expect(watcher.events.at(-1)!.payload.data).toMatchObject({ eventLive: { goingCount: 11, waitlistCount: 15, placesLeft: 0 } });
    watcher.close();
  });

  test('lift offers change the live lift seats', async () => {
    const organiser = await signedUp(api.url);
    const event = await createEvent(organiser, { kind: 'CANVASS', postcode: 'NW4 4BT' });
    const watcher = await subscribe(api.url, LIVE, { id: event.id }, CSRF);
    await watcher.waitFor(1);
    const driver = await signedUp(api.url);
    await driver.gql('mutation($e: ID!, $i: LiftOfferInput!) { offerLift(eventId: $e, input: $i) { __typename } }', {
      e: event.id,
      i: { postcode: 'N3', departAt: departureFor(), seats: 3, maxDetourKm: 10 },
    });
    await watcher.waitFor(2);
    expect(watcher.events[1]!.payload.data).toMatchObject({ eventLive: { liftSeatsAvailable: 3 } });
    watcher.close();
  });

  test('you can only watch events you can see', async () => {
    const organiser = await signedUp(api.url);
    const draft = await createEvent(organiser, {}, false);
    const stranger = await subscribe(api.url, LIVE, { id: draft.id }, CSRF);
    await stranger.waitFor(1);
    expect(stranger.events[0]!.payload.errors?.[0]?.message).toBe('That event was not found');
    const own = await subscribe(api.url, LIVE, { id: draft.id }, { ...CSRF, cookie: organiser.cookie! });
    await own.waitFor(1);
    expect(own.events[0]!.payload.data).toMatchObject({ eventLive: { status: 'DRAFT', goingCount: 1 } });
    own.close();
  });

  test('new public events near you arrive; far-away, unlisted and draft ones do not', async () => {
    // Subscribed once the stream's headers arrive: the server listens before it answers.
    const leeds = await subscribe(api.url, NEAR, { input: { postcode: 'LS6 1AN', radiusKm: 10 } }, CSRF);
    const london = await subscribe(api.url, NEAR, { input: { postcode: 'SW1A 1AA', radiusKm: 10 } }, CSRF);
    const organiser = await signedUp(api.url);
    await createEvent(organiser, { title: 'Unlisted Leeds meeting', visibility: 'UNLISTED' });
    await createEvent(organiser, { title: 'Draft Leeds meeting' }, false);
    const created = await createEvent(organiser, { title: 'Live Leeds street stall' });
    // Published after the Leeds ones, from the same instance: when it reaches London, anything for London has.
    const marker = await createEvent(organiser, { title: 'Westminster marker', postcode: 'SW1A 1AA' });
    await leeds.waitFor(1);
    await london.waitFor(1);
    expect(leeds.events.map((e) => e.payload.data)).toEqual([{ newEventsNear: { id: created.id, title: 'Live Leeds street stall', areaLabel: 'LS6' } }]);
    expect(london.events.map((e) => (e.payload.data as { newEventsNear: { id: string } }).newEventsNear.id)).toEqual([marker.id]);
    const bad = await subscribe(api.url, NEAR, { input: { postcode: 'ZZ9 9ZZ' } }, CSRF);
    await bad.waitFor(1);
    expect(bad.events[0]!.payload.errors?.[0]?.message).toMatch(/postcode area ZZ9/);
    for (const s of [leeds, london]) s.close();
  });

  test('shutting down ends live streams instead of waiting for them', async () => {
    const own = await startTestApi();
    const organiser = await signedUp(own.url);
    const event = await createEvent(organiser);
    const watcher = await subscribe(own.url, LIVE, { id: event.id }, CSRF);
    await watcher.waitFor(1);
    // With a grace period longer than the test may take: close() returns only because it ends the stream itself.
    await own.close(10 * 60_000);
    await expect(watcher.waitFor(2)).rejects.toThrow(/stream ended/);
  });
});

// ----------------------------------------------------------------------------------------------- scale-out

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisReachable = await new Promise<boolean>((resolve) => {
  const { hostname, port } = new URL(REDIS_URL);
  const socket = net.connect({ host: hostname, port: Number(port || 6379) });
  socket.setTimeout(1_000);
  socket.once('connect', () => {
    socket.end();
    resolve(true);
  });
  socket.once('error', () => resolve(false));
  socket.once('timeout', () => {
    socket.destroy();
    resolve(false);
  });
});
if (!redisReachable) console.warn(`Skipping the two-instance live test: no Redis at ${REDIS_URL} (set REDIS_URL to run it).`);

describe.skipIf(!redisReachable)(`two API instances sharing Redis (${REDIS_URL})`, () => {
  const instances: RunningApi[] = [];
  const start = (rateLimits = scaledRateLimits(1000)) =>
    startApi(testDatabaseUrl(), { port: 0, host: '127.0.0.1', rateLimits, redisUrl: REDIS_URL });
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) instances.push(await start());
  });
  afterAll(async () => {
    for (const i of instances) await i.close();
  });

  test('an RSVP on one instance reaches a subscriber on the other', async () => {
    const [a, b] = instances as [RunningApi, RunningApi];
    expect([a.live.transport, b.live.transport]).toEqual(['redis', 'redis']);
    const organiser = await signedUp(a.url);
    const event = await createEvent(organiser, { capacity: 5 });
    const onA = await subscribe(a.url, LIVE, { id: event.id }, CSRF);
    const nearOnA = await subscribe(a.url, NEAR, { input: { postcode: 'LS6', radiusKm: 20 } }, CSRF);
    await onA.waitFor(1);
    const member = await signedUp(b.url);
    const res = await member.gql(RSVP, { id: event.id });
    expect(res.data.rsvp.__typename).toBe('MutationRsvpSuccess');
    await onA.waitFor(2);
    expect(onA.events[1]!.payload.data).toMatchObject({ eventLive: { eventId: event.id, goingCount: 2, placesLeft: 3 } });

    const other = new Client(b.url);
    Object.assign(other, { cookie: organiser.cookie });
    const created = await createEvent(other, { title: 'Published on instance B' });
    // (The first event's own announcement may still be on its way: pushes follow commits, not responses.)
    await nearOnA.waitUntil((d) => (d as { newEventsNear: { id: string } }).newEventsNear.id === created.id);
    onA.close();
    nearOnA.close();
  });

  test('rate limits are counted across instances', async () => {
    const strict = { ...scaledRateLimits(1000), ipPerMinute: 6 };
    const pair = [await start(strict), await start(strict)];
    instances.push(...pair);
    // A fresh address per run: counters in Redis outlive the test.
    const ip = { 'x-forwarded-for': `2001:db8::${randomBytes(6).toString('hex').match(/.{4}/g)!.join(':')}` };
    const hit = (api: RunningApi) =>
      fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...ip }, body: '{"query":"{ __typename }"}' }).then((r) => r.status);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await hit(pair[0]!), await hit(pair[1]!));
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await hit(pair[0]!)).toBe(429);
    expect(await hit(pair[1]!)).toBe(429);
  });
});
