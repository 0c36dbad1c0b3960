import { graphql } from '../generated/gql.ts';

export const UPDATE_CAMPAIGN_MUTATION = graphql(`
  mutation UpdateCampaign($id: ID!, $input: CampaignUpdateInput!) {
    updateCampaign(id: $id, input: $input) {
      ... on MutationUpdateCampaignSuccess {
        data {
          id
          name
          startsAt
          endsAt
          seats {
            goal
            eventCount
            constituency {
              code
              name
              majorityPct
              isTarget
            }
          }
          templates {
            id
            kind
            title
            durationMinutes
            briefing
          }
        }
      }
      ...ErrorFields
    }
  }
`);
