import { DriverGroups, DriverTree, RiderTree } from './bounds.ts';
import { CUTOFF_SLACK_KM, unitGcKm } from './geometry.ts';
import { type Cars, Grid, type Instance } from './instance.ts';
import type { Region } from './perturb.ts';
import { carIn, riderIn } from './regions.ts';
import { type BoxTree, NodeQueue } from './tree.ts';

/**
 * The search both car indexes run for one rider: every car a query reaches is tried, and the cheapest feasible
 * insertion kept (least added detour; ties: earlier departure, then driver index).
 */
class Insertion {
  /** The rider, its unit origin, party, access need and d(R, E); the driver to leave out. */
  r = 0;
  x = 0;
  y = 0;
  z = 0;
  p = 0;
  wheel = false;
  re = 0;
  not = -1;
  best = Number.POSITIVE_INFINITY;
  bestD = -1;
  bestTotal = 0;
  /** Route evaluations spent (for work accounting). */
  evals = 0;

  constructor(
    private readonly inst: Instance,
    private readonly cars: Cars,
  ) {}

  start(r: number, not: number): void {
    const { rU, rSeats, rWheel, rRE } = this.inst;
    this.r = r;
    this.x = rU[3 * r]!;
    this.y = rU[3 * r + 1]!;
    this.z = rU[3 * r + 2]!;
    this.p = rSeats[r]!;
    this.wheel = rWheel[r] === 1;
    this.re = rRE[r]!;
    this.not = not;
    this.best = Number.POSITIVE_INFINITY;
    this.bestD = -1;
    this.bestTotal = 0;
  }

  /** Car d: can it take the rider, and is it the cheapest so far? */
  tryCar(d: number): void {
    const { inst, cars } = this;
    const { dDE, dLim, dAcc, dDep } = inst;
    const r = this.r;
    const p = this.p;
    if (d === this.not || cars.free[d]! < p || (this.wheel && dAcc[d] === 0) || (inst.dCoach[d] === 1 && inst.rHub[r]! < 0)) return;
    const dr = inst.dr(d, r);
    const pd = dr + this.re - dDE[d]!;
    const cur = cars.det[d]!;
    // The route with r is no shorter than r's pickup alone: pd - cur bounds the added detour from below.
    if (pd > dLim[d]! || pd - cur > this.best || inst.lateFor(d, r, dr)) return;
    let total: number;
    const m = cars.members[d]!;
    if (m.length === 0 && inst.fixedU[d] === null) total = pd;
    else {
      this.evals++;
      total = cars.detourWith(d, r, -1);
      if (total > dLim[d]!) return;
    }
    const added = total - cur;
    const bestD = this.bestD;
    if (added < this.best || (added === this.best && (dDep[d]! < dDep[bestD]! || (dDep[d] === dDep[bestD] && d < bestD)))) {
      this.best = added;
      this.bestD = d;
      this.bestTotal = total;
    }
  }

  result(): [number, number] | null {
    return this.bestD < 0 ? null : [this.bestD, this.bestTotal];
  }
}

/** The most free seats, and the largest detour of a car with room, among cars items[from .. to), into slot k. */
function refreshOpen(
  cars: Cars,
  items: Int32Array,
  from: number,
  to: number,
  maxFree: Int32Array,
  maxDet: Float64Array,
  k: number,
  region: Region | null = null,
): void {
  let f = 0;
  let det = 0;
  for (let p = from; p < to; p++) {
    const d = items[p]!;
    if (!carIn(region, d)) continue;
    const fr = cars.free[d]!;
    if (fr > f) f = fr;
    if (fr > 0 && cars.det[d]! > det) det = cars.det[d]!;
  }
  maxFree[k] = f;
  maxDet[k] = det;
}

