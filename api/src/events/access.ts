import type { Prisma } from '@rallypoint/prisma';
import type { Viewer } from '../context.ts';

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

/**
 * "A draft is not found unless you manage it", as a Prisma filter on events: for lookups that reach an event
 * through something else (a lift offer, a request, an RSVP).
 */
export function visibleEventWhere(viewer: Viewer | null): Prisma.EventWhereInput {
  if (viewer?.role === 'ADMIN') return {};
  return {
    OR: [
      { status: { not: 'DRAFT' } },
      ...(viewer ? [{ organiserId: viewer.id }] : []),
      ...(viewer?.role === 'ORGANISER' ? [{ regionId: { in: viewer.regionIds } }] : []),
    ],
  };
}
