import type { Candidates } from './candidates.ts';
import type { Instance } from './instance.ts';
import { PairHeap } from './tree.ts';

/**
 * Internal: min-cost maximum flow on the candidate graph — source → request (capacity = party size) → car
 * (capacity = party size, cost per person = pair detour / party size, so a whole party costs its pair detour) →
 * sink (capacity = free seats). Its value is an upper bound on the people any assignment using only candidate pairs
 * can carry, and its arcs say which car each request should go to: a global, scarcity-aware answer that a greedy
 * or local search cannot see (a car that only two riders can reach gets them). What it ignores — parties split over
 * two cars, and several pickups that fit one by one but not together — is repaired afterwards.
 *
 * Successive shortest paths with Dijkstra on reduced costs (potentials), so every augmentation is a cheapest one.
 * Returns, per candidate pair (index into cand.dR), the people sent along it.
 */
export function minCostFlow(inst: Instance, cand: Candidates): Int32Array {
  const net = network(inst, cand, (pd, seats) => Math.max(0, pd) / seats);
  const { N, S, T, to, cap } = net;
  const pot = new Float64Array(N);
  const paths = shortestPaths(net, pot);
  const { dist, prevArc } = paths;
  for (;;) {
    paths.run(-1);
    if (dist[T] === Number.POSITIVE_INFINITY) break;
    for (let v = 0; v < N; v++) if (dist[v]! < Number.POSITIVE_INFINITY) pot[v]! += dist[v]!;
    let f = Number.MAX_SAFE_INTEGER;
    for (let v = T; v !== S; v = to[prevArc[v]! ^ 1]!) f = Math.min(f, cap[prevArc[v]!]!);
    for (let v = T; v !== S; v = to[prevArc[v]! ^ 1]!) {
      cap[prevArc[v]!]! -= f;
      cap[prevArc[v]! ^ 1]! += f;
    }
  }
  return net.pairFlow();
}

/**
 * The same flow with each person's pair detour rounded to whole `unitKm`: a maximum flow of least ROUNDED cost, so
 * within `unitKm` per person of `minCostFlow`'s cost. Rounding makes countless augmenting paths equally cheap, so it
 * sends them all at once (primal–dual): a Dijkstra to the sink sets integer potentials, then blocking flows (Dinic)
 * over the arcs of reduced cost 0 carry every cheapest augmentation of that length, until none is left. Phases are
 * few — at 2,000 × 500, milliseconds where `minCostFlow` takes seconds.
 */
export function roundedCostFlow(inst: Instance, cand: Candidates, unitKm: number): Int32Array {
  const net = network(inst, cand, (pd, seats) => Math.round(Math.max(0, pd) / seats / unitKm));
  const { N, S, T, to, cap, cost, next, head } = net;
  const pot = new Float64Array(N);
  const paths = shortestPaths(net, pot);
  const { dist, done } = paths;
  const level = new Int32Array(N);
  const cur = new Int32Array(N);
  const queue = new Int32Array(N);
  const stack: number[] = [];
  const tight = (e: number, u: number) => cap[e]! > 0 && cost[e]! + pot[u]! - pot[to[e]!]! === 0;
  for (;;) {
    paths.run(T);
    const dT = dist[T]!;
    if (dT === Number.POSITIVE_INFINITY) break;
    // Settled nodes move by their distance, the rest by the sink's: every reduced cost stays ≥ 0, and the arcs of
    // every cheapest path to the sink now have reduced cost 0.
    for (let v = 0; v < N; v++) pot[v]! += done[v] === 1 ? dist[v]! : dT;
    for (;;) {
      level.fill(-1);
      level[S] = 0;
      let qh = 0;
      let qt = 0;
      queue[qt++] = S;
      while (qh < qt && level[T]! < 0) {
        const u = queue[qh++]!;
        for (let e = head[u]!; e >= 0; e = next[e]!) {
          const v = to[e]!;
          if (level[v]! < 0 && tight(e, u)) {
            level[v] = level[u]! + 1;
            queue[qt++] = v;
          }
        }
      }
      if (level[T]! < 0) break;
      cur.set(head);
      let u = S;
      stack.length = 0;
      for (;;) {
        if (u === T) {
          let f = Number.MAX_SAFE_INTEGER;
          for (const e of stack) f = Math.min(f, cap[e]!);
          let cut = -1;
          for (let i = 0; i < stack.length; i++) {
            const e = stack[i]!;
            cap[e]! -= f;
            cap[e ^ 1]! += f;
            if (cut < 0 && cap[e] === 0) cut = i;
          }
          // Back to the tail of the first arc the augmentation filled.
          u = to[stack[cut]! ^ 1]!;
          stack.length = cut;
          continue;
        }
        let e = cur[u]!;
        while (e >= 0 && !(level[to[e]!] === level[u]! + 1 && tight(e, u))) e = next[e]!;
        cur[u] = e;
        if (e >= 0) {
          stack.push(e);
          u = to[e]!;
          continue;
        }
        // A dead end leaves the level graph.
        level[u] = -1;
        if (u === S) break;
        const back = stack.pop()!;
        u = to[back ^ 1]!;
        cur[u] = next[back]!;
      }
    }
  }
  return net.pairFlow();
}

