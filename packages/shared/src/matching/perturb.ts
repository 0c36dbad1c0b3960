import type { Candidates } from './candidates.ts';
import { CUTOFF_SLACK_KM, shortestPath, unitGcKm } from './geometry.ts';
import { type Cars, compareScore, type Instance } from './instance.ts';
import { carIn, riderIn } from './regions.ts';
import { localSearch } from './search.ts';

/**
 * Internal: iterated local search, for instances small enough to afford it. Local search moves one or two parties at
 * a time and only accepts improvements, so it can stall where the optimum needs several cars to exchange parties at
 * once (a car with a tight limit that needs exactly the two riders another car holds). Each iteration therefore
 * empties a small group of related cars (one of them, preferably, a car with room; the others hold riders it could
 * take), refills them from their former riders and the unmatched pool in a shuffled order, runs the local search
 * again, and keeps the result only if it is better. Deterministic: the shuffles come from a seeded generator, and
 * the work is bounded by an iteration count.
 */
export function iteratedSearch(
  inst: Instance,
  start: Cars,
  cand: Candidates,
  iterations: number,
  augmentStates: number,
  evalBudget = 2_000_000,
  seed = 0x5eed,
): { cars: Cars; improvements: number; evals: number } {
  const { nD } = inst;
  let best = start;
  let bestScore = best.score();
  // The walk continues from `current`, which may also move sideways: to a solution with as many people and a detour
  // at most 2 % longer — enough to cross the plateaus where every exchange keeps the people count.
  let current = start;
  let currentScore = bestScore;
  let sinceBest = 0;
  let improvements = 0;
  let evals = 0;
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  for (let it = 0; it < iterations && evals < evalBudget; it++) {
    if (++sinceBest > 40) {
      current = best;
      currentScore = bestScore;
      sinceBest = 0;
    }
    const cur = current.clone();
    const withRoom: number[] = [];
    const used: number[] = [];
    for (let d = 0; d < nD; d++) {
      if (cur.free[d]! > 0 && cand.dStart[d + 1]! > cand.dStart[d]!) withRoom.push(d);
      if (cur.members[d]!.length > 0) used.push(d);
    }
    if (used.length === 0) break;
    const focus = withRoom.length > 0 && rand() < 0.7 ? pick(withRoom) : pick(used);
    // The group: a random walk from the focus through "holds a rider the previous car could take" — the shape of
    // the exchanges local search misses (car A takes B's rider, B takes C's, ...).
    const group = [focus];
    const size = 2 + Math.floor(rand() * 8);
    for (let tries = 0; group.length < size && tries < 4 * size; tries++) {
      const from = group[group.length - 1 - Math.floor(rand() * Math.min(2, group.length))]!;
      const a = cand.dStart[from]!;
      const n = cand.dStart[from + 1]! - a;
      if (n === 0) continue;
      const b = cur.carOf[cand.dR[a + Math.floor(rand() * n)]!]!;
      if (b >= 0 && !group.includes(b)) group.push(b);
    }
    // Re-solve the group exactly: its cars choose disjoint rider sets from their own riders and the unmatched ones
    // they can reach, maximising people then minimising detour (depth-first with bounds; bounded work).
    if (it % 2 === 0) {
      const solved = solveGroup(inst, cur, cand, group, 10_000);
      evals += solved.evals;
      if (!solved.applied) continue;
    } else {
      evals += shuffleRefill(inst, cur, cand, group, rand);
    }
    const s = localSearch(inst, cur, cand, 4, Number.POSITIVE_INFINITY, augmentStates);
    evals += s.evals;
    const sc = cur.score();
    if (compareScore(sc, bestScore) > 0) {
      best = cur;
      bestScore = sc;
      improvements++;
      sinceBest = 0;
    }
    if (sc.people > currentScore.people || (sc.people === currentScore.people && sc.detour <= currentScore.detour * 1.02)) {
      current = cur;
      currentScore = sc;
    }
  }
  return { cars: best, improvements, evals };
}

/**
 * Fast mode's improvement step: `rounds` exact re-solves (solveGroup) of small groups of related cars, each applied in
 * place only when it improves its group — so the whole never gets worse, and a round costs only its group (no copy,
 * no local search over every car). A group starts at a car with room (one round in `roomEvery`) or at a used car
 * drawn with a chance that grows with its detour (where the gains are), and grows by cars that hold a rider the
 * previous car could take or could take one of its riders. Bounded by rounds and route
 * evaluations, never the clock.
 * Cars of more than 4 seats join at most BIG_VEHICLE_ROUNDS rounds: pricing their fills (routes of 5 to 8 pickups)
 * costs several times a car's, and on 1,000 x 300 all-minibus instances 2,600 such rounds took CPU from 0.7 s to 4 s (200 add about 0.6 s).
 * Coaches never join: their ~60 riders fill the group's rider cap, and their sets cannot be enumerated (rally-hubs,
 * three seeds: people within noise, 7,794 vs 7,789 mean; CPU about −0.6 s; coaches-hubs: same people, detour −5 %).
 */
