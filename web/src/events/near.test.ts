import { describe, expect, it } from 'vitest';
import { nearFiltersToParams, parseNearFilters, roundBox, zoomForRadius } from './near.ts';

describe('near page filters in the URL', () => {
  it('round-trips and omits defaults', () => {
    const filters = { radiusKm: 10, kinds: ['CANVASS' as const, 'STALL' as const], sort: 'TIME' as const };
    const params = nearFiltersToParams(filters);
    expect(params.toString()).toBe('radius=10&kinds=CANVASS%2CSTALL&sort=TIME');
    expect(parseNearFilters(params)).toEqual(filters);
    expect(nearFiltersToParams(parseNearFilters(new URLSearchParams())).toString()).toBe('');
  });

  it('ignores junk', () => {
    const f = parseNearFilters(new URLSearchParams('radius=-3&kinds=CANVASS,BOGUS,CANVASS&sort=random'));
    expect(f).toEqual({ radiusKm: 25, kinds: ['CANVASS'], sort: 'DISTANCE' });
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
