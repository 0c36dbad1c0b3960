import { type MESSAGE_AUDIENCES, MESSAGE_LIMITS, type MessageAudience } from '@rallypoint/shared';
import { PersonRef } from '../accounts/schema.ts';
import type { Context } from '../context.ts';
import { change } from '../db/change.ts';
import { canManageEvent, managedWhere } from '../events/access.ts';
import { builder } from '../graphql/builder.ts';
import { idOf, nodeId, nonEmpty, WRITE_ERRORS } from '../graphql/common.ts';
import { audienceCounts, deliveryOf, type MessageDelivery, messageAttendees } from './service.ts';

export const MessageAudienceRef = builder.enumType('MessageAudience', {
  description: 'Who an organiser message goes to.',
  values: {
    GOING: { description: 'Everyone going.' },
    WAITLISTED: { description: 'Everyone on the waitlist.' },
  } satisfies Record<(typeof MESSAGE_AUDIENCES)[number], { description: string }>,
});

const MessageDeliveryRef = builder.objectRef<MessageDelivery>('MessageDelivery').implement({
  description: "What became of a message's e-mails (counts only: nobody's address is ever shown).",
  fields: (t) => ({
    sent: t.exposeInt('sent'),
    optedOut: t.exposeInt('optedOut', { description: "Not sent: the member has switched off organisers' messages." }),
    bounced: t.exposeInt('bounced', { description: "Not sent: the member's address refuses mail." }),
    unconfirmed: t.exposeInt('unconfirmed', { description: 'Not sent: the member has not confirmed their address yet.' }),
    notApplicable: t.exposeInt('notApplicable', { description: 'Not sent: the member gave up their place or closed their account first.' }),
    pending: t.exposeInt('pending', { description: 'Not sent yet; only while the message is under an hour old.' }),
    failed: t.exposeInt('failed', { description: 'Not delivered: still not sent an hour after the message (the sending failed).' }),
  }),
});

const AudienceCountsRef = builder.objectRef<{ going: number; waitlisted: number }>('MessageAudienceCounts').implement({
  description: 'How many members each audience of a message would reach now.',
  fields: (t) => ({ going: t.exposeInt('going'), waitlisted: t.exposeInt('waitlisted') }),
});

export const OrganiserMessageRef = builder.prismaNode('OrganiserMessage', {
  id: { field: 'id' },
  nullable: true,
  description: "A message an event's organisers sent its attendees or waitlist, as they see it afterwards.",
  // By global ID only for the people running its event.
  findUnique: (id, ctx: Context) => ({ id: nodeId(id), event: managedWhere(ctx.viewer) }),
  fields: (t) => ({
    sentAt: t.expose('createdAt', { type: 'DateTime' }),
    sender: t.relation('sender', { type: PersonRef, nullable: true, description: 'Null once their account is closed.' }),
    audience: t.field({ type: MessageAudienceRef, resolve: (m): MessageAudience => m.audience }),
    subject: t.exposeString('subject'),
    body: t.exposeString('body', { description: 'Plain text, line breaks as typed.' }),
    recipientCount: t.exposeInt('recipients', { description: 'E-mails queued: one per member in the audience.' }),
    delivery: t.loadable({
      type: MessageDeliveryRef,
      // One statement for every message on the page.
      load: async (keys: { id: string; recipients: number; createdAt: Date }[], ctx: Context) => {
        const found = await deliveryOf(ctx.prisma, keys);
        return keys.map((k) => found.get(k.id)!);
      },
      loaderOptions: { cacheKeyFn: (k: { id: string }) => k.id },
      resolve: (m) => ({ id: m.id, recipients: m.recipients, createdAt: m.createdAt }),
    }),
  }),
});

builder.prismaObjectFields('Event', (t) => ({
  messages: t.field({
    type: [OrganiserMessageRef],
    nullable: true,
    description: "Messages sent to this event's attendees or waitlist, newest first; only for the people running it.",
    select: (_args, ctx, nested) =>
      ctx.viewer
        ? { messages: nested({ where: { event: managedWhere(ctx.viewer) }, orderBy: [{ createdAt: 'desc' as const }, { id: 'desc' as const }] }) }
        : {},
    resolve: (e, _a, ctx) => (canManageEvent(ctx.viewer, e) ? e.messages : null),
  }),
  messageAudienceCounts: t.loadable({
    type: AudienceCountsRef,
    nullable: true,
    description: 'Members going and waitlisted (not counting guests): whom a message would reach. Only for the people running it.',
    load: async (ids: string[], ctx: Context) => {
      const counts = await audienceCounts(ctx.prisma, ids);
      return ids.map((id) => {
        const c = counts.get(id)!;
        return { going: c.GOING, waitlisted: c.WAITLISTED };
      });
    },
    resolve: (e, _a, ctx) => (canManageEvent(ctx.viewer, e) ? e.id : null),
  }),
}));

const MessageAttendeesInput = builder.inputType('MessageAttendeesInput', {
  fields: (t) => ({
    audience: t.field({ type: MessageAudienceRef, required: true }),
    subject: t.string({ required: true, description: 'One line, up to 150 characters.' }),
    body: t.string({ required: true, description: 'Plain text, up to 5,000 characters.' }),
  }),
});

builder.mutationFields((t) => ({
  messageAttendees: t.prismaField({
    type: OrganiserMessageRef,
    errors: { types: WRITE_ERRORS },
    description: `E-mail everyone going to (or waiting for) an event, one e-mail each: for its organiser, its region's organisers and admins. At most ${MESSAGE_LIMITS.perHour} messages an hour and ${MESSAGE_LIMITS.perDay} in 24 hours per event.`,
    args: { eventId: t.arg.id({ required: true }), input: t.arg({ type: MessageAttendeesInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const eventId = idOf(args.eventId, 'Event', 'That event');
      // No queue key: the event's row lock alone puts parallel sends (from any instance) one after another.
      return change(ctx, 'messageAttendees', async (tx) => {
        const message = await messageAttendees(tx, ctx.viewer, eventId, args.input);
        return tx.organiserMessage.findUniqueOrThrow({ ...nonEmpty(query), where: { id: message.id } });
      });
    },
  }),
}));
