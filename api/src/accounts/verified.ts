import type { Viewer } from '../context.ts';
import type { DbOrTx } from '../db/change.ts';
import { AuthenticationError, ForbiddenError } from '../errors.ts';

/** The start of the refusal `requireVerified` gives (the web app recognises it). */
export const CONFIRM_ADDRESS_FIRST = 'Confirm your e-mail address before you';

/**
 * Publishing events and offering lifts need a confirmed address; unconfirmed members may still sign in, RSVP, ask
 * for lifts and save drafts. `what` completes "before you …", e.g. "publish events".
 */
export async function requireVerified(db: DbOrTx, viewer: Viewer | null, what: string): Promise<void> {
  if (!viewer) throw new AuthenticationError();
  const user = await db.user.findUnique({ where: { id: viewer.id }, select: { emailVerifiedAt: true } });
  if (!user?.emailVerifiedAt) {
    throw new ForbiddenError(
      `${CONFIRM_ADDRESS_FIRST} ${what}: open the link we e-mailed you, or ask for a new one with "Send the link again" on My plans.`,
    );
  }
}
