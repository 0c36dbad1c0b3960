import { originOf, type Tx } from '../db/change.ts';

/** What a change can announce. Each is written in the change's transaction and published after it commits. */
export type Announcement =
  /** An event's public numbers (places, waitlist, lift seats) or status changed: push them to its watchers. */
  | { topic: 'event:live'; payload: { eventId: string } }
  /** A public event went live: tell members watching for new events near it (its public, ~1 km location only). */
  | { topic: 'event:published'; payload: { eventId: string; lat: number; lng: number } }
  /** A campaign's seats, goals or window changed: its coverage board's watchers read it again. */
  | { topic: 'campaign:coverage'; payload: { campaignId: string } };

export type Topic = Announcement['topic'];

// Several writes in one change often touch the same event: its numbers are announced once per transaction.
const announcedLive = new WeakMap<Tx, Set<string>>();

export async function announce(tx: Tx, announcement: Announcement): Promise<void> {
  if (announcement.topic === 'event:live') {
    const seen = announcedLive.get(tx) ?? new Set<string>();
    announcedLive.set(tx, seen);
    if (seen.has(announcement.payload.eventId)) return;
    seen.add(announcement.payload.eventId);
  }
  await tx.$executeRaw`
    INSERT INTO outbox (topic, payload, origin) VALUES (${announcement.topic}, ${JSON.stringify(announcement.payload)}::jsonb, ${originOf(tx)})`;
}

/** Shorthand for the most common announcement. */
export const eventChanged = (tx: Tx, eventId: string) => announce(tx, { topic: 'event:live', payload: { eventId } });
