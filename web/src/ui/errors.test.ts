import { signUpSchema, toFieldErrors } from '@rallypoint/shared';
import { describe, expect, it } from 'vitest';
import { fieldErrorMap } from './errors.ts';
import { outcome } from './result.ts';

describe('fieldErrorMap', () => {
  const fields = ['email', 'password', 'title'];

  it('keys server errors by field, with or without the argument prefix', () => {
    const map = fieldErrorMap(
      [
        { path: ['input', 'email'], message: 'Email is taken' },
        { path: ['title'], message: 'Too short' },
      ],
      fields,
    );
    expect(map).toEqual({ email: 'Email is taken', title: 'Too short' });
  });

  it('keeps the first message per field and collects unmatched errors under _form', () => {
    const map = fieldErrorMap(
      [
        { path: ['password'], message: 'first' },
        { path: ['password'], message: 'second' },
        { path: [], message: 'Try later.' },
        { path: ['somethingElse'], message: 'Odd.' },
      ],
      fields,
    );
    expect(map).toEqual({ password: 'first', _form: 'Try later. Odd.' });
  });

  it('maps the shared zod schema errors onto the same field names as the form', () => {
    const parsed = signUpSchema.safeParse({ email: 'nope', password: 'short', firstName: '', lastName: 'X' });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const map = fieldErrorMap(toFieldErrors(parsed.error), ['email', 'password', 'firstName', 'lastName']);
    expect(Object.keys(map).sort()).toEqual(['email', 'firstName', 'password']);
  });
});

describe('outcome', () => {
  it('unwraps a Success member', () => {
    expect(outcome({ __typename: 'MutationRsvpSuccess', data: 42 })).toEqual({ ok: true, data: 42 });
  });

  it('reads a ValidationError with its field errors', () => {
    const member = { __typename: 'ValidationError', message: 'Invalid input', fieldErrors: [{ path: ['guests'], message: 'Too many' }] };
    const out = outcome(member);
    expect(out).toEqual({ ok: false, message: 'Invalid input', fieldErrors: [{ path: ['guests'], message: 'Too many' }], error: member });
  });

  it('takes a success member without `data` (a connection) as the data itself', () => {
    const connection = { __typename: 'EventsNearConnection', edges: [], pageInfo: { hasNextPage: false } };
    expect(outcome(connection)).toEqual({ ok: true, data: connection });
  });

  it('reads other errors and missing results', () => {
    expect(outcome({ __typename: 'ForbiddenError', message: 'Not yours' })).toMatchObject({ ok: false, message: 'Not yours' });
    expect(outcome(undefined)).toMatchObject({ ok: false, fieldErrors: [], error: null });
  });

  it('hands over the error member answered, typed, for the fields an error has of its own', () => {
    type Answer =
      | { __typename: 'MutationRequestLiftSuccess'; data: { id: string } }
      | { __typename: 'EventFullError'; message: string; canJoinWaitlist: boolean }
      | { __typename: 'ForbiddenError'; message: string };
    const answer = { __typename: 'EventFullError', message: 'This event is full', canJoinWaitlist: true } as Answer;
    const out = outcome(answer);
    expect(out.ok).toBe(false);
    const canJoin = !out.ok && out.error?.__typename === 'EventFullError' && out.error.canJoinWaitlist;
    expect(canJoin).toBe(true);
    // Typed: the error members only (the typecheck holds this).
    // @ts-expect-error a success member is never the error
    expect(!out.ok && out.error?.__typename === 'MutationRequestLiftSuccess').toBe(false);
    expect(out).toMatchObject({ ok: false, message: 'This event is full', fieldErrors: [] });
  });
});
