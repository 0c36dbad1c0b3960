/** The shared enum lists (what the GraphQL enums, the forms and the seed use) hold exactly the database's values. */
import { $Enums } from '@rallypoint/prisma';
import * as shared from '@rallypoint/shared';
import { expect, test } from 'vitest';
import { BOOKED, BOOKED_SQL } from '../src/rsvps/booked.ts';

const PAIRS = [
  ['Role', shared.ROLES],
  ['EventKind', shared.EVENT_KINDS],
  ['EventStatus', shared.EVENT_STATUSES],
  ['EventVisibility', shared.EVENT_VISIBILITIES],
  ['AddressVisibility', shared.ADDRESS_VISIBILITIES],
  ['RsvpStatus', shared.RSVP_STATUSES],
  ['MessageAudience', shared.MESSAGE_AUDIENCES],
  ['DigestFrequency', shared.DIGEST_FREQUENCIES],
  ['AccountTokenPurpose', shared.ACCOUNT_TOKEN_PURPOSES],
  ['LiftOfferStatus', shared.LIFT_OFFER_STATUSES],
  ['LiftRequestStatus', shared.LIFT_REQUEST_STATUSES],
  ['LiftMatchStatus', shared.LIFT_MATCH_STATUSES],
  ['LiftSide', shared.LIFT_SIDES],
  ['LiftLeg', shared.LIFT_LEGS],
  ['VehicleKind', shared.VEHICLE_KINDS],
  ['AttendanceStatus', shared.ATTENDANCE_STATUSES],
  ['EventApproval', shared.EVENT_APPROVALS],
] as const;

test('every database enum has its shared list', () => {
  expect(PAIRS.map(([name]) => name).sort()).toEqual(Object.keys($Enums).sort());
});

test.each(PAIRS)('%s: the same values in the same order', (name, values) => {
  expect([...values]).toEqual(Object.values($Enums[name]));
});

test('a booked RSVP is one in every status but given up, in Prisma filters and in SQL alike', () => {
  expect([...shared.BOOKED_RSVP_STATUSES]).toEqual(shared.RSVP_STATUSES.filter((s) => s !== 'CANCELLED'));
  expect(shared.RSVP_STATUSES.filter(shared.isBooked)).toEqual(['GOING', 'WAITLISTED']);
  expect(shared.isBooked(null)).toBe(false);
  expect(BOOKED).toEqual({ in: ['GOING', 'WAITLISTED'] });
  expect(BOOKED_SQL.sql).toBe("('GOING', 'WAITLISTED')");
});
