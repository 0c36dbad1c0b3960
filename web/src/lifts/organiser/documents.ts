import { graphql } from '../../generated/gql.ts';
import type { MatchEveryoneMutation, OrganiserLiftsEventQuery, OrganiserLiftsQuery } from '../../generated/graphql.ts';
import type { SuccessData } from '../../ui/result.ts';

/** The lifts page's header, and whether the viewer may manage the event's lifts. */
export const ORGANISER_LIFTS_EVENT_QUERY = graphql(`
  query OrganiserLiftsEvent($id: ID!) {
    event(id: $id) {
      ...EventSummaryFields
      viewerManagesLifts
    }
  }
`);

/** Everyone who needs a lift (with the cars in reach and waiting proposals) and every car offered. */
export const ORGANISER_LIFTS_QUERY = graphql(`
  query OrganiserLifts($id: ID!) {
    event(id: $id) {
      id
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
              ...LiftRequestBaseFields
            }
          }
          unmatched {
            ...LiftRequestBaseFields
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
/** What `matchEveryone` did: the plan's numbers, its proposals and who is still without a car. */
export type MatchEveryoneSummary = SuccessData<MatchEveryoneMutation['matchEveryone']>;
export type MatchProposal = MatchEveryoneSummary['proposals'][number];
