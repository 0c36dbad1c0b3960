import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DbOrTx } from '../db/change.ts';

/**
 * Signed links for e-mails (a reminder's one-tap answers, one-click unsubscribe): they work without signing in, so
 * what they may do is written into the link and sealed with an HMAC. The key is made once per database, so every
 * instance and worker can check any link.
 */
export interface SignedLink<D> {
  purpose: string;
  data: D;
  expiresAt: Date;
  /** Identifies this exact link (for links that work once). */
  digest: string;
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export class LinkSigner {
  constructor(private readonly key: Buffer) {}

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }

  sign(purpose: string, data: Record<string, string | number>, expiresAt: Date): string {
    const body = b64(JSON.stringify({ p: purpose, d: data, e: Math.floor(expiresAt.getTime() / 1000) }));
    return `${body}.${b64(this.mac(body))}`;
  }

  /** The link's contents if it is genuine, for `purpose`, and not expired; otherwise null. */
  verify<D = Record<string, string | number>>(purpose: string, token: unknown, now = new Date()): SignedLink<D> | null {
    if (typeof token !== 'string' || token.length > 2_000) return null;
    const [body, sig, ...rest] = token.split('.');
    if (!body || !sig || rest.length > 0) return null;
    const expected = this.mac(body);
    const given = Buffer.from(sig, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let parsed: { p?: unknown; d?: unknown; e?: unknown };
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (parsed.p !== purpose || typeof parsed.e !== 'number' || typeof parsed.d !== 'object' || parsed.d === null) return null;
    const expiresAt = new Date(parsed.e * 1000);
    if (expiresAt <= now) return null;
    return { purpose, data: parsed.d as D, expiresAt, digest: b64(createHmac('sha256', this.key).update(`digest:${body}`).digest()) };
  }
}

// Per database client: a process holding clients of two databases (tests do) keeps each database's own key.
const cached = new WeakMap<object, Promise<LinkSigner>>();
let clients = 0;
let only: Promise<LinkSigner> | null = null;

async function loadSigner(db: DbOrTx): Promise<LinkSigner> {
  await db.$executeRaw`INSERT INTO app_secrets (name, value) VALUES ('links', ${randomBytes(32).toString('hex')}) ON CONFLICT (name) DO NOTHING`;
  const [row] = await db.$queryRaw<{ value: string }[]>`SELECT value FROM app_secrets WHERE name = 'links'`;
  return new LinkSigner(Buffer.from(row!.value, 'hex'));
}

/**
 * The signer for this database's key (created on first use; every instance reads the same one). Only a key read
 * outside a transaction is kept for the process: one made inside a transaction that then rolls back never existed for
 * the other instances, and links signed with it would fail everywhere else.
 */
export function linkSigner(db: DbOrTx): Promise<LinkSigner> {
  const kept = cached.get(db);
  if (kept) return kept;
  // A transaction client cannot disconnect (Prisma leaves $disconnect off it); with one database in the process (any
  // deployment) it shares that database's key, else it reads its own.
  if (!('$disconnect' in db)) return (clients === 1 && only) || loadSigner(db);
  const loading = loadSigner(db).catch((e: unknown) => {
    cached.delete(db);
    clients--;
    throw e;
  });
  cached.set(db, loading);
  clients++;
  only = clients === 1 ? loading : null;
  return loading;
}

/** Marks a single-use link used; false if it already was (two taps at once: exactly one wins). */
export async function useLinkOnce(tx: DbOrTx, link: SignedLink<unknown>): Promise<boolean> {
  const n = await tx.$executeRaw`
    INSERT INTO used_links (digest, expires_at) VALUES (${link.digest}, ${link.expiresAt}) ON CONFLICT (digest) DO NOTHING`;
  return n === 1;
}
