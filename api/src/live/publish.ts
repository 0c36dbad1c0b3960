import type { Context } from '../context.ts';
import type { EventLive } from './pubsub.ts';

type Ctx = Pick<Context, 'prisma' | 'live'>;

/** The numbers anyone may see about an event, read in one query. */
export async function liveSnapshot(prisma: Ctx['prisma'], eventId: string): Promise<EventLive | null> {
  const e = await prisma.event.findUnique({
    where: { id: eventId },
    select: {
      id: true,
      status: true,
      goingCount: true,
      capacity: true,
      _count: { select: { rsvps: { where: { status: 'WAITLISTED' } } } },
      liftOffers: { where: { status: 'OPEN' }, select: { seats: true, seatsTaken: true } },
      liftRequests: { where: { status: 'OPEN' }, select: { seats: true } },
    },
  });
  if (!e) return null;
  return {
    eventId: e.id,
    status: e.status,
    goingCount: e.goingCount,
    waitlistCount: e._count.rsvps,
    capacity: e.capacity,
    liftSeatsAvailable: e.liftOffers.reduce((n, o) => n + o.seats - o.seatsTaken, 0),
    liftRequestsOpen: e.liftRequests.reduce((n, r) => n + r.seats, 0),
    at: Date.now(),
  };
}

/** Read once per change and pushed to every subscriber of the event. */
export async function eventChanged(ctx: Ctx, eventId: string): Promise<void> {
  try {
    const payload = await liveSnapshot(ctx.prisma, eventId);
    if (payload) ctx.live.pubsub.publish('event:live', eventId, payload);
  } catch (error) {
    // A lost live update must never fail the change itself; clients still see it on their next fetch.
    console.error('live update failed', error);
  }
}

/** A public event just went live: tell the members watching for new events near them. */
export async function eventPublished(ctx: Ctx, event: { id: string; status: string; visibility: string; lat: number; lng: number }): Promise<void> {
  if (event.status !== 'PUBLISHED' || event.visibility !== 'PUBLIC') return;
  try {
    ctx.live.pubsub.publish('event:published', { eventId: event.id, lat: event.lat, lng: event.lng });
  } catch (error) {
    console.error('live update failed', error);
  }
}
