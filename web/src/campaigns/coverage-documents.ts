import { graphql } from '../generated/gql.ts';

export const COVERAGE_BOARD_QUERY = graphql(`
  query CoverageBoard($campaignId: ID!) {
    campaignCoverage(campaignId: $campaignId) {
      ... on QueryCampaignCoverageSuccess {
        data {
          filename
          csv
          campaign {
            id
            name
            startsAt
            endsAt
            region {
              id
              name
            }
          }
          seats {
            code
            name
            majorityPct
            location {
              lat
              lng
            }
            goal
            shifts
            places
            signUps
            shortfall
            coverage
            checkIns
            liftSeatsWanted
            liftSeatsOffered
            ridersUnmatched
          }
        }
      }
      ...ErrorFields
    }
  }
`);

export const COVERAGE_LIVE_SUBSCRIPTION = graphql(`
  subscription CoverageLive($campaignId: ID!) {
    campaignCoverageLive(campaignId: $campaignId) {
      campaignId
      at
    }
  }
`);

export const NEEDED_SHIFTS_QUERY = graphql(`
  query NeededShifts($campaignId: ID!, $input: NeededShiftsInput!) {
    neededShifts(campaignId: $campaignId, input: $input) {
      ... on QueryNeededShiftsSuccess {
        data {
          eventId
          shiftId
          title
          kind
          areaLabel
          startsAt
          endsAt
          seatCode
          seatName
          seatGoal
          stillNeeded
          distanceKm
          placesLeft
          liftSeatsAvailable
          needsLift
        }
      }
      ...ErrorFields
    }
  }
`);
