import {
  type Cache,
  type CacheExchangeOpts,
  cacheExchange,
  type Data,
  type DataFields,
  type KeyGenerator,
  type Resolver,
  type UpdateResolver,
} from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';
import type { DefinitionNode, FieldNode, OperationDefinitionNode, SelectionNode } from 'graphql';
import { gql } from 'urql';
import { EVENT_LIVE_SUBSCRIPTION } from './events/documents.ts';
import schema from './generated/introspection.ts';

// ------------------------------------------------------------------------------------------ keys

const byId: KeyGenerator = (data) => (typeof data.id === 'string' ? data.id : null);
/** No identity of its own: stored inside the object (or list) that holds it. */
const embedded: KeyGenerator = () => null;

/** Every `<Root><Field>Success` wrapper holds only `data`: a result, never an entity. */
const successWrappers = schema.__schema.types
  .filter((t) => t.kind === 'OBJECT' && /^(Query|Mutation)\w+Success$/.test(t.name))
  .filter((t) => 'fields' in t && t.fields.length === 1 && t.fields[0]?.name === 'data')
  .map((t) => t.name);

/** How the cache identifies each object type of the schema (cache.test.ts holds this to the schema). */
export const keys: Record<string, KeyGenerator> = {
  Event: byId,
  EventHub: byId,
  EventSeries: byId,
  EventShift: byId,
  LiftMatch: byId,
  LiftOffer: byId,
  LiftRequest: byId,
  Me: byId,
  OrganiserMessage: byId,
  Person: byId,
  Region: byId,
  Rsvp: byId,
  Attendance: byId,
  CheckInEntry: byId,
  ExportLog: byId,
  Campaign: byId,
  CampaignTemplate: byId,
  CoHostInvite: byId,
  CoHostInvitation: byId,
  Constituency: (data) => (typeof data.code === 'string' ? data.code : null),
  CampaignSeat: embedded,
  CoverageBoard: embedded,
  SeatCoverage: embedded,
  NeededShift: embedded,
  CampaignCoverageTick: embedded,
  TrustedHost: embedded,
  // Values, results and parts of one answer.
  EventLive: embedded,
  EventsNearConnection: embedded,
  EventsNearEdge: embedded,
  OnlineEventsConnection: embedded,
  OnlineEventsEdge: embedded,
  LatLng: embedded,
  LiftCandidate: embedded,
  LiftNextSteps: embedded,
  LiftStretch: embedded,
  LiftElsewhere: embedded,
  EventFullError: embedded,
  MailPreferences: embedded,
  MatchEveryoneSummary: embedded,
  MatchEveryoneReturnLeg: embedded,
  MessageAudienceCounts: embedded,
  MessageDelivery: embedded,
  NearbySeat: embedded,
  NearestMarginals: embedded,
  PageInfo: embedded,
  PeopleExport: embedded,
  PickupDetails: embedded,
  PasswordResetRequested: embedded,
  Place: embedded,
  PlaceAt: embedded,
  PlaceSuggestion: embedded,
  ReminderLink: embedded,
  SignUpStarted: embedded,
  UnsubscribeLink: embedded,
  FieldError: embedded,
  AuthenticationError: embedded,
  ForbiddenError: embedded,
  NotFoundError: embedded,
  ValidationError: embedded,
  ...Object.fromEntries(successWrappers.map((name) => [name, embedded])),
};

// ------------------------------------------------------------------------------------------ reads

const pages = relayPagination();
const PAGING_ARGS = new Set(['first', 'after', 'last', 'before']);
const sameSearch = (a: Record<string, unknown>, b: Record<string, unknown>) => {
  const rest = (args: Record<string, unknown>) =>
    JSON.stringify(Object.entries(args).filter(([name]) => !PAGING_ARGS.has(name)).sort(([x], [y]) => x.localeCompare(y)));
  return rest(a) === rest(b);
};

/**
 * `eventsNear` pages of one search read as one connection (relay pagination), with the search's `origin`
 * (relayPagination keeps only edges and pageInfo; every page of a search has the same origin).
 * A `ValidationError` answer reads as it is.
 */
export const eventsNear: Resolver = (parent, args, cache, info) => {
  const asked = cache.resolve(info.parentKey, info.fieldName, args);
  if (typeof asked === 'string' && cache.resolve(asked, '__typename') !== 'EventsNearConnection') return asked;
  const merged = pages(parent, args, cache, info);
  if (!merged || typeof merged !== 'object') return merged;
  for (const field of cache.inspectFields(info.parentKey)) {
    if (field.fieldName !== info.fieldName || !field.arguments || !sameSearch(field.arguments, args)) continue;
    const page = cache.resolve(info.parentKey, field.fieldKey);
    const origin = typeof page === 'string' ? cache.resolve(page, 'origin') : null;
    if (origin) return { ...merged, origin };
  }
  return merged;
};

