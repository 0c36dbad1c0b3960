import { distanceKm, fromLondonInputValue, type LatLng, toLondonInputValue } from '@rallypoint/shared';
import type { DemoData, DemoEvent, DemoUser } from './demo.ts';
import { addDays } from './util.ts';

/** One shift of a demo event (its places and places taken). */
export interface DemoShift {
  id: string;
  eventId: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
  goingCount: number;
}

export interface DemoSeries {
  id: string;
  rrule: string;
}

const WEEKDAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
const fixedId = (group: number, n: number) => `00000000-0000-4000-8000-000000000${group}${String(n).padStart(2, '0')}`;

/**
 * Shifts and a series, added after everything else (no random numbers, so the rest of the demo stays as it was): the
 * two canvasses nearest the demo member that nobody has booked yet get a morning and an afternoon shift (a few
 * neighbours booked on them), and the in-person phone bank nearest them in the next fortnight repeats weekly, five
 * times, the third cancelled.
 */
export function addShiftsAndSeries(data: DemoData, member: DemoUser): void {
  const home: LatLng = { lat: member.homeLat ?? 53.82, lng: member.homeLng ?? -1.58 };
  const booked = new Set(data.rsvps.map((r) => r.eventId));
  const withLifts = new Set([...data.lifts.offers, ...data.lifts.requests].map((l) => l.eventId));
  const near = (e: DemoEvent) => distanceKm(home, { lat: e.exactLat, lng: e.exactLng });
  const open = (e: DemoEvent) => e.status === 'PUBLISHED' && e.visibility === 'PUBLIC' && !booked.has(e.id) && !withLifts.has(e.id);
  const shifts: DemoShift[] = [];

  const canvasses = data.events
    .filter((e) => e.kind === 'CANVASS' && open(e) && e.endsAt.getTime() - e.startsAt.getTime() >= 2 * 3_600_000)
    .sort((a, b) => near(a) - near(b) || a.id.localeCompare(b.id))
    .slice(0, 2);
  canvasses.forEach((e, i) => {
    const half = (e.endsAt.getTime() - e.startsAt.getTime()) / 2;
    const middle = new Date(e.startsAt.getTime() + half);
    const each = e.capacity ? Math.ceil(e.capacity / 2) : 6;
    shifts.push(
      { id: fixedId(3, i * 2), eventId: e.id, startsAt: e.startsAt, endsAt: middle, capacity: each, goingCount: 0 },
      { id: fixedId(3, i * 2 + 1), eventId: e.id, startsAt: middle, endsAt: e.endsAt, capacity: each, goingCount: 0 },
    );
    e.capacity = each * 2;
  });
  // Neighbours booked on the first canvass: three in the morning, one in the afternoon.
  const first = canvasses[0];
  if (first) {
    const neighbours = data.users
      .filter((u) => u.role === 'MEMBER' && u.id !== member.id && u.id !== first.organiserId && u.homeLat !== null)
      .sort((a, b) => distanceKm(home, { lat: a.homeLat!, lng: a.homeLng! }) - distanceKm(home, { lat: b.homeLat!, lng: b.homeLng! }))
      .slice(0, 4);
    const after = Math.max(...data.rsvps.map((r) => r.createdAt.getTime()), first.createdAt.getTime()) + 60_000;
    neighbours.forEach((u, i) => {
      const shift = shifts[i < 3 ? 0 : 1]!;
      const at = new Date(after + i * 60_000);
      data.rsvps.push({ id: fixedId(4, i), eventId: first.id, shiftId: shift.id, userId: u.id, status: 'GOING', guests: 0, createdAt: at, updatedAt: at });
      shift.goingCount += 1;
      first.goingCount += 1;
    });
  }

  const soon = data.events[0] ? Math.min(...data.events.map((e) => e.startsAt.getTime())) + 14 * 86_400_000 : 0;
  const phoneBank = data.events
    .filter((e) => e.kind === 'PHONE_BANK' && !e.online && open(e) && e.startsAt.getTime() < soon)
    .sort((a, b) => near(a) - near(b) || a.id.localeCompare(b.id))[0];
  const series: DemoSeries[] = [];
  if (phoneBank) {
    const local = toLondonInputValue(phoneBank.startsAt);
    const day = WEEKDAY_CODES[new Date(`${local.slice(0, 10)}T12:00:00Z`).getUTCDay()]!;
    const s = { id: fixedId(5, 0), rrule: `FREQ=WEEKLY;BYDAY=${day};COUNT=5` };
    series.push(s);
    phoneBank.seriesId = s.id;
    phoneBank.occurrenceAt = phoneBank.startsAt;
    const length = phoneBank.endsAt.getTime() - phoneBank.startsAt.getTime();
    for (let k = 1; k < 5; k++) {
      const startsAt = fromLondonInputValue(`${addDays(local.slice(0, 10), 7 * k)}${local.slice(10)}`)!;
      data.events.push({
        ...phoneBank,
        id: fixedId(5, k),
        startsAt,
        endsAt: new Date(startsAt.getTime() + length),
        goingCount: 0,
        occurrenceAt: startsAt,
        // One date called off: calendars get it as an EXDATE.
        status: k === 2 ? 'CANCELLED' : 'PUBLISHED',
      });
    }
  }
  data.shifts = shifts;
  data.series = series;
}
