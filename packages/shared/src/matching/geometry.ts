import type { LatLng } from '../geo.ts';

/**
 * Route geometry for lifts. Distances are great-circle km × a road factor (no routing engine offline). A car drives
 * D → its pickups in the cheapest order → E; its detour is that route's length minus the straight leg d(D, E).
 *
 * Every distance in the matching code comes from {@link legKm} (unit vectors and the chord formula — the same
 * great circle as the haversine in `geo.ts`, to ~1e-12 relative) and every route from {@link shortestPath}, so a
 * detour computed here, in `rankOffers`, in `greedyAssign` and in `assign` is the same number to the last bit.
 */

export const DEFAULT_ROAD_FACTOR = 1.3;
/** Slack (km) allowed on a driver's limit, so that float rounding never flips a feasible route to infeasible. */
export const DETOUR_TOLERANCE_KM = 1e-9;
/**
 * Slack (km) on a cutoff a route is priced to, above the exact threshold it is compared with afterwards: rounding never
 * makes a cut-short search turn away a route the comparison would take.
 */
export const CUTOFF_SLACK_KM = 1e-6;
/** Up to this many pickups the cheapest order is found by trying every permutation. */
export const MAX_PERMUTATION_PICKUPS = 4;
/** Up to this many pickups, branch and bound over pickup orders (Held–Karp above, whose work does not depend on the data). */
const MAX_BRANCH_PICKUPS = 9;
/** Up to this many pickups the cheapest order is exact (Held–Karp above the permutation range); beyond, a heuristic. */
export const MAX_EXACT_PICKUPS = 12;

export const EARTH_RADIUS_KM = 6371.0088;
const DEG = Math.PI / 180;

/** A point as a unit vector on the sphere. */
export type Unit = readonly [number, number, number];

export function toUnit(p: LatLng): Unit {
  const lat = p.lat * DEG;
  const lng = p.lng * DEG;
  const c = Math.cos(lat);
  return [c * Math.cos(lng), c * Math.sin(lng), Math.sin(lat)];
}

/** Great-circle km between two unit vectors (chord formula: well conditioned at short range). */
export function unitGcKm(ax: number, ay: number, az: number, bx: number, by: number, bz: number): number {
  const dx = ax - bx;
  const dy = ay - by;
  const dz = az - bz;
  const chord = Math.sqrt(dx * dx + dy * dy + dz * dz);
  return 2 * EARTH_RADIUS_KM * Math.asin(chord >= 2 ? 1 : chord / 2);
}

/**
 * The tight box of points items[from .. to) (unit vectors; `items` null for the points from .. to themselves), as
 * minx, miny, minz, maxx, maxy, maxz written at out[o ..].
 */
export function boundBox(
  units: Float64Array,
  items: ArrayLike<number> | null,
  from: number,
  to: number,
  out: Float64Array,
  o: number,
): void {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = x0;
  let z0 = x0;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = x1;
  let z1 = x1;
  for (let p = from; p < to; p++) {
    const i = 3 * (items ? items[p]! : p);
    const x = units[i]!;
    const y = units[i + 1]!;
    const z = units[i + 2]!;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
    if (z < z0) z0 = z;
    if (z > z1) z1 = z;
  }
  out[o] = x0;
  out[o + 1] = y0;
  out[o + 2] = z0;
  out[o + 3] = x1;
  out[o + 4] = y1;
  out[o + 5] = z1;
}

/**
 * Lower bound of the great-circle km from (x, y, z) to any point of the box at box[o ..]: the chord to the box
 * (arc ≥ chord), so it holds anywhere on the globe.
 */
export function boxLowerKm(box: Float64Array, o: number, x: number, y: number, z: number): number {
  const dx = x < box[o]! ? box[o]! - x : x > box[o + 3]! ? x - box[o + 3]! : 0;
  const dy = y < box[o + 1]! ? box[o + 1]! - y : y > box[o + 4]! ? y - box[o + 4]! : 0;
  const dz = z < box[o + 2]! ? box[o + 2]! - z : z > box[o + 5]! ? z - box[o + 5]! : 0;
  // Chord ≤ arc; shave a hair off for float safety.
  return Math.sqrt(dx * dx + dy * dy + dz * dz) * EARTH_RADIUS_KM * (1 - 1e-9);
}

/** Road km of one leg: great circle × road factor. The one distance function of the matching code. */
export function legKm(a: LatLng, b: LatLng, roadFactor = DEFAULT_ROAD_FACTOR): number {
  const u = toUnit(a);
  const v = toUnit(b);
  return unitGcKm(u[0], u[1], u[2], v[0], v[1], v[2]) * roadFactor;
}

