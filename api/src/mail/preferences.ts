import type { DigestFrequency, User } from '@rallypoint/prisma';
import { DIGEST_FREQUENCIES } from '@rallypoint/shared';
import type { Viewer } from '../context.ts';
import type { DbOrTx, Tx } from '../db/change.ts';
import { AuthenticationError, isUuid, ValidationError } from '../errors.ts';
import { linkSigner } from './links.ts';
import type { MailCategory } from './template.ts';

/** The categories a member can switch off (account e-mails are always sent). */
export const SWITCHABLE = ['bookings', 'reminders', 'lifts', 'organiser', 'digest'] as const;
export type SwitchableCategory = (typeof SWITCHABLE)[number];


/** The user column holding each on/off category's preference (the digest has a frequency instead). */
export const PREFERENCE_COLUMN = {
  bookings: 'mailBookings',
  reminders: 'mailReminders',
  lifts: 'mailLifts',
  organiser: 'mailOrganiser',
} as const satisfies Record<Exclude<SwitchableCategory, 'digest'>, keyof User>;

export interface MailPreferences {
  bookings: boolean;
  reminders: boolean;
  lifts: boolean;
  organiser: boolean;
  digest: DigestFrequency;
  /** The address hard-bounced: only account e-mails are tried until the member asks to try again. */
  bounced: boolean;
}

type PreferenceColumns = Pick<User, 'mailBookings' | 'mailReminders' | 'mailLifts' | 'mailOrganiser' | 'digest' | 'mailBouncedAt'>;

/** The columns `preferencesOf` reads (a Prisma select). */
export const PREFERENCE_SELECT = {
  mailBookings: true,
  mailReminders: true,
  mailLifts: true,
  mailOrganiser: true,
  digest: true,
  mailBouncedAt: true,
} as const satisfies Record<keyof PreferenceColumns, true>;

export function preferencesOf(u: PreferenceColumns): MailPreferences {
  return {
    bookings: u.mailBookings,
    reminders: u.mailReminders,
    lifts: u.mailLifts,
    organiser: u.mailOrganiser,
    digest: u.digest,
    bounced: u.mailBouncedAt !== null,
  };
}

/** Whether a member gets e-mails of `category` (ignoring bounces): what the sender checks before each one. */
export function wantsCategory(u: Pick<User, 'mailBookings' | 'mailReminders' | 'mailLifts' | 'mailOrganiser' | 'digest'>, category: MailCategory): boolean {
  if (category === 'account') return true;
  if (category === 'digest') return u.digest !== 'NEVER';
  return u[PREFERENCE_COLUMN[category]];
}

/** The update that switches `category` off. */
function switchOff(category: SwitchableCategory) {
  return category === 'digest' ? { digest: 'NEVER' as const } : { [PREFERENCE_COLUMN[category]]: false };
}

export interface PreferencesInput {
  bookings?: boolean | null;
  reminders?: boolean | null;
  lifts?: boolean | null;
  organiser?: boolean | null;
  digest?: DigestFrequency | null;
}

/**
 * Sets the signed-in member's preferences; a field left out (or null) stays as it is. A bounce stays recorded: only
 * `resumeMail` clears it.
 */
export async function setMailPreferences(tx: Tx, viewer: Viewer | null, input: PreferencesInput): Promise<User> {
  if (!viewer) throw new AuthenticationError();
  const data: Partial<Pick<User, 'mailBookings' | 'mailReminders' | 'mailLifts' | 'mailOrganiser' | 'digest'>> = {};
  for (const category of ['bookings', 'reminders', 'lifts', 'organiser'] as const) {
    const value = input[category];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'boolean') throw ValidationError.field(['input', category], 'Choose on or off');
    data[PREFERENCE_COLUMN[category]] = value;
  }
  if (input.digest !== undefined && input.digest !== null) {
    if (!DIGEST_FREQUENCIES.includes(input.digest)) throw ValidationError.field(['input', 'digest'], 'Choose never, daily or weekly');
    data.digest = input.digest;
  }
  return tx.user.update({ where: { id: viewer.id }, data });
}

/** "Try again": the member says their address works now; e-mails of every category they want are sent again. */
export async function resumeMail(tx: Tx, viewer: Viewer | null): Promise<User> {
  if (!viewer) throw new AuthenticationError();
  return tx.user.update({ where: { id: viewer.id }, data: { mailBouncedAt: null } });
}

export const UNSUBSCRIBE_LINK_PROBLEM =
  'This unsubscribe link is not valid: it may have been copied incompletely, or it has expired. Sign in to choose which e-mails you get.';

export interface UnsubscribeLink {
  category: SwitchableCategory;
  /** Whose link it is, to greet them by name; nothing else about the member is told. */
  firstName: string;
  userId: string;
}

/**
 * Reads a signed unsubscribe link (from an e-mail's footer or its List-Unsubscribe header): whose it is and which
 * category. A forged, tampered, expired or foreign link — or one for an erased account — is a ValidationError on
 * `token`.
 */
export async function readUnsubscribeLink(db: DbOrTx, token: unknown): Promise<UnsubscribeLink> {
  const links = await linkSigner(db);
  const link = links.verify<{ u?: unknown; c?: unknown }>('unsubscribe', token);
  const userId = link?.data.u;
  const category = link?.data.c;
  if (!isUuid(userId) || !SWITCHABLE.includes(category as SwitchableCategory)) {
    throw ValidationError.field(['token'], UNSUBSCRIBE_LINK_PROBLEM);
  }
  const user = await db.user.findUnique({ where: { id: userId }, select: { firstName: true, deletedAt: true } });
  if (!user || user.deletedAt) throw ValidationError.field(['token'], UNSUBSCRIBE_LINK_PROBLEM);
  return { category: category as SwitchableCategory, firstName: user.firstName, userId };
}

/**
 * Switches off the link's category for its member. Needs no session (the link is the proof); doing it again changes
 * nothing more. A bad link changes nothing.
 */
export async function unsubscribe(tx: Tx, token: unknown): Promise<UnsubscribeLink> {
  const link = await readUnsubscribeLink(tx, token);
  await tx.user.update({ where: { id: link.userId }, data: switchOff(link.category) });
  return link;
}
