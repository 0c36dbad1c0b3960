// The production path as deployed: `pnpm build`'s output run with plain node, NODE_ENV=production, on a brand-new
// database. Needs the build (the root `pnpm test` runs `pnpm build` first).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createPrisma, type Db } from '../src/db/client.ts';
import { freePort } from '../src/db/database.ts';
import { repoRoot } from '../src/paths.ts';
import { freshDatabase } from './db-utils.ts';
import { Client } from './helpers.ts';
// The browser suite's own Chromium (found or installed, never skipped) and map check.
import { launchBrowser, mapInkRatio } from '../../web/e2e/launch.ts';
import { obtainChromium } from '../../web/e2e/chromium.ts';

const MAIN = path.join(repoRoot, 'api', 'dist', 'main.js');
const COMMAND = path.join(repoRoot, 'api', 'scripts', 'command.mjs');
const WEB_DIR = path.join(repoRoot, 'web', 'dist');

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function spawnNode(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => Exit; exited: Promise<Exit> } {
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const output = () => ({ code: child.exitCode, stdout, stderr });
  const exited = new Promise<Exit>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, output, exited };
}

const runNode = (args: string[], env: NodeJS.ProcessEnv) => spawnNode(args, env).exited;

let db: { url: string; drop: () => Promise<void> };
let prisma: Db;
let api: ReturnType<typeof spawnNode>;
let base: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  const missing = [MAIN, path.join(WEB_DIR, 'index.html')].filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new Error(`Missing ${missing.map((f) => path.relative(repoRoot, f)).join(', ')}: run \`pnpm build\` first (\`pnpm test\` does).`);
  }
  db = await freshDatabase(inject('adminUrl'), 'production');
  prisma = createPrisma(db.url, 2);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: db.url,
    PUBLIC_URL: base,
    SMTP_URL: 'smtp://127.0.0.1:2525',
    API_PORT: String(port),
    API_HOST: '127.0.0.1',
    REDIS_URL: '',
    WEB_DIST_DIR: '',
    ADMIN_PASSWORD: '',
  };
  api = spawnNode(['--enable-source-maps', MAIN], env);
  for (;;) {
    if (api.child.exitCode !== null) throw new Error(`the production API exited:\n${api.output().stdout}${api.output().stderr}`);
    if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  if (api?.child.exitCode === null) {
    api.child.kill('SIGTERM');
    await api.exited;
  }
  await prisma?.$disconnect();
  await db?.drop();
});

test('it seeds no demo data: no accounts, no events; the places reference data is there', async () => {
  expect(await prisma.user.count()).toBe(0);
  expect(await prisma.event.count()).toBe(0);
  expect(await prisma.constituency.count()).toBeGreaterThan(600);
  expect(await prisma.outcode.count()).toBeGreaterThan(2000);
});

describe('one origin, one port: the web app and the API', () => {
  test('/ is the built index.html, revalidated on every visit, under a CSP that allows only our own scripts', async () => {
    const res = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(readFileSync(path.join(WEB_DIR, 'index.html'), 'utf8'));
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/(^|;)\s*script-src 'self'\s*(;|$)/);
    expect(csp).toMatch(/(^|;)\s*connect-src 'self'\s*(;|$)/); // no Mapbox hosts without a token
    expect(csp).toMatch(/(^|;)\s*frame-ancestors 'none'/);
  });

  test('hashed assets are cached for a year; a missing one is a plain 404, not the app', async () => {
    const html = readFileSync(path.join(WEB_DIR, 'index.html'), 'utf8');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const res = await fetch(`${base}${asset}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const missing = await fetch(`${base}/assets/nothing-here-1234.js`, { headers: { accept: 'text/html' } });
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('<div id="root">');
  });

  test('client-side routes get index.html; API paths never do', async () => {
    const page = await fetch(`${base}/events/whatever`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const calendar = await fetch(`${base}/calendar/nothing`, { headers: { accept: 'text/html' } });
    expect(calendar.status).toBe(404);
    expect(await calendar.text()).not.toContain('<div id="root">');
    const json = await fetch(`${base}/events/whatever`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(404);
  });

  test('/graphql answers, under the strict API policy', async () => {
    const res = await new Client(base).raw({ query: '{ __typename }' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
  });

  test('in Chromium the app loads with no CSP violation and the map draws', async () => {
    const browser = await launchBrowser(await obtainChromium());
    try {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      page.on('pageerror', (e) => violations.push(`page error: ${e.message}`));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy: ${e.violatedDirective} ${e.blockedURI}`));
      });
      await page.goto(`${base}/near/LS6`);
      // Measured once the map says it is idle with its basemap drawn.
      expect(await mapInkRatio(page)).toBeGreaterThan(0.05);
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
