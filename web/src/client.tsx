import { persistedExchange } from '@urql/exchange-persisted';
import type { DocumentNode } from 'graphql';
import type { Client as SseClient } from 'graphql-sse';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { Client, type Exchange, fetchExchange, makeOperation, type Operation, Provider, subscriptionExchange } from 'urql';
import { pipe, tap } from 'wonka';
import { createCacheExchange } from './cache.ts';
import { type PageData, pageDataExchange, takePageData } from './page-data.ts';

const API_BASE = import.meta.env.VITE_API_URL?.replace(/\/$/, '') ?? '';
// A non-simple header: browsers cannot send it cross-site without a CORS preflight (CSRF protection).
const CSRF_HEADERS = { 'x-graphql-yoga-csrf': 'rallypoint' };

/** Waits before reconnecting a dropped live stream: 1 s doubling to 30 s, plus up to 1 s of jitter. */
export function retryDelayMs(retries: number, random = Math.random()): number {
  return Math.min(30_000, 1_000 * 2 ** retries) + Math.round(random * 1_000);
}

const reconnectListeners = new Set<() => void>();

/** Calls `listener` whenever a dropped live stream has reconnected; returns the way to stop. */
export function onLiveReconnect(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

/**
 * Pushes sent while a stream was down are lost: once it is back, the queries on screen are fetched again.
 * Keeps the queries that are active (between their first run and their teardown).
 */
const refetchOnReconnect: Exchange = ({ client, forward }) => {
  const active = new Map<number, Operation>();
  let stop: (() => void) | null = null;
  const refetch = () => {
    for (const op of active.values()) {
      client.reexecuteOperation(makeOperation('query', op, { ...op.context, requestPolicy: 'network-only' }));
    }
  };
  return (operations) =>
    forward(
      pipe(
        operations,
        tap((op) => {
          if (op.kind === 'query') active.set(op.key, op);
          else if (op.kind === 'teardown') active.delete(op.key);
          if (active.size > 0 && !stop) stop = onLiveReconnect(refetch);
          else if (active.size === 0 && stop) {
            stop();
            stop = null;
          }
        }),
      ),
    );
};

/**
 * The hash codegen gave the document (its key in persisted-documents.json): the app sends it in place of the text,
 * and in production the API runs nothing else.
 */
export async function documentHash(_text: string, document: DocumentNode): Promise<string> {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  if (typeof hash !== 'string') throw new Error('A GraphQL document without its persisted hash: run pnpm codegen');
  return hash;
}

/**
 * Subscriptions over SSE (graphql-sse, one POST stream per subscription: "distinct connections mode"). The library
 * loads with the first subscription, not with the first page.
 */
function liveExchange() {
  let sse: Promise<SseClient> | null = null;
  const connect = () =>
    (sse ??= import('graphql-sse').then(({ createClient: createSseClient }) =>
      createSseClient({
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
      }),
    ));
  return subscriptionExchange({
    forwardSubscription(request) {
      // A persisted document: its hash in `extensions`, and an empty query (graphql-sse requires the field).
      const input = { ...request, query: request.query ?? '' };
      return {
        subscribe(sink) {
          let stop: (() => void) | null = null;
          let stopped = false;
          connect().then(
            (client) => {
              if (!stopped) stop = client.subscribe(input, sink);
            },
            (error: unknown) => sink.error(error),
          );
          return {
            unsubscribe: () => {
              stopped = true;
              stop?.();
            },
          };
        },
      };
    },
  });
}

/** `pageData`: the first page's query results, put in the page by the server (only for the first client). */
export function createClient(pageData: PageData | null = null): Client {
  return new Client({
    url: `${API_BASE}/graphql`,
    exchanges: [
      refetchOnReconnect,
      createCacheExchange(),
      pageDataExchange(pageData),
      persistedExchange({
        enforcePersistedQueries: true,
        enableForMutation: true,
        enableForSubscriptions: true,
        preferGetForPersistedQueries: false,
        generateHash: documentHash,
      }),
      fetchExchange,
      liveExchange(),
    ],
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
  const [client, setClient] = useState(() => createClient(takePageData()));
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
