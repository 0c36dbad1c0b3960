/**
 * The cheapest pickup order that reaches the event in time, when the cheapest order overall is late: depth-first over
 * orders (lexicographic, keeping the first strictly shorter one, so deterministic), the car waiting at each stop until
 * its riders are ready. Pruned by length (from stop c the rest is at least d(c, j) + d(j, E) for every stop j still to
 * visit) and by time (the same bound in time, and stop j cannot be left before it is ready). Returns the path length
 * (road km), or +Infinity when no order is in time; the order goes to `orderOut`. Points as in geometry.ts's
 * `shortestPath`; `ready` per stop (ms, −Infinity: any time), `latest` the arrival deadline (ms), speed in km per ms.
 */
export function exactTimedPath(
  n: number,
  start: ArrayLike<number>,
  end: ArrayLike<number>,
  mat: ArrayLike<number>,
  stride: number,
  ready: ArrayLike<number>,
  depMs: number,
  latest: number,
  kmPerMs: number,
  orderOut: Int32Array,
): number {
  const used = new Uint8Array(n);
  const path = new Int32Array(n);
  let best = Number.POSITIVE_INFINITY;
  const visit = (depth: number, cur: number, len: number, t: number): void => {
    if (depth === n) {
      const total = len + end[cur]!;
      if (total < best && t + end[cur]! / kmPerMs <= latest) {
        best = total;
        orderOut.set(path.subarray(0, n));
      }
      return;
    }
    let rest = 0;
    let restT = 0;
    for (let j = 0; j < n; j++) {
      if (used[j] === 1) continue;
      const v = mat[cur * stride + j]! + end[j]!;
      if (v > rest) rest = v;
      const tj = Math.max(t + mat[cur * stride + j]! / kmPerMs, ready[j]!) + end[j]! / kmPerMs;
      if (tj > restT) restT = tj;
    }
    if (len + rest >= best + 1e-9 || restT > latest) return;
    for (let j = 0; j < n; j++) {
      if (used[j] === 1) continue;
      const next = len + mat[cur * stride + j]!;
      const tj = Math.max(t + mat[cur * stride + j]! / kmPerMs, ready[j]!);
      if (next + end[j]! >= best + 1e-9 || tj + end[j]! / kmPerMs > latest) continue;
      used[j] = 1;
      path[depth] = j;
      visit(depth + 1, j, next, tj);
      used[j] = 0;
    }
  };
  for (let j = 0; j < n; j++) {
    const tj = Math.max(depMs + start[j]! / kmPerMs, ready[j]!);
    if (tj + end[j]! / kmPerMs > latest) continue;
    used[j] = 1;
    path[0] = j;
    visit(1, j, start[j]!, tj);
    used[j] = 0;
  }
  return best;
}
