import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SPEED_KMH } from '@rallypoint/shared';
import { describe, expect, test } from 'vitest';
import { type Config, ConfigError, loadConfig } from '../src/config.ts';
import { repoRoot } from '../src/paths.ts';
import { documentHash } from '../src/security/trusted-documents.ts';
import { DEFAULT_RATE_LIMITS } from '../src/security/rate-limits.ts';
import { writeManifest } from './helpers.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rallypoint-config-'));
/** The web build's operations, as `pnpm build` writes them. */
const MANIFEST = writeManifest(path.join(tmp, 'persisted-documents.json'), ['{ __typename }']);

const PRODUCTION = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://rally.example.org',
  SMTP_URL: 'smtp://mail.example.org:587',
  TRUSTED_DOCUMENTS_FILE: MANIFEST,
};

/** The problems loadConfig reports for `env`, or [] when it accepts it. */
function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
}

describe('loadConfig', () => {
  test('defaults: a development setup with nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: '0.0.0.0',
      publicUrl: 'http://localhost:5173',
      production: false,
      sessionDays: 30,
      marginalThresholdPct: 5,
      liftRetentionDays: 30,
      liftSpeedKmh: DEFAULT_SPEED_KMH,
      rateLimits: DEFAULT_RATE_LIMITS,
      trustProxy: 'loopback',
      redisUrl: null,
      benchPlainRoute: false,
      databaseUrl: null,
      pgDataDir: path.join(repoRoot, '.data', 'pg'),
      smtpUrl: null,
      mailFrom: 'Rallypoint <no-reply@localhost>',
      runWorker: true,
      matcherWarmup: false,
      mapboxToken: null,
      allowArbitraryOperations: true,
    } satisfies Partial<Config>);
  });

  test('good values are read and typed; blank ones take the default', () => {
    const web = mkdtempSync(path.join(os.tmpdir(), 'rallypoint-web-'));
    writeFileSync(path.join(web, 'index.html'), '<!doctype html>');
    writeManifest(path.join(web, 'persisted-documents.json'), ['{ __typename }']);
    const config = loadConfig({
      ...PRODUCTION,
      TRUSTED_DOCUMENTS_FILE: undefined,
      PUBLIC_URL: 'https://rally.example.org/',
      API_PORT: '8080',
      API_HOST: '127.0.0.1',
      SESSION_DAYS: '7',
      MARGINAL_THRESHOLD_PCT: '2.5',
      LIFT_RETENTION_DAYS: '0',
      LIFT_SPEED_KMH: '27.5',
      RATE_LIMIT_FACTOR: '2',
      TRUST_PROXY: '10.0.0.0/8, loopback',
      REDIS_URL: 'rediss://cache.internal:6380',
      BENCH_PLAIN_ROUTE: '1',
      DATABASE_URL: 'postgresql://app:secret@db.internal:5432/rallypoint',
      PGDATA_DIR: 'relative/pg',
      MAIL_FROM: 'no-reply@rally.example.org',
      RUN_WORKER: 'false',
      WEB_DIST_DIR: web,
      VITE_MAPBOX_TOKEN: 'pk.test',
      WEB_PORT: '',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      publicUrl: 'https://rally.example.org',
      production: true,
      sessionDays: 7,
      marginalThresholdPct: 2.5,
      liftRetentionDays: 0,
      liftSpeedKmh: 27.5,
      trustProxy: '10.0.0.0/8, loopback',
      redisUrl: 'rediss://cache.internal:6380',
      benchPlainRoute: true,
      databaseUrl: 'postgresql://app:secret@db.internal:5432/rallypoint',
      pgDataDir: path.resolve('relative/pg'),
      smtpUrl: 'smtp://mail.example.org:587',
      mailFrom: 'no-reply@rally.example.org',
      runWorker: false,
      matcherWarmup: true,
      webDistDir: web,
      mapboxToken: 'pk.test',
      allowArbitraryOperations: false,
      trustedDocumentsFile: path.join(web, 'persisted-documents.json'),
    } satisfies Partial<Config>);
    expect(config.rateLimits.ipPerMinute).toBe(DEFAULT_RATE_LIMITS.ipPerMinute * 2);
    expect(loadConfig({ WEB_PORT: '3000' }).publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ RUN_WORKER: 'TRUE', BENCH_PLAIN_ROUTE: '0' })).toMatchObject({ runWorker: true, benchPlainRoute: false });
    // The matcher's warm-up: on by default in production only, either way when set.
    expect(loadConfig({ MATCHER_WARMUP: '1' }).matcherWarmup).toBe(true);
    expect(loadConfig({ ...PRODUCTION, MATCHER_WARMUP: '0' }).matcherWarmup).toBe(false);
    for (const kmh of [5, 130]) expect(loadConfig({ LIFT_SPEED_KMH: String(kmh) }).liftSpeedKmh).toBe(kmh);
  });

  test.each([
    ['API_PORT', 'http'],
    ['API_PORT', '70000'],
    ['WEB_PORT', '0'],
    ['SESSION_DAYS', 'abc'],
    ['SESSION_DAYS', '1.5'],
    ['SESSION_DAYS', '0'],
    ['MARGINAL_THRESHOLD_PCT', '101'],
    ['LIFT_RETENTION_DAYS', '-1'],
    ['LIFT_SPEED_KMH', '4.9'],
    ['LIFT_SPEED_KMH', '131'],
    ['LIFT_SPEED_KMH', 'fast'],
    ['RATE_LIMIT_FACTOR', '0'],
    ['RATE_LIMIT_FACTOR', 'lots'],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '10.0.0.0/99'],
    ['REDIS_URL', 'localhost:6379'],
    ['BENCH_PLAIN_ROUTE', 'yes please'],
    ['DATABASE_URL', 'mysql://db/rallypoint'],
    ['DATABASE_URL', 'not a url'],
    ['PUBLIC_URL', 'rally.example.org'],
    ['PUBLIC_URL', 'ftp://rally.example.org'],
    ['NODE_ENV', 'prod'],
    ['SMTP_URL', 'mail.example.org:25'],
    ['MAIL_FROM', 'Rallypoint'],
    ['MAIL_FROM', 'Rallypoint <nobody>'],
    ['RUN_WORKER', '2'],
    ['MATCHER_WARMUP', 'on'],
    ['WEB_DIST_DIR', '/nowhere/at/all'],
    ['ALLOW_ARBITRARY_OPERATIONS', 'sometimes'],
  ])('%s=%j is refused, and the message names it', (name, value) => {
    const found = problems({ [name]: value });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${name} `));
  });

  test('every bad variable is reported at once, in one ConfigError', () => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'production', TRUSTED_DOCUMENTS_FILE: MANIFEST, SESSION_DAYS: 'abc', API_PORT: '-1', DATABASE_URL: 'mysql://x', RUN_WORKER: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems: found, message } = error as ConfigError;
    expect(found.map((p) => p.split(' ')[0]).sort()).toEqual(['API_PORT', 'DATABASE_URL', 'PUBLIC_URL', 'RUN_WORKER', 'SESSION_DAYS', 'SMTP_URL']);
    for (const p of found) expect(message).toContain(p);
  });

  test('values that may hold credentials are never echoed', () => {
    const found = problems({ DATABASE_URL: 'mysql://app:hunter2hunter2@db', SMTP_URL: 'http://u:hunter2hunter2@mail', REDIS_URL: 'x:hunter2hunter2' });
    expect(found).toHaveLength(3);
    expect(found.join('\n')).not.toContain('hunter2');
  });

  describe('in production', () => {
    test('a complete configuration is accepted', () => {
      expect(problems(PRODUCTION)).toEqual([]);
    });

    test('PUBLIC_URL is required', () => {
      expect(problems({ ...PRODUCTION, PUBLIC_URL: undefined })).toEqual([expect.stringMatching(/^PUBLIC_URL is required/)]);
      expect(problems({ ...PRODUCTION, PUBLIC_URL: ' ' })).toEqual([expect.stringMatching(/^PUBLIC_URL is required/)]);
    });

    test('PUBLIC_URL must be https, except on this machine (cookies are Secure)', () => {
      expect(problems({ ...PRODUCTION, PUBLIC_URL: 'http://rally.example.org' })).toEqual([expect.stringMatching(/^PUBLIC_URL must be https/)]);
      for (const local of ['http://localhost:4000', 'http://127.0.0.1:4000', 'http://[::1]:4000']) {
        expect(problems({ ...PRODUCTION, PUBLIC_URL: local })).toEqual([]);
      }
      // Development has no such rule.
      expect(problems({ PUBLIC_URL: 'http://rally.example.org' })).toEqual([]);
    });

    test('the trusted documents are required: by default the manifest in the built web app, else TRUSTED_DOCUMENTS_FILE', () => {
      const web = mkdtempSync(path.join(os.tmpdir(), 'rallypoint-web-'));
      writeFileSync(path.join(web, 'index.html'), '<!doctype html>');
      const missing = path.join(web, 'persisted-documents.json');
      expect(problems({ ...PRODUCTION, TRUSTED_DOCUMENTS_FILE: undefined, WEB_DIST_DIR: web })).toEqual([
        `TRUSTED_DOCUMENTS_FILE ${missing} does not exist: in production the API runs only the web build's operations. Build the API and the web app from the same commit (\`pnpm build\`), or set ALLOW_ARBITRARY_OPERATIONS=1`,
      ]);
      expect(problems({ ...PRODUCTION, TRUSTED_DOCUMENTS_FILE: path.join(tmp, 'nothing.json') })).toEqual([
        expect.stringMatching(/^TRUSTED_DOCUMENTS_FILE \S+nothing\.json does not exist: .*ALLOW_ARBITRARY_OPERATIONS=1$/),
      ]);
      writeManifest(missing, ['{ __typename }']);
      expect(problems({ ...PRODUCTION, TRUSTED_DOCUMENTS_FILE: undefined, WEB_DIST_DIR: web })).toEqual([]);
      expect(loadConfig({ ...PRODUCTION, TRUSTED_DOCUMENTS_FILE: undefined, WEB_DIST_DIR: web }).trustedDocumentsFile).toBe(missing);
      // Development prefers the web sources' generated documents (what the development web server sends), when present.
      const sources = path.join(repoRoot, 'web', 'src', 'generated', 'persisted-documents.json');
      expect(loadConfig({ WEB_DIST_DIR: web }).trustedDocumentsFile).toBe(existsSync(sources) ? sources : missing);
    });

    test('a manifest that is not hash → text is refused, naming the file', () => {
      const bad = (name: string, content: string) => {
        const file = path.join(tmp, name);
        writeFileSync(file, content);
        return problems({ ...PRODUCTION, TRUSTED_DOCUMENTS_FILE: file });
      };
      expect(bad('not-json.json', '{ "a": ')).toEqual([expect.stringMatching(/^TRUSTED_DOCUMENTS_FILE \S+not-json\.json is not valid JSON: /)]);
      expect(bad('array.json', '["{ __typename }"]')).toEqual([expect.stringMatching(/^TRUSTED_DOCUMENTS_FILE \S+array\.json must be a JSON object/)]);
      // A key that is not the sha256 of its text (here, of another document).
      const wrongHash = JSON.stringify({ [documentHash('{ me { id } }')]: '{ __schema { types { name } } }' });
      expect(bad('wrong-hash.json', wrongHash)).toEqual([expect.stringMatching(/^TRUSTED_DOCUMENTS_FILE \S+wrong-hash\.json has an entry that is not/)]);
    });

    test('ALLOW_ARBITRARY_OPERATIONS=1 runs query text and needs no manifest; development always runs text', () => {
      const nowhere = path.join(tmp, 'nowhere.json');
      expect(loadConfig({ ...PRODUCTION, TRUSTED_DOCUMENTS_FILE: nowhere, ALLOW_ARBITRARY_OPERATIONS: '1' })).toMatchObject({
        allowArbitraryOperations: true,
        trustedDocumentsFile: nowhere,
      });
      expect(loadConfig(PRODUCTION).allowArbitraryOperations).toBe(false);
      expect(loadConfig({ ...PRODUCTION, ALLOW_ARBITRARY_OPERATIONS: '0' }).allowArbitraryOperations).toBe(false);
      expect(loadConfig({ TRUSTED_DOCUMENTS_FILE: nowhere, ALLOW_ARBITRARY_OPERATIONS: '0' }).allowArbitraryOperations).toBe(true);
    });

    test('SMTP_URL is required (sign-up sends a confirmation e-mail)', () => {
      expect(problems({ ...PRODUCTION, SMTP_URL: undefined })).toEqual([expect.stringMatching(/^SMTP_URL is required/)]);
      expect(problems({ ...PRODUCTION, SMTP_URL: 'smtps://user:pass@mail.example.org' })).toEqual([]);
    });
  });
});

describe('the process entry point', () => {
  test('a bad variable stops the API with exit code 1 and the variable named on stderr', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: path.join(repoRoot, 'api'),
      // An unreachable DATABASE_URL: were the configuration accepted, the process would fail differently.
      env: { ...process.env, SESSION_DAYS: 'abc', RATE_LIMIT_FACTOR: 'lots', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration');
    expect(stderr).toMatch(/SESSION_DAYS must be a whole number/);
    expect(stderr).toMatch(/RATE_LIMIT_FACTOR must be a number above 0/);
    expect(stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});