/**
 * Internal: the cars that still have room, indexed for "which car should this rider join?" — a 3-D grid over driver
 * origins whose cells carry the most free seats and the largest current detour among their open cars, kept up to
 * date as cars fill and empty. A query finds THE cheapest feasible insertion over all cars (not a shortlist), opening a node
 * only when a lower bound on the detour added by any of its cars could still beat the best found:
 *   added ≥ pairDetour − current detour, because a route through R is at least d(D,R) + d(R,E) long, and
 *   pairDetour ≥ chord(R, cell box) + d(R,E) − max d(D,E) over the cell.
 * (A flat grid beats a tree here: the first riders, near the event, can reach nearly every car, so most of the
 * structure is visited anyway and a flat loop is the cheapest way to visit it.)
 */
export class OpenIndex {
  private readonly g: Grid;
  private readonly cellOf: Int32Array;
  private readonly groups: DriverGroups;
  private readonly maxFree: Int32Array;
  private readonly maxDet: Float64Array;
  private readonly search: Insertion;

  constructor(
    private readonly inst: Instance,
    private readonly cars: Cars,
  ) {
    const { nD, dU } = inst;
    // About 4 cars a cell, but never more than ~800 cells: a query visits every cell header.
    const g = new Grid(dU, nD, Math.max(4, Math.ceil(nD / 800)));
    this.g = g;
    const n = g.cells;
    this.cellOf = new Int32Array(nD);
    this.groups = new DriverGroups(inst, n);
    this.maxFree = new Int32Array(n);
    this.maxDet = new Float64Array(n);
    this.search = new Insertion(inst, cars);
    for (let c = 0; c < n; c++) {
      for (let p = g.start[c]!; p < g.start[c + 1]!; p++) this.cellOf[g.items[p]!] = c;
      this.groups.fill(c, g.items, g.start[c]!, g.start[c + 1]!);
      this.refresh(c);
    }
  }

  /** Route evaluations spent by queries (for work accounting). */
  get evals(): number {
    return this.search.evals;
  }

  private refresh(c: number): void {
    refreshOpen(this.cars, this.g.items, this.g.start[c]!, this.g.start[c + 1]!, this.maxFree, this.maxDet, c);
  }

  /** Car d's free seats or detour changed. */
  update(d: number): void {
    this.refresh(this.cellOf[d]!);
  }

  /**
   * The car that rider r joins most cheaply (least added detour; ties: earlier departure, then driver index),
   * excluding driver `not`: [driver, new route detour], or null when no car with room can take r.
   */
  best(r: number, not: number): [number, number] | null {
    const g = this.g;
    const { maxDE, maxLim, anyAcc } = this.groups;
    if (this.inst.lateAlone(r)) return null; // no car could take it in time (tryCar would refuse every one)
    const s = this.search;
    s.start(r, not);
    const { x, y, z, p, wheel, re } = s;
    const rf = this.inst.rf;
    for (let c = 0; c < g.cells; c++) {
      if (this.maxFree[c]! < p || (wheel && anyAcc[c] === 0)) continue;
      const lbPair = g.lowerKm(c, x, y, z) * rf + re - maxDE[c]!;
      if (lbPair > maxLim[c]! || lbPair - this.maxDet[c]! > s.best) continue;
      for (let i = g.start[c]!; i < g.start[c + 1]!; i++) s.tryCar(g.items[i]!);
    }
    return s.result();
  }
}

/**
 * Internal: the same question as OpenIndex ("which car with room should rider r join most cheaply?"), answered
 * best-first over a tree of driver origins with the most free seats and the largest current detour per node kept up
 * to date. Slower than the flat grid when nearly every car is in reach (the greedy's first riders), much faster when
 * drivers are many and the few cars with room are scattered (riders choosing cars when seats outnumber people).
 */
