import type { LatLng } from '../geo.ts';
import { MAX_EXACT_PICKUPS, shortestPath, unitGcKm } from './geometry.ts';
import { Instance, MAX_TIMED_STOPS } from './instance.ts';
import { MaxFlow } from './maxflow.ts';
import { exactTimedPath } from './timed.ts';
import type { MatchDriver, MatchOptions, MatchRider } from './types.ts';

/**
 * Upper bounds on the people any feasible assignment can carry, for benchmarks and tests (O(drivers × riders) pair
 * checks; not for the product). When `assign` reaches one, it is provably optimal in people.
 *
 * - Max flow: each request sends up to its party size to drivers it could ride with alone (seats, access, single
 *   pickup within the limit and in time — necessary for any route containing it), each driver absorbs up to its free
 *   seats. It relaxes unsplit parties and the whole-route limit. A hub rider boards at any hub in reach that works
 *   alone (the matcher's final pass moves them), never at home; a coach takes hub riders only.
 * - Route-capped max flow: the same, each driver absorbing at most `cap[d]` = the most people one route of d can carry
 *   under a relaxation of its rules (`routeCaps`). Valid since d's riders in any feasible assignment are such a set.
 */

/** Slack (km) on the bound's own route checks: rounding can only make them more permissive, never invalid. */
const SLACK_KM = 1e-6;

/**
 * Per driver, the requests it could carry alone and, per such pair, the points the rider could board at: hub h
 * (0 ≤ h < hubs) or home (hubs + r). CSR: pairs of d are dStart[d] .. dStart[d+1]; points of pair k are
 * pts[ptStart[k] .. ptStart[k+1]].
 */
export interface BoundPairs {
  inst: Instance;
  dStart: Int32Array;
  pR: Int32Array;
  ptStart: Int32Array;
  pts: Int32Array;
}

export function boundPairs(inst: Instance): BoundPairs {
  const { nD, nR } = inst;
  const H = inst.hubIds.length;
  const list: number[] = [0];
  const alone = (d: number, r: number): boolean => {
    if (!inst.compatible(d, r) || inst.pair(d, r) > inst.dLim[d]!) return false;
    list[0] = r;
    return !inst.fixedU[d] || inst.routeDetour(d, list, 1) <= inst.dLim[d]!;
  };
  const hubsOf = Array.from({ length: nR }, (_, r) => (inst.rHub[r]! >= 0 ? inst.reachableHubs(r) : []));
  const dStart = new Int32Array(nD + 1);
  const pR: number[] = [];
  const ptStart: number[] = [0];
  const pts: number[] = [];
  for (let d = 0; d < nD; d++) {
    for (let r = 0; r < nR; r++) {
      const hubs = hubsOf[r]!;
      const before = pts.length;
      if (hubs.length === 0) {
        if (alone(d, r)) pts.push(H + r);
      } else {
        const own = inst.rHub[r]!;
        for (const h of hubs) {
          inst.setHub(r, h);
          if (alone(d, r)) pts.push(h);
        }
        inst.setHub(r, own);
      }
      if (pts.length > before) {
        pR.push(r);
        ptStart.push(pts.length);
      }
    }
    dStart[d + 1] = pR.length;
  }
  return { inst, dStart, pR: Int32Array.from(pR), ptStart: Int32Array.from(ptStart), pts: Int32Array.from(pts) };
}

/**
 * Route checks over boarding points for the bound: does driver d have a route through its accepted pickups and the
 * points pts[0..n) whose plain length (no waiting) keeps the detour within dLim? dLim already folds in the time budget
 * of a route that never waits, and waiting only makes a route later, so "no" here means no feasible route visits these
 * points. Exact (cheapest order) up to MAX_EXACT_PICKUPS points; beyond, it answers "yes" (a relaxation).
 * With ready times (`ready`, per point: the earliest any rider who may board there is ready), up to MAX_TIMED_STOPS
 * points it also asks for an order in time, waiting at each point until then, whose length keeps within dLim: a real
 * route waits at least that long at each of its stops (its riders there are ready no earlier), so it is no earlier.
 */
export class PointRoutes {
  private readonly H: number;
  private readonly U: Float64Array;
  private readonly start: Float64Array;
  private readonly end: Float64Array;
  private readonly mat: Float64Array;
  private readonly rd: Float64Array;
  private readonly order: Int32Array;
  private readonly stride = MAX_EXACT_PICKUPS;

  constructor(private readonly inst: Instance) {
    this.H = inst.hubIds.length;
    this.U = new Float64Array(3 * this.stride);
    this.start = new Float64Array(this.stride);
    this.end = new Float64Array(this.stride);
    this.mat = new Float64Array(this.stride * this.stride);
    this.rd = new Float64Array(this.stride);
    this.order = new Int32Array(this.stride);
  }

