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
import type { Assignment, CarAssignment, MatchDriver, MatchOptions, MatchRider } from './types.ts';

/**
 * Internal: an instance in struct-of-arrays form (drivers and riders sorted by id, so results never depend on input
 * order), the 3-D spatial grid used to find candidate pairs, and the mutable car state shared by the greedy baseline
 * and `assign`. Not exported from the package.
 */

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
      const acc = d.acceptedRiders ?? [];
      if (acc.length > 0) {
        const f = new Float64Array(3 * acc.length);
        acc.forEach((a, k) => {
          checkPoint(a.origin, `driver ${d.id} accepted rider`);
          f.set(toUnit(a.origin), 3 * k);
        });
        this.fixedU[i] = f;
      }
      maxPickups = Math.max(maxPickups, acc.length + d.seats);
    }
    for (let i = 0; i < nR; i++) {
      const r = this.riders[i]!;
      checkPoint(r.origin, `rider ${r.id}`);
      if (!Number.isInteger(r.seats) || r.seats < 1) throw new RangeError(`rider ${r.id}: seats must be an integer ≥ 1`);
      const u = toUnit(r.origin);
      this.rU.set(u, 3 * i);
      this.rRE[i] = unitGcKm(u[0], u[1], u[2], e[0], e[1], e[2]) * this.rf;
      this.rSeats[i] = r.seats;
      this.rWheel[i] = r.needsWheelchair ? 1 : 0;
    }
    this.maxPickups = maxPickups;
    this.stride = maxPickups;
    this.sStart = new Float64Array(maxPickups);
    this.sEnd = new Float64Array(maxPickups);
    this.sMat = new Float64Array(maxPickups * maxPickups);
    this.sU = new Float64Array(3 * maxPickups);
    this.sOrder = new Int32Array(maxPickups);
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

  /** Can rider r ride with driver d at all (seats, access), ignoring the route and other riders? */
  compatible(d: number, r: number): boolean {
    return this.rSeats[r]! <= this.dSeats[d]! && (this.rWheel[r] === 0 || this.dAcc[d] === 1);
  }

  /**
   * Detour of driver d's whole route through its accepted pickups and riders list[0..count). Writes the pickup
   * order into `sOrder` (indices < fixed count are accepted pickups; the rest are list positions + fixed count).
   */
  routeDetour(d: number, list: ArrayLike<number>, count: number): number {
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
    return shortestPath(n, start, end, mat, s, this.sOrder) - this.dDE[d]!;
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
      for (let i = 0; i < k + m.length; i++) {
        const p = inst.sOrder[i]!;
        if (p < k) pickupOrder.push(fixed[p]!.id);
        else {
          const id = inst.riders[m[p - k]!]!.id;
          pickupOrder.push(id);
          riderIds.push(id);
        }
      }
      let carPeople = 0;
      for (const r of m) carPeople += inst.rSeats[r]!;
      people += carPeople;
      requestsMatched += m.length;
      total += detourKm;
      const stops = pickupOrder.map((id) => ({ hubId: null, riderIds: [id], atMs: null }));
      cars.push({ driverId: inst.drivers[d]!.id, riderIds, pickupOrder, people: carPeople, detourKm, stops, arriveMs: null });
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
