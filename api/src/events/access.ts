import { EVENT_STATUSES, type EventStatus } from '@rallypoint/shared';
import type { Prisma } from '@rallypoint/prisma';
import type { Viewer } from '../context.ts';
import { NO_ID } from '../db/ids.ts';

export interface EventOwnership {
  organiserId: string;
  regionId: string;
}

/** Edit, publish and cancel: the event's organiser or an admin. */
export function canEditEvent(viewer: Viewer | null, event: EventOwnership): boolean {
  return !!viewer && (viewer.role === 'ADMIN' || event.organiserId === viewer.id);
}

/** See drafts and attendees, unpublish, cancel: also the organisers of the event's region. */
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
  if (viewer.role === 'MEMBER') return { organiserId: viewer.id };
  return { OR: [{ organiserId: viewer.id }, { regionId: { in: viewer.regionIds } }] };
}

/** `isVisible` as a Prisma filter on events: for lists, and for lookups that reach an event through something else. */
export function visibleWhere(viewer: Viewer | null): Prisma.EventWhereInput {
  if (viewer?.role === 'ADMIN') return EVERY_EVENT;
  return { OR: [{ status: { not: 'DRAFT' } }, managedWhere(viewer)] };
}
