import { MeRef } from '../accounts/schema.ts';
import { change } from '../db/change.ts';
import { ValidationError } from '../errors.ts';
import { builder } from '../graphql/builder.ts';
import { nonEmpty, WRITE_ERRORS } from '../graphql/common.ts';
import { DIGEST_FREQUENCIES } from '@rallypoint/shared';
import {
  type MailPreferences,
  PREFERENCE_SELECT,
  preferencesOf,
  readUnsubscribeLink,
  resumeMail,
  SWITCHABLE,
  setMailPreferences,
  type UnsubscribeLink,
  unsubscribe,
} from './preferences.ts';

export const DigestFrequencyRef = builder.enumType('DigestFrequency', {
  description: 'How often the e-mail of new events near my home area comes.',
  values: DIGEST_FREQUENCIES,
});

export const MailCategoryRef = builder.enumType('MailCategory', {
  description: 'A kind of e-mail a member can switch off. Account e-mails (confirming the address, password reset) are always sent.',
  values: Object.fromEntries(SWITCHABLE.map((c) => [c.toUpperCase(), { value: c }])) as Record<
    Uppercase<(typeof SWITCHABLE)[number]>,
    { value: (typeof SWITCHABLE)[number] }
  >,
});

const MailPreferencesRef = builder.objectRef<MailPreferences>('MailPreferences').implement({
  description: 'Which e-mails I get.',
  fields: (t) => ({
    bookings: t.exposeBoolean('bookings', { description: 'RSVP confirmations, waitlist places, and changes to or cancellations of events I am going to.' }),
    reminders: t.exposeBoolean('reminders', { description: 'A reminder before each event I am going to.' }),
    lifts: t.exposeBoolean('lifts', { description: 'Lift proposals, acceptances and call-offs.' }),
    organiser: t.exposeBoolean('organiser', { description: "Messages from the organisers of events I am going to (or waiting for)." }),
    digest: t.expose('digest', { type: DigestFrequencyRef, description: 'New events near my home area (needs a home area).' }),
    bounced: t.exposeBoolean('bounced', {
      description: 'My address refused an e-mail: only account e-mails are sent until I try again (resumeMail).',
    }),
  }),
});

builder.prismaObjectFields(MeRef, (t) => ({
  mailPreferences: t.field({
    type: MailPreferencesRef,
    select: PREFERENCE_SELECT,
    resolve: (u) => preferencesOf(u),
  }),
}));

const MailPreferencesInput = builder.inputType('MailPreferencesInput', {
  description: 'Only the fields given change.',
  fields: (t) => ({
    bookings: t.boolean(),
    reminders: t.boolean(),
    lifts: t.boolean(),
    organiser: t.boolean(),
    digest: t.field({ type: DigestFrequencyRef }),
  }),
});

const UnsubscribeLinkRef = builder.objectRef<UnsubscribeLink>('UnsubscribeLink').implement({
  description: 'What an e-mailed unsubscribe link is for: whose it is (first name only) and which e-mails.',
  fields: (t) => ({
    category: t.field({ type: MailCategoryRef, resolve: (l) => l.category }),
    firstName: t.exposeString('firstName'),
  }),
});

builder.queryFields((t) => ({
  unsubscribeLink: t.field({
    type: UnsubscribeLinkRef,
    errors: { types: [ValidationError] },
    description: 'Reads an unsubscribe link without using it (works signed out). A forged or expired link is a ValidationError.',
    args: { token: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => readUnsubscribeLink(ctx.prisma, args.token),
  }),
}));

builder.mutationFields((t) => ({
  setMailPreferences: t.prismaField({
    type: MeRef,
    errors: { types: WRITE_ERRORS },
    description: 'Chooses which e-mails I get. Does not clear a bounce (see resumeMail).',
    args: { input: t.arg({ type: MailPreferencesInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      change(ctx, 'setMailPreferences', async (tx) => {
        const user = await setMailPreferences(tx, ctx.viewer, input);
        return tx.user.findUniqueOrThrow({ ...nonEmpty(query), where: { id: user.id } });
      }),
  }),
  resumeMail: t.prismaField({
    type: MeRef,
    errors: { types: WRITE_ERRORS },
    description: 'My address bounced and works again: e-mails are sent again.',
    resolve: (query, _root, _args, ctx) =>
      change(ctx, 'resumeMail', async (tx) => {
        const user = await resumeMail(tx, ctx.viewer);
        return tx.user.findUniqueOrThrow({ ...nonEmpty(query), where: { id: user.id } });
      }),
  }),
  unsubscribe: t.field({
    type: UnsubscribeLinkRef,
    errors: { types: WRITE_ERRORS },
    description:
      "Switches off the e-mails an unsubscribe link names, for the link's member (works signed out; again changes nothing). A forged or expired link is a ValidationError and changes nothing.",
    args: { token: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => change(ctx, 'unsubscribe', (tx) => unsubscribe(tx, args.token)),
  }),
}));
