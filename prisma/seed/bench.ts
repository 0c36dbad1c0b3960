import { randomUUID } from 'node:crypto';
import { EVENT_KINDS, type EventKind } from '@rallypoint/shared';
import type { PrismaClient } from '../src/index.ts';
import { PUBS, STREETS } from './content.ts';
import { readPlaces, seedPlaces } from './places.ts';
import {
  addDays,
  geographicOutcodes,
  jitter,
  londonDay,
  londonTime,
  PlaceIndex,
  plausiblePostcode,
  Rng,
  shortPlaceName,
  WeightedPicker,
} from './util.ts';

export interface BenchOptions {
  count?: number;
  organiserId: string;
  now?: Date;
  seed?: number;
  /** Rows per INSERT (default 5,000). */
  batchSize?: number;
}

// Every kind but rallies, which only regional organisers publish.
const KINDS = EVENT_KINDS.filter((k): k is Exclude<EventKind, 'RALLY'> => k !== 'RALLY');
const KIND_WORDS: Record<(typeof KINDS)[number], string> = {
  CANVASS: 'Canvass',
  PHONE_BANK: 'Phone bank',
  MEETING: 'Branch meeting',
  STALL: 'Street stall',
  SOCIAL: 'Social',
  TRAINING: 'Training',
};
const HOURS: [number, number][] = [
  [10, 0],
  [10, 30],
  [11, 0],
  [14, 0],
  [18, 0],
  [18, 30],
  [19, 0],
  [19, 30],
];

/**
 * Bulk-inserts `count` published, public events over Great Britain (outcode centroids weighted by postcode
 * count, jittered up to 3 km) in the next 12 weeks, for load tests. Returns the number inserted.
 */
export async function seedBenchEvents(prisma: PrismaClient, opts: BenchOptions): Promise<number> {
  const count = opts.count ?? 100_000;
  const batchSize = opts.batchSize ?? 5_000;
  const rng = new Rng(opts.seed ?? 1);
  await seedPlaces(prisma);
  const places = readPlaces();
  const index = new PlaceIndex(places);
  const outcodes = geographicOutcodes(places.outcodes);
  const picker = new WeightedPicker(outcodes, (o) => o.postcodes);
  const today = londonDay(opts.now ?? new Date());
  const days = Array.from({ length: 84 }, (_, i) => addDays(today, i + 1));
  const createdAt = new Date();

  const makeBatch = (start: number, n: number) => {
    const c = {
      id: [] as string[],
      kind: [] as string[],
      title: [] as string[],
      description: [] as string[],
      startsAt: [] as string[],
      endsAt: [] as string[],
      venueName: [] as string[],
      address: [] as string[],
      postcode: [] as string[],
      areaLabel: [] as string[],
      lat: [] as number[],
      lng: [] as number[],
      regionId: [] as string[],
      constituencyCode: [] as (string | null)[],
      capacity: [] as (number | null)[],
    };
    for (let i = 0; i < n; i++) {
      const area = picker.pick(rng);
      const seat = index.seatOfOutcode(area);
      const p = jitter(rng, area, 3);
      const kind = rng.pick(KINDS);
      const [hour, minute] = rng.pick(HOURS);
      const startsAt = londonTime(rng.pick(days), hour, minute);
      const place = shortPlaceName(seat.name);
      c.id.push(randomUUID());
      c.kind.push(kind);
      c.title.push(`${KIND_WORDS[kind]} in ${place} #${start + i + 1}`);
      c.description.push(`Benchmark event near ${area.code}.`);
      c.startsAt.push(startsAt.toISOString());
      c.endsAt.push(new Date(startsAt.getTime() + rng.int(2, 6) * 1_800_000).toISOString());
      c.venueName.push(kind === 'SOCIAL' ? rng.pick(PUBS) : `${place} community centre`);
      c.address.push(`${rng.int(1, 200)} ${rng.pick(STREETS)}`);
      c.postcode.push(plausiblePostcode(rng, area.code));
      c.areaLabel.push(area.code);
      c.lat.push(p.lat);
      c.lng.push(p.lng);
      c.regionId.push(seat.regionId);
      c.constituencyCode.push(kind === 'CANVASS' ? seat.code : null);
      c.capacity.push(rng.chance(0.4) ? null : rng.int(10, 60));
    }
    return c;
  };

  // One INSERT per batch with one array parameter per column: far faster than createMany at this size.
  const insertBatch = async (c: ReturnType<typeof makeBatch>): Promise<void> => {
    await prisma.$executeRaw`
      INSERT INTO events (id, kind, title, description, starts_at, ends_at, venue_name, address, postcode, area_label,
        exact_lat, exact_lng, lat, lng, region_id, constituency_code, capacity, going_count, status, visibility,
        address_visibility, organiser_id, created_at, updated_at)
      SELECT u.id, u.kind, u.title, u.description, u.starts_at, u.ends_at, u.venue_name, u.address, u.postcode,
        u.area_label, u.lat, u.lng, u.lat, u.lng, u.region_id, u.constituency_code, u.capacity, 0,
        'PUBLISHED', 'PUBLIC', 'PUBLIC', ${opts.organiserId}::uuid, ${createdAt}, ${createdAt}
      FROM unnest(${c.id}::uuid[], ${c.kind}::"EventKind"[], ${c.title}::text[], ${c.description}::text[],
        ${c.startsAt}::timestamptz[], ${c.endsAt}::timestamptz[], ${c.venueName}::text[], ${c.address}::text[],
        ${c.postcode}::text[], ${c.areaLabel}::text[], ${c.lat}::float8[], ${c.lng}::float8[], ${c.regionId}::text[],
        ${c.constituencyCode}::text[], ${c.capacity}::int[])
        AS u(id, kind, title, description, starts_at, ends_at, venue_name, address, postcode, area_label, lat, lng,
          region_id, constituency_code, capacity)`;
  };

  // Two batches in flight: the next one is built while the database writes the previous one.
  const pending: Promise<void>[] = [];
  try {
    for (let start = 0; start < count; start += batchSize) {
      pending.push(insertBatch(makeBatch(start, Math.min(batchSize, count - start))));
      if (pending.length >= 2) await pending.shift();
    }
    await Promise.all(pending);
  } catch (error) {
    await Promise.allSettled(pending);
    throw error;
  }
  return count;
}
