import { documentHash } from '../src/security/trusted-documents.ts';

/** A minimal GraphQL-over-SSE reader (distinct connections mode) for tests and benchmarks. */
export interface SseSubscription<T = Record<string, unknown>> {
  status: number;
  /** Each `next` payload, with the time it arrived (performance.now()). */
  events: { at: number; payload: { data?: T; errors?: { message: string }[] } }[];
  /** Resolves once `count` payloads have arrived; rejects after `ms`. */
  waitFor(count: number, ms?: number): Promise<void>;
  /** Resolves with the first payload (from the start) that satisfies `test`; rejects after `ms`. */
  waitUntil(test: (data: T) => boolean, ms?: number): Promise<T>;
  close(): void;
}

export async function subscribe<T = Record<string, unknown>>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
  /** Name the document by its hash instead of sending its text (the server must list it). */
  { byHash = false }: { byHash?: boolean } = {},
): Promise<SseSubscription<T>> {
  const abort = new AbortController();
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify(
      byHash ? { variables, extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(query) } } } : { query, variables },
    ),
    signal: abort.signal,
  });
  const events: SseSubscription<T>['events'] = [];
  let wake: () => void = () => {};
  let ended = false;
  void (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
          const lines = buffer.slice(0, i).split('\n');
          buffer = buffer.slice(i + 2);
          const event = lines.find((l) => l.startsWith('event:'))?.slice(6).trim();
          const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
          if (data && event !== 'complete') events.push({ at: performance.now(), payload: JSON.parse(data) });
          wake();
        }
      }
    } catch {
      // aborted
    } finally {
      ended = true;
      wake();
    }
  })();
  return {
    status: res.status,
    events,
    async waitFor(count, ms = 5_000) {
      const until = Date.now() + ms;
      while (events.length < count) {
        if (ended) throw new Error(`stream ended after ${events.length} events`);
        if (Date.now() > until) throw new Error(`timed out waiting for event ${count} (got ${events.length})`);
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 50);
        });
      }
    },
    async waitUntil(test, ms = 5_000) {
      const until = Date.now() + ms;
      for (let seen = 0; ; ) {
        for (; seen < events.length; seen++) {
          const data = events[seen]!.payload.data;
          if (data && test(data)) return data;
        }
        if (ended) throw new Error(`stream ended without a matching event (got ${events.length})`);
        if (Date.now() > until) throw new Error(`timed out: no matching event among ${events.length}`);
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 50);
        });
      }
    },
    close: () => abort.abort(),
  };
}
