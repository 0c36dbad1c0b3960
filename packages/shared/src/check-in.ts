import { z } from 'zod';
import { LIMITS } from './limits.ts';
import { emailSchema, textSchema } from './validation.ts';

/** A walk-in added at the door: a name, and an e-mail address if they give one. */
export const walkInSchema = z.object({
  name: textSchema('Name', LIMITS.nameMax * 2, { min: 1 }),
  email: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), emailSchema.nullish()),
});
export type WalkInInput = z.input<typeof walkInSchema>;

/** The id a device gives each check-in tap, so a retried tap is recognised (a UUID). */
export const tapIdSchema = z.uuid('A tap id must be a UUID');

/** A name or a search as compared: no accents, lower case, single spaces. */
export function normaliseName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether `name` matches a check-in search: every word typed starts a word of the name. */
export function matchesNameSearch(name: string, query: string): boolean {
  const words = normaliseName(name).split(' ');
  return normaliseName(query)
    .split(' ')
    .filter(Boolean)
    .every((q) => words.some((w) => w.startsWith(q)));
}
