import { z } from 'zod';
import { isValidDate } from './dates.ts';
import { EVENT_KINDS } from './enums.ts';
import { textSchema } from './validation.ts';
import { groupThousands } from './format.ts';

export const CAMPAIGN_LIMITS = {
  nameMax: 120,
  seatsMax: 50,
  templatesMax: 20,
  goalMax: 10_000,
  briefingMax: 5000,
  durationMinutesMax: 24 * 60,
  windowDaysMax: 92,
  rejectionMax: 1000,
} as const;

const DAY_MS = 86_400_000;

const instant = (label: string) =>
  z.custom<Date>((v) => isValidDate(v), { error: `${label} must be a date and time` });

export const campaignSeatSchema = z.object({
  constituencyCode: z
    .string()
    .trim()
    .regex(/^[A-Z]\d{8}$/, 'Unknown constituency code'),
  goal: z
    .number({ error: 'The goal must be a whole number' })
    .int('The goal must be a whole number')
    .min(1, 'The goal must be at least 1 volunteer-shift')
    .max(CAMPAIGN_LIMITS.goalMax, `The goal must be at most ${groupThousands(CAMPAIGN_LIMITS.goalMax)}`),
});

export const campaignTemplateSchema = z.object({
  kind: z.enum(EVENT_KINDS),
  title: textSchema('Title', 120, { min: 3 }),
  durationMinutes: z
    .number({ error: 'The length must be a whole number of minutes' })
    .int('The length must be a whole number of minutes')
    .min(15, 'The length must be at least 15 minutes')
    .max(CAMPAIGN_LIMITS.durationMinutesMax, 'The length must be at most 24 hours'),
  briefing: textSchema('Briefing', CAMPAIGN_LIMITS.briefingMax, { multiline: true }),
});

/** The problem with a campaign's date window, or null. */
export function campaignWindowProblem(window: { startsAt: Date; endsAt: Date }): string | null {
  if (window.endsAt.getTime() <= window.startsAt.getTime()) return 'The campaign must end after it starts';
  if (window.endsAt.getTime() - window.startsAt.getTime() > CAMPAIGN_LIMITS.windowDaysMax * DAY_MS) {
    return `A campaign can last at most ${CAMPAIGN_LIMITS.windowDaysMax} days`;
  }
  return null;
}

/** The problem with holding an event at these times inside a campaign's window, or null. */
export function outsideCampaignWindow(event: { startsAt: Date; endsAt: Date }, window: { startsAt: Date; endsAt: Date }): string | null {
  if (event.startsAt.getTime() < window.startsAt.getTime() || event.endsAt.getTime() > window.endsAt.getTime()) {
    return 'The event must take place within the campaign’s dates';
  }
  return null;
}

const campaignSeatsSchema = z
  .array(campaignSeatSchema)
  .min(1, 'Choose at least one target seat')
  .max(CAMPAIGN_LIMITS.seatsMax, `At most ${CAMPAIGN_LIMITS.seatsMax} target seats`)
  .refine((seats) => new Set(seats.map((s) => s.constituencyCode)).size === seats.length, 'Each seat may be listed once');

const windowIssue = (v: { startsAt: Date; endsAt: Date }, ctx: z.RefinementCtx) => {
  const problem = campaignWindowProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['endsAt'] });
};

export const campaignSchema = z
  .object({
    name: textSchema('Name', CAMPAIGN_LIMITS.nameMax, { min: 3 }),
    regionId: z.string().trim().min(1, 'Choose a region').max(60),
    startsAt: instant('The start'),
    endsAt: instant('The end'),
    seats: campaignSeatsSchema,
    templates: z
      .array(campaignTemplateSchema)
      .max(CAMPAIGN_LIMITS.templatesMax, `At most ${CAMPAIGN_LIMITS.templatesMax} templates`)
      .default([]),
  })
  .superRefine(windowIssue);
export type CampaignInput = z.input<typeof campaignSchema>;
export type CampaignData = z.output<typeof campaignSchema>;

/**
 * A campaign's edit: everything but its region. Templates are the whole new list: with an id, changed; without,
 * added; missing ones removed (archived when events were made from them).
 */
export const campaignUpdateSchema = z
  .object({
    name: textSchema('Name', CAMPAIGN_LIMITS.nameMax, { min: 3 }),
    startsAt: instant('The start'),
    endsAt: instant('The end'),
    seats: campaignSeatsSchema,
    templates: z
      .array(campaignTemplateSchema.extend({ id: z.string().trim().max(200).nullish() }))
      .max(CAMPAIGN_LIMITS.templatesMax, `At most ${CAMPAIGN_LIMITS.templatesMax} templates`)
      .default([]),
  })
  .superRefine(windowIssue);
export type CampaignUpdateData = z.output<typeof campaignUpdateSchema>;

export const rejectionSchema = textSchema('Reason', CAMPAIGN_LIMITS.rejectionMax, { min: 3, multiline: true });
