import type { LatLng } from '../geo.ts';
import { type CandidatePart, type Candidates, candidateLists, driverLists, narrowedDriverLists, riderLists } from './candidates.ts';
import { regroupCoaches } from './coachpairs.ts';
import { planCoaches } from './coachplan.ts';
import { minCostFlow, roundedCostFlow } from './flow.ts';
import { runGreedy } from './greedy.ts';
import { Cars, compareScore, Instance } from './instance.ts';
import { UnassignedIndex } from './open.ts';
import { groupSearch, iteratedSearch, mulberry32, pairSweep, type Region, SPLIT_GROUP_CARS, SPLIT_ROOM_EVERY } from './perturb.ts';
import { reassign } from './reassign.ts';
import { mixCars, recombine } from './recombine.ts';
import { refill } from './refill.ts';
import { applyCarsState, type CarsState, carIn, carsFromState, carsState, resplit, sideCandidates, splitRegions, wholeMap } from './regions.ts';
import { localSearch } from './search.ts';
import { grown, PairHeap } from './tree.ts';
import type { Assignment, AssignStats, MatchDriver, MatchOptions, MatchRider } from './types.ts';

export interface AssignOptions extends MatchOptions {
  /**
   * Up to this many requests and drivers (default 400) the thorough mode runs: every reachable pair is a candidate,
   * three starts (cheapest insertion, min-cost flow, greedy) are improved, then iterated local search (above 100 riders
   * one of the runs is in fast mode, `fastRunOptions`). Above it, the fast mode: the cheapest few candidates per driver
   * and per rider, one start, local search.
   */
  thoroughUpTo?: number;
  /**
   * Candidate riders kept per driver in fast mode (default 24 at ≥ 3 requests per driver, down to 6); above 4,000
   * requests + drivers the flow start (without coaches), the group re-solves and re-assignments on the split's sides,
   * the refills and the last re-assignment round see at least 40 (`WIDE_PER_DRIVER`).
   */
  perDriver?: number;
  /** Candidate drivers kept per rider the driver side left short, in fast mode (default 4; more where drivers are over half the requests, up to 8 at one per request). */
  perRider?: number;
  /** Riders scanned per driver search, as a multiple of perDriver (default 4): bounds the candidate search. */
  scanFactor?: number;
  /** Cars an augmenting-path search may expand (default: all in thorough mode, 32 in fast mode). */
  augmentStates?: number;
  /** Iterated-local-search rounds of each run in thorough mode (default: 150 at ≤ 100 requests, of 6 runs; 75 at 400, of 3). */
  iterations?: number;
  /** Seed of the iterated search's shuffles (fixed by default, so results are reproducible). */
  seed?: number;
  /**
   * Fast mode: exact re-solves of small groups of cars after the local search (default 2 × (requests + drivers), 500
   * to 3,600 per phase; above 4,000 requests + drivers, 10,800 on each side of the single, split phase).
   */
  groupRounds?: number;
  /** Fast mode: search nodes per group re-solve (default 1,000). */
  groupNodes?: number;
  /** Fast mode: route evaluations one phase of group re-solves may spend (default 1,000,000; 1,500,000 above 4,000 requests + drivers, on each side of its split). */
  groupEvaluations?: number;
  /**
   * Rounds of exact re-assignment of one party per car (./reassign.ts) after the search (default 6, 2 above 4,000
   * requests + drivers, then one more on each side of the split after the refills; 0 turns them all off).
   */
  reassignRounds?: number;
  /**
   * The costliest cars re-solved last, each with every car holding one of its 16 cheapest candidates (default 1,000).
   */
  sweepCars?: number;
  /**
   * Cars (the costliest) also re-solved with each of the 16 cars cheaper for one of their riders, candidates or not,
   * before the second group re-solves (fast mode, below 4,000 requests + drivers) and in the last sweep (default 100;
   * 0 turns it off).
   */
  sweepRiderCars?: number;
  /**
   * Above 4,000 requests + drivers, the last sweep on each side of the group phase's split, a helper thread taking one,
   * then a pass over all cars (default true; see its comment in `assignOnce`): one more side a helper thread may take.
   */
  splitSweep?: boolean;
  /**
   * The costliest cars filled again from scratch at the end, from riders waiting and riders another car can spare
   * (./refill.ts; default 500, then 300 more after a local search; 0 turns it off).
   */
  refillCars?: number;
  /** Cars per re-assignment block (default 1,024; the last round above 4,000 requests + drivers takes 1,536). */
  reassignBlock?: number;
  /** Local-search passes at most (default 12). */
  maxPasses?: number;
  /** Fast mode: passes of the first local search, before the group re-solves (default 3). */
  firstPasses?: number;
  /** Route evaluations one local search may spend (default 4,000,000) — a work bound, so results stay deterministic. */
  evaluationBudget?: number;
  /**
   * Multiplies every default search length and work bound above — group re-solves, iterated-search rounds and the
   * route evaluations each search may spend (default 1). More effort, more time, never a worse answer than its own
   * start; the benchmark's long run uses 4.
   */
  effort?: number;
  /**
   * Whole runs on ids renamed by fixed shuffles (default: by size, see `defaultStarts`). Ties and orders follow ids, so
   * each run reaches another local optimum; the answer takes each part of the map from the run best there
   * (./recombine.ts).
   */
  starts?: number;
}

export interface AssignResult extends Assignment {
  stats: AssignStats & {
    /**
     * The greedy baseline on the same instance, when it had to be computed to guarantee never doing worse; null when
     * the result already carries as many people as can possibly be carried, or greedy was stopped once it provably
     * could not carry as many as ours (then greedy cannot carry more).
     */
    greedy: { peopleMatched: number; totalDetourKm: number } | null;
    mode: 'thorough' | 'fast';
    /** The start the final result was improved from. */
    start: 'insertion' | 'flow' | 'greedy';
    candidatePairs: number;
    improvingMoves: number;
    routeEvaluations: number;
  };
}

/**
 * "Match everyone": choose cars for all open requests at once — maximise people carried, then minimise total route
 * detour — respecting free seats, unsplit parties, wheelchair access and each driver's limit on the WHOLE route.
 * Pure and deterministic: inputs are sorted by id first, every tie is broken explicitly, and every search is bounded
 * by counted work, never by the clock. See ./index.ts for the model and why the algorithm is shaped like this.
 */
export function assign(
  drivers: readonly MatchDriver[],
  riders: readonly MatchRider[],
  event: LatLng,
  opts: AssignOptions = {},
): AssignResult {
  const run = assignSteps(drivers, riders, event, opts);
  let step = run.next();
  // Nothing is handed to another thread: every offered task is declined, so the run does it itself.
  while (!step.done) step = run.next(false);
  return step.value;
}

/**
 * A task a run may hand to a helper thread: the group re-solves (then re-assignments) of one side of the split
 * (`region`), its last sweep, or its last re-assignment round, from `state` (every car), on the instance the helper built from the same inputs
 * (`prepareRun`). Its answer is `runRegionTask`'s.
 */
export interface RegionTask {
  kind: 'region';
  /** 0 for the run on the inputs as given, k for the k-th relabelled run (a helper prepared only the first). */
  run: number;
  state: CarsState;
  /** The helper's side (its cars and riders by index travel with it). */
  region: Region;
  rounds: number;
  nodes: number;
  evaluations: number;
  seed: number;
  /**
   * The side's own pairs of the wide candidate lists (`sideCandidates`): the side starts from a rounded min-cost flow
   * over them (cost unit `unitKm`, before the first search), and its group re-solves and re-assignments draw from them.
   */
  wide?: { arcs: Candidates; unitKm: number };
  /** Before the group re-solves, the run's first local search on the side: passes, route evaluations, augmenting states. */
  first?: { passes: number; budget: number; augmentStates: number };
  /** After the group re-solves, re-assignment rounds on the side (./reassign.ts): rounds, block size, seed. */
  reassign?: { rounds: number; block: number; seed: number };
  /** The side's own pairs of the wide lists, for its group re-solves and re-assignments, with no flow start (`wide` has one). */
  arcs?: Candidates;
  /** Instead of group re-solves: the last sweep on the side (`pairSweep`). */
  sweep?: SideSweep;
  /** With the first task of a run whose candidate lists the helper half built: the run's half of the rider side. */
  lists?: CandidatePart;
}

/**
 * Half of one side of a split run's candidate lists, from `lo` to `hi − 1`; the rider side's with the driver side's
 * first half, already cut to perDriver (`narrowed`): the helper never needs the wide lists.
 */
export type ListsTask = { kind: 'lists'; run: number; lo: number; hi: number } & (
  | { side: 'drivers' }
  | { side: 'riders'; first: CandidatePart }
);

/** The last sweep on one side: its `cars` costliest, as `pairSweep` takes them. */
export interface SideSweep {
  cars: number;
  perCar: number;
  riderCars: number;
  riderPairs: number;
}

export interface RegionAnswer {
  state: CarsState;
  evals: number;
  improvements: number;
}

/**
 * What a run asks of its host: `offer` a task (answer true if a helper takes it, false to have the run do it itself),
 * and later `collect` the oldest taken task's answer. With every offer declined the answer is the same, bit for bit:
 * relabelled runs are independent and compared in run order, and the two sides of a split touch disjoint cars and
 * riders.
 */
export type RunStep = { type: 'offer'; task: HelperTask } | { type: 'collect' };

/** A relabelled whole run (`runStartTask`), or one side of a split phase (`runRegionTask`). */
export type HelperTask = { kind: 'start'; k: number } | RegionTask | ListsTask;

/** What a host answers: to an offer, whether a helper took it; to a collect, the oldest taken task's answer. */
export type HostAnswer = boolean | RegionAnswer | AssignResult | CandidatePart | null | undefined;

