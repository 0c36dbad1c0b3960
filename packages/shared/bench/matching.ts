/**
 * `pnpm bench:matching` — lift matching on instances built from the real data (see ./instances.ts): greedy
 * nearest-first vs ours (`assign`) vs the exact optimum (HiGHS, where it solves within the time cap). Prints a table
 * and writes bench/results/matching.json and bench/results/matching.md at the repository root.
 *
 * Every result is re-checked here, independently of the matching code (haversine legs, brute-force pickup orders):
 * seats, parties, access, whole-route limits, and each rider in at most one car.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { distanceKm, type LatLng } from '../src/geo.ts';
import { peopleUpperBound } from '../src/matching/bound.ts';
import { solveExact } from '../test/exact.ts';
import { type Assignment, assign, greedyAssign, type MatchDriver, type MatchRider } from '../src/matching/index.ts';
import { type BenchInstance, benchInstances } from './instances.ts';

const RESULTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../bench/results');
const ROAD_FACTOR = 1.3;
const EXACT_TIME_CAP_S = 60;
const EXACT_MAX_COLUMNS = 200_000;
const TIME_TARGET_MS = 2000;

interface Summary {
  people: number;
  requests: number;
  cars: number;
  totalDetourKm: number;
  p95CarDetourKm: number;
  meanCarDetourKm: number;
}

function summarise(a: Assignment): Summary {
  const d = a.cars.map((c) => c.detourKm).sort((x, y) => x - y);
  const p95 = d.length === 0 ? 0 : d[Math.min(d.length - 1, Math.ceil(0.95 * d.length) - 1)]!;
  return {
    people: a.stats.peopleMatched,
    requests: a.stats.requestsMatched,
    cars: a.cars.length,
    totalDetourKm: round(a.stats.totalDetourKm, 2),
    p95CarDetourKm: round(p95, 2),
    meanCarDetourKm: round(d.length === 0 ? 0 : a.stats.totalDetourKm / d.length, 3),
  };
}

const round = (x: number, n: number) => Math.round(x * 10 ** n) / 10 ** n;

/** Independent feasibility check (throws on any violation). */
function verify(inst: BenchInstance, a: Assignment): void {
  const drivers = new Map<string, MatchDriver>(inst.drivers.map((d) => [d.id, d]));
  const riders = new Map<string, MatchRider>(inst.riders.map((r) => [r.id, r]));
  const seen = new Set<string>();
  const leg = (p: LatLng, q: LatLng) => distanceKm(p, q) * ROAD_FACTOR;
  for (const car of a.cars) {
    const d = drivers.get(car.driverId)!;
    let seats = 0;
    const stops: LatLng[] = [];
    for (const id of car.riderIds) {
      const r = riders.get(id)!;
      if (seen.has(id)) throw new Error(`${inst.name}: ${id} in two cars`);
      seen.add(id);
      if (r.needsWheelchair && !d.wheelchairAccessible) throw new Error(`${inst.name}: ${id} needs access`);
      seats += r.seats;
      stops.push(r.origin);
    }
    if (seats > d.seats) throw new Error(`${inst.name}: ${d.id} overbooked`);
    let best = Number.POSITIVE_INFINITY;
    const go = (rest: LatLng[], at: LatLng, len: number) => {
      if (rest.length === 0) best = Math.min(best, len + leg(at, inst.event));
      else {
        rest.forEach((p, i) => {
          go([...rest.slice(0, i), ...rest.slice(i + 1)], p, len + leg(at, p));
        });
      }
    };
    go(stops, d.origin, 0);
    const detour = best - leg(d.origin, inst.event);
    if (detour > d.maxDetourKm + 1e-6) throw new Error(`${inst.name}: ${d.id} over its limit`);
    if (Math.abs(detour - car.detourKm) > 1e-6) throw new Error(`${inst.name}: ${d.id} detour misreported`);
  }
}

function timeIt<T>(fn: () => T, runs: number): { value: T; medianMs: number; runsMs: number[] } {
  fn(); // warm-up (JIT), not counted
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = fn();
    times.push(performance.now() - t);
  }
  const sorted = [...times].sort((x, y) => x - y);
  return { value, medianMs: round(sorted[Math.floor(sorted.length / 2)]!, 1), runsMs: times.map((t) => round(t, 1)) };
}

