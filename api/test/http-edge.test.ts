import { once } from 'node:events';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPubSub } from 'graphql-yoga';
import { MAX_BODY_BYTES } from '../src/app.ts';
import { createMemoryEventTarget } from '../src/live/memory-event-target.ts';
import { scaledRateLimits } from '../src/security/rate-limits.ts';
import type { RunningApi } from '../src/server.ts';
import { createEvent, signedUp, startTestApi } from './helpers.ts';
import { type SseSubscription, subscribe } from './sse.ts';

const CSRF = { 'x-graphql-yoga-csrf': 'test' };

/** Fails with `message` unless `promise` settles within `ms`. */
function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} (after ${ms} ms)`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** HTTP/1.1 over a plain TCP socket: the test decides every byte, chunk and wait (no client library in between). */
class RawHttp {
  private received = Buffer.alloc(0);
  private wake: () => void = () => {};
  private closed = false;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (data) => {
      this.received = Buffer.concat([this.received, data]);
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => {});
  }

  static async open(baseUrl: string): Promise<RawHttp> {
    const { hostname, port } = new URL(baseUrl);
    const socket = net.connect(Number(port), hostname);
    await within(once(socket, 'connect'), 10_000, 'could not connect');
    return new RawHttp(socket);
  }

  /** Resolves when the socket takes more, so a server that stops reading stalls the writer (bounded by the caller). */
  async write(data: string | Buffer): Promise<void> {
    if (this.closed) throw new Error('the server closed the connection');
    if (!this.socket.write(data)) await Promise.race([once(this.socket, 'drain'), once(this.socket, 'close')]);
  }

  /** Starts a chunked POST to /graphql. */
  startChunked(contentType: string): Promise<void> {
    const head = ['POST /graphql HTTP/1.1', 'Host: localhost', `Content-Type: ${contentType}`, 'Transfer-Encoding: chunked', `x-graphql-yoga-csrf: 1`];
    return this.write(`${head.join('\r\n')}\r\n\r\n`);
  }

  writeChunk(data: string | Buffer): Promise<void> {
    return this.write(Buffer.concat([Buffer.from(`${Buffer.byteLength(data).toString(16)}\r\n`), Buffer.from(data), Buffer.from('\r\n')]));
  }

  /** The next complete response, if it has all arrived (framed by Content-Length or chunked). */
  private take(): RawResponse | undefined {
    const end = this.received.indexOf('\r\n\r\n');
    if (end < 0) return undefined;
    const [statusLine, ...lines] = this.received.subarray(0, end).toString('latin1').split('\r\n');
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    let at = end + 4;
    const parts: Buffer[] = [];
    if (headers['transfer-encoding'] === 'chunked') {
      for (;;) {
        const lineEnd = this.received.indexOf('\r\n', at);
        if (lineEnd < 0) return undefined;
        const size = Number.parseInt(this.received.subarray(at, lineEnd).toString('latin1'), 16);
        if (this.received.length < lineEnd + 2 + size + 2) return undefined;
        parts.push(this.received.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
        if (size === 0) break;
      }
    } else {
      const length = Number(headers['content-length'] ?? 0);
      if (this.received.length < at + length) return undefined;
      parts.push(this.received.subarray(at, at + length));
      at += length;
    }
    this.received = this.received.subarray(at);
    return { status: Number(statusLine!.split(' ')[1]), headers, body: Buffer.concat(parts).toString('utf8') };
  }

  async response(ms: number, what: string): Promise<RawResponse> {
    const until = Date.now() + ms;
    for (;;) {
      const res = this.take();
      if (res) return res;
      if (this.closed) throw new Error(`the server closed the connection before ${what}`);
      if (Date.now() > until) throw new Error(`no ${what} within ${ms} ms`);
      // Woken by the next bytes or by the close; the timer only ends the wait at the deadline.
      await new Promise<void>((r) => {
        const deadline = setTimeout(r, Math.max(0, until - Date.now()) + 1);
        this.wake = () => {
          clearTimeout(deadline);
          r();
        };
      });
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

const PADDED_HEAD = '{"query":"{ __typename }","variables":{"pad":"';
const PADDED_TAIL = '"}}';

describe('request body cap', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const healthy = async () => {
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  };

  const pad = Buffer.alloc(64 * 1024, 'x');

  /** Sends a chunked JSON upload just past the cap and holds it open: only a server that counts answers now. */
  async function pastTheCap(conn: RawHttp, contentType = 'application/json'): Promise<number> {
    await conn.startChunked(contentType);
    await conn.writeChunk(PADDED_HEAD);
    let sent = PADDED_HEAD.length;
    while (sent <= MAX_BODY_BYTES) {
      await within(conn.writeChunk(pad), 15_000, `the server stopped reading after ${sent} bytes`);
      sent += pad.length;
    }
    return sent;
  }

  test("an idle kept-alive socket stays open longer than a load balancer's 60 s idle timeout", () => {
    // Shorter (Node's default is 5 s), the server may close a socket just as the balancer reuses it: a reset.
    expect(api.server.keepAliveTimeout).toBeGreaterThan(60_000);
    expect(api.server.headersTimeout).toBeGreaterThan(api.server.keepAliveTimeout);
  });

  test('a 20 MB chunked upload (no Content-Length) gets 413 once past the cap, is drained, and the connection serves on', async () => {
    const conn = await RawHttp.open(api.url);
    try {
      let sent = await pastTheCap(conn);
      const refused = await conn.response(15_000, 'answer while the upload was held open past the cap');
      expect(refused.status).toBe(413);
      expect(JSON.parse(refused.body)).toEqual({ errors: [{ message: `Request body too large (limit ${MAX_BODY_BYTES / 1024} KB)` }] });
      // The rest is read and dropped (never buffered, never a reset), then the same connection takes the next request.
      while (sent < 20 * 1024 * 1024) {
        await within(conn.writeChunk(pad), 15_000, `the server stopped reading after ${sent} bytes`);
        sent += pad.length;
      }
      await conn.writeChunk(PADDED_TAIL);
      await conn.write('0\r\n\r\nGET /health HTTP/1.1\r\nHost: localhost\r\n\r\n');
      expect((await conn.response(15_000, 'answer to the next request on the same connection')).status).toBe(200);
    } finally {
      conn.close();
    }
    await healthy();
  });

  test('the cap holds for every content type yoga parses', async () => {
    const conn = await RawHttp.open(api.url);
    try {
      await pastTheCap(conn, 'application/graphql+json');
      expect((await conn.response(15_000, 'answer past the cap')).status).toBe(413);
    } finally {
      conn.close();
    }
    // yoga reads other types only as far as their Content-Length, so an open-ended chunked one is refused unread.
    const text = await RawHttp.open(api.url);
    try {
      await text.startChunked('application/graphql');
      const refused = await text.response(15_000, 'answer to a chunked GraphQL string');
      expect(refused.status).toBe(411);
      expect(JSON.parse(refused.body).errors[0].message).toMatch(/Content-Length/);
    } finally {
      text.close();
    }
    const declared = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/graphql', ...CSRF },
      body: `{ __typename } ${'#'.repeat(MAX_BODY_BYTES)}`,
    });
    expect(declared.status).toBe(413);
    await healthy();
  });

  test('a chunked JSON body within the cap is served', async () => {
    const conn = await RawHttp.open(api.url);
    try {
      await conn.startChunked('application/json');
      await conn.writeChunk(PADDED_HEAD);
      for (let sent = PADDED_HEAD.length; sent + pad.length < MAX_BODY_BYTES - 1024; sent += pad.length) await conn.writeChunk(pad);
      await conn.writeChunk(PADDED_TAIL);
      await conn.write('0\r\n\r\n');
      const res = await conn.response(15_000, 'answer');
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ data: { __typename: 'Query' } });
    } finally {
      conn.close();
    }
  });
});

describe('what production does not tell', () => {
  let dev: RunningApi;
  let prod: RunningApi;
  beforeAll(async () => {
    [dev, prod] = await Promise.all([startTestApi(), startTestApi({ production: true })]);
  });
  afterAll(async () => {
    await Promise.all([dev.close(), prod.close()]);
  });

  const post = async (url: string, body: string) => {
    const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: res.status, text: await res.text() };
  };

  test('GraphiQL is not served in production, whatever the Accept header', async () => {
    const page = (url: string) => fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
    const served = await page(dev.url);
    expect(served.headers.get('content-type')).toMatch(/text\/html/);
    expect(await served.text()).toMatch(/GraphiQL/);
    const refused = await page(prod.url);
    expect(String(refused.headers.get('content-type'))).not.toMatch(/text\/html/);
    expect(await refused.text()).not.toMatch(/GraphiQL|<html/i);
  });

  // Each names something close to a real field, argument, type, input field or enum value of the schema.
  const misspelt = [
    ['variable: enum value', 'query($k: [EventKind!]) { eventsNear(input: { postcode: "LS6", kinds: $k }) { __typename } }', { k: ['MEETNG'] }],
    ['variable: input field', 'query($i: EventsNearInput!) { eventsNear(input: $i) { __typename } }', { i: { postcod: 'LS6' } }],
    // eventsNear runs compiled (graphql-jit), whose variable errors never suggest; these go through graphql-js.
    ['variable, not compiled: enum value', 'query($i: OnlineEventsInput!) { onlineEvents(input: $i) { __typename } }', { i: { kinds: ['MEETNG'] } }],
    ['variable, not compiled: input field', 'query($i: NearestMarginalsInput!) { nearestMarginals(input: $i) { __typename } }', { i: { postcod: 'LS6' } }],
    ['literal: enum value', '{ eventsNear(input: { postcode: "LS6", kinds: [MEETNG] }) { __typename } }', {}],
    ['literal: input field', '{ eventsNear(input: { postcod: "LS6" }) { __typename } }', {}],
    ['field', '{ regoins { id } }', {}],
    ['argument', '{ constituency(cod: "E14001063") { code } }', {}],
    ['type', 'query($k: EventKnd) { __typename }', {}],
  ] as const;

  test.each(misspelt)('no "Did you mean" in production (%s); development still suggests', async (_what, query, variables) => {
    const body = JSON.stringify({ query, variables });
    const fromProd = await post(prod.url, body);
    expect(fromProd.status).toBeLessThan(500);
    expect(fromProd.text).toMatch(/"errors"/);
    expect(fromProd.text).not.toMatch(/did you mean|suggestion/i);
    expect((await post(dev.url, body)).text).toMatch(/Did you mean/);
  });

  test('no suggestion reaches a subscriber over SSE in production either', async () => {
    const res = await fetch(`${prod.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        query: 'subscription($i: NewEventsNearInput!) { newEventsNear(input: $i) { id } }',
        variables: { i: { postcod: 'LS6 1AN' } },
      }),
    });
    const text = await within(res.text(), 15_000, 'the refused stream did not end');
    expect(text).toMatch(/postcod/);
    expect(text).not.toMatch(/did you mean/i);
  });

  test('invalid JSON gets a fixed 400 in production, the parser message in development', async () => {
    for (const body of ['{"query": }', '{"query": "{ __typename }"', '']) {
      const fromProd = await post(prod.url, body);
      expect(fromProd.status).toBe(400);
      expect(JSON.parse(fromProd.text)).toEqual({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    }
    const fromDev = await post(dev.url, '{"query": }');
    expect(fromDev.status).toBe(400);
    expect(JSON.parse(fromDev.text).errors[0].message).toMatch(/^The request body is not valid JSON: .*Unexpected token/);
  });
});

