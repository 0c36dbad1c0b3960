import { placesLeft } from '@rallypoint/shared';
import type { Context } from '../context.ts';
import { visibleWhere } from '../events/access.ts';
import { builder } from '../graphql/builder.ts';
import { idOf, nodeId, WRITE_ERRORS } from '../graphql/common.ts';
import { change } from '../db/change.ts';
import { cancelSeries, updateSeries } from './series.ts';
import { NO_ID } from '../db/ids.ts';
import { RsvpRef } from '../rsvps/schema.ts';

export const ShiftInput = builder.inputType('ShiftInput', {
  fields: (t) => ({
    id: t.id({ description: 'An existing shift to change; none to add one.' }),
    startsAt: t.field({ type: 'DateTime', required: true }),
    endsAt: t.field({ type: 'DateTime', required: true }),
    capacity: t.int({ description: 'Places in this shift (members plus guests); empty for no limit.' }),
  }),
});

export const EventShiftRef = builder.prismaNode('EventShift', {
  id: { field: 'id' },
  nullable: true,
  description: "One bookable slot of an event, with its own places and waitlist.",
  findUnique: (id, ctx: Context) => ({ id: nodeId(id), event: visibleWhere(ctx.viewer) }),
  fields: (t) => ({
    event: t.relation('event'),
    startsAt: t.expose('startsAt', { type: 'DateTime' }),
    endsAt: t.expose('endsAt', { type: 'DateTime' }),
    capacity: t.exposeInt('capacity', { nullable: true }),
    goingCount: t.exposeInt('goingCount', { description: 'Places taken in this shift (members going plus their guests).' }),
    placesLeft: t.int({ nullable: true, resolve: (s) => placesLeft(s) }),
    waitlistCount: t.relationCount('rsvps', { where: { status: 'WAITLISTED' } }),
  }),
});

builder.prismaObjectFields('EventShift', (t) => ({
  myRsvp: t.field({
    type: RsvpRef,
    nullable: true,
    description: "The viewer's booking of this shift, if any (cancelled included).",
    // Loaded with the shifts (one query for all of them); nothing for visitors.
    select: (_args, ctx: Context, nested) => ({ rsvps: nested({ where: { userId: ctx.viewer?.id ?? NO_ID }, take: 1 }) }),
    resolve: (s) => s.rsvps[0] ?? null,
  }),
}));

export const EventSeriesRef = builder.prismaNode('EventSeries', {
  id: { field: 'id' },
  nullable: true,
  description: 'A recurring event: each occurrence is an event of its own.',
  findUnique: (id) => ({ id: nodeId(id) }),
  fields: (t) => ({
    rrule: t.exposeString('rrule', { description: 'The RFC 5545 rule (always with COUNT or UNTIL), in London time.' }),
    occurrences: t.relation('events', {
      description: 'The occurrences the viewer may see, soonest first (cancelled ones included, marked so).',
      query: (_args, ctx: Context) => ({ where: visibleWhere(ctx.viewer), orderBy: [{ startsAt: 'asc' as const }, { id: 'asc' as const }] }),
    }),
    icsUrl: t.string({
      description: 'The whole series as one calendar entry (RRULE, EXDATE for cancelled occurrences).',
      resolve: (s, _a, ctx) => `${ctx.config.publicUrl}/calendar/series/${s.id}.ics`,
    }),
  }),
});

builder.prismaObjectFields('Event', (t) => ({
  shifts: t.relation('shifts', {
    description: 'Its shifts, soonest first; empty when it is booked as a whole.',
    query: { orderBy: [{ startsAt: 'asc' as const }, { id: 'asc' as const }] },
  }),
  series: t.field({
    type: EventSeriesRef,
    nullable: true,
    description: 'The series this event is an occurrence of.',
    // Read only for an occurrence: most events are none, and cost no query.
    select: { seriesId: true },
    resolve: (e, _a, ctx) => (e.seriesId ? ctx.prisma.eventSeries.findUnique({ where: { id: e.seriesId } }) : null),
  }),
}));

builder.prismaObjectFields('Rsvp', (t) => ({
  shift: t.loadable({
    type: EventShiftRef,
    nullable: true,
    description: 'The shift booked, for an event with shifts.',
    // Batched, and no query at all when none of the bookings is for a shift.
    load: async (ids: string[], ctx: Context) => {
      const rows = await ctx.prisma.eventShift.findMany({ where: { id: { in: ids } } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    },
    resolve: (r) => r.shiftId,
  }),
}));

const SeriesInput = builder.inputType('SeriesInput', {
  description: 'A whole series from now on: its rule, time of day and length.',
  fields: (t) => ({
    repeat: t.string({ required: true, description: 'The RFC 5545 rule, with COUNT or UNTIL (read from the series’ first day).' }),
    startTime: t.string({ required: true, description: 'UK time of day, HH:MM.' }),
    durationMinutes: t.int({ required: true }),
  }),
});

builder.mutationFields((t) => ({
  updateSeries: t.prismaField({
    type: EventSeriesRef,
    errors: { types: WRITE_ERRORS },
    description:
      "Change a series from now on (the people running the occurrence may): occurrences to come move to the new rule and time, those it drops are cancelled (people booked told); past ones stay. With past occurrences, those to come form a new series, which this answers.",
    args: { eventId: t.arg.id({ required: true }), input: t.arg({ type: SeriesInput, required: true }) },
    resolve: (query, _root, args, ctx) =>
      change(ctx, 'updateSeries', async (tx) => {
        const { seriesId } = await updateSeries(tx, ctx.viewer, idOf(args.eventId, 'Event', 'That event'), args.input);
        return tx.eventSeries.findUniqueOrThrow({ ...query, where: { id: seriesId } });
      }),
  }),
  cancelSeries: t.prismaField({
    type: EventSeriesRef,
    errors: { types: WRITE_ERRORS },
    description:
      'Cancel every occurrence of a series still to come (the people running the occurrence may): each as cancelEvent does, its lifts called off and the people booked told; past ones stay.',
    args: { eventId: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) =>
      change(ctx, 'cancelSeries', async (tx) => {
        const { seriesId } = await cancelSeries(tx, ctx.viewer, idOf(args.eventId, 'Event', 'That event'));
        return tx.eventSeries.findUniqueOrThrow({ ...query, where: { id: seriesId } });
      }),
  }),
}));
