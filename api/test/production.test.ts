// The production path as deployed: `pnpm build`'s output run with plain node, NODE_ENV=production, on a brand-new
// database. Needs the build (the root `pnpm test` runs `pnpm build` first).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { assign } from '@rallypoint/shared';
import { MatchPool } from '@rallypoint/shared/matching-pool';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createPrisma, type Db } from '../src/db/client.ts';
import { freePort } from '../src/db/database.ts';
import { repoRoot } from '../src/paths.ts';
import { freshDatabase } from './db-utils.ts';
import { byHash, Client, writeManifest } from './helpers.ts';
// The browser suite's own Chromium (found or installed, never skipped) and map check.
import { launchBrowser, mapInkRatio } from '../../web/e2e/launch.ts';
import { obtainChromium } from '../../web/e2e/chromium.ts';

const MAIN = path.join(repoRoot, 'api', 'dist', 'main.js');
const COMMAND = path.join(repoRoot, 'api', 'scripts', 'command.mjs');
const WEB_DIR = path.join(repoRoot, 'web', 'dist');
const WEB_MANIFEST = path.join(WEB_DIR, 'persisted-documents.json');

// The API runs only listed documents: this test's own are listed beside the web build's.
const TYPENAME = '{ __typename }';
const SIGN_IN = `mutation SignIn($input: SignInInput!) { signIn(input: $input) { __typename ... on MutationSignInSuccess { data { email role displayName } } } }`;

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
let tmp: string;

beforeAll(async () => {
  const missing = [MAIN, path.join(WEB_DIR, 'index.html'), WEB_MANIFEST].filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new Error(`Missing ${missing.map((f) => path.relative(repoRoot, f)).join(', ')}: run \`pnpm build\` first (\`pnpm test\` does).`);
  }
  tmp = mkdtempSync(path.join(os.tmpdir(), 'rallypoint-production-'));
  const manifest = writeManifest(path.join(tmp, 'persisted-documents.json'), [TYPENAME, SIGN_IN], JSON.parse(readFileSync(WEB_MANIFEST, 'utf8')));
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
    TRUSTED_DOCUMENTS_FILE: manifest,
    ALLOW_ARBITRARY_OPERATIONS: '',
    ADMIN_PASSWORD: '',
  };
  api = spawnNode(['--enable-source-maps', MAIN], env);
  // It says when it listens; or it exits, and says why.
  const started = api.child;
  await new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (/API ready/.test(api.output().stdout)) {
        started.stdout!.off('data', onData);
        resolve();
      }
    };
    started.stdout!.on('data', onData);
    void api.exited.then((exit) => reject(new Error(`the production API exited (${exit.code}):\n${exit.stdout}${exit.stderr}`)));
  });
  expect((await fetch(`${base}/health`)).ok).toBe(true);
});

