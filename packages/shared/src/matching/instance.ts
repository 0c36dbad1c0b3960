import type { LatLng } from '../geo.ts';
import {
  boundBox,
  boxLowerKm,
  DEFAULT_ROAD_FACTOR,
  DETOUR_TOLERANCE_KM,
  EARTH_RADIUS_KM,
  shortestPath,
  toUnit,
  unitGcKm,
} from './geometry.ts';
import { exactTimedPath } from './timed.ts';
import {
  type Assignment,
  type CarAssignment,
  type CarStop,
  DEFAULT_SPEED_KMH,
  type MatchDriver,
  type MatchOptions,
  type MatchRider,
} from './types.ts';

/**
 * Internal: an instance in struct-of-arrays form (drivers and riders sorted by id, so results never depend on input
 * order), the 3-D spatial grid used to find candidate pairs, and the mutable car state shared by the greedy baseline
 * and `assign`. Not exported from the package.
 */

/** Slack on arriving by the event's start (ms), so that float rounding never flips a route that is in time. */
const TIME_TOLERANCE_MS = 1e-3;
/** Up to this many distinct stops, a route whose cheapest order is late is re-ordered exactly for time. */
export const MAX_TIMED_STOPS = 8;

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function checkPoint(p: LatLng, what: string): void {
  if (!Number.isFinite(p.lat) || !Number.isFinite(p.lng) || Math.abs(p.lat) > 90 || Math.abs(p.lng) > 180) {
    throw new RangeError(`${what}: invalid coordinates`);
  }
}

function checkUnique(items: readonly { id: string }[], what: string): void {
  for (let i = 1; i < items.length; i++) {
    if (items[i]!.id === items[i - 1]!.id) throw new RangeError(`duplicate ${what} id ${items[i]!.id}`);
  }
}

export class Instance {
  readonly rf: number;
  readonly drivers: MatchDriver[];
  readonly riders: MatchRider[];
  readonly nD: number;
  readonly nR: number;
  /** Unit vectors, 3 per point. */
  readonly dU: Float64Array;
  readonly rU: Float64Array;
  readonly ex: number;
  readonly ey: number;
  readonly ez: number;
  /** d(D, E) and d(R, E), road km. */
  readonly dDE: Float64Array;
  readonly rRE: Float64Array;
  /** Free seats, limit (+ tolerance), access, departure. */
  readonly dSeats: Int32Array;
  readonly dLim: Float64Array;
  readonly dAcc: Uint8Array;
  readonly dDep: Float64Array;
  readonly rSeats: Int32Array;
  readonly rWheel: Uint8Array;
  /** Already-accepted pickups per driver (unit vectors), or null. */
  readonly fixedU: (Float64Array | null)[];
  readonly maxPickups: number;
  private readonly sStart: Float64Array;
  private readonly sEnd: Float64Array;
  private readonly sMat: Float64Array;
  private readonly sU: Float64Array;
  private readonly stride: number;
  readonly sOrder: Int32Array;
  /** Hubs (sorted by id) as unit vectors; each rider's pickup hub (-1: at home), coaches, readiness, time rule. */
  readonly hubIds: string[];
  readonly hubU: Float64Array;
  /** The hub a rider boards at (-1: at home); `rU`/`rRE` are that hub's point for hub riders. */
  readonly rHub: Int32Array;
  readonly rHome: Float64Array;
  readonly rReach: Float64Array;
  readonly rReady: Float64Array;
  readonly dCoach: Uint8Array;
  /** Per driver, the hub each accepted pickup stands on exactly (-1: none), or null. */
  readonly fixedHub: (Int32Array | null)[];
  /** Per driver with an arrival time, its accepted pickups' ready times (−Infinity: any time); null when none waits. */
  readonly fixedReady: (Float64Array | null)[];
  /** Hubs, coaches or a time rule: routes are priced by `stopRoute` (distinct stops, time check). */
  readonly special: boolean;
  readonly hasCoaches: boolean;
  readonly timed: boolean;
  /** Some rider has a ready time, so a route may have to wait: its time is checked stop by stop. */
  readonly waits: boolean;
  readonly arriveBy: number;
  /** Road km per ms. */
  readonly kmPerMs: number;
  private readonly stopOf: Int32Array;
  private readonly stopReady: Float64Array;
  private readonly hubSlot: Int32Array;
  private readonly hubStamp: Int32Array;
  private stamp = 0;
  /** After `routeDetour` on a special instance: distinct stops, their order, and each pickup's stop. */
  stopCount = 0;
  readonly stopOrder: Int32Array;

