import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_MARGINAL_THRESHOLD_PCT, DEFAULT_SPEED_KMH } from '@rallypoint/shared';
import express from 'express';
import { z } from 'zod';
import { repoRoot } from './paths.ts';
import { type RateLimitConfig, scaledRateLimits } from './security/rate-limits.ts';
import { MANIFEST_NAME, readManifest } from './security/trusted-documents.ts';

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
  /** The lift matcher's average road speed (km/h): how long a route takes, so whether it reaches the event in time. */
  liftSpeedKmh: number;
  rateLimits: RateLimitConfig;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For to believe for the client IP. */
  trustProxy: string;
  /** With Redis, live updates travel between API instances; without, they stay in this process. */
  redisUrl: string | null;
  /** Serve /plain/events-near, the benchmark's non-GraphQL baseline. */
  benchPlainRoute: boolean;
  /** An external PostgreSQL; null means the embedded one in `pgDataDir`. */
  databaseUrl: string | null;
  pgDataDir: string;
  smtpUrl: string | null;
  /** The From header of outgoing mail, e.g. `Rallypoint <no-reply@example.org>`. */
  mailFrom: string;
  /** Run the background job worker in this process. */
  runWorker: boolean;
  /** Warm the lift matcher's threads up once the API is ready (see lifts/matcher.ts). */
  matcherWarmup: boolean;
  /** The built web app, served on the API's port; null serves the API only. */
  webDistDir: string | null;
  /** With a Mapbox token the web app talks to Mapbox, so the CSP allows its hosts. */
  mapboxToken: string | null;
  /** A MapLibre style for the web app's maps: put in its pages, its origin allowed by the CSP. */
  mapStyleUrl: string | null;
  /** Run operations sent as text, not only the trusted documents (always outside production). */
  allowArbitraryOperations: boolean;
  /** The web build's operations by sha256 hash (`persisted-documents.json`); null knows none. */
  trustedDocumentsFile: string | null;
}

/** Every problem with the environment, one line each, naming the variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const parseUrl = (s: string): URL | null => {
  try {
    return new URL(s);
  } catch {
    return null;
  }
};

const number = (what: string, ok: (n: number) => boolean) =>
  z.string().transform((s, ctx) => {
    const n = Number(s.trim());
    if (!Number.isFinite(n) || !ok(n)) {
      ctx.addIssue({ code: 'custom', message: `must be ${what}, got ${JSON.stringify(s)}` });
      return z.NEVER;
    }
    return n;
  });
const wholeNumber = (min: number, max: number) =>
  number(`a whole number from ${min} to ${max}`, (n) => Number.isInteger(n) && n >= min && n <= max);

const flag = z.string().transform((s, ctx) => {
  const v = s.trim().toLowerCase();
  if (v === '1' || v === 'true') return true;
  if (v === '0' || v === 'false') return false;
  ctx.addIssue({ code: 'custom', message: `must be 1, 0, true or false, got ${JSON.stringify(s)}` });
  return z.NEVER;
});

/** Values may carry credentials, so they are never echoed. */
const url = (protocols: string[], what: string) =>
  z
    .string()
    .trim()
    .refine((s) => protocols.includes(parseUrl(s)?.protocol ?? ''), `must be ${what}`);

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;
const mailbox = z
  .string()
  .trim()
  .refine((s) => ADDRESS.test(/<([^<>]*)>\s*$/.exec(s)?.[1]?.trim() ?? s), 'must contain an e-mail address, e.g. "Rallypoint <no-reply@example.org>"');

const folderWithIndex = z
  .string()
  .transform((s) => path.resolve(s))
  .refine((dir) => existsSync(path.join(dir, 'index.html')), 'must be a folder with the built web app (index.html); run `pnpm build`');

const trustProxy = z
  .string()
  .trim()
  .refine(
    (s) => {
      try {
        express().set('trust proxy', s); // validated exactly as the app will use it
        return true;
      } catch {
        return false;
      }
    },
    { error: (issue) => `must be addresses, CIDR ranges or loopback/linklocal/uniquelocal, comma-separated, got ${JSON.stringify(issue.input)}` },
  );

