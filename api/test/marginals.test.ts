import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningApi } from '../src/server.ts';
import { Client, createEvent, grantRole, signedUp, startTestApi, departureFor } from './helpers.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const NEAREST = /* GraphQL */ `
  query Nearest($input: NearestMarginalsInput!) {
    nearestMarginals(input: $input) {
      __typename
      ... on QueryNearestMarginalsSuccess {
        data {
          origin { label }
          seats {
            distanceKm
            constituency { code name winner runnerUp majority majorityPct isMarginal isTarget isSpeakerSeat
              upcomingCanvasses { id title liftSeatsAvailable } }
          }
        }
      }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const FLAG = /* GraphQL */ `
  mutation Flag($code: String!) {
    flagTargetSeat(code: $code) { __typename ... on MutationFlagTargetSeatSuccess { data { code isTarget isMarginal } } ... on Error { message } }
  }
`;
const UNFLAG = /* GraphQL */ `
  mutation Unflag($code: String!) {
    unflagTargetSeat(code: $code) { __typename ... on MutationUnflagTargetSeatSuccess { data { code isTarget } } ... on Error { message } }
  }
`;

const CHORLEY = 'E14001170';
const LEEDS_CENTRAL = 'E14001319';

describe('marginal seats', () => {
  test('115 seats are marginal on the 2024 results at the default 5% threshold, never the Speaker\'s', async () => {
    const res = await new Client(api.url).gql('{ constituencies { code isMarginal isSpeakerSeat majorityPct } }');
    const seats = res.data.constituencies as { code: string; isMarginal: boolean; isSpeakerSeat: boolean; majorityPct: number }[];
    expect(seats).toHaveLength(650);
    const targets = await api.prisma.targetSeat.count();
    expect(seats.filter((s) => s.isMarginal).length).toBe(115 + targets);
    expect(seats.find((s) => s.code === CHORLEY)).toMatchObject({ isSpeakerSeat: true, isMarginal: false });
  });

  test('nearest marginals from a postcode: nearest first, all marginal, with results and canvasses', async () => {
    const organiser = await signedUp(api.url);
    const canvass = await createEvent(organiser, {
      kind: 'CANVASS',
      title: 'Door-knocking in Hendon',
      postcode: 'NW4 4BT',
      constituencyCode: 'E14001279',
    });
    const driver = await signedUp(api.url);
    const offered = await driver.gql(
      'mutation($e: ID!, $i: LiftOfferInput!) { offerLift(eventId: $e, input: $i) { __typename } }',
      { e: canvass.id, i: { postcode: 'N3', departAt: departureFor(canvass.startsAt), seats: 3, maxDetourKm: 10 } },
    );
    expect(offered.data.offerLift.__typename).toBe('MutationOfferLiftSuccess');
    const res = await new Client(api.url).gql(NEAREST, { input: { postcode: 'NW4 4BT', first: 5 } });
    const data = res.data.nearestMarginals.data;
    expect(data.origin.label).toBe('NW4 4BT');
    const seats = data.seats as { distanceKm: number; constituency: Record<string, unknown> }[];
    expect(seats).toHaveLength(5);
    expect(seats.map((s) => s.distanceKm)).toEqual([...seats.map((s) => s.distanceKm)].sort((a, b) => a - b));
    for (const s of seats) expect(s.constituency.isMarginal).toBe(true);
    const hendon = seats.find((s) => s.constituency.code === 'E14001279');
    expect(hendon?.constituency).toMatchObject({ name: 'Hendon', winner: 'Lab', runnerUp: 'Con', majority: 15 });
    expect(hendon?.constituency.upcomingCanvasses).toEqual(expect.arrayContaining([{ id: canvass.id, title: 'Door-knocking in Hendon', liftSeatsAvailable: 3 }]));
  });

  test("from Chorley the Speaker's seat never appears, however close", async () => {
    const res = await new Client(api.url).gql(NEAREST, { input: { postcode: 'PR7', first: 20 } });
    const codes = res.data.nearestMarginals.data.seats.map((s: { constituency: { code: string } }) => s.constituency.code);
    expect(codes).toHaveLength(20);
    expect(codes).not.toContain(CHORLEY);
  });

  test('bad input is a ValidationError', async () => {
    const c = new Client(api.url);
    expect((await c.gql(NEAREST, { input: { postcode: 'NOT A POSTCODE' } })).data.nearestMarginals.fieldErrors[0].path).toEqual(['postcode']);
    expect((await c.gql(NEAREST, { input: {} })).data.nearestMarginals.__typename).toBe('ValidationError');
    expect((await c.gql(NEAREST, { input: { postcode: 'LS6', first: 100 } })).data.nearestMarginals.fieldErrors[0].path).toEqual(['first']);
  });

  test('only organisers of the region (or admins) flag target seats; a target becomes marginal', async () => {
    const member = await signedUp(api.url);
    const london = await signedUp(api.url);
    await grantRole(api.prisma, london.userId, 'ORGANISER', ['london']);
    const yorkshire = await signedUp(api.url);
    await grantRole(api.prisma, yorkshire.userId, 'ORGANISER', ['yorkshire-and-the-humber']);

    expect((await new Client(api.url).gql(FLAG, { code: LEEDS_CENTRAL })).data.flagTargetSeat.__typename).toBe('AuthenticationError');
    expect((await member.gql(FLAG, { code: LEEDS_CENTRAL })).data.flagTargetSeat.__typename).toBe('ForbiddenError');
    expect((await london.gql(FLAG, { code: LEEDS_CENTRAL })).data.flagTargetSeat.__typename).toBe('ForbiddenError');
    expect(await api.prisma.targetSeat.count({ where: { constituencyCode: LEEDS_CENTRAL } })).toBe(0);

    const flagged = await yorkshire.gql(FLAG, { code: LEEDS_CENTRAL });
    expect(flagged.data.flagTargetSeat.data).toEqual({ code: LEEDS_CENTRAL, isTarget: true, isMarginal: true });
    const near = await member.gql(NEAREST, { input: { postcode: 'LS1', first: 1 } });
    expect(near.data.nearestMarginals.data.seats[0].constituency).toMatchObject({ code: LEEDS_CENTRAL, isTarget: true });

    expect((await yorkshire.gql(UNFLAG, { code: LEEDS_CENTRAL })).data.unflagTargetSeat.data.isTarget).toBe(false);
    expect(await api.prisma.targetSeat.count({ where: { constituencyCode: LEEDS_CENTRAL } })).toBe(0);
  });

  test("the Speaker's seat cannot be flagged; unknown seats are not found", async () => {
    const admin = await signedUp(api.url);
    await grantRole(api.prisma, admin.userId, 'ADMIN', []);
    expect((await admin.gql(FLAG, { code: CHORLEY })).data.flagTargetSeat.__typename).toBe('ValidationError');
    expect((await admin.gql(FLAG, { code: 'E99999999' })).data.flagTargetSeat.__typename).toBe('NotFoundError');
    expect(await api.prisma.targetSeat.count({ where: { constituencyCode: CHORLEY } })).toBe(0);
  });
});
