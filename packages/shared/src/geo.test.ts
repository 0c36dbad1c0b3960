import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { boxAround, boxContains, distanceKm, isValidLatLng, snapToGrid } from './geo.ts';

describe('distanceKm', () => {
  test('known distances', () => {
    const london = { lat: 51.5074, lng: -0.1278 };
    const leeds = { lat: 53.8008, lng: -1.5491 };
    expect(distanceKm(london, leeds)).toBeGreaterThan(268);
    expect(distanceKm(london, leeds)).toBeLessThan(274);
    expect(distanceKm(london, london)).toBe(0);
  });

  test('is symmetric and never negative', () => {
    const point = fc.record({ lat: fc.double({ min: -89, max: 89, noNaN: true }), lng: fc.double({ min: -179, max: 179, noNaN: true }) });
    fc.assert(
      fc.property(point, point, (a, b) => {
        const d = distanceKm(a, b);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(Math.abs(d - distanceKm(b, a))).toBeLessThan(1e-9);
      }),
    );
  });
});

describe('snapToGrid', () => {
  const gb = fc.record({ lat: fc.double({ min: 49.8, max: 60.9, noNaN: true }), lng: fc.double({ min: -8.7, max: 1.8, noNaN: true }) });

  test('moves a point by at most the half-diagonal of a 1 km cell', () => {
    fc.assert(
      fc.property(gb, (p) => {
        expect(distanceKm(p, snapToGrid(p))).toBeLessThan(0.75);
      }),
    );
  });

  test('every point in a cell maps to the same centre (so nothing finer than the cell leaks)', () => {
    fc.assert(
      fc.property(gb, (p) => {
        const centre = snapToGrid(p);
        expect(snapToGrid(centre)).toEqual(centre);
      }),
    );
  });

  test('nearby homes in one cell are indistinguishable', () => {
    const a = snapToGrid({ lat: 53.8201, lng: -1.5801 });
    const b = snapToGrid({ lat: 53.8203, lng: -1.5799 });
    expect(a).toEqual(b);
  });
});

describe('boxes', () => {
  test('boxAround contains the points within its radius', () => {
    const centre = { lat: 53.8, lng: -1.55 };
    const box = boxAround(centre, 10);
    expect(boxContains(box, { lat: 53.85, lng: -1.5 })).toBe(true);
    expect(boxContains(box, { lat: 54.0, lng: -1.55 })).toBe(false);
  });

  test('isValidLatLng', () => {
    expect(isValidLatLng({ lat: 51, lng: 0 })).toBe(true);
    expect(isValidLatLng({ lat: 91, lng: 0 })).toBe(false);
    expect(isValidLatLng({ lat: 0, lng: -181 })).toBe(false);
    expect(isValidLatLng({ lat: Number.NaN, lng: 0 })).toBe(false);
  });
});
