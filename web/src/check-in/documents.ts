import { graphql } from '../generated/gql.ts';

graphql(`
  fragment CheckInEntryFields on CheckInEntry {
    id
    name
    walkIn
    booking
    guests
    attendance
    markedAt
  }
`);

export const CHECK_IN_QUERY = graphql(`
  query CheckIn($id: ID!) {
    event(id: $id) {
      id
      title
      startsAt
      endsAt
      status
      viewerCanManage
      checkInList {
        ...CheckInEntryFields
      }
    }
  }
`);

export const MARK_ATTENDANCE_MUTATION = graphql(`
  mutation MarkAttendance($input: MarkAttendanceInput!) {
    markAttendance(input: $input) {
      ... on MutationMarkAttendanceSuccess {
        data {
          ...CheckInEntryFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const ADD_WALK_IN_MUTATION = graphql(`
  mutation AddWalkIn($input: AddWalkInInput!) {
    addWalkIn(input: $input) {
      ... on MutationAddWalkInSuccess {
        data {
          ...CheckInEntryFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const EXPORT_EVENT_PEOPLE_MUTATION = graphql(`
  mutation ExportEventPeople($eventId: ID!) {
    exportEventPeople(eventId: $eventId) {
      ... on MutationExportEventPeopleSuccess {
        data {
          filename
          csv
          rowCount
        }
      }
      ...ErrorFields
    }
  }
`);

export const EXPORT_CAMPAIGN_PEOPLE_MUTATION = graphql(`
  mutation ExportCampaignPeople($campaignId: ID!) {
    exportCampaignPeople(campaignId: $campaignId) {
      ... on MutationExportCampaignPeopleSuccess {
        data {
          filename
          csv
          rowCount
        }
      }
      ...ErrorFields
    }
  }
`);

export const MY_ATTENDANCE_QUERY = graphql(`
  query MyAttendance {
    me {
      id
      attendance {
        id
        status
        walkIn
        markedAt
        event {
          id
          title
          startsAt
          endsAt
        }
      }
    }
  }
`);

export const EXPORT_LOG_QUERY = graphql(`
  query ExportLog {
    exportLog(first: 25) {
      ... on QueryExportLogSuccess {
        data {
          id
          at
          byName
          byEmail
          scope
          label
          rowCount
        }
      }
      ...ErrorFields
    }
  }
`);
