import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Seconds per test file, as a recorded run wrote them; none if the file is missing or unreadable. */
export function readDurations(file: string): Record<string, number> {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

/** A file's recorded seconds; a file with no record counts as the median one. */
export function durationWeight(recorded: Record<string, number>): (file: string) => number {
  const known = Object.values(recorded).sort((a, b) => a - b);
  const median = known.length > 0 ? known[Math.floor(known.length / 2)]! : 1;
  return (file) => recorded[file] ?? median;
}

/** The files longest first (ties by name, so any input order gives the same order). */
export function longestFirst(files: string[], recorded: Record<string, number>): string[] {
  const weight = durationWeight(recorded);
  return [...files].sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : a > b ? 1 : 0));
}

/** A test file's key in a durations file: its path from the project root, with forward slashes. */
export function fileKey(root: string, moduleId: string): string {
  return path.relative(root, moduleId).split(path.sep).join('/');
}
