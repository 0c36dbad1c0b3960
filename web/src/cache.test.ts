import { type IntrospectionObjectType, parse } from 'graphql';
import {
  type AnyVariables,
  Client,
  type Exchange,
  getOperationName,
  makeResult,
  type Operation,
  type OperationResult,
  type OperationResultSource,
} from 'urql';
import { afterEach, describe, expect, it } from 'vitest';
import { delay, filter, fromValue, makeSubject, map, mergeMap, pipe, type Subject } from 'wonka';
import { createCacheExchange, keys, mutationUpdates } from './cache.ts';
import { EVENT_LIVE_SUBSCRIPTION, EVENT_QUERY } from './events/documents.ts';
import { eventSummary } from './events/test-fixtures.ts';
import schema from './generated/introspection.ts';
import { EVENT_LIFTS_QUERY, PROPOSE_LIFT_MUTATION } from './lifts/documents.ts';

const ROOTS = ['Query', 'Mutation', 'Subscription'];
const objectTypes = schema.__schema.types.filter(
  (t): t is IntrospectionObjectType => t.kind === 'OBJECT' && !ROOTS.includes(t.name) && !t.name.startsWith('__'),
);
const fieldsOf = (name: string) => (schema.__schema.types.find((t) => t.name === name) as IntrospectionObjectType).fields.map((f) => f.name);

describe('keys', () => {
  it('decide the identity of every object type in the schema, and of nothing else', () => {
    expect(Object.keys(keys).sort()).toEqual(objectTypes.map((t) => t.name).sort());
  });

  it('key a type by its id when it has one, a constituency by its code, and embed the rest', () => {
    for (const type of objectTypes) {
      const key = keys[type.name]!({ __typename: type.name, id: 'the-id', code: 'E14000001' });
      const expected = type.fields.some((f) => f.name === 'id') ? 'the-id' : type.name === 'Constituency' ? 'E14000001' : null;
      expect(key, type.name).toBe(expected);
    }
  });
});

describe('mutation updates', () => {
  it('decide what every mutation of the schema changes, and only those', () => {
    expect(Object.keys(mutationUpdates).sort()).toEqual(fieldsOf('Mutation').sort());
  });
});

// ------------------------------------------------------------------------------------------ a fake API

type Answer = (op: Operation) => Record<string, unknown> | undefined;

/** A client with the app's cache over a fake API: `answer` answers queries and mutations; `push` sends to subscriptions. */
function clientWith(answer: Answer) {
  const sent: string[] = [];
  const pushes: Subject<Record<string, unknown>> = makeSubject();
  const api: Exchange = () => (operations) =>
    pipe(
      operations,
      filter((op) => op.kind !== 'teardown'),
      mergeMap((op) => {
        sent.push(getOperationName(op.query) ?? '?');
        if (op.kind === 'subscription') return pipe(pushes.source, map((data) => makeResult(op, { data })));
        return pipe(fromValue(makeResult(op, { data: answer(op) })), delay(1));
      }),
    );
  const client = new Client({ url: 'http://api.invalid/graphql', exchanges: [createCacheExchange(), api] });
  return { client, sent, push: pushes.next };
}

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** Follows a query (as a page does), with its latest data. */
function watch<D, V extends AnyVariables = AnyVariables>(source: OperationResultSource<OperationResult<D, V>>) {
  const seen: { data?: D | undefined; all: (D | undefined)[] } = { all: [] };
  const sub = source.subscribe((r) => {
    seen.data = r.data;
    seen.all.push(r.data);
  });
  stops.push(() => sub.unsubscribe());
  return seen;
}

const latLng = (lat: number, lng: number) => ({ __typename: 'LatLng', lat, lng });

const event = (id: string, over: Record<string, unknown> = {}) => ({ ...eventSummary(id), ...over });

const eventDetail = (id: string, over: Record<string, unknown> = {}) =>
  event(id, {
    description: '',
    address: null,
    postcode: null,
    addressHidden: true,
    region: { __typename: 'Region', id: 'yorkshire', name: 'Yorkshire' },
    constituency: null,
    waitlistCount: 0,
    visibility: 'PUBLIC',
    addressVisibility: 'ATTENDEES',
    joinUrl: null,
    hasJoinUrl: false,
    stepFree: false,
    accessibleToilet: false,
    hearingLoop: false,
    quietSpace: false,
    organiser: { __typename: 'Person', id: 'p1', displayName: 'Orla O.' },
    viewerCanEdit: false,
    viewerCanManage: false,
    icsUrl: `/calendar/${id}.ics`,
    shifts: [],
    series: null,
    myRsvp: null,
    attendees: null,
    ...over,
  });

