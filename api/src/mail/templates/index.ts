import type { AddressMailTemplate, MailTemplate } from '../template.ts';
import { passwordReset, signUpExisting, verifyEmail } from './account.tsx';
import { eventCancelled, eventChanged, eventReminder, rsvpConfirmed, rsvpPromoted } from './bookings.tsx';
import { liftAccepted, liftEnded, liftProposed, liftReadyChanged, liftRetimed, liftsClosed } from './lifts.tsx';
import { liftStretch } from './lift-stretch.tsx';
import { newEventsDigest } from './digest.tsx';
import { organiserMessage } from './organiser.tsx';
import { coHostInvite, eventApproved, eventRejected } from './campaigns.tsx';

/** Every e-mail Rallypoint sends, by the name jobs carry. */
export const TEMPLATES = {
  'verify-email': verifyEmail,
  'sign-up-existing': signUpExisting,
  'password-reset': passwordReset,
  'rsvp-confirmed': rsvpConfirmed,
  'rsvp-promoted': rsvpPromoted,
  'event-reminder': eventReminder,
  'event-changed': eventChanged,
  'event-cancelled': eventCancelled,
  'lift-proposed': liftProposed,
  'lift-accepted': liftAccepted,
  'lift-retimed': liftRetimed,
  'lift-ready-changed': liftReadyChanged,
  'lift-ended': liftEnded,
  'lifts-closed': liftsClosed,
  'lift-stretch': liftStretch,
  'organiser-message': organiserMessage,
  digest: newEventsDigest,
  'event-approved': eventApproved,
  'event-rejected': eventRejected,
  'co-host-invite': coHostInvite,
} as const;

export type TemplateName = keyof typeof TEMPLATES;
export type MailParams<T extends TemplateName> = (typeof TEMPLATES)[T] extends MailTemplate<infer P> | AddressMailTemplate<infer P> ? P : never;
