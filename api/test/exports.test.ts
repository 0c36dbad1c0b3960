import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningApi } from '../src/server.ts';
import { Client, createEvent, globalId, grantRole, manyMembers, signedUp, startTestApi, uniqueTag, uuidOf } from './helpers.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const RSVP = /* GraphQL */ `
  mutation Rsvp($eventId: ID!, $guests: Int) { rsvp(eventId: $eventId, guests: $guests) { __typename ... on Error { message } } }
`;
const EXPORT_EVENT = /* GraphQL */ `
  mutation ExportEvent($eventId: ID!) {
    exportEventPeople(eventId: $eventId) {
      __typename
      ... on MutationExportEventPeopleSuccess { data { filename csv rowCount } }
      ... on Error { message }
    }
  }
`;
const EXPORT_CAMPAIGN = /* GraphQL */ `
  mutation ExportCampaign($campaignId: ID!) {
    exportCampaignPeople(campaignId: $campaignId) {
      __typename
      ... on MutationExportCampaignPeopleSuccess { data { filename csv rowCount } }
      ... on Error { message }
    }
  }
`;
const LOG = /* GraphQL */ `
  query Log {
    exportLog {
      __typename
      ... on QueryExportLogSuccess { data { id at byName byEmail scope label rowCount } }
      ... on Error { message }
    }
  }
`;
const LIST = /* GraphQL */ `query L($id: ID!) { event(id: $id) { checkInList { id name } } }`;
const MARK = /* GraphQL */ `
  mutation Mark($input: MarkAttendanceInput!) { markAttendance(input: $input) { __typename } }
`;
const WALK_IN = /* GraphQL */ `
  mutation WalkIn($input: AddWalkInInput!) { addWalkIn(input: $input) { __typename } }
`;

const REGION = 'yorkshire-and-the-humber';

const parseCsv = (csv: string): Record<string, string>[] => parse(csv, { bom: true, columns: true, skip_empty_lines: true });

const logRows = (scopeId: string) => api.prisma.exportLog.findMany({ where: { scopeId } });

/**
 * An event with people going (its host among them), waitlisted and a walk-in, some with names a spreadsheet would run
 * as formulas.
 */
async function setting() {
  const host = await signedUp(api.url, { firstName: 'Hana', lastName: 'Host' });
  // Four places: the host's, the formula's party of two, Pat's; the next waits.
  const event = await createEvent(host, { title: `=Export ${uniqueTag()}`, capacity: 4 });
  const formula = await signedUp(api.url, { firstName: '=HYPERLINK("http://evil.example","click")', lastName: 'Plus' });
  const plain = await signedUp(api.url, { firstName: 'Pat', lastName: '-Minus' });
  const waiting = await signedUp(api.url, { firstName: '@Waiting', lastName: 'Person' });
  expect((await formula.gql(RSVP, { eventId: event.id, guests: 1 })).data.rsvp.__typename).toBe('MutationRsvpSuccess');
  expect((await plain.gql(RSVP, { eventId: event.id })).data.rsvp.__typename).toBe('MutationRsvpSuccess');
  expect((await waiting.gql(RSVP, { eventId: event.id })).data.rsvp.__typename).toBe('MutationRsvpSuccess');
  const list = (await host.gql(LIST, { id: event.id })).data.event.checkInList as { id: string; name: string }[];
  const patEntry = list.find((e) => e.name === 'Pat -Minus')!;
  await host.gql(MARK, { input: { tapId: randomUUID(), eventId: event.id, entryId: patEntry.id, status: 'ATTENDED' } });
  await host.gql(WALK_IN, { input: { tapId: randomUUID(), eventId: event.id, name: '+Walk In', email: 'walk.in@example.org' } });
  const [member, organiser, elsewhere, admin, coHost] = await manyMembers(api, 5);
  await api.prisma.eventCoHost.create({ data: { eventId: uuidOf(event.id), userId: uuidOf(coHost!.userId) } });
  await grantRole(api.prisma, organiser!.userId, 'ORGANISER', [REGION]);
  await grantRole(api.prisma, elsewhere!.userId, 'ORGANISER', ['london']);
  await grantRole(api.prisma, admin!.userId, 'ADMIN');
  return {
    host,
    event,
    formula,
    plain,
    waiting,
    member: member!,
    coHost: coHost!,
    organiser: organiser!,
    elsewhere: elsewhere!,
    admin: admin!,
    anonymous: new Client(api.url),
  };
}

describe('event export', () => {
  test('the host downloads everyone as CSV, formulas neutralised, and the export is logged', async () => {
    const s = await setting();
    const res = await s.host.gql(EXPORT_EVENT, { eventId: s.event.id });
    const out = res.data.exportEventPeople;
    expect(out.__typename).toBe('MutationExportEventPeopleSuccess');
    expect(out.data.filename).toMatch(/^export-t[0-9a-f]{10}-people-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parseCsv(out.data.csv);
    expect(out.data.rowCount).toBe(5);
    expect(Object.keys(rows[0]!)).toEqual(['Event', 'Event starts', 'Shift', 'Name', 'Email', 'Status', 'Guests', 'Booked at', 'Attendance']);
    const byName = Object.fromEntries(rows.map((r) => [r.Name, r]));
    expect(Object.keys(byName).sort()).toEqual(["'+Walk In", '\'=HYPERLINK("http://evil.example","click") Plus', "'@Waiting Person", 'Hana Host', 'Pat -Minus'].sort());
    expect(byName['Hana Host']).toMatchObject({ Email: s.host.email, Status: 'going', Guests: '0', Attendance: '' });
    expect(byName['\'=HYPERLINK("http://evil.example","click") Plus']).toMatchObject({ Email: s.formula.email, Status: 'going', Guests: '1', Attendance: '' });
    expect(byName['Pat -Minus']).toMatchObject({ Email: s.plain.email, Status: 'going', Guests: '0', Attendance: 'attended' });
    expect(byName["'@Waiting Person"]).toMatchObject({ Email: s.waiting.email, Status: 'waitlisted' });
    expect(byName["'+Walk In"]).toMatchObject({ Email: 'walk.in@example.org', Status: 'walk-in', Attendance: 'attended' });
    for (const r of rows) {
      expect(r.Event).toBe(`'${s.event.title}`);
      expect(r['Booked at']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      // No cell a spreadsheet would run.
      for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    const log = await logRows(uuidOf(s.event.id));
    expect(log).toEqual([
      expect.objectContaining({ userId: uuidOf(s.host.userId), scope: 'EVENT', label: s.event.title, rowCount: 5, createdAt: expect.any(Date) }),
    ]);
  });

  test('co-hosts, the region’s organisers and admins may export; anyone else gets a typed error and nothing is logged', async () => {
    const s = await setting();
    for (const [role, client, error] of [
      ['anonymous', s.anonymous, 'AuthenticationError'],
      ['member', s.member, 'ForbiddenError'],
      ['attendee', s.plain, 'ForbiddenError'],
      ['organiser of another region', s.elsewhere, 'ForbiddenError'],
    ] as const) {
      const res = await client.gql(EXPORT_EVENT, { eventId: s.event.id });
      expect(res.data.exportEventPeople.__typename, role).toBe(error);
      expect(JSON.stringify(res), role).not.toContain(s.plain.email);
    }
    expect(await logRows(uuidOf(s.event.id))).toEqual([]);
    for (const client of [s.coHost, s.organiser, s.admin]) {
      expect((await client.gql(EXPORT_EVENT, { eventId: s.event.id })).data.exportEventPeople.data.rowCount).toBe(5);
    }
    expect((await logRows(uuidOf(s.event.id))).map((l) => l.userId).sort()).toEqual(
      [uuidOf(s.coHost.userId), uuidOf(s.organiser.userId), uuidOf(s.admin.userId)].sort(),
    );
    const missing = await s.admin.gql(EXPORT_EVENT, { eventId: globalId('Event', randomUUID()) });
    expect(missing.data.exportEventPeople.__typename).toBe('NotFoundError');
  });
});