/** `assign` as steps, for a host that can hand tasks to a helper thread (node/pool.ts in this package). */
export function* assignSteps(
  drivers: readonly MatchDriver[],
  riders: readonly MatchRider[],
  event: LatLng,
  opts: AssignOptions = {},
): Generator<RunStep, AssignResult, HostAnswer> {
  const effort = opts.effort ?? 1;
  if (!(effort > 0) || !Number.isFinite(effort)) throw new RangeError('effort must be a positive number');
  const starts = opts.starts ?? defaultStarts(riders.length, drivers.length, opts);
  // Every other relabelled run is offered to a helper, the rest run here meanwhile; all are mixed in run order, as if
  // each were done here in turn. (A run that splits its own work offers that instead.) Run 1 is offered before run 0
  // starts, so the two overlap; it starts as run 0 does (`startsFromFlow`), so where run 0 cannot be beaten it stops
  // as early, and the later runs are not made at all.
  const offers = starts > 1 && !splitsWork(riders.length, drivers.length, opts);
  const helped: number[] = [];
  if (offers && (yield { type: 'offer', task: { kind: 'start', k: 1 } }) === true) helped.push(1);
  let best = yield* assignOnce(drivers, riders, event, opts, 0);
  // No run can beat one that carries everyone it could (all people asking, or all seats) at no detour.
  if (starts <= 1 || (best.stats.peopleMatched >= mostCarried(drivers, riders) && best.stats.totalDetourKm <= 0)) return best;
  const { ds, rs, taken } = sortedInputs(drivers, riders);
  const runs = new Map<number, AssignResult | null>();
  if (offers) for (let k = 3; k < starts; k += 2) if ((yield { type: 'offer', task: { kind: 'start', k } }) === true) helped.push(k);
  for (let k = 1; k < starts; k++) if (!helped.includes(k)) runs.set(k, yield* relabelledRun(ds, rs, event, opts, k, taken));
  for (const k of helped) runs.set(k, (yield { type: 'collect' }) as AssignResult | null);
  const answers: AssignResult[] = [best];
  for (let k = 1; k < starts; k++) {
    const a = runs.get(k)!;
    if (!a) break;
    answers.push(a);
    const [p, q] = [a.stats.peopleMatched, best.stats.peopleMatched];
    if (p > q || (p === q && a.stats.totalDetourKm < best.stats.totalDetourKm - 1e-9)) best = a;
  }
  const { cars, unmatched, totals } = recombine(answers);
  return { cars, unmatched, stats: { ...best.stats, ...totals } };
}

function sortedInputs(drivers: readonly MatchDriver[], riders: readonly MatchRider[]) {
  const ds = [...drivers].sort(byId);
  const rs = [...riders].sort(byId);
  const taken = new Set<string>();
  for (const d of ds) for (const a of d.acceptedRiders ?? []) taken.add(a.id);
  return { ds, rs, taken };
}

/** A helper's relabelled run k (see `assignSteps`): the answer the run would have found itself. */
export function runStartTask(
  drivers: readonly MatchDriver[],
  riders: readonly MatchRider[],
  event: LatLng,
  opts: AssignOptions,
  k: number,
): AssignResult | null {
  const { ds, rs, taken } = sortedInputs(drivers, riders);
  const run = relabelledRun(ds, rs, event, opts, k, taken);
  let step = run.next();
  while (!step.done) step = run.next(false);
  return step.value;
}

/** The most people any answer could carry: everyone asking, or every seat. */
function mostCarried(drivers: readonly MatchDriver[], riders: readonly MatchRider[]): number {
  let seats = 0;
  for (const d of drivers) seats += d.seats;
  let asked = 0;
  for (const r of riders) asked += r.seats;
  return Math.min(seats, asked);
}

/**
 * Whole runs by size (requests + drivers): measured on the benchmark, a relabelled run often finds 6–24 % less detour
 * (sometimes a few more people) than one run; in thorough mode 6 up to 100 riders and 3 above (`thoroughStarts`), and
 * above 100 riders a fourth in fast mode (`fastRunOptions`); 4 in fast mode below 4,000 (two of them from the flow,
 * `startsFromFlow`), 1 above. With a helper thread each thread makes half, so 4 take about the wall time of 3 (pool,
 * alternated medians of 5: canvass-1000, realistic-1000, drivers-rich, coaches-hubs within ±8 %).
 */
function defaultStarts(nR: number, nD: number, opts: AssignOptions): number {
  if (isLarge(nR, nD)) return 1;
  if (!thoroughSize(nR, nD, opts)) return 4;
  return thoroughStarts(nR) + (mixesFastRun(nR, nD, opts) ? 1 : 0);
}

/** The run thorough mode above 100 riders makes in fast mode (`fastRunOptions`). */
const THOROUGH_FAST_RUN = 3;

/** Whether a run on so many requests and drivers is thorough and makes one of its runs in fast mode. */
function mixesFastRun(nR: number, nD: number, opts: AssignOptions): boolean {
  return nR > 100 && thoroughSize(nR, nD, opts);
}

/**
 * A run's options. Thorough mode above 100 riders makes run 3 in fast mode: its group re-solves reach what the
 * iterated search's single moves do not (long exchanges among cars with loose limits), while the thorough runs carry
 * the people where it falls short (minibuses). The mix then takes each part from the better. 400 × 121, six instance
 * seeds of the benchmark's eight such shapes (48 with detour), single thread: same people, detour −1.3 % (geometric
 * mean), worse on none (uniform30-loose −4.9 %, canvass −1.8 %, realistic −1.4 %); a fast run alone instead was worse on
 * 18 and carried 8 fewer people on one. In the API's pool the helper, which made one run of three, makes it: wall
 * time within ±10 % (time-windows +35 %). Two fast runs (5 in all): −1.8 %, for +15–50 % wall time.
 */
function fastRunOptions(nR: number, nD: number, opts: AssignOptions, k: number): AssignOptions {
  return k === THOROUGH_FAST_RUN && mixesFastRun(nR, nD, opts) ? { ...opts, thoroughUpTo: 0 } : opts;
}

/**
 * Up to 100 riders thorough mode spreads the iterated-search rounds of 3 runs (`defaultIterations`) over 6: the mix
 * gains more from more runs than from longer ones there. On the benchmark's 33 instances of up to 100 riders, single
 * thread: the same people on all, and the best known reached on three more (uniform10-mixed-60 48.3 → 46.3 km,
 * uniform30-mixed-60 99.9 → 98.6, minibuses-mixed-60 113.2 → 110.9), none worse; on 58 of the same shapes it was not
 * tuned on (new seeds), the same people, less detour on 5 (up to −1.7 %), none worse. In the API's pool, −25 to
 * +20 % wall time (medians of 5, alternated: each thread makes three shorter runs). Above, 3 runs: at 400 × 121 on
 * 18 instances not tuned on, 6 runs gave −0.8 % detour (geometric mean) for +25 to +75 % wall time, and 4 runs of ¾
 * the rounds, at the same wall time, −0.1 % (worse on 3, up to +3.6 %).
 */
function thoroughStarts(nR: number): number {
  return nR <= 100 ? 6 : 3;
}

/**
 * Which runs start from the rounded min-cost flow instead of cheapest insertion.
 *
 * Fast mode below 4,000 requests + drivers: runs 2 and 3 (with ready times, run 3 only: the flow prices pairs, not
 * waits, and more of its cars break their times). Runs 0 and 1 go side by side and both stop early where nothing can
 * be beaten; then each thread makes one flow run. Mean over three seeds of the eleven such benchmark instances, detour
 * ÷ the best known: 1.062 → 1.002 (coaches-hubs 1.08 → 0.76, drivers-rich 1.11 → 1.09, uniform30-mixed 1.09 → 1.05),
 * same people; four insertion runs: 1.048.
 *
 * Above, the one run, unless it has coaches. At 10,000 × 3,000 (the six benchmark instances without coaches, three
 * seeds of the search and two more of the instances, against insertion): detour −11 % (geometric mean; uniform30-mixed
 * −12 to −30 %, realistic-london −7 to −39 %, rally-london −10 to −29 %, realistic −26 to +14 %, parties1-4 ±7 %),
 * but canvass −2 to +28 %, worse on four of five; same people; wall time +0 to +0.47 s (in the pool).
 * With coaches, insertion and its coach relief carry more people (rally-hubs on another instance seed: 9 fewer from
 * the flow); its hubs and ready times without its coaches (two instance seeds): same people, detour −9 and −11 %.
 */
export function startsFromFlow(inst: Pick<Instance, 'nR' | 'nD' | 'hasCoaches' | 'waits'>, thorough: boolean, run: number): boolean {
  if (thorough) return false;
  if (isLarge(inst.nR, inst.nD)) return !inst.hasCoaches;
  return run === 3 || (run === 2 && !inst.waits);
}

/**
 * The flow start's cost unit per person: 50 m below 4,000 requests + drivers (within 50 m a person of the exact flow's
 * cost; 20–130 ms at 1,000–2,000 riders, against 0.2–1.2 s exact). Above, 500 m: 70–300 ms at 10,000 × 3,000 against
 * 0.3–1.1 s at 50 m, and less detour after the first search on all seven instances (over the five seeds above, detour
 * 0.90 × insertion's at 500 m, 0.92 at 1 km). On the wide lists (`WIDE_PER_DRIVER`) 1 km saves 50–100 ms of flow,
 * but the run ends with 0.8 % more detour (geometric mean, 42 cases).
 */
