import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient, onLiveReconnect, retryDelayMs } from './client.tsx';
import { EVENT_LIVE_SUBSCRIPTION, EVENT_QUERY } from './events/documents.ts';
import { PROPOSE_LIFT_MUTATION } from './lifts/documents.ts';

const encoder = new TextEncoder();

// What the API's trusted documents list: the client must name each operation by one of these hashes.
const manifest: Record<string, string> = JSON.parse(readFileSync(new URL('./generated/persisted-documents.json', import.meta.url), 'utf8'));
const hashOf = (operation: string) => {
  const hashes = Object.keys(manifest).filter((h) => new RegExp(`\\b(query|mutation|subscription) ${operation}\\b`).test(manifest[h]!));
  expect(hashes).toHaveLength(1);
  return hashes[0];
};

interface SentBody {
  query?: string;
  operationName: string;
  variables: unknown;
  extensions?: { persistedQuery?: { version: number; sha256Hash: string } };
}

/**
 * A fake API. An SSE request opens a stream, and the first one is then dropped, as by a restarting server; any other
 * request is answered with `answer`'s JSON.
 */
function fakeServer(answer: (body: SentBody) => unknown = () => ({ data: null })) {
  const requests: { headers: Record<string, string>; body: SentBody }[] = [];
  const streams: { headers: Record<string, string>; body: SentBody }[] = [];
  let live: ReadableStreamDefaultController<Uint8Array> | null = null;
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    const request = { headers: init.headers as Record<string, string>, body: JSON.parse(String(init.body)) as SentBody };
    requests.push(request);
    if (request.headers.accept !== 'text/event-stream') {
      return new Response(JSON.stringify(answer(request.body)), { status: 200, headers: { 'content-type': 'application/json' } });
    }
    streams.push(request);
    const first = streams.length === 1;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(':\n\n'));
        if (first) setTimeout(() => controller.close(), 20);
        else live = controller;
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  });
  const push = (payload: unknown) => live?.enqueue(encoder.encode(`event: next\ndata: ${JSON.stringify(payload)}\n\n`));
  return { requests, streams, push };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('retryDelayMs', () => {
  it('doubles from a second up to half a minute, plus jitter', () => {
    expect(retryDelayMs(0, 0)).toBe(1_000);
    expect(retryDelayMs(1, 0)).toBe(2_000);
    expect(retryDelayMs(3, 0.5)).toBe(8_500);
    expect(retryDelayMs(10, 0)).toBe(30_000);
    expect(retryDelayMs(10, 1)).toBe(31_000);
  });
});

describe('subscriptions over SSE', () => {
  it('sends the CSRF header and the hash (no text), reconnects a dropped stream, tells listeners, and delivers pushes', async () => {
    const server = fakeServer();
    const reconnected = vi.fn();
    const stop = onLiveReconnect(reconnected);
    const results: unknown[] = [];
    const sub = createClient()
      .subscription(EVENT_LIVE_SUBSCRIPTION, { id: 'RXZlbnQ6MQ==' })
      .subscribe((r) => results.push(r.data));

    await vi.waitFor(() => expect(reconnected).toHaveBeenCalledTimes(1), { timeout: 5_000 });
    expect(server.requests).toHaveLength(2);
    for (const r of server.requests) {
      expect(r.headers['x-graphql-yoga-csrf']).toBe('rallypoint');
      expect(r.headers.accept).toBe('text/event-stream');
      expect(r.body).toEqual({
        query: '',
        operationName: 'EventLive',
        variables: { id: 'RXZlbnQ6MQ==' },
        extensions: { persistedQuery: { version: 1, sha256Hash: hashOf('EventLive') } },
      });
    }

    const pushed = {
      __typename: 'EventLive',
      eventId: 'RXZlbnQ6MQ==',
      status: 'PUBLISHED',
      goingCount: 1,
      waitlistCount: 0,
      capacity: null,
      placesLeft: null,
      liftSeatsAvailable: 0,
      liftRequestsOpen: 0,
      at: '2030-01-01T10:00:00.000Z',
    };
    server.push({ data: { __typename: 'Subscription', eventLive: pushed } });
    await vi.waitFor(() => expect(results).toEqual([{ eventLive: pushed }]));
    sub.unsubscribe();
    stop();
  }, 10_000);
});

describe('trusted documents', () => {
  it('queries and mutations are sent by POST as their hash, without text', async () => {
    const server = fakeServer(() => ({ data: null }));
    const client = createClient();
    await client.query(EVENT_QUERY, { id: 'RXZlbnQ6MQ==' }).toPromise();
    await client.mutation(PROPOSE_LIFT_MUTATION, { offerId: 'o', requestId: 'r' }).toPromise();
    expect(server.requests.map((r) => r.body)).toEqual([
      {
        operationName: 'Event',
        variables: { id: 'RXZlbnQ6MQ==' },
        extensions: { persistedQuery: { version: 1, sha256Hash: hashOf('Event') } },
      },
      {
        operationName: 'ProposeLift',
        variables: { offerId: 'o', requestId: 'r' },
        extensions: { persistedQuery: { version: 1, sha256Hash: hashOf('ProposeLift') } },
      },
    ]);
  });
});

describe('after a dropped stream reconnects', () => {
  it('fetches the queries on screen again (pushes sent meanwhile are lost)', async () => {
    const server = fakeServer(() => ({ data: { __typename: 'Query', event: null } }));
    const client = createClient();
    const page = client.query(EVENT_QUERY, { id: 'RXZlbnQ6MQ==' }).subscribe(() => {});
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    const sub = client.subscription(EVENT_LIVE_SUBSCRIPTION, { id: 'RXZlbnQ6MQ==' }).subscribe(() => {});
    const fetches = () => server.requests.filter((r) => r.body.operationName === 'Event').length;
    await vi.waitFor(() => expect(server.streams).toHaveLength(2), { timeout: 5_000 });
    await vi.waitFor(() => expect(fetches()).toBe(2));
    // Once nothing is on screen, a reconnect fetches nothing.
    page.unsubscribe();
    sub.unsubscribe();
  }, 10_000);
});
