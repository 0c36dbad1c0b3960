/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ... on MutationSignUpSuccess {\n        data {\n          email\n          message\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      ... on MutationSignInSuccess {\n        data {\n          ...ViewerFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation ConfirmSignUp($token: String!, $password: String) {\n    confirmSignUp(token: $token, password: $password) {\n      ... on MutationConfirmSignUpSuccess {\n        data {\n          ...ViewerFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.ConfirmSignUpDocument,
    "\n  fragment MailPreferencesFields on Me {\n    id\n    mailPreferences {\n      bookings\n      reminders\n      lifts\n      organiser\n      digest\n      bounced\n    }\n  }\n": typeof types.MailPreferencesFieldsFragmentDoc,
    "\n  query MyMailPreferences {\n    me {\n      ...MailPreferencesFields\n      email\n      homeArea {\n        label\n      }\n    }\n  }\n": typeof types.MyMailPreferencesDocument,
    "\n  mutation SetMailPreferences($input: MailPreferencesInput!) {\n    setMailPreferences(input: $input) {\n      ... on MutationSetMailPreferencesSuccess {\n        data {\n          ...MailPreferencesFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.SetMailPreferencesDocument,
    "\n  mutation ResumeMail {\n    resumeMail {\n      ... on MutationResumeMailSuccess {\n        data {\n          ...MailPreferencesFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.ResumeMailDocument,
    "\n  mutation RequestPasswordReset($input: PasswordResetRequestInput!) {\n    requestPasswordReset(input: $input) {\n      ... on MutationRequestPasswordResetSuccess {\n        data {\n          message\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($input: PasswordResetInput!) {\n    resetPassword(input: $input) {\n      ... on MutationResetPasswordSuccess {\n        data {\n          ...ViewerFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.ResetPasswordDocument,
    "\n  query MyPlans {\n    me {\n      ...ViewerFields\n      calendarFeedUrl\n      plans {\n        id\n        status\n        guests\n        waitlistPosition\n        event {\n          ...EventSummaryFields\n        }\n      }\n      organisedEvents {\n        ...EventSummaryFields\n        waitlistCount\n      }\n    }\n  }\n": typeof types.MyPlansDocument,
    "\n  mutation RotateCalendarFeed {\n    rotateCalendarFeed {\n      ... on MutationRotateCalendarFeedSuccess {\n        data {\n          id\n          calendarFeedUrl\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.RotateCalendarFeedDocument,
    "\n  mutation SignOutEverywhere {\n    signOutEverywhere {\n      ... on MutationSignOutEverywhereSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.SignOutEverywhereDocument,
    "\n  mutation SetHomeArea($input: HomeAreaInput!) {\n    setHomeArea(input: $input) {\n      ... on MutationSetHomeAreaSuccess {\n        data {\n          ...ViewerFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.SetHomeAreaDocument,
    "\n  mutation DeleteAccount($password: String!) {\n    deleteAccount(password: $password) {\n      ... on MutationDeleteAccountSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.DeleteAccountDocument,
    "\n  query UnsubscribeLink($token: String!) {\n    unsubscribeLink(token: $token) {\n      ... on QueryUnsubscribeLinkSuccess {\n        data {\n          category\n          firstName\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.UnsubscribeLinkDocument,
    "\n  mutation Unsubscribe($token: String!) {\n    unsubscribe(token: $token) {\n      ... on MutationUnsubscribeSuccess {\n        data {\n          category\n          firstName\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.UnsubscribeDocument,
    "\n  mutation ResendVerification {\n    resendVerification {\n      ... on MutationResendVerificationSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.ResendVerificationDocument,
    "\n  fragment ViewerFields on Me {\n    id\n    email\n    emailVerified\n    firstName\n    lastName\n    displayName\n    role\n    homeArea {\n      ...PlaceFields\n    }\n  }\n": typeof types.ViewerFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      ...ViewerFields\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  fragment EventSummaryFields on Event {\n    id\n    kind\n    title\n    startsAt\n    endsAt\n    venueName\n    areaLabel\n    location {\n      lat\n      lng\n    }\n    status\n    capacity\n    placesLeft\n    goingCount\n  }\n": typeof types.EventSummaryFieldsFragmentDoc,
    "\n  query Place($query: String!) {\n    place(query: $query) {\n      ... on QueryPlaceSuccess {\n        data {\n          ...PlaceFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.PlaceDocument,
    "\n  mutation CreateEvent($input: EventInput!, $publish: Boolean) {\n    createEvent(input: $input, publish: $publish) {\n      ... on MutationCreateEventSuccess {\n        data {\n          ...EventDetailFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.CreateEventDocument,
    "\n  mutation UpdateEvent($id: ID!, $input: EventInput!) {\n    updateEvent(id: $id, input: $input) {\n      ... on MutationUpdateEventSuccess {\n        data {\n          ...EventDetailFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.UpdateEventDocument,
    "\n  query EventsNear($input: EventsNearInput!, $first: Int, $after: String) {\n    eventsNear(input: $input, first: $first, after: $after) {\n      ... on EventsNearConnection {\n        origin {\n          ...PlaceFields\n          kind\n        }\n        edges {\n          cursor\n          distanceKm\n          node {\n            ...EventSummaryFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.EventsNearDocument,
    "\n  query EventsInBox($box: BoundingBoxInput!, $kinds: [EventKind!]) {\n    eventsInBox(box: $box, kinds: $kinds) {\n      ... on QueryEventsInBoxSuccess {\n        data {\n          ...MapEventFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.EventsInBoxDocument,
    "\n  subscription NewEventsNear($input: NewEventsNearInput!) {\n    newEventsNear(input: $input) {\n      ...EventSummaryFields\n    }\n  }\n": typeof types.NewEventsNearDocument,
    "\n  fragment RsvpResultFields on Rsvp {\n    id\n    status\n    guests\n    waitlistPosition\n    event {\n      ...EventDetailFields\n    }\n  }\n": typeof types.RsvpResultFieldsFragmentDoc,
    "\n  mutation Rsvp($eventId: ID!, $guests: Int) {\n    rsvp(eventId: $eventId, guests: $guests) {\n      ... on MutationRsvpSuccess {\n        data {\n          ...RsvpResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.RsvpDocument,
    "\n  mutation CancelRsvp($eventId: ID!) {\n    cancelRsvp(eventId: $eventId) {\n      ... on MutationCancelRsvpSuccess {\n        data {\n          ...RsvpResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.CancelRsvpDocument,
    "\n  fragment EventDetailFields on Event {\n    ...EventSummaryFields\n    description\n    address\n    postcode\n    addressHidden\n    region {\n      id\n      name\n    }\n    constituency {\n      code\n      name\n    }\n    waitlistCount\n    visibility\n    addressVisibility\n    organiser {\n      id\n      displayName\n    }\n    viewerCanEdit\n    viewerCanManage\n    icsUrl\n    myRsvp {\n      id\n      status\n      guests\n      waitlistPosition\n    }\n    attendees {\n      id\n      status\n      guests\n      waitlistPosition\n      createdAt\n      reconfirmedAt\n      person {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.EventDetailFieldsFragmentDoc,
    "\n  query Event($id: ID!) {\n    event(id: $id) {\n      ...EventDetailFields\n    }\n  }\n": typeof types.EventDocument,
    "\n  subscription EventLive($id: ID!) {\n    eventLive(id: $id) {\n      eventId\n      status\n      goingCount\n      waitlistCount\n      capacity\n      placesLeft\n      liftSeatsAvailable\n      liftRequestsOpen\n      at\n    }\n  }\n": typeof types.EventLiveDocument,
    "\n  mutation OfferLift($eventId: ID!, $input: LiftOfferInput!) {\n    offerLift(eventId: $eventId, input: $input) {\n      ... on MutationOfferLiftSuccess {\n        data {\n          id\n          status\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.OfferLiftDocument,
    "\n  mutation RequestLift($eventId: ID!, $input: LiftRequestInput!) {\n    requestLift(eventId: $eventId, input: $input) {\n      ... on MutationRequestLiftSuccess {\n        data {\n          id\n          status\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.RequestLiftDocument,
    "\n  mutation CancelLiftOffer($id: ID!) {\n    cancelLiftOffer(id: $id) {\n      ... on MutationCancelLiftOfferSuccess {\n        data {\n          id\n          status\n          seatsLeft\n          event {\n            id\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.CancelLiftOfferDocument,
    "\n  mutation CancelLiftRequest($id: ID!) {\n    cancelLiftRequest(id: $id) {\n      ... on MutationCancelLiftRequestSuccess {\n        data {\n          id\n          status\n          event {\n            id\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.CancelLiftRequestDocument,
    "\n  mutation AcceptLift($matchId: ID!, $pickupNote: String) {\n    acceptLift(matchId: $matchId, pickupNote: $pickupNote) {\n      ... on MutationAcceptLiftSuccess {\n        data {\n          ...LiftMatchResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.AcceptLiftDocument,
    "\n  mutation WithdrawLift($matchId: ID!) {\n    withdrawLift(matchId: $matchId) {\n      ... on MutationWithdrawLiftSuccess {\n        data {\n          ...LiftMatchResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.WithdrawLiftDocument,
    "\n  mutation SetPickupNote($matchId: ID!, $note: String) {\n    setPickupNote(matchId: $matchId, note: $note) {\n      ... on MutationSetPickupNoteSuccess {\n        data {\n          ...LiftMatchResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.SetPickupNoteDocument,
    "\n  fragment LiftOfferBaseFields on LiftOffer {\n    id\n    departAt\n    seats\n    seatsLeft\n    maxDetourKm\n    wheelchairAccessible\n    origin {\n      label\n      location {\n        lat\n        lng\n      }\n    }\n    driver {\n      id\n      displayName\n    }\n  }\n": typeof types.LiftOfferBaseFieldsFragmentDoc,
    "\n  fragment LiftOfferFields on LiftOffer {\n    ...LiftOfferBaseFields\n    status\n    returnTrip\n    notes\n    isMine\n  }\n": typeof types.LiftOfferFieldsFragmentDoc,
    "\n  fragment LiftRequestBaseFields on LiftRequest {\n    id\n    seats\n    needsWheelchair\n    origin {\n      label\n      location {\n        lat\n        lng\n      }\n    }\n    rider {\n      id\n      displayName\n    }\n  }\n": typeof types.LiftRequestBaseFieldsFragmentDoc,
    "\n  fragment LiftRequestFields on LiftRequest {\n    ...LiftRequestBaseFields\n    status\n    returnTrip\n    notes\n    isMine\n  }\n": typeof types.LiftRequestFieldsFragmentDoc,
    "\n  fragment LiftMatchFields on LiftMatch {\n    id\n    status\n    proposedBy\n    detourKm\n    viewerSide\n    viewerCanAccept\n    otherSideFullName\n    pickupDetails {\n      driverNote\n      riderNote\n    }\n  }\n": typeof types.LiftMatchFieldsFragmentDoc,
    "\n  query EventLifts($id: ID!) {\n    event(id: $id) {\n      id\n      viewerManagesLifts\n      liftSeatsAvailable\n      liftRequestsOpen\n      liftOffers {\n        id\n      }\n      liftRequests {\n        ...LiftRequestFields\n      }\n      myLiftOffer {\n        ...LiftOfferFields\n        matches {\n          ...LiftMatchFields\n          request {\n            ...LiftRequestFields\n          }\n        }\n      }\n      myLiftRequest {\n        ...LiftRequestFields\n        candidates {\n          detourKm\n          seatsLeft\n          offer {\n            ...LiftOfferFields\n          }\n        }\n        matches {\n          ...LiftMatchFields\n          offer {\n            ...LiftOfferFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.EventLiftsDocument,
    "\n  fragment LiftMatchResultFields on LiftMatch {\n    ...LiftMatchFields\n    offer {\n      id\n      status\n      seatsLeft\n      event {\n        id\n      }\n    }\n    request {\n      id\n      status\n    }\n  }\n": typeof types.LiftMatchResultFieldsFragmentDoc,
    "\n  mutation ProposeLift($offerId: ID!, $requestId: ID!) {\n    proposeLift(offerId: $offerId, requestId: $requestId) {\n      ... on MutationProposeLiftSuccess {\n        data {\n          ...LiftMatchResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.ProposeLiftDocument,
    "\n  query OrganiserLiftsEvent($id: ID!) {\n    event(id: $id) {\n      ...EventSummaryFields\n      viewerManagesLifts\n    }\n  }\n": typeof types.OrganiserLiftsEventDocument,
    "\n  query OrganiserLifts($id: ID!) {\n    event(id: $id) {\n      id\n      liftRequestsOpen\n      liftSeatsAvailable\n      liftRequests {\n        ...LiftRequestBaseFields\n        proposals {\n          id\n          detourKm\n          offer {\n            id\n            driver {\n              id\n              displayName\n            }\n          }\n        }\n        candidates {\n          detourKm\n          seatsLeft\n          offer {\n            id\n          }\n        }\n      }\n      liftOffers {\n        ...LiftOfferBaseFields\n      }\n    }\n  }\n": typeof types.OrganiserLiftsDocument,
    "\n  mutation MatchEveryone($eventId: ID!) {\n    matchEveryone(eventId: $eventId) {\n      ... on MutationMatchEveryoneSuccess {\n        data {\n          requests\n          cars\n          peopleRequested\n          peopleMatched\n          requestsMatched\n          carsUsed\n          totalDetourKm\n          greedyPeopleMatched\n          proposalsCreated\n          skippedDeclined\n          proposals {\n            id\n            status\n            detourKm\n            offer {\n              id\n              driver {\n                id\n                displayName\n              }\n              origin {\n                label\n              }\n            }\n            request {\n              ...LiftRequestBaseFields\n            }\n          }\n          unmatched {\n            ...LiftRequestBaseFields\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.MatchEveryoneDocument,
    "\n  fragment ReminderLinkFields on ReminderLink {\n    answer\n    usable\n    problem\n    eventId\n    eventTitle\n    eventStartsAt\n    eventEndsAt\n    eventArea\n    rsvpStatus\n    reconfirmed\n  }\n": typeof types.ReminderLinkFieldsFragmentDoc,
    "\n  query ReminderLink($token: String!) {\n    reminderLink(token: $token) {\n      ... on QueryReminderLinkSuccess {\n        data {\n          ...ReminderLinkFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.ReminderLinkDocument,
    "\n  mutation AnswerReminder($token: String!) {\n    answerReminder(token: $token) {\n      ... on MutationAnswerReminderSuccess {\n        data {\n          ...ReminderLinkFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.AnswerReminderDocument,
    "\n  fragment MapEventFields on Event {\n    id\n    kind\n    title\n    startsAt\n    location {\n      lat\n      lng\n    }\n  }\n": typeof types.MapEventFieldsFragmentDoc,
    "\n  fragment PlaceFields on Place {\n    label\n    location {\n      lat\n      lng\n    }\n  }\n": typeof types.PlaceFieldsFragmentDoc,
    "\n  fragment MapSeatFields on Constituency {\n    code\n    name\n    majorityPct\n  }\n": typeof types.MapSeatFieldsFragmentDoc,
    "\n  query Constituencies {\n    constituencies {\n      ...MapSeatFields\n    }\n  }\n": typeof types.ConstituenciesDocument,
    "\n  fragment NearbySeatFields on NearbySeat {\n    distanceKm\n    constituency {\n      code\n      name\n      location {\n        lat\n        lng\n      }\n      winner\n      runnerUp\n      majority\n      majorityPct\n      mpName\n      isMarginal\n      isTarget\n      upcomingCanvasses(first: $canvasses) {\n        ...EventSummaryFields\n        liftSeatsAvailable\n      }\n    }\n  }\n": typeof types.NearbySeatFieldsFragmentDoc,
    "\n  query NearestMarginals($input: NearestMarginalsInput!, $canvasses: Int) {\n    nearestMarginals(input: $input) {\n      ... on QueryNearestMarginalsSuccess {\n        data {\n          origin {\n            ...PlaceFields\n            kind\n          }\n          seats {\n            ...NearbySeatFields\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.NearestMarginalsDocument,
    "\n  query MarginalMap {\n    constituencies {\n      ...MapSeatFields\n      isMarginal\n    }\n  }\n": typeof types.MarginalMapDocument,
    "\n  fragment OrganiserMessageFields on OrganiserMessage {\n    id\n    sentAt\n    audience\n    subject\n    body\n    recipientCount\n    sender {\n      id\n      displayName\n    }\n    delivery {\n      sent\n      optedOut\n      bounced\n      unconfirmed\n      notApplicable\n      pending\n      failed\n    }\n  }\n": typeof types.OrganiserMessageFieldsFragmentDoc,
    "\n  query EventMessages($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      startsAt\n      endsAt\n      status\n      viewerCanManage\n      messageAudienceCounts {\n        going\n        waitlisted\n      }\n      messages {\n        ...OrganiserMessageFields\n      }\n    }\n  }\n": typeof types.EventMessagesDocument,
    "\n  mutation MessageAttendees($eventId: ID!, $input: MessageAttendeesInput!) {\n    messageAttendees(eventId: $eventId, input: $input) {\n      ... on MutationMessageAttendeesSuccess {\n        data {\n          ...OrganiserMessageFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.MessageAttendeesDocument,
    "\n  mutation PublishEvent($id: ID!) {\n    publishEvent(id: $id) {\n      ... on MutationPublishEventSuccess {\n        data {\n          ...EventDetailFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.PublishEventDocument,
    "\n  mutation UnpublishEvent($id: ID!) {\n    unpublishEvent(id: $id) {\n      ... on MutationUnpublishEventSuccess {\n        data {\n          ...EventDetailFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.UnpublishEventDocument,
    "\n  mutation CancelEvent($id: ID!) {\n    cancelEvent(id: $id) {\n      ... on MutationCancelEventSuccess {\n        data {\n          ...EventDetailFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.CancelEventDocument,
    "\n  fragment ErrorFields on Error {\n    message\n    ... on ValidationError {\n      fieldErrors {\n        path\n        message\n      }\n    }\n  }\n": typeof types.ErrorFieldsFragmentDoc,
};
const documents: Documents = {
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ... on MutationSignUpSuccess {\n        data {\n          email\n          message\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      ... on MutationSignInSuccess {\n        data {\n          ...ViewerFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.SignInDocument,
    "\n  mutation ConfirmSignUp($token: String!, $password: String) {\n    confirmSignUp(token: $token, password: $password) {\n      ... on MutationConfirmSignUpSuccess {\n        data {\n          ...ViewerFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.ConfirmSignUpDocument,
    "\n  fragment MailPreferencesFields on Me {\n    id\n    mailPreferences {\n      bookings\n      reminders\n      lifts\n      organiser\n      digest\n      bounced\n    }\n  }\n": types.MailPreferencesFieldsFragmentDoc,
    "\n  query MyMailPreferences {\n    me {\n      ...MailPreferencesFields\n      email\n      homeArea {\n        label\n      }\n    }\n  }\n": types.MyMailPreferencesDocument,
    "\n  mutation SetMailPreferences($input: MailPreferencesInput!) {\n    setMailPreferences(input: $input) {\n      ... on MutationSetMailPreferencesSuccess {\n        data {\n          ...MailPreferencesFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.SetMailPreferencesDocument,
    "\n  mutation ResumeMail {\n    resumeMail {\n      ... on MutationResumeMailSuccess {\n        data {\n          ...MailPreferencesFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.ResumeMailDocument,
    "\n  mutation RequestPasswordReset($input: PasswordResetRequestInput!) {\n    requestPasswordReset(input: $input) {\n      ... on MutationRequestPasswordResetSuccess {\n        data {\n          message\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($input: PasswordResetInput!) {\n    resetPassword(input: $input) {\n      ... on MutationResetPasswordSuccess {\n        data {\n          ...ViewerFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.ResetPasswordDocument,
    "\n  query MyPlans {\n    me {\n      ...ViewerFields\n      calendarFeedUrl\n      plans {\n        id\n        status\n        guests\n        waitlistPosition\n        event {\n          ...EventSummaryFields\n        }\n      }\n      organisedEvents {\n        ...EventSummaryFields\n        waitlistCount\n      }\n    }\n  }\n": types.MyPlansDocument,
    "\n  mutation RotateCalendarFeed {\n    rotateCalendarFeed {\n      ... on MutationRotateCalendarFeedSuccess {\n        data {\n          id\n          calendarFeedUrl\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.RotateCalendarFeedDocument,
    "\n  mutation SignOutEverywhere {\n    signOutEverywhere {\n      ... on MutationSignOutEverywhereSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n": types.SignOutEverywhereDocument,
    "\n  mutation SetHomeArea($input: HomeAreaInput!) {\n    setHomeArea(input: $input) {\n      ... on MutationSetHomeAreaSuccess {\n        data {\n          ...ViewerFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.SetHomeAreaDocument,
    "\n  mutation DeleteAccount($password: String!) {\n    deleteAccount(password: $password) {\n      ... on MutationDeleteAccountSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n": types.DeleteAccountDocument,
    "\n  query UnsubscribeLink($token: String!) {\n    unsubscribeLink(token: $token) {\n      ... on QueryUnsubscribeLinkSuccess {\n        data {\n          category\n          firstName\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.UnsubscribeLinkDocument,
    "\n  mutation Unsubscribe($token: String!) {\n    unsubscribe(token: $token) {\n      ... on MutationUnsubscribeSuccess {\n        data {\n          category\n          firstName\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.UnsubscribeDocument,
    "\n  mutation ResendVerification {\n    resendVerification {\n      ... on MutationResendVerificationSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n": types.ResendVerificationDocument,
    "\n  fragment ViewerFields on Me {\n    id\n    email\n    emailVerified\n    firstName\n    lastName\n    displayName\n    role\n    homeArea {\n      ...PlaceFields\n    }\n  }\n": types.ViewerFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      ...ViewerFields\n    }\n  }\n": types.MeDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  fragment EventSummaryFields on Event {\n    id\n    kind\n    title\n    startsAt\n    endsAt\n    venueName\n    areaLabel\n    location {\n      lat\n      lng\n    }\n    status\n    capacity\n    placesLeft\n    goingCount\n  }\n": types.EventSummaryFieldsFragmentDoc,
    "\n  query Place($query: String!) {\n    place(query: $query) {\n      ... on QueryPlaceSuccess {\n        data {\n          ...PlaceFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.PlaceDocument,
    "\n  mutation CreateEvent($input: EventInput!, $publish: Boolean) {\n    createEvent(input: $input, publish: $publish) {\n      ... on MutationCreateEventSuccess {\n        data {\n          ...EventDetailFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.CreateEventDocument,
    "\n  mutation UpdateEvent($id: ID!, $input: EventInput!) {\n    updateEvent(id: $id, input: $input) {\n      ... on MutationUpdateEventSuccess {\n        data {\n          ...EventDetailFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.UpdateEventDocument,
    "\n  query EventsNear($input: EventsNearInput!, $first: Int, $after: String) {\n    eventsNear(input: $input, first: $first, after: $after) {\n      ... on EventsNearConnection {\n        origin {\n          ...PlaceFields\n          kind\n        }\n        edges {\n          cursor\n          distanceKm\n          node {\n            ...EventSummaryFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.EventsNearDocument,
    "\n  query EventsInBox($box: BoundingBoxInput!, $kinds: [EventKind!]) {\n    eventsInBox(box: $box, kinds: $kinds) {\n      ... on QueryEventsInBoxSuccess {\n        data {\n          ...MapEventFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.EventsInBoxDocument,
    "\n  subscription NewEventsNear($input: NewEventsNearInput!) {\n    newEventsNear(input: $input) {\n      ...EventSummaryFields\n    }\n  }\n": types.NewEventsNearDocument,
    "\n  fragment RsvpResultFields on Rsvp {\n    id\n    status\n    guests\n    waitlistPosition\n    event {\n      ...EventDetailFields\n    }\n  }\n": types.RsvpResultFieldsFragmentDoc,
    "\n  mutation Rsvp($eventId: ID!, $guests: Int) {\n    rsvp(eventId: $eventId, guests: $guests) {\n      ... on MutationRsvpSuccess {\n        data {\n          ...RsvpResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.RsvpDocument,
    "\n  mutation CancelRsvp($eventId: ID!) {\n    cancelRsvp(eventId: $eventId) {\n      ... on MutationCancelRsvpSuccess {\n        data {\n          ...RsvpResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.CancelRsvpDocument,
    "\n  fragment EventDetailFields on Event {\n    ...EventSummaryFields\n    description\n    address\n    postcode\n    addressHidden\n    region {\n      id\n      name\n    }\n    constituency {\n      code\n      name\n    }\n    waitlistCount\n    visibility\n    addressVisibility\n    organiser {\n      id\n      displayName\n    }\n    viewerCanEdit\n    viewerCanManage\n    icsUrl\n    myRsvp {\n      id\n      status\n      guests\n      waitlistPosition\n    }\n    attendees {\n      id\n      status\n      guests\n      waitlistPosition\n      createdAt\n      reconfirmedAt\n      person {\n        id\n        displayName\n      }\n    }\n  }\n": types.EventDetailFieldsFragmentDoc,
    "\n  query Event($id: ID!) {\n    event(id: $id) {\n      ...EventDetailFields\n    }\n  }\n": types.EventDocument,
    "\n  subscription EventLive($id: ID!) {\n    eventLive(id: $id) {\n      eventId\n      status\n      goingCount\n      waitlistCount\n      capacity\n      placesLeft\n      liftSeatsAvailable\n      liftRequestsOpen\n      at\n    }\n  }\n": types.EventLiveDocument,
    "\n  mutation OfferLift($eventId: ID!, $input: LiftOfferInput!) {\n    offerLift(eventId: $eventId, input: $input) {\n      ... on MutationOfferLiftSuccess {\n        data {\n          id\n          status\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.OfferLiftDocument,
    "\n  mutation RequestLift($eventId: ID!, $input: LiftRequestInput!) {\n    requestLift(eventId: $eventId, input: $input) {\n      ... on MutationRequestLiftSuccess {\n        data {\n          id\n          status\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.RequestLiftDocument,
    "\n  mutation CancelLiftOffer($id: ID!) {\n    cancelLiftOffer(id: $id) {\n      ... on MutationCancelLiftOfferSuccess {\n        data {\n          id\n          status\n          seatsLeft\n          event {\n            id\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.CancelLiftOfferDocument,
    "\n  mutation CancelLiftRequest($id: ID!) {\n    cancelLiftRequest(id: $id) {\n      ... on MutationCancelLiftRequestSuccess {\n        data {\n          id\n          status\n          event {\n            id\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.CancelLiftRequestDocument,
    "\n  mutation AcceptLift($matchId: ID!, $pickupNote: String) {\n    acceptLift(matchId: $matchId, pickupNote: $pickupNote) {\n      ... on MutationAcceptLiftSuccess {\n        data {\n          ...LiftMatchResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.AcceptLiftDocument,
    "\n  mutation WithdrawLift($matchId: ID!) {\n    withdrawLift(matchId: $matchId) {\n      ... on MutationWithdrawLiftSuccess {\n        data {\n          ...LiftMatchResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.WithdrawLiftDocument,
    "\n  mutation SetPickupNote($matchId: ID!, $note: String) {\n    setPickupNote(matchId: $matchId, note: $note) {\n      ... on MutationSetPickupNoteSuccess {\n        data {\n          ...LiftMatchResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.SetPickupNoteDocument,
    "\n  fragment LiftOfferBaseFields on LiftOffer {\n    id\n    departAt\n    seats\n    seatsLeft\n    maxDetourKm\n    wheelchairAccessible\n    origin {\n      label\n      location {\n        lat\n        lng\n      }\n    }\n    driver {\n      id\n      displayName\n    }\n  }\n": types.LiftOfferBaseFieldsFragmentDoc,
    "\n  fragment LiftOfferFields on LiftOffer {\n    ...LiftOfferBaseFields\n    status\n    returnTrip\n    notes\n    isMine\n  }\n": types.LiftOfferFieldsFragmentDoc,
    "\n  fragment LiftRequestBaseFields on LiftRequest {\n    id\n    seats\n    needsWheelchair\n    origin {\n      label\n      location {\n        lat\n        lng\n      }\n    }\n    rider {\n      id\n      displayName\n    }\n  }\n": types.LiftRequestBaseFieldsFragmentDoc,
    "\n  fragment LiftRequestFields on LiftRequest {\n    ...LiftRequestBaseFields\n    status\n    returnTrip\n    notes\n    isMine\n  }\n": types.LiftRequestFieldsFragmentDoc,
    "\n  fragment LiftMatchFields on LiftMatch {\n    id\n    status\n    proposedBy\n    detourKm\n    viewerSide\n    viewerCanAccept\n    otherSideFullName\n    pickupDetails {\n      driverNote\n      riderNote\n    }\n  }\n": types.LiftMatchFieldsFragmentDoc,
    "\n  query EventLifts($id: ID!) {\n    event(id: $id) {\n      id\n      viewerManagesLifts\n      liftSeatsAvailable\n      liftRequestsOpen\n      liftOffers {\n        id\n      }\n      liftRequests {\n        ...LiftRequestFields\n      }\n      myLiftOffer {\n        ...LiftOfferFields\n        matches {\n          ...LiftMatchFields\n          request {\n            ...LiftRequestFields\n          }\n        }\n      }\n      myLiftRequest {\n        ...LiftRequestFields\n        candidates {\n          detourKm\n          seatsLeft\n          offer {\n            ...LiftOfferFields\n          }\n        }\n        matches {\n          ...LiftMatchFields\n          offer {\n            ...LiftOfferFields\n          }\n        }\n      }\n    }\n  }\n": types.EventLiftsDocument,
    "\n  fragment LiftMatchResultFields on LiftMatch {\n    ...LiftMatchFields\n    offer {\n      id\n      status\n      seatsLeft\n      event {\n        id\n      }\n    }\n    request {\n      id\n      status\n    }\n  }\n": types.LiftMatchResultFieldsFragmentDoc,
    "\n  mutation ProposeLift($offerId: ID!, $requestId: ID!) {\n    proposeLift(offerId: $offerId, requestId: $requestId) {\n      ... on MutationProposeLiftSuccess {\n        data {\n          ...LiftMatchResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.ProposeLiftDocument,
    "\n  query OrganiserLiftsEvent($id: ID!) {\n    event(id: $id) {\n      ...EventSummaryFields\n      viewerManagesLifts\n    }\n  }\n": types.OrganiserLiftsEventDocument,
    "\n  query OrganiserLifts($id: ID!) {\n    event(id: $id) {\n      id\n      liftRequestsOpen\n      liftSeatsAvailable\n      liftRequests {\n        ...LiftRequestBaseFields\n        proposals {\n          id\n          detourKm\n          offer {\n            id\n            driver {\n              id\n              displayName\n            }\n          }\n        }\n        candidates {\n          detourKm\n          seatsLeft\n          offer {\n            id\n          }\n        }\n      }\n      liftOffers {\n        ...LiftOfferBaseFields\n      }\n    }\n  }\n": types.OrganiserLiftsDocument,
    "\n  mutation MatchEveryone($eventId: ID!) {\n    matchEveryone(eventId: $eventId) {\n      ... on MutationMatchEveryoneSuccess {\n        data {\n          requests\n          cars\n          peopleRequested\n          peopleMatched\n          requestsMatched\n          carsUsed\n          totalDetourKm\n          greedyPeopleMatched\n          proposalsCreated\n          skippedDeclined\n          proposals {\n            id\n            status\n            detourKm\n            offer {\n              id\n              driver {\n                id\n                displayName\n              }\n              origin {\n                label\n              }\n            }\n            request {\n              ...LiftRequestBaseFields\n            }\n          }\n          unmatched {\n            ...LiftRequestBaseFields\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.MatchEveryoneDocument,
    "\n  fragment ReminderLinkFields on ReminderLink {\n    answer\n    usable\n    problem\n    eventId\n    eventTitle\n    eventStartsAt\n    eventEndsAt\n    eventArea\n    rsvpStatus\n    reconfirmed\n  }\n": types.ReminderLinkFieldsFragmentDoc,
    "\n  query ReminderLink($token: String!) {\n    reminderLink(token: $token) {\n      ... on QueryReminderLinkSuccess {\n        data {\n          ...ReminderLinkFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.ReminderLinkDocument,
    "\n  mutation AnswerReminder($token: String!) {\n    answerReminder(token: $token) {\n      ... on MutationAnswerReminderSuccess {\n        data {\n          ...ReminderLinkFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.AnswerReminderDocument,
    "\n  fragment MapEventFields on Event {\n    id\n    kind\n    title\n    startsAt\n    location {\n      lat\n      lng\n    }\n  }\n": types.MapEventFieldsFragmentDoc,
    "\n  fragment PlaceFields on Place {\n    label\n    location {\n      lat\n      lng\n    }\n  }\n": types.PlaceFieldsFragmentDoc,
    "\n  fragment MapSeatFields on Constituency {\n    code\n    name\n    majorityPct\n  }\n": types.MapSeatFieldsFragmentDoc,
    "\n  query Constituencies {\n    constituencies {\n      ...MapSeatFields\n    }\n  }\n": types.ConstituenciesDocument,
    "\n  fragment NearbySeatFields on NearbySeat {\n    distanceKm\n    constituency {\n      code\n      name\n      location {\n        lat\n        lng\n      }\n      winner\n      runnerUp\n      majority\n      majorityPct\n      mpName\n      isMarginal\n      isTarget\n      upcomingCanvasses(first: $canvasses) {\n        ...EventSummaryFields\n        liftSeatsAvailable\n      }\n    }\n  }\n": types.NearbySeatFieldsFragmentDoc,
    "\n  query NearestMarginals($input: NearestMarginalsInput!, $canvasses: Int) {\n    nearestMarginals(input: $input) {\n      ... on QueryNearestMarginalsSuccess {\n        data {\n          origin {\n            ...PlaceFields\n            kind\n          }\n          seats {\n            ...NearbySeatFields\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.NearestMarginalsDocument,
    "\n  query MarginalMap {\n    constituencies {\n      ...MapSeatFields\n      isMarginal\n    }\n  }\n": types.MarginalMapDocument,
    "\n  fragment OrganiserMessageFields on OrganiserMessage {\n    id\n    sentAt\n    audience\n    subject\n    body\n    recipientCount\n    sender {\n      id\n      displayName\n    }\n    delivery {\n      sent\n      optedOut\n      bounced\n      unconfirmed\n      notApplicable\n      pending\n      failed\n    }\n  }\n": types.OrganiserMessageFieldsFragmentDoc,
    "\n  query EventMessages($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      startsAt\n      endsAt\n      status\n      viewerCanManage\n      messageAudienceCounts {\n        going\n        waitlisted\n      }\n      messages {\n        ...OrganiserMessageFields\n      }\n    }\n  }\n": types.EventMessagesDocument,
    "\n  mutation MessageAttendees($eventId: ID!, $input: MessageAttendeesInput!) {\n    messageAttendees(eventId: $eventId, input: $input) {\n      ... on MutationMessageAttendeesSuccess {\n        data {\n          ...OrganiserMessageFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.MessageAttendeesDocument,
    "\n  mutation PublishEvent($id: ID!) {\n    publishEvent(id: $id) {\n      ... on MutationPublishEventSuccess {\n        data {\n          ...EventDetailFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.PublishEventDocument,
    "\n  mutation UnpublishEvent($id: ID!) {\n    unpublishEvent(id: $id) {\n      ... on MutationUnpublishEventSuccess {\n        data {\n          ...EventDetailFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.UnpublishEventDocument,
    "\n  mutation CancelEvent($id: ID!) {\n    cancelEvent(id: $id) {\n      ... on MutationCancelEventSuccess {\n        data {\n          ...EventDetailFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.CancelEventDocument,
    "\n  fragment ErrorFields on Error {\n    message\n    ... on ValidationError {\n      fieldErrors {\n        path\n        message\n      }\n    }\n  }\n": types.ErrorFieldsFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ... on MutationSignUpSuccess {\n        data {\n          email\n          message\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ... on MutationSignUpSuccess {\n        data {\n          email\n          message\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      ... on MutationSignInSuccess {\n        data {\n          ...ViewerFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      ... on MutationSignInSuccess {\n        data {\n          ...ViewerFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmSignUp($token: String!, $password: String) {\n    confirmSignUp(token: $token, password: $password) {\n      ... on MutationConfirmSignUpSuccess {\n        data {\n          ...ViewerFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmSignUp($token: String!, $password: String) {\n    confirmSignUp(token: $token, password: $password) {\n      ... on MutationConfirmSignUpSuccess {\n        data {\n          ...ViewerFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MailPreferencesFields on Me {\n    id\n    mailPreferences {\n      bookings\n      reminders\n      lifts\n      organiser\n      digest\n      bounced\n    }\n  }\n"): (typeof documents)["\n  fragment MailPreferencesFields on Me {\n    id\n    mailPreferences {\n      bookings\n      reminders\n      lifts\n      organiser\n      digest\n      bounced\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyMailPreferences {\n    me {\n      ...MailPreferencesFields\n      email\n      homeArea {\n        label\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyMailPreferences {\n    me {\n      ...MailPreferencesFields\n      email\n      homeArea {\n        label\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetMailPreferences($input: MailPreferencesInput!) {\n    setMailPreferences(input: $input) {\n      ... on MutationSetMailPreferencesSuccess {\n        data {\n          ...MailPreferencesFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetMailPreferences($input: MailPreferencesInput!) {\n    setMailPreferences(input: $input) {\n      ... on MutationSetMailPreferencesSuccess {\n        data {\n          ...MailPreferencesFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResumeMail {\n    resumeMail {\n      ... on MutationResumeMailSuccess {\n        data {\n          ...MailPreferencesFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation ResumeMail {\n    resumeMail {\n      ... on MutationResumeMailSuccess {\n        data {\n          ...MailPreferencesFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($input: PasswordResetRequestInput!) {\n    requestPasswordReset(input: $input) {\n      ... on MutationRequestPasswordResetSuccess {\n        data {\n          message\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($input: PasswordResetRequestInput!) {\n    requestPasswordReset(input: $input) {\n      ... on MutationRequestPasswordResetSuccess {\n        data {\n          message\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($input: PasswordResetInput!) {\n    resetPassword(input: $input) {\n      ... on MutationResetPasswordSuccess {\n        data {\n          ...ViewerFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation ResetPassword($input: PasswordResetInput!) {\n    resetPassword(input: $input) {\n      ... on MutationResetPasswordSuccess {\n        data {\n          ...ViewerFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPlans {\n    me {\n      ...ViewerFields\n      calendarFeedUrl\n      plans {\n        id\n        status\n        guests\n        waitlistPosition\n        event {\n          ...EventSummaryFields\n        }\n      }\n      organisedEvents {\n        ...EventSummaryFields\n        waitlistCount\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyPlans {\n    me {\n      ...ViewerFields\n      calendarFeedUrl\n      plans {\n        id\n        status\n        guests\n        waitlistPosition\n        event {\n          ...EventSummaryFields\n        }\n      }\n      organisedEvents {\n        ...EventSummaryFields\n        waitlistCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateCalendarFeed {\n    rotateCalendarFeed {\n      ... on MutationRotateCalendarFeedSuccess {\n        data {\n          id\n          calendarFeedUrl\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation RotateCalendarFeed {\n    rotateCalendarFeed {\n      ... on MutationRotateCalendarFeedSuccess {\n        data {\n          id\n          calendarFeedUrl\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOutEverywhere {\n    signOutEverywhere {\n      ... on MutationSignOutEverywhereSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation SignOutEverywhere {\n    signOutEverywhere {\n      ... on MutationSignOutEverywhereSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetHomeArea($input: HomeAreaInput!) {\n    setHomeArea(input: $input) {\n      ... on MutationSetHomeAreaSuccess {\n        data {\n          ...ViewerFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetHomeArea($input: HomeAreaInput!) {\n    setHomeArea(input: $input) {\n      ... on MutationSetHomeAreaSuccess {\n        data {\n          ...ViewerFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteAccount($password: String!) {\n    deleteAccount(password: $password) {\n      ... on MutationDeleteAccountSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteAccount($password: String!) {\n    deleteAccount(password: $password) {\n      ... on MutationDeleteAccountSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnsubscribeLink($token: String!) {\n    unsubscribeLink(token: $token) {\n      ... on QueryUnsubscribeLinkSuccess {\n        data {\n          category\n          firstName\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  query UnsubscribeLink($token: String!) {\n    unsubscribeLink(token: $token) {\n      ... on QueryUnsubscribeLinkSuccess {\n        data {\n          category\n          firstName\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Unsubscribe($token: String!) {\n    unsubscribe(token: $token) {\n      ... on MutationUnsubscribeSuccess {\n        data {\n          category\n          firstName\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation Unsubscribe($token: String!) {\n    unsubscribe(token: $token) {\n      ... on MutationUnsubscribeSuccess {\n        data {\n          category\n          firstName\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResendVerification {\n    resendVerification {\n      ... on MutationResendVerificationSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation ResendVerification {\n    resendVerification {\n      ... on MutationResendVerificationSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ViewerFields on Me {\n    id\n    email\n    emailVerified\n    firstName\n    lastName\n    displayName\n    role\n    homeArea {\n      ...PlaceFields\n    }\n  }\n"): (typeof documents)["\n  fragment ViewerFields on Me {\n    id\n    email\n    emailVerified\n    firstName\n    lastName\n    displayName\n    role\n    homeArea {\n      ...PlaceFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      ...ViewerFields\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      ...ViewerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EventSummaryFields on Event {\n    id\n    kind\n    title\n    startsAt\n    endsAt\n    venueName\n    areaLabel\n    location {\n      lat\n      lng\n    }\n    status\n    capacity\n    placesLeft\n    goingCount\n  }\n"): (typeof documents)["\n  fragment EventSummaryFields on Event {\n    id\n    kind\n    title\n    startsAt\n    endsAt\n    venueName\n    areaLabel\n    location {\n      lat\n      lng\n    }\n    status\n    capacity\n    placesLeft\n    goingCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Place($query: String!) {\n    place(query: $query) {\n      ... on QueryPlaceSuccess {\n        data {\n          ...PlaceFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  query Place($query: String!) {\n    place(query: $query) {\n      ... on QueryPlaceSuccess {\n        data {\n          ...PlaceFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateEvent($input: EventInput!, $publish: Boolean) {\n    createEvent(input: $input, publish: $publish) {\n      ... on MutationCreateEventSuccess {\n        data {\n          ...EventDetailFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateEvent($input: EventInput!, $publish: Boolean) {\n    createEvent(input: $input, publish: $publish) {\n      ... on MutationCreateEventSuccess {\n        data {\n          ...EventDetailFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateEvent($id: ID!, $input: EventInput!) {\n    updateEvent(id: $id, input: $input) {\n      ... on MutationUpdateEventSuccess {\n        data {\n          ...EventDetailFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateEvent($id: ID!, $input: EventInput!) {\n    updateEvent(id: $id, input: $input) {\n      ... on MutationUpdateEventSuccess {\n        data {\n          ...EventDetailFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventsNear($input: EventsNearInput!, $first: Int, $after: String) {\n    eventsNear(input: $input, first: $first, after: $after) {\n      ... on EventsNearConnection {\n        origin {\n          ...PlaceFields\n          kind\n        }\n        edges {\n          cursor\n          distanceKm\n          node {\n            ...EventSummaryFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  query EventsNear($input: EventsNearInput!, $first: Int, $after: String) {\n    eventsNear(input: $input, first: $first, after: $after) {\n      ... on EventsNearConnection {\n        origin {\n          ...PlaceFields\n          kind\n        }\n        edges {\n          cursor\n          distanceKm\n          node {\n            ...EventSummaryFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventsInBox($box: BoundingBoxInput!, $kinds: [EventKind!]) {\n    eventsInBox(box: $box, kinds: $kinds) {\n      ... on QueryEventsInBoxSuccess {\n        data {\n          ...MapEventFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  query EventsInBox($box: BoundingBoxInput!, $kinds: [EventKind!]) {\n    eventsInBox(box: $box, kinds: $kinds) {\n      ... on QueryEventsInBoxSuccess {\n        data {\n          ...MapEventFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription NewEventsNear($input: NewEventsNearInput!) {\n    newEventsNear(input: $input) {\n      ...EventSummaryFields\n    }\n  }\n"): (typeof documents)["\n  subscription NewEventsNear($input: NewEventsNearInput!) {\n    newEventsNear(input: $input) {\n      ...EventSummaryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RsvpResultFields on Rsvp {\n    id\n    status\n    guests\n    waitlistPosition\n    event {\n      ...EventDetailFields\n    }\n  }\n"): (typeof documents)["\n  fragment RsvpResultFields on Rsvp {\n    id\n    status\n    guests\n    waitlistPosition\n    event {\n      ...EventDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Rsvp($eventId: ID!, $guests: Int) {\n    rsvp(eventId: $eventId, guests: $guests) {\n      ... on MutationRsvpSuccess {\n        data {\n          ...RsvpResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation Rsvp($eventId: ID!, $guests: Int) {\n    rsvp(eventId: $eventId, guests: $guests) {\n      ... on MutationRsvpSuccess {\n        data {\n          ...RsvpResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelRsvp($eventId: ID!) {\n    cancelRsvp(eventId: $eventId) {\n      ... on MutationCancelRsvpSuccess {\n        data {\n          ...RsvpResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation CancelRsvp($eventId: ID!) {\n    cancelRsvp(eventId: $eventId) {\n      ... on MutationCancelRsvpSuccess {\n        data {\n          ...RsvpResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EventDetailFields on Event {\n    ...EventSummaryFields\n    description\n    address\n    postcode\n    addressHidden\n    region {\n      id\n      name\n    }\n    constituency {\n      code\n      name\n    }\n    waitlistCount\n    visibility\n    addressVisibility\n    organiser {\n      id\n      displayName\n    }\n    viewerCanEdit\n    viewerCanManage\n    icsUrl\n    myRsvp {\n      id\n      status\n      guests\n      waitlistPosition\n    }\n    attendees {\n      id\n      status\n      guests\n      waitlistPosition\n      createdAt\n      reconfirmedAt\n      person {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment EventDetailFields on Event {\n    ...EventSummaryFields\n    description\n    address\n    postcode\n    addressHidden\n    region {\n      id\n      name\n    }\n    constituency {\n      code\n      name\n    }\n    waitlistCount\n    visibility\n    addressVisibility\n    organiser {\n      id\n      displayName\n    }\n    viewerCanEdit\n    viewerCanManage\n    icsUrl\n    myRsvp {\n      id\n      status\n      guests\n      waitlistPosition\n    }\n    attendees {\n      id\n      status\n      guests\n      waitlistPosition\n      createdAt\n      reconfirmedAt\n      person {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Event($id: ID!) {\n    event(id: $id) {\n      ...EventDetailFields\n    }\n  }\n"): (typeof documents)["\n  query Event($id: ID!) {\n    event(id: $id) {\n      ...EventDetailFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EventLive($id: ID!) {\n    eventLive(id: $id) {\n      eventId\n      status\n      goingCount\n      waitlistCount\n      capacity\n      placesLeft\n      liftSeatsAvailable\n      liftRequestsOpen\n      at\n    }\n  }\n"): (typeof documents)["\n  subscription EventLive($id: ID!) {\n    eventLive(id: $id) {\n      eventId\n      status\n      goingCount\n      waitlistCount\n      capacity\n      placesLeft\n      liftSeatsAvailable\n      liftRequestsOpen\n      at\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OfferLift($eventId: ID!, $input: LiftOfferInput!) {\n    offerLift(eventId: $eventId, input: $input) {\n      ... on MutationOfferLiftSuccess {\n        data {\n          id\n          status\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation OfferLift($eventId: ID!, $input: LiftOfferInput!) {\n    offerLift(eventId: $eventId, input: $input) {\n      ... on MutationOfferLiftSuccess {\n        data {\n          id\n          status\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestLift($eventId: ID!, $input: LiftRequestInput!) {\n    requestLift(eventId: $eventId, input: $input) {\n      ... on MutationRequestLiftSuccess {\n        data {\n          id\n          status\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation RequestLift($eventId: ID!, $input: LiftRequestInput!) {\n    requestLift(eventId: $eventId, input: $input) {\n      ... on MutationRequestLiftSuccess {\n        data {\n          id\n          status\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelLiftOffer($id: ID!) {\n    cancelLiftOffer(id: $id) {\n      ... on MutationCancelLiftOfferSuccess {\n        data {\n          id\n          status\n          seatsLeft\n          event {\n            id\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation CancelLiftOffer($id: ID!) {\n    cancelLiftOffer(id: $id) {\n      ... on MutationCancelLiftOfferSuccess {\n        data {\n          id\n          status\n          seatsLeft\n          event {\n            id\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelLiftRequest($id: ID!) {\n    cancelLiftRequest(id: $id) {\n      ... on MutationCancelLiftRequestSuccess {\n        data {\n          id\n          status\n          event {\n            id\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation CancelLiftRequest($id: ID!) {\n    cancelLiftRequest(id: $id) {\n      ... on MutationCancelLiftRequestSuccess {\n        data {\n          id\n          status\n          event {\n            id\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptLift($matchId: ID!, $pickupNote: String) {\n    acceptLift(matchId: $matchId, pickupNote: $pickupNote) {\n      ... on MutationAcceptLiftSuccess {\n        data {\n          ...LiftMatchResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptLift($matchId: ID!, $pickupNote: String) {\n    acceptLift(matchId: $matchId, pickupNote: $pickupNote) {\n      ... on MutationAcceptLiftSuccess {\n        data {\n          ...LiftMatchResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawLift($matchId: ID!) {\n    withdrawLift(matchId: $matchId) {\n      ... on MutationWithdrawLiftSuccess {\n        data {\n          ...LiftMatchResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation WithdrawLift($matchId: ID!) {\n    withdrawLift(matchId: $matchId) {\n      ... on MutationWithdrawLiftSuccess {\n        data {\n          ...LiftMatchResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPickupNote($matchId: ID!, $note: String) {\n    setPickupNote(matchId: $matchId, note: $note) {\n      ... on MutationSetPickupNoteSuccess {\n        data {\n          ...LiftMatchResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetPickupNote($matchId: ID!, $note: String) {\n    setPickupNote(matchId: $matchId, note: $note) {\n      ... on MutationSetPickupNoteSuccess {\n        data {\n          ...LiftMatchResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiftOfferBaseFields on LiftOffer {\n    id\n    departAt\n    seats\n    seatsLeft\n    maxDetourKm\n    wheelchairAccessible\n    origin {\n      label\n      location {\n        lat\n        lng\n      }\n    }\n    driver {\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  fragment LiftOfferBaseFields on LiftOffer {\n    id\n    departAt\n    seats\n    seatsLeft\n    maxDetourKm\n    wheelchairAccessible\n    origin {\n      label\n      location {\n        lat\n        lng\n      }\n    }\n    driver {\n      id\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiftOfferFields on LiftOffer {\n    ...LiftOfferBaseFields\n    status\n    returnTrip\n    notes\n    isMine\n  }\n"): (typeof documents)["\n  fragment LiftOfferFields on LiftOffer {\n    ...LiftOfferBaseFields\n    status\n    returnTrip\n    notes\n    isMine\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiftRequestBaseFields on LiftRequest {\n    id\n    seats\n    needsWheelchair\n    origin {\n      label\n      location {\n        lat\n        lng\n      }\n    }\n    rider {\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  fragment LiftRequestBaseFields on LiftRequest {\n    id\n    seats\n    needsWheelchair\n    origin {\n      label\n      location {\n        lat\n        lng\n      }\n    }\n    rider {\n      id\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiftRequestFields on LiftRequest {\n    ...LiftRequestBaseFields\n    status\n    returnTrip\n    notes\n    isMine\n  }\n"): (typeof documents)["\n  fragment LiftRequestFields on LiftRequest {\n    ...LiftRequestBaseFields\n    status\n    returnTrip\n    notes\n    isMine\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiftMatchFields on LiftMatch {\n    id\n    status\n    proposedBy\n    detourKm\n    viewerSide\n    viewerCanAccept\n    otherSideFullName\n    pickupDetails {\n      driverNote\n      riderNote\n    }\n  }\n"): (typeof documents)["\n  fragment LiftMatchFields on LiftMatch {\n    id\n    status\n    proposedBy\n    detourKm\n    viewerSide\n    viewerCanAccept\n    otherSideFullName\n    pickupDetails {\n      driverNote\n      riderNote\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventLifts($id: ID!) {\n    event(id: $id) {\n      id\n      viewerManagesLifts\n      liftSeatsAvailable\n      liftRequestsOpen\n      liftOffers {\n        id\n      }\n      liftRequests {\n        ...LiftRequestFields\n      }\n      myLiftOffer {\n        ...LiftOfferFields\n        matches {\n          ...LiftMatchFields\n          request {\n            ...LiftRequestFields\n          }\n        }\n      }\n      myLiftRequest {\n        ...LiftRequestFields\n        candidates {\n          detourKm\n          seatsLeft\n          offer {\n            ...LiftOfferFields\n          }\n        }\n        matches {\n          ...LiftMatchFields\n          offer {\n            ...LiftOfferFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query EventLifts($id: ID!) {\n    event(id: $id) {\n      id\n      viewerManagesLifts\n      liftSeatsAvailable\n      liftRequestsOpen\n      liftOffers {\n        id\n      }\n      liftRequests {\n        ...LiftRequestFields\n      }\n      myLiftOffer {\n        ...LiftOfferFields\n        matches {\n          ...LiftMatchFields\n          request {\n            ...LiftRequestFields\n          }\n        }\n      }\n      myLiftRequest {\n        ...LiftRequestFields\n        candidates {\n          detourKm\n          seatsLeft\n          offer {\n            ...LiftOfferFields\n          }\n        }\n        matches {\n          ...LiftMatchFields\n          offer {\n            ...LiftOfferFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiftMatchResultFields on LiftMatch {\n    ...LiftMatchFields\n    offer {\n      id\n      status\n      seatsLeft\n      event {\n        id\n      }\n    }\n    request {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  fragment LiftMatchResultFields on LiftMatch {\n    ...LiftMatchFields\n    offer {\n      id\n      status\n      seatsLeft\n      event {\n        id\n      }\n    }\n    request {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProposeLift($offerId: ID!, $requestId: ID!) {\n    proposeLift(offerId: $offerId, requestId: $requestId) {\n      ... on MutationProposeLiftSuccess {\n        data {\n          ...LiftMatchResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation ProposeLift($offerId: ID!, $requestId: ID!) {\n    proposeLift(offerId: $offerId, requestId: $requestId) {\n      ... on MutationProposeLiftSuccess {\n        data {\n          ...LiftMatchResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganiserLiftsEvent($id: ID!) {\n    event(id: $id) {\n      ...EventSummaryFields\n      viewerManagesLifts\n    }\n  }\n"): (typeof documents)["\n  query OrganiserLiftsEvent($id: ID!) {\n    event(id: $id) {\n      ...EventSummaryFields\n      viewerManagesLifts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganiserLifts($id: ID!) {\n    event(id: $id) {\n      id\n      liftRequestsOpen\n      liftSeatsAvailable\n      liftRequests {\n        ...LiftRequestBaseFields\n        proposals {\n          id\n          detourKm\n          offer {\n            id\n            driver {\n              id\n              displayName\n            }\n          }\n        }\n        candidates {\n          detourKm\n          seatsLeft\n          offer {\n            id\n          }\n        }\n      }\n      liftOffers {\n        ...LiftOfferBaseFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrganiserLifts($id: ID!) {\n    event(id: $id) {\n      id\n      liftRequestsOpen\n      liftSeatsAvailable\n      liftRequests {\n        ...LiftRequestBaseFields\n        proposals {\n          id\n          detourKm\n          offer {\n            id\n            driver {\n              id\n              displayName\n            }\n          }\n        }\n        candidates {\n          detourKm\n          seatsLeft\n          offer {\n            id\n          }\n        }\n      }\n      liftOffers {\n        ...LiftOfferBaseFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MatchEveryone($eventId: ID!) {\n    matchEveryone(eventId: $eventId) {\n      ... on MutationMatchEveryoneSuccess {\n        data {\n          requests\n          cars\n          peopleRequested\n          peopleMatched\n          requestsMatched\n          carsUsed\n          totalDetourKm\n          greedyPeopleMatched\n          proposalsCreated\n          skippedDeclined\n          proposals {\n            id\n            status\n            detourKm\n            offer {\n              id\n              driver {\n                id\n                displayName\n              }\n              origin {\n                label\n              }\n            }\n            request {\n              ...LiftRequestBaseFields\n            }\n          }\n          unmatched {\n            ...LiftRequestBaseFields\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation MatchEveryone($eventId: ID!) {\n    matchEveryone(eventId: $eventId) {\n      ... on MutationMatchEveryoneSuccess {\n        data {\n          requests\n          cars\n          peopleRequested\n          peopleMatched\n          requestsMatched\n          carsUsed\n          totalDetourKm\n          greedyPeopleMatched\n          proposalsCreated\n          skippedDeclined\n          proposals {\n            id\n            status\n            detourKm\n            offer {\n              id\n              driver {\n                id\n                displayName\n              }\n              origin {\n                label\n              }\n            }\n            request {\n              ...LiftRequestBaseFields\n            }\n          }\n          unmatched {\n            ...LiftRequestBaseFields\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReminderLinkFields on ReminderLink {\n    answer\n    usable\n    problem\n    eventId\n    eventTitle\n    eventStartsAt\n    eventEndsAt\n    eventArea\n    rsvpStatus\n    reconfirmed\n  }\n"): (typeof documents)["\n  fragment ReminderLinkFields on ReminderLink {\n    answer\n    usable\n    problem\n    eventId\n    eventTitle\n    eventStartsAt\n    eventEndsAt\n    eventArea\n    rsvpStatus\n    reconfirmed\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReminderLink($token: String!) {\n    reminderLink(token: $token) {\n      ... on QueryReminderLinkSuccess {\n        data {\n          ...ReminderLinkFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  query ReminderLink($token: String!) {\n    reminderLink(token: $token) {\n      ... on QueryReminderLinkSuccess {\n        data {\n          ...ReminderLinkFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AnswerReminder($token: String!) {\n    answerReminder(token: $token) {\n      ... on MutationAnswerReminderSuccess {\n        data {\n          ...ReminderLinkFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation AnswerReminder($token: String!) {\n    answerReminder(token: $token) {\n      ... on MutationAnswerReminderSuccess {\n        data {\n          ...ReminderLinkFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MapEventFields on Event {\n    id\n    kind\n    title\n    startsAt\n    location {\n      lat\n      lng\n    }\n  }\n"): (typeof documents)["\n  fragment MapEventFields on Event {\n    id\n    kind\n    title\n    startsAt\n    location {\n      lat\n      lng\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PlaceFields on Place {\n    label\n    location {\n      lat\n      lng\n    }\n  }\n"): (typeof documents)["\n  fragment PlaceFields on Place {\n    label\n    location {\n      lat\n      lng\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MapSeatFields on Constituency {\n    code\n    name\n    majorityPct\n  }\n"): (typeof documents)["\n  fragment MapSeatFields on Constituency {\n    code\n    name\n    majorityPct\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Constituencies {\n    constituencies {\n      ...MapSeatFields\n    }\n  }\n"): (typeof documents)["\n  query Constituencies {\n    constituencies {\n      ...MapSeatFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NearbySeatFields on NearbySeat {\n    distanceKm\n    constituency {\n      code\n      name\n      location {\n        lat\n        lng\n      }\n      winner\n      runnerUp\n      majority\n      majorityPct\n      mpName\n      isMarginal\n      isTarget\n      upcomingCanvasses(first: $canvasses) {\n        ...EventSummaryFields\n        liftSeatsAvailable\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment NearbySeatFields on NearbySeat {\n    distanceKm\n    constituency {\n      code\n      name\n      location {\n        lat\n        lng\n      }\n      winner\n      runnerUp\n      majority\n      majorityPct\n      mpName\n      isMarginal\n      isTarget\n      upcomingCanvasses(first: $canvasses) {\n        ...EventSummaryFields\n        liftSeatsAvailable\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NearestMarginals($input: NearestMarginalsInput!, $canvasses: Int) {\n    nearestMarginals(input: $input) {\n      ... on QueryNearestMarginalsSuccess {\n        data {\n          origin {\n            ...PlaceFields\n            kind\n          }\n          seats {\n            ...NearbySeatFields\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  query NearestMarginals($input: NearestMarginalsInput!, $canvasses: Int) {\n    nearestMarginals(input: $input) {\n      ... on QueryNearestMarginalsSuccess {\n        data {\n          origin {\n            ...PlaceFields\n            kind\n          }\n          seats {\n            ...NearbySeatFields\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MarginalMap {\n    constituencies {\n      ...MapSeatFields\n      isMarginal\n    }\n  }\n"): (typeof documents)["\n  query MarginalMap {\n    constituencies {\n      ...MapSeatFields\n      isMarginal\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrganiserMessageFields on OrganiserMessage {\n    id\n    sentAt\n    audience\n    subject\n    body\n    recipientCount\n    sender {\n      id\n      displayName\n    }\n    delivery {\n      sent\n      optedOut\n      bounced\n      unconfirmed\n      notApplicable\n      pending\n      failed\n    }\n  }\n"): (typeof documents)["\n  fragment OrganiserMessageFields on OrganiserMessage {\n    id\n    sentAt\n    audience\n    subject\n    body\n    recipientCount\n    sender {\n      id\n      displayName\n    }\n    delivery {\n      sent\n      optedOut\n      bounced\n      unconfirmed\n      notApplicable\n      pending\n      failed\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventMessages($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      startsAt\n      endsAt\n      status\n      viewerCanManage\n      messageAudienceCounts {\n        going\n        waitlisted\n      }\n      messages {\n        ...OrganiserMessageFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query EventMessages($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      startsAt\n      endsAt\n      status\n      viewerCanManage\n      messageAudienceCounts {\n        going\n        waitlisted\n      }\n      messages {\n        ...OrganiserMessageFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MessageAttendees($eventId: ID!, $input: MessageAttendeesInput!) {\n    messageAttendees(eventId: $eventId, input: $input) {\n      ... on MutationMessageAttendeesSuccess {\n        data {\n          ...OrganiserMessageFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation MessageAttendees($eventId: ID!, $input: MessageAttendeesInput!) {\n    messageAttendees(eventId: $eventId, input: $input) {\n      ... on MutationMessageAttendeesSuccess {\n        data {\n          ...OrganiserMessageFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishEvent($id: ID!) {\n    publishEvent(id: $id) {\n      ... on MutationPublishEventSuccess {\n        data {\n          ...EventDetailFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation PublishEvent($id: ID!) {\n    publishEvent(id: $id) {\n      ... on MutationPublishEventSuccess {\n        data {\n          ...EventDetailFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnpublishEvent($id: ID!) {\n    unpublishEvent(id: $id) {\n      ... on MutationUnpublishEventSuccess {\n        data {\n          ...EventDetailFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation UnpublishEvent($id: ID!) {\n    unpublishEvent(id: $id) {\n      ... on MutationUnpublishEventSuccess {\n        data {\n          ...EventDetailFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelEvent($id: ID!) {\n    cancelEvent(id: $id) {\n      ... on MutationCancelEventSuccess {\n        data {\n          ...EventDetailFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation CancelEvent($id: ID!) {\n    cancelEvent(id: $id) {\n      ... on MutationCancelEventSuccess {\n        data {\n          ...EventDetailFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ErrorFields on Error {\n    message\n    ... on ValidationError {\n      fieldErrors {\n        path\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ErrorFields on Error {\n    message\n    ... on ValidationError {\n      fieldErrors {\n        path\n        message\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;