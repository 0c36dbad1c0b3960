import type { Campaign, CoHostInvite, Event, Prisma } from '@rallypoint/prisma';
import { campaignSchema, campaignUpdateSchema, emailSchema, formatDayTime, isMarginal, rejectionSchema } from '@rallypoint/shared';
import { requireVerified } from '../accounts/verified.ts';
import type { Viewer } from '../context.ts';
import type { DbOrTx, Tx } from '../db/change.ts';
import { NO_ID } from '../db/ids.ts';
import { AuthenticationError, ForbiddenError, isUuid, NotFoundError, parseWith, ValidationError } from '../errors.ts';
import { idOf } from '../graphql/common.ts';
import { canManageEvent, isRegionalOrganiser, isVisible } from '../events/access.ts';
import { announcePublished, createEvent, findVisibleEvent, publishEvent } from '../events/service.ts';
import { queueMail } from '../jobs/queue.ts';
import { announce, eventChanged } from '../outbox/outbox.ts';
import { afterEventPublished } from '../rsvps/notices.ts';
import { checkCampaignFit } from './approval.ts';

/** Campaigns, the approval queue and host trust are for organisers of the region and admins. */
function requireRegionalOrganiser(viewer: Viewer | null, regionId: string, what: string): Viewer {
  if (!viewer) throw new AuthenticationError();
  if (!isRegionalOrganiser(viewer, regionId)) throw new ForbiddenError(`Only an organiser for this region can ${what}`);
  return viewer;
}

/** The seats must be in the campaign's region and marginal or flagged as targets. */
async function checkSeats(
  tx: Tx,
  region: { id: string; name: string },
  seats: readonly { constituencyCode: string }[],
  marginalThresholdPct: number,
): Promise<void> {
  const found = await tx.constituency.findMany({
    where: { code: { in: seats.map((s) => s.constituencyCode) } },
    select: { code: true, name: true, regionId: true, winner: true, majorityPct: true, target: { select: { constituencyCode: true } } },
  });
  const byCode = new Map(found.map((s) => [s.code, s]));
  seats.forEach((s, i) => {
    const seat = byCode.get(s.constituencyCode);
    const path = ['input', 'seats', String(i), 'constituencyCode'];
    if (!seat) throw ValidationError.field(path, 'Unknown constituency');
    if (seat.regionId !== region.id) throw ValidationError.field(path, `${seat.name} is not in ${region.name}`);
    if (!isMarginal(seat, marginalThresholdPct, seat.target !== null)) {
      throw ValidationError.field(path, `${seat.name} is neither marginal nor flagged as a target seat`);
    }
  });
}

/** A region's organisers (or an admin) set up a campaign: its window, target seats with goals, and templates. */
export async function createCampaign(tx: Tx, viewer: Viewer | null, input: unknown, marginalThresholdPct: number): Promise<Campaign> {
  if (!viewer) throw new AuthenticationError();
  if (viewer.role === 'MEMBER') throw new ForbiddenError('Only organisers can create campaigns');
  const data = parseWith(campaignSchema, input, ['input']);
  const region = await tx.region.findUnique({ where: { id: data.regionId } });
  if (!region) throw ValidationError.field(['input', 'regionId'], 'Unknown region');
  requireRegionalOrganiser(viewer, region.id, 'create a campaign there');
  await checkSeats(tx, region, data.seats, marginalThresholdPct);
  return tx.campaign.create({
    data: {
      name: data.name,
      regionId: region.id,
      startsAt: data.startsAt,
      endsAt: data.endsAt,
      createdById: viewer.id,
      seats: { create: data.seats.map((s) => ({ constituencyCode: s.constituencyCode, goal: s.goal })) },
      templates: { create: data.templates },
    },
  });
}

/**
 * The region's organisers (or an admin) edit a campaign: name, window, seats with goals, templates (the whole new
 * list). Refused, changing nothing: a window leaving any of its events outside it (named), seats outside the region,
 * a template id not of this campaign. A removed template events were made from is archived, so they keep its briefing.
 * The coverage board's watchers read it again.
 */
