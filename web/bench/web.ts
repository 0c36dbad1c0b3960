// `pnpm bench:web`: the production web build as a phone sees it. Builds the web app, serves it from the API
// (NODE_ENV=production, its own process, an embedded PostgreSQL with the demo data), runs Lighthouse's mobile
// profile on four pages (best of two runs each), times the interactive map as the browser test does, and writes
// bench/results/web.{json,md}. BENCH_WEB_RUNS changes the runs per page; BENCH_WEB_PAGES=home,near filters pages;
// BENCH_WEB_LHR_DIR=dir keeps every run's Lighthouse report there.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type RunnerResult } from 'lighthouse';
import { build, type Rollup } from 'vite';
import { benchDatabase, log, round } from '../../api/bench/common.ts';
import { freePort } from '../../api/src/db/database.ts';
import { createPrisma } from '../../api/src/db/client.ts';
import { launchBrowser } from '../e2e/launch.ts';
import { firstRouteJs, MAP_MODULE } from '../vite-budget.ts';

const webDir = path.resolve(import.meta.dirname, '..');
const repoRoot = path.resolve(webDir, '..');
const apiDir = path.join(repoRoot, 'api');
const resultsDir = path.join(repoRoot, 'bench', 'results');
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const runs = Math.max(1, Number(process.env.BENCH_WEB_RUNS ?? 2));
const pageFilter = process.env.BENCH_WEB_PAGES?.split(',');
/** First-route JavaScript budget, gzip bytes (the map loads after, on its own). */
export const FIRST_ROUTE_BUDGET = 120 * 1024;

// ------------------------------------------------------------------------------------------------- the build

const tmp = path.join(os.tmpdir(), `rallypoint-bench-web-${process.pid}`);
mkdirSync(tmp, { recursive: true });
const outDir = path.join(tmp, 'dist');
log('building the web app (vite build, production)');
const output = (await build({ root: webDir, logLevel: 'warn', build: { outDir, emptyOutDir: true } })) as Rollup.RollupOutput;
const chunks = output.output.filter((c): c is Rollup.OutputChunk => c.type === 'chunk');
const gz = (code: string) => gzipSync(code, { level: 9 }).length;
const mapChunks = new Set(chunks.filter((c) => Object.keys(c.modules).some((id) => MAP_MODULE.test(id))).map((c) => c.fileName));
const { gzip: entryGzip, chunks: closure } = firstRouteJs(Object.fromEntries(output.output.map((c) => [c.fileName, c])));
/** Each chunk's gzip size (level 9): a script's size in the results, without HTTP headers. */
const chunkGzip = new Map(chunks.map((c) => [c.fileName, gz(c.code)]));
const mapGzip = chunks.filter((c) => mapChunks.has(c.fileName)).reduce((s, c) => s + gz(c.code), 0);
log(`entry and its static imports: ${(entryGzip / 1024).toFixed(1)} KB gzip; map chunks ${[...mapChunks].join(', ')}: ${(mapGzip / 1024).toFixed(1)} KB`);

// --------------------------------------------------------------------------------------------- the platform

