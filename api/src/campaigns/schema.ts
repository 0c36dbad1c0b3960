import { encodeGlobalID } from '@pothos/plugin-relay';
import { EVENT_APPROVALS } from '@rallypoint/shared';
import { PersonRef } from '../accounts/schema.ts';
import type { Context } from '../context.ts';
import { change } from '../db/change.ts';
import { AuthenticationError, ForbiddenError, NotFoundError } from '../errors.ts';
import { canManageEvent, isCoHost, isRegionalOrganiser, managedWhere, visibleWhere } from '../events/access.ts';
import { EventInput, EventKind, EventRef } from '../events/schema.ts';
import { builder } from '../graphql/builder.ts';
import { RateLimited } from '../security/rate-limits.ts';
import { idOf, nodeId, nonEmpty, WRITE_ERRORS } from '../graphql/common.ts';
import {
  acceptCoHostInvite,
  approvalQueueWhere,
  approveEvent,
  createCampaign,
  updateCampaign,
  hostCampaignEvent,
  invitationByLink,
  inviteCoHost,
  inviteForViewer,
  rejectEvent,
  removeCoHost,
  revokeHostTrust,
  trustedHostsWhere,
  withdrawCoHostInvite,
} from './service.ts';

const EventApproval = builder.enumType('EventApproval', {
  description: "Where a campaign event stands with its region's organisers.",
  values: EVENT_APPROVALS,
});

export const CampaignTemplateRef = builder.prismaNode('CampaignTemplate', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id) => ({ id: nodeId(id) }),
  fields: (t) => ({
    kind: t.expose('kind', { type: EventKind }),
    title: t.exposeString('title'),
    durationMinutes: t.exposeInt('durationMinutes', { description: 'Default length of an event from this template.' }),
    briefing: t.string({
      nullable: true,
      description: "For the campaign region's organisers; others see it on an event they go to or run.",
      select: { campaign: { select: { regionId: true } } },
      resolve: (tpl, _a, ctx) => (isRegionalOrganiser(ctx.viewer, tpl.campaign.regionId) ? tpl.briefing : null),
    }),
  }),
});

builder.prismaObject('CampaignSeat', {
  fields: (t) => ({
    constituency: t.relation('constituency'),
    goal: t.exposeInt('goal', { description: 'Volunteer-shifts wanted in this seat over the campaign.' }),
    eventCount: t.int({
      description: 'Published events of the campaign in this seat.',
      resolve: (s, _a, ctx) =>
        ctx.prisma.event.count({ where: { campaignId: s.campaignId, constituencyCode: s.constituencyCode, status: 'PUBLISHED' } }),
    }),
  }),
});

export const CampaignRef = builder.prismaNode('Campaign', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id) => ({ id: nodeId(id) }),
  fields: (t) => ({
    name: t.exposeString('name'),
    region: t.relation('region'),
    startsAt: t.expose('startsAt', { type: 'DateTime' }),
    endsAt: t.expose('endsAt', { type: 'DateTime' }),
    seats: t.relation('seats', { query: { orderBy: { constituency: { name: 'asc' } } } }),
    templates: t.relation('templates', {
      type: CampaignTemplateRef,
      description: 'Templates members host from (removed ones not included).',
      query: { where: { archivedAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    }),
    events: t.relation('events', {
      type: EventRef,
      description: "The campaign's events you may see (published ones; drafts only for those running them), soonest first.",
      query: (_args, ctx) => ({ where: { AND: [visibleWhere(ctx.viewer), { status: { not: 'CANCELLED' as const } }] }, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], take: 200 }),
    }),
    viewerCanManage: t.boolean({
      description: "Organiser of the campaign's region, or an admin.",
      resolve: (c, _a, ctx) => isRegionalOrganiser(ctx.viewer, c.regionId),
    }),
  }),
});

