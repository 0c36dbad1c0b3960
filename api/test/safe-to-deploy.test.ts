// Regression tests for the "safe to deploy" security review: each describe names the finding it covers.
import { readPlaces } from '@rallypoint/prisma/seed';
import { distanceKm, snapToGrid } from '@rallypoint/shared';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { change } from '../src/db/change.ts';
import { createPrisma } from '../src/db/client.ts';
import { announce } from '../src/outbox/outbox.ts';
import { migrate } from '../src/db/migrate.ts';
import { type RunningApi, startApi } from '../src/server.ts';
import { scaledRateLimits } from '../src/security/rate-limits.ts';
import { freshDatabase } from './db-utils.ts';
import { seedPlaces } from '@rallypoint/prisma/seed';
import {
  Client,
  CREATE_EVENT,
  createEvent,
  departureFor,
  eventInput,
  grantRole,
  PASSWORD,
  signedUp,
  startTestApi,
  uniqueTag,
  uuidOf,
} from './helpers.ts';
import { subscribe } from './sse.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const OFFER = /* GraphQL */ `
  mutation Offer($eventId: ID!, $input: LiftOfferInput!) {
    offerLift(eventId: $eventId, input: $input) {
      __typename
      ... on MutationOfferLiftSuccess { data { id status } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const REQUEST = /* GraphQL */ `
  mutation Request($eventId: ID!, $input: LiftRequestInput!) {
    requestLift(eventId: $eventId, input: $input) { __typename ... on MutationRequestLiftSuccess { data { id status } } ... on Error { message } }
  }
`;
const PROPOSE = /* GraphQL */ `
  mutation Propose($offerId: ID!, $requestId: ID!) {
    proposeLift(offerId: $offerId, requestId: $requestId) { __typename ... on MutationProposeLiftSuccess { data { id } } ... on Error { message } }
  }
`;
const ACCEPT = /* GraphQL */ `
  mutation Accept($matchId: ID!) { acceptLift(matchId: $matchId) { __typename ... on Error { message } } }
`;
const NODE_EVENT = /* GraphQL */ `
  query Node($id: ID!) {
    node(id: $id) {
      __typename
      ... on LiftOffer { offerStatus: status event { title description status } }
      ... on LiftRequest { requestStatus: status event { title description status } }
      ... on Rsvp { rsvpStatus: status event { title description status } }
    }
  }
`;
const LIVE = /* GraphQL */ `subscription Live($id: ID!) { eventLive(id: $id) { goingCount waitlistCount liftSeatsAvailable liftRequestsOpen status } }`;
const CSRF = { 'x-graphql-yoga-csrf': 'test' };

/** The columns of a plain published event in LS6, for writing one directly. */
async function eventRow(organiserId: string) {
  const start = new Date(Date.now() + 7 * 86_400_000);
  return {
    kind: 'MEETING' as const,
    description: '',
    startsAt: start,
    endsAt: new Date(start.getTime() + 3_600_000),
    venueName: 'Hall',
    address: '1 High St',
    areaLabel: 'LS6',
    exactLat: 53.82,
    exactLng: -1.57,
    lat: 53.82,
    lng: -1.57,
    regionId: 'yorkshire-and-the-humber',
    organiserId,
    status: 'PUBLISHED' as const,
  };
}

/** A published event with an agreed lift: a driver's car and a rider in it. */
async function agreedLift(eventOverrides: Record<string, unknown> = {}) {
  const organiser = await signedUp(api.url);
  const event = await createEvent(organiser, eventOverrides);
  const driver = await signedUp(api.url);
  const rider = await signedUp(api.url);
  const offer = (await driver.gql(OFFER, { eventId: event.id, input: { postcode: 'LS6', departAt: departureFor(event.startsAt), seats: 3, maxDetourKm: 20 } }))
    .data.offerLift.data;
  const request = (await rider.gql(REQUEST, { eventId: event.id, input: { postcode: 'LS6' } })).data.requestLift.data;
  const proposal = (await rider.gql(PROPOSE, { offerId: offer.id, requestId: request.id })).data.proposeLift.data;
  expect((await driver.gql(ACCEPT, { matchId: proposal.id })).data.acceptLift.__typename).toBe('MutationAcceptLiftSuccess');
  return { organiser, event, driver, rider, offer, request, proposal };
}

/** Runs `fn` while updates of one row of `table` matching `when` fail, as a constraint or a crash half-way might. */
async function whileUpdatesFail(table: string, id: string, when: string, fn: () => Promise<void>): Promise<void> {
  const name = `fail_${table}_${id.replace(/-/g, '')}`;
  await api.prisma.$executeRawUnsafe(`CREATE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql`);
  await api.prisma.$executeRawUnsafe(
    `CREATE TRIGGER ${name} BEFORE UPDATE ON ${table} FOR EACH ROW WHEN (OLD.id = '${id}' AND ${when}) EXECUTE FUNCTION ${name}()`,
  );
  try {
    await fn();
  } finally {
    await api.prisma.$executeRawUnsafe(`DROP TRIGGER ${name} ON ${table}`);
    await api.prisma.$executeRawUnsafe(`DROP FUNCTION ${name}()`);
  }
}

const fieldPaths = (result: { fieldErrors?: { path: string[] }[] }) => (result.fieldErrors ?? []).map((e) => e.path.join('.'));

describe('finding 2: an unrepresentable date is a typed ValidationError, and nothing commits before an error', () => {
  const NEAR = /* GraphQL */ `
    query Near($input: EventsNearInput!) {
      eventsNear(input: $input) {
        __typename
        ... on EventsNearConnection { edges { node { id } } }
        ... on ValidationError { message fieldErrors { path message } }
      }
    }
  `;
  const IN_BOX = /* GraphQL */ `
    query Box($from: DateTime) {
      eventsInBox(box: { west: -2, south: 53, east: -1, north: 54 }, from: $from) {
        __typename
        ... on QueryEventsInBoxSuccess { data { id } }
        ... on ValidationError { fieldErrors { path message } }
      }
    }
  `;
  const ORGANISED = /* GraphQL */ `query { me { organisedEvents { id startsAt } } }`;

  test('a start in year 10000 is refused with a field error and stored nowhere; discovery keeps working', async () => {
    const member = await signedUp(api.url);
    const tag = uniqueTag();
    for (const startsAt of ['+010000-01-01T00:00:00Z', '-004713-01-01T00:00:00Z', '2026-02-30T10:00:00Z', 'soon']) {
      const res = await member.gql(CREATE_EVENT, { input: eventInput({ title: `Far ${tag}`, startsAt }) });
      expect(res.status).toBe(200);
      expect(res.data.createEvent.__typename, startsAt).toBe('ValidationError');
      expect(fieldPaths(res.data.createEvent)).toContain('startsAt');
    }
    const threeYears = new Date(Date.now() + 3 * 366 * 86_400_000);
    const far = await member.gql(CREATE_EVENT, {
      input: eventInput({ title: `Far ${tag}`, startsAt: threeYears.toISOString(), endsAt: new Date(threeYears.getTime() + 3_600_000).toISOString() }),
    });
    expect(far.data.createEvent).toMatchObject({ __typename: 'ValidationError', message: expect.stringMatching(/Start must be on or before/) });
    expect(await api.prisma.event.count({ where: { title: `Far ${tag}` } })).toBe(0);

    expect((await member.gql(NEAR, { input: { postcode: 'LS6', radiusKm: 50 } })).data.eventsNear.__typename).toBe('EventsNearConnection');
    expect((await member.gql(IN_BOX, {})).data.eventsInBox.__typename).toBe('QueryEventsInBoxSuccess');
    expect((await member.gql(ORGANISED)).errors).toBeUndefined();
  });

  test('negative and five-digit years in searches and departures are field errors, never internal errors', async () => {
    const member = await signedUp(api.url);
    for (const from of ['-004713-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '1999-12-31T23:59:59Z']) {
      const near = await member.gql(NEAR, { input: { postcode: 'LS6', from } });
      expect(near.errors, from).toBeUndefined();
      expect(near.data.eventsNear.__typename).toBe('ValidationError');
      expect(fieldPaths(near.data.eventsNear)).toEqual(['from']);
      const box = await member.gql(IN_BOX, { from });
      expect(box.data.eventsInBox.__typename).toBe('ValidationError');
    }
    const event = await createEvent(await signedUp(api.url));
    for (const departAt of ['-004713-01-01T00:00:00Z', '+010000-01-01T00:00:00Z', new Date(Date.parse(event.startsAt) - 2 * 86_400_000).toISOString()]) {
      const res = await member.gql(OFFER, { eventId: event.id, input: { postcode: 'LS6', departAt, seats: 2, maxDetourKm: 5 } });
      expect(res.errors, departAt).toBeUndefined();
      expect(res.data.offerLift.__typename).toBe('ValidationError');
      expect(fieldPaths(res.data.offerLift)).toEqual(['departAt']);
    }
    expect(await api.prisma.liftOffer.count({ where: { eventId: uuidOf(event.id) } })).toBe(0);
  });

  test('a change whose read-back fails commits nothing (the read-back is inside the transaction)', async () => {
    const tag = uniqueTag();
    const organiser = await signedUp(api.url);
    const organiserId = uuidOf(organiser.userId);
    const attempt = change({ prisma: api.prisma, outbox: api.outbox }, 'test', async (tx) => {
      const created = await tx.event.create({
        data: { ...(await eventRow(organiserId)), title: `Read-back ${tag}` },
      });
      await announce(tx, { topic: 'event:published', payload: { eventId: created.id, lat: 0, lng: 0 } });
      // What a failed read-back looks like from here.
      throw new Error(`reading ${created.id} back failed`);
    });
    await expect(attempt).rejects.toThrow(/reading .* back failed/);
    expect(await api.prisma.event.count({ where: { title: `Read-back ${tag}` } })).toBe(0);
    // Nothing announced either: what did not commit is never published.
    const rows = await api.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM outbox WHERE payload->>'lat' = '0' AND payload->>'lng' = '0'`;
    expect(rows[0]!.n).toBe(0);
  });

  test('createEvent reads its answer back before it commits, so it never answers for a row already committed', async () => {
    // A deferred trigger renames the venue at COMMIT: an answer read inside the transaction still has the old name.
    const tag = uniqueTag();
    const fn = `rename_at_commit_${tag}`;
    await api.prisma.$executeRawUnsafe(
      `CREATE FUNCTION ${fn}() RETURNS trigger AS $$ BEGIN UPDATE events SET venue_name = 'Renamed at commit' WHERE id = NEW.id; RETURN NULL; END $$ LANGUAGE plpgsql`,
    );
    await api.prisma.$executeRawUnsafe(
      `CREATE CONSTRAINT TRIGGER ${fn} AFTER INSERT ON events DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.title = 'Read-back ${tag}') EXECUTE FUNCTION ${fn}()`,
    );
    try {
      const member = await signedUp(api.url);
      const res = await member.gql(CREATE_EVENT, { input: eventInput({ title: `Read-back ${tag}`, venueName: 'As sent' }) });
      expect(res.data.createEvent.data.venueName).toBe('As sent');
      // The trigger did run at commit.
      expect((await api.prisma.event.findFirstOrThrow({ where: { title: `Read-back ${tag}` } })).venueName).toBe('Renamed at commit');
    } finally {
      await api.prisma.$executeRawUnsafe(`DROP TRIGGER ${fn} ON events`);
      await api.prisma.$executeRawUnsafe(`DROP FUNCTION ${fn}()`);
    }
  });
});

describe('finding 3: drafts never leak through lifts; lifts end when their event is unpublished or cancelled', () => {
  async function eventWithLifts() {
    const lift = await agreedLift({ title: 'Secret plans', description: 'Not for everyone' });
    const attendee = await signedUp(api.url);
    const rsvp = (await attendee.gql('mutation($id: ID!) { rsvp(eventId: $id) { ... on MutationRsvpSuccess { data { id } } } }', { id: lift.event.id }))
      .data.rsvp.data;
    return { ...lift, attendee, rsvp };
  }

  test('unpublished: nobody but its organisers reaches the draft through an offer, a request or an RSVP, and its lifts end', async () => {
    const s = await eventWithLifts();
    const stranger = await signedUp(api.url);
    const res = await s.organiser.gql('mutation($id: ID!) { unpublishEvent(id: $id) { __typename } }', { id: s.event.id });
    expect(res.data.unpublishEvent.__typename).toBe('MutationUnpublishEventSuccess');
    for (const [who, client] of [
      ['stranger', stranger],
      ['driver', s.driver],
      ['rider', s.rider],
      ['attendee', s.attendee],
      ['anonymous', new Client(api.url)],
    ] as const) {
      for (const id of [s.offer.id, s.request.id, s.rsvp.id]) {
        const node = await client.gql(NODE_EVENT, { id });
        expect(node.data.node, `${who} reading ${id}`).toBeNull();
        expect(JSON.stringify(node)).not.toContain('Secret plans');
      }
    }
    const plans = await s.attendee.gql('query { me { plans { event { title } } } }');
    expect(JSON.stringify(plans.data)).not.toContain('Secret plans');
    const [offer, request] = await Promise.all([
      api.prisma.liftOffer.findUniqueOrThrow({ where: { id: uuidOf(s.offer.id) } }),
      api.prisma.liftRequest.findUniqueOrThrow({ where: { id: uuidOf(s.request.id) } }),
    ]);
    expect([offer.status, offer.seatsTaken, request.status]).toEqual(['CANCELLED', 0, 'CANCELLED']);
    expect(await api.prisma.liftMatch.count({ where: { offerId: offer.id, status: { in: ['PROPOSED', 'ACCEPTED'] } } })).toBe(0);
    // Its organiser still sees it, as a draft.
    expect((await s.organiser.gql('query($id: ID!) { event(id: $id) { title status } }', { id: s.event.id })).data.event).toEqual({
      title: 'Secret plans',
      status: 'DRAFT',
    });
  });

  test('cancelled: its offers and requests end, so none stays on offer', async () => {
    const s = await eventWithLifts();
    const res = await s.organiser.gql('mutation($id: ID!) { cancelEvent(id: $id) { __typename } }', { id: s.event.id });
    expect(res.data.cancelEvent.__typename).toBe('MutationCancelEventSuccess');
    const offer = await api.prisma.liftOffer.findUniqueOrThrow({ where: { id: uuidOf(s.offer.id) } });
    const request = await api.prisma.liftRequest.findUniqueOrThrow({ where: { id: uuidOf(s.request.id) } });
    expect([offer.status, request.status]).toEqual(['CANCELLED', 'CANCELLED']);
    const stranger = await signedUp(api.url);
    expect((await stranger.gql(NODE_EVENT, { id: s.offer.id })).data.node).toBeNull();
  });
});

describe('finding 4: a pin is labelled from its ~1 km square, never from where it really was', () => {
  test('25 pins inside one square all get the same label', async () => {
    // A square that straddles a district boundary: its corners are nearest to different district centres.
    const outcodes = readPlaces().outcodes;
    const nearest = (p: { lat: number; lng: number }) => outcodes.reduce((a, b) => (distanceKm(p, a) <= distanceKm(p, b) ? a : b)).code;
    const grid = (centre: { lat: number; lng: number }) =>
      Array.from({ length: 25 }, (_, i) => ({ lat: centre.lat + ((i % 5) - 2) * 0.0019, lng: centre.lng + (Math.floor(i / 5) - 2) * 0.0031 }));
    let cell: { lat: number; lng: number } | null = null;
    for (let step = 0; step < 400 && !cell; step++) {
      const c = snapToGrid({ lat: 53.8 + (step % 20) * 0.009, lng: -1.6 + Math.floor(step / 20) * 0.015 });
      const pins = grid(c).filter((p) => snapToGrid(p).lat === c.lat && snapToGrid(p).lng === c.lng);
      if (pins.length === 25 && new Set(pins.map(nearest)).size > 1) cell = c;
    }
    expect(cell, 'a square on a district boundary near Leeds').not.toBeNull();
    const member = await signedUp(api.url);
    const labels = new Set<string>();
    for (const pin of grid(cell!)) {
      const res = await member.gql(
        'mutation($i: HomeAreaInput!) { setHomeArea(input: $i) { ... on MutationSetHomeAreaSuccess { data { homeArea { label location { lat lng } } } } } }',
        { i: { location: pin } },
      );
      const area = res.data.setHomeArea.data.homeArea;
      expect(area.location).toEqual(cell);
      labels.add(area.label);
    }
    expect([...labels]).toEqual([nearest(cell!)]);
  });
});

describe('finding 7: the pin, the postcode and the seat must agree, so a rally is published only in its region', () => {
  test('a London organiser cannot place a rally in Leeds by any mix of pin, postcode and seat', async () => {
    const organiser = await signedUp(api.url);
    await grantRole(api.prisma, organiser.userId, 'ORGANISER', ['london']);
    const leeds = { lat: 53.8201, lng: -1.5707 };
    const rally = (extra: Record<string, unknown>) =>
      organiser.gql(CREATE_EVENT, { input: eventInput({ kind: 'RALLY', title: 'Big rally', ...extra }) });
    // A Leeds postcode with a Leeds pin: the rally is in Yorkshire.
    expect((await rally({ postcode: 'LS6 1AN', location: leeds })).data.createEvent).toMatchObject({ __typename: 'ValidationError' });
    // A London postcode with a Leeds pin: they disagree.
    const mixed = (await rally({ postcode: 'SW1A 1AA', location: leeds })).data.createEvent;
    expect(mixed.__typename).toBe('ValidationError');
    expect(fieldPaths(mixed)).toEqual(['location']);
    // A Leeds postcode with a London seat (Barking): the seat is 270 km from the venue.
    const seat = (await rally({ postcode: 'LS6 1AN', constituencyCode: 'E14001073' })).data.createEvent;
    expect(seat.__typename).toBe('ValidationError');
    expect(fieldPaths(seat)).toEqual(['constituencyCode']);
    expect(seat.message).toMatch(/km from Barking/);
    expect(await api.prisma.event.count({ where: { organiserId: uuidOf(organiser.userId) } })).toBe(0);
    // In London, with a London pin and seat, it works.
    const ok = (await rally({ postcode: 'IG11 7QJ', location: { lat: 51.5362, lng: 0.0817 }, constituencyCode: 'E14001073' })).data.createEvent;
    expect(ok.__typename).toBe('MutationCreateEventSuccess');
    expect(ok.data.region.id).toBe('london');
  });

  test('a canvass for a seat may meet just over its boundary, in the seat’s region', async () => {
    const member = await signedUp(api.url);
    // Leeds Central and Headingley, meeting at the LS6 district centre.
    const res = await member.gql(CREATE_EVENT, { input: eventInput({ kind: 'CANVASS', postcode: 'LS6 1AN', constituencyCode: 'E14001319' }) });
    expect(res.data.createEvent.__typename).toBe('MutationCreateEventSuccess');
  });
});

describe('finding 10: odd text, signing out everywhere, a new calendar link', () => {
  test('titles of invisible characters and text-direction overrides are refused', async () => {
    const member = await signedUp(api.url);
    for (const title of ['\u200b\u200b\u200b\u200b\u200b', '\u2060\ufeff\u200d\u200c', 'Meeting\u202eevil', 'Rally \u2066now\u2069']) {
      const res = await member.gql(CREATE_EVENT, { input: eventInput({ title }) });
      expect(res.data.createEvent.__typename, JSON.stringify(title)).toBe('ValidationError');
      expect(fieldPaths(res.data.createEvent)).toEqual(['title']);
    }
    const named = await new Client(api.url).gql(
      'mutation($i: SignUpInput!) { signUp(input: $i) { __typename ... on ValidationError { fieldErrors { path } } } }',
      { i: { email: `bidi-${uniqueTag()}@example.org`, password: PASSWORD, firstName: 'Ann\u202e', lastName: '\u200b' } },
    );
    expect(fieldPaths(named.data.signUp).sort()).toEqual(['firstName', 'lastName']);
  });

  test('sign out everywhere ends every session of mine, on every device', async () => {
    const member = await signedUp(api.url);
    const laptop = new Client(api.url);
    const phone = new Client(api.url);
    for (const device of [laptop, phone]) {
      const res = await device.gql('mutation($i: SignInInput!) { signIn(input: $i) { __typename } }', { i: { email: member.email, password: PASSWORD } });
      expect(res.data.signIn.__typename).toBe('MutationSignInSuccess');
    }
    const other = await signedUp(api.url);
    const res = await phone.gql('mutation { signOutEverywhere { __typename ... on MutationSignOutEverywhereSuccess { data } } }');
    expect(res.data.signOutEverywhere.data).toBe(3);
    for (const device of [member, laptop, phone]) expect((await device.gql('{ me { id } }')).data.me).toBeNull();
    expect((await other.gql('{ me { id } }')).data.me).not.toBeNull();
  });

  test('a new calendar link: the old one stops working at once', async () => {
    const member = await signedUp(api.url);
    const old = (await member.gql('{ me { calendarFeedUrl } }')).data.me.calendarFeedUrl as string;
    const path = (url: string) => new URL(url).pathname;
    expect((await member.get(path(old))).status).toBe(200);
    const res = await member.gql('mutation { rotateCalendarFeed { __typename ... on MutationRotateCalendarFeedSuccess { data { calendarFeedUrl } } } }');
    const fresh = res.data.rotateCalendarFeed.data.calendarFeedUrl as string;
    expect(fresh).not.toBe(old);
    expect((await member.get(path(old))).status).toBe(404);
    expect((await member.get(path(fresh))).status).toBe(200);
  });
});

describe('finding 11: one transaction per change, and every path tells the people watching', () => {
  test('deleting an account that fails half-way changes nothing at all', async () => {
    const organiser = await signedUp(api.url);
    // Two places: the organiser's own and the member's.
    const event = await createEvent(organiser, { capacity: 2 });
    const member = await signedUp(api.url);
    const waiting = await signedUp(api.url);
    const rsvp = 'mutation($id: ID!) { rsvp(eventId: $id) { ... on MutationRsvpSuccess { data { status } } } }';
    expect((await member.gql(rsvp, { id: event.id })).data.rsvp.data.status).toBe('GOING');
    expect((await waiting.gql(rsvp, { id: event.id })).data.rsvp.data.status).toBe('WAITLISTED');
    const own = await createEvent(member, { title: 'Member’s own meeting' });
    // The last step (anonymising the account row) fails.
    await whileUpdatesFail('users', uuidOf(member.userId), 'NEW.deleted_at IS NOT NULL', async () => {
      const res = await member.gql('mutation($p: String!) { deleteAccount(password: $p) { __typename } }', { p: PASSWORD });
      expect(res.errors?.length).toBeGreaterThan(0);
    });
    // Nothing happened: the member's event is not cancelled, their place not given away, their session alive.
    expect((await api.prisma.event.findUniqueOrThrow({ where: { id: uuidOf(own.id) } })).status).toBe('PUBLISHED');
    const rows = await api.prisma.rsvp.findMany({ where: { eventId: uuidOf(event.id) }, orderBy: { seq: 'asc' }, select: { status: true } });
    expect(rows.map((r) => r.status)).toEqual(['GOING', 'GOING', 'WAITLISTED']);
    expect((await member.gql('{ me { id } }')).data.me).not.toBeNull();
  });

  test('an account deletion frees its place, and the people watching the event see the waitlist move', async () => {
    const organiser = await signedUp(api.url);
    // Two places: the organiser's own and the member's.
    const event = await createEvent(organiser, { capacity: 2 });
    const member = await signedUp(api.url);
    const waiting = await signedUp(api.url);
    const rsvp = 'mutation($id: ID!) { rsvp(eventId: $id) { __typename } }';
    await member.gql(rsvp, { id: event.id });
    await waiting.gql(rsvp, { id: event.id });
    const watcher = await subscribe<{ eventLive: { goingCount: number; waitlistCount: number } }>(api.url, LIVE, { id: event.id }, CSRF);
    await watcher.waitUntil(({ eventLive: e }) => e.goingCount === 2 && e.waitlistCount === 1);
    const res = await member.gql('mutation($p: String!) { deleteAccount(password: $p) { __typename } }', { p: PASSWORD });
    expect(res.data.deleteAccount.__typename).toBe('MutationDeleteAccountSuccess');
    await watcher.waitUntil(({ eventLive: e }) => e.goingCount === 2 && e.waitlistCount === 0);
    watcher.close();
  });

  test("a driver's account deletion: watchers see their own event cancelled, their car gone and the rider looking again", async () => {
    const { driver, event } = await agreedLift();
    const own = await createEvent(driver, { title: 'Driver’s own meeting' });
    type Live = { eventLive: { status: string; liftSeatsAvailable: number; liftRequestsOpen: number } };
    const ownWatcher = await subscribe<Live>(api.url, LIVE, { id: own.id }, CSRF);
    const liftWatcher = await subscribe<Live>(api.url, LIVE, { id: event.id }, CSRF);
    await ownWatcher.waitUntil(({ eventLive: e }) => e.status === 'PUBLISHED');
    // Three seats, the rider in one; nobody else asking.
    await liftWatcher.waitUntil(({ eventLive: e }) => e.liftSeatsAvailable === 2 && e.liftRequestsOpen === 0);
    const res = await driver.gql('mutation($p: String!) { deleteAccount(password: $p) { __typename } }', { p: PASSWORD });
    expect(res.data.deleteAccount.__typename).toBe('MutationDeleteAccountSuccess');
    await ownWatcher.waitUntil(({ eventLive: e }) => e.status === 'CANCELLED', 30_000);
    await liftWatcher.waitUntil(({ eventLive: e }) => e.liftSeatsAvailable === 0 && e.liftRequestsOpen === 1, 30_000);
    ownWatcher.close();
    liftWatcher.close();
  });

  test("a rider's cancel that fails half-way leaves the agreed lift as it was", async () => {
    const { rider, offer, request, proposal } = await agreedLift();
    const id = uuidOf(request.id);
    await whileUpdatesFail('lift_requests', id, "NEW.status = 'CANCELLED'", async () => {
      const res = await rider.gql('mutation($id: ID!) { cancelLiftRequest(id: $id) { __typename } }', { id: request.id });
      expect(res.errors?.length).toBeGreaterThan(0);
    });
    const match = await api.prisma.liftMatch.findUniqueOrThrow({ where: { id: uuidOf(proposal.id) } });
    const car = await api.prisma.liftOffer.findUniqueOrThrow({ where: { id: uuidOf(offer.id) } });
    const row = await api.prisma.liftRequest.findUniqueOrThrow({ where: { id } });
    expect([match.status, car.seatsTaken, row.status]).toEqual(['ACCEPTED', 1, 'MATCHED']);
  });

  test('candidates: a database failure is an error, not "no cars"', async () => {
    // Its own database, which the test breaks: the function every geo query uses goes away.
    const db = await freshDatabase(inject('adminUrl'), 'candidates_outage');
    await migrate(db.url);
    const own = await startApi(db.url, { port: 0, host: '127.0.0.1', rateLimits: scaledRateLimits(1000), redisUrl: null }, (p) => seedPlaces(p).then(() => {}));
    try {
      const organiser = await signedUp(own.url);
      const event = await createEvent(organiser);
      const rider = await signedUp(own.url);
      const request = (await rider.gql(REQUEST, { eventId: event.id, input: { postcode: 'LS6' } })).data.requestLift.data;
      const query = 'query($id: ID!) { node(id: $id) { ... on LiftRequest { candidates { detourKm } } } }';
      expect((await rider.gql(query, { id: request.id })).data.node.candidates).toEqual([]);
      const admin = createPrisma(db.url);
      await admin.$executeRawUnsafe('ALTER FUNCTION rp_earth(double precision, double precision) RENAME TO rp_earth_gone');
      await admin.$disconnect();
      const broken = await rider.gql(query, { id: request.id });
      expect(broken.errors?.length).toBeGreaterThan(0);
    } finally {
      await own.close();
      await db.drop();
    }
  });
});
