import { describe, expect, it } from 'vitest';
import { endAfter, formatWindow, windowFromDays } from './campaigns.ts';

describe('campaign dates', () => {
  it('takes a window from two UK days, both included (BST and GMT)', () => {
    expect(windowFromDays('2027-03-14', '2027-03-15')).toEqual({
      startsAt: new Date('2027-03-14T00:00:00Z'),
      endsAt: new Date('2027-03-16T00:00:00Z'),
    });
    expect(windowFromDays('2027-06-05', '2027-06-05')).toEqual({
      startsAt: new Date('2027-06-04T23:00:00Z'),
      endsAt: new Date('2027-06-05T23:00:00Z'),
    });
    expect(windowFromDays('', '2027-06-05').startsAt).toBeNull();
  });

  it('formats the window by its days', () => {
    expect(formatWindow('2027-03-14T00:00:00Z', '2027-03-16T00:00:00Z')).toBe('14 March 2027 – 15 March 2027');
    expect(formatWindow('2027-03-14T00:00:00Z', '2027-03-15T00:00:00Z')).toBe('14 March 2027');
  });

  it('ends an event after the template length', () => {
    expect(endAfter('2027-03-14T10:00', 180)).toBe('2027-03-14T13:00');
    expect(endAfter('', 180)).toBe('');
  });
});
