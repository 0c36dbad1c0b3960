/**
 * Benchmark instances for lift matching. Each instance is generated from a `Shape` (where people are, detour limits,
 * party sizes, the fleet, how many of each) and a seed, with a seeded PRNG, so every run builds the same instances.
 * Places come from the real data shipped in prisma/data — GB outcode centroids drawn ∝ postcode count (jittered
 * ≤ 1 km) around canvasses in marginal seats (majority ≤ 5 %, never the Speaker's seat) or a London rally — or are
 * synthetic: uniform within 10 or 30 km of the event, or everyone at one spot.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { distanceKm, type LatLng } from '../src/geo.ts';
import type { MatchDriver, MatchHub, MatchOptions, MatchRider } from '../src/matching/index.ts';

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

/** Where riders and drivers start. */
export type Where =
  /** Real outcode centroids within `radiusKm` of the event, ∝ postcode count: clustered where people live. */
  | { kind: 'outcodes'; radiusKm: number }
  /** Uniform over the disc of `radiusKm` around the event. */
  | { kind: 'uniform'; radiusKm: number }
  /** Everyone — riders and drivers — at one spot `offsetKm` north of the event. */
  | { kind: 'one-point'; offsetKm: number };

/** Drivers' whole-route detour limits, km: tight 0.5–4, mixed 5–40, loose 30–80 (rounded to 0.5). */
export type DetourKind = 'tight' | 'mixed' | 'loose';
/** Party sizes: small 1–3 (60/28/12 %), one-to-four 1–4 (40/30/20/10 %), fours all 4. */
export type PartyKind = 'small' | 'one-to-four' | 'fours';
/**
 * Free seats per driver: cars 1–4 uniform; realistic = cars 1–4 with 5 % minibuses of 8; minibuses all 8; fours all 4.
 * Coaches (hub pickups only) come on top, from `Shape.coaches`.
 */
export type FleetKind = 'cars' | 'realistic' | 'minibuses' | 'fours';

export interface Shape {
  where: Where;
  detour: DetourKind;
  parties: PartyKind;
  fleet: FleetKind;
  riders: number;
  drivers: number;
  /** 5 % of riders need a wheelchair-accessible car and 15 % of cars are (default true). */
  wheelchair?: boolean;
  /** Pickup hubs placed where people live (like riders); `share` of riders can reach any hub within `reachKm`. */
  hubs?: { count: number; reachKm: number; share: number };
  /** The last this many drivers are coaches: 50–70 seats, hub pickups only, limit 20–60 km, accessible. */
  coaches?: number;
  /**
   * A time rule: every car must reach the event by its start (drivers leave 30–150 min before, as always); `readyShare`
   * of riders are ready only from a time uniform over the `readySpreadMin` minutes before the start.
   */
  times?: { readyShare: number; readySpreadMin: number };
}

export interface BenchInstance {
  name: string;
  /** Instances of one family (one row of the README's table). */
  group: string;
  description: string;
  shape: Shape;
  seed: number;
  event: LatLng;
  drivers: MatchDriver[];
  riders: MatchRider[];
  /** Hubs and the arrival time, when the shape has them (pass to the matcher with the road factor). */
  options: Pick<MatchOptions, 'hubs' | 'arriveByMs'>;
}

const KM_PER_DEG = 111.32;

function offset(p: LatLng, northKm: number, eastKm: number): LatLng {
  return { lat: p.lat + northKm / KM_PER_DEG, lng: p.lng + eastKm / (KM_PER_DEG * Math.cos((p.lat * Math.PI) / 180)) };
}

function placer(where: Where, event: LatLng, outcodes: Outcode[], rand: () => number): () => LatLng {
  switch (where.kind) {
    case 'outcodes':
      return sampler(outcodes, event, where.radiusKm, rand);
    case 'uniform':
      return () => {
        const r = where.radiusKm * Math.sqrt(rand());
        const th = rand() * 2 * Math.PI;
        return offset(event, r * Math.cos(th), r * Math.sin(th));
      };
    case 'one-point': {
      const spot = offset(event, where.offsetKm, 0);
      return () => ({ ...spot });
    }
  }
}

function partySize(kind: PartyKind, u: number): number {
  if (kind === 'fours') return 4;
  if (kind === 'small') return u < 0.6 ? 1 : u < 0.88 ? 2 : 3;
  return u < 0.4 ? 1 : u < 0.7 ? 2 : u < 0.9 ? 3 : 4;
}

function seatsOf(kind: FleetKind, v: number): number {
  if (kind === 'minibuses') return 8;
  if (kind === 'fours') return 4;
  if (kind === 'cars') return 1 + Math.floor(v * 4);
  return v < 0.05 ? 8 : 1 + Math.floor(((v - 0.05) / 0.95) * 4);
}

