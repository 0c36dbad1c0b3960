import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { fileKey, longestFirst, readDurations } from '../../scripts/test-durations.ts';

/** Seconds each API test file took in a recorded run (`API_RECORD_DURATIONS=1 pnpm --filter @rallypoint/api test`). */
export const DURATIONS_FILE = path.join(import.meta.dirname, 'durations.json');

/**
 * Starts the longest files first, by their recorded durations. vitest's own order needs its results cache, which a
 * fresh clone lacks; by file size, the two-minute mail-burst file started last and ran on alone after the rest.
 */
export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const byKey = new Map(files.map((spec) => [fileKey(root, spec.moduleId), spec]));
    return longestFirst([...byKey.keys()], readDurations(DURATIONS_FILE)).map((key) => byKey.get(key)!);
  }
}

/** With API_RECORD_DURATIONS=1, a whole run that passes writes each file's duration to DURATIONS_FILE. */
export class DurationRecorder implements Reporter {
  private root = '';
  onInit(ctx: { config: { root: string } }) {
    this.root = ctx.config.root;
  }
  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<unknown>, reason: string) {
    if (process.env.API_RECORD_DURATIONS !== '1') return;
    const recorded = readDurations(DURATIONS_FILE);
    const everyFile = Object.keys(recorded).every((key) => modules.some((m) => fileKey(this.root, m.moduleId) === key));
    if (reason !== 'passed' || errors.length > 0 || !everyFile) {
      console.log('durations not recorded: only a whole run that passes records them');
      return;
    }
    const took = modules.map((m) => [fileKey(this.root, m.moduleId), Math.max(1, Math.round(m.diagnostic().duration / 1000))] as const);
    writeFileSync(DURATIONS_FILE, `${JSON.stringify(Object.fromEntries(took.sort(([a], [b]) => (a < b ? -1 : 1))), null, 2)}\n`);
    console.log(`recorded the durations of ${took.length} files in test/durations.json`);
  }
}
