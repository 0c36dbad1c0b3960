// Hand-written result types for the GraphQL documents in graphql.ts (see api/schema.graphql).
import type { EventKind } from '@rallypoint/shared';

export type { EventKind };
export type Role = 'MEMBER' | 'ORGANISER' | 'ADMIN';
export type EventStatus = 'DRAFT' | 'PUBLISHED' | 'CANCELLED';
export type EventVisibility = 'PUBLIC' | 'UNLISTED';
export type AddressVisibility = 'PUBLIC' | 'ATTENDEES';
export type RsvpStatus = 'GOING' | 'WAITLISTED' | 'CANCELLED';
export type EventSort = 'DISTANCE' | 'TIME';

export interface LatLng {
  lat: number;
  lng: number;
}
export interface BoundingBox {
  west: number;
  south: number;
  east: number;
  north: number;
}
export interface FieldError {
  path: string[];
  message: string;
}

/** The error members of every result union. */
export type ErrorResult =
  | { __typename: 'ValidationError'; message: string; fieldErrors: FieldError[] }
  | { __typename: 'NotFoundError' | 'ForbiddenError' | 'AuthenticationError' | 'Error'; message: string };

/** `<Op>Success { data }` or one of the errors. */
export type Result<T> = { __typename: `${string}Success`; data: T } | ErrorResult;

export interface Viewer {
  __typename?: 'Me';
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  displayName: string;
  role: Role;
  homeArea: { label: string; location: LatLng } | null;
}

/** What `signUp` answers, whether or not the address already has an account (it never tells). */
export interface SignUpStarted {
  email: string;
  message: string;
}

export interface EventSummary {
  id: string;
  kind: EventKind;
  title: string;
  startsAt: string;
  endsAt: string;
  venueName: string;
  areaLabel: string;
  location: LatLng;
  status: EventStatus;
  capacity: number | null;
  placesLeft: number | null;
  goingCount: number;
}

/** An event's public numbers, pushed by the `eventLive` subscription whenever they change. */
export interface EventLive {
  eventId: string;
  status: EventStatus;
  goingCount: number;
  waitlistCount: number;
  capacity: number | null;
  placesLeft: number | null;
  liftSeatsAvailable: number;
  liftRequestsOpen: number;
  at: string;
}

export interface MapEvent {
  id: string;
  kind: EventKind;
  title: string;
  startsAt: string;
  location: LatLng;
}

export interface RsvpInfo {
  id: string;
  status: RsvpStatus;
  guests: number;
  waitlistPosition: number | null;
}

export interface Attendee extends RsvpInfo {
  createdAt: string;
  person: { id: string; displayName: string };
}

export interface EventDetail extends EventSummary {
  description: string;
  address: string | null;
  postcode: string | null;
  addressHidden: boolean;
  region: { id: string; name: string };
  constituency: { code: string; name: string } | null;
  waitlistCount: number;
  visibility: EventVisibility;
  addressVisibility: AddressVisibility;
  organiser: { id: string; displayName: string };
  /** Organiser or admin: edit and publish. */
  viewerCanEdit: boolean;
  /** Also the region's organisers: attendees, unpublish, cancel. */
  viewerCanManage: boolean;
  icsUrl: string;
  myRsvp: RsvpInfo | null;
  attendees: Attendee[] | null;
}

export interface EventEdge {
  cursor: string;
  distanceKm: number | null;
  node: EventSummary;
}

