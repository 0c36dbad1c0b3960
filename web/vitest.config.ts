import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: import.meta.dirname,
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    environment: 'node',
    // Vitest's default is one worker fewer than the cores, which on two cores runs the files one at a time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
