import {
  buildDemo,
  DEMO_ADMIN_EMAIL,
  DEMO_MEMBER_EMAIL,
  DEMO_MEMBER_HOME,
  DEMO_PAST_EVENT_ID,
  type DemoData,
  demoOrganiserEmail,
  isDemoMarginal,
  readPlaces,
  seedBenchEvents,
  seedDemo,
  seedDemoIfEmpty,
  seedPlaces,
} from '@rallypoint/prisma/seed';
import { distanceKm, hubNameKey, LIMITS, parsePlaceQuery, snapToGrid, TIME_ZONE } from '@rallypoint/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrisma, type Db } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { freshDatabase } from './db-utils.ts';

const NOW = new Date('2026-11-21T09:15:00Z');
const GB = { south: 49.8, north: 60.95, west: -8.7, east: 1.8 };
const inGb = (p: { lat: number; lng: number }) =>
  p.lat >= GB.south && p.lat <= GB.north && p.lng >= GB.west && p.lng <= GB.east;
const localTime = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

describe('buildDemo (pure)', () => {
  const places = readPlaces();
  const demo: DemoData = buildDemo(places, NOW);
  const seats = new Map(places.constituencies.map((c) => [c.code, c]));
  const outcodes = new Map(places.outcodes.map((o) => [o.code, o]));
  const published = demo.events.filter((e) => e.status === 'PUBLISHED');

  it('is deterministic: the same day gives the same rows, another day other dates', () => {
    expect(buildDemo(places, new Date('2026-11-21T23:30:00Z'))).toEqual(demo);
    const tomorrow = buildDemo(places, new Date('2026-11-22T09:15:00Z'));
    expect(tomorrow.users.map((u) => u.email)).toEqual(demo.users.map((u) => u.email));
    expect(tomorrow.events.map((e) => e.startsAt)).not.toEqual(demo.events.map((e) => e.startsAt));
  });

  it('has ~300 upcoming published events in Great Britain over the next 8 weeks, at sensible UK hours', () => {
    expect(published.length).toBeGreaterThanOrEqual(280);
    expect(published.length).toBeLessThanOrEqual(320);
    const horizon = NOW.getTime() + 57 * 86_400_000;
    for (const e of demo.events.filter((x) => x.id !== DEMO_PAST_EVENT_ID)) {
      expect(e.startsAt.getTime()).toBeGreaterThan(NOW.getTime());
      expect(e.startsAt.getTime()).toBeLessThan(horizon);
      expect(inGb({ lat: e.exactLat, lng: e.exactLng }) && inGb(e)).toBe(true);
      const [hour, minute] = localTime.format(e.startsAt).split(':').map(Number) as [number, number];
      expect(hour).toBeGreaterThanOrEqual(9);
      expect(hour).toBeLessThanOrEqual(20);
      expect([0, 30]).toContain(minute);
      const minutes = (e.endsAt.getTime() - e.startsAt.getTime()) / 60_000;
      expect(minutes % 30).toBe(0);
      expect(minutes).toBeGreaterThanOrEqual(60);
      expect(minutes).toBeLessThanOrEqual(240);
    }
    // Spread: every GB region has events.
    const regions = new Set(published.map((e) => e.regionId));
    for (const r of places.regions) if (r.id !== 'northern-ireland') expect(regions).toContain(r.id);
  });

  it('puts canvasses only in marginal seats (never the Speaker’s), near the seat', () => {
    const canvasses = published.filter((e) => e.kind === 'CANVASS');
    expect(canvasses.length).toBeGreaterThan(50);
    for (const e of demo.events) {
      if (e.kind !== 'CANVASS') {
        expect(e.constituencyCode).toBeNull();
        continue;
      }
      const seat = seats.get(e.constituencyCode ?? '');
      expect(seat).toBeDefined();
      expect(seat!.majorityPct).toBeLessThanOrEqual(5);
      expect(seat!.winner).not.toBe('Spk');
      expect(isDemoMarginal(seat!)).toBe(true);
      expect(e.regionId).toBe(seat!.regionId);
      expect(distanceKm(seat!, { lat: e.exactLat, lng: e.exactLng })).toBeLessThan(2);
    }
  });

  it('shows ATTENDEES-only venues on the ~1 km grid, never exactly', () => {
    const hidden = demo.events.filter((e) => e.addressVisibility === 'ATTENDEES');
    expect(hidden.length / demo.events.length).toBeGreaterThan(0.08);
    expect(hidden.length / demo.events.length).toBeLessThan(0.25);
    for (const e of hidden) {
      const exact = { lat: e.exactLat, lng: e.exactLng };
      expect(e.lat !== e.exactLat || e.lng !== e.exactLng).toBe(true);
      expect(distanceKm(exact, e)).toBeLessThan(1);
      expect({ lat: e.lat, lng: e.lng }).toEqual(snapToGrid(exact));
    }
    for (const e of demo.events.filter((x) => x.addressVisibility === 'PUBLIC')) {
      expect([e.lat, e.lng]).toEqual([e.exactLat, e.exactLng]);
    }
  });

  it('gives every event a known area and a well-formed postcode in it', () => {
    for (const e of demo.events.filter((x) => !x.online)) {
      expect(outcodes.has(e.areaLabel)).toBe(true);
      const parsed = parsePlaceQuery(e.postcode ?? '');
      expect(parsed?.kind).toBe('postcode');
      expect(parsed?.outcode).toBe(e.areaLabel);
      expect(e.title.length).toBeGreaterThanOrEqual(3);
      expect(e.title.length).toBeLessThanOrEqual(120);
    }
    expect(new Set(demo.events.map((e) => e.title)).size).toBeGreaterThan(200);
  });

  it('has the documented logins, coarse homes and private calendar tokens', () => {
    const byEmail = new Map(demo.users.map((u) => [u.email, u]));
    expect(byEmail.size).toBe(demo.users.length);
    expect(byEmail.get(DEMO_ADMIN_EMAIL)?.role).toBe('ADMIN');
    const member = byEmail.get(DEMO_MEMBER_EMAIL);
    expect(member).toMatchObject({ role: 'MEMBER', homeLabel: DEMO_MEMBER_HOME });
    for (const r of places.regions) expect(byEmail.get(demoOrganiserEmail(r.id))?.role).toBe('ORGANISER');
    expect(demo.users.filter((u) => u.role === 'MEMBER').length).toBeGreaterThanOrEqual(40);
    for (const u of demo.users) {
      expect(u.calendarToken).toMatch(/^[0-9a-f]{64}$/);
      if (u.homeLabel === null) continue;
      const centroid = outcodes.get(u.homeLabel)!;
      expect([u.homeLat, u.homeLng]).toEqual([centroid.lat, centroid.lng]);
    }
    expect(new Set(demo.users.map((u) => u.calendarToken)).size).toBe(demo.users.length);
    // One organiser per region.
    expect(demo.organiserRegions.map((o) => o.regionId).sort()).toEqual(places.regions.map((r) => r.id).sort());
  });

  it('has 4–6 big-city rallies by their region’s organiser, and some drafts, cancellations and unlisted events', () => {
    const organiserRegion = new Map(demo.organiserRegions.map((o) => [o.userId, o.regionId]));
    const rallies = published.filter((e) => e.kind === 'RALLY');
    expect(rallies.length).toBeGreaterThanOrEqual(4);
    expect(rallies.length).toBeLessThanOrEqual(6);
    for (const e of rallies) {
      expect(organiserRegion.get(e.organiserId)).toBe(e.regionId);
      expect(e.capacity).toBeGreaterThanOrEqual(300);
      expect(e.capacity).toBeLessThanOrEqual(2000);
    }
    const others = demo.events.filter((e) => e.kind !== 'RALLY');
    const unlimited = others.filter((e) => e.capacity === null).length / others.length;
    expect(unlimited).toBeGreaterThan(0.3);
    expect(unlimited).toBeLessThan(0.5);
    for (const e of others) if (e.capacity !== null) expect(e.capacity).toBeGreaterThanOrEqual(10);
    for (const e of others) if (e.capacity !== null) expect(e.capacity).toBeLessThanOrEqual(60);
    expect(demo.events.filter((e) => e.status === 'DRAFT').length).toBeGreaterThan(0);
    expect(demo.events.filter((e) => e.status === 'CANCELLED').length).toBeGreaterThan(0);
    expect(published.filter((e) => e.visibility === 'UNLISTED').length).toBeGreaterThan(0);
  });

  it('has one past event, near the demo member, with check-ins: attended, a no-show, one unmarked and a walk-in', () => {
    const past = demo.events.filter((e) => e.startsAt.getTime() < NOW.getTime());
    expect(past.map((e) => e.id)).toEqual([DEMO_PAST_EVENT_ID]);
    const member = demo.users.find((u) => u.email === DEMO_MEMBER_EMAIL)!;
    const marks = demo.attendances ?? [];
    expect(marks.every((a) => a.eventId === DEMO_PAST_EVENT_ID)).toBe(true);
    expect(marks.find((a) => a.userId === member.id)?.status).toBe('ATTENDED');
    expect(marks.filter((a) => a.status === 'NO_SHOW')).toHaveLength(1);
    expect(marks.filter((a) => a.walkIn && a.userId === null)).toHaveLength(1);
    const booked = demo.rsvps.filter((r) => r.eventId === DEMO_PAST_EVENT_ID).map((r) => r.userId);
    expect(booked.filter((u) => !marks.some((a) => a.userId === u))).toHaveLength(1);
  });

  it('has an online phone bank in Yorkshire with an https join link, the demo member going; some venues describe their access', () => {
    const online = demo.events.filter((e) => e.online);
    expect(online).toHaveLength(1);
    const [bank] = online;
    expect(bank).toMatchObject({ kind: 'PHONE_BANK', regionId: 'yorkshire-and-the-humber', postcode: null, status: 'PUBLISHED' });
    expect(bank!.joinUrl).toMatch(/^https:\/\//);
    const member = demo.users.find((u) => u.email === DEMO_MEMBER_EMAIL)!;
    expect(demo.rsvps.some((r) => r.eventId === bank!.id && r.userId === member.id && r.status === 'GOING')).toBe(true);
    const inPerson = published.filter((e) => !e.online);
    for (const flag of ['stepFree', 'accessibleToilet', 'hearingLoop', 'quietSpace'] as const) {
      const n = inPerson.filter((e) => e[flag]).length;
      expect(n, flag).toBeGreaterThan(0);
      expect(n, flag).toBeLessThan(inPerson.length);
    }
  });

  it('keeps RSVPs consistent: going counts, capacity, waitlists only behind a full event', () => {
    const events = new Map(demo.events.map((e) => [e.id, e]));
    const going = new Map<string, number>();
    for (const r of demo.rsvps) {
      const e = events.get(r.eventId)!;
      expect(e.status).toBe('PUBLISHED');
      expect(e.organiserId).not.toBe(r.userId);
      if (r.status === 'GOING') going.set(e.id, (going.get(e.id) ?? 0) + 1 + r.guests);
    }
    for (const e of demo.events) {
      expect(e.goingCount).toBe(going.get(e.id) ?? 0);
      if (e.capacity !== null) expect(e.goingCount).toBeLessThanOrEqual(e.capacity);
    }
    const waitlisted = demo.rsvps.filter((r) => r.status === 'WAITLISTED');
    expect(waitlisted.length).toBeGreaterThan(0);
    for (const r of waitlisted) expect(events.get(r.eventId)!.capacity).not.toBeNull();
    const times = demo.rsvps.map((r) => r.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

describe('seeding a database', () => {
  let prisma: Db;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await freshDatabase(inject('adminUrl'), 'seed');
    drop = db.drop;
    await migrate(db.url);
    prisma = createPrisma(db.url);
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await drop?.();
  });

  it('seedPlaces loads 650 seats, 2,866 outcodes and 12 regions, once', async () => {
    const t = performance.now();
    expect(await seedPlaces(prisma)).toEqual({ regions: 12, constituencies: 650, outcodes: 2866 });
    const first = performance.now() - t;
    expect(await seedPlaces(prisma)).toEqual({ regions: 12, constituencies: 650, outcodes: 2866 });
    console.log(`seedPlaces: ${Math.round(first)} ms`);
    const regions = (await prisma.region.findMany()).map((r) => r.id);
    expect(regions).toEqual(expect.arrayContaining(['london', 'yorkshire-and-the-humber', 'scotland', 'wales']));
    const chorley = await prisma.constituency.findUniqueOrThrow({ where: { code: 'E14001170' } });
    expect(chorley).toMatchObject({ winner: 'Spk', regionId: 'north-west', majorityPct: 60.58 });
    expect(await prisma.outcode.findUnique({ where: { code: 'LS6' } })).toMatchObject({ country: 'England' });
    // Places only: no demo rows such as pickup hubs.
    expect(await prisma.eventHub.count()).toBe(0);
  });

  it('seedDemoIfEmpty seeds exactly once, even when two instances start together', async () => {
    const t = performance.now();
    const results = await Promise.all([
      seedDemoIfEmpty(prisma, { passwordHash: 'test-hash', now: NOW }),
      seedDemoIfEmpty(prisma, { passwordHash: 'test-hash', now: NOW }),
    ]);
    console.log(`seedDemo: ${Math.round(performance.now() - t)} ms`, results.find(Boolean));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await seedDemoIfEmpty(prisma, { passwordHash: 'test-hash', now: NOW })).toBeNull();
    await expect(seedDemo(prisma, { passwordHash: 'test-hash', now: NOW })).rejects.toThrow();
    const demo = buildDemo(readPlaces(), NOW);
    expect(await prisma.user.count()).toBe(demo.users.length);
    expect(await prisma.event.count()).toBe(demo.events.length);
    expect(await prisma.user.count({ where: { passwordHash: 'test-hash' } })).toBe(demo.users.length);
    expect(await prisma.eventHub.count()).toBe(demo.hubs?.length);
  });

  it('stores consistent going counts, waitlists in seq order and one organiser per region', async () => {
    const mismatched = await prisma.$queryRaw<{ id: string }[]>`
      SELECT e.id FROM events e
      LEFT JOIN rsvps r ON r.event_id = e.id AND r.status = 'GOING'
      GROUP BY e.id
      HAVING e.going_count <> COALESCE(SUM(1 + r.guests), 0)
        OR (e.capacity IS NOT NULL AND e.going_count > e.capacity)`;
    expect(mismatched).toEqual([]);
    const outOfOrder = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM rsvps a JOIN rsvps b ON a.event_id = b.event_id
      WHERE a.seq < b.seq AND a.created_at > b.created_at`;
    expect(outOfOrder[0]?.n).toBe(0);
    const perRegion = await prisma.organiserRegion.groupBy({ by: ['regionId'], _count: { _all: true } });
    expect(perRegion).toHaveLength(12);
    for (const r of perRegion) expect(r._count._all).toBe(1);
    const member = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_MEMBER_EMAIL } });
    expect(await prisma.rsvp.count({ where: { userId: member.id } })).toBeGreaterThan(0);
    expect(await prisma.event.count({ where: { organiserId: member.id } })).toBeGreaterThan(0);
  });

  it('seedBenchEvents bulk-inserts published public events over Great Britain', async () => {
    const organiser = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_ADMIN_EMAIL } });
    const before = await prisma.event.count();
    const t = performance.now();
    expect(await seedBenchEvents(prisma, { count: 12_000, organiserId: organiser.id, now: NOW, seed: 7 })).toBe(12_000);
    console.log(`seedBenchEvents(12000): ${Math.round(performance.now() - t)} ms`);
    expect(await prisma.event.count()).toBe(before + 12_000);
    const [stats] = await prisma.$queryRaw<
      { n: number; outside: number; past: number; regions: number; unlimited: number }[]
    >`SELECT count(*)::int AS n,
        count(*) FILTER (WHERE NOT (lat BETWEEN ${GB.south} AND ${GB.north} AND lng BETWEEN ${GB.west} AND ${GB.east}))::int AS outside,
        count(*) FILTER (WHERE starts_at <= ${NOW} OR starts_at > ${new Date(NOW.getTime() + 85 * 86_400_000)})::int AS past,
        count(DISTINCT region_id)::int AS regions,
        count(*) FILTER (WHERE capacity IS NULL)::int AS unlimited
      FROM events WHERE organiser_id = ${organiser.id}::uuid AND status = 'PUBLISHED' AND visibility = 'PUBLIC'
        AND address_visibility = 'PUBLIC' AND lat = exact_lat AND lng = exact_lng AND title LIKE '%#%'`;
    expect(stats).toMatchObject({ n: 12_000, outside: 0, past: 0, regions: 11 });
  });
});

describe('demo lifts', () => {
  it('offers and requests around several canvasses and a rally; agreed lifts respect seats and detour limits', async () => {
    const { routeDetour } = await import('@rallypoint/shared');
    const data = buildDemo(readPlaces(), new Date('2026-11-21T12:00:00Z'));
    const { offers, requests, matches } = data.lifts;
    const events = new Map(data.events.map((e) => [e.id, e]));
    const liftEvents = new Set(offers.map((o) => o.eventId));
    expect([...liftEvents].filter((id) => events.get(id)!.kind === 'CANVASS').length).toBeGreaterThanOrEqual(3);
    expect([...liftEvents].some((id) => events.get(id)!.kind === 'RALLY')).toBe(true);
    expect(requests.length).toBeGreaterThan(offers.length);
    expect(matches.some((m) => m.status === 'ACCEPTED')).toBe(true);
    for (const o of offers) {
      const agreed = matches.filter((m) => m.offerId === o.id && m.status === 'ACCEPTED');
      const riders = agreed.map((m) => requests.find((r) => r.id === m.requestId)!);
      expect(riders.reduce((n, r) => n + r.seats, 0)).toBe(o.seatsTaken);
      expect(o.seatsTaken).toBeLessThanOrEqual(o.seats);
      const e = events.get(o.eventId)!;
      const route = routeDetour(
        { origin: { lat: o.originLat, lng: o.originLng } },
        riders.map((r) => ({ origin: { lat: r.originLat, lng: r.originLng } })),
        { lat: e.exactLat, lng: e.exactLng },
      );
      expect(route.detourKm).toBeLessThanOrEqual(o.maxDetourKm + 1e-6);
    }
    // Drivers bringing people back say when: after the event ends.
    expect(offers.some((o) => o.returnTrip)).toBe(true);
    for (const o of offers) {
      if (o.returnTrip) expect(o.returnDepartAt!.getTime()).toBeGreaterThan(events.get(o.eventId)!.endsAt.getTime());
      else expect(o.returnDepartAt).toBeNull();
    }
    // Origins are home districts (what members' profiles keep), never finer.
    const outcodes = new Set(readPlaces().outcodes.map((o) => o.code));
    for (const x of [...offers, ...requests]) expect(outcodes.has(x.originLabel)).toBe(true);
  });
});

describe('demo pickup hubs', () => {
  it('the London rally has a few, each a known district within the hub rule, with distinct names', () => {
    const data = buildDemo(readPlaces(), NOW);
    const hubs = data.hubs ?? [];
    expect(hubs.length).toBeGreaterThanOrEqual(3);
    const rally = data.events.find((e) => e.id === hubs[0]!.eventId)!;
    expect(rally).toMatchObject({ kind: 'RALLY', status: 'PUBLISHED' });
    expect(rally.title).toMatch(/^London rally/);
    expect(new Set(hubs.map((h) => h.eventId))).toEqual(new Set([rally.id]));
    expect(new Set(hubs.map((h) => hubNameKey(h.name))).size).toBe(hubs.length);
    const outcodes = new Map(readPlaces().outcodes.map((o) => [o.code, o]));
    for (const h of hubs) {
      expect(h.nameKey).toBe(hubNameKey(h.name));
      const district = outcodes.get(h.outcode)!;
      expect(distanceKm(h, district), h.name).toBeLessThanOrEqual(LIMITS.hubDistrictKmMax);
      expect(distanceKm(h, { lat: rally.exactLat, lng: rally.exactLng }), h.name).toBeLessThan(25);
    }
  });
});
