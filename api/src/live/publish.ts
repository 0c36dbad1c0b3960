import { liftSeatsAvailable, liftSeatsWanted } from '@rallypoint/shared';
import type { DbOrTx } from '../db/change.ts';
import { OPEN_LIFTS_SELECT } from '../lifts/service.ts';
import type { OutboxHandlers } from '../outbox/publisher.ts';
import type { EventLive, Live } from './pubsub.ts';

/** The numbers anyone may see about an event, read in one query. */
export async function liveSnapshot(db: DbOrTx, eventId: string): Promise<EventLive | null> {
  const e = await db.event.findUnique({
    where: { id: eventId },
    select: {
      id: true,
      status: true,
      goingCount: true,
      capacity: true,
      _count: { select: { rsvps: { where: { status: 'WAITLISTED' } } } },
      ...OPEN_LIFTS_SELECT,
    },
  });
  if (!e) return null;
  return {
    eventId: e.id,
    status: e.status,
    goingCount: e.goingCount,
    waitlistCount: e._count.rsvps,
    capacity: e.capacity,
    liftSeatsAvailable: liftSeatsAvailable(e.liftOffers),
    liftRequestsOpen: liftSeatsWanted(e.liftRequests),
    at: Date.now(),
  };
}

/**
 * How committed announcements reach live subscribers: each changed event's numbers are read once per batch (so a
 * burst of sign-ups becomes a few pushes, the last one current) and published to every subscriber, through Redis
 * when there is one.
 */
export function liveHandlers(live: Live): Pick<OutboxHandlers, 'event:live' | 'event:published' | 'campaign:coverage'> {
  return {
    'event:live': async (tx, payloads) => {
      const eventIds = [...new Set(payloads.map((p) => p.eventId))];
      for (const eventId of eventIds) {
        const snapshot = await liveSnapshot(tx, eventId);
        if (snapshot) live.pubsub.publish('event:live', eventId, snapshot);
      }
      // Bookings and lifts of a campaign's events move its coverage board.
      const campaigns = await tx.event.findMany({ where: { id: { in: eventIds }, campaignId: { not: null } }, select: { campaignId: true }, distinct: ['campaignId'] });
      for (const { campaignId } of campaigns) {
        if (campaignId) live.pubsub.publish('campaign:coverage', campaignId, { campaignId, at: Date.now() });
      }
    },
    'event:published': async (_tx, payloads) => {
      for (const p of payloads) live.pubsub.publish('event:published', p);
    },
    'campaign:coverage': async (_tx, payloads) => {
      for (const campaignId of new Set(payloads.map((p) => p.campaignId))) live.pubsub.publish('campaign:coverage', campaignId, { campaignId, at: Date.now() });
    },
  };
}