export function groupSearch(
  inst: Instance,
  cars: Cars,
  cand: Candidates,
  rounds: number,
  maxNodes: number,
  evalBudget: number,
  seed = 0x5eed,
  region: Region | null = null,
  maxCars = GROUP_CARS,
  roomEvery = ROOM_EVERY,
): { improvements: number; evals: number } {
  const { nD, nR } = inst;
  let evals = 0;
  let improvements = 0;
  // In a region, every pick comes from its own cars (and solveGroup takes only this side's waiting riders), so two
  // regions searched one after the other, or at once on copies, end in the same state.
  const carList = region ? region.cars : null;
  const inRegion = (d: number) => carIn(region, d);
  if (nD === 0 || nR === 0 || carList?.length === 0) return { improvements, evals };
  const rand = mulberry32(seed);
  const any = (n: number) => Math.floor(rand() * n);
  const group: number[] = [];
  let bigRounds = 0;
  // Detour lives in few cars: a used car is taken as focus with a chance that grows with its detour (its detour over
  // WEIGHT_SPREAD × the mean detour of the used cars at the start, rejection-sampled), so rounds go where the gains are.
  let scale = 0;
  {
    let used = 0;
    for (let d = 0; d < nD; d++) {
      if (cars.members[d]!.length === 0 || !inRegion(d)) continue;
      used++;
      scale += cars.det[d]! - cars.base[d]!;
    }
    scale = (WEIGHT_SPREAD * scale) / Math.max(1, used);
  }
  // Once every seat is taken or every rider carried, no one else can ride: every round is then detour-weighted, which
  // cuts more detour per evaluation than swapping in riders who wait. Same people; at 10,000 × 3,000, four seeds,
  // detour −2 to −12 % on five of the six instances that fill every seat (rally-london +4 %); at 1,000 × 303, −0.1 to
  // −7 % on six of seven. Checked again every RECHECK_ROUNDS, since the rounds themselves fill seats.
  const morePeople = () => {
    let seatsLeft = false;
    for (let d = 0; d < nD && !seatsLeft; d++) seatsLeft = inRegion(d) && cars.free[d]! > 0;
    if (!seatsLeft) return false;
    for (let r = 0; r < nR; r++) if (cars.carOf[r] === -1 && riderIn(region, r)) return true;
    return false;
  };
  let room = true;
  for (let it = 0; it < rounds && evals < evalBudget; it++) {
    if (room && it % RECHECK_ROUNDS === 0 && !morePeople()) room = false;
    const atRoom = room && it % roomEvery === 0;
    let focus = -1;
    for (let tries = 0; tries < 32 && focus < 0; tries++) {
      const d = carList ? carList[any(carList.length)]! : any(nD);
      if (cand.dStart[d + 1] === cand.dStart[d] || inst.dCoach[d] === 1 || (inst.dSeats[d]! > 4 && bigRounds >= BIG_VEHICLE_ROUNDS)) continue;
      if (atRoom) {
        if (cars.free[d]! > 0) focus = d;
      } else if (cars.members[d]!.length > 0) {
        // The last try takes any used car, so a round is never lost to bad luck.
        if (tries < 31 && rand() * scale > cars.det[d]! - cars.base[d]!) continue;
        focus = d;
      }
    }
    if (focus < 0) continue;
    group.length = 0;
    group.push(focus);
    const size = 2 + any(maxCars - 1);
    for (let tries = 0; group.length < size && tries < 4 * size; tries++) {
      const from = group[group.length - 1 - any(Math.min(2, group.length))]!;
      let b = -1;
      if (rand() < 0.5) {
        // A car that could take one of its riders (where a costly pickup could go instead).
        const m = cars.members[from]!;
        if (m.length === 0) continue;
        const r = m[any(m.length)]!;
        const ra = cand.rStart[r]!;
        const rn = cand.rStart[r + 1]! - ra;
        if (rn === 0) continue;
        b = cand.rD[ra + any(rn)]!;
      } else {
        // A car holding a rider it could take.
        const a = cand.dStart[from]!;
        const n = cand.dStart[from + 1]! - a;
        if (n === 0) continue;
        // (In a region, a rider of the other side is in none of this side's cars.)
        b = cars.carOf[cand.dR[a + any(n)]!]!;
      }
      if (b >= 0 && inRegion(b) && inst.dCoach[b] === 0 && (inst.dSeats[b]! <= 4 || bigRounds < BIG_VEHICLE_ROUNDS) && !group.includes(b)) group.push(b);
    }
    if (group.some((d) => inst.dSeats[d]! > 4)) bigRounds++;
    const solved = solveGroup(inst, cars, cand, group, maxNodes, 60, GROUP_RIDERS_PER_CAR, region);
    evals += solved.evals;
    if (solved.applied) improvements++;
  }
  return { improvements, evals };
}

/**
 * One side of a split of the cars for group re-solves run apart (see splitRegions): `car[d]` and `rider[r]` give each
 * car's and rider's side; a rider's side is its car's, or its own position's if it rode in none at the split.
 */
export interface Region {
  id: number;
  car: Uint8Array;
  rider: Uint8Array;
  /** This side's cars and riders, by index. */
  cars: Int32Array;
  riders: Int32Array;
}

/**
 * One round in this many starts at a car with room (people, then detour), the others at a used car by its detour.
 * Against the earlier cycle, which also started a quarter of the rounds at a car an unmatched rider could take, six
 * seeds each, single thread: same people on all 120 cases from 400 to 2,000 riders; detour −0.8 % on the eleven fast-mode
 * instances of 1,000–2,000 riders (time-windows-1000 −3.7 %, worse on 11 of 66, by little) and −0.2 % on the 400-rider
 * shapes (their fast run). Those rounds mostly re-solved a full car the rider could not join; cars with room take
 * riders in anyway. Before that, detour-weighted rounds cut total detour at 10,000 riders by a quarter to a half.
 */
