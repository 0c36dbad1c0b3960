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
      const solved = solveGroup(inst, cur, cand, group, 50_000);
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
  if (R.length > 60) R.length = 60; // keep the enumeration small (members come first)
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
    const singles: number[] = [];
    for (let i = 0; i < R.length; i++) {
      const r = R[i]!;
      if (!inst.compatible(d, r) || inst.pair(d, r) > lim) continue;
      list.length = 0;
      list.push(r);
      const t = inst.routeDetour(d, list, 1);
      evals++;
      if (t > lim) continue;
      singles.push(i);
      cols.push({ set: [i], people: rSeats[r]!, added: t - base });
    }
    let level: number[][] = singles.map((i) => [i]);
    let ok = new Set(level.map((x) => x.join(',')));
    while (level.length > 0 && cols.length < 1500) {
      const next: number[][] = [];
      const nextOk = new Set<string>();
      for (const set of level) {
        let seats = 0;
        for (const i of set) seats += rSeats[R[i]!]!;
        const lastPos = singles.indexOf(set[set.length - 1]!);
        for (let q = lastPos + 1; q < singles.length; q++) {
          const j = singles[q]!;
          if (seats + rSeats[R[j]!]! > cap) continue;
          const c = [...set, j];
          let all = true;
          for (let drop = 0; drop < c.length - 1 && all; drop++) if (!ok.has(c.filter((_, k) => k !== drop).join(','))) all = false;
          if (!all) continue;
          list.length = 0;
          for (const i of c) list.push(R[i]!);
          const t = inst.routeDetour(d, list, list.length);
          evals++;
          if (t > lim) continue;
          next.push(c);
          nextOk.add(c.join(','));
          cols.push({ set: c, people: seats + rSeats[R[j]!]!, added: t - base });
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
  const choice = new Array<number>(order.length).fill(0);
  let best = { people: current.people, added: current.added - 1e-9 };
  let bestChoice: number[] | null = null;
  let nodes = 0;
  type Stage = (k: number, people: number, added: number) => void;
  /** Car k takes column c if its riders are all free, the search moves to the next car, then gives them back. */
  const take = (k: number, c: number, col: { set: number[]; people: number; added: number }, next: Stage, people: number, added: number) => {
    for (const i of col.set) if (used[i] === 1) return;
    for (const i of col.set) used[i] = 1;
    choice[k] = c;
    next(k + 1, people + col.people, added + col.added);
    for (const i of col.set) used[i] = 0;
  };
  // Stage 1, people only: look for strictly more people than now (strong pruning: the optimistic count must beat
  // the best so far), so a better packing is found even when the detour stage would run out of nodes first.
  const morePeople = (k: number, people: number, added: number): void => {
    if (nodes++ > 4 * maxNodes) return;
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
    if (people + maxPeopleFrom[k]! < best.people) return;
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
