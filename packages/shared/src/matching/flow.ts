import type { Candidates } from './candidates.ts';
import type { Instance } from './instance.ts';

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
  const { nD, nR, rSeats, dSeats } = inst;
  const S = nR + nD;
  const T = S + 1;
  const N = T + 1;
  // Arcs: 2 per edge (forward, backward). Edges: S→r, r→d (one per pair), d→T.
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
      pairArc[k] = edge(r, nR + d, rSeats[r]!, Math.max(0, cand.dPd[k]!) / rSeats[r]!);
    }
  }
  for (let d = 0; d < nD; d++) edge(nR + d, T, dSeats[d]!, 0);

  const pot = new Float64Array(N);
  const dist = new Float64Array(N);
  const prevArc = new Int32Array(N);
  const done = new Uint8Array(N);
  // Binary heap of (dist, node) with lazy deletion.
  let hd = new Float64Array(1024);
  let hn = new Int32Array(1024);
  let hs = 0;
  const hpush = (dv: number, v: number) => {
    if (hs === hd.length) {
      const a = new Float64Array(hs * 2);
      a.set(hd);
      hd = a;
      const b = new Int32Array(hs * 2);
      b.set(hn);
      hn = b;
    }
    let c = hs++;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (hd[p]! < dv || (hd[p] === dv && hn[p]! <= v)) break;
      hd[c] = hd[p]!;
      hn[c] = hn[p]!;
      c = p;
    }
    hd[c] = dv;
    hn[c] = v;
  };
  const hpop = (): number => {
    const v = hn[0]!;
    const lastD = hd[--hs]!;
    const lastN = hn[hs]!;
    let c = 0;
    for (;;) {
      const l = 2 * c + 1;
      if (l >= hs) break;
      const r = l + 1;
      let s = l;
      if (r < hs && (hd[r]! < hd[l]! || (hd[r] === hd[l] && hn[r]! < hn[l]!))) s = r;
      if (hd[s]! > lastD || (hd[s] === lastD && hn[s]! >= lastN)) break;
      hd[c] = hd[s]!;
      hn[c] = hn[s]!;
      c = s;
    }
    hd[c] = lastD;
    hn[c] = lastN;
    return v;
  };

  for (;;) {
    dist.fill(Number.POSITIVE_INFINITY);
    done.fill(0);
    dist[S] = 0;
    hs = 0;
    hpush(0, S);
    while (hs > 0) {
      const u = hpop();
      if (done[u] === 1) continue;
      done[u] = 1;
      const du = dist[u]!;
      for (let e = head[u]!; e >= 0; e = next[e]!) {
        if (cap[e]! <= 0) continue;
        const v = to[e]!;
        if (done[v] === 1) continue;
        // Reduced costs are ≥ 0 up to rounding; clamp so Dijkstra stays valid.
        const rc = Math.max(0, cost[e]! + pot[u]! - pot[v]!);
        const nd = du + rc;
        if (nd < dist[v]!) {
          dist[v] = nd;
          prevArc[v] = e;
          hpush(nd, v);
        }
      }
    }
    if (dist[T] === Number.POSITIVE_INFINITY) break;
    for (let v = 0; v < N; v++) if (dist[v]! < Number.POSITIVE_INFINITY) pot[v]! += dist[v]!;
    let f = Number.MAX_SAFE_INTEGER;
    for (let v = T; v !== S; v = to[prevArc[v]! ^ 1]!) f = Math.min(f, cap[prevArc[v]!]!);
    for (let v = T; v !== S; v = to[prevArc[v]! ^ 1]!) {
      cap[prevArc[v]!]! -= f;
      cap[prevArc[v]! ^ 1]! += f;
    }
  }
  const flow = new Int32Array(cand.pairs);
  for (let k = 0; k < cand.pairs; k++) flow[k] = cap[pairArc[k]! ^ 1]!;
  return flow;
}
