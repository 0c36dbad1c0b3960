import { z } from 'zod';
import { MESSAGE_AUDIENCES } from './enums.ts';
import { textSchema } from './validation.ts';

/** An organiser's message to an event's attendees or waitlist: plain text, sent by e-mail one recipient at a time. */
export const MESSAGE_LIMITS = {
  subjectMax: 150,
  bodyMax: 5000,
  /** Messages per event in any hour, and in any 24 hours (whoever of its organisers sends them). */
  perHour: 3,
  perDay: 10,
} as const;

export const MESSAGE_AUDIENCE_LABELS = {
  GOING: 'Everyone going',
  WAITLISTED: 'Everyone on the waitlist',
} as const satisfies Record<(typeof MESSAGE_AUDIENCES)[number], string>;

export const organiserMessageSchema = z.object({
  audience: z.enum(MESSAGE_AUDIENCES, { error: 'Choose who the message is for' }),
  subject: textSchema('Subject', MESSAGE_LIMITS.subjectMax, { min: 1 }),
  body: textSchema('Message', MESSAGE_LIMITS.bodyMax, { min: 1, multiline: true }),
});

export type OrganiserMessageData = z.infer<typeof organiserMessageSchema>;
