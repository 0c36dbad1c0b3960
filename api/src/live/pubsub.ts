import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { EventStatus } from '@rallypoint/shared';
import { createPubSub, type PubSub, SlidingBuffer } from 'graphql-yoga';
import { Redis } from 'ioredis';
import { createMemoryEventTarget } from './memory-event-target.ts';

/** What everyone may know about an event's numbers, pushed when they change. */
export interface EventLive {
  eventId: string;
  status: EventStatus;
  goingCount: number;
  waitlistCount: number;
  capacity: number | null;
  liftSeatsAvailable: number;
  liftRequestsOpen: number;
  at: number;
}

/** A newly published public event, with only its public (~1 km) location. */
export interface EventPublished {
  eventId: string;
  lat: number;
  lng: number;
}

/** Something counted on a campaign's coverage board may have changed: watchers read the board again. */
export interface CampaignCoverageTick {
  campaignId: string;
  at: number;
}

export type LiveChannels = {
  'event:live': [eventId: string, payload: EventLive];
  'event:published': [payload: EventPublished];
  'campaign:coverage': [campaignId: string, payload: CampaignCoverageTick];
};

export interface Live {
  pubsub: PubSub<LiveChannels>;
  /** Where events travel: in this process, or through Redis to every instance. */
  transport: 'memory' | 'redis';
  /** The Redis connection for other shared state (rate limits), when there is one. */
  redis: Redis | null;
  close(): Promise<void>;
}

/**
 * In-process by default; with a Redis URL every API instance publishes to and hears from Redis pub/sub, so a
 * subscriber on one instance sees changes made on another.
 */
export async function createLive(redisUrl?: string | null): Promise<Live> {
  // A slow subscriber loses old updates rather than holding memory: each update carries the full numbers.
  const repeaterBuffer = new SlidingBuffer(64);
  if (!redisUrl) {
    const eventTarget = createMemoryEventTarget();
    return { pubsub: createPubSub<LiveChannels>({ eventTarget, repeaterBuffer }), transport: 'memory', redis: null, close: async () => {} };
  }
  const options = { lazyConnect: true, maxRetriesPerRequest: 3, enableOfflineQueue: true };
  const publishClient = new Redis(redisUrl, options);
  const subscribeClient = new Redis(redisUrl, options);
  await Promise.all([publishClient.connect(), subscribeClient.connect()]);
  const eventTarget = createRedisEventTarget<never>({ publishClient, subscribeClient });
  return {
    pubsub: createPubSub<LiveChannels>({ eventTarget: eventTarget as never, repeaterBuffer }),
    transport: 'redis',
    redis: publishClient,
    close: async () => {
      // QUIT lets commands already sent (the UNSUBSCRIBEs of streams that just ended) finish first.
      await new Promise((r) => setTimeout(r, 50));
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