  constructor(
    drivers: readonly MatchDriver[],
    riders: readonly MatchRider[],
    event: LatLng,
    opts: MatchOptions = {},
  ) {
    this.rf = opts.roadFactor ?? DEFAULT_ROAD_FACTOR;
    if (!(this.rf > 0) || !Number.isFinite(this.rf)) throw new RangeError('roadFactor must be a positive number');
    checkPoint(event, 'event');
    this.drivers = [...drivers].sort(byId);
    this.riders = [...riders].sort(byId);
    checkUnique(this.drivers, 'driver');
    checkUnique(this.riders, 'rider');
    const nD = this.drivers.length;
    const nR = this.riders.length;
    this.nD = nD;
    this.nR = nR;
    const e = toUnit(event);
    [this.ex, this.ey, this.ez] = e;
    this.dU = new Float64Array(3 * nD);
    this.rU = new Float64Array(3 * nR);
    this.dDE = new Float64Array(nD);
    this.rRE = new Float64Array(nR);
    this.dSeats = new Int32Array(nD);
    this.dLim = new Float64Array(nD);
    this.dAcc = new Uint8Array(nD);
    this.dDep = new Float64Array(nD);
    this.rSeats = new Int32Array(nR);
    this.rWheel = new Uint8Array(nR);
    this.fixedU = new Array(nD).fill(null);
    this.fixedHub = new Array(nD).fill(null);
    this.fixedReady = new Array(nD).fill(null);
    let fixedWaits = false;
    const hubs = [...(opts.hubs ?? [])].sort(byId);
    checkUnique(hubs, 'hub');
    this.hubIds = hubs.map((h) => h.id);
    this.hubU = new Float64Array(3 * hubs.length);
    hubs.forEach((h, i) => {
      checkPoint(h.point, `hub ${h.id}`);
      this.hubU.set(toUnit(h.point), 3 * i);
    });
    this.timed = opts.arriveByMs !== undefined;
    if (this.timed && !Number.isFinite(opts.arriveByMs)) throw new RangeError('arriveByMs must be a finite time');
    this.arriveBy = this.timed ? opts.arriveByMs! : Number.POSITIVE_INFINITY;
    const speed = opts.speedKmh ?? DEFAULT_SPEED_KMH;
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError('speedKmh must be a positive number');
    this.kmPerMs = speed / 3_600_000;
    this.dCoach = new Uint8Array(nD);
    this.rHub = new Int32Array(nR).fill(-1);
    this.rHome = new Float64Array(3 * nR);
    this.rReach = new Float64Array(nR);
    this.rReady = new Float64Array(nR).fill(Number.NEGATIVE_INFINITY);
    let maxPickups = 1;
    for (let i = 0; i < nD; i++) {
      const d = this.drivers[i]!;
      checkPoint(d.origin, `driver ${d.id}`);
      if (!Number.isInteger(d.seats) || d.seats < 0) throw new RangeError(`driver ${d.id}: seats must be an integer ≥ 0`);
      if (!(d.maxDetourKm >= 0) || !Number.isFinite(d.maxDetourKm)) {
        throw new RangeError(`driver ${d.id}: maxDetourKm must be a finite number ≥ 0`);
      }
      const u = toUnit(d.origin);
      this.dU.set(u, 3 * i);
      this.dDE[i] = unitGcKm(u[0], u[1], u[2], e[0], e[1], e[2]) * this.rf;
      this.dSeats[i] = d.seats;
      this.dLim[i] = d.maxDetourKm + DETOUR_TOLERANCE_KM;
      this.dAcc[i] = d.wheelchairAccessible ? 1 : 0;
      this.dDep[i] = Number.isFinite(d.departureMs) ? d.departureMs : 0;
      this.dCoach[i] = d.hubsOnly ? 1 : 0;
      if (this.timed) {
        if (!Number.isFinite(d.departureMs)) throw new RangeError(`driver ${d.id}: departureMs must be a finite time`);
        // Without waiting, arriving in time is a bound on the route's length: fold it into the detour limit.
        const budgetKm = (this.arriveBy - d.departureMs) * this.kmPerMs;
        this.dLim[i] = Math.min(d.maxDetourKm, budgetKm - this.dDE[i]!) + DETOUR_TOLERANCE_KM;
      }
      const acc = d.acceptedRiders ?? [];
      if (acc.length > 0) {
        const f = new Float64Array(3 * acc.length);
        acc.forEach((a, k) => {
          checkPoint(a.origin, `driver ${d.id} accepted rider`);
          f.set(toUnit(a.origin), 3 * k);
        });
        this.fixedU[i] = f;
        if (this.timed && acc.some((a) => a.readyMs != null)) {
          const fr = new Float64Array(acc.length).fill(Number.NEGATIVE_INFINITY);
          acc.forEach((a, k) => {
            if (a.readyMs == null) return;
            if (!Number.isFinite(a.readyMs)) throw new RangeError(`driver ${d.id} accepted rider: readyMs must be a finite time`);
            fr[k] = a.readyMs;
          });
          this.fixedReady[i] = fr;
          fixedWaits = true;
        }
        if (hubs.length > 0) {
          const fh = new Int32Array(acc.length).fill(-1);
          acc.forEach((a, k) => {
            fh[k] = hubs.findIndex((h) => h.point.lat === a.origin.lat && h.point.lng === a.origin.lng);
          });
          this.fixedHub[i] = fh;
        }
      }
      maxPickups = Math.max(maxPickups, acc.length + d.seats);
    }
    for (let i = 0; i < nR; i++) {
      const r = this.riders[i]!;
      checkPoint(r.origin, `rider ${r.id}`);
      if (!Number.isInteger(r.seats) || r.seats < 1) throw new RangeError(`rider ${r.id}: seats must be an integer ≥ 1`);
      const home = toUnit(r.origin);
      this.rHome.set(home, 3 * i);
      const reach = r.hubReachKm ?? 0;
      if (!(reach >= 0) || !Number.isFinite(reach)) throw new RangeError(`rider ${r.id}: hubReachKm must be a finite number ≥ 0`);
      this.rReach[i] = reach;
      if (r.readyMs !== undefined) {
        if (!Number.isFinite(r.readyMs)) throw new RangeError(`rider ${r.id}: readyMs must be a finite time`);
        if (this.timed) this.rReady[i] = r.readyMs;
      }
      this.rU.set(home, 3 * i);
      this.rRE[i] = unitGcKm(home[0], home[1], home[2], e[0], e[1], e[2]) * this.rf;
      this.rSeats[i] = r.seats;
      this.rWheel[i] = r.needsWheelchair ? 1 : 0;
    }
    if (hubs.length > 0) {
      // Each hub rider boards at the hub in reach that most people can reach (ties: the nearest, then by id), so riders
      // gather at few hubs and vehicles make fewer stops (measured against the nearest hub: detour −5 to −18 % on
      // three instances, people within ±3 of 400–1,900).
      const pop = new Float64Array(hubs.length);
      const reach: number[][] = [];
      for (let i = 0; i < nR; i++) {
        reach[i] = this.rReach[i]! > 0 ? this.reachableHubs(i) : [];
        for (const h of reach[i]!) pop[h]! += this.rSeats[i]!;
      }
      for (let i = 0; i < nR; i++) {
        let best = -1;
        for (const h of reach[i]!) if (best < 0 || pop[h]! > pop[best]!) best = h;
        this.setHub(i, best);
      }
    }
    let waits = fixedWaits;
    if (this.timed) for (let i = 0; i < nR; i++) if (this.rReady[i]! > Number.NEGATIVE_INFINITY) waits = true;
    this.waits = waits;
    let coaches = false;
    for (let i = 0; i < nD; i++) if (this.dCoach[i] === 1) coaches = true;
    this.hasCoaches = coaches;
    this.special = this.timed || coaches || hubs.length > 0;
    // A car whose single pickups may be infeasible for reasons other than length (a coach and a home rider, a wait)
    // gets an (empty) accepted-pickup list: every caller then prices even its one-rider routes through routeDetour.
    for (let i = 0; i < nD; i++) if ((this.dCoach[i] === 1 || waits) && !this.fixedU[i]) this.fixedU[i] = new Float64Array(0);
    this.maxPickups = maxPickups;
    this.stride = maxPickups;
    this.sStart = new Float64Array(maxPickups);
    this.sEnd = new Float64Array(maxPickups);
    this.sMat = new Float64Array(maxPickups * maxPickups);
    this.sU = new Float64Array(3 * maxPickups);
    this.sOrder = new Int32Array(maxPickups);
    this.stopOf = new Int32Array(maxPickups);
    this.stopReady = new Float64Array(maxPickups);
    this.stopOrder = new Int32Array(maxPickups);
    this.hubSlot = new Int32Array(hubs.length);
    this.hubStamp = new Int32Array(hubs.length);
  }

