import type { Cars, Instance } from './instance.ts';
import { MaxFlow } from './maxflow.ts';

/**
 * Coaches planned together (instances with coaches): a maximum flow sends each hub rider's party to a coach that can
 * take it at the rider's hub on its own (S → rider → (coach, hub) → coach → T, capacities in people). Where a coach's
 * flow uses hubs no single route of it can visit together (a minimal such set, found by dropping hubs while the rest
 * still fails), each of those (coach, hub) pairs is tried banned and the ban keeping most flow is kept (ties: the
 * lower hub), until every coach's hubs fit; then whole parties are placed from the flow, by rider index, each route
 * re-checked. The search alone tends to fill coaches one at a time and strand seats; the flow sees all of them at
 * once (coaches-hubs: coaches alone 513 → 520 people). At most coaches × hubs bans. Returns riders placed.
 */
export function planCoaches(inst: Instance, cars: Cars): number {
  const H = inst.hubIds.length;
  const coaches: number[] = [];
  for (let d = 0; d < inst.nD; d++) if (inst.dCoach[d] === 1 && cars.members[d]!.length === 0) coaches.push(d);
  const C = coaches.length;
  if (C === 0 || H === 0) return 0;
  // Pairs (rider, coach) the coach can serve alone at the rider's hub.
  const riders: number[] = [];
  const pairs: number[][] = [];
  const one = [0];
  for (let r = 0; r < inst.nR; r++) {
    if (inst.rHub[r]! < 0 || cars.carOf[r] !== -1) continue;
    const ok: number[] = [];
    one[0] = r;
    for (let ci = 0; ci < C; ci++) {
      const c = coaches[ci]!;
      if (inst.rSeats[r]! <= inst.dSeats[c]! && inst.compatible(c, r) && inst.routeDetour(c, one, 1) <= inst.dLim[c]!) ok.push(ci);
    }
    if (ok.length > 0) {
      riders.push(r);
      pairs.push(ok);
    }
  }
  if (riders.length === 0) return 0;
  const banned = new Uint8Array(C * H);
  const R = riders.length;
  // Nodes: 0 source, riders, (coach, hub) pairs, coaches, sink.
  const CH0 = 1 + R;
  const C0 = CH0 + C * H;
  const T = C0 + C;
  let edges = R + C * H + C;
  for (const p of pairs) edges += p.length;
  const g = new MaxFlow(T + 1, edges);
  /** Per rider → (coach, hub) edge of the current graph: [edge, rider index, coach index]. */
  const riderEdges: number[][] = [];
  const flow = (): number => {
    g.clear();
    riderEdges.length = 0;
    for (let i = 0; i < R; i++) {
      const r = riders[i]!;
      g.add(0, 1 + i, inst.rSeats[r]!);
      const h = inst.rHub[r]!;
      for (const ci of pairs[i]!) {
        if (banned[ci * H + h] === 0) riderEdges.push([g.add(1 + i, CH0 + ci * H + h, inst.rSeats[r]!), i, ci]);
      }
    }
    for (let k = 0; k < C * H; k++) if (banned[k] === 0) g.add(CH0 + k, C0 + Math.floor(k / H), inst.dSeats[coaches[Math.floor(k / H)]!]!);
    for (let ci = 0; ci < C; ci++) g.add(C0 + ci, T, inst.dSeats[coaches[ci]!]!);
    return g.run(0, T);
  };
  /** Per coach, the riders whose whole party the current flow sends to it (by rider index). */
  const loads = (): number[][] => {
    const out: number[][] = Array.from({ length: C }, () => []);
    for (const [e, i, ci] of riderEdges) if (g.flowOn(e!) >= inst.rSeats[riders[i!]!]!) out[ci!]!.push(riders[i!]!);
    for (const l of out) l.sort((a, b) => a - b);
    return out;
  };
  const fits = (c: number, list: number[]) => list.length === 0 || inst.routeDetour(c, list, list.length) <= inst.dLim[c]!;
  /** A minimal set of hubs in coach ci's load that no route of it visits together, or null. */
  const conflict = (ci: number, load: number[]): number[] | null => {
    const c = coaches[ci]!;
    // One rider per hub stands for it, the latest ready (a stop waits for everyone boarding there).
    const rep = new Map<number, number>();
    for (const r of load) {
      const h = inst.rHub[r]!;
      const q = rep.get(h);
      if (q === undefined || inst.rReady[r]! > inst.rReady[q]!) rep.set(h, r);
    }
    let hubs = [...rep.keys()].sort((a, b) => a - b);
    if (fits(c, hubs.map((h) => rep.get(h)!))) return null;
    for (const h of [...hubs]) {
      const rest = hubs.filter((x) => x !== h);
      if (!fits(c, rest.map((x) => rep.get(x)!))) hubs = rest;
    }
    return hubs;
  };
  flow();
  for (let step = 0; step < C * H; step++) {
    const l = loads();
    let found: { ci: number; hubs: number[] } | null = null;
    for (let ci = 0; ci < C && !found; ci++) {
      const hubs = conflict(ci, l[ci]!);
      if (hubs) found = { ci, hubs };
    }
    if (!found) break;
    let bestH = -1;
    let bestF = -1;
    for (const h of found.hubs) {
      banned[found.ci * H + h] = 1;
      const f = flow();
      banned[found.ci * H + h] = 0;
      if (f > bestF) [bestF, bestH] = [f, h];
    }
    banned[found.ci * H + bestH] = 1;
    flow();
  }
  let placed = 0;
  const l = loads();
  for (let ci = 0; ci < C; ci++) {
    const c = coaches[ci]!;
    const list: number[] = [];
    for (const r of l[ci]!) {
      if (cars.carOf[r] !== -1 || cars.free[c]! < inst.rSeats[r]!) continue;
      list.push(r);
      const t = inst.routeDetour(c, list, list.length);
      if (t > inst.dLim[c]!) {
        list.pop();
        continue;
      }
      cars.add(r, c, t);
      placed++;
    }
  }
  return placed;
}
