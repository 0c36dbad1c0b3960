import { existsSync } from 'node:fs';
import type { AssignOptions, AssignResult, LatLng, MatchDriver, MatchRider } from '@rallypoint/shared';
import { MatchPool } from '@rallypoint/shared/matching-pool';

let pool: MatchPool | null = null;

/**
 * The shared `assign`, on the matcher's own threads: a rally's match takes seconds of CPU, which on the server's
 * thread would stall every other request meanwhile. Same answer, bit for bit.
 */
export function assignInThreads(
  drivers: readonly MatchDriver[],
  riders: readonly MatchRider[],
  event: LatLng,
  opts: AssignOptions,
): Promise<AssignResult> {
  return matchPool().assign(drivers, riders, event, opts);
}

/**
 * Starts the matcher's threads and runs a made-up rally through them, so the first organiser to press "Match
 * everyone" on a large event is not the one who waits for the matcher to be compiled. Resolves with the milliseconds
 * it took; a real match asked meanwhile waits for it (at most a few seconds, once per start).
 */
export function warmMatcher(): Promise<number> {
  return matchPool().warm();
}

function matchPool(): MatchPool {
  pool ??= new MatchPool(builtWorker());
  return pool;
}

/** Why the built API could not run the matcher's threads (its worker not beside it), or null. */
export function missingBuiltWorker(): string | null {
  if (!import.meta.url.endsWith('.js') || builtWorker()) return null;
  return `The matcher's worker (matcher-worker.js) is not beside ${new URL(import.meta.url).pathname}: run \`pnpm build\` again`;
}

/** The production build's compiled worker (dist/, beside this file or its chunk); none in development and tests. */
function builtWorker(): URL | undefined {
  for (const rel of ['./matcher-worker.js', '../matcher-worker.js']) {
    const file = new URL(rel, import.meta.url);
    if (file.pathname.endsWith('/dist/matcher-worker.js') && existsSync(file)) return file;
  }
  return undefined;
}