  /** Hubs within rider r's reach of home, nearest first (ties by hub id). */
  reachableHubs(r: number): number[] {
    const out: [number, number][] = [];
    const H = this.hubU;
    const a = this.rHome;
    for (let h = 0; h < this.hubIds.length; h++) {
      const km = unitGcKm(a[3 * r]!, a[3 * r + 1]!, a[3 * r + 2]!, H[3 * h]!, H[3 * h + 1]!, H[3 * h + 2]!);
      if (km <= this.rReach[r]!) out.push([km, h]);
    }
    return out.sort((x, y) => x[0] - y[0] || x[1] - y[1]).map((x) => x[1]);
  }

  /** Move rider r's pickup to hub h (-1: home). Only for a rider in no car, after the search (indexes hold points). */
  setHub(r: number, h: number): void {
    this.rHub[r] = h;
    const u = h >= 0 ? this.hubU.subarray(3 * h, 3 * h + 3) : this.rHome.subarray(3 * r, 3 * r + 3);
    this.rU.set(u, 3 * r);
    this.rRE[r] = unitGcKm(u[0]!, u[1]!, u[2]!, this.ex, this.ey, this.ez) * this.rf;
  }

  /** d(D, R), road km. */
  dr(d: number, r: number): number {
    const a = this.dU;
    const b = this.rU;
    return unitGcKm(a[3 * d]!, a[3 * d + 1]!, a[3 * d + 2]!, b[3 * r]!, b[3 * r + 1]!, b[3 * r + 2]!) * this.rf;
  }

