import { LIFT_LEGS } from '@rallypoint/shared';
import { builder } from '../graphql/builder.ts';

export const LiftLegEnum = builder.enumType('LiftLeg', {
  values: LIFT_LEGS,
  description: 'The way there (OUTBOUND), or the lift back after the event ends (RETURN): matched and booked separately.',
});

/** A `leg` argument: the way there unless asked, so clients that know nothing of lifts back keep working. */
export const legArg = { type: LiftLegEnum, defaultValue: 'OUTBOUND', description: 'The way there (default) or the lift back.' } as const;
