import { describe, expect, it } from 'vitest';
import { rememberNextAfterSignUp, takeNextAfterSignUp } from './after-sign-up.ts';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

const NOW = Date.parse('2026-12-01T12:00:00Z');
const HOUR = 3_600_000;

describe('where a new member goes once the e-mailed link is confirmed', () => {
  it('remembers a path on this site, once', () => {
    const storage = memoryStorage();
    rememberNextAfterSignUp('/events/1#lifts', storage, NOW);
    expect(takeNextAfterSignUp('/', storage, NOW + HOUR)).toBe('/events/1#lifts');
    expect(takeNextAfterSignUp('/', storage, NOW + HOUR)).toBe('/');
  });

  it('never keeps another site or script, and forgets the home page', () => {
    for (const next of ['//evil.example', 'https://evil.example/', 'javascript:alert(1)', '/\t/evil.example', '/', null]) {
      const storage = memoryStorage();
      rememberNextAfterSignUp(next, storage, NOW);
      expect(storage.items.size, String(next)).toBe(0);
      expect(takeNextAfterSignUp('/', storage, NOW)).toBe('/');
    }
  });

  it('checks what it reads back too (someone else may have written it)', () => {
    const storage = memoryStorage();
    storage.setItem('rallypoint:after-sign-up', JSON.stringify({ next: '//evil.example', until: NOW + HOUR }));
    expect(takeNextAfterSignUp('/', storage, NOW)).toBe('/');
    storage.setItem('rallypoint:after-sign-up', '{not json');
    expect(takeNextAfterSignUp('/', storage, NOW)).toBe('/');
  });

  it('forgets it after the 24 hours the link works', () => {
    const storage = memoryStorage();
    rememberNextAfterSignUp('/plans', storage, NOW);
    expect(takeNextAfterSignUp('/', storage, NOW + 25 * HOUR)).toBe('/');
  });

  it('works without storage', () => {
    expect(() => rememberNextAfterSignUp('/plans', null)).not.toThrow();
    expect(takeNextAfterSignUp('/home', null)).toBe('/home');
  });
});
