import { Prisma } from '@rallypoint/prisma';
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

/**
 * One e-mail to one member (`userId`), or to a bare address (`to`: someone invited who may have no account; only
 * templates made for it, see `toAddress` in mail/template.ts).
 */
export type MailJob<T extends TemplateName = TemplateName> = {
  /** Unique per e-mail: the queue sends each key at most once, however often it is queued or retried. */
  key: string;
  template: T;
  params: MailParams<T>;
} & ({ userId: string; to?: undefined } | { to: string; userId?: undefined });

/** Queues an e-mail in the caller's transaction; it is rendered and sent by a worker once that commits. */
export function queueMail<T extends TemplateName>(db: DbOrTx, job: MailJob<T>, options: { runAt?: Date } = {}): Promise<void> {
  return addJob(db, 'send-mail', job, { key: `mail:${job.key}`, ...options });
}

/** E-mails per send-mail batch job (see queueMailRows). */
export const MAIL_BATCH = 50;

/**
 * Queues one e-mail per row of `rows` (columns: key, template, user_id, params) in ONE statement, however many,
 * as send-mail batch jobs of up to MAIL_BATCH e-mails each (graphile-worker batch jobs: items that fail are retried
 * alone; one job per batch keeps the queue's own work per e-mail small). `prelude` adds CTEs before the rows (for
 * rows that come from an UPDATE ... RETURNING); `after` adds CTEs after them, which may read `batches` (n: e-mails). Run again with the same rows, it queues the same batch keys, and
 * mail_log sends nothing twice. Returns how many e-mails were queued.
 */
export async function queueMailRows(db: DbOrTx, rows: Prisma.Sql, more: { prelude?: Prisma.Sql; after?: Prisma.Sql } = {}): Promise<number> {
  const { prelude, after } = more;
  const [row] = await db.$queryRaw<{ n: number }[]>`
    WITH ${prelude ? Prisma.sql`${prelude},` : Prisma.empty}
    mails AS (
      SELECT m.key, m.template, m.user_id, m.params, (row_number() OVER (ORDER BY m.key) - 1) / ${MAIL_BATCH} AS batch
      FROM (${rows}) m
    ), batches AS (
      SELECT count(*)::int AS n, min(key) AS first,
        json_agg(json_build_object('key', key, 'template', template, 'userId', user_id, 'params', params) ORDER BY key) AS payload
      FROM mails GROUP BY batch
    ), added AS (
      SELECT count(*)::int AS jobs FROM graphile_worker.add_jobs(ARRAY(
        SELECT ROW('send-mail', payload, NULL, NULL, 12, 'mail-batch:' || first, NULL, NULL)::graphile_worker.job_spec FROM batches))
    )${after ? Prisma.sql`, ${after}` : Prisma.empty}
    SELECT coalesce((SELECT sum(n) FROM batches), 0)::int AS n, (SELECT jobs FROM added) AS jobs`;
  return row?.n ?? 0;
}