export class OpenTree {
  private readonly dt: DriverTree;
  private readonly maxFree: Int32Array;
  private readonly maxDet: Float64Array;
  private readonly queue = new NodeQueue(64);
  private readonly search: Insertion;
  private readonly refreshLeaf = (k: number): void => {
    const t = this.dt.t;
    refreshOpen(this.cars, t.items, t.lo[k]!, t.hi[k]!, this.maxFree, this.maxDet, k, this.region);
  };
  /** Node k from its children; false when nothing changed. */
  private readonly refreshInner = (k: number, l: number, r: number): boolean => {
    const f = Math.max(this.maxFree[l]!, this.maxFree[r]!);
    const det = Math.max(this.maxDet[l]!, this.maxDet[r]!);
    if (f === this.maxFree[k] && det === this.maxDet[k]) return false;
    this.maxFree[k] = f;
    this.maxDet[k] = det;
    return true;
  };

  /** With a region, only its cars (./search.ts). */
  constructor(
    private readonly inst: Instance,
    private readonly cars: Cars,
    private readonly region: Region | null = null,
  ) {
    this.dt = new DriverTree(inst, 8);
    const n = this.dt.t.nodes;
    this.maxFree = new Int32Array(n);
    this.maxDet = new Float64Array(n);
    this.search = new Insertion(inst, cars);
    this.dt.t.bottomUp(this.refreshLeaf, this.refreshInner);
  }

  update(d: number): void {
    this.dt.t.upFrom(d, this.refreshLeaf, this.refreshInner);
  }

  /** As OpenIndex.best; with `slack` > 0, branches that could only beat the best found by less are skipped. */
  best(r: number, not: number, slack = 0): [number, number] | null {
    const t = this.dt.t;
    if (this.inst.nD === 0 || this.inst.lateAlone(r)) return null;
    const s = this.search;
    s.start(r, not);
    const q = this.queue;
    q.reset();
    this.consider(0, s.best);
    while (q.size > 0) {
      if (q.peekLb() > s.best - slack) break;
      const k = q.pop();
      const l = t.left[k]!;
      if (l >= 0) {
        this.consider(l, s.best - slack);
        this.consider(t.right[k]!, s.best - slack);
        continue;
      }
      const region = this.region;
      for (let i = t.lo[k]!; i < t.hi[k]!; i++) {
        const d = t.items[i]!;
        if (carIn(region, d)) s.tryCar(d);
      }
    }
    return s.result();
  }

  private consider(k: number, best: number): void {
    const { x, y, z, p, wheel, re } = this.search;
    const dt = this.dt;
    if (this.maxFree[k]! < p || (wheel && dt.anyAcc[k] === 0)) return;
    const lbPair = dt.pairLb(k, x, y, z, re);
    if (lbPair > dt.maxLim[k]!) return;
    // A pickup never shortens a route (triangle inequality), so no insertion adds less than 0: with a slack, the
    // search stops as soon as it has found something within the slack of free.
    const lbAdded = Math.max(0, lbPair - this.maxDet[k]!);
    if (lbAdded > best) return;
    this.queue.push(lbAdded, k);
  }
}

/**
 * Internal: the riders still without a car, in a tree over their origins whose nodes know their largest unmatched
 * party (kept up to date), for "which unmatched rider could replace this one in car d more cheaply?" Searched
 * best-first: a node is opened only while the lower bound of the pair detour of its riders is below the best route
 * found so far (a route through R is at least pairDetour long) — for a car whose detour is already small, only the
 * thin corridor along its way to the event is visited.
 */
