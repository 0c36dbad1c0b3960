// Tests wait on conditions, never on the clock (issue 8, finding 12: browser tests slept fixed times before pixel
// checks and failed on a busy machine). A fixed Playwright sleep anywhere in the test code fails this check.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '..', '..');
const TEST_DIRS = ['web/e2e', 'web/src', 'api/test', 'packages/shared/src', 'packages/shared/test'];
const SELF = path.relative(repo, import.meta.filename);

function testSources(): string[] {
  return TEST_DIRS.flatMap((dir) =>
    readdirSync(path.join(repo, dir), { recursive: true, encoding: 'utf8' })
      .map((f) => path.join(dir, f))
      .filter((f) => /\.(ts|tsx|mts)$/.test(f) && !f.includes('node_modules') && f !== SELF),
  );
}

/** The lines of `source` that sleep a fixed time in a browser test, as `file:line: text`. */
function fixedSleeps(file: string, source: string): string[] {
  return source.split('\n').flatMap((line, i) => (/\.waitForTimeout\s*\(/.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

describe('no fixed sleeps in the tests', () => {
  it('finds the sleeps the browser tests once had', () => {
    // From web/e2e/map.e2e.ts before the map said when it was idle (the sleep spelt in two parts so this file has none).
    const sleep = `await page.waitFor${'Timeout'}(2000);`;
    expect(fixedSleeps('map.e2e.ts', `  await page.goto(url);\n  ${sleep}\n`)).toEqual([`map.e2e.ts:2: ${sleep}`]);
    expect(fixedSleeps('x.ts', 'await page.getByRole("status").waitFor();')).toEqual([]);
  });

  it('no test file waits a fixed time (wait for a condition: waitFor, expect.poll, waitForMapIdle)', () => {
    const files = testSources();
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap((f) => fixedSleeps(f, readFileSync(path.join(repo, f), 'utf8')))).toEqual([]);
  });
});
