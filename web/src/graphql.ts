// Every GraphQL document the client sends. Field names follow api/schema.graphql.
import { gql } from 'urql';
import type {
  BoundingBox,
  ConstituencyInfo,
  EventDetail,
  EventKind,
  EventLive,
  EventSearch,
  EventLifts,
  EventSort,
  LatLng,
  LiftViewer,
  EventSummary,
  MapEvent,
  MarginalMapSeat,
  MyPlans,
  NearestMarginals,
  Result,
  RsvpInfo,
  SignUpStarted,
  Viewer,
  MatchEveryoneSummary,
  OrganiserLifts,
  OrganiserLiftsEvent,
} from './types.ts';

const ERROR_FIELDS = gql`
  fragment ErrorFields on Error {
    __typename
    message
    ... on ValidationError {
      fieldErrors {
        path
        message
      }
    }
  }
`;

const VIEWER_FIELDS = gql`
  fragment ViewerFields on Me {
    id
    email
    firstName
    lastName
    displayName
    role
    homeArea {
      label
      location {
        lat
        lng
      }
    }
  }
`;

const EVENT_SUMMARY_FIELDS = gql`
  fragment EventSummaryFields on Event {
    id
    kind
    title
    startsAt
    endsAt
    venueName
    areaLabel
    location {
      lat
      lng
    }
    status
    capacity
    placesLeft
    goingCount
  }
`;

const EVENT_DETAIL_FIELDS = gql`
  fragment EventDetailFields on Event {
    ...EventSummaryFields
    description
    address
    postcode
    addressHidden
    region {
      id
      name
    }
    constituency {
      code
      name
    }
    waitlistCount
    visibility
    addressVisibility
    organiser {
      id
      displayName
    }
    viewerCanEdit
    viewerCanManage
    icsUrl
    myRsvp {
      id
      status
      guests
      waitlistPosition
    }
    attendees {
      id
      status
      guests
      waitlistPosition
      createdAt
      person {
        id
        displayName
      }
    }
  }
  ${EVENT_SUMMARY_FIELDS}
`;

export const ME_QUERY = gql<{ me: Viewer | null }>`
  query Me {
    me {
      ...ViewerFields
    }
  }
  ${VIEWER_FIELDS}
`;

export interface EventsNearVariables {
  input: {
    postcode?: string;
    location?: LatLng;
    radiusKm: number;
    kinds?: EventKind[] | null;
    sort: EventSort;
    first: number;
    after?: string | null;
  };
}

export const EVENTS_NEAR_QUERY = gql<{ eventsNear: Result<EventSearch> }, EventsNearVariables>`
  query EventsNear($input: EventsNearInput!) {
    eventsNear(input: $input) {
      __typename
      ... on QueryEventsNearSuccess {
        data {
          origin {
            label
            kind
            location {
              lat
              lng
            }
          }
          edges {
            cursor
            distanceKm
            node {
              ...EventSummaryFields
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
      ...ErrorFields
    }
  }
  ${EVENT_SUMMARY_FIELDS}
  ${ERROR_FIELDS}
`;

export const EVENTS_IN_BOX_QUERY = gql<
  { eventsInBox: Result<MapEvent[]> },
  { box: BoundingBox; kinds?: EventKind[] | null }
>`
  query EventsInBox($box: BoundingBoxInput!, $kinds: [EventKind!]) {
    eventsInBox(box: $box, kinds: $kinds) {
      __typename
      ... on QueryEventsInBoxSuccess {
        data {
          id
          kind
          title
          startsAt
          location {
            lat
            lng
          }
        }
      }
      ...ErrorFields
    }
  }
  ${ERROR_FIELDS}
`;

export const CONSTITUENCIES_QUERY = gql<{ constituencies: ConstituencyInfo[] }>`
  query Constituencies {
    constituencies {
      code
      name
      majorityPct
    }
  }
`;

