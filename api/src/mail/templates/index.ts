import type { MailTemplate } from '../template.ts';
import { passwordReset, signUpExisting, verifyEmail } from './account.tsx';

/** Every e-mail Rallypoint sends, by the name jobs carry. */
export const TEMPLATES = {
  'verify-email': verifyEmail,
  'sign-up-existing': signUpExisting,
  'password-reset': passwordReset,
} as const;

export type TemplateName = keyof typeof TEMPLATES;
export type MailParams<T extends TemplateName> = (typeof TEMPLATES)[T] extends MailTemplate<infer P> ? P : never;
