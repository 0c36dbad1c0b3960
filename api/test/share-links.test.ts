// Links that travel: what a link preview (WhatsApp, social media) reads from an event's address without running any
// JavaScript, the picture it shows, and what crawlers find. Served as production serves the web app: on the API's port.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatEventTime } from '@rallypoint/shared';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { repoRoot } from '../src/paths.ts';
import type { RunningApi } from '../src/server.ts';
import { createEvent, signedUp, startTestApi, uniqueTag, uuidOf } from './helpers.ts';
import { subscribe } from './sse.ts';

const PUBLIC_URL = 'https://rally.example.org';
// The app's own page, with the site's link-preview tags that every page but a public event's keeps.
const INDEX = readFileSync(path.join(repoRoot, 'web', 'index.html'), 'utf8');
const SCRIPT = '<script type="module" src="/src/main.tsx"></script>';

let api: RunningApi;
let dist: string;

beforeAll(async () => {
  dist = mkdtempSync(path.join(os.tmpdir(), 'rallypoint-share-web-'));
  writeFileSync(path.join(dist, 'index.html'), INDEX);
  api = await startTestApi({ webDistDir: dist, publicUrl: PUBLIC_URL });
});
afterAll(async () => {
  await api?.close();
  rmSync(dist, { recursive: true, force: true });
});

