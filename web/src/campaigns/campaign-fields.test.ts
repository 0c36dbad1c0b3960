import { campaignUpdateSchema } from '@rallypoint/shared';
import { describe, expect, it } from 'vitest';
import { type CampaignValues, campaignData, namingTemplates, newTemplate } from './CampaignFields.tsx';

const values = (overrides: Partial<CampaignValues> = {}): CampaignValues => ({
  name: 'Yorkshire weekend of action',
  regionId: 'yorkshire-and-the-humber',
  startsAt: '2027-03-14',
  endsAt: '2027-03-15',
  goals: { E14001234: '20' },
  templates: [{ ...newTemplate(), id: 'Q2FtcGFpZ25UZW1wbGF0ZTox', briefing: 'Meet at the hall.' }, { ...newTemplate(), title: 'Calls', briefing: 'Scripts.' }],
  ...overrides,
});

describe('the campaign form', () => {
  it('sends the window as whole UK days, goals as numbers, and keeps the id of a template the campaign has', () => {
    const data = campaignData(values());
    expect(data.startsAt).toEqual(new Date('2027-03-14T00:00:00Z'));
    expect(data.endsAt).toEqual(new Date('2027-03-16T00:00:00Z'));
    expect(data.seats).toEqual([{ constituencyCode: 'E14001234', goal: 20 }]);
    expect(data.templates.map((t) => ('id' in t ? t.id : null))).toEqual(['Q2FtcGFpZ25UZW1wbGF0ZTox', null]);
    expect(campaignUpdateSchema.safeParse(data).success).toBe(true);
  });

  it('says which template is wrong, and which goal', () => {
    const checked = namingTemplates(
      campaignUpdateSchema.safeParse(campaignData(values({ goals: { E14001234: '0' }, templates: [values().templates[0]!, { ...newTemplate(), title: 'x', briefing: 'b' }] }))),
    );
    expect(checked.success).toBe(false);
    const errors = 'fieldErrors' in checked ? checked.fieldErrors : [];
    expect(errors.map((e) => [e.path.join('.'), e.message])).toEqual([
      ['seats.0.goal', expect.stringMatching(/at least 1/)],
      ['templates.1.title', expect.stringMatching(/^Template 2: /)],
    ]);
  });
});