  fits(d: number, pts: ArrayLike<number>, n: number, ready?: ArrayLike<number>): boolean {
    const inst = this.inst;
    const fixed = inst.fixedU[d];
    const k = fixed ? fixed.length / 3 : 0;
    const m = k + n;
    if (m === 0) return true;
    if (m > MAX_EXACT_PICKUPS) return true;
    const { U, start, end, mat, stride, H } = this;
    const rf = inst.rf;
    const dx = inst.dU[3 * d]!;
    const dy = inst.dU[3 * d + 1]!;
    const dz = inst.dU[3 * d + 2]!;
    for (let i = 0; i < m; i++) {
      let src: Float64Array;
      let o: number;
      if (i < k) {
        src = fixed!;
        o = 3 * i;
      } else {
        const p = pts[i - k]!;
        src = p < H ? inst.hubU : inst.rHome;
        o = 3 * (p < H ? p : p - H);
      }
      const x = src[o]!;
      const y = src[o + 1]!;
      const z = src[o + 2]!;
      U[3 * i] = x;
      U[3 * i + 1] = y;
      U[3 * i + 2] = z;
      start[i] = unitGcKm(dx, dy, dz, x, y, z) * rf;
      end[i] = unitGcKm(x, y, z, inst.ex, inst.ey, inst.ez) * rf;
      this.rd[i] = i < k || !ready ? Number.NEGATIVE_INFINITY : ready[i - k]!;
    }
    for (let i = 1; i < m; i++) {
      for (let j = 0; j < i; j++) {
        const v = unitGcKm(U[3 * i]!, U[3 * i + 1]!, U[3 * i + 2]!, U[3 * j]!, U[3 * j + 1]!, U[3 * j + 2]!) * rf;
        mat[i * stride + j] = v;
        mat[j * stride + i] = v;
      }
    }
    const lim = inst.dDE[d]! + inst.dLim[d]! + SLACK_KM;
    if (shortestPath(m, start, end, mat, stride, null) > lim) return false;
    if (!ready || !inst.waits || m > MAX_TIMED_STOPS) return true;
    // 1 ms of slack on the deadline (the matcher's own is 1e-3 ms).
    const len = exactTimedPath(m, start, end, mat, stride, this.rd, inst.dDep[d]!, inst.arriveBy + 1, inst.kmPerMs, this.order);
    return len <= lim;
  }
}

/**
 * Per driver, an upper bound on the people one feasible route of it can carry: the largest subset sum (≤ free seats)
 * of the parties that can board at the points of some set S of points that `PointRoutes.fits` (each party feasible
 * alone at its point). Valid: a feasible route's riders board at points the route visits — a set that fits, since
 * fitting is a relaxation (plain length, no waits) — each at a point where it is feasible alone, and they fit the
 * seats. Depth-first over sets of points (largest first), pruned since a superset of a set that does not fit never
 * fits (adding a stop never shortens a route: triangle inequality) and by the people still reachable; stops at the free
 * seats. Beyond `maxChecks` route checks for a driver its cap stays its free seats (still valid).
 * Returns caps and how many drivers were cut off by `maxChecks`.
 */