export const EVENT_QUERY = gql<{ event: EventDetail | null; me: Pick<Viewer, 'id' | 'role'> | null }, { id: string }>`
  query Event($id: ID!) {
    event(id: $id) {
      ...EventDetailFields
    }
    me {
      id
      role
    }
  }
  ${EVENT_DETAIL_FIELDS}
`;

// --- Live updates (subscriptions over SSE) ---

export const EVENT_LIVE_SUBSCRIPTION = gql<{ eventLive: EventLive }, { id: string }>`
  subscription EventLive($id: ID!) {
    eventLive(id: $id) {
      eventId
      status
      goingCount
      waitlistCount
      capacity
      placesLeft
      liftSeatsAvailable
      liftRequestsOpen
      at
    }
  }
`;

export const NEW_EVENTS_NEAR_SUBSCRIPTION = gql<
  { newEventsNear: EventSummary },
  { input: { postcode: string; radiusKm: number } }
>`
  subscription NewEventsNear($input: NewEventsNearInput!) {
    newEventsNear(input: $input) {
      ...EventSummaryFields
    }
  }
  ${EVENT_SUMMARY_FIELDS}
`;

export const MY_PLANS_QUERY = gql<{ me: MyPlans | null }>`
  query MyPlans {
    me {
      ...ViewerFields
      calendarFeedUrl
      plans {
        id
        status
        guests
        waitlistPosition
        event {
          ...EventSummaryFields
        }
      }
      organisedEvents {
        ...EventSummaryFields
        waitlistCount
      }
    }
  }
  ${VIEWER_FIELDS}
  ${EVENT_SUMMARY_FIELDS}
`;

export const SIGN_UP_MUTATION = gql<
  { signUp: Result<SignUpStarted> },
  { input: { email: string; password: string; firstName: string; lastName: string; homePostcode?: string | null } }
>`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      __typename
      ... on MutationSignUpSuccess {
        data {
          email
          message
        }
      }
      ...ErrorFields
    }
  }
  ${ERROR_FIELDS}
`;

/** The e-mailed link was opened and confirmed: creates the account and signs in (sets the session cookie). */
export const CONFIRM_SIGN_UP_MUTATION = gql<{ confirmSignUp: Result<Viewer> }, { token: string }>`
  mutation ConfirmSignUp($token: String!) {
    confirmSignUp(token: $token) {
      __typename
      ... on MutationConfirmSignUpSuccess {
        data {
          ...ViewerFields
        }
      }
      ...ErrorFields
    }
  }
  ${VIEWER_FIELDS}
  ${ERROR_FIELDS}
`;

export const SIGN_IN_MUTATION = gql<{ signIn: Result<Viewer> }, { input: { email: string; password: string } }>`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on MutationSignInSuccess {
        data {
          ...ViewerFields
        }
      }
      ...ErrorFields
    }
  }
  ${VIEWER_FIELDS}
  ${ERROR_FIELDS}
`;

export const SIGN_OUT_MUTATION = gql<{ signOut: boolean }>`
  mutation SignOut {
    signOut
  }
`;

/** Ends every session of the member, this one included (and clears the cookie); answers how many ended. */
export const SIGN_OUT_EVERYWHERE_MUTATION = gql<{ signOutEverywhere: Result<number> }>`
  mutation SignOutEverywhere {
    signOutEverywhere {
      __typename
      ... on MutationSignOutEverywhereSuccess {
        data
      }
      ...ErrorFields
    }
  }
  ${ERROR_FIELDS}
`;

/** A new private calendar link; the old one stops working at once. */
export const ROTATE_CALENDAR_FEED_MUTATION = gql<{ rotateCalendarFeed: Result<{ id: string; calendarFeedUrl: string }> }>`
  mutation RotateCalendarFeed {
    rotateCalendarFeed {
      __typename
      ... on MutationRotateCalendarFeedSuccess {
        data {
          id
          calendarFeedUrl
        }
      }
      ...ErrorFields
    }
  }
  ${ERROR_FIELDS}
`;