function detourOf(kind: DetourKind, v: number): number {
  const [lo, span] = kind === 'tight' ? [0.5, 3.5] : kind === 'mixed' ? [5, 35] : [30, 50];
  return Math.round((lo + v * span) * 2) / 2;
}

/** One instance of `shape` (deterministic for a seed; `outcodes` only needed for `where.kind === 'outcodes'`). */
export function generate(
  shape: Shape,
  seed: number,
  event: LatLng,
  outcodes: Outcode[] = [],
): { event: LatLng; drivers: MatchDriver[]; riders: MatchRider[]; options: Pick<MatchOptions, 'hubs' | 'arriveByMs'> } {
  const rand = prng(seed);
  const place = placer(shape.where, event, outcodes, rand);
  const wheelchair = shape.wheelchair ?? true;
  const pad = (n: number) => String(n).padStart(6, '0');
  const riders: MatchRider[] = [];
  for (let i = 0; i < shape.riders; i++) {
    const u = rand();
    const origin = place();
    riders.push({ id: `r${pad(i)}`, origin, seats: partySize(shape.parties, u), needsWheelchair: rand() < (wheelchair ? 0.05 : 0) });
  }
  const drivers: MatchDriver[] = [];
  for (let i = 0; i < shape.drivers; i++) {
    const origin = place();
    drivers.push({
      id: `d${pad(i)}`,
      origin,
      seats: seatsOf(shape.fleet, rand()),
      maxDetourKm: detourOf(shape.detour, rand()),
      wheelchairAccessible: rand() < (wheelchair ? 0.15 : 0),
      departureMs: EVENT_TIME - Math.round(30 + rand() * 120) * 60_000,
    });
  }
  // Hubs, coaches and times draw from their own generator, so the shapes without them stay exactly as they were.
  const options: Pick<MatchOptions, 'hubs' | 'arriveByMs'> = {};
  if (shape.hubs || shape.coaches || shape.times) {
    const more = prng(seed ^ 0x5bd1e995);
    const placeMore = placer(shape.where, event, outcodes, more);
    if (shape.hubs) {
      const { count, reachKm, share } = shape.hubs;
      const hubs: MatchHub[] = Array.from({ length: count }, (_, i) => ({ id: `h${pad(i)}`, point: placeMore() }));
      options.hubs = hubs;
      for (const r of riders) if (more() < share) r.hubReachKm = reachKm;
    }
    const coaches = Math.min(shape.coaches ?? 0, drivers.length);
    for (let i = drivers.length - coaches; i < drivers.length; i++) {
      Object.assign(drivers[i]!, {
        seats: 50 + Math.floor(more() * 21),
        maxDetourKm: Math.round(20 + more() * 40),
        wheelchairAccessible: true,
        hubsOnly: true,
      });
    }
    if (shape.times) {
      options.arriveByMs = EVENT_TIME;
      for (const r of riders) {
        if (more() < shape.times.readyShare) r.readyMs = EVENT_TIME - Math.round(more() * shape.times.readySpreadMin) * 60_000;
      }
    }
  }
  return { event, drivers, riders, options };
}

/** The default shape: clustered at real outcodes within 60 km, mixed limits, small parties, cars, 3.3 riders a car. */
export function canvassShape(riders: number): Shape {
  return {
    where: { kind: 'outcodes', radiusKm: 60 },
    detour: 'mixed',
    parties: 'small',
    fleet: 'cars',
    riders,
    drivers: Math.round(riders / 3.3),
  };
}

function describe(shape: Shape): string {
  const w = shape.where;
  const where =
    w.kind === 'outcodes'
      ? `outcodes ≤ ${w.radiusKm} km`
      : w.kind === 'uniform'
        ? `uniform ≤ ${w.radiusKm} km`
        : `all at one spot ${w.offsetKm} km away`;
  const hubs = shape.hubs ? `; ${shape.hubs.count} hubs, ${shape.hubs.share * 100}% of riders within ${shape.hubs.reachKm} km` : '';
  const coaches = shape.coaches ? `; ${shape.coaches} coaches (hubs only)` : '';
  const times = shape.times
    ? `; arrive by the start, ${shape.times.readyShare * 100}% of riders ready within ${shape.times.readySpreadMin} min before`
    : '';
  return `${where}; ${shape.detour} detour; parties ${shape.parties}; ${shape.fleet} fleet${coaches}${hubs}${times}`;
}

const LONDON: LatLng = { lat: 51.508, lng: -0.1281 };

