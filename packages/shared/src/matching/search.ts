import { type Candidates, isCandidate } from './candidates.ts';
import { CUTOFF_SLACK_KM } from './geometry.ts';
import type { Cars, Instance } from './instance.ts';
import { OpenTree, replacementBefore, UnassignedIndex } from './open.ts';
import type { Region } from './perturb.ts';
import { carIn, riderIn } from './regions.ts';

/**
 * Internal: local search on a feasible assignment. Every move is checked against exact routes (cheapest pickup
 * order) and every constraint, and accepted only when it improves (people, then detour) — so the result is never
 * worse than the start. The moves:
 *   grow      (+people) a car with room takes the unmatched party that fits at least detour (searched over the WHOLE
 *             unmatched pool); or swaps a member for a larger unmatched party; or pulls a candidate rider from
 *             another car that then refills from the pool; or, failing all that, an augmenting path: the car takes
 *             rider w1 from car B1, B1 takes w2 from B2, …, the last car takes an unmatched party (breadth-first over
 *             cars, like a max-flow augmentation, every route re-checked).
 *   replace   (−detour) car-side: a member is swapped for the unmatched party (as large or larger, fitting) that
 *             makes the car's route cheapest, searched over the whole unmatched pool.
 *   relocate  (−detour) a party moves to another candidate car, or two parties in different cars swap, when the two
 *             routes get cheaper in total.
 * Passes repeat until nothing improves or the pass / work bound is hit. Later passes only revisit what changed:
 * every car change is stamped, and a rider or car is re-examined only when something it depends on has a newer stamp.
 * In a region (one side of a split, ./regions.ts), every move stays among its own cars and riders, and nothing of the
 * other side is read: the two sides can be searched one after the other, or at once on copies, to the same end.
 */

const EPS = 1e-9;
/**
 * The car-side replacement ignores savings under 10 m: finding the last few metres means exploring every rider
 * almost exactly on the way, which is most of the time at 10,000 riders for a fraction of a percent of detour.
 */
const REPLACE_SLACK_KM = 0.01;
/** A kept refill is re-checked against up to this many riders back in the pool since, else searched afresh. */
const REFILL_RECHECK = 8;

/**
 * The states of a breadth-first augmenting chain, in parallel arrays: per state a car (or rider), the rider (or car)
 * it was reached through, the detour that step gives, and the state it came from.
 */
class Chain {
  readonly at: number[] = [];
  readonly via: number[] = [];
  readonly det: number[] = [];
  readonly parent: number[] = [];

  /** A new search, from `at` alone. */
  start(at: number): void {
    this.at.length = 0;
    this.via.length = 0;
    this.det.length = 0;
    this.parent.length = 0;
    this.push(at, -1, 0, -1);
  }

  push(at: number, via: number, det: number, parent: number): void {
    this.at.push(at);
    this.via.push(via);
    this.det.push(det);
    this.parent.push(parent);
  }
}

/**
 * The best move a search has found so far: its kind (0 for none), what it gains (people, then the change in detour),
 * and what applying it takes — a rider out, one in, the other car, and the new detours of the two cars.
 */
class Move {
  kind = 0;
  gain = 0;
  delta = 0;
  out = -1;
  into = -1;
  car = -1;
  detA = 0;
  detB = 0;

  /** Nothing found yet; a move must beat `delta`. */
  start(delta: number): void {
    this.kind = 0;
    this.gain = 0;
    this.delta = delta;
  }

  take(kind: number, gain: number, delta: number, out: number, into: number, car: number, detA: number, detB: number): void {
    this.kind = kind;
    this.gain = gain;
    this.delta = delta;
    this.out = out;
    this.into = into;
    this.car = car;
    this.detA = detA;
    this.detB = detB;
  }
}

export interface SearchResult {
  moves: number;
  evals: number;
  passes: number;
}

