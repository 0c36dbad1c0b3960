import { describe, expect, test } from 'vitest';
import { bruteForceDetour, driverWith, KM_PER_DEG, onMeridian, riderAt } from '../../test/matching.ts';
import { rankOffers } from './rank.ts';
import { stretchOptions } from './stretch.ts';

const RF = 1.3;
const E = onMeridian(51);
const car = driverWith({ seats: 2, maxDetourKm: 5 });

describe('stretchOptions', () => {
  test('how far beyond each limit the route would go, least first; checked against every pickup order', () => {
    const rider = riderAt('r', { lat: 50.5, lng: 0.3 });
    const cars = [
      car('west', { origin: { lat: 50, lng: -0.2 }, maxDetourKm: 2 }),
      car('on-line', { origin: { lat: 50, lng: 0 } }),
      car('busy', { origin: { lat: 50, lng: 0 }, acceptedRiders: [{ id: 'a', origin: { lat: 50.3, lng: -0.15 } }] }),
    ];
    const options = stretchOptions(rider, cars, E, { roadFactor: RF });
    expect(options.map((o) => o.offer.id).sort()).toEqual(['busy', 'on-line', 'west']);
    expect(options.map((o) => o.extraKm)).toEqual(options.map((o) => o.extraKm).sort((a, b) => a - b));
    expect(options[0]!.extraKm).toBeGreaterThan(0);
    for (const o of options) {
      const stops = [...(o.offer.acceptedRiders ?? []).map((a) => a.origin), rider.origin];
      const expected = bruteForceDetour(o.offer.origin, stops, E, RF);
      expect(o.routeDetourKm).toBeCloseTo(expected, 6);
      expect(o.extraKm).toBeCloseTo(Math.max(0, expected - o.offer.maxDetourKm), 6);
    }
    // No car takes the rider as things stand; with each limit raised by its extra, that car does.
    expect(rankOffers(rider, cars, E, { roadFactor: RF })).toHaveLength(0);
    for (const o of options) {
      const stretched = { ...o.offer, maxDetourKm: o.offer.maxDetourKm + o.extraKm };
      expect(rankOffers(rider, [stretched], E, { roadFactor: RF })).toHaveLength(1);
    }
  });

  test('cars without room or access are left out, as are those past the highest limit; limit keeps the nearest', () => {
    const rider = riderAt('r', onMeridian(51.5), { seats: 2, needsWheelchair: true });
    const cars = [
      car('small', { seats: 1, wheelchairAccessible: true }),
      car('no-access'),
      car('far', { wheelchairAccessible: true }),
      car('near', { origin: onMeridian(51.4), wheelchairAccessible: true }),
    ];
    expect(stretchOptions(rider, cars, E).map((o) => o.offer.id)).toEqual(['near', 'far']);
    // From 51.4° the rider at 51.5° costs 0.2° of road there and back.
    const nearKm = 0.2 * KM_PER_DEG * RF;
    expect(stretchOptions(rider, cars, E, { roadFactor: RF, maxLimitKm: nearKm + 0.1 }).map((o) => o.offer.id)).toEqual(['near']);
    expect(stretchOptions(rider, cars, E, { limit: 1 }).map((o) => o.offer.id)).toEqual(['near']);
  });

  test('with a limit, the same nearest cars as ranking them all (the pair-detour bound skips only cars that cannot win)', () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const at = () => ({ lat: 50 + rand(), lng: rand() - 0.5 });
    for (let round = 0; round < 20; round++) {
      const rider = riderAt('r', at());
      const cars = Array.from({ length: 30 }, (_, i) =>
        car(`c${i}`, {
          origin: at(),
          maxDetourKm: rand() * 20,
          acceptedRiders: rand() < 0.5 ? [{ id: `a${i}`, origin: at() }] : [],
        }),
      );
      const all = stretchOptions(rider, cars, E, { roadFactor: RF });
      expect(stretchOptions(rider, cars, E, { roadFactor: RF, limit: 3 })).toEqual(all.slice(0, 3));
    }
  });
});
