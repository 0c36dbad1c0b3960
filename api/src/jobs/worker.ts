import { Logger, type Runner, run, runMigrations, type TaskList } from 'graphile-worker';
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
  await runMigrations({ connectionString: databaseUrl, logger });
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
  const runner = await run({
    connectionString: databaseUrl,
    concurrency,
    // Each e-mail holds a connection while it is sent (see deliverMail), plus the runner's own.
    maxPoolSize: concurrency + 3,
    noHandleSignals: true,
    pollInterval: options.pollInterval ?? 2_000,
    logger,
    taskList,
    crontab: CRONTAB.join('\n'),
  });
  // One purge and one reminder sweep at start too; the keys make instances starting together queue each once.
  await runner.addJob('purge-lifts', {}, { jobKey: 'purge-lifts-at-start', jobKeyMode: 'preserve_run_at' });
  await runner.addJob('ensure-reminders', {}, { jobKey: 'ensure-reminders-at-start', jobKeyMode: 'preserve_run_at' });
  return runner;
}
