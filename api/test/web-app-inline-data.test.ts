// A page's first queries, answered in its HTML: the production server runs the web build's own documents for a
// visitor who is not signed in and puts the results in the page, so the app's first render needs no round trip.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { repoRoot } from '../src/paths.ts';
import { readManifest } from '../src/security/trusted-documents.ts';
import type { RunningApi } from '../src/server.ts';
import { Client, createEvent, signedUp, startTestApi, uniqueTag } from './helpers.ts';

const INDEX = readFileSync(path.join(repoRoot, 'web', 'index.html'), 'utf8');
// The web app's own operations, as its build lists them.
const MANIFEST = path.join(repoRoot, 'web', 'src', 'generated', 'persisted-documents.json');
const hashOf = (name: string) => {
  const found = [...readManifest(MANIFEST)].find(([, text]) => new RegExp(`(^| )query ${name}[ ({]`).test(text));
  if (!found) throw new Error(`no query ${name} in the web build's documents`);
  return found[0];
};

let api: RunningApi;
let dist: string;

beforeAll(async () => {
  dist = mkdtempSync(path.join(os.tmpdir(), 'rallypoint-page-data-'));
  writeFileSync(path.join(dist, 'index.html'), INDEX);
  api = await startTestApi({ webDistDir: dist, trustedDocumentsFile: MANIFEST });
});
afterAll(async () => {
  await api?.close();
  rmSync(dist, { recursive: true, force: true });
});

interface PageData {
  url: string;
  results: { hash: string; variables: Record<string, unknown>; data: Record<string, unknown> }[];
}

/** The page as a browser without JavaScript gets it, and the data in it (null when there is none). */
async function page(pathname: string, cookie?: string): Promise<{ html: string; data: PageData | null; vary: string | null }> {
  const res = await fetch(`${api.url}${pathname}`, { headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });
  expect(res.status).toBe(200);
  const html = await res.text();
  const scripts = [...html.matchAll(/<script type="application\/json" id="rallypoint-page-data">([\s\S]*?)<\/script>/g)];
  expect(scripts.length).toBeLessThanOrEqual(1);
  return { html, data: scripts[0] ? (JSON.parse(scripts[0][1]!) as PageData) : null, vary: res.headers.get('vary') };
}

const resultOf = (data: PageData | null, name: string) => data?.results.find((r) => r.hash === hashOf(name)) ?? null;

/** What the app itself would be answered for the same document and variables, by hash, signed out. */
async function asked(name: string, variables: Record<string, unknown>) {
  const res = await new Client(api.url).raw({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(name) } } });
  return ((await res.json()) as { data: unknown }).data;
}

describe('a visitor who is not signed in', () => {
  let host: Client & { email: string; userId: string };
  let tag: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON
  let published: any;
  // biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON
  let draft: any;
  beforeAll(async () => {
    host = await signedUp(api.url);
    tag = uniqueTag();
    published = await createEvent(host, { title: `Canvass ${tag} </script><script>alert(1)</script> \u2028 & more`, postcode: 'LS6 1AN' });
    draft = await createEvent(host, { title: `Draft ${tag}`, postcode: 'LS6 1AN' }, false);
  });

  test('/near/LS6 1AN carries the events near, online events and "not signed in", exactly as the app asks for them', async () => {
    const { html, data, vary } = await page('/near/LS6%201AN');
    expect(data?.url).toBe('/near/LS6%201AN');
    expect(vary).toMatch(/cookie/i);

    const near = resultOf(data, 'EventsNear');
    const input = { postcode: 'LS6 1AN', radiusKm: 25, kinds: null, sort: 'TIME', access: null, hasLiftSeats: null, hideFull: null };
    expect(near?.variables).toEqual({ input, first: 20 });
    // biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON
    const edges = (near?.data.eventsNear as any)?.edges as { node: { id: string; title: string } }[];
    expect(edges?.map((e) => e.node.id)).toContain(published.id);
    expect(edges?.map((e) => e.node.id)).not.toContain(draft.id);
    expect(near?.data).toEqual(await asked('EventsNear', { input, first: 20 }));

    expect(resultOf(data, 'OnlineEvents')?.variables).toEqual({ input: { kinds: null, hideFull: null }, first: 20 });
    expect(resultOf(data, 'Me')?.data).toEqual({ __typename: 'Query', me: null });

    // The title's markup cannot end the script element; the JSON gives it back as it was.
    expect(html).not.toContain('</script><script>alert(1)');
    expect(html).not.toContain('\u2028');
    expect(edges?.find((e) => e.node.id === published.id)?.node.title).toBe(published.title);
    expect(html).not.toContain(`Draft ${tag}`);
  });

  test('the filters and the place in the address are the variables, as the page reads them', async () => {
    const { data } = await page('/near/LS61AN?radius=10&kinds=CANVASS,MEETING&sort=DISTANCE&where=in-person&hidefull=1');
    const near = resultOf(data, 'EventsNear');
    expect(near?.variables).toEqual({
      input: { postcode: 'LS6 1AN', radiusKm: 10, kinds: ['CANVASS', 'MEETING'], sort: 'DISTANCE', access: null, hasLiftSeats: null, hideFull: true },
      first: 20,
    });
    expect(resultOf(data, 'OnlineEvents')).toBeNull();
    expect(data?.url).toBe('/near/LS61AN?radius=10&kinds=CANVASS,MEETING&sort=DISTANCE&where=in-person&hidefull=1');

    const marginals = resultOf((await page('/marginals/LS6%201AN?seats=10')).data, 'NearestMarginals');
    expect(marginals?.variables).toEqual({ input: { postcode: 'LS6 1AN', first: 10 }, canvasses: 5 });
    // biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON
    expect((marginals?.data.nearestMarginals as any)?.data.seats).toHaveLength(10);
  });

  test("an event's page carries the event as a visitor sees it; a draft's carries nothing of it", async () => {
    const { data } = await page(`/events/${encodeURIComponent(published.id)}`);
    const event = resultOf(data, 'Event');
    expect(event?.variables).toEqual({ id: published.id });
    expect(event?.data).toMatchObject({ event: { id: published.id, title: published.title, myRsvp: null, attendees: null, viewerCanEdit: false } });
    expect(event?.data).toEqual(await asked('Event', { id: published.id }));

    const hidden = await page(`/events/${encodeURIComponent(draft.id)}`);
    expect(hidden.html).not.toContain(`Draft ${tag}`);
    expect(resultOf(hidden.data, 'Event')?.data).toEqual({ __typename: 'Query', event: null });
  });

  test('a page the app has no first query for carries only "not signed in"; a place name to choose from, the same', async () => {
    for (const pathname of ['/', '/near/Leeds', '/events/new']) {
      const { data } = await page(pathname);
      expect(data?.results.map((r) => r.hash)).toEqual([hashOf('Me')]);
    }
  });
});

describe('a signed-in member', () => {
  test('gets pages without data: nothing of theirs, or of anyone else, is put in the HTML', async () => {
    const host = await signedUp(api.url);
    const draft = await createEvent(host, { title: `Draft ${uniqueTag()}` }, false);
    for (const pathname of ['/near/LS6%201AN', `/events/${encodeURIComponent(draft.id)}`]) {
      const { html, data } = await page(pathname, host.cookie);
      expect(data).toBeNull();
      expect(html).not.toContain(draft.title);
      expect(html).not.toContain(host.email);
    }
  });
});
