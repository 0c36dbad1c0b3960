import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Node loads graphql's CommonJS build for Pothos and yoga; make our own imports use that same copy.
  resolve: { alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }] },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // A bound for a stuck test, not a speed target: a busy machine can take minutes over a mail round trip.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // Files share one Postgres; each test makes its own users and events, so files may run in parallel.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