const TrustedHostRef = builder.prismaObject('TrustedHost', {
  description: "A host whose campaign event the region's organisers approved: publishes in the region's campaigns directly.",
  fields: (t) => ({
    person: t.relation('user', { type: PersonRef }),
    personId: t.id({ select: { userId: true }, resolve: (h) => encodeGlobalID('Person', h.userId), description: 'For revokeHostTrust.' }),
    region: t.relation('region'),
    since: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

export const CoHostInviteRef = builder.prismaNode('CoHostInvite', {
  id: { field: 'id' },
  nullable: true,
  description: 'An invitation to co-host an event, sent to an e-mail address.',
  findUnique: (id, ctx: Context) => ({ id: nodeId(id), event: managedWhere(ctx.viewer) }),
  fields: (t) => ({
    email: t.exposeString('email'),
    accepted: t.boolean({ select: { acceptedAt: true }, resolve: (i) => i.acceptedAt !== null }),
    invitedAt: t.expose('createdAt', { type: 'DateTime' }),
    event: t.relation('event', { type: EventRef }),
  }),
});

const CoHostInvitationRef = builder.objectRef<Awaited<ReturnType<typeof invitationByLink>>>('CoHostInvitation').implement({
  description:
    'An invitation as the holder of its e-mailed link sees it, signed in or not: who invited them to what. Never the invited address.',
  fields: (t) => ({
    id: t.id({ resolve: (i) => encodeGlobalID('CoHostInvite', i.id), description: 'For acceptCoHostInvite.' }),
    invitedBy: t.string({ nullable: true, resolve: (i) => i.invitedBy, description: "The inviter's first name." }),
    eventTitle: t.exposeString('eventTitle'),
    startsAt: t.expose('startsAt', { type: 'DateTime' }),
    endsAt: t.expose('endsAt', { type: 'DateTime' }),
    areaLabel: t.exposeString('areaLabel'),
    accepted: t.exposeBoolean('accepted'),
    forViewer: t.exposeBoolean('forViewer', { description: 'The signed-in account has the invited address (false when signed out).' }),
    eventId: t.id({
      nullable: true,
      resolve: (i) => (i.eventId ? encodeGlobalID('Event', i.eventId) : null),
      description: 'The event, for the account with the invited address only.',
    }),
  }),
});

builder.prismaObjectFields('Event', (t) => ({
  campaign: t.relation('campaign', { type: CampaignRef, nullable: true }),
  approval: t.field({
    type: EventApproval,
    nullable: true,
    description: 'Only for the people running it: PENDING while it waits for the organisers, REJECTED with their reason.',
    select: { approval: true },
    resolve: (e, _a, ctx) => (canManageEvent(ctx.viewer, e) ? e.approval : null),
  }),
  approvalNote: t.string({
    nullable: true,
    description: "The organisers' reason for rejecting it; only for the people running it.",
    select: { approvalNote: true },
    resolve: (e, _a, ctx) => (canManageEvent(ctx.viewer, e) ? e.approvalNote : null),
  }),
  briefing: t.string({
    nullable: true,
    description: "The campaign template's briefing: only for people going and those running the event.",
    select: (_args, ctx) => ({
      template: { select: { briefing: true } },
      ...(ctx.viewer ? { rsvps: { where: { userId: ctx.viewer.id }, take: 1, select: { status: true } } } : {}),
    }),
    resolve: (e, _a, ctx) => {
      if (!e.template) return null;
      const going = (e as { rsvps?: { status: string }[] }).rsvps?.[0]?.status === 'GOING';
      return going || canManageEvent(ctx.viewer, e) ? e.template.briefing : null;
    },
  }),
  viewerIsCoHost: t.boolean({ resolve: (e, _a, ctx) => isCoHost(ctx.viewer, e) }),
  coHosts: t.field({
    type: [PersonRef],
    nullable: true,
    description: 'Only for the people running it.',
    select: (_args, _ctx, nested) => ({ coHosts: { select: { user: nested() }, orderBy: { createdAt: 'asc' as const } } }),
    resolve: (e, _a, ctx) => (canManageEvent(ctx.viewer, e) ? e.coHosts.map((c) => c.user) : null),
  }),
  coHostInvites: t.field({
    type: [CoHostInviteRef],
    nullable: true,
    description: 'Invitations not yet accepted; only for the people running it.',
    select: (_args, _ctx, nested) => ({ coHostInvites: nested({ where: { acceptedAt: null }, orderBy: { createdAt: 'asc' as const } }) }),
    resolve: (e, _a, ctx) => (canManageEvent(ctx.viewer, e) ? e.coHostInvites : null),
  }),
}));

const requireOrganiser = (ctx: Context) => {
  if (!ctx.viewer) throw new AuthenticationError();
  if (ctx.viewer.role === 'MEMBER') throw new ForbiddenError('Only organisers can see this');
};

builder.queryFields((t) => ({
  campaigns: t.prismaField({
    type: [CampaignRef],
    description: 'Campaigns not yet over, soonest first (at most 100).',
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.campaign.findMany({ ...query, where: { endsAt: { gt: new Date() } }, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], take: 100 }),
  }),
  approvalQueue: t.prismaField({
    type: [EventRef],
    errors: { types: [AuthenticationError, ForbiddenError] },
    description: "Campaign events waiting for approval in the viewer's regions (admins: all), oldest first.",
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.event.findMany({ ...nonEmpty(query), where: approvalQueueWhere(ctx.viewer), orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }], take: 100 }),
  }),
  trustedHosts: t.prismaField({
    type: [TrustedHostRef],
    errors: { types: [AuthenticationError, ForbiddenError] },
    description: "Hosts trusted in the viewer's regions (admins: all), newest first.",
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.trustedHost.findMany({ ...query, where: trustedHostsWhere(ctx.viewer), orderBy: [{ createdAt: 'desc' }, { userId: 'asc' }], take: 200 }),
  }),
  managedEvents: t.prismaField({
    type: [EventRef],
    errors: { types: [AuthenticationError] },
    description:
      'Events the viewer runs and that have not ended: hosted or co-hosted, and for organisers those of their regions (at most 100, soonest first).',
    resolve: (query, _root, _args, ctx) => {
      if (!ctx.viewer) throw new AuthenticationError();
      return ctx.prisma.event.findMany({
        ...nonEmpty(query),
        where: { AND: [managedWhere(ctx.viewer), { endsAt: { gt: new Date() } }] },
        orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
        take: 100,
      });
    },
  }),
  campaignSeatOptions: t.prismaField({
    type: ['Constituency'],
    errors: { types: [AuthenticationError, ForbiddenError] },
    description: "A region's marginal and flagged target seats, for its organisers choosing a campaign's seats.",
    args: { regionId: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) => {
      requireOrganiser(ctx);
      return ctx.prisma.constituency.findMany({
        ...nonEmpty(query, 'code'),
        where: {
          regionId: String(args.regionId),
          winner: { not: 'Spk' },
          OR: [{ majorityPct: { lte: ctx.config.marginalThresholdPct } }, { target: { isNot: null } }],
        },
        orderBy: { name: 'asc' },
      });
    },
  }),
  regionSeats: t.prismaField({
    type: ['Constituency'],
    errors: { types: [AuthenticationError, ForbiddenError] },
    description: "Every seat of a region, for its organisers flagging target seats (admins: any region).",
    args: { regionId: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) => {
      requireOrganiser(ctx);
      if (!isRegionalOrganiser(ctx.viewer, String(args.regionId))) throw new ForbiddenError('Only an organiser for this region can see this');
      return ctx.prisma.constituency.findMany({ ...nonEmpty(query, 'code'), where: { regionId: String(args.regionId) }, orderBy: { name: 'asc' } });
    },
  }),
  coHostInvitation: t.field({
    type: CoHostInvitationRef,
    errors: { types: [NotFoundError] },
    description: 'The invitation behind an e-mailed co-host link, for whoever holds the link (its id is the secret).',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => invitationByLink(ctx.prisma, ctx.viewer, idOf(args.id, 'CoHostInvite', 'That invitation')),
  }),
  coHostInvite: t.prismaField({
    type: CoHostInviteRef,
    errors: { types: [AuthenticationError, NotFoundError] },
    description: 'An invitation to the signed-in account (its address), for it to accept.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const invite = await inviteForViewer(ctx.prisma, ctx.viewer, idOf(args.id, 'CoHostInvite', 'That invitation'));
      return ctx.prisma.coHostInvite.findUniqueOrThrow({ ...query, where: { id: invite.id } });
    },
  }),
}));