function flowUnitKm(inst: Instance): number {
  return isLarge(inst.nR, inst.nD) ? 0.5 : 0.05;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * One run with driver and rider ids renamed by a shuffle seeded with `k` (of the id-sorted inputs, so input order
 * never matters), mapped back. Null if a new name could clash with an accepted rider's id.
 */
function* relabelledRun(
  ds: readonly MatchDriver[],
  rs: readonly MatchRider[],
  event: LatLng,
  opts: AssignOptions,
  k: number,
  taken: ReadonlySet<string>,
): Generator<RunStep, AssignResult | null, HostAnswer> {
  const rand = mulberry32(0x9e3779b9 ^ (k * 0x85ebca6b));
  const names = (n: number, prefix: string) => {
    const p = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [p[i], p[j]] = [p[j]!, p[i]!];
    }
    return p.map((i) => `${prefix}${String(i).padStart(9, '0')}`);
  };
  const dNames = names(ds.length, '\u0001d');
  const rNames = names(rs.length, '\u0001r');
  if (rNames.some((n) => taken.has(n))) return null;
  const dBack = new Map(dNames.map((n, i) => [n, ds[i]!.id]));
  const rBack = new Map(rNames.map((n, i) => [n, rs[i]!.id]));
  const a = yield* assignOnce(
    ds.map((d, i) => ({ ...d, id: dNames[i]! })),
    rs.map((r, i) => ({ ...r, id: rNames[i]! })),
    event,
    fastRunOptions(rs.length, ds.length, opts, k),
    k,
  );
  const r = (id: string) => rBack.get(id) ?? id;
  const cars = a.cars.map((c) => ({
    ...c,
    driverId: dBack.get(c.driverId)!,
    riderIds: c.riderIds.map(r),
    pickupOrder: c.pickupOrder.map(r),
    stops: c.stops.map((st) => ({ ...st, riderIds: st.riderIds.map(r) })),
  }));
  cars.sort((x, y) => (x.driverId < y.driverId ? -1 : x.driverId > y.driverId ? 1 : 0));
  return { ...a, cars, unmatched: a.unmatched.map(r).sort() };
}

/** The instance and candidate pairs of a run: the same, bit for bit, wherever they are built from the same inputs. */
export function prepareRun(
  drivers: readonly MatchDriver[],
  riders: readonly MatchRider[],
  event: LatLng,
  opts: AssignOptions,
): { inst: Instance; cand: Candidates; wide: Candidates | null; thorough: boolean; perDriver: number; perRider: number } {
  const base = runBase(drivers, riders, event, opts);
  const { inst, listed, perRider, scan, skipLate } = base;
  const side = [driverLists(inst, listed, scan, skipLate, 0, inst.nD)];
  const narrow = narrowed(base, side);
  return { ...base, ...bothLists(base, side, narrow, [riderLists(inst, narrow, perRider, scan, skipLate, 0, inst.nR)]) };
}

/** The driver side's parts cut to `perDriver` each, when they were listed longer (see `runBase`). */
function narrowed(base: ReturnType<typeof runBase>, side: CandidatePart[]): CandidatePart[] {
  return base.listed > base.perDriver ? side.map((p) => narrowedDriverLists(base.inst, p, base.perDriver)) : side;
}

/** The candidate lists of a run, and its wide lists if its driver side was listed longer. */
function bothLists(base: ReturnType<typeof runBase>, side: CandidatePart[], narrow: CandidatePart[], riderSide: CandidatePart[]) {
  return {
    cand: candidateLists(base.inst, [...narrow, ...riderSide]),
    wide: base.listed > base.perDriver ? candidateLists(base.inst, [...side, ...riderSide]) : null,
  };
}

/**
 * `prepareRun` for a run that splits its work: a helper may build the second half of each side of the candidate lists
 * (first the drivers', then, with the first half of those, the riders'). `share`: the run's half of the rider side,
 * for the helper's lists (with its first region task), if the helper built the other half.
 */
function* prepareSteps(
  drivers: readonly MatchDriver[],
  riders: readonly MatchRider[],
  event: LatLng,
  opts: AssignOptions,
  run: number,
): Generator<RunStep, ReturnType<typeof prepareRun> & { share: CandidatePart | null }, HostAnswer> {
  if (!splitsWork(riders.length, drivers.length, opts)) return { ...prepareRun(drivers, riders, event, opts), share: null };
  const base = runBase(drivers, riders, event, opts);
  const { inst, listed, perRider, scan, skipLate } = base;
  const [h, hr] = [inst.nD >> 1, inst.nR >> 1];
  const helped = (yield { type: 'offer', task: { kind: 'lists', run, side: 'drivers', lo: h, hi: inst.nD } }) === true;
  const d0 = driverLists(inst, listed, scan, skipLate, 0, h);
  const d1 = helped ? ((yield { type: 'collect' }) as CandidatePart) : driverLists(inst, listed, scan, skipLate, h, inst.nD);
  const narrow = narrowed(base, [d0, d1]);
  const both = helped && (yield { type: 'offer', task: { kind: 'lists', run, side: 'riders', lo: hr, hi: inst.nR, first: narrow[0]! } }) === true;
  const r0 = riderLists(inst, narrow, perRider, scan, skipLate, 0, hr);
  const r1 = both ? ((yield { type: 'collect' }) as CandidatePart) : riderLists(inst, narrow, perRider, scan, skipLate, hr, inst.nR);
  return { ...base, ...bothLists(base, [d0, d1], narrow, [r0, r1]), share: both ? r0 : null };
}

/**
 * A helper thread's side of the runs it is handed: whole relabelled runs (`runStartTask`), halves of a split run's
 * candidate lists, and sides of its split phases, on the instance it builds from the same inputs.
 */
export class HelperRun {
  private base: ReturnType<typeof runBase> | null = null;
  private prep: ReturnType<typeof prepareRun> | null = null;
  private lists: { drivers?: CandidatePart; narrow?: CandidatePart[]; riders?: CandidatePart } = {};

  constructor(
    private readonly drivers: readonly MatchDriver[],
    private readonly riders: readonly MatchRider[],
    private readonly event: LatLng,
    private readonly opts: AssignOptions,
  ) {}

  answer(task: HelperTask): HostAnswer {
    const { drivers, riders, event, opts } = this;
    if (task.kind === 'start') return runStartTask(drivers, riders, event, opts, task.k);
    if (task.kind === 'lists') {
      this.base ??= runBase(drivers, riders, event, opts);
      const base = this.base;
      const { inst, listed, perRider, scan, skipLate } = base;
      if (task.side === 'drivers') {
        this.lists = { drivers: driverLists(inst, listed, scan, skipLate, task.lo, task.hi) };
        return this.lists.drivers;
      }
      const own = this.lists.drivers ?? driverLists(inst, listed, scan, skipLate, inst.nD >> 1, inst.nD);
      const narrow = [task.first, ...narrowed(base, [own])];
      const part = riderLists(inst, narrow, perRider, scan, skipLate, task.lo, task.hi);
      this.lists = { drivers: own, narrow, riders: part };
      return part;
    }
    const { narrow, riders: r1 } = this.lists;
    if (!this.prep && this.base && task.lists && narrow && r1) {
      // The flow start and the refills, the uses of the wide lists off the sides, are the run's own.
      this.prep = { ...this.base, cand: candidateLists(this.base.inst, [...narrow, task.lists, r1]), wide: null };
    }
    this.prep ??= prepareRun(drivers, riders, event, opts);
    this.lists = {};
    return runRegionTask(this.prep, task);
  }
}

function runBase(drivers: readonly MatchDriver[], riders: readonly MatchRider[], event: LatLng, opts: AssignOptions) {
  const inst = new Instance(drivers, riders, event, opts);
  const thorough = thoroughSize(inst.nR, inst.nD, opts);
  // Fast mode: ~24 per driver at the usual ~3 requests per driver, fewer when drivers outnumber requests (each
  // driver then needs fewer, and the rider side fills in for riders left short).
  const perDriver = thorough
    ? inst.nR
    : (opts.perDriver ?? Math.max(6, Math.min(24, Math.round((8 * inst.nR) / Math.max(1, inst.nD)))));
  // Per rider, 4, up to 8 as drivers outnumber requests: then the driver side's short lists leave many riders with few
  // cars, and the cheap ones missing (drivers-rich, 1,000 × 1,000, six seeds of search or instance: detour −1 to −12 %,
  // mean −7 %, same people; no benchmark instance below one driver per two requests changes).
  const perRider = thorough ? inst.nD : (opts.perRider ?? Math.max(4, Math.min(8, Math.round((8 * inst.nD) / Math.max(1, inst.nR)))));
  // Above 4,000 requests + drivers, the driver side is listed to WIDE_PER_DRIVER for the flow start (without coaches),
  // the group re-solves, the refills and the re-assignments; everything else takes each driver's perDriver cheapest
  // (`narrowed`).
  const listed = !thorough && isLarge(inst.nR, inst.nD) ? Math.max(perDriver, WIDE_PER_DRIVER) : perDriver;
  // How far each list's search scans, and whether fast mode leaves out riders no car could get there in time.
  return { inst, thorough, perDriver, perRider, listed, scan: opts.scanFactor ?? 4, skipLate: !thorough };
}

/** A helper's side of the split: `task` on the prepared instance. */
export function runRegionTask(prep: { inst: Instance; cand: Candidates }, task: RegionTask): RegionAnswer {
  const cars = carsFromState(prep.inst, task.state);
  const done = regionWork(prep.inst, cars, prep.cand, task);
  return { state: carsState(cars, task.region.cars), ...done };
}

/**
 * Both sides of a split: `task` (one side) offered to a helper, `mine` (the other) done here meanwhile, then `task` here
 * too if no helper took it; its cars' state applied if one did. The sides touch disjoint cars and riders, so the answer
 * is the same either way.
 */
function* bothSides(
  inst: Instance,
  cars: Cars,
  cand: Candidates,
  task: RegionTask,
  mine: RegionTask,
): Generator<RunStep, Omit<RegionAnswer, 'state'>, HostAnswer> {
  const taken = (yield { type: 'offer', task }) === true;
  const p = regionWork(inst, cars, cand, mine);
  const other = taken ? ((yield { type: 'collect' }) as RegionAnswer) : null;
  const q = other ?? regionWork(inst, cars, cand, task);
  if (other) applyCarsState(cars, other.state);
  return { improvements: p.improvements + q.improvements, evals: p.evals + q.evals };
}