/** The flow network both share: arcs in pairs (forward, backward), costs per person from `perPerson`. */
function network(inst: Instance, cand: Candidates, perPerson: (pairDetour: number, seats: number) => number) {
  const { nD, nR, rSeats, dSeats } = inst;
  const S = nR + nD;
  const T = S + 1;
  const N = T + 1;
  const M = 2 * (nR + cand.pairs + nD);
  const to = new Int32Array(M);
  const cap = new Int32Array(M);
  const cost = new Float64Array(M);
  const next = new Int32Array(M);
  const head = new Int32Array(N).fill(-1);
  let m = 0;
  const edge = (u: number, v: number, c: number, w: number): number => {
    to[m] = v;
    cap[m] = c;
    cost[m] = w;
    next[m] = head[u]!;
    head[u] = m++;
    to[m] = u;
    cap[m] = 0;
    cost[m] = -w;
    next[m] = head[v]!;
    head[v] = m++;
    return m - 2;
  };
  for (let r = 0; r < nR; r++) edge(S, r, rSeats[r]!, 0);
  const pairArc = new Int32Array(cand.pairs);
  for (let d = 0; d < nD; d++) {
    for (let k = cand.dStart[d]!; k < cand.dStart[d + 1]!; k++) {
      const r = cand.dR[k]!;
      pairArc[k] = edge(r, nR + d, rSeats[r]!, perPerson(cand.dPd[k]!, rSeats[r]!));
    }
  }
  for (let d = 0; d < nD; d++) edge(nR + d, T, dSeats[d]!, 0);
  const pairFlow = () => {
    const flow = new Int32Array(cand.pairs);
    for (let k = 0; k < cand.pairs; k++) flow[k] = cap[pairArc[k]! ^ 1]!;
    return flow;
  };
  return { N, S, T, to, cap, cost, next, head, pairFlow };
}

/**
 * Dijkstra from the source over arcs with capacity, on reduced costs (`cost + pot[u] − pot[v]`, clamped at 0 against
 * float rounding): `run(stop)` fills `dist`, `prevArc` and `done` (settled), stopping once `stop` is settled (−1: never).
 */
function shortestPaths(net: ReturnType<typeof network>, pot: Float64Array) {
  const { N, S, to, cap, cost, next, head } = net;
  const dist = new Float64Array(N);
  const prevArc = new Int32Array(N);
  const done = new Uint8Array(N);
  const heap = new PairHeap(1024);
  const run = (stop: number): void => {
    dist.fill(Number.POSITIVE_INFINITY);
    done.fill(0);
    dist[S] = 0;
    heap.reset();
    heap.push(0, S);
    while (heap.size > 0) {
      const u = heap.pop();
      if (done[u] === 1) continue;
      done[u] = 1;
      if (u === stop) return;
      const du = dist[u]!;
      for (let e = head[u]!; e >= 0; e = next[e]!) {
        if (cap[e]! <= 0) continue;
        const v = to[e]!;
        if (done[v] === 1) continue;
        const nd = du + Math.max(0, cost[e]! + pot[u]! - pot[v]!);
        if (nd < dist[v]!) {
          dist[v] = nd;
          prevArc[v] = e;
          heap.push(nd, v);
        }
      }
    }
  };
  return { dist, prevArc, done, run };
}
