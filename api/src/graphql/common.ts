import { decodeGlobalID } from '@pothos/plugin-relay';
import { NO_ID } from '../db/ids.ts';
import { AuthenticationError, ForbiddenError, isUuid, NotFoundError, ValidationError } from '../errors.ts';
import { builder } from './builder.ts';

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'Something the user can fix; nothing was changed.',
  fields: (t) => ({ message: t.exposeString('message') }),
});

const FieldErrorRef = builder.objectRef<{ path: string[]; message: string }>('FieldError').implement({
  fields: (t) => ({
    path: t.exposeStringList('path', { description: 'Input field path, e.g. ["input", "endsAt"].' }),
    message: t.exposeString('message'),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof ValidationError,
  fields: (t) => ({ fieldErrors: t.field({ type: [FieldErrorRef], resolve: (e) => e.fieldErrors }) }),
});
for (const [cls, name] of [
  [NotFoundError, 'NotFoundError'],
  [ForbiddenError, 'ForbiddenError'],
  [AuthenticationError, 'AuthenticationError'],
] as const) {
  builder.objectType(cls, { name, interfaces: [ErrorInterface], isTypeOf: (v) => v instanceof cls, fields: () => ({}) });
}

/** The errors every write can give. */
export const WRITE_ERRORS = [ValidationError, NotFoundError, ForbiddenError, AuthenticationError];

export const LatLngRef = builder.objectRef<{ lat: number; lng: number }>('LatLng').implement({
  fields: (t) => ({ lat: t.exposeFloat('lat'), lng: t.exposeFloat('lng') }),
});

export const LatLngInput = builder.inputType('LatLngInput', {
  fields: (t) => ({ lat: t.float({ required: true }), lng: t.float({ required: true }) }),
});

/** Decodes a Relay global ID of the given type; anything else is simply not found. */
export function idOf(globalId: string, typename: string, what = 'That'): string {
  try {
    const { typename: t, id } = decodeGlobalID(globalId);
    if (t === typename && isUuid(id)) return id;
  } catch {
    // not a global ID
  }
  throw new NotFoundError(what);
}

/** A node lookup's id, or one that matches nothing when it is not a UUID (so it never reaches SQL as one). */
export const nodeId = (id: string) => (isUuid(id) ? id : NO_ID);

/** Prisma refuses an empty `select` (a client that asked only for __typename): keep the id at least. */
export function nonEmpty<Q extends { select?: unknown }>(query: Q, key = 'id'): Q {
  const select = query.select as Record<string, unknown> | undefined;
  return select && Object.keys(select).length === 0 ? { ...query, select: { [key]: true } } : query;
}
