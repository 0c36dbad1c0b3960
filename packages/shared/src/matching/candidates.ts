import { DriverTree, RiderTree } from './bounds.ts';
import type { Instance } from './instance.ts';
import { NodeQueue, PairHeap } from './tree.ts';

/**
 * Internal: the candidate graph. A pair (driver, rider) is a candidate only if the rider fits (party ≤ free seats,
 * wheelchair → accessible car) and the single-pickup detour d(D,R) + d(R,E) − d(D,E) is within the driver's limit —
 * the "ellipse" test, a necessary condition for any route containing R, since a route through R is at least
 * d(D,R) + d(R,E) long. Found best-first through bounding-box trees on rider and driver origins (./tree.ts), never
 * by scanning all pairs: a node is opened only while a lower bound on the pair detour of anything inside it could
 * still make the list.
 *
 * Each driver keeps its `perDriver` cheapest riders (best-first, examining at most `scanFactor` × that many, so
 * nearly always exactly the cheapest); riders that ended up on fewer than `perRider` lists search their
 * own `perRider` cheapest drivers; the graph is the union. So it stays O(n) even at a rally where every driver could
 * reach thousands of central riders — a car takes a handful of parties — while every rider who can ride at all keeps
 * a few options. The local search also reaches beyond it where it matters (cars with room search every unmatched
 * rider), and `assign` never carries fewer people than the untruncated greedy anyway.
 */
export interface Candidates {
  /** Per rider: candidate drivers ascending, and their pair detours. */
  rStart: Int32Array;
  rD: Int32Array;
  rPd: Float64Array;
  /** Per driver: candidate riders ascending, and their pair detours. */
  dStart: Int32Array;
  dR: Int32Array;
  dPd: Float64Array;
  pairs: number;
}

/**
 * The k smallest values offered (ties: the smaller index). A heap whose first pair is the worst kept: pairs are stored
 * negated, so the largest value (and on a tie the larger index) comes first.
 */
class TopK extends PairHeap {
  constructor(readonly k: number) {
    super(k);
  }
  full(): boolean {
    return this.size === this.k;
  }
  worst(): number {
    return -this.key[0]!;
  }
  valueAt(n: number): number {
    return -this.key[n]!;
  }
  indexAt(n: number): number {
    return -this.id[n]!;
  }
  offer(value: number, index: number): void {
    if (this.size < this.k) this.push(-value, -index);
    else if (value < this.worst() || (value === this.worst() && index < this.indexAt(0))) this.replaceFirst(-value, -index);
  }
}

const COACH_LIST_FACTOR = 8;

/**
 * `skipLate`: with ready times, also leave out pairs the car cannot serve in time (`Instance.lateFor`), so truncated
 * lists hold riders the car can take (fast mode: rally-hubs 7,757 → 7,793 people, detour −13 %). Thorough mode's
 * lists are complete anyway, and keeps them as they were.
 */
export function buildCandidates(
  inst: Instance,
  perDriver: number,
  perRider: number,
  scanFactor = 4,
  skipLate = false,
): Candidates {
  const drivers = driverLists(inst, perDriver, scanFactor, skipLate, 0, inst.nD);
  const riders = riderLists(inst, [drivers], perRider, scanFactor, skipLate, 0, inst.nR);
  return candidateLists(inst, [drivers, riders]);
}

/**
 * Pairs (driver, rider, pair detour) as one side of `buildCandidates` finds them, in its order. Each side can be built
 * in parts over consecutive ranges (two threads may each build one): the parts in order are the side.
 */
export interface CandidatePart {
  d: Int32Array;
  r: Int32Array;
  v: Float64Array;
}

const part = (d: number[], r: number[], v: number[]): CandidatePart => ({ d: Int32Array.from(d), r: Int32Array.from(r), v: Float64Array.from(v) });

