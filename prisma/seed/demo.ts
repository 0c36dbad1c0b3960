import {
  type AddressVisibility,
  DEFAULT_MARGINAL_THRESHOLD_PCT,
  distanceKm,
  type EventVisibility,
  isMarginal,
  type EventKind as Kind,
  type LatLng,
  type Role,
  type RsvpStatus,
  type EventStatus as Status,
  snapToGrid,
} from '@rallypoint/shared';
import type { Prisma, PrismaClient } from '../src/index.ts';
import { addDemoCampaign, type DemoCampaigns, insertDemoCampaigns } from './campaigns.ts';
import { addPastCheckIn, type DemoAttendance } from './check-in.ts';
import {
  CANVASS_MEETING_POINTS,
  CAUSES,
  EXTRAS,
  FIRST_NAMES,
  LAST_NAMES,
  MEETING_VENUES,
  PHONE_BANK_VENUES,
  PUBS,
  RALLY_VENUES,
  SCOTTISH_FIRST_NAMES,
  SCOTTISH_LAST_NAMES,
  SOCIAL_KINDS,
  STALL_SPOTS,
  STREETS,
  TRAINING_TOPICS,
  TRAINING_VENUES,
  WELSH_FIRST_NAMES,
  WELSH_LAST_NAMES,
} from './content.ts';
import { buildDemoHubs, type DemoHub } from './hubs.ts';
import { buildDemoLifts, type DemoLifts } from './lifts.ts';
import { type ConstituencyRow, type OutcodeRow, type PlacesData, readPlaces, seedPlaces } from './places.ts';
import { addCoverageDemo } from './seat-coverage.ts';
import { addShiftsAndSeries, type DemoSeries, type DemoShift } from './shifts.ts';
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
  WEEKDAY_NAMES,
  WeightedPicker,
  weekdayOf,
} from './util.ts';

// Fixed demo logins (all share the password the caller hashes; DEMO_PASSWORD is the documented one).
export const DEMO_PASSWORD = 'rallypoint-demo';
export const DEMO_ADMIN_EMAIL = 'admin@rallypoint.example';
export const DEMO_MEMBER_EMAIL = 'member@rallypoint.example';
export const DEMO_MEMBER_HOME = 'LS6';
export const demoOrganiserEmail = (regionId: string): string => `organiser.${regionId}@rallypoint.example`;
export const DEMO_ORGANISER_LONDON_EMAIL = demoOrganiserEmail('london');
/** Seats at or below this 2024 majority (% of valid votes) get canvasses. */
export const DEMO_MARGINAL_PCT = DEFAULT_MARGINAL_THRESHOLD_PCT;
export const DEMO_DAYS_AHEAD = 56;

const DEMO_SEED = 20_240_704;
const DEMO_LOCK_KEY = 72_707_916;

export interface DemoUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  homeLabel: string | null;
  homeLat: number | null;
  homeLng: number | null;
  calendarToken: string;
  createdAt: Date;
}

export interface DemoEvent {
  id: string;
  kind: Kind;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  venueName: string;
  address: string;
  /** Null for the online event. */
  postcode: string | null;
  areaLabel: string;
  exactLat: number;
  exactLng: number;
  lat: number;
  lng: number;
  regionId: string;
  constituencyCode: string | null;
  capacity: number | null;
  goingCount: number;
  status: Status;
  visibility: EventVisibility;
  addressVisibility: AddressVisibility;
  organiserId: string;
  createdAt: Date;
  updatedAt: Date;
  online?: boolean;
  joinUrl?: string | null;
  stepFree?: boolean;
  accessibleToilet?: boolean;
  hearingLoop?: boolean;
  quietSpace?: boolean;
  /** An occurrence of a series (see shifts.ts), and the start the series gave it. */
  seriesId?: string | null;
  occurrenceAt?: Date | null;
  /** A campaign's event (see campaigns.ts), and where it stands with the organisers. */
  campaignId?: string | null;
  templateId?: string | null;
  approval?: 'PENDING' | 'APPROVED' | 'REJECTED' | null;
}

