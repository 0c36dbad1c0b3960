import { distanceKm, type EventKind, type LatLng, plural } from '@rallypoint/shared';
import type { EventSort, EventsNearQuery } from '../generated/graphql.ts';
import type { SuccessData } from '../ui/result.ts';
import type { EventSummary } from './EventCard.tsx';

/** One page of the "events near" search. */
export type EventSearch = SuccessData<EventsNearQuery['eventsNear']>;

/** An event in the list with its distance: from the search, or measured here for a pushed one (null: unknown). */
export type EventEdge = Omit<EventSearch['edges'][number], '__typename' | 'distanceKm'> & { distanceKm: number | null };

// ------------------------------------------------------------------------------------------ event page

/** The numbers of an event that `eventLive` updates. */
export type LiveCounts = Pick<EventSummary, 'status' | 'goingCount' | 'capacity' | 'placesLeft'> & { waitlistCount: number };

const places = (n: number) => plural(n, 'place');

/**
 * What to tell a screen reader when the numbers change, or null when nothing worth saying changed (going counts
 * of an event without a limit change all the time; only places left, filling up and cancelling matter).
 */
export function placesAnnouncement(prev: LiveCounts, next: LiveCounts): string | null {
  if (next.status === 'CANCELLED') return prev.status === 'CANCELLED' ? null : 'This event has been cancelled.';
  if (next.capacity == null || next.placesLeft == null) {
    return prev.capacity != null ? 'This event no longer has a limit on places.' : null;
  }
  if (next.placesLeft === prev.placesLeft && next.capacity === prev.capacity) return null;
  if (next.placesLeft <= 0) {
    return prev.placesLeft != null && prev.placesLeft <= 0 ? null : 'The event is now full. New sign-ups join the waitlist.';
  }
  return `${places(next.placesLeft)} left`;
}

// ------------------------------------------------------------------------------------------ near page

/** Whether a newly published event belongs in the current list (kind filter, not over, not listed already). */
export function wantsNewEvent(event: EventSummary, kinds: readonly EventKind[], listed: ReadonlySet<string>, now = Date.now()): boolean {
  if (event.status !== 'PUBLISHED' || listed.has(event.id)) return false;
  if (new Date(event.endsAt).getTime() <= now) return false;
  return kinds.length === 0 || kinds.includes(event.kind);
}

/** Events pushed for one search (`key`: place and radius): waiting behind the notice, or shown in the list. */
export interface Arrivals {
  key: string;
  seen: EventSummary | null;
  pending: EventSummary[];
  added: EventSummary[];
}

export function nextArrivals(prev: Arrivals, key: string, pushed: EventSummary | null): Arrivals {
  let next = prev.key === key ? prev : { key, seen: prev.seen, pending: [], added: [] };
  if (pushed && pushed !== next.seen) {
    next = { ...next, seen: pushed, pending: [...next.pending.filter((e) => e.id !== pushed.id), pushed] };
  }
  return next;
}

export function newEventsNotice(events: readonly Pick<EventSummary, 'title'>[]): string {
  if (events.length === 1) return `New event near you: ${events[0]!.title}`;
  return `${events.length} new events near you: ${events.map((e) => e.title).join(', ')}`;
}

/** An edge for a pushed event, its distance measured here from the search's origin. */
export function edgeFor(event: EventSummary, origin: LatLng | null | undefined): EventEdge {
  return { cursor: '', distanceKm: origin ? distanceKm(origin, event.location) : null, node: event };
}

function before(a: EventEdge, b: EventEdge, sort: EventSort): boolean {
  if (sort === 'TIME') return a.node.startsAt < b.node.startsAt;
  return (a.distanceKm ?? Number.POSITIVE_INFINITY) < (b.distanceKm ?? Number.POSITIVE_INFINITY);
}

/** Puts each extra edge where the list's order puts it (after its equals); ones already listed are skipped. */
export function mergeEdges(edges: readonly EventEdge[], extra: readonly EventEdge[], sort: EventSort): EventEdge[] {
  const out = [...edges];
  const ids = new Set(out.map((e) => e.node.id));
  for (const edge of extra) {
    if (ids.has(edge.node.id)) continue;
    ids.add(edge.node.id);
    const at = out.findIndex((e) => before(edge, e, sort));
    out.splice(at < 0 ? out.length : at, 0, edge);
  }
  return out;
}

export function sameCounts(a: LiveCounts, b: LiveCounts): boolean {
  return (
    a.status === b.status &&
    a.goingCount === b.goingCount &&
    a.waitlistCount === b.waitlistCount &&
    a.capacity === b.capacity &&
    a.placesLeft === b.placesLeft
  );
}
