import { distanceKm, snapToGrid } from '@rallypoint/shared';
import { describe, expect, test } from 'vitest';
import { bestMatch, distanceNote, locationErrorMessage, parseSearchTarget, pointSegment, searchPath, snapLocation } from './search-place.ts';

// Positions over Great Britain, on an uneven grid (about 4,000 of them).
const gb = Array.from({ length: 4000 }, (_, i) => ({ lat: 49.8 + ((i * 0.6180339887) % 1) * 11.1, lng: -8.7 + ((i * 0.7548776662) % 1) * 10.5 }));

describe('snapLocation', () => {
  test('moves a position less than a km and keeps at most 3 decimal places', () => {
    for (const p of gb) {
      const s = snapLocation(p);
      expect(distanceKm(p, s)).toBeLessThan(0.8);
      expect(String(s.lat)).toMatch(/^-?\d+(\.\d{1,3})?$/);
      expect(String(s.lng)).toMatch(/^-?\d+(\.\d{1,3})?$/);
    }
  });

  test('every position in a ~1 km square gives the same answer, which stays in that square', () => {
    for (const p of gb) {
      const s = snapLocation(p);
      expect(snapToGrid(s)).toEqual(snapToGrid(p));
      expect(snapLocation(s)).toEqual(s);
    }
    // Two homes 30 m apart are indistinguishable.
    expect(snapLocation({ lat: 53.82011, lng: -1.58012 })).toEqual(snapLocation({ lat: 53.82031, lng: -1.57991 }));
  });

  test('the URL segment carries only the snapped point', () => {
    const precise = { lat: 53.8201234, lng: -1.5801234 };
    const seg = pointSegment(precise);
    const s = snapLocation(precise);
    expect(seg).toBe(`@${s.lat},${s.lng}`);
    expect(seg).not.toContain('53.8201');
    expect(searchPath('/near', seg, '?radius=10')).toBe(`/near/${seg}?radius=10`);
  });
});

describe('parseSearchTarget', () => {
  test('postcodes and districts', () => {
    expect(parseSearchTarget('ls61an')).toEqual({ kind: 'postcode', postcode: 'LS6 1AN', outcode: 'LS6', full: true });
    expect(parseSearchTarget(' ls6 ')).toEqual({ kind: 'postcode', postcode: 'LS6', outcode: 'LS6', full: false });
  });

  test('points are snapped again, so a hand-made precise link is never sent as it is', () => {
    const t = parseSearchTarget('@53.8201234,-1.5801234');
    expect(t).toEqual({ kind: 'point', location: snapLocation({ lat: 53.8201234, lng: -1.5801234 }) });
    expect(parseSearchTarget('@95,1').kind).toBe('invalid');
  });

  test('seats by code, Northern Ireland postcodes, names, nonsense', () => {
    expect(parseSearchTarget('E14001320')).toEqual({ kind: 'seat', code: 'E14001320' });
    expect(parseSearchTarget('BT1').kind).toBe('northern-ireland');
    expect(parseSearchTarget('bt7 1nn').kind).toBe('northern-ireland');
    expect(parseSearchTarget('Leeds')).toEqual({ kind: 'name', text: 'Leeds' });
    expect(parseSearchTarget('  Leeds   East ')).toEqual({ kind: 'name', text: 'Leeds East' });
    expect(parseSearchTarget('').kind).toBe('invalid');
    expect(parseSearchTarget('12345').kind).toBe('invalid');
    expect(parseSearchTarget('a'.repeat(101)).kind).toBe('invalid');
  });
});

describe('distanceNote', () => {
  test('a full postcode says distances are from its district’s middle', () => {
    expect(distanceNote(parseSearchTarget('LS61AN'), null, 'LS6 1AN')).toBe(
      'Distances are from the middle of LS6, not from LS6 1AN itself: we only know where postcode districts are.',
    );
    expect(distanceNote(parseSearchTarget('LS6'), null, 'LS6')).toBe('Distances are from the middle of LS6.');
    expect(distanceNote(parseSearchTarget('E14001320'), 'Leeds East', 'LS14')).toBe('Distances are from a central point of Leeds East.');
    expect(distanceNote(parseSearchTarget('@53.8,-1.55'), null, 'LS2')).toBe('Distances are from a point near LS2, rounded to about 1 km.');
  });
});

describe('bestMatch', () => {
  const leeds = [{ label: 'Leeds East' }, { label: 'Leeds North East' }];
  test('an exact name (any case, accents), else the only match, else none', () => {
    expect(bestMatch('leeds east', leeds)).toEqual({ label: 'Leeds East' });
    expect(bestMatch('ynys mon', [{ label: 'Ynys Môn' }, { label: 'Other' }])).toEqual({ label: 'Ynys Môn' });
    expect(bestMatch('morley', [{ label: 'Leeds South West and Morley' }])).toEqual({ label: 'Leeds South West and Morley' });
    expect(bestMatch('leeds', leeds)).toBeNull();
    expect(bestMatch('x', [])).toBeNull();
  });
});

test('location errors say what happened and what to do instead', () => {
  expect(locationErrorMessage(1)).toMatch(/not allowed/);
  expect(locationErrorMessage(2)).toMatch(/could not be found/);
  expect(locationErrorMessage(3)).toMatch(/took too long/);
  for (const code of [1, 2, 3]) expect(locationErrorMessage(code)).toMatch(/postcode or place name/);
});
