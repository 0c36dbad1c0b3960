/**
 * Who may do what to an event, per role: every field is authorised, and this suite asserts, for each role, what it
 * can and cannot read or change. The event belongs to a MEMBER and is in Leeds
 * (yorkshire-and-the-humber).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningApi } from '../src/server.ts';
import { Client, createEvent, eventInput, grantRole, signedUp, startTestApi, uniqueTag, uuidOf } from './helpers.ts';

let api: RunningApi;

type Role = 'anonymous' | 'owner' | 'member' | 'regionalOrganiser' | 'otherRegionOrganiser' | 'admin';
const ROLES: Role[] = ['anonymous', 'owner', 'member', 'regionalOrganiser', 'otherRegionOrganiser', 'admin'];
let as: Record<Role, Client>;
let attendee: Client;

beforeAll(async () => {
  api = await startTestApi();
  const [owner, member, regional, otherRegion, admin] = await Promise.all([
    signedUp(api.url, { firstName: 'Owner' }),
    signedUp(api.url),
    signedUp(api.url),
    signedUp(api.url, { homePostcode: 'SW1A 1AA' }),
    signedUp(api.url),
  ]);
  attendee = await signedUp(api.url, { firstName: 'Attendee', lastName: 'Person' });
  await grantRole(api.prisma, regional.userId, 'ORGANISER', ['yorkshire-and-the-humber']);
  await grantRole(api.prisma, otherRegion.userId, 'ORGANISER', ['london', 'north-east']);
  await grantRole(api.prisma, admin.userId, 'ADMIN');
  as = {
    anonymous: new Client(api.url),
    owner,
    member,
    regionalOrganiser: regional,
    otherRegionOrganiser: otherRegion,
    admin,
  };
});
afterAll(() => api.close());

const CREATE = /* GraphQL */ `
  mutation C($input: EventInput!, $publish: Boolean) {
    createEvent(input: $input, publish: $publish) {
      __typename
      ... on MutationCreateEventSuccess { data { id kind status region { id } } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation U($id: ID!, $input: EventInput!) {
    updateEvent(id: $id, input: $input) {
      __typename
      ... on MutationUpdateEventSuccess { data { id title } }
      ... on Error { message }
    }
  }
`;
const act = (name: string, success: string) => /* GraphQL */ `
  mutation A($id: ID!) {
    ${name}(id: $id) {
      __typename
      ... on ${success} { data { id status } }
      ... on Error { message }
    }
  }
`;
const ACTIONS = {
  publish: ['publishEvent', act('publishEvent', 'MutationPublishEventSuccess')],
  unpublish: ['unpublishEvent', act('unpublishEvent', 'MutationUnpublishEventSuccess')],
  cancel: ['cancelEvent', act('cancelEvent', 'MutationCancelEventSuccess')],
} as const;
const READ = /* GraphQL */ `
  query R($id: ID!) {
    event(id: $id) { id status viewerCanEdit viewerCanManage attendees { status person { displayName } } }
  }
`;
const NODE = /* GraphQL */ `query N($id: ID!) { node(id: $id) { id } }`;
const RSVP = /* GraphQL */ `mutation R($eventId: ID!) { rsvp(eventId: $eventId) { __typename ... on MutationRsvpSuccess { data { id status } } } }`;
const RSVP_NODE = /* GraphQL */ `query N($id: ID!) { node(id: $id) { id ... on Rsvp { status guests person { displayName } } } }`;

async function eventRow(globalEventId: string) {
  return api.prisma.event.findUniqueOrThrow({ where: { id: uuidOf(globalEventId) } });
}

async function eventCountBy(client: Client): Promise<number> {
  if (!('userId' in client)) return 0;
  return api.prisma.event.count({ where: { organiserId: uuidOf((client as Client & { userId: string }).userId) } });
}

// --------------------------------------------------------------------------------------------------- writes