export interface DemoRsvp {
  id: string;
  eventId: string;
  /** A shift booking (see shifts.ts). */
  shiftId?: string | null;
  userId: string;
  status: RsvpStatus;
  guests: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface DemoData {
  users: DemoUser[];
  organiserRegions: { userId: string; regionId: string }[];
  events: DemoEvent[];
  /** In arrival order: insert in this order so `seq` follows it. */
  rsvps: DemoRsvp[];
  lifts: DemoLifts;
  shifts?: DemoShift[];
  series?: DemoSeries[];
  campaigns?: DemoCampaigns;
  /** Check-ins at the past demo event (see check-in.ts). */
  attendances?: DemoAttendance[];
  /** The London rally's pickup hubs (see hubs.ts). */
  hubs?: DemoHub[];
}

export interface DemoSummary {
  users: number;
  organisers: number;
  events: number;
  published: number;
  drafts: number;
  cancelled: number;
  unlisted: number;
  rsvps: number;
  going: number;
  waitlisted: number;
  liftOffers: number;
  liftRequests: number;
  liftsAgreed: number;
}

/** A seat that gets canvasses: the product's marginal rule (never the Speaker's) at the demo threshold. */
export const isDemoMarginal = (c: Pick<ConstituencyRow, 'majorityPct' | 'winner'>): boolean => isMarginal(c, DEMO_MARGINAL_PCT);

const DAY_MS = 86_400_000;
// Nobody canvasses on Christmas Day: no demo events on these dates (MM-DD).
const HOLIDAYS = new Set(['12-24', '12-25', '12-26', '12-31', '01-01']);
const PUBLISHED_MIX: [Kind, number][] = [
  ['CANVASS', 96],
  ['MEETING', 55],
  ['STALL', 45],
  ['PHONE_BANK', 35],
  ['SOCIAL', 33],
  ['TRAINING', 30],
];
const LOCAL_KINDS: Kind[] = ['MEETING', 'STALL', 'PHONE_BANK', 'SOCIAL', 'TRAINING'];
const CAPACITIES: Record<Kind, number[]> = {
  CANVASS: [10, 12, 15, 20, 25, 30],
  MEETING: [20, 30, 40, 50, 60],
  STALL: [10, 12, 15],
  PHONE_BANK: [10, 12, 15, 20, 25],
  SOCIAL: [20, 30, 40, 60],
  TRAINING: [12, 15, 20, 25, 30],
  RALLY: [],
};
const ATTENDEES_SHARE: Record<Kind, number> = {
  CANVASS: 0.05,
  STALL: 0.05,
  MEETING: 0.25,
  PHONE_BANK: 0.25,
  SOCIAL: 0.25,
  TRAINING: 0.25,
  RALLY: 0,
};

interface Slot {
  weekdays: number[];
  times: [number, number][];
  minutes: number[];
}

// When each kind of event happens (UK local time): [weekdays], [start hour, minute], [durations].
const SLOTS: Record<Kind, Slot[]> = {
  CANVASS: [
    { weekdays: [6, 0], times: [[10, 0], [10, 30], [11, 0]], minutes: [120, 150, 180] },
    { weekdays: [6, 0], times: [[10, 0], [10, 30], [11, 0]], minutes: [120, 150, 180] },
    { weekdays: [0], times: [[14, 0]], minutes: [120, 180] },
    { weekdays: [1, 2, 3, 4], times: [[17, 30], [18, 0]], minutes: [120] },
  ],
  MEETING: [{ weekdays: [1, 2, 3, 4], times: [[19, 0], [19, 30]], minutes: [90, 120] }],
  STALL: [
    { weekdays: [6], times: [[10, 0], [10, 30], [11, 0]], minutes: [120] },
    { weekdays: [0], times: [[11, 0]], minutes: [120] },
  ],
  PHONE_BANK: [
    { weekdays: [1, 2, 3, 4], times: [[18, 0], [18, 30]], minutes: [120, 150] },
    { weekdays: [0], times: [[14, 0]], minutes: [180] },
  ],
  SOCIAL: [
    { weekdays: [5, 6], times: [[19, 0], [19, 30], [20, 0]], minutes: [120, 180] },
    { weekdays: [0], times: [[13, 0]], minutes: [120] },
  ],
  TRAINING: [
    { weekdays: [6], times: [[10, 0], [14, 0]], minutes: [120, 180] },
    { weekdays: [3], times: [[18, 30]], minutes: [120] },
  ],
  RALLY: [{ weekdays: [6], times: [[12, 0], [13, 0]], minutes: [120, 180] }],
};

/**
 * Builds the whole demo as plain rows, without a database. Deterministic: the same places and the same UK
 * calendar day of `now` give the same rows. Events start tomorrow at the earliest, so all are upcoming.
 */
export function buildDemo(places: PlacesData, now: Date): DemoData {
  const rng = new Rng(DEMO_SEED);
  const index = new PlaceIndex(places);
  const today = londonDay(now);
  const dayStart = londonTime(today, 0, 0).getTime();
  const days = Array.from({ length: DEMO_DAYS_AHEAD }, (_, i) => addDays(today, i + 1)).filter(
    (d) => !HOLIDAYS.has(d.slice(5)),
  );

  const homes = geographicOutcodes(places.outcodes);
  const homePicker = new WeightedPicker(homes, (o) => o.postcodes);
  const homesByRegion = new Map<string, OutcodeRow[]>();
  for (const o of homes) {
    const regionId = index.seatOfOutcode(o).regionId;
    homesByRegion.set(regionId, [...(homesByRegion.get(regionId) ?? []), o]);
  }
  const outcode = (code: string): OutcodeRow => {
    const o = index.outcodeByCode.get(code);
    if (!o) throw new Error(`Outcode ${code} missing from the places data`);
    return o;
  };

  // --- Users ---------------------------------------------------------------------------------------
  const users: DemoUser[] = [];
  const emails = new Set<string>();
  const addUser = (role: Role, name: [string, string], home: OutcodeRow | null, email?: string): DemoUser => {
    let address = email;
    if (!address) {
      const local = `${slugName(name[0])}.${slugName(name[1])}`;
      address = `${local}@example.org`;
      for (let n = 2; emails.has(address); n++) address = `${local}${n}@example.org`;
    }
    emails.add(address);
    const user: DemoUser = {
      id: rng.uuid(),
      email: address,
      firstName: name[0],
      lastName: name[1],
      role,
      homeLabel: home?.code ?? null,
      homeLat: home?.lat ?? null,
      homeLng: home?.lng ?? null,
      calendarToken: rng.hex(32),
      createdAt: new Date(dayStart - rng.int(30, 720) * DAY_MS + rng.int(8 * 3600, 22 * 3600) * 1000),
    };
    users.push(user);
    return user;
  };
  const randomName = (country: string | undefined): [string, string] => {
    const local = rng.chance(0.5);
    if (country === 'Scotland' && local) return [rng.pick(SCOTTISH_FIRST_NAMES), rng.pick(SCOTTISH_LAST_NAMES)];
    if (country === 'Wales' && local) return [rng.pick(WELSH_FIRST_NAMES), rng.pick(WELSH_LAST_NAMES)];
    return [rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES)];
  };

