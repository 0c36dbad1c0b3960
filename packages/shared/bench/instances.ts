/**
 * Benchmark instances for lift matching, built from the real data shipped in prisma/data: riders and drivers at GB
 * outcode centroids drawn with probability ∝ postcode count (jittered ≤ 1 km), around canvasses in marginal seats
 * (majority ≤ 5 %, never the Speaker's seat) and one big rally. Seeded PRNG, so every run builds the same instances.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { distanceKm, type LatLng } from '../src/geo.ts';
import type { MatchDriver, MatchRider } from '../src/matching/index.ts';

const DATA = resolve(dirname(fileURLToPath(import.meta.url)), '../../../prisma/data');

export interface Outcode {
  outcode: string;
  lat: number;
  lng: number;
  postcodes: number;
}

export interface Seat {
  code: string;
  name: string;
  lat: number;
  lng: number;
  majorityPct: number;
  winner: string;
}

export interface BenchInstance {
  name: string;
  description: string;
  event: LatLng;
  drivers: MatchDriver[];
  riders: MatchRider[];
}

export function loadOutcodes(): Outcode[] {
  const rows = parse(readFileSync(resolve(DATA, 'outcodes.csv')), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  return rows
    .map((r) => ({ outcode: r.outcode!, lat: Number(r.lat), lng: Number(r.lng), postcodes: Number(r.postcodes) }))
    .filter((o) => Number.isFinite(o.lat) && Number.isFinite(o.lng) && o.postcodes > 0);
}

export function loadMarginalSeats(): Seat[] {
  const rows = parse(readFileSync(resolve(DATA, 'constituencies-2024.csv')), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  return rows
    .map((r) => ({
      code: r.code!,
      name: r.name!,
      lat: Number(r.lat),
      lng: Number(r.lng),
      majorityPct: Number(r.majority_pct),
      winner: r.winner!,
    }))
    .filter((s) => s.majorityPct <= 5 && s.winner !== 'Spk')
    .sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** sfc32: small, fast, seedable. */
export function prng(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 20; i++) next();
  return next;
}

/** Draws points from the outcodes within `radiusKm` of `centre`, ∝ postcode count, jittered ≤ 1 km. */
function sampler(outcodes: Outcode[], centre: LatLng, radiusKm: number, rand: () => number): () => LatLng {
  const near = outcodes.filter((o) => distanceKm(o, centre) <= radiusKm);
  if (near.length === 0) throw new Error('no outcodes near the event');
  const cum = new Float64Array(near.length);
  let s = 0;
  near.forEach((o, i) => {
    s += o.postcodes;
    cum[i] = s;
  });
  return () => {
    const t = rand() * s;
    let lo = 0;
    let hi = near.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > t) hi = mid;
      else lo = mid + 1;
    }
    const o = near[lo]!;
    const r = Math.sqrt(rand()); // km, uniform over the 1 km disc
    const th = rand() * 2 * Math.PI;
    const dLat = (r * Math.cos(th)) / 111.32;
    const dLng = (r * Math.sin(th)) / (111.32 * Math.cos((o.lat * Math.PI) / 180));
    return { lat: o.lat + dLat, lng: o.lng + dLng };
  };
}

const EVENT_TIME = Date.UTC(2029, 4, 12, 10, 0, 0);

export function buildInstance(
  name: string,
  description: string,
  outcodes: Outcode[],
  event: LatLng,
  riders: number,
  seed: number,
  radiusKm = 60,
): BenchInstance {
  const rand = prng(seed);
  const draw = sampler(outcodes, event, radiusKm, rand);
  const nDrivers = Math.round(riders / 3.3);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const rs: MatchRider[] = [];
  for (let i = 0; i < riders; i++) {
    const u = rand();
    rs.push({
      id: `r${pad(i, 6)}`,
      origin: draw(),
      seats: u < 0.6 ? 1 : u < 0.88 ? 2 : 3,
      needsWheelchair: rand() < 0.05,
    });
  }
  const ds: MatchDriver[] = [];
  for (let i = 0; i < nDrivers; i++) {
    ds.push({
      id: `d${pad(i, 6)}`,
      origin: draw(),
      seats: 1 + Math.floor(rand() * 4),
      maxDetourKm: Math.round((5 + rand() * 35) * 2) / 2,
      wheelchairAccessible: rand() < 0.15,
      departureMs: EVENT_TIME - Math.round(30 + rand() * 120) * 60_000,
    });
  }
  return { name, description, event, drivers: ds, riders: rs };
}

/** The benchmark suite: canvasses in marginal seats at 100, 1,000 and 10,000 riders, and a rally in London. */
export function benchInstances(): BenchInstance[] {
  const outcodes = loadOutcodes();
  const seats = loadMarginalSeats();
  const pick = prng(2024);
  const chosen: Seat[] = [];
  while (chosen.length < 8) {
    const s = seats[Math.floor(pick() * seats.length)]!;
    if (!chosen.includes(s)) chosen.push(s);
  }
  const canvass = (seat: Seat, n: number, seed: number) =>
    buildInstance(
      `canvass-${n}-${seat.code}`,
      `canvass in ${seat.name} (majority ${seat.majorityPct}%), ${n} requests`,
      outcodes,
      { lat: seat.lat, lng: seat.lng },
      n,
      seed,
    );
  return [
    ...chosen.slice(0, 5).map((s, i) => canvass(s, 100, 100 + i)),
    ...chosen.slice(5, 7).map((s, i) => canvass(s, 1000, 1000 + i)),
    canvass(chosen[7]!, 10_000, 10_000),
    buildInstance(
      'rally-10000-london',
      'rally in Trafalgar Square, London, 10,000 requests',
      outcodes,
      { lat: 51.508, lng: -0.1281 },
      10_000,
      424242,
    ),
  ];
}
