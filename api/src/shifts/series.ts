import { randomUUID } from 'node:crypto';
import type { Event } from '@rallypoint/prisma';
import { Prisma } from '@rallypoint/prisma';
import { formatDayTime, fromLondonInputValue, LIMITS, londonClock, validateShifts } from '@rallypoint/shared';
import { checkCampaignFit } from '../campaigns/approval.ts';
import type { Viewer } from '../context.ts';
import type { Tx } from '../db/change.ts';
import { AuthenticationError, ForbiddenError, ValidationError } from '../errors.ts';
import { canManageEvent } from '../events/access.ts';
import { cancelEventRow, findVisibleEvent } from '../events/service.ts';
import { queueMailRows } from '../jobs/queue.ts';
import { eventChanged } from '../outbox/outbox.ts';
import { BOOKED, BOOKED_SQL } from '../rsvps/booked.ts';
import { afterEventEdited, afterEventPublished } from '../rsvps/notices.ts';
import { scheduleShiftReminders } from '../rsvps/reminders.ts';
import { creatorGoing } from '../rsvps/service.ts';
import { expandRuleFrom, normaliseRule, REMIND_NOW_MS, shiftsOf } from './service.ts';

export interface SeriesEdit {
  /** The new RRULE (must end). */
  repeat: string;
  /** UK time of day, "HH:MM". */
  startTime: string;
  durationMinutes: number;
}

export interface SeriesEdited {
  seriesId: string;
  /** Occurrences that no longer happen and had people booked (their bookings cancelled, the people told). */
  dropped: number;
}

const londonDay = (d: Date) => {
  const c = londonClock(d);
  return `${c.year}-${c.month}-${c.day}`;
};
const utcStamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const withoutEnd = (rule: string) =>
  rule
    .split(';')
    .filter((p) => !/^(COUNT|UNTIL)=/.test(p))
    .join(';');
/** The rule ending at `last` (inclusive), as the old half of a split series is written to calendars. */
const endingAt = (rule: string, last: Date) => `${withoutEnd(rule)};UNTIL=${utcStamp(last)}`;
/** A COUNT rule counted from the first occurrence kept; an UNTIL rule as it is. */
const counted = (rule: string, count: number) => (/(^|;)COUNT=/.test(rule) ? `${withoutEnd(rule)};COUNT=${count}` : rule);

/**
 * The people running an occurrence change its whole series from now on: its rule, time of day and length. Past
 * occurrences (started) stay as they are, with their bookings and check-ins; when there are some, they keep the old
 * series (its rule now ending with the last of them) and the occurrences to come form a new one, so each calendar
 * entry stays one rule. The new rule is read from the series' first day, at the new time. An occurrence to come on a
 * day the new rule keeps is moved (bookings and shifts kept, cancelled stays cancelled; people booked are told of
 * the new time); one on a day it drops is cancelled and leaves the series, its bookings cancelled and the people
 * booked e-mailed; days it adds get new occurrences like the others. Validated as a new series is (the rule must end,
 * at most 200 occurrences, within two years, inside the campaign's dates); anything wrong changes nothing.
 */