export interface InstanceSpec {
  name: string;
  group: string;
  shape: Shape;
  seed: number;
  at: Seat | 'london';
}

/**
 * The suite: 60 instances from 12 to 10,000 riders (4 with hubs, coaches or arrival times). Small ones (≤ 100 riders) are meant for the exact optimum; the
 * rest are compared with the max-flow bound. Specs only (cheap); `benchInstances` generates them.
 */
export function suiteSpecs(seats: Seat[] = loadMarginalSeats()): InstanceSpec[] {
  const pick = prng(2024);
  const chosen: Seat[] = [];
  while (chosen.length < 24) {
    const s = seats[Math.floor(pick() * seats.length)]!;
    if (!chosen.includes(s)) chosen.push(s);
  }
  let next = 0;
  const seat = () => chosen[next++ % chosen.length]!;
  const specs: InstanceSpec[] = [];
  const add = (group: string, tag: string, shape: Shape, seed: number, at: Seat | 'london' = seat()) => {
    specs.push({ name: `${group}-${shape.riders}x${shape.drivers}${tag ? `-${tag}` : ''}`, group, shape, seed, at });
  };
  const s = (base: Shape, over: Partial<Shape>): Shape => ({ ...base, ...over });

  // The original nine, unchanged (same seats and seeds): canvasses at 100, 1,000 and 10,000, and a London rally.
  const orig = chosen.slice(0, 8);
  next = 8;
  orig.slice(0, 5).forEach((st, i) => {
    specs.push({ name: `canvass-100-${st.code}`, group: 'canvass-100', shape: canvassShape(100), seed: 100 + i, at: st });
  });
  orig.slice(5, 7).forEach((st, i) => {
    specs.push({ name: `canvass-1000-${st.code}`, group: 'canvass-1000', shape: canvassShape(1000), seed: 1000 + i, at: st });
  });
  specs.push({ name: `canvass-10000-${orig[7]!.code}`, group: 'canvass-10000', shape: canvassShape(10_000), seed: 10_000, at: orig[7]! });
  specs.push({ name: 'rally-10000-london', group: 'rally-10000', shape: canvassShape(10_000), seed: 424242, at: 'london' });

  const c = canvassShape;
  const u10: Where = { kind: 'uniform', radiusKm: 10 };
  const u30: Where = { kind: 'uniform', radiusKm: 30 };
  const one: Where = { kind: 'one-point', offsetKm: 15 };
  // Small: ≤ 60 riders (the exact optimum is meant to be computable).
  for (let i = 0; i < 4; i++) add('canvass-60', `s${i}`, c(60), 600 + i);
  add('canvass-30', '', c(30), 300);
  add('drivers-rich', '', s(c(40), { drivers: 40 }), 400);
  add('uniform10-tight', '', s(c(60), { where: u10, detour: 'tight' }), 611);
  add('uniform10-mixed', '', s(c(60), { where: u10 }), 612);
  add('uniform10-loose', '', s(c(60), { where: u10, detour: 'loose' }), 613);
  add('uniform30-tight', '', s(c(60), { where: u30, detour: 'tight' }), 621);
  add('uniform30-mixed', '', s(c(60), { where: u30 }), 622);
  add('uniform30-loose', '', s(c(60), { where: u30, detour: 'loose' }), 623);
  add('parties1-4', '', s(c(60), { parties: 'one-to-four', fleet: 'realistic' }), 631);
  add('parties1-4-u10', '', s(c(60), { where: u10, parties: 'one-to-four', fleet: 'realistic', detour: 'tight' }), 632);
  add('fours-in-4s', '', s(c(60), { parties: 'fours', fleet: 'fours', drivers: 30 }), 641);
  add('fours-in-4s-u10', '', s(c(60), { where: u10, parties: 'fours', fleet: 'fours', drivers: 30 }), 642);
  add('minibuses-tight', '', s(c(60), { where: u30, fleet: 'minibuses', detour: 'tight', drivers: 6 }), 651);
  add('minibuses-mixed', '', s(c(60), { fleet: 'minibuses', drivers: 6 }), 652);
  add('realistic-60', '', s(c(60), { fleet: 'realistic' }), 661);
  add('one-point', '', s(c(12), { where: one, fleet: 'realistic', drivers: 4 }), 671);
  add('one-point', '', s(c(60), { where: one, fleet: 'realistic' }), 672);
  add('one-point-fours', '', s(c(40), { where: one, parties: 'fours', fleet: 'fours', drivers: 12 }), 673);
  // 100 riders.
  add('uniform10-tight', '', s(c(100), { where: u10, detour: 'tight' }), 1011);
  add('uniform30-mixed', '', s(c(100), { where: u30 }), 1012);
  add('parties1-4', '', s(c(100), { parties: 'one-to-four', fleet: 'realistic' }), 1013);
  add('fours-in-4s', '', s(c(100), { parties: 'fours', fleet: 'fours', drivers: 50 }), 1014);
  add('minibuses-tight', '', s(c(100), { where: u30, fleet: 'minibuses', detour: 'tight', drivers: 10 }), 1015);
  add('one-point', '', s(c(100), { where: one, fleet: 'realistic' }), 1016);
  // 400 riders (the largest the thorough mode takes).
  add('canvass-400', '', c(400), 4001);
  add('realistic-400', '', s(c(400), { fleet: 'realistic' }), 4002);
  add('uniform10-tight', '', s(c(400), { where: u10, detour: 'tight' }), 4003);
  add('uniform30-loose', '', s(c(400), { where: u30, detour: 'loose' }), 4004);
  add('parties1-4', '', s(c(400), { parties: 'one-to-four', fleet: 'realistic' }), 4005);
  add('fours-in-4s', '', s(c(400), { where: u30, parties: 'fours', fleet: 'fours', drivers: 200 }), 4006);
  add('minibuses-mixed', '', s(c(400), { fleet: 'minibuses', drivers: 40 }), 4007);
  add('one-point', '', s(c(400), { where: one, fleet: 'realistic' }), 4008);
  // 1,000 riders.
  add('realistic-1000', '', s(c(1000), { fleet: 'realistic' }), 10_001);
  add('uniform10-tight', '', s(c(1000), { where: u10, detour: 'tight' }), 10_002);
  add('uniform30-mixed', '', s(c(1000), { where: u30 }), 10_003);
  add('parties1-4', '', s(c(1000), { parties: 'one-to-four', fleet: 'realistic' }), 10_004);
  add('fours-in-4s', '', s(c(1000), { parties: 'fours', fleet: 'fours', drivers: 500 }), 10_005);
  add('drivers-rich', '', s(c(1000), { fleet: 'realistic', drivers: 1000 }), 10_006);
  add('one-point', '', s(c(1000), { where: one, fleet: 'realistic' }), 10_007);
  // 10,000 riders.
  add('realistic-10000', '', s(c(10_000), { fleet: 'realistic', drivers: 3000 }), 100_001);
  add('realistic-10000', 'london', s(c(10_000), { fleet: 'realistic', drivers: 3000 }), 100_002, 'london');
  add('uniform30-mixed', '', s(c(10_000), { where: u30, fleet: 'realistic', drivers: 3000 }), 100_003);
  add('parties1-4', '', s(c(10_000), { parties: 'one-to-four', fleet: 'realistic', drivers: 3000 }), 100_004);
  // Rallies (issue 13): hubs and coaches, arrival times; no exact optimum (the HiGHS model knows neither).
  const hubs20 = { count: 20, reachKm: 5, share: 0.5 };
  const times = { readyShare: 0.5, readySpreadMin: 120 };
  add('coaches-hubs', '', s(c(2000), { fleet: 'realistic', drivers: 500, coaches: 10, hubs: hubs20 }), 20_001);
  add('time-windows', '', s(c(400), { fleet: 'realistic', times }), 4101);
  add('time-windows', '', s(c(1000), { fleet: 'realistic', times }), 10_101);
  add('rally-hubs', '', s(c(10_000), { fleet: 'realistic', drivers: 3000, coaches: 30, hubs: { count: 40, reachKm: 5, share: 0.5 }, times }), 100_101, 'london');

  return specs;
}

/** The suite's instances (`keep`, on the name, skips generating the others). */
export function benchInstances(keep: (name: string) => boolean = () => true): BenchInstance[] {
  const outcodes = loadOutcodes();
  const seen = new Set<string>();
  const out: BenchInstance[] = [];
  for (const sp of suiteSpecs()) {
    if (seen.has(sp.name)) throw new Error(`duplicate instance name ${sp.name}`);
    seen.add(sp.name);
    if (!keep(sp.name)) continue;
    const event = sp.at === 'london' ? LONDON : { lat: sp.at.lat, lng: sp.at.lng };
    const place = sp.at === 'london' ? 'London (Trafalgar Square)' : `${sp.at.name} (majority ${sp.at.majorityPct}%)`;
    const gen = generate(sp.shape, sp.seed, event, outcodes);
    out.push({
      name: sp.name,
      group: sp.group,
      description: `${place}: ${describe(sp.shape)}`,
      shape: sp.shape,
      seed: sp.seed,
      ...gen,
    });
  }
  return out;
}
