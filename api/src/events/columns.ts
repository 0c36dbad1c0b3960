import type { Prisma } from '@rallypoint/prisma';

/**
 * The columns every Event the API loads comes with: the small ones, read straight off the row. The rest (description,
 * address, postcode, relations) load only when a field asks for them.
 */
export const EVENT_COLUMNS = {
  id: true,
  organiserId: true,
  regionId: true,
  kind: true,
  title: true,
  startsAt: true,
  endsAt: true,
  venueName: true,
  areaLabel: true,
  lat: true,
  lng: true,
  exactLat: true,
  exactLng: true,
  addressVisibility: true,
  capacity: true,
  goingCount: true,
  status: true,
  visibility: true,
  online: true,
  stepFree: true,
  accessibleToilet: true,
  hearingLoop: true,
  quietSpace: true,
} as const satisfies Prisma.EventSelect;
