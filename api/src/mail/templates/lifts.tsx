import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Event } from '@rallypoint/prisma';
import { formatDayTime, formatDistanceKm, formatEventTime, plural, publicName } from '@rallypoint/shared';
import { Section, Text } from '@react-email/components';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { defineTemplate, type MailContext } from '../template.ts';
import { Action, EventFacts, Layout, P, styles } from './layout.tsx';

/**
 * Lift notices (category `lifts`), queued by lifts/service.ts and lifts/match-everyone.ts through lifts/mail.ts.
 *
 * Privacy: until a lift is agreed (the match is ACCEPTED when the e-mail is rendered) the other side is only "Jane D."
 * with the ~1 km area they start from and the detour — never a surname, an address or a pickup note. Once agreed, the
 * full name and both pickup notes. Never anyone's e-mail address.
 *
 * Each e-mail reads the match again when it is sent and says nothing (null, logged SKIPPED) when its news is stale:
 * - a proposal that was answered, withdrawn or replaced before its e-mail left is not announced: the person would
 *   be asked to answer something that is no longer there (and its "withdrawn" notice is then skipped too, `after`);
 * - an acceptance is announced while the lift still stands;
 * - an ending is announced unless the match is live again (a newer e-mail tells that), and to someone who was asked
 *   only if the e-mail asking them went out. When the other side deleted their account the match row is gone: the
 *   rider or driver left behind still hears, without a name.
 */

export type LiftProposedVia = 'organiser' | 'rematch';
export type LiftEndReason = 'declined' | 'withdrawn' | 'called-off' | 'offer-cancelled' | 'request-cancelled' | 'taken-elsewhere';
type Side = 'DRIVER' | 'RIDER';

const EVENT_SELECT = {
  id: true,
  title: true,
  startsAt: true,
  endsAt: true,
  venueName: true,
  address: true,
  postcode: true,
  areaLabel: true,
  addressVisibility: true,
  status: true,
} as const;
type LiftEvent = Pick<Event, keyof typeof EVENT_SELECT>;

const person = { select: { firstName: true, lastName: true } } as const;

function loadMatch(db: Db, id: string) {
  return db.liftMatch.findUnique({
    where: { id },
    include: {
      offer: { include: { driver: person, event: { select: EVENT_SELECT }, shift: { select: { startsAt: true, endsAt: true } } } },
      request: { include: { rider: person } },
    },
  });
}
type LoadedMatch = NonNullable<Awaited<ReturnType<typeof loadMatch>>>;

const eventUrl = (config: Config, eventId: string) => `${config.publicUrl}/events/${encodeURIComponent(encodeGlobalID('Event', eventId))}`;
/** Lifts are offered, asked for and answered in the event page's Lifts section. */
const liftsUrl = (config: Config, eventId: string) => `${eventUrl(config, eventId)}#lifts-heading`;

/** Where the event is, as anyone may see it: the exact address only when the organiser made it public. */
const whereOf = (e: LiftEvent) =>
  e.addressVisibility === 'PUBLIC'
    ? [e.venueName, e.address, e.postcode].filter(Boolean).join(', ')
    : `${e.areaLabel} area (exact address for those going)`;

/** The event's facts; for a lift to one of its shifts, that shift's time first. */
function Facts({ config, event, shift }: { config: Config; event: LiftEvent; shift?: { startsAt: Date; endsAt: Date } | null }) {
  const times = formatEventTime(event.startsAt, event.endsAt);
  const when = shift ? `${formatEventTime(shift.startsAt, shift.endsAt)}, the shift this lift is for (the event runs ${times})` : times;
  return <EventFacts title={event.title} when={when} where={whereOf(event)} url={eventUrl(config, event.id)} />;
}

/** Label: value lines in a box. */
function Details({ rows }: { rows: [string, string][] }) {
  return (
    <Section style={styles.box}>
      {rows.map(([label, value]) => (
        <Text key={label} style={{ ...styles.text, margin: '0 0 4px' }}>
          <strong>{label}:</strong> {value}
        </Text>
      ))}
    </Section>
  );
}

const sideOf = (m: LoadedMatch, userId: string): Side | null =>
  m.offer.driverId === userId ? 'DRIVER' : m.request.riderId === userId ? 'RIDER' : null;