  /** Single-pickup detour d(D,R) + d(R,E) − d(D,E) (the same bits as a one-pickup route). */
  pair(d: number, r: number): number {
    return this.dr(d, r) + this.rRE[r]! - this.dDE[d]!;
  }

  /**
   * With waits: car d cannot take rider r on any route, as even reaching r's pickup straight from home (or r's ready
   * time, if later) and driving on straight to the event is late by more than 1 ms (a margin far above float rounding,
   * so `stopRoute` is +Infinity whenever this holds). Lets searches skip such riders without pricing a route.
   * `lateAlone`: the same for every car (ready too late for the last leg alone).
   */
  lateAlone(r: number): boolean {
    return this.waits && this.rReady[r]! + this.rRE[r]! / this.kmPerMs > this.arriveBy + 1;
  }

  /** `dr`: the leg from d's origin to r's pickup, when the caller has it already. */
  lateFor(d: number, r: number, dr?: number): boolean {
    if (!this.waits) return false;
    const reach = this.dDep[d]! + (dr ?? this.dr(d, r)) / this.kmPerMs;
    const ready = this.rReady[r]!;
    return Math.max(ready, reach) + this.rRE[r]! / this.kmPerMs > this.arriveBy + 1;
  }

  /** Can rider r ride with driver d at all (seats, access), ignoring the route and other riders? */
  compatible(d: number, r: number): boolean {
    return (
      this.rSeats[r]! <= this.dSeats[d]! &&
      (this.rWheel[r] === 0 || this.dAcc[d] === 1) &&
      (this.dCoach[d] === 0 || this.rHub[r]! >= 0)
    );
  }

