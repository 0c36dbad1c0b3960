import { describe, expect, it } from 'vitest';
import {
  type Arrivals,
  type EventEdge,
  edgeFor,
  type LiveCounts,
  mergeEdges,
  newEventsNotice,
  nextArrivals,
  placesAnnouncement,
  sameCounts,
  wantsNewEvent,
} from './live.ts';
import { eventSummary } from './test-fixtures.ts';

const counts = (over: Partial<LiveCounts> = {}): LiveCounts => ({
  status: 'PUBLISHED',
  goingCount: 0,
  waitlistCount: 0,
  capacity: 2,
  placesLeft: 2,
  ...over,
});

const event = eventSummary;

const edge = (id: string, distanceKm: number | null, startsAt = '2030-01-01T10:00:00.000Z'): EventEdge => ({
  cursor: id,
  distanceKm,
  node: event(id, { startsAt }),
});

describe('placesAnnouncement', () => {
  it('says how many places are left when that changes', () => {
    expect(placesAnnouncement(counts(), counts({ goingCount: 1, placesLeft: 1 }))).toBe('1 place left');
    expect(placesAnnouncement(counts({ placesLeft: 1 }), counts({ placesLeft: 3, capacity: 4 }))).toBe('3 places left');
  });

  it('says when the event fills up, once', () => {
    const full = counts({ goingCount: 2, placesLeft: 0 });
    expect(placesAnnouncement(counts({ placesLeft: 1 }), full)).toBe('The event is now full. New sign-ups join the waitlist.');
    expect(placesAnnouncement(full, { ...full, waitlistCount: 1 })).toBeNull();
    expect(placesAnnouncement(full, { ...full, capacity: 1 })).toBeNull();
  });

  it('stays quiet about going counts alone, and about events without a limit', () => {
    expect(placesAnnouncement(counts({ waitlistCount: 1 }), counts({ waitlistCount: 2 }))).toBeNull();
    const open = counts({ capacity: null, placesLeft: null });
    expect(placesAnnouncement(open, { ...open, goingCount: 5 })).toBeNull();
    expect(placesAnnouncement(counts(), open)).toBe('This event no longer has a limit on places.');
  });

  it('says when the event is cancelled', () => {
    expect(placesAnnouncement(counts(), counts({ status: 'CANCELLED' }))).toBe('This event has been cancelled.');
    expect(placesAnnouncement(counts({ status: 'CANCELLED' }), counts({ status: 'CANCELLED', goingCount: 1 }))).toBeNull();
  });
});

describe('sameCounts', () => {
  it('compares every live number', () => {
    expect(sameCounts(counts(), counts())).toBe(true);
    expect(sameCounts(counts(), counts({ waitlistCount: 1 }))).toBe(false);
    expect(sameCounts(counts(), counts({ status: 'DRAFT' }))).toBe(false);
  });
});

describe('new events near', () => {
  it('wants published, upcoming events of the chosen kinds that are not listed yet', () => {
    const now = Date.parse('2030-01-01T00:00:00.000Z');
    const e = event('a');
    expect(wantsNewEvent(e, [], new Set(), now)).toBe(true);
    expect(wantsNewEvent(e, ['CANVASS', 'STALL'], new Set(), now)).toBe(true);
    expect(wantsNewEvent(e, ['STALL'], new Set(), now)).toBe(false);
    expect(wantsNewEvent(e, [], new Set(['a']), now)).toBe(false);
    expect(wantsNewEvent(e, [], new Set(), Date.parse('2030-01-01T12:00:00.000Z'))).toBe(false);
    expect(wantsNewEvent(event('b', { status: 'CANCELLED' }), [], new Set(), now)).toBe(false);
  });

  it('names the new events', () => {
    expect(newEventsNotice([{ title: 'Stall on Briggate' }])).toBe('New event near you: Stall on Briggate');
    expect(newEventsNotice([{ title: 'A' }, { title: 'B' }])).toBe('2 new events near you: A, B');
  });

  it('collects pushes per search, once each, and starts afresh for another place or radius', () => {
    const e1 = event('1');
    const e2 = event('2');
    let a: Arrivals = { key: '', seen: null, pending: [], added: [] };
    a = nextArrivals(a, 'LS61AN|25', null);
    expect(a).toEqual({ key: 'LS61AN|25', seen: null, pending: [], added: [] });
    a = nextArrivals(a, 'LS61AN|25', e1);
    expect(a.pending).toEqual([e1]);
    expect(nextArrivals(a, 'LS61AN|25', e1)).toBe(a);
    a = nextArrivals({ ...a, pending: [], added: [e1] }, 'LS61AN|25', e2);
    expect(a).toMatchObject({ pending: [e2], added: [e1] });
    // A changed search drops both, and does not take the last push of the old one again.
    a = nextArrivals(a, 'LS61AN|10', e2);
    expect(a).toEqual({ key: 'LS61AN|10', seen: e2, pending: [], added: [] });
  });

  it('measures the distance of a pushed event from the origin', () => {
    const e = event('x', { location: { __typename: 'LatLng', lat: 53.8, lng: -1.55 } });
    expect(edgeFor(e, { lat: 53.8, lng: -1.55 }).distanceKm).toBe(0);
    expect(edgeFor(e, { lat: 53.9, lng: -1.55 }).distanceKm).toBeCloseTo(11.1, 1);
    expect(edgeFor(e, null)).toEqual({ cursor: '', distanceKm: null, node: e });
  });

  it('merges pushed events into the list where its order puts them', () => {
    const list = [edge('a', 1), edge('b', 3), edge('c', 5)];
    const ids = (edges: EventEdge[]) => edges.map((e) => e.node.id);
    expect(ids(mergeEdges(list, [edge('n', 3)], 'DISTANCE'))).toEqual(['a', 'b', 'n', 'c']);
    expect(ids(mergeEdges(list, [edge('n', 0.5), edge('m', 9)], 'DISTANCE'))).toEqual(['n', 'a', 'b', 'c', 'm']);
    expect(ids(mergeEdges(list, [edge('b', 0)], 'DISTANCE'))).toEqual(['a', 'b', 'c']);
    expect(ids(mergeEdges([], [edge('n', null)], 'DISTANCE'))).toEqual(['n']);
    const byTime = [edge('a', 9, '2030-01-01T10:00:00.000Z'), edge('b', 1, '2030-01-03T10:00:00.000Z')];
    expect(ids(mergeEdges(byTime, [edge('n', 0, '2030-01-02T10:00:00.000Z')], 'TIME'))).toEqual(['a', 'n', 'b']);
    expect(list.length).toBe(3);
  });
});
