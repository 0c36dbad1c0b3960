import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from './client.tsx';
import { EVENT_QUERY } from './events/documents.ts';
import { PAGE_DATA_ID, type PageData, takePageData } from './page-data.ts';

const manifest: Record<string, string> = JSON.parse(readFileSync(new URL('./generated/persisted-documents.json', import.meta.url), 'utf8'));
const eventHash = Object.keys(manifest).find((h) => /\bquery Event\(/.test(manifest[h]!))!;

const ID = 'RXZlbnQ6MQ==';
const SEEDED = { __typename: 'Query', event: null };
const FETCHED = { __typename: 'Query', event: null, fetched: true };
const pageData: PageData = { url: '/events/RXZlbnQ6MQ%3D%3D', results: [{ hash: eventHash, variables: { id: ID }, data: SEEDED }] };

function fakeApi() {
  const sent: unknown[] = [];
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    sent.push(JSON.parse(String(init.body)));
    return new Response(JSON.stringify({ data: FETCHED }), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  return sent;
}

const at = (pathname: string, search = '') => vi.stubGlobal('location', { pathname, search });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the page's first results, from the server", () => {
  it('answer the same document with the same variables without a request, once', async () => {
    const sent = fakeApi();
    at('/events/RXZlbnQ6MQ%3D%3D');
    const client = createClient(pageData);
    const first = await client.query(EVENT_QUERY, { id: ID }).toPromise();
    expect(first.data).toEqual(SEEDED);
    expect(sent).toEqual([]);
    // Asked again from the network (not the cache), it is the API that answers.
    const again = await client.query(EVENT_QUERY, { id: ID }, { requestPolicy: 'network-only' }).toPromise();
    expect(sent).toHaveLength(1);
    expect(again.data).toMatchObject({ event: null });
  });

  it('answer nothing else: other variables go to the API', async () => {
    const sent = fakeApi();
    at('/events/RXZlbnQ6MQ%3D%3D');
    const client = createClient(pageData);
    await client.query(EVENT_QUERY, { id: 'RXZlbnQ6Mg==' }).toPromise();
    expect(sent).toEqual([{ operationName: 'Event', variables: { id: 'RXZlbnQ6Mg==' }, extensions: { persistedQuery: { version: 1, sha256Hash: eventHash } } }]);
  });

  it('are dropped once the address is another page', async () => {
    const sent = fakeApi();
    at('/near/LS61AN');
    const client = createClient(pageData);
    await client.query(EVENT_QUERY, { id: ID }).toPromise();
    at('/events/RXZlbnQ6MQ%3D%3D');
    await client.query(EVENT_QUERY, { id: ID }, { requestPolicy: 'network-only' }).toPromise();
    expect(sent).toHaveLength(2);
  });

  it('are read from the page once (a later client, after signing in, starts without them)', () => {
    let element: { textContent: string; remove: () => void } | null = {
      textContent: JSON.stringify(pageData),
      remove: () => {
        element = null;
      },
    };
    const doc = { getElementById: (id: string) => (id === PAGE_DATA_ID ? element : null) } as unknown as Document;
    expect(takePageData(doc)).toEqual(pageData);
    expect(takePageData(doc)).toBeNull();
  });
});
