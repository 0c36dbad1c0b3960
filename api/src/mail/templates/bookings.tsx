import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Event, Rsvp } from '@rallypoint/prisma';
import { canSeeExactAddress, departureProblem, formatDayTime, formatEventTime, latestDeparture, plural } from '@rallypoint/shared';
import { Button, Section } from '@react-email/components';
import type { Config } from '../../config.ts';
import { attendeeCalendar } from '../../events/calendar.ts';
import { agreedRoute, lateWithRiders } from '../../lifts/route-times.ts';
import { type EventChange, type EventFactsSnapshot, movedShifts } from '../../rsvps/notices.ts';
import { reminderLinkToken } from '../../rsvps/reminder-links.ts';
import { reminderDueTimes, type ReminderWhich } from '../../rsvps/reminders.ts';
import { waitlistPositions } from '../../rsvps/service.ts';
import { defineTemplate, type MailContext, type Prepared } from '../template.ts';
import { A, Action, EventFacts, Layout, P } from './layout.tsx';

/**
 * Booking e-mails: the RSVP confirmation, a place coming up from the waitlist, reminders with one-tap answers, and
 * an event moving, changing place or being cancelled. Each reads the RSVP and event when it is sent, and is skipped
 * (null) when what it would say is no longer true.
 */

export const eventUrl = (config: Config, eventId: string) => `${config.publicUrl}/events/${encodeURIComponent(encodeGlobalID('Event', eventId))}`;

type Place = Pick<Event, 'venueName' | 'address' | 'postcode' | 'areaLabel'> & Partial<Pick<Event, 'online' | 'joinUrl'>>;

/**
 * The venue as this member may see it (attendees-only addresses: the area to others); online, the join link for
 * members going only.
 */
const placeText = (p: Place, showAddress: boolean, going = false) => {
  if (p.online) return going && p.joinUrl ? `Online: ${p.joinUrl}` : 'Online (the join link is on the event page for people going)';
  return showAddress ? [p.venueName, p.address, p.postcode].filter(Boolean).join(', ') : `${p.areaLabel} area (exact address for attendees)`;
};

interface Booking {
  rsvp: Rsvp;
  event: Event;
  showAddress: boolean;
}

/** The recipient's RSVP with its event, if it is theirs. */
async function bookingOf(ctx: MailContext, rsvpId: string): Promise<Booking | null> {
  const rsvp = await ctx.db.rsvp.findUnique({ where: { id: rsvpId }, include: { event: true, shift: true } });
  if (!rsvp || rsvp.userId !== ctx.recipient.id) return null;
  const { event: whole, shift, ...rest } = rsvp;
  // A shift booking is told the shift's times (and reminded before the shift starts).
  const event = shift ? { ...whole, startsAt: shift.startsAt, endsAt: shift.endsAt } : whole;
  const showAddress = canSeeExactAddress({
    addressVisibility: event.addressVisibility,
    // An organiser booked on their own event sees the address anyway; this rule only widens with it.
    viewerManagesEvent: event.organiserId === ctx.recipient.id,
    viewerRsvpStatus: rsvp.status,
  });
  return { rsvp: rest, event, showAddress };
}

const facts = (ctx: MailContext, b: Booking) => (
  <EventFacts title={b.event.title} when={formatEventTime(b.event.startsAt, b.event.endsAt)} where={placeText(b.event, b.showAddress, b.rsvp.status === 'GOING')} url={eventUrl(ctx.config, b.event.id)} />
);

/** The event as .ics for this member (calendar apps update it in place: one UID per event). */
async function calendarFile(ctx: MailContext, eventId: string): Promise<Prepared['attachments']> {
  const ics = await attendeeCalendar(ctx.db, eventId, ctx.recipient.id, ctx.config);
  return ics ? [{ filename: 'event.ics', content: ics, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }] : [];
}

const party = (guests: number) => (guests === 0 ? 'one place (just you)' : `${guests + 1} places (you and ${plural(guests, 'guest')})`);

