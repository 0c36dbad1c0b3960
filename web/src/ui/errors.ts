import type { FieldError } from '@rallypoint/shared';
import type { CombinedError } from 'urql';

export type FieldErrorMap = Record<string, string>;

/**
 * Turns field errors (from zod's `toFieldErrors` or the API's `ValidationError.fieldErrors`) into one message per
 * form field. The API may prefix paths with the argument name (`["input", "title"]`), so the first path segment that
 * names a known field wins; errors that match no field are collected under `_form`.
 */
export function fieldErrorMap(errors: readonly FieldError[], fields: readonly string[]): FieldErrorMap {
  const map: FieldErrorMap = {};
  for (const error of errors) {
    const field = error.path.find((segment) => fields.includes(segment)) ?? '_form';
    if (field === '_form') {
      map._form = map._form ? `${map._form} ${error.message}` : error.message;
    } else if (!map[field]) {
      map[field] = error.message;
    }
  }
  return map;
}

export function transportMessage(error: CombinedError | undefined): string {
  if (!error) return 'Something went wrong. Please try again.';
  if (error.networkError) return 'Could not reach Rallypoint. Check your connection and try again.';
  return error.graphQLErrors[0]?.message ?? 'Something went wrong. Please try again.';
}
