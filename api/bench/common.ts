import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDatabase, startEmbedded } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';

const t0 = performance.now();
/** A line with the seconds since the benchmark started. */
export const log = (m: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${m}`);
export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : Number.NaN;
};
export const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** A migrated database for a benchmark: a new one on DATABASE_URL's server, else an embedded one in a temp folder. */
export async function benchDatabase(label: string): Promise<{ url: string; tmp: string; stop: () => Promise<void> }> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), `rallypoint-bench-${label}-`));
  chmodSync(tmp, 0o755);
  let stop = async () => {};
  let url: string;
  if (process.env.DATABASE_URL) {
    const name = `rallypoint_bench_${label}_${Date.now()}`;
    await ensureDatabase(process.env.DATABASE_URL, name);
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${name}`;
    url = u.toString();
  } else {
    const db = await startEmbedded({ dataDir: path.join(tmp, 'pg'), persistent: false });
    url = db.url;
    stop = db.stop;
  }
  await migrate(url);
  return { url, tmp, stop };
}