/**
 * `work` on the run's thread while `task` (group re-solves on a copy of every car) is offered to a helper, then made
 * here if none took it; each part where the copy ended better is then taken from it (`mixCars`). The copy starts from
 * the state before `work`, either way, so the answer is the same. Returns what the copy's search counted.
 */
function* withCopy(
  inst: Instance,
  cars: Cars,
  cand: Candidates,
  task: RegionTask,
  work: () => void,
): Generator<RunStep, Omit<RegionAnswer, 'state'>, HostAnswer> {
  const taken = (yield { type: 'offer', task }) === true;
  work();
  const { state, ...counts } = taken ? ((yield { type: 'collect' }) as RegionAnswer) : runRegionTask({ inst, cand }, task);
  mixCars(cars, carsFromState(inst, state));
  return counts;
}

/** One side's work, wherever it runs: it reads and changes only that side's cars and riders. */
function regionWork(inst: Instance, cars: Cars, cand: Candidates, task: RegionTask): Omit<RegionAnswer, 'state'> {
  const { region, sweep } = task;
  if (sweep) {
    const focus = costliestCars(inst, cars, sweep.cars, region);
    const p = pairSweep(inst, cars, cand, focus, sweep.perCar, task.nodes, sweep.riderCars, sweep.riderPairs, region);
    return p;
  }
  if (task.wide) {
    const { arcs, unitKm } = task.wide;
    applyCarsState(cars, carsState(flowConstruct(inst, arcs, roundedCostFlow(inst, arcs, unitKm)), region.cars));
  }
  const wide = task.wide?.arcs ?? task.arcs ?? cand;
  const f = task.first;
  const s = f ? localSearch(inst, cars, cand, f.passes, f.budget, f.augmentStates, true, region) : { moves: 0, evals: 0 };
  const g =
    task.rounds > 0
      ? groupSearch(inst, cars, wide, task.rounds, task.nodes, task.evaluations, task.seed, region, SPLIT_GROUP_CARS, SPLIT_ROOM_EVERY)
      : { improvements: 0, evals: 0 };
  const ra = task.reassign;
  const r = ra ? reassign(inst, cars, wide, ra.rounds, ra.block, ra.seed, region) : { improvements: 0, evals: 0 };
  return { improvements: s.moves + g.improvements + r.improvements, evals: s.evals + g.evals + r.evals };
}

/** Whether a run on so many requests and drivers splits its group re-solves in two (a helper may take one side). */
export function splitsWork(riders: number, drivers: number, opts: AssignOptions = {}): boolean {
  return isLarge(riders, drivers) && !thoroughSize(riders, drivers, opts) && opts.groupRounds !== 0;
}

/** Whether so many requests and drivers get thorough mode. */
function thoroughSize(riders: number, drivers: number, opts: AssignOptions): boolean {
  const limit = opts.thoroughUpTo ?? 400;
  return riders <= limit && drivers <= limit;
}