/** `onlineEvents` pages of one search read as one connection too; a `ValidationError` answer reads as it is. */
export const onlineEvents: Resolver = (parent, args, cache, info) => {
  const asked = cache.resolve(info.parentKey, info.fieldName, args);
  if (typeof asked === 'string' && cache.resolve(asked, '__typename') !== 'OnlineEventsConnection') return asked;
  return pages(parent, args, cache, info);
};

// ------------------------------------------------------------------------------------------ updates

/** Invalidates every cached `fieldName` of `entity`, whatever its arguments. */
function invalidateAll(cache: Cache, entity: string, fieldName: string): void {
  for (const field of cache.inspectFields(entity)) {
    if (field.fieldName === fieldName) cache.invalidate(entity, field.fieldName, field.arguments ?? undefined);
  }
}

/** Fetches again, when next read, everything read through `event(id)`: the event and its lifts as this viewer sees them. */
function refetchEvent(cache: Cache, id: string | undefined): void {
  if (id) cache.invalidate('Query', 'event', { id });
}

/** The signed-in member's lists (plans, organised events) are fetched again when next read. */
function refetchMyLists(cache: Cache, ...fields: ('plans' | 'organisedEvents' | 'liftOffers' | 'liftRequests')[]): void {
  const me = cache.resolve('Query', 'me');
  if (typeof me === 'string') for (const field of fields) cache.invalidate(me, field);
}

/** Any event's details or status changed: searches and my lists may gain or lose it. */
function refetchEventLists(cache: Cache): void {
  for (const field of ['eventsNear', 'onlineEvents', 'eventsInBox', 'nearestMarginals']) invalidateAll(cache, 'Query', field);
  refetchMyLists(cache, 'plans', 'organisedEvents');
}

/** The success member's `data` of the mutation's result (undefined for an error member). */
function successData(result: DataFields, info: { fieldName: string }): Data | undefined {
  const member = result[info.fieldName] as Data | null | undefined;
  if (!member || typeof member.__typename !== 'string' || !member.__typename.endsWith('Success')) return undefined;
  return (member.data ?? undefined) as Data | undefined;
}