async function main(): Promise<void> {
  const instances = benchInstances();
  const rows: Record<string, unknown>[] = [];
  const only = process.argv[2];
  for (const inst of instances) {
    if (only && !inst.name.includes(only)) continue;
    const { drivers, riders, event } = inst;
    const opts = { roadFactor: ROAD_FACTOR };
    const runs = riders.length >= 10_000 ? 3 : 5;
    process.stdout.write(`${inst.name}: ${riders.length} requests, ${drivers.length} drivers … `);
    const g = timeIt(() => greedyAssign(drivers, riders, event, opts), runs);
    const o = timeIt(() => assign(drivers, riders, event, opts), runs);
    verify(inst, g.value);
    verify(inst, o.value);
    const again = assign([...drivers].reverse(), [...riders].reverse(), event, opts);
    const deterministic = JSON.stringify(again) === JSON.stringify(o.value);
    const upperBound = peopleUpperBound(drivers, riders, event, opts);
    const x = await solveExact(drivers, riders, event, {
      ...opts,
      timeLimitSec: EXACT_TIME_CAP_S,
      maxColumns: EXACT_MAX_COLUMNS,
      warmStart: o.value,
    });
    let optimum: Record<string, unknown>;
    if (x.status === 'not-computed') {
      optimum = {
        status: 'not computable',
        reason: x.reason === 'too-many-columns' ? `more than ${EXACT_MAX_COLUMNS.toLocaleString('en')} columns` : `over ${EXACT_TIME_CAP_S} s`,
        columns: x.columns,
        seconds: round(x.seconds, 1),
        ...(x.lpBound !== undefined ? { lpBoundPeople: round(x.lpBound, 2) } : {}),
      };
    } else {
      verify(inst, x.assignment);
      optimum = {
        status: x.status === 'optimal' ? 'optimal' : 'people optimal, detour not proven within the cap',
        columns: x.columns,
        seconds: round(x.seconds, 1),
        ...summarise(x.assignment),
      };
    }
    const ours = summarise(o.value);
    const greedy = summarise(g.value);
    const optPeople = x.status === 'not-computed' ? null : x.assignment.stats.peopleMatched;
    const row = {
      name: inst.name,
      description: inst.description,
      requests: riders.length,
      drivers: drivers.length,
      peopleRequested: riders.reduce((s, r) => s + r.seats, 0),
      freeSeats: drivers.reduce((s, d) => s + d.seats, 0),
      peopleUpperBound: upperBound,
      greedy: { ...greedy, medianMs: g.medianMs, runsMs: g.runsMs },
      ours: {
        ...ours,
        medianMs: o.medianMs,
        runsMs: o.runsMs,
        mode: o.value.stats.mode,
        start: o.value.stats.start,
        candidatePairs: o.value.stats.candidatePairs,
        greedyComputedInside: o.value.stats.greedy !== null,
      },
      optimum,
      checks: {
        feasible: true,
        deterministic,
        oursVsOptimumPeople: optPeople === null ? null : optPeople === 0 ? 1 : round(ours.people / optPeople, 4),
        oursVsUpperBoundPeople: upperBound === 0 ? 1 : round(ours.people / upperBound, 4),
        oursMinusGreedyPeople: ours.people - greedy.people,
        oursUnderTimeTarget: riders.length >= 10_000 ? o.medianMs < TIME_TARGET_MS : null,
      },
    };
    rows.push(row);
    console.log(
      `greedy ${greedy.people} (${g.medianMs} ms), ours ${ours.people} (${o.medianMs} ms), optimum ${optPeople ?? optimum.status}, bound ${upperBound}`,
    );
  }

  const withOpt = rows.filter((r) => (r.checks as { oursVsOptimumPeople: number | null }).oursVsOptimumPeople !== null);
  const minRatio = Math.min(...withOpt.map((r) => (r.checks as { oursVsOptimumPeople: number }).oursVsOptimumPeople));
  const big = rows.filter((r) => (r.requests as number) >= 10_000);
  const targets = {
    atLeast99PctOfOptimum: {
      met: withOpt.every((r) => (r.checks as { oursVsOptimumPeople: number }).oursVsOptimumPeople >= 0.99),
      instancesWithOptimum: withOpt.length,
      worstRatio: withOpt.length > 0 ? minRatio : null,
    },
    neverBelowGreedy: { met: rows.every((r) => (r.checks as { oursMinusGreedyPeople: number }).oursMinusGreedyPeople >= 0) },
    tenThousandUnder2s: {
      met: big.every((r) => (r.checks as { oursUnderTimeTarget: boolean }).oursUnderTimeTarget),
      medianMs: big.map((r) => ({ name: r.name, ms: (r.ours as { medianMs: number }).medianMs })),
    },
    allFeasibleAndDeterministic: rows.every((r) => (r.checks as { deterministic: boolean }).deterministic),
  };
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadAverageAtEnd: loadavg().map((x) => round(x, 2)),
  };
  mkdirSync(RESULTS, { recursive: true });
  const json = { generatedAt: new Date().toISOString(), roadFactor: ROAD_FACTOR, machine, targets, instances: rows };
  writeFileSync(resolve(RESULTS, 'matching.json'), `${JSON.stringify(json, null, 2)}\n`);
  const md = markdown(rows, targets, machine);
  writeFileSync(resolve(RESULTS, 'matching.md'), md);
  console.log(`\n${md}`);
}

