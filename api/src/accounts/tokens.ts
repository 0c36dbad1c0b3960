import type { AccountTokenPurpose } from '@rallypoint/prisma';
import type { DbOrTx, Tx } from '../db/change.ts';
import { ValidationError } from '../errors.ts';
import { hashToken, newToken } from './sessions.ts';

/**
 * Single-use links e-mailed for the account itself (confirm the address, choose a new password).
 *
 * The link's secret never touches the database, not even the job queue: the change that asks for a link adds a row
 * whose hash belongs to no secret (so nothing can open it) and queues the e-mail with the row's id; the worker mints
 * the secret when it sends the e-mail (`mintAccountLink`) and stores only its hash. A row claimed, superseded or
 * expired before its e-mail leaves mints nothing, and the e-mail is not sent.
 */
export async function addAccountToken(
  tx: Tx,
  userId: string,
  purpose: AccountTokenPurpose,
  validMs: number,
): Promise<string> {
  const row = await tx.accountToken.create({
    data: {
      tokenHash: hashToken(newToken()),
      purpose,
      userId,
      expiresAt: new Date(Date.now() + validMs),
    },
    select: { id: true },
  });
  return row.id;
}

/**
 * At send time: a new secret for the queued link, of which only the hash is kept. Null when the link no longer
 * applies (used, expired, or every link of its kind ended by a newer one being used). A send that is retried mints
 * again, so only the e-mail that left last works.
 */
export async function mintAccountLink(db: DbOrTx, tokenId: string, purpose: AccountTokenPurpose): Promise<string | null> {
  const token = newToken();
  const n = await db.$executeRaw`
    UPDATE account_tokens SET token_hash = ${hashToken(token)}
    WHERE id = ${tokenId}::uuid AND purpose = ${purpose}::"AccountTokenPurpose" AND used_at IS NULL AND expires_at > now()`;
  return n === 1 ? token : null;
}

/** The account an unused, unexpired link of `purpose` belongs to, without using it up; null if there is none. */
export async function findAccountToken(db: DbOrTx, purpose: AccountTokenPurpose, token: unknown): Promise<{ userId: string } | null> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 200) return null;
  const row = await db.accountToken.findFirst({
    where: { tokenHash: hashToken(token), purpose, usedAt: null, expiresAt: { gt: new Date() } },
    select: { userId: true },
  });
  return row;
}

/**
 * Uses an unused, unexpired link of `purpose`, once: of two requests with one link at the same moment, one claims it
 * (the row is locked; the other then finds it used). Every other unused link of that kind for the account ends too.
 */
export async function claimAccountToken(tx: Tx, purpose: AccountTokenPurpose, token: unknown, problem: string): Promise<{ userId: string }> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 200) throw ValidationError.field(['token'], problem);
  const rows = await tx.$queryRaw<{ user_id: string }[]>`
    UPDATE account_tokens SET used_at = now()
    WHERE id = (SELECT id FROM account_tokens WHERE token_hash = ${hashToken(token)} AND purpose = ${purpose}::"AccountTokenPurpose"
                  AND used_at IS NULL AND expires_at > now() FOR UPDATE)
      AND used_at IS NULL
    RETURNING user_id`;
  const row = rows[0];
  if (!row) throw ValidationError.field(['token'], problem);
  await endAccountTokens(tx, row.user_id, purpose);
  return { userId: row.user_id };
}

/** Ends every unused link of the account (of `purpose`, or of every kind). */
export async function endAccountTokens(tx: Tx, userId: string, purpose?: AccountTokenPurpose): Promise<void> {
  await tx.accountToken.updateMany({ where: { userId, usedAt: null, ...(purpose ? { purpose } : {}) }, data: { usedAt: new Date() } });
}
