import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { foldName, seatRank } from '../src/places/suggestions.ts';
import type { RunningApi } from '../src/server.ts';
import { Client, startTestApi } from './helpers.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const SUGGEST = /* GraphQL */ `
  query Suggest($query: String!, $first: Int) {
    placeSuggestions(query: $query, first: $first) {
      __typename
      ... on QueryPlaceSuggestionsSuccess { data { kind code label detail location { lat lng } } }
      ... on ValidationError { message fieldErrors { path message } }
    }
  }
`;

interface Suggestion {
  kind: 'SEAT' | 'OUTCODE';
  code: string;
  label: string;
  detail: string;
  location: { lat: number; lng: number };
}

async function suggest(query: string, first?: number) {
  const res = await new Client(api.url).gql(SUGGEST, { query, first });
  expect(res.errors).toBeUndefined();
  return res.data.placeSuggestions as { __typename: string; data?: Suggestion[]; message?: string };
}
const labels = async (query: string, first?: number) => ((await suggest(query, first)).data ?? []).map((s) => s.label);

describe('place suggestions', () => {
  test('"Leeds" lists the seven Leeds seats by name, with their region and reference point', async () => {
    const found = await suggest('Leeds');
    expect(found.__typename).toBe('QueryPlaceSuggestionsSuccess');
    expect(found.data?.map((s) => s.label)).toEqual([
      'Leeds Central and Headingley',
      'Leeds East',
      'Leeds North East',
      'Leeds North West',
      'Leeds South',
      'Leeds South West and Morley',
      'Leeds West and Pudsey',
    ]);
    expect(found.data?.[0]).toMatchObject({ kind: 'SEAT', code: 'E14001319', detail: 'Yorkshire and The Humber' });
    const seat = await api.prisma.constituency.findUniqueOrThrow({ where: { code: 'E14001319' } });
    expect(found.data?.[0]?.location).toEqual({ lat: seat.lat, lng: seat.lng });
  });

  test('case, spaces, accents and punctuation do not matter', async () => {
    expect(await labels('  lEEDS   eAST ')).toEqual(['Leeds East', 'Leeds North East']);
    expect(await labels('ynys mon')).toEqual(['Ynys Môn']);
    expect(await labels('weston super')).toEqual(['Weston-super-Mare']);
  });

  test('a name start ranks before a word inside a name; an exact name first of all', async () => {
    // "Morley" starts no seat's name but is a word of one.
    expect(await labels('morley')).toEqual(['Leeds South West and Morley']);
    const south = await labels('leeds south');
    expect(south).toEqual(['Leeds South', 'Leeds South West and Morley']);
    // Every word of the query starts a word of the name, in any order.
    expect(await labels('headingley leeds')).toEqual(['Leeds Central and Headingley']);
    const bath = await labels('bath');
    expect(bath[0]).toBe('Bath');
  });

  test('postcode districts by prefix, numerically; an exact district first', async () => {
    const ls = (await suggest('ls')).data ?? [];
    expect(ls.every((s) => s.kind === 'OUTCODE' && s.detail === 'Postcode district')).toBe(true);
    expect(ls.map((s) => s.label)).toEqual(['LS1', 'LS2', 'LS3', 'LS4', 'LS5', 'LS6', 'LS7', 'LS8']);
    const ls6 = (await suggest('ls6')).data ?? [];
    expect(ls6[0]).toMatchObject({ kind: 'OUTCODE', code: 'LS6' });
    const row = await api.prisma.outcode.findUniqueOrThrow({ where: { code: 'LS6' } });
    expect(ls6[0]?.location).toEqual({ lat: row.lat, lng: row.lng });
  });

  test('limits: 8 by default, at most 10, at least 1; long queries refused; blank gives none', async () => {
    expect(await labels('b')).toHaveLength(8);
    expect(await labels('b', 50)).toHaveLength(10);
    expect(await labels('b', 0)).toHaveLength(1);
    expect(await labels('   ')).toEqual([]);
    expect(await labels('zzzz')).toEqual([]);
    const long = await suggest('a'.repeat(101));
    expect(long.__typename).toBe('ValidationError');
  });

  test('Northern Ireland postcodes say they are not covered and what to do instead; NI seats are found by name', async () => {
    for (const q of ['BT1', 'bt7 1nn']) {
      const found = await suggest(q);
      expect(found.__typename).toBe('ValidationError');
      expect(found.message).toMatch(/Northern Ireland postcodes are not covered yet/);
      expect(found.message).toMatch(/constituency name/);
      expect(found.message).toMatch(/use your location/);
    }
    expect(await labels('belfast')).toEqual(['Belfast East', 'Belfast North', 'Belfast South and Mid Down', 'Belfast West']);
  });

  test('a BT postcode searched for events or marginals gets the same message', async () => {
    const res = await new Client(api.url).gql(
      `{ eventsNear(input: { postcode: "BT1 1AA" }) { __typename ... on Error { message } }
         nearestMarginals(input: { postcode: "BT1" }) { __typename ... on Error { message } } }`,
    );
    expect(res.data.eventsNear).toMatchObject({ __typename: 'ValidationError', message: expect.stringMatching(/^Northern Ireland postcodes are not covered yet/) });
    expect(res.data.nearestMarginals).toMatchObject({ __typename: 'ValidationError', message: expect.stringMatching(/^Northern Ireland postcodes/) });
  });
});

describe('seatRank', () => {
  test('ranks whole name, start, word start, all words; else no match', () => {
    expect(seatRank('leeds east', 'leeds east')).toBe(0);
    expect(seatRank('leeds east', 'leeds')).toBe(1);
    expect(seatRank('leeds east', 'east')).toBe(2);
    expect(seatRank('leeds east', 'east leeds')).toBe(3);
    expect(seatRank('leeds east', 'ast')).toBeNull();
    expect(foldName("Ynys Môn")).toBe('ynys mon');
  });
});
