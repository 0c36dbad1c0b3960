import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient, onLiveReconnect, retryDelayMs } from './client.tsx';
import { EVENT_LIVE_SUBSCRIPTION } from './events/documents.ts';

const encoder = new TextEncoder();

/** A fake API: every request opens an SSE stream; the first one is then dropped, as by a restarting server. */
function fakeSseServer() {
  const requests: { headers: Record<string, string>; body: { query: string; variables: unknown } }[] = [];
  let live: ReadableStreamDefaultController<Uint8Array> | null = null;
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    requests.push({ headers: init.headers as Record<string, string>, body: JSON.parse(String(init.body)) });
    const first = requests.length === 1;
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
  return { requests, push };
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
  it('sends the CSRF header, reconnects a dropped stream, tells listeners, and delivers pushes', async () => {
    const server = fakeSseServer();
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
      expect(r.body.query).toContain('subscription EventLive');
      expect(r.body.variables).toEqual({ id: 'RXZlbnQ6MQ==' });
    }

    server.push({ data: { eventLive: { eventId: 'RXZlbnQ6MQ==', goingCount: 1 } } });
    await vi.waitFor(() => expect(results).toEqual([{ eventLive: { eventId: 'RXZlbnQ6MQ==', goingCount: 1 } }]));
    sub.unsubscribe();
    stop();
  }, 10_000);
});
