import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { PrismaClient } from '../src/index.ts';

/** prisma/data, found from this source file and from a bundle of it (api/dist) alike. */
function findDataDir(from: string): string {
  for (let dir = from; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return path.join(dir, 'prisma', 'data');
  }
  throw new Error(`No pnpm-workspace.yaml above ${from}: run Rallypoint from its repository`);
}

export const DATA_DIR = findDataDir(import.meta.dirname);

export interface RegionRow {
  id: string;
  name: string;
  nation: string;
}

export interface ConstituencyRow {
  code: string;
  name: string;
  nation: string;
  regionId: string;
  lat: number;
  lng: number;
  winner: string;
  runnerUp: string;
  majority: number;
  majorityPct: number;
  validVotes: number;
  electorate: number;
  turnoutPct: number;
  result: string;
  mpName: string;
}

export interface OutcodeRow {
  code: string;
  lat: number;
  lng: number;
  postcodes: number;
  country: string;
}

export interface PlacesData {
  regions: RegionRow[];
  constituencies: ConstituencyRow[];
  outcodes: OutcodeRow[];
}

/** "Yorkshire and The Humber" → "yorkshire-and-the-humber". */
export function regionSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(path.join(DATA_DIR, file), 'utf8'), { columns: true, skip_empty_lines: true, trim: true });
}

function num(row: Record<string, string>, key: string): number {
  const value = Number(row[key]);
  if (row[key] === undefined || row[key] === '' || !Number.isFinite(value)) {
    throw new Error(`Bad number in column ${key}: ${JSON.stringify(row)}`);
  }
  return value;
}

function str(row: Record<string, string>, key: string): string {
  const value = row[key];
  if (value === undefined) throw new Error(`Missing column ${key}`);
  return value;
}

let cached: PlacesData | undefined;

/** Parses the bundled CSVs (once per process). Pure apart from reading the files. */
export function readPlaces(): PlacesData {
  if (cached) return cached;
  const regions = new Map<string, RegionRow>();
  const constituencies = readCsv('constituencies-2024.csv').map((r): ConstituencyRow => {
    const regionName = str(r, 'region');
    const regionId = regionSlug(regionName);
    if (!regions.has(regionId)) regions.set(regionId, { id: regionId, name: regionName, nation: str(r, 'nation') });
    return {
      code: str(r, 'code'),
      name: str(r, 'name'),
      nation: str(r, 'nation'),
      regionId,
      lat: num(r, 'lat'),
      lng: num(r, 'lng'),
      winner: str(r, 'winner'),
      runnerUp: str(r, 'runner_up'),
      majority: num(r, 'majority'),
      majorityPct: num(r, 'majority_pct'),
      validVotes: num(r, 'valid_votes'),
      electorate: num(r, 'electorate'),
      turnoutPct: num(r, 'turnout_pct'),
      result: str(r, 'result'),
      mpName: str(r, 'mp_name'),
    };
  });
  const outcodes = readCsv('outcodes.csv').map(
    (r): OutcodeRow => ({
      code: str(r, 'outcode'),
      lat: num(r, 'lat'),
      lng: num(r, 'lng'),
      postcodes: num(r, 'postcodes'),
      country: str(r, 'country'),
    }),
  );
  cached = { regions: [...regions.values()].sort((a, b) => a.id.localeCompare(b.id)), constituencies, outcodes };
  return cached;
}

/** Inserts regions, constituencies and outcodes; rows already present are left alone. */
export async function seedPlaces(
  prisma: PrismaClient,
): Promise<{ regions: number; constituencies: number; outcodes: number }> {
  const places = readPlaces();
  const [regions, constituencies, outcodes] = await Promise.all([
    prisma.region.count(),
    prisma.constituency.count(),
    prisma.outcode.count(),
  ]);
  if (regions < places.regions.length) {
    await prisma.region.createMany({ data: places.regions, skipDuplicates: true });
  }
  if (constituencies < places.constituencies.length) {
    const c = columns(places.constituencies);
    // Array parameters + unnest: one round trip, and much faster than createMany for thousands of rows.
    await prisma.$executeRaw`
      INSERT INTO constituencies (code, name, nation, region_id, lat, lng, winner, runner_up, majority, majority_pct,
        valid_votes, electorate, turnout_pct, result, mp_name)
      SELECT * FROM unnest(${c.code}::text[], ${c.name}::text[], ${c.nation}::text[], ${c.regionId}::text[],
        ${c.lat}::float8[], ${c.lng}::float8[], ${c.winner}::text[], ${c.runnerUp}::text[], ${c.majority}::int[],
        ${c.majorityPct}::float8[], ${c.validVotes}::int[], ${c.electorate}::int[], ${c.turnoutPct}::float8[],
        ${c.result}::text[], ${c.mpName}::text[])
      ON CONFLICT (code) DO NOTHING`;
  }
  if (outcodes < places.outcodes.length) {
    const o = columns(places.outcodes);
    await prisma.$executeRaw`
      INSERT INTO outcodes (code, lat, lng, postcodes, country)
      SELECT * FROM unnest(${o.code}::text[], ${o.lat}::float8[], ${o.lng}::float8[], ${o.postcodes}::int[],
        ${o.country}::text[])
      ON CONFLICT (code) DO NOTHING`;
  }
  if (await prisma.constituency.findFirst({ where: { reachKm: null }, select: { code: true } })) {
    const reach = readCsv('constituency-reach.csv');
    await prisma.$executeRaw`
      UPDATE constituencies c SET reach_km = r.reach_km
      FROM unnest(${reach.map((row) => str(row, 'code'))}::text[], ${reach.map((row) => num(row, 'reach_km'))}::float8[]) AS r(code, reach_km)
      WHERE c.code = r.code AND c.reach_km IS NULL`;
  }
  const [r, c, o] = await Promise.all([prisma.region.count(), prisma.constituency.count(), prisma.outcode.count()]);
  return { regions: r, constituencies: c, outcodes: o };
}

/** Rows → one array per column (for INSERT … SELECT * FROM unnest(…)). */
function columns<T extends object>(rows: readonly T[]): { [K in keyof T]: T[K][] } {
  const out = {} as { [K in keyof T]: T[K][] };
  for (const key of Object.keys(rows[0] ?? {}) as (keyof T)[]) out[key] = rows.map((r) => r[key]);
  return out;
}