const live = (eventId: string, over: Record<string, unknown> = {}) => ({
  eventLive: {
    __typename: 'EventLive',
    eventId,
    status: 'PUBLISHED',
    goingCount: 1,
    waitlistCount: 0,
    capacity: 2,
    placesLeft: 1,
    liftSeatsAvailable: 3,
    liftRequestsOpen: 1,
    at: '2030-01-01T09:00:00.000Z',
    ...over,
  },
});

const settled = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('eventLive pushes', () => {
  it('write the numbers onto the cached event, which the page reads', async () => {
    const { client, sent, push } = clientWith(() => ({ __typename: 'Query', event: eventDetail('e1') }));
    const page = watch(client.query(EVENT_QUERY, { id: 'e1' }));
    await expect.poll(() => page.data?.event?.goingCount).toBe(0);
    watch(client.subscription(EVENT_LIVE_SUBSCRIPTION, { id: 'e1' }));
    push(live('e1', { goingCount: 1, placesLeft: 1, waitlistCount: 2 }));
    await expect.poll(() => page.data?.event).toMatchObject({ goingCount: 1, placesLeft: 1, waitlistCount: 2, title: 'Event e1' });
    await settled();
    // Nothing more changed for this viewer: the event is not fetched again.
    expect(sent.filter((name) => name === 'Event')).toHaveLength(1);
  });

  it('fetch the event again when its status changes, or the viewer is waitlisted or runs it', async () => {
    for (const [over, pushed] of [
      [{}, { status: 'CANCELLED' }],
      [{ myRsvp: { __typename: 'Rsvp', id: 'r1', status: 'WAITLISTED', guests: 0, waitlistPosition: 2 } }, {}],
      [{ viewerCanManage: true, attendees: [] }, {}],
    ] as const) {
      const { client, sent, push } = clientWith(() => ({ __typename: 'Query', event: eventDetail('e1', over) }));
      const page = watch(client.query(EVENT_QUERY, { id: 'e1' }));
      await expect.poll(() => page.data?.event?.id).toBe('e1');
      watch(client.subscription(EVENT_LIVE_SUBSCRIPTION, { id: 'e1' }));
      push(live('e1', pushed));
      await expect.poll(() => sent.filter((name) => name === 'Event').length).toBe(2);
    }
  });
});

describe('mutations', () => {
  it('a lift proposal fetches the lifts of its event again', async () => {
    let round = 0;
    const { client, sent } = clientWith((op) => {
      const name = getOperationName(op.query);
      if (name === 'EventLifts') {
        round++;
        return {
          __typename: 'Query',
          event: {
            __typename: 'Event',
            id: 'e1',
            viewerManagesLifts: false,
            hubs: [],
            liftSeatsAvailable: round,
            liftRequestsOpen: 0,
            liftOffers: [],
            liftRequests: [],
            myLiftOffer: null,
            myLiftRequest: null,
          },
        };
      }
      if (name === 'ProposeLift') {
        return {
          __typename: 'Mutation',
          proposeLift: {
            __typename: 'MutationProposeLiftSuccess',
            data: {
              __typename: 'LiftMatch',
              id: 'm1',
              status: 'PROPOSED',
              proposedBy: 'RIDER',
              detourKm: 1,
              viewerSide: 'RIDER',
              viewerCanAccept: false,
              otherSideFullName: null,
              pickupAt: null,
              pickupHub: null,
              pickupDetails: null,
              offer: { __typename: 'LiftOffer', id: 'o1', status: 'OPEN', seatsLeft: 2, event: { __typename: 'Event', id: 'e1' } },
              request: { __typename: 'LiftRequest', id: 'q1', status: 'OPEN' },
            },
          },
        };
      }
      return undefined;
    });
    const lifts = watch(client.query(EVENT_LIFTS_QUERY, { id: 'e1' }));
    await expect.poll(() => lifts.data?.event?.liftSeatsAvailable).toBe(1);
    await client.mutation(PROPOSE_LIFT_MUTATION, { offerId: 'o1', requestId: 'q1' }).toPromise();
    await expect.poll(() => lifts.data?.event?.liftSeatsAvailable).toBe(2);
    expect(sent).toEqual(['EventLifts', 'ProposeLift', 'EventLifts']);
  });

  it('an RSVP fetches my plans again, and not on a refusal', async () => {
    const PLANS = parse('query TestPlans { me { id plans { id status } } }');
    const RSVP = parse(
      'mutation TestRsvp($eventId: ID!) { rsvp(eventId: $eventId) { ... on MutationRsvpSuccess { data { id status } } ... on Error { message } } }',
    );
    let refuse = true;
    const { client, sent } = clientWith((op) => {
      if (getOperationName(op.query) === 'TestPlans') return { __typename: 'Query', me: { __typename: 'Me', id: 'me', plans: [] } };
      const rsvp = refuse
        ? { __typename: 'NotFoundError', message: 'No such event' }
        : { __typename: 'MutationRsvpSuccess', data: { __typename: 'Rsvp', id: 'r1', status: 'GOING' } };
      return { __typename: 'Mutation', rsvp };
    });
    watch(client.query(PLANS, {}));
    await expect.poll(() => sent).toEqual(['TestPlans']);
    await client.mutation(RSVP, { eventId: 'e1' }).toPromise();
    await settled();
    expect(sent).toEqual(['TestPlans', 'TestRsvp']);
    refuse = false;
    await client.mutation(RSVP, { eventId: 'e1' }).toPromise();
    await expect.poll(() => sent).toEqual(['TestPlans', 'TestRsvp', 'TestRsvp', 'TestPlans']);
  });
});

