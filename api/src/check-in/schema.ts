import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import type { ATTENDANCE_STATUSES } from '@rallypoint/shared';
import { MeRef } from '../accounts/schema.ts';
import type { Context } from '../context.ts';
import { change } from '../db/change.ts';
import { isUuid, NotFoundError } from '../errors.ts';
import { canManageEvent, visibleWhere } from '../events/access.ts';
import { builder } from '../graphql/builder.ts';
import { idOf, WRITE_ERRORS } from '../graphql/common.ts';
import { addWalkIn, type CheckInEntry, checkInLists, type EntryRef, markAttendance } from './service.ts';

export const AttendanceStatusRef = builder.enumType('AttendanceStatus', {
  values: {
    ATTENDED: { description: 'Came.' },
    NO_SHOW: { description: 'Booked but did not come.' },
  } satisfies Record<(typeof ATTENDANCE_STATUSES)[number], { description: string }>,
});

// A member's line is named by their account, a walk-in's by its attendance row: both stay the same across marks.
const entryId = (ref: EntryRef) =>
  ref.kind === 'member' ? encodeGlobalID('CheckInMember', ref.userId) : encodeGlobalID('CheckInWalkIn', ref.attendanceId);

function entryRefOf(id: string): EntryRef {
  try {
    const { typename, id: raw } = decodeGlobalID(id);
    if (isUuid(raw) && typename === 'CheckInMember') return { kind: 'member', userId: raw };
    if (isUuid(raw) && typename === 'CheckInWalkIn') return { kind: 'walkIn', attendanceId: raw };
  } catch {
    // not a global ID
  }
  throw new NotFoundError('That person');
}

type EventKey = { id: string; organiserId: string; regionId: string };

const RsvpBookingRef = builder.enumType('CheckInBooking', {
  description: "A member's booking as check-in shows it.",
  values: { GOING: { description: 'Has a place (in at least one shift).' }, WAITLISTED: { description: 'Only on a waitlist.' } },
});

export const CheckInEntryRef = builder.objectRef<CheckInEntry>('CheckInEntry').implement({
  description: "One person on an event's check-in list. Only the people running the event see it, with full names.",
  fields: (t) => ({
    id: t.id({ description: 'Stays the same across marks; what markAttendance takes.', resolve: (e) => entryId(e.ref) }),
    name: t.exposeString('name', { description: 'Full name (a walk-in: as typed at the door).' }),
    walkIn: t.exposeBoolean('walkIn'),
    booking: t.field({ type: RsvpBookingRef, nullable: true, description: 'Null for a walk-in.', resolve: (e) => e.booking }),
    guests: t.exposeInt('guests', { description: 'Guests booked with a place.' }),
    attendance: t.field({ type: AttendanceStatusRef, nullable: true, description: 'Null until marked (or when undone).', resolve: (e) => e.attendance }),
    markedAt: t.field({ type: 'DateTime', nullable: true, resolve: (e) => e.markedAt }),
  }),
});

builder.prismaObjectFields('Event', (t) => ({
  checkInList: t.loadableList({
    type: CheckInEntryRef,
    nullable: true,
    description: 'Everyone to check in, by name: members booked (going or waitlisted), and walk-ins. Only for the people running the event.',
    // One statement for every event asked about; null for those the viewer does not run.
    load: async (events: EventKey[], ctx: Context) => {
      const managed = events.filter((e) => canManageEvent(ctx.viewer, e)).map((e) => e.id);
      const lists = managed.length ? await checkInLists(ctx.prisma, managed) : new Map<string, CheckInEntry[]>();
      return events.map((e) => lists.get(e.id) ?? null);
    },
    loaderOptions: { cacheKeyFn: (e: EventKey) => e.id },
    resolve: (e): EventKey => ({ id: e.id, organiserId: e.organiserId, regionId: e.regionId }),
  }),
}));

const AttendanceRef = builder.prismaObject('Attendance', {
  description: 'My attendance at an event, as check-in recorded it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    event: t.relation('event'),
    status: t.field({ type: AttendanceStatusRef, resolve: (a) => a.status! }),
    walkIn: t.exposeBoolean('walkIn', { description: 'Added at the door, without a booking.' }),
    markedAt: t.expose('markedAt', { type: 'DateTime' }),
  }),
});

builder.prismaObjectFields(MeRef, (t) => ({
  attendance: t.relation('attendances', {
    type: AttendanceRef,
    description: 'Events check-in has marked me at (attended or no-show), latest first.',
    query: (_args, ctx) => ({
      where: { status: { not: null }, event: visibleWhere(ctx.viewer) },
      orderBy: [{ event: { startsAt: 'desc' as const } }, { id: 'asc' as const }],
    }),
  }),
}));

const MarkAttendanceInput = builder.inputType('MarkAttendanceInput', {
  fields: (t) => ({
    tapId: t.id({ required: true, description: 'A UUID the device makes for this tap: sent again on retry, the tap is applied once.' }),
    eventId: t.id({ required: true }),
    entryId: t.id({ required: true, description: 'CheckInEntry.id.' }),
    status: t.field({ type: AttendanceStatusRef, required: false, description: 'Null undoes the mark.' }),
  }),
});

const AddWalkInInput = builder.inputType('AddWalkInInput', {
  fields: (t) => ({
    tapId: t.id({ required: true, description: 'A UUID the device makes for this tap: sent again on retry, one walk-in is added.' }),
    eventId: t.id({ required: true }),
    name: t.string({ required: true }),
    email: t.string({ required: false }),
  }),
});

builder.mutationFields((t) => ({
  markAttendance: t.field({
    type: CheckInEntryRef,
    errors: { types: WRITE_ERRORS },
    description: "Mark someone on an event's check-in list attended or a no-show, or undo it: for the people running the event. Idempotent per tapId.",
    args: { input: t.arg({ type: MarkAttendanceInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      const eventId = idOf(input.eventId, 'Event', 'That event');
      const ref = entryRefOf(input.entryId);
      return change(ctx, 'markAttendance', (tx) => markAttendance(tx, ctx.viewer, eventId, ref, input.status ?? null, input.tapId));
    },
  }),
  addWalkIn: t.field({
    type: CheckInEntryRef,
    errors: { types: WRITE_ERRORS },
    description: 'Add someone who came without booking, marked attended: for the people running the event. Idempotent per tapId.',
    args: { input: t.arg({ type: AddWalkInInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      const eventId = idOf(input.eventId, 'Event', 'That event');
      return change(ctx, 'addWalkIn', (tx) => addWalkIn(tx, ctx.viewer, eventId, { name: input.name, email: input.email }, input.tapId));
    },
  }),
}));
