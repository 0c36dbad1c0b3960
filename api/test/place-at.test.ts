import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RunningApi } from '../src/server.ts';
import { Client, startTestApi } from './helpers.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const PLACE_AT = /* GraphQL */ `
  query PlaceAt($location: LatLngInput!) {
    placeAt(location: $location) {
      __typename
      ... on QueryPlaceAtSuccess { data { outcode distanceKm constituency { code name } } }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;

const placeAt = async (lat: number, lng: number) => (await new Client(api.url).gql(PLACE_AT, { location: { lat, lng } })).data.placeAt;

test('a pin in Headingley is in LS6, near Leeds Central and Headingley', async () => {
  const r = await placeAt(53.8201, -1.5707);
  expect(r.__typename).toBe('QueryPlaceAtSuccess');
  expect(r.data.outcode).toBe('LS6');
  expect(r.data.distanceKm).toBeLessThan(3);
  expect(r.data.constituency.name).toBe('Leeds Central and Headingley');
});

test('the nearest district follows the pin: a pin in central Edinburgh is in EH1, in a Scottish seat', async () => {
  const r = await placeAt(55.9506, -3.1883);
  expect(r.data.outcode).toBe('EH1');
  expect(r.data.constituency.code).toMatch(/^S14/);
});

test('the seat is taken from the nation of the nearest district: Islay is in Scotland, not across the water', async () => {
  const r = await placeAt(55.78, -6.2);
  expect(r.data.outcode).toMatch(/^PA/);
  expect(r.data.constituency.code).toMatch(/^S14/);
});

test('a point far out at sea is in no district', async () => {
  const r = await placeAt(50.0, -12.0);
  expect(r.data).toEqual({ outcode: null, distanceKm: null, constituency: null });
});

test('an impossible point is a field error on the location', async () => {
  const r = await placeAt(91, 0);
  expect(r.__typename).toBe('ValidationError');
  expect(r.fieldErrors[0].path).toEqual(['location', 'lat']);
});
