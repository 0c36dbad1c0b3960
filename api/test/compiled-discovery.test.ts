/**
 * Discovery queries run compiled (graphql-jit): the same answers and the same SQL as graphql-js gives them, nested
 * relations included (graphql-jit's new path object per resolver call once made Pothos reload rows it already had),
 * and nothing else is compiled.
 */
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { describe, expect, test } from 'vitest';
import type { Viewer } from '../src/context.ts';
import { schema } from '../src/graphql/schema.ts';
import { compiledDiscovery, compiledOperation } from '../src/graphql/jit.ts';
import { Client, createEvent, manyMembers, uniqueTag, uuidOf } from './helpers.ts';
import { countingApi } from './statements.ts';

const counting = countingApi();

const NODE = /* GraphQL */ `
  id title kind description address postcode addressHidden startsAt endsAt venueName areaLabel location { lat lng }
  capacity goingCount placesLeft waitlistCount status visibility addressVisibility viewerCanEdit viewerCanManage icsUrl
  region { id name } organiser { id displayName } myRsvp { status guests } attendees { id status person { displayName } }
`;
/** The same discovery page, alone (compiled) or beside a field that is not discovery (graphql-js). */
const near = (besides = '') => /* GraphQL */ `
  query Near($input: EventsNearInput!, $first: Int, $after: String) {
    eventsNear(input: $input, first: $first, after: $after) {
      __typename
      ... on EventsNearConnection {
        origin { kind label location { lat lng } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor distanceKm node { ${NODE} } }
      }
      ... on ValidationError { message fieldErrors { path message } }
    }
    ${besides}
  }
`;

describe('which operations run compiled', () => {
  test.each([
    ['eventsNear alone', near(), true],
    ['eventsInBox alone', '{ eventsInBox(box: { west: -2, south: 53, east: -1, north: 54 }) { __typename } }', true],
    ['both', '{ a: eventsInBox(box: { west: -2, south: 53, east: -1, north: 54 }) { __typename } eventsNear(input: { postcode: "LS6" }) { __typename } }', true],
    ['discovery beside another field', near('regions { id }'), false],
    ['a root fragment', 'query { ...F } fragment F on Query { eventsNear(input: { postcode: "LS6" }) { __typename } }', false],
    ['a mutation', 'mutation { rsvp(eventId: "x") { __typename } }', false],
    ['a subscription', 'subscription { eventLive(id: "x") { goingCount } }', false],
    ['another query', '{ regions { id } }', false],
  ])('%s: %s', (_name, query, expected) => {
    expect(compiledOperation(parse(query)) !== null).toBe(expected);
  });

  test('the operation named in a document of several', () => {
    const document = parse(`query A { regions { id } } ${near().replace('query Near', 'query B')}`);
    expect(compiledOperation(document, 'A')).toBeNull();
    expect(compiledOperation(document, 'B')?.name?.value).toBe('B');
  });
});

describe('a compiled discovery page', () => {
  // Both servers run the schema the API runs; only the compiled one has the plugin.
  const compiledRuns: string[] = [];
  const serve = (plugins: ReturnType<typeof compiledDiscovery>[]) => (viewer: Viewer | null) =>
    createYoga({
      schema,
      plugins,
      maskedErrors: false,
      context: () => ({ prisma: counting.api.prisma, viewer, config: { publicUrl: 'http://localhost:5173' } }),
    });
  const compiledServer = serve([compiledDiscovery({ onCompiled: (op) => compiledRuns.push(op.name?.value ?? '') })]);
  const plainServer = serve([]);

  // biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON
  async function page(server: ReturnType<typeof plainServer>, query: string, variables: Record<string, unknown>): Promise<{ statements: string[]; body: any }> {
    const { statements, result } = await counting.measure(async () => {
      const res = await server.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return res.json();
    });
    return { statements, body: result };
  }

  test('answers as graphql-js does, with the same statements, for a visitor, an attendee and the organiser', async () => {
    const [organiser, attendee] = await manyMembers(counting.api, 2);
    const tag = uniqueTag();
    for (let i = 0; i < 4; i++) await createEvent(organiser!, { title: `Compiled ${tag} ${i}`, capacity: 3, addressVisibility: i % 2 ? 'ATTENDEES' : 'PUBLIC' });
    const [first] = (await new Client(counting.api.url).gql(near(), { input: { postcode: 'LS6', text: tag } })).data.eventsNear.edges;
    await attendee!.gql('mutation($id: ID!) { rsvp(eventId: $id) { __typename } }', { id: first.node.id });

    const viewers: (Viewer | null)[] = [
      null,
      { id: uuidOf(attendee!.userId), role: 'MEMBER', regionIds: [], sessionId: 'test' },
      { id: uuidOf(organiser!.userId), role: 'MEMBER', regionIds: [], sessionId: 'test' },
    ];
    for (const viewer of viewers) {
      for (const variables of [{ input: { postcode: 'LS6', text: tag } }, { input: { postcode: 'LS6', text: tag, sort: 'TIME' }, first: 2 }]) {
        const before = compiledRuns.length;
        const compiled = await page(compiledServer(viewer), near(), variables);
        expect(compiledRuns.length).toBe(before + 1);
        const plain = await page(plainServer(viewer), near(), variables);
        expect(compiledRuns.length).toBe(before + 1);
        expect(compiled.body.errors).toBeUndefined();
        expect(compiled.body.data.eventsNear.edges.length).toBeGreaterThan(0);
        expect(compiled.body).toEqual(plain.body);
        expect(compiled.statements).toEqual(plain.statements);
      }
    }
  });

  test('invalid variables are left to graphql-js, which names what was meant', async () => {
    const before = compiledRuns.length;
    const { body } = await page(compiledServer(null), near(), { input: { postcod: 'LS6' } });
    expect(compiledRuns.length).toBe(before);
    expect(body.errors[0].message).toMatch(/Did you mean "postcode"\?/);
  });

  test('a field error (a bad cursor) is the same typed ValidationError', async () => {
    const variables = { input: { postcode: 'LS6' }, after: 'garbage' };
    const compiled = await page(compiledServer(null), near(), variables);
    expect(compiled.body.data.eventsNear).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['after'] }] });
    expect(compiled.body).toEqual((await page(plainServer(null), near(), variables)).body);
  });
});
