#!/usr/bin/env node
// `node bench/built.mjs bench/x.ts [args…]` runs a benchmark on our code compiled as the production build compiles
// it (esbuild, as api/scripts/build.mjs: bundled, third-party packages left to node_modules) rather than through tsx,
// whose transform keeps function names with a helper call per closure created: the matcher's closures made it 5–8 %
// slower there than in the API as deployed (10,000 × 3,000, medians of 3, alternating).
import { rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const [entry, ...args] = process.argv.slice(2);
if (!entry?.endsWith('.ts')) {
  console.error('usage: node bench/built.mjs <bench script>.ts [arguments…]');
  process.exit(2);
}
// Beside its source, so paths the script resolves from its own location still hold; the matcher's worker thread
// (node/matcher-worker.ts) beside it too, where `benchPool` finds it.
const out = path.resolve(entry.replace(/\.ts$/, '.built.mjs'));
const worker = path.resolve(path.dirname(entry), `matcher-worker.${process.pid}.built.mjs`);
const options = { bundle: true, platform: 'node', format: 'esm', target: 'node20', sourcemap: 'inline', packages: 'external', logLevel: 'warning' };
await build({ ...options, entryPoints: [entry], outfile: out });
await build({ ...options, entryPoints: [path.resolve(import.meta.dirname, '../node/matcher-worker.ts')], outfile: worker });
process.env.RALLYPOINT_BENCH_WORKER = worker;
process.argv = [process.argv[0], out, ...args];
try {
  await import(pathToFileURL(out).href);
} finally {
  rmSync(out, { force: true });
  rmSync(worker, { force: true });
}
