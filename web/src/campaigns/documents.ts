import { graphql } from '../generated/gql.ts';

/** Who is looking: organisers (and admins) get the organiser section; everyone signed in gets "My events". */
export const ORGANISER_VIEWER_QUERY = graphql(`
  query OrganiserViewer {
    me {
      id
      role
      regions {
        id
        name
      }
    }
  }
`);

export const CAMPAIGNS_QUERY = graphql(`
  query Campaigns {
    campaigns {
      id
      name
      startsAt
      endsAt
      region {
        id
        name
      }
      viewerCanManage
    }
  }
`);

graphql(`
  fragment CampaignEventFields on Event {
    id
    title
    kind
    status
    startsAt
    endsAt
    areaLabel
    approval
    constituency {
      code
      name
    }
  }
`);

// What the campaign page shows and the edit form starts from; an edit answers with it, so both stay current.
export const CAMPAIGN_SETUP_FIELDS = graphql(`
  fragment CampaignSetupFields on Campaign {
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
`);

export const CAMPAIGN_QUERY = graphql(`
  query Campaign($id: ID!) {
    node(id: $id) {
      ... on Campaign {
        id
        name
        startsAt
        endsAt
        viewerCanManage
        region {
          id
          name
        }
        ...CampaignSetupFields
        events {
          ...CampaignEventFields
        }
      }
    }
  }
`);

export const CAMPAIGN_SEAT_OPTIONS_QUERY = graphql(`
  query CampaignSeatOptions($regionId: ID!) {
    campaignSeatOptions(regionId: $regionId) {
      ... on QueryCampaignSeatOptionsSuccess {
        data {
          code
          name
          majorityPct
          isTarget
        }
      }
      ...ErrorFields
    }
  }
`);

export const CREATE_CAMPAIGN_MUTATION = graphql(`
  mutation CreateCampaign($input: CampaignInput!) {
    createCampaign(input: $input) {
      ... on MutationCreateCampaignSuccess {
        data {
          id
          name
        }
      }
      ...ErrorFields
    }
  }
`);

export const HOST_CAMPAIGN_EVENT_MUTATION = graphql(`
  mutation HostCampaignEvent($templateId: ID!, $input: EventInput!, $publish: Boolean) {
    hostCampaignEvent(templateId: $templateId, input: $input, publish: $publish) {
      ... on MutationHostCampaignEventSuccess {
        data {
          ...CampaignEventFields
          campaign {
            id
          }
        }
      }
      ...ErrorFields
    }
  }
`);

export const APPROVAL_QUEUE_QUERY = graphql(`
  query ApprovalQueue {
    approvalQueue {
      ... on QueryApprovalQueueSuccess {
        data {
          ...CampaignEventFields
          description
          organiser {
            id
            displayName
          }
          campaign {
            id
            name
          }
        }
      }
      ...ErrorFields
    }
    trustedHosts {
      ... on QueryTrustedHostsSuccess {
        data {
          personId
          since
          person {
            id
            displayName
          }
          region {
            id
            name
          }
        }
      }
      ...ErrorFields
    }
  }
`);

export const APPROVE_EVENT_MUTATION = graphql(`
  mutation ApproveEvent($id: ID!) {
    approveEvent(id: $id) {
      ... on MutationApproveEventSuccess {
        data {
          id
          status
          approval
          approvalNote
        }
      }
      ...ErrorFields
    }
  }
`);

export const REJECT_EVENT_MUTATION = graphql(`
  mutation RejectEvent($id: ID!, $reason: String!) {
    rejectEvent(id: $id, reason: $reason) {
      ... on MutationRejectEventSuccess {
        data {
          id
          status
          approval
          approvalNote
        }
      }
      ...ErrorFields
    }
  }
`);

export const REVOKE_HOST_TRUST_MUTATION = graphql(`
  mutation RevokeHostTrust($personId: ID!, $regionId: ID!) {
    revokeHostTrust(personId: $personId, regionId: $regionId) {
      ... on MutationRevokeHostTrustSuccess {
        data
      }
      ...ErrorFields
    }
  }
`);

