import { readFileSync } from 'node:fs';
import { buildSchema, type DocumentNode, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as documents from './graphql.ts';

// Every document the client sends must be valid against the API's committed schema.
const schema = buildSchema(readFileSync(new URL('../../api/schema.graphql', import.meta.url), 'utf8'));
const entries = Object.entries(documents).filter(
  (entry): entry is [string, DocumentNode] => (entry[1] as { kind?: string } | undefined)?.kind === 'Document',
);

describe('GraphQL documents match api/schema.graphql', () => {
  it('has documents to check', () => expect(entries.length).toBeGreaterThan(10));
  it.each(entries)('%s', (_name, doc) => {
    expect(validate(schema, doc).map((e) => e.message)).toEqual([]);
  });
});