function* assignOnce(
  drivers: readonly MatchDriver[],
  riders: readonly MatchRider[],
  event: LatLng,
  opts: AssignOptions,
  run: number,
): Generator<RunStep, AssignResult, HostAnswer> {
  const { inst, cand, wide, thorough, perDriver, perRider, share } = yield* prepareSteps(drivers, riders, event, opts, run);
  const effort = opts.effort ?? 1;
  const budget = opts.evaluationBudget ?? effort * 4_000_000;
  const groupEvaluations = opts.groupEvaluations ?? effort * defaultGroupEvaluations(inst.nR, inst.nD);
  const groupRounds = opts.groupRounds ?? Math.round(effort * defaultGroupRounds(inst.nR, inst.nD));
  const maxPasses = opts.maxPasses ?? 12;
  const augmentStates = opts.augmentStates ?? (thorough ? inst.nD : 32);
  let evals = 0;
  let moves = 0;
  const improve = (cars: Cars, passes = maxPasses): Cars => {
    const s = localSearch(inst, cars, cand, passes, budget, augmentStates);
    evals += s.evals;
    moves += s.moves;
    return cars;
  };

  // Fast mode: the first local search stops after a few passes — its later passes refine detour the group re-solves
  // improve far more for the time (measured at 10,000 × 3,000, with 3,600 rather than 2,400 group rounds: detour −5 to
  // −22 % on every instance at about the same CPU; rally-hubs 7 more people).
  const firstPasses = thorough ? maxPasses : (opts.firstPasses ?? FIRST_PASSES_FAST);
  // Above 4,000 requests + drivers without coaches, the first search runs on each side of the group phase's split, as
  // the first part of it (below), so the two threads share it: at 10,000 × 3,000, −0.1 to −0.2 s of wall time on all
  // six such instances, detour −2 % (geometric mean of seven seeds, 42 cases, −26 to +35 %), the same people. Coaches
  // gather at hubs on both sides of any line: split, rally-hubs had +10 to +27 % detour at three seeds.
  const firstOnSides = !thorough && splitsWork(inst.nR, inst.nD, opts) && !inst.hasCoaches;
  const first = (cars: Cars): Cars => (firstOnSides ? cars : improve(cars, firstPasses));
  let start: 'insertion' | 'flow' | 'greedy' = 'insertion';
  let best: Cars;
  // So does its flow start, each side over its own pairs (`sideCandidates`), the split drawn before anyone rides: the
  // flow then runs on both threads, not on the run's thread alone. At 10,000 × 3,000 (six seeds × six instances):
  // the same people, detour −0.2 % (geometric mean; worse on 17 of 36, rally-10000 +8 % on five seeds); in the API's
  // pool −2 to −21 % wall time (medians of 3, two rounds alternated with the flow over the whole map). The side's
  // group re-solves and re-assignments then draw from the same wide pairs, which each thread now has for its side:
  // on the same 36, detour −6.8 % more (worse on 7; −4.6 % from the group re-solves alone, and −3.7 % when the first
  // search took them too), same people, wall time 0.95–1.15 × (medians of 3, two rounds alternated).
  const sideSplit = firstOnSides && startsFromFlow(inst, thorough, run) ? splitRegions(inst, new Cars(inst), cand, event) : null;
  if (sideSplit) {
    best = new Cars(inst);
    start = 'flow';
  } else if (startsFromFlow(inst, thorough, run)) {
    // A min-cost flow sees scarcity over the whole map, where insertion fills the cheapest pickup first; rounded, it
    // takes 20–130 ms at 1,000–2,000 riders and 90–300 ms at 10,000 × 3,000 (./flow.ts, `flowUnitKm`); above 4,000
    // requests + drivers on the wide lists (`WIDE_PER_DRIVER`).
    const arcs = wide ?? cand;
    best = first(flowConstruct(inst, arcs, roundedCostFlow(inst, arcs, flowUnitKm(inst))));
    start = 'flow';
  } else {
    best = construct(inst, cand);
    // Coaches take hub riders out of cars at hubs where they stop anyway; the search then refills those cars
    // (rally-hubs: 7,906 → 8,053 people with the longer coach lists in ./candidates.ts, the max-flow bound; +0.1 s).
    if (inst.hasCoaches) moves += coachRelief(inst, best);
    best = first(best);
    // Below 4,000 requests + drivers, a second start with the coaches planned together by flow (./coachplan.ts), kept
    // if better after its first search: the search fills coaches one at a time, and a coach that took the hub another
    // could alone reach strands its seats (coaches-hubs: 1,892 → 1,906 people, the max-flow bound; about +5% time).
    // Above, the plan's repeated flows cost seconds (rally-hubs: +3.7 s, same answer).
    if (inst.hasCoaches && !isLarge(inst.nR, inst.nD)) {
      const planned = new Cars(inst);
      moves += planCoaches(inst, planned);
      const alt = improve(construct(inst, cand, planned), firstPasses);
      if (compareScore(alt.score(), best.score()) > 0) best = alt;
    }
  }
  let greedy: Cars | null = null;
  // What every side task (`bothSides`) starts from: every car's state as it is now, and its side; and the side's own
  // pairs of the wide lists, where there are any.
  const onSide = (region: Region) => ({ kind: 'region' as const, run, state: carsState(best, Int32Array.from({ length: inst.nD }, (_, d) => d)), region });
  const sideArcs = (region: Region) => (wide ? { arcs: sideCandidates(wide, region) } : {});
  // Above 4,000 requests + drivers: the split of the group phase (null if it did not run).
  let split: [Region, Region] | null = null;
  // Everyone asking (or every seat) carried at no added detour cannot be beaten: the searches below would only spend
  // time (everyone at one spot, 400 × 121: 3.3 s for the answer the first search had).
  const most = mostCarried(drivers, riders);
  const unbeatable = () => {
    const s = best.score();
    return s.people >= most && s.detour <= 1e-9;
  };
  if (unbeatable()) {
    // nothing to search for
  } else if (thorough) {
    const flow = improve(flowConstruct(inst, cand));
    if (compareScore(flow.score(), best.score()) > 0) [best, start] = [flow, 'flow'];
    greedy = runGreedy(inst);
    const fromGreedy = improve(greedy.clone());
    if (compareScore(fromGreedy.score(), best.score()) > 0) [best, start] = [fromGreedy, 'greedy'];
    const iterations = opts.iterations ?? Math.round(effort * defaultIterations(inst.nR));
    // A coach's every route evaluation lists its ~70 riders: with coaches the iterated search gets a quarter of the
    // evaluations (3 coaches, 30 cars, 300 riders: 2.3 M → 0.8 M, CPU 10.5 → 4 s, same 280 people, detour +5 %).
    const itBudget = effort * (inst.hasCoaches ? 500_000 : 2_000_000);
    const it = iteratedSearch(inst, best, cand, iterations, augmentStates, itBudget, opts.seed ?? 0x5eed);
    evals += it.evals;
    moves += it.improvements;
    best = it.cars;
  } else if (!splitsWork(inst.nR, inst.nD, opts)) {
    // Exact re-solves of small groups of related cars: what single moves cannot reach (a car giving up two riders
    // for three others, a chain of cars swapping), at a cost per round that does not grow with the instance.
    const g = groupSearch(inst, best, cand, groupRounds, opts.groupNodes ?? 1_000, groupEvaluations, opts.seed ?? 0x5eed);
    evals += g.evals;
    moves += g.improvements;
  } else {
    // Above 4,000 requests + drivers, the same on each side of a line through the event, each side with the whole
    // phase's rounds: a host with a second core runs one side there (twice the re-solves in about the same time).
    // Each side first makes the first search (without coaches, `firstOnSides`), and after its rounds the
    // re-assignment rounds of `polish` below, on its own cars and riders, so they are split too (0.1–0.2 s on one
    // thread at 10,000 × 3,000: the time the last sweep's rider cars take); the local search after them runs over all
    // cars.
    const nodes = opts.groupNodes ?? 1_000;
    const seed = opts.seed ?? 0x5eed;
    split = sideSplit ?? splitRegions(inst, best, cand, event);
    const [a, b] = split;
    // With coaches (no flow start) the sides' group re-solves and re-assignments still take the wide lists, as do the
    // refills and the last re-assignment round: rally-hubs at 18 instance seeds, single thread, against the narrow
    // lists: detour −7.6 % (geometric mean; −27 to +19 %, worse on 6), people +18, +4 and −9 on three seeds and the
    // same on the rest (the narrow lists, now cut from the 40-long searches, differ a little too: 81,393 → 80,711
    // pairs). In the pool +0.07 to +0.33 s of wall time, about +10 % (three alternated rounds, medians of 5 after 2
    // warm-ups); single thread, the lists +35 ms, the group phase +75, the sweep +60 and the refills +45.
    const sideWide = (side: Region) => (sideSplit ? { wide: { arcs: sideCandidates(wide ?? cand, side), unitKm: flowUnitKm(inst) } } : sideArcs(side));
    const task: RegionTask = {
      ...onSide(b),
      ...sideWide(b),
      rounds: groupRounds,
      nodes,
      evaluations: groupEvaluations,
      seed: seed + 1,
      ...(firstOnSides ? { first: { passes: firstPasses, budget, augmentStates } } : {}),
      reassign: { rounds: opts.reassignRounds ?? 2, block: opts.reassignBlock ?? 1_024, seed },
      ...(share ? { lists: share } : {}),
    };
    const g = yield* bothSides(inst, best, cand, task, { ...task, region: a, seed, ...sideWide(a) });
    evals += g.evals;
    moves += g.improvements;
  }
  // Exact re-assignment of one party per car across blocks of related cars (./reassign.ts): the long exchanges the
  // moves above cannot make; the local search then builds on what they free. Below 4,000 requests and drivers (where
  // time is plentiful) up to 3 cycles, and a second round of group re-solves with another seed, then again:
  // measured at 1,000 × 303, 3–9 % less detour for about 1.5 × the CPU. Above, one cycle of 2 rounds: at 10,000 ×
  // 3,000 it cut detour 23–35 % (and carried up to 85 more people on rally-hubs) at about the same CPU as before; 3 or
  // 6 rounds gained ≤ 2 % more for 0.1–0.3 s.
  const small = !isLarge(inst.nR, inst.nD);
  const polish = (seed: number) => {
    if (split) {
      // Made on each side of the split above; a search over all cars then makes the moves across it.
      improve(best);
      return;
    }
    for (let cycle = 0; cycle < (small ? 3 : 1); cycle++) {
      const ra = reassign(inst, best, cand, opts.reassignRounds ?? (small ? 6 : 2), opts.reassignBlock ?? 1_024, seed + cycle);
      evals += ra.evals;
      moves += ra.improvements;
      if (ra.improvements === 0) break;
      improve(best);
    }
  };
  const seed = opts.seed ?? 0x5eed;
  // Above 4,000 requests + drivers, what the run does on its own thread between the split's parallel steps (the search
  // over all cars and the coaches' regrouping; the sweep over all cars and the refills; the last search) leaves the
  // other core idle: meanwhile a copy of every car gets group re-solves of its own there (`COPY_ROUNDS`), and each
  // part of the map where the copy ends better is taken from it (./recombine.ts, `mixCars`). Twelve instance seeds
  // each at 10,000 × 3,000, single thread, against none: the same people, detour −2.8 % (geometric mean of 84; less
  // on 70; rally-london −4.1 %, realistic-london −4.0 %, uniform30-mixed −3.4 %, rally-hubs −3.1 %, realistic −2.3 %,
  // canvass −1.3 %, parties1-4 −1.1 %); the last copy alone −0.5 %, less on all 84. Only the copy beside the sweep
  // and refills: −1.0 %; one beside the first search with coaches (rally-hubs), from before it: worse. On the API's
  // threads the run waits 0–40 ms for each copy. The copies draw from the narrow lists, which the helper holds (the
  // wide ones would travel with each task): beside the sweep and refills, −1.04 % against −1.00 % on the wide lists.
  const besideCopy = function* (part: number, copySeed: number, work: () => void): Generator<RunStep, void, HostAnswer> {
    const rounds = Math.round(effort * part * (inst.nR + inst.nD));
    if (!split || rounds === 0 || unbeatable()) return work();
    const evaluations = Math.round((groupEvaluations * rounds) / Math.max(1, groupRounds));
    const task: RegionTask = { ...onSide(wholeMap(inst)), rounds, nodes: opts.groupNodes ?? 1_000, evaluations, seed: copySeed };
    const c = yield* withCopy(inst, best, cand, task, work);
    evals += c.evals;
    moves += c.improvements;
  };
  // Coaches filled one rider at a time end up sharing hubs; pairs of them re-share their riders by hub (./coachpairs.ts).
  // coaches-hubs: coaches' detour 305 → 199 km, same people; rally-hubs: 2,701 → 2,586 km; under 0.1 s.
  yield* besideCopy(COPY_ROUNDS[0], seed + 2, () => {
    if (!unbeatable()) polish(seed);
    if (inst.hasCoaches) moves += regroupCoaches(inst, best);
  });
  // Below 4,000 requests + drivers, the costliest cars are re-solved with cars cheaper for one of their riders than
  // they are, candidates or not (./perturb.ts, `riderSide`), before the second group round builds on what they free,
  // and again in the last sweep. Mean of four relabelled single runs on seven instances of 1,000 × 303 to 2,000 × 500:
  // detour −2 to −9 % on five (drivers-rich 1,000 × 1,000: 1.114 → 1.018 × the best known; uniform30-mixed 1.144 →
  // 1.088), the other two within ±0.4 %, same people; about +5–8 % time. Above, only in the last sweep (measured there).
  const riderCars = opts.sweepRiderCars ?? Math.round(effort * SWEEP_RIDER_CARS);
  if (!thorough && small && riderCars > 0 && !unbeatable()) {
    const focus = costliestCars(inst, best, riderCars);
    const p = pairSweep(inst, best, cand, focus, 0, opts.groupNodes ?? 1_000, riderCars, SWEEP_RIDER_PAIRS);
    evals += p.evals;
    moves += p.improvements;
  }
  if (!thorough && small && !unbeatable()) {
    const g = groupSearch(inst, best, cand, groupRounds, opts.groupNodes ?? 1_000, groupEvaluations, seed + 17);
    evals += g.evals;
    moves += g.improvements;
    polish(seed + 33);
  }
  if (!unbeatable()) {
    // What detour is left sits in few cars, and most of it goes once a costly car takes a rider on its way from a car
    // that can refill: each of the costliest is re-solved with each car holding one of its cheapest candidates, then
    // the local search builds on them. Measured at 10,000 × 3,000 against the two drawn group rounds per car (300
    // cars) this replaced: detour −7 to −31 % on all seven (rally-hubs 3,128 → 2,606 km), for about 0.1 s; at 400 ×
    // 121, after the iterated search, −3 to −12 % on seven of nine (the others unchanged), for under 0.15 s.
    const sweepCars = opts.sweepCars ?? Math.round(effort * SWEEP_CARS);
    const nodes = opts.groupNodes ?? 1_000;
    // After the sweep each of the costliest cars is filled again from scratch, from riders waiting and from riders of
    // other cars a waiting rider can replace there (./refill.ts): the swaps of several riders at once no move above
    // makes. The local search builds on them, then the costliest are filled again. Six instance seeds each, single
    // thread, against neither: at 10,000 × 3,000 the same people, detour −10 % (geometric mean of 42; realistic −20 %,
    // realistic-london −12 %, rally-hubs −10 %, uniform30-mixed −9 %, canvass −8 %, parties1-4 and rally-london −6 %),
    // worse on none, for 60–140 ms; at 1,000–2,000 −0.4 % (54 cases) and at 400 −0.5 % (54; minibuses-mixed −2 %),
    // worse on 1 and 3, by little, same people. One pass of 1,000 cars: −9.2 %; one of 500 on the narrow lists: −7.2 %;
    // on each side of the split, before the sweep over all cars: −6.2 %; a local search after the second pass: −0.2 %
    // more.
    const refillCars = opts.refillCars ?? Math.round(effort * REFILL_CARS);
    const refilled = (count: number) => {
      if (count === 0) return;
      const r = refill(inst, best, wide ?? cand, costliestCars(inst, best, count), REFILL_PER_CAR, REFILL_EVALS);
      evals += r.evals;
      moves += r.improvements;
    };
    const refills = () => {
      refilled(refillCars);
      improve(best);
      refilled(Math.round(refillCars * REFILL_AGAIN));
    };
    if (split && (opts.splitSweep ?? true)) {
      // Above 4,000 requests + drivers: on each side of the group phase's split (a helper thread may take one) the
      // side's costliest cars, the first of them also with cars cheaper for one of their riders; then, over all cars,
      // the pairs across the split and again the cars cheaper for a rider of the costliest. At 10,000 × 3,000 (three
      // seeds × seven instances) against one sweep over all cars (below): same people, less detour on 19 of 21
      // (uniform30-mixed −5 to −11 %, rally-hubs −3 to −9 %; realistic +3 % on one seed, rally-london +1 % on
      // another), at about the same wall time (medians of four runs, quiet machine: within ±0.1 s). Without the pass
      // over all cars, rally-hubs +6 % and rally-london +8 % (seed 0x5eed: the split runs through its centre); with
      // 600 cars a side rather than 1,000, −0.2 to +6 %.
      const [a, b] = resplit(inst, best, split);
      const sweep: SideSweep = { cars: sweepCars, perCar: SWEEP_PAIRS, riderCars, riderPairs: SWEEP_RIDER_PAIRS };
      const task: RegionTask = { ...onSide(b), rounds: 0, nodes, evaluations: 0, seed: 0, sweep };
      const p = yield* bothSides(inst, best, cand, task, { ...task, region: a });
      evals += p.evals;
      moves += p.improvements;
      yield* besideCopy(COPY_ROUNDS[1], seed + 3, () => {
        const focus = costliestCars(inst, best, Math.max(sweepCars, riderCars));
        const r = pairSweep(inst, best, cand, focus, SWEEP_PAIRS, nodes, riderCars, SWEEP_RIDER_PAIRS, null, a.car);
        evals += r.evals;
        moves += r.improvements;
        refills();
      });
    } else {
      // The first also pair with cars cheaper for one of their riders (as above). At 10,000 × 3,000, with the split
      // re-assignments, against neither (three seeds × seven instances): same people, less detour on 19 of 21 —
      // uniform30-mixed −12 to −19 %, rally-hubs −4 to −10 %, realistic −5 to −10 %, canvass and parties1-4 −1 to −2 %
      // (rally-london +1.7 % and realistic-london +0.1 % on one seed, −5 to −7 % on the others); wall time −0.02 to
      // +0.14 s (means of three alternated runs on a loaded two-core machine).
      const focus = costliestCars(inst, best, sweepCars);
      const p = pairSweep(inst, best, cand, focus, SWEEP_PAIRS, nodes, riderCars, SWEEP_RIDER_PAIRS);
      evals += p.evals;
      moves += p.improvements;
      refills();
    }
    const reassignRounds = opts.reassignRounds ?? 2;
    if (split && reassignRounds > 0) {
      // Above 4,000 requests + drivers, a last round of re-assignment on each side of the split (a helper thread may
      // take one), then the local search over all cars: the refills leave chains of cars a waiting rider could end,
      // which one car at a time cannot reach. Six instance seeds each at 10,000 × 3,000, single thread, against none:
      // the same people, detour −2.2 % (geometric mean of 42; realistic-london −4.1 %, uniform30-mixed −3.7 %,
      // rally-hubs −2.2 %, canvass −1.0 %), less on all 42. One round over all cars on one thread: −2.4 %, for about
      // twice the time; without the local search after it: −1.6 %. On the API's threads, alternated with none (medians
      // of 3, two alternated rounds): +0.07 to +0.21 s on canvass, uniform30-mixed and parties1-4 (the sides' round
      // 50–110 ms, the local search 35–60 ms, timed on one thread).
      const [a, b] = resplit(inst, best, split);
      const task: RegionTask = {
        ...onSide(b),
        ...sideArcs(b),
        rounds: 0,
        nodes: 0,
        evaluations: 0,
        seed: 0,
        reassign: { rounds: 1, block: LAST_REASSIGN_BLOCK, seed },
      };
      const p = yield* bothSides(inst, best, cand, task, { ...task, region: a, ...sideArcs(a) });
      evals += p.evals;
      moves += p.improvements;
      yield* besideCopy(COPY_ROUNDS[2], seed + 4, () => improve(best));
    }
  }
  const complete = perDriver > 0 && perRider > 0;
  if (!thorough && best.score().people < reachableBound(inst, cand, complete)) {
    // Greedy cannot carry more than the people who can reach some car, nor more than the seats of cars some rider
    // can reach: only when we carry fewer is there anything to check. It stops as soon as it cannot even tie us.
    // (An empty candidate list proves a rider unreachable only when both sides searched.)
    const reachable = complete ? (r: number) => cand.rStart[r + 1]! > cand.rStart[r]! : () => true;
    greedy = runGreedy(inst, { people: best.score().people, reachable });
    if (greedy && compareScore(greedy.score(), best.score()) > 0) {
      const fromGreedy = improve(greedy.clone());
      if (compareScore(fromGreedy.score(), best.score()) > 0) [best, start] = [fromGreedy, 'greedy'];
    }
  }
  // Every step above only keeps improvements, so this cannot trigger; it is the guarantee made explicit.
  if (greedy && compareScore(greedy.score(), best.score()) > 0) [best, start] = [greedy, 'greedy'];

  const g = greedy?.toAssignment();
  if (inst.hubIds.length > 0) moves += hubPass(inst, best);
  // Last, coach riders may also board at another of the pair's hubs in reach (coaches-hubs: 286 → 281 km, about 20 ms).
  // After hubPass, which seats unmatched riders only at hubs a vehicle stops at: a stop dropped before it could have
  // left them out. Not above 4,000 requests + drivers: rally-hubs gained 0.3 % for 0.1 s.
  if (inst.hasCoaches && small) moves += regroupCoaches(inst, best, true);
  const out = best.toAssignment();
  return {
    ...out,
    stats: {
      ...out.stats,
      greedy: g ? { peopleMatched: g.stats.peopleMatched, totalDetourKm: g.stats.totalDetourKm } : null,
      mode: thorough ? 'thorough' : 'fast',
      start,
      candidatePairs: cand.pairs,
      improvingMoves: moves,
      routeEvaluations: evals,
    },
  };
}

