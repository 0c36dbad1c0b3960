import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, inject, test } from 'vitest';
import { MIGRATIONS_DIR, migrate, readMigrations } from '../../src/db/migrate.ts';
import { freshDatabase } from '../db-utils.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function fresh(label: string) {
  const db = await freshDatabase(inject('adminUrl'), label);
  cleanups.push(db.drop);
  return db.url;
}

async function rows(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  test('apply in order, once, recorded in _prisma_migrations like Prisma does', async () => {
    const url = await fresh('order');
    const names = readMigrations().map((m) => m.name);
    expect(await migrate(url)).toEqual(names);
    expect(await migrate(url)).toEqual([]);
    const recorded = await rows(url, 'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY started_at');
    expect(recorded.map((r) => r.migration_name)).toEqual(names);
    for (const r of recorded) {
      expect(r.finished_at).not.toBeNull();
      expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  test('two instances starting at once apply each migration exactly once (advisory lock)', async () => {
    const url = await fresh('race');
    const results = await Promise.all([migrate(url), migrate(url), migrate(url)]);
    const applied = results.flat();
    expect(applied.sort()).toEqual(readMigrations().map((m) => m.name).sort());
    const count = await rows(url, 'SELECT count(*)::int AS n FROM "_prisma_migrations"');
    expect(count[0].n).toBe(readMigrations().length);
  });

  test('refuses to start when an applied migration file was edited', async () => {
    const url = await fresh('edited');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rp-migrations-'));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    await migrate(url, readMigrations(dir));
    const first = readMigrations(dir)[0]!;
    const file = path.join(dir, first.name, 'migration.sql');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n-- sneaky edit\n`);
    await expect(migrate(url, readMigrations(dir))).rejects.toThrow(/edited after it was applied/);
  });

  test('a failing migration rolls back entirely and is not recorded', async () => {
    const url = await fresh('failing');
    const good = readMigrations();
    const bad = { name: '99999999999999_broken', sql: 'CREATE TABLE half_done (id int); SELECT 1/0;', checksum: 'x'.repeat(64) };
    await expect(migrate(url, [...good, bad])).rejects.toThrow(/broken failed/);
    const tables = await rows(url, "SELECT to_regclass('public.half_done') AS t");
    expect(tables[0].t).toBeNull();
    const recorded = await rows(url, 'SELECT migration_name FROM "_prisma_migrations"');
    expect(recorded.map((r) => r.migration_name)).toEqual(good.map((m) => m.name));
  });
  test('lift requests of riders only on a waitlist wait once WAITING exists; riders with a place stay open', async () => {
    const url = await fresh('waiting');
    const all = readMigrations();
    const split = all.findIndex((m) => m.name.endsWith('_lift_request_waiting_backfill'));
    expect(split).toBeGreaterThan(0);
    await migrate(url, all.slice(0, split));
    await rows(
      url,
      `INSERT INTO regions (id, name, nation) VALUES ('r-test', 'Test region', 'England');
       INSERT INTO users (id, email, first_name, last_name, calendar_token) VALUES
         ('00000000-0000-4000-8000-000000000001', 'host@example.test', 'H', 'H', 't1'),
         ('00000000-0000-4000-8000-000000000002', 'waiting@example.test', 'W', 'W', 't2'),
         ('00000000-0000-4000-8000-000000000003', 'going@example.test', 'G', 'G', 't3');
       INSERT INTO events (id, kind, title, description, starts_at, ends_at, venue_name, address, area_label, exact_lat,
                           exact_lng, lat, lng, region_id, organiser_id, updated_at)
         VALUES ('00000000-0000-4000-8000-0000000000e1', 'CANVASS', 'Canvass', '', now() + interval '2 days',
                 now() + interval '2 days 2 hours', 'Hall', '1 Road', 'LS6', 53.8, -1.57, 53.8, -1.57, 'r-test',
                 '00000000-0000-4000-8000-000000000001', now());
       INSERT INTO rsvps (id, event_id, user_id, status, updated_at) VALUES
         (gen_random_uuid(), '00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-000000000002', 'WAITLISTED', now()),
         (gen_random_uuid(), '00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-000000000003', 'GOING', now());
       INSERT INTO lift_requests (id, event_id, rider_id, origin_label, origin_lat, origin_lng, seats, updated_at) VALUES
         ('00000000-0000-4000-8000-0000000000a2', '00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-000000000002', 'LS6', 53.8, -1.57, 1, now()),
         ('00000000-0000-4000-8000-0000000000a3', '00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-000000000003', 'LS6', 53.8, -1.57, 1, now());`,
    );
    await migrate(url, all);
    const after = await rows(url, 'SELECT rider_id, status FROM lift_requests ORDER BY rider_id');
    expect(after.map((r) => r.status)).toEqual(['WAITING', 'OPEN']);
  });
  test('organisers of events to come are going to them once the creator-going backfill has run, and only once', async () => {
    const url = await fresh('creator');
    const all = readMigrations();
    const at = all.findIndex((m) => m.name.endsWith('_creator_going'));
    expect(at).toBeGreaterThan(0);
    await migrate(url, all.slice(0, at));
    const host = '00000000-0000-4000-8000-000000000001';
    const other = '00000000-0000-4000-8000-000000000002';
    // e1 open; e2 full; e3 over; e4 cancelled; e5 has shifts; e6 its host cancelled; e7 has room; e8 host already going.
    const event = (n: number, opts: { when?: string; status?: string; capacity?: number | null; going?: number } = {}) =>
      `('00000000-0000-4000-8000-0000000000e${n}', 'CANVASS', 'Event ${n}', '', now() + interval '${opts.when ?? '2 days'}',
        now() + interval '${opts.when ?? '2 days'}' + interval '2 hours', 'Hall', '1 Road', 'LS6', 53.8, -1.57, 53.8, -1.57, 'r-test',
        '${host}', now(), '${opts.status ?? 'PUBLISHED'}', ${opts.capacity ?? 'NULL'}, ${opts.going ?? 0})`;
    await rows(
      url,
      `INSERT INTO regions (id, name, nation) VALUES ('r-test', 'Test region', 'England');
       INSERT INTO users (id, email, first_name, last_name, calendar_token) VALUES
         ('${host}', 'host@example.test', 'H', 'H', 't1'), ('${other}', 'other@example.test', 'O', 'O', 't2');
       INSERT INTO events (id, kind, title, description, starts_at, ends_at, venue_name, address, area_label, exact_lat,
                           exact_lng, lat, lng, region_id, organiser_id, updated_at, status, capacity, going_count) VALUES
         ${event(1)}, ${event(2, { capacity: 1, going: 1 })}, ${event(3, { when: '-2 days' })}, ${event(4, { status: 'CANCELLED' })},
         ${event(5)}, ${event(6)}, ${event(7, { status: 'DRAFT', capacity: 3, going: 1 })}, ${event(8, { going: 1 })};
       INSERT INTO event_shifts (id, event_id, starts_at, ends_at) VALUES
         (gen_random_uuid(), '00000000-0000-4000-8000-0000000000e5', now() + interval '2 days', now() + interval '2 days 1 hour');
       INSERT INTO rsvps (id, event_id, user_id, status, updated_at) VALUES
         (gen_random_uuid(), '00000000-0000-4000-8000-0000000000e2', '${other}', 'GOING', now()),
         (gen_random_uuid(), '00000000-0000-4000-8000-0000000000e6', '${host}', 'CANCELLED', now()),
         (gen_random_uuid(), '00000000-0000-4000-8000-0000000000e7', '${other}', 'GOING', now()),
         (gen_random_uuid(), '00000000-0000-4000-8000-0000000000e8', '${host}', 'GOING', now());`,
    );
    const state = async () => ({
      rsvps: (
        await rows(url, `SELECT right(e.id::text, 2) AS e, r.status FROM rsvps r JOIN events e ON e.id = r.event_id WHERE r.user_id = '${host}' ORDER BY 1`)
      ).map((r) => `${r.e}:${r.status}`),
      going: (await rows(url, 'SELECT right(id::text, 2) AS e, going_count FROM events ORDER BY 1')).map((r) => `${r.e}:${r.going_count}`),
    });
    await migrate(url, all);
    const after = await state();
    expect(after.rsvps).toEqual(['e1:GOING', 'e6:CANCELLED', 'e7:GOING', 'e8:GOING']);
    expect(after.going).toEqual(['e1:1', 'e2:1', 'e3:0', 'e4:0', 'e5:0', 'e6:0', 'e7:2', 'e8:1']);
    // Run again by hand: nothing more.
    await rows(url, all[at]!.sql);
    expect(await state()).toEqual(after);
  });
});
