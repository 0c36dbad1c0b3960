import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { type Config, loadConfig } from './config.ts';
import { createPrisma, type Db } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { isDatabaseUnavailable } from './db/unavailable.ts';
import { prepareJobQueue, startJobRunner } from './jobs/worker.ts';
import { createLive, type Live } from './live/pubsub.ts';
import { createMailer } from './mail/mailer.ts';
import { outboxHandlers } from './outbox/handlers.ts';
import { OutboxPublisher } from './outbox/publisher.ts';

export interface RunningApi {
  url: string;
  port: number;
  prisma: Db;
  live: Live;
  outbox: OutboxPublisher;
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
  await prepareJobQueue(databaseUrl);
  const prisma = createPrisma(databaseUrl);
  await prepare?.(prisma);
  const live = await createLive(config.redisUrl);
  // Every instance publishes what it commits at once, and picks up what a stopped instance left behind.
  const outbox = new OutboxPublisher(prisma, outboxHandlers(live), {
    // While the database is away the publisher simply tries again at its next poll; /health already says so.
    onError: (e) => {
      if (!isDatabaseUnavailable(e)) console.error('outbox publish failed', e);
    },
  });
  outbox.start();
  const mailer = createMailer(config.smtpUrl, config.mailFrom);
  const jobs = config.runWorker ? await startJobRunner(databaseUrl, config, prisma, mailer) : null;
  const app = createApp(prisma, config, live, outbox);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.on('error', reject);
  });
  // Keep idle sockets longer than a proxy's usual 60 s: with Node's 5 s default the server can close a kept-alive
  // socket just as a client or load balancer reuses it, and that request fails with a reset (seen under heavy load).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    prisma,
    live,
    outbox,
    server,
    close: async (graceMs = 10_000) => {
      // Stop accepting, let in-flight requests finish (idle keep-alive sockets close now), then force the rest.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      (app.locals.endStreams as () => void)();
      server.closeIdleConnections();
      // Connections that finish their last request from now on are idle: close them as they free up.
      const sweep = setInterval(() => server.closeIdleConnections(), 100);
      const force = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(force);
      clearInterval(sweep);
      await outbox.stop();
      await jobs?.stop();
      mailer.close();
      await live.close();
      await prisma.$disconnect();
    },
  };
}
