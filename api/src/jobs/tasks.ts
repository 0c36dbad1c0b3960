import type { JobHelpers, Task as WorkerTask } from 'graphile-worker';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { purgeLifts } from '../lifts/service.ts';
import type { Mailer } from '../mail/mailer.ts';
import { deliverMail, deliverMailBatch } from '../mail/send.ts';
import { DIGEST_TASK, type DigestRun, fanOutDigests } from '../digest/service.ts';
import { fanOutMessage } from '../messages/service.ts';
import { type EventNoticeJob, fanOutEventNotice, NOTICE_TASK } from '../rsvps/notices.ts';
import { ensureReminders } from '../rsvps/ensure-reminders.ts';
import { fanOutReminder, REMINDER_TASK, type ReminderJob } from '../rsvps/reminders.ts';
import type { MailJob } from './queue.ts';

export interface JobDeps {
  prisma: Db;
  config: Config;
  mailer: Mailer;
}

/** A task may return one promise per item of a batch job (an array payload): graphile-worker retries the failed ones. */
export type Task = (payload: unknown, helpers: JobHelpers, deps: JobDeps) => ReturnType<WorkerTask>;

/** Every kind of background job, by name. */
export const TASKS: Record<string, Task> = {
  // One e-mail, or a batch of them (fan-outs queue batches: see queueMailRows).
  'send-mail': async (payload, helpers, deps) => {
    // The mail server was unreachable a moment ago: fail this attempt at once (the job backs off and retries).
    const paused = deps.mailer.unreachable();
    if (paused) throw paused;
    if (Array.isArray(payload)) return deliverMailBatch(deps, payload as MailJob[]);
    await helpers.withPgClient((pg) => deliverMail(deps, payload as MailJob, pg));
  },
  // One per event and reminder, when it is due: one e-mail per member going (see rsvps/reminders.ts).
  [REMINDER_TASK]: async (payload, _helpers, { prisma }) => {
    await fanOutReminder(prisma, payload as ReminderJob);
  },
  'ensure-reminders': async (_payload, _helpers, { prisma }) => {
    await ensureReminders(prisma);
  },
  // A published event moved, changed place or was cancelled: one e-mail per member booked (see rsvps/notices.ts).
  [NOTICE_TASK]: async (payload, _helpers, { prisma }) => {
    await fanOutEventNotice(prisma, payload as EventNoticeJob);
  },
  // An organiser's message was stored: one e-mail per member in its audience (see messages/service.ts).
  'organiser-message': async (payload, _helpers, { prisma }) => {
    await fanOutMessage(prisma, (payload as { messageId: string }).messageId);
  },
  // Daily: the new-events digests due today, one e-mail each (see digest/service.ts).
  [DIGEST_TASK]: async (payload, _helpers, { prisma }) => {
    const run = (payload ?? {}) as DigestRun;
    const at = run.at ?? run._cron?.ts;
    await fanOutDigests(prisma, at ? new Date(at) : new Date());
  },
  'purge-lifts': async (_payload, _helpers, { prisma, config }) => {
    await purgeLifts(prisma, config.liftRetentionDays);
  },
  'purge-mail-state': async (_payload, _helpers, { prisma }) => {
    await prisma.$executeRaw`DELETE FROM used_links WHERE expires_at < now()`;
    await prisma.$executeRaw`DELETE FROM account_tokens WHERE expires_at < now() - interval '1 day'`;
    await prisma.$executeRaw`DELETE FROM mail_log WHERE created_at < now() - interval '180 days'`;
  },
};

/** Scheduled jobs (graphile-worker crontab lines, UTC). */
export const CRONTAB = [
  // Privacy: journeys are not kept.
  '0 */6 * * * purge-lifts',
  '30 3 * * * purge-mail-state',
  // Reminders for events that were published without them (before reminders existed, by a seed or an import).
  '15 * * * * ensure-reminders',
  // 06:00 UTC (06:00 or 07:00 in the UK): the new-events digests, weekly ones on Mondays.
  '0 6 * * * digest',
];
