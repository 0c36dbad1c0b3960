import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { createClient as createSseClient } from 'graphql-sse';
import { Client, cacheExchange, fetchExchange, Provider, subscriptionExchange } from 'urql';

const API_BASE = import.meta.env.VITE_API_URL?.replace(/\/$/, '') ?? '';
// A non-simple header: browsers cannot send it cross-site without a CORS preflight (CSRF protection).
const CSRF_HEADERS = { 'x-graphql-yoga-csrf': 'rallypoint' };

/** Waits before reconnecting a dropped live stream: 1 s doubling to 30 s, plus up to 1 s of jitter. */
export function retryDelayMs(retries: number, random = Math.random()): number {
  return Math.min(30_000, 1_000 * 2 ** retries) + Math.round(random * 1_000);
}

// Pushes sent while a stream was down are lost: pages listen here to refetch once it is back.
const reconnectListeners = new Set<() => void>();

/** Calls `listener` whenever a dropped live stream has reconnected; returns the way to stop. */
export function onLiveReconnect(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

export function useLiveReconnect(onReconnect: () => void): void {
  useEffect(() => {
    const stop = onLiveReconnect(onReconnect);
    return () => {
      stop();
    };
  }, [onReconnect]);
}

/** Subscriptions over SSE (graphql-sse, one POST stream per subscription: "distinct connections mode"). */
function liveExchange() {
  const sse = createSseClient({
    url: `${API_BASE}/graphql`,
    headers: CSRF_HEADERS,
    credentials: 'include',
    singleConnection: false,
    retryAttempts: 20,
    retry: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelayMs(retries))),
    on: {
      connected: (reconnected) => {
        if (reconnected) for (const listener of reconnectListeners) listener();
      },
    },
  });
  return subscriptionExchange({
    forwardSubscription(request) {
      const input = { ...request, query: request.query ?? '' };
      return {
        subscribe(sink) {
          const unsubscribe = sse.subscribe(input, sink);
          return { unsubscribe };
        },
      };
    },
  });
}

export function createClient(): Client {
  return new Client({
    url: `${API_BASE}/graphql`,
    exchanges: [cacheExchange, fetchExchange, liveExchange()],
    fetchOptions: () => ({ credentials: 'include', headers: CSRF_HEADERS }),
    preferGetMethod: false,
  });
}

interface SessionContextValue {
  /** Drops every cached result (they depend on who is signed in) and starts afresh. */
  resetSession: () => void;
}

const SessionContext = createContext<SessionContextValue>({ resetSession: () => {} });

export function ClientProvider({ children }: { children: ReactNode }) {
  const [client, setClient] = useState(createClient);
  const resetSession = useCallback(() => setClient(createClient()), []);
  const value = useMemo(() => ({ resetSession }), [resetSession]);
  return (
    <SessionContext.Provider value={value}>
      <Provider value={client}>{children}</Provider>
    </SessionContext.Provider>
  );
}

export function useResetSession(): () => void {
  return useContext(SessionContext).resetSession;
}
