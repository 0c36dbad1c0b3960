// Load-test data: `pnpm --filter @rallypoint/api seed:bench [count]` adds `count` (default 100,000) published
// events over Great Britain to the database that `pnpm dev` uses (DATABASE_URL, or the embedded one).
import { randomBytes } from 'node:crypto';
import { seedBenchEvents, seedPlaces } from '@rallypoint/prisma/seed';
import { configOrExit } from '../cli/command.ts';
import { createPrisma } from './client.ts';
import { startDatabase } from './database.ts';
import { migrate } from './migrate.ts';

export const BENCH_ORGANISER_EMAIL = 'bench-organiser@rallypoint.example';

const count = Number(process.argv[2] ?? 100_000);
if (!Number.isInteger(count) || count < 1) {
  console.error('Usage: seed:bench [count]   (a positive whole number, default 100000)');
  process.exit(2);
}

const ms = (t: number) => `${Math.round(performance.now() - t)} ms`;
const db = await startDatabase(configOrExit(), { attach: true });
const prisma = createPrisma(db.url);
try {
  let t = performance.now();
  await migrate(db.url);
  const places = await seedPlaces(prisma);
  console.log(`Places: ${places.regions} regions, ${places.constituencies} seats, ${places.outcodes} outcodes (${ms(t)})`);
  const organiser = await prisma.user.upsert({
    where: { email: BENCH_ORGANISER_EMAIL },
    update: {},
    create: {
      email: BENCH_ORGANISER_EMAIL,
      firstName: 'Bench',
      lastName: 'Organiser',
      calendarToken: randomBytes(32).toString('hex'),
    },
  });
  t = performance.now();
  const inserted = await seedBenchEvents(prisma, { count, organiserId: organiser.id });
  const insertTime = performance.now() - t;
  await prisma.$executeRaw`ANALYZE events`;
  const total = await prisma.event.count();
  console.log(
    `Inserted ${inserted.toLocaleString('en-GB')} events in ${Math.round(insertTime)} ms ` +
      `(${Math.round(inserted / (insertTime / 1000)).toLocaleString('en-GB')}/s); ${total.toLocaleString('en-GB')} events in total`,
  );
} finally {
  await prisma.$disconnect();
  await db.stop();
}
