import { encodeGlobalID } from '@pothos/plugin-relay';
import { canSeeExactAddress, EVENT_KIND_LABELS, londonClock, publicName } from '@rallypoint/shared';
import type { EventAttributes } from 'ics';
import type { Config } from '../config.ts';
import type { Viewer } from '../context.ts';
import type { Db } from '../db/client.ts';
import { canManageEvent, isVisible } from '../events/access.ts';

interface ShiftTimes {
  id: string;
  startsAt: Date;
  endsAt: Date;
}

const hhmm = (d: Date) => {
  const c = londonClock(d);
  return `${c.hour}:${c.minute}`;
};

/** "Title (shift 10:00–12:00)": how a shift is named in calendars. */
export const shiftTitle = (title: string, s: Pick<ShiftTimes, 'startsAt' | 'endsAt'>) => `${title} (shift ${hhmm(s.startsAt)}–${hhmm(s.endsAt)})`;

/**
 * An event's calendar entry as one entry per shift (each its own UID, so calendar apps keep them apart and update
 * each in place); the entry itself when `shifts` is empty.
 */
export function shiftEntries(entry: EventAttributes, shifts: readonly ShiftTimes[]): EventAttributes[] {
  if (shifts.length === 0) return [entry];
  return shifts.map((s) => ({
    ...entry,
    uid: `${s.id}@rallypoint`,
    start: s.startsAt.getTime(),
    end: s.endsAt.getTime(),
    title: shiftTitle(String(entry.title), s),
  }));
}

// ---------------------------------------------------------------------------------------------- a whole series

/** Europe/London, as calendar apps need it to repeat at the same London time across the clock changes. */
const LONDON_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/London',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19810329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19961027T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const londonStamp = (d: Date) => {
  const c = londonClock(d);
  return `${c.year}${c.month}${c.day}T${c.hour}${c.minute}${c.second}`;
};
const utcStamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const text = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

/**
 * A whole series as one recurring entry: the rule from its first occurrence (DTSTART in London time), an EXDATE for
 * each cancelled occurrence, and an override (same UID, RECURRENCE-ID) for each occurrence moved from where the rule
 * puts it. Null when the viewer may see none of it.
 */
export async function seriesCalendar(prisma: Db, viewer: Viewer | null, seriesId: string, config: Config): Promise<string | null> {
  const series = await prisma.eventSeries.findUnique({
    where: { id: seriesId },
    include: { events: { include: { organiser: true }, orderBy: { startsAt: 'asc' } } },
  });
  const occurrences = (series?.events ?? []).filter((e) => e.occurrenceAt && isVisible(viewer, e));
  if (!series || occurrences.length === 0) return null;
  occurrences.sort((a, b) => a.occurrenceAt!.getTime() - b.occurrenceAt!.getTime());
  const first = occurrences[0]!;
  const length = first.endsAt.getTime() - first.startsAt.getTime();
  const uid = `series-${series.id}@rallypoint`;
  const stamp = utcStamp(new Date());
  const facts = (e: typeof first) => {
    const show = e.online
      ? false
      : canSeeExactAddress({ addressVisibility: e.addressVisibility, viewerManagesEvent: canManageEvent(viewer, e), viewerRsvpStatus: undefined });
    const where = e.online ? 'Online' : show ? [e.venueName, e.address, e.postcode].filter(Boolean).join(', ') : `${e.areaLabel} area (exact address for attendees)`;
    return [
      `SUMMARY:${text(e.title)}`,
      `DESCRIPTION:${text(`${EVENT_KIND_LABELS[e.kind]} organised by ${publicName(e.organiser.firstName, e.organiser.lastName)}\n\n${e.description}`)}`,
      `LOCATION:${text(where)}`,
      `URL:${config.publicUrl}/events/${encodeURIComponent(encodeGlobalID('Event', e.id))}`,
      `CATEGORIES:${text(EVENT_KIND_LABELS[e.kind])}`,
    ];
  };
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:rallypoint/ics',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${text(first.title)}`,
    ...LONDON_VTIMEZONE,
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;TZID=Europe/London:${londonStamp(first.occurrenceAt!)}`,
    `DTEND;TZID=Europe/London:${londonStamp(new Date(first.occurrenceAt!.getTime() + length))}`,
    `RRULE:${series.rrule}`,
    ...occurrences.filter((e) => e.status === 'CANCELLED').map((e) => `EXDATE;TZID=Europe/London:${londonStamp(e.occurrenceAt!)}`),
    ...facts(first),
    // A series with every date cancelled (cancelSeries before any took place) is cancelled as a whole.
    occurrences.every((e) => e.status === 'CANCELLED') ? 'STATUS:CANCELLED' : 'STATUS:CONFIRMED',
    'END:VEVENT',
  ];
  for (const e of occurrences) {
    const moved = e.startsAt.getTime() !== e.occurrenceAt!.getTime() || e.endsAt.getTime() - e.startsAt.getTime() !== length;
    if (e.status === 'CANCELLED' || !moved) continue;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${uid}`,
      `DTSTAMP:${stamp}`,
      `RECURRENCE-ID;TZID=Europe/London:${londonStamp(e.occurrenceAt!)}`,
      `DTSTART;TZID=Europe/London:${londonStamp(e.startsAt)}`,
      `DTEND;TZID=Europe/London:${londonStamp(e.endsAt)}`,
      ...facts(e),
      'STATUS:CONFIRMED',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