/** The driver side for drivers `lo` to `hi − 1`. */
export function driverLists(inst: Instance, perDriver: number, scanFactor: number, skipLate: boolean, lo: number, hi: number): CandidatePart {
  const { nD, nR, dU, rRE, dDE, dLim, dSeats, dAcc, rSeats, rWheel } = inst;
  const outD: number[] = [];
  const outR: number[] = [];
  const outV: number[] = [];
  if (nD > 0 && nR > 0 && perDriver > 0 && lo < hi) {
    // Driver side: each driver's cheapest riders, best-first over a tree of rider origins.
    const riders = new RiderTree(inst, 16);
    const rt = riders.t;
    const minSeats = riders.minSeats;
    const carTop = new TopK(perDriver);
    // Riders boarding at one hub tie on pair detour, so a coach's short list would hold an arbitrary few of the many
    // it could take: coaches keep 8 × as many (rally-hubs, with the relief pass in ./assign.ts: 7,906 → 8,053 people).
    const coachTop = new TopK(COACH_LIST_FACTOR * perDriver);
    const queue = new NodeQueue(64);
    for (let d = lo; d < hi; d++) {
      const seats = dSeats[d]!;
      if (seats <= 0) continue;
      const top = inst.dCoach[d] === 1 ? coachTop : carTop;
      const scanBudget = scanFactor * top.k;
      const x = dU[3 * d]!;
      const y = dU[3 * d + 1]!;
      const z = dU[3 * d + 2]!;
      const lim = dLim[d]!;
      const de = dDE[d]!;
      const acc = dAcc[d] === 1;
      top.reset();
      queue.reset();
      queue.push(riders.pairLb(0, x, y, z, de), 0);
      let scanned = 0;
      while (queue.size > 0) {
        const lb = queue.peekLb();
        if (lb > lim || (top.full() && (lb > top.worst() || scanned >= scanBudget))) break;
        const n = queue.pop();
        const l = rt.left[n]!;
        if (l >= 0) {
          const bound = top.full() ? Math.min(lim, top.worst()) : lim;
          for (let c = l, k = 0; k < 2; k++, c = rt.right[n]!) {
            if (minSeats[c]! > seats) continue;
            const cl = riders.pairLb(c, x, y, z, de);
            if (cl <= bound) queue.push(cl, c);
          }
          continue;
        }
        scanned += rt.hi[n]! - rt.lo[n]!;
        for (let p = rt.lo[n]!; p < rt.hi[n]!; p++) {
          const r = rt.items[p]!;
          if (rSeats[r]! > seats || (rWheel[r] === 1 && !acc) || (inst.dCoach[d] === 1 && inst.rHub[r]! < 0)) continue;
          const dr = inst.dr(d, r);
          const pd = dr + rRE[r]! - de;
          if (pd <= lim && !(skipLate && inst.lateFor(d, r, dr))) top.offer(pd, r);
        }
      }
      // Cheapest first (the heap gives the worst first), so `narrowedDriverLists` keeps a prefix.
      const at = outD.length;
      for (let k = 0; k < top.size; k++) {
        outD.push(d);
        outR.push(0);
        outV.push(0);
      }
      for (let k = outD.length - 1; k >= at; k--) {
        outR[k] = top.indexAt(0);
        outV[k] = top.valueAt(0);
        top.pop();
      }
    }
  }
  return part(outD, outR, outV);
}

/**
 * A driver side (`driverLists`, each driver's riders cheapest first) cut to each driver's `perDriver` cheapest: the
 * side a search with that many per driver finds (or better, where its scan budget would have stopped it short).
 */
export function narrowedDriverLists(inst: Instance, side: CandidatePart, perDriver: number): CandidatePart {
  const keepAt = new Int32Array(side.d.length);
  let n = 0;
  for (let lo = 0, hi = 0; lo < side.d.length; lo = hi) {
    const d = side.d[lo]!;
    while (hi < side.d.length && side.d[hi] === d) hi++;
    const end = Math.min(hi, lo + (inst.dCoach[d] === 1 ? COACH_LIST_FACTOR * perDriver : perDriver));
    for (let k = lo; k < end; k++) keepAt[n++] = k;
  }
  const out = { d: new Int32Array(n), r: new Int32Array(n), v: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const k = keepAt[i]!;
    out.d[i] = side.d[k]!;
    out.r[i] = side.r[k]!;
    out.v[i] = side.v[k]!;
  }
  return out;
}

/** The rider side for riders `lo` to `hi − 1`, after the whole driver side (`driverParts`, in order). */
export function riderLists(
  inst: Instance,
  driverParts: readonly CandidatePart[],
  perRider: number,
  scanFactor: number,
  skipLate: boolean,
  lo: number,
  hi: number,
): CandidatePart {
  const { nD, nR, rU, rRE, dDE, dLim, dSeats, dAcc, rSeats, rWheel } = inst;
  const outD: number[] = [];
  const outR: number[] = [];
  const outV: number[] = [];
  if (nD > 0 && nR > 0 && perRider > 0 && lo < hi) {
    // Rider side: each rider's cheapest drivers, best-first over a tree of driver origins.
    const drivers = new DriverTree(inst, 8);
    const dt = drivers.t;
    const { maxLim, maxSeats, anyAcc } = drivers;
    // Only riders the driver side left short of candidates (typically on the edge of the area) search themselves.
    const have = new Int32Array(nR);
    for (const p of driverParts) for (const r of p.r) have[r]!++;
    const top = new TopK(perRider);
    const queue = new NodeQueue(64);
    const scanBudget = scanFactor * perRider;
    for (let r = lo; r < hi; r++) {
      if (have[r]! >= perRider || (skipLate && inst.lateAlone(r))) continue;
      const x = rU[3 * r]!;
      const y = rU[3 * r + 1]!;
      const z = rU[3 * r + 2]!;
      const p = rSeats[r]!;
      const wheel = rWheel[r] === 1;
      const re = rRE[r]!;
      top.reset();
      queue.reset();
      queue.push(drivers.pairLb(0, x, y, z, re), 0);
      let scanned = 0;
      while (queue.size > 0) {
        if (top.full() && (queue.peekLb() > top.worst() || scanned >= scanBudget)) break;
        const n = queue.pop();
        const l = dt.left[n]!;
        if (l >= 0) {
          const bound = top.full() ? top.worst() : Number.POSITIVE_INFINITY;
          for (let c = l, k = 0; k < 2; k++, c = dt.right[n]!) {
            if (maxSeats[c]! < p || (wheel && anyAcc[c] === 0)) continue;
            const cl = drivers.pairLb(c, x, y, z, re);
            if (cl <= maxLim[c]! && cl <= bound) queue.push(cl, c);
          }
          continue;
        }
        scanned += dt.hi[n]! - dt.lo[n]!;
        for (let q = dt.lo[n]!; q < dt.hi[n]!; q++) {
          const d = dt.items[q]!;
          if (dSeats[d]! < p || (wheel && dAcc[d] === 0) || (inst.dCoach[d] === 1 && inst.rHub[r]! < 0)) continue;
          const dr = inst.dr(d, r);
          const pd = dr + re - dDE[d]!;
          if (pd <= dLim[d]! && !(skipLate && inst.lateFor(d, r, dr))) top.offer(pd, d);
        }
      }
      for (let k = 0; k < top.size; k++) {
        outD.push(top.indexAt(k));
        outR.push(r);
        outV.push(top.valueAt(k));
      }
    }
  }
  return part(outD, outR, outV);
}