/** The other side's name as this e-mail may show it: full once the lift is agreed, "Jane D." before. */
function otherName(m: LoadedMatch, me: Side): string {
  const p = me === 'DRIVER' ? m.request.rider : m.offer.driver;
  return m.status === 'ACCEPTED' ? `${p.firstName} ${p.lastName}`.trim() : publicName(p.firstName, p.lastName);
}

const people = (n: number) => plural(n, 'person', 'people');

/** What the recipient may know of the other side now (see the privacy rule above). */
function otherSideRows(m: LoadedMatch, me: Side): [string, string][] {
  const name = otherName(m, me);
  const rows: [string, string][] =
    me === 'RIDER'
      ? [
          ['Driver', name],
          ['Leaves from', `around ${m.offer.originLabel}`],
          m.leg === 'RETURN'
            ? ['Lift back leaves at', m.offer.returnDepartAt ? formatDayTime(m.offer.returnDepartAt) : 'to agree with the driver']
            : ['Leaves at', formatDayTime(m.offer.departAt)],
          ['Detour to pick you up', formatDistanceKm(m.detourKm)],
        ]
      : [
          ['Rider', name],
          ['Party', people(m.request.seats)],
          ['Starts from', `around ${m.request.originLabel}`],
          ['Detour to pick them up', formatDistanceKm(m.detourKm)],
          ...(m.request.needsWheelchair ? ([['Needs', 'a wheelchair-accessible car']] as [string, string][]) : []),
        ];
  if (m.status === 'ACCEPTED') {
    rows.push(["Driver's pickup note", m.driverNote ?? 'none yet']);
    rows.push(["Rider's pickup note", m.riderNote ?? 'none yet']);
  }
  return rows;
}

/**
 * A lift back says so: its subject is about the lift back from the event, and its lead is `back` (given when it
 * leaves) or, without one, the same lead after a line naming the lift back.
 */
function onLeg(
  m: LoadedMatch,
  title: string,
  subject: string,
  lead: string,
  back?: (leaves: string) => string,
): { subject: string; lead: string } {
  if (m.leg !== 'RETURN') return { subject, lead };
  const leaves = m.offer.returnDepartAt ? `, leaving ${formatDayTime(m.offer.returnDepartAt)}` : '';
  return {
    subject: subject.replace(`lift to ${title}`, `lift back from ${title}`).replace(`a car to ${title}`, `a car back from ${title}`),
    lead: back ? back(leaves) : `This is about the lift back after ${title}${leaves}. ${lead}`,
  };
}

const BEFORE_AGREED =
  'Until a lift is agreed you see each other’s first name and initial and the area you start from, never an address. Once it is agreed you both see the full name and pickup details.';

function Hello({ ctx }: { ctx: MailContext }) {
  return <P>Hello {ctx.recipient.firstName},</P>;
}

// ------------------------------------------------------------------------------------------------- proposed

export const liftProposed = defineTemplate<{ matchId: string; stamp: number; via?: LiftProposedVia }>({
  category: 'lifts',
  async prepare(ctx, { matchId, stamp, via }) {
    const m = await loadMatch(ctx.db, matchId);
    // Only the proposal this e-mail was queued for, still waiting for an answer.
    if (m?.status !== 'PROPOSED' || m.updatedAt.getTime() !== stamp) return null;
    const me = sideOf(m, ctx.recipient.id);
    if (!me) return null;
    const event = m.offer.event;
    const name = otherName(m, me);
    const answering = me !== m.proposedBy;
    if (!answering && !via) return null;
    let subject: string;
    let lead: string;
    if (answering && me === 'RIDER') {
      subject = `${name} offers you a lift to ${event.title}`;
      lead = `${name} is driving to ${event.title} and offers to pick you up. Accept or decline on the event page.`;
    } else if (answering) {
      subject = via ? `${name} needs a lift to ${event.title}` : `${name} asks you for a lift to ${event.title}`;
      lead = via
        ? `${name} needs a lift to ${event.title}, and your car is the best fit for them${
            via === 'organiser' ? ' in the plan the event’s organisers made' : ': the driver they had can no longer take them'
          }. Accept or decline on the event page.`
        : `${name} asks whether you can pick them up on your way to ${event.title}. Accept or decline on the event page.`;
    } else if (via === 'rematch') {
      subject = `You have been offered another car to ${event.title}`;
      lead = `Your driver can no longer take you to ${event.title}, so we have asked ${name}, whose car is the best fit for you. We will e-mail you when they answer.`;
    } else {
      subject = `We have suggested a car for your lift to ${event.title}`;
      lead = `The organisers of ${event.title} matched everyone asking for a lift: we have asked ${name} to take you. We will e-mail you when they answer.`;
    }
    const backLead = answering && !via
      ? (leaves: string) =>
          me === 'RIDER'
            ? `${name} offers to bring you back from ${event.title}${leaves}. Accept or decline on the event page.`
            : `${name} asks whether you can bring them back from ${event.title}${leaves}. Accept or decline on the event page.`
      : undefined;
    ({ subject, lead } = onLeg(m, event.title, subject, lead, backLead));
    return {
      subject,
      element: (
        <Layout title={subject} preview={lead} footer={ctx.footer}>
          <Hello ctx={ctx} />
          <P>{lead}</P>
          <Details rows={otherSideRows(m, me)} />
          <Action href={liftsUrl(ctx.config, event.id)}>{answering ? 'Answer on the event page' : 'See your lift request'}</Action>
          <Facts config={ctx.config} event={event} shift={m.offer.shift} />
          <P>{BEFORE_AGREED}</P>
        </Layout>
      ),
    };
  },
});

