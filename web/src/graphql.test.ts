import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type ASTNode, buildSchema, type DocumentNode, Kind, parse, print, type SelectionNode, validate, visit } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as generated from './generated/graphql.ts';

// The generated documents are what the app sends; the manifest is what the API will accept (trusted documents).
const schema = buildSchema(readFileSync(new URL('../../api/schema.graphql', import.meta.url), 'utf8'));
const manifest: Record<string, string> = JSON.parse(
  readFileSync(new URL('./generated/persisted-documents.json', import.meta.url), 'utf8'),
);
type HashedDocument = DocumentNode & { __meta__?: { hash?: string } };
const operations = Object.entries(generated).filter(
  (entry): entry is [string, HashedDocument] =>
    (entry[1] as HashedDocument | undefined)?.kind === Kind.DOCUMENT &&
    (entry[1] as HashedDocument).definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION),
);

const selectionKey = (s: SelectionNode): string =>
  s.kind === Kind.FIELD ? `0${s.alias?.value ?? s.name.value}` : s.kind === Kind.FRAGMENT_SPREAD ? `1${s.name.value}` : `2${s.typeCondition?.name.value}`;

/** The document with its definitions and selections in a fixed order, printed (the manifest sorts them). */
function normalised(doc: DocumentNode): string {
  const byName = (a: { name: { value: string } }, b: { name: { value: string } }) => a.name.value.localeCompare(b.name.value);
  const sorted = visit(doc, {
    leave(node) {
      if (node.kind === Kind.SELECTION_SET) return { ...node, selections: [...node.selections].sort((a, b) => selectionKey(a).localeCompare(selectionKey(b))) };
      if (node.kind === Kind.FIELD) return { ...node, arguments: [...(node.arguments ?? [])].sort(byName) };
      if (node.kind === Kind.OPERATION_DEFINITION) {
        return { ...node, variableDefinitions: [...(node.variableDefinitions ?? [])].sort((a, b) => byName(a.variable, b.variable)) };
      }
      return undefined;
    },
  }) as DocumentNode;
  const name = (d: ASTNode) => ('name' in d && d.name ? d.name.value : '');
  return print({ ...sorted, definitions: [...sorted.definitions].sort((a, b) => name(a).localeCompare(name(b))) });
}

describe('generated documents and the persisted-documents manifest', () => {
  it('has every operation, each in the manifest once', () => {
    expect(operations.length).toBeGreaterThan(30);
    const hashes = operations.map(([, doc]) => doc.__meta__?.hash);
    expect(new Set(hashes).size).toBe(operations.length);
    expect([...hashes].sort()).toEqual(Object.keys(manifest).sort());
  });

  it.each(operations)('%s is valid against api/schema.graphql and persisted as it is', (_name, doc) => {
    expect(validate(schema, doc).map((e) => e.message)).toEqual([]);
    const text = manifest[doc.__meta__?.hash ?? ''];
    expect(text).toBeDefined();
    expect(normalised(parse(text!))).toBe(normalised(doc));
  });

  it.each(Object.entries(manifest))('manifest %s: the sha256 of its text, valid against the schema', (hash, text) => {
    expect(createHash('sha256').update(text).digest('hex')).toBe(hash);
    expect(validate(schema, parse(text)).map((e) => e.message)).toEqual([]);
  });

  it('selects __typename wherever the cache needs it (every object but a subscription root)', () => {
    for (const text of Object.values(manifest)) {
      const doc = parse(text);
      visit(doc, {
        enter(node) {
          const selections =
            node.kind === Kind.FIELD ? node.selectionSet?.selections : node.kind === Kind.OPERATION_DEFINITION && node.operation !== 'subscription' ? node.selectionSet.selections : undefined;
          if (selections) expect(selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename')).toBe(true);
        },
      });
    }
  });
});