const ROOM_EVERY = 3;
/**
 * Above 4,000 requests + drivers (the split group phase), which stops on its route-evaluation budget before its rounds,
 * one in four: at 10,000 × 3,000, six seeds, same people on all 42, rally-hubs −8.8 % (worse on none; −3.6 % with
 * ROOM_EVERY), canvass +0.1 %, the five that fill every seat unchanged. The re-assignments and sweeps after the group
 * phase take in the riders left; at 1,000–2,000 riders one in four cut detour 0.3 % but lost a person on one of 66.
 */
export const SPLIT_ROOM_EVERY = 4;
const RECHECK_ROUNDS = 200;

/**
 * A used car is the focus of a detour round with probability detour ÷ (WEIGHT_SPREAD × the mean detour of the used
 * cars when the search starts), by rejection over up to 32 random cars (the last taken whatever its detour).
 */
const WEIGHT_SPREAD = 4;

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Adds to `out` the unmatched candidate riders of the group's cars not `seen` yet, marking them seen. */
function unmatchedCandidates(cars: Cars, cand: Candidates, group: number[], seen: Set<number>, out: number[]): void {
  for (const d of group) {
    for (let k = cand.dStart[d]!; k < cand.dStart[d + 1]!; k++) {
      const r = cand.dR[k]!;
      if (cars.carOf[r] === -1 && !seen.has(r)) {
        seen.add(r);
        out.push(r);
      }
    }
  }
}

/**
 * In fast mode's group re-solves, each car chooses among its own riders and the others cheapest to it alone, at most
 * this many: the sets of a few nearby riders are where the gains are, and enumerating more costs far more.
 */
const GROUP_RIDERS_PER_CAR = 8;

/** Cars in a group re-solve: 2 to this many. */
const GROUP_CARS = 9;

/**
 * The same on each side of the split group phase (above 4,000 requests + drivers), where the phase stops on its
 * route-evaluation budget rather than its rounds: smaller groups make more rounds of it. At 10,000 × 3,000, four seeds,
 * 2–6 cars rather than 2–9: detour −1 to −10 % on five of the six instances that fill every seat (realistic +0.4 %) and
 * −4.6 % on rally-hubs, in less CPU time; 2–4, 2–5 and 2–7 were worse on most. Below 4,000 the phases stop on their
 * rounds, and there 2–6 made detour worse on 7 of 10 instances of 1,000 to 2,000 riders (up to +8.7 %).
 */
export const SPLIT_GROUP_CARS = 6;

/**
 * A car of more than 4 seats chooses among at most this many riders: the sets of 60 riders that fit a minibus run to
 * millions, and the enumeration would stop at pairs; the 10 cheapest give every fill up to 8 (about 1,000 sets).
 */
const BIG_VEHICLE_RIDERS = 10;

/** Rounds of fast mode's group re-solves that may include cars of more than 4 seats. */
const BIG_VEHICLE_ROUNDS = 200;

/** Riders in play in one group re-solve at most (their sets are two 30-bit masks). */
const MAX_GROUP_RIDERS = 60;

/** Feasible rider sets enumerated per car at most. */
const MAX_GROUP_COLUMNS = 1500;

/** Scratch arrays of solveGroup, per instance (reused across calls, so a round allocates little). */
interface GroupScratch {
  /** seen[r] === epoch: rider r is already in play this call. */
  seen: Int32Array;
  epoch: number;
  /** Per position in a car's singles: start leg, end leg, and the lazily filled leg matrix (NaN = not yet). */
  sStart: Float64Array;
  sEnd: Float64Array;
  sMat: Float64Array;
  /** The route solver's inputs for one set. */
  pStart: Float64Array;
  pEnd: Float64Array;
  pMat: Float64Array;
  /** Apriori: which position sets of the current level fit (small cars: a flag per set of positions). */
  okFlags: Uint8Array;
  /** Apriori levels (flat position lists) and the set being priced; plain arrays, grown by index and never emptied. */
  levelA: number[];
  levelB: number[];
  set: number[];
  /** One car's columns while enumerating (people, added detour, rider mask) and their sorted order. */
  cPeople: number[];
  cAdded: number[];
  cLo: number[];
  cHi: number[];
  idx: number[];
  /** Every car's columns, sorted, one car after another. */
  colPeople: number[];
  colAdded: number[];
  colLo: number[];
  colHi: number[];
  /** Per set of a level (parallel to levelA / levelB): its seats, position mask and rider mask. */
  setsA: LevelSets;
  setsB: LevelSets;
  /** Per position in a car's singles: the rider's seats and its bit over R. */
  qSeats: Int32Array;
  qRlo: Int32Array;
  qRhi: Int32Array;
  /** Per rider in play (position in R): its route alone and its start leg, for the car being enumerated. */
  singleT: Float64Array;
  singleDr: Float64Array;
  /** Per rider in play: 0 if it rides in the car being enumerated, else 1. */
  singleOther: Uint8Array;
}

interface LevelSets {
  seats: Int32Array;
  lo: Int32Array;
  hi: Int32Array;
  rlo: Int32Array;
  rhi: Int32Array;
}

const levelSets = (): LevelSets => ({
  seats: new Int32Array(MAX_GROUP_COLUMNS),
  lo: new Int32Array(MAX_GROUP_COLUMNS),
  hi: new Int32Array(MAX_GROUP_COLUMNS),
  rlo: new Int32Array(MAX_GROUP_COLUMNS),
  rhi: new Int32Array(MAX_GROUP_COLUMNS),
});

