import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, test } from 'vitest';
import { freePort, passwordFileOf, startEmbedded } from '../src/db/database.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'rallypoint-embedded-'));
chmodSync(dir, 0o755); // as root, Postgres runs as another user that must reach the data folder
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

const withPassword = (url: string, password: string) => {
  const u = new URL(url);
  u.password = password;
  return u.toString();
};

test('a new data folder gets a random password, kept next to it for this user only; the server listens on 127.0.0.1', async () => {
  const dataDir = path.join(dir, 'fresh');
  const first = await startEmbedded({ dataDir });
  const file = passwordFileOf(dataDir);
  try {
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const password = readFileSync(file, 'utf8').trim();
    expect(password).toMatch(/^[\w-]{32}$/);
    expect(new URL(first.url).password).toBe(password);
    expect(new URL(first.url).hostname).toBe('127.0.0.1');
    expect((await query(first.url, 'SHOW listen_addresses')).rows[0].listen_addresses).toBe('127.0.0.1');
    // The old fixed password no longer opens it.
    await expect(query(withPassword(first.url, 'rallypoint'), 'SELECT 1')).rejects.toThrow(/password authentication failed/);
  } finally {
    await first.stop();
  }
  // A later start reads the same password.
  const again = await startEmbedded({ dataDir });
  try {
    expect(new URL(again.url).password).toBe(readFileSync(file, 'utf8').trim());
    expect((await query(again.url, 'SELECT 1 AS one')).rows[0].one).toBe(1);
  } finally {
    await again.stop();
  }
});

test('a data folder from before generated passwords (no password file) still opens with the old one', async () => {
  const dataDir = path.join(dir, 'legacy');
  const server = await startEmbedded({ dataDir });
  try {
    await query(server.url, "ALTER USER rallypoint PASSWORD 'rallypoint'");
  } finally {
    await server.stop();
  }
  rmSync(passwordFileOf(dataDir));
  const legacy = await startEmbedded({ dataDir });
  try {
    expect(new URL(legacy.url).password).toBe('rallypoint');
    expect((await query(legacy.url, 'SELECT 1 AS one')).rows[0].one).toBe(1);
    expect(existsSync(passwordFileOf(dataDir))).toBe(false);
  } finally {
    await legacy.stop();
  }
});

test('a one-off command attaches to the server already running on the folder', async () => {
  const dataDir = path.join(dir, 'shared');
  const server = await startEmbedded({ dataDir });
  try {
    const attached = await startEmbedded({ dataDir, attach: true });
    expect(new URL(attached.url).port).toBe(new URL(server.url).port);
    expect((await query(attached.url, 'SELECT 1 AS one')).rows[0].one).toBe(1);
    await attached.stop(); // leaves the owner's server running
    expect((await query(server.url, 'SELECT 1 AS one')).rows[0].one).toBe(1);
  } finally {
    await server.stop();
  }
});

const listening = (port: number) =>
  new Promise<net.Server>((resolve, reject) => {
    const s = net.createServer().once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve(s));
  });

test('free ports for servers started later come from below the range the kernel gives outgoing connections', async () => {
  const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  // Ports in use from that range, as on a busy test run (listen(0) draws from it too).
  const held = await Promise.all(Array.from({ length: 20 }, () => listening(0)));
  try {
    for (const port of await Promise.all(Array.from({ length: 20 }, () => freePort()))) {
      expect(port).toBeLessThan(low);
      await new Promise((r) => listening(port).then((s) => s.close(r)));
    }
  } finally {
    await Promise.all(held.map((s) => new Promise((r) => s.close(r))));
  }
});