export async function updateCampaign(tx: Tx, viewer: Viewer | null, campaignId: string, input: unknown, marginalThresholdPct: number): Promise<Campaign> {
  if (!viewer) throw new AuthenticationError();
  // Locked: events hosted meanwhile are checked against the window this edit leaves.
  const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM campaigns WHERE id = ${campaignId}::uuid FOR UPDATE`;
  const campaign = locked ? await tx.campaign.findUnique({ where: { id: campaignId }, include: { region: true } }) : null;
  if (!campaign) throw new NotFoundError('That campaign');
  if (viewer.role === 'MEMBER') throw new ForbiddenError('Only organisers can edit campaigns');
  requireRegionalOrganiser(viewer, campaign.regionId, 'edit this campaign');
  const data = parseWith(campaignUpdateSchema, input, ['input']);
  const outside = await tx.event.findMany({
    where: { campaignId, status: { not: 'CANCELLED' }, OR: [{ startsAt: { lt: data.startsAt } }, { endsAt: { gt: data.endsAt } }] },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    select: { title: true, startsAt: true },
    take: 4,
  });
  if (outside.length > 0) {
    const named = outside.slice(0, 3).map((e) => `${e.title} (${formatDayTime(e.startsAt)})`).join(', ');
    const more = outside.length > 3 ? ' and others' : '';
    throw ValidationError.field(['input', 'startsAt'], `These events would fall outside the new dates: ${named}${more}. Move or cancel them first`);
  }
  await checkSeats(tx, campaign.region, data.seats, marginalThresholdPct);
  const existing = await tx.campaignTemplate.findMany({ where: { campaignId, archivedAt: null }, select: { id: true } });
  const ours = new Set(existing.map((t) => t.id));
  const ids = data.templates.map((t, i) => {
    if (t.id == null) return null;
    const id = isUuid(t.id) ? t.id : idOf(t.id, 'CampaignTemplate', 'That template');
    if (!ours.has(id)) throw ValidationError.field(['input', 'templates', String(i), 'id'], 'That template is not one of this campaign’s');
    return id;
  });
  const kept = new Set(ids.filter((id): id is string => id !== null));
  for (const { id } of existing.filter((t) => !kept.has(t.id))) {
    const used = await tx.event.count({ where: { templateId: id } });
    if (used > 0) await tx.campaignTemplate.update({ where: { id }, data: { archivedAt: new Date() } });
    else await tx.campaignTemplate.delete({ where: { id } });
  }
  for (const [i, t] of data.templates.entries()) {
    const fields = { kind: t.kind, title: t.title, durationMinutes: t.durationMinutes, briefing: t.briefing };
    const id = ids[i];
    if (id) await tx.campaignTemplate.update({ where: { id }, data: fields });
    // Spaced by a millisecond: templates are listed in the order given.
    else await tx.campaignTemplate.create({ data: { ...fields, campaignId, createdAt: new Date(Date.now() + i) } });
  }
  await tx.campaignSeat.deleteMany({ where: { campaignId, constituencyCode: { notIn: data.seats.map((s) => s.constituencyCode) } } });
  for (const s of data.seats) {
    await tx.campaignSeat.upsert({
      where: { campaignId_constituencyCode: { campaignId, constituencyCode: s.constituencyCode } },
      create: { campaignId, constituencyCode: s.constituencyCode, goal: s.goal },
      update: { goal: s.goal },
    });
  }
  const updated = await tx.campaign.update({ where: { id: campaignId }, data: { name: data.name, startsAt: data.startsAt, endsAt: data.endsAt } });
  await announce(tx, { topic: 'campaign:coverage', payload: { campaignId } });
  return updated;
}

/**
 * A member hosts an event in a campaign from one of its templates (its kind; the briefing goes to those going). Saved
 * as a draft, or submitted: published at once by trusted hosts and organisers, else queued for approval.
 */
export async function hostCampaignEvent(tx: Tx, viewer: Viewer | null, templateId: string, input: unknown, publish: boolean): Promise<Event> {
  if (!viewer) throw new AuthenticationError('Sign in to host an event');
  const template = await tx.campaignTemplate.findUnique({ where: { id: templateId } });
  if (!template) throw new NotFoundError('That template');
  if (template.archivedAt) throw ValidationError.field(['templateId'], 'That template was removed from the campaign');
  const fields = { ...(input as Record<string, unknown>), kind: template.kind, repeat: null };
  const created = await createEvent(tx, viewer, fields, false);
  await checkCampaignFit(tx, template.campaignId, created, ['input']);
  await tx.event.update({ where: { id: created.id }, data: { campaignId: template.campaignId, templateId: template.id } });
  return publish ? publishEvent(tx, viewer, created.id) : tx.event.findUniqueOrThrow({ where: { id: created.id } });
}

/** A campaign event waiting for approval, for an organiser of its campaign's region to decide on. */
async function pendingEvent(tx: Tx, viewer: Viewer | null, eventId: string) {
  if (!viewer) throw new AuthenticationError();
  const event = await tx.event.findUnique({ where: { id: eventId }, include: { campaign: { select: { regionId: true } } } });
  if (!event || !isVisible(viewer, event)) throw new NotFoundError('That event');
  if (!event.campaign || !isRegionalOrganiser(viewer, event.campaign.regionId)) {
    throw new ForbiddenError("Only an organiser for the campaign's region can approve its events");
  }
  if (event.approval !== 'PENDING' || event.status !== 'DRAFT') throw ValidationError.field([], 'This event is not waiting for approval');
  return { ...event, campaign: event.campaign };
}

/** Approve: the event goes live, its host is trusted in the region from now on, and is told by e-mail. */
export async function approveEvent(tx: Tx, viewer: Viewer | null, eventId: string): Promise<Event> {
  const event = await pendingEvent(tx, viewer, eventId);
  if (event.endsAt.getTime() <= Date.now()) throw ValidationError.field([], 'This event is already over');
  const reviewedAt = new Date();
  const published = await tx.event.update({
    where: { id: eventId },
    data: { status: 'PUBLISHED', publishedAt: reviewedAt, approval: 'APPROVED', approvalNote: null, reviewedAt },
  });
  await tx.trustedHost.upsert({
    where: { userId_regionId: { userId: event.organiserId, regionId: event.campaign.regionId } },
    create: { userId: event.organiserId, regionId: event.campaign.regionId },
    update: {},
  });
  await eventChanged(tx, eventId);
  await announcePublished(tx, published);
  await afterEventPublished(tx, published);
  await queueMail(tx, { key: `event-approved:${eventId}:${reviewedAt.getTime()}`, template: 'event-approved', userId: event.organiserId, params: { eventId } });
  return published;
}

/** Reject with a reason: the event stays a draft the host can change and submit again; the host is told. */
export async function rejectEvent(tx: Tx, viewer: Viewer | null, eventId: string, reason: unknown): Promise<Event> {
  await pendingEvent(tx, viewer, eventId);
  const note = parseWith(rejectionSchema, reason, ['reason']);
  const reviewedAt = new Date();
  const rejected = await tx.event.update({ where: { id: eventId }, data: { approval: 'REJECTED', approvalNote: note, reviewedAt } });
  await queueMail(tx, { key: `event-rejected:${eventId}:${reviewedAt.getTime()}`, template: 'event-rejected', userId: rejected.organiserId, params: { eventId } });
  return rejected;
}

/** An organiser takes back a host's trust in their region: the host's next campaign events wait for approval again. */
export async function revokeHostTrust(tx: Tx, viewer: Viewer | null, userId: string, regionId: string): Promise<boolean> {
  requireRegionalOrganiser(viewer, regionId, 'change who is trusted to host there');
  const { count } = await tx.trustedHost.deleteMany({ where: { userId, regionId } });
  if (count === 0) throw new NotFoundError('That trusted host');
  return true;
}

/** Campaign events waiting for the viewer's regions' organisers (admins: every region). */
export function approvalQueueWhere(viewer: Viewer | null): Prisma.EventWhereInput {
  if (!viewer) throw new AuthenticationError();
  if (viewer.role === 'MEMBER') throw new ForbiddenError("Only organisers see the approval queue");
  const campaign = viewer.role === 'ADMIN' ? {} : { regionId: { in: viewer.regionIds } };
  return { approval: 'PENDING', status: 'DRAFT', campaign };
}

/** Hosts trusted in the viewer's regions (admins: every region). */
export function trustedHostsWhere(viewer: Viewer | null): Prisma.TrustedHostWhereInput {
  if (!viewer) throw new AuthenticationError();
  if (viewer.role === 'MEMBER') throw new ForbiddenError('Only organisers see trusted hosts');
  return viewer.role === 'ADMIN' ? {} : { regionId: { in: viewer.regionIds } };
}

// ------------------------------------------------------------------------------------------------- co-hosts

async function managedEventOf(db: DbOrTx, viewer: Viewer | null, eventId: string, what: string): Promise<Event> {
  if (!viewer) throw new AuthenticationError();
  const event = await findVisibleEvent(db, viewer, eventId);
  if (!canManageEvent(viewer, event)) throw new ForbiddenError(`Only the people running this event can ${what}`);
  return event;
}

/** Invitations waiting for an answer, per event: more are refused until one is accepted or withdrawn. */
export const PENDING_CO_HOST_INVITES = 20;

/**
 * Invites an address to co-host, e-mailing the address itself whether or not it has an account: the answer, and
 * what happens, never say which. Inviting an address again e-mails it again only once the last e-mail is an hour
 * old (`sentAt`); an accepted invitation is never e-mailed again.
 */
export async function inviteCoHost(tx: Tx, viewer: Viewer | null, eventId: string, email: unknown): Promise<CoHostInvite> {
  const event = await managedEventOf(tx, viewer, eventId, 'invite co-hosts');
  if (event.status === 'CANCELLED') throw ValidationError.field([], 'This event is cancelled');
  const address = parseWith(emailSchema, email, ['email']);
  // One invitation to an event at a time (from any instance), so parallel ones are counted one after another.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('rallypoint:co-host-invites'), hashtext(${eventId}))`;
  const existing = await tx.coHostInvite.findUnique({ where: { eventId_email: { eventId, email: address } } });
  if (!existing) {
    const pending = await tx.coHostInvite.count({ where: { eventId, acceptedAt: null } });
    if (pending >= PENDING_CO_HOST_INVITES) {
      throw ValidationError.field(
        ['email'],
        `This event has ${PENDING_CO_HOST_INVITES} invitations waiting for an answer, the most allowed: withdraw one to invite someone else`,
      );
    }
    const invite = await tx.coHostInvite.create({ data: { eventId, email: address, invitedById: viewer!.id } });
    await queueMail(tx, { key: `co-host-invite:${invite.id}`, template: 'co-host-invite', to: address, params: { inviteId: invite.id } });
    return invite;
  }
  if (existing.acceptedAt) return existing;
  const [again] = await tx.$queryRaw<{ sends: number }[]>`
    UPDATE co_host_invites SET sent_at = now(), sends = sends + 1, invited_by_id = ${viewer!.id}::uuid
    WHERE id = ${existing.id}::uuid AND sent_at <= now() - interval '1 hour'
    RETURNING sends`;
  if (again) {
    await queueMail(tx, { key: `co-host-invite:${existing.id}:${again.sends}`, template: 'co-host-invite', to: address, params: { inviteId: existing.id } });
  }
  return existing;
}