  addUser('ADMIN', ['Alex', 'Morgan'], outcode('SE1'), DEMO_ADMIN_EMAIL);
  const organiserOf = new Map<string, DemoUser>();
  const organiserRegions: DemoData['organiserRegions'] = [];
  for (const region of places.regions) {
    const candidates = homesByRegion.get(region.id);
    // Northern Ireland has no outcode data (see data/README.md): that organiser has no home area.
    const home = candidates ? new WeightedPicker(candidates, (o) => o.postcodes).pick(rng) : null;
    const user = addUser('ORGANISER', randomName(home?.country), home, demoOrganiserEmail(region.id));
    organiserOf.set(region.id, user);
    organiserRegions.push({ userId: user.id, regionId: region.id });
  }
  const member = addUser('MEMBER', ['Sam', 'Whitaker'], outcode(DEMO_MEMBER_HOME), DEMO_MEMBER_EMAIL);
  for (let i = 0; i < 40; i++) {
    const home = homePicker.pick(rng);
    addUser('MEMBER', randomName(home.country), home);
  }
  const withHome = users.filter((u) => u.homeLat !== null && u.role !== 'ADMIN');
  const homeOf = (u: DemoUser): LatLng => ({ lat: u.homeLat!, lng: u.homeLng! });
  const nearestUsers = (p: LatLng, k: number): DemoUser[] =>
    [...withHome].sort((a, b) => distanceKm(p, homeOf(a)) - distanceKm(p, homeOf(b))).slice(0, k);

  // --- Events --------------------------------------------------------------------------------------
  const events: DemoEvent[] = [];

  interface Spec {
    kind: Kind;
    point: LatLng;
    area: OutcodeRow;
    seat: ConstituencyRow;
    regionId?: string;
    constituencyCode?: string | null;
    organiser?: DemoUser;
    status?: Status;
    minWeek?: number;
    text?: EventText;
    capacity?: number | null;
  }

