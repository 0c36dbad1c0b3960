import { describe, expect, test } from 'vitest';
import { dropOffTimes } from './lift-legs.ts';
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
