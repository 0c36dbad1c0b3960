import { Prisma } from '@rallypoint/prisma';
import { BOOKED_RSVP_STATUSES, type RsvpStatus } from '@rallypoint/shared';

/** An RSVP's `status` filter for one that holds a booking (going or waitlisted): `where: { status: BOOKED }`. */
export const BOOKED: { in: RsvpStatus[] } = { in: [...BOOKED_RSVP_STATUSES] };

/** The same in SQL, a literal list so plans stay as they were: `r.status IN ${BOOKED_SQL}`. */
export const BOOKED_SQL = Prisma.raw(`(${BOOKED_RSVP_STATUSES.map((s) => `'${s}'`).join(', ')})`);
