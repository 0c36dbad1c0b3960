/**
 * Every geo query must use its GiST index. On a fresh database with 20,000 bench events,
 * we run the product's own service functions against a Prisma client that logs its SQL, then EXPLAIN exactly
 * that SQL with the same parameter values and inspect the plan.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@rallypoint/prisma';
import { DEFAULT_SPEED_KMH } from '@rallypoint/shared';
import { seedBenchEvents, seedPlaces } from '@rallypoint/prisma/seed';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { migrate } from '../src/db/migrate.ts';
import { eventsInBox, eventsNear } from '../src/events/service.ts';
import { nearestMarginals, nearestOutcode, regionAt } from '../src/places/service.ts';
import { rankCandidates } from '../src/lifts/service.ts';
import { freshDatabase } from './db-utils.ts';

interface LoggedQuery {
  query: string;
  params: unknown[];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

let db: { url: string; drop: () => Promise<void> };
let prisma: PrismaClient;
let sql: pg.Client;
const logged: LoggedQuery[] = [];

beforeAll(async () => {
  db = await freshDatabase(inject('adminUrl'), 'geoidx');
  await migrate(db.url);
  const adapter = new PrismaPg({ connectionString: db.url, max: 4 });
  const logging = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  logging.$on('query', (e) => {
    logged.push({ query: e.query, params: JSON.parse(e.params) as unknown[] });
  });
  prisma = logging;
  await seedPlaces(prisma);
  const organiser = await prisma.user.create({
    data: { email: 'bench@example.org', firstName: 'Bench', lastName: 'Organiser', calendarToken: 'f'.repeat(64) },
  });
  await seedBenchEvents(prisma, { count: 20_000, organiserId: organiser.id });
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  await sql.query('ANALYZE');
}, 120_000);

afterAll(async () => {
  await sql?.end();
  await prisma?.$disconnect();
  await db?.drop();
});

/** Runs `action`, returning the raw-SQL statements it sent (Prisma's own model queries are skipped). */
async function capture(action: () => Promise<unknown>, table: string): Promise<LoggedQuery[]> {
  logged.length = 0;
  await action();
  const mine = logged.filter((q) => new RegExp(`\\bFROM ${table}\\b`).test(q.query) && !q.query.includes('"public".'));
  expect(mine.length, `no raw query on ${table} was logged`).toBeGreaterThan(0);
  return mine;
}

async function plan(q: LoggedQuery): Promise<PlanNode> {
  // Untyped parameters: Postgres infers each one's type from its context, as it does for the real statement.
  const { rows } = await sql.query(`EXPLAIN (FORMAT JSON) ${q.query}`, q.params);
  return (rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan;
}

function nodes(p: PlanNode): PlanNode[] {
  return [p, ...(p.Plans ?? []).flatMap(nodes)];
}

async function expectIndexed(q: LoggedQuery, table: string, index: string) {
  const all = nodes(await plan(q));
  const describe = all.map((n) => `${n['Node Type']}${n['Relation Name'] ? ` on ${n['Relation Name']}` : ''}${n['Index Name'] ? ` using ${n['Index Name']}` : ''}`);
  expect(all.some((n) => n['Index Name'] === index), `plan should use ${index}: ${describe.join(' / ')}`).toBe(true);
  expect(
    all.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === table),
    `no Seq Scan on ${table}: ${describe.join(' / ')}`,
  ).toEqual([]);
}

