import type { FieldError } from '@rallypoint/shared';
import { useCallback } from 'react';
import { type AnyVariables, type CombinedError, type TypedDocumentNode, useMutation } from 'urql';
import { graphql } from '../generated/gql.ts';
import { transportMessage } from './errors.ts';

/** The error members of every `<Op>Result` union: spread `...ErrorFields` beside `... on <Op>Success { data }`. */
graphql(`
  fragment ErrorFields on Error {
    message
    ... on ValidationError {
      fieldErrors {
        path
        message
      }
    }
  }
`);

/**
 * A mutation's answer in one shape. A failure carries the error member answered, typed (`EventFullError` with its
 * `canJoinWaitlist`, say), or null when the request itself failed.
 */
export type Outcome<T, E = unknown> =
  | { ok: true; data: T }
  | { ok: false; message: string; fieldErrors: FieldError[]; error: E | null };

/** The union's success member: the one that is not an error (every error has a `message`). */
type SuccessMember<U> = Exclude<NonNullable<U>, { message: string }>;

/** The union's error members, as the document selects them. */
export type ErrorMember<U> = Extract<NonNullable<U>, { message: string }>;

/** What the success member carries: its `data` (`<Op>Success { data }`), or itself (a connection, say). */
export type SuccessData<U> = SuccessMember<U> extends { data: infer D } ? D : SuccessMember<U>;

type Member = { __typename: string; data?: unknown; message?: unknown; fieldErrors?: FieldError[] };

/** Reads a `success | ValidationError | …Error` union (or, without one, the transport error) into one shape. */
export function outcome<U extends { __typename: string }>(
  result: U | null | undefined,
  error?: CombinedError | undefined,
): Outcome<SuccessData<U>, ErrorMember<U>> {
  const member = result as Member | null | undefined;
  if (!member) return { ok: false, message: transportMessage(error), fieldErrors: [], error: null };
  if (typeof member.message === 'string') {
    return { ok: false, message: member.message, fieldErrors: member.fieldErrors ?? [], error: member as ErrorMember<U> };
  }
  return { ok: true, data: ('data' in member ? member.data : member) as SuccessData<U> };
}

/** The mutation's one root field (documents also select the root `__typename`). */
type Payload<D> = D[Exclude<keyof D, '__typename'>];

/** The first root field of a result (besides `__typename`). */
function payloadOf<D extends object>(data: D | undefined): Payload<D> | undefined {
  if (!data) return undefined;
  const key = Object.keys(data).find((k) => k !== '__typename') as Exclude<keyof D, '__typename'> | undefined;
  return key === undefined ? undefined : data[key];
}

/**
 * A mutation whose one field answers a success-or-errors union: `send(variables)` resolves to its `Outcome`
 * (never throws), a failure with the typed error member; `fetching` is true while one is on its way.
 */
export function useResultMutation<D extends object, V extends AnyVariables>(document: TypedDocumentNode<D, V>) {
  const [{ fetching }, execute] = useMutation<D, V>(document);
  const send = useCallback(
    async (variables: V): Promise<Outcome<SuccessData<Payload<D>>, ErrorMember<Payload<D>>>> => {
      const result = await execute(variables);
      return outcome(payloadOf(result.data) as (Payload<D> & { __typename: string }) | undefined, result.error);
    },
    [execute],
  );
  return [send, fetching] as const;
}
