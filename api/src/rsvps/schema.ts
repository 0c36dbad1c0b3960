import { encodeGlobalID } from '@pothos/plugin-relay';
import { RSVP_STATUSES } from '@rallypoint/shared';
import { PersonRef } from '../accounts/schema.ts';
import type { Context } from '../context.ts';
import { builder } from '../graphql/builder.ts';
import { idOf, nodeId, nonEmpty, WRITE_ERRORS } from '../graphql/common.ts';
import { change } from '../db/change.ts';
import { NO_ID } from '../db/ids.ts';
import { managedWhere, visibleWhere } from '../events/access.ts';
import { placesQueue } from '../events/lock.ts';
import { ValidationError } from '../errors.ts';
import { answerReminder, type ReminderLinkView, readReminderLink } from './reminder-links.ts';
import { cancelRsvp, rsvp, waitlistPositions } from './service.ts';

const RsvpStatus = builder.enumType('RsvpStatus', { values: RSVP_STATUSES });

export const RsvpRef = builder.prismaNode('Rsvp', {
  id: { field: 'id' },
  nullable: true,
  // By global ID only your own RSVPs (to events you can see), or those of events you run.
  findUnique: (id, ctx: Context) => ({
    id: nodeId(id),
    event: visibleWhere(ctx.viewer),
    OR: [{ userId: ctx.viewer?.id ?? NO_ID }, { event: managedWhere(ctx.viewer) }],
  }),
  fields: (t) => ({
    event: t.relation('event'),
    person: t.relation('user', { type: PersonRef }),
    status: t.field({ type: RsvpStatus, resolve: (r) => r.status }),
    guests: t.exposeInt('guests'),
    waitlistPosition: t.loadable({
      type: 'Int',
      nullable: true,
      description: '1 for the head of the waitlist; null unless waitlisted.',
      load: async (ids: string[], ctx: Context) => {
        const positions = await waitlistPositions(ctx.prisma, ids);
        return ids.map((id) => positions.get(id) ?? null);
      },
      resolve: (r) => (r.status === 'WAITLISTED' ? r.id : null),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    reconfirmedAt: t.expose('reconfirmedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the member answered "still coming" from a reminder e-mail; null if they have not.',
    }),
  }),
});

builder.mutationFields((t) => ({
  rsvp: t.prismaField({
    type: RsvpRef,
    errors: { types: WRITE_ERRORS },
    description: 'Take a place (GOING) or join the waitlist when the event is full; again to change guests.',
    args: {
      eventId: t.arg.id({ required: true }),
      guests: t.arg.int({ defaultValue: 0 }),
      shiftId: t.arg.id({ description: 'The shift to book, for an event with shifts (each is booked on its own).' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const eventId = idOf(args.eventId, 'Event', 'That event');
      const shiftId = args.shiftId ? idOf(args.shiftId, 'EventShift', 'That shift') : null;
      return change(
        ctx,
        'rsvp',
        async (tx) => {
          const r = await rsvp(tx, ctx.viewer, eventId, args.guests, shiftId);
          return tx.rsvp.findUniqueOrThrow({ ...nonEmpty(query), where: { id: r.id } });
        },
        { queueKey: placesQueue(eventId) },
      );
    },
  }),
  cancelRsvp: t.prismaField({
    type: RsvpRef,
    errors: { types: WRITE_ERRORS },
    description: 'Give up my place; the head of the waitlist moves up.',
    args: { eventId: t.arg.id({ required: true }), shiftId: t.arg.id({ description: 'The shift whose booking to give up.' }) },
    resolve: async (query, _root, args, ctx) => {
      const eventId = idOf(args.eventId, 'Event', 'That event');
      const shiftId = args.shiftId ? idOf(args.shiftId, 'EventShift', 'That shift') : null;
      return change(
        ctx,
        'cancelRsvp',
        async (tx) => {
          const r = await cancelRsvp(tx, ctx.viewer, eventId, { shiftId, settings: ctx.config });
          return tx.rsvp.findUniqueOrThrow({ ...nonEmpty(query), where: { id: r.id } });
        },
        { queueKey: placesQueue(eventId) },
      );
    },
  }),
}));

// ------------------------------------------------------------------------------------ reminder answers (e-mailed links)

const ReminderAnswer = builder.enumType('ReminderAnswer', {
  values: {
    STILL_COMING: { description: 'The member is still coming (recorded as a reconfirmation).' },
    CANT_MAKE_IT: { description: 'The member gives up their place (the waitlist moves up).' },
  },
});

const ReminderLinkRef = builder.objectRef<ReminderLinkView>('ReminderLink').implement({
  description:
    "A one-tap answer from a reminder e-mail: which event, which answer, and whether the link still works. Shows only the event's area, never its address.",
  fields: (t) => ({
    answer: t.field({ type: ReminderAnswer, resolve: (v) => v.answer }),
    usable: t.exposeBoolean('usable', { description: 'False once used, expired, or when the answer no longer applies.' }),
    problem: t.exposeString('problem', { nullable: true, description: 'Why the link cannot be used, when it cannot.' }),
    eventId: t.id({ resolve: (v) => encodeGlobalID('Event', v.eventId) }),
    eventTitle: t.exposeString('eventTitle'),
    eventStartsAt: t.field({ type: 'DateTime', resolve: (v) => v.eventStartsAt }),
    eventEndsAt: t.field({ type: 'DateTime', resolve: (v) => v.eventEndsAt }),
    eventArea: t.exposeString('eventArea'),
    rsvpStatus: t.field({ type: RsvpStatus, resolve: (v) => v.rsvpStatus }),
    reconfirmed: t.exposeBoolean('reconfirmed', { description: 'The member has answered "still coming".' }),
  }),
});

builder.queryFields((t) => ({
  reminderLink: t.field({
    type: ReminderLinkRef,
    errors: { types: [ValidationError] },
    description: 'Reads a reminder e-mail\'s one-tap link without using it (link scanners open links). Works signed out.',
    args: { token: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => readReminderLink(ctx.prisma, ctx.viewer, args.token),
  }),
}));

builder.mutationFields((t) => ({
  answerReminder: t.field({
    type: ReminderLinkRef,
    errors: { types: WRITE_ERRORS },
    description:
      'Answers a reminder from its e-mailed link, signed in or not: "still coming" is recorded; "can\'t make it" gives up the place and the head of the waitlist moves up. Each link works once, until the event ends.',
    args: { token: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => answerReminder(ctx, ctx.viewer, args.token),
  }),
}));