/**
 * Each coach with room (by index) takes hub riders out of cars at hubs where it already stops (riders by index), each
 * only if the two routes together get no longer and the coach's stays within its limit and in time. Returns riders moved.
 */
function coachRelief(inst: Instance, cars: Cars): number {
  const byHub: number[][] = Array.from({ length: inst.hubIds.length }, () => []);
  for (let r = 0; r < inst.nR; r++) {
    const d = cars.carOf[r]!;
    if (d >= 0 && inst.dCoach[d] === 0 && inst.rHub[r]! >= 0) byHub[inst.rHub[r]!]!.push(r);
  }
  let moved = 0;
  for (let c = 0; c < inst.nD; c++) {
    if (inst.dCoach[c] !== 1 || cars.free[c]! <= 0) continue;
    const hubs = [...new Set(cars.members[c]!.map((r) => inst.rHub[r]!))].sort((a, b) => a - b);
    for (const h of hubs) {
      for (const x of byHub[h]!) {
        const a = cars.carOf[x]!;
        if (a < 0 || inst.dCoach[a] === 1 || inst.rSeats[x]! > cars.free[c]! || !inst.compatible(c, x)) continue;
        const tC = cars.detourWith(c, x, -1);
        if (tC > inst.dLim[c]!) continue;
        const tA = cars.detourWith(a, -1, x);
        if (tC - cars.det[c]! + tA - cars.det[a]! > 1e-9) continue;
        cars.remove(x, tA);
        cars.add(x, c, tC);
        moved++;
      }
    }
  }
  return moved;
}

/** Local-search passes of fast mode's first search (the later searches get `maxPasses`). */
const FIRST_PASSES_FAST = 3;

/**
 * Fast mode's group re-solves per phase of them: 2 × (requests + drivers), 500 to 3,600; above 4,000 requests +
 * drivers, where there is one phase instead of two, 10,800 in it (on each side of its split; measured before the
 * split, on the whole instance). At 10,000 × 3,000 a round costs about 0.04 ms;
 * 3,600 → 7,200 cut detour 10–27 % on the six instances without hubs, and 7,200 → 10,800 (with the evaluations
 * below) 7–24 % more on all seven, for about 0.1–0.25 s.
 */
export function defaultGroupRounds(nR: number, nD: number): number {
  return isLarge(nR, nD) ? 10_800 : Math.min(3_600, Math.max(500, 2 * (nD + nR)));
}

/**
 * Route evaluations one phase of group re-solves may spend: 1,000,000, and 1,500,000 above 4,000 requests + drivers,
 * where its rounds are 10,800 — with 1,000,000 most of the rounds past 7,200 would stop unspent at 10,000 × 3,000.
 */
export function defaultGroupEvaluations(nR: number, nD: number): number {
  return isLarge(nR, nD) ? 1_500_000 : 1_000_000;
}

/**
 * Above 4,000 requests + drivers a run is too dear to repeat: one whole run instead of three, one phase of group
 * re-solves (longer) instead of two, one re-assignment cycle instead of three.
 */
function isLarge(nR: number, nD: number): boolean {
  return nR + nD > 4_000;
}

/** Thorough mode's iterated-search rounds per run: 900 in all at ≤ 100 requests, down to 225 at 400, shared by `thoroughStarts` runs. */
export function defaultIterations(nR: number): number {
  return Math.round((3 * Math.max(75, Math.min(300, Math.round(30_000 / Math.max(1, nR))))) / thoroughStarts(nR));
}

