/**
 * `pnpm bench:api`: the API under load, on this machine. Writes bench/results/api.{json,md}.
 * 1. eventsNear with 100,000 events: GraphQL vs the same SQL behind a plain route (autocannon, 32 connections), in
 *    alternating slices so both meet the same background load; with the cheapest GraphQL request and database round
 *    trip as the machine's floor.
 * 2. 1,000 simultaneous RSVPs to a 100-place rally.
 * 3. Live fan-out: 1,000 SSE subscribers receive a places-left update.
 * The API runs as its own process in production mode (as deployed): it runs only the documents listed in its trusted
 * documents file, which the benchmark writes, and every GraphQL request names its document by hash. Load comes from
 * this process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedBenchEvents, seedPlaces } from '@rallypoint/prisma/seed';
import autocannon from 'autocannon';
import { createPrisma } from '../src/db/client.ts';
import { ensureDatabase, freePort, startEmbedded } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { repoRoot } from '../src/paths.ts';
import { documentHash } from '../src/security/trusted-documents.ts';
import { subscribe } from '../test/sse.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CSRF = { 'x-graphql-yoga-csrf': 'bench' };
/** Alternating slices per kind of request in the discovery comparison. */
const SLICES = Math.max(1, Math.round(DURATION / 2));
const t0 = performance.now();
const log = (m: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${m}`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : Number.NaN;
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

// ------------------------------------------------------------------------------------------------ the database

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rallypoint-bench-'));
chmodSync(tmp, 0o755);
let stopDb = async () => {};
let url: string;
if (process.env.DATABASE_URL) {
  const name = `rallypoint_bench_${Date.now()}`;
  await ensureDatabase(process.env.DATABASE_URL, name);
  const u = new URL(process.env.DATABASE_URL);
  u.pathname = `/${name}`;
  url = u.toString();
} else {
  const db = await startEmbedded({ dataDir: path.join(tmp, 'pg'), persistent: false });
  url = db.url;
  stopDb = db.stop;
}
await migrate(url);
const prisma = createPrisma(url);
await seedPlaces(prisma);
const organiser = await prisma.user.create({
  // Confirmed, as publishing events needs.
  data: { email: 'bench-organiser@rallypoint.example', firstName: 'Bench', lastName: 'Organiser', role: 'ADMIN', calendarToken: randomBytes(32).toString('hex'), emailVerifiedAt: new Date() },
});
let t = performance.now();
await seedBenchEvents(prisma, { count: EVENTS, organiserId: organiser.id });
await prisma.$executeRaw`ANALYZE events`;
log(`${EVENTS.toLocaleString('en-GB')} events seeded in ${round((performance.now() - t) / 1000)} s`);

/** Members with live sessions, written straight to the database (hashing 1,000 passwords is not what we measure). */
async function members(n: number): Promise<string[]> {
  const users = Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    email: `bench-${i}-${randomUUID()}@rallypoint.example`,
    firstName: 'Bench',
    lastName: `Member${i}`,
    calendarToken: randomBytes(32).toString('hex'),
  }));
  await prisma.user.createMany({ data: users });
  const tokens = users.map(() => randomBytes(32).toString('base64url'));
  await prisma.session.createMany({
    data: users.map((u, i) => ({ userId: u.id, tokenHash: createHash('sha256').update(tokens[i]!).digest('hex'), expiresAt: new Date(Date.now() + 86_400_000) })),
  });
  return tokens.map((token) => `rp_session=${token}`);
}
const [organiserCookie] = await (async () => {
  const token = randomBytes(32).toString('base64url');
  await prisma.session.create({ data: { userId: organiser.id, tokenHash: createHash('sha256').update(token).digest('hex'), expiresAt: new Date(Date.now() + 86_400_000) } });
  return [`rp_session=${token}`];
})();

// ---------------------------------------------------------------------------------------------- the documents

const NEAR_QUERY = /* GraphQL */ `
  query Near($input: EventsNearInput!, $first: Int) {
    eventsNear(input: $input, first: $first) {
      ... on EventsNearConnection {
        edges { distanceKm node { id title kind startsAt areaLabel location { lat lng } goingCount placesLeft } }
      }
    }
  }
`;
const FLOOR_QUERY = '{ __typename }';
const CREATE_EVENT = /* GraphQL */ `mutation($input: EventInput!) { createEvent(input: $input, publish: true) { __typename ... on MutationCreateEventSuccess { data { id } } ... on Error { message } } }`;
const RSVP = 'mutation($id: ID!) { rsvp(eventId: $id) { __typename ... on MutationRsvpSuccess { data { status } } ... on Error { message } } }';
const CANCEL_RSVP = 'mutation($id: ID!) { cancelRsvp(eventId: $id) { __typename } }';
const LIVE = 'subscription($id: ID!) { eventLive(id: $id) { placesLeft goingCount waitlistCount } }';
const manifest = path.join(tmp, 'persisted-documents.json');
writeFileSync(manifest, JSON.stringify(Object.fromEntries([NEAR_QUERY, FLOOR_QUERY, CREATE_EVENT, RSVP, CANCEL_RSVP, LIVE].map((q) => [documentHash(q), q]))));
/** A GraphQL request body naming its document by hash, as production requires. */
const byHash = (query: string, variables: Record<string, unknown> = {}) =>
  JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(query) } } });

// ------------------------------------------------------------------------------------------------------ the API

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const api: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: path.resolve(import.meta.dirname, '..'),
  env: {
    ...process.env,
    DATABASE_URL: url,
    API_PORT: String(port),
    API_HOST: '127.0.0.1',
    NODE_ENV: 'production',
    PUBLIC_URL: base,
    SMTP_URL: 'smtp://127.0.0.1:2525', // required in production; the benchmark sends no mail
    BENCH_PLAIN_ROUTE: '1',
    TRUSTED_DOCUMENTS_FILE: manifest,
    ALLOW_ARBITRARY_OPERATIONS: '0',
    RATE_LIMIT_FACTOR: '100000',
    // Nothing here matches lifts; the matcher's warm-up would take both cores for the first seconds measured.
    MATCHER_WARMUP: '0',
    REDIS_URL: process.env.BENCH_REDIS_URL ?? '',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let apiLog = '';
api.stdout?.on('data', (d) => (apiLog += d));
api.stderr?.on('data', (d) => (apiLog += d));
for (let i = 0; ; i++) {
  if (api.exitCode !== null || i > 600) throw new Error(`API did not start:\n${apiLog}`);
  if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) break;
  await new Promise((r) => setTimeout(r, 100));
}
log('API up (production mode, own process)');

async function gql(query: string, variables: Record<string, unknown>, cookie?: string) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...CSRF, ...(cookie ? { cookie } : {}) },
    body: byHash(query, variables),
  });
  // biome-ignore lint/suspicious/noExplicitAny: benchmark reads loosely typed JSON
  return { status: res.status, body: (await res.json()) as { data?: Record<string, any>; errors?: unknown[] } };
}

// ---------------------------------------------------------------------------------------- 1. discovery load

const places = await prisma.outcode.findMany({ where: { code: { in: ['LS6', 'M1', 'B1', 'SW1A', 'N7', 'BS1', 'G1', 'CF10'] } } });
const nearVariables = (p: { lat: number; lng: number }) => ({ input: { location: { lat: p.lat, lng: p.lng }, radiusKm: 10 }, first: 20 });
const plainPath = (p: { lat: number; lng: number }) => `/plain/events-near?lat=${p.lat}&lng=${p.lng}&radiusKm=10&first=20`;
const JSON_POST = { method: 'POST' as const, path: '/graphql', headers: { 'content-type': 'application/json', ...CSRF } };
const graphqlRequests = places.map((p) => ({ ...JSON_POST, body: byHash(NEAR_QUERY, nearVariables(p)) }));
const plainRequests = places.map((p) => ({ method: 'GET' as const, path: plainPath(p) }));

// Same answers both ways, or the comparison means nothing.
for (const p of places) {
  const g = await gql(NEAR_QUERY, nearVariables(p));
  const plain = (await (await fetch(`${base}${plainPath(p)}`)).json()) as { edges: unknown[] };
  // biome-ignore lint/suspicious/noExplicitAny: benchmark reads loosely typed JSON
  const edges = g.body.data?.eventsNear?.edges?.map((e: any) => ({ ...e, node: { ...e.node, id: Buffer.from(e.node.id, 'base64').toString().split(':')[1] } }));
  if (!edges?.length || JSON.stringify(edges) !== JSON.stringify(plain.edges)) {
    throw new Error(`GraphQL and the plain route disagree near ${p.code}: ${JSON.stringify(g.body).slice(0, 500)}`);
  }
}

interface Load {
  name: string;
  requests: number;
  non2xx: number;
  errors: number;
  reqPerSec: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Each kind of request runs `seconds` in all, in `slices` turns taken in rotation, so a change in the machine's
 * background load (other processes share it) falls on every kind alike. Latencies are every response's.
 */
async function compare(kinds: { name: string; requests: autocannon.Request[] }[], seconds: number, slices: number): Promise<Load[]> {
  const tally = kinds.map((k) => ({ ...k, latencies: [] as number[], non2xx: 0, errors: 0, seconds: 0 }));
  for (let i = 0; i < slices; i++) {
    for (const k of tally) {
      // The promise autocannon returns is also its instance, which tells of each response.
      const run = autocannon({ url: base, connections: 32, duration: seconds / slices, requests: k.requests }) as unknown as autocannon.Instance &
        Promise<autocannon.Result>;
      run.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
        k.latencies.push(ms);
        if (status < 200 || status > 299) k.non2xx++;
      });
      const r = await run;
      k.errors += r.errors;
      k.seconds += r.duration;
    }
  }
  return tally.map((k) => ({
    name: k.name,
    requests: k.latencies.length,
    non2xx: k.non2xx,
    errors: k.errors,
    reqPerSec: round(k.latencies.length / k.seconds),
    p50Ms: round(pct(k.latencies, 50)),
    p90Ms: round(pct(k.latencies, 90)),
    p99Ms: round(pct(k.latencies, 99)),
    maxMs: round(Math.max(...k.latencies)),
  }));
}
// Warm until steady: connection pools, the compiled document, and V8's optimisation of both paths (still recompiling
// GraphQL's after a few seconds).
await compare(
  [
    { name: 'warm-up', requests: graphqlRequests },
    { name: 'warm-up', requests: plainRequests },
  ],
  DURATION,
  SLICES,
);
const [graphqlLoad, plainLoad, floorGraphql, floorHealth] = (await compare(
  [
    { name: 'GraphQL eventsNear', requests: graphqlRequests },
    { name: 'plain HTTP route, same SQL', requests: plainRequests },
    // The machine's floor at 32 connections: the cheapest GraphQL request and the cheapest database round trip.
    { name: 'GraphQL { __typename }', requests: [{ ...JSON_POST, body: byHash(FLOOR_QUERY) }] },
    { name: 'GET /health (SELECT 1)', requests: [{ method: 'GET', path: '/health' }] },
  ],
  DURATION,
  SLICES,
)) as [Load, Load, Load, Load];
log(`GraphQL: ${graphqlLoad.reqPerSec} req/s, p50 ${graphqlLoad.p50Ms} ms, p99 ${graphqlLoad.p99Ms} ms`);
log(`plain:   ${plainLoad.reqPerSec} req/s, p50 ${plainLoad.p50Ms} ms, p99 ${plainLoad.p99Ms} ms`);
log(`floor:   { __typename } p99 ${floorGraphql.p99Ms} ms, /health p99 ${floorHealth.p99Ms} ms`);

// --------------------------------------------------------------------------------------------- 2. RSVP storm

const RALLY_CAPACITY = 100;
const RSVPS = 1000;
const created = await gql(
  CREATE_EVENT,
  {
    input: {
      kind: 'RALLY',
      title: 'Benchmark rally in Leeds',
      description: 'A 100-place rally for the RSVP benchmark.',
      startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 7 * 86_400_000 + 2 * 3_600_000).toISOString(),
      venueName: 'Millennium Square',
      address: 'Millennium Square, Leeds',
      postcode: 'LS2 3AD',
      capacity: RALLY_CAPACITY,
    },
  },
  organiserCookie,
);
const rallyId: string = created.body.data?.createEvent?.data?.id;
if (!rallyId) throw new Error(`could not create the rally: ${JSON.stringify(created.body)}`);
const cookies = await members(RSVPS);
t = performance.now();
const rsvpResults = await Promise.all(
  cookies.map(async (cookie) => {
    const start = performance.now();
    const r = await gql(RSVP, { id: rallyId }, cookie);
    return { ms: performance.now() - start, status: r.status, result: r.body.data?.rsvp?.data?.status as string | undefined };
  }),
);
const stormMs = performance.now() - t;
const rallyUuid = Buffer.from(rallyId, 'base64').toString().split(':')[1]!;
const inDb = await prisma.rsvp.groupBy({ by: ['status'], where: { eventId: rallyUuid }, _count: true });
const dbCount = (s: string) => inDb.find((g) => g.status === s)?._count ?? 0;
const storm = {
  requests: RSVPS,
  capacity: RALLY_CAPACITY,
  going: dbCount('GOING'),
  waitlisted: dbCount('WAITLISTED'),
  answeredGoing: rsvpResults.filter((r) => r.result === 'GOING').length,
  answeredWaitlisted: rsvpResults.filter((r) => r.result === 'WAITLISTED').length,
  status5xx: rsvpResults.filter((r) => r.status >= 500).length,
  otherFailures: rsvpResults.filter((r) => r.status < 500 && !r.result).length,
  wallMs: Math.round(stormMs),
  p50Ms: round(pct(rsvpResults.map((r) => r.ms), 50)),
  p99Ms: round(pct(rsvpResults.map((r) => r.ms), 99)),
  maxMs: round(Math.max(...rsvpResults.map((r) => r.ms))),
};
log(`RSVP storm: ${storm.going} GOING, ${storm.waitlisted} WAITLISTED, ${storm.status5xx} 5xx, p99 ${storm.p99Ms} ms`);

// ---------------------------------------------------------------------------------------------- 3. fan-out

const SUBSCRIBERS = 1000;
// Let the storm's last (throttled) push go out before anyone subscribes.
await new Promise((r) => setTimeout(r, 500));
const subs = [];
for (let i = 0; i < SUBSCRIBERS; i += 100) {
  subs.push(...(await Promise.all(Array.from({ length: Math.min(100, SUBSCRIBERS - i) }, () => subscribe(base, LIVE, { id: rallyId }, CSRF, { byHash: true })))));
}
// Each subscriber gets the current numbers first: once all have them, all are listening.
await Promise.allSettled(subs.map((s) => s.waitFor(1, 30_000)));
const connected = subs.filter((s) => s.status === 200 && s.events.length >= 1).length;
// One member going gives up their place: the head of the waitlist moves up, and everyone watching hears of it.
const going = rsvpResults.findIndex((r) => r.result === 'GOING');
const sent = performance.now();
const cancelled = await gql(CANCEL_RSVP, { id: rallyId }, cookies[going]);
const ackMs = performance.now() - sent;
await Promise.allSettled(subs.map((s) => s.waitUntil(() => s.events.some((e) => e.at >= sent), 10_000)));
const delays = subs.flatMap((s) => {
  const update = s.events.find((e) => e.at >= sent);
  return update ? [update.at - sent] : [];
});
for (const s of subs) s.close();
const fanout = {
  subscribers: SUBSCRIBERS,
  connected,
  received: delays.length,
  mutationStatus: cancelled.status,
  mutationAckMs: round(ackMs),
  p50Ms: round(pct(delays, 50)),
  p95Ms: round(pct(delays, 95)),
  p99Ms: round(pct(delays, 99)),
  maxMs: round(Math.max(...delays)),
};
log(`fan-out: ${fanout.received}/${SUBSCRIBERS} received, p50 ${fanout.p50Ms} ms, p99 ${fanout.p99Ms} ms`);

// ------------------------------------------------------------------------------------------------- results

api.kill('SIGTERM');
await new Promise((r) => api.once('exit', r));
await prisma.$disconnect();
await stopDb();
rmSync(tmp, { recursive: true, force: true });

const ratioP99 = round(graphqlLoad.p99Ms / plainLoad.p99Ms, 2);
const ratioThroughput = round(plainLoad.reqPerSec / graphqlLoad.reqPerSec, 2);
const p99OverFloor = round(graphqlLoad.p99Ms / floorGraphql.p99Ms, 2);
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}`;
const results = {
  date: new Date().toISOString(),
  machine,
  events: EVENTS,
  discovery: {
    connections: 32,
    seconds: DURATION,
    slices: SLICES,
    graphql: graphqlLoad,
    plain: plainLoad,
    ratioP99,
    ratioThroughput,
    floor: [floorGraphql, floorHealth],
    p99OverFloor,
  },
  rsvpStorm: storm,
  fanout,
  targets: {
    graphqlP99Under25ms: graphqlLoad.p99Ms < 25,
    ratioAtMost1_25: ratioP99 <= 1.25 && ratioThroughput <= 1.25,
    rsvpExact: storm.going === RALLY_CAPACITY && storm.waitlisted === RSVPS - RALLY_CAPACITY && storm.status5xx === 0,
    fanoutAllReceived: fanout.received === SUBSCRIBERS,
  },
};
const dir = path.join(repoRoot, 'bench', 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'api.json'), `${JSON.stringify(results, null, 2)}\n`);
const yes = (b: boolean) => (b ? '**met**' : '**missed**');
writeFileSync(
  path.join(dir, 'api.md'),
  `# API benchmark

${results.date.slice(0, 10)} on ${machine}; the API in its own process (NODE_ENV=production, embedded PostgreSQL), load from the benchmark process on the same machine.

## Events near a point (${EVENTS.toLocaleString('en-GB')} events, radius 10 km, 20 per page, 8 cities in rotation; autocannon, 32 connections, ${DURATION} s each, in ${SLICES} alternating slices)

| | requests/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx |
|---|---|---|---|---|---|---|
| GraphQL \`eventsNear\` | ${graphqlLoad.reqPerSec} | ${graphqlLoad.p50Ms} | ${graphqlLoad.p90Ms} | ${graphqlLoad.p99Ms} | ${graphqlLoad.maxMs} | ${graphqlLoad.non2xx} |
| plain route, same SQL | ${plainLoad.reqPerSec} | ${plainLoad.p50Ms} | ${plainLoad.p90Ms} | ${plainLoad.p99Ms} | ${plainLoad.maxMs} | ${plainLoad.non2xx} |
| *floor:* GraphQL \`{ __typename }\` | ${floorGraphql.reqPerSec} | ${floorGraphql.p50Ms} | ${floorGraphql.p90Ms} | ${floorGraphql.p99Ms} | ${floorGraphql.maxMs} | ${floorGraphql.non2xx} |
| *floor:* \`GET /health\` (SELECT 1) | ${floorHealth.reqPerSec} | ${floorHealth.p50Ms} | ${floorHealth.p90Ms} | ${floorHealth.p99Ms} | ${floorHealth.maxMs} | ${floorHealth.non2xx} |

GraphQL / plain: p99 × ${ratioP99}, throughput ÷ ${ratioThroughput}. GraphQL \`eventsNear\` p99 / GraphQL \`{ __typename }\` p99: × ${p99OverFloor}.

The four kinds of request take turns (${SLICES} slices of ${round(DURATION / SLICES)} s each), so background load on the machine falls on all of them alike. GraphQL requests name their document by hash (trusted documents, as production runs). The floor rows show what 32 connections cost on this machine before any work: the load generator, the API and PostgreSQL share ${os.cpus().length} cores.

## ${RSVPS.toLocaleString('en-GB')} simultaneous RSVPs to a ${RALLY_CAPACITY}-place rally

${storm.going} GOING and ${storm.waitlisted} WAITLISTED in the database (answers: ${storm.answeredGoing} going, ${storm.answeredWaitlisted} waitlisted); ${storm.status5xx} 5xx, ${storm.otherFailures} other failures. All answered in ${storm.wallMs} ms; per request p50 ${storm.p50Ms} ms, p99 ${storm.p99Ms} ms, max ${storm.maxMs} ms.

## Live fan-out: ${SUBSCRIBERS.toLocaleString('en-GB')} SSE subscribers to the rally

${fanout.connected} connected, ${fanout.received} received the places-left update after one cancellation (mutation answered in ${fanout.mutationAckMs} ms). Delivery after the mutation was sent: p50 ${fanout.p50Ms} ms, p95 ${fanout.p95Ms} ms, p99 ${fanout.p99Ms} ms, max ${fanout.maxMs} ms.

## Targets

- eventsNear p99 < 25 ms through GraphQL: ${yes(results.targets.graphqlP99Under25ms)} (${graphqlLoad.p99Ms} ms)
- GraphQL within 1.25× of the plain route, throughput and p99: ${yes(results.targets.ratioAtMost1_25)} (p99 × ${ratioP99}, throughput ÷ ${ratioThroughput})
- exactly ${RALLY_CAPACITY} GOING, ${RSVPS - RALLY_CAPACITY} WAITLISTED, no 5xx: ${yes(results.targets.rsvpExact)}
- every subscriber receives the update: ${yes(results.targets.fanoutAllReceived)} (p99 ${fanout.p99Ms} ms)
`,
);
log(`wrote bench/results/api.json and api.md`);
