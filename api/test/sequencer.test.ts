import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { longestFirst } from '../../scripts/test-durations.ts';
import { DURATIONS_FILE } from './sequencer.ts';

describe('the order API test files start in', () => {
  it('is longest recorded first, a file with no record counting as the median, whatever the input order', () => {
    const recorded = { 'a.ts': 10, 'b.ts': 120, 'c.ts': 30 };
    expect(longestFirst(['a.ts', 'new.ts', 'b.ts', 'c.ts'], recorded)).toEqual(['b.ts', 'c.ts', 'new.ts', 'a.ts']);
    expect(longestFirst(['c.ts', 'b.ts', 'new.ts', 'a.ts'], recorded)).toEqual(['b.ts', 'c.ts', 'new.ts', 'a.ts']);
  });

  it('has a record for every API test file, and none for a file that is gone', () => {
    const testDir = path.dirname(DURATIONS_FILE);
    const files = readdirSync(testDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => `test/${f.split(path.sep).join('/')}`)
      .sort();
    expect(Object.keys(JSON.parse(readFileSync(DURATIONS_FILE, 'utf8'))).sort()).toEqual(files);
  });
});
