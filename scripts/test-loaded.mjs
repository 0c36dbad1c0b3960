#!/usr/bin/env node
// Runs the test command several times in a row while scripts/cpu-load.mjs keeps every core busy, and reports each
// run's wall time and result on stdout and in bench/results/test-under-load.md. Tests must not depend on speed.
//
//   pnpm test:loaded                          # `pnpm test`, three times
//   pnpm test:loaded --runs 1 -- node -e 0    # any other command
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i < (args.includes('--') ? args.indexOf('--') : args.length) ? args[i + 1] : fallback;
};
const runs = Number(option('--runs', '3'));
const out = path.resolve(root, option('--out', 'bench/results/test-under-load.md'));
const command = args.includes('--') ? args.slice(args.indexOf('--') + 1).join(' ') : 'pnpm test';
if (!Number.isInteger(runs) || runs < 1 || !command) {
  console.error('usage: node scripts/test-loaded.mjs [--runs N] [--out file.md] [-- command …]');
  process.exit(2);
}

const threads = availableParallelism();
const load = spawn(process.execPath, [path.join(root, 'scripts', 'cpu-load.mjs'), String(threads)], { stdio: 'inherit' });
let current = null;
const stop = (child) => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
};
const stopLoad = () => stop(load);
process.on('exit', stopLoad);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    // The test command runs in its own process group (turbo, vitest, Postgres…): end all of it.
    if (current?.exitCode === null) process.kill(-current.pid, 'SIGTERM');
    stopLoad();
    process.exit(130);
  });
}

const seconds = (ms) => {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
};

/** Runs the command with output passed through; resolves with its exit code and the last lines it printed. */
function run() {
  return new Promise((resolve) => {
    const child = spawn(command, { cwd: root, shell: true, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    current = child;
    let tail = '';
    const keep = (chunk) => {
      tail = (tail + chunk.toString()).slice(-8_000);
    };
    child.stdout.on('data', (c) => {
      process.stdout.write(c);
      keep(c);
    });
    child.stderr.on('data', (c) => {
      process.stderr.write(c);
      keep(c);
    });
    child.on('close', (code, signal) => resolve({ code: code ?? signal, tail }));
  });
}

const results = [];
const startedAt = new Date();
try {
  for (let i = 1; i <= runs; i++) {
    console.log(`\n=== test:loaded run ${i}/${runs}: ${command} (${threads} threads spinning) ===\n`);
    const started = performance.now();
    const { code, tail } = await run();
    const result = { run: i, passed: code === 0, code, ms: performance.now() - started, tail };
    results.push(result);
    console.log(`\n=== run ${i}/${runs}: ${result.passed ? 'passed' : `FAILED (exit ${code})`} in ${seconds(result.ms)} ===`);
  }
} finally {
  stopLoad();
}

const lines = [
  '# Tests under CPU load',
  '',
  `\`${command}\`, ${runs === 1 ? 'one run' : `${runs} runs in a row`} while \`scripts/cpu-load.mjs\` kept ${threads} threads spinning ` +
    `(${threads} cores, Node ${process.version}), ${startedAt.toISOString()}. Written by \`pnpm test:loaded\`.`,
  '',
  '| run | result | wall time |',
  '|---|---|---|',
  ...results.map((r) => `| ${r.run} | ${r.passed ? 'passed' : `**failed** (exit ${r.code})`} | ${seconds(r.ms)} |`),
  '',
];
for (const r of results.filter((x) => !x.passed)) {
  const last = stripVTControlCharacters(r.tail).trimEnd().split('\n').slice(-40).join('\n');
  lines.push(`## Run ${r.run}: end of its output`, '', '```', last, '```', '');
}
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, lines.join('\n'));
console.log(`\n${lines.slice(4, 6 + results.length).join('\n')}\n\nWritten to ${path.relative(root, out)}`);
process.exitCode = results.every((r) => r.passed) ? 0 : 1;