export const SET_HOME_AREA_MUTATION = gql<{ setHomeArea: Result<Viewer> }, { input: { postcode?: string | null; location?: LatLng | null } }>`
  mutation SetHomeArea($input: HomeAreaInput!) {
    setHomeArea(input: $input) {
      __typename
      ... on MutationSetHomeAreaSuccess {
        data {
          ...ViewerFields
        }
      }
      ...ErrorFields
    }
  }
  ${VIEWER_FIELDS}
  ${ERROR_FIELDS}
`;

export const DELETE_ACCOUNT_MUTATION = gql<{ deleteAccount: Result<boolean> }, { password: string }>`
  mutation DeleteAccount($password: String!) {
    deleteAccount(password: $password) {
      __typename
      ... on MutationDeleteAccountSuccess {
        data
      }
      ...ErrorFields
    }
  }
  ${ERROR_FIELDS}
`;

/** What the API's EventInput takes. */
export interface EventInputVariables {
  kind: EventKind;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  venueName: string;
  address: string;
  postcode: string;
  location: LatLng | null;
  capacity: number | null;
  constituencyCode: string | null;
  visibility: 'PUBLIC' | 'UNLISTED';
  addressVisibility: 'PUBLIC' | 'ATTENDEES';
}

export const CREATE_EVENT_MUTATION = gql<
  { createEvent: Result<EventDetail> },
  { input: EventInputVariables; publish: boolean }
>`
  mutation CreateEvent($input: EventInput!, $publish: Boolean) {
    createEvent(input: $input, publish: $publish) {
      __typename
      ... on MutationCreateEventSuccess {
        data {
          ...EventDetailFields
        }
      }
      ...ErrorFields
    }
  }
  ${EVENT_DETAIL_FIELDS}
  ${ERROR_FIELDS}
`;

export const UPDATE_EVENT_MUTATION = gql<{ updateEvent: Result<EventDetail> }, { id: string; input: EventInputVariables }>`
  mutation UpdateEvent($id: ID!, $input: EventInput!) {
    updateEvent(id: $id, input: $input) {
      __typename
      ... on MutationUpdateEventSuccess {
        data {
          ...EventDetailFields
        }
      }
      ...ErrorFields
    }
  }
  ${EVENT_DETAIL_FIELDS}
  ${ERROR_FIELDS}
`;

export const PUBLISH_EVENT_MUTATION = gql<{ publishEvent: Result<EventDetail> }, { id: string }>`
  mutation PublishEvent($id: ID!) {
    publishEvent(id: $id) {
      __typename
      ... on MutationPublishEventSuccess {
        data {
          ...EventDetailFields
        }
      }
      ...ErrorFields
    }
  }
  ${EVENT_DETAIL_FIELDS}
  ${ERROR_FIELDS}
`;

export const UNPUBLISH_EVENT_MUTATION = gql<{ unpublishEvent: Result<EventDetail> }, { id: string }>`
  mutation UnpublishEvent($id: ID!) {
    unpublishEvent(id: $id) {
      __typename
      ... on MutationUnpublishEventSuccess {
        data {
          ...EventDetailFields
        }
      }
      ...ErrorFields
    }
  }
  ${EVENT_DETAIL_FIELDS}
  ${ERROR_FIELDS}
`;

export const CANCEL_EVENT_MUTATION = gql<{ cancelEvent: Result<EventDetail> }, { id: string }>`
  mutation CancelEvent($id: ID!) {
    cancelEvent(id: $id) {
      __typename
      ... on MutationCancelEventSuccess {
        data {
          ...EventDetailFields
        }
      }
      ...ErrorFields
    }
  }
  ${EVENT_DETAIL_FIELDS}
  ${ERROR_FIELDS}
`;

