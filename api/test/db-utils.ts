import pg from 'pg';
import { ensureDatabase } from '../src/db/database.ts';

export function databaseUrlFor(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function dropDatabase(adminUrl: string, name: string): Promise<void> {
  return admin(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  });
}

/** Makes `name` a template nobody connects to (copies of it are then made without waiting). */
export function freezeTemplate(adminUrl: string, name: string): Promise<void> {
  return admin(adminUrl, async (client) => {
    await client.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
  });
}

export function dropTemplate(adminUrl: string, name: string): Promise<void> {
  return admin(adminUrl, async (client) => {
    await client.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} WITH IS_TEMPLATE false`);
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  });
}

/**
 * A copy of the migrated, seeded template: each test file has its own, so one file's job workers never take
 * another's jobs and counts over a table see only that file's rows.
 */
export async function copyOfTemplate(adminUrl: string, template: string, label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `rp_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin(adminUrl, async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(template)}`);
        return;
      } catch (error) {
        // 55006: something (autovacuum) is on the template this instant; it leaves soon.
        if ((error as { code?: string }).code !== '55006' || attempt === 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
  return { url: databaseUrlFor(adminUrl, name), drop: () => dropDatabase(adminUrl, name) };
}

/** A brand-new empty database on the test server, for tests that migrate from nothing. */
export async function freshDatabase(adminUrl: string, label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `rp_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await ensureDatabase(adminUrl, name);
  return { url: databaseUrlFor(adminUrl, name), drop: () => dropDatabase(adminUrl, name) };
}

/** This test file's own database (made by file-database.ts before the file runs). */
export function testDatabaseUrl(): string {
  const url = (globalThis as { rallypointTestDatabaseUrl?: string }).rallypointTestDatabaseUrl;
  if (!url) throw new Error('no test database: test/file-database.ts must be in setupFiles');
  return url;
}