const scratchOf = new WeakMap<Instance, GroupScratch>();
const MAX_SINGLES_STRIDE = 64;
/** Up to this many singles, the Apriori "fits" sets are flags indexed by position mask; beyond, a Set of keys. */
const FLAG_SINGLES = 16;

function scratch(inst: Instance): GroupScratch {
  let s = scratchOf.get(inst);
  if (!s) {
    s = {
      seen: new Int32Array(inst.nR),
      epoch: 0,
      sStart: new Float64Array(MAX_SINGLES_STRIDE),
      sEnd: new Float64Array(MAX_SINGLES_STRIDE),
      sMat: new Float64Array(MAX_SINGLES_STRIDE * MAX_SINGLES_STRIDE),
      pStart: new Float64Array(inst.maxPickups + 1),
      pEnd: new Float64Array(inst.maxPickups + 1),
      pMat: new Float64Array((inst.maxPickups + 1) * (inst.maxPickups + 1)),
      okFlags: new Uint8Array(1 << FLAG_SINGLES),
      levelA: [],
      levelB: [],
      set: [],
      cPeople: [],
      cAdded: [],
      cLo: [],
      cHi: [],
      idx: [],
      colPeople: [],
      colAdded: [],
      colLo: [],
      colHi: [],
      setsA: levelSets(),
      setsB: levelSets(),
      qSeats: new Int32Array(MAX_SINGLES_STRIDE),
      qRlo: new Int32Array(MAX_SINGLES_STRIDE),
      qRhi: new Int32Array(MAX_SINGLES_STRIDE),
      singleT: new Float64Array(MAX_GROUP_RIDERS),
      singleDr: new Float64Array(MAX_GROUP_RIDERS),
      singleOther: new Uint8Array(MAX_GROUP_RIDERS),
    };
    scratchOf.set(inst, s);
  }
  return s;
}

const TWO30 = 1073741824;

/**
 * Exact re-optimisation of a small group of cars over their current riders plus the unmatched riders they can reach.
 * Columns (feasible rider sets per car) are enumerated Apriori-style, as the exact reference solver does; a
 * depth-first search picks one column per car, disjoint, maximising people then minimising added detour, pruning on
 * optimistic bounds. Applies the result to `cars` only when it beats the group's current state. The people stage may
 * examine 4 × `maxNodes` columns, the detour stage `maxNodes`. Sets are bit masks (of positions among a car's
 * candidate riders while enumerating, of riders in play in the search), and a car's legs are computed once per call
 * and reused by every set it prices — the same routes, bit for bit, as pricing each set from scratch.
 */
