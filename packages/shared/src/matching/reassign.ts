import type { Candidates } from './candidates.ts';
import type { Cars, Instance } from './instance.ts';
import { mulberry32, type Region } from './perturb.ts';
import { carIn, riderIn } from './regions.ts';
import { PairHeap } from './tree.ts';

/** Weight of one person against one km of detour: more than any block's detour, so people always come first. */
const PERSON = 1e6;
const EPS = 1e-7;
/** A row's augmenting-path search settles at most this many columns per car in the block. */
const MAX_POPS_PER_CAR = 8;

/**
 * Internal: exact re-assignment in a large neighbourhood. Each car releases at most one of its parties (which one
 * depends on the round: its costliest pickup, none if it has room, or its second costliest); then every released
 * party and every unmatched party its candidates reach is matched to the cars — each car takes at most one, on top of
 * the riders it kept — by a min-cost bipartite matching that maximises people, then minimises detour. That is every
 * cyclic exchange and every ejection chain of single parties at once, which relocate and swap (two cars) and group
 * re-solves (≤ 9 cars) cannot reach. Cars are tiled into blocks of at most `blockCars` related cars (breadth-first
 * over candidate pairs, from seeds in a shuffled order), each block solved exactly and applied only when it carries
 * more people, or as many at less detour — so the whole never gets worse. Coaches stay out. Bounded by rounds and
 * block size, never the clock; deterministic (seeded shuffles, ties by index).
 */
