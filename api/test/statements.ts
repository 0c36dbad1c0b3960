import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll } from 'vitest';
import type { RunningApi } from '../src/server.ts';
import { startTestApi } from './helpers.ts';
import { testDatabaseUrl } from './db-utils.ts';

interface Queryable {
  performIO(query: { sql: string }): Promise<unknown>;
}

export interface StatementCounter {
  /** The SQL statements sent while `run` runs, with what it returned. */
  during<T>(run: () => Promise<T>): Promise<{ statements: string[]; result: T }>;
  stop(): void;
}

/**
 * Every statement Prisma sends, in or out of a transaction, goes through one method of its Postgres adapter: wrapped
 * here, it records what runs while a request is measured. Nothing else in this process may use the database meanwhile
 * (no job runner; stop the outbox publisher before measuring).
 */
export async function countStatements(): Promise<StatementCounter> {
  const adapter = await new PrismaPg({ connectionString: testDatabaseUrl() }).connect();
  const queryable = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as Queryable;
  await adapter.dispose();
  const performIO = queryable.performIO;
  let counting: string[] | null = null;
  queryable.performIO = function (this: Queryable, query) {
    counting?.push(query.sql);
    return performIO.call(this, query);
  };
  return {
    async during(run) {
      const statements: string[] = [];
      counting = statements;
      try {
        return { statements, result: await run() };
      } finally {
        counting = null;
      }
    },
    stop: () => {
      queryable.performIO = performIO;
    },
  };
}

export interface CountingApi {
  readonly api: RunningApi;
  /** The statements `run` sends, with what it returned; the outbox publisher is stopped first so only `run` counts. */
  measure<T>(run: () => Promise<T>): Promise<{ statements: string[]; result: T }>;
}

/** A test file's API (no job runner) and a statement counter, started before its tests and stopped after them. */
export function countingApi(): CountingApi {
  let api: RunningApi | undefined;
  let counter: StatementCounter | undefined;
  beforeAll(async () => {
    api = await startTestApi({ runWorker: false });
    counter = await countStatements();
  });
  afterAll(async () => {
    counter?.stop();
    await api?.close();
  });
  return {
    get api() {
      if (!api) throw new Error('countingApi: the API starts in beforeAll');
      return api;
    },
    async measure(run) {
      await this.api.outbox.stop();
      return counter!.during(run);
    },
  };
}
