import { defineConfig } from 'vitest/config';

// Browser tests: the real API (own process, embedded Postgres, demo seed), the production build, Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
