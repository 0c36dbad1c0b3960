import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Event, User } from '@rallypoint/prisma';
import { canSeeExactAddress, EVENT_KIND_LABELS, publicName } from '@rallypoint/shared';
import { createEvents, type EventAttributes } from 'ics';
import type { Config } from '../config.ts';
import type { Viewer } from '../context.ts';
import type { DbOrTx } from '../db/change.ts';
import type { Db } from '../db/client.ts';
import { NO_ID } from '../db/ids.ts';
import { BOOKED } from '../rsvps/booked.ts';
import { shiftEntries } from '../shifts/calendar.ts';
import { canManageEvent, isVisible, visibleWhere } from './access.ts';

type CalendarEvent = Event & { organiser: Pick<User, 'firstName' | 'lastName'> };

/**
 * `joins`: the reader may have an online event's join link (going, or running it); it is then the entry's URL and
 * in its description. An online event has no location.
 */
function toIcs(e: CalendarEvent, showAddress: boolean, config: Config, joins = false): EventAttributes {
  const where = showAddress
    ? [e.venueName, e.address, e.postcode].filter(Boolean).join(', ')
    : `${e.areaLabel} area (exact address for attendees)`;
  const page = `${config.publicUrl}/events/${encodeURIComponent(encodeGlobalID('Event', e.id))}`;
  const join = e.online && joins ? e.joinUrl : null;
  const url = join ?? page;
  const about = `${EVENT_KIND_LABELS[e.kind]} organised by ${publicName(e.organiser.firstName, e.organiser.lastName)}\n\n${e.description}`;
  if (e.online) {
    const how = join ? `Online. Join: ${join}` : 'Online: the join link is on the event page for people going';
    return { ...common(e, url), description: `${how}\n\n${about}\n\n${page}` };
  }
  return {
    ...common(e, url),
    description: about,
    location: where,
    geo: showAddress ? { lat: e.exactLat, lon: e.exactLng } : { lat: e.lat, lon: e.lng },
  };
}

function common(e: CalendarEvent, url: string): EventAttributes {
  return {
    uid: `${e.id}@rallypoint`,
    start: e.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: e.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `${e.status === 'CANCELLED' ? 'CANCELLED: ' : ''}${e.title}`,
    url,
    status: e.status === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED',
    categories: [EVENT_KIND_LABELS[e.kind]],
    lastModified: e.updatedAt.getTime(),
    productId: 'rallypoint/ics',
  };
}

function render(events: EventAttributes[], calName: string): string {
  const { error, value } = createEvents(events, { productId: 'rallypoint/ics', calName });
  if (error || value === null) throw error ?? new Error('calendar could not be rendered');
  return value;
}

/** One event as .ics; null when the viewer may not see it. */
export async function eventCalendar(prisma: Db, viewer: Viewer | null, id: string, config: Config): Promise<string | null> {
  const event = await prisma.event.findUnique({
    where: { id },
    include: {
      organiser: true,
      rsvps: { where: { userId: viewer?.id ?? NO_ID }, orderBy: { status: 'asc' } },
      shifts: { orderBy: { startsAt: 'asc' } },
    },
  });
  if (!event || !isVisible(viewer, event)) return null;
  const manages = canManageEvent(viewer, event);
  const show = canSeeExactAddress({
    addressVisibility: event.addressVisibility,
    viewerManagesEvent: manages,
    viewerRsvpStatus: event.rsvps[0]?.status,
  });
  // An event with shifts: one entry per shift.
  return render(shiftEntries(toIcs(event, show, config, manages || event.rsvps[0]?.status === 'GOING'), event.shifts), event.title);
}

/**
 * One event as .ics for one member (attached to their booking e-mails): the exact address only if they may see it
 * (the same rule as the event page: public address, booked, or running the event); null if the event is gone.
 */
export async function attendeeCalendar(db: DbOrTx, eventId: string, userId: string, config: Config): Promise<string | null> {
  const [event, user] = await Promise.all([
    db.event.findUnique({
      where: { id: eventId },
      include: { organiser: true, rsvps: { where: { userId }, include: { shift: true }, orderBy: { status: 'asc' } } },
    }),
    db.user.findUnique({ where: { id: userId }, select: { id: true, role: true, regions: { select: { regionId: true } } } }),
  ]);
  if (!event || !user) return null;
  const member = { id: user.id, role: user.role, regionIds: user.regions.map((r) => r.regionId), sessionId: '' };
  if (!isVisible(member, event)) return null;
  const status = event.rsvps[0]?.status;
  const manages = canManageEvent(member, event);
  const show = canSeeExactAddress({
    addressVisibility: event.addressVisibility,
    viewerManagesEvent: manages,
    viewerRsvpStatus: status,
  });
  const entry = toIcs(event, show, config, manages || status === 'GOING');
  // Shift bookings: one entry per shift booked (those still live, else those there were).
  const booked = event.rsvps.filter((r) => r.shift);
  if (booked.length > 0) {
    const live = booked.filter((r) => r.status !== 'CANCELLED');
    const entries = (live.length > 0 ? live : booked).flatMap((r) =>
      shiftEntries({ ...entry, title: r.status === 'WAITLISTED' && event.status !== 'CANCELLED' ? `(Waitlisted) ${entry.title}` : entry.title }, [r.shift!]),
    );
    return render(entries, event.title);
  }
  if (status === 'WAITLISTED' && event.status !== 'CANCELLED') entry.title = `(Waitlisted) ${entry.title}`;
  return render([entry], event.title);
}

/** A member's private feed: what they are going to (or waitlisted for) and what they organise. */
export async function memberFeed(prisma: Db, token: string, config: Config): Promise<string | null> {
  if (!/^[0-9a-f]{64}$/.test(token)) return null;
  const user = await prisma.user.findUnique({ where: { calendarToken: token } });
  if (!user || user.deletedAt) return null;
  const since = new Date(Date.now() - 30 * 86_400_000);
  // Anyone with the link can read the feed: it lists what anyone may see (no drafts, even the member's own).
  const visible = visibleWhere(null);
  const [rsvps, organised] = await Promise.all([
    prisma.rsvp.findMany({
      where: { userId: user.id, status: BOOKED, event: { endsAt: { gt: since }, ...visible } },
      include: { event: { include: { organiser: true } }, shift: true },
    }),
    prisma.event.findMany({
      where: { organiserId: user.id, endsAt: { gt: since }, ...visible },
      include: { organiser: true, shifts: { orderBy: { startsAt: 'asc' } } },
    }),
  ]);
  // By UID: an event, or each shift of one (booked shifts, or all of an event the member organises).
  const byId = new Map<string, EventAttributes>();
  for (const e of organised) for (const x of shiftEntries(toIcs(e, true, config, true), e.shifts)) byId.set(String(x.uid), x);
  for (const r of rsvps) {
    const entry = toIcs(r.event, true, config, r.status === 'GOING');
    if (r.status === 'WAITLISTED') entry.title = `(Waitlisted) ${entry.title}`;
    for (const x of shiftEntries(entry, r.shift ? [r.shift] : [])) if (!byId.has(String(x.uid))) byId.set(String(x.uid), x);
  }
  const events = [...byId.values()].sort((a, b) => Number(a.start) - Number(b.start));
  return render(events, `Rallypoint — ${user.firstName}'s plans`);
}
