import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningApi } from '../src/server.ts';
import { Client, createEvent, grantRole, manyMembers, signedUp, startTestApi, uniqueTag, uuidOf } from './helpers.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const RSVP = /* GraphQL */ `
  mutation Rsvp($eventId: ID!) { rsvp(eventId: $eventId) { __typename ... on Error { message } } }
`;
const LIST = /* GraphQL */ `
  query CheckInList($id: ID!) {
    event(id: $id) { id attendees { id } checkInList { id name walkIn booking guests attendance markedAt } }
  }
`;
const ENTRY = 'id name walkIn booking guests attendance';
const MARK = /* GraphQL */ `
  mutation Mark($input: MarkAttendanceInput!) {
    markAttendance(input: $input) {
      __typename
      ... on MutationMarkAttendanceSuccess { data { ${ENTRY} } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const WALK_IN = /* GraphQL */ `
  mutation WalkIn($input: AddWalkInInput!) {
    addWalkIn(input: $input) {
      __typename
      ... on MutationAddWalkInSuccess { data { ${ENTRY} } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const HISTORY = /* GraphQL */ `
  query History { me { attendance { id status walkIn markedAt event { id title } } } }
`;

const REGION = 'yorkshire-and-the-humber';

/** A published event in Leeds hosted by a member (going to it), with one attendee going, and every role around it. */
async function setting() {
  const host = await signedUp(api.url, { firstName: 'Hana', lastName: 'Host' });
  const event = await createEvent(host, { title: `Check-in ${uniqueTag()}`, capacity: 10 });
  const attendee = await signedUp(api.url, { firstName: 'Aisha', lastName: 'Attendee-Longname' });
  expect((await attendee.gql(RSVP, { eventId: event.id })).data.rsvp.__typename).toBe('MutationRsvpSuccess');
  const [member, organiser, elsewhere, admin, coHost] = await manyMembers(api, 5);
  await api.prisma.eventCoHost.create({ data: { eventId: uuidOf(event.id), userId: uuidOf(coHost!.userId) } });
  await grantRole(api.prisma, organiser!.userId, 'ORGANISER', [REGION]);
  await grantRole(api.prisma, elsewhere!.userId, 'ORGANISER', ['london']);
  await grantRole(api.prisma, admin!.userId, 'ADMIN');
  return {
    host,
    event,
    attendee,
    member: member!,
    coHost: coHost!,
    organiser: organiser!,
    elsewhere: elsewhere!,
    admin: admin!,
    anonymous: new Client(api.url),
  };
}

const entryIdOf = async (client: Client, eventId: string, name: string): Promise<string> => {
  const res = await client.gql(LIST, { id: eventId });
  const entry = res.data.event.checkInList.find((e: { name: string }) => e.name === name);
  if (!entry) throw new Error(`${name} is not on the list: ${JSON.stringify(res)}`);
  return entry.id;
};

const mark = (client: Client, eventId: string, entryId: string, status: string | null, tapId: string = randomUUID()) =>
  client.gql(MARK, { input: { tapId, eventId, entryId, status } });

const rowsOf = async (eventId: string) => ({
  attendances: await api.prisma.attendance.findMany({ where: { eventId: uuidOf(eventId) } }),
  taps: await api.prisma.checkInTap.count({ where: { eventId: uuidOf(eventId) } }),
});

describe('who may check in', () => {
  test('the host, co-hosts, the region’s organisers and admins see full names and mark; anyone else gets a typed error and changes nothing', async () => {
    const s = await setting();
    const entryId = await entryIdOf(s.host, s.event.id, 'Aisha Attendee-Longname');

    for (const [role, client, error] of [
      ['anonymous', s.anonymous, 'AuthenticationError'],
      ['member', s.member, 'ForbiddenError'],
      ['attendee', s.attendee, 'ForbiddenError'],
      ['organiser of another region', s.elsewhere, 'ForbiddenError'],
    ] as const) {
      const list = await client.gql(LIST, { id: s.event.id });
      expect(list.data.event.checkInList, role).toBeNull();
      expect(JSON.stringify(list), role).not.toContain('Longname');
      const res = await mark(client, s.event.id, entryId, 'ATTENDED');
      expect(res.data.markAttendance.__typename, role).toBe(error);
      const walkIn = await client.gql(WALK_IN, { input: { tapId: randomUUID(), eventId: s.event.id, name: 'Sneaky' } });
      expect(walkIn.data.addWalkIn.__typename, role).toBe(error);
    }
    expect(await rowsOf(s.event.id)).toEqual({ attendances: [], taps: 0 });

    const statuses = ['ATTENDED', 'NO_SHOW', null, 'ATTENDED'] as const;
    for (const [i, [role, client]] of ([
      ['host', s.host],
      ['co-host', s.coHost],
      ['organiser of this region', s.organiser],
      ['admin', s.admin],
    ] as const).entries()) {
      const list = await client.gql(LIST, { id: s.event.id });
      expect(list.data.event.checkInList, role).toEqual([
        { id: entryId, name: 'Aisha Attendee-Longname', walkIn: false, booking: 'GOING', guests: 0, attendance: i === 0 ? null : statuses[i - 1], markedAt: i > 0 && statuses[i - 1] ? expect.any(String) : null },
        // The host is going to their own event.
        { id: expect.any(String), name: 'Hana Host', walkIn: false, booking: 'GOING', guests: 0, attendance: null, markedAt: null },
      ]);
      const res = await mark(client, s.event.id, entryId, statuses[i]!);
      expect(res.data.markAttendance, role).toEqual({
        __typename: 'MutationMarkAttendanceSuccess',
        data: { id: entryId, name: 'Aisha Attendee-Longname', walkIn: false, booking: 'GOING', guests: 0, attendance: statuses[i] },
      });
    }
    const { attendances, taps } = await rowsOf(s.event.id);
    expect(attendances).toHaveLength(1);
    expect(attendances[0]!.status).toBe('ATTENDED');
    expect(taps).toBe(4);
  });

  test('members still see first names only: the attendee list and organiser stay as they were', async () => {
    const s = await setting();
    const res = await s.member.gql(/* GraphQL */ `query E($id: ID!) { event(id: $id) { organiser { displayName } attendees { id } checkInList { id } } }`, {
      id: s.event.id,
    });
    expect(res.data.event).toEqual({ organiser: { displayName: 'Hana H.' }, attendees: null, checkInList: null });
  });

  test('an unknown event or a person not on the list is not found; a malformed tap id is a validation error; nothing changes', async () => {
    const s = await setting();
    const entryId = await entryIdOf(s.host, s.event.id, 'Aisha Attendee-Longname');
    expect((await mark(s.host, Buffer.from(`Event:${randomUUID()}`).toString('base64'), entryId, 'ATTENDED')).data.markAttendance.__typename).toBe(
      'NotFoundError',
    );
    const stranger = Buffer.from(`CheckInMember:${uuidOf(s.member.userId)}`).toString('base64');
    expect((await mark(s.host, s.event.id, stranger, 'ATTENDED')).data.markAttendance.__typename).toBe('NotFoundError');
    const bad = await mark(s.host, s.event.id, entryId, 'ATTENDED', 'not-a-uuid');
    expect(bad.data.markAttendance.__typename).toBe('ValidationError');
    expect(bad.data.markAttendance.fieldErrors[0].path).toEqual(['input', 'tapId']);
    expect(await rowsOf(s.event.id)).toEqual({ attendances: [], taps: 0 });
  });
});

describe('taps on a flaky connection', () => {
  test('the same tap sent 20 times in parallel is recorded once', async () => {
    const s = await setting();
    const entryId = await entryIdOf(s.host, s.event.id, 'Aisha Attendee-Longname');
    const tapId = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => mark(s.host, s.event.id, entryId, 'ATTENDED', tapId)));
    for (const a of answers) expect(a.data.markAttendance.data.attendance).toBe('ATTENDED');
    const { attendances, taps } = await rowsOf(s.event.id);
    expect(taps).toBe(1);
    expect(attendances).toHaveLength(1);
    const marked = await api.prisma.checkInTap.findUniqueOrThrow({ where: { id: tapId } });
    expect(marked.attendanceId).toBe(attendances[0]!.id);
  });

  test('a retry of an older tap arriving after a newer one changes nothing: the undo stands', async () => {
    const s = await setting();
    const entryId = await entryIdOf(s.host, s.event.id, 'Aisha Attendee-Longname');
    const first = randomUUID();
    expect((await mark(s.host, s.event.id, entryId, 'ATTENDED', first)).data.markAttendance.data.attendance).toBe('ATTENDED');
    expect((await mark(s.host, s.event.id, entryId, null)).data.markAttendance.data.attendance).toBeNull();
    // The first tap's answer was lost, so the device sends it again.
    expect((await mark(s.host, s.event.id, entryId, 'ATTENDED', first)).data.markAttendance.data.attendance).toBeNull();
    expect((await rowsOf(s.event.id)).attendances[0]!.status).toBeNull();
  });

  test("a tap id is one device's tap: another manager reusing it is refused", async () => {
    const s = await setting();
    const entryId = await entryIdOf(s.host, s.event.id, 'Aisha Attendee-Longname');
    const tapId = randomUUID();
    await mark(s.host, s.event.id, entryId, 'ATTENDED', tapId);
    const res = await mark(s.organiser, s.event.id, entryId, 'NO_SHOW', tapId);
    expect(res.data.markAttendance.__typename).toBe('ValidationError');
    expect((await rowsOf(s.event.id)).attendances[0]!.status).toBe('ATTENDED');
  });
});

describe('walk-ins', () => {
  test('a walk-in without an account is a row without a user, added once however often the tap is sent', async () => {
    const s = await setting();
    const tapId = randomUUID();
    const input = { tapId, eventId: s.event.id, name: '  Wanda Walkin ', email: '' };
    const answers = await Promise.all(Array.from({ length: 10 }, () => s.host.gql(WALK_IN, { input })));
    const ids = new Set(answers.map((a) => a.data.addWalkIn.data.id));
    expect(ids.size).toBe(1);
    expect(answers[0]!.data.addWalkIn.data).toMatchObject({ name: 'Wanda Walkin', walkIn: true, booking: null, attendance: 'ATTENDED' });
    const { attendances } = await rowsOf(s.event.id);
    expect(attendances).toHaveLength(1);
    expect(attendances[0]).toMatchObject({ userId: null, walkIn: true, walkInName: 'Wanda Walkin', walkInEmail: null, status: 'ATTENDED' });

    // On the list, and can be undone and marked again like anyone.
    const walkInId = [...ids][0]!;
    expect((await s.host.gql(LIST, { id: s.event.id })).data.event.checkInList.map((e: { name: string }) => e.name)).toEqual([
      'Aisha Attendee-Longname',
      'Hana Host',
      'Wanda Walkin',
    ]);
    expect((await mark(s.host, s.event.id, walkInId, null)).data.markAttendance.data).toMatchObject({ id: walkInId, attendance: null });
  });

  test('with the address of a member not on the list, the walk-in shows in their own history', async () => {
    const s = await setting();
    const res = await s.host.gql(WALK_IN, { input: { tapId: randomUUID(), eventId: s.event.id, name: 'Came Along', email: s.member.email.toUpperCase() } });
    expect(res.data.addWalkIn.__typename).toBe('MutationAddWalkInSuccess');
    const history = await s.member.gql(HISTORY);
    expect(history.data.me.attendance).toEqual([
      { id: expect.any(String), status: 'ATTENDED', walkIn: true, markedAt: expect.any(String), event: { id: s.event.id, title: s.event.title } },
    ]);
  });

  test('a bad name or address is a validation error and adds nobody', async () => {
    const s = await setting();
    for (const input of [{ name: '' }, { name: 'Ok', email: 'not an address' }, { name: 'a\u202Eb' }]) {
      const res = await s.host.gql(WALK_IN, { input: { tapId: randomUUID(), eventId: s.event.id, ...input } });
      expect(res.data.addWalkIn.__typename, JSON.stringify(input)).toBe('ValidationError');
    }
    expect(await rowsOf(s.event.id)).toEqual({ attendances: [], taps: 0 });
  });
});

describe('my attendance history', () => {
  test('members see where check-in marked them, attended or no-show; an undone mark is not shown', async () => {
    const s = await setting();
    const second = await createEvent(s.host, { title: `Second ${uniqueTag()}` });
    await s.attendee.gql(RSVP, { eventId: second.id });
    await mark(s.host, s.event.id, await entryIdOf(s.host, s.event.id, 'Aisha Attendee-Longname'), 'NO_SHOW');
    const secondEntry = await entryIdOf(s.host, second.id, 'Aisha Attendee-Longname');
    await mark(s.host, second.id, secondEntry, 'ATTENDED');
    const history = (await s.attendee.gql(HISTORY)).data.me.attendance;
    expect(history.map((a: { status: string; event: { id: string } }) => [a.event.id, a.status]).sort()).toEqual(
      [
        [s.event.id, 'NO_SHOW'],
        [second.id, 'ATTENDED'],
      ].sort(),
    );
    await mark(s.host, second.id, secondEntry, null);
    expect((await s.attendee.gql(HISTORY)).data.me.attendance.map((a: { event: { id: string } }) => a.event.id)).toEqual([s.event.id]);
    // Nobody else's history: the host was marked nowhere.
    expect((await s.host.gql(HISTORY)).data.me.attendance).toEqual([]);
  });
});