const idOf = (value: unknown): string | undefined => {
  const id = (value as Data | null | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
};

/** An update run only when the mutation succeeded, with what it answered. */
const onSuccess =
  (update: (data: Data, args: Record<string, unknown>, cache: Cache) => void): UpdateResolver =>
  (result, args, cache, info) => {
    const data = successData(result, info);
    if (data !== undefined) update(data, args, cache);
  };

/** A lift changed: its event's offers, requests, my offer and my request, and my plans (lifts book places), are fetched again. */
const liftChanged = (eventOf: (data: Data, args: Record<string, unknown>) => string | undefined) =>
  onSuccess((data, args, cache) => {
    refetchEvent(cache, eventOf(data, args));
    refetchMyLists(cache, 'plans', 'liftOffers', 'liftRequests');
  });
const byEventArg = (_data: Data, args: Record<string, unknown>) => (typeof args.eventId === 'string' ? args.eventId : undefined);
const byOwnEvent = (data: Data) => idOf(data.event);
const byOfferEvent = (data: Data) => idOf((data.offer as Data | undefined)?.event);

/** An unsubscribe link was used (maybe the signed-in member's own): their choices are fetched again when next read. */
const mailPreferencesChanged = onSuccess((_data, _args, cache) => {
  const me = cache.resolve('Query', 'me');
  if (typeof me === 'string') cache.invalidate(me, 'mailPreferences');
});
const rsvpChanged = onSuccess((_data, _args, cache) => refetchMyLists(cache, 'plans'));
/** Giving up the last place also ends my lift offer and request to the event: its lifts and my plans are fetched again. */
const rsvpCancelled = onSuccess((_data, args, cache) => {
  refetchMyLists(cache, 'plans', 'liftOffers', 'liftRequests');
  refetchEvent(cache, typeof args.eventId === 'string' ? args.eventId : undefined);
});
/** Answered from a reminder e-mail's link: "can't make it" gave up a place (the event's numbers, my plans). */
const reminderAnswered = onSuccess((data, _args, cache) => {
  refetchMyLists(cache, 'plans');
  refetchEvent(cache, typeof data.eventId === 'string' ? data.eventId : undefined);
});
const eventChanged = onSuccess((data, _args, cache) => {
  refetchEventLists(cache);
  refetchEvent(cache, idOf(data));
});
/**
 * A series changed as a whole (dates moved, appeared or were cancelled): the event it was changed from and each of its
 * dates are fetched again when next read (times, status, the series' list), and so are every list of events and the
 * events the member runs.
 */
const seriesChanged = onSuccess((data, args, cache) => {
  refetchEventLists(cache);
  invalidateAll(cache, 'Query', 'managedEvents');
  refetchEvent(cache, typeof args.eventId === 'string' ? args.eventId : undefined);
  const occurrences = Array.isArray(data.occurrences) ? data.occurrences : [];
  for (const occurrence of occurrences) refetchEvent(cache, idOf(occurrence));
});
/** A message went out: it heads the event's cached list of sent messages (the organisers' page shows it). */
const messageSent = onSuccess((data, args, cache) => {
  if (typeof args.eventId !== 'string') return;
  const event = { __typename: 'Event', id: args.eventId };
  const list = cache.resolve(event, 'messages');
  const key = cache.keyOfEntity(data);
  if (Array.isArray(list) && key) cache.link(event, 'messages', [key, ...list.filter((k) => k !== key)] as string[]);
  else cache.invalidate(event, 'messages');
});
/** A walk-in was added: it joins the event's cached check-in list (the check-in page sorts it in). */
const walkInAdded = onSuccess((data, args, cache) => {
  const eventId = (args.input as { eventId?: unknown } | undefined)?.eventId;
  if (typeof eventId !== 'string') return;
  const event = { __typename: 'Event', id: eventId };
  const list = cache.resolve(event, 'checkInList');
  const key = cache.keyOfEntity(data);
  if (Array.isArray(list) && key) cache.link(event, 'checkInList', [...list.filter((k) => k !== key), key] as string[]);
  else cache.invalidate(event, 'checkInList');
});
const seatChanged = onSuccess((_data, _args, cache) => invalidateAll(cache, 'Query', 'nearestMarginals'));
/** Campaign work: the organiser's lists (campaigns, queue, trusted hosts, managed events) are fetched again. */
const campaignsChanged = (...fields: string[]) =>
  onSuccess((data, _args, cache) => {
    for (const field of fields) invalidateAll(cache, 'Query', field);
    const campaign = idOf((data as Data).campaign);
    if (campaign) cache.invalidate({ __typename: 'Campaign', id: campaign }, 'events');
  });
const reviewed = onSuccess((data, _args, cache) => {
  for (const field of ['approvalQueue', 'trustedHosts', 'managedEvents', 'node']) invalidateAll(cache, 'Query', field);
  refetchEventLists(cache);
  refetchEvent(cache, idOf(data));
});
/** Co-hosts changed: the event as its runners see it, and who runs what. */
const coHostsChanged = onSuccess((data, args, cache) => {
  invalidateAll(cache, 'Query', 'managedEvents');
  refetchEvent(cache, typeof args.eventId === 'string' ? args.eventId : idOf(data.event) ?? idOf(data));
});

/**
 * What each mutation changes besides the entity it answers, which the cache takes in by itself (its document selects
 * what the pages show). `null`: nothing more; the session ones also start a new client (useResetSession).
 * cache.test.ts holds this to the schema's mutations.
 */
export const mutationUpdates: Record<string, UpdateResolver | null> = {
  signIn: null,
  signOut: null,
  signOutEverywhere: null,
  signUp: null,
  confirmSignUp: null,
  // Signs this browser in (a new client, as for signIn).
  resetPassword: null,
  requestPasswordReset: null,
  resendVerification: null,
  deleteAccount: null,
  setHomeArea: null,
  rotateCalendarFeed: null,
  setMailPreferences: null,
  resumeMail: null,
  unsubscribe: mailPreferencesChanged,
  setPickupNote: null,
  rsvp: rsvpChanged,
  cancelRsvp: rsvpCancelled,
  answerReminder: reminderAnswered,
  createEvent: onSuccess((_data, _args, cache) => refetchEventLists(cache)),
  updateEvent: eventChanged,
  updateSeries: seriesChanged,
  cancelSeries: seriesChanged,
  publishEvent: eventChanged,
  unpublishEvent: eventChanged,
  cancelEvent: eventChanged,
  messageAttendees: messageSent,
  // The entry answered is the one marked; the member's own history is theirs to fetch.
  markAttendance: null,
  addWalkIn: walkInAdded,
  exportEventPeople: null,
  exportCampaignPeople: null,
  flagTargetSeat: seatChanged,
  unflagTargetSeat: seatChanged,
  createCampaign: campaignsChanged('campaigns'),
  // Window, seats, goals and templates: the lists, the board and the ranking of shifts read again.
  updateCampaign: campaignsChanged('campaigns', 'campaignCoverage', 'neededShifts', 'campaignSeatOptions'),
  hostCampaignEvent: campaignsChanged('managedEvents', 'approvalQueue', 'eventsNear', 'eventsInBox'),
  approveEvent: reviewed,
  rejectEvent: reviewed,
  revokeHostTrust: campaignsChanged('trustedHosts'),
  inviteCoHost: coHostsChanged,
  acceptCoHostInvite: coHostsChanged,
  removeCoHost: coHostsChanged,
  withdrawCoHostInvite: coHostsChanged,
  // Both answer with the event's hubs, written over the cached list.
  addEventHub: null,
  removeEventHub: null,
  offerLift: liftChanged(byEventArg),
  requestLift: liftChanged(byEventArg),
  matchEveryone: liftChanged(byEventArg),
  cancelLiftOffer: liftChanged(byOwnEvent),
  cancelLiftRequest: liftChanged(byOwnEvent),
  proposeLift: liftChanged(byOfferEvent),
  acceptLift: liftChanged(byOfferEvent),
  withdrawLift: liftChanged(byOfferEvent),
  setLiftOfferDetour: liftChanged(byOwnEvent),
  setLiftOfferDeparture: liftChanged(byOwnEvent),
  setLiftRequestTimes: liftChanged(byOwnEvent),
  // The answer is the request with its next steps (asked drivers marked): written over the cached one.
  askLiftDriversToStretch: null,
};

// Node kinds as strings: graphql-js's Kind object would add its module to every page.
const isOperation = (d: DefinitionNode | undefined): d is OperationDefinitionNode => (d?.kind as string | undefined) === 'OperationDefinition';
const isField = (s: SelectionNode | undefined): s is FieldNode => (s?.kind as string | undefined) === 'Field';

/** What an `eventLive` push carries about its event: every field of the subscription but the event's id and the time. */
const liveFields = ((): string[] => {
  const [operation] = EVENT_LIVE_SUBSCRIPTION.definitions;
  const [push] = isOperation(operation) ? operation.selectionSet.selections : [];
  if (!isField(push) || !push.selectionSet) throw new Error('eventLive: unexpected subscription document');
  return push.selectionSet.selections
    .flatMap((s) => (isField(s) ? [s.name.value] : []))
    .filter((name) => !['__typename', 'eventId', 'at'].includes(name));
})();
// urql's small parser: graphql-js's own would add its parser to the first page's JavaScript.
const LIVE_FIELDS = gql(`fragment EventLiveFields on Event { id ${liveFields.join(' ')} }`);

/**
 * An `eventLive` push writes the public numbers onto the cached event. Pushes carry nothing else, so the event is
 * fetched again when more may have changed for this viewer: its status, their own waitlist place, or the attendee
 * list an organiser sees.
 */
export const eventLive: UpdateResolver = (result, _args, cache) => {
  const live = result.eventLive as Data | null | undefined;
  if (!live || typeof live.eventId !== 'string') return;
  const id = live.eventId;
  const event = cache.keyOfEntity({ __typename: 'Event', id });
  const status = cache.resolve(event, 'status');
  const rsvp = cache.resolve(event, 'myRsvp');
  const waitlisted = typeof rsvp === 'string' && cache.resolve(rsvp, 'status') === 'WAITLISTED';
  const manages = cache.resolve(event, 'viewerCanManage') === true;
  cache.writeFragment(LIVE_FIELDS, { __typename: 'Event', id, ...Object.fromEntries(liveFields.map((f) => [f, live[f]])) });
  if ((status !== undefined && status !== live.status) || waitlisted || manages) refetchEvent(cache, id);
};

/** The normalised cache: keys for every type, the paginated search, and what mutations and pushes change. */
export const cacheOptions = {
  schema,
  keys,
  resolvers: { Query: { eventsNear, onlineEvents } },
  updates: {
    Mutation: Object.fromEntries(Object.entries(mutationUpdates).filter((e): e is [string, UpdateResolver] => e[1] !== null)),
    Subscription: { eventLive },
  },
} satisfies CacheExchangeOpts;

export function createCacheExchange() {
  return cacheExchange(cacheOptions);
}