describe('geo queries use their GiST index (20,000 events, fresh database)', () => {
  test('the data is there: 20,000 published events, and the plan checker sees a Seq Scan when there is no index', async () => {
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM events WHERE status = 'PUBLISHED'`);
    expect(rows[0].n).toBe(20_000);
    // The checker itself must be able to fail: a non-geo filter on events has to scan the table.
    const all = nodes(await plan({ query: 'SELECT id FROM events WHERE description LIKE $1', params: ['%LS6%'] }));
    expect(all.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'events')).toBe(true);
  });

  for (const sort of ['DISTANCE', 'TIME'] as const) {
    for (const [where, postcode] of [
      ['Leeds', 'LS6 1AN'],
      ['central London', 'SW1A 1AA'],
    ] as const) {
      test(`eventsNear, sort ${sort}, around ${where}: events_earth_idx, no Seq Scan on events`, async () => {
        const [query] = await capture(() => eventsNear(prisma, { postcode, radiusKm: 25, sort, first: 20 }), 'events');
        expect(query!.query).toMatch(/earth_box/);
        await expectIndexed(query!, 'events', 'events_earth_idx');
      });
    }
  }

  test('eventsNear with every filter and a cursor (second page) still uses events_earth_idx', async () => {
    const first = await eventsNear(prisma, { postcode: 'LS6', radiusKm: 40, sort: 'DISTANCE', first: 5 });
    expect(first.hasNextPage).toBe(true);
    const [query] = await capture(
      () =>
        eventsNear(
          prisma,
          {
            location: { lat: 53.8, lng: -1.55 },
            radiusKm: 40,
            sort: 'DISTANCE',
            first: 5,
            kinds: ['MEETING', 'CANVASS'],
            text: 'community',
            from: new Date(),
            to: new Date(Date.now() + 30 * 86_400_000),
          },
          first.hits.at(-1)!.cursor,
        ),
      'events',
    );
    await expectIndexed(query!, 'events', 'events_earth_idx');
  });

  test('eventsInBox (a city viewport and a regional one): events_earth_idx, no Seq Scan on events', async () => {
    for (const box of [
      { west: -1.7, south: 53.75, east: -1.45, north: 53.88 },
      { west: -2.6, south: 53.3, east: -0.5, north: 54.3 },
    ]) {
      const [query] = await capture(() => eventsInBox(prisma, box, {}), 'events');
      await expectIndexed(query!, 'events', 'events_earth_idx');
    }
  });

  test('nearestOutcode: outcodes_earth_idx, no Seq Scan on outcodes', async () => {
    const [query] = await capture(() => nearestOutcode(prisma, { lat: 53.8, lng: -1.55 }), 'outcodes');
    await expectIndexed(query!, 'outcodes', 'outcodes_earth_idx');
  });

  test('regionAt: constituencies_earth_idx and outcodes_earth_idx, no Seq Scan on either', async () => {
    const [query] = await capture(() => regionAt(prisma, { lat: 53.8, lng: -1.55 }), 'constituencies');
    await expectIndexed(query!, 'constituencies', 'constituencies_earth_idx');
    await expectIndexed(query!, 'outcodes', 'outcodes_earth_idx');
  });

  test('nearestMarginals: an ordered scan of constituencies_earth_idx, no Seq Scan on constituencies', async () => {
    await prisma.targetSeat.create({ data: { constituencyCode: 'E14001063' } }).catch(() => {});
    const [query] = await capture(() => nearestMarginals(prisma, { lat: 51.5, lng: -0.12 }, 5, 5), 'constituencies');
    await expectIndexed(query!, 'constituencies', 'constituencies_earth_idx');
  });

  test('lift candidates: open offers near the rider come through lift_offers_earth_idx, not a scan of all offers', async () => {
    // 2 canvasses in London with 2,000 drivers each, spread over the south-east; one rider in Hendon.
    const events = await prisma.event.findMany({ where: { lat: { gt: 51.3, lt: 51.7 }, lng: { gt: -0.5, lt: 0.2 } }, take: 2 });
    const n = 2000;
    await prisma.user.createMany({
      data: Array.from({ length: n + 1 }, (_, i) => ({
        email: `lift-${i}@example.org`,
        firstName: 'D',
        lastName: String(i),
        calendarToken: i.toString(16).padStart(64, '0'),
      })),
    });
    const users = await prisma.user.findMany({ where: { email: { startsWith: 'lift-' } }, orderBy: { email: 'asc' } });
    const rider = users.pop()!;
    const departAt = new Date(Date.now() + 86_400_000);
    await prisma.liftOffer.createMany({
      data: events.flatMap((e) =>
        users.map((u, i) => ({
          eventId: e.id,
          driverId: u.id,
          originLabel: 'X',
          originLat: 50.8 + ((i * 37) % 100) / 60,
          originLng: -1.5 + ((i * 53) % 100) / 40,
          departAt,
          seats: 3,
          maxDetourKm: 10,
        })),
      ),
    });
    const request = await prisma.liftRequest.create({
      data: { eventId: events[0]!.id, riderId: rider.id, originLabel: 'NW4', originLat: 51.59, originLng: -0.23, seats: 1 },
    });
    await sql.query('ANALYZE lift_offers');
    const queries = await capture(() => rankCandidates(prisma, request, { settings: { liftSpeedKmh: DEFAULT_SPEED_KMH } }), 'lift_offers');
    const candidateQuery = queries.find((q) => q.query.includes('earth_box'));
    expect(candidateQuery).toBeDefined();
    await expectIndexed(candidateQuery!, 'lift_offers', 'lift_offers_earth_idx');
  });
});