const db = await benchDatabase('web');
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const apiEnv = {
  ...process.env,
  DATABASE_URL: db.url,
  API_PORT: String(port),
  API_HOST: '127.0.0.1',
  PUBLIC_URL: base,
  SMTP_URL: 'smtp://127.0.0.1:2525', // required in production; nothing is sent (no worker)
  RUN_WORKER: '0',
  WEB_DIST_DIR: outDir,
  TRUSTED_DOCUMENTS_FILE: '',
  ALLOW_ARBITRARY_OPERATIONS: '0',
  RATE_LIMIT_FACTOR: '1000',
  REDIS_URL: '',
  VITE_MAPBOX_TOKEN: '',
  // No page here matches lifts; the matcher's warm-up would take both cores while the first pages are measured.
  MATCHER_WARMUP: '0',
};
// The API as deployed (it adds the places at start); the demo data goes in through `pnpm seed:demo`, which only
// runs outside production, into the same database.
const api: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: apiDir,
  env: { ...apiEnv, NODE_ENV: 'production' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let apiLog = '';
api.stdout?.on('data', (d) => (apiLog += d));
api.stderr?.on('data', (d) => (apiLog += d));
const stopApi = async () => {
  if (api.exitCode !== null) return;
  const exited = new Promise((r) => api.once('exit', r));
  api.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
};
try {
  for (let i = 0; ; i++) {
    if (api.exitCode !== null || i > 1800) throw new Error(`API did not start:\n${apiLog}`);
    if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  log('API up (production mode), seeding the demo data');
  const seed = spawnSync(process.execPath, [path.join(apiDir, 'scripts', 'command.mjs'), 'seed-demo'], {
    cwd: repoRoot,
    env: { ...apiEnv, NODE_ENV: 'development', API_PORT: String(await freePort()) },
    encoding: 'utf8',
  });
  if (seed.status !== 0) throw new Error(`seed:demo failed:\n${seed.stdout}\n${seed.stderr}`);
  const prisma = createPrisma(db.url, 1);
  // An event page as a visitor lands on it from a shared link: the soonest public, published event at a venue.
  const event = await prisma.event.findFirstOrThrow({
    where: { status: 'PUBLISHED', visibility: 'PUBLIC', online: false, startsAt: { gt: new Date() } },
    orderBy: { startsAt: 'asc' },
    select: { id: true, title: true },
  });
  await prisma.$disconnect();

  const pages = [
    { name: 'home', path: '/' },
    { name: 'near', path: '/near/LS6%201AN', label: '`/near/LS6 1AN`' },
    { name: 'event', path: `/events/${encodeURIComponent(Buffer.from(`Event:${event.id}`).toString('base64'))}`, label: `an event page (${event.title})` },
    { name: 'marginals', path: '/marginals/LS6%201AN', label: '`/marginals/LS6 1AN`' },
  ].filter((p) => !pageFilter || pageFilter.includes(p.name));

  // ------------------------------------------------------------------------------------------- Lighthouse

  const lighthouseVersion = JSON.parse(readFileSync(path.join(webDir, 'node_modules', 'lighthouse', 'package.json'), 'utf8')).version as string;
  const chromeVersion = spawnSync(chromePath, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run'],
  });
  const results = [];
  try {
    for (const p of pages) {
      const tries = [];
      for (let i = 0; i < runs; i++) {
        // Lighthouse's default settings: mobile emulation, simulated slow 4G and 4× CPU slowdown.
        // A trace Lighthouse could not read (NO_NAVSTART and the like, on a busy machine) is run again, twice at most.
        let lhr: RunnerResult['lhr'] | undefined;
        for (let attempt = 0; attempt < 3 && (!lhr || lhr.runtimeError); attempt++) {
          const r = await lighthouse(`${base}${p.path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices'] });
          if (!r) throw new Error(`Lighthouse gave no result for ${p.path}`);
          lhr = r.lhr;
          if (lhr.runtimeError) log(`${p.name} run ${i + 1}: ${lhr.runtimeError.code}, running it again`);
        }
        if (!lhr || lhr.runtimeError) throw new Error(`Lighthouse on ${p.path}: ${lhr?.runtimeError?.code} ${lhr?.runtimeError?.message}`);
        // BENCH_WEB_LHR_DIR keeps each run's full report, to read which paints and requests made the metrics.
        if (process.env.BENCH_WEB_LHR_DIR) {
          mkdirSync(process.env.BENCH_WEB_LHR_DIR, { recursive: true });
          writeFileSync(path.join(process.env.BENCH_WEB_LHR_DIR, `${p.name}-${i + 1}.json`), JSON.stringify(lhr));
        }
        const num = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
        const requests = ((lhr.audits['network-requests']?.details as { items?: { url: string; resourceType?: string; transferSize?: number }[] })?.items ?? []);
        const scripts = requests.filter((q) => q.resourceType === 'Script' && q.url.startsWith(base));
        const isMap = (url: string) => mapChunks.has(new URL(url).pathname.slice(1));
        const size = (q: (typeof scripts)[number]) => chunkGzip.get(new URL(q.url).pathname.slice(1)) ?? q.transferSize ?? 0;
        const bytes = (xs: typeof scripts) => xs.reduce((s, q) => s + size(q), 0);
        const failing = (cat: string) =>
          (lhr.categories[cat]?.auditRefs ?? [])
            .filter((a) => a.weight > 0 && (lhr.audits[a.id]?.score ?? 1) < 1 && lhr.audits[a.id]?.scoreDisplayMode !== 'informative')
            .map((a) => `${a.id} (${lhr.audits[a.id]?.displayValue ?? lhr.audits[a.id]?.score})`);
        const run = {
          performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
          accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
          bestPractices: Math.round((lhr.categories['best-practices']?.score ?? 0) * 100),
          fcpMs: Math.round(num('first-contentful-paint')),
          lcpMs: Math.round(num('largest-contentful-paint')),
          tbtMs: Math.round(num('total-blocking-time')),
          cls: round(num('cumulative-layout-shift'), 3),
          speedIndexMs: Math.round(num('speed-index')),
          firstRouteJsGzip: bytes(scripts.filter((q) => !isMap(q.url))),
          mapJsGzip: bytes(scripts.filter((q) => isMap(q.url))),
          scripts: scripts.map((q) => ({ file: new URL(q.url).pathname, gzip: size(q), map: isMap(q.url) })),
          // What moved (CLS) and what kept the main thread busy (TBT), to act on.
          layoutShifts: ((lhr.audits['layout-shifts']?.details as { items?: { score?: number; node?: { selector?: string; snippet?: string } }[] })?.items ?? []).map((x) => ({
            score: round(x.score ?? 0, 3),
            selector: x.node?.selector,
            snippet: x.node?.snippet?.slice(0, 160),
          })),
          bootup: ((lhr.audits['bootup-time']?.details as { items?: { url: string; total: number; scripting: number }[] })?.items ?? []).slice(0, 6).map((x) => ({ url: x.url.replace(base, ''), totalMs: Math.round(x.total), scriptingMs: Math.round(x.scripting) })),
          notPassing: { accessibility: failing('accessibility'), bestPractices: failing('best-practices'), performance: failing('performance').slice(0, 8) },
        };
        log(`${p.name} run ${i + 1}: performance ${run.performance}, a11y ${run.accessibility}, BP ${run.bestPractices}, LCP ${run.lcpMs} ms, TBT ${run.tbtMs} ms, CLS ${run.cls}, JS ${(run.firstRouteJsGzip / 1024).toFixed(1)} KB (+ map ${(run.mapJsGzip / 1024).toFixed(1)} KB)`);
        tries.push(run);
      }
      const best = tries.reduce((a, b) => (b.performance > a.performance ? b : a));
      results.push({ page: p.name, path: decodeURIComponent(p.path), label: p.label ?? p.name, best, runs: tries });
    }
  } finally {
    chrome.kill();
  }

  // ------------------------------------------------------------------------------- the interactive map, as timed by map.e2e.ts

  // Navigation start → map canvas visible and the list rendered, /near/LS6 at 1280×900, unthrottled (median of 3).
  const mapTimes: number[] = [];
  const browser = await launchBrowser({ executablePath: chromePath, env: {} }, { baseURL: base });
  try {
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage();
      await page.goto('/near/LS6');
      await Promise.all([
        page.locator('[data-testid="map"] canvas').first().waitFor({ state: 'visible', timeout: 60_000 }),
        page.getByRole('region', { name: /^Events within \d+ km$/ }).getByRole('listitem').first().waitFor({ state: 'visible', timeout: 60_000 }),
      ]);
      mapTimes.push(Math.round(await page.evaluate(() => performance.now())));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const mapInteractiveMs = [...mapTimes].sort((a, b) => a - b)[1]!;
  log(`interactive map (/near/LS6, desktop): ${mapTimes.join(', ')} ms`);

  // ------------------------------------------------------------------------------------------------ report

  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`;
  const report = {
    date: new Date().toISOString(),
    machine,
    node: process.version,
    lighthouse: lighthouseVersion,
    chrome: chromeVersion,
    settings: 'Lighthouse default (mobile: Moto G Power emulation, simulated slow 4G, 4× CPU slowdown); best of runs by performance',
    runsPerPage: runs,
    budget: { firstRouteJsGzip: FIRST_ROUTE_BUDGET },
    build: { entryJsGzip: entryGzip, entryChunks: closure, mapJsGzip: mapGzip, mapChunks: [...mapChunks] },
    pages: results,
    mapInteractive: { what: 'navigation start → map canvas visible + list rendered, /near/LS6, 1280×900, unthrottled', runsMs: mapTimes, medianMs: mapInteractiveMs },
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'web.json'), `${JSON.stringify(report, null, 2)}\n`);
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const md = `# Web performance (\`pnpm bench:web\`)

${report.date.slice(0, 16).replace('T', ' ')} UTC on ${machine}; Node ${process.version}; Lighthouse ${lighthouseVersion} (${report.settings}) driving ${chromeVersion}. The production web build served by the API (NODE_ENV=production) on an embedded PostgreSQL with the demo data.

| page | performance | accessibility | best practices | FCP | LCP | TBT | CLS | first-route JS (gzip) | map JS (lazy) |
|---|---|---|---|---|---|---|---|---|---|
${results.map((r) => `| ${r.label} | ${r.best.performance} | ${r.best.accessibility} | ${r.best.bestPractices} | ${s(r.best.fcpMs)} | ${s(r.best.lcpMs)} | ${r.best.tbtMs.toLocaleString('en-GB')} ms | ${r.best.cls} | ${kb(r.best.firstRouteJsGzip)} | ${r.best.mapJsGzip ? kb(r.best.mapJsGzip) : '—'} |`).join('\n')}

Targets: performance ≥ 90, accessibility 100, best practices ≥ 95 on each page; first-route JavaScript ≤ ${kb(FIRST_ROUTE_BUDGET)} gzip (every script the page loads except the map's; each file's gzip size from the build, no headers), with the map loaded lazily.

Build: the entry and its static imports (what index.html loads on every page) ${kb(entryGzip)} gzip; the map chunks ${kb(mapGzip)} gzip (${[...mapChunks].join(', ')}).

Interactive map (${report.mapInteractive.what}): ${mapTimes.join(', ')} ms, median **${mapInteractiveMs} ms**.

Every run:

| page | run | performance | a11y | BP | LCP | TBT | CLS | not passing |
|---|---|---|---|---|---|---|---|---|
${results.flatMap((r) => r.runs.map((t, i) => `| ${r.page} | ${i + 1} | ${t.performance} | ${t.accessibility} | ${t.bestPractices} | ${s(t.lcpMs)} | ${t.tbtMs} ms | ${t.cls} | ${[...t.notPassing.accessibility, ...t.notPassing.bestPractices].join(', ') || '—'} |`)).join('\n')}
`;
  writeFileSync(path.join(resultsDir, 'web.md'), md);
  log('wrote bench/results/web.json and web.md');
  const misses = results.filter((r) => r.best.performance < 90 || r.best.accessibility < 100 || r.best.bestPractices < 95 || r.best.firstRouteJsGzip > FIRST_ROUTE_BUDGET);
  if (misses.length) console.log(`Below target: ${misses.map((r) => r.page).join(', ')}`);
} finally {
  await stopApi();
  await db.stop();
  rmSync(tmp, { recursive: true, force: true });
  rmSync(db.tmp, { recursive: true, force: true });
}
