import { spawn } from 'node:child_process';
import path from 'node:path';
import { seedPlaces } from '@rallypoint/prisma/seed';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { scaledRateLimits } from '../src/security/rate-limits.ts';
import { type RunningApi, startApi } from '../src/server.ts';
import { freshDatabase } from './db-utils.ts';
import { Client, createEvent, signedUp, startTestApi, uuidOf } from './helpers.ts';
import { subscribe } from './sse.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const LIVE = /* GraphQL */ `subscription Live($id: ID!) { eventLive(id: $id) { goingCount } }`;

/** Another API process on `databaseUrl`, set to die the moment an RSVP commits, before it publishes anything. */
async function apiThatDiesAfterRsvp(databaseUrl: string): Promise<{ url: string; exited: Promise<NodeJS.Signals | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures', 'api-process.ts'), databaseUrl], {
    env: { ...process.env, NODE_ENV: 'test', RALLYPOINT_FAILPOINTS: 'after-commit:rsvp' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{"url"'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`API process exited (${code}) before listening:\n${out}`)));
  });
  return { url, exited };
}

describe('the transactional outbox', () => {
  test('a change whose process dies between commit and publish is still pushed to the people watching', async () => {
    // A database of its own: only the two instances here may pick up what the dead one left.
    const db = await freshDatabase(inject('adminUrl'), 'outbox_crash');
    const survivor = await startApi(db.url, { port: 0, host: '127.0.0.1', rateLimits: scaledRateLimits(1000), redisUrl: null }, async (p) => {
      await seedPlaces(p);
    });
    try {
      await crashBetweenCommitAndPublish(survivor, db.url);
    } finally {
      await survivor.close();
      await db.drop();
    }
  }, 120_000);

  async function crashBetweenCommitAndPublish(api: RunningApi, databaseUrl: string) {
    const organiser = await signedUp(api.url);
    const event = await createEvent(organiser, { capacity: 10 });
    const member = await signedUp(api.url);
    const watcher = await subscribe<{ eventLive: { goingCount: number } }>(api.url, LIVE, { id: event.id }, { 'x-graphql-yoga-csrf': 'test' });
    await watcher.waitFor(1);
    // The organiser is going from the start.
    expect(watcher.events[0]!.payload.data).toEqual({ eventLive: { goingCount: 1 } });

    const doomed = await apiThatDiesAfterRsvp(databaseUrl);
    const viaDoomed = new Client(doomed.url);
    viaDoomed.cookie = member.cookie;
    // The request never gets an answer: the process is killed right after COMMIT.
    await expect(viaDoomed.gql('mutation($id: ID!) { rsvp(eventId: $id) { __typename } }', { id: event.id })).rejects.toThrow();
    expect(await doomed.exited).toBe('SIGKILL');
    // It committed…
    expect((await api.prisma.rsvp.findFirstOrThrow({ where: { eventId: uuidOf(event.id), user: { email: member.email } } })).status).toBe('GOING');
    // …and the announcement it never published is picked up and delivered by the instance that is still running.
    await watcher.waitUntil(({ eventLive }) => eventLive.goingCount === 2, 60_000);
    watcher.close();
    // The row goes when the publishing transaction commits, a moment after the push it made (slower on a busy machine).
    const left = async () =>
      (await api.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM outbox WHERE payload->>'eventId' = ${uuidOf(event.id)}`)[0]!.n;
    await expect.poll(left, { timeout: 60_000, interval: 100 }).toBe(0);
  }

  test('a failed change announces nothing, and every committed one is announced once', async () => {
    const organiser = await signedUp(api.url);
    // Two places: the organiser's own and one more.
    const event = await createEvent(organiser, { capacity: 2 });
    const watcher = await subscribe<{ eventLive: { goingCount: number } }>(api.url, LIVE, { id: event.id }, { 'x-graphql-yoga-csrf': 'test' });
    await watcher.waitFor(1);
    const member = await signedUp(api.url);
    // Refused (too many guests): nothing changed, nothing pushed. Then a real sign-up: exactly one push follows.
    const refused = await member.gql('mutation($id: ID!) { rsvp(eventId: $id, guests: 5) { __typename } }', { id: event.id });
    expect(refused.data.rsvp.__typename).toBe('ValidationError');
    await member.gql('mutation($id: ID!) { rsvp(eventId: $id) { __typename } }', { id: event.id });
    await watcher.waitUntil(({ eventLive }) => eventLive.goingCount === 2);
    expect(watcher.events.map((e) => e.payload.data?.eventLive.goingCount)).toEqual([1, 2]);
    watcher.close();
  });
});
