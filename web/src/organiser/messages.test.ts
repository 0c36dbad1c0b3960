import { describe, expect, it } from 'vitest';
import { audienceWords, defaultAudience, deliveryParts, nextPoll, POLL_FIRST_MS, POLL_FOR_MS, POLL_MAX_MS, people } from './messages.ts';

describe('organiser messages', () => {
  it('counts people', () => {
    expect(people(1)).toBe('1 person');
    expect(people(0)).toBe('0 people');
    expect(people(1200)).toBe('1,200 people');
  });

  const none = { sent: 0, optedOut: 0, bounced: 0, unconfirmed: 0, notApplicable: 0, pending: 0, failed: 0 };

  it('says what became of the e-mails, leaving out what did not happen', () => {
    expect(deliveryParts({ ...none, sent: 3 })).toEqual(['3 sent']);
    expect(deliveryParts({ sent: 10, optedOut: 3, bounced: 4, unconfirmed: 5, notApplicable: 1, pending: 4, failed: 0 })).toEqual([
      '10 sent',
      "3 people not sent: switched off organisers' messages",
      '4 people not sent: their address refuses e-mail',
      '5 people not sent: address not confirmed yet',
      '1 person not sent: no longer signed up',
      '4 still sending',
    ]);
  });

  it('never gives the reason of just one or two people: those are folded into "not delivered"', () => {
    expect(deliveryParts({ ...none, sent: 5, optedOut: 1 })).toEqual(['5 sent', '1 person not delivered (opted out, or address refused or not confirmed)']);
    expect(deliveryParts({ ...none, sent: 5, bounced: 2 })).toEqual(['5 sent', '2 people not delivered (opted out, or address refused or not confirmed)']);
    expect(deliveryParts({ ...none, sent: 5, optedOut: 1, bounced: 1, unconfirmed: 2 })).toEqual([
      '5 sent',
      '4 people not delivered (opted out, or address refused or not confirmed)',
    ]);
    // A large count stands on its own; a small one beside it is still folded.
    expect(deliveryParts({ ...none, sent: 5, optedOut: 7, bounced: 1 })).toEqual([
      '5 sent',
      "7 people not sent: switched off organisers' messages",
      '1 person not delivered (opted out, or address refused or not confirmed)',
    ]);
    const words = deliveryParts({ ...none, sent: 5, optedOut: 2, bounced: 1, unconfirmed: 1 }).join(' · ');
    expect(words).not.toMatch(/switched off|refuses e-mail|not confirmed yet/);
  });

  it('e-mails that never went (past the hour) are "not delivered", with any folded reasons', () => {
    expect(deliveryParts({ ...none, sent: 5, failed: 3 })).toEqual(['5 sent', '3 people not delivered']);
    expect(deliveryParts({ ...none, sent: 5, failed: 3, optedOut: 1 })).toEqual([
      '5 sent',
      '4 people not delivered (opted out, address refused or not confirmed, or sending failed)',
    ]);
  });

  it('fetches the history again less and less often while e-mails are going out, and stops after a few minutes', () => {
    const delays = Array.from({ length: 8 }, (_, i) => nextPoll(i, 0));
    expect(delays).toEqual([POLL_FIRST_MS, 4_000, 8_000, 16_000, POLL_MAX_MS, POLL_MAX_MS, POLL_MAX_MS, POLL_MAX_MS]);
    expect(nextPoll(3, POLL_FOR_MS - 1)).toBe(16_000);
    expect(nextPoll(3, POLL_FOR_MS)).toBeNull();
    expect(nextPoll(0, POLL_FOR_MS + 1)).toBeNull();
    // Fetches in all, waiting as long as allowed: a handful, never one every 2 s.
    let waited = 0;
    let polls = 0;
    for (let d = nextPoll(polls, waited); d !== null; d = nextPoll(polls, waited)) {
      waited += d;
      polls += 1;
    }
    expect(polls).toBeLessThan(20);
  });

  it('starts with the waitlist only when nobody is going but someone is waiting', () => {
    expect(defaultAudience({ going: 0, waitlisted: 2 })).toBe('WAITLISTED');
    expect(defaultAudience({ going: 1, waitlisted: 2 })).toBe('GOING');
    expect(defaultAudience({ going: 0, waitlisted: 0 })).toBe('GOING');
    expect(audienceWords('WAITLISTED')).toBe('everyone on the waitlist');
  });
});