/**
 * Riders listed per driver above 4,000 requests + drivers, for the flow start (without coaches) and the group
 * re-solves and re-assignments on the split's sides, the refills and the last re-assignment round (see `assignOnce`;
 * the run's other steps keep perDriver of them). Around a busy centre every nearby car's 24 cheapest riders are the
 * same few, all taken, so the flow had to send those cars far afield. At 10,000 × 3,000, the six benchmark shapes without coaches at seven
 * instance seeds, against 24: detour −9.5 % (geometric mean of 36; uniform30-mixed −20 %, realistic-london −15 %,
 * rally-london −11 %, realistic −8 %, canvass −4 %, parties1-4 +2.5 %; worse on 8 of 36), the same people; wall time
 * in the pool +5 % (median over the seven, 0.99–1.15 ×). 32: −6 %. The same lists in the last sweeps too: −1 % more,
 * for about 0.1 s, when only the flow had them; −0.6 % once the sides' group re-solves had them (not kept).
 */
const WIDE_PER_DRIVER = 40;

/** Cars the last sweep re-solves around: the costliest by detour. */
const SWEEP_CARS = 1_000;

/** Cars each is re-solved with in the sweep: those holding its cheapest candidates (./perturb.ts, `pairSweep`). */
const SWEEP_PAIRS = 16;

/** Of those, the costliest also re-solved with cars cheaper for one of their riders (below 4,000 also before the second group phase). */
const SWEEP_RIDER_CARS = 100;

/** Cars each of them is re-solved with that way, by how much cheaper. */
const SWEEP_RIDER_PAIRS = 16;

/** Cars per block of the last re-assignment round on each side of a split: about all of a side's cars at 10,000 × 3,000. */
const LAST_REASSIGN_BLOCK = 1_536;

/** The costliest cars filled again from scratch at the end (`refill`), and the share of that filled again after. */
const REFILL_CARS = 500;
const REFILL_AGAIN = 0.6;

/** Waiting riders a refill considers per car, and the route evaluations it may spend there. */
const REFILL_PER_CAR = 24;
const REFILL_EVALS = 1_000;

/**
 * Above 4,000 requests + drivers, group re-solves per request and driver on a copy of every car while the run works on
 * its own thread (`withCopy`): beside the local search over all cars after the group phase, beside the sweep over
 * all cars and the refills, and beside the last local search. Sized to take no longer there than that work here (at
 * 10,000 × 3,000 about 900, 3,300 and 650 rounds: in the pool the run then waits 0–40 ms for each; 2,000 rounds for
 * the first made it wait up to 120 ms, for the same detour over 42 cases; 0.35 for the second: −0.3 % more detour).
 */
const COPY_ROUNDS = [0.07, 0.25, 0.05] as const;

/** Up to `k` used cars (coaches aside; in `region`, its own) with detour, costliest first (ties by index). */
function costliestCars(inst: Instance, cars: Cars, k: number, region: Region | null = null): number[] {
  const used: number[] = [];
  for (let d = 0; d < inst.nD; d++) {
    if (!carIn(region, d)) continue;
    if (cars.members[d]!.length > 0 && inst.dCoach[d] === 0 && cars.det[d]! - cars.base[d]! > 1e-9) used.push(d);
  }
  const cost = (d: number) => cars.det[d]! - cars.base[d]!;
  return used.sort((a, b) => cost(b) - cost(a) || a - b).slice(0, k);
}

/**
 * Hub riders after the search (they keep their hub during it; this runs last, as it moves pickups the search's indexes
 * assume fixed): an unmatched one boards at a hub in reach (their own first, then nearest first) where a vehicle
 * already stops with room — no new stop; the route is re-priced (limit, time). Failing that, a car (not a coach) with
 * room picks them up at home, the one whose route grows least (a rider who can get to a hub can still be fetched).
 * Riders by id, vehicles by index. (Letting coaches also open a new hub stop for unmatched riders gained nobody on
 * coaches-hubs and rally-hubs: the hubs they leave out are beyond their limits.) Returns riders placed.
 */
function hubPass(inst: Instance, cars: Cars): number {
  const H = inst.hubIds.length;
  const stopsAt: Set<number>[] = Array.from({ length: H }, () => new Set<number>());
  const reach: number[][] = [];
  for (let r = 0; r < inst.nR; r++) reach[r] = inst.rReach[r]! > 0 ? inst.reachableHubs(r) : [];
  for (let d = 0; d < inst.nD; d++) {
    for (const r of cars.members[d]!) if (inst.rHub[r]! >= 0) stopsAt[inst.rHub[r]!]!.add(d);
    const fh = inst.fixedHub[d];
    if (fh) for (const h of fh) if (h >= 0) stopsAt[h]!.add(d);
  }
  let placed = 0;
  for (let r = 0; r < inst.nR; r++) {
    if (cars.carOf[r] !== -1 || reach[r]!.length === 0) continue;
    const own = inst.rHub[r]!;
    const order = [own, ...reach[r]!.filter((h) => h !== own)];
    search: for (const h of order) {
      for (const d of [...stopsAt[h]!].sort((a, b) => a - b)) {
        if (cars.free[d]! < inst.rSeats[r]! || !inst.compatible(d, r)) continue;
        inst.setHub(r, h);
        const t = cars.detourWith(d, r, -1);
        if (t <= inst.dLim[d]!) {
          cars.add(r, d, t);
          placed++;
          break search;
        }
        inst.setHub(r, own);
      }
    }
  }
  if (inst.hasCoaches) placed += coachPass(inst, cars, reach);
  // Last, so a car seat goes to a rider no coach could take at a hub either.
  for (let r = 0; r < inst.nR; r++) if (cars.carOf[r] === -1 && reach[r]!.length > 0 && homePickup(inst, cars, r)) placed++;
  return placed;
}

/**
 * Unmatched hub rider r picked up at home by the car (coaches aside) whose route grows least, ties by index: true if
 * one could. Cars whose lone pickup of r is already over their limit are skipped unpriced (a route through r is never
 * shorter than that).
 */
function homePickup(inst: Instance, cars: Cars, r: number): boolean {
  const own = inst.rHub[r]!;
  inst.setHub(r, -1);
  let bestD = -1;
  let bestT = 0;
  let bestAdded = Number.POSITIVE_INFINITY;
  for (let d = 0; d < inst.nD; d++) {
    if (inst.dCoach[d] === 1 || cars.free[d]! < inst.rSeats[r]! || !inst.compatible(d, r) || inst.pair(d, r) > inst.dLim[d]!) continue;
    const t = cars.detourWith(d, r, -1);
    if (t <= inst.dLim[d]! && t - cars.det[d]! < bestAdded) {
      bestAdded = t - cars.det[d]!;
      bestD = d;
      bestT = t;
    }
  }
  if (bestD < 0) {
    inst.setHub(r, own);
    return false;
  }
  cars.add(r, bestD, bestT);
  return true;
}

/**
 * Coaches with room open a new hub stop for unmatched hub riders who can reach it (the search keeps each rider at one
 * hub, so a coach whose limit or timetable misses that hub never sees them). Per coach (by index), repeatedly: each
 * hub whose pickup alone is within the coach's limit is tried by adding its unmatched riders who fit, earliest ready
 * first (ties by index), each kept only if the route stays within the limit and in time; the hub adding most people
 * (ties: least detour, then hub index) is kept. At most `hubs` rounds per coach. Returns riders placed.
 */
function coachPass(inst: Instance, cars: Cars, reach: readonly number[][]): number {
  const H = inst.hubIds.length;
  const atHub: number[][] = Array.from({ length: H }, () => []);
  for (let r = 0; r < inst.nR; r++) {
    if (cars.carOf[r] !== -1 || inst.lateAlone(r)) continue;
    for (const h of reach[r]!) atHub[h]!.push(r);
  }
  for (const rs of atHub) rs.sort((a, b) => inst.rReady[a]! - inst.rReady[b]! || a - b);
  const list: number[] = [];
  let placed = 0;
  const tryHub = (d: number, h: number, apply: boolean): { people: number; det: number; taken: number[] } => {
    list.length = 0;
    for (const v of cars.members[d]!) list.push(v);
    const kept = list.length;
    let free = cars.free[d]!;
    let det = cars.det[d]!;
    const taken: number[] = [];
    for (const r of atHub[h]!) {
      if (cars.carOf[r] !== -1 || inst.rSeats[r]! > free || (inst.rWheel[r] === 1 && inst.dAcc[d] === 0)) continue;
      const own = inst.rHub[r]!;
      inst.setHub(r, h);
      list.push(r);
      const t = inst.routeDetour(d, list, list.length);
      if (t <= inst.dLim[d]!) {
        taken.push(r);
        free -= inst.rSeats[r]!;
        det = t;
        if (apply) cars.add(r, d, t);
        else inst.setHub(r, own);
      } else {
        list.pop();
        inst.setHub(r, own);
      }
    }
    let people = 0;
    for (const r of taken) people += inst.rSeats[r]!;
    list.length = kept;
    return { people, det, taken };
  };
  for (let d = 0; d < inst.nD; d++) {
    if (inst.dCoach[d] !== 1) continue;
    for (let round = 0; round < H && cars.free[d]! > 0; round++) {
      let bestH = -1;
      let bestP = 0;
      let bestDet = Number.POSITIVE_INFINITY;
      for (let h = 0; h < H; h++) {
        if (atHub[h]!.length === 0) continue;
        const r0 = atHub[h]![0]!;
        const own = inst.rHub[r0]!;
        inst.setHub(r0, h);
        const pd = inst.pair(d, r0);
        inst.setHub(r0, own);
        if (pd > inst.dLim[d]!) continue;
        const t = tryHub(d, h, false);
        if (t.people > bestP || (t.people === bestP && t.people > 0 && t.det < bestDet)) {
          bestH = h;
          bestP = t.people;
          bestDet = t.det;
        }
      }
      if (bestH < 0) break;
      const got = tryHub(d, bestH, true);
      placed += got.taken.length;
      for (const r of got.taken) for (const h of reach[r]!) atHub[h]!.splice(atHub[h]!.indexOf(r), 1);
    }
  }
  return placed;
}

/**
 * Start from a min-cost maximum flow on the candidate graph (./flow.ts): each request goes to the car that carries
 * most of its flow (whole parties only, seats permitting), then every car whose combined route breaks its limit
 * drops the member whose pickup costs most until it fits. The local search then refills.
 */
