import { graphql } from '../generated/gql.ts';
import type {
  EventLiftsQuery,
  LiftMatchFieldsFragment,
  LiftOfferFieldsFragment,
  LiftRequestFieldsFragment,
} from '../generated/graphql.ts';

/** A pickup hub: a public place, so its exact position is shown. */
graphql(`
  fragment EventHubFields on EventHub {
    id
    name
    postcode
    area
    location {
      lat
      lng
    }
  }
`);

/** A car as every list shows it; `LiftOfferFields` adds what its driver and riders see. */
graphql(`
  fragment LiftOfferBaseFields on LiftOffer {
    id
    departAt
    shift {
      id
    }
    seats
    seatsLeft
    maxDetourKm
    wheelchairAccessible
    vehicle
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
`);

graphql(`
  fragment LiftOfferFields on LiftOffer {
    ...LiftOfferBaseFields
    status
    returnTrip
    returnDepartAt
    notes
    isMine
  }
`);

/** A request for a lift as every list shows it; `LiftRequestFields` adds what its rider and drivers see. */
graphql(`
  fragment LiftRequestBaseFields on LiftRequest {
    id
    seats
    needsWheelchair
    hubReachKm
    readyFrom
    shift {
      id
    }
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
`);

graphql(`
  fragment LiftRequestFields on LiftRequest {
    ...LiftRequestBaseFields
    status
    returnTrip
    notes
    isMine
  }
`);

graphql(`
  fragment LiftMatchFields on LiftMatch {
    id
    status
    proposedBy
    detourKm
    viewerSide
    viewerCanAccept
    otherSideFullName
    pickupAt
    pickupHub {
      id
      name
    }
    pickupDetails {
      driverNote
      riderNote
    }
  }
`);

/** Lifts to one event as the signed-in member sees them. */
export const EVENT_LIFTS_QUERY = graphql(`
  query EventLifts($id: ID!) {
    event(id: $id) {
      id
      viewerManagesLifts
      hubs {
        ...EventHubFields
      }
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
`);

/** A match as a lift mutation answers it: the match, both sides' state, and the event (whose lifts the cache fetches again). */
graphql(`
  fragment LiftMatchResultFields on LiftMatch {
    ...LiftMatchFields
    offer {
      id
      status
      seatsLeft
      event {
        id
      }
    }
    request {
      id
      status
    }
  }
`);

/** A driver offers a rider a seat, or a rider asks a driver: the other side then accepts or declines. */
export const PROPOSE_LIFT_MUTATION = graphql(`
  mutation ProposeLift($offerId: ID!, $requestId: ID!) {
    proposeLift(offerId: $offerId, requestId: $requestId) {
      ... on MutationProposeLiftSuccess {
        data {
          ...LiftMatchResultFields
        }
      }
      ...ErrorFields
    }
  }
`);

export type LiftOfferInfo = LiftOfferFieldsFragment;
export type LiftRequestInfo = LiftRequestFieldsFragment;
export type LiftMatchInfo = LiftMatchFieldsFragment;
export type EventLifts = NonNullable<EventLiftsQuery['event']>;
export type MyLiftOffer = NonNullable<EventLifts['myLiftOffer']>;
export type MyLiftRequest = NonNullable<EventLifts['myLiftRequest']>;
/** A match as the driver sees it. */
export type DriverMatch = MyLiftOffer['matches'][number];
/** A match as the rider sees it. */
export type RiderMatch = MyLiftRequest['matches'][number];
export type LiftCandidate = NonNullable<MyLiftRequest['candidates']>[number];
