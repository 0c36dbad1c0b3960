import type { LatLng } from '../geo.ts';
import { Instance } from './instance.ts';
import type { MatchDriver, MatchOptions, MatchRider } from './types.ts';

/**
 * An upper bound on the people any feasible assignment can carry: a maximum flow where each request sends up to its
 * party size to drivers it could ride with alone (seats, access, single-pickup detour within the limit — necessary
 * for any route containing it), and each driver absorbs up to its free seats. It relaxes unsplit parties and the
 * whole-route limit, so it is ≥ the optimum. With hubs, a hub rider counts for a driver if any hub in reach works;
 * with a time rule, only pairs in time count. When `assign` reaches it, `assign` is provably optimal in people.
 * O(drivers × riders) pair checks: for benchmarks and tests, not for the product.
 */
export function peopleUpperBound(
  drivers: readonly MatchDriver[],
  riders: readonly MatchRider[],
  event: LatLng,
  opts: MatchOptions = {},
): number {
  const inst = new Instance(drivers, riders, event, opts);
  const { nD, nR } = inst;
  // Nodes: 0 source, 1..nR riders, nR+1..nR+nD drivers, nR+nD+1 sink.
  const S = 0;
  const T = nR + nD + 1;
  const N = T + 1;
  const head = new Int32Array(N).fill(-1);
  const to: number[] = [];
  const cap: number[] = [];
  const next: number[] = [];
  const edge = (u: number, v: number, c: number) => {
    to.push(v);
    cap.push(c);
    next.push(head[u]!);
    head[u] = to.length - 1;
    to.push(u);
    cap.push(0);
    next.push(head[v]!);
    head[v] = to.length - 1;
  };
  const list: number[] = [0];
  for (let r = 0; r < nR; r++) edge(S, 1 + r, inst.rSeats[r]!);
  for (let d = 0; d < nD; d++) edge(1 + nR + d, T, inst.dSeats[d]!);
  const alone = (d: number, r: number): boolean => {
    if (!inst.compatible(d, r) || inst.pair(d, r) > inst.dLim[d]!) return false;
    list[0] = r;
    return !inst.fixedU[d] || inst.routeDetour(d, list, 1) <= inst.dLim[d]!;
  };
  // A hub rider may board at any hub in reach (the matcher's final pass moves them): an edge if any of them works.
  const hubsOf = Array.from({ length: nR }, (_, r) => (inst.rHub[r]! >= 0 ? inst.reachableHubs(r) : []));
  for (let d = 0; d < nD; d++) {
    for (let r = 0; r < nR; r++) {
      const hubs = hubsOf[r]!;
      const own = inst.rHub[r]!;
      let ok = hubs.length === 0 && alone(d, r);
      for (let i = 0; i < hubs.length && !ok; i++) {
        inst.setHub(r, hubs[i]!);
        ok = alone(d, r);
      }
      if (hubs.length > 0) inst.setHub(r, own);
      if (ok) edge(1 + r, 1 + nR + d, inst.rSeats[r]!);
    }
  }
  // Dinic.
  const level = new Int32Array(N);
  const it = new Int32Array(N);
  const queue = new Int32Array(N);
  let flow = 0;
  for (;;) {
    level.fill(-1);
    level[S] = 0;
    let qh = 0;
    let qt = 0;
    queue[qt++] = S;
    while (qh < qt) {
      const u = queue[qh++]!;
      for (let e = head[u]!; e >= 0; e = next[e]!) {
        if (cap[e]! > 0 && level[to[e]!]! < 0) {
          level[to[e]!] = level[u]! + 1;
          queue[qt++] = to[e]!;
        }
      }
    }
    if (level[T]! < 0) break;
    it.set(head);
    const dfs = (u: number, f: number): number => {
      if (u === T) return f;
      for (; it[u]! >= 0; it[u] = next[it[u]!]!) {
        const e = it[u]!;
        const v = to[e]!;
        if (cap[e]! > 0 && level[v] === level[u]! + 1) {
          const got = dfs(v, Math.min(f, cap[e]!));
          if (got > 0) {
            cap[e]! -= got;
            cap[e ^ 1]! += got;
            return got;
          }
        }
      }
      return 0;
    };
    for (let f = dfs(S, Number.POSITIVE_INFINITY); f > 0; f = dfs(S, Number.POSITIVE_INFINITY)) flow += f;
  }
  return flow;
}
