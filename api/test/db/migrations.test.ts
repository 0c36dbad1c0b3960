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
});