export class UnassignedIndex {
  private readonly t: BoxTree;
  private readonly minRE: Float64Array;
  private readonly maxParty: Int32Array;
  private readonly queue = new NodeQueue(64);
  private readonly list: number[] = [];
  private stopU = new Float64Array(24);
  private stopD = new Float64Array(64);
  private lbS = new Float64Array(8);
  /** Per hub, the call that last listed it as a stop (a Set per call would allocate in the hot loop). */
  private hubSeen = new Int32Array(0);
  private hubEpoch = 0;
  evals = 0;
  private readonly refreshLeaf = (k: number): void => {
    const t = this.t;
    let m = 0;
    for (let p = t.lo[k]!; p < t.hi[k]!; p++) {
      const r = t.items[p]!;
      // A rider no car can take in time is left out: branches holding only such riders are never opened.
      if (this.cars.carOf[r] === -1 && this.own(r) && this.inst.rSeats[r]! > m && !this.inst.lateAlone(r)) m = this.inst.rSeats[r]!;
    }
    this.maxParty[k] = m;
  };
  /** Node k from its children; false when nothing changed. */
  private readonly refreshInner = (k: number, l: number, r: number): boolean => {
    const m = Math.max(this.maxParty[l]!, this.maxParty[r]!);
    if (m === this.maxParty[k]) return false;
    this.maxParty[k] = m;
    return true;
  };

  /** With a region, only its riders (./search.ts). */
  constructor(
    private readonly inst: Instance,
    private readonly cars: Cars,
    private readonly region: Region | null = null,
  ) {
    const riders = new RiderTree(inst, 8);
    this.t = riders.t;
    this.minRE = riders.minRE;
    this.maxParty = new Int32Array(this.t.nodes);
    this.t.bottomUp(this.refreshLeaf, this.refreshInner);
  }

  update(r: number): void {
    this.t.upFrom(r, this.refreshLeaf, this.refreshInner);
  }

  private own(r: number): boolean {
    return riderIn(this.region, r);
  }

  /**
   * The unmatched rider u (party in [minParty, maxParty], access permitting) that, put in car d in place of v (or
   * added, v = −1), gives the shortest route, if that route's detour is below `below` and within the limit:
   * [u, new detour] or null. Ties: the larger party, then the lower index. With `slack` > 0 the search skips riders
   * and branches that could improve on the best found by less than `slack` km (a much smaller search near 0).
   */
  bestReplacement(
    d: number,
    v: number,
    minParty: number,
    maxParty: number,
    below: number,
    slack = 0,
  ): [number, number] | null {
    const n = this.bestReplacements(d, v, minParty, maxParty, below, slack, 1);
    return n === 0 ? null : [this.foundU[0]!, this.foundT[0]!];
  }

  /**
   * Car d's route with member v (or -1) replaced by unmatched party u, when u could be one of `bestReplacement`'s
   * answers (a party of minParty to maxParty, its access, a coach's hub rule, in time, within d's limit); else +∞.
   */
  replacementRoute(d: number, v: number, u: number, minParty: number, maxParty: number): number {
    if (!this.eligible(d, u, minParty, maxParty)) return Number.POSITIVE_INFINITY;
    this.evals++;
    const t = this.cars.detourWith(d, u, v, this.inst.dLim[d]! + CUTOFF_SLACK_KM);
    return t > this.inst.dLim[d]! ? Number.POSITIVE_INFINITY : t;
  }

  /** Unmatched party u may replace in car d: of minParty to maxParty, its access, a coach's hub rule, in time. */
  private eligible(d: number, u: number, minParty: number, maxParty: number): boolean {
    const inst = this.inst;
    const p = inst.rSeats[u]!;
    return (
      this.cars.carOf[u] === -1 &&
      this.own(u) &&
      p >= minParty &&
      p <= maxParty &&
      (inst.rWheel[u] === 0 || inst.dAcc[d] === 1) &&
      (inst.dCoach[d] === 0 || inst.rHub[u]! >= 0) &&
      !inst.lateFor(d, u)
    );
  }

