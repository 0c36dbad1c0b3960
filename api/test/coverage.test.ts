/**
 * The seat-coverage board: every figure recomputed here by an independent SQL query (one subquery per figure and
 * seat, written apart from the API's) on a campaign with shifts, a waitlist, a pending draft, lifts and check-ins;
 * who may see it, per role; the live tick as people sign up; the CSV; and "Where am I needed?".
 */
import { randomUUID } from 'node:crypto';
import { DISTANCE_WEIGHT } from '@rallypoint/shared';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningApi } from '../src/server.ts';
import { Client, eventInput, grantRole, manyMembers, nearestOutcodeTo, signedUp, startTestApi, uniqueTag, uuidOf } from './helpers.ts';
import { subscribe } from './sse.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

const REGION = 'yorkshire-and-the-humber';
const DAY = 86_400_000;
const CSRF = { 'x-graphql-yoga-csrf': 'test' };
const ERR = '... on Error { message }';

const BOARD = /* GraphQL */ `
  query Board($campaignId: ID!) {
    campaignCoverage(campaignId: $campaignId) {
      __typename
      ... on QueryCampaignCoverageSuccess {
        data {
          filename
          csv
          seats { code name goal shifts places signUps shortfall coverage checkIns liftSeatsWanted liftSeatsOffered ridersUnmatched }
        }
      }
      ${ERR}
    }
  }
`;
const LIVE = /* GraphQL */ `subscription L($campaignId: ID!) { campaignCoverageLive(campaignId: $campaignId) { campaignId at } }`;
const NEEDED = /* GraphQL */ `
  query Needed($campaignId: ID!, $input: NeededShiftsInput!) {
    neededShifts(campaignId: $campaignId, input: $input) {
      __typename
      ... on QueryNeededShiftsSuccess { data { eventId shiftId title seatCode seatGoal stillNeeded distanceKm placesLeft liftSeatsAvailable needsLift startsAt } }
      ${ERR}
    }
  }
`;
const CREATE_CAMPAIGN = /* GraphQL */ `
  mutation C($input: CampaignInput!) { createCampaign(input: $input) { ... on MutationCreateCampaignSuccess { data { id templates { id } } } ${ERR} } }
`;
const HOST = /* GraphQL */ `
  mutation H($templateId: ID!, $input: EventInput!) {
    hostCampaignEvent(templateId: $templateId, input: $input) {
      __typename
      ... on MutationHostCampaignEventSuccess { data { id status constituency { code } shifts { id } } }
      ${ERR}
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const RSVP = /* GraphQL */ `mutation R($eventId: ID!, $shiftId: ID) { rsvp(eventId: $eventId, shiftId: $shiftId) { __typename ... on MutationRsvpSuccess { data { status } } ${ERR} } }`;

type Member = Client & { email: string; userId: string };
let organiser: Member;
let elsewhere: Member;
let admin: Member;
let host: Member;
let coHost: Member;
let member: Member;
let volunteers: Member[];
let roles: Record<string, Client>;
let seats: { code: string; lat: number; lng: number }[];
let campaignId: string;
let campaignUuid: string;
let templateId: string;
let events: Record<string, { id: string; shifts: { id: string }[] }>;

const base = eventInput();
const start = new Date(base.startsAt);
const at = (hours: number) => new Date(start.getTime() + hours * 3_600_000).toISOString();
const inSeat = (seat: { code: string; lat: number; lng: number }, over: Record<string, unknown> = {}) =>
  eventInput({ kind: 'CANVASS', title: `Coverage canvass ${uniqueTag()}`, location: { lat: seat.lat, lng: seat.lng }, postcode: nearestOutcodeTo(seat), constituencyCode: seat.code, ...over });

async function host$(client: Client, templateId: string, input: Record<string, unknown>) {
  const res = await client.gql(HOST, { templateId, input });
  const event = res.data?.hostCampaignEvent?.data;
  if (!event) throw new Error(`hostCampaignEvent failed: ${JSON.stringify(res)}`);
  return event;
}

async function book(client: Client, eventId: string, shiftId?: string) {
  const res = await client.gql(RSVP, { eventId, shiftId: shiftId ?? null });
  expect(res.data.rsvp.__typename, JSON.stringify(res)).toBe('MutationRsvpSuccess');
  return res.data.rsvp.data.status as string;
}

beforeAll(async () => {
  [organiser, elsewhere, admin, host, coHost, member] = (await Promise.all(Array.from({ length: 6 }, () => signedUp(api.url)))) as [Member, Member, Member, Member, Member, Member];
  volunteers = await manyMembers(api, 6);
  await grantRole(api.prisma, organiser.userId, 'ORGANISER', [REGION]);
  await grantRole(api.prisma, elsewhere.userId, 'ORGANISER', ['london']);
  await grantRole(api.prisma, admin.userId, 'ADMIN');
  roles = { anonymous: new Client(api.url), member, host, coHost, organiser, elsewhere, admin };
  seats = await api.prisma.constituency.findMany({
    where: { regionId: REGION, majorityPct: { lte: 5 }, winner: { not: 'Spk' } },
    orderBy: { majorityPct: 'asc' },
    take: 3,
    select: { code: true, lat: true, lng: true },
  });
  expect(seats).toHaveLength(3);
  const windowStart = new Date(Date.now() + DAY);
  windowStart.setUTCHours(0, 0, 0, 0);
  const created = await organiser.gql(CREATE_CAMPAIGN, {
    input: {
      name: `Coverage weekend ${uniqueTag()}`,
      regionId: REGION,
      startsAt: windowStart.toISOString(),
      endsAt: new Date(windowStart.getTime() + 20 * DAY).toISOString(),
      seats: seats.map((s, i) => ({ constituencyCode: s.code, goal: [4, 3, 2][i] })),
      templates: [{ kind: 'CANVASS', title: 'Doorstep canvass', durationMinutes: 180, briefing: 'Bring water.' }],
    },
  });
  campaignId = created.data.createCampaign.data.id;
  campaignUuid = uuidOf(campaignId);
  const template = created.data.createCampaign.data.templates[0].id;
  templateId = template;
  const [s0, s1] = seats as [(typeof seats)[0], (typeof seats)[0]];

  // Seat 0: the organiser's event with two shifts (2 places, then no limit; the organiser books none), and the host's
  // (4 places, one the host's own), approved.
  const shifted = await host$(organiser, template, inSeat(s0, { startsAt: at(0), endsAt: at(6), shifts: [{ startsAt: at(0), endsAt: at(2), capacity: 2 }, { startsAt: at(3), endsAt: at(5), capacity: null }] }));
  const hosted = await host$(host, template, inSeat(s0, { capacity: 4 }));
  expect(hosted.status).toBe('DRAFT');
  const approved = await organiser.gql(`mutation($id: ID!) { approveEvent(id: $id) { __typename ${ERR} } }`, { id: hosted.id });
  expect(approved.data.approveEvent.__typename).toBe('MutationApproveEventSuccess');
  const invite = await host.gql(`mutation($e: ID!, $m: String!) { inviteCoHost(eventId: $e, email: $m) { ... on MutationInviteCoHostSuccess { data { id } } ${ERR} } }`, { e: hosted.id, m: coHost.email });
  const accepted = await coHost.gql(`mutation($i: ID!) { acceptCoHostInvite(inviteId: $i) { __typename ${ERR} } }`, { i: invite.data.inviteCoHost.data.id });
  expect(accepted.data.acceptCoHostInvite.__typename).toBe('MutationAcceptCoHostInviteSuccess');
  // Seat 1: a full event with a waitlist (3 places, one the organiser's own), and a member's first event still waiting
  // for approval (counts nothing).
  const small = await host$(organiser, template, inSeat(s1, { capacity: 3 }));
  const pending = await host$(member, template, inSeat(s1, { capacity: 10 }));
  expect(pending.status).toBe('DRAFT');
  events = { shifted, hosted, small, pending };
  expect([shifted, hosted, small].map((e) => e.constituency?.code)).toEqual([s0.code, s0.code, s1.code]);

  const [v1, v2, v3, v4, v5, v6] = volunteers as [Member, Member, Member, Member, Member, Member];
  const [morning, afternoon] = shifted.shifts as [{ id: string }, { id: string }];
  expect(await book(v1, shifted.id, morning.id)).toBe('GOING');
  expect(await book(v1, shifted.id, afternoon.id)).toBe('GOING');
  expect(await book(v2, shifted.id, morning.id)).toBe('GOING');
  expect(await book(v3, shifted.id, morning.id)).toBe('WAITLISTED');
  expect(await book(v5, small.id)).toBe('GOING');
  expect(await book(v6, small.id)).toBe('GOING');
  expect(await book(v4, small.id)).toBe('WAITLISTED');
  // Lifts to the host's event: a driver (booked by offering) and two riders (booked by asking), one of them matched.
  // Early enough for the route from LS6 to reach the seat before the start (lifts must arrive in time).
  const departAt = new Date(Date.parse(base.startsAt) - 5 * 3_600_000).toISOString();
  const offer = await v4.gql(`mutation($e: ID!, $i: LiftOfferInput!) { offerLift(eventId: $e, input: $i) { ... on MutationOfferLiftSuccess { data { id } } ${ERR} } }`, {
    e: hosted.id,
    i: { postcode: 'LS6 1AN', departAt, seats: 3, maxDetourKm: 60 },
  });
  const offerId = offer.data.offerLift.data.id;
  const ask = async (c: Client, seatsWanted: number) =>
    (await c.gql(`mutation($e: ID!, $i: LiftRequestInput!) { requestLift(eventId: $e, input: $i) { ... on MutationRequestLiftSuccess { data { id } } ${ERR} } }`, { e: hosted.id, i: { postcode: 'LS6 2AA', seats: seatsWanted } }))
      .data.requestLift.data.id;
  const matchedRequest = await ask(member, 1);
  await ask(v3, 1);
  const proposal = await member.gql(`mutation($o: ID!, $r: ID!) { proposeLift(offerId: $o, requestId: $r) { ... on MutationProposeLiftSuccess { data { id } } ${ERR} } }`, { o: offerId, r: matchedRequest });
  const acceptLift = await v4.gql(`mutation($m: ID!) { acceptLift(matchId: $m) { __typename ${ERR} } }`, { m: proposal.data.proposeLift.data.id });
  expect(acceptLift.data.acceptLift.__typename).toBe('MutationAcceptLiftSuccess');
  // Check-ins (the check-in screen's own rules are tested in check-in.test.ts): attended, a no-show, a walk-in.
  await api.prisma.attendance.createMany({
    data: [
      { eventId: uuidOf(shifted.id), userId: uuidOf(v1.userId), status: 'ATTENDED' },
      { eventId: uuidOf(shifted.id), userId: uuidOf(v2.userId), status: 'NO_SHOW' },
      { eventId: uuidOf(small.id), userId: uuidOf(v5.userId), status: 'ATTENDED' },
      { eventId: uuidOf(small.id), walkIn: true, walkInName: 'Wanda Walkin', status: 'ATTENDED' },
    ],
  });
});

interface Figures {
  code: string;
  goal: number;
  shifts: number;
  places: number | null;
  signUps: number;
  checkIns: number;
  liftSeatsWanted: number;
  liftSeatsOffered: number;
  ridersUnmatched: number;
}

/** Every figure again, one subquery each, straight from the tables. */
async function independently(): Promise<Figures[]> {
  return api.prisma.$queryRaw<Figures[]>`
    WITH counted AS (
      SELECT e.* FROM events e JOIN campaigns c ON c.id = e.campaign_id
      WHERE c.id = ${campaignUuid}::uuid AND e.status = 'PUBLISHED' AND e.online = false
        AND e.starts_at >= c.starts_at AND e.ends_at <= c.ends_at
    )
    SELECT cs.constituency_code AS code, cs.goal,
      ((SELECT count(*) FROM event_shifts s WHERE s.event_id IN (SELECT id FROM counted WHERE constituency_code = cs.constituency_code))
        + (SELECT count(*) FROM counted e WHERE e.constituency_code = cs.constituency_code AND e.id NOT IN (SELECT event_id FROM event_shifts)))::int AS shifts,
      (CASE WHEN EXISTS (SELECT 1 FROM event_shifts s JOIN counted e ON e.id = s.event_id WHERE e.constituency_code = cs.constituency_code AND s.capacity IS NULL)
              OR EXISTS (SELECT 1 FROM counted e WHERE e.constituency_code = cs.constituency_code AND e.capacity IS NULL AND e.id NOT IN (SELECT event_id FROM event_shifts))
            THEN NULL
            ELSE (SELECT coalesce(sum(s.capacity), 0) FROM event_shifts s JOIN counted e ON e.id = s.event_id WHERE e.constituency_code = cs.constituency_code)
               + (SELECT coalesce(sum(e.capacity), 0) FROM counted e WHERE e.constituency_code = cs.constituency_code AND e.id NOT IN (SELECT event_id FROM event_shifts))
       END)::int AS places,
      (SELECT count(*) FROM rsvps r WHERE r.status = 'GOING' AND r.event_id IN (SELECT id FROM counted WHERE constituency_code = cs.constituency_code))::int AS "signUps",
      (SELECT count(*) FROM attendances a WHERE a.status = 'ATTENDED' AND a.event_id IN (SELECT id FROM counted WHERE constituency_code = cs.constituency_code))::int AS "checkIns",
      (SELECT coalesce(sum(q.seats), 0) FROM lift_requests q WHERE q.status <> 'CANCELLED' AND q.event_id IN (SELECT id FROM counted WHERE constituency_code = cs.constituency_code))::int AS "liftSeatsWanted",
      (SELECT coalesce(sum(o.seats), 0) FROM lift_offers o WHERE o.status = 'OPEN' AND o.event_id IN (SELECT id FROM counted WHERE constituency_code = cs.constituency_code))::int AS "liftSeatsOffered",
      (SELECT coalesce(sum(q.seats), 0) FROM lift_requests q WHERE q.status = 'OPEN' AND q.event_id IN (SELECT id FROM counted WHERE constituency_code = cs.constituency_code))::int AS "ridersUnmatched"
    FROM campaign_seats cs WHERE cs.campaign_id = ${campaignUuid}::uuid ORDER BY cs.constituency_code`;
}

async function board(client: Client = organiser) {
  const res = await client.gql(BOARD, { campaignId });
  expect(res.data.campaignCoverage.__typename, JSON.stringify(res)).toBe('QueryCampaignCoverageSuccess');
  return res.data.campaignCoverage.data as { filename: string; csv: string; seats: (Figures & { name: string; shortfall: number; coverage: number })[] };
}

describe('the coverage board', () => {
  test('every figure matches an independent recount', async () => {
    const { seats: got } = await board();
    const want = await independently();
    const strip = ({ name: _n, shortfall: _s, coverage: _c, ...figures }: (typeof got)[number]) => figures;
    expect([...got].sort((a, b) => a.code.localeCompare(b.code)).map(strip)).toEqual(want);
    for (const s of got) {
      expect(s.shortfall).toBe(Math.max(0, s.goal - s.signUps));
      expect(s.coverage).toBeCloseTo(s.signUps / s.goal, 10);
    }
    // And the numbers this world was built to give (so an empty or wrong recount cannot pass).
    const [s0, s1, s2] = seats.map((s) => got.find((g) => g.code === s.code)!);
    // Seat 0: three shifts (two + the host's event), places unlimited (the afternoon shift); v1 twice, v2, and on the
    // host's event the host, the driver and two riders; v3 waitlisted on the morning does not count.
    expect(s0).toMatchObject({ goal: 4, shifts: 3, places: null, signUps: 7, shortfall: 0, checkIns: 1, liftSeatsWanted: 2, liftSeatsOffered: 3, ridersUnmatched: 1 });
    // Seat 1: one full event, its organiser and two members going (the draft waiting for approval counts nothing), one
    // walk-in and one member checked in.
    expect(s1).toMatchObject({ goal: 3, shifts: 1, places: 3, signUps: 3, shortfall: 0, checkIns: 2, liftSeatsWanted: 0 });
    expect(s2).toMatchObject({ goal: 2, shifts: 0, places: 0, signUps: 0, shortfall: 2, coverage: 0 });
  });

  test('the CSV has the same figures, a header and one row per seat', async () => {
    const { csv, seats: got, filename } = await board();
    expect(filename).toMatch(/^coverage-weekend-.*-coverage\.csv$/);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(csv.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(got.length);
    for (const s of got) {
      const row = rows.find((r) => r.Code === s.code)!;
      expect(row).toMatchObject({
        Seat: s.name,
        'Goal (volunteer-shifts)': String(s.goal),
        'Sign-ups': String(s.signUps),
        Shortfall: String(s.shortfall),
        'Shifts planned': String(s.shifts),
        Places: s.places === null ? 'no limit' : String(s.places),
        'Check-ins': String(s.checkIns),
        'Riders unmatched': String(s.ridersUnmatched),
      });
    }
  });

  const allowed = ['organiser', 'admin'];
  const refused: [string, string][] = [
    ['anonymous', 'AuthenticationError'],
    ['member', 'ForbiddenError'],
    ['host', 'ForbiddenError'],
    ['coHost', 'ForbiddenError'],
    ['elsewhere', 'ForbiddenError'],
  ];
  for (const role of allowed) {
    test(`${role}: sees the board`, async () => {
      expect((await board(roles[role])).seats).toHaveLength(3);
    });
  }
  for (const [role, error] of refused) {
    test(`${role}: ${error}, no figures, and no live ticks`, async () => {
      const res = await roles[role]!.gql(BOARD, { campaignId });
      expect(res.data.campaignCoverage).toEqual({ __typename: error, message: expect.any(String) });
      const cookie = (roles[role] as Client).cookie;
      const stream = await subscribe(api.url, LIVE, { campaignId }, { ...CSRF, ...(cookie ? { cookie } : {}) });
      await stream.waitFor(1);
      expect(stream.events[0]!.payload.data ?? null).toBeNull();
      expect(stream.events[0]!.payload.errors?.[0]?.message).toBeTruthy();
      stream.close();
    });
  }

  test('an unknown campaign is NotFoundError', async () => {
    const res = await organiser.gql(BOARD, { campaignId: Buffer.from('Campaign:00000000-0000-4000-8000-000000000000').toString('base64') });
    expect(res.data.campaignCoverage.__typename).toBe('NotFoundError');
  });
});

describe('live', () => {
  test('a sign-up on a campaign event ticks the board, and the board read again has it', async () => {
    const stream = await subscribe(api.url, LIVE, { campaignId }, { ...CSRF, cookie: organiser.cookie! });
    await stream.waitFor(1);
    const before = (await board()).seats.find((s) => s.code === seats[0]!.code)!.signUps;
    const [newcomer] = await manyMembers(api, 1);
    expect(await book(newcomer!, events.shifted!.id, events.shifted!.shifts[1]!.id)).toBe('GOING');
    await stream.waitFor(2, 90_000);
    expect(stream.events[1]!.payload.data).toMatchObject({ campaignCoverageLive: { campaignId } });
    expect((await board()).seats.find((s) => s.code === seats[0]!.code)!.signUps).toBe(before + 1);
    stream.close();
  });

  test('a check-in on a campaign event ticks the board too', async () => {
    const stream = await subscribe(api.url, LIVE, { campaignId }, { ...CSRF, cookie: organiser.cookie! });
    await stream.waitFor(1);
    const before = (await board()).seats.find((s) => s.code === seats[0]!.code)!.checkIns;
    const walkIn = await organiser.gql(
      `mutation($input: AddWalkInInput!) { addWalkIn(input: $input) { __typename ${ERR} } }`,
      { input: { tapId: randomUUID(), eventId: events.hosted!.id, name: 'Wendy Walkin' } },
    );
    expect(walkIn.data.addWalkIn.__typename, JSON.stringify(walkIn)).toBe('MutationAddWalkInSuccess');
    await stream.waitFor(2, 90_000);
    expect(stream.events[1]!.payload.data).toMatchObject({ campaignCoverageLive: { campaignId } });
    expect((await board()).seats.find((s) => s.code === seats[0]!.code)!.checkIns).toBe(before + 1);
    stream.close();
  });
});

describe('where am I needed?', () => {
  test('shifts within reach, ranked by the shared function, full ones left out; signed-in members only', async () => {
    const origin = seats[1]!;
    const res = await member.gql(NEEDED, { campaignId, input: { location: { lat: origin.lat, lng: origin.lng }, maxKm: 150 } });
    expect(res.data.neededShifts.__typename, JSON.stringify(res)).toBe('QueryNeededShiftsSuccess');
    const got = res.data.neededShifts.data as { eventId: string; shiftId: string | null; seatCode: string; seatGoal: number; stillNeeded: number; distanceKm: number; placesLeft: number | null; liftSeatsAvailable: number; startsAt: string }[];
    // Full ones (seat 1's event, the host's event with its driver and riders, the morning shift) are not offered; the
    // afternoon shift, with no limit, is.
    expect(got.map((g) => g.eventId)).not.toContain(events.small!.id);
    expect(got.map((g) => g.eventId)).not.toContain(events.hosted!.id);
    expect(got.map((g) => g.shiftId)).not.toContain(events.shifted!.shifts[0]!.id);
    expect(got.map((g) => g.shiftId)).toContain(events.shifted!.shifts[1]!.id);
    // A seat still missing half its goal (its organiser is going) comes before the afternoon shift of a seat covered.
    const fresh = await host$(organiser, templateId, inSeat(seats[2]!, { capacity: 5 }));
    const again = await member.gql(NEEDED, { campaignId, input: { location: { lat: origin.lat, lng: origin.lng }, maxKm: 150 } });
    const ranked = again.data.neededShifts.data as typeof got;
    expect(ranked.map((g) => g.shiftId ?? g.eventId)).toEqual([fresh.id, events.shifted!.shifts[1]!.id]);
    expect(ranked[0]).toMatchObject({ seatCode: seats[2]!.code, seatGoal: 2, stillNeeded: 1, placesLeft: 4, liftSeatsAvailable: 0, needsLift: false });
    expect(ranked[1]).toMatchObject({ seatCode: seats[0]!.code, stillNeeded: 0, placesLeft: null });
    // Each score no lower than the next, as the shared ranking orders them.
    const score = (g: (typeof got)[number]) => Math.min(1, g.stillNeeded / g.seatGoal) - DISTANCE_WEIGHT * (g.distanceKm / 150);
    expect(score(ranked[0]!)).toBeGreaterThan(score(ranked[1]!));
    // Without a car and only 1 km on their own, nothing (no car has a free seat on these).
    const walking = await member.gql(NEEDED, { campaignId, input: { location: { lat: origin.lat, lng: origin.lng }, maxKm: 150, ownReachKm: 1 } });
    expect(walking.data.neededShifts.data).toEqual([]);
    // Out of reach: nothing.
    const none = await member.gql(NEEDED, { campaignId, input: { postcode: 'SW1A 1AA', maxKm: 10 } });
    expect(none.data.neededShifts.data).toEqual([]);
    const anonymous = await roles.anonymous!.gql(NEEDED, { campaignId, input: { postcode: 'LS6 1AN', maxKm: 10 } });
    expect(anonymous.data.neededShifts.__typename).toBe('AuthenticationError');
    const bad = await member.gql(NEEDED, { campaignId, input: { postcode: 'LS6 1AN', maxKm: -1 } });
    expect(bad.data.neededShifts.__typename).toBe('ValidationError');
    // A car with 2 seats to the fresh event: its free seats count (the shared liftSeatsAvailable), and the driver,
    // booked by offering, takes one of its places (the shared placesLeft).
    const [driver] = await manyMembers(api, 1);
    const offered = await driver!.gql(`mutation($e: ID!, $i: LiftOfferInput!) { offerLift(eventId: $e, input: $i) { __typename ${ERR} } }`, {
      e: fresh.id,
      i: { postcode: nearestOutcodeTo(seats[2]!), departAt: at(-5), seats: 2, maxDetourKm: 60 },
    });
    expect(offered.data.offerLift.__typename, JSON.stringify(offered)).toBe('MutationOfferLiftSuccess');
    const withCar = await member.gql(NEEDED, { campaignId, input: { location: { lat: origin.lat, lng: origin.lng }, maxKm: 150 } });
    const freshNow = (withCar.data.neededShifts.data as typeof got).find((g) => g.eventId === fresh.id);
    expect(freshNow).toMatchObject({ placesLeft: 3, liftSeatsAvailable: 2 });
  });
});
