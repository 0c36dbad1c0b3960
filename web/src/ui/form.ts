import { type FieldError, toFieldErrors } from '@rallypoint/shared';
import { type FormEvent, useReducer } from 'react';
import { type FieldErrorMap, fieldErrorMap } from './errors.ts';
import type { Outcome } from './result.ts';

type ZodError = Parameters<typeof toFieldErrors>[0];

/** What zod's `safeParse` gives. */
export type SafeParse<T> = { success: true; data: T } | { success: false; error: ZodError };

/** A form's check: zod's `safeParse` result, or field errors of its own (rules the schema cannot know). */
export type Checked<T> = SafeParse<T> | { success: false; fieldErrors: readonly FieldError[] };

/** What `onSuccess` may still do to the form (it stays on the page after a success, say). */
export interface FormActions<V> {
  set(patch: Partial<V>, clear?: readonly string[]): void;
}

export interface FormOptions<V, T, R> {
  initial: V | (() => V);
  /** Field → the id of its input, in display order: errors land on these, and the summary links to them. */
  fields: Readonly<Record<string, string>>;
  /** The shared zod schema's check of the values (`schema.safeParse(...)`). */
  validate: (values: V) => Checked<T>;
  /** Sends the checked data (a `useResultMutation` sender, say); nothing back counts as done. */
  submit: (data: T) => Promise<Outcome<R>> | undefined;
  onSuccess?: (data: R, form: FormActions<V>) => void;
}

export interface FormState<V> {
  values: V;
  errors: FieldErrorMap;
  /** Failed submits so far: the error summary takes focus when it changes. */
  attempt: number;
  submitting: boolean;
}

export type FormAction<V> =
  | { type: 'set'; patch: Partial<V>; clear: readonly string[] }
  | { type: 'sending' }
  | { type: 'failed'; errors: FieldErrorMap }
  | { type: 'sent' };

export function formReducer<V>(state: FormState<V>, action: FormAction<V>): FormState<V> {
  switch (action.type) {
    case 'set': {
      const errors = { ...state.errors };
      for (const field of action.clear) delete errors[field];
      return { ...state, values: { ...state.values, ...action.patch }, errors };
    }
    case 'sending':
      return { ...state, submitting: true };
    case 'failed':
      return { ...state, submitting: false, errors: action.errors, attempt: state.attempt + 1 };
    case 'sent':
      return { ...state, submitting: false, errors: {} };
  }
}

/** One value checked by its own schema (a postcode box, say): its errors land on `field`. */
export function onField<T>(field: string, result: SafeParse<T>): Checked<T> {
  if (result.success) return result;
  return { success: false, fieldErrors: toFieldErrors(result.error).map((e) => ({ ...e, path: [field, ...e.path] })) };
}

/** A failure's errors by field: field errors land on their fields, everything else goes to the summary (`_form`). */
export function failureErrors(
  failure: Exclude<Checked<unknown>, { success: true }> | Extract<Outcome<unknown>, { ok: false }>,
  fields: readonly string[],
): FieldErrorMap {
  // A zod check's failure carries its `error`; a sent one's field errors come from the server.
  const errors = 'success' in failure && 'error' in failure ? toFieldErrors(failure.error) : failure.fieldErrors;
  const map = fieldErrorMap(errors, fields);
  return Object.keys(map).length > 0 || !('message' in failure) ? map : { _form: failure.message };
}

/** Changes values; clears the errors of the fields changed (or of `clear`). */
const setter =
  <V>(dispatch: (action: FormAction<V>) => void) =>
  (patch: Partial<V>, clear: readonly string[] = Object.keys(patch)) =>
    dispatch({ type: 'set', patch, clear });

/** Checks the values, sends them, and reports each step to `dispatch`; `onSuccess` runs once the form is clear. */
export async function submitForm<V, T, R>(
  values: V,
  options: FormOptions<V, T, R>,
  dispatch: (action: FormAction<V>) => void,
): Promise<void> {
  const fields = Object.keys(options.fields);
  const checked = options.validate(values);
  if (!checked.success) return dispatch({ type: 'failed', errors: failureErrors(checked, fields) });
  dispatch({ type: 'sending' });
  const out = await options.submit(checked.data);
  if (out && !out.ok) return dispatch({ type: 'failed', errors: failureErrors(out, fields) });
  dispatch({ type: 'sent' });
  options.onSuccess?.(out?.data as R, { set: setter(dispatch) });
}

/** What `bind` gives a text field. */
export interface BoundField {
  id: string;
  value: string;
  error: string | undefined;
  onChange: (e: { target: { value: string } }) => void;
}

type KeysOf<V, Type> = { [K in keyof V]: V[K] extends Type ? K : never }[keyof V] & string;

/**
 * One form's state: values, errors by field (the shared zod check first, then the server's `ValidationError`
 * mapped onto the same fields, anything else in the summary), failed attempts, and whether it is sending.
 */
export function useForm<V extends object, T, R = unknown>(options: FormOptions<V, T, R>) {
  const [state, dispatch] = useReducer(formReducer<V>, options.initial, (initial): FormState<V> => ({
    values: typeof initial === 'function' ? (initial as () => V)() : initial,
    errors: {},
    attempt: 0,
    submitting: false,
  }));
  const set = setter(dispatch);
  const idOf = (field: string) => options.fields[field] ?? field;
  return {
    ...state,
    set,
    onSubmit: (e: FormEvent) => {
      e.preventDefault();
      if (!state.submitting) void submitForm(state.values, options, dispatch);
    },
    /** Props for a text input, select or text area (ui/fields) of a string field. */
    bind: <K extends KeysOf<V, string>>(field: K) => ({
      id: idOf(field),
      value: state.values[field],
      error: state.errors[field],
      onChange: (e: { target: { value: string } }) => set({ [field]: e.target.value } as Partial<V>),
    }),
    /** Props for a checkbox of a boolean field. */
    tick: <K extends KeysOf<V, boolean>>(field: K) => ({
      id: idOf(field),
      checked: state.values[field] as boolean,
      onChange: (checked: boolean) => set({ [field]: checked } as Partial<V>),
    }),
    /** Props for the form's `ErrorSummary`. */
    summary: { errors: state.errors, fieldIds: options.fields, attempt: state.attempt },
  };
}
