import { DEMO_MEMBER_EMAIL, DEMO_PASSWORD, seedDemoIfEmpty } from '@rallypoint/prisma/seed';
import { hashPassword } from './accounts/password.ts';
import type { Db } from './db/client.ts';

/** Demo accounts share a published password, so a production database never gets them. */
export function refuseDemoInProduction(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV !== 'production') return;
  console.error('Refusing to seed demo data with NODE_ENV=production: its accounts share a published password.');
  process.exit(1);
}

/** Seeds the demo users, events and lifts into a database without accounts; says what it did. */
export async function seedDemoData(prisma: Db): Promise<boolean> {
  const demo = await seedDemoIfEmpty(prisma, { passwordHash: await hashPassword(DEMO_PASSWORD) });
  if (demo) console.log(`Seeded demo data (sign in as ${DEMO_MEMBER_EMAIL} / ${DEMO_PASSWORD})`);
  return demo !== null;
}
