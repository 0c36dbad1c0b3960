import type { MessageAudience } from '@rallypoint/shared';

export const people = (n: number): string => `${n.toLocaleString('en-GB')} ${n === 1 ? 'person' : 'people'}`;

/** "everyone going" / "everyone on the waitlist", as a sentence says it. */
export const audienceWords = (audience: MessageAudience): string => (audience === 'GOING' ? 'everyone going' : 'everyone on the waitlist');

export interface Delivery {
  sent: number;
  optedOut: number;
  bounced: number;
  notApplicable: number;
  pending: number;
}

/** What became of a message's e-mails, in words: "3 sent · 1 not sent: they switched off organisers' messages". */
export function deliveryParts(d: Delivery): string[] {
  const parts = [`${d.sent.toLocaleString('en-GB')} sent`];
  if (d.optedOut > 0) parts.push(`${people(d.optedOut)} not sent: switched off organisers' messages`);
  if (d.bounced > 0) parts.push(`${people(d.bounced)} not sent: their address refuses e-mail`);
  if (d.notApplicable > 0) parts.push(`${people(d.notApplicable)} not sent: no longer signed up`);
  if (d.pending > 0) parts.push(`${d.pending.toLocaleString('en-GB')} still sending`);
  return parts;
}

/** The audience a new message starts with: going, unless only the waitlist has anyone in it. */
export const defaultAudience = (counts: { going: number; waitlisted: number }): MessageAudience =>
  counts.going === 0 && counts.waitlisted > 0 ? 'WAITLISTED' : 'GOING';
