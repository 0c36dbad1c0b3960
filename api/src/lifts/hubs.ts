import type { EventHub } from '@rallypoint/prisma';
import { eventHubSchema, formatDistanceKm, hubNameKey, LIMITS } from '@rallypoint/shared';
import type { Viewer } from '../context.ts';
import type { Tx } from '../db/change.ts';
import { ForbiddenError, NotFoundError, parseWith, ValidationError } from '../errors.ts';
import { canManageEvent } from '../events/access.ts';
import { findVisibleEvent } from '../events/service.ts';
import { eventChanged } from '../outbox/outbox.ts';
import { placeAt, resolvePlace } from '../places/service.ts';
import { requireViewer } from './service.ts';

/** Hub changes for one event take turns (the limit and the one-name rule are checked, then written). */
const lockHubs = (tx: Tx, eventId: string) =>
  tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('rallypoint:event-hubs'), hashtext(${eventId}))`;

async function managedEvent(tx: Tx, viewer: Viewer | null, eventId: string) {
  const me = requireViewer(viewer);
  const event = await findVisibleEvent(tx, me, eventId);
  if (!canManageEvent(me, event)) throw new ForbiddenError("Only the event's organisers can change its pickup hubs");
  if (event.online) throw ValidationError.field(['eventId'], 'This event is online: there is nowhere to meet');
  return event;
}

/**
 * An organiser adds a public pickup point. Given by postcode it stands at the district's centre; given by a map point,
 * exactly there, as long as that is within `hubDistrictKmMax` of some postcode district's centre (not at sea, not
 * abroad).
 */
export async function addEventHub(tx: Tx, viewer: Viewer | null, eventId: string, input: unknown): Promise<EventHub> {
  const data = parseWith(eventHubSchema, input);
  await managedEvent(tx, viewer, eventId);
  let place: { lat: number; lng: number; postcode: string | null; outcode: string };
  if (data.postcode) {
    const p = await resolvePlace(tx, data.postcode);
    place = { lat: p.lat, lng: p.lng, postcode: p.kind === 'POSTCODE' ? p.label : null, outcode: p.outcode };
  } else {
    const point = data.location!;
    const at = await placeAt(tx, point);
    if (!at.outcode || at.distanceKm === null || at.distanceKm > LIMITS.hubDistrictKmMax) {
      const how = at.distanceKm === null ? 'more than 40 km' : formatDistanceKm(at.distanceKm);
      throw ValidationError.field(
        ['location'],
        `That point is ${how} from the centre of the nearest postcode district: a hub must be within ${LIMITS.hubDistrictKmMax} km of one (on land, in Great Britain)`,
      );
    }
    place = { lat: point.lat, lng: point.lng, postcode: null, outcode: at.outcode };
  }
  await lockHubs(tx, eventId);
  const nameKey = hubNameKey(data.name);
  const hubs = await tx.eventHub.findMany({ where: { eventId }, select: { nameKey: true } });
  if (hubs.some((h) => h.nameKey === nameKey)) throw ValidationError.field(['name'], `This event already has a hub called "${data.name}"`);
  if (hubs.length >= LIMITS.hubsMax) {
    throw ValidationError.field([], `An event can have at most ${LIMITS.hubsMax} pickup hubs: remove one first`);
  }
  await eventChanged(tx, eventId);
  return tx.eventHub.create({ data: { eventId, name: data.name, nameKey, ...place } });
}

export async function removeEventHub(tx: Tx, viewer: Viewer | null, hubId: string): Promise<EventHub> {
  const me = requireViewer(viewer);
  const hub = await tx.eventHub.findUnique({ where: { id: hubId } });
  if (!hub) throw new NotFoundError('That hub');
  await managedEvent(tx, me, hub.eventId);
  await lockHubs(tx, hub.eventId);
  await tx.eventHub.deleteMany({ where: { id: hubId } });
  await eventChanged(tx, hub.eventId);
  return hub;
}
