import { unitGcKm } from './geometry.ts';
import { type Cars, Grid, type Instance } from './instance.ts';
import { BoxTree, NodeQueue } from './tree.ts';

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
  private readonly maxDE: Float64Array;
  private readonly maxLim: Float64Array;
  private readonly anyAcc: Uint8Array;
  private readonly maxFree: Int32Array;
  private readonly maxDet: Float64Array;
  private readonly list: number[] = [];
  /** Route evaluations spent by queries (for work accounting). */
  evals = 0;

  constructor(
    private readonly inst: Instance,
    private readonly cars: Cars,
  ) {
    const { nD, dU, dDE, dLim, dAcc } = inst;
    // About 4 cars a cell, but never more than ~800 cells: a query visits every cell header.
    const g = new Grid(dU, nD, Math.max(4, Math.ceil(nD / 800)));
    this.g = g;
    const n = g.cells;
    this.cellOf = new Int32Array(nD);
    this.maxDE = new Float64Array(n);
    this.maxLim = new Float64Array(n);
    this.anyAcc = new Uint8Array(n);
    this.maxFree = new Int32Array(n);
    this.maxDet = new Float64Array(n);
    for (let c = 0; c < n; c++) {
      for (let p = g.start[c]!; p < g.start[c + 1]!; p++) {
        const d = g.items[p]!;
        this.cellOf[d] = c;
        this.maxDE[c] = Math.max(this.maxDE[c]!, dDE[d]!);
        this.maxLim[c] = Math.max(this.maxLim[c]!, dLim[d]!);
        if (dAcc[d] === 1) this.anyAcc[c] = 1;
      }
      this.refresh(c);
    }
  }

  private refresh(c: number): void {
    const g = this.g;
    let f = 0;
    let det = 0;
    for (let p = g.start[c]!; p < g.start[c + 1]!; p++) {
      const d = g.items[p]!;
      const fr = this.cars.free[d]!;
      if (fr > f) f = fr;
      if (fr > 0 && this.cars.det[d]! > det) det = this.cars.det[d]!;
    }
    this.maxFree[c] = f;
    this.maxDet[c] = det;
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
    const inst = this.inst;
    const cars = this.cars;
    const g = this.g;
    const { rf, rU, rRE, rSeats, rWheel, dDE, dLim, dAcc, dDep } = inst;
    const x = rU[3 * r]!;
    const y = rU[3 * r + 1]!;
    const z = rU[3 * r + 2]!;
    const p = rSeats[r]!;
    const wheel = rWheel[r] === 1;
    const re = rRE[r]!;
    let best = Number.POSITIVE_INFINITY;
    let bestD = -1;
    let bestTotal = 0;
    const list = this.list;
    for (let c = 0; c < g.cells; c++) {
      if (this.maxFree[c]! < p || (wheel && this.anyAcc[c] === 0)) continue;
      const lbPair = g.lowerKm(c, x, y, z) * rf + re - this.maxDE[c]!;
      if (lbPair > this.maxLim[c]! || lbPair - this.maxDet[c]! > best) continue;
      for (let i = g.start[c]!; i < g.start[c + 1]!; i++) {
        const d = g.items[i]!;
        if (d === not || cars.free[d]! < p || (wheel && dAcc[d] === 0)) continue;
        const pd = inst.dr(d, r) + re - dDE[d]!;
        if (pd > dLim[d]!) continue;
        const cur = cars.det[d]!;
        let total: number;
        const m = cars.members[d]!;
        if (m.length === 0 && inst.fixedU[d] === null) total = pd;
        else {
          if (pd - cur > best) continue;
          list.length = 0;
          for (const v of m) list.push(v);
          list.push(r);
          this.evals++;
          total = inst.routeDetour(d, list, list.length);
          if (total > dLim[d]!) continue;
        }
        const added = total - cur;
        if (added < best || (added === best && (dDep[d]! < dDep[bestD]! || (dDep[d] === dDep[bestD] && d < bestD)))) {
          best = added;
          bestD = d;
          bestTotal = total;
        }
      }
    }
    return bestD < 0 ? null : [bestD, bestTotal];
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
  private readonly parent: Int32Array;
  private readonly leafOf: Int32Array;
  private readonly minRE: Float64Array;
  private readonly maxParty: Int32Array;
  private readonly queue = new NodeQueue(64);
  private readonly list: number[] = [];
  private stopU = new Float64Array(24);
  private stopD = new Float64Array(64);
  private lbS = new Float64Array(8);
  evals = 0;

  constructor(
    private readonly inst: Instance,
    private readonly cars: Cars,
  ) {
    const { nR, rU, rRE } = inst;
    const t = new BoxTree(rU, nR, 8);
    this.t = t;
    const n = t.nodes;
    this.parent = new Int32Array(n).fill(-1);
    this.leafOf = new Int32Array(nR);
    this.minRE = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    this.maxParty = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const l = t.left[k]!;
      if (l >= 0) {
        this.parent[l] = k;
        this.parent[t.right[k]!] = k;
      } else for (let p = t.lo[k]!; p < t.hi[k]!; p++) this.leafOf[t.items[p]!] = k;
    }
    for (let k = n - 1; k >= 0; k--) {
      const l = t.left[k]!;
      if (l >= 0) {
        const r = t.right[k]!;
        this.minRE[k] = Math.min(this.minRE[l]!, this.minRE[r]!);
        this.maxParty[k] = Math.max(this.maxParty[l]!, this.maxParty[r]!);
      } else {
        for (let p = t.lo[k]!; p < t.hi[k]!; p++) {
          const r = t.items[p]!;
          if (rRE[r]! < this.minRE[k]!) this.minRE[k] = rRE[r]!;
        }
        this.refreshLeaf(k);
      }
    }
  }

  private refreshLeaf(k: number): void {
    const t = this.t;
    let m = 0;
    for (let p = t.lo[k]!; p < t.hi[k]!; p++) {
      const r = t.items[p]!;
      if (this.cars.carOf[r] === -1 && this.inst.rSeats[r]! > m) m = this.inst.rSeats[r]!;
    }
    this.maxParty[k] = m;
  }

  update(r: number): void {
    const t = this.t;
    let k = this.leafOf[r]!;
    this.refreshLeaf(k);
    for (k = this.parent[k]!; k >= 0; k = this.parent[k]!) {
      const m = Math.max(this.maxParty[t.left[k]!]!, this.maxParty[t.right[k]!]!);
      if (m === this.maxParty[k]) break;
      this.maxParty[k] = m;
    }
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
    const inst = this.inst;
    const cars = this.cars;
    const t = this.t;
    if (inst.nR === 0) return null;
    const { rf, dU, rU, rRE, rSeats, rWheel, dLim, dAcc } = inst;
    const acc = dAcc[d] === 1;
    const lim = dLim[d]!;
    const list = this.list;
    // The stops u would be slotted between: D, accepted pickups, the members other than v, E.
    list.length = 0;
    for (const w of cars.members[d]!) if (w !== v) list.push(w);
    const kept = list.length;
    const fixed = inst.fixedU[d];
    const nf = fixed ? fixed.length / 3 : 0;
    const ns = 2 + nf + kept;
    if (this.stopU.length < 3 * ns) this.stopU = new Float64Array(3 * ns);
    if (this.stopD.length < ns * ns) this.stopD = new Float64Array(ns * ns);
    if (this.lbS.length < ns) this.lbS = new Float64Array(ns);
    const S = this.stopU;
    S.set(dU.subarray(3 * d, 3 * d + 3), 0);
    if (fixed) S.set(fixed, 3);
    for (let i = 0; i < kept; i++) S.set(rU.subarray(3 * list[i]!, 3 * list[i]! + 3), 3 * (1 + nf + i));
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
    if (base >= below - slack) return null;
    let best = below;
    let bestU = -1;
    const q = this.queue;
    q.reset();
    const lbS = this.lbS;
    if (this.maxParty[0]! >= minParty) {
      const lb = base + this.nodeSlotLb(0);
      if (lb < best - slack && lb <= lim) q.push(lb, 0);
    }
    while (q.size > 0) {
      if (q.peekLb() >= best - slack) break;
      const k = q.pop();
      const l = t.left[k]!;
      if (l >= 0) {
        const r = t.right[k]!;
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
      for (let i = t.lo[k]!; i < t.hi[k]!; i++) {
        const u = t.items[i]!;
        const p = rSeats[u]!;
        if (cars.carOf[u] !== -1 || p < minParty || p > maxParty || (rWheel[u] === 1 && !acc)) continue;
        const ux = rU[3 * u]!;
        const uy = rU[3 * u + 1]!;
        const uz = rU[3 * u + 2]!;
        lbS[0] = inst.dr(d, u);
        for (let s = 1; s < ns - 1; s++) lbS[s] = unitGcKm(ux, uy, uz, S[3 * s]!, S[3 * s + 1]!, S[3 * s + 2]!) * rf;
        lbS[ns - 1] = rRE[u]!;
        const lbU = base + this.slotLb();
        if (lbU >= best - slack || lbU > lim) continue;
        list.length = kept;
        list.push(u);
        this.evals++;
        const tt = inst.routeDetour(d, list, list.length);
        if (tt > lim) continue;
        if (tt < best || (tt === best && bestU >= 0 && (p > rSeats[bestU]! || (p === rSeats[bestU] && u < bestU)))) {
          best = tt;
          bestU = u;
        }
      }
    }
    return bestU < 0 ? null : [bestU, best];
  }

  private ns = 0;

  /** min over slots (a → b) of lbS[a] + lbS[b] − d(a, b), a ≠ b, a not the event, b not the driver. */
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
    return e;
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
