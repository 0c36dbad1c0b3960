import type { FeatureCollection, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { withMarginality } from '../map/geojson.ts';
import {
  byDistance,
  describeHighlights,
  FIRST_SEATS,
  formatMajority,
  liftSeatsText,
  MAX_SEATS,
  nextSeatCount,
  parseSeatCount,
  partyName,
  uniqueById,
  zoomForSeats,
} from './marginals.ts';

describe('nearest marginals: wording', () => {
  it('formats a majority in votes and per cent', () => {
    expect(formatMajority(1625, 3.52)).toBe('1,625 votes (3.5%)');
    expect(formatMajority(707, 1.91)).toBe('707 votes (1.9%)');
    expect(formatMajority(15, 0.04)).toBe('15 votes (under 0.1%)');
    expect(formatMajority(1, 0.002)).toBe('1 vote (under 0.1%)');
  });

  it('names parties, keeping unknown codes as they are', () => {
    expect(partyName('Lab')).toBe('Labour');
    expect(partyName('LD')).toBe('Liberal Democrat');
    expect(partyName('INet')).toBe('INet');
  });

  it('says which seats the map highlights, in words', () => {
    expect(describeHighlights(null, null)).toBe('');
    expect(describeHighlights('Bradford West', null)).toBe('The nearest marginal seat, Bradford West, has a thick purple outline.');
    expect(describeHighlights('Bradford West', 'Bradford West')).not.toContain('selected');
    expect(describeHighlights('Bradford West', 'Rochdale')).toContain('The seat you selected, Rochdale, has a blue dashed outline.');
  });

  it('counts lift seats', () => {
    expect(liftSeatsText(0)).toBe('No lift seats offered yet');
    expect(liftSeatsText(1)).toBe('1 lift seat offered');
    expect(liftSeatsText(4)).toBe('4 lift seats offered');
  });
});

describe('nearest marginals: paging and ordering', () => {
  it('shows more seats in steps, up to what the API serves', () => {
    expect(nextSeatCount(FIRST_SEATS)).toBe(10);
    expect(nextSeatCount(18)).toBe(MAX_SEATS);
    expect(nextSeatCount(MAX_SEATS)).toBe(MAX_SEATS);
  });

  it('reads the seat count from the URL, ignoring junk', () => {
    expect(parseSeatCount('10')).toBe(10);
    expect(parseSeatCount(null)).toBe(FIRST_SEATS);
    for (const junk of ['0', '-3', '2.5', '21', 'lots']) expect(parseSeatCount(junk)).toBe(FIRST_SEATS);
  });

  it('sorts nearest first, keeping ties in order', () => {
    const seats = [
      { id: 'c', distanceKm: 9 },
      { id: 'a', distanceKm: 2 },
      { id: 'b', distanceKm: 2 },
    ];
    expect(byDistance(seats).map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(seats.map((s) => s.id)).toEqual(['c', 'a', 'b']);
  });

  it('drops repeated items', () => {
    expect(uniqueById([{ id: '1' }, { id: '2' }, { id: '1' }]).map((e) => e.id)).toEqual(['1', '2']);
  });

  it('zooms out to take in the three nearest seats', () => {
    expect(zoomForSeats([5, 7, 8], 53)).toBeGreaterThan(zoomForSeats([16, 24, 38, 41], 53));
    expect(zoomForSeats([16, 24, 38], 53)).toBe(zoomForSeats([16, 24, 38, 41, 45], 53));
    expect(zoomForSeats([], 53)).toBeGreaterThanOrEqual(4);
  });
});

describe('map seat properties', () => {
  const boundaries: FeatureCollection<Geometry> = {
    type: 'FeatureCollection',
    features: ['A', 'B', 'C'].map((code) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [0, 0] },
      properties: { code },
    })),
  };

  it('copies the majority, and whether a seat is marginal when known', () => {
    const out = withMarginality(boundaries, [
      { code: 'A', name: 'A', majorityPct: 1.2, isMarginal: true },
      { code: 'B', name: 'B', majorityPct: 30 },
    ]);
    expect(out.features.map((f) => f.properties)).toEqual([
      { code: 'A', majorityPct: 1.2, marginal: true },
      { code: 'B', majorityPct: 30 },
      { code: 'C' },
    ]);
  });
});