export function reassign(
  inst: Instance,
  cars: Cars,
  cand: Candidates,
  rounds: number,
  blockCars: number,
  seed = 0x5eed,
  region: Region | null = null,
): { improvements: number; evals: number } {
  const { nD, nR, rSeats, dLim, dCoach } = inst;
  let evals = 0;
  let improvements = 0;
  if (nD === 0 || nR === 0) return { improvements, evals };
  const rand = mulberry32(seed);
  const route = (d: number, drop: number, add: number): number => {
    evals++;
    return cars.detourWith(d, add, drop);
  };
  const rel = new Int32Array(nD);
  const rest = new Float64Array(nD);
  const inBlock = new Int32Array(nD).fill(-1);
  const partyMark = new Int32Array(nR).fill(-1);
  const partyIdx = new Int32Array(nR);
  const carIdx = new Int32Array(nD);
  let stamp = 0;
  // In a region, only its cars and riders (as `groupSearch` there): no state of the other side is read.
  const inRegion = (d: number) => carIn(region, d);
  const usable = (d: number) =>
    dCoach[d] === 0 && inRegion(d) && (cars.members[d]!.length > 0 || cand.dStart[d + 1]! > cand.dStart[d]!);

  for (let round = 0; round < rounds; round++) {
    const variant = round % 3;
    // Which party each car releases, and its route without it.
    for (let d = 0; d < nD; d++) {
      rel[d] = -1;
      if (!inRegion(d)) continue;
      rest[d] = cars.det[d]!;
      const m = cars.members[d]!;
      if (dCoach[d] === 1 || m.length === 0) continue;
      if (variant === 1 && cars.free[d]! > 0) continue;
      let b1 = -1;
      let s1 = Number.NEGATIVE_INFINITY;
      let t1 = 0;
      let b2 = -1;
      let s2 = Number.NEGATIVE_INFINITY;
      let t2 = 0;
      for (const v of [...m].sort((a, b) => a - b)) {
        const t = route(d, v, -1);
        const s = cars.det[d]! - t;
        if (s > s1) {
          [b2, s2, t2] = [b1, s1, t1];
          [b1, s1, t1] = [v, s, t];
        } else if (s > s2) [b2, s2, t2] = [v, s, t];
      }
      if (variant === 2 && b2 >= 0) [b1, t1] = [b2, t2];
      rel[d] = b1;
      rest[d] = t1;
    }
    // Seeds: round 0 by index, later rounds shuffled, so block borders move.
    const seeds = Array.from({ length: nD }, (_, i) => i);
    if (round > 0) {
      for (let i = nD - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [seeds[i], seeds[j]] = [seeds[j]!, seeds[i]!];
      }
    }
    inBlock.fill(-1);
    const block: number[] = [];
    for (const s of seeds) {
      if (inBlock[s] !== -1 || !usable(s)) continue;
      // Breadth-first over cars related by a candidate pair: a car holding a rider this one could take, or a car
      // that could take one of its riders.
      block.length = 0;
      block.push(s);
      inBlock[s] = round;
      for (let i = 0; i < block.length && block.length < blockCars; i++) {
        const x = block[i]!;
        const visit = (b: number) => {
          if (b >= 0 && block.length < blockCars && inBlock[b] === -1 && usable(b)) {
            inBlock[b] = round;
            block.push(b);
          }
        };
        for (let k = cand.dStart[x]!; k < cand.dStart[x + 1]!; k++) visit(cars.carOf[cand.dR[k]!]!);
        for (const v of cars.members[x]!) for (let k = cand.rStart[v]!; k < cand.rStart[v + 1]!; k++) visit(cand.rD[k]!);
      }
      if (solveBlock(block)) improvements++;
    }
  }
  return { improvements, evals };

  function solveBlock(block: readonly number[]): boolean {
    stamp++;
    const parties: number[] = [];
    const addParty = (u: number) => {
      if (partyMark[u] === stamp) return;
      partyMark[u] = stamp;
      partyIdx[u] = parties.length;
      parties.push(u);
    };
    for (let i = 0; i < block.length; i++) {
      const d = block[i]!;
      carIdx[d] = i;
      if (rel[d]! >= 0) addParty(rel[d]!);
    }
    for (const d of block) {
      for (let k = cand.dStart[d]!; k < cand.dStart[d + 1]!; k++) {
        const u = cand.dR[k]!;
        if (cars.carOf[u] === -1 && !inst.lateAlone(u) && riderIn(region, u)) addParty(u);
      }
    }
    if (parties.length === 0) return false;
    // Edges party → car: cost = the car's route with the party added to what it kept, minus that route alone, minus
    // PERSON per person.
    const eU: number[] = [];
    const eC: number[] = [];
    const eCost: number[] = [];
    const eT: number[] = [];
    let oldCost = 0;
    for (let i = 0; i < block.length; i++) {
      const d = block[i]!;
      const v = rel[d]!;
      const room = cars.free[d]! + (v >= 0 ? rSeats[v]! : 0);
      if (v >= 0) {
        const c = cars.det[d]! - rest[d]! - PERSON * rSeats[v]!;
        oldCost += c;
        eU.push(partyIdx[v]!);
        eC.push(i);
        eCost.push(c);
        eT.push(cars.det[d]!);
      }
      for (let k = cand.dStart[d]!; k < cand.dStart[d + 1]!; k++) {
        const u = cand.dR[k]!;
        if (u === v || partyMark[u] !== stamp || rSeats[u]! > room || !inst.compatible(d, u)) continue;
        const t = route(d, v, u);
        if (!(t <= dLim[d]!)) continue;
        eU.push(partyIdx[u]!);
        eC.push(i);
        eCost.push(t - rest[d]! - PERSON * rSeats[u]!);
        eT.push(t);
      }
    }
    const match = minCostMatching(parties.length, block.length, eU, eC, eCost, MAX_POPS_PER_CAR * block.length);
    let newCost = 0;
    let changed = false;
    for (let i = 0; i < block.length; i++) {
      const e = match[i]!;
      if (e >= 0) newCost += eCost[e]!;
      const now = e >= 0 ? parties[eU[e]!]! : -1;
      if (now !== rel[block[i]!]!) changed = true;
    }
    if (!changed || newCost >= oldCost - EPS) return false;
    // Out first (each car down to what it kept), then in.
    for (const d of block) {
      const v = rel[d]!;
      if (v >= 0 && cars.carOf[v] === d) cars.remove(v, rest[d]!);
    }
    for (let i = 0; i < block.length; i++) {
      const e = match[i]!;
      if (e >= 0) cars.add(parties[eU[e]!]!, block[i]!, eT[e]!);
    }
    return true;
  }
}

/**
 * Min-cost matching of `nL` left nodes (parties) to `nRight` right nodes (cars) over the given edges, each left node
 * matched at most once and left unmatched at cost 0: a rectangular assignment (every left node also has a private
 * "unmatched" column), solved row by row by shortest augmenting paths (Dijkstra on reduced costs, potentials kept
 * dual feasible), so the search from a row explores only until it reaches a free column. A row whose search pops more
 * than `maxPops` columns is left out of the problem (sound: an unprocessed row is only ever a path's start), which
 * keeps the work bounded by counts. Returns, per right node, the index of its edge in the matching, or -1.
 */
