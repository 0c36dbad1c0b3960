import { encodeGlobalID } from '@pothos/plugin-relay';
import { formatDistanceKm, formatEventTime, publicName } from '@rallypoint/shared';
import { stretchesForOffer } from '../../lifts/next-steps.ts';
import { defineTemplate } from '../template.ts';
import { Action, EventFacts, Layout, P } from './layout.tsx';

/**
 * An event's organisers ask a driver to go a little further for riders no car could take (lifts/next-steps.ts).
 * Read at send time: only riders still looking, whom the car could take by stretching, each as "Jane D." with the
 * ~1 km area they start from (never a surname or an address: nothing is agreed). Nothing left to ask: not sent.
 */
export const liftStretch = defineTemplate<{ offerId: string }>({
  category: 'lifts',
  async prepare(ctx, { offerId }) {
    const found = await stretchesForOffer(ctx.db, offerId);
    if (!found || found.riders.length === 0 || found.offer.driverId !== ctx.recipient.id) return null;
    const event = await ctx.db.event.findUnique({
      where: { id: found.offer.eventId },
      select: { id: true, title: true, startsAt: true, endsAt: true, areaLabel: true, status: true },
    });
    if (event?.status !== 'PUBLISHED' || event.endsAt.getTime() <= Date.now()) return null;
    const url = `${ctx.config.publicUrl}/events/${encodeURIComponent(encodeGlobalID('Event', event.id))}`;
    const least = Math.min(...found.riders.map((r) => r.routeDetourKm));
    const subject = `Could you go a little further for ${event.title}?`;
    const lead = `Riders near your route to ${event.title} still need a lift, and your car is one of the nearest. The organisers ask whether you could go a little further out of your way than the ${formatDistanceKm(found.offer.maxDetourKm)} you set.`;
    return {
      subject,
      element: (
        <Layout title={subject} preview={lead} footer={ctx.footer}>
          <P>Hello {ctx.recipient.firstName},</P>
          <P>{lead}</P>
          <EventFacts title={event.title} when={formatEventTime(event.startsAt, event.endsAt)} where={`${event.areaLabel} area`} url={url} />
          {found.riders.map(({ request, routeDetourKm, extraKm }) => (
            <P key={request.id}>
              {publicName(request.rider.firstName, request.rider.lastName)} from around {request.originLabel} (
              {request.seats === 1 ? '1 person' : `party of ${request.seats}`}
              {request.needsWheelchair ? ', uses a wheelchair' : ''}): up to {formatDistanceKm(routeDetourKm)} out of your way, {formatDistanceKm(extraKm)} more than now.
            </P>
          ))}
          <P>
            Raise your limit to {formatDistanceKm(least)} or more on the event page, and you can offer a seat there. Nothing
            is booked unless you offer and they accept. If you cannot, there is nothing to do.
          </P>
          <Action href={`${url}#lift-offer-heading`}>Change my detour limit</Action>
        </Layout>
      ),
    };
  },
});