/** The candidate graph from both sides' parts (the driver side's, then the rider side's, each in order). */
export function candidateLists(inst: Instance, parts: readonly CandidatePart[]): Candidates {
  const { nD, nR } = inst;
  let m = 0;
  for (const p of parts) m += p.d.length;
  const outD = new Int32Array(m);
  const outR = new Int32Array(m);
  const outV = new Float64Array(m);
  for (let at = 0, i = 0; i < parts.length; at += parts[i]!.d.length, i++) {
    outD.set(parts[i]!.d, at);
    outR.set(parts[i]!.r, at);
    outV.set(parts[i]!.v, at);
  }
  // By rider, then by driver, both stable: each driver's riders ascending, duplicates in the order found (the first is
  // kept).
  const rc = new Int32Array(nR + 1);
  for (let k = 0; k < m; k++) rc[outR[k]! + 1]!++;
  for (let r = 0; r < nR; r++) rc[r + 1]! += rc[r]!;
  const byR = new Int32Array(m);
  for (let k = 0; k < m; k++) byR[rc[outR[k]!]!++] = k;
  const cnt = new Int32Array(nD + 1);
  for (let k = 0; k < m; k++) cnt[outD[k]! + 1]!++;
  for (let d = 0; d < nD; d++) cnt[d + 1]! += cnt[d]!;
  const byD = new Int32Array(m);
  const fill = cnt.slice(0, nD);
  for (const k of byR) byD[fill[outD[k]!]!++] = k;
  const dStart = new Int32Array(nD + 1);
  const allR = new Int32Array(m);
  const allPd = new Float64Array(m);
  let pairs = 0;
  for (let d = 0; d < nD; d++) {
    let last = -1;
    for (let i = cnt[d]!; i < cnt[d + 1]!; i++) {
      const k = byD[i]!;
      const r = outR[k]!;
      if (r === last) continue;
      last = r;
      allR[pairs] = r;
      allPd[pairs++] = outV[k]!;
    }
    dStart[d + 1] = pairs;
  }
  return withRiderLists(nR, dStart, allR.slice(0, pairs), allPd.slice(0, pairs));
}

/**
 * The graph of driver-major lists (each driver's riders ascending, with their pair detours): per rider, its drivers
 * ascending (drivers are visited in order, so each list comes out sorted).
 */
export function withRiderLists(nR: number, dStart: Int32Array, dR: Int32Array, dPd: Float64Array): Candidates {
  const nD = dStart.length - 1;
  const pairs = dR.length;
  const rCnt = new Int32Array(nR + 1);
  for (const r of dR) rCnt[r + 1]!++;
  for (let r = 0; r < nR; r++) rCnt[r + 1]! += rCnt[r]!;
  const rFill = rCnt.slice(0, nR);
  const rD = new Int32Array(pairs);
  const rPd = new Float64Array(pairs);
  for (let d = 0; d < nD; d++) {
    for (let k = dStart[d]!; k < dStart[d + 1]!; k++) {
      const r = dR[k]!;
      const at = rFill[r]!++;
      rD[at] = d;
      rPd[at] = dPd[k]!;
    }
  }
  return { rStart: rCnt, rD, rPd, dStart, dR, dPd, pairs };
}

/** Is d a candidate driver of rider r? (binary search) */
export function isCandidate(c: Candidates, r: number, d: number): boolean {
  let lo = c.rStart[r]!;
  let hi = c.rStart[r + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = c.rD[mid]!;
    if (v === d) return true;
    if (v < d) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