  /** The k best such riders (by route, then larger party, then index), in foundU / foundT; returns how many. */
  readonly foundU: number[] = [];
  readonly foundT: number[] = [];
  bestReplacements(
    d: number,
    v: number,
    minParty: number,
    maxParty: number,
    below: number,
    slack: number,
    count: number,
  ): number {
    const inst = this.inst;
    const cars = this.cars;
    const t = this.t;
    const fu = this.foundU;
    const ft = this.foundT;
    // Only the first `found` entries count: the arrays are never emptied (`length = 0` drops their storage).
    let found = 0;
    if (inst.nR === 0) return 0;
    const { rf, dU, rU, rRE, rSeats, dLim } = inst;
    const lim = dLim[d]!;
    const list = this.list;
    // The stops u would be slotted between: D, accepted pickups, the members other than v, E.
    let kept = 0; // written by index, never emptied (see Cars.detourWith)
    for (const w of cars.members[d]!) if (w !== v) list[kept++] = w;
    const fixed = inst.fixedU[d];
    const nf = fixed ? fixed.length / 3 : 0;
    // Members on one hub are one stop: a coach's bound runs over its few hubs, not its 70 riders. Buffers are sized
    // for every member a stop, then the distinct stops are copied in one pass.
    const most = 2 + nf + kept;
    if (this.stopU.length < 3 * most) this.stopU = new Float64Array(3 * most);
    const S = this.stopU;
    copy3(S, 0, dU, 3 * d);
    if (fixed) S.set(fixed, 3);
    let o = 1 + nf;
    if (inst.hubIds.length > 0) {
      if (this.hubSeen.length < inst.hubIds.length) this.hubSeen = new Int32Array(inst.hubIds.length);
      const seen = this.hubSeen;
      const e = ++this.hubEpoch;
      for (let i = 0; i < kept; i++) {
        const h = inst.rHub[list[i]!]!;
        if (h >= 0 && seen[h] === e) continue;
        if (h >= 0) seen[h] = e;
        copy3(S, 3 * o++, rU, 3 * list[i]!);
      }
    } else for (let i = 0; i < kept; i++) copy3(S, 3 * o++, rU, 3 * list[i]!);
    const ns = o + 1;
    if (this.stopD.length < ns * ns) this.stopD = new Float64Array(ns * ns);
    if (this.lbS.length < ns) this.lbS = new Float64Array(ns);
    S[3 * (ns - 1)] = inst.ex;
    S[3 * (ns - 1) + 1] = inst.ey;
    S[3 * (ns - 1) + 2] = inst.ez;
    const SD = this.stopD;
    for (let a = 0; a < ns; a++) {
      for (let b = 0; b < a; b++) {
        const g = unitGcKm(S[3 * a]!, S[3 * a + 1]!, S[3 * a + 2]!, S[3 * b]!, S[3 * b + 1]!, S[3 * b + 2]!) * rf;
        SD[a * ns + b] = g;
        SD[b * ns + a] = g;
      }
    }
    this.ns = ns;
    // Detour of the route through the kept stops only: any route adding u costs at least this plus the cheapest
    // "slot" excess d(a,u) + d(u,b) − d(a,b) over stops a → b (shortcutting u out of the new route leaves a route
    // through the kept stops). For an empty car this is exactly the pair detour.
    this.evals++;
    const base = kept === 0 && nf === 0 ? 0 : inst.routeDetour(d, list, kept);
    if (base >= below - slack) return 0;
    // `best` is the bound to beat: `below` until k are found, then the k-th best.
    let best = below;
    const q = this.queue;
    q.reset();
    const lbS = this.lbS;
    if (this.maxParty[0]! >= minParty) {
      const lb = base + this.nodeSlotLb(0);
      if (lb < best - slack && lb <= lim) q.push(lb, 0);
    }
    while (q.size > 0) {
      if (q.peekLb() >= best - slack) break;
      const node = q.pop();
      const l = t.left[node]!;
      if (l >= 0) {
        const r = t.right[node]!;
        if (this.maxParty[l]! >= minParty) {
          const lb = base + this.nodeSlotLb(l);
          if (lb < best - slack && lb <= lim) q.push(lb, l);
        }
        if (this.maxParty[r]! >= minParty) {
          const lb = base + this.nodeSlotLb(r);
          if (lb < best - slack && lb <= lim) q.push(lb, r);
        }
        continue;
      }
      for (let i = t.lo[node]!; i < t.hi[node]!; i++) {
        const u = t.items[i]!;
        const p = rSeats[u]!;
        if (!this.eligible(d, u, minParty, maxParty)) continue;
        const ux = rU[3 * u]!;
        const uy = rU[3 * u + 1]!;
        const uz = rU[3 * u + 2]!;
        lbS[0] = inst.dr(d, u);
        for (let s = 1; s < ns - 1; s++) lbS[s] = unitGcKm(ux, uy, uz, S[3 * s]!, S[3 * s + 1]!, S[3 * s + 2]!) * rf;
        lbS[ns - 1] = rRE[u]!;
        const lbU = base + this.slotLb();
        if (lbU >= best - slack || lbU > lim) continue;
        list[kept] = u;
        this.evals++;
        const tt = inst.routeDetour(d, list, kept + 1, Math.min(lim, best) + CUTOFF_SLACK_KM);
        if (tt > lim) continue;
        // Insert (tt, u) into the sorted k-best list.
        if (tt >= below || (found === count && !foundBetter(fu, ft, rSeats, count - 1, tt, p, u))) continue;
        let at = found === count ? count - 1 : found++;
        fu[at] = u;
        ft[at] = tt;
        for (; at > 0 && foundBetter(fu, ft, rSeats, at - 1, tt, p, u); at--) {
          fu[at] = fu[at - 1]!;
          ft[at] = ft[at - 1]!;
          fu[at - 1] = u;
          ft[at - 1] = tt;
        }
        if (found === count) best = ft[count - 1]!;
      }
    }
    return found;
  }

