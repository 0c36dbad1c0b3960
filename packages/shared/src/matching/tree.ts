import { boundBox, boxLowerKm, EARTH_RADIUS_KM } from './geometry.ts';

/**
 * Internal: a bounding-box tree over points on the sphere, stored as 3-D unit vectors. The chord from a query point
 * to a node's box is a true lower bound of the great-circle distance to any point inside (arc ≥ chord), with no
 * projection error anywhere on the globe. Used best-first: nodes come out of a queue in increasing lower bound, so a
 * k-nearest-style search touches only the few nodes it needs.
 */

export class BoxTree {
  /** Points of node n are items[lo[n] .. hi[n]). Children of an inner node: left[n], left[n] + ... see right[]. */
  readonly items: Int32Array;
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  /** −1 for a leaf. Children always have larger indices than their parent. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** minx, miny, minz, maxx, maxy, maxz per node (unit coordinates). */
  readonly box: Float64Array;
  readonly nodes: number;
  /**
   * Per node: a point on the sphere near the box centre (cx, cy, cz) and `reach`, a bound on the great-circle km from
   * it to any point of the node. Since d(·, X) is 1-Lipschitz, d(P, X) ≥ d(c, X) − reach for every P in the node.
   */
  readonly cx: Float64Array;
  readonly cy: Float64Array;
  readonly cz: Float64Array;
  readonly reach: Float64Array;
  /** Per node its parent (−1 for the root); per point the leaf that holds it. */
  readonly parent: Int32Array;
  readonly leafOf: Int32Array;

  constructor(units: Float64Array, count: number, leafSize = 8) {
    this.items = Int32Array.from({ length: count }, (_, i) => i);
    const cap = Math.max(1, 2 * Math.ceil(count / Math.max(1, leafSize >> 1)) + 1);
    const lo = new Int32Array(cap);
    const hi = new Int32Array(cap);
    const left = new Int32Array(cap).fill(-1);
    const right = new Int32Array(cap).fill(-1);
    const box = new Float64Array(6 * cap);
    const items = this.items;
    let n = 0;
    const stack: number[] = [];
    if (count > 0) {
      lo[0] = 0;
      hi[0] = count;
      n = 1;
      stack.push(0);
    }
    while (stack.length > 0) {
      const node = stack.pop()!;
      const a = lo[node]!;
      const b = hi[node]!;
      const o = 6 * node;
      boundBox(units, items, a, b, box, o);
      if (b - a <= leafSize) continue;
      const ex = box[o + 3]! - box[o]!;
      const ey = box[o + 4]! - box[o + 1]!;
      const ez = box[o + 5]! - box[o + 2]!;
      if (ex === 0 && ey === 0 && ez === 0) continue; // all points identical: keep as one leaf
      const axis = ex >= ey && ex >= ez ? 0 : ey >= ez ? 1 : 2;
      const mid = (a + b) >> 1;
      select(items, units, axis, a, b - 1, mid);
      const l = n++;
      const r = n++;
      lo[l] = a;
      hi[l] = mid;
      lo[r] = mid;
      hi[r] = b;
      left[node] = l;
      right[node] = r;
      stack.push(r, l);
    }
    this.nodes = n;
    this.lo = lo.slice(0, n);
    this.hi = hi.slice(0, n);
    this.left = left.slice(0, n);
    this.right = right.slice(0, n);
    this.box = box.slice(0, 6 * n);
    this.cx = new Float64Array(n);
    this.cy = new Float64Array(n);
    this.cz = new Float64Array(n);
    this.reach = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const o = 6 * k;
      const mx = (this.box[o]! + this.box[o + 3]!) / 2;
      const my = (this.box[o + 1]! + this.box[o + 4]!) / 2;
      const mz = (this.box[o + 2]! + this.box[o + 5]!) / 2;
      const len = Math.sqrt(mx * mx + my * my + mz * mz);
      const hx = (this.box[o + 3]! - this.box[o]!) / 2;
      const hy = (this.box[o + 4]! - this.box[o + 1]!) / 2;
      const hz = (this.box[o + 5]! - this.box[o + 2]!) / 2;
      // Chord from the normalised centre to any point of the box ≤ half-diagonal + |centre − normalised centre|.
      const chord = Math.sqrt(hx * hx + hy * hy + hz * hz) + Math.abs(1 - len);
      if (len > 1e-9) {
        this.cx[k] = mx / len;
        this.cy[k] = my / len;
        this.cz[k] = mz / len;
        this.reach[k] = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, chord / 2)) * (1 + 1e-9) + 1e-9;
      } else {
        this.cx[k] = 1;
        this.reach[k] = Math.PI * EARTH_RADIUS_KM;
      }
    }
    this.parent = new Int32Array(n).fill(-1);
    this.leafOf = new Int32Array(count);
    for (let k = 0; k < n; k++) {
      const l = this.left[k]!;
      if (l >= 0) {
        this.parent[l] = k;
        this.parent[this.right[k]!] = k;
      } else for (let p = this.lo[k]!; p < this.hi[k]!; p++) this.leafOf[items[p]!] = k;
    }
  }

  /** Visits every node children first: `leaf(k)` for a leaf, `inner(k, left, right)` for an inner node. */
  bottomUp(leaf: (k: number) => void, inner: (k: number, l: number, r: number) => void): void {
    for (let k = this.nodes - 1; k >= 0; k--) {
      const l = this.left[k]!;
      if (l >= 0) inner(k, l, this.right[k]!);
      else leaf(k);
    }
  }

  /**
   * After point i changed: `leaf` redoes its leaf, then `inner(k, left, right)` each ancestor in turn until one
   * reports (false) that nothing changed.
   */
  upFrom(i: number, leaf: (k: number) => void, inner: (k: number, l: number, r: number) => boolean): void {
    let k = this.leafOf[i]!;
    leaf(k);
    for (k = this.parent[k]!; k >= 0; k = this.parent[k]!) if (!inner(k, this.left[k]!, this.right[k]!)) break;
  }

  /** Lower bound of the great-circle km from (x, y, z) to any point of node n. */
  lowerKm(n: number, x: number, y: number, z: number): number {
    return boxLowerKm(this.box, 6 * n, x, y, z);
  }
}

