import { afterAll, expect, inject, test } from 'vitest';
import { createPrisma } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { linkSigner } from '../src/mail/links.ts';
import { freshDatabase, testDatabaseUrl } from './db-utils.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

test("one process with clients of two databases signs each database's links with that database's own key", async () => {
  const other = await freshDatabase(inject('adminUrl'), 'links');
  cleanups.push(other.drop);
  await migrate(other.url);
  const shared = createPrisma(testDatabaseUrl(), 2);
  const fresh = createPrisma(other.url, 2);
  cleanups.push(() => shared.$disconnect(), () => fresh.$disconnect());
  const [a, b] = [await linkSigner(fresh), await linkSigner(shared)];
  const until = new Date(Date.now() + 3_600_000);
  const link = b.sign('test', { n: 1 }, until);
  // What a worker of the shared database signs must verify there, whichever database this process read first.
  expect(b.verify('test', link)).not.toBeNull();
  expect(a.verify('test', link)).toBeNull();
  // A transaction on the shared database reads its own database's key, not the one read first in this process.
  const inTx = await shared.$transaction((tx) => linkSigner(tx));
  expect(inTx.verify('test', link)).not.toBeNull();
});
