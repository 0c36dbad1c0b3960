import highsLoader, { type Highs } from 'highs';
import type { LatLng } from '../src/geo.ts';
import { type BoundPairs, boundPairs, PointRoutes, routeCaps } from '../src/matching/bound.ts';
import { Instance } from '../src/matching/instance.ts';
import type { MatchDriver, MatchOptions, MatchRider } from '../src/matching/types.ts';

/**
 * An upper bound on people by an integer programme over pairs (dev only: `highs`). Variables x[d, r] ∈ {0, 1} for the
 * pairs of src/matching/bound.ts (r could ride with d alone); rows: each request in at most one car; per driver,
 * Σ party sizes ≤ its route cap (`routeCaps`); and per driver with at most `conflictPairs` pairs, x[d, r] + x[d, s] ≤ 1
 * when no route of d could visit a boarding point of r and one of s (`PointRoutes.fits`, a relaxation). Every
 * feasible assignment satisfies all of them (parties unsplit, a car's riders fit its seats and its route cap, and any
 * two of them share a route), so the programme's optimum is ≥ the true optimum, and so is any dual bound HiGHS
 * proves: the bound used is floor(dual bound), never the incumbent. Time-capped; when HiGHS has no bound, null.
 */

let loading: Promise<Highs> | null = null;
const loadHighs = (): Promise<Highs> => {
  loading ??= highsLoader();
  return loading;
};

export interface MipBoundOptions extends MatchOptions {
  /** Seconds for HiGHS (default 30). */
  timeLimitSec?: number;
  /** Skip (null) beyond this many pairs (default 60,000). */
  maxPairs?: number;
  /** Conflict rows only for drivers with at most this many pairs (default 80). */
  conflictPairs?: number;
}

export interface MipBound {
  /** floor of HiGHS's proven dual bound. */
  people: number;
  /** The programme solved to optimality (then `people` is its optimum). */
  optimal: boolean;
  pairs: number;
  conflicts: number;
  seconds: number;
}

/** The conflict rows: pairs (k, l) of one driver that no route of it can serve together. */
export function conflicts(bp: BoundPairs, maxPerDriver: number): [number, number][] {
  const { inst, dStart, pR, ptStart, pts } = bp;
  const routes = new PointRoutes(inst);
  const two = new Int32Array(2);
  const ready = new Float64Array(2);
  const out: [number, number][] = [];
  for (let d = 0; d < inst.nD; d++) {
    if (dStart[d + 1]! - dStart[d]! > maxPerDriver) continue;
    for (let k = dStart[d]!; k < dStart[d + 1]!; k++) {
      for (let l = k + 1; l < dStart[d + 1]!; l++) {
        let together = false;
        for (let a = ptStart[k]!; a < ptStart[k + 1]! && !together; a++) {
          for (let b = ptStart[l]!; b < ptStart[l + 1]! && !together; b++) {
            const ra = inst.rReady[pR[k]!]!;
            const rb = inst.rReady[pR[l]!]!;
            if (pts[a] === pts[b]) {
              two[0] = pts[a]!;
              ready[0] = Math.min(ra, rb);
              together = routes.fits(d, two, 1, ready);
            } else {
              two[0] = pts[a]!;
              two[1] = pts[b]!;
              ready[0] = ra;
              ready[1] = rb;
              together = routes.fits(d, two, 2, ready);
            }
          }
        }
        if (!together) out.push([k, l]);
      }
    }
  }
  return out;
}

export async function mipPeopleBound(
  drivers: readonly MatchDriver[],
  riders: readonly MatchRider[],
  event: LatLng,
  opts: MipBoundOptions = {},
): Promise<MipBound | null> {
  const started = Date.now();
  const inst = new Instance(drivers, riders, event, opts);
  const bp = boundPairs(inst);
  const n = bp.pR.length;
  if (n > (opts.maxPairs ?? 60_000)) return null;
  const { caps } = routeCaps(bp);
  const conf = conflicts(bp, opts.conflictPairs ?? 80);
  const { nD, nR, rSeats } = inst;
  // Rows: riders 0..nR-1, drivers nR..nR+nD-1, then conflicts.
  const rowsOf: number[][] = Array.from({ length: n }, () => []);
  const valsOf: number[][] = Array.from({ length: n }, () => []);
  for (let d = 0; d < nD; d++) {
    for (let k = bp.dStart[d]!; k < bp.dStart[d + 1]!; k++) {
      rowsOf[k]!.push(bp.pR[k]!, nR + d);
      valsOf[k]!.push(1, rSeats[bp.pR[k]!]!);
    }
  }
  conf.forEach(([k, l], i) => {
    rowsOf[k]!.push(nR + nD + i);
    valsOf[k]!.push(1);
    rowsOf[l]!.push(nR + nD + i);
    valsOf[l]!.push(1);
  });
  const numRows = nR + nD + conf.length;
  const starts = new Int32Array(n + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let k = 0; k < n; k++) {
    indices.push(...rowsOf[k]!);
    values.push(...valsOf[k]!);
    starts[k + 1] = indices.length;
  }
  const highs = await loadHighs();
  const K = highs.constants;
  const rowUpper = new Float64Array(numRows).fill(1);
  for (let d = 0; d < nD; d++) rowUpper[nR + d] = caps[d]!;
  const colCost = new Float64Array(n);
  for (let k = 0; k < n; k++) colCost[k] = rSeats[bp.pR[k]!]!;
  if (n === 0) return { people: 0, optimal: true, pairs: 0, conflicts: 0, seconds: 0 };
  const res = highs.withModel(
    {
      numCols: n,
      numRows,
      sense: K.objectiveSense.maximize,
      colCost,
      colLower: new Float64Array(n),
      colUpper: new Float64Array(n).fill(1),
      rowLower: new Float64Array(numRows).fill(-highs.infinity),
      rowUpper,
      matrix: { format: 'csc' as const, numRows, numCols: n, starts, indices, values },
      integrality: new Int32Array(n).fill(K.variableType.integer),
    },
    (model) => {
      model.options.set({ output_flag: false, time_limit: opts.timeLimitSec ?? 30, mip_rel_gap: 0, mip_abs_gap: 0.99 });
      model.run();
      const status = model.getModelStatus();
      const dual = Number(model.info.get('mip_dual_bound'));
      return { optimal: status === K.modelStatus.optimal, objective: model.getObjectiveValue(), dual };
    },
  );
  // Maximising, the dual bound is an upper bound on the programme's optimum (at optimality, within the 0.99 gap of
  // the incumbent, so still ≥ it); 1e-6 absorbs rounding of an integral bound.
  if (!Number.isFinite(res.dual)) return null;
  return {
    people: Math.floor(res.dual + 1e-6),
    optimal: res.optimal,
    pairs: n,
    conflicts: conf.length,
    seconds: (Date.now() - started) / 1000,
  };
}
