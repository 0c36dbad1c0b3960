import { describe, expect, it } from 'vitest';
import { audienceWords, defaultAudience, deliveryParts, people } from './messages.ts';

describe('organiser messages', () => {
  it('counts people', () => {
    expect(people(1)).toBe('1 person');
    expect(people(0)).toBe('0 people');
    expect(people(1200)).toBe('1,200 people');
  });

  it('says what became of the e-mails, leaving out what did not happen', () => {
    expect(deliveryParts({ sent: 3, optedOut: 0, bounced: 0, notApplicable: 0, pending: 0 })).toEqual(['3 sent']);
    expect(deliveryParts({ sent: 1, optedOut: 1, bounced: 2, notApplicable: 1, pending: 4 })).toEqual([
      '1 sent',
      "1 person not sent: switched off organisers' messages",
      '2 people not sent: their address refuses e-mail',
      '1 person not sent: no longer signed up',
      '4 still sending',
    ]);
  });

  it('starts with the waitlist only when nobody is going but someone is waiting', () => {
    expect(defaultAudience({ going: 0, waitlisted: 2 })).toBe('WAITLISTED');
    expect(defaultAudience({ going: 1, waitlisted: 2 })).toBe('GOING');
    expect(defaultAudience({ going: 0, waitlisted: 0 })).toBe('GOING');
    expect(audienceWords('WAITLISTED')).toBe('everyone on the waitlist');
  });
});
