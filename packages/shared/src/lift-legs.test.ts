import { describe, expect, test } from 'vitest';
import { dropOffTimes, latestDeparture, routeTimes } from './lift-legs.ts';
import { legKm } from './matching/geometry.ts';

describe('dropOffTimes', () => {
  const venue = { lat: 51.5894, lng: -0.2288 }; // Hendon
  const first = { lat: 51.6, lng: -0.19 }; // picked up first on the way there: dropped off last
  const hub = { lat: 51.61, lng: -0.2 };
  const depart = Date.parse('2030-07-06T16:00:00Z');

  test('the way back calls at the stops in reverse, at the given speed along the road model', () => {
    const stops = [
      { point: first, riderIds: ['a'] },
      { point: hub, riderIds: ['b', 'c'] },
    ];
    const at = dropOffTimes(stops, venue, depart, { roadFactor: 1.3, speedKmh: 30 });
    const toHub = (legKm(venue, hub, 1.3) / 30) * 3_600_000;
    const onToFirst = (legKm(hub, first, 1.3) / 30) * 3_600_000;
    expect(at.get('b')).toBeCloseTo(depart + toHub, 6);
    expect(at.get('c')).toBe(at.get('b'));
    expect(at.get('a')).toBeCloseTo(depart + toHub + onToFirst, 6);
    // Twice the speed, half the time on the road.
    const fast = dropOffTimes(stops, venue, depart, { roadFactor: 1.3, speedKmh: 60 });
    expect(fast.get('a')! - depart).toBeCloseTo((at.get('a')! - depart) / 2, 6);
  });

  test('no stops, no times', () => {
    expect(dropOffTimes([], venue, depart).size).toBe(0);
  });
});

describe('routeTimes and latestDeparture: the way there, waiting for riders not yet ready', () => {
  const venue = { lat: 51.5894, lng: -0.2288 };
  const origin = { lat: 51.65, lng: -0.15 };
  const a = { lat: 51.63, lng: -0.17 };
  const b = { lat: 51.61, lng: -0.2 };
  const road = { roadFactor: 1.3, speedKmh: 40 };
  const drive = (p: { lat: number; lng: number }, q: { lat: number; lng: number }) => (legKm(p, q, 1.3) / 40) * 3_600_000;
  const start = Date.parse('2030-07-06T10:00:00Z');

  test('each stop is left once the car is there and its riders are ready', () => {
    const depart = start - 3_600_000;
    const readyB = depart + drive(origin, a) + drive(a, b) + 600_000; // ten minutes after the car gets to b
    const t = routeTimes(origin, [{ point: a, readyMs: null }, { point: b, readyMs: readyB }], venue, depart, road);
    expect(t.atMs[0]).toBeCloseTo(depart + drive(origin, a), 6);
    expect(t.atMs[1]).toBe(readyB);
    expect(t.arriveMs).toBeCloseTo(readyB + drive(b, venue), 6);
  });

  test('the latest departure arrives exactly at the start; a rider ready too late leaves none', () => {
    const stops = [{ point: a, readyMs: null }, { point: b, readyMs: start - 3_600_000 }];
    const latest = latestDeparture(origin, stops, venue, start, road)!;
    expect(routeTimes(origin, stops, venue, latest, road).arriveMs).toBeCloseTo(start, 3);
    expect(routeTimes(origin, stops, venue, latest + 60_000, road).arriveMs).toBeGreaterThan(start);
    // Leaving early only means waiting at b: still in time.
    expect(routeTimes(origin, stops, venue, latest - 3 * 3_600_000, road).arriveMs).toBeLessThanOrEqual(start);
    const late = [{ point: a, readyMs: null }, { point: b, readyMs: start - drive(b, venue) + 1 }];
    expect(latestDeparture(origin, late, venue, start, road)).toBeNull();
  });
});