/** Road km of the leg between two unit vectors. */
export function unitLegKm(u: Unit, v: Unit, roadFactor: number): number {
  return unitGcKm(u[0], u[1], u[2], v[0], v[1], v[2]) * roadFactor;
}

export function withinLimit(detourKm: number, maxDetourKm: number): boolean {
  return detourKm <= maxDetourKm + DETOUR_TOLERANCE_KM;
}

/** Detour of picking up one rider: d(D,R) + d(R,E) − d(D,E). */
export function pairDetour(
  driverOrigin: LatLng,
  riderOrigin: LatLng,
  event: LatLng,
  roadFactor = DEFAULT_ROAD_FACTOR,
): number {
  const d = toUnit(driverOrigin);
  const r = toUnit(riderOrigin);
  const e = toUnit(event);
  return unitLegKm(d, r, roadFactor) + unitLegKm(r, e, roadFactor) - unitLegKm(d, e, roadFactor);
}

export interface RouteResult {
  /** Route length minus d(D, E), road km. */
  detourKm: number;
  /** D → pickups → E, road km. */
  lengthKm: number;
  /** d(D, E), road km. */
  directKm: number;
  /** Indices into the riders array, in pickup order. */
  order: number[];
  /** False only above {@link MAX_EXACT_PICKUPS} pickups, where the order comes from a heuristic. */
  exact: boolean;
}

/**
 * The route D → every rider's origin (cheapest order) → E and its detour. Exact up to 12 pickups (every permutation up
 * to 4, branch and bound up to 9, Held–Karp above); beyond that, cheapest insertion improved by 2-opt.
 */
export function routeDetour(
  driver: { origin: LatLng },
  riders: readonly { origin: LatLng }[],
  event: LatLng,
  roadFactor = DEFAULT_ROAD_FACTOR,
): RouteResult {
  const n = riders.length;
  const d = toUnit(driver.origin);
  const e = toUnit(event);
  const directKm = unitLegKm(d, e, roadFactor);
  if (n === 0) return { detourKm: 0, lengthKm: directKm, directKm, order: [], exact: true };
  const us = riders.map((r) => toUnit(r.origin));
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const mat = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ui = us[i]!;
    start[i] = unitLegKm(d, ui, roadFactor);
    end[i] = unitLegKm(ui, e, roadFactor);
    for (let j = 0; j < i; j++) {
      const v = unitLegKm(ui, us[j]!, roadFactor);
      mat[i * n + j] = v;
      mat[j * n + i] = v;
    }
  }
  const order = new Int32Array(n);
  const lengthKm = shortestPath(n, start, end, mat, n, order);
  return { detourKm: lengthKm - directKm, lengthKm, directKm, order: Array.from(order), exact: n <= MAX_EXACT_PICKUPS };
}

// ---------------------------------------------------------------------------------------------------------------
// The path solver shared by every caller. Points 0..n-1 are pickups; start[i] = d(D, i), end[i] = d(i, E),
// mat[i * stride + j] = d(i, j). Returns the length of the cheapest D → all pickups → E path and writes the order.
// Ties go to the lexicographically first order (permutations) or the lowest index (Held–Karp), so it is deterministic.

const permutationTables: Uint8Array[] = [];

function permutations(n: number): Uint8Array {
  let table = permutationTables[n];
  if (table) return table;
  const out: number[] = [];
  const perm = Array.from({ length: n }, (_, i) => i);
  // Lexicographic order (next-permutation), so the first strictly better order wins ties deterministically.
  for (;;) {
    out.push(...perm);
    let i = n - 2;
    while (i >= 0 && perm[i]! >= perm[i + 1]!) i--;
    if (i < 0) break;
    let j = n - 1;
    while (perm[j]! <= perm[i]!) j--;
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
    for (let a = i + 1, b = n - 1; a < b; a++, b--) [perm[a], perm[b]] = [perm[b]!, perm[a]!];
  }
  table = Uint8Array.from(out);
  permutationTables[n] = table;
  return table;
}

/**
 * A path solver: the length of the cheapest D → all n pickups → E path, its order written to `orderOut`. With a
 * `cutoff`, only a path no longer than it counts: above it the result is some length above the cutoff (often
 * +Infinity, the search cut short) and the order is unspecified.
 */