/**
 * An invitation as the holder of its link sees it, signed in or not (the id is a random UUID, e-mailed only to the
 * invited address and shown only to the people running the event): who invited them to what, never the address nor
 * anything of the event beyond its title, time and area. `forViewer`: the signed-in account has the invited address.
 */
export async function invitationByLink(db: DbOrTx, viewer: Viewer | null, inviteId: string) {
  const invite = await db.coHostInvite.findUnique({
    where: { id: inviteId },
    select: {
      id: true,
      email: true,
      acceptedAt: true,
      invitedBy: { select: { firstName: true } },
      event: { select: { id: true, title: true, startsAt: true, endsAt: true, areaLabel: true, status: true } },
    },
  });
  if (!invite || invite.event.status === 'CANCELLED') throw new NotFoundError('That invitation');
  const me = viewer ? await db.user.findUnique({ where: { id: viewer.id }, select: { email: true } }) : null;
  const forViewer = me !== null && me.email.toLowerCase() === invite.email;
  return {
    id: invite.id,
    invitedBy: invite.invitedBy?.firstName ?? null,
    eventTitle: invite.event.title,
    startsAt: invite.event.startsAt,
    endsAt: invite.event.endsAt,
    areaLabel: invite.event.areaLabel,
    accepted: invite.acceptedAt !== null,
    forViewer,
    eventId: forViewer ? invite.event.id : null,
  };
}