export function solveGroup(
  inst: Instance,
  cars: Cars,
  cand: Candidates,
  group: number[],
  maxNodes: number,
  maxRiders = 60,
  perCar = Number.POSITIVE_INFINITY,
  region: Region | null = null,
): { applied: boolean; evals: number } {
  const { rSeats, dSeats, dLim, rU, rRE, dDE } = inst;
  const rf = inst.rf;
  const sc = scratch(inst);
  let evals = 0;
  // Riders in play.
  const R: number[] = [];
  const epoch = ++sc.epoch;
  const seen = sc.seen;
  for (const d of group) {
    for (const v of cars.members[d]!) {
      if (seen[v] === epoch) continue;
      seen[v] = epoch;
      R.push(v);
    }
  }
  for (const d of group) {
    for (let k = cand.dStart[d]!; k < cand.dStart[d + 1]!; k++) {
      const r = cand.dR[k]!;
      if (cars.carOf[r] === -1 && seen[r] !== epoch && riderIn(region, r)) {
        seen[r] = epoch;
        R.push(r);
      }
    }
  }
  if (R.length > Math.min(maxRiders, MAX_GROUP_RIDERS)) R.length = Math.min(maxRiders, MAX_GROUP_RIDERS); // keep the enumeration small (members come first)
  // Columns per car, flat: people, added detour, and the riders as a mask over R (two 30-bit words).
  const { colPeople, colAdded, colLo, colHi } = sc;
  let nCols = 0;
  const colStart: number[] = [];
  const colCount: number[] = [];
  const list: number[] = [];
  const current = { people: 0, added: 0 };
  const { sStart, sEnd, sMat, pStart, pEnd, pMat, okFlags, qSeats, qRlo, qRhi } = sc;
  const S = MAX_SINGLES_STRIDE;
  const P = inst.maxPickups + 1;
  // Per car, reused.
  const { cPeople, cAdded, cLo, cHi, idx } = sc;
  for (const d of group) {
    const cap = dSeats[d]!;
    const lim = dLim[d]!;
    const base = cars.base[d]!;
    const fixed = inst.fixedU[d] !== null;
    // This car's columns: the first `nc` entries (written by index, never emptied); column 0 is the empty set.
    cPeople[0] = 0;
    cAdded[0] = 0;
    cLo[0] = 0;
    cHi[0] = 0;
    let nc = 1;
    let singles: number[] = [];
    const { singleT, singleDr, singleOther } = sc;
    for (let i = 0; i < R.length; i++) {
      const r = R[i]!;
      if (!inst.compatible(d, r)) continue;
      const dr = inst.dr(d, r);
      let t = dr + rRE[r]! - dDE[d]!;
      if (t > lim) continue;
      if (fixed) {
        list[0] = r;
        t = inst.routeDetour(d, list, 1);
        evals++;
        if (t > lim) continue;
      }
      singles.push(i);
      singleT[i] = t;
      singleDr[i] = dr;
    }
    const keep = cap > 4 ? Math.min(perCar, BIG_VEHICLE_RIDERS) : perCar;
    if (singles.length > keep) {
      // The car's own riders, then the cheapest others alone (ties by index), in index order again.
      for (const i of singles) singleOther[i] = cars.carOf[R[i]!] === d ? 0 : 1;
      singles = cheapestInOrder(singles, Math.max(keep, cars.members[d]!.length), singleOther, singleT);
    }
    const n = singles.length;
    for (let q = 0; q < n; q++) {
      const i = singles[q]!;
      qSeats[q] = rSeats[R[i]!]!;
      qRlo[q] = i < 30 ? 1 << i : 0;
      qRhi[q] = i < 30 ? 0 : 1 << (i - 30);
      cPeople[nc] = qSeats[q]!;
      cAdded[nc] = singleT[i]! - base;
      cLo[nc] = qRlo[q]!;
      cHi[nc++] = qRhi[q]!;
      if (!fixed) {
        sStart[q] = singleDr[i]!;
        sEnd[q] = rRE[R[i]!]!;
        sMat.fill(Number.NaN, q * S, q * S + q); // only (q, b < q) is read
      }
    }
    /**
     * Route detour of the set of positions in `set` (ascending), as inst.routeDetour would price it, up to `cutoff`.
     * The route solver's inputs for the first `from` positions are still those of the last call (same positions).
     */
    const price = (set: number[], k: number, cutoff: number, from: number): number => {
      if (fixed) {
        for (let a = from; a < k; a++) list[a] = R[singles[set[a]!]!]!; // written by index, never emptied (see Cars.detourWith)
        return inst.routeDetour(d, list, k, cutoff);
      }
      for (let a = from; a < k; a++) {
        const qa = set[a]!;
        pStart[a] = sStart[qa]!;
        pEnd[a] = sEnd[qa]!;
        for (let b = 0; b < a; b++) {
          const qb = set[b]!;
          let v = sMat[qa * S + qb]!;
          if (Number.isNaN(v)) {
            const ra = R[singles[qa]!]!;
            const rb = R[singles[qb]!]!;
            v = unitGcKm(rU[3 * ra]!, rU[3 * ra + 1]!, rU[3 * ra + 2]!, rU[3 * rb]!, rU[3 * rb + 1]!, rU[3 * rb + 2]!) * rf;
            sMat[qa * S + qb] = v;
          }
          pMat[a * P + b] = v;
          pMat[b * P + a] = v;
        }
      }
      return shortestPath(k, pStart, pEnd, pMat, P, null, cutoff + dDE[d]!) - dDE[d]!;
    };
    // Sets grow Apriori-style (a set is tried only when every subset one smaller fits); a level's sets as position
    // lists, and "fits" looked up by position mask.
    const useFlags = n <= FLAG_SINGLES;
    const okSet = useFlags ? null : new Set<number | string>();
    const keyOf = (lo: number, hi: number): number | string => (n <= 53 ? lo + hi * TWO30 : `${lo},${hi}`);
    const flagged: number[] = [];
    const mark = (lo: number, hi: number) => {
      if (useFlags) {
        okFlags[lo] = 1;
        flagged.push(lo);
      } else okSet!.add(keyOf(lo, hi));
    };
    const fits = (lo: number, hi: number) => (useFlags ? okFlags[lo] === 1 : okSet!.has(keyOf(lo, hi)));
    // A level's sets are flat, `size` positions each; `level` and `next` swap, never emptied (written by index).
    // Each set carries its seats, its position mask and its rider mask (over R), so an extension only adds one.
    let level = sc.levelA;
    let next = sc.levelB;
    let lv = sc.setsA;
    let nx = sc.setsB;
    let size = 1;
    let count = n;
    for (let q = 0; q < n; q++) {
      level[q] = q;
      lv.seats[q] = qSeats[q]!;
      lv.lo[q] = q < 30 ? 1 << q : 0;
      lv.hi[q] = q < 30 ? 0 : 1 << (q - 30);
      lv.rlo[q] = qRlo[q]!;
      lv.rhi[q] = qRhi[q]!;
      mark(lv.lo[q]!, lv.hi[q]!);
    }
    const c = sc.set;
    let total = 1 + n;
    while (count > 0 && total < MAX_GROUP_COLUMNS) {
      let nextCount = 0;
      for (let si = 0, o = 0; si < count; si++, o += size) {
        if (total >= MAX_GROUP_COLUMNS) break;
        const seats = lv.seats[si]!;
        const lo = lv.lo[si]!;
        const hi = lv.hi[si]!;
        const rlo = lv.rlo[si]!;
        const rhi = lv.rhi[si]!;
        let primed = 0;
        for (let q = level[o + size - 1]! + 1; q < n; q++) {
          if (seats + qSeats[q]! > cap) continue;
          const clo = q < 30 ? lo | (1 << q) : lo;
          const chi = q < 30 ? hi : hi | (1 << (q - 30));
          let all = true;
          for (let e = 0; e < size && all; e++) {
            const p = level[o + e]!;
            if (!(p < 30 ? fits(clo & ~(1 << p), chi) : fits(clo, chi & ~(1 << (p - 30))))) all = false;
          }
          if (!all) continue;
          if (primed === 0) for (let e = 0; e < size; e++) c[e] = level[o + e]!;
          c[size] = q;
          const t = price(c, size + 1, lim + CUTOFF_SLACK_KM, primed);
          primed = size;
          evals++;
          if (t > lim) continue;
          for (let e = 0, w = nextCount * (size + 1); e <= size; e++) next[w + e] = c[e]!;
          const people = seats + qSeats[q]!;
          nx.seats[nextCount] = people;
          nx.lo[nextCount] = clo;
          nx.hi[nextCount] = chi;
          nx.rlo[nextCount] = rlo | qRlo[q]!;
          nx.rhi[nextCount] = rhi | qRhi[q]!;
          nextCount++;
          cPeople[nc] = people;
          cAdded[nc] = t - base;
          cLo[nc] = rlo | qRlo[q]!;
          cHi[nc++] = rhi | qRhi[q]!;
          total++;
          if (total >= MAX_GROUP_COLUMNS) break;
        }
      }
      // The new level's sets become the ones subsets are looked up among.
      if (useFlags) {
        for (const f of flagged) okFlags[f] = 0;
        flagged.length = 0;
      } else okSet!.clear();
      size++;
      for (let si = 0; si < nextCount; si++) mark(nx.lo[si]!, nx.hi[si]!);
      const was = level;
      level = next;
      next = was;
      const wasSets = lv;
      lv = nx;
      nx = wasSets;
      count = nextCount;
    }
    if (useFlags) for (const f of flagged) okFlags[f] = 0;
    // Sorted by people (most first), then added detour; stable, so ties keep enumeration order.
    sortColumns(nc, cPeople, cAdded, idx);
    colStart.push(nCols);
    colCount.push(nc);
    for (let y = 0; y < nc; y++) {
      const x = idx[y]!;
      colPeople[nCols] = cPeople[x]!;
      colAdded[nCols] = cAdded[x]!;
      colLo[nCols] = cLo[x]!;
      colHi[nCols++] = cHi[x]!;
    }
    const m = cars.members[d]!;
    for (const v of m) current.people += rSeats[v]!;
    if (m.length > 0) current.added += cars.det[d]! - base;
  }
  // Depth-first search, cars with fewest columns first.
  const nK = group.length;
  const order: number[] = [];
  for (let g = 0; g < nK; g++) {
    let p = g;
    for (; p > 0 && colCount[order[p - 1]!]! > colCount[g]!; p--) order[p] = order[p - 1]!;
    order[p] = g;
  }
  const startOf = order.map((g) => colStart[g]!);
  const countOf = order.map((g) => colCount[g]!);
  const maxPeopleFrom = new Array<number>(nK + 1).fill(0);
  for (let k = nK - 1; k >= 0; k--) maxPeopleFrom[k] = maxPeopleFrom[k + 1]! + colPeople[startOf[k]!]!;
  let usedLo = 0;
  let usedHi = 0;
  // People of the riders some car of the group can take and none has taken yet: a second bound on what is left.
  let unused = 0;
  {
    let inLo = 0;
    let inHi = 0;
    for (let x = 0; x < nCols; x++) {
      const lo = colLo[x]!;
      const hi = colHi[x]!;
      // Single-rider columns: exactly one bit set.
      if ((lo !== 0 && hi === 0 && (lo & (lo - 1)) === 0) || (lo === 0 && hi !== 0 && (hi & (hi - 1)) === 0)) {
        inLo |= lo;
        inHi |= hi;
      }
    }
    for (let i = 0; i < R.length; i++) if (i < 30 ? (inLo >>> i) & 1 : (inHi >>> (i - 30)) & 1) unused += rSeats[R[i]!]!;
  }
  const choice = new Array<number>(nK).fill(0);
  let bestPeople = current.people;
  let bestAdded = current.added - 1e-9;
  let bestChoice: number[] | null = null;
  let nodes = 0;
  const cap4 = 4 * maxNodes;
  // Stage 1, people only: look for strictly more people than now (strong pruning: the optimistic count must beat
  // the best so far), so a better packing is found even when the detour stage would run out of nodes first.
  const morePeople = (k: number, people: number, added: number): void => {
    if (nodes++ > cap4) return;
    if (people + Math.min(maxPeopleFrom[k]!, unused) <= bestPeople) return;
    if (k === nK) {
      bestPeople = people;
      bestAdded = added;
      bestChoice = [...choice];
      return;
    }
    const s0 = startOf[k]!;
    const cnt = countOf[k]!;
    const rest = maxPeopleFrom[k + 1]!;
    for (let c = 0; c < cnt; c++) {
      if (nodes++ > cap4) return;
      const x = s0 + c;
      const cp = colPeople[x]!;
      if (people + cp + rest <= bestPeople) break; // sorted by people
      const lo = colLo[x]!;
      const hi = colHi[x]!;
      if ((lo & usedLo) !== 0 || (hi & usedHi) !== 0) continue;
      usedLo |= lo;
      usedHi |= hi;
      unused -= cp;
      choice[k] = c;
      morePeople(k + 1, people + cp, added + colAdded[x]!);
      unused += cp;
      usedLo &= ~lo;
      usedHi &= ~hi;
    }
  };
  morePeople(0, 0, 0);
  nodes = 3 * maxNodes; // the detour stage gets a quarter of the people stage's budget
  // Stage 2: at that many people, the least detour.
  const dfs = (k: number, people: number, added: number): void => {
    if (nodes++ > cap4) return;
    if (k === nK) {
      if (people > bestPeople || (people === bestPeople && added < bestAdded)) {
        bestPeople = people;
        bestAdded = added;
        bestChoice = [...choice];
      }
      return;
    }
    if (people + Math.min(maxPeopleFrom[k]!, unused) < bestPeople) return;
    const s0 = startOf[k]!;
    const cnt = countOf[k]!;
    const rest = maxPeopleFrom[k + 1]!;
    for (let c = 0; c < cnt; c++) {
      if (nodes++ > cap4) return;
      const x = s0 + c;
      const cp = colPeople[x]!;
      const ca = colAdded[x]!;
      if (people + cp + rest < bestPeople) break; // sorted by people: none later fits
      if (people + cp + rest === bestPeople && added + ca >= bestAdded) continue;
      const lo = colLo[x]!;
      const hi = colHi[x]!;
      if ((lo & usedLo) !== 0 || (hi & usedHi) !== 0) continue;
      usedLo |= lo;
      usedHi |= hi;
      unused -= cp;
      choice[k] = c;
      dfs(k + 1, people + cp, added + ca);
      unused += cp;
      usedLo &= ~lo;
      usedHi &= ~hi;
    }
  };
  dfs(0, 0, 0);
  if (!bestChoice) return { applied: false, evals };
  const chosen: number[] = bestChoice;
  for (const d of group) for (const v of [...cars.members[d]!]) cars.remove(v, cars.base[d]!);
  for (let k = 0; k < nK; k++) {
    const d = group[order[k]!]!;
    const x = startOf[k]! + chosen[k]!;
    const lo = colLo[x]!;
    const hi = colHi[x]!;
    if (lo === 0 && hi === 0) continue;
    list.length = 0;
    for (let i = 0; i < R.length; i++) if (i < 30 ? (lo >>> i) & 1 : (hi >>> (i - 30)) & 1) list.push(R[i]!);
    const t = inst.routeDetour(d, list, list.length);
    for (const r of list) cars.add(r, d, t);
  }
  return { applied: true, evals };
}

