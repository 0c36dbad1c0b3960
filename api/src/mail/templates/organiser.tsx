import { encodeGlobalID } from '@pothos/plugin-relay';
import { canSeeExactAddress, formatEventTime, publicName } from '@rallypoint/shared';
import { Section, Text } from '@react-email/components';
import { BOOKED } from '../../rsvps/booked.ts';
import { defineTemplate } from '../template.ts';
import { A, EventFacts, Layout, P, styles } from './layout.tsx';

/** The paragraphs of a plain-text message as typed: blank lines part them, single line breaks stay. */
export function paragraphsOf(body: string): string[][] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((p) => p.split('\n'))
    .filter((lines) => lines.some((l) => l.trim() !== ''));
}

/**
 * One copy of an organiser's message, to one member (the only address it carries). It comes from Rallypoint's own
 * address with no Reply-To: the organiser's address is never shown, and replies go nowhere, as the e-mail says.
 */
export const organiserMessage = defineTemplate<{ messageId: string }>({
  category: 'organiser',
  async prepare({ db, config, recipient, footer }, { messageId }) {
    const message = await db.organiserMessage.findUnique({
      where: { id: messageId },
      include: { event: true, sender: { select: { firstName: true, lastName: true, deletedAt: true } } },
    });
    if (!message) return null;
    // Only for members still coming or waiting: someone who gave up their place in the meantime is left alone.
    // (With shifts a member may have several bookings: any live one will do.)
    const rsvp = await db.rsvp.findFirst({
      where: { eventId: message.eventId, userId: recipient.id, status: BOOKED },
      select: { status: true },
    });
    if (!rsvp) return null;
    const event = message.event;
    const eventUrl = `${config.publicUrl}/events/${encodeURIComponent(encodeGlobalID('Event', event.id))}`;
    // The sender may be the event's organiser, an organiser of its region or an admin: they write for the organisers.
    // Once their account is closed (erased), their name is no longer shown.
    const sender = message.sender && !message.sender.deletedAt ? publicName(message.sender.firstName, message.sender.lastName) : null;
    const from = sender ? `${sender}, for the organisers of ${event.title},` : `The organisers of ${event.title}`;
    const fromShort = sender ?? 'The organisers';
    const who = message.audience === 'GOING' ? 'everyone going to' : 'everyone on the waitlist for';
    const exact = canSeeExactAddress({ addressVisibility: event.addressVisibility, viewerManagesEvent: false, viewerRsvpStatus: rsvp.status });
    const where = exact ? `${event.venueName}, ${event.address}${event.postcode ? `, ${event.postcode}` : ''}` : `${event.areaLabel} area (exact address for attendees)`;
    return {
      subject: `${message.subject} – ${event.title}`,
      element: (
        <Layout title={message.subject} preview={`${fromShort} wrote to ${who} ${event.title}.`} footer={footer}>
          <P>
            {from} sent this message to {who} it:
          </P>
          <Section style={styles.box}>
            {paragraphsOf(message.body).map((lines, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of a fixed text, never reordered
              <Text key={i} style={styles.text}>
                {lines.map((line, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed text, never reordered
                  <span key={j}>
                    {j > 0 && <br />}
                    {line}
                  </span>
                ))}
              </Text>
            ))}
          </Section>
          <EventFacts title={event.title} when={`${formatEventTime(event.startsAt, event.endsAt)} (UK time)`} where={where} url={eventUrl} />
          <P>
            Replies to this e-mail are not read: it comes from Rallypoint, which does not pass your address to the
            organisers or theirs to you. To change your plans or see the latest details, <A href={eventUrl}>open the event page</A>.
          </P>
        </Layout>
      ),
    };
  },
});