// ------------------------------------------------------------------------------------------------- accepted

export const liftAccepted = defineTemplate<{ matchId: string }>({
  category: 'lifts',
  async prepare(ctx, { matchId }) {
    const m = await loadMatch(ctx.db, matchId);
    // Told to whoever proposed it, while it still stands (the pickup notes as they are when it leaves).
    if (m?.status !== 'ACCEPTED') return null;
    const me = sideOf(m, ctx.recipient.id);
    if (!me || me !== m.proposedBy) return null;
    const event = m.offer.event;
    const name = otherName(m, me);
    const { subject, lead } = onLeg(
      m,
      event.title,
      `Your lift to ${event.title} is agreed`,
      me === 'RIDER'
        ? `${name} has accepted: they will pick you up on their way to ${event.title}.`
        : `${name} has accepted your offer: you are picking them up on your way to ${event.title}.`,
      (leaves) =>
        me === 'RIDER'
          ? `${name} has accepted: they will bring you back from ${event.title}${leaves}.`
          : `${name} has accepted your offer: you are bringing them back from ${event.title}${leaves}.`,
    );
    return {
      subject,
      element: (
        <Layout title={subject} preview={lead} footer={ctx.footer}>
          <Hello ctx={ctx} />
          <P>{lead}</P>
          <Details rows={otherSideRows(m, me)} />
          <P>You now both see each other’s full name and pickup details. Add or change yours on the event page.</P>
          <Action href={liftsUrl(ctx.config, event.id)}>See your lift</Action>
          <Facts config={ctx.config} event={event} shift={m.offer.shift} />
        </Layout>
      ),
    };
  },
});

// -------------------------------------------------------------------------------------------------- retimed

