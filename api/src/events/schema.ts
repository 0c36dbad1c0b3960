import { queryFromInfo } from '@pothos/plugin-prisma';
import type { PageInfoShape } from '@pothos/plugin-relay';
import type { Event } from '@rallypoint/prisma';
import {
  ADDRESS_VISIBILITIES,
  type AddressVisibility as AddressVisibilityValue,
  canSeeExactAddress,
  DISCOVERY_SORTS,
  EVENT_KINDS,
  EVENT_STATUSES,
  EVENT_VISIBILITIES,
  LIMITS,
  placesLeft,
  VENUE_ACCESS,
} from '@rallypoint/shared';
import { PersonRef } from '../accounts/schema.ts';
import type { Context } from '../context.ts';
import { change } from '../db/change.ts';
import { NO_ID } from '../db/ids.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { builder } from '../graphql/builder.ts';
import { idOf, LatLngInput, LatLngRef, nodeId, nonEmpty, WRITE_ERRORS } from '../graphql/common.ts';
import { PlaceRef } from '../places/schema.ts';
import { BOOKED } from '../rsvps/booked.ts';
import { RsvpRef } from '../rsvps/schema.ts';
import { ShiftInput } from '../shifts/schema.ts';
import { canEditEvent, canManageEvent, managedWhere, visibleWhere } from './access.ts';
import { EVENT_COLUMNS } from './columns.ts';
import { placesQueue } from './lock.ts';
import {
  cancelEvent,
  createEvent,
  eventsInBox,
  eventsNear,
  findVisibleEvent,
  onlineEvents,
  publishEvent,
  type SearchHit,
  type SearchResult,
  unpublishEvent,
  updateEvent,
} from './service.ts';

export const EventKind = builder.enumType('EventKind', { values: EVENT_KINDS });
export const EventStatus = builder.enumType('EventStatus', { values: EVENT_STATUSES });
const EventVisibility = builder.enumType('EventVisibility', { values: EVENT_VISIBILITIES });
const ADDRESS_VISIBILITY_MEANING: Record<AddressVisibilityValue, string> = {
  PUBLIC: 'Everyone sees the address.',
  ATTENDEES: 'Only people who RSVP see the address; others see the area (~1 km).',
};
const AddressVisibility = builder.enumType('AddressVisibility', {
  values: Object.fromEntries(ADDRESS_VISIBILITIES.map((v) => [v, { description: ADDRESS_VISIBILITY_MEANING[v] }])) as Record<
    AddressVisibilityValue,
    { description: string }
  >,
});
const EventSort = builder.enumType('EventSort', { values: DISCOVERY_SORTS });
const VenueAccess = builder.enumType('VenueAccess', { values: VENUE_ACCESS });

