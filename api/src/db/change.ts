import type { Prisma } from '@rallypoint/prisma';
import type { Db } from './client.ts';
import { KeyedQueue } from './keyed-queue.ts';
import { errorChain } from './unavailable.ts';

/** A database handle inside a transaction. */
export type Tx = Prisma.TransactionClient;

/** Either a client or an open transaction: for reads that may happen in both. */
export type DbOrTx = Db | Tx;

export interface ChangeContext {
  prisma: Db;
  /** Told after every commit, so announcements go out at once instead of at the next poll. */
  outbox: { kick(): void; readonly instanceId?: string };
}

const origins = new WeakMap<Tx, string>();

/** The API instance a transaction's change was made on, when known (see the outbox). */
export const originOf = (tx: Tx): string | null => origins.get(tx) ?? null;

export interface ChangeOptions {
  /** Changes with the same key take turns in this process before they open a transaction (see KeyedQueue). */
  queueKey?: string;
  /** How long a change may hold its transaction (sign-ups queue on a row lock; matching a rally takes a while). */
  timeoutMs?: number;
}

const queue = new KeyedQueue();

// Deadlocks and serialisation failures: PostgreSQL rolled everything back, so running again is safe.
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 3;

function sqlState(error: unknown): string | undefined {
  for (const e of errorChain(error)) {
    const x = e as { code?: unknown; originalCode?: unknown; meta?: { code?: unknown } };
    for (const c of [x.originalCode, x.meta?.code, x.code]) if (typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c)) return c;
  }
  return undefined;
}

/**
 * Runs one change — its writes, its announcements (outbox rows) and the read-back of its result — in ONE
 * transaction: it either commits whole or reports an error having changed nothing. After commit the outbox publisher
 * is told, so live pushes and e-mails follow what committed, and only that.
 */
export async function change<T>(ctx: ChangeContext, name: string, fn: (tx: Tx) => Promise<T>, options: ChangeOptions = {}): Promise<T> {
  const timeout = options.timeoutMs ?? 60_000;
  const origin = ctx.outbox.instanceId;
  const attempt = () =>
    ctx.prisma.$transaction(
      (tx) => {
        if (origin) origins.set(tx, origin);
        return fn(tx);
      },
      { maxWait: timeout, timeout },
    );
  const run = async () => {
    for (let i = 1; ; i++) {
      try {
        return await attempt();
      } catch (error) {
        if (i >= MAX_ATTEMPTS || !RETRYABLE.has(sqlState(error) ?? '')) throw error;
      }
    }
  };
  const result = await (options.queueKey ? queue.run(options.queueKey, run) : run());
  failpoint(`after-commit:${name}`);
  ctx.outbox.kick();
  return result;
}

/**
 * Fault injection for the crash tests: RALLYPOINT_FAILPOINTS=after-commit:<change> kills the process right after that
 * change commits, before anything is published. Never active in production.
 */
function failpoint(name: string): void {
  const points = process.env.RALLYPOINT_FAILPOINTS;
  if (!points || process.env.NODE_ENV === 'production') return;
  if (points.split(',').includes(name)) process.kill(process.pid, 'SIGKILL');
}
