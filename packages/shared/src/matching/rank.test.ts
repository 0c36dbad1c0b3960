import { describe, expect, test } from 'vitest';
import type { LatLng } from '../geo.ts';
import { driverWith, KM_PER_DEG, onMeridian, riderAt } from '../../test/matching.ts';
import { pairDetour, routeDetour } from './geometry.ts';
import { rankOffers } from './rank.ts';
import type { MatchRider } from './types.ts';

const RF = 1.3;
const m = (lat: number): LatLng => onMeridian(lat);
const E = m(51);

const offer = driverWith({ seats: 3, maxDetourKm: 50, departureMs: 1000 });
const rider = (over: Partial<MatchRider> = {}): MatchRider => riderAt('rider', m(51.1), over);

describe('rankOffers', () => {
  test('filters out offers without enough free seats, and a party is never split', () => {
    const ranked = rankOffers(rider({ seats: 3 }), [offer('a', { seats: 2 }), offer('b', { seats: 3 })], E, { roadFactor: RF });
    expect(ranked.map((r) => r.offer.id)).toEqual(['b']);
    expect(ranked[0]!.seatsLeft).toBe(0);
  });

  test('wheelchair requests only see accessible cars; others see both', () => {
    const offers = [offer('a'), offer('b', { wheelchairAccessible: true })];
    expect(rankOffers(rider({ needsWheelchair: true }), offers, E).map((r) => r.offer.id)).toEqual(['b']);
    expect(rankOffers(rider(), offers, E)).toHaveLength(2);
  });

  test("filters by the driver's limit: 0.1° beyond the event costs 0.2° of road", () => {
    const cost = 0.2 * KM_PER_DEG * RF;
    const r = rider({ origin: m(51.1) });
    expect(rankOffers(r, [offer('tight', { maxDetourKm: cost - 0.01 })], E, { roadFactor: RF })).toHaveLength(0);
    const ok = rankOffers(r, [offer('ok', { maxDetourKm: cost + 0.01 })], E, { roadFactor: RF });
    expect(ok).toHaveLength(1);
    expect(Math.abs(ok[0]!.detourKm - cost)).toBeLessThan(1e-6);
  });

  test('sorted by detour, then departure time, then id', () => {
    const r = rider({ origin: m(50.5) }); // on the way for drivers at 50, off it for the others
    const offers = [
      offer('far', { origin: { lat: 50, lng: 0.3 } }),
      offer('late', { departureMs: 3000 }),
      offer('early-b', { departureMs: 2000 }),
      offer('early-a', { departureMs: 2000 }),
    ];
    const ranked = rankOffers(r, offers, E, { roadFactor: RF });
    expect(ranked.map((x) => x.offer.id)).toEqual(['early-a', 'early-b', 'late', 'far']);
    expect(ranked[0]!.detourKm).toBeLessThan(1e-9);
    expect(ranked[3]!.detourKm).toBeCloseTo(pairDetour({ lat: 50, lng: 0.3 }, m(50.5), E, RF), 9);
  });

  test("the limit applies to the whole route, with the driver's accepted riders", () => {
    // An accepted rider 0.1° beyond the event already costs 0.2°; the new one 0.1° behind the driver costs 0.2° more.
    const accepted = [{ id: 'acc', origin: m(51.1) }];
    const r = rider({ origin: m(49.9) });
    const whole = 0.4 * KM_PER_DEG * RF;
    const tight = offer('tight', { acceptedRiders: accepted, seats: 2, maxDetourKm: whole - 0.01 });
    const ok = offer('ok', { acceptedRiders: accepted, seats: 2, maxDetourKm: whole + 0.01 });
    const ranked = rankOffers(r, [tight, ok], E, { roadFactor: RF });
    expect(ranked.map((x) => x.offer.id)).toEqual(['ok']);
    const x = ranked[0]!;
    expect(x.routeDetourKm).toBeCloseTo(whole, 6);
    expect(x.detourKm).toBeCloseTo(0.2 * KM_PER_DEG * RF, 6); // what THIS pickup adds
    expect(x.pickupOrder).toEqual(['rider', 'acc']);
    expect(x.routeDetourKm).toBeCloseTo(routeDetour(ok, [...accepted, r], E, RF).detourKm, 9);
  });

  test('empty inputs', () => {
    expect(rankOffers(rider(), [], E)).toEqual([]);
  });
});
