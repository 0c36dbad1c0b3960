import { defineConfig } from 'vitest/config';
import BalancedSequencer from './e2e/sequencer.ts';

// Browser tests: the real API (own process, embedded Postgres, demo seed), the production build, Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    // The browser first (found, installed or unpacked: see e2e/chromium.ts), then the platform.
    globalSetup: ['e2e/chromium-setup.ts', 'e2e/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 240_000,
    // A condition waited for without its own bound: on a busy machine a page can take seconds to react.
    expect: { poll: { timeout: 30_000, interval: 100 } },
    fileParallelism: false,
    sequence: { sequencer: BalancedSequencer },
    // One worker per shard runs its files in turn, reusing loaded modules (playwright-core, helpers) rather than
    // importing them again for every file. Each file opens and closes its own browser profiles (contexts), in one
    // browser per shard (e2e/launch.ts).
    isolate: false,
  },
});