export function localSearch(
  inst: Instance,
  cars: Cars,
  cand: Candidates,
  maxPasses: number,
  budget: number,
  augmentStates = 32,
  /** False: every refill is searched afresh and every swap priced (what the kept refills and the swap bound must equal). */
  shortcuts = true,
  region: Region | null = null,
): SearchResult {
  const { nR, nD, rSeats, dLim, rWheel, dAcc } = inst;
  const pool = new UnassignedIndex(inst, cars, region);
  // A region's riders ride only its cars, so a rider of it in a car is in one of its cars.
  const ownCar = (d: number) => carIn(region, d);
  const ownRider = (r: number) => riderIn(region, r);
  let evals = 0;
  let moves = 0;
  const spent = () => evals + pool.evals;

  // Stamps: the clock ticks on every car change. carStamp[d] = last change of car d; poolLog = riders that became
  // unmatched, with the clock at that time.
  let clock = 1;
  let openStamp = 1;
  const carStamp = new Float64Array(nD).fill(1);
  const poolLog: number[] = [];
  const poolLogStamp: number[] = [];
  const lastCar = new Float64Array(nD);
  const lastImp = new Float64Array(nR);
  const lastGrow = new Float64Array(nD);
  const newestPoolStamp = () => (poolLogStamp.length > 0 ? poolLogStamp[poolLogStamp.length - 1]! : 0);
  /** Newest change among the cars of car c's candidate riders. */
  const newestRiderCarChange = (c: number): number => {
    let s = 0;
    for (let k = cand.dStart[c]!; k < cand.dStart[c + 1]!; k++) {
      const w = cand.dR[k]!;
      if (!ownRider(w)) continue;
      const b = cars.carOf[w]!;
      if (b >= 0 && carStamp[b]! > s) s = carStamp[b]!;
    }
    return s;
  };
  // Cars with room, indexed — built only when the riders' end is the one searched from (few riders waiting).
  let open: OpenTree | null = null;
  cars.index = {
    update(d: number) {
      carStamp[d] = ++clock;
      if (cars.free[d]! > 0) openStamp = clock;
      open?.update(d);
    },
  };
  cars.riderIndex = {
    update(r: number) {
      pool.update(r);
      if (cars.carOf[r] === -1) {
        poolLog.push(r);
        poolLogStamp.push(clock);
      }
    },
  };

  const move = new Move();

  /** Detour of car d's route with `drop` taken out and `add` put in (either may be -1). */
  const evalCar = (d: number, add: number, drop: number, cutoff = Number.POSITIVE_INFINITY): number => {
    evals++;
    return cars.detourWith(d, add, drop, shortcuts ? cutoff : Number.POSITIVE_INFINITY);
  };

  // Car b's best refill from the unmatched pool once rider w leaves it, kept per w while b is unchanged and the rider
  // found is still unmatched: riders back in the pool since are priced against it, and otherwise the pool only shrank
  // (the best of a set is the best of any subset holding it). A coach with room asks for the same refills once per seat
  // it fills: at 10,000 × 3,000 with coaches, 7,400 searches instead of 25,600, the same answers, about 5% less time.
  const refillAt = new Float64Array(nR);
  const refillCar = new Int32Array(nR);
  const refillU = new Int32Array(nR);
  const refillDet = new Float64Array(nR);
  const refill = (b: number, w: number): number => {
    const at = refillAt[w]!;
    const kept = refillU[w]!;
    if (shortcuts && at > 0 && refillCar[w] === b && carStamp[b]! <= at && (kept < 0 || cars.carOf[kept] === -1)) {
      // Riders back in the pool since: few, each priced alone against the one kept.
      const from = lowerStamp(poolLogStamp, at);
      if (poolLog.length - from <= REFILL_RECHECK) {
        let u = kept;
        let t = refillDet[w]!;
        const most = cars.free[b]! + rSeats[w]!;
        for (let i = from; i < poolLog.length; i++) {
          const x = poolLog[i]!;
          if (x === u) continue;
          const tx = pool.replacementRoute(b, w, x, 1, most);
          if (tx === Number.POSITIVE_INFINITY) continue;
          if (u < 0 || replacementBefore(rSeats, tx, rSeats[x]!, x, t, u)) {
            u = x;
            t = tx;
          }
        }
        refillAt[w] = clock;
        refillU[w] = u;
        refillDet[w] = t;
        return u;
      }
    }
    const found = pool.bestReplacement(b, w, 1, cars.free[b]! + rSeats[w]!, Number.POSITIVE_INFINITY);
    refillAt[w] = clock;
    refillCar[w] = b;
    refillU[w] = found ? found[0] : -1;
    refillDet[w] = found ? found[1] : 0;
    return refillU[w]!;
  };

  /**
   * Car-side people moves for a car c with room: take the best unmatched party that fits; or swap a member for a
   * larger unmatched party; or pull a candidate rider w over from its car B and refill B from the unmatched pool
   * (an augmenting path of length 2). Best gain in people first, then least added detour.
   */
  const grow = (c: number): boolean => {
    const f = cars.free[c]!;
    if (f <= 0) return false;
    const add = pool.bestReplacement(c, -1, 1, f, Number.POSITIVE_INFINITY);
    if (add) {
      cars.add(add[0], c, add[1]);
      return true;
    }
    const best = move;
    best.start(0);
    const better = (gain: number, delta: number) => gain > best.gain || (gain === best.gain && delta < best.delta - EPS);
    const detC = cars.det[c]!;
    for (const v of cars.members[c]!) {
      const pv = rSeats[v]!;
      const found = pool.bestReplacement(c, v, pv + 1, f + pv, Number.POSITIVE_INFINITY);
      if (!found) continue;
      const gain = rSeats[found[0]]! - pv;
      const delta = found[1] - detC;
      if (better(gain, delta)) best.take(1, gain, delta, v, found[0], -1, found[1], 0);
    }
    for (let k = cand.dStart[c]!; k < cand.dStart[c + 1]!; k++) {
      const w = cand.dR[k]!;
      if (!ownRider(w)) continue;
      const b = cars.carOf[w]!;
      const pw = rSeats[w]!;
      if (b < 0 || b === c || pw > f) continue;
      const tC = evalCar(c, w, -1, dLim[c]! + CUTOFF_SLACK_KM);
      if (tC > dLim[c]!) continue;
      const u = refill(b, w);
      if (u < 0) continue;
      const gain = rSeats[u]!;
      const delta = tC - detC + (refillDet[w]! - cars.det[b]!);
      if (better(gain, delta)) best.take(2, gain, delta, w, u, b, tC, refillDet[w]!);
    }
    if (best.kind === 0) return false;
    if (best.kind === 1) {
      cars.remove(best.out, best.detA);
      cars.add(best.into, c, best.detA);
    } else {
      cars.remove(best.out, best.detB);
      cars.add(best.into, best.car, best.detB);
      cars.add(best.out, c, best.detA);
    }
    return true;
  };

  /**
   * Augmenting path (ejection chain) into car c, which has room: c takes rider w1 from car B1, B1 takes w2 from B2,
   * …, and the last car takes an unmatched party — every car's new route checked. Breadth-first over cars (each at
   * most once), so the shortest chain is found first; at most `maxStates` cars are expanded. +people.
   */
  const carChain = new Chain();
  const { at: sCar, via: sOut, det: sParentDet, parent: sParent } = carChain;
  const inPath = new Uint8Array(nD);
  const augment = (c: number, maxStates: number): boolean => {
    carChain.start(c);
    inPath[c] = 1;
    let found = -1;
    let foundU = -1;
    let foundT = 0;
    for (let i = 0; i < sCar.length && i < maxStates && found < 0; i++) {
      const x = sCar[i]!;
      const out = sOut[i]!;
      const room = cars.free[x]! + (out >= 0 ? rSeats[out]! : 0);
      const fromPool = pool.bestReplacement(x, out, 1, room, Number.POSITIVE_INFINITY);
      if (fromPool) {
        found = i;
        [foundU, foundT] = fromPool;
        break;
      }
      for (let k = cand.dStart[x]!; k < cand.dStart[x + 1]!; k++) {
        const w = cand.dR[k]!;
        if (!ownRider(w)) continue;
        const b = cars.carOf[w]!;
        if (b < 0 || inPath[b] === 1 || rSeats[w]! > room) continue;
        const t = evalCar(x, w, out, dLim[x]! + CUTOFF_SLACK_KM);
        if (t > dLim[x]!) continue;
        inPath[b] = 1;
        carChain.push(b, w, t, i);
      }
    }
    for (const b of sCar) inPath[b] = 0;
    if (found < 0) return false;
    // Apply from the end of the chain back to c.
    const last = sCar[found]!;
    if (sOut[found]! >= 0) cars.remove(sOut[found]!, foundT);
    cars.add(foundU, last, foundT);
    for (let i = found; sParent[i]! >= 0; i = sParent[i]!) {
      const p = sParent[i]!;
      const w = sOut[i]!;
      if (sOut[p]! >= 0) cars.remove(sOut[p]!, sParentDet[i]!);
      cars.add(w, sCar[p]!, sParentDet[i]!);
    }
    return true;
  };

  /**
   * The same augmentation from the other end, for when unmatched riders are fewer than cars with room (plenty of
   * drivers): unmatched u takes a seat in candidate car X1, displacing member w1 if it must; w1 takes a seat in X2,
   * displacing w2; … until a car with room takes the last one. Breadth-first, each car at most once. +people.
   */
  const riderChain = new Chain();
  const { at: rRider, via: rFrom, det: rFromDet, parent: rParent } = riderChain;
  const pushIn = (u: number, maxStates: number): boolean => {
    riderChain.start(u);
    const visited: number[] = [];
    let term = -1;
    let termCar = -1;
    let termDet = 0;
    for (let i = 0; i < rRider.length && i < maxStates && term < 0; i++) {
      const r = rRider[i]!;
      const p = rSeats[r]!;
      for (let k = cand.rStart[r]!; k < cand.rStart[r + 1]! && term < 0; k++) {
        const x = cand.rD[k]!;
        if (inPath[x] === 1 || x === rFrom[i] || !ownCar(x)) continue;
        const room = cars.free[x]!;
        if (room >= p) {
          const t = evalCar(x, r, -1, dLim[x]! + CUTOFF_SLACK_KM);
          if (t <= dLim[x]!) {
            term = i;
            termCar = x;
            termDet = t;
          }
          continue;
        }
        let used = false;
        for (const w of cars.members[x]!) {
          if (room + rSeats[w]! < p) continue;
          const t = evalCar(x, r, w, dLim[x]! + CUTOFF_SLACK_KM);
          if (t > dLim[x]!) continue;
          riderChain.push(w, x, t, i);
          used = true;
        }
        if (used) {
          inPath[x] = 1;
          visited.push(x);
        }
      }
    }
    for (const x of visited) inPath[x] = 0;
    if (term < 0) return false;
    let i = term;
    let car = termCar;
    let det = termDet;
    for (;;) {
      const r = rRider[i]!;
      const from = rFrom[i]!;
      if (from >= 0) cars.remove(r, rFromDet[i]!);
      cars.add(r, car, det);
      if (from < 0) break;
      car = from;
      det = rFromDet[i]!;
      i = rParent[i]!;
    }
    return true;
  };

  const replaceInCar = (d: number, full: boolean, since: number): boolean => {
    let improved = false;
    for (const v of [...cars.members[d]!]) {
      if (cars.carOf[v] !== d) continue;
      const pv = rSeats[v]!;
      const det = cars.det[d]!;
      // The route without v bounds any route with v replaced: if it is no cheaper, no replacement can help.
      const without = evalCar(d, -1, v);
      if (without >= det - EPS - REPLACE_SLACK_KM) continue;
      const maxParty = cars.free[d]! + pv;
      let found: [number, number] | null = null;
      if (full) found = pool.bestReplacement(d, v, pv, maxParty, det - EPS, REPLACE_SLACK_KM);
      else {
        // Nothing in the car changed since it was last examined: only riders unmatched since then can help.
        let best = det - EPS;
        let bestU = -1;
        for (let i = poolLogStamp.length - 1; i >= 0 && poolLogStamp[i]! > since; i--) {
          const u = poolLog[i]!;
          const p = rSeats[u]!;
          if (cars.carOf[u] !== -1 || p < pv || p > maxParty || (rWheel[u] === 1 && dAcc[d] === 0)) continue;
          if (inst.pair(d, u) >= best) continue;
          const t = evalCar(d, u, v, Math.min(dLim[d]!, best) + CUTOFF_SLACK_KM);
          if (t > dLim[d]!) continue;
          if (t < best || (t === best && bestU >= 0 && (p > rSeats[bestU]! || (p === rSeats[bestU] && u < bestU)))) {
            best = t;
            bestU = u;
          }
        }
        if (bestU >= 0) found = [bestU, best];
      }
      if (!found) continue;
      const [u, t] = found;
      cars.remove(v, t);
      cars.add(u, d, t);
      improved = true;
      full = true;
    }
    return improved;
  };

  // Each rider's car's route without it, kept while that car is unchanged.
  const withoutAt = new Float64Array(nR);
  const withoutCar = new Int32Array(nR);
  const withoutT = new Float64Array(nR);
  const without = (w: number): number => {
    const b = cars.carOf[w]!;
    if (withoutAt[w]! > 0 && carStamp[b]! <= withoutAt[w]! && withoutCar[w] === b) return withoutT[w]!;
    withoutAt[w] = clock;
    withoutCar[w] = b;
    withoutT[w] = evalCar(b, -1, w);
    return withoutT[w]!;
  };

  const relocate = (v: number): boolean => {
    const a = cars.carOf[v]!;
    const pv = rSeats[v]!;
    const detA = cars.det[a]!;
    const tA = evalCar(a, -1, v);
    const best = move;
    best.start(-EPS);
    for (let k = cand.rStart[v]!; k < cand.rStart[v + 1]!; k++) {
      const b = cand.rD[k]!;
      if (b === a || !ownCar(b)) continue;
      const detB = cars.det[b]!;
      // Any move putting v into b gives b a route through v, at least pairDetour(b, v) long: a lower bound. Adding v to
      // b's riders cannot shorten b's route either (leaving v out of the new route gives a route through b's old stops).
      const lbB = cand.rPd[k]! - detB;
      if (cars.free[b]! >= pv && tA - detA + (shortcuts ? Math.max(lbB, 0) : lbB) < best.delta) {
        // Priced only as far as it could still be taken (a route above the cutoff is never used).
        const tB = evalCar(b, v, -1, Math.min(dLim[b]!, best.delta - (tA - detA) + detB) + CUTOFF_SLACK_KM);
        if (tB <= dLim[b]!) {
          const delta = tA - detA + (tB - detB);
          if (delta < best.delta) best.take(1, 0, delta, -1, -1, b, tA, tB);
        }
      }
      const mb = cars.members[b]!;
      for (let j = 0; j < mb.length; j++) {
        const w = mb[j]!;
        const pw = rSeats[w]!;
        if (cars.free[a]! + pv < pw || cars.free[b]! + pw < pv) continue;
        const pAw = inst.pair(a, w);
        if (pAw - detA + lbB >= best.delta || !isCandidate(cand, w, a)) continue;
        // Each new route holds the other's old stops but one: it is no shorter than that car without its leaver.
        if (shortcuts && Math.max(pAw, tA) - detA + Math.max(cand.rPd[k]!, without(w)) - detB >= best.delta) continue;
        const tA2 = evalCar(a, w, v, Math.min(dLim[a]!, best.delta - lbB + detA) + CUTOFF_SLACK_KM);
        if (tA2 > dLim[a]! || tA2 - detA + lbB >= best.delta) continue;
        const tB2 = evalCar(b, v, w, Math.min(dLim[b]!, best.delta - (tA2 - detA) + detB) + CUTOFF_SLACK_KM);
        if (tB2 > dLim[b]!) continue;
        const delta = tA2 - detA + (tB2 - detB);
        if (delta < best.delta) best.take(2, 0, delta, w, -1, b, tA2, tB2);
      }
    }
    if (best.kind === 0) return false;
    cars.remove(v, best.detA);
    if (best.kind === 2) cars.remove(best.out, best.detB);
    cars.add(v, best.car, best.detB);
    if (best.kind === 2) cars.add(best.out, a, best.detA);
    return true;
  };

  const newestCandidateChange = (r: number): number => {
    let s = 0;
    for (let k = cand.rStart[r]!; k < cand.rStart[r + 1]!; k++) {
      const st = carStamp[cand.rD[k]!]!;
      if (st > s) s = st;
    }
    return s;
  };

  const carList = region ? region.cars : Int32Array.from({ length: nD }, (_, d) => d);
  const riderList = region ? region.riders : Int32Array.from({ length: nR }, (_, r) => r);
  const pushOrder = Array.from(riderList).sort((a, b) => rSeats[b]! - rSeats[a]! || a - b);
  const lastPush = new Float64Array(nR);
  let passes = 0;
  for (let pass = 0; pass < maxPasses && spent() < budget; pass++) {
    passes++;
    let improved = false;
    // People first, from whichever end is smaller: cars with room, or unmatched riders who have candidates.
    let carsWithRoom = 0;
    let unmatched = 0;
    for (const c of carList) if (cars.free[c]! > 0 && cand.dStart[c + 1]! > cand.dStart[c]!) carsWithRoom++;
    for (const r of riderList) if (cars.carOf[r] === -1 && cand.rStart[r + 1]! > cand.rStart[r]!) unmatched++;
    if (carsWithRoom <= unmatched) {
      for (let i = 0; i < carList.length && spent() < budget; i++) {
        const c = carList[i]!;
        if (cars.free[c]! <= 0) continue;
        const since = lastGrow[c]!;
        if (since > 0 && carStamp[c]! <= since && newestPoolStamp() <= since && newestRiderCarChange(c) <= since) continue;
        lastGrow[c] = clock;
        while (cars.free[c]! > 0 && (grow(c) || augment(c, augmentStates))) {
          improved = true;
          moves++;
        }
      }
    } else {
      for (const u of pushOrder) {
        if (spent() >= budget) break;
        if (cars.carOf[u] !== -1 || cand.rStart[u] === cand.rStart[u + 1]) continue;
        const since = lastPush[u]!;
        if (since > 0 && newestCandidateChange(u) <= since && openStamp <= since) continue;
        lastPush[u] = clock;
        // Any car with room first (not only candidates), then a chain through candidates.
        open ??= new OpenTree(inst, cars, region);
        const direct = open.best(u, -1);
        if (direct) {
          cars.add(u, direct[0], direct[1]);
          improved = true;
          moves++;
          continue;
        }
        if (pushIn(u, augmentStates)) {
          improved = true;
          moves++;
        }
      }
    }
    // Then cheaper routes from the unmatched pool.
    for (let i = 0; i < carList.length && spent() < budget; i++) {
      const d = carList[i]!;
      if (cars.members[d]!.length === 0) continue;
      const since = lastCar[d]!;
      const full = since === 0 || carStamp[d]! > since || poolLog.length - lowerStamp(poolLogStamp, since) > 256;
      lastCar[d] = clock;
      if (replaceInCar(d, full, since)) {
        improved = true;
        moves++;
      }
    }
    for (const v of riderList) {
      if (spent() >= budget) break;
      const a = cars.carOf[v]!;
      if (a === -1) continue;
      const since = lastImp[v]!;
      if (since > 0 && carStamp[a]! <= since && newestCandidateChange(v) <= since) continue;
      lastImp[v] = clock;
      if (relocate(v)) {
        improved = true;
        moves++;
        lastImp[v] = clock;
      }
    }
    if (!improved) break;
  }
  cars.index = null;
  cars.riderIndex = null;
  return { moves, evals: spent(), passes };
}

/** Index of the first stamp > s (stamps are non-decreasing). */
function lowerStamp(stamps: number[], s: number): number {
  let lo = 0;
  let hi = stamps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (stamps[mid]! > s) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
