#!/usr/bin/env node
// Runs the browser tests as E2E_SHARDS vitest shards at once (default 3). Each shard's global setup starts its own
// API, embedded Postgres with the demo data and web build, so shards share nothing and cannot disturb each other.
// The browser tests mostly wait on pages and the network, so shards overlap well even on two cores.
//
// Files are dealt to shards by the durations in e2e/durations.json (e2e/sequencer.ts). After a change that moves
// them, a full run with E2E_RECORD_DURATIONS=1 writes that file afresh from the times the run reports.
//
//   node scripts/e2e-parallel.mjs [vitest filters or options…]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shards = Number(process.env.E2E_SHARDS ?? 3);
if (!Number.isInteger(shards) || shards < 1) {
  console.error(`E2E_SHARDS must be a whole number ≥ 1, not "${process.env.E2E_SHARDS}"`);
  process.exit(2);
}
const vitest = path.join(webDir, 'node_modules', 'vitest', 'vitest.mjs');
const extra = process.argv.slice(2);
/** Seconds per file, as each shard reports its files finishing ("✓ e2e/x.e2e.ts (9 tests) 158185ms"). */
const took = {};
const FILE_DONE = /^\s*[✓×] (e2e\/\S+\.e2e\.ts) \(\d+ tests?[^)]*\) (\d+)ms/;

function run(index) {
  const args = [vitest, 'run', '-c', 'vitest.e2e.config.ts', ...(shards > 1 ? [`--shard=${index}/${shards}`] : []), ...extra];
  // With filters, a shard may be left with no file of them.
  if (shards > 1 && extra.length > 0) args.push('--passWithNoTests');
  const child = spawn(process.execPath, args, { cwd: webDir, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  const prefix = shards > 1 ? `[e2e ${index}/${shards}] ` : '';
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        process.stdout.write(`${prefix}${line}\n`);
        const done = FILE_DONE.exec(stripVTControlCharacters(line));
        if (done) took[done[1]] = Math.round(Number(done[2]) / 1000);
      }
    });
    stream.on('end', () => rest && process.stdout.write(`${prefix}${rest}\n`));
  }
  return new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

// The browser first, once: found, or installed or unpacked (e2e/chromium.ts), before shards could race to install it.
const found = await new Promise((resolve) =>
  spawn(process.execPath, ['--import', 'tsx', '-e', "import('./e2e/chromium.ts').then((c) => c.obtainChromium((l) => console.log(`[browser] ${l}`)))"], { cwd: webDir, stdio: 'inherit' }).on('close', resolve),
);
if (found !== 0) process.exit(1);

// One production build for every shard (each would otherwise build its own).
const tmp = mkdtempSync(path.join(os.tmpdir(), 'rallypoint-e2e-build-'));
process.env.E2E_WEB_DIST = path.join(tmp, 'dist');
// In a child process: vite's build sets NODE_ENV=production in its own process, which the shards' APIs must not inherit.
const built = await new Promise((resolve) =>
  spawn(process.execPath, [path.join(webDir, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn', '--emptyOutDir', '--outDir', process.env.E2E_WEB_DIST], { cwd: webDir, stdio: 'inherit' }).on('close', resolve),
);
if (built !== 0) {
  console.error('the web build for the browser tests failed');
  process.exit(1);
}

const codes = await Promise.all(Array.from({ length: shards }, (_, i) => run(i + 1)));
rmSync(tmp, { recursive: true, force: true });
const failed = codes.filter((c) => c !== 0).length;
if (process.env.E2E_RECORD_DURATIONS === '1') {
  if (failed || extra.length > 0) console.log('durations not recorded: only a full run that passes records them');
  else {
    const sorted = Object.fromEntries(Object.entries(took).sort(([a], [b]) => (a < b ? -1 : 1)));
    writeFileSync(path.join(webDir, 'e2e', 'durations.json'), `${JSON.stringify(sorted, null, 2)}\n`);
    console.log(`recorded the durations of ${Object.keys(sorted).length} files in e2e/durations.json`);
  }
}
if (shards > 1) console.log(failed ? `${failed} of ${shards} browser-test shards failed` : `all ${shards} browser-test shards passed`);
process.exit(failed ? 1 : 0);
