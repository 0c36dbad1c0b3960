/**
 * The web's main operations run a fixed number of SQL statements, however long their lists: every list field is
 * batched. Statements are counted where Prisma's Postgres adapter hands them to pg, while one request is served, on
 * data seeded at two list sizes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { type Client, createEvent, departureFor, manyMembers, uuidOf } from './helpers.ts';
import { countingApi } from './statements.ts';

// The web app's own operations, as its build persists and sends them (web/src/generated, written by its `pnpm codegen`).
const webDocuments: string[] = Object.values(
  JSON.parse(readFileSync(new URL('../../web/src/generated/persisted-documents.json', import.meta.url), 'utf8')),
);
function webQuery(name: string): string {
  const found = webDocuments.filter((d) => new RegExp(`\\bquery ${name}\\b`).test(d));
  if (found.length !== 1) throw new Error(`the web app has ${found.length} queries named ${name}`);
  return found[0]!;
}
const EVENT_QUERY = webQuery('Event');
const ORGANISER_LIFTS_QUERY = webQuery('OrganiserLifts');
const MY_PLANS_QUERY = webQuery('MyPlans');
// Not a web page: every event an organiser runs with its attendees, a list inside a list.
const ORGANISED_ATTENDEES_QUERY = /* GraphQL */ `
  query OrganisedAttendees {
    me { organisedEvents { id attendees { id status waitlistPosition person { id displayName } } } }
  }
`;

const counting = countingApi();

const SMALL = 5;
const LARGE = 100;
/**
 * What each operation runs today (Prisma reads each relation level in a statement of its own): raise only with a reason.
 * The event page: 15 since it lists the event's shifts (their bookings' shifts and a series are read only when there are some).
 * The organiser lifts page: 25 since it lists the event's pickup hubs (one statement, whatever their number); 27 since
 * each lift names its shift (one statement for the requests' shifts, one for the cars').
 */
const BUDGET = { eventPage: 15, organiserLifts: 27, myPlans: 10, organisedAttendees: 7 };

// ------------------------------------------------------------------------------------------ counting

