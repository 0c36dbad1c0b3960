import { safeNext } from './next.ts';

/**
 * Where a member was going when they signed up, kept in this browser until they open the e-mailed link. The link
 * usually opens in a new tab (so not sessionStorage); what is kept is only a path on this site, checked by
 * `safeNext` on the way in and on the way out, never sent to the server, and forgotten after the link's 24 hours.
 */
const KEY = 'rallypoint:after-sign-up';
const KEEP_MS = 24 * 3_600_000;

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function browserStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage blocked: sign-up still works, it just lands on the home page
  }
}

/** Remembers `next` (if it is a path on this site other than the home page) for after the confirmation. */
export function rememberNextAfterSignUp(next: string | null, storage = browserStorage(), now = Date.now()): void {
  if (!storage) return;
  const path = safeNext(next, '/');
  try {
    if (path === '/') storage.removeItem(KEY);
    else storage.setItem(KEY, JSON.stringify({ next: path, until: now + KEEP_MS }));
  } catch {
    // full or blocked: nothing to remember
  }
}

/** Where to go once the account is confirmed (and forgets it): the remembered path, or `fallback`. */
export function takeNextAfterSignUp(fallback = '/', storage = browserStorage(), now = Date.now()): string {
  if (!storage) return fallback;
  let saved: unknown;
  try {
    saved = JSON.parse(storage.getItem(KEY) ?? 'null');
    storage.removeItem(KEY);
  } catch {
    return fallback;
  }
  if (!saved || typeof saved !== 'object') return fallback;
  const { next, until } = saved as { next?: unknown; until?: unknown };
  if (typeof next !== 'string' || typeof until !== 'number' || until < now) return fallback;
  return safeNext(next, fallback);
}
