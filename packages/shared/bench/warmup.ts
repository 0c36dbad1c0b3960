/**
 * `pnpm bench:matching-warmup` — a server's first large match, with and without `MatchPool.warm` first. Each trial
 * starts a fresh pool (new threads, nothing compiled yet) and times its first and second match of one 10,000 × 3,000
 * instance; trials with and without the warm-up alternate. Reports medians and the first ÷ second ratio (the machine's
 * speed cancels out of it) to bench/results/matching-warmup.{json,md}; asserts nothing.
 *
 *   node bench/built.mjs bench/warmup.ts [trials]
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchInstances } from './instances.ts';
import { benchPool } from './pool.ts';

const trials = Number(process.argv[2] ?? 3);
const NAMES = /^(realistic-10000-10000x3000|rally-hubs-10000x3000)$/;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Trial {
  warmMs: number | null;
  firstMs: number;
  secondMs: number;
}

async function trial(inst: ReturnType<typeof benchInstances>[number], warm: boolean): Promise<Trial> {
  const pool = benchPool();
  try {
    const warmMs = warm ? await pool.warm() : null;
    const times: number[] = [];
    let answer = '';
    for (let i = 0; i < 2; i++) {
      const t = performance.now();
      const a = await pool.assign(inst.drivers, inst.riders, inst.event, { roadFactor: 1.3, ...inst.options });
      times.push(performance.now() - t);
      const now = JSON.stringify(a.cars);
      if (answer && now !== answer) throw new Error(`${inst.name}: the second match differs from the first`);
      answer = now;
    }
    return { warmMs, firstMs: times[0]!, secondMs: times[1]! };
  } finally {
    await pool.close();
  }
}

const t0 = performance.now();
const rows = [];
for (const inst of benchInstances((n) => NAMES.test(n))) {
  const runs: Record<'cold' | 'warmed', Trial[]> = { cold: [], warmed: [] };
  for (let k = 0; k < trials; k++) {
    runs.cold.push(await trial(inst, false));
    runs.warmed.push(await trial(inst, true));
  }
  const sum = (ts: Trial[]) => ({
    warmMs: ts[0]!.warmMs === null ? null : Math.round(median(ts.map((t) => t.warmMs!))),
    firstMs: Math.round(median(ts.map((t) => t.firstMs))),
    secondMs: Math.round(median(ts.map((t) => t.secondMs))),
    firstOverSecond: Number(median(ts.map((t) => t.firstMs / t.secondMs)).toFixed(2)),
  });
  const row = { name: inst.name, cold: sum(runs.cold), warmed: sum(runs.warmed), trials: runs };
  rows.push(row);
  console.log(`${inst.name}: first ÷ second, cold ${row.cold.firstOverSecond}, after warm ${row.warmed.firstOverSecond}`);
}

const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
const machine = {
  commit: git('rev-parse', '--short', 'HEAD'),
  cpus: os.cpus().length,
  node: process.version,
  loadAverageAtEnd: os.loadavg().map((x) => Number(x.toFixed(2))),
  wallSeconds: Math.round((performance.now() - t0) / 1000),
};
const out = path.resolve(import.meta.dirname, '../../../bench/results');
writeFileSync(path.join(out, 'matching-warmup.json'), `${JSON.stringify({ generatedAt: new Date().toISOString(), machine, trials, instances: rows }, null, 2)}\n`);
const md = [
  '# The first large match after a start, with and without the warm-up',
  '',
  `Each trial starts fresh matcher threads (nothing compiled) and times their first and second match of one instance; ${trials} trials each way, alternated; medians. "After warm" runs \`MatchPool.warm()\` first (a made-up 3,200 × 970 rally, twice), as the API does at a production start. The ratio first ÷ second takes the machine's speed out. ${machine.cpus} CPUs, Node ${machine.node}, commit ${machine.commit}; load average at the end ${machine.loadAverageAtEnd.join(', ')}; whole run ${machine.wallSeconds} s.`,
  '',
  '| instance | cold: first / second ms | first ÷ second | warm-up ms | after warm: first / second ms | first ÷ second |',
  '|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${r.cold.firstMs} / ${r.cold.secondMs} | ×${r.cold.firstOverSecond.toFixed(2)} | ${r.warmed.warmMs} | ${r.warmed.firstMs} / ${r.warmed.secondMs} | ×${r.warmed.firstOverSecond.toFixed(2)} |`,
  ),
  '',
];
writeFileSync(path.join(out, 'matching-warmup.md'), md.join('\n'));
console.log(md.join('\n'));
