import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { canSeeExactAddress, formatEventTime } from '@rallypoint/shared';
import type { Db } from '../db/client.ts';
import { isUuid } from '../errors.ts';

/** What a shared link may say about an event: only what an anonymous visitor would see. */
export interface EventCard {
  id: string;
  globalId: string;
  title: string;
  description: string;
  /** "Sat 5 Dec, 10:00–13:00" in UK time, with the year outside this year. */
  when: string;
  /** The venue and area, or only the area when the address is for attendees; "Online" online. */
  where: string;
  updatedAt: Date;
}

/** The uuid inside an event's global ID (as in `/events/:id`), or null. */
export function eventIdOf(globalId: string): string | null {
  try {
    const { typename, id } = decodeGlobalID(globalId);
    return typename === 'Event' && isUuid(id) ? id : null;
  } catch {
    return null;
  }
}

/**
 * A published, public (listed) event as a link preview shows it; null for anything else (drafts, cancelled, unlisted),
 * so nothing about those is told. The place follows the event page's rule for a visitor who is not signed in.
 */
export async function eventCard(prisma: Db, globalId: string, now = new Date()): Promise<EventCard | null> {
  const id = eventIdOf(globalId);
  if (!id) return null;
  const e = await prisma.event.findFirst({ where: { id, status: 'PUBLISHED', visibility: 'PUBLIC' } });
  if (!e) return null;
  const showAddress = canSeeExactAddress({ addressVisibility: e.addressVisibility, viewerManagesEvent: false, viewerRsvpStatus: null });
  const where = e.online ? 'Online' : showAddress ? [e.venueName, e.areaLabel].filter(Boolean).join(', ') : `${e.areaLabel} area`;
  return {
    id: e.id,
    globalId: encodeGlobalID('Event', e.id),
    title: e.title,
    description: e.description,
    when: formatEventTime(e.startsAt, e.endsAt, now),
    where,
    updatedAt: e.updatedAt,
  };
}

export const eventPath = (globalId: string) => `/events/${encodeURIComponent(globalId)}`;
