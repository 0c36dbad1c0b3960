import { randomUUID } from 'node:crypto';
import type { MailJob } from '../jobs/worker.ts';
import { liveHandlers } from '../live/publish.ts';
import type { Live } from '../live/pubsub.ts';
import type { OutboxHandlers } from './publisher.ts';

/** Live numbers go to subscribers; e-mails become jobs in the same transaction that retires their outbox rows. */
export function outboxHandlers(live: Live): OutboxHandlers {
  return {
    ...liveHandlers(live),
    mail: async (tx, messages) => {
      for (const message of messages) {
        const job: MailJob = { ...message, messageId: `<${randomUUID()}@rallypoint>` };
        await tx.$executeRaw`SELECT graphile_worker.add_job('send-mail', ${JSON.stringify(job)}::json, max_attempts => 12)`;
      }
    },
  };
}