export const liftRetimed = defineTemplate<{ matchId: string; stamp: number; cause?: 'rider' | 'joined' }>({
  category: 'lifts',
  async prepare(ctx, { matchId, stamp, cause }) {
    const m = await loadMatch(ctx.db, matchId);
    // Told to the rider while the lift stands and the driver still leaves at the time it was queued for (moved by another
    // rider: while the pickup is still the one it was queued for).
    const now = cause ? m?.pickupAt?.getTime() : m?.offer.departAt.getTime();
    if (m?.status !== 'ACCEPTED' || m.offer.status !== 'OPEN' || now !== stamp) return null;
    if (sideOf(m, ctx.recipient.id) !== 'RIDER') return null;
    const event = m.offer.event;
    const name = otherName(m, 'RIDER');
    const subject = `New pickup time for your lift to ${event.title}`;
    const pickup = m.pickupAt ? `they will pick you up about ${formatDayTime(m.pickupAt)}` : 'your pickup time has changed';
    const lead = `${
      cause === 'rider'
        ? `Another rider in ${name}'s car changed when they are ready, so ${pickup}`
        : cause === 'joined'
          ? `${name} now picks up another rider too, so ${pickup}`
          : `${name} now leaves at ${formatDayTime(m.offer.departAt)}, so ${pickup}`
    }. Your lift still stands; if the new time does not suit you, tell them on the event page.`;
    return {
      subject,
      element: (
        <Layout title={subject} preview={lead} footer={ctx.footer}>
          <Hello ctx={ctx} />
          <P>{lead}</P>
          <Details rows={otherSideRows(m, 'RIDER')} />
          <Action href={liftsUrl(ctx.config, event.id)}>See your lift</Action>
          <Facts config={ctx.config} event={event} shift={m.offer.shift} />
        </Layout>
      ),
    };
  },
});

/** A rider agreed on the way there changed when they are ready: the driver is told, with the pickup it makes. */
export const liftReadyChanged = defineTemplate<{ matchId: string; ready: number | null }>({
  category: 'lifts',
  async prepare(ctx, { matchId, ready }) {
    const m = await loadMatch(ctx.db, matchId);
    // Told while the lift stands and the rider's time is still the one it was queued for.
    if (m?.status !== 'ACCEPTED' || m.offer.status !== 'OPEN' || (m.request.readyFrom?.getTime() ?? null) !== ready) return null;
    if (sideOf(m, ctx.recipient.id) !== 'DRIVER') return null;
    const event = m.offer.event;
    const name = otherName(m, 'DRIVER');
    const subject = `${name} changed when they are ready for your lift to ${event.title}`;
    const lead = `${name} is now ${m.request.readyFrom ? `ready from ${formatDayTime(m.request.readyFrom)}` : 'ready whenever you come'}${
      m.pickupAt ? `: pick them up about ${formatDayTime(m.pickupAt)}` : ''
    }. You still leave at ${formatDayTime(m.offer.departAt)}; your other riders' pickups are on the event page.`;
    return {
      subject,
      element: (
        <Layout title={subject} preview={lead} footer={ctx.footer}>
          <Hello ctx={ctx} />
          <P>{lead}</P>
          <Details rows={otherSideRows(m, 'DRIVER')} />
          <Action href={liftsUrl(ctx.config, event.id)}>See your lift</Action>
          <Facts config={ctx.config} event={event} shift={m.offer.shift} />
        </Layout>
      ),
    };
  },
});

// ---------------------------------------------------------------------------------------------------- ended

const stillOpen = (me: Side) =>
  me === 'RIDER'
    ? 'Your request for a lift is still open: the cars that could take you are on the event page.'
    : 'Your seats are still on offer to others.';

/** Subject and lead line of an ending, by why it ended and who is told. */
function ending(reason: LiftEndReason, me: Side, name: string, title: string, agreed: boolean, seats: number | null): [string, string] {
  // At the start of a sentence ("your driver" when the driver's account is gone).
  const Name = name.charAt(0).toUpperCase() + name.slice(1);
  const freed = seats ? `Their ${seats === 1 ? 'seat' : `${seats} seats`} in your car ${seats === 1 ? 'is' : 'are'} free again.` : 'Their seats in your car are free again.';
  switch (reason) {
    case 'declined':
      return me === 'RIDER'
        ? [`${Name} cannot give you a lift to ${title}`, `${Name} has declined your request for a lift. ${stillOpen(me)}`]
        : [`${Name} declined your offer of a lift to ${title}`, `${Name} has declined your offer to pick them up. ${stillOpen(me)}`];
    case 'withdrawn':
      return me === 'RIDER'
        ? [`${Name} has withdrawn their offer of a lift to ${title}`, `${Name} can no longer offer to pick you up. ${stillOpen(me)}`]
        : [`${Name} no longer asks you for a lift to ${title}`, `${Name} has withdrawn their request, so there is nothing to answer. ${stillOpen(me)}`];
    case 'called-off':
      return me === 'RIDER'
        ? [`${Name} has called off your lift to ${title}`, `${Name} has called off the lift you agreed. Your request for a lift is open again: the cars that could take you are on the event page.`]
        : [`${Name} has called off their lift to ${title}`, `${Name} has called off the lift you agreed. ${freed}`];
    case 'offer-cancelled':
      return agreed
        ? [`Your lift to ${title} is off: ${name} can no longer drive`, `${Name} has cancelled their lift offer, so the lift you agreed is off. Your request for a lift is open again; if another car can take you, we have asked its driver and will e-mail you.`]
        : [`${Name} is no longer offering lifts to ${title}`, `${Name} has cancelled their lift offer, so the proposal between you has lapsed. ${stillOpen(me)}`];
    case 'request-cancelled':
      return agreed
        ? [`${Name} no longer needs a lift to ${title}`, `${Name} has cancelled their request, so the lift you agreed is off. ${freed}`]
        : [`${Name} no longer needs a lift to ${title}`, `${Name} has cancelled their request, so the proposal between you has lapsed. ${stillOpen(me)}`];
    case 'taken-elsewhere':
      return [`${Name} has found another lift to ${title}`, `${Name} has agreed a lift in another car, so the proposal between you has lapsed and there is nothing to answer. ${stillOpen(me)}`];
  }
}