  /**
   * Detour of driver d's whole route through its accepted pickups and riders list[0..count). Writes the pickup
   * order into `sOrder` (indices < fixed count are accepted pickups; the rest are list positions + fixed count).
   * With a `cutoff`, a detour above it may come back as any value above it (the route search cut short).
   */
  routeDetour(d: number, list: ArrayLike<number>, count: number, cutoff = Number.POSITIVE_INFINITY): number {
    if (this.special) return this.stopRoute(d, list, count);
    const fixed = this.fixedU[d];
    const k = fixed ? fixed.length / 3 : 0;
    const n = k + count;
    if (n === 0) return 0;
    const U = this.sU;
    const start = this.sStart;
    const end = this.sEnd;
    const mat = this.sMat;
    const s = this.stride;
    const dx = this.dU[3 * d]!;
    const dy = this.dU[3 * d + 1]!;
    const dz = this.dU[3 * d + 2]!;
    const rf = this.rf;
    for (let i = 0; i < k; i++) {
      const x = fixed![3 * i]!;
      const y = fixed![3 * i + 1]!;
      const z = fixed![3 * i + 2]!;
      U[3 * i] = x;
      U[3 * i + 1] = y;
      U[3 * i + 2] = z;
      start[i] = unitGcKm(dx, dy, dz, x, y, z) * rf;
      end[i] = unitGcKm(x, y, z, this.ex, this.ey, this.ez) * rf;
    }
    for (let j = 0; j < count; j++) {
      const r = list[j]!;
      const i = k + j;
      U[3 * i] = this.rU[3 * r]!;
      U[3 * i + 1] = this.rU[3 * r + 1]!;
      U[3 * i + 2] = this.rU[3 * r + 2]!;
      start[i] = this.dr(d, r);
      end[i] = this.rRE[r]!;
    }
    for (let i = 1; i < n; i++) {
      for (let j = 0; j < i; j++) {
        const v = unitGcKm(U[3 * i]!, U[3 * i + 1]!, U[3 * i + 2]!, U[3 * j]!, U[3 * j + 1]!, U[3 * j + 2]!) * rf;
        mat[i * s + j] = v;
        mat[j * s + i] = v;
      }
    }
    return shortestPath(n, start, end, mat, s, this.sOrder, cutoff + this.dDE[d]!) - this.dDE[d]!;
  }

  /**
   * `routeDetour` with hubs, coaches or a time rule. Pickups on the same hub are one stop (everyone there boards at
   * once), so a coach prices its distinct hubs, not its riders; a coach takes hub riders only. With a time rule the
   * car waits at each stop until everyone boarding there is ready and must reach the event by `arriveBy`: the
   * cheapest order is checked and, when it is late, the cheapest order in time is searched exactly (up to
   * MAX_TIMED_STOPS stops; beyond, late means infeasible). +Infinity when infeasible. Leaves the distinct stops in
   * `stopCount`/`stopOrder` and each pickup's stop in `stopOf` (pickups: accepted first, then list order).
   */
  private stopRoute(d: number, list: ArrayLike<number>, count: number): number {
    const fixed = this.fixedU[d];
    const k = fixed ? fixed.length / 3 : 0;
    this.stopCount = 0;
    if (k + count === 0) return 0;
    const coach = this.dCoach[d] === 1;
    const fh = this.fixedHub[d];
    const fr = this.fixedReady[d];
    const stamp = ++this.stamp;
    const { sU: U, sStart: start, sEnd: end, sMat: mat, stride: s, stopReady: ready, stopOf, hubSlot, hubStamp, rf } = this;
    const dx = this.dU[3 * d]!;
    const dy = this.dU[3 * d + 1]!;
    const dz = this.dU[3 * d + 2]!;
    let n = 0;
    for (let i = 0; i < k; i++) {
      const h = fh ? fh[i]! : -1;
      if (h >= 0 && hubStamp[h] === stamp) {
        stopOf[i] = hubSlot[h]!;
        if (fr && fr[i]! > ready[hubSlot[h]!]!) ready[hubSlot[h]!] = fr[i]!;
        continue;
      }
      if (h >= 0) {
        hubStamp[h] = stamp;
        hubSlot[h] = n;
      }
      const x = fixed![3 * i]!;
      const y = fixed![3 * i + 1]!;
      const z = fixed![3 * i + 2]!;
      U[3 * n] = x;
      U[3 * n + 1] = y;
      U[3 * n + 2] = z;
      start[n] = unitGcKm(dx, dy, dz, x, y, z) * rf;
      end[n] = unitGcKm(x, y, z, this.ex, this.ey, this.ez) * rf;
      ready[n] = fr ? fr[i]! : Number.NEGATIVE_INFINITY;
      stopOf[i] = n++;
    }
    for (let j = 0; j < count; j++) {
      const r = list[j]!;
      const h = this.rHub[r]!;
      if (coach && h < 0) return Number.POSITIVE_INFINITY;
      if (h >= 0 && hubStamp[h] === stamp) {
        const slot = hubSlot[h]!;
        stopOf[k + j] = slot;
        if (this.rReady[r]! > ready[slot]!) ready[slot] = this.rReady[r]!;
        continue;
      }
      if (h >= 0) {
        hubStamp[h] = stamp;
        hubSlot[h] = n;
      }
      U[3 * n] = this.rU[3 * r]!;
      U[3 * n + 1] = this.rU[3 * r + 1]!;
      U[3 * n + 2] = this.rU[3 * r + 2]!;
      start[n] = this.dr(d, r);
      end[n] = this.rRE[r]!;
      ready[n] = this.rReady[r]!;
      stopOf[k + j] = n++;
    }
    this.stopCount = n;
    const dep = this.dDep[d]!;
    const latest = this.arriveBy + TIME_TOLERANCE_MS;
    if (this.waits) {
      // A stop whose riders are ready too late for the last leg alone cannot be served in any order.
      for (let i = 0; i < n; i++) if (ready[i]! + end[i]! / this.kmPerMs > latest) return Number.POSITIVE_INFINITY;
    }
    for (let i = 1; i < n; i++) {
      for (let j = 0; j < i; j++) {
        const v = unitGcKm(U[3 * i]!, U[3 * i + 1]!, U[3 * i + 2]!, U[3 * j]!, U[3 * j + 1]!, U[3 * j + 2]!) * rf;
        mat[i * s + j] = v;
        mat[j * s + i] = v;
      }
    }
    let len = shortestPath(n, start, end, mat, s, this.stopOrder);
    if (this.waits && this.arrival(dep, n) > latest) {
      // No order is shorter, and waiting only adds: if the cheapest length alone is late, every order is.
      if (dep + len / this.kmPerMs > latest) return Number.POSITIVE_INFINITY;
      len =
        n <= MAX_TIMED_STOPS
          ? exactTimedPath(n, start, end, mat, s, ready, dep, latest, this.kmPerMs, this.stopOrder)
          : Number.POSITIVE_INFINITY;
    }
    return len - this.dDE[d]!;
  }