export const EventRef = builder.prismaNode('Event', {
  id: { field: 'id' },
  nullable: true,
  // A field that declares a selection is checked against the row it gets, for every row: that was most of a discovery
  // page's cost. So the small columns always load, and their fields (below the type) read them as they are.
  select: EVENT_COLUMNS,
  // Node lookups follow the same rule as `event`: drafts only for the people running them.
  findUnique: (id, ctx: Context) => ({ ...visibleWhere(ctx.viewer), id: nodeId(id) }),
  fields: (t) => {
    const viewerRsvp = {
      // Anonymous visitors have no RSVP: no join for them (most discovery traffic).
      select: (_args: object, ctx: Context) => (ctx.viewer ? { rsvps: { where: { userId: ctx.viewer.id }, orderBy: { status: 'asc' as const }, take: 1 } } : {}),
    };
    const addressShown = (
      e: { addressVisibility: 'PUBLIC' | 'ATTENDEES'; organiserId: string; regionId: string; rsvps?: { status: 'GOING' | 'WAITLISTED' | 'CANCELLED' }[] },
      ctx: Context,
    ) =>
      canSeeExactAddress({
        addressVisibility: e.addressVisibility,
        viewerManagesEvent: canManageEvent(ctx.viewer, e),
        viewerRsvpStatus: e.rsvps?.[0]?.status,
      });
    return {
      description: t.exposeString('description'),
      address: t.string({
        nullable: true,
        description: 'Null when the organiser shows the address to attendees only and you have not RSVPed.',
        select: (args, ctx) => ({ ...viewerRsvp.select(args, ctx), address: true }),
        resolve: (e, _a, ctx) => (!e.online && addressShown(e, ctx) ? e.address : null),
      }),
      postcode: t.string({
        nullable: true,
        select: (args, ctx) => ({ ...viewerRsvp.select(args, ctx), postcode: true }),
        resolve: (e, _a, ctx) => (addressShown(e, ctx) ? e.postcode : null),
      }),
      venueName: t.string({
        nullable: true,
        description: 'Null when the organiser shows the address to attendees only and you have not RSVPed (use areaLabel).',
        ...viewerRsvp,
        resolve: (e, _a, ctx) => (addressShown(e, ctx) ? e.venueName : null),
      }),
      addressHidden: t.boolean({ ...viewerRsvp, resolve: (e, _a, ctx) => !addressShown(e, ctx) }),
      joinUrl: t.string({
        nullable: true,
        description: 'An online event\'s link: only for members going and the people running it.',
        select: (args, ctx) => ({ ...viewerRsvp.select(args, ctx), joinUrl: true }),
        resolve: (e, _a, ctx) =>
          e.online && (canManageEvent(ctx.viewer, e) || e.rsvps?.[0]?.status === 'GOING') ? e.joinUrl : null,
      }),
      hasJoinUrl: t.boolean({
        description: 'The organisers have given an online event its link (shown to members going).',
        select: { joinUrl: true },
        resolve: (e) => e.online && !!e.joinUrl,
      }),
      location: t.field({
        type: LatLngRef,
        description: 'Exact when you may see the address; otherwise the centre of its ~1 km square.',
        ...viewerRsvp,
        resolve: (e, _a, ctx) => (addressShown(e, ctx) ? { lat: e.exactLat, lng: e.exactLng } : { lat: e.lat, lng: e.lng }),
      }),
      region: t.relation('region'),
      constituency: t.relation('constituency', { nullable: true }),
      placesLeft: t.int({ nullable: true, resolve: (e) => placesLeft(e) }),
      waitlistCount: t.relationCount('rsvps', { where: { status: 'WAITLISTED' } }),
      organiser: t.relation('organiser', { type: PersonRef }),
      viewerCanEdit: t.boolean({ resolve: (e, _a, ctx) => canEditEvent(ctx.viewer, e) }),
      viewerCanManage: t.boolean({
        description: 'Organiser, regional organiser or admin: may see attendees, unpublish and cancel.',
        resolve: (e, _a, ctx) => canManageEvent(ctx.viewer, e),
      }),
      myRsvp: t.field({
        type: RsvpRef,
        nullable: true,
        // With shifts a member may have several bookings: a live one first (GOING, then WAITLISTED).
        select: (_args, ctx, nested) => ({ rsvps: nested({ where: { userId: ctx.viewer?.id ?? NO_ID }, orderBy: { status: 'asc' as const }, take: 1 }) }),
        resolve: (e) => e.rsvps[0] ?? null,
      }),
      icsUrl: t.string({ resolve: (e, _a, ctx) => `${ctx.config.publicUrl}/calendar/events/${e.id}.ics` }),
      attendees: t.field({
        type: [RsvpRef],
        nullable: true,
        description: 'Live RSVPs in arrival order; only for the people running the event.',
        // Loaded with the events (one query for a whole list of them), only those the viewer runs; nothing for visitors.
        select: (_args, ctx, nested) =>
          ctx.viewer
            ? { rsvps: nested({ where: { status: BOOKED, event: managedWhere(ctx.viewer) }, orderBy: { seq: 'asc' as const } }) }
            : {},
        resolve: (e, _a, ctx) => (canManageEvent(ctx.viewer, e) ? e.rsvps : null),
      }),
    };
  },
});

