import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedPlaces } from '@rallypoint/prisma/seed';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { type DatabaseServer, startEmbedded } from '../src/db/database.ts';
import { repoRoot } from '../src/paths.ts';
import { scaledRateLimits } from '../src/security/rate-limits.ts';
import { type RunningApi, startApi } from '../src/server.ts';
import pg from 'pg';
import { freshDatabase } from './db-utils.ts';
import { CREATE_EVENT, eventInput, signedUp, startTestApi, uniqueTag } from './helpers.ts';

const migrationsDir = path.join(repoRoot, 'prisma', 'migrations');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `condition` holds; after `ms` fails saying what it waited for and where things stood. */
async function until(condition: () => boolean | Promise<boolean>, ms: number, what: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waited ${ms / 1000} s for ${what()}`);
    await sleep(20);
  }
}

const healthStatus = (url: string) =>
  fetch(`${url}/health`, { signal: AbortSignal.timeout(10_000) }).then(
    (res) => res.status,
    () => 0,
  );

interface Outcome {
  kind: 'ok' | 'unavailable' | 'other';
  id?: string;
  detail?: string;
}

async function createOne(url: string, cookie: string, title: string): Promise<Outcome> {
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query: CREATE_EVENT, variables: { input: eventInput({ title }), publish: true } }),
      // A request that hangs is a failure to report, not a test that never ends.
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await res.json()) as { data?: { createEvent?: { data?: { id: string } } }; errors?: { message: string; extensions?: { code?: string } }[] };
    const id = body.data?.createEvent?.data?.id;
    if (res.status === 200 && id) return { kind: 'ok', id };
    const code = body.errors?.[0]?.extensions?.code;
    if (res.status === 503 && code === 'DATABASE_UNAVAILABLE' && res.headers.get('retry-after') && /cannot reach its database/.test(body.errors![0]!.message)) {
      return { kind: 'unavailable' };
    }
    return { kind: 'other', detail: `${res.status} ${JSON.stringify(body).slice(0, 300)}` };
  } catch (error) {
    return { kind: 'other', detail: String(error) };
  }
}

describe('Postgres restarting under load', () => {
  let dir: string;
  let db: DatabaseServer;
  let api: RunningApi;
  beforeAll(async () => {
    // Its own embedded server, whatever DATABASE_URL says: this test stops and starts it.
    dir = mkdtempSync(path.join(os.tmpdir(), 'rp-faults-'));
    chmodSync(dir, 0o755);
    db = await startEmbedded({ dataDir: path.join(dir, 'pg') });
    api = await startApi(db.url, { port: 0, host: '127.0.0.1', rateLimits: scaledRateLimits(1000) }, async (prisma) => {
      await seedPlaces(prisma);
    });
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await db?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('writes fail with a clear 503 while it is down, no acknowledged write is lost, and the API recovers by itself', async () => {
    const member = await signedUp(api.url);
    const cookie = member.cookie!;
    const tag = uniqueTag();
    const WORKERS = 6;
    const ENOUGH = 10;
    const outcomes: { at: 'before' | 'stopping' | 'down' | 'after'; o: Outcome }[] = [];
    let phase: (typeof outcomes)[number]['at'] = 'before';
    let running = true;
    let n = 0;
    const worker = async () => {
      while (running) {
        const at = phase;
        outcomes.push({ at, o: await createOne(api.url, cookie, `Fault ${tag} ${++n}`) });
        // Refusals come back at once: pace them rather than spin.
        if (at === 'down') await sleep(20);
      }
    };
    const count = (at: string, kind: Outcome['kind']) => outcomes.filter((x) => x.at === at && x.o.kind === kind).length;
    const tally = () => {
      const counts: Record<string, number> = {};
      for (const x of outcomes) counts[`${x.at} ${x.o.kind}`] = (counts[`${x.at} ${x.o.kind}`] ?? 0) + 1;
      return JSON.stringify(counts);
    };
    const workers = Array.from({ length: WORKERS }, worker);
    try {
      await until(() => count('before', 'ok') >= ENOUGH, 60_000, () => `${ENOUGH} writes before the outage: ${tally()}`);
      const port = Number(new URL(db.url).port);
      phase = 'stopping';
      await db.stop();
      phase = 'down';
      await until(() => count('down', 'unavailable') >= ENOUGH, 60_000, () => `${ENOUGH} writes refused with 503 while down: ${tally()}`);
      await until(async () => (await healthStatus(api.url)) === 503, 60_000, () => '/health to say 503 while down');
      db = await startEmbedded({ dataDir: path.join(dir, 'pg'), port });
      phase = 'after';
      // Recovered without restarting the API: the latest writes all succeed.
      await until(
        () => {
          const after = outcomes.filter((x) => x.at === 'after');
          return after.length >= ENOUGH && after.slice(-ENOUGH).every((x) => x.o.kind === 'ok');
        },
        60_000,
        () => `${ENOUGH} writes in a row to succeed after the restart: ${tally()}`,
      );
    } finally {
      running = false;
      await Promise.all(workers);
    }
    expect(await healthStatus(api.url)).toBe(200);

    // A request in flight at the moment the server stops may fail with the connection: at most one per worker.
    const others = outcomes.filter((x) => x.o.kind === 'other');
    expect(others.length, JSON.stringify(others.slice(0, 3))).toBeLessThanOrEqual(WORKERS);

    // Every acknowledged write is in the database. A write whose connection died mid-request may have landed
    // unacknowledged (the error does not claim otherwise): at most one per worker, at the moment of the stop.
    const acked = outcomes.flatMap((x) => (x.o.kind === 'ok' ? [Buffer.from(x.o.id!, 'base64').toString().split(':')[1]!] : []));
    const stored = await api.prisma.event.findMany({ where: { title: { startsWith: `Fault ${tag}` } }, select: { id: true } });
    const storedIds = new Set(stored.map((e) => e.id));
    for (const id of acked) expect(storedIds.has(id)).toBe(true);
    expect(stored.length - acked.length).toBeLessThanOrEqual(WORKERS);
  }, 300_000);
});

describe('graceful shutdown', () => {
  test('in-flight requests finish and are answered; new connections are refused', async () => {
    const api = await startTestApi();
    const member = await signedUp(api.url);
    const tag = uniqueTag();
    let received = 0;
    api.server.on('request', () => received++);
    const inFlight = Array.from({ length: 25 }, (_, i) => createOne(api.url, member.cookie!, `Drain ${tag} ${i}`));
    await until(() => received >= 25, 60_000, () => `the server to receive all 25 requests (got ${received})`);
    const closing = api.close();
    const results = await Promise.all(inFlight);
    await closing;
    expect(results.map((r) => r.kind)).toEqual(Array(25).fill('ok'));
    await expect(fetch(`${api.url}/health`)).rejects.toThrow();
    // Answered means written: check through a fresh client on the same database.
    const check = await startTestApi();
    try {
      expect(await check.prisma.event.count({ where: { title: { startsWith: `Drain ${tag}` } } })).toBe(25);
    } finally {
      await check.close();
    }
  });
});

describe('closing', () => {
  test('once close() has resolved, dropping its database at once raises no error in the API (job runner included)', async () => {
    const db = await freshDatabase(inject('adminUrl'), 'closing');
    const api = await startApi(db.url, { port: 0, host: '127.0.0.1', rateLimits: scaledRateLimits(1000), redisUrl: null, runWorker: true }, async (prisma) => {
      await seedPlaces(prisma);
    });
    const member = await signedUp(api.url);
    expect((await createOne(api.url, member.cookie!, `Close ${uniqueTag()}`)).kind).toBe('ok');
    // Connected beforehand, so the drop follows close() at once, as a test file's teardown or a restart would.
    const admin = new pg.Client({ connectionString: inject('adminUrl') });
    await admin.connect();
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', record);
    try {
      await api.close();
      const name = new URL(db.url).pathname.slice(1);
      // FORCE ends any connection still open with 57P01; a pg client without an error listener throws it uncaught.
      await admin.query(`DROP DATABASE ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      // The API's side has read whatever the server sent once a round trip of ours has come back after it.
      await admin.query('SELECT 1');
      await new Promise((resolve) => setImmediate(resolve));
      expect(uncaught.map(String)).toEqual([]);
    } finally {
      process.off('uncaughtException', record);
      await admin.end();
      await db.drop();
    }
  });
});

describe('several instances starting at once', () => {
  test('two API instances on a fresh database apply each migration exactly once, and both serve', async () => {
    const db = await freshDatabase(inject('adminUrl'), 'two_apis');
    const start = () => startApi(db.url, { port: 0, host: '127.0.0.1', rateLimits: scaledRateLimits(1000), redisUrl: null });
    const [a, b] = await Promise.all([start(), start()]);
    try {
      const applied = await a.prisma.$queryRaw<{ migration_name: string; n: number }[]>`
        SELECT migration_name, count(*)::int AS n FROM _prisma_migrations GROUP BY migration_name`;
      expect(applied.length).toBe(readdirSync(migrationsDir).filter((d) => !d.endsWith('.toml')).length);
      for (const m of applied) expect(m.n, m.migration_name).toBe(1);
      for (const api of [a, b]) expect((await fetch(`${api.url}/health`)).status).toBe(200);
    } finally {
      await a.close();
      await b.close();
      await db.drop();
    }
  });
});