  /**
   * The stops of the route last priced by `stopRoute` for driver d over `pickups` pickups: each stop's hub (-1: a
   * home), its pickups (indices as in `stopOf`, ascending), when the car leaves it and when it reaches the event.
   */
  lastStops(
    d: number,
    list: ArrayLike<number>,
    count: number,
  ): { stops: { hub: number; pickups: number[]; atMs: number | null }[]; arriveMs: number | null } {
    const n = this.stopCount;
    const at: number[] = [];
    const arrive = this.timed ? this.arrival(this.dDep[d]!, n, at) : null;
    const rank = new Int32Array(n);
    for (let q = 0; q < n; q++) rank[this.stopOrder[q]!] = q;
    const stops = Array.from({ length: n }, (_, q) => ({ hub: -1, pickups: [] as number[], atMs: this.timed ? at[q]! : null }));
    const k = this.fixedU[d] ? this.fixedU[d]!.length / 3 : 0;
    const fh = this.fixedHub[d];
    for (let p = 0; p < k + count; p++) {
      const st = stops[rank[this.stopOf[p]!]!]!;
      st.pickups.push(p);
      st.hub = p < k ? (fh ? fh[p]! : -1) : this.rHub[list[p - k]!]!;
    }
    return { stops, arriveMs: arrive };
  }

  /** When the last priced route (stopRoute) reaches the event, leaving at `dep`; `at` gets each stop's leaving time. */
  arrival(dep: number, n: number, at?: number[]): number {
    const { sStart: start, sEnd: end, sMat: mat, stride: s, stopReady: ready, stopOrder: order, kmPerMs } = this;
    let t = dep;
    let prev = -1;
    for (let q = 0; q < n; q++) {
      const i = order[q]!;
      t += (prev < 0 ? start[i]! : mat[prev * s + i]!) / kmPerMs;
      if (ready[i]! > t) t = ready[i]!;
      if (at) at.push(t);
      prev = i;
    }
    return t + end[prev]! / kmPerMs;
  }
}

// -----------------------------------------------------------------------------------------------------------------
// Spatial grid: cubes in 3-D (unit vectors × R), so that the chord distance from a query point to a cell's bounding
// box is a true lower bound of the great-circle distance to anything inside (arc ≥ chord), with no projection error,
// anywhere on the globe. Only occupied cells exist.

