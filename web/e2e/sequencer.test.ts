import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { balance, DURATIONS_FILE } from './sequencer.ts';

describe('dealing browser-test files to shards by recorded duration', () => {
  it('puts the longest files on different shards and evens out the rest', () => {
    const recorded = { 'a.ts': 400, 'b.ts': 300, 'c.ts': 200, 'd.ts': 200, 'e.ts': 100 };
    expect(balance(Object.keys(recorded), 2, recorded)).toEqual([
      ['a.ts', 'd.ts'],
      ['b.ts', 'c.ts', 'e.ts'],
    ]);
  });

  it('counts a file with no record as the median, and deals every file exactly once whatever the input order', () => {
    const recorded = { 'a.ts': 10, 'b.ts': 50, 'c.ts': 90 };
    const files = ['new.ts', 'c.ts', 'a.ts', 'b.ts'];
    const shards = balance(files, 3, recorded);
    expect(shards).toEqual([['c.ts'], ['b.ts', 'a.ts'], ['new.ts']]);
    expect(balance([...files].reverse(), 3, recorded)).toEqual(shards);
    expect(shards.flat().sort()).toEqual([...files].sort());
  });

  it('leaves no shard empty-handed when there are fewer files than shards, and needs no record at all', () => {
    expect(balance(['x.ts'], 3, {})).toEqual([['x.ts'], [], []]);
  });

  it('has a record for every browser-test file, and none for a file that is gone', () => {
    const recorded = Object.keys(JSON.parse(readFileSync(DURATIONS_FILE, 'utf8'))).sort();
    const files = readdirSync(path.dirname(DURATIONS_FILE))
      .filter((f) => f.endsWith('.e2e.ts'))
      .map((f) => `e2e/${f}`)
      .sort();
    expect(recorded).toEqual(files);
  });
});
