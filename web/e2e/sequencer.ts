import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { durationWeight, fileKey, longestFirst, readDurations } from '../../scripts/test-durations.ts';

/** Seconds each browser-test file took in a recorded run (`E2E_RECORD_DURATIONS=1 node scripts/e2e-parallel.mjs`). */
export const DURATIONS_FILE = path.join(import.meta.dirname, 'durations.json');

/**
 * Deals the files to shards by their recorded durations, longest first onto the least loaded shard, instead of
 * vitest's equal file counts: one long file no longer makes its shard the last to finish. A file with no record
 * counts as the median one.
 */
export function balance(files: string[], count: number, recorded: Record<string, number>): string[][] {
  const weight = durationWeight(recorded);
  const shards = Array.from({ length: count }, () => ({ files: [] as string[], load: 0 }));
  for (const f of longestFirst(files, recorded)) {
    const least = shards.reduce((best, s) => (s.load < best.load ? s : best));
    least.files.push(f);
    least.load += weight(f);
  }
  return shards.map((s) => s.files);
}

export default class BalancedSequencer extends BaseSequencer {
  override async shard(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { root, shard } = this.ctx.config;
    if (!shard) return files;
    const key = (spec: TestSpecification) => fileKey(root, spec.moduleId);
    const mine = new Set(balance(files.map(key), shard.count, readDurations(DURATIONS_FILE))[shard.index - 1]);
    return files.filter((spec) => mine.has(key(spec)));
  }
}