type PathSolver = (
  n: number,
  start: ArrayLike<number>,
  end: ArrayLike<number>,
  mat: ArrayLike<number>,
  stride: number,
  orderOut: Int32Array | null,
  cutoff?: number,
) => number;

export const shortestPath: PathSolver = (n, start, end, mat, stride, orderOut, cutoff = Number.POSITIVE_INFINITY) => {
  if (n === 1) {
    if (orderOut) orderOut[0] = 0;
    return start[0]! + end[0]!;
  }
  if (n === 2) {
    const a = start[0]! + mat[1]! + end[1]!;
    const b = start[1]! + mat[stride]! + end[0]!;
    if (b < a) {
      if (orderOut) {
        orderOut[0] = 1;
        orderOut[1] = 0;
      }
      return b;
    }
    if (orderOut) {
      orderOut[0] = 0;
      orderOut[1] = 1;
    }
    return a;
  }
  if (n <= MAX_PERMUTATION_PICKUPS) return permutationPath(n, start, end, mat, stride, orderOut, cutoff);
  if (n <= MAX_BRANCH_PICKUPS) return branchPath(n, start, end, mat, stride, orderOut, cutoff);
  if (n <= MAX_EXACT_PICKUPS) return heldKarpPath(n, start, end, mat, stride, orderOut);
  return heuristicPath(n, start, end, mat, stride, orderOut);
};

const permutationPath: PathSolver = (n, start, end, mat, stride, orderOut, cutoff = Number.POSITIVE_INFINITY) => {
  const table = permutations(n);
  // Strictly shorter than `best` to count, so a path of exactly the cutoff's length must still be found.
  let best = cutoff + 1e-9;
  let bestAt = -1;
  for (let base = 0; base < table.length; base += n) {
    let prev = table[base]!;
    let len = start[prev]!;
    let k = 1;
    for (; k < n; k++) {
      if (len >= best) break;
      const next = table[base + k]!;
      len += mat[prev * stride + next]!;
      prev = next;
    }
    if (k < n) continue;
    len += end[prev]!;
    if (len < best) {
      best = len;
      bestAt = base;
    }
  }
  if (bestAt < 0) return Number.POSITIVE_INFINITY;
  if (orderOut) for (let k = 0; k < n; k++) orderOut[k] = table[bestAt + k]!;
  return best;
};

/**
 * Depth-first over pickup orders in lexicographic order, keeping the first strictly shorter path (so the same order as
 * trying every permutation), pruned by a bound the triangle inequality makes safe: from pickup c, the rest of the
 * path to E is at least d(c, j) + d(j, E) for every pickup j still to visit. The first bound is a cheapest-insertion
 * path's length. Bounds prune only beyond 1e-9 km, so rounding never cuts off the best path.
 */
const bb = { n: 0, stride: 0, best: 0, limit: 0, start: [] as ArrayLike<number>, end: [] as ArrayLike<number>, mat: [] as ArrayLike<number> };
const bbUsed = new Uint8Array(16);
const bbPath = new Int32Array(16);
const bbBest = new Int32Array(16);

const branchPath: PathSolver = (n, start, end, mat, stride, orderOut, cutoff = Number.POSITIVE_INFINITY) => {
  bb.n = n;
  bb.stride = stride;
  bb.start = start;
  bb.end = end;
  bb.mat = mat;
  bb.best = Number.POSITIVE_INFINITY;
  bb.limit = Math.min(insertionLength(n, start, end, mat, stride), cutoff) + 1e-9;
  bbUsed.fill(0, 0, n);
  for (let j = 0; j < n; j++) {
    bbUsed[j] = 1;
    bbPath[0] = j;
    branch(1, j, start[j]!);
    bbUsed[j] = 0;
  }
  if (orderOut) for (let k = 0; k < n; k++) orderOut[k] = bbBest[k]!;
  return bb.best;
};

function branch(depth: number, cur: number, len: number): void {
  const { n, stride, end, mat } = bb;
  if (depth === n) {
    const total = len + end[cur]!;
    if (total < bb.best) {
      bb.best = total;
      for (let k = 0; k < n; k++) bbBest[k] = bbPath[k]!;
    }
    return;
  }
  const bound = Math.min(bb.best, bb.limit) + 1e-9;
  const row = cur * stride;
  let rest = 0;
  for (let j = 0; j < n; j++) {
    if (bbUsed[j] === 1) continue;
    const v = mat[row + j]! + end[j]!;
    if (v > rest) rest = v;
  }
  if (len + rest > bound) return;
  for (let j = 0; j < n; j++) {
    if (bbUsed[j] === 1) continue;
    const next = len + mat[row + j]!;
    if (next + end[j]! > bound) continue;
    bbUsed[j] = 1;
    bbPath[depth] = j;
    branch(depth + 1, j, next);
    bbUsed[j] = 0;
  }
}