const CampaignSeatInput = builder.inputType('CampaignSeatInput', {
  fields: (t) => ({
    constituencyCode: t.string({ required: true }),
    goal: t.int({ required: true, description: 'Volunteer-shifts wanted, at least 1.' }),
  }),
});

const CampaignTemplateInput = builder.inputType('CampaignTemplateInput', {
  fields: (t) => ({
    kind: t.field({ type: EventKind, required: true }),
    title: t.string({ required: true }),
    durationMinutes: t.int({ required: true }),
    briefing: t.string({ required: true, description: 'Shown to people going to events from this template.' }),
  }),
});

const CampaignInput = builder.inputType('CampaignInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    regionId: t.id({ required: true }),
    startsAt: t.field({ type: 'DateTime', required: true }),
    endsAt: t.field({ type: 'DateTime', required: true }),
    seats: t.field({ type: [CampaignSeatInput], required: true }),
    templates: t.field({ type: [CampaignTemplateInput] }),
  }),
});

const CampaignTemplateUpdateInput = builder.inputType('CampaignTemplateUpdateInput', {
  fields: (t) => ({
    id: t.id({ description: 'A template of the campaign to change; none to add one.' }),
    kind: t.field({ type: EventKind, required: true }),
    title: t.string({ required: true }),
    durationMinutes: t.int({ required: true }),
    briefing: t.string({ required: true }),
  }),
});