export const MANAGED_EVENTS_QUERY = graphql(`
  query ManagedEvents {
    managedEvents {
      ... on QueryManagedEventsSuccess {
        data {
          ...CampaignEventFields
          viewerIsCoHost
          campaign {
            id
            name
          }
        }
      }
      ...ErrorFields
    }
  }
`);

export const EVENT_CAMPAIGN_QUERY = graphql(`
  query EventCampaign($id: ID!) {
    event(id: $id) {
      id
      status
      approval
      approvalNote
      briefing
      viewerCanManage
      viewerIsCoHost
      campaign {
        id
        name
      }
      coHosts {
        id
        displayName
      }
      coHostInvites {
        id
        email
      }
    }
  }
`);

export const INVITE_CO_HOST_MUTATION = graphql(`
  mutation InviteCoHost($eventId: ID!, $email: String!) {
    inviteCoHost(eventId: $eventId, email: $email) {
      ... on MutationInviteCoHostSuccess {
        data {
          id
          email
          accepted
        }
      }
      ...ErrorFields
    }
  }
`);

export const REMOVE_CO_HOST_MUTATION = graphql(`
  mutation RemoveCoHost($eventId: ID!, $personId: ID!) {
    removeCoHost(eventId: $eventId, personId: $personId) {
      ... on MutationRemoveCoHostSuccess {
        data {
          id
          viewerCanManage
          coHosts {
            id
            displayName
          }
        }
      }
      ...ErrorFields
    }
  }
`);

export const WITHDRAW_CO_HOST_INVITE_MUTATION = graphql(`
  mutation WithdrawCoHostInvite($inviteId: ID!) {
    withdrawCoHostInvite(inviteId: $inviteId) {
      ... on MutationWithdrawCoHostInviteSuccess {
        data {
          id
          coHostInvites {
            id
            email
          }
        }
      }
      ...ErrorFields
    }
  }
`);

export const CO_HOST_INVITATION_QUERY = graphql(`
  query CoHostInvitation($id: ID!) {
    coHostInvitation(id: $id) {
      ... on QueryCoHostInvitationSuccess {
        data {
          id
          invitedBy
          eventTitle
          startsAt
          endsAt
          areaLabel
          accepted
          forViewer
          eventId
        }
      }
      ...ErrorFields
    }
  }
`);

export const ACCEPT_CO_HOST_INVITE_MUTATION = graphql(`
  mutation AcceptCoHostInvite($inviteId: ID!) {
    acceptCoHostInvite(inviteId: $inviteId) {
      ... on MutationAcceptCoHostInviteSuccess {
        data {
          id
          title
          viewerIsCoHost
          viewerCanManage
        }
      }
      ...ErrorFields
    }
  }
`);

export const REGION_SEATS_QUERY = graphql(`
  query RegionSeats($regionId: ID!) {
    regionSeats(regionId: $regionId) {
      ... on QueryRegionSeatsSuccess {
        data {
          code
          name
          majorityPct
          isTarget
          isMarginal
        }
      }
      ...ErrorFields
    }
  }
`);

export const SET_TARGET_SEAT_MUTATION = graphql(`
  mutation FlagTargetSeat($code: String!) {
    flagTargetSeat(code: $code) {
      ... on MutationFlagTargetSeatSuccess {
        data {
          code
          name
          isTarget
          isMarginal
        }
      }
      ...ErrorFields
    }
  }
`);

export const UNSET_TARGET_SEAT_MUTATION = graphql(`
  mutation UnflagTargetSeat($code: String!) {
    unflagTargetSeat(code: $code) {
      ... on MutationUnflagTargetSeatSuccess {
        data {
          code
          isTarget
          isMarginal
        }
      }
      ...ErrorFields
    }
  }
`);
