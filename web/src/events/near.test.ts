import { describe, expect, it, test } from 'vitest';
import { nearFiltersToParams, parseNearFilters, roundBox, widenPrompt, widerRadius, zoomForRadius } from './near.ts';

const defaults = { radiusKm: 25, kinds: [], sort: 'TIME' as const, format: 'ALL' as const, access: [], hasLiftSeats: false, hideFull: false };

describe('near page filters in the URL', () => {
  it('round-trips and omits defaults', () => {
    const filters = { ...defaults, radiusKm: 10, kinds: ['CANVASS' as const, 'STALL' as const], sort: 'DISTANCE' as const };
    const params = nearFiltersToParams(filters);
    expect(params.toString()).toBe('radius=10&kinds=CANVASS%2CSTALL&sort=DISTANCE');
    expect(parseNearFilters(params)).toEqual(filters);
    expect(nearFiltersToParams(parseNearFilters(new URLSearchParams())).toString()).toBe('');
  });

  it('lists soonest first unless nearest first is asked for', () => {
    expect(parseNearFilters(new URLSearchParams()).sort).toBe('TIME');
    expect(parseNearFilters(new URLSearchParams('sort=DISTANCE')).sort).toBe('DISTANCE');
    // Links made when nearest first was the default said sort=TIME: still soonest first.
    expect(parseNearFilters(new URLSearchParams('sort=TIME')).sort).toBe('TIME');
  });

  it('round-trips where, access, lift seats and hide full', () => {
    const filters = { ...defaults, format: 'ONLINE' as const, access: ['STEP_FREE' as const, 'QUIET_SPACE' as const], hasLiftSeats: true, hideFull: true };
    const params = nearFiltersToParams(filters);
    expect(params.toString()).toBe('where=online&access=STEP_FREE%2CQUIET_SPACE&lifts=1&hidefull=1');
    expect(parseNearFilters(params)).toEqual(filters);
    expect(parseNearFilters(new URLSearchParams('where=in-person&access=QUIET_SPACE,NOPE,STEP_FREE')).access).toEqual(['STEP_FREE', 'QUIET_SPACE']);
  });

  it('ignores junk', () => {
    const f = parseNearFilters(new URLSearchParams('radius=-3&kinds=CANVASS,BOGUS,CANVASS&sort=random'));
    expect(f).toEqual({ ...defaults, kinds: ['CANVASS'] });
    expect(parseNearFilters(new URLSearchParams('radius=5000')).radiusKm).toBe(25);
  });
});

describe('map helpers', () => {
  it('zooms out as the radius grows', () => {
    expect(zoomForRadius(5)).toBeGreaterThan(zoomForRadius(25));
    expect(zoomForRadius(25)).toBeGreaterThan(zoomForRadius(100));
  });

  it('rounds a viewport outwards', () => {
    expect(roundBox({ west: -1.23456, south: 53.80001, east: -1.1111, north: 53.9 })).toEqual({
      west: -1.235,
      south: 53.8,
      east: -1.111,
      north: 53.9,
    });
  });
});

describe('widening a search that found few events', () => {
  test('the next radius offered, none beyond the widest', () => {
    expect(widerRadius(5)).toBe(10);
    expect(widerRadius(25)).toBe(50);
    expect(widerRadius(30)).toBe(50);
    expect(widerRadius(100)).toBeNull();
    expect(widerRadius(150)).toBeNull();
  });

  test('offered below three events, unless more pages are waiting or the radius is the widest', () => {
    expect(widenPrompt(1, false, 5)).toEqual({ text: 'Only 1 event within 5 km —', radiusKm: 10 });
    expect(widenPrompt(2, false, 25)).toEqual({ text: 'Only 2 events within 25 km —', radiusKm: 50 });
    expect(widenPrompt(0, false, 10)).toEqual({ text: 'No events within 10 km —', radiusKm: 25 });
    expect(widenPrompt(3, false, 5)).toBeNull();
    expect(widenPrompt(2, true, 5)).toBeNull();
    expect(widenPrompt(1, false, 100)).toBeNull();
  });
});
