import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../api/src/db/database.ts';
import { startMailCatcher } from '../../api/test/mail-catcher.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    webUrl: string;
    apiUrl: string;
    /** Where the mail catcher writes what the API sends (one file per recipient: see api/test/mail-catcher.ts). */
    mailDir: string;
  }
}

const webDir = path.resolve(import.meta.dirname, '..');
const apiDir = path.resolve(webDir, '..', 'api');

async function waitFor(url: string, child: ChildProcess, log: () => string, ms = 180_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`API exited early:\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${url}:\n${log()}`);
}

/**
 * The real platform for the browser: the API as its own process on a throwaway embedded Postgres with the demo
 * seed, and the production web build served by `vite preview`, proxying to it like the dev server does. The API
 * sends its e-mail (sign-up links) over SMTP to a mail catcher that writes each message into a folder the tests read.
 */
export default async function setup(project: TestProject) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'rallypoint-e2e-'));
  chmodSync(tmp, 0o755);
  const apiPort = await freePort();
  let webPort = await freePort();
  while (webPort === apiPort) webPort = await freePort();
  const webUrl = `http://127.0.0.1:${webPort}`;
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const mailDir = path.join(tmp, 'mail');
  const mail = await startMailCatcher(mailDir);
  let output = '';
  const api = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--demo'], {
    cwd: apiDir,
    env: {
      ...process.env,
      DATABASE_URL: '',
      PGDATA_DIR: path.join(tmp, 'pg'),
      API_PORT: String(apiPort),
      API_HOST: '127.0.0.1',
      PUBLIC_URL: webUrl,
      SMTP_URL: mail.url,
      // Every browser test signs up from 127.0.0.1.
      RATE_LIMIT_FACTOR: '100',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  api.stdout?.on('data', (d) => (output += d));
  api.stderr?.on('data', (d) => (output += d));

  process.env.API_URL = apiUrl;
  process.env.WEB_PORT = String(webPort);
  process.env.WEB_HOST = '127.0.0.1';
  const stopApi = async () => {
    if (api.exitCode !== null) return;
    const exited = new Promise((r) => api.once('exit', r));
    api.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  };
  const { build, preview } = await import('vite');
  // A private outDir, so parallel runs (and a running `pnpm dev`) never share a build; or the one that
  // scripts/e2e-parallel.mjs made for all its shards.
  const shared = process.env.E2E_WEB_DIST;
  const outDir = shared || path.join(tmp, 'dist');
  let server: Awaited<ReturnType<typeof preview>> | undefined;
  try {
    if (!shared) await build({ root: webDir, logLevel: 'warn', build: { outDir } });
    server = await preview({ root: webDir, logLevel: 'warn', build: { outDir } });
    await waitFor(`${apiUrl}/health`, api, () => output);
  } catch (error) {
    // Nothing left running (the SMTP server and the API would keep the run from ending).
    await server?.close();
    await stopApi();
    await mail.close();
    throw error;
  }

  project.provide('webUrl', webUrl);
  project.provide('apiUrl', apiUrl);
  project.provide('mailDir', mailDir);
  return async () => {
    await server?.close();
    await stopApi();
    await mail.close();
    rmSync(tmp, { recursive: true, force: true });
  };
}
