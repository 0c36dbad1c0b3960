import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root, found from src/ (tsx) and from the bundle in dist/ alike. */
export function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No pnpm-workspace.yaml above ${from}: run Rallypoint from its repository`);
  }
}

export const repoRoot = findRepoRoot(import.meta.dirname);
