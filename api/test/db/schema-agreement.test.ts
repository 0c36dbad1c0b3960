import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { repoRoot } from '../../src/paths.ts';
import { testDatabaseUrl } from '../db-utils.ts';

// Prisma's own schema parser (WASM, no engine download) gives the DMMF: models, fields, native types, indexes.
const wasm = createRequire(import.meta.url)('@prisma/prisma-schema-wasm') as { get_dmmf(params: string): string };

interface DmmfField {
  name: string;
  dbName: string | null;
  kind: 'scalar' | 'object' | 'enum';
  type: string;
  isRequired: boolean;
  isList: boolean;
  nativeType: [string, string[]] | null;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  default?: { name?: string } | unknown;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string | null;
  fields: { name: string }[];
}

const dmmf = JSON.parse(
  wasm.get_dmmf(JSON.stringify({ prismaSchema: readFileSync(path.join(repoRoot, 'prisma', 'schema.prisma'), 'utf8') })),
).datamodel as { models: DmmfModel[]; enums: { name: string; values: { name: string }[] }[]; indexes: DmmfIndex[] };

// Indexes that Prisma's schema language cannot express; they are checked by the EXPLAIN tests instead.
const SQL_ONLY_INDEXES = new Set([
  'constituencies_earth_idx',
  'outcodes_earth_idx',
  'events_earth_idx',
  'lift_offers_earth_idx',
  'lift_matches_one_accepted_per_request',
  'mail_log_key_prefix_idx',
  // One booking per member and event where it has no shift (shift bookings: one per member and shift).
  'rsvps_event_id_user_id_unshifted',
]);

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
});
afterAll(() => client.end());

const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
const columnOf = (m: DmmfModel, fieldName: string) => {
  const f = m.fields.find((x) => x.name === fieldName)!;
  return f.dbName ?? f.name;
};

function expectedType(f: DmmfField): string {
  if (f.kind === 'enum') return f.type;
  if (f.nativeType) {
    const [name, args] = f.nativeType;
    if (name === 'Uuid') return 'uuid';
    if (name === 'Timestamptz') return `timestamptz(${args[0] ?? 3})`;
  }
  const map: Record<string, string> = {
    String: 'text',
    Int: 'int4',
    Float: 'float8',
    Boolean: 'bool',
    DateTime: 'timestamp(3)',
    BigInt: 'int8',
    Json: 'jsonb',
  };
  return map[f.type] ?? `?${f.type}`;
}

test('every model is a table with exactly its columns, types and nullability', async () => {
  const { rows } = await client.query<{ table_name: string; column_name: string; type: string; not_null: boolean }>(`
    SELECT c.relname AS table_name, a.attname AS column_name, a.attnotnull AS not_null,
      CASE WHEN t.typname IN ('timestamptz', 'timestamp') THEN t.typname || '(' || a.atttypmod || ')' ELSE t.typname END AS type
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_type t ON t.oid = a.atttypid
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`);
  const actual = new Map<string, Map<string, { type: string; notNull: boolean }>>();
  for (const r of rows) {
    if (!actual.has(r.table_name)) actual.set(r.table_name, new Map());
    actual.get(r.table_name)!.set(r.column_name, { type: r.type, notNull: r.not_null });
  }
  actual.delete('_prisma_migrations');
  expect([...actual.keys()].sort()).toEqual(dmmf.models.map(tableOf).sort());
  for (const model of dmmf.models) {
    const scalars = model.fields.filter((f) => f.kind !== 'object');
    const expected = Object.fromEntries(
      scalars.map((f) => [f.dbName ?? f.name, { type: expectedType(f), notNull: f.isRequired }]),
    );
    expect(Object.fromEntries(actual.get(tableOf(model))!), `table ${tableOf(model)}`).toEqual(expected);
  }
});

test('every enum exists with the same values in the same order', async () => {
  const { rows } = await client.query<{ name: string; values: string[] }>(`
    SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`);
  expect(Object.fromEntries(rows.map((r) => [r.name, r.values]))).toEqual(
    Object.fromEntries(dmmf.enums.map((e) => [e.name, e.values.map((v) => v.name)])),
  );
});

test('every index in schema.prisma exists with the same columns and uniqueness, and no others', async () => {
  const { rows } = await client.query<{ table_name: string; index_name: string; is_unique: boolean; is_primary: boolean; columns: string[] }>(`
    SELECT t.relname AS table_name, i.relname AS index_name, ix.indisunique AS is_unique, ix.indisprimary AS is_primary,
      array(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
    FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'`);
  const actual = rows
    .filter((r) => !SQL_ONLY_INDEXES.has(r.index_name))
    .map((r) => `${r.table_name}(${r.columns.join(',')}) ${r.is_primary ? 'id' : r.is_unique ? 'unique' : 'normal'}`)
    .sort();
  const models = new Map(dmmf.models.map((m) => [m.name, m]));
  const expected = dmmf.indexes
    .map((ix) => {
      const m = models.get(ix.model)!;
      return `${tableOf(m)}(${ix.fields.map((f) => columnOf(m, f.name)).join(',')}) ${ix.type}`;
    })
    .sort();
  expect(actual).toEqual(expected);
  // And the SQL-only geo indexes are really there.
  expect(rows.map((r) => r.index_name)).toEqual(expect.arrayContaining([...SQL_ONLY_INDEXES]));
});

test('foreign keys match the relations in schema.prisma', async () => {
  const { rows } = await client.query<{ table_name: string; columns: string[]; ref_table: string }>(`
    SELECT c.conrelid::regclass::text AS table_name, c.confrelid::regclass::text AS ref_table,
      array(SELECT a.attname FROM unnest(c.conkey) k(attnum) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum)::text[] AS columns
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = 'public'`);
  const actual = rows.map((r) => `${r.table_name.replace(/"/g, '')}(${r.columns.join(',')}) -> ${r.ref_table.replace(/"/g, '')}`).sort();
  const models = new Map(dmmf.models.map((m) => [m.name, m]));
  const expected: string[] = [];
  for (const m of dmmf.models) {
    for (const f of m.fields) {
      const from = (f as DmmfField & { relationFromFields?: string[] }).relationFromFields;
      if (f.kind === 'object' && from?.length) {
        expected.push(`${tableOf(m)}(${from.map((n) => columnOf(m, n)).join(',')}) -> ${tableOf(models.get(f.type)!)}`);
      }
    }
  }
  expect(actual).toEqual(expected.sort());
});