describe('campaign export', () => {
  test("every event of a campaign in one file, for its region's organisers only", async () => {
    const s = await setting();
    const campaign = await api.prisma.campaign.create({
      data: { name: `Weekend ${uniqueTag()}`, regionId: REGION, startsAt: new Date(), endsAt: new Date(Date.now() + 30 * 86_400_000) },
    });
    const other = await createEvent(s.host, { title: `Other ${uniqueTag()}` });
    await s.plain.gql(RSVP, { eventId: other.id });
    await api.prisma.event.updateMany({ where: { id: { in: [uuidOf(s.event.id), uuidOf(other.id)] } }, data: { campaignId: campaign.id } });
    const campaignId = globalId('Campaign', campaign.id);

    for (const [role, client, error] of [
      ['anonymous', s.anonymous, 'AuthenticationError'],
      ['host of an event in it', s.host, 'ForbiddenError'],
      ['co-host of an event in it', s.coHost, 'ForbiddenError'],
      ['organiser of another region', s.elsewhere, 'ForbiddenError'],
    ] as const) {
      expect((await client.gql(EXPORT_CAMPAIGN, { campaignId })).data.exportCampaignPeople.__typename, role).toBe(error);
    }
    expect(await logRows(campaign.id)).toEqual([]);

    const res = await s.organiser.gql(EXPORT_CAMPAIGN, { campaignId });
    const rows = parseCsv(res.data.exportCampaignPeople.data.csv);
    // Five from the first event, and the host and Pat going to the other.
    expect(rows).toHaveLength(7);
    expect(new Set(rows.map((r) => r.Event))).toEqual(new Set([`'${s.event.title}`, other.title]));
    expect(await logRows(campaign.id)).toEqual([expect.objectContaining({ scope: 'CAMPAIGN', label: campaign.name, rowCount: 7 })]);
  });
});

describe('export log', () => {
  test('admins see who exported what, when, and how many rows; nobody else sees the log', async () => {
    const s = await setting();
    await s.host.gql(EXPORT_EVENT, { eventId: s.event.id });
    const res = await s.admin.gql(LOG);
    expect(res.data.exportLog.__typename).toBe('QueryExportLogSuccess');
    expect(res.data.exportLog.data).toContainEqual({
      id: expect.any(String),
      at: expect.any(String),
      byName: 'Hana Host',
      byEmail: s.host.email,
      scope: 'EVENT',
      label: s.event.title,
      rowCount: 5,
    });
    for (const [client, error] of [
      [s.anonymous, 'AuthenticationError'],
      [s.host, 'ForbiddenError'],
      [s.organiser, 'ForbiddenError'],
    ] as const) {
      expect((await client.gql(LOG)).data.exportLog.__typename).toBe(error);
    }
  });
});