/**
 * "We will remind you …" only when it is true: the member gets reminders and one is still to come (reminders.ts
 * schedules the 24-hour one and the morning one only while they are ahead).
 */
async function reminderPromise(ctx: MailContext, startsAt: Date): Promise<string | null> {
  const user = await ctx.db.user.findUnique({ where: { id: ctx.recipient.id }, select: { mailReminders: true } });
  if (!user?.mailReminders) return null;
  const due = reminderDueTimes(startsAt);
  if (due['24h']) return 'We will e-mail you a reminder the day before. ';
  if (due.morning) return 'We will e-mail you a reminder on the morning of the event. ';
  return null;
}

const isOn = (b: Booking | null): b is Booking => !!b && b.event.status === 'PUBLISHED' && b.event.endsAt.getTime() > Date.now();

export const rsvpConfirmed = defineTemplate<{ rsvpId: string; seq: number }>({
  category: 'bookings',
  async prepare(ctx, { rsvpId, seq }) {
    const b = await bookingOf(ctx, rsvpId);
    if (!isOn(b) || b.rsvp.seq !== seq || b.rsvp.status === 'CANCELLED') return null;
    const url = eventUrl(ctx.config, b.event.id);
    const attachments = await calendarFile(ctx, b.event.id);
    if (b.rsvp.status === 'GOING') {
      const title = `You're going to ${b.event.title}`;
      const remind = await reminderPromise(ctx, b.event.startsAt);
      return {
        subject: `You're going: ${b.event.title}`,
        attachments,
        element: (
          <Layout title={title} preview={`Your place is booked: ${formatEventTime(b.event.startsAt, b.event.endsAt)}.`} footer={ctx.footer}>
            <P>Hello {ctx.recipient.firstName},</P>
            <P>Your place is booked: {party(b.rsvp.guests)}. The event is attached for your calendar.</P>
            {facts(ctx, b)}
            <P>
              {remind ?? ''}If you can no longer come, give up your place on the event
              page so someone else can have it.
            </P>
            <Action href={url}>Open the event</Action>
          </Layout>
        ),
      };
    }
    const position = (await waitlistPositions(ctx.db, [b.rsvp.id])).get(b.rsvp.id) ?? 1;
    const title = `You're on the waitlist for ${b.event.title}`;
    return {
      subject: `You're on the waitlist (number ${position}): ${b.event.title}`,
      attachments,
      element: (
        <Layout title={title} preview={`You are number ${position} on the waitlist.`} footer={ctx.footer}>
          <P>Hello {ctx.recipient.firstName},</P>
          <P>
            The event is full, so you are on the waitlist: you are number {position}, for {party(b.rsvp.guests)}. Places go
            in order as people give theirs up. If one comes up for you, you get it automatically and we e-mail you.
          </P>
          {facts(ctx, b)}
          <P>Not interested any more? Leave the waitlist on the event page.</P>
          <Action href={url}>Open the event</Action>
        </Layout>
      ),
    };
  },
});

export const rsvpPromoted = defineTemplate<{ rsvpId: string; seq: number }>({
  category: 'bookings',
  async prepare(ctx, { rsvpId, seq }) {
    const b = await bookingOf(ctx, rsvpId);
    if (!isOn(b) || b.rsvp.seq !== seq || b.rsvp.status !== 'GOING') return null;
    const title = `A place came up: you're going to ${b.event.title}`;
    return {
      subject: title,
      attachments: await calendarFile(ctx, b.event.id),
      element: (
        <Layout title={title} preview="You have moved up from the waitlist." footer={ctx.footer}>
          <P>Hello {ctx.recipient.firstName},</P>
          <P>Good news: a place came up and you have moved up from the waitlist. You are now going, with {party(b.rsvp.guests)}.</P>
          {facts(ctx, b)}
          <P>If you can no longer come, please give the place up on the event page so the next person can have it.</P>
          <Action href={eventUrl(ctx.config, b.event.id)}>Open the event</Action>
        </Layout>
      ),
    };
  },
});