export function minCostMatching(
  nL: number,
  nRight: number,
  eU: readonly number[],
  eC: readonly number[],
  eCost: readonly number[],
  maxPops = Number.POSITIVE_INFINITY,
): Int32Array {
  const nE = eU.length;
  const lStart = new Int32Array(nL + 1);
  for (let e = 0; e < nE; e++) lStart[eU[e]! + 1]!++;
  for (let i = 0; i < nL; i++) lStart[i + 1]! += lStart[i]!;
  const lEdge = new Int32Array(nE);
  const fill = lStart.slice(0, nL);
  for (let e = 0; e < nE; e++) lEdge[fill[eU[e]!]!++] = e;
  // Columns: cars 0..nRight-1, then row i's own "unmatched" column nRight + i (cost 0).
  const nCol = nRight + nL;
  const rowOfCol = new Int32Array(nCol).fill(-1);
  const colOfRow = new Int32Array(nL).fill(-1);
  const edgeOfRow = new Int32Array(nL).fill(-1);
  const u = new Float64Array(nL);
  const v = new Float64Array(nCol);
  for (let i = 0; i < nL; i++) {
    let m = 0;
    for (let x = lStart[i]!; x < lStart[i + 1]!; x++) m = Math.min(m, eCost[lEdge[x]!]!);
    u[i] = m;
  }
  const dist = new Float64Array(nCol).fill(Number.POSITIVE_INFINITY);
  const prevRow = new Int32Array(nCol);
  const prevEdge = new Int32Array(nCol);
  const done = new Uint8Array(nCol);
  const touched: number[] = [];
  const popped: number[] = [];
  const heap = new PairHeap(256);
  const relax = (i: number, di: number) => {
    for (let x = lStart[i]!; x < lStart[i + 1]!; x++) {
      const e = lEdge[x]!;
      const j = eC[e]!;
      if (done[j] === 1 || edgeOfRow[i] === e) continue;
      const nd = di + Math.max(0, eCost[e]! - u[i]! - v[j]!);
      if (nd < dist[j]!) {
        if (dist[j] === Number.POSITIVE_INFINITY) touched.push(j);
        dist[j] = nd;
        prevRow[j] = i;
        prevEdge[j] = e;
        heap.push(nd, j);
      }
    }
    const own = nRight + i;
    if (done[own] === 0 && colOfRow[i] !== own) {
      const nd = di + Math.max(0, -u[i]! - v[own]!);
      if (nd < dist[own]!) {
        if (dist[own] === Number.POSITIVE_INFINITY) touched.push(own);
        dist[own] = nd;
        prevRow[own] = i;
        prevEdge[own] = -1;
        heap.push(nd, own);
      }
    }
  };
  for (let s = 0; s < nL; s++) {
    heap.reset();
    relax(s, 0);
    let end = -1;
    let endD = 0;
    let pops = 0;
    while (heap.size > 0) {
      const dj = heap.key[0]!;
      const j = heap.pop();
      if (done[j] === 1) continue;
      if (++pops > maxPops) break;
      done[j] = 1;
      popped.push(j);
      const r = rowOfCol[j]!;
      if (r === -1) {
        end = j;
        endD = dj;
        break;
      }
      relax(r, dj);
    }
    if (end >= 0) {
      // Potentials: every column settled before the end, and its row, move by what it was short of the end.
      u[s]! += endD;
      for (const j of popped) {
        if (j === end) continue;
        const gap = endD - dist[j]!;
        v[j]! -= gap;
        u[rowOfCol[j]!]! += gap;
      }
      // Augment back to s.
      let j = end;
      for (;;) {
        const i = prevRow[j]!;
        const before = colOfRow[i]!;
        colOfRow[i] = j;
        edgeOfRow[i] = prevEdge[j]!;
        rowOfCol[j] = i;
        if (i === s) break;
        j = before;
      }
    }
    for (const j of touched) {
      dist[j] = Number.POSITIVE_INFINITY;
      done[j] = 0;
    }
    touched.length = 0;
    popped.length = 0;
  }
  const match = new Int32Array(nRight).fill(-1);
  for (let i = 0; i < nL; i++) if (colOfRow[i]! >= 0 && colOfRow[i]! < nRight) match[colOfRow[i]!] = edgeOfRow[i]!;
  return match;
}
