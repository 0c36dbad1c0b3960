import { isNorthernIrelandPostcode, LIMITS, NORTHERN_IRELAND_MESSAGE } from '@rallypoint/shared';
import { z } from 'zod';
import type { DbOrTx } from '../db/change.ts';
import { parseWith, ValidationError } from '../errors.ts';
import { builder } from '../graphql/builder.ts';
import { LatLngRef, WRITE_ERRORS } from '../graphql/common.ts';

export type PlaceSuggestionKind = 'SEAT' | 'OUTCODE';

export interface PlaceSuggestion {
  kind: PlaceSuggestionKind;
  /** The seat's GSS code or the district ("LS6"): what a search link carries. */
  code: string;
  label: string;
  /** Words to tell like names apart: the seat's region, or "Postcode district". */
  detail: string;
  lat: number;
  lng: number;
}

export const SUGGESTIONS_DEFAULT = 8;
export const SUGGESTIONS_MAX = 10;

interface Seat {
  code: string;
  name: string;
  words: string;
  region: string;
  lat: number;
  lng: number;
}

/** Lower case, accents and punctuation gone ("Ynys Môn" → "ynys mon", "Weston-super-Mare" → "weston super mare"). */
export const foldName = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

// The 650 seats change only with a new seed: each database client reads them once.
const seatsByClient = new WeakMap<object, Promise<Seat[]>>();

function seatsOf(prisma: DbOrTx): Promise<Seat[]> {
  let seats = seatsByClient.get(prisma);
  if (!seats) {
    seats = prisma.constituency
      .findMany({ select: { code: true, name: true, lat: true, lng: true, region: { select: { name: true } } } })
      .then((rows) => rows.map((r) => ({ code: r.code, name: r.name, words: foldName(r.name), region: r.region.name, lat: r.lat, lng: r.lng })));
    seatsByClient.set(prisma, seats);
    seats.catch(() => seatsByClient.delete(prisma));
  }
  return seats;
}

/**
 * How well a seat's name matches the query (lower is better; null: no match): the whole name, then the name's
 * start, then the start of a word in it, then every query word starting some word of the name.
 */
export function seatRank(words: string, q: string): number | null {
  if (words === q) return 0;
  if (words.startsWith(q)) return 1;
  if (` ${words}`.includes(` ${q}`)) return 2;
  const nameWords = words.split(' ');
  const queryWords = q.split(' ');
  if (queryWords.length > 1 && queryWords.every((w) => nameWords.some((n) => n.startsWith(w)))) return 3;
  return null;
}

const OUTCODE_PREFIX = /^[A-Z]{1,2}(\d[A-Z\d]?)?$/;

const suggestionsArgs = z.object({
  query: z.string().max(LIMITS.textQueryMax, `Search for at most ${LIMITS.textQueryMax} characters`),
  first: z.number().int().nullish(),
});

/**
 * Seats whose names match the query (ranked as `seatRank`, then by name) and postcode districts it begins
 * (an exact district first of all). Northern Ireland postcodes get a field error saying they are not covered.
 */
export async function placeSuggestions(prisma: DbOrTx, args: { query: string; first?: number | null }): Promise<PlaceSuggestion[]> {
  const { query, first } = parseWith(suggestionsArgs, args);
  const limit = Math.min(Math.max(first ?? SUGGESTIONS_DEFAULT, 1), SUGGESTIONS_MAX);
  const q = foldName(query);
  if (q.length === 0) return [];
  if (isNorthernIrelandPostcode(query)) throw ValidationError.field(['query'], NORTHERN_IRELAND_MESSAGE);

  const compact = query.replace(/\s+/g, '').toUpperCase();
  const outcodes = OUTCODE_PREFIX.test(compact)
    ? await prisma.$queryRaw<{ code: string; lat: number; lng: number }[]>`
        SELECT code, lat, lng FROM outcodes WHERE code LIKE ${`${compact}%`} ORDER BY length(code), code LIMIT ${limit}`
    : [];
  const asOutcode = (o: { code: string; lat: number; lng: number }): PlaceSuggestion => ({
    kind: 'OUTCODE',
    code: o.code,
    label: o.code,
    detail: 'Postcode district',
    lat: o.lat,
    lng: o.lng,
  });
  const exact = outcodes.filter((o) => o.code === compact).map(asOutcode);

  const seats = (await seatsOf(prisma))
    .flatMap((s) => {
      const rank = seatRank(s.words, q);
      return rank === null ? [] : [{ s, rank }];
    })
    .sort((a, b) => a.rank - b.rank || a.s.name.localeCompare(b.s.name, 'en-GB'))
    .map(({ s }): PlaceSuggestion => ({ kind: 'SEAT', code: s.code, label: s.name, detail: s.region, lat: s.lat, lng: s.lng }));

  return [...exact, ...seats, ...outcodes.filter((o) => o.code !== compact).map(asOutcode)].slice(0, limit);
}

const PlaceSuggestionKindRef = builder.enumType('PlaceSuggestionKind', { values: ['SEAT', 'OUTCODE'] as const });

const PlaceSuggestionRef = builder.objectRef<PlaceSuggestion>('PlaceSuggestion').implement({
  description: 'A constituency or postcode district matching what someone is typing into a place search.',
  fields: (t) => ({
    kind: t.field({ type: PlaceSuggestionKindRef, resolve: (s) => s.kind }),
    code: t.exposeString('code', { description: "The seat's GSS code, or the district (\"LS6\")." }),
    label: t.exposeString('label'),
    detail: t.exposeString('detail', { description: "The seat's region, or \"Postcode district\"." }),
    location: t.field({
      type: LatLngRef,
      description: "The seat's ONS reference point (inside it) or the district's centre.",
      resolve: (s) => ({ lat: s.lat, lng: s.lng }),
    }),
  }),
});

builder.queryFields((t) => ({
  placeSuggestions: t.field({
    type: [PlaceSuggestionRef],
    errors: { types: WRITE_ERRORS },
    description: `Seats and postcode districts matching a place search, best first: at most ${SUGGESTIONS_MAX}.`,
    args: {
      query: t.arg.string({ required: true, description: `A seat name, or the start of one or of a postcode district; up to ${LIMITS.textQueryMax} characters.` }),
      first: t.arg.int({ description: `How many, 1 to ${SUGGESTIONS_MAX} (default ${SUGGESTIONS_DEFAULT}).` }),
    },
    resolve: (_root, args, ctx) => placeSuggestions(ctx.prisma, args),
  }),
}));
