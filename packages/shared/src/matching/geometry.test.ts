import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { bruteForceDetour, KM_PER_DEG, onMeridian } from '../../test/matching.ts';
import { distanceKm, type LatLng } from '../geo.ts';
import { legKm, pairDetour, routeDetour, shortestPath } from './geometry.ts';

const RF = 1.3;
const close = (a: number, b: number, eps = 1e-6) => expect(Math.abs(a - b)).toBeLessThan(eps);

const bruteForce = (d: LatLng, stops: LatLng[], e: LatLng, rf = RF) => bruteForceDetour(d, stops, e, rf);

describe('legKm', () => {
  test('is the haversine great circle times the road factor', () => {
    const point = fc.record({ lat: fc.double({ min: 49, max: 59, noNaN: true }), lng: fc.double({ min: -8, max: 2, noNaN: true }) });
    fc.assert(
      fc.property(point, point, (a, b) => {
        close(legKm(a, b, RF), distanceKm(a, b) * RF, 1e-7);
      }),
    );
  });
});

describe('routeDetour — hand-computed cases on a meridian', () => {
  const D = onMeridian(50);
  const E = onMeridian(51);

  test('no riders: no detour', () => {
    const r = routeDetour({ origin: D }, [], E, RF);
    expect(r.detourKm).toBe(0);
    close(r.directKm, KM_PER_DEG * RF);
  });

  test('a rider on the way costs nothing', () => {
    close(routeDetour({ origin: D }, [{ origin: onMeridian(50.5) }], E, RF).detourKm, 0);
    close(pairDetour(D, onMeridian(50.5), E, RF), 0);
  });

  test('a rider 0.5° beyond the event costs the way there and back: 1° of road', () => {
    const r = routeDetour({ origin: D }, [{ origin: onMeridian(51.5) }], E, RF);
    close(r.detourKm, KM_PER_DEG * RF);
    close(r.lengthKm, 2 * KM_PER_DEG * RF);
  });

  test('a rider 0.25° behind the driver: 0.5° of road', () => {
    close(pairDetour(D, onMeridian(49.75), E, RF), 0.5 * KM_PER_DEG * RF);
  });

  test('the cheapest order is chosen: pick up the nearer rider first', () => {
    // Given far-then-near, the route must still go near (50.2) then far (50.8), detour 0; the other order costs 1.2°.
    const r = routeDetour({ origin: D }, [{ origin: onMeridian(50.8) }, { origin: onMeridian(50.2) }], E, RF);
    expect(r.order).toEqual([1, 0]);
    close(r.detourKm, 0);
  });

  test('behind and beyond: behind first, then beyond, then back to the event', () => {
    const stops = [{ origin: onMeridian(51.3) }, { origin: onMeridian(49.9) }, { origin: onMeridian(50.4) }];
    const r = routeDetour({ origin: D }, stops, E, RF);
    expect(r.order).toEqual([1, 2, 0]);
    // 50 → 49.9 → 50.4 → 51.3 → 51: 0.1 + 0.5 + 0.9 + 0.3 = 1.8°, minus the direct 1°.
    close(r.detourKm, 0.8 * KM_PER_DEG * RF);
  });

  test('the road factor scales everything', () => {
    close(pairDetour(D, onMeridian(51.5), E, 1), KM_PER_DEG);
    close(pairDetour(D, onMeridian(51.5), E, 2), 2 * KM_PER_DEG);
  });
});

type Point = { x: number; y: number };

/** The path solver's inputs for points on a plane, straight-line distances: D → each point, each point → E, point → point. */
function planePath(points: Point[], from: Point, to: Point) {
  const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
  return {
    start: points.map((p) => dist(from, p)),
    end: points.map((p) => dist(p, to)),
    mat: points.flatMap((p) => points.map((q) => dist(p, q))),
  };
}

