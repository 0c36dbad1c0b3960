import { createHash, randomBytes } from 'node:crypto';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { Request, Response } from 'express';
import type { Config } from '../config.ts';
import type { Viewer } from '../context.ts';
import type { DbOrTx } from '../db/change.ts';
import type { Db } from '../db/client.ts';

export const SESSION_COOKIE = 'rp_session';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

/** Creates a session and returns the raw token; only its hash is stored. */
export async function createSession(prisma: DbOrTx, userId: string, config: Config): Promise<string> {
  const token = newToken();
  await prisma.session.create({
    data: { userId, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + config.sessionDays * 86_400_000) },
  });
  return token;
}

export function setSessionCookie(res: Response, token: string, config: Config): void {
  res.append(
    'Set-Cookie',
    stringifySetCookie({
      name: SESSION_COOKIE,
      value: token,
      httpOnly: true,
      sameSite: 'lax',
      secure: config.production,
      path: '/',
      maxAge: config.sessionDays * 86_400,
    }),
  );
}

export function clearSessionCookie(res: Response, config: Config): void {
  res.append(
    'Set-Cookie',
    stringifySetCookie({ name: SESSION_COOKIE, value: '', httpOnly: true, sameSite: 'lax', secure: config.production, path: '/', maxAge: 0 }),
  );
}

export function sessionToken(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  return parseCookie(header)[SESSION_COOKIE] || undefined;
}

export async function loadViewer(prisma: Db, token: string | undefined): Promise<Viewer | null> {
  if (!token || token.length > 200) return null;
  const session = await prisma.session.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { id: true, role: true, deletedAt: true } } },
  });
  if (!session || session.expiresAt < new Date() || session.user.deletedAt) return null;
  // The organiser's regions and the events co-hosted, in one statement.
  const [access] = await prisma.$queryRaw<{ regions: string[]; co_hosted: string[] }[]>`
    SELECT array(SELECT region_id FROM organiser_regions WHERE user_id = ${session.user.id}::uuid ORDER BY region_id) AS regions,
      array(SELECT event_id::text FROM event_co_hosts WHERE user_id = ${session.user.id}::uuid) AS co_hosted`;
  return {
    id: session.user.id,
    role: session.user.role,
    regionIds: access?.regions ?? [],
    sessionId: session.id,
    coHostEventIds: access?.co_hosted ?? [],
  };
}
