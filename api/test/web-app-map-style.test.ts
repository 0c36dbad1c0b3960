import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, expect, test } from 'vitest';
import { webApp } from '../src/web-app.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'rallypoint-web-'));
writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head><title>Rallypoint</title></head><body></body></html>');

const servers: { close(): void }[] = [];
afterAll(() => {
  for (const s of servers) s.close();
});

async function serve(mapStyleUrl: string | null): Promise<string> {
  const app = express().use(webApp(dir, { mapbox: false, mapStyleUrl }));
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((r) => server.once('listening', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const page = (base: string) => fetch(`${base}/near/LS6`, { headers: { accept: 'text/html' } });

test('VITE_MAP_STYLE_URL set at start: every page names the style, and the CSP lets the app fetch from its origin', async () => {
  const res = await page(await serve('https://tiles.example.org/basemap/style.json?v="1"'));
  expect(await res.text()).toContain('<meta name="rallypoint-map-style" content="https://tiles.example.org/basemap/style.json?v=&quot;1&quot;">');
  expect(res.headers.get('content-security-policy')).toMatch(/(^|;)\s*connect-src 'self' https:\/\/tiles\.example\.org\s*(;|$)/);
});

test('a style on the same site needs no CSP change; without a style the page is as built', async () => {
  const same = await page(await serve('/basemap/style.json'));
  expect(await same.text()).toContain('<meta name="rallypoint-map-style" content="/basemap/style.json">');
  expect(same.headers.get('content-security-policy')).toMatch(/(^|;)\s*connect-src 'self'\s*(;|$)/);
  const none = await page(await serve(null));
  expect(await none.text()).not.toContain('rallypoint-map-style');
});