/** An invitation as its addressee sees it: only the signed-in account with the invited address finds it. */
export async function inviteForViewer(db: DbOrTx, viewer: Viewer | null, inviteId: string) {
  if (!viewer) throw new AuthenticationError('Sign in to see the invitation');
  const me = await db.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { email: true } });
  const invite = await db.coHostInvite.findFirst({ where: { id: inviteId, email: me.email.toLowerCase() } });
  if (!invite) throw new NotFoundError('That invitation');
  return invite;
}

export async function acceptCoHostInvite(tx: Tx, viewer: Viewer | null, inviteId: string): Promise<Event> {
  const invite = await inviteForViewer(tx, viewer, inviteId);
  // Anyone can sign up with someone else's address: only its confirmed holder co-hosts.
  await requireVerified(tx, viewer, 'co-host events');
  const event = await tx.event.findUnique({ where: { id: invite.eventId } });
  if (!event || event.status === 'CANCELLED') throw new NotFoundError('That event');
  if (!invite.acceptedAt) await tx.coHostInvite.update({ where: { id: invite.id }, data: { acceptedAt: new Date() } });
  if (event.organiserId !== viewer!.id) {
    await tx.eventCoHost.upsert({
      where: { eventId_userId: { eventId: event.id, userId: viewer!.id } },
      create: { eventId: event.id, userId: viewer!.id },
      update: {},
    });
    // This request's read-back already answers as a co-host.
    viewer!.coHostEventIds = [...(viewer!.coHostEventIds ?? []), event.id];
  }
  return event;
}

