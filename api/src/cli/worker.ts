// `pnpm worker`: the job runner and outbox publisher on their own, for deployments that scale them apart from the
// API (run the API instances with RUN_WORKER=false). Stops cleanly on SIGTERM/SIGINT.
import { createPrisma } from '../db/client.ts';
import { startDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { prepareJobQueue, startJobRunner } from '../jobs/worker.ts';
import { createLive } from '../live/pubsub.ts';
import { createMailer } from '../mail/mailer.ts';
import { outboxHandlers } from '../outbox/handlers.ts';
import { OutboxPublisher } from '../outbox/publisher.ts';
import { configOrExit } from './command.ts';

const config = configOrExit();
const db = await startDatabase(config, { attach: true });
await migrate(db.url);
await prepareJobQueue(db.url);
const prisma = createPrisma(db.url, 4);
const live = await createLive(config.redisUrl);
// E-mails and announcements left behind by stopped instances; live pushes reach subscribers only through Redis.
const outbox = new OutboxPublisher(prisma, outboxHandlers(live), { onError: (e) => console.error('outbox publish failed', e) });
outbox.start();
const mailer = createMailer(config.smtpUrl, config.mailFrom);
const jobs = await startJobRunner(db.url, config, prisma, mailer);
console.log(`Worker running: e-mail ${config.smtpUrl ? 'through SMTP_URL' : 'to the log (no SMTP_URL)'}, lift purge every six hours`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping the worker`);
  await jobs.stop().catch(() => {});
  await outbox.stop().catch(() => {});
  mailer.close();
  await live.close();
  await prisma.$disconnect();
  await db.stop().catch(() => {});
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
