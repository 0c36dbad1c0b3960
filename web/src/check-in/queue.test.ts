import { describe, expect, test } from 'vitest';
import { backoffMs, loadTaps, newTapId, pendingMarks, saveTaps, storageKey, type Tap, type TapStorage } from './queue.ts';

const memory = (): TapStorage & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
};

const mark = (entryId: string, status: 'ATTENDED' | 'NO_SHOW' | null, tapId = newTapId()): Tap => ({
  tapId,
  kind: 'mark',
  eventId: 'e1',
  entryId,
  name: 'Ann',
  status,
  at: 0,
});

describe('the stored queue', () => {
  test('taps survive a reload in order; an empty queue leaves nothing behind', () => {
    const s = memory();
    const taps = [mark('a', 'ATTENDED'), { tapId: newTapId(), kind: 'walkIn', eventId: 'e1', name: 'W', email: null, at: 1 } as Tap];
    saveTaps(s, 'e1', taps);
    expect(loadTaps(s, 'e1')).toEqual(taps);
    expect(loadTaps(s, 'e2')).toEqual([]);
    saveTaps(s, 'e1', []);
    expect(s.data.has(storageKey('e1'))).toBe(false);
  });

  test('unreadable storage reads as no taps', () => {
    const s = memory();
    s.setItem(storageKey('e1'), '{not json');
    expect(loadTaps(s, 'e1')).toEqual([]);
    s.setItem(storageKey('e1'), JSON.stringify([{ nope: 1 }, mark('a', null)]));
    expect(loadTaps(s, 'e1')).toHaveLength(1);
  });
});

test('backoff doubles from 1 s to at most 30 s, with a little jitter', () => {
  expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffMs(n, 0))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  expect(backoffMs(1, 1)).toBe(1500);
});

test('tap ids are UUIDs, also without crypto.randomUUID', () => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  expect(newTapId()).toMatch(uuid);
  const getRandomValues = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
  expect(newTapId({ getRandomValues })).toMatch(uuid);
});

test('the last waiting tap for a person is what the list shows', () => {
  expect(pendingMarks([mark('a', 'ATTENDED'), mark('b', 'NO_SHOW'), mark('a', null)])).toEqual(
    new Map([
      ['a', null],
      ['b', 'NO_SHOW'],
    ]),
  );
});
