import { distanceKm, fromLondonInputValue, type LatLng, round } from '@rallypoint/shared';
import type { ConstituencyRow, OutcodeRow, PlacesData } from './places.ts';

/** mulberry32: a small, fast, seedable PRNG (same seed, same sequence). */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  hex(bytes: number): string {
    let s = '';
    for (let i = 0; i < bytes; i++) s += Math.floor(this.next() * 256).toString(16).padStart(2, '0');
    return s;
  }

  /** A version-4-shaped UUID drawn from this generator. */
  uuid(): string {
    const h = this.hex(16).split('');
    h[12] = '4';
    h[16] = '89ab'[Number.parseInt(h[16]!, 16) & 3]!;
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}

/** Picks items with probability proportional to a weight (binary search over cumulative weights). */
export class WeightedPicker<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(
    private readonly items: readonly T[],
    weight: (item: T) => number,
  ) {
    let sum = 0;
    for (const item of items) {
      sum += Math.max(0, weight(item));
      this.cumulative.push(sum);
    }
    if (sum <= 0) throw new Error('WeightedPicker needs a positive total weight');
    this.total = sum;
  }

  pick(rng: Rng): T {
    const target = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/** A point uniformly inside a disc of `maxKm` around `p`, rounded to 5 dp (~1 m). */
export function jitter(rng: Rng, p: LatLng, maxKm: number, minKm = 0): LatLng {
  const r = Math.sqrt(minKm ** 2 + rng.next() * (maxKm ** 2 - minKm ** 2));
  const theta = rng.next() * 2 * Math.PI;
  const dLat = (r * Math.cos(theta)) / 111.32;
  const dLng = (r * Math.sin(theta)) / (111.32 * Math.cos((p.lat * Math.PI) / 180));
  return { lat: round(p.lat + dLat, 5), lng: round(p.lng + dLng, 5) };
}

// Letters allowed in the inward code's last two characters (Royal Mail excludes C I K M O V).
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** A well-formed full postcode in `outcode`, e.g. "LS6 2AB" (format only, not a real delivery point). */
export function plausiblePostcode(rng: Rng, outcode: string): string {
  return `${outcode} ${rng.int(1, 9)}${rng.pick([...INWARD_LETTERS])}${rng.pick([...INWARD_LETTERS])}`;
}

// --- Dates in UK time -------------------------------------------------------------------------------

const dayKey = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The UK calendar day of an instant, "YYYY-MM-DD". */
export function londonDay(instant: Date): string {
  return dayKey.format(instant);
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T12:00:00Z`).getUTCDay();
}

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const londonTimes = new Map<string, Date>();

/** The instant at `hour:minute` UK local time on `day` (cached; handles BST). */
export function londonTime(day: string, hour: number, minute = 0): Date {
  const key = `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  let t = londonTimes.get(key);
  if (!t) {
    const parsed = fromLondonInputValue(key);
    if (!parsed) throw new Error(`Bad local time ${key}`);
    t = parsed;
    londonTimes.set(key, t);
  }
  return new Date(t.getTime());
}

// --- Nearest places ---------------------------------------------------------------------------------

/** Nearest-place look-ups in JS (the demo is built without a database). */
export class PlaceIndex {
  readonly outcodeByCode: Map<string, OutcodeRow>;
  private readonly constituenciesByNation = new Map<string, ConstituencyRow[]>();
  private readonly outcodesByCountry = new Map<string, OutcodeRow[]>();
  private readonly outcodeSeat = new Map<string, ConstituencyRow>();

  constructor(readonly places: PlacesData) {
    this.outcodeByCode = new Map(places.outcodes.map((o) => [o.code, o]));
    for (const c of places.constituencies) {
      const list = this.constituenciesByNation.get(c.nation) ?? [];
      list.push(c);
      this.constituenciesByNation.set(c.nation, list);
    }
    for (const o of places.outcodes) {
      const list = this.outcodesByCountry.get(o.country) ?? [];
      list.push(o);
      this.outcodesByCountry.set(o.country, list);
    }
  }

  /**
   * The constituency with the nearest reference point, among those of `nation` when given (so a point in
   * Galloway is not routed to a seat across the sea in Northern Ireland).
   */
  nearestConstituency(p: LatLng, nation?: string): ConstituencyRow {
    const list = (nation && this.constituenciesByNation.get(nation)) || this.places.constituencies;
    return nearest(list, p);
  }

  nearestOutcode(p: LatLng, country?: string): OutcodeRow {
    const list = (country && this.outcodesByCountry.get(country)) || this.places.outcodes;
    return nearest(list, p);
  }

  /** The seat nearest an outcode's centroid, in the outcode's own country (memoised). */
  seatOfOutcode(o: OutcodeRow): ConstituencyRow {
    let seat = this.outcodeSeat.get(o.code);
    if (!seat) {
      seat = this.nearestConstituency(o, o.country);
      this.outcodeSeat.set(o.code, seat);
    }
    return seat;
  }
}

function nearest<T extends LatLng>(list: readonly T[], p: LatLng): T {
  let best = list[0]!;
  let bestKm = Number.POSITIVE_INFINITY;
  for (const item of list) {
    const km = distanceKm(p, item);
    if (km < bestKm) {
      bestKm = km;
      best = item;
    }
  }
  return best;
}

/** Outcodes of real places: drop the non-geographic PO-box districts (tiny unit counts). */
export function geographicOutcodes(outcodes: readonly OutcodeRow[]): OutcodeRow[] {
  return outcodes.filter((o) => o.postcodes >= 20);
}

/** "Leeds Central and Headingley" → "Leeds Central"; "Caithness, Sutherland and Easter Ross" → "Caithness". */
export function shortPlaceName(seatName: string): string {
  return seatName.split(/,| and /)[0]!.trim();
}