describe('create a RALLY in Leeds', () => {
  const expected: Record<Role, string> = {
    anonymous: 'AuthenticationError',
    owner: 'ValidationError',
    member: 'ValidationError',
    regionalOrganiser: 'MutationCreateEventSuccess',
    otherRegionOrganiser: 'ValidationError',
    admin: 'MutationCreateEventSuccess',
  };
  test.each(ROLES)('%s', async (role) => {
    const client = as[role];
    const before = await eventCountBy(client);
    const tag = uniqueTag();
    for (const publish of [true, false]) {
      const res = await client.gql(CREATE, { input: eventInput({ kind: 'RALLY', title: `Rally ${tag}` }), publish });
      const result = res.data.createEvent;
      expect(result.__typename).toBe(expected[role]);
      if (result.__typename === 'ValidationError') {
        expect(result.fieldErrors.map((e: { path: string[] }) => e.path)).toContainEqual(['kind']);
      }
      if (result.__typename === 'MutationCreateEventSuccess') {
        expect(result.data).toMatchObject({ kind: 'RALLY', status: publish ? 'PUBLISHED' : 'DRAFT', region: { id: 'yorkshire-and-the-humber' } });
      }
    }
    const created = expected[role] === 'MutationCreateEventSuccess' ? 2 : 0;
    expect(await eventCountBy(client)).toBe(before + created);
    expect(await api.prisma.event.count({ where: { title: `Rally ${tag}` } })).toBe(created);
  });

  test('a Yorkshire organiser may not hold a rally in London, but any member may hold a meeting there', async () => {
    const res = await as.regionalOrganiser.gql(CREATE, { input: eventInput({ kind: 'RALLY', postcode: 'SW1A 1AA' }) });
    expect(res.data.createEvent.__typename).toBe('ValidationError');
    expect(res.data.createEvent.fieldErrors.map((e: { path: string[] }) => e.path)).toContainEqual(['kind']);
    const meeting = await as.member.gql(CREATE, { input: eventInput({ kind: 'MEETING', postcode: 'SW1A 1AA' }) });
    expect(meeting.data.createEvent.data.region.id).toBe('london');
  });

  test('the role is read at every request: a demoted organiser loses the right at once', async () => {
    const organiser = await signedUp(api.url);
    await grantRole(api.prisma, organiser.userId, 'ORGANISER', ['yorkshire-and-the-humber']);
    expect((await organiser.gql(CREATE, { input: eventInput({ kind: 'RALLY' }) })).data.createEvent.__typename).toBe(
      'MutationCreateEventSuccess',
    );
    await api.prisma.organiserRegion.deleteMany({ where: { userId: uuidOf(organiser.userId) } });
    await api.prisma.user.update({ where: { id: uuidOf(organiser.userId) }, data: { role: 'MEMBER' } });
    expect((await organiser.gql(CREATE, { input: eventInput({ kind: 'RALLY' }) })).data.createEvent.__typename).toBe('ValidationError');
  });
});

/**
 * Someone else's (the owner's) event. Expected result per role; a refusal must leave the row exactly as it was.
 * update/publish: the organiser or an admin. unpublish/cancel: also the organisers of the event's region.
 * A draft is not found by those who may not see it (its existence is not revealed).
 */
const WRITE_MATRIX: Record<'update' | 'publish' | 'unpublish' | 'cancel', Record<Role, string>> = {
  update: {
    anonymous: 'AuthenticationError',
    owner: 'MutationUpdateEventSuccess',
    member: 'ForbiddenError',
    regionalOrganiser: 'ForbiddenError',
    otherRegionOrganiser: 'ForbiddenError',
    admin: 'MutationUpdateEventSuccess',
  },
  publish: {
    anonymous: 'AuthenticationError',
    owner: 'MutationPublishEventSuccess',
    member: 'NotFoundError',
    regionalOrganiser: 'ForbiddenError',
    otherRegionOrganiser: 'NotFoundError',
    admin: 'MutationPublishEventSuccess',
  },
  unpublish: {
    anonymous: 'AuthenticationError',
    owner: 'MutationUnpublishEventSuccess',
    member: 'ForbiddenError',
    regionalOrganiser: 'MutationUnpublishEventSuccess',
    otherRegionOrganiser: 'ForbiddenError',
    admin: 'MutationUnpublishEventSuccess',
  },
  cancel: {
    anonymous: 'AuthenticationError',
    owner: 'MutationCancelEventSuccess',
    member: 'ForbiddenError',
    regionalOrganiser: 'MutationCancelEventSuccess',
    otherRegionOrganiser: 'ForbiddenError',
    admin: 'MutationCancelEventSuccess',
  },
};