  private ns = 0;

  /**
   * min over slots (a → b) of lbS[a] + lbS[b] − d(a, b), a ≠ b, a not the event, b not the driver — never below 0
   * (triangle inequality), so a search with a slack stops once it has found something within the slack of the base.
   */
  private slotLb(): number {
    const ns = this.ns;
    const lbS = this.lbS;
    const SD = this.stopD;
    let e = Number.POSITIVE_INFINITY;
    for (let a = 0; a < ns - 1; a++) {
      const la = lbS[a]!;
      for (let b = 1; b < ns; b++) {
        if (a === b) continue;
        const x = la + lbS[b]! - SD[a * ns + b]!;
        if (x < e) e = x;
      }
    }
    return Math.max(e, 0);
  }

  /** Slot lower bound for any rider in node k (distance lower bounds to every stop from the node's box). */
  private nodeSlotLb(k: number): number {
    const ns = this.ns;
    const S = this.stopU;
    const lbS = this.lbS;
    const rf = this.inst.rf;
    for (let i = 0; i < ns; i++) lbS[i] = this.t.lowerKm(k, S[3 * i]!, S[3 * i + 1]!, S[3 * i + 2]!) * rf;
    const me = this.minRE[k]!;
    if (me > lbS[ns - 1]!) lbS[ns - 1] = me;
    return this.slotLb();
  }

}

/** Whether (t, party p, rider u) ranks before the j-th found. */
function foundBetter(fu: number[], ft: number[], rSeats: Int32Array, j: number, t: number, p: number, u: number): boolean {
  return replacementBefore(rSeats, t, p, u, ft[j]!, fu[j]!);
}

/** Whether replacement u (route t, party p) ranks before uj (route tj): by route, then larger party, then index. */
export function replacementBefore(rSeats: ArrayLike<number>, t: number, p: number, u: number, tj: number, uj: number): boolean {
  return t < tj || (t === tj && (p > rSeats[uj]! || (p === rSeats[uj] && u < uj)));
}

/** Copies the unit vector at `from` in `src` to `at` in `dst` (no subarray view allocated). */
function copy3(dst: Float64Array, at: number, src: ArrayLike<number>, from: number): void {
  dst[at] = src[from]!;
  dst[at + 1] = src[from + 1]!;
  dst[at + 2] = src[from + 2]!;
}