/** Quickselect on items[a..b] by coordinate `axis` so that items[k] is in its sorted place (ties by index). */
function select(items: Int32Array, units: Float64Array, axis: number, a: number, b: number, k: number): void {
  const key = (p: number) => units[3 * items[p]! + axis]!;
  const less = (p: number, q: number) => {
    const u = key(p);
    const v = key(q);
    return u < v || (u === v && items[p]! < items[q]!);
  };
  const swap = (p: number, q: number) => {
    const t = items[p]!;
    items[p] = items[q]!;
    items[q] = t;
  };
  while (b > a) {
    // Median of three as the pivot, moved to b.
    const m = (a + b) >> 1;
    if (less(m, a)) swap(m, a);
    if (less(b, a)) swap(b, a);
    if (less(m, b)) swap(m, b);
    let store = a;
    for (let p = a; p < b; p++) {
      if (less(p, b)) {
        swap(p, store);
        store++;
      }
    }
    swap(store, b);
    if (store === k) return;
    if (k < store) b = store - 1;
    else a = store + 1;
  }
}

/**
 * A binary heap of (key, id) pairs in parallel typed arrays: the smallest key first, ties to the smaller id. Pairs
 * sift through a hole (one write a level, not a swap's two): Dijkstra in the flows and re-assignments pushes millions.
 */
export class PairHeap {
  key: Float64Array;
  id: Int32Array;
  size = 0;

  constructor(cap: number) {
    this.key = new Float64Array(Math.max(cap, 1));
    this.id = new Int32Array(Math.max(cap, 1));
  }

  reset(): void {
    this.size = 0;
  }

  push(key: number, id: number): void {
    if (this.size === this.key.length) {
      this.key = grown(this.key, this.size * 2);
      this.id = grown(this.id, this.size * 2);
    }
    const { key: k, id: n } = this;
    let c = this.size++;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (k[p]! < key || (k[p] === key && n[p]! <= id)) break;
      k[c] = k[p]!;
      n[c] = n[p]!;
      c = p;
    }
    k[c] = key;
    n[c] = id;
  }

  /** Takes the first pair out; returns its id. */
  pop(): number {
    const id = this.id[0]!;
    this.size--;
    if (this.size > 0) this.replaceFirst(this.key[this.size]!, this.id[this.size]!);
    return id;
  }

  /** Puts (key, id) in place of the first pair. */
  replaceFirst(key: number, id: number): void {
    const { key: k, id: n, size } = this;
    let c = 0;
    for (;;) {
      const l = 2 * c + 1;
      if (l >= size) break;
      const r = l + 1;
      const s = r < size && (k[r]! < k[l]! || (k[r] === k[l] && n[r]! < n[l]!)) ? r : l;
      if (k[s]! > key || (k[s] === key && n[s]! >= id)) break;
      k[c] = k[s]!;
      n[c] = n[s]!;
      c = s;
    }
    k[c] = key;
    n[c] = id;
  }
}

/** A copy of a typed array with room for `cap` elements. */
export function grown<T extends Float64Array | Int32Array>(a: T, cap: number): T {
  const b = new (a.constructor as { new (n: number): T })(cap);
  b.set(a);
  return b;
}

/** A min-queue of (bound, node) for best-first search. */
export class NodeQueue extends PairHeap {
  peekLb(): number {
    return this.key[0]!;
  }
}