const answerButton = { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif', fontSize: '16px', fontWeight: 'bold', padding: '12px 20px', borderRadius: '4px', marginRight: '12px' } as const;

export const eventReminder = defineTemplate<{ rsvpId: string; which: ReminderWhich; startsAt: string }>({
  category: 'reminders',
  async prepare(ctx, { rsvpId, which, startsAt }) {
    const b = await bookingOf(ctx, rsvpId);
    // Only for the start it was scheduled for, to someone still going.
    if (!isOn(b) || b.rsvp.status !== 'GOING' || b.event.startsAt.getTime() !== Date.parse(startsAt)) return null;
    // Links for this booking (its seq) and this reminder: an earlier booking's or the other reminder's are other links.
    const booking = { rsvpId: b.rsvp.id, seq: b.rsvp.seq, which };
    const link = (a: 'yes' | 'no') => `${ctx.config.publicUrl}/reminder?token=${encodeURIComponent(reminderLinkToken(ctx.links, booking, a, b.event.endsAt))}`;
    const yes = link('yes');
    const no = link('no');
    const day = which === 'morning' ? 'Today' : 'Tomorrow';
    const title = `${day}: ${b.event.title}`;
    return {
      subject: `${title} (${formatDayTime(b.event.startsAt)})`,
      element: (
        <Layout title={title} preview="Still coming? One tap tells the organiser." footer={ctx.footer}>
          <P>Hello {ctx.recipient.firstName},</P>
          <P>A reminder that you are going, with {party(b.rsvp.guests)}:</P>
          {facts(ctx, b)}
          <P>Are you still coming? One tap tells the organiser; you do not need to sign in.</P>
          <Section style={{ margin: '8px 0 16px' }}>
            <Button href={yes} style={{ ...answerButton, backgroundColor: '#b3002d', color: '#ffffff' }}>
              Still coming
            </Button>
            <Button href={no} style={{ ...answerButton, backgroundColor: '#ffffff', color: '#b3002d', border: '2px solid #b3002d' }}>
              Can't make it now
            </Button>
          </Section>
          <P>
            If you can't make it, giving up your place lets the next person on the waitlist come. The links work until the
            event ends. Or copy one into your browser — Still coming: {yes} — Can't make it now: {no}
          </P>
        </Layout>
      ),
    };
  },
});

interface ChangeParams {
  rsvpId: string;
  changeId: string;
  changes: EventChange[];
  from: EventFactsSnapshot;
  to: EventFactsSnapshot;
}

const changeRow = (label: string, from: string, to: string) => (
  <P>
    <strong>{`${label}:`}</strong> {`${from} → ${to}`}
  </P>
);

export const eventChanged = defineTemplate<ChangeParams>({
  category: 'bookings',
  async prepare(ctx, { rsvpId, changes, from, to }) {
    const b = await bookingOf(ctx, rsvpId);
    if (!isOn(b) || b.rsvp.status === 'CANCELLED') return null;
    const shiftId = b.rsvp.shiftId;
    // A shift that moved is news only to the people on it.
    const myShift = shiftId && movedShifts(from, to).includes(shiftId) ? { from: from.shifts![shiftId]!, to: to.shifts![shiftId]! } : null;
    // On a shift, the event's own times are news only if that shift moved (an event made longer for a new shift is not).
    const time = shiftId ? myShift !== null : changes.includes('time');
    const place = changes.includes('place');
    if (!time && !place) return null;
    const what = time && place ? 'a new time and place' : time ? 'a new time' : 'a new place';
    const title = `${b.event.title} has ${what}`;
    const fromPlace = placeText(from, b.showAddress);
    const toPlace = placeText(to, b.showAddress);
    const lift = time ? await liftProblem(ctx, b) : null;
    return {
      subject: `Changed: ${title}`,
      attachments: await calendarFile(ctx, b.event.id),
      element: (
        <Layout title={title} preview={`The organiser changed ${time ? 'when' : 'where'} it is.`} footer={ctx.footer}>
          <P>Hello {ctx.recipient.firstName},</P>
          <P>
            The organiser has changed an event you are {b.rsvp.status === 'GOING' ? 'going to' : 'on the waitlist for'}. Times are
            UK time.
          </P>
          {myShift ? changeRow('Your shift', formatEventTime(myShift.from.startsAt, myShift.from.endsAt), formatEventTime(myShift.to.startsAt, myShift.to.endsAt)) : null}
          {changes.includes('time') && !myShift ? changeRow('When', formatEventTime(from.startsAt, from.endsAt), formatEventTime(to.startsAt, to.endsAt)) : null}
          {place ? (fromPlace === toPlace ? <P><strong>Where:</strong> the map pin for {toPlace} has moved.</P> : changeRow('Where', fromPlace, toPlace)) : null}
          {lift ? (
            <P>
              <strong>Your lift offer:</strong> you leave {lift.leaves}. {lift.problem}. Change when you leave on the event page: your riders' pickups move
              with it.
            </P>
          ) : null}
          {facts(ctx, b)}
          <P>The updated event is attached for your calendar. If you can no longer come, give up your place on the event page.</P>
          <Action href={eventUrl(ctx.config, b.event.id)}>Open the event</Action>
        </Layout>
      ),
    };
  },
});

/**
 * A driver's lift offer whose departure no longer fits the (moved) event or shift it is for, and why: it leaves after
 * the start, or the riders agreed would now reach it late; else null.
 */
async function liftProblem(ctx: MailContext, b: Booking): Promise<{ leaves: string; problem: string } | null> {
  const offer = await ctx.db.liftOffer.findFirst({
    where: { eventId: b.rsvp.eventId, driverId: ctx.recipient.id, status: 'OPEN' },
    include: { shift: { select: { startsAt: true, endsAt: true } } },
  });
  if (!offer) return null;
  const event = await ctx.db.event.findUniqueOrThrow({ where: { id: b.rsvp.eventId }, select: { startsAt: true, endsAt: true, exactLat: true, exactLng: true } });
  const times = offer.shift ? { ...offer.shift, shift: true } : event;
  const leaves = formatDayTime(offer.departAt);
  const problem = departureProblem(offer.departAt, times);
  if (problem) return { leaves, problem };
  const route = await agreedRoute(ctx.db, offer);
  if (route.stops.length === 0) return null;
  const venue = { lat: event.exactLat, lng: event.exactLng };
  const latest = latestDeparture(route.origin, route.stops, venue, times.startsAt.getTime(), { speedKmh: ctx.config.liftSpeedKmh });
  return latest === null || offer.departAt.getTime() > latest ? { leaves, problem: lateWithRiders(latest, offer.shift ? 'the shift' : 'the event') } : null;
}

export const eventCancelled = defineTemplate<{ rsvpId: string }>({
  category: 'bookings',
  async prepare(ctx, { rsvpId }) {
    const b = await bookingOf(ctx, rsvpId);
    if (b?.event.status !== 'CANCELLED') return null;
    const title = `Cancelled: ${b.event.title}`;
    return {
      subject: title,
      attachments: await calendarFile(ctx, b.event.id),
      element: (
        <Layout title={title} preview="This event will not take place." footer={ctx.footer}>
          <P>Hello {ctx.recipient.firstName},</P>
          <P>
            <strong>This event has been cancelled</strong> by its organiser and will not take place. You do not need to do
            anything; any lifts to it have been called off too.
          </P>
          <EventFacts title={b.event.title} when={formatEventTime(b.event.startsAt, b.event.endsAt)} where={placeText(b.event, b.showAddress, b.rsvp.status === 'GOING')} url={eventUrl(ctx.config, b.event.id)} />
          <P>
            The attached calendar file marks it cancelled. <A href={`${ctx.config.publicUrl}/`}>Find other events near you</A>.
          </P>
        </Layout>
      ),
    };
  },
});