// The type's own columns (EVENT_COLUMNS), exposed by the core field builder: fields with no resolver of their own, which
// compiled queries read as plain properties.
builder.objectFields(EventRef, (t) => ({
  kind: t.expose('kind', { type: EventKind }),
  title: t.exposeString('title'),
  startsAt: t.expose('startsAt', { type: 'DateTime' }),
  endsAt: t.expose('endsAt', { type: 'DateTime' }),
  areaLabel: t.exposeString('areaLabel', { description: 'Postcode district, e.g. "LS6".' }),
  capacity: t.exposeInt('capacity', { nullable: true }),
  goingCount: t.exposeInt('goingCount', { description: 'Places taken (members going plus their guests).' }),
  status: t.expose('status', { type: EventStatus }),
  visibility: t.expose('visibility', { type: EventVisibility }),
  addressVisibility: t.expose('addressVisibility', { type: AddressVisibility }),
  online: t.exposeBoolean('online', { description: 'No venue: joined by a link (see joinUrl).' }),
  stepFree: t.exposeBoolean('stepFree', { description: 'Step-free access to the venue.' }),
  accessibleToilet: t.exposeBoolean('accessibleToilet'),
  hearingLoop: t.exposeBoolean('hearingLoop'),
  quietSpace: t.exposeBoolean('quietSpace'),
}));

// ------------------------------------------------------------------------------------------- discovery

type NearEdge = SearchHit & { node: Event };
type NearPage = { edges: NearEdge[]; pageInfo: PageInfoShape; origin: SearchResult['origin'] };

const EventsNearConnection = builder.connectionObject(
  {
    type: EventRef,
    name: 'EventsNearConnection',
    edgesNullable: false,
    fields: (t) => ({ origin: t.field({ type: PlaceRef, resolve: (page) => (page as unknown as NearPage).origin }) }),
  },
  {
    name: 'EventsNearEdge',
    fields: (t) => ({
      distanceKm: t.float({
        description: 'From the searched place to the event, in km.',
        resolve: (edge) => (edge as unknown as NearEdge).distanceKm,
      }),
    }),
  },
);

const EventsNearInput = builder.inputType('EventsNearInput', {
  fields: (t) => ({
    postcode: t.string({ description: 'A postcode or outcode.' }),
    location: t.field({ type: LatLngInput }),
    radiusKm: t.float({ defaultValue: 25 }),
    from: t.field({ type: 'DateTime', description: 'Default: now.' }),
    to: t.field({ type: 'DateTime' }),
    kinds: t.field({ type: [EventKind] }),
    text: t.string(),
    sort: t.field({ type: EventSort, defaultValue: 'DISTANCE' }),
    access: t.field({ type: [VenueAccess], description: 'Only venues with every one of these.' }),
    hasLiftSeats: t.boolean({ description: 'Only events with open lift offers that have a seat free.' }),
    hideFull: t.boolean({ description: 'Leave out events with no places left.' }),
  }),
});

const OnlineEventsInput = builder.inputType('OnlineEventsInput', {
  fields: (t) => ({
    regionId: t.string({ description: 'Only online events run in this region.' }),
    from: t.field({ type: 'DateTime', description: 'Default: now.' }),
    to: t.field({ type: 'DateTime' }),
    kinds: t.field({ type: [EventKind] }),
    text: t.string(),
    hideFull: t.boolean({ description: 'Leave out events with no places left.' }),
  }),
});

const OnlineEventsConnection = builder.connectionObject({ type: EventRef, name: 'OnlineEventsConnection', edgesNullable: false });

const BoundingBoxInput = builder.inputType('BoundingBoxInput', {
  fields: (t) => ({
    west: t.float({ required: true }),
    south: t.float({ required: true }),
    east: t.float({ required: true }),
    north: t.float({ required: true }),
  }),
});