function flowConstruct(inst: Instance, cand: Candidates, flow = minCostFlow(inst, cand)): Cars {
  const cars = new Cars(inst);
  const { nR, rSeats, dLim } = inst;
  const target = new Int32Array(nR).fill(-1);
  const share = new Int32Array(nR);
  const pd = new Float64Array(nR);
  for (let r = 0; r < nR; r++) {
    for (let k = cand.rStart[r]!; k < cand.rStart[r + 1]!; k++) {
      const d = cand.rD[k]!;
      // Locate the pair's index in the driver-major arrays (both lists are sorted).
      let lo = cand.dStart[d]!;
      let hi = cand.dStart[d + 1]! - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cand.dR[mid]! < r) lo = mid + 1;
        else hi = mid;
      }
      const f = flow[lo]!;
      if (f > share[r]! || (f === share[r] && f > 0 && cand.rPd[k]! < pd[r]!)) {
        share[r] = f;
        target[r] = d;
        pd[r] = cand.rPd[k]!;
      }
    }
  }
  const order = Array.from({ length: nR }, (_, i) => i)
    .filter((r) => target[r]! >= 0)
    .sort((a, b) => share[b]! / rSeats[b]! - share[a]! / rSeats[a]! || pd[a]! - pd[b]! || a - b);
  for (const r of order) {
    const d = target[r]!;
    if (cars.free[d]! < rSeats[r]!) continue;
    cars.add(r, d, cars.det[d]!);
  }
  for (let d = 0; d < inst.nD; d++) {
    const m = cars.members[d]!;
    if (m.length === 0) continue;
    let t = inst.routeDetour(d, m, m.length);
    while (t > dLim[d]! && m.length > 0) {
      let worst = -1;
      let worstT = Number.POSITIVE_INFINITY;
      for (const v of m) {
        const tv = cars.detourWith(d, -1, v);
        // With a time rule every smaller set may still be late (+Infinity): then drop the first.
        if (tv < worstT || worst < 0) {
          worstT = tv;
          worst = v;
        }
      }
      cars.remove(worst, worstT);
      t = worstT;
    }
    cars.det[d] = m.length === 0 ? cars.base[d]! : t;
  }
  return cars;
}

/**
 * People no assignment can exceed: min(people who could ride with some car, free seats of cars someone can reach).
 * A driver's or rider's list is empty only when its search found nobody at all (searches stop early only when their
 * list is full), so an empty list proves unreachable — provided both sides searched (`complete`).
 */
function reachableBound(inst: Instance, cand: Candidates, complete: boolean): number {
  if (!complete) return Number.POSITIVE_INFINITY;
  let people = 0;
  for (let r = 0; r < inst.nR; r++) if (cand.rStart[r + 1]! > cand.rStart[r]!) people += inst.rSeats[r]!;
  let seats = 0;
  for (let d = 0; d < inst.nD; d++) if (cand.dStart[d + 1]! > cand.dStart[d]!) seats += inst.dSeats[d]!;
  return Math.min(people, seats);
}

/**
 * A car that falls back to searching every unmatched rider stops at anything within this of the best possible (km):
 * it keeps those searches short where many riders are nearly on the way, and the local search refines afterwards.
 */
const INSERTION_SLACK_KM = 1.0;

// -----------------------------------------------------------------------------------------------------------------
// Construction: cheapest insertion first. A priority queue holds one entry per car with room — its cheapest feasible
// insertion (exact route, cheapest order) — and the globally cheapest is applied; the car then offers again. A car's
// insertion comes from its candidate list (cheapest riders by pair detour, skipping those taken) or, when those are
// all taken, from a search over every unmatched rider (./open.ts). An entry whose rider went elsewhere is re-offered.

/**
 * Insertion entries, cheapest first; equally cheap ones by `order` (the driver's departure, then driver, then rider):
 * all of the cheapest come out of the queue and the first in that order is taken.
 */
class EntryHeap {
  d = new Int32Array(1024);
  r = new Int32Array(1024);
  ver = new Int32Array(1024);
  total = new Float64Array(1024);
  order = new Float64Array(1024);
  private n = 0;
  private readonly queue = new PairHeap(1024);
  private readonly tied: number[] = [];

  get size(): number {
    return this.queue.size;
  }

  push(key: number, order: number, d: number, r: number, ver: number, total: number): void {
    if (this.n === this.d.length) {
      const cap = this.d.length * 2;
      this.d = grown(this.d, cap);
      this.r = grown(this.r, cap);
      this.ver = grown(this.ver, cap);
      this.total = grown(this.total, cap);
      this.order = grown(this.order, cap);
    }
    const e = this.n++;
    this.d[e] = d;
    this.r[e] = r;
    this.ver[e] = ver;
    this.total[e] = total;
    this.order[e] = order;
    this.queue.push(key, e);
  }

  /** The cheapest entry, taken out. */
  pop(): number {
    const q = this.queue;
    const key = q.key[0]!;
    let best = q.pop();
    while (q.size > 0 && q.key[0] === key) {
      const e = q.pop();
      if (this.order[e]! < this.order[best]!) {
        this.tied.push(best);
        best = e;
      } else this.tied.push(e);
    }
    for (const e of this.tied) q.push(key, e);
    this.tied.length = 0;
    return best;
  }
}

export function construct(inst: Instance, cand: Candidates, cars = new Cars(inst)): Cars {
  const { nD, rSeats, dDep, dLim } = inst;
  if (nD === 0 || inst.nR === 0) return cars;
  const pool = new UnassignedIndex(inst, cars);
  cars.riderIndex = pool;
  // Each car's candidates by pair detour (ties by rider), and a cursor past the ones taken.
  const byPd = new Int32Array(cand.pairs);
  for (let d = 0; d < nD; d++) {
    const a = cand.dStart[d]!;
    const b = cand.dStart[d + 1]!;
    const seg = Array.from({ length: b - a }, (_, i) => a + i).sort(
      (x, y) => cand.dPd[x]! - cand.dPd[y]! || cand.dR[x]! - cand.dR[y]!,
    );
    byPd.set(seg, a);
  }
  const cursor = cand.dStart.slice(0, nD);
  const version = new Int32Array(nD);
  const extra: (number[] | null)[] = new Array(nD).fill(null);
  const extraVersion = new Int32Array(nD).fill(-1);
  const heap = new EntryHeap();
  // Drivers by departure, then index: with the rider, an entry's place among equally cheap ones.
  const rankOf = new Float64Array(nD);
  Array.from({ length: nD }, (_, d) => d)
    .sort((a, b) => dDep[a]! - dDep[b]! || a - b)
    .forEach((d, i) => {
      rankOf[d] = i;
    });
  const list: number[] = [];
  // One live entry per car with room: its cheapest insertion among riders still unmatched.
  const offer = (d: number) => {
    const free = cars.free[d]!;
    if (free <= 0) return;
    const end = cand.dStart[d + 1]!;
    let c = cursor[d]!;
    while (c < end && cars.carOf[cand.dR[byPd[c]!]!] !== -1) c++;
    cursor[d] = c;
    const det = cars.det[d]!;
    let bestU = -1;
    let bestT = Number.POSITIVE_INFINITY;
    if (cars.members[d]!.length === 0 && inst.fixedU[d] === null) {
      // Empty car: the route through one rider is exactly the pair detour, so the first that fits is the best.
      for (; c < end; c++) {
        const k = byPd[c]!;
        const u = cand.dR[k]!;
        if (cars.carOf[u] === -1 && rSeats[u]! <= free) {
          bestU = u;
          bestT = cand.dPd[k]!;
          break;
        }
      }
    } else {
      for (; c < end; c++) {
        const k = byPd[c]!;
        const u = cand.dR[k]!;
        if (cars.carOf[u] !== -1 || rSeats[u]! > free) continue;
        if (cand.dPd[k]! >= bestT) break; // a route through u is at least its pair detour long
        list.length = 0;
        for (const v of cars.members[d]!) list.push(v);
        list.push(u);
        const t = inst.routeDetour(d, list, list.length);
        if (t <= dLim[d]! && t < bestT) {
          bestT = t;
          bestU = u;
        }
      }
    }
    if (bestU < 0) {
      // Its candidates are all taken: look through every unmatched rider, keeping the best few (still valid while
      // the car is unchanged) so that losing one of them to another car does not cost a new search.
      let ex = extra[d];
      if (!ex || extraVersion[d] !== version[d]) {
        const n = pool.bestReplacements(d, -1, 1, free, Number.POSITIVE_INFINITY, INSERTION_SLACK_KM, 4);
        ex = [];
        for (let i = 0; i < n; i++) ex.push(pool.foundU[i]!, pool.foundT[i]!);
        extra[d] = ex;
        extraVersion[d] = version[d]!;
      }
      for (let i = 0; i < ex.length; i += 2) {
        if (cars.carOf[ex[i]!] === -1) {
          bestU = ex[i]!;
          bestT = ex[i + 1]!;
          break;
        }
      }
      if (bestU < 0) {
        if (ex.length === 0) return;
        extra[d] = null; // all taken: search again next time
        offer(d);
        return;
      }
    }
    heap.push(bestT - det, rankOf[d]! * inst.nR + bestU, d, bestU, version[d]!, bestT);
  };
  for (let d = 0; d < nD; d++) offer(d);
  while (heap.size > 0) {
    const e = heap.pop();
    const r = heap.r[e]!;
    const d = heap.d[e]!;
    if (heap.ver[e] !== version[d] || cars.carOf[r] !== -1 || cars.free[d]! < rSeats[r]!) {
      offer(d); // its best rider went to another car: look again
      continue;
    }
    cars.add(r, d, heap.total[e]!);
    version[d]!++;
    offer(d);
  }
  cars.riderIndex = null;
  return cars;
}

