import { Logger, type Runner, run, runMigrations } from 'graphile-worker';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { MailMessage } from '../mail/messages.ts';
import { purgeLifts } from '../lifts/service.ts';

// graphile-worker's own log is chatty; keep warnings and errors.
const logger = new Logger(() => (level, message) => {
  if (level === 'error' || level === 'warning') console.error(`[jobs] ${message}`);
});

/** The queue's tables (schema graphile_worker) exist before anything adds a job, whether or not this process runs jobs. */
export async function prepareJobQueue(databaseUrl: string): Promise<void> {
  await runMigrations({ connectionString: databaseUrl, logger });
}

export interface MailJob extends MailMessage {
  /** Stable across retries (from the outbox row), so a resent message carries the same Message-ID. */
  messageId: string;
}

/**
 * The job runner (graphile-worker on the same PostgreSQL): sends e-mail, purges old lift data every six hours.
 * Failed jobs retry with exponential back-off; several runners share the queue without running a job twice.
 */
export async function startJobRunner(databaseUrl: string, config: Config, prisma: Db, mailer: Mailer): Promise<Runner> {
  const runner = await run({
    connectionString: databaseUrl,
    concurrency: 5,
    maxPoolSize: 8,
    noHandleSignals: true,
    pollInterval: 2_000,
    logger,
    taskList: {
      'send-mail': async (payload) => {
        const { messageId, ...message } = payload as MailJob;
        await mailer.send(message, messageId);
      },
      'purge-lifts': async () => {
        await purgeLifts(prisma, config.liftRetentionDays);
      },
    },
    // Privacy: journeys are not kept. Every six hours (and once at start, below).
    crontab: '0 */6 * * * purge-lifts',
  });
  // One purge at start too; the key makes instances starting together queue it once.
  await runner.addJob('purge-lifts', {}, { jobKey: 'purge-lifts-at-start', jobKeyMode: 'preserve_run_at' });
  return runner;
}
