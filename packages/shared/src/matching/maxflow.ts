/**
 * Dinic's maximum flow on integer capacities, over a fixed number of nodes. Edges are added in pairs (forward, then
 * its residual); `clear` drops them all so one graph's buffers serve many flows.
 */
export class MaxFlow {
  private readonly head: Int32Array;
  private readonly to: Int32Array;
  private readonly cap: Int32Array;
  private readonly next: Int32Array;
  private readonly level: Int32Array;
  private readonly it: Int32Array;
  private readonly queue: Int32Array;
  private m = 0;

  constructor(nodes: number, maxEdges: number) {
    this.head = new Int32Array(nodes).fill(-1);
    this.to = new Int32Array(2 * maxEdges);
    this.cap = new Int32Array(2 * maxEdges);
    this.next = new Int32Array(2 * maxEdges);
    this.level = new Int32Array(nodes);
    this.it = new Int32Array(nodes);
    this.queue = new Int32Array(nodes);
  }

  clear(): void {
    this.head.fill(-1);
    this.m = 0;
  }

  /** An edge u → v of capacity c; returns its index (for `flowOn`). */
  add(u: number, v: number, c: number): number {
    const { to, cap, next, head } = this;
    const e = this.m;
    to[e] = v;
    cap[e] = c;
    next[e] = head[u]!;
    head[u] = e;
    to[e + 1] = u;
    cap[e + 1] = 0;
    next[e + 1] = head[v]!;
    head[v] = e + 1;
    this.m += 2;
    return e;
  }

  /** Flow on edge e after `run`. */
  flowOn(e: number): number {
    return this.cap[e + 1]!;
  }

  /** The maximum flow from s to t (the edges keep it: see `flowOn`). */
  run(s: number, t: number): number {
    const { head, to, cap, next, level, it, queue } = this;
    const dfs = (u: number, f: number): number => {
      if (u === t) return f;
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
    let flow = 0;
    for (;;) {
      level.fill(-1);
      level[s] = 0;
      let qh = 0;
      let qt = 0;
      queue[qt++] = s;
      while (qh < qt) {
        const u = queue[qh++]!;
        for (let e = head[u]!; e >= 0; e = next[e]!) {
          if (cap[e]! > 0 && level[to[e]!]! < 0) {
            level[to[e]!] = level[u]! + 1;
            queue[qt++] = to[e]!;
          }
        }
      }
      if (level[t]! < 0) return flow;
      it.set(head);
      for (let f = dfs(s, Number.POSITIVE_INFINITY); f > 0; f = dfs(s, Number.POSITIVE_INFINITY)) flow += f;
    }
  }
}
