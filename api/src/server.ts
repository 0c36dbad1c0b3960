import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { type Config, loadConfig } from './config.ts';
import { createPrisma, type Db } from './db/client.ts';
import { migrate } from './db/migrate.ts';

export interface RunningApi {
  url: string;
  port: number;
  prisma: Db;
  server: Server;
  /** Graceful: in-flight requests finish (up to `graceMs`), new connections are refused. */
  close(graceMs?: number): Promise<void>;
}

/** Migrates the database at `databaseUrl` and serves the API on `config.port` (0 = any free port). */
export async function startApi(
  databaseUrl: string,
  overrides: Partial<Config> = {},
  /** Runs after migrating and before listening (e.g. seeding), so the first request sees a ready database. */
  prepare?: (prisma: Db) => Promise<void>,
): Promise<RunningApi> {
  const config = { ...loadConfig(), ...overrides };
  await migrate(databaseUrl);
  const prisma = createPrisma(databaseUrl);
  await prepare?.(prisma);
  const app = createApp(prisma, config);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.on('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    prisma,
    server,
    close: async (graceMs = 10_000) => {
      // Stop accepting, let in-flight requests finish (idle keep-alive sockets close now), then force the rest.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(force);
      await prisma.$disconnect();
    },
  };
}
