type Callback = (event: Event) => void;

export interface MemoryEventTarget {
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void;
  dispatchEvent(event: Event): boolean;
  /** Listeners (one per open subscription) on a topic. */
  listenerCount(type: string): number;
}

const callbackOf = (listener: EventListenerOrEventListenerObject): Callback =>
  'handleEvent' in listener ? listener.handleEvent : listener;

/**
 * The in-process transport for yoga's pubsub, shaped like its Redis one: one set of listeners per topic. Node's
 * EventTarget warns of a leak past 10 listeners of one type, yet every watcher of a popular event (or of new events
 * anywhere) is a listener of one topic; each subscription removes its own when it ends.
 */
export function createMemoryEventTarget(): MemoryEventTarget {
  const topics = new Map<string, Set<Callback>>();
  return {
    addEventListener(type, listener) {
      if (!listener) return;
      const callbacks = topics.get(type) ?? new Set();
      topics.set(type, callbacks.add(callbackOf(listener)));
    },
    removeEventListener(type, listener) {
      const callbacks = topics.get(type);
      if (!callbacks || !listener) return;
      callbacks.delete(callbackOf(listener));
      if (callbacks.size === 0) topics.delete(type);
    },
    dispatchEvent(event) {
      for (const callback of topics.get(event.type) ?? []) {
        try {
          callback(event);
        } catch (error) {
          // One failing subscriber must not cost the others their update.
          console.error('live listener failed', error);
        }
      }
      return true;
    },
    listenerCount: (type) => topics.get(type)?.size ?? 0,
  };
}