export interface EventSearch {
  origin: { label: string; kind: string; location: LatLng };
  edges: EventEdge[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface Plan extends RsvpInfo {
  event: EventSummary;
}

export interface MyPlans extends Viewer {
  calendarFeedUrl: string;
  plans: Plan[];
  organisedEvents: (EventSummary & { waitlistCount: number })[];
}

export interface ConstituencyInfo {
  code: string;
  name: string;
  majorityPct: number;
}

// --- Nearest marginals page ---

/** A seat on the "nearest marginal" map: shaded by majority, outlined when marginal. */
export interface MarginalMapSeat extends ConstituencyInfo {
  isMarginal: boolean;
}

export interface MarginalCanvass extends EventSummary {
  /** Free seats in open lift offers (a public count). */
  liftSeatsAvailable: number;
}

export interface MarginalSeat {
  code: string;
  name: string;
  location: LatLng;
  winner: string;
  runnerUp: string;
  majority: number;
  majorityPct: number;
  mpName: string;
  isMarginal: boolean;
  isTarget: boolean;
  upcomingCanvasses: MarginalCanvass[];
}

export interface NearbySeat {
  distanceKm: number;
  constituency: MarginalSeat;
}

export interface NearestMarginals {
  origin: { label: string; kind: string; location: LatLng };
  seats: NearbySeat[];
}

// --- Lifts (event page) ---

export type LiftOfferStatus = 'OPEN' | 'CANCELLED';
export type LiftRequestStatus = 'OPEN' | 'MATCHED' | 'CANCELLED';
export type LiftMatchStatus = 'PROPOSED' | 'ACCEPTED' | 'DECLINED' | 'CANCELLED';
export type LiftSide = 'DRIVER' | 'RIDER';

/** Where a lift starts: a district, never finer than ~1 km. */
export interface LiftOrigin {
  label: string;
  location: LatLng;
}

export interface LiftOfferInfo {
  id: string;
  status: LiftOfferStatus;
  departAt: string;
  seats: number;
  seatsLeft: number;
  maxDetourKm: number;
  wheelchairAccessible: boolean;
  returnTrip: boolean;
  notes: string;
  isMine: boolean;
  origin: LiftOrigin;
  driver: { id: string; displayName: string };
}

export interface LiftRequestInfo {
  id: string;
  status: LiftRequestStatus;
  seats: number;
  needsWheelchair: boolean;
  returnTrip: boolean;
  notes: string;
  isMine: boolean;
  origin: LiftOrigin;
  rider: { id: string; displayName: string };
}

export interface LiftMatchInfo {
  id: string;
  status: LiftMatchStatus;
  proposedBy: LiftSide;
  detourKm: number;
  viewerSide: LiftSide | null;
  viewerCanAccept: boolean;
  /** Only for the two sides of an agreed lift. */
  pickupDetails: { driverNote: string | null; riderNote: string | null } | null;
  /** The other side's full name: only for the two sides of an agreed lift. */
  otherSideFullName: string | null;
}

/** A match as the driver sees it. */
export interface DriverMatch extends LiftMatchInfo {
  request: LiftRequestInfo;
}

/** A match as the rider sees it. */
export interface RiderMatch extends LiftMatchInfo {
  offer: LiftOfferInfo;
}

export interface LiftCandidate {
  detourKm: number;
  /** Seats left once this party is in. */
  seatsLeft: number;
  offer: LiftOfferInfo;
}

export interface MyLiftOffer extends LiftOfferInfo {
  matches: DriverMatch[];
}

export interface MyLiftRequest extends LiftRequestInfo {
  candidates: LiftCandidate[] | null;
  matches: RiderMatch[];
}

export interface EventLifts {
  id: string;
  viewerManagesLifts: boolean;
  liftSeatsAvailable: number;
  liftRequestsOpen: number;
  liftOffers: { id: string }[];
  liftRequests: LiftRequestInfo[];
  myLiftOffer: MyLiftOffer | null;
  myLiftRequest: MyLiftRequest | null;
}

/** The signed-in member, as the lifts section needs them (the home area prefills the forms). */
export interface LiftViewer {
  id: string;
  homeArea: { label: string; location: LatLng } | null;
}

// --- Organiser lifts page ---

/** The event header of the organiser lifts page (and whether the viewer may manage its lifts). */
export type OrganiserLiftsEvent = Pick<
  EventSummary,
  'id' | 'title' | 'startsAt' | 'endsAt' | 'venueName' | 'areaLabel' | 'location' | 'status'
> & { viewerManagesLifts: boolean };

export interface OrganiserLiftPlace {
  label: string;
  location: LatLng;
}

export interface OrganiserLiftRequest {
  id: string;
  seats: number;
  needsWheelchair: boolean;
  origin: OrganiserLiftPlace;
  rider: { id: string; displayName: string };
  /** Cars that could take this party, smallest detour first (null if the API would not say). */
  candidates: { detourKm: number; seatsLeft: number; offer: { id: string } }[] | null;
  /** Proposals waiting for the driver (organisers and the rider see them). */
  proposals: { id: string; detourKm: number; offer: { id: string; driver: { id: string; displayName: string } } }[];
}

export interface OrganiserLiftOffer {
  id: string;
  departAt: string;
  seats: number;
  seatsLeft: number;
  maxDetourKm: number;
  wheelchairAccessible: boolean;
  origin: OrganiserLiftPlace;
  driver: { id: string; displayName: string };
}

export interface OrganiserLifts {
  id: string;
  liftRequestsOpen: number;
  liftSeatsAvailable: number;
  liftRequests: OrganiserLiftRequest[];
  liftOffers: OrganiserLiftOffer[];
}

export interface MatchProposal {
  id: string;
  status: 'PROPOSED' | 'ACCEPTED' | 'DECLINED' | 'CANCELLED';
  detourKm: number;
  offer: { id: string; driver: { id: string; displayName: string }; origin: { label: string } };
  request: { id: string; seats: number; needsWheelchair: boolean; rider: { id: string; displayName: string }; origin: { label: string } };
}

/** What `matchEveryone` did: the plan's numbers, its proposals and who is still without a car. */
export interface MatchEveryoneSummary {
  requests: number;
  cars: number;
  peopleRequested: number;
  peopleMatched: number;
  requestsMatched: number;
  carsUsed: number;
  totalDetourKm: number;
  greedyPeopleMatched: number | null;
  proposalsCreated: number;
  skippedDeclined: number;
  proposals: MatchProposal[];
  unmatched: { id: string; seats: number; needsWheelchair: boolean; origin: { label: string }; rider: { id: string; displayName: string } }[];
}
