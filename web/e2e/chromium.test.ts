import { describe, expect, it } from 'vitest';
import { DEBIAN_CHROMIUM, DEBIAN_HEADLESS_SHELL, type Machine, obtainChromium } from './chromium.ts';

const NPM_EXE = '/tmp/rallypoint-npm-chromium-143.0.4/chromium';

/** A pretend machine: which files run, whether we are root, what apt and the npm package do; records calls. */
function machine(over: {
  env?: Record<string, string>;
  executables?: string[];
  broken?: string[];
  root?: boolean;
  aptGet?: boolean;
  apt?: 'installs' | 'fails' | 'installs nothing';
  npm?: 'works' | 'missing' | 'does not run';
}) {
  const executables = new Set(over.executables ?? []);
  const calls: string[] = [];
  const m: Machine = {
    env: over.env ?? {},
    isExecutable: (file) => executables.has(file),
    version(exe) {
      calls.push(`version ${exe}`);
      if (over.broken?.includes(exe) || (exe === NPM_EXE && over.npm === 'does not run')) throw new Error('libnss3.so: cannot open shared object file');
      return exe === NPM_EXE ? 'Chromium 143.0.7499.0' : 'Chromium 156.0.8078.114';
    },
    isRoot: () => over.root ?? false,
    hasCommand: (name) => name === 'apt-get' && (over.aptGet ?? true),
    aptInstall() {
      calls.push('apt');
      if (over.apt === 'fails') throw new Error('exit code 100; E: Unable to locate package chromium-headless-shell');
      if (over.apt !== 'installs nothing') executables.add(DEBIAN_HEADLESS_SHELL);
    },
    async npmChromium() {
      calls.push('npm');
      if (over.npm === 'missing') throw new Error('not installed (run pnpm install)');
      return { executablePath: NPM_EXE, env: { LD_LIBRARY_PATH: '/x/al2023/lib' }, packageVersion: '143.0.4' };
    },
  };
  return { m, calls };
}