export const EventInput = builder.inputType('EventInput', {
  fields: (t) => ({
    kind: t.field({ type: EventKind, required: true }),
    title: t.string({ required: true }),
    description: t.string(),
    startsAt: t.field({ type: 'DateTime', required: true }),
    endsAt: t.field({ type: 'DateTime', required: true }),
    venueName: t.string({ description: 'Required in person.' }),
    address: t.string({ description: 'Required in person.' }),
    postcode: t.string({ description: 'Full postcode or outcode of the venue; required in person.' }),
    location: t.field({ type: LatLngInput, description: 'Exact venue pin; default: the postcode district centre.' }),
    capacity: t.int({ description: 'Places in all (members plus guests); empty for no limit.' }),
    constituencyCode: t.string({ description: 'Target seat of a canvass.' }),
    visibility: t.field({ type: EventVisibility }),
    addressVisibility: t.field({ type: AddressVisibility }),
    online: t.boolean({ description: 'Held online: no venue, address or postcode; give regionId (or a seat) and joinUrl.' }),
    joinUrl: t.string({ description: 'https link to join an online event, shown only to people going.' }),
    regionId: t.string({ description: 'The region an online event belongs to (default: its seat\'s).' }),
    stepFree: t.boolean(),
    accessibleToilet: t.boolean(),
    hearingLoop: t.boolean(),
    quietSpace: t.boolean(),
    shifts: t.field({
      type: [ShiftInput],
      description: 'The whole list of shifts (booked separately, each with its places); omitted: unchanged. With shifts, leave capacity empty.',
    }),
    repeat: t.string({ description: 'On create only: an RRULE value with COUNT or UNTIL, e.g. FREQ=WEEKLY;BYDAY=TH;COUNT=6.' }),
  }),
});

