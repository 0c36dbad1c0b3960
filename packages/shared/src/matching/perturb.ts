import type { Candidates } from './candidates.ts';
import { type Cars, compareScore, type Instance } from './instance.ts';
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
 * no local search over every car). A group starts at a car an unmatched rider could take (people), a car with room,
 * or any used car (detour), and grows as in iteratedSearch. Bounded by rounds and route evaluations, never the clock.
 * Cars of more than 4 seats join at most BIG_VEHICLE_ROUNDS rounds: pricing their fills (routes of 5 to 8 pickups)
 * costs several times a car's, and on 1,000 x 300 all-minibus instances 2,600 such rounds took CPU from 0.7 s to 4 s (200 add about 0.6 s).
 */
export function groupSearch(
  inst: Instance,
  cars: Cars,
  cand: Candidates,
  rounds: number,
  maxNodes: number,
  evalBudget: number,
  seed = 0x5eed,
): { improvements: number; evals: number } {
  const { nD, nR } = inst;
  let evals = 0;
  let improvements = 0;
  if (nD === 0 || nR === 0) return { improvements, evals };
  const rand = mulberry32(seed);
  const any = (n: number) => Math.floor(rand() * n);
  const group: number[] = [];
  let bigRounds = 0;
  for (let it = 0; it < rounds && evals < evalBudget; it++) {
    const kind = it % 3;
    let focus = -1;
    for (let tries = 0; tries < 32 && focus < 0; tries++) {
      if (kind === 0) {
        const r = any(nR);
        const n = cand.rStart[r + 1]! - cand.rStart[r]!;
        const d = n > 0 ? cand.rD[cand.rStart[r]! + any(n)]! : -1;
        if (cars.carOf[r] === -1 && d >= 0 && (inst.dSeats[d]! <= 4 || bigRounds < BIG_VEHICLE_ROUNDS)) focus = d;
      } else {
        const d = any(nD);
        if (cand.dStart[d + 1] === cand.dStart[d] || (inst.dSeats[d]! > 4 && bigRounds >= BIG_VEHICLE_ROUNDS)) continue;
        if (kind === 1 ? cars.free[d]! > 0 : cars.members[d]!.length > 0) focus = d;
      }
    }
    if (focus < 0) continue;
    group.length = 0;
    group.push(focus);
    const size = 2 + any(8);
    for (let tries = 0; group.length < size && tries < 4 * size; tries++) {
      const from = group[group.length - 1 - any(Math.min(2, group.length))]!;
      const a = cand.dStart[from]!;
      const n = cand.dStart[from + 1]! - a;
      if (n === 0) continue;
      const b = cars.carOf[cand.dR[a + any(n)]!]!;
      if (b >= 0 && (inst.dSeats[b]! <= 4 || bigRounds < BIG_VEHICLE_ROUNDS) && !group.includes(b)) group.push(b);
    }
    if (group.some((d) => inst.dSeats[d]! > 4)) bigRounds++;
    const solved = solveGroup(inst, cars, cand, group, maxNodes, 60, GROUP_RIDERS_PER_CAR);
    evals += solved.evals;
    if (solved.applied) improvements++;
  }
  return { improvements, evals };
}

