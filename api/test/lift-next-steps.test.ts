import { describe, expect, test } from 'vitest';
import { type Client, createEvent, departureFor, grantRole, OFFER_LIFT, REQUEST_LIFT, signedUp, useTestApi, uuidOf } from './helpers.ts';
import { mailTo, waitForMail } from './mail-catcher.ts';

const api = useTestApi();

const ERR = '... on Error { __typename message }';
const NEXT_STEPS = `
  nextSteps {
    drivers { detourKm extraDetourKm askedAt offer { id maxDetourKm driver { displayName } origin { label } } }
    otherEvents { distanceKm carsThatFit seatsFree event { id title } }
  }
`;
const MATCH_EVERYONE = /* GraphQL */ `
  mutation MatchEveryone($eventId: ID!) {
    matchEveryone(eventId: $eventId) {
      __typename ... on MutationMatchEveryoneSuccess { data { unmatched { id rider { displayName } ${NEXT_STEPS} } } } ${ERR}
    }
  }
`;
const REQUEST_NODE = /* GraphQL */ `query Node($id: ID!) { node(id: $id) { ... on LiftRequest { id ${NEXT_STEPS} candidates { offer { id } } } } }`;
const ASK = /* GraphQL */ `
  mutation Ask($requestId: ID!) {
    askLiftDriversToStretch(requestId: $requestId) {
      __typename ... on MutationAskLiftDriversToStretchSuccess { data { id ${NEXT_STEPS} } } ${ERR}
    }
  }
`;
const SET_DETOUR = /* GraphQL */ `
  mutation SetDetour($id: ID!, $km: Float!) {
    setLiftOfferDetour(id: $id, maxDetourKm: $km) { __typename ... on MutationSetLiftOfferDetourSuccess { data { maxDetourKm } } ${ERR} ... on ValidationError { fieldErrors { path message } } }
  }
`;

// Venue in Hendon (NW4), as in lifts.test.ts.
const VENUE = { lat: 51.5894, lng: -0.2288 };
const ROAD_FACTOR = 1.3;

/** Great-circle km by the haversine formula: written here, apart from the app's geometry. */
function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

async function ok(client: Client, query: string, variables: Record<string, unknown>) {
  const res = await client.gql(query, variables);
  const result = Object.values(res.data ?? {})[0] as { __typename: string; data?: { id: string } } | undefined;
  if (!result?.__typename.endsWith('Success')) throw new Error(`failed: ${JSON.stringify(res)}`);
  return result.data!;
}

interface Stretch {
  detourKm: number;
  extraDetourKm: number;
  askedAt: string | null;
  offer: { id: string; maxDetourKm: number; driver: { displayName: string }; origin: { label: string } };
}