const environment = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'must be production, development or test' }).optional(),
    API_PORT: wholeNumber(0, 65_535).default(4000),
    API_HOST: z.string().trim().default('0.0.0.0'),
    WEB_PORT: wholeNumber(1, 65_535).default(5173),
    PUBLIC_URL: url(['http:', 'https:'], 'an absolute http:// or https:// URL')
      .refine((s) => !parseUrl(s)?.search && !parseUrl(s)?.hash, 'must have no query or fragment')
      .optional(),
    SESSION_DAYS: wholeNumber(1, 3650).default(30),
    MARGINAL_THRESHOLD_PCT: number('a number from 0 to 100', (n) => n >= 0 && n <= 100).default(DEFAULT_MARGINAL_THRESHOLD_PCT),
    LIFT_RETENTION_DAYS: wholeNumber(0, 3650).default(30),
    LIFT_SPEED_KMH: number('a number from 5 to 130', (n) => n >= 5 && n <= 130).default(DEFAULT_SPEED_KMH),
    RATE_LIMIT_FACTOR: number('a number above 0', (n) => n > 0).default(1),
    TRUST_PROXY: trustProxy.default('loopback'),
    REDIS_URL: url(['redis:', 'rediss:'], 'a redis:// or rediss:// URL').optional(),
    BENCH_PLAIN_ROUTE: flag.default(false),
    DATABASE_URL: url(['postgres:', 'postgresql:'], 'a postgres:// or postgresql:// URL').optional(),
    PGDATA_DIR: z.string().transform((s) => path.resolve(s)).default(path.join(repoRoot, '.data', 'pg')),
    SMTP_URL: url(['smtp:', 'smtps:'], 'an smtp:// or smtps:// URL').optional(),
    MAIL_FROM: mailbox.default('Rallypoint <no-reply@localhost>'),
    RUN_WORKER: flag.default(true),
    MATCHER_WARMUP: flag.optional(),
    WEB_DIST_DIR: folderWithIndex.optional(),
    VITE_MAPBOX_TOKEN: z.string().trim().optional(),
    VITE_MAP_STYLE_URL: z
      .string()
      .trim()
      .refine(
        (s) => (s.startsWith('/') && !s.startsWith('//')) || ['http:', 'https:'].includes(parseUrl(s)?.protocol ?? ''),
        'must be an http:// or https:// URL, or a path on this site such as /basemap/style.json',
      )
      .optional(),
    ALLOW_ARBITRARY_OPERATIONS: flag.default(false),
    TRUSTED_DOCUMENTS_FILE: z.string().transform((s) => path.resolve(s)).optional(),
  })
  .superRefine(
    (env, ctx) => {
      if (env.NODE_ENV !== 'production') return;
      const publicUrl = typeof env.PUBLIC_URL === 'string' ? parseUrl(env.PUBLIC_URL) : null;
      if (env.PUBLIC_URL === undefined) {
        ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'is required when NODE_ENV=production: the https:// address people open' });
      } else if (publicUrl?.protocol === 'http:' && !LOCAL_HOSTS.has(publicUrl.hostname)) {
        ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'must be https:// when NODE_ENV=production (session cookies are Secure)' });
      }
      if (env.SMTP_URL === undefined) {
        ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'is required when NODE_ENV=production: sign-up sends a confirmation e-mail' });
      }
      if (env.ALLOW_ARBITRARY_OPERATIONS !== false) return;
      const manifest = trustedDocumentsFile(env);
      const problem = manifest === null ? 'is required when NODE_ENV=production (there is no built web app to read it from)' : manifestProblem(manifest);
      if (problem) {
        ctx.addIssue({
          code: 'custom',
          path: ['TRUSTED_DOCUMENTS_FILE'],
          message: `${manifest ? `${manifest} ` : ''}${problem}: in production the API runs only the web build's operations. Build the API and the web app from the same commit (\`pnpm build\`), or set ALLOW_ARBITRARY_OPERATIONS=1`,
        });
      }
    },
    // Runs even when single variables failed, so every problem is reported at once.
    { when: () => true },
  )
  .transform(
    (env): Config => ({
      port: env.API_PORT,
      host: env.API_HOST,
      publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.WEB_PORT}`).replace(/\/+$/, ''),
      production: env.NODE_ENV === 'production',
      sessionDays: env.SESSION_DAYS,
      marginalThresholdPct: env.MARGINAL_THRESHOLD_PCT,
      liftRetentionDays: env.LIFT_RETENTION_DAYS,
      liftSpeedKmh: env.LIFT_SPEED_KMH,
      rateLimits: scaledRateLimits(env.RATE_LIMIT_FACTOR),
      trustProxy: env.TRUST_PROXY,
      redisUrl: env.REDIS_URL ?? null,
      benchPlainRoute: env.BENCH_PLAIN_ROUTE,
      databaseUrl: env.DATABASE_URL ?? null,
      pgDataDir: env.PGDATA_DIR,
      smtpUrl: env.SMTP_URL ?? null,
      mailFrom: env.MAIL_FROM,
      runWorker: env.RUN_WORKER,
      matcherWarmup: env.MATCHER_WARMUP ?? env.NODE_ENV === 'production',
      webDistDir: env.WEB_DIST_DIR ?? defaultWebDist(),
      mapboxToken: env.VITE_MAPBOX_TOKEN ?? null,
      mapStyleUrl: env.VITE_MAP_STYLE_URL ?? null,
      allowArbitraryOperations: env.NODE_ENV !== 'production' || env.ALLOW_ARBITRARY_OPERATIONS,
      trustedDocumentsFile: trustedDocumentsFile(env),
    }),
  );

/** The web app's generated documents, current with the sources the development web server serves. */
const SOURCE_MANIFEST = path.join(repoRoot, 'web', 'src', 'generated', MANIFEST_NAME);

/** TRUSTED_DOCUMENTS_FILE; else, outside production, the web sources' manifest; else the built web app's. */
function trustedDocumentsFile(env: { NODE_ENV?: string; TRUSTED_DOCUMENTS_FILE?: string; WEB_DIST_DIR?: string }): string | null {
  if (typeof env.TRUSTED_DOCUMENTS_FILE === 'string') return env.TRUSTED_DOCUMENTS_FILE;
  if (env.NODE_ENV !== 'production' && existsSync(SOURCE_MANIFEST)) return SOURCE_MANIFEST;
  const web = typeof env.WEB_DIST_DIR === 'string' ? env.WEB_DIST_DIR : defaultWebDist();
  return web === null ? null : path.join(web, MANIFEST_NAME);
}

function manifestProblem(file: string): string | null {
  try {
    readManifest(file);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

function defaultWebDist(): string | null {
  const dir = path.join(repoRoot, 'web', 'dist');
  return existsSync(path.join(dir, 'index.html')) ? dir : null;
}

/** An unset or blank variable takes its default. */
const withoutBlanks = (env: NodeJS.ProcessEnv) =>
  Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));

/** Reads and checks the environment; throws a ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = environment.safeParse(withoutBlanks(env));
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((i) => `${i.path.map(String).join('.') || 'environment'} ${i.message}`));
}
