import { type FieldError, placeQuerySchema, signInSchema } from '@rallypoint/shared';
import { describe, expect, it, vi } from 'vitest';
import { type FormAction, type FormOptions, type FormState, formReducer, onField, submitForm } from './form.ts';
import type { Outcome } from './result.ts';

type Values = { email: string; password: string };
const FIELDS = { email: 'email', password: 'password' };
const good: Values = { email: 'Ann@Example.org ', password: 'secret' };

/** Runs one submit against the reducer, as the hook does, and records every state it went through. */
async function run<R>(values: Values, options: Partial<FormOptions<Values, { email: string; password: string }, R>>, from?: FormState<Values>) {
  let state: FormState<Values> = from ?? { values, errors: {}, attempt: 0, submitting: false };
  const states: FormState<Values>[] = [];
  const dispatch = (action: FormAction<Values>) => {
    state = formReducer(state, action);
    states.push(state);
  };
  await submitForm(
    values,
    { initial: values, fields: FIELDS, validate: (v) => signInSchema.safeParse(v), submit: () => undefined, ...options },
    dispatch,
  );
  return { state, states };
}

const failed = (message: string, fieldErrors: FieldError[] = []): Promise<Outcome<never>> =>
  Promise.resolve({ ok: false, message, fieldErrors, error: null });

describe('useForm: the state of one form', () => {
  it('the shared zod check fails: errors on their fields, one more attempt, nothing sent', async () => {
    const submit = vi.fn();
    const { state } = await run({ email: 'not an address', password: '' }, { submit });
    expect(submit).not.toHaveBeenCalled();
    expect(Object.keys(state.errors).sort()).toEqual(['email', 'password']);
    expect(state.errors.email).toBe('Enter a valid email address');
    expect(state).toMatchObject({ attempt: 1, submitting: false });
  });

  it('sends the checked data (the schema’s output), submitting while it is on its way, then clears and calls onSuccess', async () => {
    const submit = vi.fn(() => Promise.resolve({ ok: true as const, data: { displayName: 'Ann E.' } }));
    const onSuccess = vi.fn();
    const from: FormState<Values> = { values: good, errors: { _form: 'old' }, attempt: 2, submitting: false };
    const { state, states } = await run(good, { submit, onSuccess }, from);
    expect(submit).toHaveBeenCalledWith({ email: 'ann@example.org', password: 'secret' });
    expect(states.map((s) => s.submitting)).toEqual([true, false]);
    expect(state).toMatchObject({ errors: {}, attempt: 2, submitting: false });
    expect(onSuccess).toHaveBeenCalledWith({ displayName: 'Ann E.' }, expect.objectContaining({ set: expect.any(Function) }));
  });

  it('server ValidationError field errors land on their fields (with or without the argument prefix)', async () => {
    const submit = () =>
      failed('Check the form', [
        { path: ['input', 'email'], message: 'That address has an account' },
        { path: ['password'], message: 'That password is not right' },
      ]);
    const { state } = await run(good, { submit });
    expect(state.errors).toEqual({ email: 'That address has an account', password: 'That password is not right' });
    expect(state).toMatchObject({ attempt: 1, submitting: false });
  });

  it('any other error goes to the summary: its message, or field errors no field shows', async () => {
    expect((await run(good, { submit: () => failed('Too many tries. Wait a minute.') })).state.errors).toEqual({
      _form: 'Too many tries. Wait a minute.',
    });
    const elsewhere = await run(good, { submit: () => failed('Check the form', [{ path: ['token'], message: 'Expired' }]) });
    expect(elsewhere.state.errors).toEqual({ _form: 'Expired' });
  });

  it('every failed submit is a new attempt (the summary takes focus again)', async () => {
    const first = await run({ ...good, password: '' }, {});
    const second = await run({ ...good, password: '' }, {}, first.state);
    expect(second.state.attempt).toBe(2);
  });

  it('onSuccess can still change the form', async () => {
    const { state } = await run(good, { onSuccess: (_data, form) => form.set({ password: '' }) });
    expect(state.values).toEqual({ ...good, password: '' });
  });

  it('a change clears the errors of the fields it changes (or the ones named), and no others', () => {
    const state: FormState<Values & { lat: string }> = {
      values: { ...good, lat: '' },
      errors: { email: 'Bad', password: 'Short', location: 'Off the map' },
      attempt: 1,
      submitting: false,
    };
    const typed = formReducer(state, { type: 'set', patch: { email: 'a@b.org' }, clear: ['email'] });
    expect(typed.values.email).toBe('a@b.org');
    expect(typed.errors).toEqual({ password: 'Short', location: 'Off the map' });
    const pinned = formReducer(typed, { type: 'set', patch: { lat: '53.8' }, clear: ['location'] });
    expect(pinned.errors).toEqual({ password: 'Short' });
    expect(pinned.attempt).toBe(1);
  });

  it('checks of its own (field errors, not zod) are reported like the schema’s', async () => {
    const { state } = await run(good, {
      validate: () => ({ success: false, fieldErrors: [{ path: ['password'], message: 'Not today' }] }),
    });
    expect(state.errors).toEqual({ password: 'Not today' });
  });
});

describe('onField', () => {
  it('puts the errors of a one-value schema on the named field', () => {
    expect(onField('postcode', placeQuerySchema.safeParse('nowhere'))).toEqual({
      success: false,
      fieldErrors: [{ path: ['postcode'], message: 'Enter a valid UK postcode or outcode, like "LS6 1AN" or "LS6"' }],
    });
    expect(onField('postcode', placeQuerySchema.safeParse('ls61an'))).toEqual({ success: true, data: 'LS6 1AN' });
  });
});