export async function updateSeries(tx: Tx, viewer: Viewer | null, eventId: string, input: SeriesEdit, now: Date = new Date()): Promise<SeriesEdited> {
  if (!viewer) throw new AuthenticationError();
  const entry = await findVisibleEvent(tx, viewer, eventId);
  if (!canManageEvent(viewer, entry)) throw new ForbiddenError('Only the people running this event can change its series');
  if (!entry.seriesId) throw ValidationError.field([], 'This event is not part of a series');
  const time = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(input.startTime.trim());
  if (!time) throw ValidationError.field(['startTime'], 'Enter a time of day such as 18:30');
  const maxMinutes = LIMITS.eventMaxDays * 24 * 60;
  if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < 15 || input.durationMinutes > maxMinutes) {
    throw ValidationError.field(['durationMinutes'], `The length must be between 15 minutes and ${LIMITS.eventMaxDays} days`);
  }
  const length = input.durationMinutes * 60_000;

  // Every occurrence locked (in id order, as any other change of several would): bookings wait for this edit.
  await tx.$queryRaw`SELECT id FROM events WHERE series_id = ${entry.seriesId}::uuid ORDER BY id FOR UPDATE`;
  const all = await tx.event.findMany({ where: { seriesId: entry.seriesId }, orderBy: [{ occurrenceAt: 'asc' }, { id: 'asc' }] });
  const slot = (e: Event) => e.occurrenceAt ?? e.startsAt;
  const past = all.filter((e) => e.startsAt.getTime() <= now.getTime());
  const future = all.filter((e) => e.startsAt.getTime() > now.getTime());
  if (future.length === 0) throw ValidationError.field([], 'Every occurrence of this series has started: there is nothing left to change');

  const anchor = fromLondonInputValue(`${londonDay(slot(all[0]!))}T${time[1]}:${time[2]}`);
  if (!anchor) throw ValidationError.field(['startTime'], 'Enter a time of day such as 18:30');
  const starts = expandRuleFrom(input.repeat, anchor, now);
  const lastPast = past.length > 0 ? new Date(Math.max(...past.map((e) => slot(e).getTime()))) : null;
  const lastPastDay = lastPast ? londonDay(lastPast) : '';
  // A suffix of the rule's starts: those to come, on days after the last occurrence that has started.
  const kept = starts.filter((s) => s.getTime() > now.getTime() && londonDay(s) > lastPastDay);
  if (kept.length === 0) throw ValidationError.field(['repeat'], 'With this rule the series has no occurrences to come');
  if (entry.campaignId) {
    await checkCampaignFit(tx, entry.campaignId, { regionId: entry.regionId, startsAt: kept[0]!, endsAt: new Date(kept.at(-1)!.getTime() + length) });
  }

  // What each occurrence's shifts look like relative to its start, from the occurrence new days copy.
  const base = [entry, ...future].find((e) => e.status !== 'CANCELLED' && e.startsAt.getTime() > now.getTime()) ?? entry;
  const baseShifts = await shiftsOf(tx, base.id);
  const fits = (eventId: string, start: Date, shifts: readonly { startsAt: Date; endsAt: Date }[], delta: number) => {
    const moved = shifts.map((s) => ({ startsAt: new Date(s.startsAt.getTime() + delta), endsAt: new Date(s.endsAt.getTime() + delta), capacity: null }));
    if (validateShifts(moved, { startsAt: start, endsAt: new Date(start.getTime() + length) }).length > 0) {
      throw ValidationError.field(['durationMinutes'], `The shifts of ${formatDayTime(start)} would not fit in this length: change them first (${eventId === base.id ? 'every occurrence' : 'that occurrence'})`);
    }
    return moved;
  };

  const byDay = new Map<string, Event>();
  for (const e of future) if (!byDay.has(londonDay(slot(e)))) byDay.set(londonDay(slot(e)), e);
  const moves: [Event, Date][] = [];
  const added: Date[] = [];
  for (const s of kept) {
    const e = byDay.get(londonDay(s));
    if (e) {
      moves.push([e, s]);
      byDay.delete(londonDay(s));
    } else {
      added.push(s);
    }
  }
  const matched = new Set(moves.map(([e]) => e.id));
  const gone = future.filter((e) => !matched.has(e.id));

  // The series the occurrences to come belong to from now on.
  const rule = normaliseRule(input.repeat);
  let seriesId = entry.seriesId;
  if (lastPast) {
    const old = await tx.eventSeries.findUniqueOrThrow({ where: { id: seriesId } });
    await tx.eventSeries.update({ where: { id: seriesId }, data: { rrule: endingAt(old.rrule, lastPast) } });
    seriesId = (await tx.eventSeries.create({ data: { rrule: counted(rule, kept.length) } })).id;
  } else {
    await tx.eventSeries.update({ where: { id: seriesId }, data: { rrule: kept.length === starts.length ? rule : counted(rule, kept.length) } });
  }

  for (const [e, start] of moves) {
    const delta = start.getTime() - e.startsAt.getTime();
    const shifts = await shiftsOf(tx, e.id);
    const moved = fits(e.id, start, shifts, delta);
    if (delta !== 0) {
      for (const [i, s] of shifts.entries()) await tx.eventShift.update({ where: { id: s.id }, data: { startsAt: moved[i]!.startsAt, endsAt: moved[i]!.endsAt } });
    }
    const updated = await tx.event.update({
      where: { id: e.id },
      data: { startsAt: start, endsAt: new Date(start.getTime() + length), occurrenceAt: start, seriesId },
    });
    if (e.status === 'CANCELLED') continue;
    await eventChanged(tx, e.id);
    // Reminders follow the new start; people booked hear of the new time.
    await afterEventEdited(tx, e, updated, { before: shifts, after: shifts.map((x, i) => ({ ...x, ...moved[i]! })) });
    if (updated.status === 'PUBLISHED' && shifts.length > 0 && delta !== 0) await scheduleShiftReminders(tx, e.id);
  }

  let dropped = 0;
  if (gone.length > 0) {
    const ids = gone.map((e) => e.id);
    // The organiser's own places are cancelled with the rest, but they are not told (nor counted): they did it.
    const booked = await tx.rsvp.groupBy({
      by: ['eventId'],
      where: { eventId: { in: ids }, status: BOOKED, userId: { not: entry.organiserId } },
    });
    dropped = booked.length;
    // Bookings cancelled and their e-mails queued in one statement (keys as the event's own cancel notice uses).
    await queueMailRows(
      tx,
      Prisma.sql`
        SELECT 'event-cancelled:' || d.event_id::text || ':' || d.user_id::text AS key, 'event-cancelled'::text AS template, d.user_id,
          jsonb_build_object('rsvpId', d.id) AS params
        FROM (SELECT DISTINCT ON (event_id, user_id) * FROM dropped ORDER BY event_id, user_id, id) d JOIN users u ON u.id = d.user_id
          JOIN events ev ON ev.id = d.event_id
        WHERE d.user_id <> ev.organiser_id AND u.deleted_at IS NULL AND u.mail_bounced_at IS NULL AND u.mail_bookings`,
      {
        prelude: Prisma.sql`dropped AS (
          UPDATE rsvps SET status = 'CANCELLED', updated_at = now()
          WHERE event_id = ANY(${ids}::uuid[]) AND status IN ${BOOKED_SQL}
          RETURNING id, event_id, user_id)`,
      },
    );
    for (const e of gone) {
      await tx.eventShift.updateMany({ where: { eventId: e.id }, data: { goingCount: 0 } });
      await tx.event.update({ where: { id: e.id }, data: { goingCount: 0, seriesId: null, occurrenceAt: null } });
      if (e.status !== 'CANCELLED') await cancelEventRow(tx, e.id);
    }
  }

  if (added.length > 0) {
    const { id: _id, createdAt: _c, updatedAt: _u, goingCount: _g, startsAt: _s, endsAt: _e, ...facts } = base;
    const status = base.status === 'CANCELLED' ? ('DRAFT' as const) : base.status;
    const others = added.map((start) => ({
      ...facts,
      status,
      id: randomUUID(),
      startsAt: start,
      endsAt: new Date(start.getTime() + length),
      seriesId,
      occurrenceAt: start,
    }));
    const shiftDelta = (o: { startsAt: Date }) => o.startsAt.getTime() - base.startsAt.getTime();
    for (const o of others) fits(base.id, o.startsAt, baseShifts, shiftDelta(o));
    await tx.event.createMany({ data: others });
    if (baseShifts.length > 0) {
      await tx.eventShift.createMany({
        data: others.flatMap((o) =>
          baseShifts.map((s) => ({
            eventId: o.id,
            startsAt: new Date(s.startsAt.getTime() + shiftDelta(o)),
            endsAt: new Date(s.endsAt.getTime() + shiftDelta(o)),
            capacity: s.capacity,
          })),
        ),
      });
    }
    // Its organiser is going to the new dates, as to those of a series just created.
    await creatorGoing(tx, others.map((o) => o.id), base.organiserId);
    const coHosts = await tx.eventCoHost.findMany({ where: { eventId: base.id }, select: { userId: true } });
    if (coHosts.length > 0) await tx.eventCoHost.createMany({ data: others.flatMap((o) => coHosts.map((c) => ({ eventId: o.id, userId: c.userId }))) });
    if (status === 'PUBLISHED') {
      for (const o of others) if (o.startsAt.getTime() - now.getTime() < REMIND_NOW_MS) await afterEventPublished(tx, o);
    }
  }
  return { seriesId, dropped };
}

