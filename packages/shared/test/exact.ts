import highsLoader, { type Highs } from 'highs';
import type { LatLng } from '../src/geo.ts';
import { assign } from '../src/matching/assign.ts';
import { Cars, Instance } from '../src/matching/instance.ts';
import type { Assignment, MatchDriver, MatchOptions, MatchRider } from '../src/matching/types.ts';

/**
 * The exact optimum for small instances, as a reference for tests and the benchmark: outside `src`, so nothing that
 * ships imports it or its solver (`highs` is a dev dependency).
 *
 * Columns: every feasible (driver, set of riders) — seats, access, and the whole route (cheapest order) within the
 * driver's limit. Feasibility is monotone (adding a pickup never shortens a route, by the triangle inequality, and
 * never frees a seat), so sets grow Apriori-style: a set of k+1 riders is tried only if all its k-subsets are
 * feasible. Then a set-packing integer programme with HiGHS: each driver takes at most one column, each rider is in
 * at most one chosen column; maximise people carried, then minimise total detour.
 *
 * The lexicographic objective is solved in two stages — (1) max Σ people·x, (2) min Σ detour·x subject to
 * Σ people·x ≥ the stage-1 optimum — which is exactly "max Σ people·x − ε·Σ detour·x with ε small enough that people
 * dominate", without asking the solver to resolve a 1e-7-scaled term under its default relative gap.
 */

export interface ExactOptions extends MatchOptions {
  /** Give up (status 'not-computed') beyond this many columns (default 200,000). */
  maxColumns?: number;
  /** Wall-clock budget for the solver, seconds (default 60). */
  timeLimitSec?: number;
  /** A known feasible assignment handed to the solver as its first incumbent (default: `assign`'s). */
  warmStart?: Assignment | null;
  /** Relative optimality gap on the detour stage (default 1e-6; the people stage is always solved exactly). */
  detourGap?: number;
}

export type ExactResult =
  | {
      /** 'optimal': people and detour both proven optimal; 'people-optimal': people proven, detour not (time). */
      status: 'optimal' | 'people-optimal';
      assignment: Assignment;
      columns: number;
      seconds: number;
    }
  | {
      status: 'not-computed';
      reason: 'too-many-columns' | 'time-limit';
      columns: number;
      seconds: number;
      /** The best people count the solver found (not proven optimal), when it found one. */
      incumbentPeople?: number;
      /** Upper bound on the optimum's people from the LP relaxation, when the columns were enumerated. */
      lpBound?: number;
    };

let loading: Promise<Highs> | null = null;
const loadHighs = (): Promise<Highs> => {
  loading ??= highsLoader();
  return loading;
};

export interface Columns {
  driver: number[];
  riders: number[][];
  people: number[];
  /** Detour the column adds to the driver's route (whole route minus the accepted-riders-only route). */
  added: number[];
}