const CampaignUpdateInput = builder.inputType('CampaignUpdateInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    startsAt: t.field({ type: 'DateTime', required: true }),
    endsAt: t.field({ type: 'DateTime', required: true }),
    seats: t.field({ type: [CampaignSeatInput], required: true }),
    templates: t.field({
      type: [CampaignTemplateUpdateInput],
      required: true,
      description: 'The whole new list: templates left out are removed (kept by events made from them).',
    }),
  }),
});

builder.mutationFields((t) => ({
  updateCampaign: t.prismaField({
    type: CampaignRef,
    errors: { types: WRITE_ERRORS },
    description:
      "Edit a campaign (not its region), by that region's organisers or an admin. A window leaving any of its events outside is refused, naming them.",
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: CampaignUpdateInput, required: true }) },
    resolve: (query, _root, args, ctx) =>
      change(ctx, 'updateCampaign', async (tx) => {
        const id = idOf(args.id, 'Campaign', 'That campaign');
        const campaign = await updateCampaign(tx, ctx.viewer, id, args.input, ctx.config.marginalThresholdPct);
        return tx.campaign.findUniqueOrThrow({ ...query, where: { id: campaign.id } });
      }),
  }),
  createCampaign: t.prismaField({
    type: CampaignRef,
    errors: { types: WRITE_ERRORS },
    description: "A campaign in a region, by that region's organisers or an admin.",
    args: { input: t.arg({ type: CampaignInput, required: true }) },
    resolve: (query, _root, args, ctx) =>
      change(ctx, 'createCampaign', async (tx) => {
        const campaign = await createCampaign(tx, ctx.viewer, { ...args.input, regionId: String(args.input.regionId) }, ctx.config.marginalThresholdPct);
        return tx.campaign.findUniqueOrThrow({ ...query, where: { id: campaign.id } });
      }),
  }),
  hostCampaignEvent: t.prismaField({
    type: EventRef,
    errors: { types: WRITE_ERRORS },
    description:
      "Host an event in a campaign from one of its templates (the template's kind). With publish, a first-time host's event waits for the region's organisers (approval PENDING); trusted hosts and organisers publish at once.",
    args: {
      templateId: t.arg.id({ required: true }),
      input: t.arg({ type: EventInput, required: true }),
      publish: t.arg.boolean({ defaultValue: true }),
    },
    resolve: (query, _root, args, ctx) =>
      change(ctx, 'hostCampaignEvent', async (tx) => {
        const event = await hostCampaignEvent(tx, ctx.viewer, idOf(args.templateId, 'CampaignTemplate', 'That template'), args.input, args.publish ?? true);
        return tx.event.findUniqueOrThrow({ ...nonEmpty(query), where: { id: event.id } });
      }),
  }),
  approveEvent: t.prismaField({
    type: EventRef,
    errors: { types: WRITE_ERRORS },
    description: "Publish a campaign event waiting for approval; its host is trusted in the region from now on and told by e-mail.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) =>
      change(ctx, 'approveEvent', async (tx) => {
        const event = await approveEvent(tx, ctx.viewer, idOf(args.id, 'Event', 'That event'));
        return tx.event.findUniqueOrThrow({ ...nonEmpty(query), where: { id: event.id } });
      }),
  }),
  rejectEvent: t.prismaField({
    type: EventRef,
    errors: { types: WRITE_ERRORS },
    description: 'Turn down a campaign event waiting for approval, with a reason the host sees (and is e-mailed).',
    args: { id: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    resolve: (query, _root, args, ctx) =>
      change(ctx, 'rejectEvent', async (tx) => {
        const event = await rejectEvent(tx, ctx.viewer, idOf(args.id, 'Event', 'That event'), args.reason);
        return tx.event.findUniqueOrThrow({ ...nonEmpty(query), where: { id: event.id } });
      }),
  }),
  revokeHostTrust: t.boolean({
    errors: { types: WRITE_ERRORS },
    description: "Take back a host's trust in a region: their next campaign events there wait for approval again.",
    args: { personId: t.arg.id({ required: true }), regionId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) =>
      change(ctx, 'revokeHostTrust', (tx) =>
        revokeHostTrust(tx, ctx.viewer, idOf(args.personId, 'Person', 'That person'), String(args.regionId)),
      ),
  }),
  inviteCoHost: t.prismaField({
    type: CoHostInviteRef,
    errors: { types: WRITE_ERRORS },
    description:
      'Invite an e-mail address to co-host an event (the people running it may). The answer never says whether the address has an account.',
    args: { eventId: t.arg.id({ required: true }), email: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      // Each invitation may e-mail an address of the inviter's choosing: refusals are HTTP 429, outside the union.
      if (ctx.viewer) await ctx.limits.coHostInvite(ctx.viewer.id).catch((e) => Promise.reject(e instanceof RateLimited ? e.toGraphQL() : e));
      return change(ctx, 'inviteCoHost', async (tx) => {
        const invite = await inviteCoHost(tx, ctx.viewer, idOf(args.eventId, 'Event', 'That event'), args.email);
        return tx.coHostInvite.findUniqueOrThrow({ ...query, where: { id: invite.id } });
      });
    },
  }),
  acceptCoHostInvite: t.prismaField({
    type: EventRef,
    errors: { types: WRITE_ERRORS },
    description: 'Accept an invitation sent to your address: you co-host the event.',
    args: { inviteId: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) =>
      change(ctx, 'acceptCoHostInvite', async (tx) => {
        const event = await acceptCoHostInvite(tx, ctx.viewer, idOf(args.inviteId, 'CoHostInvite', 'That invitation'));
        return tx.event.findUniqueOrThrow({ ...nonEmpty(query), where: { id: event.id } });
      }),
  }),
  removeCoHost: t.prismaField({
    type: EventRef,
    errors: { types: WRITE_ERRORS },
    description: 'Remove a co-host (the people running the event), or step down as one.',
    args: { eventId: t.arg.id({ required: true }), personId: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) =>
      change(ctx, 'removeCoHost', async (tx) => {
        const event = await removeCoHost(tx, ctx.viewer, idOf(args.eventId, 'Event', 'That event'), idOf(args.personId, 'Person', 'That person'));
        return tx.event.findUniqueOrThrow({ ...nonEmpty(query), where: { id: event.id } });
      }),
  }),
  withdrawCoHostInvite: t.prismaField({
    type: EventRef,
    errors: { types: WRITE_ERRORS },
    args: { inviteId: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) =>
      change(ctx, 'withdrawCoHostInvite', async (tx) => {
        const event = await withdrawCoHostInvite(tx, ctx.viewer, idOf(args.inviteId, 'CoHostInvite', 'That invitation'));
        return tx.event.findUniqueOrThrow({ ...nonEmpty(query), where: { id: event.id } });
      }),
  }),
}));

