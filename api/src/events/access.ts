import { EVENT_STATUSES, type EventStatus } from '@rallypoint/shared';
import type { Prisma } from '@rallypoint/prisma';
import type { Viewer } from '../context.ts';
import { NO_ID } from '../db/ids.ts';

export interface EventOwnership {
  /** Without it, co-hosts are not recognised. */
  id?: string;
  organiserId: string;
  regionId: string;
}

/** Co-hosts run the event with its host (edit, attendees, messages, check-in), and see nothing else of the region. */
export function isCoHost(viewer: Viewer | null, event: { id?: string }): boolean {
  return !!event.id && !!viewer?.coHostEventIds?.includes(event.id);
}

/** Edit, publish and cancel: the event's organiser, its co-hosts or an admin. */
export function canEditEvent(viewer: Viewer | null, event: EventOwnership): boolean {
  return !!viewer && (viewer.role === 'ADMIN' || event.organiserId === viewer.id || isCoHost(viewer, event));
}

/**
 * See drafts and attendees, message them, check in, unpublish, cancel: the host, co-hosts, the organisers of the
 * event's region and admins. `managedWhere` is the same rule as a Prisma filter.
 */
export function canManageEvent(viewer: Viewer | null, event: EventOwnership): boolean {
  return canEditEvent(viewer, event) || isRegionalOrganiser(viewer, event.regionId);
}

export function isRegionalOrganiser(viewer: Viewer | null, regionId: string): boolean {
  return !!viewer && (viewer.role === 'ADMIN' || (viewer.role === 'ORGANISER' && viewer.regionIds.includes(regionId)));
}

/** A draft is not found unless you manage it; published and cancelled events are there for anyone. */
export function isVisible(viewer: Viewer | null, event: EventOwnership & { status: EventStatus }): boolean {
  return event.status !== 'DRAFT' || canManageEvent(viewer, event);
}

// Prisma reads an empty filter inside an OR as matching nothing, so "every event" is spelled out.
const EVERY_EVENT: Prisma.EventWhereInput = { status: { in: [...EVENT_STATUSES] } };

/** `canManageEvent` as a Prisma filter on events. */
export function managedWhere(viewer: Viewer | null): Prisma.EventWhereInput {
  if (!viewer) return { id: NO_ID };
  if (viewer.role === 'ADMIN') return EVERY_EVENT;
  const hosted: Prisma.EventWhereInput[] = [{ organiserId: viewer.id }, { coHosts: { some: { userId: viewer.id } } }];
  if (viewer.role === 'MEMBER') return { OR: hosted };
  return { OR: [...hosted, { regionId: { in: viewer.regionIds } }] };
}

/** `isVisible` as a Prisma filter on events: for lists, and for lookups that reach an event through something else. */
export function visibleWhere(viewer: Viewer | null): Prisma.EventWhereInput {
  if (viewer?.role === 'ADMIN') return EVERY_EVENT;
  return { OR: [{ status: { not: 'DRAFT' } }, managedWhere(viewer)] };
}