/** Every feasible (driver, rider set) column, or null when there are more than `cap`. */
export function enumerateColumns(inst: Instance, cap: number): Columns | null {
  const cols: Columns = { driver: [], riders: [], people: [], added: [] };
  const base = new Cars(inst).base;
  const list: number[] = [];
  for (let d = 0; d < inst.nD; d++) {
    const free = inst.dSeats[d]!;
    const lim = inst.dLim[d]!;
    const singles: number[] = [];
    for (let r = 0; r < inst.nR; r++) {
      if (!inst.compatible(d, r) || inst.pair(d, r) > lim) continue;
      list[0] = r;
      const t = inst.fixedU[d] ? inst.routeDetour(d, list, 1) : inst.pair(d, r);
      if (t > lim) continue;
      singles.push(r);
      cols.driver.push(d);
      cols.riders.push([r]);
      cols.people.push(inst.rSeats[r]!);
      cols.added.push(t - base[d]!);
    }
    // Grow level by level; sets are ascending index lists into `singles`.
    let level: number[][] = singles.map((_, i) => [i]);
    let seen = new Set(level.map((s) => s.join(',')));
    while (level.length > 0) {
      const next: number[][] = [];
      const nextSeen = new Set<string>();
      for (const set of level) {
        let seats = 0;
        for (const i of set) seats += inst.rSeats[singles[i]!]!;
        for (let j = set[set.length - 1]! + 1; j < singles.length; j++) {
          if (seats + inst.rSeats[singles[j]!]! > free) continue;
          const cand = [...set, j];
          // Apriori: every subset one smaller must itself be feasible.
          let ok = true;
          for (let drop = 0; drop < cand.length - 1 && ok; drop++) {
            if (!seen.has(cand.filter((_, k) => k !== drop).join(','))) ok = false;
          }
          if (!ok) continue;
          list.length = 0;
          for (const i of cand) list.push(singles[i]!);
          const t = inst.routeDetour(d, list, list.length);
          if (t > lim) continue;
          next.push(cand);
          nextSeen.add(cand.join(','));
          cols.driver.push(d);
          cols.riders.push([...list]);
          cols.people.push(seats + inst.rSeats[singles[j]!]!);
          cols.added.push(t - base[d]!);
          if (cols.driver.length > cap) return null;
        }
      }
      level = next;
      seen = nextSeen;
    }
    if (cols.driver.length > cap) return null;
  }
  return cols;
}

