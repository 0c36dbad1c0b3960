/**
 * Thousands of random and malformed GraphQL requests against the real server (production settings, a signed-in
 * member with events and lifts around): never a 5xx, never a stack trace or internal message, and the database
 * changes only when an operation succeeded. The seed is fixed so a failure reproduces; FUZZ_SEED/FUZZ_RUNS override.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  buildSchema,
  type GraphQLField,
  type GraphQLInputType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  type GraphQLScalarType,
  GraphQLUnionType,
  GraphQLObjectType,
  GraphQLInterfaceType,
  type GraphQLOutputType,
  getNamedType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scaledRateLimits } from '../src/security/rate-limits.ts';
import { type RunningApi, startApi } from '../src/server.ts';
import { testDatabaseUrl } from './db-utils.ts';
import { createEvent, globalId, signedUp } from './helpers.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
// 1,000 in every run; a longer hunt: FUZZ_RUNS=20000 (and another FUZZ_SEED).
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const schema = buildSchema(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

let api: RunningApi;
let cookie: string;
let knownIds: string[] = [];

beforeAll(async () => {
  // The file's own database (as every test file's): nothing else moves the fingerprint.
  api = await startApi(testDatabaseUrl(), { port: 0, host: '127.0.0.1', production: true, rateLimits: scaledRateLimits(1000) });
  const member = await signedUp(api.url);
  cookie = member.cookie!;
  const event = await createEvent(member, { kind: 'CANVASS', title: 'Fuzz target canvass', postcode: 'NW4 4BT' });
  const other = await signedUp(api.url);
  const theirs = await createEvent(other, { title: 'Someone else’s fuzz event' });
  knownIds = [event.id, theirs.id, member.userId, globalId('Event', '00000000-0000-0000-0000-000000000000')];
});
afterAll(async () => {
  await api?.close();
});

// --------------------------------------------------------------------------------------------- generators

const nasty = fc.constantFrom('', ' ', '\u0000', 'NaN', '-1', '1e309', "'; DROP TABLE events; --", '<script>alert(1)</script>', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'x'.repeat(20_000), '{"a":1}', 'null', 'LS6 1AN', 'ZZ9 9ZZ', 'NW4', 'E14001279');

function valueFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const inner = type instanceof GraphQLNonNull ? type.ofType : type;
  const orWrong = (a: fc.Arbitrary<unknown>) =>
    fc.oneof({ arbitrary: a, weight: 6 }, { arbitrary: fc.constant(null), weight: 1 }, { arbitrary: depth > 2 ? fc.string() : fc.jsonValue({ maxDepth: 2 }), weight: 1 });
  if (inner instanceof GraphQLList) return orWrong(fc.array(valueFor(inner.ofType, depth + 1), { maxLength: 4 }));
  if (inner instanceof GraphQLEnumType) return orWrong(fc.oneof(fc.constantFrom(...inner.getValues().map((v) => v.name)), fc.string()));
  if (inner instanceof GraphQLInputObjectType) {
    const fields = Object.values(inner.getFields());
    return orWrong(
      fc.record(Object.fromEntries(fields.map((f) => [f.name, valueFor(f.type, depth + 1)])), { requiredKeys: [] }),
    );
  }
  const scalar = inner as GraphQLScalarType;
  switch (scalar.name) {
    case 'Int':
      return orWrong(fc.oneof(fc.integer({ min: -5, max: 60 }), fc.integer(), fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53)));
    case 'Float':
      return orWrong(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0.5, 51.5, -0.12, 1e300)));
    case 'Boolean':
      return orWrong(fc.boolean());
    case 'ID':
      return orWrong(fc.oneof(fc.constantFrom(...knownIds), fc.string(), fc.uuid(), fc.base64String()));
    case 'DateTime':
      return orWrong(fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string(), nasty));
    default:
      return orWrong(fc.oneof(fc.string({ maxLength: 40 }), nasty));
  }
}

function selectionFor(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (named instanceof GraphQLUnionType) return '{ __typename ... on Error { message } }';
  if (named instanceof GraphQLObjectType || named instanceof GraphQLInterfaceType) {
    return 'id' in named.getFields() ? '{ __typename id }' : '{ __typename }';
  }
  return '';
}

function operation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const defs = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${kind} Fuzz${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selectionFor(field.type)} }`;
}

const fields = (kind: 'query' | 'mutation') =>
  Object.values((kind === 'query' ? schema.getQueryType() : schema.getMutationType())!.getFields())
    // signOut and deleteAccount are valid operations on the fuzzer's own session: left out so it keeps one.
    .filter((f) => !['signOut', 'deleteAccount'].includes(f.name))
    .map((f) => ({ kind, field: f }));
const all = [...fields('query'), ...fields('mutation')];

interface Req {
  body: string;
  contentType: string;
}

const typed = fc.constantFrom(...all).chain(({ kind, field }) =>
  fc
    .record(Object.fromEntries(field.args.map((a) => [a.name, valueFor(a.type)])), { requiredKeys: [] })
    .map((variables): Req => ({ body: JSON.stringify({ query: operation(kind, field), variables }), contentType: 'application/json' })),
);
const garbageQuery = fc
  .oneof(fc.string(), fc.constantFrom('{', '{ me { ', 'mutation { createEvent }', '{ __schema { types { name } } }', 'subscription { x }', '{ me { id } } { me { id } }', 'query A { me { id } } query A { me { id } }', '{ eventsNear(input: {}) { __typename } }', `{ ${'a'.repeat(5000)} }`))
  .chain((query) => fc.record({ variables: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined)), operationName: fc.oneof(fc.string(), fc.constant(undefined)) }).map((rest): Req => ({ body: JSON.stringify({ query, ...rest }), contentType: 'application/json' })));
const malformed = fc
  .oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)), fc.constantFrom('{"query":', '[]', '{"query": 5}', '{"query": null}', '{"query": "{ me { id } }", "variables": "oops"}', '\u0000\u0001'))
  .chain((body) => fc.constantFrom('application/json', 'application/graphql-response+json', 'application/xml').map((contentType): Req => ({ body, contentType })));

const request: fc.Arbitrary<Req> = fc.oneof({ arbitrary: typed, weight: 8 }, { arbitrary: garbageQuery, weight: 1 }, { arbitrary: malformed, weight: 1 });

// --------------------------------------------------------------------------------------------- the run

const TABLES = ['users', 'sessions', 'organiser_regions', 'events', 'rsvps', 'target_seats', 'lift_offers', 'lift_requests', 'lift_matches'];

async function fingerprint(): Promise<string> {
  const parts = TABLES.map((t) => `(SELECT count(*) || ':' || coalesce(max(xmin::text::bigint), 0) FROM ${t})`).join(` || '|' || `);
  const [row] = await api.prisma.$queryRawUnsafe<{ f: string }[]>(`SELECT ${parts} AS f`);
  return row!.f;
}

/** Did any top-level field succeed (a non-error result)? Only then may the database change. */
function succeeded(json: unknown): boolean {
  const data = (json as { data?: Record<string, unknown> | null })?.data;
  if (!data) return false;
  return Object.values(data).some((v) => {
    if (v === null || v === false) return false;
    const typename = (v as { __typename?: string })?.__typename;
    return !typename || typename.endsWith('Success') || !/Error$/.test(typename);
  });
}

