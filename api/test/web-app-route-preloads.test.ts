import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, expect, test } from 'vitest';
import { webApp } from '../src/web-app.ts';

// A build's output in miniature: index.html and the route → files list the web build writes.
const dir = mkdtempSync(path.join(os.tmpdir(), 'rallypoint-web-'));
writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head><title>Rallypoint</title></head><body></body></html>');
writeFileSync(
  path.join(dir, 'route-preloads.json'),
  JSON.stringify([
    { path: 'near/:postcode', scripts: ['assets/NearPage-a1.js', 'assets/format-b2.js'], styles: [] },
    { path: 'events/:id', scripts: ['assets/EventPage-c3.js'], styles: ['assets/EventPage-d4.css'] },
    { path: 'events/:id/lifts', scripts: ['assets/EventLiftsPage-e5.js'], styles: [] },
  ]),
);

const servers: { close(): void }[] = [];
afterAll(() => {
  for (const s of servers) s.close();
});

let base: Promise<string> | null = null;
function serve(): Promise<string> {
  base ??= (async () => {
    const server = express().use(webApp(dir, { mapbox: false })).listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((r) => server.once('listening', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  })();
  return base;
}

const head = async (pathname: string) => {
  const res = await fetch(`${await serve()}${pathname}`, { headers: { accept: 'text/html' } });
  expect(res.status).toBe(200);
  return (await res.text()).split('</head>')[0]!;
};

test("a page's own code is preloaded in its HTML: the route's scripts and styles, and no other route's", async () => {
  const near = await head('/near/LS6%201AN');
  expect(near).toContain('<link rel="modulepreload" crossorigin fetchpriority="low" href="/assets/NearPage-a1.js">');
  expect(near).toContain('<link rel="modulepreload" crossorigin fetchpriority="low" href="/assets/format-b2.js">');
  expect(near).not.toContain('EventPage');

  const event = await head('/events/RXZlbnQ6MQ');
  expect(event).toContain('<link rel="modulepreload" crossorigin fetchpriority="low" href="/assets/EventPage-c3.js">');
  expect(event).toContain('<link rel="preload" as="style" crossorigin href="/assets/EventPage-d4.css">');
  expect(event).not.toContain('EventLiftsPage');

  expect(await head('/events/RXZlbnQ6MQ/lifts')).toContain('href="/assets/EventLiftsPage-e5.js"');
});

test('a page no route names, or with more path after it, gets index.html as built', async () => {
  for (const pathname of ['/', '/near', '/near/LS6/extra', '/nowhere']) expect(await head(pathname)).not.toContain('modulepreload');
});