export class Grid {
  readonly cells: number;
  /** Items of cell c are items[start[c] .. start[c+1]), ascending. */
  readonly start: Int32Array;
  readonly items: Int32Array;
  /** Per cell: the tight bounding box of its points (unit coordinates), minx, miny, minz, maxx, maxy, maxz. */
  readonly box: Float64Array;

  constructor(units: Float64Array, count: number, targetPerCell: number) {
    const all = new Float64Array(6);
    boundBox(units, null, 0, count, all, 0);
    const ext = count > 0 ? [all[3]! - all[0]!, all[4]! - all[1]!, all[5]! - all[2]!].sort((a, b) => b - a) : [0, 0, 0];
    const area = Math.max(ext[0]! * ext[1]!, ext[0]! * ext[0]! * 1e-3, 1e-12);
    // Cell edge (unit coordinates) giving about targetPerCell points per cell if they were spread evenly.
    let cell = Math.sqrt((area * targetPerCell) / Math.max(count, 1));
    cell = Math.min(Math.max(cell, 0.3 / EARTH_RADIUS_KM), 0.5);
    const keyOf = new Float64Array(count);
    const inv = 1 / cell;
    const OFF = 8;
    const P = 2 * Math.ceil(inv) + 2 * OFF;
    for (let i = 0; i < count; i++) {
      const ix = Math.floor(units[3 * i]! * inv) + Math.ceil(inv) + OFF;
      const iy = Math.floor(units[3 * i + 1]! * inv) + Math.ceil(inv) + OFF;
      const iz = Math.floor(units[3 * i + 2]! * inv) + Math.ceil(inv) + OFF;
      keyOf[i] = (ix * P + iy) * P + iz;
    }
    const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => keyOf[a]! - keyOf[b]! || a - b);
    const starts: number[] = [];
    this.items = Int32Array.from(order);
    for (let p = 0; p < count; p++) {
      if (p === 0 || keyOf[order[p]!] !== keyOf[order[p - 1]!]) starts.push(p);
    }
    starts.push(count);
    this.start = Int32Array.from(starts);
    this.cells = starts.length - 1;
    this.box = new Float64Array(6 * this.cells);
    for (let c = 0; c < this.cells; c++) boundBox(units, this.items, this.start[c]!, this.start[c + 1]!, this.box, 6 * c);
  }

  /** Lower bound of the great-circle km from (x, y, z) to any point of cell c. */
  lowerKm(c: number, x: number, y: number, z: number): number {
    return boxLowerKm(this.box, 6 * c, x, y, z);
  }
}

// -----------------------------------------------------------------------------------------------------------------
// Car state.

export class Cars {
  readonly carOf: Int32Array;
  readonly members: number[][];
  readonly free: Int32Array;
  readonly det: Float64Array;
  /** Detour through the already-accepted pickups only (0 for most cars): sunk, so the objective counts det − base. */
  readonly base: Float64Array;
  /** Told whenever a car's free seats or detour change (the open-car index). */
  index: { update(d: number): void } | null = null;
  /** Told whenever a rider is put in or taken out of a car (the unassigned-rider index). */
  riderIndex: { update(r: number): void } | null = null;

  constructor(
    readonly inst: Instance,
    base?: Float64Array,
  ) {
    this.carOf = new Int32Array(inst.nR).fill(-1);
    this.members = Array.from({ length: inst.nD }, () => []);
    this.free = Int32Array.from(inst.dSeats);
    if (base) this.base = base;
    else {
      this.base = new Float64Array(inst.nD);
      for (let d = 0; d < inst.nD; d++) if (inst.fixedU[d]) this.base[d] = inst.routeDetour(d, [], 0);
    }
    this.det = Float64Array.from(this.base);
  }

  clone(): Cars {
    const c = new Cars(this.inst, this.base);
    c.carOf.set(this.carOf);
    c.free.set(this.free);
    c.det.set(this.det);
    for (let d = 0; d < this.inst.nD; d++) c.members[d] = [...this.members[d]!];
    return c;
  }

  add(r: number, d: number, newDet: number): void {
    this.carOf[r] = d;
    this.members[d]!.push(r);
    this.free[d]! -= this.inst.rSeats[r]!;
    this.det[d] = newDet;
    this.index?.update(d);
    this.riderIndex?.update(r);
  }

