import { DEMO_MEMBER_EMAIL, DEMO_PASSWORD, seedDemoIfEmpty, seedPlaces } from '@rallypoint/prisma/seed';
import { hashPassword } from './accounts/password.ts';
import { configOrExit } from './cli/command.ts';
import { purgeLifts } from './rides/service.ts';
import { startDatabase } from './db/database.ts';
import { startApi } from './server.ts';

const t0 = performance.now();
const config = configOrExit();
const db = await startDatabase(config);
console.log(db.embedded ? `Embedded PostgreSQL at ${db.url.replace(/:[^:@]*@/, ':***@')}` : 'Using DATABASE_URL');
const api = await startApi(db.url, config, async (prisma) => {
  await seedPlaces(prisma);
  const demo = await seedDemoIfEmpty(prisma, { passwordHash: await hashPassword(DEMO_PASSWORD) });
  if (demo) console.log(`Seeded demo data (sign in as ${DEMO_MEMBER_EMAIL} / ${DEMO_PASSWORD})`);
});
console.log(`API ready in ${Math.round(performance.now() - t0)} ms: http://localhost:${api.port}/graphql`);

// Privacy: journeys are not kept. Purge at start and then every six hours.
const purge = () =>
  purgeLifts(api.prisma, config.liftRetentionDays).catch((error: unknown) => console.error('lift purge failed', error));
await purge();
const purgeTimer = setInterval(purge, 6 * 3_600_000);
purgeTimer.unref();

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  await api.close().catch(() => {});
  await db.stop().catch(() => {});
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
