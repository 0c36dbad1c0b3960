import { graphql } from '../../generated/gql.ts';
import type { MatchEveryoneMutation, OrganiserLiftsEventQuery, OrganiserLiftsQuery } from '../../generated/graphql.ts';
import type { SuccessData } from '../../ui/result.ts';

/** The lifts page's header, and whether the viewer may manage the event's lifts. */
export const ORGANISER_LIFTS_EVENT_QUERY = graphql(`
  query OrganiserLiftsEvent($id: ID!) {
    event(id: $id) {
      ...EventSummaryFields
      viewerManagesLifts
      shifts {
        id
        startsAt
        endsAt
      }
    }
  }
`);

/** Everyone who needs a lift (with the cars in reach and waiting proposals) and every car offered. */
export const ORGANISER_LIFTS_QUERY = graphql(`
  query OrganiserLifts($id: ID!) {
    event(id: $id) {
      id
      hubs {
        ...EventHubFields
      }
      liftRequestsOpen
      liftSeatsAvailable
      liftRequests {
        ...LiftRequestBaseFields
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
        ...LiftOfferBaseFields
      }
    }
  }
`);

/** For a rider no car could take: the nearest cars with the extra detour each needs, and canvasses in reach with seats. */
graphql(`
  fragment LiftNextStepsFields on LiftRequest {
    id
    nextSteps {
      drivers {
        detourKm
        extraDetourKm
        askedAt
        offer {
          id
          maxDetourKm
          seatsLeft
          origin {
            label
          }
          driver {
            id
            displayName
          }
        }
      }
      otherEvents {
        distanceKm
        carsThatFit
        seatsFree
        event {
          id
          title
          startsAt
          endsAt
          areaLabel
        }
      }
    }
  }
`);

/** Asks the drivers nearest to taking a rider to stretch their limit (each once; at most one e-mail per car a day). */
export const ASK_LIFT_DRIVERS_TO_STRETCH_MUTATION = graphql(`
  mutation AskLiftDriversToStretch($requestId: ID!) {
    askLiftDriversToStretch(requestId: $requestId) {
      ... on MutationAskLiftDriversToStretchSuccess {
        data {
          ...LiftNextStepsFields
        }
      }
      ...ErrorFields
    }
  }
`);

/** Plans lifts for everyone waiting and proposes them to the drivers; answers the plan's numbers. */
export const MATCH_EVERYONE_MUTATION = graphql(`
  mutation MatchEveryone($eventId: ID!) {
    matchEveryone(eventId: $eventId) {
      ... on MutationMatchEveryoneSuccess {
        data {
          requests
          cars
          peopleRequested
          peopleMatched
          requestsMatched
          carsUsed
          coachesUsed
          coachPeopleMatched
          totalDetourKm
          greedyPeopleMatched
          proposalsCreated
          skippedDeclined
          returnLeg {
            peopleRequested
            peopleMatched
            carsUsed
            proposalsCreated
          }
          proposals {
            id
            status
            detourKm
            pickupAt
            pickupHub {
              id
              name
            }
            offer {
              id
              vehicle
              driver {
                id
                displayName
              }
              origin {
                label
              }
            }
            request {
              ...LiftRequestBaseFields
            }
          }
          unmatched {
            ...LiftRequestBaseFields
            ...LiftNextStepsFields
          }
        }
      }
      ...ErrorFields
    }
  }
`);

export type OrganiserLiftsEvent = NonNullable<OrganiserLiftsEventQuery['event']>;
export type OrganiserLifts = NonNullable<OrganiserLiftsQuery['event']>;
export type OrganiserLiftRequest = OrganiserLifts['liftRequests'][number];
export type OrganiserLiftOffer = OrganiserLifts['liftOffers'][number];
export type EventHub = OrganiserLifts['hubs'][number];
/** What `matchEveryone` did: the plan's numbers, its proposals and who is still without a car. */
export type MatchEveryoneSummary = SuccessData<MatchEveryoneMutation['matchEveryone']>;
export type MatchProposal = MatchEveryoneSummary['proposals'][number];
export type UnmatchedRequest = MatchEveryoneSummary['unmatched'][number];
export type LiftNextSteps = NonNullable<UnmatchedRequest['nextSteps']>;

/** Organisers add a pickup hub; the answer carries the event's hubs so the list follows. */
export const ADD_EVENT_HUB_MUTATION = graphql(`
  mutation AddEventHub($eventId: ID!, $input: EventHubInput!) {
    addEventHub(eventId: $eventId, input: $input) {
      ... on MutationAddEventHubSuccess {
        data {
          id
          event {
            id
            hubs {
              ...EventHubFields
            }
          }
        }
      }
      ...ErrorFields
    }
  }
`);

export const REMOVE_EVENT_HUB_MUTATION = graphql(`
  mutation RemoveEventHub($id: ID!) {
    removeEventHub(id: $id) {
      ... on MutationRemoveEventHubSuccess {
        data {
          id
          hubs {
            ...EventHubFields
          }
        }
      }
      ...ErrorFields
    }
  }
`);
