import type { DbOrTx } from '../db/change.ts';
import type { MailParams, TemplateName } from '../mail/templates/index.ts';

export interface JobOptions {
  /** At most one pending job per key: adding again replaces it (and its run time). */
  key?: string;
  runAt?: Date;
  maxAttempts?: number;
  /** `preserve_run_at`: a pending job with this key keeps its run time (the default replaces it). */
  keyMode?: 'replace' | 'preserve_run_at';
}

/**
 * Adds a job in the caller's transaction (graphile-worker's tables live in the same database): it exists if and only
 * if the change commits.
 */
export async function addJob(db: DbOrTx, task: string, payload: unknown, options: JobOptions = {}): Promise<void> {
  await db.$executeRaw`SELECT graphile_worker.add_job(
    ${task}, ${JSON.stringify(payload)}::json,
    run_at => ${options.runAt ?? null}::timestamptz,
    max_attempts => ${options.maxAttempts ?? 12}::int,
    job_key => ${options.key ?? null}::text,
    job_key_mode => ${options.keyMode ?? 'replace'}::text)`;
}

/** Drops a pending job by key (a reminder whose RSVP was cancelled); nothing if there is none. */
export async function removeJob(db: DbOrTx, key: string): Promise<void> {
  await db.$executeRaw`SELECT graphile_worker.remove_job(${key})`;
}

/** One e-mail to one member. */
export interface MailJob<T extends TemplateName = TemplateName> {
  /** Unique per e-mail: the queue sends each key at most once, however often it is queued or retried. */
  key: string;
  template: T;
  userId: string;
  params: MailParams<T>;
}

/** Queues an e-mail in the caller's transaction; it is rendered and sent by a worker once that commits. */
export function queueMail<T extends TemplateName>(db: DbOrTx, job: MailJob<T>, options: { runAt?: Date } = {}): Promise<void> {
  return addJob(db, 'send-mail', job, { key: `mail:${job.key}`, ...options });
}
