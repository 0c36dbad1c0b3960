/** "A postcode, else a map pin": the one way every search and stored place is resolved, on the seeded places data. */
import { snapToGrid } from '@rallypoint/shared';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPrisma, type Db } from '../src/db/client.ts';
import { ValidationError } from '../src/errors.ts';
import { districtLabel, resolveOrigin } from '../src/places/service.ts';
import { testDatabaseUrl } from './db-utils.ts';

let prisma: Db;
let ls6: { lat: number; lng: number };
beforeAll(async () => {
  prisma = createPrisma(testDatabaseUrl(), 2);
  ls6 = await prisma.outcode.findUniqueOrThrow({ where: { code: 'LS6' }, select: { lat: true, lng: true } });
});
afterAll(() => prisma.$disconnect());

describe('resolveOrigin', () => {
  test('a full postcode: its district centre, labelled with the postcode', async () => {
    const place = await resolveOrigin(prisma, { postcode: 'ls6 1an' });
    expect(place).toEqual({ kind: 'POSTCODE', label: 'LS6 1AN', outcode: 'LS6', ...ls6 });
    expect(districtLabel(place)).toBe('LS6');
  });

  test('an outcode: its centre', async () => {
    const place = await resolveOrigin(prisma, { postcode: 'LS6', location: null });
    expect(place).toEqual({ kind: 'OUTCODE', label: 'LS6', outcode: 'LS6', ...ls6 });
    expect(districtLabel(place)).toBe('LS6');
  });

  test('a pin: its ~1 km square, labelled with the nearest district', async () => {
    const pin = { lat: ls6.lat + 0.0031, lng: ls6.lng - 0.0042 };
    const place = await resolveOrigin(prisma, { postcode: null, location: pin });
    expect(place).toEqual({ kind: 'POINT', label: 'LS6', outcode: 'LS6', ...snapToGrid(pin) });
    expect(districtLabel(place)).toBe('LS6');
  });

  test('the postcode wins when both are given', async () => {
    const place = await resolveOrigin(prisma, { postcode: 'LS6', location: { lat: 51.5, lng: -0.1 } });
    expect(place.kind).toBe('OUTCODE');
  });

  test('neither: a field error on postcode', async () => {
    const error = await resolveOrigin(prisma, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual([{ path: ['postcode'], message: 'Give a postcode, an outcode or a point' }]);
  });

  test('an unknown district: a field error', async () => {
    await expect(resolveOrigin(prisma, { postcode: 'ZZ99' })).rejects.toThrow(ValidationError);
  });
});
