import type { FieldError } from '@rallypoint/shared';
import type { ZodError } from 'zod';
import { toFieldErrors } from '@rallypoint/shared';

/** Errors a user can act on. They are returned as typed GraphQL results, never as thrown strings. */
export class UserError extends Error {}

export class ValidationError extends UserError {
  constructor(
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
  }

  static fromZod(error: ZodError, prefix: string[] = []): ValidationError {
    const fieldErrors = toFieldErrors(error).map((e) => ({ ...e, path: [...prefix, ...e.path] }));
    return new ValidationError(fieldErrors[0]?.message ?? 'Invalid input', fieldErrors);
  }

  static field(path: string[], message: string): ValidationError {
    return new ValidationError(message, [{ path, message }]);
  }
}

export class NotFoundError extends UserError {
  constructor(what = 'That') {
    super(`${what} was not found`);
  }
}

export class ForbiddenError extends UserError {
  constructor(message = 'You are not allowed to do that') {
    super(message);
  }
}

export class AuthenticationError extends UserError {
  constructor(message = 'Please sign in first') {
    super(message);
  }
}

export function parseWith<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: ZodError } }, value: unknown, prefix: string[] = []): T {
  const result = schema.safeParse(value);
  if (!result.success) throw ValidationError.fromZod(result.error, prefix);
  return result.data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** No place left at the event: nothing was booked. `canJoinWaitlist`: asking again with `joinWaitlist` queues instead. */
export class EventFullError extends UserError {
  constructor(
    message: string,
    readonly canJoinWaitlist: boolean,
  ) {
    super(message);
  }
}