const RSVP_RESULT_FIELDS = gql`
  fragment RsvpResultFields on Rsvp {
    id
    status
    guests
    waitlistPosition
    event {
      id
      goingCount
      placesLeft
      waitlistCount
      myRsvp {
        id
        status
        guests
        waitlistPosition
      }
    }
  }
`;

export const RSVP_MUTATION = gql<{ rsvp: Result<RsvpInfo> }, { eventId: string; guests: number }>`
  mutation Rsvp($eventId: ID!, $guests: Int) {
    rsvp(eventId: $eventId, guests: $guests) {
      __typename
      ... on MutationRsvpSuccess {
        data {
          ...RsvpResultFields
        }
      }
      ...ErrorFields
    }
  }
  ${RSVP_RESULT_FIELDS}
  ${ERROR_FIELDS}
`;

export const CANCEL_RSVP_MUTATION = gql<{ cancelRsvp: Result<RsvpInfo> }, { eventId: string }>`
  mutation CancelRsvp($eventId: ID!) {
    cancelRsvp(eventId: $eventId) {
      __typename
      ... on MutationCancelRsvpSuccess {
        data {
          ...RsvpResultFields
        }
      }
      ...ErrorFields
    }
  }
  ${RSVP_RESULT_FIELDS}
  ${ERROR_FIELDS}
`;

export const PLACE_QUERY = gql<{ place: Result<{ label: string; location: LatLng }> }, { query: string }>`
  query Place($query: String!) {
    place(query: $query) {
      __typename
      ... on QueryPlaceSuccess {
        data {
          label
          location {
            lat
            lng
          }
        }
      }
      ...ErrorFields
    }
  }
  ${ERROR_FIELDS}
`;

// --- Nearest marginals page ---

export interface NearestMarginalsVariables {
  input: { postcode?: string; location?: LatLng; first: number };
  canvasses: number;
}

export const NEAREST_MARGINALS_QUERY = gql<{ nearestMarginals: Result<NearestMarginals> }, NearestMarginalsVariables>`
  query NearestMarginals($input: NearestMarginalsInput!, $canvasses: Int) {
    nearestMarginals(input: $input) {
      __typename
      ... on QueryNearestMarginalsSuccess {
        data {
          origin {
            label
            kind
            location {
              lat
              lng
            }
          }
          seats {
            distanceKm
            constituency {
              code
              name
              location {
                lat
                lng
              }
              winner
              runnerUp
              majority
              majorityPct
              mpName
              isMarginal
              isTarget
              upcomingCanvasses(first: $canvasses) {
                ...EventSummaryFields
                liftSeatsAvailable
              }
            }
          }
        }
      }
      ...ErrorFields
    }
  }
  ${EVENT_SUMMARY_FIELDS}
  ${ERROR_FIELDS}
`;

export const MARGINAL_MAP_QUERY = gql<{ constituencies: MarginalMapSeat[] }>`
  query MarginalMap {
    constituencies {
      code
      name
      majorityPct
      isMarginal
    }
  }
`;

// --- Lifts (event page) ---

const LIFT_OFFER_FIELDS = gql`
  fragment LiftOfferFields on LiftOffer {
    id
    status
    departAt
    seats
    seatsLeft
    maxDetourKm
    wheelchairAccessible
    returnTrip
    notes
    isMine
    origin {
      label
      location {
        lat
        lng
      }
    }
    driver {
      id
      displayName
    }
  }
`;

const LIFT_REQUEST_FIELDS = gql`
  fragment LiftRequestFields on LiftRequest {
    id
    status
    seats
    needsWheelchair
    returnTrip
    notes
    isMine
    origin {
      label
      location {
        lat
        lng
      }
    }
    rider {
      id
      displayName
    }
  }
`;

const LIFT_MATCH_FIELDS = gql`
  fragment LiftMatchFields on LiftMatch {
    id
    status
    proposedBy
    detourKm
    viewerSide
    viewerCanAccept
    otherSideFullName
    pickupDetails {
      driverNote
      riderNote
    }
  }
`;

