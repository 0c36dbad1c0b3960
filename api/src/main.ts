import { seedPlaces } from '@rallypoint/prisma/seed';
import { argsOrExit, configOrExit } from './cli/command.ts';
import { startDatabase } from './db/database.ts';
import { refuseDemoInProduction, seedDemoData } from './demo.ts';
import { purgeLifts } from './rides/service.ts';
import { startApi } from './server.ts';

const t0 = performance.now();
const args = argsOrExit({ demo: { type: 'boolean', default: false } }, 'Usage: main.js [--demo]   (--demo: seed the demo data into an empty database; not in production)');
if (args.demo) refuseDemoInProduction();
const config = configOrExit();
const db = await startDatabase(config);
console.log(db.embedded ? `Embedded PostgreSQL at ${db.url.replace(/:[^:@]*@/, ':***@')}` : 'Using DATABASE_URL');
// Places (constituencies, postcode districts) are reference data, not demo data: every database has them.
const api = await startApi(db.url, config, async (prisma) => {
  await seedPlaces(prisma);
  if (args.demo) await seedDemoData(prisma);
});
console.log(`API ready in ${Math.round(performance.now() - t0)} ms: http://localhost:${api.port}/graphql`);
if (config.webDistDir) console.log(`Serving the web app from ${config.webDistDir} at ${config.publicUrl}`);
else if (config.production) console.warn('No built web app (run `pnpm build`): serving the API only');

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
