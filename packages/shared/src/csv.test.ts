import { describe, expect, test } from 'vitest';
import { matchesNameSearch } from './check-in.ts';
import { neutraliseCell } from './csv.ts';

describe('neutraliseCell', () => {
  test.each(['=1+1', '+44 113', '-2', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")'])('%j gets a leading quote', (v) => {
    expect(neutraliseCell(v)).toBe(`'${v}`);
  });
  test.each(['Jane', '', ' =1', "'=1", 'a=b', '1-2', 'x@y.example'])('%j is left alone', (v) => {
    expect(neutraliseCell(v)).toBe(v);
  });
});

describe('matchesNameSearch', () => {
  test('every word typed starts a word of the name, ignoring case and accents', () => {
    expect(matchesNameSearch('Zoë Ashworth', 'zoe')).toBe(true);
    expect(matchesNameSearch('Zoë Ashworth', 'ash')).toBe(true);
    expect(matchesNameSearch('Zoë Ashworth', 'z a')).toBe(true);
    expect(matchesNameSearch('Zoë Ashworth', 'worth')).toBe(false);
    expect(matchesNameSearch('Zoë Ashworth', '')).toBe(true);
  });
});