function mulberry32(seed: number): () => number {
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

/**
 * A car of more than 4 seats chooses among at most this many riders: the sets of 60 riders that fit a minibus run to
 * millions, and the enumeration would stop at pairs; the 10 cheapest give every fill up to 8 (about 1,000 sets).
 */
const BIG_VEHICLE_RIDERS = 10;

/** Rounds of fast mode's group re-solves that may include cars of more than 4 seats. */
const BIG_VEHICLE_ROUNDS = 200;

/** Feasible rider sets enumerated per car at most. */
const MAX_GROUP_COLUMNS = 1500;

/**
 * Exact re-optimisation of a small group of cars over their current riders plus the unmatched riders they can reach.
 * Columns (feasible rider sets per car) are enumerated Apriori-style, as the exact reference solver does; a
 * depth-first search picks one column per car, disjoint, maximising people then minimising added detour, pruning on
 * optimistic bounds. Applies the result to `cars` only when it beats the group's current state. The people stage may
 * examine 4 × `maxNodes` columns, the detour stage `maxNodes`.
 */
export function solveGroup(
  inst: Instance,
  cars: Cars,
  cand: Candidates,
  group: number[],
  maxNodes: number,
  maxRiders = 60,
  perCar = Number.POSITIVE_INFINITY,
): { applied: boolean; evals: number } {
  const { rSeats, dSeats, dLim } = inst;
  let evals = 0;
  // Riders in play.
  const R: number[] = [];
  const seen = new Set<number>();
  for (const d of group) {
    for (const v of cars.members[d]!) {
      if (seen.has(v)) continue;
      seen.add(v);
      R.push(v);
    }
  }
  unmatchedCandidates(cars, cand, group, seen, R);
  if (R.length > maxRiders) R.length = maxRiders; // keep the enumeration small (members come first)
  // Columns per car: rider index lists (into R), people, added detour.
  const list: number[] = [];
  type Col = { set: number[]; people: number; added: number };
  const colsOf: Col[][] = [];
  const current = { people: 0, added: 0 };
  for (const d of group) {
    const cap = dSeats[d]!;
    const lim = dLim[d]!;
    const base = cars.base[d]!;
    const cols: Col[] = [{ set: [], people: 0, added: 0 }];
    let singles: number[] = [];
    const singleT = new Map<number, number>();
    for (let i = 0; i < R.length; i++) {
      const r = R[i]!;
      if (!inst.compatible(d, r)) continue;
      let t = inst.pair(d, r);
      if (t > lim) continue;
      if (inst.fixedU[d]) {
        list.length = 0;
        list.push(r);
        t = inst.routeDetour(d, list, 1);
        evals++;
        if (t > lim) continue;
      }
      singles.push(i);
      singleT.set(i, t);
    }
    const keep = cap > 4 ? Math.min(perCar, BIG_VEHICLE_RIDERS) : perCar;
    if (singles.length > keep) {
      // The car's own riders, then the cheapest others alone (ties by index), in index order again.
      const own = (i: number) => (cars.carOf[R[i]!] === d ? 0 : 1);
      singles = singles
        .sort((a, b) => own(a) - own(b) || singleT.get(a)! - singleT.get(b)! || a - b)
        .slice(0, Math.max(keep, cars.members[d]!.length))
        .sort((a, b) => a - b);
    }
    for (const i of singles) cols.push({ set: [i], people: rSeats[R[i]!]!, added: singleT.get(i)! - base });
    // Sets grow Apriori-style (a set is tried only when every subset one smaller fits), as positions into `singles`
    // keyed by a number in base 61 (at most 60 riders; sets of more than 8 by a string).
    const keyOf = (set: number[], drop: number): number | string => {
      if (set.length - (drop >= 0 ? 1 : 0) > 8) return set.filter((_, k) => k !== drop).join(',');
      let key = 0;
      for (let k = 0; k < set.length; k++) if (k !== drop) key = key * 61 + set[k]! + 1;
      return key;
    };
    let level: number[][] = singles.map((_, q) => [q]);
    let ok = new Set<number | string>(level.map((x) => keyOf(x, -1)));
    while (level.length > 0 && cols.length < MAX_GROUP_COLUMNS) {
      const next: number[][] = [];
      const nextOk = new Set<number | string>();
      for (const set of level) {
        if (cols.length >= MAX_GROUP_COLUMNS) break;
        let seats = 0;
        for (const q of set) seats += rSeats[R[singles[q]!]!]!;
        for (let q = set[set.length - 1]! + 1; q < singles.length; q++) {
          const j = singles[q]!;
          if (seats + rSeats[R[j]!]! > cap) continue;
          const c = [...set, q];
          let all = true;
          for (let drop = 0; drop < c.length - 1 && all; drop++) if (!ok.has(keyOf(c, drop))) all = false;
          if (!all) continue;
          list.length = 0;
          for (const p of c) list.push(R[singles[p]!]!);
          const t = inst.routeDetour(d, list, list.length);
          evals++;
          if (t > lim) continue;
          next.push(c);
          nextOk.add(keyOf(c, -1));
          cols.push({ set: c.map((p) => singles[p]!), people: seats + rSeats[R[j]!]!, added: t - base });
          if (cols.length >= MAX_GROUP_COLUMNS) break;
        }
      }
      level = next;
      ok = nextOk;
    }
    cols.sort((a, b) => b.people - a.people || a.added - b.added);
    colsOf.push(cols);
    const m = cars.members[d]!;
    for (const v of m) current.people += rSeats[v]!;
    if (m.length > 0) current.added += cars.det[d]! - base;
  }
  // Depth-first search, cars with fewest columns first.
  const order = group.map((_, i) => i).sort((a, b) => colsOf[a]!.length - colsOf[b]!.length || a - b);
  const maxPeopleFrom = new Array<number>(order.length + 1).fill(0);
  for (let k = order.length - 1; k >= 0; k--) maxPeopleFrom[k] = maxPeopleFrom[k + 1]! + colsOf[order[k]!]![0]!.people;
  const used = new Uint8Array(R.length);
  // People of the riders some car of the group can take and none has taken yet: a second bound on what is left.
  let unused = 0;
  const inPlay = new Uint8Array(R.length);
  for (const cols of colsOf) for (const col of cols) if (col.set.length === 1) inPlay[col.set[0]!] = 1;
  for (let i = 0; i < R.length; i++) if (inPlay[i] === 1) unused += rSeats[R[i]!]!;
  const choice = new Array<number>(order.length).fill(0);
  let best = { people: current.people, added: current.added - 1e-9 };
  let bestChoice: number[] | null = null;
  let nodes = 0;
  type Stage = (k: number, people: number, added: number) => void;
  /** Car k takes column c if its riders are all free, the search moves to the next car, then gives them back. */
  const take = (k: number, c: number, col: { set: number[]; people: number; added: number }, next: Stage, people: number, added: number) => {
    for (const i of col.set) if (used[i] === 1) return;
    for (const i of col.set) used[i] = 1;
    unused -= col.people;
    choice[k] = c;
    next(k + 1, people + col.people, added + col.added);
    unused += col.people;
    for (const i of col.set) used[i] = 0;
  };
  // Stage 1, people only: look for strictly more people than now (strong pruning: the optimistic count must beat
  // the best so far), so a better packing is found even when the detour stage would run out of nodes first.
  const morePeople = (k: number, people: number, added: number): void => {
    if (nodes++ > 4 * maxNodes) return;
    if (people + Math.min(maxPeopleFrom[k]!, unused) <= best.people) return;
    if (k === order.length) {
      best = { people, added };
      bestChoice = [...choice];
      return;
    }
    const cols = colsOf[order[k]!]!;
    for (let c = 0; c < cols.length; c++) {
      if (nodes++ > 4 * maxNodes) return;
      const col = cols[c]!;
      if (people + col.people + maxPeopleFrom[k + 1]! <= best.people) break; // sorted by people
      take(k, c, col, morePeople, people, added);
    }
  };
  morePeople(0, 0, 0);
  nodes = 3 * maxNodes; // the detour stage gets a quarter of the people stage's budget
  // Stage 2: at that many people, the least detour.
  const dfs = (k: number, people: number, added: number): void => {
    if (nodes++ > 4 * maxNodes) return;
    if (k === order.length) {
      if (people > best.people || (people === best.people && added < best.added)) {
        best = { people, added };
        bestChoice = [...choice];
      }
      return;
    }
    if (people + Math.min(maxPeopleFrom[k]!, unused) < best.people) return;
    const cols = colsOf[order[k]!]!;
    for (let c = 0; c < cols.length; c++) {
      if (nodes++ > 4 * maxNodes) return;
      const col = cols[c]!;
      if (people + col.people + maxPeopleFrom[k + 1]! < best.people) break; // sorted by people: none later fits
      if (people + col.people + maxPeopleFrom[k + 1]! === best.people && added + col.added >= best.added) continue;
      take(k, c, col, dfs, people, added);
    }
  };
  dfs(0, 0, 0);
  if (!bestChoice) return { applied: false, evals };
  const chosen: number[] = bestChoice;
  for (const d of group) for (const v of [...cars.members[d]!]) cars.remove(v, cars.base[d]!);
  for (let k = 0; k < order.length; k++) {
    const gi = order[k]!;
    const d = group[gi]!;
    const col = colsOf[gi]![chosen[k]!]!;
    if (col.set.length === 0) continue;
    list.length = 0;
    for (const i of col.set) list.push(R[i]!);
    const t = inst.routeDetour(d, list, list.length);
    for (const r of list) cars.add(r, d, t);
  }
  return { applied: true, evals };
}

/** Empties the group and refills it from its riders and the unmatched ones it can reach, in a shuffled order. */
function shuffleRefill(inst: Instance, cur: Cars, cand: Candidates, group: number[], rand: () => number): number {
  const { rSeats, dLim } = inst;
  let evals = 0;
  const list: number[] = [];
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
      list.length = 0;
      for (const v of cur.members[d]!) list.push(v);
      list.push(r);
      const t = inst.routeDetour(d, list, list.length);
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
