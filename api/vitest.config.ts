import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import LongestFirstSequencer, { DurationRecorder } from './test/sequencer.ts';

export default defineConfig({
  // Node loads graphql's CommonJS build for Pothos and yoga; make our own imports use that same copy.
  resolve: { alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }] },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/file-database.ts'],
    // A bound for a stuck test, not a speed target: a busy machine can take minutes over a mail round trip.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // A condition waited for without its own bound (expect.poll's default is one second): a bound, not a speed target.
    expect: { poll: { timeout: 30_000, interval: 100 } },
    // Files share one Postgres; each test makes its own users and events, so files may run in parallel.
    fileParallelism: true,
    maxWorkers: 2,
    // Files reuse a worker's loaded modules (importing the API once per worker, not per file: minutes of CPU on 2
    // cores). Each file still gets its own database and its own API, and closes them (faults.test.ts checks close).
    isolate: false,
    sequence: { sequencer: LongestFirstSequencer },
    reporters: ['default', new DurationRecorder()],
  },
});