describe('routeDetour — against brute force', () => {
  const near = (c: LatLng) =>
    fc.record({ lat: fc.double({ min: c.lat - 0.3, max: c.lat + 0.3, noNaN: true }), lng: fc.double({ min: c.lng - 0.5, max: c.lng + 0.5, noNaN: true }) });
  const E = { lat: 52.5, lng: -1.9 };

  test('up to 6 pickups: the exact cheapest order, and a single pickup equals pairDetour', () => {
    fc.assert(
      fc.property(near(E), fc.array(near(E), { minLength: 1, maxLength: 6 }), (d, stops) => {
        const r = routeDetour({ origin: d }, stops.map((origin) => ({ origin })), E, RF);
        close(r.detourKm, bruteForce(d, stops, E));
        expect([...r.order].sort((a, b) => a - b)).toEqual(stops.map((_, i) => i));
        expect(r.detourKm).toBeGreaterThanOrEqual(-1e-9);
        if (stops.length === 1) expect(r.detourKm).toBe(pairDetour(d, stops[0]!, E, RF));
      }),
      { numRuns: 150 },
    );
  });

  test('7 to 8 pickups (branch and bound) agree with brute force', () => {
    fc.assert(
      fc.property(near(E), fc.array(near(E), { minLength: 7, maxLength: 8 }), (d, stops) => {
        const r = routeDetour({ origin: d }, stops.map((origin) => ({ origin })), E, RF);
        expect(r.exact).toBe(true);
        close(r.detourKm, bruteForce(d, stops, E));
      }),
      { numRuns: 6 },
    );
  });

  test('5 to 8 pickups (branch and bound): the shortest path and the lexicographically first order among equals', () => {
    // A reference that tries every order on the same matrix; points on a 3×3 grid of a few km make ties common.
    const every = (n: number, start: number[], end: number[], mat: number[]) => {
      let best = Number.POSITIVE_INFINITY;
      let bestOrder: number[] = [];
      const go = (path: number[], len: number) => {
        if (path.length === n) {
          const total = len + end[path[n - 1]!]!;
          if (total < best) [best, bestOrder] = [total, [...path]];
          return;
        }
        for (let j = 0; j < n; j++) {
          if (path.includes(j)) continue;
          path.push(j);
          go(path, path.length === 1 ? start[j]! : len + mat[path[path.length - 2]! * n + j]!);
          path.pop();
        }
      };
      go([], 0);
      return { best, bestOrder };
    };
    const cell = fc.record({ x: fc.integer({ min: 0, max: 2 }), y: fc.integer({ min: 0, max: 2 }) });
    fc.assert(
      fc.property(fc.array(cell, { minLength: 5, maxLength: 8 }), (cells) => {
        const n = cells.length;
        const P = cells.map((c) => ({ x: c.x * 2, y: c.y * 2 - 2 }));
        const { start, end, mat } = planePath(P, { x: -3, y: 0 }, { x: 8, y: 0 });
        const order = new Int32Array(n);
        const len = shortestPath(n, start, end, mat, n, order);
        const ref = every(n, start, end, mat);
        expect(len).toBe(ref.best);
        expect(Array.from(order)).toEqual(ref.bestOrder);
      }),
      { numRuns: 40 },
    );
  });

  test('with a cutoff, a path within it is the same path; one above it is reported above it', () => {
    // Integer grid points: many ties, and cutoffs landing exactly on a path's length.
    const cell = fc.record({ x: fc.integer({ min: 0, max: 3 }), y: fc.integer({ min: 0, max: 3 }) });
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 9 }), fc.double({ min: -0.5, max: 1.5, noNaN: true }), (cells, f) => {
        const n = cells.length;
        const { start, end, mat } = planePath(cells, { x: -2, y: 1 }, { x: 6, y: 1 });
        const exactOrder = new Int32Array(n);
        const exact = shortestPath(n, start, end, mat, n, exactOrder);
        // Cutoffs below, at and above the shortest path, and far above it.
        for (const cutoff of [exact * f, exact, exact + 1e-12, exact * 2]) {
          const order = new Int32Array(n);
          const got = shortestPath(n, start, end, mat, n, order, cutoff);
          if (exact <= cutoff) {
            expect(got).toBe(exact);
            expect(Array.from(order)).toEqual(Array.from(exactOrder));
          } else expect(got).toBeGreaterThan(cutoff);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('adding a pickup never shortens the route', () => {
    fc.assert(
      fc.property(near(E), fc.array(near(E), { minLength: 1, maxLength: 5 }), near(E), (d, stops, extra) => {
        const before = routeDetour({ origin: d }, stops.map((origin) => ({ origin })), E, RF).detourKm;
        const after = routeDetour({ origin: d }, [...stops, extra].map((origin) => ({ origin })), E, RF).detourKm;
        expect(after).toBeGreaterThanOrEqual(before - 1e-9);
      }),
      { numRuns: 100 },
    );
  });

  test('above 12 pickups a heuristic order is used, and says so', () => {
    const stops = Array.from({ length: 14 }, (_, i) => ({ origin: onMeridian(50 + i / 14) }));
    const r = routeDetour({ origin: onMeridian(50) }, stops.reverse(), onMeridian(51), RF);
    expect(r.exact).toBe(false);
    expect([...r.order].sort((a, b) => a - b)).toEqual(stops.map((_, i) => i));
    close(r.detourKm, 0); // all on the way: insertion finds the straight order
  });

  test('shortestPath breaks ties deterministically (lexicographically first order)', () => {
    // Two co-located pickups: both orders cost the same; the first (0, 1) wins.
    const order = new Int32Array(2);
    shortestPath(2, [1, 1], [1, 1], [0, 0, 0, 0], 2, order);
    expect(Array.from(order)).toEqual([0, 1]);
  });
});
