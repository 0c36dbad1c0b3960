import { DEMO_MEMBER_EMAIL, DEMO_PASSWORD, seedDemoIfEmpty } from '@rallypoint/prisma/seed';
import { hashPassword } from './accounts/password.ts';
import type { Db } from './db/client.ts';
import { BOOKED } from './rsvps/booked.ts';
import { confirmRsvp } from './rsvps/notices.ts';
import { scheduleReminders } from './rsvps/reminders.ts';

/** Demo accounts share a published password, so a production database never gets them. */
export function refuseDemoInProduction(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV !== 'production') return;
  console.error('Refusing to seed demo data with NODE_ENV=production: its accounts share a published password.');
  process.exit(1);
}

/** Seeds the demo users, events and lifts into a database without accounts; says what it did. */
export async function seedDemoData(prisma: Db): Promise<boolean> {
  const demo = await seedDemoIfEmpty(prisma, { passwordHash: await hashPassword(DEMO_PASSWORD) });
  if (!demo) return false;
  await demoMail(prisma);
  console.log(`Seeded demo data (sign in as ${DEMO_MEMBER_EMAIL} / ${DEMO_PASSWORD})`);
  return true;
}

/**
 * The seed writes rows directly, so it queues what the app would have: reminders for every upcoming published event,
 * and the demo member's booking confirmations (which land in the development inbox at once).
 */
async function demoMail(prisma: Db): Promise<void> {
  await prisma.$transaction(
    async (tx) => {
      const events = await tx.event.findMany({ where: { status: 'PUBLISHED', startsAt: { gt: new Date() } }, select: { id: true, startsAt: true } });
      for (const event of events) await scheduleReminders(tx, event);
      const plans = await tx.rsvp.findMany({
        where: { user: { email: DEMO_MEMBER_EMAIL }, status: BOOKED, event: { status: 'PUBLISHED', startsAt: { gt: new Date() } } },
        select: { id: true, seq: true, userId: true },
      });
      for (const r of plans) await confirmRsvp(tx, r);
    },
    { timeout: 120_000 },
  );
}
