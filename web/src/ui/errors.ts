import type { CombinedError } from 'urql';
import type { ErrorResult, FieldError, Result } from '../types.ts';

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

export type Outcome<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors: FieldError[] };

/** Reads a `<Op>Success | ValidationError | …Error` union, or a transport error, into one shape. */
export function outcome<T>(result: Result<T> | null | undefined, error?: CombinedError | undefined): Outcome<T> {
  if (result && 'data' in result && result.__typename.endsWith('Success')) return { ok: true, data: result.data };
  if (result && 'message' in result) {
    const err = result as ErrorResult;
    return { ok: false, message: err.message, fieldErrors: err.__typename === 'ValidationError' ? err.fieldErrors : [] };
  }
  return { ok: false, message: transportMessage(error), fieldErrors: [] };
}

export function transportMessage(error: CombinedError | undefined): string {
  if (!error) return 'Something went wrong. Please try again.';
  if (error.networkError) return 'Could not reach Rallypoint. Check your connection and try again.';
  return error.graphQLErrors[0]?.message ?? 'Something went wrong. Please try again.';
}