/** The host, the region's organisers and admins remove a co-host; a co-host may step down. */
export async function removeCoHost(tx: Tx, viewer: Viewer | null, eventId: string, userId: string): Promise<Event> {
  if (!viewer) throw new AuthenticationError();
  const event = userId === viewer.id ? await findVisibleEvent(tx, viewer, eventId) : await managedEventOf(tx, viewer, eventId, 'remove co-hosts');
  const { count } = await tx.eventCoHost.deleteMany({ where: { eventId, userId } });
  if (count === 0) throw new NotFoundError('That co-host');
  await tx.coHostInvite.deleteMany({ where: { eventId, email: (await tx.user.findUnique({ where: { id: userId }, select: { email: true } }))?.email ?? NO_ID } });
  return event;
}

/** Withdraws an invitation not yet accepted. */
export async function withdrawCoHostInvite(tx: Tx, viewer: Viewer | null, inviteId: string): Promise<Event> {
  const invite = await tx.coHostInvite.findUnique({ where: { id: inviteId } });
  if (!invite) throw new NotFoundError('That invitation');
  const event = await managedEventOf(tx, viewer, invite.eventId, 'withdraw invitations');
  if (invite.acceptedAt) throw ValidationError.field([], 'This invitation was accepted: remove the co-host instead');
  await tx.coHostInvite.delete({ where: { id: inviteId } });
  return event;
}