// Stack frames, file paths, ORM/driver messages, SQL errors, or a masked internal error (which should not happen at all).
const LEAK = /\bat [\w.<>$]+ \(|\/[\w./-]+\.(ts|js|mjs):\d+|node_modules|Invalid `|prisma\.|PrismaClient|ECONN|SQLSTATE|duplicate key|violates .* constraint|Unexpected error/i;

describe('fuzzing the GraphQL endpoint', () => {
  test(`${RUNS} random operations: no 5xx, no internal details, no change without a successful operation`, async () => {
    const stats = { total: 0, succeeded: 0, changed: 0 };
    await fc.assert(
      fc.asyncProperty(request, async (req) => {
        const before = await fingerprint();
        const res = await fetch(`${api.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': req.contentType, cookie, 'x-graphql-yoga-csrf': 'fuzz' },
          body: req.body,
        });
        const text = await res.text();
        let json: unknown = null;
        try {
          json = JSON.parse(text);
        } catch {
          // a non-JSON answer is fine as long as it is not a 5xx or a leak
        }
        const after = await fingerprint();
        stats.total++;
        const ok = succeeded(json);
        if (ok) stats.succeeded++;
        if (after !== before) stats.changed++;
        expect(res.status, text.slice(0, 300)).toBeLessThan(500);
        expect(text, req.body.slice(0, 300)).not.toMatch(LEAK);
        if (!ok) expect(after, `${req.body.slice(0, 300)} → ${text.slice(0, 300)}`).toBe(before);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    console.log(`fuzz: ${stats.total} requests, ${stats.succeeded} succeeded, ${stats.changed} changed the database (seed ${SEED})`);
    expect(stats.total).toBe(RUNS);
  }, 600_000);
});