describe('next steps for riders no car could take', () => {
  test('nearest cars with the extra detour each needs, other canvasses in reach, and one click asks the drivers by e-mail', async () => {
    const organiser = await signedUp(api.url);
    const event = await createEvent(organiser, { kind: 'CANVASS', title: 'Next steps canvass', postcode: 'NW4 4BT', location: VENUE });
    const drivers: { client: Client & { email: string }; offerId: string }[] = [];
    for (const input of [
      { postcode: 'N3', seats: 2, maxDetourKm: 1 },
      { postcode: 'HA8', seats: 2, maxDetourKm: 1 },
      { postcode: 'EN5', seats: 1, maxDetourKm: 2 },
      { postcode: 'NW9', seats: 2, maxDetourKm: 0.5 },
    ]) {
      const client = await signedUp(api.url, { lastName: 'Drivesurname' });
      const offer = await ok(client, OFFER_LIFT, { eventId: event.id, input: { departAt: departureFor(event.startsAt), ...input } });
      drivers.push({ client, offerId: offer.id });
    }
    const rider = await signedUp(api.url, { firstName: 'Rhea', lastName: 'Secretsurname' });
    const request = await ok(rider, REQUEST_LIFT, { eventId: event.id, input: { postcode: 'EN4', seats: 1 } });

    // Another canvass near the rider with a car that could take them; one far away that is not in reach.
    const nearby = await createEvent(organiser, { kind: 'CANVASS', title: 'Barnet canvass', location: { lat: 51.6484, lng: -0.1729 } });
    await ok(await signedUp(api.url), OFFER_LIFT, { eventId: nearby.id, input: { departAt: departureFor(nearby.startsAt), seats: 3, maxDetourKm: 20, postcode: 'EN4' } });
    const far = await createEvent(organiser, { kind: 'CANVASS', title: 'Leeds canvass', postcode: 'LS6 1AN' });
    await ok(await signedUp(api.url), OFFER_LIFT, { eventId: far.id, input: { departAt: departureFor(far.startsAt), seats: 3, maxDetourKm: 20, postcode: 'LS6' } });

    const res = await organiser.gql(MATCH_EVERYONE, { eventId: event.id });
    const unmatched = res.data.matchEveryone.data.unmatched as { id: string; rider: { displayName: string }; nextSteps: { drivers: Stretch[]; otherEvents: { distanceKm: number; carsThatFit: number; seatsFree: number; event: { id: string; title: string } }[] } }[];
    expect(unmatched.map((u) => u.id)).toEqual([request.id]);
    const steps = unmatched[0]!.nextSteps;

    // The three nearest cars, each with the extra detour computed independently (haversine × road factor).
    const venue = await api.prisma.event.findUniqueOrThrow({ where: { id: uuidOf(event.id) } });
    const r = await api.prisma.liftRequest.findUniqueOrThrow({ where: { id: uuidOf(request.id) } });
    const E = { lat: venue.exactLat, lng: venue.exactLng };
    const R = { lat: r.originLat, lng: r.originLng };
    const expected = await Promise.all(
      drivers.map(async (d) => {
        const o = await api.prisma.liftOffer.findUniqueOrThrow({ where: { id: uuidOf(d.offerId) } });
        const D = { lat: o.originLat, lng: o.originLng };
        const detour = ROAD_FACTOR * (haversineKm(D, R) + haversineKm(R, E) - haversineKm(D, E));
        return { offerId: d.offerId, detour, extra: detour - o.maxDetourKm };
      }),
    );
    expected.sort((a, b) => a.extra - b.extra);
    expect(steps.drivers.map((s) => s.offer.id)).toEqual(expected.slice(0, 3).map((e) => e.offerId));
    for (const [i, s] of steps.drivers.entries()) {
      expect(s.detourKm).toBeCloseTo(expected[i]!.detour, 6);
      expect(s.extraDetourKm).toBeCloseTo(expected[i]!.extra, 6);
      expect(s.extraDetourKm).toBeGreaterThan(0);
      expect(s.askedAt).toBeNull();
      expect(s.offer.driver.displayName).toBe('Test D.');
    }

    expect(steps.otherEvents.map((x) => x.event.id)).toContain(nearby.id);
    expect(steps.otherEvents.map((x) => x.event.id)).not.toContain(far.id);
    expect(steps.otherEvents.map((x) => x.event.id)).not.toContain(event.id);
    const barnet = steps.otherEvents.find((x) => x.event.id === nearby.id)!;
    expect(barnet).toMatchObject({ carsThatFit: 1, seatsFree: 3 });
    for (const x of steps.otherEvents) {
      expect(x.seatsFree).toBeGreaterThan(0);
      expect(x.distanceKm).toBeLessThanOrEqual(Math.max(10, haversineKm(R, { lat: venue.lat, lng: venue.lng })) + 1e-6);
    }
    // Nothing before an agreement names a surname or anything finer than a district.
    expect(JSON.stringify(unmatched)).not.toMatch(/Secretsurname|Drivesurname/);
    expect(unmatched[0]!.rider.displayName).toBe('Rhea S.');

    // Only the event's organisers see next steps, and only they can ask.
    const member = await signedUp(api.url);
    for (const who of [rider, member, drivers[0]!.client]) {
      expect((await who.gql(REQUEST_NODE, { id: request.id })).data.node.nextSteps).toBeNull();
    }
    const elsewhere = await signedUp(api.url);
    await grantRole(api.prisma, elsewhere.userId, 'ORGANISER', ['south-east']);
    expect((await elsewhere.gql(REQUEST_NODE, { id: request.id })).data.node.nextSteps).toBeNull();
    for (const [role, regions] of [['ORGANISER', ['london']], ['ADMIN', []]] as const) {
      const manager = await signedUp(api.url);
      await grantRole(api.prisma, manager.userId, role, [...regions]);
      const seen = (await manager.gql(REQUEST_NODE, { id: request.id })).data.node.nextSteps;
      expect(seen.drivers.map((d: Stretch) => d.offer.id)).toEqual(steps.drivers.map((d) => d.offer.id));
      expect(JSON.stringify(seen)).not.toMatch(/Secretsurname|Drivesurname/);
    }
    expect((await member.gql(ASK, { requestId: request.id })).data.askLiftDriversToStretch.__typename).toBe('ForbiddenError');
    expect((await elsewhere.gql(ASK, { requestId: request.id })).data.askLiftDriversToStretch.__typename).toBe('ForbiddenError');
    expect(await api.prisma.liftStretchAsk.count({ where: { requestId: uuidOf(request.id) } })).toBe(0);

    // One click asks the three drivers; each gets an e-mail through SMTP with a link to their offer.
    const asked = await organiser.gql(ASK, { requestId: request.id });
    expect(asked.data.askLiftDriversToStretch.__typename).toBe('MutationAskLiftDriversToStretchSuccess');
    const after = asked.data.askLiftDriversToStretch.data.nextSteps.drivers as Stretch[];
    for (const s of after) expect(s.askedAt).not.toBeNull();
    const nearest = drivers.find((d) => d.offerId === steps.drivers[0]!.offer.id)!;
    const mail = await waitForMail(nearest.client.email, { test: (m) => /a little further/.test(m.subject ?? '') });
    expect(mail.subject).toContain('Next steps canvass');
    expect(mail.text).toContain('Rhea S.');
    expect(mail.text).toContain('EN4');
    expect(mail.text).not.toMatch(/Secretsurname/);
    expect(mail.text).toContain(encodeURIComponent(event.id));
    expect(mail.text).toContain('#lift-offer-heading');
    for (const s of steps.drivers) {
      const d = drivers.find((x) => x.offerId === s.offer.id)!;
      await waitForMail(d.client.email, { test: (m) => /a little further/.test(m.subject ?? '') });
    }
    // The car not among the nearest is not asked.
    const rest = drivers.find((d) => !steps.drivers.some((s) => s.offer.id === d.offerId))!;
    expect(await api.prisma.liftStretchAsk.count({ where: { offerId: uuidOf(rest.offerId) } })).toBe(0);

    // Clicking again asks nobody twice: no new asks, and no e-mail queued.
    const stretchJobs = async () =>
      (await api.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key LIKE 'mail:lift-stretch:%'`)[0]!.n;
    await expect.poll(stretchJobs).toBe(0);
    expect((await organiser.gql(ASK, { requestId: request.id })).data.askLiftDriversToStretch.__typename).toMatch(/Success/);
    expect(await api.prisma.liftStretchAsk.count({ where: { requestId: uuidOf(request.id) } })).toBe(3);
    expect(await stretchJobs()).toBe(0);
    expect((await mailTo(nearest.client.email)).filter((m) => /a little further/.test(m.subject ?? ''))).toHaveLength(1);

    // The driver raises their limit by exactly what was asked: the rider can now ride with them.
    const stretched = await nearest.client.gql(SET_DETOUR, { id: nearest.offerId, km: steps.drivers[0]!.detourKm + 1e-6 });
    expect(stretched.data.setLiftOfferDetour.__typename).toBe('MutationSetLiftOfferDetourSuccess');
    const candidates = (await rider.gql(REQUEST_NODE, { id: request.id })).data.node.candidates as { offer: { id: string } }[];
    expect(candidates.map((c) => c.offer.id)).toEqual([nearest.offerId]);
    // Someone else cannot change it.
    expect((await member.gql(SET_DETOUR, { id: nearest.offerId, km: 50 })).data.setLiftOfferDetour.__typename).toBe('NotFoundError');
    // Out of range: the shared rule's message, on the field; the limit stays.
    for (const [km, message] of [[-1, 'Detour cannot be negative'], [101, 'Detour must be at most 100 km']] as const) {
      const refused = (await nearest.client.gql(SET_DETOUR, { id: nearest.offerId, km })).data.setLiftOfferDetour;
      expect(refused).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['maxDetourKm'], message }] });
    }
    expect((await api.prisma.liftOffer.findUniqueOrThrow({ where: { id: uuidOf(nearest.offerId) } })).maxDetourKm).toBeCloseTo(steps.drivers[0]!.detourKm, 5);
  });
});
