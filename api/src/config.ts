import { DEFAULT_MARGINAL_THRESHOLD_PCT } from '@rallypoint/shared';
import { type RateLimitConfig, scaledRateLimits } from './security/rate-limits.ts';

export interface Config {
  port: number;
  host: string;
  /** Where links in calendar files and feeds point (the web origin, which proxies /calendar to the API). */
  publicUrl: string;
  production: boolean;
  sessionDays: number;
  /** A seat is marginal at or below this 2024 majority (% of valid votes). */
  marginalThresholdPct: number;
  /** Lift offers, requests and matches are deleted this many days after their event. */
  liftRetentionDays: number;
  rateLimits: RateLimitConfig;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For to believe for the client IP. */
  trustProxy: string;
  /** With Redis, live updates travel between API instances; without, they stay in this process. */
  redisUrl: string | null;
  /** Serve /plain/events-near, the benchmark's non-GraphQL baseline. */
  benchPlainRoute: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.API_PORT ?? 4000);
  return {
    port,
    host: env.API_HOST ?? '0.0.0.0',
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.WEB_PORT ?? 5173}`).replace(/\/$/, ''),
    production: env.NODE_ENV === 'production',
    sessionDays: Number(env.SESSION_DAYS ?? 30),
    marginalThresholdPct: Number(env.MARGINAL_THRESHOLD_PCT ?? DEFAULT_MARGINAL_THRESHOLD_PCT),
    liftRetentionDays: Number(env.LIFT_RETENTION_DAYS ?? 30),
    rateLimits: scaledRateLimits(Number(env.RATE_LIMIT_FACTOR ?? 1)),
    trustProxy: env.TRUST_PROXY ?? 'loopback',
    redisUrl: env.REDIS_URL || null,
    benchPlainRoute: env.BENCH_PLAIN_ROUTE === '1',
  };
}
