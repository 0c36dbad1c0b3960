import { defineConfig } from 'vitest/config';

// Browser tests: the real API (own process, embedded Postgres, demo seed), the production build, Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    // The browser first (found, installed or unpacked: see e2e/chromium.ts), then the platform.
    globalSetup: ['e2e/chromium-setup.ts', 'e2e/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
