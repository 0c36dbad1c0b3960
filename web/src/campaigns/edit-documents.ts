import { graphql } from '../generated/gql.ts';

export const UPDATE_CAMPAIGN_MUTATION = graphql(`
  mutation UpdateCampaign($id: ID!, $input: CampaignUpdateInput!) {
    updateCampaign(id: $id, input: $input) {
      ... on MutationUpdateCampaignSuccess {
        data {
          ...CampaignSetupFields
        }
      }
      ...ErrorFields
    }
  }
`);
