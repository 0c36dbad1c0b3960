/** The event visibility rule, and its Prisma form agreeing with it row for row on a real database. */
import { randomUUID } from 'node:crypto';
import { EVENT_STATUSES, type EventStatus } from '@rallypoint/shared';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Viewer } from '../src/context.ts';
import type { Prisma } from '@rallypoint/prisma';
import { createPrisma, type Db } from '../src/db/client.ts';
import { NO_ID } from '../src/db/ids.ts';
import { NotFoundError, ValidationError } from '../src/errors.ts';
import { canManageEvent, isVisible, managedWhere, visibleWhere } from '../src/events/access.ts';
import { liftableEvent } from '../src/lifts/service.ts';
import { testDatabaseUrl } from './db-utils.ts';

const REGION = 'london';
const OTHER_REGION = 'yorkshire-and-the-humber';
const ownerId = randomUUID();
const strangerId = randomUUID();

const viewer = (id: string, role: Viewer['role'], regionIds: string[] = []): Viewer => ({ id, role, regionIds, sessionId: randomUUID() });
const VIEWERS: Record<string, Viewer | null> = {
  anonymous: null,
  stranger: viewer(strangerId, 'MEMBER'),
  owner: viewer(ownerId, 'MEMBER'),
  regionalOrganiser: viewer(randomUUID(), 'ORGANISER', [REGION]),
  otherRegionOrganiser: viewer(randomUUID(), 'ORGANISER', [OTHER_REGION]),
  admin: viewer(randomUUID(), 'ADMIN'),
};

const event = (status: EventStatus) => ({ status, organiserId: ownerId, regionId: REGION });

describe('isVisible', () => {
  test.each(Object.keys(VIEWERS))('%s: published and cancelled events are there for anyone', (name) => {
    expect(isVisible(VIEWERS[name]!, event('PUBLISHED'))).toBe(true);
    expect(isVisible(VIEWERS[name]!, event('CANCELLED'))).toBe(true);
  });

  test('a draft only for the people running it', () => {
    const seen = Object.entries(VIEWERS).filter(([, v]) => isVisible(v, event('DRAFT'))).map(([name]) => name);
    expect(seen).toEqual(['owner', 'regionalOrganiser', 'admin']);
  });
});

describe('visibleWhere and managedWhere select exactly the rows isVisible and canManageEvent accept', () => {
  let prisma: Db;
  const ids: string[] = [];
  const rows: { id: string; status: EventStatus; organiserId: string; regionId: string }[] = [];

  beforeAll(async () => {
    prisma = createPrisma(testDatabaseUrl(), 2);
    const tag = randomUUID();
    for (const id of [ownerId, strangerId]) {
      await prisma.user.create({
        data: { id, email: `${id}@access.test`, firstName: 'Access', lastName: 'Test', calendarToken: `${tag}-${id}` },
      });
    }
    const now = Date.now();
    for (const status of EVENT_STATUSES) {
      for (const organiserId of [ownerId, strangerId]) {
        for (const regionId of [REGION, OTHER_REGION]) {
          const row = await prisma.event.create({
            data: {
              kind: 'MEETING',
              title: `Access ${tag}`,
              description: '',
              startsAt: new Date(now + 86_400_000),
              endsAt: new Date(now + 90_000_000),
              venueName: 'Hall',
              address: '1 High Street',
              areaLabel: 'N1',
              exactLat: 51.5,
              exactLng: -0.1,
              lat: 51.5,
              lng: -0.1,
              regionId,
              organiserId,
              status,
            },
            select: { id: true, status: true, organiserId: true, regionId: true },
          });
          rows.push(row);
          ids.push(row.id);
        }
      }
    }
  });

  afterAll(async () => {
    await prisma.event.deleteMany({ where: { id: { in: ids } } });
    await prisma.user.deleteMany({ where: { id: { in: [ownerId, strangerId] } } });
    await prisma.$disconnect();
  });

  // On its own, and nested in an OR (where Prisma reads an empty filter as matching nothing).
  const found = async (where: Prisma.EventWhereInput) => {
    const alone = await prisma.event.findMany({ where: { AND: [{ id: { in: ids } }, where] }, select: { id: true } });
    const nested = await prisma.event.findMany({ where: { id: { in: ids }, OR: [{ id: NO_ID }, where] }, select: { id: true } });
    expect(nested.map((r) => r.id).sort()).toEqual(alone.map((r) => r.id).sort());
    return alone.map((r) => r.id).sort();
  };

  test.each(Object.keys(VIEWERS))('%s', async (name) => {
    const v = VIEWERS[name]!;
    expect(await found(visibleWhere(v))).toEqual(rows.filter((r) => isVisible(v, r)).map((r) => r.id).sort());
    expect(await found(managedWhere(v))).toEqual(rows.filter((r) => canManageEvent(v, r)).map((r) => r.id).sort());
  });

  test('lifts are stricter: a draft has none even for the people running it, and others do not find it', async () => {
    const of = (status: EventStatus) => rows.find((r) => r.status === status && r.organiserId === ownerId && r.regionId === REGION)!.id;
    const owner = VIEWERS.owner!;
    await expect(liftableEvent(prisma, owner, of('PUBLISHED'))).resolves.toMatchObject({ id: of('PUBLISHED') });
    await expect(liftableEvent(prisma, owner, of('DRAFT'))).rejects.toThrow(ValidationError);
    await expect(liftableEvent(prisma, owner, of('DRAFT'))).rejects.toThrow('This event is not published yet');
    await expect(liftableEvent(prisma, VIEWERS.stranger!, of('DRAFT'))).rejects.toThrow(NotFoundError);
    await expect(liftableEvent(prisma, VIEWERS.stranger!, of('CANCELLED'))).rejects.toThrow('This event is cancelled');
  });
});
