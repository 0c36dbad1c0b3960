import { Logger, type Runner, run, runMigrations, type TaskList } from 'graphile-worker';
import pg from 'pg';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Mailer } from '../mail/mailer.ts';
import { CRONTAB, TASKS } from './tasks.ts';

// graphile-worker's own log is chatty; keep warnings and errors, each with the top of its stack (a mail server that
// is down fails every send: one short line each, not a page).
const logger = new Logger(() => (level, message) => {
  if (level === 'error' || level === 'warning') console.error(`[jobs] ${message.split('\n').slice(0, 3).join('\n')}`);
});

/** The queue's tables (schema graphile_worker) exist before anything adds a job, whether or not this process runs jobs. */
export async function prepareJobQueue(databaseUrl: string): Promise<void> {
  await withPool(databaseUrl, 1, (pgPool) => runMigrations({ pgPool, logger }));
}

/**
 * graphile-worker ends a pool it made without waiting, after taking its error listener off: a connection the server
 * then closes (a restart, a dropped database) raised an uncaught error. Our own pool keeps its listener and is ended,
 * awaited, after the worker has let go of it.
 */
function ownPool(databaseUrl: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max });
  pool.on('error', (error) => console.error(`[jobs] idle connection lost: ${error.message}`));
  // A connection in use reports its loss to whoever is using it; this keeps it from also being uncaught.
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

async function withPool<T>(databaseUrl: string, max: number, work: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = ownPool(databaseUrl, max);
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}

export interface JobRunnerOptions {
  concurrency?: number;
  pollInterval?: number;
}

/**
 * The job runner (graphile-worker on the same PostgreSQL): e-mail, reminders, digests, purges. Failed jobs retry
 * with exponential back-off; several runners share the queue without running a job twice.
 */
export async function startJobRunner(
  databaseUrl: string,
  config: Config,
  prisma: Db,
  mailer: Mailer,
  options: JobRunnerOptions = {},
): Promise<Runner> {
  const deps = { prisma, config, mailer };
  const taskList: TaskList = Object.fromEntries(Object.entries(TASKS).map(([name, task]) => [name, (payload, helpers) => task(payload, helpers, deps)]));
  const concurrency = options.concurrency ?? 8;
  // Each e-mail holds a connection while it is sent (see deliverMail), plus the runner's own.
  const pgPool = ownPool(databaseUrl, concurrency + 3);
  const runner = await run({
    pgPool,
    concurrency,
    noHandleSignals: true,
    pollInterval: options.pollInterval ?? 2_000,
    logger,
    taskList,
    crontab: CRONTAB.join('\n'),
  }).catch(async (error) => {
    await pgPool.end();
    throw error;
  });
  const stop = runner.stop.bind(runner);
  runner.stop = async () => {
    try {
      await stop();
    } finally {
      await pgPool.end();
    }
  };
  // One purge and one reminder sweep at start too; the keys make instances starting together queue each once.
  await runner.addJob('purge-lifts', {}, { jobKey: 'purge-lifts-at-start', jobKeyMode: 'preserve_run_at' });
  await runner.addJob('ensure-reminders', {}, { jobKey: 'ensure-reminders-at-start', jobKeyMode: 'preserve_run_at' });
  return runner;
}
