import { encodeGlobalID } from '@pothos/plugin-relay';
import { distanceKm, newEventsNearSchema, placesLeft } from '@rallypoint/shared';
import { GraphQLError } from 'graphql';
import { filter, pipe } from 'graphql-yoga';
import type { Context } from '../context.ts';
import { parseWith, UserError } from '../errors.ts';
import { EventStatus } from '../events/schema.ts';
import { findVisibleEvent } from '../events/service.ts';
import { builder } from '../graphql/builder.ts';
import { idOf, LatLngInput, nonEmpty } from '../graphql/common.ts';
import { resolveOrigin } from '../places/service.ts';
import { liveSnapshot } from './publish.ts';
import type { EventLive } from './pubsub.ts';

/** Subscriptions have no error unions: a refusal is a GraphQL error the client can show as it is. */
export async function refusing<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof UserError) throw new GraphQLError(error.message, { extensions: { code: error.constructor.name } });
    throw error;
  }
}

/**
 * Starts listening now (a pub/sub iterator attaches its listener on its first pull, so that pull is made at once),
 * then reads the current value, if any: the stream gives it first, then every change, and none falls in between.
 */
export async function listenNow<T>(changes: AsyncIterable<T>, read: () => Promise<T | null> = async () => null): Promise<AsyncIterableIterator<T>> {
  const it = changes[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<T>> | null = it.next();
  let head = await read().catch(async (error: unknown) => {
    await it.return?.();
    throw error;
  });
  const iterator: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => iterator,
    async next() {
      if (head !== null) {
        const value = head;
        head = null;
        return { value, done: false };
      }
      const result = await (pending ?? it.next());
      pending = null;
      return result;
    },
    async return() {
      head = null;
      await it.return?.();
      return { value: undefined, done: true };
    },
  };
  return iterator;
}

const EventLiveRef = builder.objectRef<EventLive>('EventLive').implement({
  description: "An event's public numbers, pushed whenever they change.",
  fields: (t) => ({
    eventId: t.id({ resolve: (e) => encodeGlobalID('Event', e.eventId) }),
    status: t.field({ type: EventStatus, resolve: (e) => e.status }),
    goingCount: t.exposeInt('goingCount'),
    waitlistCount: t.exposeInt('waitlistCount'),
    capacity: t.exposeInt('capacity', { nullable: true }),
    placesLeft: t.int({ nullable: true, resolve: (e) => placesLeft(e) }),
    liftSeatsAvailable: t.exposeInt('liftSeatsAvailable'),
    liftRequestsOpen: t.exposeInt('liftRequestsOpen'),
    at: t.field({ type: 'DateTime', description: 'When the change was made.', resolve: (e) => new Date(e.at) }),
  }),
});

const NewEventsNearInput = builder.inputType('NewEventsNearInput', {
  fields: (t) => ({
    postcode: t.string(),
    location: t.field({ type: LatLngInput }),
    radiusKm: t.float({ defaultValue: 25 }),
  }),
});

builder.subscriptionType({});

builder.subscriptionFields((t) => ({
  eventLive: t.field({
    type: EventLiveRef,
    description: 'Places left, RSVP counts and lift seats of an event you can see: now, then at every change.',
    args: { id: t.arg.id({ required: true }) },
    subscribe: (_root, args, ctx: Context) =>
      refusing(async () => {
        const event = await findVisibleEvent(ctx.prisma, ctx.viewer, idOf(args.id, 'Event', 'That event'));
        return listenNow(ctx.live.pubsub.subscribe('event:live', event.id), () => liveSnapshot(ctx.prisma, event.id));
      }),
    resolve: (payload) => payload as EventLive,
  }),
  newEventsNear: t.prismaField({
    type: 'Event',
    description: 'Public events published from now on within radiusKm of a place.',
    args: { input: t.arg({ type: NewEventsNearInput, required: true }) },
    subscribe: (_root, { input }, ctx: Context) =>
      refusing(async () => {
        const q = parseWith(newEventsNearSchema, input);
        const place = await resolveOrigin(ctx.prisma, q);
        return pipe(
          await listenNow(ctx.live.pubsub.subscribe('event:published')),
          filter((e) => distanceKm(place, e) <= q.radiusKm),
        );
      }),
    resolve: (query, payload, _args, ctx) =>
      ctx.prisma.event.findUniqueOrThrow({ ...nonEmpty(query), where: { id: (payload as { eventId: string }).eventId } }),
  }),
}));
