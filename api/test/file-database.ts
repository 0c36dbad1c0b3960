import { afterAll, inject } from 'vitest';
import { copyOfTemplate } from './db-utils.ts';

// Runs before each test file (setupFiles): the file's own copy of the template database, dropped after it.
const db = await copyOfTemplate(inject('adminUrl'), inject('templateDatabase'), 'file');
(globalThis as { rallypointTestDatabaseUrl?: string }).rallypointTestDatabaseUrl = db.url;
afterAll(() => db.drop());
