import type { LatLng } from '../geo.ts';
import { type Candidates, withRiderLists } from './candidates.ts';
import { Cars, type Instance } from './instance.ts';
import type { Region } from './perturb.ts';

/** Whether car d is on `region`'s side (every car is, with no region). */
export function carIn(region: Region | null, d: number): boolean {
  return region === null || region.car[d] === region.id;
}

/** Whether rider r is on `region`'s side (every rider is, with no region). */
export function riderIn(region: Region | null, r: number): boolean {
  return region === null || region.rider[r] === region.id;
}

/**
 * Splits the cars in two by a line through the event, so each side's group re-solves can run apart (one of them on
 * another core). Routes run towards the event, so a line through it crosses few of them: of 16 directions, the one
 * leaving the fewest candidate pairs across it with at least 40 % of the cars on each side (ties: the first). A rider
 * in a car is on its car's side; one in none, on the side of most of the cars it could ride in (if even, its own).
 */
export function splitRegions(inst: Instance, cars: Cars, cand: Candidates, event: LatLng): [Region, Region] {
  const { nD, nR } = inst;
  const k = Math.cos((event.lat * Math.PI) / 180);
  const east = (p: LatLng) => (p.lng - event.lng) * k;
  const north = (p: LatLng) => p.lat - event.lat;
  const dx = Float64Array.from(inst.drivers, (d) => east(d.origin));
  const dy = Float64Array.from(inst.drivers, (d) => north(d.origin));
  const rx = Float64Array.from(inst.riders, (r) => east(r.origin));
  const ry = Float64Array.from(inst.riders, (r) => north(r.origin));
  const carSide = new Uint8Array(nD);
  const riderSide = new Uint8Array(nR);
  const sides = (angle: number) => {
    const [s, c] = [Math.sin(angle), Math.cos(angle)];
    let ones = 0;
    for (let d = 0; d < nD; d++) {
      carSide[d] = dx[d]! * s - dy[d]! * c > 0 ? 1 : 0;
      ones += carSide[d]!;
    }
    for (let r = 0; r < nR; r++) {
      const d = cars.carOf[r]!;
      if (d >= 0) {
        riderSide[r] = carSide[d]!;
        continue;
      }
      let votes = 0;
      for (let q = cand.rStart[r]!; q < cand.rStart[r + 1]!; q++) votes += carSide[cand.rD[q]!]! === 1 ? 1 : -1;
      riderSide[r] = votes > 0 ? 1 : votes < 0 ? 0 : rx[r]! * s - ry[r]! * c > 0 ? 1 : 0;
    }
    return ones;
  };
  let bestAngle = 0;
  let bestCross = Number.POSITIVE_INFINITY;
  for (let i = 0; i < ANGLES; i++) {
    const angle = (i * Math.PI) / ANGLES;
    const ones = sides(angle);
    if (ones < MIN_SHARE * nD || nD - ones < MIN_SHARE * nD) continue;
    let cross = 0;
    for (let d = 0; d < nD; d++) {
      for (let q = cand.dStart[d]!; q < cand.dStart[d + 1]!; q++) if (riderSide[cand.dR[q]!] !== carSide[d]) cross++;
    }
    if (cross < bestCross) [bestCross, bestAngle] = [cross, angle];
  }
  sides(bestAngle);
  const region = (id: number): Region => {
    const cs: number[] = [];
    const rs: number[] = [];
    for (let d = 0; d < nD; d++) if (carSide[d] === id) cs.push(d);
    for (let r = 0; r < nR; r++) if (riderSide[r] === id) rs.push(r);
    return { id, car: carSide, rider: riderSide, cars: Int32Array.from(cs), riders: Int32Array.from(rs) };
  };
  return [region(0), region(1)];
}

/**
 * The same split of the cars, its riders' sides as they ride now: a rider in a car on its car's side; one in none
 * keeps its side (so two sides searched apart after a search over the whole still touch disjoint riders).
 */