describe('series changes', () => {
  const EVENT = parse('query TestEvent($id: ID!) { event(id: $id) { id status title series { id occurrences { id status } } } }');
  const CANCEL = parse(
    'mutation TestCancelSeries($eventId: ID!) { cancelSeries(eventId: $eventId) { ... on MutationCancelSeriesSuccess { data { id occurrences { id status } } } ... on Error { message } } }',
  );
  const UPDATE = parse(
    'mutation TestUpdateSeries($eventId: ID!) { updateSeries(eventId: $eventId, input: { repeat: "FREQ=WEEKLY;BYDAY=MO;COUNT=2", startTime: "18:30", durationMinutes: 90 }) { ... on MutationUpdateSeriesSuccess { data { id occurrences { id status } } } ... on Error { message } } }',
  );

  /** A series of two dates, e1 and e2, whose API answers a date's title with how often it was asked for. */
  function seriesApi() {
    let refuse = false;
    let status = 'PUBLISHED';
    const asked: Record<string, number> = {};
    const occurrences = () => ['e1', 'e2'].map((id) => ({ __typename: 'Event', id, status }));
    const { client, sent } = clientWith((op) => {
      const name = getOperationName(op.query);
      if (name === 'TestEvent') {
        const id = String(op.variables?.id);
        asked[id] = (asked[id] ?? 0) + 1;
        const series = { __typename: 'EventSeries', id: 's1', occurrences: occurrences() };
        return { __typename: 'Query', event: { __typename: 'Event', id, status, title: `${id} #${asked[id]}`, series } };
      }
      const field = name === 'TestCancelSeries' ? 'cancelSeries' : 'updateSeries';
      if (refuse) return { __typename: 'Mutation', [field]: { __typename: 'ForbiddenError', message: 'Not yours' } };
      if (field === 'cancelSeries') status = 'CANCELLED';
      return {
        __typename: 'Mutation',
        [field]: { __typename: `Mutation${field[0]!.toUpperCase()}${field.slice(1)}Success`, data: { __typename: 'EventSeries', id: 's1', occurrences: occurrences() } },
      };
    });
    return { client, sent, refuse: (r: boolean) => (refuse = r) };
  }

  it('cancelling every date fetches the event and each of its dates again, and not on a refusal', async () => {
    const { client, sent, refuse } = seriesApi();
    const page = watch(client.query(EVENT, { id: 'e1' }));
    const other = watch(client.query(EVENT, { id: 'e2' }));
    await expect.poll(() => [page.data?.event?.title, other.data?.event?.title]).toEqual(['e1 #1', 'e2 #1']);
    refuse(true);
    await client.mutation(CANCEL, { eventId: 'e1' }).toPromise();
    await settled();
    expect(sent).toEqual(['TestEvent', 'TestEvent', 'TestCancelSeries']);
    refuse(false);
    await client.mutation(CANCEL, { eventId: 'e1' }).toPromise();
    await expect.poll(() => [page.data?.event?.title, other.data?.event?.title]).toEqual(['e1 #2', 'e2 #2']);
    expect(page.data?.event).toMatchObject({ status: 'CANCELLED', series: { occurrences: [{ status: 'CANCELLED' }, { status: 'CANCELLED' }] } });
    expect(other.data?.event?.status).toBe('CANCELLED');
  });

  it('changing every date fetches the event it was changed from again', async () => {
    const { client, sent } = seriesApi();
    const page = watch(client.query(EVENT, { id: 'e1' }));
    await expect.poll(() => page.data?.event?.title).toBe('e1 #1');
    await client.mutation(UPDATE, { eventId: 'e1' }).toPromise();
    await expect.poll(() => page.data?.event?.title).toBe('e1 #2');
    expect(sent).toEqual(['TestEvent', 'TestUpdateSeries', 'TestEvent']);
  });
});

