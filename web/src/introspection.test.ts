import { describe, expect, it } from 'vitest';
import { trimIntrospection } from '../vite-graphql.ts';
import schema from './generated/introspection.ts';

interface TypeRef {
  kind: string;
  ofType?: TypeRef;
}
type Field = { name: string; type: TypeRef };
type Types = { name: string; kind: string; fields?: Field[] }[];

// What urql's cache asks of a field (a field it cannot find counts as non-null).
const answers = (types: Types, type: string, field: string) => {
  const found = types.find((t) => t.name === type)?.fields?.find((f) => f.name === field);
  if (!found) return { nullable: false, listNullable: false };
  const inner = found.type.kind === 'NON_NULL' ? found.type.ofType! : found.type;
  return { nullable: found.type.kind !== 'NON_NULL', listNullable: inner.kind === 'LIST' && inner.ofType?.kind !== 'NON_NULL' };
};

describe('the trimmed schema production builds give the cache', () => {
  const full = schema.__schema.types as unknown as Types;
  const trimmed = trimIntrospection(schema as never).__schema.types as unknown as Types;

  it('answers every nullability question about every field as the whole schema does', () => {
    let fields = 0;
    for (const type of full)
      for (const field of type.fields ?? []) {
        fields++;
        expect(answers(trimmed, type.name, field.name), `${type.name}.${field.name}`).toEqual(answers(full, type.name, field.name));
      }
    expect(fields).toBeGreaterThan(500);
  });

  it('keeps every type, and is much smaller', () => {
    expect(trimmed.map((t) => `${t.kind} ${t.name}`)).toEqual(full.map((t) => `${t.kind} ${t.name}`));
    expect(JSON.stringify(trimmed).length).toBeLessThan(JSON.stringify(full).length / 2);
  });
});