/**
 * The `keep` first of `items` (ascending) by (`other`, `cost`, index), returned in ascending order again: what sorting,
 * cutting and sorting back would give, by insertion into a short list (keep is about 8 of up to 60).
 */
function cheapestInOrder(items: number[], keep: number, other: Uint8Array, cost: Float64Array): number[] {
  const top: number[] = [];
  if (keep <= 0) return top;
  const before = (a: number, b: number) =>
    other[a]! < other[b]! || (other[a] === other[b] && (cost[a]! < cost[b]! || (cost[a] === cost[b] && a < b)));
  for (const i of items) {
    if (top.length === keep && !before(i, top[keep - 1]!)) continue;
    let p = top.length < keep ? top.length : keep - 1;
    while (p > 0 && before(i, top[p - 1]!)) {
      top[p] = top[p - 1]!;
      p--;
    }
    top[p] = i;
  }
  for (let a = 1; a < top.length; a++) {
    const v = top[a]!;
    let p = a;
    for (; p > 0 && top[p - 1]! > v; p--) top[p] = top[p - 1]!;
    top[p] = v;
  }
  return top;
}

/**
 * Column indices 0..nc into `idx`, by people (most first), then added detour, ties in index order — a stable sort, by
 * counting on people (small integers) and insertion within each people count (up to 70 columns of a 4-seat car;
 * larger runs fall back to the built-in sort). Far cheaper than a comparator sort over all of them.
 */