describe('live streams held open at once', () => {
  let api: RunningApi;
  const limits = { ...scaledRateLimits(1000), streamsPerIp: 3, streamsPerAccount: 2 };
  beforeAll(async () => {
    api = await startTestApi({ rateLimits: limits });
  });
  afterAll(() => api.close());

  let n = 0;
  const fromNewIp = () => ({ 'x-forwarded-for': `198.51.100.${++n}` });
  const NEAR = 'subscription { newEventsNear(input: { postcode: "LS6 1AN" }) { id } }';

  async function accepted(headers: Record<string, string>): Promise<SseSubscription> {
    const stream = await subscribe(api.url, NEAR, {}, headers);
    if (stream.status !== 200) stream.close();
    expect(stream.status).toBe(200);
    return stream;
  }

  async function refused(headers: Record<string, string>) {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
      body: JSON.stringify({ query: NEAR }),
    });
    const text = await within(res.text(), 15_000, `the stream was not refused (status ${res.status})`);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    return (JSON.parse(text) as { errors: { message: string }[] }).errors[0]!.message;
  }

  /** A closed stream's slot comes back once the server sees the close: retry until then (bounded). */
  async function acceptedOnceFreed(headers: Record<string, string>): Promise<SseSubscription> {
    const until = Date.now() + 15_000;
    for (;;) {
      const stream = await subscribe(api.url, NEAR, {}, headers);
      if (stream.status === 200) return stream;
      stream.close();
      expect(stream.status).toBe(429);
      if (Date.now() > until) throw new Error('the slot of a closed stream was not freed within 15 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  test('per IP: the stream past the limit gets 429 with Retry-After; closing one frees its slot', async () => {
    const ip = fromNewIp();
    const streams: SseSubscription[] = [];
    try {
      for (let i = 0; i < limits.streamsPerIp; i++) streams.push(await accepted(ip));
      expect(await refused(ip)).toMatch(/Too many live updates open from your network at once \(3\)/);
      // Ordinary requests from that network, and streams from others, go on.
      const query = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...ip },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(query.status).toBe(200);
      (await accepted(fromNewIp())).close();
      streams.shift()!.close();
      streams.push(await acceptedOnceFreed(ip));
      expect(await refused(ip)).toMatch(/Too many live updates/);
    } finally {
      for (const s of streams) s.close();
    }
  });

  test('per account: one member spread over many networks is limited too', async () => {
    const member = await signedUp(api.url);
    const streams: SseSubscription[] = [];
    try {
      for (let i = 0; i < limits.streamsPerAccount; i++) streams.push(await accepted({ cookie: member.cookie!, ...fromNewIp() }));
      const ip = fromNewIp();
      expect(await refused({ cookie: member.cookie!, ...ip })).toMatch(/Too many live updates open for your account at once \(2\)/);
      streams.push(await accepted(ip));
    } finally {
      for (const s of streams) s.close();
    }
  });
});

