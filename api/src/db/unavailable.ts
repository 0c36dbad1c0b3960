import { GraphQLError } from 'graphql';

/** Prisma / driver codes that mean "no database right now", not "your request was wrong". */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
// Postgres SQLSTATEs: connection exceptions (08…), shutdown/starting up (57P01–57P03), too many connections.
const SQLSTATE = /^(08\d{3}|57P0[123]|53300)$/;
const NETWORK =
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|Connection terminated|Can't reach database server|server closed the connection|terminating connection due to administrator command|not queryable|the database system is (starting up|shutting down)/i;

/** An error and what caused it (Prisma's `originalError`, or `cause`), outermost first. */
export function* errorChain(error: unknown): Generator<object> {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    yield e;
    e = (e as { originalError?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
  }
}

/** True when `error` (or anything in its cause chain) says the database is unreachable or restarting. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of errorChain(error)) {
    const x = e as { code?: unknown; originalCode?: unknown; kind?: unknown; message?: unknown; meta?: { code?: unknown } };
    if (typeof x.code === 'string' && (PRISMA_CODES.has(x.code) || SQLSTATE.test(x.code))) return true;
    if (typeof x.meta?.code === 'string' && SQLSTATE.test(x.meta.code)) return true;
    if (typeof x.originalCode === 'string' && SQLSTATE.test(x.originalCode)) return true;
    if (x.kind === 'DatabaseNotReachable' || x.kind === 'ConnectionClosed' || x.kind === 'SocketTimeout') return true;
    if (typeof x.message === 'string' && NETWORK.test(x.message)) return true;
  }
  return false;
}

export const RETRY_AFTER_SECONDS = 5;

/**
 * What clients see while the database is away: 503 and a retry hint. A write cut off mid-commit may still have
 * landed, so the message does not promise otherwise.
 */
export function databaseUnavailableError(): GraphQLError {
  return new GraphQLError('Rallypoint cannot reach its database right now. Please try again in a moment.', {
    extensions: {
      code: 'DATABASE_UNAVAILABLE',
      http: { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } },
    },
  });
}