function sortColumns(nc: number, cPeople: number[], cAdded: number[], idx: number[]): void {
  let most = 0;
  for (let x = 0; x < nc; x++) if (cPeople[x]! > most) most = cPeople[x]!;
  const at = new Array<number>(most + 2).fill(0);
  for (let x = 0; x < nc; x++) at[cPeople[x]!]!++;
  let pos = 0;
  for (let p = most; p >= 0; p--) {
    const c = at[p]!;
    at[p] = pos;
    pos += c;
  }
  while (idx.length < nc) idx.push(0); // reused: written by index below, in no particular order
  for (let x = 0; x < nc; x++) idx[at[cPeople[x]!]!++] = x;
  // at[p] is now the end of people p's run; it starts where people p + 1's run ended.
  for (let p = most, s = 0; p >= 0; p--) {
    const e = at[p]!;
    if (e - s > INSERTION_RUN) {
      const run = idx.slice(s, e).sort((a, b) => cAdded[a]! - cAdded[b]! || a - b);
      for (let q = s; q < e; q++) idx[q] = run[q - s]!;
    } else {
      for (let a = s + 1; a < e; a++) {
        const v = idx[a]!;
        const va = cAdded[v]!;
        let q = a;
        for (; q > s && cAdded[idx[q - 1]!]! > va; q--) idx[q] = idx[q - 1]!;
        idx[q] = v;
      }
    }
    s = e;
  }
}

/** Runs of equal people longer than this are sorted by the built-in sort rather than by insertion. */
const INSERTION_RUN = 96;

/** Empties the group and refills it from its riders and the unmatched ones it can reach, in a shuffled order. */
function shuffleRefill(inst: Instance, cur: Cars, cand: Candidates, group: number[], rand: () => number): number {
  const { rSeats, dLim } = inst;
  let evals = 0;
  const pool: number[] = [];
  const seen = new Set<number>();
  for (const d of group) {
    for (const v of [...cur.members[d]!]) {
      cur.remove(v, cur.base[d]!);
      pool.push(v);
      seen.add(v);
    }
  }
  unmatchedCandidates(cur, cand, group, seen, pool);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  for (const r of pool) {
    let bestD = -1;
    let bestAdded = Number.POSITIVE_INFINITY;
    let bestT = 0;
    for (const d of group) {
      if (cur.free[d]! < rSeats[r]! || !inst.compatible(d, r)) continue;
      const t = cur.detourWith(d, r, -1);
      evals++;
      if (t > dLim[d]!) continue;
      if (t - cur.det[d]! < bestAdded) {
        bestAdded = t - cur.det[d]!;
        bestD = d;
        bestT = t;
      }
    }
    if (bestD >= 0) cur.add(r, bestD, bestT);
  }
  return evals;
}