/** Length of the path that inserts each pickup in turn where it adds least: an upper bound on the cheapest path. */
function insertionLength(n: number, start: ArrayLike<number>, end: ArrayLike<number>, mat: ArrayLike<number>, stride: number): number {
  const route: number[] = [0];
  let len = start[0]! + end[0]!;
  for (let p = 1; p < n; p++) {
    let bestPos = 0;
    let bestCost = start[p]! + mat[p * stride + route[0]!]! - start[route[0]!]!;
    for (let pos = 1; pos <= route.length; pos++) {
      const a = route[pos - 1]!;
      const cost = pos === route.length ? mat[a * stride + p]! + end[p]! - end[a]! : mat[a * stride + p]! + mat[p * stride + route[pos]!]! - mat[a * stride + route[pos]!]!;
      if (cost < bestCost) {
        bestCost = cost;
        bestPos = pos;
      }
    }
    route.splice(bestPos, 0, p);
    len += bestCost;
  }
  return len;
}

const heldKarpPath: PathSolver = (n, start, end, mat, stride, orderOut) => {
  const full = (1 << n) - 1;
  const dp = new Float64Array((full + 1) * n).fill(Number.POSITIVE_INFINITY);
  const parent = new Int8Array((full + 1) * n).fill(-1);
  for (let j = 0; j < n; j++) dp[(1 << j) * n + j] = start[j]!;
  for (let mask = 1; mask <= full; mask++) {
    for (let j = 0; j < n; j++) {
      if (!(mask & (1 << j))) continue;
      const here = dp[mask * n + j]!;
      if (here === Number.POSITIVE_INFINITY) continue;
      for (let k = 0; k < n; k++) {
        if (mask & (1 << k)) continue;
        const m2 = mask | (1 << k);
        const v = here + mat[j * stride + k]!;
        if (v < dp[m2 * n + k]!) {
          dp[m2 * n + k] = v;
          parent[m2 * n + k] = j;
        }
      }
    }
  }
  let best = Number.POSITIVE_INFINITY;
  let last = 0;
  for (let j = 0; j < n; j++) {
    const v = dp[full * n + j]! + end[j]!;
    if (v < best) {
      best = v;
      last = j;
    }
  }
  if (orderOut) {
    let mask = full;
    for (let pos = n - 1; pos >= 0; pos--) {
      orderOut[pos] = last;
      const p = parent[mask * n + last]!;
      mask &= ~(1 << last);
      last = p;
    }
  }
  return best;
};

const heuristicPath: PathSolver = (n, start, end, mat, stride, orderOut) => {
  // Nodes: -1 = D, n = E, pickups 0..n-1.
  const dist = (a: number, b: number): number => {
    if (a === -1) return b === n ? Number.NaN : start[b]!;
    if (b === n) return end[a]!;
    return mat[a * stride + b]!;
  };
  const route: number[] = [];
  for (let p = 0; p < n; p++) {
    let bestPos = 0;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let pos = 0; pos <= route.length; pos++) {
      const a = pos === 0 ? -1 : route[pos - 1]!;
      const b = pos === route.length ? n : route[pos]!;
      const base = a === -1 && b === n ? 0 : dist(a, b);
      const cost = dist(a, p) + dist(p, b) - base;
      if (cost < bestCost) {
        bestCost = cost;
        bestPos = pos;
      }
    }
    route.splice(bestPos, 0, p);
  }
  const length = (r: number[]): number => {
    let len = start[r[0]!]!;
    for (let k = 1; k < r.length; k++) len += mat[r[k - 1]! * stride + r[k]!]!;
    return len + end[r[r.length - 1]!]!;
  };
  let best = length(route);
  for (let improved = true, rounds = 0; improved && rounds < 100; rounds++) {
    improved = false;
    for (let i = 0; i < n - 1; i++) {
      for (let j = i + 1; j < n; j++) {
        const cand = route.slice(0, i).concat(route.slice(i, j + 1).reverse(), route.slice(j + 1));
        const len = length(cand);
        if (len < best - 1e-12) {
          best = len;
          route.splice(0, n, ...cand);
          improved = true;
        }
      }
    }
  }
  if (orderOut) for (let k = 0; k < n; k++) orderOut[k] = route[k]!;
  return best;
};
