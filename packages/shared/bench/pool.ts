import { pathToFileURL } from 'node:url';
import { MatchPool } from '../node/pool.ts';

/** The matcher's threads as the API runs them: its worker compiled by ./built.mjs when run through it. */
export function benchPool(): MatchPool {
  const built = process.env.RALLYPOINT_BENCH_WORKER;
  return built ? new MatchPool(pathToFileURL(built)) : new MatchPool();
}
