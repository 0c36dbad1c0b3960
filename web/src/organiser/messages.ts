import { plural } from '@rallypoint/shared';
import type { MessageAudience } from '@rallypoint/shared';

export const people = (n: number): string => plural(n, 'person', 'people');

/** "everyone going" / "everyone on the waitlist", as a sentence says it. */
export const audienceWords = (audience: MessageAudience): string => (audience === 'GOING' ? 'everyone going' : 'everyone on the waitlist');

export interface Delivery {
  sent: number;
  optedOut: number;
  bounced: number;
  unconfirmed: number;
  notApplicable: number;
  pending: number;
  failed: number;
}

/**
 * Below this many, a reason that is about the member (switched off organisers' messages, an address that refuses
 * e-mail or is not confirmed) is not shown on its own: in a small group "1 person switched off your messages" points
 * at someone. Such counts are folded into one "not delivered" with every reason it may stand for.
 */
export const SMALLEST_REASON_SHOWN = 3;

/**
 * What became of a message's e-mails, in words: "3 sent · 4 people not sent: switched off organisers' messages ·
 * 2 people not delivered (opted out, or address refused or not confirmed)".
 */
export function deliveryParts(d: Delivery): string[] {
  const parts = [`${d.sent.toLocaleString('en-GB')} sent`];
  let folded = 0;
  const reason = (n: number, words: string) => {
    if (n >= SMALLEST_REASON_SHOWN) parts.push(`${people(n)} not sent: ${words}`);
    else folded += n;
  };
  reason(d.optedOut, "switched off organisers' messages");
  reason(d.bounced, 'their address refuses e-mail');
  reason(d.unconfirmed, 'address not confirmed yet');
  if (d.notApplicable > 0) parts.push(`${people(d.notApplicable)} not sent: no longer signed up`);
  if (folded > 0 && d.failed > 0) {
    parts.push(`${people(folded + d.failed)} not delivered (opted out, address refused or not confirmed, or sending failed)`);
  } else if (folded > 0) {
    parts.push(`${people(folded)} not delivered (opted out, or address refused or not confirmed)`);
  } else if (d.failed > 0) {
    parts.push(`${people(d.failed)} not delivered`);
  }
  if (d.pending > 0) parts.push(`${d.pending.toLocaleString('en-GB')} still sending`);
  return parts;
}

/** While e-mails are going out the history is fetched again: first after this long, then less and less often… */
export const POLL_FIRST_MS = 2_000;
export const POLL_MAX_MS = 30_000;
/** …and not at all once this long has passed since the page (or the last send) started waiting. */
export const POLL_FOR_MS = 5 * 60_000;

/**
 * How long to wait before fetching the history again, `waited` ms after it started waiting and `polls` fetches in:
 * doubling from POLL_FIRST_MS up to POLL_MAX_MS, and null (stop) after POLL_FOR_MS. Nothing pending, no polling: the
 * caller only asks while something is.
 */
export function nextPoll(polls: number, waited: number): number | null {
  if (waited >= POLL_FOR_MS) return null;
  return Math.min(POLL_MAX_MS, POLL_FIRST_MS * 2 ** Math.min(polls, 10));
}

/** The audience a new message starts with: going, unless only the waitlist has anyone in it. */
export const defaultAudience = (counts: { going: number; waitlisted: number }): MessageAudience =>
  counts.going === 0 && counts.waitlisted > 0 ? 'WAITLISTED' : 'GOING';