  /**
   * Detour of car d's route with `drop` taken out of its members and `add` put in (either may be −1); its base when no
   * one is left. The list is written by index into one kept array: `length = 0` would drop its storage on every call.
   * Above a `cutoff`, any value above it (see Instance.routeDetour).
   */
  detourWith(d: number, add: number, drop: number, cutoff = Number.POSITIVE_INFINITY): number {
    const list = this.scratch;
    const m = this.members[d]!;
    let n = 0;
    for (let i = 0; i < m.length; i++) if (m[i] !== drop) list[n++] = m[i]!;
    if (add >= 0) list[n++] = add;
    return n === 0 ? this.base[d]! : this.inst.routeDetour(d, list, n, cutoff);
  }

  private readonly scratch: number[] = [];

  remove(r: number, newDet: number): void {
    const d = this.carOf[r]!;
    const m = this.members[d]!;
    m.splice(m.indexOf(r), 1);
    this.carOf[r] = -1;
    this.free[d]! += this.inst.rSeats[r]!;
    this.det[d] = m.length === 0 ? this.base[d]! : newDet;
    this.index?.update(d);
    this.riderIndex?.update(r);
  }

  /** (people carried, detour added to the cars' routes by this run). */
  score(): { people: number; detour: number } {
    let people = 0;
    let detour = 0;
    for (let d = 0; d < this.inst.nD; d++) {
      const m = this.members[d]!;
      if (m.length === 0) continue;
      for (const r of m) people += this.inst.rSeats[r]!;
      detour += this.det[d]! - this.base[d]!;
    }
    return { people, detour };
  }

  toAssignment(): Assignment {
    const inst = this.inst;
    const cars: CarAssignment[] = [];
    let people = 0;
    let requestsMatched = 0;
    let total = 0;
    for (let d = 0; d < inst.nD; d++) {
      const m = [...this.members[d]!].sort((a, b) => a - b);
      if (m.length === 0) continue;
      const detourKm = inst.routeDetour(d, m, m.length);
      const fixed = inst.drivers[d]!.acceptedRiders ?? [];
      const k = fixed.length;
      const pickupOrder: string[] = [];
      const riderIds: string[] = [];
      const idOf = (p: number) => (p < k ? fixed[p]!.id : inst.riders[m[p - k]!]!.id);
      let stops: CarStop[];
      let arriveMs: number | null = null;
      if (inst.special) {
        const plan = inst.lastStops(d, m, m.length);
        arriveMs = plan.arriveMs;
        stops = plan.stops.map((st) => ({ hubId: st.hub < 0 ? null : inst.hubIds[st.hub]!, riderIds: st.pickups.map(idOf), atMs: st.atMs }));
        for (const st of plan.stops) {
          for (const p of st.pickups) {
            pickupOrder.push(idOf(p));
            if (p >= k) riderIds.push(idOf(p));
          }
        }
      } else {
        for (let i = 0; i < k + m.length; i++) {
          const p = inst.sOrder[i]!;
          pickupOrder.push(idOf(p));
          if (p >= k) riderIds.push(idOf(p));
        }
        stops = pickupOrder.map((id) => ({ hubId: null, riderIds: [id], atMs: null }));
      }
      let carPeople = 0;
      for (const r of m) carPeople += inst.rSeats[r]!;
      people += carPeople;
      requestsMatched += m.length;
      total += detourKm;
      cars.push({ driverId: inst.drivers[d]!.id, riderIds, pickupOrder, people: carPeople, detourKm, stops, arriveMs });
    }
    const unmatched: string[] = [];
    let peopleRequested = 0;
    for (let r = 0; r < inst.nR; r++) {
      peopleRequested += inst.rSeats[r]!;
      if (this.carOf[r] === -1) unmatched.push(inst.riders[r]!.id);
    }
    return {
      cars,
      unmatched,
      stats: {
        requests: inst.nR,
        drivers: inst.nD,
        peopleRequested,
        peopleMatched: people,
        requestsMatched,
        totalDetourKm: total,
        carsUsed: cars.length,
      },
    };
  }
}

/** Lexicographic objective: more people, then less detour. Positive when a is better than b. */
export function compareScore(a: { people: number; detour: number }, b: { people: number; detour: number }): number {
  if (a.people !== b.people) return a.people - b.people;
  if (a.detour < b.detour - 1e-9) return 1;
  if (a.detour > b.detour + 1e-9) return -1;
  return 0;
}