/** Who each reason is told to, whatever the match row says. */
const TOLD: Record<LiftEndReason, Side | null> = {
  declined: null,
  withdrawn: null,
  'called-off': null,
  'offer-cancelled': 'RIDER',
  'request-cancelled': 'DRIVER',
  'taken-elsewhere': 'DRIVER',
};

export const liftEnded = defineTemplate<{ matchId: string; eventId: string; reason: LiftEndReason; agreed: boolean; after?: string }>({
  category: 'lifts',
  async prepare(ctx, { matchId, eventId, reason, agreed, after }) {
    if (after) {
      const asked = await ctx.db.mailLog.findUnique({ where: { key: after }, select: { status: true } });
      if (asked?.status !== 'SENT') return null;
    }
    const m = await loadMatch(ctx.db, matchId);
    if (m && (m.status === 'PROPOSED' || m.status === 'ACCEPTED')) return null;
    const event = m ? m.offer.event : await ctx.db.event.findUnique({ where: { id: eventId }, select: EVENT_SELECT });
    if (!event) return null;
    let me: Side | null;
    let name: string;
    if (m) {
      me = sideOf(m, ctx.recipient.id);
      if (!me || (TOLD[reason] && TOLD[reason] !== me)) return null;
      name = otherName(m, me);
    } else {
      // The other side deleted their account (their lifts went with it).
      me = TOLD[reason];
      if (!me) return null;
      name = me === 'RIDER' ? 'your driver' : 'a rider';
    }
    const [subject, lead] = ending(reason, me, name, event.title, agreed, m?.request.seats ?? null);
    return {
      subject,
      element: (
        <Layout title={subject} preview={lead} footer={ctx.footer}>
          <Hello ctx={ctx} />
          <P>{lead}</P>
          <Action href={liftsUrl(ctx.config, event.id)}>{me === 'RIDER' ? 'Find another lift' : 'See your lift offer'}</Action>
          <Facts config={ctx.config} event={event} shift={m?.offer.shift} />
        </Layout>
      ),
    };
  },
});

// --------------------------------------------------------------------------------------------- event is off

export const liftsClosed = defineTemplate<{ eventId: string; offered: boolean; asked: boolean }>({
  category: 'lifts',
  async prepare(ctx, { eventId, offered, asked }) {
    const event = await ctx.db.event.findUnique({ where: { id: eventId }, select: EVENT_SELECT });
    if (!event) return null;
    const yours = [offered ? 'your lift offer' : null, asked ? 'your request for a lift' : null].filter(Boolean).join(' and ');
    const what =
      event.status === 'CANCELLED'
        ? `${event.title} has been cancelled`
        : event.status === 'DRAFT'
          ? `${event.title} has been taken down by its organisers`
          : `${event.title} was taken down by its organisers for a while`;
    const subject = `Lifts to ${event.title} are off`;
    const lead = `${what}, so ${yours} and any lifts agreed for it have been cancelled.`;
    return {
      subject,
      element: (
        <Layout title={subject} preview={lead} footer={ctx.footer}>
          <Hello ctx={ctx} />
          <P>{lead}</P>
          {event.status === 'PUBLISHED' ? (
            <>
              <P>It is back on: offer or ask for a lift again on the event page if you still need to.</P>
              <Action href={liftsUrl(ctx.config, event.id)}>Lifts on the event page</Action>
            </>
          ) : event.status === 'CANCELLED' ? (
            <Action href={eventUrl(ctx.config, event.id)}>See the event page</Action>
          ) : (
            <P>If it is published again, you can offer or ask for a lift again on its page.</P>
          )}
        </Layout>
      ),
    };
  },
});
