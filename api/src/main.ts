import { seedPlaces } from '@rallypoint/prisma/seed';
import { argsOrExit, configOrExit } from './cli/command.ts';
import { startDatabase } from './db/database.ts';
import { refuseDemoInProduction, seedDemoData } from './demo.ts';
import { type DevInbox, startDevInbox } from './mail/dev-inbox.ts';
import { missingBuiltWorker, warmMatcher } from './lifts/matcher.ts';
import { startApi } from './server.ts';

const t0 = performance.now();
const args = argsOrExit({ demo: { type: 'boolean', default: false } }, 'Usage: main.js [--demo]   (--demo: seed the demo data into an empty database; not in production)');
if (args.demo) refuseDemoInProduction();
const config = configOrExit();
const noWorker = missingBuiltWorker();
if (noWorker) {
  console.error(noWorker);
  process.exit(1);
}
// In development without SMTP_URL, e-mail goes to a local inbox you can read in the browser.
let inbox: DevInbox | null = null;
if (!config.production && !config.smtpUrl) {
  inbox = await startDevInbox().catch((error: unknown) => {
    console.warn(`No development mail inbox (${(error as Error).message}): e-mails are printed here instead`);
    return null;
  });
}
const db = await startDatabase(config);
console.log(db.embedded ? `Embedded PostgreSQL at ${db.url.replace(/:[^:@]*@/, ':***@')}` : 'Using DATABASE_URL');
// Places (constituencies, postcode districts) are reference data, not demo data: every database has them.
const api = await startApi(db.url, inbox ? { ...config, smtpUrl: inbox.smtpUrl } : config, async (prisma) => {
  await seedPlaces(prisma);
  if (args.demo) await seedDemoData(prisma);
});
console.log(`API ready in ${Math.round(performance.now() - t0)} ms: http://localhost:${api.port}/graphql`);
if (inbox) console.log(`Development mail inbox: ${inbox.inboxUrl} (every e-mail the platform sends lands there)`);
if (config.webDistDir) console.log(`Serving the web app from ${config.webDistDir} at ${config.publicUrl}`);
else if (config.production) console.warn('No built web app (run `pnpm build`): serving the API only');
if (config.matcherWarmup) {
  warmMatcher().then(
    (ms) => console.log(`Lift matcher warmed up in ${Math.round(ms)} ms`),
    (error: unknown) => console.warn(`Lift matcher warm-up failed (${(error as Error).message}); matching still works`),
  );
}


let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  await api.close().catch(() => {});
  await inbox?.stop().catch(() => {});
  await db.stop().catch(() => {});
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
