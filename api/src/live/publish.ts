import type { Context } from '../context.ts';
import type { EventLive, Live } from './pubsub.ts';

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

/** At most one snapshot per event per window: a burst of 1,000 sign-ups becomes a few dozen pushes, not 1,000. */
export const LIVE_WINDOW_MS = 100;

interface Pending {
  timer: NodeJS.Timeout | null;
  last: number;
}
const pendingByLive = new WeakMap<Live, Map<string, Pending>>();

async function publishSnapshot(ctx: Ctx, eventId: string): Promise<void> {
  try {
    const payload = await liveSnapshot(ctx.prisma, eventId);
    if (payload) ctx.live.pubsub.publish('event:live', eventId, payload);
  } catch (error) {
    // A lost live update must never fail the change itself; clients still see it on their next fetch.
    console.error('live update failed', error);
  }
}

/**
 * Pushes the event's numbers to its subscribers: at once if none went out in the last window, otherwise once at
 * the window's end with the numbers as they are then (so the last push is always current).
 */
export function eventChanged(ctx: Ctx, eventId: string): void {
  let pending = pendingByLive.get(ctx.live);
  if (!pending) {
    pending = new Map();
    pendingByLive.set(ctx.live, pending);
  }
  const state = pending.get(eventId) ?? { timer: null, last: 0 };
  pending.set(eventId, state);
  if (state.timer) return;
  const wait = Math.max(0, state.last + LIVE_WINDOW_MS - Date.now());
  state.timer = setTimeout(() => {
    state.timer = null;
    state.last = Date.now();
    void publishSnapshot(ctx, eventId).finally(() => {
      // Forget quiet events.
      setTimeout(() => {
        if (!state.timer && pending.get(eventId) === state) pending.delete(eventId);
      }, LIVE_WINDOW_MS).unref();
    });
  }, wait);
  state.timer.unref();
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