  const addEvent = (spec: Spec): DemoEvent => {
    const { kind, area, seat } = spec;
    const place = shortPlaceName(seat.name);
    const slot = rng.pick(SLOTS[kind]);
    const earliest = addDays(today, (spec.minWeek ?? 0) * 7 + 1);
    const choices = days.filter((d) => d >= earliest && slot.weekdays.includes(weekdayOf(d)));
    const day = rng.pick(choices);
    const [hour, minute] = rng.pick(slot.times);
    const startsAt = londonTime(day, hour, minute);
    const endsAt = new Date(startsAt.getTime() + rng.pick(slot.minutes) * 60_000);
    const addressVisibility = rng.chance(ATTENDEES_SHARE[kind]) ? 'ATTENDEES' : 'PUBLIC';
    const text: EventText = spec.text ?? describe(rng, kind, { place, seat, area, weekday: WEEKDAY_NAMES[weekdayOf(day)]!, index });
    let exact = spec.point;
    let shown = exact;
    if (addressVisibility === 'ATTENDEES') {
      shown = snapToGrid(exact);
      if (shown.lat === exact.lat && shown.lng === exact.lng) exact = { lat: exact.lat + 0.0001, lng: exact.lng };
    }
    const capacity =
      spec.capacity !== undefined
        ? spec.capacity
        : kind === 'RALLY'
          ? rng.int(6, 40) * 50
          : rng.chance(0.4)
            ? null
            : rng.pick(CAPACITIES[kind]);
    const createdAt = new Date(dayStart - rng.int(2, 28) * DAY_MS + rng.int(7 * 3600, 23 * 3600) * 1000);
    const status = spec.status ?? 'PUBLISHED';
    const organiser = spec.organiser ?? rng.pick(nearestUsers(spec.point, 4));
    const event: DemoEvent = {
      id: rng.uuid(),
      kind,
      title: text.title,
      description: text.description ?? describeBody(rng, kind, seat, place),
      startsAt,
      endsAt,
      venueName: text.venueName,
      address: text.address,
      postcode: text.postcode ?? plausiblePostcode(rng, area.code),
      areaLabel: area.code,
      exactLat: exact.lat,
      exactLng: exact.lng,
      lat: shown.lat,
      lng: shown.lng,
      regionId: spec.regionId ?? seat.regionId,
      constituencyCode: spec.constituencyCode ?? null,
      capacity,
      goingCount: 0,
      status,
      visibility: 'PUBLIC',
      addressVisibility,
      organiserId: organiser.id,
      createdAt,
      updatedAt:
        status === 'CANCELLED' ? new Date(createdAt.getTime() + rng.int(1, Math.floor((dayStart - createdAt.getTime()) / 1000)) * 1000) : createdAt,
    };
    events.push(event);
    return event;
  };

  const townEvent = (kind: Kind, status?: Status, fixedArea?: OutcodeRow, organiser?: DemoUser): DemoEvent => {
    const area = fixedArea ?? homePicker.pick(rng);
    const point = jitter(rng, area, 0.8);
    const seat = index.nearestConstituency(point, area.country);
    return addEvent({ kind, point, area, seat, status, organiser });
  };

  // Rallies in big cities, by that region's organiser.
  for (const r of RALLY_VENUES) {
    const area = outcode(r.outcode);
    const seat = index.nearestConstituency(r, area.country);
    addEvent({
      kind: 'RALLY',
      point: { lat: r.lat, lng: r.lng },
      area,
      seat,
      organiser: organiserOf.get(seat.regionId),
      minWeek: 2,
      text: {
        title: r.title,
        venueName: r.venue,
        address: r.address,
        postcode: r.postcode,
        description: `${r.title}. Join members from across the region in ${r.city} for speeches, music and a chance to meet the people running the campaign in your area. Stewards will be in hi-vis; meet your local group at the signposted gathering points from ${r.hour - 1}:30. Step-free access throughout. Please register so we can plan stewarding and lifts.`,
      },
    });
  }

  // The fixed member runs two events at home in LS6 (Headingley).
  const ls6 = outcode(DEMO_MEMBER_HOME);
  for (const [kind, text] of [
    ['MEETING', { title: 'Headingley branch meeting', venueName: 'Headingley Community Hall', address: '42 North Lane' }],
    ['STALL', { title: 'Saturday street stall, Headingley', venueName: 'Outside the library', address: 'North Lane' }],
  ] as const) {
    const point = jitter(rng, ls6, 0.6);
    addEvent({ kind, point, area: ls6, seat: index.nearestConstituency(point, ls6.country), organiser: member, text });
  }