/**
 * The people running an occurrence cancel its whole series from now on: every occurrence to come that is not
 * cancelled yet is cancelled as a single event is (its lifts called off, everyone booked e-mailed, reminders
 * dropped). Occurrences that have started stay, with their bookings and check-ins; the series' calendar entry lists
 * the cancelled ones as EXDATEs. Nothing left to cancel is a typed error that changes nothing.
 */
export async function cancelSeries(tx: Tx, viewer: Viewer | null, eventId: string, now: Date = new Date()): Promise<SeriesCancelled> {
  if (!viewer) throw new AuthenticationError();
  const entry = await findVisibleEvent(tx, viewer, eventId);
  if (!canManageEvent(viewer, entry)) throw new ForbiddenError('Only the people running this event can cancel its series');
  if (!entry.seriesId) throw ValidationError.field([], 'This event is not part of a series');
  // Every occurrence locked, as updateSeries does: a booking or an edit of the series waits for this.
  await tx.$queryRaw`SELECT id FROM events WHERE series_id = ${entry.seriesId}::uuid ORDER BY id FOR UPDATE`;
  const toCome = await tx.event.findMany({
    where: { seriesId: entry.seriesId, startsAt: { gt: now }, status: { not: 'CANCELLED' } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    select: { id: true },
  });
  if (toCome.length === 0) throw ValidationError.field([], 'No date of this series is left to cancel');
  for (const e of toCome) await cancelEventRow(tx, e.id);
  return { seriesId: entry.seriesId, cancelled: toCome.length };
}

export interface SeriesCancelled {
  seriesId: string;
  /** Occurrences cancelled by this call. */
  cancelled: number;
}