function markdown(rows: Record<string, unknown>[], targets: Record<string, { met: boolean } | boolean>, machine: Record<string, unknown>): string {
  type S = Summary & { medianMs: number };
  const fmtMs = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
  const lines = [
    '# Lift matching benchmark',
    '',
    `Instances from the real data (outcode centroids ∝ postcode count, canvasses in marginal seats, one London rally); road factor ${ROAD_FACTOR}.`,
    `People = seats taken (parties count their size). Detour = whole-route detour per car, km. Runtime = median of 5 runs (3 at 10,000 requests) after a warm-up, on ${machine.cpus} × ${machine.cpu}, Node ${machine.node} (load average at the end: ${(machine.loadAverageAtEnd as number[]).join(', ')}).`,
    `Optimum: HiGHS on every feasible (driver, rider set) column, ${EXACT_TIME_CAP_S} s and ${EXACT_MAX_COLUMNS.toLocaleString('en')} columns at most. Bound: max-flow upper bound on people (parties may split, routes checked one pickup at a time).`,
    '',
    '| instance | requests × drivers | people asked / seats | bound | greedy people | ours people | optimum people | ours / opt | greedy total / p95 km | ours total / p95 km | opt total / p95 km | greedy ms | ours ms |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const g = r.greedy as S;
    const o = r.ours as S;
    const opt = r.optimum as Partial<Summary> & { status: string; reason?: string; lpBoundPeople?: number };
    const hasOpt = opt.people !== undefined;
    const optCell = hasOpt ? `${opt.people}${opt.status === 'optimal' ? '' : '*'}` : `n/c (${opt.reason}${opt.lpBoundPeople !== undefined ? `; LP ≤ ${opt.lpBoundPeople}` : ''})`;
    const ratio = (r.checks as { oursVsOptimumPeople: number | null }).oursVsOptimumPeople;
    lines.push(
      `| ${r.name} | ${r.requests} × ${r.drivers} | ${r.peopleRequested} / ${r.freeSeats} | ${r.peopleUpperBound} | ${g.people} | ${o.people} | ${optCell} | ${ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`} | ${g.totalDetourKm} / ${g.p95CarDetourKm} | ${o.totalDetourKm} / ${o.p95CarDetourKm} | ${hasOpt ? `${opt.totalDetourKm} / ${opt.p95CarDetourKm}` : '—'} | ${fmtMs(g.medianMs)} | ${fmtMs(o.medianMs)} |`,
    );
  }
  const t = targets as Record<string, { met: boolean; [k: string]: unknown }>;
  const a = t.atLeast99PctOfOptimum!;
  const big = (t.tenThousandUnder2s!.medianMs as { name: string; ms: number }[]).map((x) => `${x.name} ${fmtMs(x.ms)} ms`).join(', ');
  lines.push(
    '',
    ...(rows.some((r) => (r.optimum as { status: string }).status.startsWith('people optimal'))
      ? ['\\* people proven optimal; the detour stage did not finish within the cap (best found shown).', '']
      : []),
    `Where the optimum is not computable, ours reaches the max-flow upper bound on people — so is provably people-optimal — on ${rows.filter((r) => (r.optimum as { people?: number }).people === undefined && (r.ours as Summary).people === r.peopleUpperBound).length} of ${rows.filter((r) => (r.optimum as { people?: number }).people === undefined).length} instances.`,
    '',
    '## Targets',
    '',
    `- ≥ 99% of the optimum's people wherever it is computable: **${a.met ? 'met' : 'NOT met'}** (${a.instancesWithOptimum} instances; worst ${a.worstRatio === null ? '—' : `${((a.worstRatio as number) * 100).toFixed(1)}%`}).`,
    `- Never fewer people than greedy: **${t.neverBelowGreedy!.met ? 'met' : 'NOT met'}**.`,
    `- 10,000 requests × ~3,000 drivers under 2 s: **${t.tenThousandUnder2s!.met ? 'met' : 'NOT met'}** (${big}).`,
    `- Every result independently re-checked feasible, and identical when the input order is reversed: **${targets.allFeasibleAndDeterministic ? 'yes' : 'NO'}**.`,
    '',
  );
  return lines.join('\n');
}

await main();