  // Canvasses in marginal seats (thinner majorities get more), near the seat's reference point.
  const marginals = places.constituencies.filter((c) => isDemoMarginal(c) && c.nation !== 'Northern Ireland');
  const seatPicker = new WeightedPicker(marginals, (c) => DEMO_MARGINAL_PCT + 0.5 - c.majorityPct);
  const mix = PUBLISHED_MIX.map(([kind, n]): [Kind, number] => [kind, kind === 'MEETING' || kind === 'STALL' ? n - 1 : n]);
  for (const [kind, n] of mix) {
    for (let i = 0; i < n; i++) {
      if (kind !== 'CANVASS') {
        townEvent(kind);
        continue;
      }
      const seat = seatPicker.pick(rng);
      const point = jitter(rng, seat, 1.5, 0.2);
      const area = index.nearestOutcode(point, seat.nation);
      addEvent({ kind, point, area, seat, constituencyCode: seat.code });
    }
  }

  // A few members-only (unlisted) meetings and trainings.
  const unlistable = events.filter((e) => e.kind === 'MEETING' || e.kind === 'TRAINING');
  for (const e of rng.shuffle(unlistable).slice(0, 5)) e.visibility = 'UNLISTED';

  // Drafts and cancellations (no RSVPs).
  for (let i = 0; i < 6; i++) townEvent(rng.pick(LOCAL_KINDS), 'DRAFT');
  for (let i = 0; i < 5; i++) townEvent(rng.pick(LOCAL_KINDS), 'CANCELLED');

  // --- RSVPs ---------------------------------------------------------------------------------------
  const published = events.filter((e) => e.status === 'PUBLISHED');
  const eventPoint = (e: DemoEvent): LatLng => ({ lat: e.exactLat, lng: e.exactLng });
  interface Intent {
    event: DemoEvent;
    user: DemoUser;
    guests: number;
  }
  const intents = new Map<string, Intent>();
  const want = (event: DemoEvent, user: DemoUser, rally = false) => {
    if (event.organiserId === user.id) return;
    const key = `${event.id}/${user.id}`;
    if (intents.has(key)) return;
    const x = rng.next();
    const guests = rally ? (x < 0.5 ? 0 : x < 0.8 ? 1 : x < 0.95 ? 2 : 3) : x < 0.7 ? 0 : x < 0.9 ? 1 : x < 0.97 ? 2 : 3;
    intents.set(key, { event, user, guests });
  };

  // Busy canvasses in the tightest seats: small capacity, volunteers travel in, some end up waitlisted.
  const hot: DemoEvent[] = [];
  const byMajority = published
    .filter((e) => e.kind === 'CANVASS' && e.visibility === 'PUBLIC')
    .sort((a, b) => seatPct(places, a) - seatPct(places, b) || a.startsAt.getTime() - b.startsAt.getTime());
  for (const e of byMajority) {
    if (hot.length >= 4) break;
    if (hot.some((h) => h.constituencyCode === e.constituencyCode)) continue;
    e.capacity = rng.pick([10, 12]);
    hot.push(e);
  }
  for (const e of hot) for (const u of nearestUsers(eventPoint(e), 16)) want(e, u);

  const rallies = published.filter((e) => e.kind === 'RALLY');
  for (const user of withHome) {
    const home = homeOf(user);
    const near = published
      .filter((e) => e.kind !== 'RALLY')
      .map((e) => ({ e, km: distanceKm(home, eventPoint(e)) }))
      .sort((a, b) => a.km - b.km)
      .slice(0, 15);
    for (const { e } of rng.shuffle(near).slice(0, rng.int(2, 6))) want(e, user);
    const rally = rallies
      .map((e) => ({ e, km: distanceKm(home, eventPoint(e)) }))
      .sort((a, b) => a.km - b.km)[0];
    if (rally && rally.km < 150 && (user === member || rng.chance(0.6))) want(rally.e, user, true);
  }

  // Arrival order decides GOING vs WAITLISTED; once an event has a queue, later arrivals join it.
  const timed = [...intents.values()].map((intent) => {
    const from = Math.max(intent.event.createdAt.getTime(), intent.user.createdAt.getTime());
    const at = from + Math.floor(rng.next() * (dayStart - 3_600_000 - from));
    return { ...intent, at: new Date(at), id: rng.uuid(), cancelled: rng.chance(0.04) };
  });
  timed.sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
  const queued = new Set<string>();
  const rsvps: DemoRsvp[] = timed.map((t) => {
    const e = t.event;
    let status: DemoRsvp['status'];
    if (t.cancelled) status = 'CANCELLED';
    else if (!queued.has(e.id) && (e.capacity === null || e.goingCount + 1 + t.guests <= e.capacity)) {
      status = 'GOING';
      e.goingCount += 1 + t.guests;
    } else {
      status = 'WAITLISTED';
      queued.add(e.id);
    }
    return { id: t.id, eventId: e.id, userId: t.user.id, status, guests: t.guests, createdAt: t.at, updatedAt: t.at };
  });