/**
 * Each focus car in turn is re-solved with each car holding one of its cheapest candidate riders (the `perCar`
 * cheapest held by other cars, by pair detour, ties by index): the exchange a costly car most often needs — taking a
 * rider that lies on its way from a car that can refill from its own — found directly rather than by a drawn group.
 * The first `riderFocus` focus cars are then also re-solved with up to `riderPairs` cars cheaper for one of their
 * riders than they are (see `riderSide`). In a `region`, only its cars pair up and only its riders come into play (as
 * in `groupSearch`); with `across` (each car's side of a split), candidate pairs only across it.
 */
export function pairSweep(
  inst: Instance,
  cars: Cars,
  cand: Candidates,
  focus: readonly number[],
  perCar: number,
  maxNodes: number,
  riderFocus = 0,
  riderPairs = 0,
  region: Region | null = null,
  across: Uint8Array | null = null,
): { improvements: number; evals: number } {
  let evals = 0;
  let improvements = 0;
  const ks: number[] = [];
  const pair: number[] = [0, 0];
  const near: number[] = [];
  const solvePair = (a: number, b: number) => {
    pair[0] = a;
    pair[1] = b;
    const s = solveGroup(inst, cars, cand, pair, maxNodes, 60, GROUP_RIDERS_PER_CAR, region);
    evals += s.evals;
    if (s.applied) improvements++;
  };
  for (let fi = 0; fi < focus.length; fi++) {
    const a = focus[fi]!;
    ks.length = 0;
    for (let k = cand.dStart[a]!; k < cand.dStart[a + 1]!; k++) ks.push(k);
    ks.sort((x, y) => cand.dPd[x]! - cand.dPd[y]! || x - y);
    const tried: number[] = [];
    for (const k of ks) {
      // Taking k's rider, the car's detour cannot fall below the pair's: nothing later in the list can help it.
      if (tried.length >= perCar || cand.dPd[k]! >= cars.det[a]! - cars.base[a]! - 1e-9) break;
      const b = cars.carOf[cand.dR[k]!]!;
      if (b < 0 || b === a || inst.dCoach[b] === 1 || tried.includes(b)) continue;
      if (!carIn(region, b) || (across !== null && across[b] === across[a])) continue;
      tried.push(b);
      solvePair(a, b);
    }
    if (fi >= riderFocus || riderPairs <= 0 || cars.members[a]!.length === 0) continue;
    // The other way round: cars that one of its riders is cheaper for, used or not.
    riderSide(inst, cars, a, near, riderPairs + tried.length, region);
    const done: number[] = [];
    for (let i = 0; i < near.length && done.length < riderPairs && cars.members[a]!.length > 0; i += 2) {
      const e = near[i + 1]!;
      if (tried.includes(e) || done.includes(e)) continue;
      done.push(e);
      solvePair(a, e);
    }
  }
  return { improvements, evals };
}

/**
 * Into `out`, as (gain, car) pairs best first, the `keep` best of: every car (coaches aside; in `region`, its own)
 * that could take one of car a's riders v alone at a pair detour below v's pair detour with a, by that difference (a
 * car by its best rider; ties by car). Every car, not only v's candidates: the candidate lists are cut short, and a
 * rider the search had to seat far away (a car with room searches the whole unmatched pool) often has cheaper cars
 * outside both lists — in drivers-rich 1,000 × 1,000 the costliest cars held riders with 15 cheaper cars in reach and
 * 4 candidates (one 4-seat car: 35 km for four riders each 0.3–0.8 km from their cheapest car). A pair re-solve, not
 * a plain move or swap: on drivers-rich relocating or swapping the rider with those cars gained a quarter of what
 * re-solving the pair did. The best kept by insertion rather than by sorting every (gain, car, rider): the same cars
 * in the same order, without listing up to about a thousand entries per car at 10,000 × 3,000.
 */
function riderSide(inst: Instance, cars: Cars, a: number, out: number[], keep: number, region: Region | null): void {
  const ms = cars.members[a]!;
  const here = ms.map((v) => inst.pair(a, v));
  out.length = 0;
  let n = 0;
  for (let e = 0; e < inst.nD; e++) {
    if (e === a || inst.dCoach[e] === 1 || !carIn(region, e)) continue;
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < ms.length; i++) {
      const v = ms[i]!;
      if (!inst.compatible(e, v)) continue;
      const pd = inst.pair(e, v);
      if (pd >= here[i]! - 1e-9 || pd > inst.dLim[e]!) continue;
      if (pd - here[i]! < best) best = pd - here[i]!;
    }
    // Cars come by index, so one as good as the last kept comes after it.
    if (best === Number.POSITIVE_INFINITY || (n === keep && best >= out[2 * n - 2]!)) continue;
    let p = n < keep ? n++ : n - 1;
    for (; p > 0 && out[2 * p - 2]! > best; p--) {
      out[2 * p] = out[2 * p - 2]!;
      out[2 * p + 1] = out[2 * p - 1]!;
    }
    out[2 * p] = best;
    out[2 * p + 1] = e;
  }
}
