import type { AttendanceStatus } from '@rallypoint/shared';

/**
 * Check-in taps wait here, in the browser's storage, until the API has them: a tap made offline (or whose answer
 * was lost) is sent again with the same id, and the API applies each id once. Sent one at a time, in tap order.
 */
export type Tap =
  | { tapId: string; kind: 'mark'; eventId: string; entryId: string; name: string; status: AttendanceStatus | null; at: number }
  | { tapId: string; kind: 'walkIn'; eventId: string; name: string; email: string | null; at: number };

/** The part of `localStorage` the queue uses (a fake in tests). */
export type TapStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const storageKey = (eventId: string) => `rallypoint:check-in:${eventId}`;

const isTap = (v: unknown): v is Tap => {
  const t = v as Partial<Tap> | null;
  return !!t && typeof t.tapId === 'string' && typeof t.eventId === 'string' && (t.kind === 'mark' || t.kind === 'walkIn');
};

/** The taps still to send for an event (none if storage holds nothing readable). */
export function loadTaps(storage: TapStorage, eventId: string): Tap[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(storageKey(eventId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isTap).filter((t) => t.eventId === eventId) : [];
  } catch {
    return [];
  }
}

export function saveTaps(storage: TapStorage, eventId: string, taps: readonly Tap[]): void {
  if (taps.length === 0) storage.removeItem(storageKey(eventId));
  else storage.setItem(storageKey(eventId), JSON.stringify(taps));
}

/** Wait before the next try after `failures` failed ones: 1 s doubling to 30 s, plus up to half a second of jitter. */
export function backoffMs(failures: number, random = Math.random()): number {
  return Math.min(30_000, 1_000 * 2 ** Math.max(0, failures - 1)) + Math.round(random * 500);
}

/** A random UUID (v4) for a tap: crypto.randomUUID where there is one. */
export function newTapId(crypto: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } = globalThis.crypto): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** What the list shows for an entry while taps for it wait: the last one's status. */
export function pendingMarks(taps: readonly Tap[]): Map<string, AttendanceStatus | null> {
  const marks = new Map<string, AttendanceStatus | null>();
  for (const t of taps) if (t.kind === 'mark') marks.set(t.entryId, t.status);
  return marks;
}