export function resplit(inst: Instance, cars: Cars, [a]: readonly [Region, Region]): [Region, Region] {
  const rider = Uint8Array.from(a.rider);
  for (let r = 0; r < inst.nR; r++) {
    const d = cars.carOf[r]!;
    if (d >= 0) rider[r] = a.car[d]!;
  }
  const region = (id: number): Region => {
    const rs: number[] = [];
    for (let r = 0; r < inst.nR; r++) if (rider[r] === id) rs.push(r);
    return { id, car: a.car, rider, cars: carsOn(a.car, id), riders: Int32Array.from(rs) };
  };
  return [region(0), region(1)];
}

function carsOn(car: Uint8Array, id: number): Int32Array {
  const cs: number[] = [];
  for (let d = 0; d < car.length; d++) if (car[d] === id) cs.push(d);
  return Int32Array.from(cs);
}

/** One side holding every car and rider: work on the whole map, in a side task's shape. */
export function wholeMap(inst: Instance): Region {
  const everyone = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
  return { id: 0, car: new Uint8Array(inst.nD), rider: new Uint8Array(inst.nR), cars: everyone(inst.nD), riders: everyone(inst.nR) };
}

/** The candidate pairs whose car and rider are both on `side`, every list in the same order. */
export function sideCandidates(c: Candidates, side: Region): Candidates {
  const nD = c.dStart.length - 1;
  const dStart = new Int32Array(nD + 1);
  const dR = new Int32Array(c.pairs);
  const dPd = new Float64Array(c.pairs);
  let kept = 0;
  for (let d = 0; d < nD; d++) {
    if (side.car[d] === side.id) {
      for (let q = c.dStart[d]!; q < c.dStart[d + 1]!; q++) {
        const r = c.dR[q]!;
        if (side.rider[r] !== side.id) continue;
        dR[kept] = r;
        dPd[kept++] = c.dPd[q]!;
      }
    }
    dStart[d + 1] = kept;
  }
  return withRiderLists(c.rStart.length - 1, dStart, dR.slice(0, kept), dPd.slice(0, kept));
}

const ANGLES = 16;
const MIN_SHARE = 0.4;

/** Some cars' riders, in their order, and their detours: what crosses between threads. */
export interface CarsState {
  cars: Int32Array;
  /** Car cars[i]'s riders are riders[start[i] … start[i + 1]). */
  start: Int32Array;
  riders: Int32Array;
  det: Float64Array;
}

export function carsState(cars: Cars, which: ArrayLike<number>): CarsState {
  const start = new Int32Array(which.length + 1);
  for (let i = 0; i < which.length; i++) start[i + 1] = start[i]! + cars.members[which[i]!]!.length;
  const riders = new Int32Array(start[which.length]!);
  const det = new Float64Array(which.length);
  for (let i = 0; i < which.length; i++) {
    riders.set(cars.members[which[i]!]!, start[i]!);
    det[i] = cars.det[which[i]!]!;
  }
  return { cars: Int32Array.from(which), start, riders, det };
}

/**
 * Puts the state's cars as it says: their former riders out (into no car, unless the state puts them in one), its
 * riders in, in its order. The riders it moves must be in none of the other cars.
 */
export function applyCarsState(cars: Cars, s: CarsState): void {
  const { inst } = cars;
  for (const d of s.cars) for (const r of cars.members[d]!) cars.carOf[r] = -1;
  for (let i = 0; i < s.cars.length; i++) {
    const d = s.cars[i]!;
    const m = Array.from(s.riders.subarray(s.start[i]!, s.start[i + 1]!));
    let seats = 0;
    for (const r of m) {
      cars.carOf[r] = d;
      seats += inst.rSeats[r]!;
    }
    cars.members[d] = m;
    cars.free[d] = inst.dSeats[d]! - seats;
    cars.det[d] = s.det[i]!;
  }
}

/** A whole state (every car) on a fresh Cars. */
export function carsFromState(inst: Instance, s: CarsState): Cars {
  const cars = new Cars(inst);
  applyCarsState(cars, s);
  return cars;
}
