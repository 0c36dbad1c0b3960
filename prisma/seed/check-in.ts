import type { LatLng } from '@rallypoint/shared';
import type { DemoData, DemoEvent, DemoUser } from './demo.ts';
import { addDays, londonTime } from './util.ts';

/** One check-in mark: a member (userId) or a walk-in without an account (walkInName). */
export interface DemoAttendance {
  id: string;
  eventId: string;
  userId: string | null;
  walkIn: boolean;
  walkInName: string | null;
  walkInEmail: string | null;
  status: 'ATTENDED' | 'NO_SHOW' | null;
  markedById: string;
  markedAt: Date;
  createdAt: Date;
}

const fixedId = (n: number) => `00000000-0000-4000-8000-0000000c${String(n).padStart(4, '0')}`;

/** The demo's past event id (a seed test leaves it out of "every event is upcoming"). */
export const DEMO_PAST_EVENT_ID = fixedId(0);

/**
 * A street stall in the demo member's area last week, run by the Yorkshire organiser, with its check-ins: the member and
 * most neighbours came, one was a no-show, one was never marked, and a walk-in without an account joined at the
 * door. Added after everything else, without the random generator.
 */
export function addPastCheckIn(
  data: DemoData,
  c: { today: string; member: DemoUser; organiser: DemoUser; nearestUsers: (p: LatLng, k: number) => DemoUser[] },
): void {
  const home: LatLng = { lat: c.member.homeLat ?? 53.82, lng: c.member.homeLng ?? -1.58 };
  const day = addDays(c.today, -6);
  const startsAt = londonTime(day, 10, 0);
  const createdAt = londonTime(addDays(c.today, -20), 9, 0);
  const event: DemoEvent = {
    id: DEMO_PAST_EVENT_ID,
    kind: 'STALL',
    title: 'Headingley street stall (last week)',
    description: 'A stall by the park with leaflets and a petition, with a short briefing first. Thanks to everyone who came!',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3 * 3_600_000),
    venueName: 'Hyde Park corner',
    address: 'Hyde Park Corner, Headingley Lane, Leeds',
    postcode: 'LS6 1AN',
    areaLabel: 'LS6',
    exactLat: home.lat,
    exactLng: home.lng,
    lat: home.lat,
    lng: home.lng,
    regionId: 'yorkshire-and-the-humber',
    constituencyCode: null,
    capacity: 12,
    goingCount: 0,
    status: 'PUBLISHED',
    visibility: 'PUBLIC',
    addressVisibility: 'PUBLIC',
    organiserId: c.organiser.id,
    createdAt,
    updatedAt: createdAt,
  };
  data.events.push(event);
  const people = [c.member, ...c.nearestUsers(home, 8).filter((u) => u.id !== c.member.id && u.id !== c.organiser.id).slice(0, 5)];
  const marks: DemoAttendance['status'][] = ['ATTENDED', 'ATTENDED', 'ATTENDED', 'ATTENDED', 'NO_SHOW', null];
  const attendances: DemoAttendance[] = [];
  people.forEach((u, i) => {
    const at = new Date(createdAt.getTime() + (i + 1) * 3_600_000);
    // In arrival order among everyone's RSVPs (their order is their seq).
    const rsvp = { id: fixedId(100 + i), eventId: event.id, userId: u.id, status: 'GOING' as const, guests: 0, createdAt: at, updatedAt: at };
    const later = data.rsvps.findIndex((r) => r.createdAt.getTime() > at.getTime());
    data.rsvps.splice(later === -1 ? data.rsvps.length : later, 0, rsvp);
    event.goingCount += 1;
    const status = marks[i] ?? null;
    if (status) {
      const markedAt = new Date(startsAt.getTime() + (status === 'NO_SHOW' ? 45 : 5 + i * 3) * 60_000);
      attendances.push({ id: fixedId(200 + i), eventId: event.id, userId: u.id, walkIn: false, walkInName: null, walkInEmail: null, status, markedById: c.organiser.id, markedAt, createdAt: markedAt });
    }
  });
  const walkInAt = new Date(startsAt.getTime() + 20 * 60_000);
  attendances.push({
    id: fixedId(300),
    eventId: event.id,
    userId: null,
    walkIn: true,
    walkInName: 'Jo Baxter',
    walkInEmail: null,
    status: 'ATTENDED',
    markedById: c.organiser.id,
    markedAt: walkInAt,
    createdAt: walkInAt,
  });
  data.attendances = attendances;
}