export const EVENT_LIFTS_QUERY = gql<{ event: EventLifts | null; me: LiftViewer | null }, { id: string }>`
  query EventLifts($id: ID!) {
    me {
      id
      homeArea {
        label
        location {
          lat
          lng
        }
      }
    }
    event(id: $id) {
      id
      viewerManagesLifts
      liftSeatsAvailable
      liftRequestsOpen
      liftOffers {
        id
      }
      liftRequests {
        ...LiftRequestFields
      }
      myLiftOffer {
        ...LiftOfferFields
        matches {
          ...LiftMatchFields
          request {
            ...LiftRequestFields
          }
        }
      }
      myLiftRequest {
        ...LiftRequestFields
        candidates {
          detourKm
          seatsLeft
          offer {
            ...LiftOfferFields
          }
        }
        matches {
          ...LiftMatchFields
          offer {
            ...LiftOfferFields
          }
        }
      }
    }
  }
  ${LIFT_OFFER_FIELDS}
  ${LIFT_REQUEST_FIELDS}
  ${LIFT_MATCH_FIELDS}
`;

/** What the API's LiftOfferInput takes (a postcode; the API also takes a map pin). */
export interface LiftOfferVariables {
  postcode: string | null;
  departAt: string;
  seats: number;
  maxDetourKm: number;
  wheelchairAccessible: boolean;
  returnTrip: boolean;
  notes: string;
}

export interface LiftRequestVariables {
  postcode: string | null;
  seats: number;
  needsWheelchair: boolean;
  returnTrip: boolean;
  notes: string;
}

type Ack = { id: string; status: string };

export const OFFER_LIFT_MUTATION = gql<{ offerLift: Result<Ack> }, { eventId: string; input: LiftOfferVariables }>`
  mutation OfferLift($eventId: ID!, $input: LiftOfferInput!) {
    offerLift(eventId: $eventId, input: $input) {
      __typename
      ... on MutationOfferLiftSuccess {
        data {
          id
          status
        }
      }
      ...ErrorFields
    }
  }
  ${ERROR_FIELDS}
`;

export const REQUEST_LIFT_MUTATION = gql<{ requestLift: Result<Ack> }, { eventId: string; input: LiftRequestVariables }>`
  mutation RequestLift($eventId: ID!, $input: LiftRequestInput!) {
    requestLift(eventId: $eventId, input: $input) {
      __typename
      ... on MutationRequestLiftSuccess {
        data {
          id
          status
        }
      }
      ...ErrorFields
    }
  }
  ${ERROR_FIELDS}
`;

export const CANCEL_LIFT_OFFER_MUTATION = gql<{ cancelLiftOffer: Result<Ack> }, { id: string }>`
  mutation CancelLiftOffer($id: ID!) {
    cancelLiftOffer(id: $id) {
      __typename
      ... on MutationCancelLiftOfferSuccess {
        data {
          id
          status
        }
      }
      ...ErrorFields
    }
  }
  ${ERROR_FIELDS}
`;

export const CANCEL_LIFT_REQUEST_MUTATION = gql<{ cancelLiftRequest: Result<Ack> }, { id: string }>`
  mutation CancelLiftRequest($id: ID!) {
    cancelLiftRequest(id: $id) {
      __typename
      ... on MutationCancelLiftRequestSuccess {
        data {
          id
          status
        }
      }
      ...ErrorFields
    }
  }
  ${ERROR_FIELDS}
`;

export const PROPOSE_LIFT_MUTATION = gql<{ proposeLift: Result<Ack> }, { offerId: string; requestId: string }>`
  mutation ProposeLift($offerId: ID!, $requestId: ID!) {
    proposeLift(offerId: $offerId, requestId: $requestId) {
      __typename
      ... on MutationProposeLiftSuccess {
        data {
          id
          status
        }
      }
      ...ErrorFields
    }
  }
  ${ERROR_FIELDS}
`;

