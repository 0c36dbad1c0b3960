import { type Exchange, makeResult, type Operation, stringifyVariables } from 'urql';
import { filter, map, merge, pipe, share } from 'wonka';

/** The element the server puts a page's first query results in (api/src/page-data/). */
export const PAGE_DATA_ID = 'rallypoint-page-data';

interface PageResult {
  hash: string;
  variables: Record<string, unknown>;
  data: unknown;
}

/** What the server ran for this page, for a visitor who was not signed in. */
export interface PageData {
  /** The page's address (path and query string) the results were for. */
  url: string;
  results: PageResult[];
}

/** Takes the page's results out of the document (once: a later client, after signing in, starts afresh). */
export function takePageData(doc: Document = document): PageData | null {
  const element = doc.getElementById(PAGE_DATA_ID);
  if (!element) return null;
  element.remove();
  try {
    const parsed = JSON.parse(element.textContent ?? '') as PageData;
    return typeof parsed.url === 'string' && Array.isArray(parsed.results) ? parsed : null;
  } catch {
    return null;
  }
}

const hashOf = (op: Operation): string | null => {
  const hash = (op.query as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  return typeof hash === 'string' ? hash : null;
};

/**
 * Answers a page's first queries from the results the server put in the page, so the first render needs no
 * round trip. Each result answers once, only the same document with the same variables, and only while the
 * address is still the one they were for; the cache (before this exchange) keeps them as it keeps any result.
 */
export function pageDataExchange(pageData: PageData | null, here: () => string = () => location.pathname + location.search): Exchange {
  const pending = pageData ? [...pageData.results] : [];
  const claim = (op: Operation): PageResult | null => {
    if (pending.length === 0 || op.kind !== 'query' || op.context.requestPolicy === 'network-only') return null;
    if (here() !== pageData?.url) {
      pending.length = 0;
      return null;
    }
    const hash = hashOf(op);
    const variables = stringifyVariables(op.variables ?? {});
    const index = pending.findIndex((r) => r.hash === hash && stringifyVariables(r.variables) === variables);
    return index === -1 ? null : (pending.splice(index, 1)[0] ?? null);
  };
  return ({ forward }) =>
    (operations$) => {
      const claimed$ = pipe(
        operations$,
        map((op) => ({ op, found: claim(op) })),
        share,
      );
      const answered$ = pipe(
        claimed$,
        filter((c) => c.found !== null),
        map((c) => makeResult(c.op, { data: c.found?.data as Record<string, unknown> })),
      );
      const forwarded$ = pipe(
        claimed$,
        filter((c) => c.found === null),
        map((c) => c.op),
        forward,
      );
      return merge([answered$, forwarded$]);
    };
}