describe('eventsNear pages', () => {
  // Test documents are parsed here (not graphql() calls), so they stay out of the app's persisted documents.
  const NEAR = parse(`query TestNear($input: EventsNearInput!, $first: Int, $after: String) {
    eventsNear(input: $input, first: $first, after: $after) {
      ... on EventsNearConnection {
        origin { label location { lat lng } }
        edges { cursor distanceKm node { id title } }
        pageInfo { hasNextPage endCursor }
      }
      ... on ValidationError { message fieldErrors { path message } }
    }
  }`);
  const page = (ids: string[], next: boolean) => ({
    __typename: 'Query',
    eventsNear: {
      __typename: 'EventsNearConnection',
      origin: { __typename: 'Place', label: 'LS6 1AN', location: latLng(53.8, -1.56) },
      edges: ids.map((id, i) => ({
        __typename: 'EventsNearEdge',
        cursor: `c-${id}`,
        distanceKm: i,
        node: { __typename: 'Event', id, title: `Event ${id}` },
      })),
      pageInfo: { __typename: 'PageInfo', hasNextPage: next, endCursor: `c-${ids.at(-1)}` },
    },
  });
  const input = { postcode: 'LS61AN', radiusKm: 25 };

  it('read as one list, in order, each event once, with the search origin (the list stays while the next page loads)', async () => {
    const { client } = clientWith((op) => (op.variables?.after ? page(['b', 'c'], false) : page(['a', 'b'], true)));
    const first = await client.query(NEAR, { input, first: 2 }).toPromise();
    expect(first.data?.eventsNear).toMatchObject({ pageInfo: { hasNextPage: true, endCursor: 'c-b' }, origin: { label: 'LS6 1AN' } });
    const more = watch<{ eventsNear: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean }; origin: unknown } }>(
      client.query(NEAR, { input, first: 2, after: 'c-b' }),
    );
    await expect.poll(() => more.data?.eventsNear.pageInfo.hasNextPage).toBe(false);
    const [loading, both] = [more.all[0]!.eventsNear, more.data!.eventsNear];
    expect(loading.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(loading.origin).toEqual({ label: 'LS6 1AN', location: { lat: 53.8, lng: -1.56 } });
    expect(both.edges.map((e) => e.node.id)).toEqual(['a', 'b', 'c']);
    expect(both.origin).toEqual({ label: 'LS6 1AN', location: { lat: 53.8, lng: -1.56 } });
  });

  it('answer a validation error as it is', async () => {
    const { client } = clientWith(() => ({
      __typename: 'Query',
      eventsNear: {
        __typename: 'ValidationError',
        message: 'Check the search',
        fieldErrors: [{ __typename: 'FieldError', path: ['input', 'postcode'], message: 'Not a postcode' }],
      },
    }));
    const result = await client.query(NEAR, { input, first: 2 }).toPromise();
    expect(result.data?.eventsNear).toEqual({
      message: 'Check the search',
      fieldErrors: [{ path: ['input', 'postcode'], message: 'Not a postcode' }],
    });
  });
});

describe('onlineEvents pages', () => {
  const ONLINE = parse(`query TestOnline($input: OnlineEventsInput!, $first: Int, $after: String) {
    onlineEvents(input: $input, first: $first, after: $after) {
      ... on OnlineEventsConnection {
        edges { cursor node { id title } }
        pageInfo { hasNextPage endCursor }
      }
      ... on ValidationError { message fieldErrors { path message } }
    }
  }`);
  const page = (ids: string[], next: boolean) => ({
    __typename: 'Query',
    onlineEvents: {
      __typename: 'OnlineEventsConnection',
      edges: ids.map((id) => ({ __typename: 'OnlineEventsEdge', cursor: `c-${id}`, node: { __typename: 'Event', id, title: `Event ${id}` } })),
      pageInfo: { __typename: 'PageInfo', hasNextPage: next, endCursor: `c-${ids.at(-1)}` },
    },
  });

  it('read as one list, in order, each event once (the list stays while the next page loads)', async () => {
    const { client } = clientWith((op) => (op.variables?.after ? page(['b', 'c'], false) : page(['a', 'b'], true)));
    await client.query(ONLINE, { input: {}, first: 2 }).toPromise();
    const more = watch<{ onlineEvents: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean } } }>(
      client.query(ONLINE, { input: {}, first: 2, after: 'c-b' }),
    );
    await expect.poll(() => more.data?.onlineEvents.pageInfo.hasNextPage).toBe(false);
    expect(more.all[0]!.onlineEvents.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(more.data!.onlineEvents.edges.map((e) => e.node.id)).toEqual(['a', 'b', 'c']);
  });

  it('answer a validation error as it is', async () => {
    const { client } = clientWith(() => ({
      __typename: 'Query',
      onlineEvents: { __typename: 'ValidationError', message: 'Check the search', fieldErrors: [] },
    }));
    const result = await client.query(ONLINE, { input: {}, first: 2 }).toPromise();
    expect(result.data?.onlineEvents).toEqual({ message: 'Check the search', fieldErrors: [] });
  });
});