  const data: DemoData = { users, organiserRegions, events, rsvps, lifts: { offers: [], requests: [], matches: [] } };
  data.lifts = buildDemoLifts(data);
  // Added last and without the random generator, so everything above stays as it was.
  describeAccess(events);
  addOnlinePhoneBank(data, { places, today, days, member, organiser: organiserOf.get(ONLINE_REGION)!, nearestUsers });
  addShiftsAndSeries(data, member);
  addDemoCampaign(data, places, now);
  addCoverageDemo(data, places);
  addPastCheckIn(data, { today, member, organiser: organiserOf.get('yorkshire-and-the-humber')!, nearestUsers });
  data.hubs = buildDemoHubs(data);
  return data;
}

/** Venue access as the demo's venues would describe it: halls, libraries and centres are step-free, rallies too. */
function describeAccess(events: DemoEvent[]): void {
  for (const e of events) {
    const building = /hall|library|centre|community/i.test(e.venueName);
    e.stepFree = e.kind === 'RALLY' || building;
    e.accessibleToilet = e.kind === 'RALLY' || building;
    e.hearingLoop = /library|community/i.test(e.venueName);
    e.quietSpace = e.kind === 'RALLY';
  }
}

const ONLINE_REGION = 'yorkshire-and-the-humber';
export const DEMO_JOIN_URL = 'https://meet.rallypoint.example/yorkshire-phone-bank';

/**
 * An online phone bank run by the Yorkshire organiser, next Tuesday evening: no venue, a join link for the people
 * going (the demo member among them).
 */
function addOnlinePhoneBank(
  data: DemoData,
  c: { places: PlacesData; today: string; days: string[]; member: DemoUser; organiser: DemoUser; nearestUsers: (p: LatLng, k: number) => DemoUser[] },
): void {
  const seats = c.places.constituencies.filter((s) => s.regionId === ONLINE_REGION);
  const centre = { lat: seats.reduce((n, s) => n + s.lat, 0) / seats.length, lng: seats.reduce((n, s) => n + s.lng, 0) / seats.length };
  const day = c.days.find((d) => d > addDays(c.today, 1) && weekdayOf(d) === 2) ?? c.days[2]!;
  const startsAt = londonTime(day, 18, 30);
  const dayStart = londonTime(c.today, 0, 0).getTime();
  const createdAt = new Date(dayStart - 2 * 86_400_000);
  const event: DemoEvent = {
    id: '00000000-0000-4000-8000-0000000000b1',
    kind: 'PHONE_BANK',
    title: 'Online phone bank: Yorkshire marginals',
    description:
      'Call members and supporters in the tightest Yorkshire seats from home. We start with a short briefing on the call script, then call in pairs in breakout rooms. You need a laptop or phone with headphones; the join link is shown once you sign up.',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
    venueName: 'Online',
    address: '',
    postcode: null,
    areaLabel: 'Online',
    exactLat: centre.lat,
    exactLng: centre.lng,
    lat: centre.lat,
    lng: centre.lng,
    regionId: ONLINE_REGION,
    constituencyCode: null,
    capacity: 40,
    goingCount: 0,
    status: 'PUBLISHED',
    visibility: 'PUBLIC',
    addressVisibility: 'PUBLIC',
    organiserId: c.organiser.id,
    createdAt,
    updatedAt: createdAt,
    online: true,
    joinUrl: DEMO_JOIN_URL,
    stepFree: false,
    accessibleToilet: false,
    hearingLoop: false,
    quietSpace: false,
  };
  data.events.push(event);
  const going = [c.member, ...c.nearestUsers(centre, 8).filter((u) => u.id !== c.member.id && u.id !== c.organiser.id).slice(0, 5)];
  going.forEach((u, i) => {
    // After every other RSVP (those end an hour before today began): the list stays in arrival order.
    const at = new Date(dayStart - 1_800_000 + i * 60_000);
    data.rsvps.push({ id: `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`, eventId: event.id, userId: u.id, status: 'GOING', guests: 0, createdAt: at, updatedAt: at });
    event.goingCount += 1;
  });
}

