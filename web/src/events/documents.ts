import { graphql } from '../generated/gql.ts';
import type { EventDetailFieldsFragment } from '../generated/graphql.ts';

/** The event page's event: what the card shows, and the details, RSVPs and organiser tools. */
graphql(`
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
    online
    joinUrl
    hasJoinUrl
    stepFree
    accessibleToilet
    hearingLoop
    quietSpace
    organiser {
      id
      displayName
    }
    viewerCanEdit
    viewerCanManage
    icsUrl
    ...EventShiftsFields
    ...EventBookingsFields
  }
`);

// The member's booking and the attendee list (null unless they run the event): on the page, and in a booking's answer.
graphql(`
  fragment EventBookingsFields on Event {
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
      reconfirmedAt
      shift {
        id
        startsAt
        endsAt
      }
      person {
        id
        displayName
      }
    }
  }
`);

export type EventDetail = EventDetailFieldsFragment;

export const EVENT_QUERY = graphql(`
  query Event($id: ID!) {
    event(id: $id) {
      ...EventDetailFields
    }
  }
`);

/** An event's public numbers, pushed whenever they change (the cache writes them onto the event: cache.ts). */
export const EVENT_LIVE_SUBSCRIPTION = graphql(`
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
`);
