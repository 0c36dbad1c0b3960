import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Event } from '@rallypoint/prisma';
import { formatEventTime } from '@rallypoint/shared';
import { Section, Text } from '@react-email/components';
import { defineAddressTemplate, defineTemplate } from '../template.ts';
import { Action, EventFacts, Layout, P, styles } from './layout.tsx';

/** Where the event is for someone not (yet) running it or going: the venue only when the address is public. */
const publicWhere = (e: Pick<Event, 'addressVisibility' | 'venueName' | 'areaLabel'>) =>
  e.addressVisibility === 'PUBLIC' ? `${e.venueName}, ${e.areaLabel}` : `${e.areaLabel} area`;

const eventUrlOf = (publicUrl: string, id: string) => `${publicUrl}/events/${encodeURIComponent(encodeGlobalID('Event', id))}`;

/** The region's organisers approved a host's campaign event: it is published. */
export const eventApproved = defineTemplate<{ eventId: string }>({
  category: 'organiser',
  async prepare({ db, config, footer }, { eventId }) {
    const event = await db.event.findUnique({ where: { id: eventId }, include: { campaign: { select: { name: true } } } });
    if (event?.approval !== 'APPROVED') return null;
    const url = eventUrlOf(config.publicUrl, event.id);
    const campaign = event.campaign?.name ?? 'the campaign';
    return {
      subject: `Approved: ${event.title}`,
      element: (
        <Layout title="Your event is approved" preview={`${event.title} is published as part of ${campaign}.`} footer={footer}>
          <P>
            The organisers approved your event for {campaign}. It is published now, and members nearby can find it and
            sign up. Your next campaign events in this region publish straight away.
          </P>
          <EventFacts title={event.title} when={`${formatEventTime(event.startsAt, event.endsAt)} (UK time)`} where={`${event.venueName}, ${event.areaLabel}`} url={url} />
          <Action href={url}>Open your event</Action>
        </Layout>
      ),
    };
  },
});

/** The region's organisers turned a host's campaign event down, saying why. */
export const eventRejected = defineTemplate<{ eventId: string }>({
  category: 'organiser',
  async prepare({ db, config, footer }, { eventId }) {
    const event = await db.event.findUnique({ where: { id: eventId }, include: { campaign: { select: { name: true } } } });
    if (event?.approval !== 'REJECTED') return null;
    const url = eventUrlOf(config.publicUrl, event.id);
    const campaign = event.campaign?.name ?? 'the campaign';
    return {
      subject: `Not approved: ${event.title}`,
      element: (
        <Layout title="Your event was not approved" preview={`The organisers of ${campaign} did not approve ${event.title}.`} footer={footer}>
          <P>The organisers of {campaign} did not approve your event. They said:</P>
          <Section style={styles.box}>
            <Text style={styles.text}>{event.approvalNote}</Text>
          </Section>
          <P>It stays a draft that only you can see. You can change it and submit it again from its page.</P>
          <Action href={url}>Open your event</Action>
        </Layout>
      ),
    };
  },
});

/**
 * An invitation to co-host an event, to the invited address whether or not it has an account: the link shows the
 * invitation, and the way to sign up or sign in with this address to accept it.
 */
export const coHostInvite = defineAddressTemplate<{ inviteId: string }>({
  async prepare({ db, config, footer, to }, { inviteId }) {
    const invite = await db.coHostInvite.findUnique({ where: { id: inviteId }, include: { event: true, invitedBy: { select: { firstName: true } } } });
    if (!invite || invite.acceptedAt || invite.email !== to || invite.event.status === 'CANCELLED') return null;
    const event = invite.event;
    const url = `${config.publicUrl}/co-host-invites/${encodeURIComponent(encodeGlobalID('CoHostInvite', invite.id))}`;
    const who = invite.invitedBy?.firstName ?? 'The organisers';
    return {
      subject: `Co-host ${event.title}?`,
      element: (
        <Layout title="You are invited to co-host" preview={`${who} asks you to help run ${event.title}.`} footer={footer}>
          <P>
            {who} invited you to co-host {event.title} on Rallypoint: to edit it, see who is coming and write to them with
            its host. Nothing changes until you accept.
          </P>
          <EventFacts title={event.title} when={`${formatEventTime(event.startsAt, event.endsAt)} (UK time)`} where={publicWhere(event)} url={eventUrlOf(config.publicUrl, event.id)} />
          <Action href={url}>See the invitation</Action>
          <P>No Rallypoint account yet? The invitation lets you create one with this address ({to}), then accept.</P>
        </Layout>
      ),
    };
  },
});