export async function solveExact(
  drivers: readonly MatchDriver[],
  riders: readonly MatchRider[],
  event: LatLng,
  opts: ExactOptions = {},
): Promise<ExactResult> {
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  const inst = new Instance(drivers, riders, event, opts);
  const cap = opts.maxColumns ?? 200_000;
  const timeLimit = opts.timeLimitSec ?? 60;
  const cols = enumerateColumns(inst, cap);
  if (!cols) return { status: 'not-computed', reason: 'too-many-columns', columns: cap + 1, seconds: seconds() };
  const n = cols.driver.length;
  const highs = await loadHighs();
  const K = highs.constants;

  // Rows: one per driver (≤ 1 column), one per rider (≤ 1 column); stage 2 adds people ≥ P*.
  const starts = new Int32Array(n + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let j = 0; j < n; j++) {
    indices.push(cols.driver[j]!);
    values.push(1);
    for (const r of [...cols.riders[j]!].sort((a, b) => a - b)) {
      indices.push(inst.nD + r);
      values.push(1);
    }
    starts[j + 1] = indices.length;
  }
  const rows = inst.nD + inst.nR;
  const build = (stage: 1 | 2, people: number) => {
    const numRows = stage === 1 ? rows : rows + 1;
    const idx = stage === 1 ? indices : [] as number[];
    const val = stage === 1 ? values : [] as number[];
    const st = stage === 1 ? starts : new Int32Array(n + 1);
    if (stage === 2) {
      for (let j = 0; j < n; j++) {
        for (let k = starts[j]!; k < starts[j + 1]!; k++) {
          idx.push(indices[k]!);
          val.push(values[k]!);
        }
        idx.push(rows);
        val.push(cols.people[j]!);
        st[j + 1] = idx.length;
      }
    }
    const rowLower = new Float64Array(numRows).fill(-highs.infinity);
    const rowUpper = new Float64Array(numRows).fill(1);
    if (stage === 2) {
      rowLower[rows] = people - 0.5;
      rowUpper[rows] = highs.infinity;
    }
    return {
      numCols: n,
      numRows,
      sense: stage === 1 ? K.objectiveSense.maximize : K.objectiveSense.minimize,
      colCost: Float64Array.from(stage === 1 ? cols.people : cols.added),
      colLower: new Float64Array(n),
      colUpper: new Float64Array(n).fill(1),
      rowLower,
      rowUpper,
      matrix: { format: 'csc' as const, numRows, numCols: n, starts: st, indices: idx, values: val },
      integrality: new Int32Array(n).fill(K.variableType.integer),
    };
  };

  // The warm start, as column values.
  const colIndex = new Map<string, number>();
  for (let j = 0; j < n; j++) colIndex.set(`${cols.driver[j]}:${[...cols.riders[j]!].sort((a, b) => a - b).join(',')}`, j);
  const warm = opts.warmStart === undefined ? assign(drivers, riders, event, opts) : opts.warmStart;
  let start: Float64Array | null = null;
  if (warm) {
    const dIdx = new Map(inst.drivers.map((d, i) => [d.id, i]));
    const rIdx = new Map(inst.riders.map((r, i) => [r.id, i]));
    start = new Float64Array(n);
    for (const car of warm.cars) {
      const key = `${dIdx.get(car.driverId)}:${car.riderIds.map((id) => rIdx.get(id)!).sort((a, b) => a - b).join(',')}`;
      const j = colIndex.get(key);
      if (j === undefined) {
        start = null;
        break;
      }
      start[j] = 1;
    }
  }
  const detourGap = opts.detourGap ?? 1e-6;

  /** The LP relaxation of stage 1: an upper bound on the optimum's people (much faster than the integer solve). */
  const lpBound = (): number | undefined =>
    highs.withModel({ ...build(1, 0), integrality: undefined }, (model) => {
      model.options.set({ output_flag: false, presolve: 'off', time_limit: 30 });
      model.run();
      return model.getModelStatus() === K.modelStatus.optimal ? model.getObjectiveValue() : undefined;
    });

  const run = (stage: 1 | 2, people: number, incumbent: Float64Array | null) =>
    highs.withModel(build(stage, people), (model) => {
      model.options.set({
        output_flag: false,
        // HiGHS's presolve on these wide set-packing models is slow in WASM and does not watch the clock; the root
        // LP is cheap without it (measured: 4.5 s to prove stage 1 on 103k columns, versus > 140 s with presolve).
        presolve: 'off',
        time_limit: Math.max(1, timeLimit - seconds()),
        mip_rel_gap: stage === 1 ? 0 : detourGap,
        mip_abs_gap: stage === 1 ? 0.5 : 1e-7,
      });
      if (incumbent) model.setSolution({ colValue: incumbent });
      model.run();
      const status = model.getModelStatus();
      const x = status === K.modelStatus.optimal || status === K.modelStatus.timeLimit ? model.getSolution().colValue : null;
      return { optimal: status === K.modelStatus.optimal, x: x && x.length === n ? x : null };
    });

  if (n === 0) return { status: 'optimal', assignment: new Cars(inst).toAssignment(), columns: 0, seconds: seconds() };
  const s1 = run(1, 0, start);
  const peopleOf = (x: Float64Array) => {
    let p = 0;
    for (let j = 0; j < n; j++) if (x[j]! > 0.5) p += cols.people[j]!;
    return p;
  };
  if (!s1.optimal || !s1.x) {
    const lp = lpBound();
    return {
      status: 'not-computed',
      reason: 'time-limit',
      columns: n,
      seconds: seconds(),
      ...(s1.x ? { incumbentPeople: peopleOf(s1.x) } : {}),
      ...(lp !== undefined ? { lpBound: lp } : {}),
    };
  }
  const best = peopleOf(s1.x);
  const s2 = run(2, best, s1.x);
  const x = s2.x && peopleOf(s2.x) >= best ? s2.x : s1.x;
  const cars = new Cars(inst);
  for (let j = 0; j < n; j++) {
    if (x[j]! <= 0.5) continue;
    const d = cols.driver[j]!;
    const set = cols.riders[j]!;
    const t = inst.routeDetour(d, set, set.length);
    for (const r of set) cars.add(r, d, t);
  }
  const status = s2.optimal && x === s2.x ? 'optimal' : 'people-optimal';
  return { status, assignment: cars.toAssignment(), columns: n, seconds: seconds() };
}