describe.each(Object.keys(WRITE_MATRIX) as (keyof typeof WRITE_MATRIX)[])('%s the owner’s event', (what) => {
  test.each(ROLES)('%s', async (role) => {
    const tag = uniqueTag();
    const event = await createEvent(as.owner, { title: `Owned ${tag}`, capacity: 10 }, what !== 'publish');
    const before = await eventRow(event.id);
    const expected = WRITE_MATRIX[what][role];

    let result: { __typename: string; data?: { status?: string; title?: string } };
    if (what === 'update') {
      const res = await as[role].gql(UPDATE, { id: event.id, input: eventInput({ title: `Hijacked ${tag}`, capacity: 5 }) });
      result = res.data.updateEvent;
    } else {
      const [field, doc] = ACTIONS[what];
      result = (await as[role].gql(doc, { id: event.id })).data[field];
    }
    expect(result.__typename).toBe(expected);

    const after = await eventRow(event.id);
    if (expected.startsWith('Mutation')) {
      const status = { update: 'PUBLISHED', publish: 'PUBLISHED', unpublish: 'DRAFT', cancel: 'CANCELLED' }[what];
      expect(after.status).toBe(status);
      if (what === 'update') expect(after).toMatchObject({ title: `Hijacked ${tag}`, capacity: 5 });
    } else {
      expect(after).toEqual(before);
    }
  });
});

// ---------------------------------------------------------------------------------------------------- reads

describe('reads', () => {
  let published: string;
  let draft: string;
  let rsvpId: string;
  beforeAll(async () => {
    published = (await createEvent(as.owner, { title: 'Readable' })).id;
    draft = (await createEvent(as.owner, { title: 'Not yet' }, false)).id;
    const rsvp = (await attendee.gql(RSVP, { eventId: published })).data.rsvp.data;
    expect(rsvp.status).toBe('GOING');
    rsvpId = rsvp.id;
  });

  const SEES_ATTENDEES: Record<Role, boolean> = {
    anonymous: false,
    owner: true,
    member: false,
    regionalOrganiser: true,
    otherRegionOrganiser: false,
    admin: true,
  };
  test.each(ROLES)('attendees: %s', async (role) => {
    const res = await as[role].gql(READ, { id: published });
    expect(res.errors).toBeUndefined();
    if (SEES_ATTENDEES[role]) {
      // The owner is going to their own event, then the attendee.
      expect(res.data.event.attendees).toEqual([
        { status: 'GOING', person: { displayName: expect.stringMatching(/^Owner /) } },
        { status: 'GOING', person: { displayName: 'Attendee P.' } },
      ]);
    } else {
      expect(res.data.event.attendees).toBeNull();
    }
  });

  test.each(ROLES)('read a draft (event and node): %s', async (role) => {
    const event = await as[role].gql(READ, { id: draft });
    const node = await as[role].gql(NODE, { id: draft });
    if (SEES_ATTENDEES[role]) {
      expect(event.data.event).toMatchObject({ id: draft, status: 'DRAFT' });
      expect(node.data.node).toEqual({ id: draft });
    } else {
      expect(event.data.event).toBeNull();
      expect(node.data?.node ?? null).toBeNull();
    }
  });

  const CAN_EDIT: Record<Role, [boolean, boolean]> = {
    // [viewerCanEdit, viewerCanManage]
    anonymous: [false, false],
    owner: [true, true],
    member: [false, false],
    regionalOrganiser: [false, true],
    otherRegionOrganiser: [false, false],
    admin: [true, true],
  };
  test.each(ROLES)('viewerCanEdit / viewerCanManage: %s', async (role) => {
    const res = await as[role].gql(READ, { id: published });
    const [edit, manage] = CAN_EDIT[role];
    expect(res.data.event).toMatchObject({ viewerCanEdit: edit, viewerCanManage: manage });
  });

  test.each(ROLES)('someone else’s RSVP by node id: %s', async (role) => {
    const res = await as[role].gql(RSVP_NODE, { id: rsvpId });
    if (SEES_ATTENDEES[role]) {
      expect(res.data.node).toEqual({ id: rsvpId, status: 'GOING', guests: 0, person: { displayName: 'Attendee P.' } });
    } else {
      // Not readable (null; see events.test.ts for node() answering an error instead of null).
      expect(res.data?.node ?? null).toBeNull();
    }
  });

  test('the attendee sees their own RSVP but not the list', async () => {
    expect((await attendee.gql(RSVP_NODE, { id: rsvpId })).data.node.status).toBe('GOING');
    const res = await attendee.gql(READ, { id: published });
    expect(res.data.event.attendees).toBeNull();
    expect(res.data.event.viewerCanEdit).toBe(false);
  });
});