afterAll(async () => {
  if (api?.child.exitCode === null) {
    api.child.kill('SIGTERM');
    await api.exited;
  }
  await prisma?.$disconnect();
  await db?.drop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('it seeds no demo data: no accounts, no events; the places reference data is there', async () => {
  expect(await prisma.user.count()).toBe(0);
  expect(await prisma.event.count()).toBe(0);
  expect(await prisma.constituency.count()).toBeGreaterThan(600);
  expect(await prisma.outcode.count()).toBeGreaterThan(2000);
});

test('the built matcher worker (beside main.js, which started only having found it) gives assign’s answer on its threads', async () => {
  const worker = path.join(repoRoot, 'api', 'dist', 'matcher-worker.js');
  const pool = new MatchPool(pathToFileURL(worker));
  try {
    const event = { lat: 51.5, lng: -0.12 };
    const drivers = Array.from({ length: 12 }, (_, i) => ({
      id: `d${i}`,
      origin: { lat: 51.5 + ((i % 4) - 1.5) * 0.03, lng: -0.12 + (Math.floor(i / 4) - 1) * 0.04 },
      seats: 1 + (i % 4),
      maxDetourKm: 6,
      wheelchairAccessible: i % 5 === 0,
      departureMs: i,
    }));
    const riders = Array.from({ length: 30 }, (_, i) => ({
      id: `r${i}`,
      origin: { lat: 51.5 + ((i % 6) - 2.5) * 0.02, lng: -0.12 + (Math.floor(i / 6) - 2) * 0.025 },
      seats: 1 + (i % 3 === 0 ? 1 : 0),
      needsWheelchair: i % 11 === 0,
    }));
    const there = await pool.assign(drivers, riders, event, { roadFactor: 1.3 });
    expect(there).toEqual(assign(drivers, riders, event, { roadFactor: 1.3 }));
    expect(there.stats.peopleMatched).toBeGreaterThan(0);
  } finally {
    await pool.close();
  }
});

test('once ready, the production API warms the lift matcher up on its built threads, and says so', async () => {
  // Seconds of CPU on a busy machine: a bound, not a speed target.
  await expect.poll(() => api.output().stdout, { timeout: 120_000 }).toMatch(/Lift matcher warmed up in \d+ ms/);
  expect(api.output().stderr).not.toContain('warm-up failed');
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
    const res = await new Client(base).raw(byHash(TYPENAME));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
  });

  test('/graphql runs only listed documents: query text, even a listed one, is refused with 400', async () => {
    const res = await new Client(base).raw({ query: TYPENAME });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: [{ message: expect.stringContaining('send the hash'), extensions: { code: 'PERSISTED_QUERY_ONLY' } }] });
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
      const graphql: Promise<string>[] = [];
      page.on('response', (r) => {
        if (new URL(r.url()).pathname !== '/graphql') return;
        const stream = (r.headers()['content-type'] ?? '').includes('text/event-stream');
        graphql.push(stream ? Promise.resolve(`${r.status()} (stream)`) : r.text().then((body) => `${r.status()} ${body.slice(0, 300)}`));
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy: ${e.violatedDirective} ${e.blockedURI}`));
      });
      await page.goto(`${base}/near/LS6`);
      // Measured once the map says it is idle with its basemap drawn.
      const ink = await mapInkRatio(page).catch(async (error: Error) => {
        throw new Error(`${error.message}\nGraphQL answers so far:\n${(await Promise.all(graphql)).join('\n')}`);
      });
      expect(ink).toBeGreaterThan(0.05);
      expect(violations).toEqual([]);
      // The web app's operations run by hash: none refused (the API and the web app come from one build).
      const answers = await Promise.all(graphql);
      expect(answers.length).toBeGreaterThan(0);
      for (const answer of answers) expect(answer).toMatch(/^200 /);
      for (const answer of answers) expect(answer).not.toMatch(/PERSISTED_QUERY/);
    } finally {
      await browser.close();
    }
  });
});

describe('commands', () => {
  test('without PUBLIC_URL, production refuses to start: exit 1, naming PUBLIC_URL', async () => {
    const run = await runNode([MAIN], { ...env, PUBLIC_URL: '', API_PORT: '0' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/PUBLIC_URL is required/);
  });

  test('without the web build’s trusted documents, production refuses to start: exit 1, naming TRUSTED_DOCUMENTS_FILE', async () => {
    // A web build without its manifest, found by default; then a TRUSTED_DOCUMENTS_FILE that does not exist.
    const web = path.join(tmp, 'web-without-manifest');
    mkdirSync(web);
    writeFileSync(path.join(web, 'index.html'), '<!doctype html>');
    const byDefault = await runNode([MAIN], { ...env, WEB_DIST_DIR: web, TRUSTED_DOCUMENTS_FILE: '', API_PORT: '0' });
    expect(byDefault.code).toBe(1);
    expect(byDefault.stderr).toContain(`TRUSTED_DOCUMENTS_FILE ${path.join(web, 'persisted-documents.json')} does not exist`);
    expect(byDefault.stderr).toMatch(/ALLOW_ARBITRARY_OPERATIONS=1/);
    const named = await runNode([MAIN], { ...env, TRUSTED_DOCUMENTS_FILE: path.join(tmp, 'nothing.json'), API_PORT: '0' });
    expect(named.code).toBe(1);
    expect(named.stderr).toMatch(/TRUSTED_DOCUMENTS_FILE \S+nothing\.json does not exist/);
  });

  test('demo data is refused in production: seed:demo and main --demo exit 1', async () => {
    const seed = await runNode([COMMAND, 'seed-demo'], env);
    expect(seed.code).toBe(1);
    expect(seed.stderr).toMatch(/Refusing to seed demo data with NODE_ENV=production/);
    const main = await runNode([MAIN, '--demo'], { ...env, API_PORT: '0' });
    expect(main.code).toBe(1);
    expect(main.stderr).toMatch(/Refusing to seed demo data/);
    expect(await prisma.user.count()).toBe(0);
  });

  test('admin:create with ADMIN_PASSWORD makes an ADMIN who can sign in; the password is never printed', async () => {
    const password = 'a-long-admin-password-7f3k';
    const email = 'first.admin@example.org';
    const short = await runNode([COMMAND, 'admin-create', '--email', email], { ...env, ADMIN_PASSWORD: 'short-pw' });
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/at least 10 characters/);
    expect(`${short.stdout}${short.stderr}`).not.toContain('short-pw');

    const made = await runNode([COMMAND, 'admin-create', '--email', email, '--first-name', 'Ada'], { ...env, ADMIN_PASSWORD: password });
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain(`Created administrator ${email}`);
    expect(`${made.stdout}${made.stderr}`).not.toContain(password);

    const client = new Client(base);
    client.byHash = true;
    const res = await client.gql(SIGN_IN, { input: { email, password } });
    expect(res.data?.signIn).toEqual({ __typename: 'MutationSignInSuccess', data: { email, role: 'ADMIN', displayName: expect.stringContaining('Ada') } });
  });

  test('user:role appoints a regional organiser; an unknown region is refused with the valid ids', async () => {
    const email = 'organiser@example.org';
    await prisma.user.create({ data: { email, firstName: 'Orla', lastName: 'Ganiser', calendarToken: `t-${Date.now()}` } });
    const wrong = await runNode([COMMAND, 'user-role', '--email', email, '--role', 'ORGANISER', '--region', 'atlantis'], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/Unknown region atlantis/);
    expect(wrong.stderr).toContain('yorkshire-and-the-humber');

    const ok = await runNode([COMMAND, 'user-role', '--email', email, '--role', 'organiser', '--region', 'london', '--region', 'wales'], env);
    expect(ok.code, ok.stderr).toBe(0);
    const user = await prisma.user.findUniqueOrThrow({ where: { email }, include: { regions: true } });
    expect(user.role).toBe('ORGANISER');
    expect(user.regions.map((r) => r.regionId).sort()).toEqual(['london', 'wales']);
  });
});
