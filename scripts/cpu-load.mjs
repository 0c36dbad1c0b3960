#!/usr/bin/env node
// Keeps the machine's cores busy until stopped (SIGTERM/SIGINT): one spinning worker thread per core, or as many as
// the first argument says. For running the tests the way a busy CI runner would.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

const threads = Number(process.argv[2] ?? availableParallelism());
if (!Number.isInteger(threads) || threads < 1) {
  console.error('usage: node scripts/cpu-load.mjs [threads]');
  process.exit(2);
}
for (let i = 0; i < threads; i++) new Worker('for (;;) Math.sqrt(Math.random());', { eval: true });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
console.log(`cpu-load: ${threads} threads spinning (pid ${process.pid})`);
