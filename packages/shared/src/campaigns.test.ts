import { describe, expect, test } from 'vitest';
import { campaignSchema, campaignWindowProblem, outsideCampaignWindow } from './campaigns.ts';

const d = (s: string) => new Date(s);
const base = {
  name: 'Yorkshire weekend of action',
  regionId: 'yorkshire-and-the-humber',
  startsAt: d('2027-03-14T00:00:00Z'),
  endsAt: d('2027-03-16T00:00:00Z'),
  seats: [{ constituencyCode: 'E14001234', goal: 20 }],
};

describe('campaign window', () => {
  test('must end after it starts', () => {
    expect(campaignWindowProblem({ startsAt: d('2027-03-15T00:00Z'), endsAt: d('2027-03-14T00:00Z') })).toMatch(/end after/);
    expect(campaignWindowProblem({ startsAt: d('2027-03-15T00:00Z'), endsAt: d('2027-03-15T00:00Z') })).toMatch(/end after/);
    expect(campaignWindowProblem({ startsAt: d('2027-03-14T00:00Z'), endsAt: d('2027-03-16T00:00Z') })).toBeNull();
  });

  test('events fit inside it, edges included', () => {
    const w = { startsAt: base.startsAt, endsAt: base.endsAt };
    expect(outsideCampaignWindow({ startsAt: d('2027-03-14T00:00Z'), endsAt: d('2027-03-16T00:00Z') }, w)).toBeNull();
    expect(outsideCampaignWindow({ startsAt: d('2027-03-13T23:00Z'), endsAt: d('2027-03-14T01:00Z') }, w)).toMatch(/within/);
    expect(outsideCampaignWindow({ startsAt: d('2027-03-15T23:00Z'), endsAt: d('2027-03-16T01:00Z') }, w)).toMatch(/within/);
  });
});

describe('campaignSchema', () => {
  test('accepts a campaign', () => {
    expect(campaignSchema.safeParse(base).success).toBe(true);
  });

  test('refuses a goal below 1, repeated seats and a backwards window, naming the field', () => {
    const paths = (v: unknown) => {
      const r = campaignSchema.safeParse(v);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(paths({ ...base, seats: [{ constituencyCode: 'E14001234', goal: 0 }] })).toEqual(['seats.0.goal']);
    expect(paths({ ...base, seats: [base.seats[0], base.seats[0]] })).toEqual(['seats']);
    expect(paths({ ...base, endsAt: d('2027-03-13T00:00Z') })).toEqual(['endsAt']);
    expect(paths({ ...base, seats: [] })).toEqual(['seats']);
  });
});