export const ACCEPT_LIFT_MUTATION = gql<{ acceptLift: Result<Ack> }, { matchId: string; pickupNote: string | null }>`
  mutation AcceptLift($matchId: ID!, $pickupNote: String) {
    acceptLift(matchId: $matchId, pickupNote: $pickupNote) {
      __typename
      ... on MutationAcceptLiftSuccess {
        data {
          id
          status
        }
      }
      ...ErrorFields
    }
  }
  ${ERROR_FIELDS}
`;

export const WITHDRAW_LIFT_MUTATION = gql<{ withdrawLift: Result<Ack> }, { matchId: string }>`
  mutation WithdrawLift($matchId: ID!) {
    withdrawLift(matchId: $matchId) {
      __typename
      ... on MutationWithdrawLiftSuccess {
        data {
          id
          status
        }
      }
      ...ErrorFields
    }
  }
  ${ERROR_FIELDS}
`;

export const SET_PICKUP_NOTE_MUTATION = gql<{ setPickupNote: Result<Ack> }, { matchId: string; note: string | null }>`
  mutation SetPickupNote($matchId: ID!, $note: String) {
    setPickupNote(matchId: $matchId, note: $note) {
      __typename
      ... on MutationSetPickupNoteSuccess {
        data {
          id
          status
        }
      }
      ...ErrorFields
    }
  }
  ${ERROR_FIELDS}
`;

// --- Organiser lifts page ---

export const ORGANISER_LIFTS_EVENT_QUERY = gql<
  { event: OrganiserLiftsEvent | null; me: { id: string } | null },
  { id: string }
>`
  query OrganiserLiftsEvent($id: ID!) {
    event(id: $id) {
      id
      title
      startsAt
      endsAt
      venueName
      areaLabel
      location {
        lat
        lng
      }
      status
      viewerManagesLifts
    }
    me {
      id
    }
  }
`;

export const ORGANISER_LIFTS_QUERY = gql<{ event: OrganiserLifts | null }, { id: string }>`
  query OrganiserLifts($id: ID!) {
    event(id: $id) {
      id
      liftRequestsOpen
      liftSeatsAvailable
      liftRequests {
        id
        seats
        needsWheelchair
        origin {
          label
          location {
            lat
            lng
          }
        }
        rider {
          id
          displayName
        }
        proposals {
          id
          detourKm
          offer {
            id
            driver {
              id
              displayName
            }
          }
        }
        candidates {
          detourKm
          seatsLeft
          offer {
            id
          }
        }
      }
      liftOffers {
        id
        departAt
        seats
        seatsLeft
        maxDetourKm
        wheelchairAccessible
        origin {
          label
          location {
            lat
            lng
          }
        }
        driver {
          id
          displayName
        }
      }
    }
  }
`;

export const MATCH_EVERYONE_MUTATION = gql<{ matchEveryone: Result<MatchEveryoneSummary> }, { eventId: string }>`
  mutation MatchEveryone($eventId: ID!) {
    matchEveryone(eventId: $eventId) {
      __typename
      ... on MutationMatchEveryoneSuccess {
        data {
          requests
          cars
          peopleRequested
          peopleMatched
          requestsMatched
          carsUsed
          totalDetourKm
          greedyPeopleMatched
          proposalsCreated
          skippedDeclined
          proposals {
            id
            status
            detourKm
            offer {
              id
              driver {
                id
                displayName
              }
              origin {
                label
              }
            }
            request {
              id
              seats
              needsWheelchair
              rider {
                id
                displayName
              }
              origin {
                label
              }
            }
          }
          unmatched {
            id
            seats
            needsWheelchair
            origin {
              label
            }
            rider {
              id
              displayName
            }
          }
        }
      }
      ...ErrorFields
    }
  }
  ${ERROR_FIELDS}
`;
