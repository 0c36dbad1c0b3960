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