const page = async (id: string) => {
  const res = await fetch(`${api.url}/events/${encodeURIComponent(id)}`, { headers: { accept: 'text/html' } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  return res.text();
};

const decode = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The head's tags as a crawler reads them: property/name → content. */
function tagsOf(html: string): Record<string, string> {
  const head = html.slice(0, html.indexOf('</head>'));
  const out: Record<string, string> = {};
  for (const m of head.matchAll(/<meta\s+(?:property|name)="([^"]+)"\s+content="([^"]*)"\s*\/?>/g)) out[m[1]!] = decode(m[2]!);
  const title = /<title>([^<]*)<\/title>/.exec(head);
  if (title) out.title = decode(title[1]!);
  return out;
}

function pngSize(buf: Buffer): { width: number; height: number } {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(buf.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe('an event page as a link preview reads it (no JavaScript)', () => {
  test('a public event: its title, UK date and time, place, address and picture; the app still loads', async () => {
    const host = await signedUp(api.url);
    const tag = uniqueTag();
    const event = await createEvent(host, { title: `Doorstep day <${tag}> & "friends"`, description: 'Bring comfy shoes.', venueName: 'Quaker Hall' });
    const html = await page(event.id);
    const tags = tagsOf(html);
    const url = `${PUBLIC_URL}/events/${encodeURIComponent(event.id)}`;

    expect(tags.title).toBe(`Doorstep day <${tag}> & "friends" · Rallypoint`);
    expect(tags['og:title']).toBe(tags.title);
    // Escaped: the title's markup is text, never tags.
    expect(html).not.toContain(`<${tag}>`);
    const when = formatEventTime(event.startsAt, event.endsAt);
    expect(tags['og:description']).toContain(when);
    expect(tags['og:description']).toContain(`Quaker Hall, ${event.areaLabel}`);
    expect(tags['og:description']).toContain('Bring comfy shoes.');
    expect(tags['og:url']).toBe(url);
    expect(tags['og:type']).toBe('article');
    expect(tags['og:image']).toMatch(new RegExp(`^${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/preview\\.png\\?v=\\d+$`));
    expect(tags['twitter:card']).toBe('summary_large_image');
    expect(tags.description).toBe(tags['og:description']);
    // One title and one description: the app's own are replaced.
    expect(html.match(/<title>/g)).toHaveLength(1);
    expect(html.match(/<meta name="description"/g)).toHaveLength(1);
    // The rest of the page is the app's.
    expect(html.match(/<meta property="og:title"/g)).toHaveLength(1);
    expect(html.match(/<meta name="twitter:card"/g)).toHaveLength(1);
    expect(html).toContain(SCRIPT);
    expect(html).toContain('<div id="root">');
    expect(html).toContain('Loading Rallypoint…');

    // The picture the tags point at.
    const image = await fetch(`${api.url}${new URL(tags['og:image']!).pathname}${new URL(tags['og:image']!).search}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(pngSize(Buffer.from(await image.arrayBuffer()))).toEqual({ width: 1200, height: 630 });
    expect(image.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    const etag = image.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await fetch(`${api.url}/events/${encodeURIComponent(event.id)}/preview.png`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);

    // An edit changes the picture (its ETag) and the image URL.
    await api.prisma.event.update({ where: { id: uuidOf(event.id) }, data: { title: `Renamed ${tag}` } });
    const renamed = tagsOf(await page(event.id));
    expect(renamed['og:title']).toBe(`Renamed ${tag} · Rallypoint`);
    expect(renamed['og:image']).not.toBe(tags['og:image']);
    const changed = await fetch(`${api.url}/events/${encodeURIComponent(event.id)}/preview.png`, { headers: { 'if-none-match': etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  test('a date outside this year carries its year', async () => {
    const host = await signedUp(api.url);
    const start = new Date(Date.now() + 400 * 86_400_000);
    start.setUTCHours(18, 30, 0, 0);
    const event = await createEvent(host, { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() });
    const description = tagsOf(await page(event.id))['og:description']!;
    expect(description).toContain(String(new Date(start).getUTCFullYear()));
    expect(description).toContain(formatEventTime(event.startsAt, event.endsAt));
  });

  test('an address for attendees only is nowhere in the page or the picture’s tags: only the area', async () => {
    const host = await signedUp(api.url);
    const tag = uniqueTag();
    const event = await createEvent(host, {
      title: `Hidden ${tag}`,
      venueName: `Sarah's flat ${tag}`,
      address: `7 Secret${tag} Lane`,
      postcode: 'LS6 2BB',
      addressVisibility: 'ATTENDEES',
    });
    const html = await page(event.id);
    const tags = tagsOf(html);
    expect(tags['og:title']).toBe(`Hidden ${tag} · Rallypoint`);
    expect(tags['og:description']).toContain(`${event.areaLabel} area`);
    expect(html).not.toContain(`Secret${tag}`);
    expect(html).not.toContain('LS6 2BB');
    expect(html).not.toContain(`flat ${tag}`);
    // The exact pin is not in it either.
    const exact = await api.prisma.event.findUniqueOrThrow({ where: { id: uuidOf(event.id) } });
    expect(html).not.toContain(String(exact.exactLat));
  });

  test('drafts, cancelled and unlisted events, and other pages, get the site’s own tags and no picture', async () => {
    const host = await signedUp(api.url);
    const tag = uniqueTag();
    const draft = await createEvent(host, { title: `Draft ${tag}` }, false);
    const cancelled = await createEvent(host, { title: `Cancelled ${tag}` });
    await api.prisma.event.update({ where: { id: uuidOf(cancelled.id) }, data: { status: 'CANCELLED' } });
    const unlisted = await createEvent(host, { title: `Unlisted ${tag}`, visibility: 'UNLISTED' });

    for (const event of [draft, cancelled, unlisted]) {
      const html = await page(event.id);
      expect(html).not.toContain(tag);
      // The app's page as it is, with the site's own tags.
      expect(html).toBe(INDEX);
      const tags = tagsOf(html);
      expect(tags.title).toBe('Rallypoint');
      expect(tags['og:title']).toBe('Rallypoint');
      expect(tags['og:type']).toBe('website');
      expect(tags['og:image']).toBeUndefined();
      expect(tags['twitter:card']).toBe('summary');
      const image = await fetch(`${api.url}/events/${encodeURIComponent(event.id)}/preview.png`);
      expect(image.status).toBe(404);
    }
    for (const pathname of ['/', '/events/not-an-id', '/events/new', '/plans']) {
      const res = await fetch(`${api.url}${pathname}`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(INDEX);
    }
    expect((await fetch(`${api.url}/events/not-an-id/preview.png`)).status).toBe(404);
  });
});

describe('compression', () => {
  test('GraphQL JSON is gzipped for clients that accept it; live updates (SSE) are not', async () => {
    const host = await signedUp(api.url);
    const event = await createEvent(host, { description: 'A long description. '.repeat(200) });
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
      body: JSON.stringify({ query: 'query ($id: ID!) { event(id: $id) { id description } }', variables: { id: event.id } }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(((await res.json()) as { data: { event: { description: string } } }).data.event.description).toMatch(/^A long description/);

    const LIVE = 'subscription Live($id: ID!) { eventLive(id: $id) { eventId goingCount } }';
    const CSRF = { 'x-graphql-yoga-csrf': 'test' };
    const abort = new AbortController();
    const stream = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'accept-encoding': 'gzip, br', ...CSRF },
      body: JSON.stringify({ query: LIVE, variables: { id: event.id } }),
      signal: abort.signal,
    });
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      // (yoga marks its streams `Content-Encoding: none`)
      expect(stream.headers.get('content-encoding') ?? 'none').toBe('none');
    } finally {
      abort.abort();
    }
    // And it still streams: a change arrives while the response is open.
    const live = await subscribe(api.url, LIVE, { id: event.id }, { ...CSRF, 'accept-encoding': 'gzip' });
    try {
      const member = await signedUp(api.url);
      const rsvp = await member.gql('mutation ($eventId: ID!) { rsvp(eventId: $eventId) { __typename } }', { eventId: event.id });
      expect(rsvp.data.rsvp.__typename).toBe('MutationRsvpSuccess');
      // The organiser's place, then the member's.
      await live.waitUntil((d) => (d as { eventLive?: { goingCount: number } }).eventLive?.goingCount === 2);
    } finally {
      live.close();
    }
  });
});

describe('crawlers', () => {
  test('robots.txt is text, keeps crawlers off the API and names the sitemap', async () => {
    const res = await fetch(`${api.url}/robots.txt`, { headers: { accept: 'text/html,*/*' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^User-agent: \*$/m);
    expect(text).toMatch(/^Disallow: \/graphql$/m);
    expect(text).toMatch(/^Disallow: \/calendar\/$/m);
    expect(text).toContain(`Sitemap: ${PUBLIC_URL}/sitemap.xml`);
    expect(text).not.toContain('<html');
  });

  test('sitemap.xml lists public, published, upcoming events by their public address, nothing else', async () => {
    const host = await signedUp(api.url);
    const tag = uniqueTag();
    const listed = await createEvent(host, { title: `Listed ${tag}` });
    const draft = await createEvent(host, { title: `Draft ${tag}` }, false);
    const unlisted = await createEvent(host, { title: `Unlisted ${tag}`, visibility: 'UNLISTED' });
    const past = await createEvent(host, { title: `Past ${tag}` });
    await api.prisma.event.update({
      where: { id: uuidOf(past.id) },
      data: { startsAt: new Date(Date.now() - 3 * 3_600_000), endsAt: new Date(Date.now() - 3_600_000) },
    });
    const cancelled = await createEvent(host, { title: `Cancelled ${tag}` });
    await api.prisma.event.update({ where: { id: uuidOf(cancelled.id) }, data: { status: 'CANCELLED' } });

    const res = await fetch(`${api.url}/sitemap.xml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    const xml = await res.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => decodeURIComponent(m[1]!.replace(/&amp;/g, '&')));
    expect(locs).toContain(`${PUBLIC_URL}/`);
    expect(locs).toContain(`${PUBLIC_URL}/events/${listed.id}`);
    for (const hidden of [draft, unlisted, past, cancelled]) expect(locs).not.toContain(`${PUBLIC_URL}/events/${hidden.id}`);
    expect(locs.every((l) => l.startsWith(`${PUBLIC_URL}/`))).toBe(true);
  });
});

test('the web app’s index.html is read as it is on disk (a new build is served without a restart)', async () => {
  const before = readFileSync(path.join(dist, 'index.html'), 'utf8');
  writeFileSync(path.join(dist, 'index.html'), before.replace('/src/main.tsx', '/assets/index-def.js'));
  try {
    const host = await signedUp(api.url);
    const event = await createEvent(host);
    expect(await page(event.id)).toContain('/assets/index-def.js');
    expect(await (await fetch(`${api.url}/plans`, { headers: { accept: 'text/html' } })).text()).toContain('/assets/index-def.js');
  } finally {
    writeFileSync(path.join(dist, 'index.html'), before);
  }
});