function seatPct(places: PlacesData, e: DemoEvent): number {
  return places.constituencies.find((c) => c.code === e.constituencyCode)?.majorityPct ?? 100;
}

function slugName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

interface EventText {
  title: string;
  venueName: string;
  address: string;
  postcode?: string;
  description?: string;
}

interface Ctx {
  place: string;
  seat: ConstituencyRow;
  area: OutcodeRow;
  weekday: string;
  index: PlaceIndex;
}

function street(rng: Rng): string {
  return `${rng.int(1, 180)} ${rng.pick(STREETS)}`;
}

function corner(rng: Rng): string {
  const [a, b] = rng.shuffle(STREETS);
  return `Corner of ${a} and ${b}`;
}

/** Title, venue and address for an event of `kind` around `place`. */
function describe(rng: Rng, kind: Kind, c: Ctx): EventText {
  const { place, seat, weekday } = c;
  switch (kind) {
    case 'CANVASS': {
      const spot = rng.pick(CANVASS_MEETING_POINTS);
      const title = rng.pick([
        `${weekday} canvass in ${place}`,
        `Doorknocking in ${place}`,
        `Canvass: ${seat.name}`,
        `${weekday} doorstep session, ${place}`,
        `Every door counts — ${seat.name}`,
        `Knock-and-talk in ${place}`,
      ]);
      return { title, venueName: `Meet at ${spot}`, address: corner(rng) };
    }
    case 'MEETING': {
      const title = rng.pick([
        `Branch meeting — ${seat.name}`,
        `${place} members' meeting`,
        `Monthly branch meeting, ${place}`,
        `Open meeting: local priorities in ${place}`,
        `${place} campaign planning meeting`,
        `${place} branch AGM`,
      ]);
      return { title, venueName: rng.pick(MEETING_VENUES), address: street(rng) };
    }
    case 'STALL': {
      const title = rng.pick([
        `Street stall in ${place}`,
        `${weekday} street stall, ${place}`,
        `Market stall — ${place}`,
        `Petition stall: save ${rng.pick(CAUSES)} (${place})`,
      ]);
      return { title, venueName: rng.pick(STALL_SPOTS), address: rng.pick(STREETS) };
    }
    case 'PHONE_BANK': {
      const target = nearestMarginal(c);
      const title = rng.pick([
        `Phone bank: calling ${target.name}`,
        `${weekday} evening phone bank, ${place}`,
        `Phone bank for ${shortPlaceName(target.name)} — bring a laptop`,
      ]);
      return { title, venueName: rng.pick(PHONE_BANK_VENUES), address: street(rng) };
    }
    case 'SOCIAL': {
      const what = rng.pick(SOCIAL_KINDS);
      const pub = rng.pick(PUBS);
      return { title: `${what}, ${place}`, venueName: pub, address: street(rng) };
    }
    case 'TRAINING': {
      const topic = rng.pick(TRAINING_TOPICS);
      return { title: `${topic} — ${place}`, venueName: rng.pick(TRAINING_VENUES), address: street(rng) };
    }
    case 'RALLY':
      return { title: `Rally in ${place}`, venueName: 'Town square', address: 'Market Place' };
  }
}

function nearestMarginal(c: Ctx): ConstituencyRow {
  let best = c.seat;
  let bestKm = Number.POSITIVE_INFINITY;
  for (const s of c.index.places.constituencies) {
    if (!isDemoMarginal(s) || s.nation !== c.seat.nation) continue;
    const km = distanceKm(c.area, s);
    if (km < bestKm) {
      bestKm = km;
      best = s;
    }
  }
  return best;
}

