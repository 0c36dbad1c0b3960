/**
 * Every enumerated value the database, the API and the web app share, in one place: the Prisma enums hold the same
 * values (a test checks), the GraphQL enums and the seed are built from these lists.
 */
export const ROLES = ['MEMBER', 'ORGANISER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const EVENT_KINDS = ['CANVASS', 'PHONE_BANK', 'MEETING', 'STALL', 'SOCIAL', 'TRAINING', 'RALLY'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_STATUSES = ['DRAFT', 'PUBLISHED', 'CANCELLED'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const EVENT_VISIBILITIES = ['PUBLIC', 'UNLISTED'] as const;
export type EventVisibility = (typeof EVENT_VISIBILITIES)[number];

export const ADDRESS_VISIBILITIES = ['PUBLIC', 'ATTENDEES'] as const;
export type AddressVisibility = (typeof ADDRESS_VISIBILITIES)[number];

export const RSVP_STATUSES = ['GOING', 'WAITLISTED', 'CANCELLED'] as const;
export type RsvpStatus = (typeof RSVP_STATUSES)[number];
/** An RSVP that holds a booking: a place, or a place on the waitlist (every status but given up). */
export const BOOKED_RSVP_STATUSES = ['GOING', 'WAITLISTED'] as const satisfies readonly RsvpStatus[];
export const isBooked = (status: RsvpStatus | null | undefined): boolean =>
  (BOOKED_RSVP_STATUSES as readonly (RsvpStatus | null | undefined)[]).includes(status);

/** Who an organiser's message goes to: the members going, or those on the waitlist. */
export const MESSAGE_AUDIENCES = ['GOING', 'WAITLISTED'] as const;
/** How often the new-events digest comes. */
export const DIGEST_FREQUENCIES = ['NEVER', 'DAILY', 'WEEKLY'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];
/** What an e-mailed account link is for (only ever stored hashed). */
export const ACCOUNT_TOKEN_PURPOSES = ['VERIFY_EMAIL', 'RESET_PASSWORD'] as const;
export type MessageAudience = (typeof MESSAGE_AUDIENCES)[number];

export const LIFT_OFFER_STATUSES = ['OPEN', 'CANCELLED'] as const;
export type LiftOfferStatus = (typeof LIFT_OFFER_STATUSES)[number];

export const LIFT_REQUEST_STATUSES = ['OPEN', 'MATCHED', 'CANCELLED', 'WAITING'] as const;
export type LiftRequestStatus = (typeof LIFT_REQUEST_STATUSES)[number];

export const LIFT_MATCH_STATUSES = ['PROPOSED', 'ACCEPTED', 'DECLINED', 'CANCELLED'] as const;
export type LiftMatchStatus = (typeof LIFT_MATCH_STATUSES)[number];

/** Cars and minibuses pick up on their way; a coach (organisers only) stops only at the event's hubs. */
export const VEHICLE_KINDS = ['CAR', 'MINIBUS', 'COACH'] as const;
export type VehicleKind = (typeof VEHICLE_KINDS)[number];

/** The way there, or the lift back after the event: matched and booked separately. */
export const LIFT_LEGS = ['OUTBOUND', 'RETURN'] as const;
export type LiftLeg = (typeof LIFT_LEGS)[number];

export const LIFT_SIDES = ['DRIVER', 'RIDER'] as const;
export type LiftSide = (typeof LIFT_SIDES)[number];

/** How a place was given: a full postcode, an outcode (postcode district) or a map pin. */
export const PLACE_KINDS = ['POSTCODE', 'OUTCODE', 'POINT'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export const DISCOVERY_SORTS = ['DISTANCE', 'TIME'] as const;
export type DiscoverySort = (typeof DISCOVERY_SORTS)[number];

/** What check-in recorded for someone at an event (no row, or a null status, means not marked). */
export const ATTENDANCE_STATUSES = ['ATTENDED', 'NO_SHOW'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** Kinds of event that can be held online (no venue). */
export const ONLINE_EVENT_KINDS = ['PHONE_BANK', 'MEETING', 'TRAINING'] as const satisfies readonly EventKind[];

/** What a venue offers, as its organiser describes it; each is a boolean column on the event. */
export const VENUE_ACCESS = ['STEP_FREE', 'ACCESSIBLE_TOILET', 'HEARING_LOOP', 'QUIET_SPACE'] as const;
export type VenueAccess = (typeof VENUE_ACCESS)[number];

/** Where a campaign event stands with the region's organisers (null: it never needed approval). */
export const EVENT_APPROVALS = ['PENDING', 'APPROVED', 'REJECTED'] as const;
export type EventApproval = (typeof EVENT_APPROVALS)[number];
