import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { Client, cacheExchange, fetchExchange, Provider, useQuery } from 'urql';
import { ME_QUERY } from './graphql.ts';
import type { Viewer } from './types.ts';

const API_BASE = import.meta.env.VITE_API_URL?.replace(/\/$/, '') ?? '';

export function createClient(): Client {
  return new Client({
    url: `${API_BASE}/graphql`,
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: () => ({
      credentials: 'include',
      // A non-simple header: browsers cannot send it cross-site without a CORS preflight (CSRF protection).
      headers: { 'x-graphql-yoga-csrf': 'rallypoint' },
    }),
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

/** The signed-in member, or null; `loading` until the first answer. */
export function useViewer(): { viewer: Viewer | null; loading: boolean } {
  const [{ data, fetching }] = useQuery({ query: ME_QUERY });
  return { viewer: data?.me ?? null, loading: fetching && !data };
}