/** Loads events by id in the order given, with the nested selection of the query. */
async function loadInOrder(ctx: Context, ids: string[], query: object) {
  const rows = await ctx.prisma.event.findMany({ ...nonEmpty(query), where: { id: { in: ids } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
}

builder.queryFields((t) => ({
  event: t.prismaField({
    type: EventRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      try {
        const event = await findVisibleEvent(ctx.prisma, ctx.viewer, idOf(args.id, 'Event'));
        return ctx.prisma.event.findUnique({ ...nonEmpty(query), where: { id: event.id } });
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    },
  }),
  eventsNear: t.field({
    type: EventsNearConnection,
    errors: { types: [ValidationError], directResult: true },
    description: 'Published events near a postcode, outcode or point, nearest (or soonest) first.',
    args: {
      input: t.arg({ type: EventsNearInput, required: true }),
      first: t.arg.int({ defaultValue: 20, description: `Page size, 1 to ${LIMITS.pageSizeMax}.` }),
      after: t.arg.string({ description: 'The endCursor of the previous page.' }),
    },
    resolve: async (_root, { input, first, after }, ctx, info) => {
      const result = await eventsNear(ctx.prisma, { ...input, first: first ?? undefined }, after);
      const query = queryFromInfo({ context: ctx, info, typeName: 'Event', path: ['edges', 'node'] });
      const nodes = await loadInOrder(ctx, result.hits.map((h) => h.id), query);
      const byId = new Map(nodes.map((n) => [n.id, n]));
      const edges = result.hits.flatMap((h) => {
        const node = byId.get(h.id);
        return node ? [{ ...h, node }] : [];
      });
      const page: NearPage = {
        origin: result.origin,
        edges,
        pageInfo: {
          hasNextPage: result.hasNextPage,
          // A cursor came from an earlier page: there was one before this.
          hasPreviousPage: after != null,
          startCursor: result.hits[0]?.cursor ?? null,
          endCursor: result.hits.at(-1)?.cursor ?? null,
        },
      };
      return page;
    },
  }),
  eventsInBox: t.prismaField({
    type: [EventRef],
    errors: { types: [ValidationError] },
    description: 'Published events inside a map viewport (at most 1,000, soonest first).',
    args: {
      box: t.arg({ type: BoundingBoxInput, required: true }),
      from: t.arg({ type: 'DateTime' }),
      to: t.arg({ type: 'DateTime' }),
      kinds: t.arg({ type: [EventKind] }),
      access: t.arg({ type: [VenueAccess] }),
      hasLiftSeats: t.arg.boolean(),
      hideFull: t.arg.boolean(),
    },
    resolve: async (query, _root, args, ctx) => {
      const ids = await eventsInBox(ctx.prisma, args.box, args);
      return loadInOrder(ctx, ids, query);
    },
  }),
  onlineEvents: t.field({
    type: OnlineEventsConnection,
    errors: { types: [ValidationError], directResult: true },
    description: 'Published online events, soonest first (they are not anywhere, so not ranked by distance).',
    args: {
      input: t.arg({ type: OnlineEventsInput, required: true }),
      first: t.arg.int({ defaultValue: 20, description: `Page size, 1 to ${LIMITS.pageSizeMax}.` }),
      after: t.arg.string({ description: 'The endCursor of the previous page.' }),
    },
    resolve: async (_root, { input, first, after }, ctx, info) => {
      const result = await onlineEvents(ctx.prisma, { ...input, first: first ?? undefined }, after);
      const query = queryFromInfo({ context: ctx, info, typeName: 'Event', path: ['edges', 'node'] });
      const nodes = await loadInOrder(ctx, result.hits.map((h) => h.id), query);
      const byId = new Map(nodes.map((n) => [n.id, n]));
      return {
        edges: result.hits.flatMap((h) => {
          const node = byId.get(h.id);
          return node ? [{ cursor: h.cursor, node }] : [];
        }),
        pageInfo: {
          hasNextPage: result.hasNextPage,
          hasPreviousPage: after != null,
          startCursor: result.hits[0]?.cursor ?? null,
          endCursor: result.hits.at(-1)?.cursor ?? null,
        },
      };
    },
  }),
}));

builder.mutationFields((t) => ({
  createEvent: t.prismaField({
    type: EventRef,
    errors: { types: WRITE_ERRORS },
    args: { input: t.arg({ type: EventInput, required: true }), publish: t.arg.boolean({ defaultValue: true }) },
    resolve: (query, _root, args, ctx) =>
      change(ctx, 'createEvent', async (tx) => {
        const event = await createEvent(tx, ctx.viewer, args.input, args.publish ?? true);
        return tx.event.findUniqueOrThrow({ ...nonEmpty(query), where: { id: event.id } });
      }),
  }),
  updateEvent: t.prismaField({
    type: EventRef,
    errors: { types: WRITE_ERRORS },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: EventInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const id = idOf(args.id, 'Event', 'That event');
      return change(
        ctx,
        'updateEvent',
        async (tx) => {
          const event = await updateEvent(tx, ctx.viewer, id, args.input);
          return tx.event.findUniqueOrThrow({ ...nonEmpty(query), where: { id: event.id } });
        },
        { queueKey: placesQueue(id) },
      );
    },
  }),
  ...Object.fromEntries(
    (
      [
        ['publishEvent', publishEvent],
        ['unpublishEvent', unpublishEvent],
        ['cancelEvent', cancelEvent],
      ] as const
    ).map(([name, action]) => [
      name,
      t.prismaField({
        type: EventRef,
        errors: { types: WRITE_ERRORS },
        args: { id: t.arg.id({ required: true }) },
        resolve: (query, _root, args, ctx) =>
          change(ctx, name, async (tx) => {
            const event = await action(tx, ctx.viewer, idOf(args.id, 'Event', 'That event'));
            return tx.event.findUniqueOrThrow({ ...nonEmpty(query), where: { id: event.id } });
          }),
      }),
    ]),
  ),
}));