function describeBody(rng: Rng, kind: Kind, seat: ConstituencyRow, place: string): string {
  const extras = rng
    .shuffle(EXTRAS)
    .slice(0, rng.int(1, 2))
    .join(' ');
  const majority = seat.majority.toLocaleString('en-GB');
  const lines: Record<Kind, string[]> = {
    CANVASS: [
      `${seat.name} was won by ${majority} votes in July 2024 (${seat.majorityPct}% of the vote). Conversations on the doorstep decide seats like this one.`,
      `We're out talking to voters in ${place}. The majority here is just ${majority}, so every conversation matters.`,
      `A friendly canvass session in ${seat.name}. We'll pair new volunteers with experienced canvassers and hand out clipboards and leaflets on the day.`,
    ],
    MEETING: [
      `Our regular branch meeting: campaign updates, plans for the coming month and any other business. All members welcome.`,
      `Come and help decide what we campaign on locally. Agenda circulated a week before.`,
      `Reports from the canvassing team, the treasurer and the social committee, then an open discussion.`,
    ],
    STALL: [
      `Help us run a stall in ${place}: leaflets, a petition and lots of conversations with passers-by.`,
      `We need a few people for an hour or two: setting up, talking to shoppers, signing people up.`,
    ],
    PHONE_BANK: [
      `Calling voters in the marginal seats near ${place}. Bring a laptop or a phone with a headset; scripts and training provided.`,
      `Can't get to the doorstep? Phone banking reaches hundreds of voters in an evening. Newcomers get a short briefing first.`,
    ],
    SOCIAL: [
      `No agenda, no clipboards: a chance to meet other members in ${place} and say thank you to our volunteers.`,
      `Everyone welcome, members or not. Bring a friend who might like to get involved.`,
    ],
    TRAINING: [
      `A practical, friendly session for new and returning volunteers, with time for questions.`,
      `Learn the basics and practise in pairs. No experience needed.`,
    ],
    RALLY: [`A rally in ${place}.`],
  };
  return `${rng.pick(lines[kind])} ${extras}`;
}

export function summarise(data: DemoData): DemoSummary {
  const count = <T>(list: T[], f: (x: T) => boolean) => list.filter(f).length;
  return {
    users: data.users.length,
    organisers: data.organiserRegions.length,
    events: data.events.length,
    published: count(data.events, (e) => e.status === 'PUBLISHED'),
    drafts: count(data.events, (e) => e.status === 'DRAFT'),
    cancelled: count(data.events, (e) => e.status === 'CANCELLED'),
    unlisted: count(data.events, (e) => e.visibility === 'UNLISTED'),
    rsvps: data.rsvps.length,
    going: count(data.rsvps, (r) => r.status === 'GOING'),
    waitlisted: count(data.rsvps, (r) => r.status === 'WAITLISTED'),
    liftOffers: data.lifts.offers.length,
    liftRequests: data.lifts.requests.length,
    liftsAgreed: count(data.lifts.matches, (m) => m.status === 'ACCEPTED'),
  };
}

async function insertDemo(tx: Prisma.TransactionClient, data: DemoData, passwordHash: string): Promise<void> {
  await tx.user.createMany({ data: data.users.map((u) => ({ ...u, passwordHash, emailVerifiedAt: u.createdAt })) });
  await tx.organiserRegion.createMany({ data: data.organiserRegions });
  if (data.series?.length) await tx.eventSeries.createMany({ data: data.series });
  await insertDemoCampaigns(tx, data);
  await tx.event.createMany({ data: data.events });
  if (data.shifts?.length) await tx.eventShift.createMany({ data: data.shifts });
  await tx.rsvp.createMany({ data: data.rsvps });
  if (data.attendances?.length) await tx.attendance.createMany({ data: data.attendances });
  await tx.liftOffer.createMany({ data: data.lifts.offers });
  await tx.liftRequest.createMany({ data: data.lifts.requests });
  await tx.liftMatch.createMany({ data: data.lifts.matches });
  if (data.hubs?.length) await tx.eventHub.createMany({ data: data.hubs });
}

export interface DemoOptions {
  /** Hash of DEMO_PASSWORD (the caller hashes it once, with the app's password hasher). */
  passwordHash: string;
  now?: Date;
}

/** Seeds places (if missing) and the demo users, events and RSVPs, in one transaction. */
export async function seedDemo(prisma: PrismaClient, opts: DemoOptions): Promise<DemoSummary> {
  const result = await runDemo(prisma, opts, false);
  if (!result) throw new Error('unreachable');
  return result;
}

/** Seeds the demo only when the database has no users (safe when several instances start at once). */
export async function seedDemoIfEmpty(prisma: PrismaClient, opts: DemoOptions): Promise<DemoSummary | null> {
  return runDemo(prisma, opts, true);
}

async function runDemo(prisma: PrismaClient, opts: DemoOptions, onlyIfEmpty: boolean): Promise<DemoSummary | null> {
  await seedPlaces(prisma);
  const data = buildDemo(readPlaces(), opts.now ?? new Date());
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DEMO_LOCK_KEY})`;
      if (onlyIfEmpty && (await tx.user.count()) > 0) return null;
      await insertDemo(tx, data, opts.passwordHash);
      return summarise(data);
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}
