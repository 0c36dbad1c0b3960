import { defineConfig } from 'vitest/config';

// The property tests are CPU-bound: on a slow, busy machine they take several times as long, and that is not a failure.
export default defineConfig({
  test: { testTimeout: 120_000 },
});
