import type { MailCategory } from '../generated/graphql.ts';

/** The e-mails a member can switch off, in the order the preferences page lists them. */
export const MAIL_SWITCHES = [
  {
    field: 'bookings',
    category: 'BOOKINGS',
    label: 'Bookings',
    description:
      'A confirmation when you RSVP or get a place from the waiting list, and a message when an event you are going to changes or is cancelled.',
  },
  {
    field: 'reminders',
    category: 'REMINDERS',
    label: 'Reminders',
    description: 'A reminder shortly before each event you are going to, with buttons to say you are still coming or cannot make it.',
  },
  {
    field: 'lifts',
    category: 'LIFTS',
    label: 'Lifts',
    description: 'When a driver or rider proposes a lift to you, accepts yours, or calls an agreed lift off.',
  },
  {
    field: 'organiser',
    category: 'ORGANISER',
    label: 'Messages from organisers',
    description: 'What the organisers of events you are going to (or waiting for) write to everyone coming.',
  },
] as const satisfies readonly { field: string; category: MailCategory; label: string; description: string }[];

export type MailSwitch = (typeof MAIL_SWITCHES)[number]['field'];

/** What an unsubscribe link stops, as a phrase ("Stop getting …"). */
export const CATEGORY_PHRASE: Record<MailCategory, string> = {
  BOOKINGS: 'booking confirmations and changes to events you are going to',
  REMINDERS: 'reminders before events',
  LIFTS: 'lift notices',
  ORGANISER: "messages from events' organisers",
  DIGEST: 'the e-mail of new events near you',
};