describe('obtainChromium', () => {
  it('uses CHROMIUM_PATH when it is set', async () => {
    const { m, calls } = machine({ env: { CHROMIUM_PATH: '/opt/chrome/chrome' }, executables: ['/opt/chrome/chrome', DEBIAN_CHROMIUM] });
    const got = await obtainChromium(undefined, m);
    expect(got.executablePath).toBe('/opt/chrome/chrome');
    expect(got.description).toContain('from CHROMIUM_PATH');
    expect(calls).toEqual(['version /opt/chrome/chrome']);
  });

  it('fails clearly when CHROMIUM_PATH points at nothing, without falling back', async () => {
    const { m, calls } = machine({ env: { CHROMIUM_PATH: '/nope/chromium' }, executables: [DEBIAN_CHROMIUM], root: true });
    await expect(obtainChromium(undefined, m)).rejects.toThrow('CHROMIUM_PATH is set to /nope/chromium, which is not an executable file');
    expect(calls).toEqual([]);
  });

  it("uses Debian's when it is installed", async () => {
    const { m, calls } = machine({ executables: [DEBIAN_CHROMIUM], root: true });
    const got = await obtainChromium(undefined, m);
    expect(got).toMatchObject({ executablePath: DEBIAN_CHROMIUM, env: {} });
    expect(got.description).toBe(`Chromium 156.0.8078.114 (Debian's, installed, ${DEBIAN_CHROMIUM})`);
    expect(calls).not.toContain('apt');
  });

  it("prefers Debian's headless shell to its desktop chromium", async () => {
    const { m, calls } = machine({ executables: [DEBIAN_CHROMIUM, DEBIAN_HEADLESS_SHELL], root: true });
    const got = await obtainChromium(undefined, m);
    expect(got).toMatchObject({ executablePath: DEBIAN_HEADLESS_SHELL, env: {} });
    expect(calls).toEqual([`version ${DEBIAN_HEADLESS_SHELL}`]);
  });

  it("a headless shell that does not run gives way to Debian's chromium", async () => {
    const { m, calls } = machine({ executables: [DEBIAN_CHROMIUM, DEBIAN_HEADLESS_SHELL], broken: [DEBIAN_HEADLESS_SHELL], root: true });
    expect((await obtainChromium(undefined, m)).executablePath).toBe(DEBIAN_CHROMIUM);
    expect(calls).toEqual([`version ${DEBIAN_HEADLESS_SHELL}`, `version ${DEBIAN_CHROMIUM}`]);
  });

  it("as root with apt-get, installs Debian's headless shell when neither is there", async () => {
    const { m, calls } = machine({ root: true });
    const lines: string[] = [];
    const got = await obtainChromium((l) => lines.push(l), m);
    expect(got.executablePath).toBe(DEBIAN_HEADLESS_SHELL);
    expect(got.description).toContain('just installed with apt-get');
    expect(calls).toEqual(['apt', `version ${DEBIAN_HEADLESS_SHELL}`]);
    expect(lines.join('\n')).toContain("installing Debian's chromium-headless-shell");
  });

  it('not root: goes to the npm package, with its libraries in the environment', async () => {
    const { m, calls } = machine({ root: false });
    const got = await obtainChromium(undefined, m);
    expect(got.executablePath).toBe(NPM_EXE);
    expect(got.env.LD_LIBRARY_PATH).toBe('/x/al2023/lib');
    expect(got.description).toBe(`Chromium 143.0.7499.0 from the npm package @sparticuz/chromium 143.0.4 (${NPM_EXE})`);
    expect(calls).toEqual(['npm', `version ${NPM_EXE}`]);
  });

  it('root without apt-get: the npm package', async () => {
    const { m, calls } = machine({ root: true, aptGet: false });
    expect((await obtainChromium(undefined, m)).executablePath).toBe(NPM_EXE);
    expect(calls).not.toContain('apt');
  });

  it('apt-get failing, or installing nothing, falls back to the npm package', async () => {
    for (const apt of ['fails', 'installs nothing'] as const) {
      const { m, calls } = machine({ root: true, apt });
      expect((await obtainChromium(undefined, m)).executablePath, apt).toBe(NPM_EXE);
      expect(calls[0]).toBe('apt');
    }
  });

  it("a Debian chromium that does not run is skipped (apt would change nothing)", async () => {
    const { m, calls } = machine({ executables: [DEBIAN_CHROMIUM], broken: [DEBIAN_CHROMIUM], root: true });
    expect((await obtainChromium(undefined, m)).executablePath).toBe(NPM_EXE);
    expect(calls).not.toContain('apt');
  });

  it('neither Debian browser running: the npm package', async () => {
    const both = [DEBIAN_CHROMIUM, DEBIAN_HEADLESS_SHELL];
    const { m, calls } = machine({ executables: both, broken: both, root: true });
    expect((await obtainChromium(undefined, m)).executablePath).toBe(NPM_EXE);
    expect(calls).not.toContain('apt');
  });

  it('fails the run, saying everything it tried, when nothing works', async () => {
    const { m } = machine({ root: true, apt: 'fails', npm: 'missing' });
    const error = await obtainChromium(undefined, m).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toContain('No Chromium for the browser tests. Tried:');
    expect(error?.message).toContain('apt-get install chromium-headless-shell failed: exit code 100; E: Unable to locate package chromium-headless-shell');
    expect(error?.message).toContain('@sparticuz/chromium: not installed');
    expect(error?.message).toContain('set CHROMIUM_PATH');
  });

  it('an npm Chromium that does not run is reported too', async () => {
    const { m } = machine({ root: false, npm: 'does not run' });
    await expect(obtainChromium(undefined, m)).rejects.toThrow(/needs root[\s\S]*@sparticuz\/chromium: libnss3\.so/);
  });

  it('RALLYPOINT_BROWSER=npm uses the npm package even where Debian’s is installed', async () => {
    const { m, calls } = machine({ env: { RALLYPOINT_BROWSER: 'npm' }, executables: [DEBIAN_CHROMIUM], root: true });
    expect((await obtainChromium(undefined, m)).executablePath).toBe(NPM_EXE);
    expect(calls).toEqual(['npm', `version ${NPM_EXE}`]);
  });

  it('RALLYPOINT_BROWSER=debian never uses the npm package', async () => {
    const { m, calls } = machine({ env: { RALLYPOINT_BROWSER: 'debian' }, root: false });
    await expect(obtainChromium(undefined, m)).rejects.toThrow('(RALLYPOINT_BROWSER=debian)');
    expect(calls).not.toContain('npm');
  });

  it('refuses an unknown RALLYPOINT_BROWSER', async () => {
    const { m } = machine({ env: { RALLYPOINT_BROWSER: 'firefox' }, executables: [DEBIAN_CHROMIUM] });
    await expect(obtainChromium(undefined, m)).rejects.toThrow('RALLYPOINT_BROWSER must be "debian" or "npm"');
  });
});
