import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import { outcome } from '../ui/result.ts';
import { ADD_WALK_IN_MUTATION, MARK_ATTENDANCE_MUTATION } from './documents.ts';
import { backoffMs, loadTaps, saveTaps, type Tap } from './queue.ts';

export interface TapQueue {
  /** Taps not yet confirmed by the API, oldest first. */
  waiting: Tap[];
  /** The last try failed for want of a connection: waiting for it (or the next try). */
  offline: boolean;
  /** Entries the API confirmed in this visit. */
  saved: ReadonlySet<string>;
  /** Taps the API refused (they are not retried): what it said. */
  refused: string[];
  add(tap: Tap): void;
}

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

/**
 * The check-in taps of an event, kept in localStorage until the API has them and sent one at a time, in order.
 * A failed send (offline, a lost answer, the server unreachable) is tried again with backoff, and at once when the
 * browser is back online; the API applies each tap id once, so a retry never doubles anything.
 */
export function useTapQueue(eventId: string): TapQueue {
  const client = useClient();
  const queue = useRef<Tap[]>([]);
  const [waiting, setWaiting] = useState<Tap[]>([]);
  const [offline, setOffline] = useState(false);
  const [saved, setSaved] = useState<ReadonlySet<string>>(new Set());
  const [refused, setRefused] = useState<string[]>([]);
  const sending = useRef(false);
  const failures = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const alive = useRef(true);

  const store = useCallback(
    (next: Tap[]) => {
      queue.current = next;
      const s = storage();
      if (s) saveTaps(s, eventId, next);
      setWaiting(next);
    },
    [eventId],
  );

  const send = useCallback(async (tap: Tap) => {
    if (tap.kind === 'mark') {
      const r = await client
        .mutation(MARK_ATTENDANCE_MUTATION, { input: { tapId: tap.tapId, eventId: tap.eventId, entryId: tap.entryId, status: tap.status } })
        .toPromise();
      return { payload: r.data?.markAttendance, error: r.error };
    }
    const r = await client
      .mutation(ADD_WALK_IN_MUTATION, { input: { tapId: tap.tapId, eventId: tap.eventId, name: tap.name, email: tap.email } })
      .toPromise();
    return { payload: r.data?.addWalkIn, error: r.error };
  }, [client]);

  const flush = useCallback(async () => {
    if (sending.current) return;
    sending.current = true;
    clearTimeout(timer.current);
    try {
      while (alive.current && queue.current.length > 0) {
        const tap = queue.current[0]!;
        const { payload, error } = await send(tap);
        if (!payload) {
          // No answer (offline, the server unreachable or failing): the tap stays, and is sent again later.
          failures.current += 1;
          setOffline(true);
          timer.current = setTimeout(() => void flush(), backoffMs(failures.current));
          return;
        }
        failures.current = 0;
        setOffline(false);
        const out = outcome(payload, error);
        if (out.ok) {
          const id = out.data.id;
          setSaved((s) => new Set(s).add(id));
        } else {
          setRefused((r) => [...r, `${tap.name}: ${out.message}`]);
        }
        store(queue.current.filter((t) => t.tapId !== tap.tapId));
      }
    } finally {
      sending.current = false;
    }
  }, [send, store]);

  // The taps left from an earlier visit (or another tab) go first.
  useEffect(() => {
    alive.current = true;
    const s = storage();
    store(s ? loadTaps(s, eventId) : []);
    void flush();
    const online = () => {
      failures.current = 0;
      void flush();
    };
    window.addEventListener('online', online);
    return () => {
      alive.current = false;
      clearTimeout(timer.current);
      window.removeEventListener('online', online);
    };
  }, [eventId, flush, store]);

  const add = useCallback(
    (tap: Tap) => {
      store([...queue.current, tap]);
      void flush();
    },
    [flush, store],
  );

  return { waiting, offline, saved, refused, add };
}
