import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The property tests are CPU-bound: on a slow, busy machine they take several times as long, and that is not a failure.
    testTimeout: 120_000,
    // Vitest's default is one worker fewer than the cores, which on two cores runs the files one at a time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