describe('many watchers', () => {
  test('200 watchers of one event and 200 of new events get every push, with no MaxListenersExceededWarning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const api = await startTestApi();
    const streams: SseSubscription<{ eventLive?: { goingCount: number }; newEventsNear?: { id: string } }>[] = [];
    try {
      const organiser = await signedUp(api.url);
      const event = await createEvent(organiser, { capacity: 500 });
      const LIVE = 'subscription($id: ID!) { eventLive(id: $id) { goingCount } }';
      const NEAR = 'subscription { newEventsNear(input: { postcode: "LS6 1AN" }) { id } }';
      for (let i = 0; i < 200; i++) {
        streams.push(await subscribe(api.url, LIVE, { id: event.id }), await subscribe(api.url, NEAR));
      }
      // Every eventLive watcher has its snapshot, so every listener is in place.
      await Promise.all(streams.filter((_, i) => i % 2 === 0).map((s) => s.waitFor(1, 30_000)));
      const member = await signedUp(api.url);
      expect((await member.gql('mutation($id: ID!) { rsvp(eventId: $id) { __typename } }', { id: event.id })).data.rsvp.__typename).toBe(
        'MutationRsvpSuccess',
      );
      const published = await createEvent(organiser, { title: 'Another one' });
      await Promise.all(
        streams.map((s, i) =>
          i % 2 === 0 ? s.waitUntil((d) => d.eventLive?.goingCount === 2, 30_000) : s.waitUntil((d) => d.newEventsNear?.id === published.id, 30_000),
        ),
      );
    } finally {
      for (const s of streams) s.close();
      await api.close();
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning').map((w) => w.message)).toEqual([]);
  });
});

test('each subscription removes its listener when it ends, so the in-process transport needs no leak warning', async () => {
  const target = createMemoryEventTarget();
  const pubsub = createPubSub<{ 'event:live': [id: string, n: number] }>({ eventTarget: target });
  const subscriptions = Array.from({ length: 50 }, () => pubsub.subscribe('event:live', 'e1')[Symbol.asyncIterator]());
  const first = subscriptions.map((s) => s.next());
  expect(target.listenerCount('event:live:e1')).toBe(50);
  pubsub.publish('event:live', 'e1', 7);
  expect((await Promise.all(first)).map((r) => r.value)).toEqual(Array(50).fill(7));
  await Promise.all(subscriptions.map((s) => s.return!()));
  expect(target.listenerCount('event:live:e1')).toBe(0);
});