export function routeCaps(bp: BoundPairs, maxChecks = 2000): { caps: Int32Array; cutOff: number } {
  const { inst, dStart, pR, ptStart, pts } = bp;
  const { nD, nR } = inst;
  const routes = new PointRoutes(inst);
  const caps = new Int32Array(nD);
  const weight = new Map<number, number>();
  const readyAt = new Map<number, number>();
  const ridersAt = new Map<number, number[]>();
  const covered = new Int32Array(nR);
  const reach = new Uint8Array(256);
  let cutOff = 0;
  for (let d = 0; d < nD; d++) {
    const seats = inst.dSeats[d]!;
    weight.clear();
    readyAt.clear();
    ridersAt.clear();
    for (let k = dStart[d]!; k < dStart[d + 1]!; k++) {
      const r = pR[k]!;
      for (let q = ptStart[k]!; q < ptStart[k + 1]!; q++) {
        const p = pts[q]!;
        weight.set(p, (weight.get(p) ?? 0) + inst.rSeats[r]!);
        readyAt.set(p, Math.min(readyAt.get(p) ?? Number.POSITIVE_INFINITY, inst.rReady[r]!));
        const at = ridersAt.get(p);
        if (at) at.push(r);
        else ridersAt.set(p, [r]);
      }
    }
    // Points by people who can board there (desc), then index; suffix sums bound what the rest can add.
    const order = [...weight.keys()].sort((a, b) => weight.get(b)! - weight.get(a)! || a - b);
    const suffix = new Float64Array(order.length + 1);
    for (let i = order.length - 1; i >= 0; i--) suffix[i] = suffix[i + 1]! + weight.get(order[i]!)!;
    const chosen = new Int32Array(order.length);
    const chosenReady = new Float64Array(order.length);
    const coveredList: number[] = [];
    let best = 0;
    let checks = 0;
    let aborted = false;
    const value = (): number => {
      // Largest subset sum ≤ seats of the covered parties.
      reach.fill(0, 0, seats + 1);
      reach[0] = 1;
      let top = 0;
      for (const r of coveredList) {
        const s = inst.rSeats[r]!;
        for (let v = Math.min(top, seats - s); v >= 0; v--) if (reach[v] === 1) reach[v + s] = 1;
        top = Math.min(seats, top + s);
      }
      for (let v = seats; v > 0; v--) if (reach[v] === 1) return v;
      return 0;
    };
    const dfs = (from: number, depth: number, people: number): void => {
      if (people > best) best = Math.max(best, value());
      for (let i = from; i < order.length; i++) {
        if (best >= seats || aborted) return;
        if (people + suffix[i]! <= best) return;
        if (++checks > maxChecks) {
          aborted = true;
          return;
        }
        chosen[depth] = order[i]!;
        chosenReady[depth] = readyAt.get(order[i]!)!;
        if (!routes.fits(d, chosen, depth + 1, chosenReady)) continue;
        let added = 0;
        for (const r of ridersAt.get(order[i]!)!) {
          if (covered[r]!++ === 0) {
            coveredList.push(r);
            added += inst.rSeats[r]!;
          }
        }
        dfs(i + 1, depth + 1, people + added);
        for (const r of ridersAt.get(order[i]!)!) if (--covered[r]! === 0) coveredList.splice(coveredList.indexOf(r), 1);
      }
    };
    if (order.length > 0) dfs(0, 0, 0);
    if (aborted) {
      cutOff++;
      best = seats;
    }
    caps[d] = Math.min(seats, best);
    covered.fill(0);
  }
  return { caps, cutOff };
}

/** Maximum flow: source → request r (party size) → driver (per pair, the party size) → sink (dCap[d]). */
function pairFlow(bp: BoundPairs, dCap: ArrayLike<number>): number {
  const { inst, dStart, pR } = bp;
  const { nD, nR } = inst;
  // Nodes: 0 source, 1..nR riders, nR+1..nR+nD drivers, nR+nD+1 sink.
  const T = nR + nD + 1;
  const g = new MaxFlow(T + 1, nR + nD + pR.length);
  for (let r = 0; r < nR; r++) g.add(0, 1 + r, inst.rSeats[r]!);
  for (let d = 0; d < nD; d++) g.add(1 + nR + d, T, dCap[d]!);
  for (let d = 0; d < nD; d++) {
    for (let k = dStart[d]!; k < dStart[d + 1]!; k++) g.add(1 + pR[k]!, 1 + nR + d, inst.rSeats[pR[k]!]!);
  }
  return g.run(0, T);
}

export interface PeopleBounds {
  /** Max flow with drivers' free seats. */
  maxFlow: number;
  /** Max flow with drivers' route caps (≤ maxFlow). */
  routeCapped: number;
  caps: Int32Array;
  /** Drivers whose cap search hit its check budget (cap = free seats). */
  capCutOff: number;
  pairs: BoundPairs;
}

/**
 * Both bounds. `capsUnless`: when the max flow is at most this (a known feasible people count, so the flow is already
 * tight), the route caps are not computed (costly where many riders are in reach) and routeCapped = maxFlow.
 */
export function peopleBounds(
  drivers: readonly MatchDriver[],
  riders: readonly MatchRider[],
  event: LatLng,
  opts: MatchOptions = {},
  capsUnless = -1,
): PeopleBounds {
  const inst = new Instance(drivers, riders, event, opts);
  const pairs = boundPairs(inst);
  const maxFlow = pairFlow(pairs, inst.dSeats);
  if (maxFlow <= capsUnless) return { maxFlow, routeCapped: maxFlow, caps: Int32Array.from(inst.dSeats), capCutOff: 0, pairs };
  const { caps, cutOff } = routeCaps(pairs);
  return { maxFlow, routeCapped: pairFlow(pairs, caps), caps, capCutOff: cutOff, pairs };
}

/** The max-flow bound alone. */
export function peopleUpperBound(
  drivers: readonly MatchDriver[],
  riders: readonly MatchRider[],
  event: LatLng,
  opts: MatchOptions = {},
): number {
  const inst = new Instance(drivers, riders, event, opts);
  return pairFlow(boundPairs(inst), inst.dSeats);
}