/** The SQL statements one request runs, with its data (which must have no errors). */
// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON
async function measure(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<{ statements: string[]; data: any }> {
  const { statements, result: res } = await counting.measure(() => client.gql(query, variables));
  expect(res.errors).toBeUndefined();
  expect(statements.length).toBeGreaterThan(0);
  return { statements, data: res.data };
}


const ids = (clients: { userId: string }[]) => clients.map((c) => uuidOf(c.userId));

/** `n` copies of an event (new ids and titles), starting a minute apart. */
async function copiesOf(eventId: string, n: number, overrides: { organiserId?: string } = {}): Promise<string[]> {
  const { id: _id, createdAt: _c, updatedAt: _u, ...columns } = await counting.api.prisma.event.findUniqueOrThrow({ where: { id: eventId } });
  const rows = await counting.api.prisma.event.createManyAndReturn({
    data: Array.from({ length: n }, (_, i) => ({
      ...columns,
      ...overrides,
      title: `${columns.title} ${i}`,
      startsAt: new Date(columns.startsAt.getTime() + i * 60_000),
    })),
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

// ------------------------------------------------------------------------------------------ seeding

/** An event whose organiser sees `n` attendees: half going, half on the waitlist. */
async function eventWithAttendees(n: number) {
  const [organiser] = await manyMembers(counting.api, 1);
  // The organiser holds one place (they are going to their own event); the first half of the others the rest.
  const capacity = Math.ceil(n / 2) + 1;
  const event = await createEvent(organiser!, { capacity, title: 'Statement count: attendees' });
  const eventId = uuidOf(event.id);
  const attendees = ids(await manyMembers(counting.api, n));
  for (const [i, userId] of attendees.entries()) {
    await counting.api.prisma.rsvp.create({ data: { eventId, userId, status: i < capacity - 1 ? 'GOING' : 'WAITLISTED' } });
  }
  await counting.api.prisma.event.update({ where: { id: eventId }, data: { goingCount: capacity } });
  return { organiser: organiser!, eventId: event.id, waitlisted: n - (capacity - 1) };
}

const VENUE = { lat: 51.5894, lng: -0.2288 };

/** A Hendon canvass with `n` open lift requests, a car for every five, and a proposal for every other request. */
async function eventWithLiftRequests(n: number) {
  const [organiser] = await manyMembers(counting.api, 1);
  const event = await createEvent(organiser!, { kind: 'CANVASS', title: 'Statement count: lifts', postcode: 'NW4 4BT', location: VENUE });
  const eventId = uuidOf(event.id);
  const around = (i: number) => ({ originLat: VENUE.lat + (((i * 37) % 21) - 10) / 150, originLng: VENUE.lng + (((i * 53) % 21) - 10) / 100 });
  const drivers = ids(await manyMembers(counting.api, Math.ceil(n / 5)));
  const offers = await counting.api.prisma.liftOffer.createManyAndReturn({
    data: drivers.map((driverId, i) => ({
      eventId,
      driverId,
      originLabel: 'NW',
      ...around(i + 7),
      departAt: new Date(departureFor(event.startsAt)),
      seats: 4,
      maxDetourKm: 15,
    })),
    select: { id: true },
  });
  const riders = ids(await manyMembers(counting.api, n));
  const requests = await counting.api.prisma.liftRequest.createManyAndReturn({
    data: riders.map((riderId, i) => ({ eventId, riderId, originLabel: 'NW', ...around(i), seats: 1 + (i % 2) })),
    select: { id: true },
  });
  await counting.api.prisma.liftMatch.createMany({
    data: requests
      .filter((_, i) => i % 2 === 0)
      .map((r, i) => ({ offerId: offers[i % offers.length]!.id, requestId: r.id, proposedBy: 'RIDER' as const, detourKm: 2 })),
  });
  return { organiser: organiser!, eventId: event.id };
}

/** A member with `n` bookings (going to every other event, second on the waitlist of the rest) who runs n/10 events. */
async function memberWithPlans(n: number) {
  const [organiser, member, first, second] = await manyMembers(counting.api, 4);
  const event = await createEvent(organiser!, { capacity: 1, title: 'Statement count: plans' });
  const events = await copiesOf(uuidOf(event.id), n);
  const [memberId, firstId, secondId] = ids([member!, first!, second!]);
  const rows = events.flatMap((eventId, i) =>
    i % 2 === 0
      ? [{ eventId, userId: memberId!, status: 'GOING' as const }]
      : [
          { eventId, userId: firstId!, status: 'GOING' as const },
          { eventId, userId: secondId!, status: 'WAITLISTED' as const },
          { eventId, userId: memberId!, status: 'WAITLISTED' as const },
        ],
  );
  for (const data of rows) await counting.api.prisma.rsvp.create({ data });
  await counting.api.prisma.event.updateMany({ where: { id: { in: events } }, data: { goingCount: 1 } });
  await copiesOf(uuidOf(event.id), Math.ceil(n / 10), { organiserId: memberId! });
  return { member: member! };
}

/** An organiser running `n` events with two attendees each (an API client may ask for every list at once). */
async function organiserWithEvents(n: number) {
  const [organiser, first, second] = await manyMembers(counting.api, 3);
  const event = await createEvent(organiser!, { title: 'Statement count: organised' });
  const events = [uuidOf(event.id), ...(await copiesOf(uuidOf(event.id), n - 1))];
  // Without the organiser's own place on the first (the copies have none), every event lists the same two people.
  await counting.api.prisma.rsvp.deleteMany({ where: { eventId: events[0], userId: ids([organiser!])[0] } });
  for (const eventId of events) {
    for (const userId of ids([first!, second!])) await counting.api.prisma.rsvp.create({ data: { eventId, userId, status: 'GOING' } });
  }
  return { organiser: organiser! };
}

// ------------------------------------------------------------------------------------------ the operations

const listed = (statements: string[]) => statements.map((q, i) => `${i + 1}. ${q.replace(/\s+/g, ' ').slice(0, 140)}`).join('\n');

/** Runs an operation on data seeded at both list sizes: the same number of statements, within its budget. */
async function expectFlat(budget: number, run: (n: number) => Promise<string[]>): Promise<void> {
  const small = await run(SMALL);
  const large = await run(LARGE);
  expect(large.length, `${SMALL} rows: ${small.length} statements; ${LARGE} rows: ${large.length}\n${listed(large)}`).toBe(small.length);
  expect(small.length, listed(small)).toBeLessThanOrEqual(budget);
}

describe('statements per operation do not grow with the lists', () => {
  test(`event page (organiser): ${SMALL} and ${LARGE} attendees`, async () => {
    await expectFlat(BUDGET.eventPage, async (n) => {
      const { organiser, eventId, waitlisted } = await eventWithAttendees(n);
      const { statements, data } = await measure(organiser, EVENT_QUERY, { id: eventId });
      const attendees = data.event.attendees as { waitlistPosition: number | null }[];
      expect(attendees).toHaveLength(n + 1);
      expect(attendees.map((a) => a.waitlistPosition).filter((p) => p !== null)).toEqual(Array.from({ length: waitlisted }, (_, i) => i + 1));
      return statements;
    });
  });

  test(`organiser lifts page: ${SMALL} and ${LARGE} lift requests`, async () => {
    await expectFlat(BUDGET.organiserLifts, async (n) => {
      const { organiser, eventId } = await eventWithLiftRequests(n);
      const { statements, data } = await measure(organiser, ORGANISER_LIFTS_QUERY, { id: eventId });
      const requests = data.event.liftRequests as { proposals: unknown[]; candidates: unknown[] | null }[];
      expect(requests).toHaveLength(n);
      expect(requests.filter((r) => r.proposals.length === 1)).toHaveLength(Math.ceil(n / 2));
      expect(requests.every((r) => Array.isArray(r.candidates))).toBe(true);
      expect(requests.some((r) => r.candidates!.length > 0)).toBe(true);
      return statements;
    });
  });

  test(`my plans: ${SMALL} and ${LARGE} bookings`, async () => {
    await expectFlat(BUDGET.myPlans, async (n) => {
      const { member } = await memberWithPlans(n);
      const { statements, data } = await measure(member, MY_PLANS_QUERY);
      const plans = data.me.plans as { status: string; waitlistPosition: number | null }[];
      expect(plans).toHaveLength(n);
      expect(plans.filter((p) => p.status === 'WAITLISTED').map((p) => p.waitlistPosition)).toEqual(Array(Math.floor(n / 2)).fill(2));
      expect(data.me.organisedEvents).toHaveLength(Math.ceil(n / 10));
      return statements;
    });
  });

  test(`attendees of every event an organiser runs: ${SMALL} and ${LARGE} events`, async () => {
    await expectFlat(BUDGET.organisedAttendees, async (n) => {
      const { organiser } = await organiserWithEvents(n);
      const { statements, data } = await measure(organiser, ORGANISED_ATTENDEES_QUERY);
      const events = data.me.organisedEvents as { attendees: unknown[] }[];
      expect(events).toHaveLength(n);
      expect(events.every((e) => e.attendees.length === 2)).toBe(true);
      return statements;
    });
  });
});
