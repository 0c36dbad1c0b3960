/**
 * Campaigns, the approval queue, host trust and co-hosts, per role (anonymous, member, host, co-host, organiser of
 * the region, organiser of another region, admin): every refusal is a typed error that changes nothing, and the
 * approval and invitation e-mails arrive through the real SMTP server.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningApi } from '../src/server.ts';
import { Client, eventInput, globalId, grantRole, PASSWORD, SIGN_UP, signedUp, startTestApi, uniqueTag, uuidOf } from './helpers.ts';
import { waitForMail } from './mail-catcher.ts';
import { subscribe } from './sse.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());


const REGION = 'yorkshire-and-the-humber';
const DAY = 86_400_000;

const CREATE_CAMPAIGN = /* GraphQL */ `
  mutation C($input: CampaignInput!) {
    createCampaign(input: $input) {
      __typename
      ... on MutationCreateCampaignSuccess { data { id name seats { goal constituency { code } } templates { id kind title durationMinutes briefing } } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const HOST = /* GraphQL */ `
  mutation H($templateId: ID!, $input: EventInput!, $publish: Boolean) {
    hostCampaignEvent(templateId: $templateId, input: $input, publish: $publish) {
      __typename
      ... on MutationHostCampaignEventSuccess { data { id status approval kind campaign { id } } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const QUEUE = /* GraphQL */ `
  query Q { approvalQueue { __typename ... on QueryApprovalQueueSuccess { data { id title } } ... on Error { message } } }
`;
const APPROVE = /* GraphQL */ `
  mutation A($id: ID!) { approveEvent(id: $id) { __typename ... on MutationApproveEventSuccess { data { id status approval } } ... on Error { message } } }
`;
const REJECT = /* GraphQL */ `
  mutation R($id: ID!, $reason: String!) {
    rejectEvent(id: $id, reason: $reason) {
      __typename
      ... on MutationRejectEventSuccess { data { id status approval approvalNote } }
      ... on Error { message }
    }
  }
`;
const PUBLISH = /* GraphQL */ `
  mutation P($id: ID!) { publishEvent(id: $id) { __typename ... on MutationPublishEventSuccess { data { status approval } } ... on Error { message } } }
`;
const READ_EVENT = /* GraphQL */ `
  query E($id: ID!) {
    event(id: $id) { id status approval approvalNote briefing viewerCanManage viewerCanEdit viewerIsCoHost attendees { id } coHosts { displayName } coHostInvites { email } }
  }
`;
const INVITE = /* GraphQL */ `
  mutation I($eventId: ID!, $email: String!) {
    inviteCoHost(eventId: $eventId, email: $email) {
      __typename
      ... on MutationInviteCoHostSuccess { data { id email accepted } }
      ... on Error { message }
    }
  }
`;
const ACCEPT = /* GraphQL */ `
  mutation Acc($inviteId: ID!) { acceptCoHostInvite(inviteId: $inviteId) { __typename ... on MutationAcceptCoHostInviteSuccess { data { id viewerIsCoHost viewerCanManage } } ... on Error { message } } }
`;
const REVOKE = /* GraphQL */ `
  mutation Rv($personId: ID!, $regionId: ID!) { revokeHostTrust(personId: $personId, regionId: $regionId) { __typename ... on Error { message } } }
`;
const NEAR = /* GraphQL */ `
  query N($text: String!) {
    eventsNear(input: { postcode: "LS6 1AN", radiusKm: 50, text: $text }) { ... on EventsNearConnection { edges { node { id } } } }
  }
`;
const RSVP = /* GraphQL */ `mutation($eventId: ID!) { rsvp(eventId: $eventId) { __typename } }`;

type Member = Client & { email: string; userId: string };
let roles: Record<string, Client>;
let organiser: Member;
let host: Member;
let coHost: Member;
let member: Member;
let admin: Member;
let elsewhere: Member;
let seats: string[];
let campaign: { id: string; templates: { id: string }[] };

const window = () => {
  const start = new Date(Date.now() + DAY);
  start.setUTCHours(0, 0, 0, 0);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 20 * DAY).toISOString() };
};

const campaignInput = (overrides: Record<string, unknown> = {}) => ({
  name: `Yorkshire weekend of action ${uniqueTag()}`,
  regionId: REGION,
  ...window(),
  seats: seats.slice(0, 2).map((constituencyCode, i) => ({ constituencyCode, goal: 10 + i })),
  templates: [{ kind: 'CANVASS', title: 'Doorstep canvass', durationMinutes: 180, briefing: 'Meet at the hall; bring water. Secret script B.' }],
  ...overrides,
});

// This file's people only: other files create campaigns on the same database at the same time.
const campaignCount = () =>
  api.prisma.campaign.count({ where: { createdById: { in: Object.values(roles).flatMap((c) => ('userId' in c ? [uuidOf(c.userId as string)] : [])) } } });

beforeAll(async () => {
  [organiser, host, coHost, member, admin, elsewhere] = await Promise.all([
    signedUp(api.url, { firstName: 'Orla', lastName: 'Organiser' }),
    signedUp(api.url, { firstName: 'Hana', lastName: 'Host' }),
    signedUp(api.url, { firstName: 'Cole', lastName: 'Cohost' }),
    signedUp(api.url),
    signedUp(api.url),
    signedUp(api.url),
  ]);
  await grantRole(api.prisma, organiser.userId, 'ORGANISER', [REGION]);
  await grantRole(api.prisma, elsewhere.userId, 'ORGANISER', ['london']);
  await grantRole(api.prisma, admin.userId, 'ADMIN');
  seats = (
    await api.prisma.constituency.findMany({
      where: { regionId: REGION, majorityPct: { lte: 5 }, winner: { not: 'Spk' } },
      orderBy: { code: 'asc' },
      take: 3,
    })
  ).map((c) => c.code);
  expect(seats.length).toBeGreaterThanOrEqual(2);
  const res = await organiser.gql(CREATE_CAMPAIGN, { input: campaignInput() });
  campaign = res.data.createCampaign.data;
  roles = { anonymous: new Client(api.url), member, host, coHost, organiser, elsewhere, admin };
});

async function hostEvent(client: Client, overrides: Record<string, unknown> = {}, publish = true) {
  const res = await client.gql(HOST, { templateId: campaign.templates[0]!.id, input: eventInput({ title: `Campaign canvass ${uniqueTag()}`, ...overrides }), publish });
  const event = res.data?.hostCampaignEvent?.data;
  if (!event) throw new Error(`hostCampaignEvent failed: ${JSON.stringify(res)}`);
  return event;
}

describe('creating a campaign', () => {
  test('the organiser of the region: seats with goals and a template (its briefing shown to organisers only)', async () => {
    const res = await organiser.gql(CREATE_CAMPAIGN, { input: campaignInput() });
    expect(res.data.createCampaign).toMatchObject({
      __typename: 'MutationCreateCampaignSuccess',
      data: { seats: expect.arrayContaining([{ goal: 10, constituency: { code: seats[0] } }]), templates: [{ kind: 'CANVASS', durationMinutes: 180, briefing: expect.stringContaining('Secret script') }] },
    });
    const asMember = await member.gql('query($id: ID!) { node(id: $id) { ... on Campaign { name templates { briefing } } } }', { id: res.data.createCampaign.data.id });
    expect(asMember.data.node.templates).toEqual([{ briefing: null }]);
  });

  const refusals: [string, string][] = [
    ['anonymous', 'AuthenticationError'],
    ['member', 'ForbiddenError'],
    ['host', 'ForbiddenError'],
    ['coHost', 'ForbiddenError'],
    ['elsewhere', 'ForbiddenError'],
  ];
  for (const [role, error] of refusals) {
    test(`${role}: ${error}, nothing created`, async () => {
      const before = await campaignCount();
      const res = await roles[role]!.gql(CREATE_CAMPAIGN, { input: campaignInput() });
      expect(res.data.createCampaign.__typename).toBe(error);
      expect(await campaignCount()).toBe(before);
    });
  }

  test('admin: any region', async () => {
    const res = await admin.gql(CREATE_CAMPAIGN, { input: campaignInput() });
    expect(res.data.createCampaign.__typename).toBe('MutationCreateCampaignSuccess');
  });

  test('bad input is a ValidationError naming the field, and changes nothing', async () => {
    const before = await campaignCount();
    const { startsAt } = window();
    const bad: [Record<string, unknown>, string][] = [
      [{ endsAt: new Date(Date.parse(startsAt) - DAY).toISOString() }, 'input.endsAt'],
      [{ endsAt: startsAt }, 'input.endsAt'],
      [{ seats: [{ constituencyCode: seats[0], goal: 0 }] }, 'input.seats.0.goal'],
      [{ seats: [] }, 'input.seats'],
    ];
    for (const [overrides, path] of bad) {
      const res = await organiser.gql(CREATE_CAMPAIGN, { input: campaignInput(overrides) });
      expect(res.data.createCampaign.__typename, path).toBe('ValidationError');
      expect(res.data.createCampaign.fieldErrors.map((e: { path: string[] }) => e.path.join('.')), path).toContain(path);
    }
    // A seat in another region, and a safe seat, are not this campaign's targets.
    const london = await api.prisma.constituency.findFirstOrThrow({ where: { regionId: 'london', majorityPct: { lte: 5 } } });
    const safe = await api.prisma.constituency.findFirstOrThrow({ where: { regionId: REGION, majorityPct: { gt: 20 }, target: null } });
    for (const code of [london.code, safe.code]) {
      const res = await organiser.gql(CREATE_CAMPAIGN, { input: campaignInput({ seats: [{ constituencyCode: code, goal: 5 }] }) });
      expect(res.data.createCampaign.fieldErrors[0].path).toEqual(['input', 'seats', '0', 'constituencyCode']);
    }
    expect(await campaignCount()).toBe(before);
  });
});

describe('hosting in a campaign and the approval queue', () => {
  test('a first-time host waits for approval: a draft with approval PENDING, not in discovery', async () => {
    const tag = uniqueTag();
    const event = await hostEvent(host, { title: `Pending canvass ${tag}` });
    expect(event).toMatchObject({ status: 'DRAFT', approval: 'PENDING', kind: 'CANVASS', campaign: { id: campaign.id } });
    const near = await member.gql(NEAR, { text: tag });
    expect(near.data.eventsNear.edges).toEqual([]);
  });

  test('an event outside the campaign window is a ValidationError and creates nothing', async () => {
    const hostsEvents = () => api.prisma.event.count({ where: { organiserId: uuidOf(host.userId) } });
    const before = await hostsEvents();
    const start = new Date(Date.now() + 30 * DAY);
    const res = await host.gql(HOST, {
      templateId: campaign.templates[0]!.id,
      input: eventInput({ startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() }),
    });
    expect(res.data.hostCampaignEvent).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['input', 'startsAt'] }] });
    expect(await hostsEvents()).toBe(before);
  });

  test("a shift outside the campaign's window is a ValidationError and creates nothing", async () => {
    const hostsEvents = () => api.prisma.event.count({ where: { organiserId: uuidOf(host.userId) } });
    const before = await hostsEvents();
    // The event runs over the window's end, its one shift wholly after it.
    const end = Date.parse(window().endsAt);
    const at = (minutes: number) => new Date(end + minutes * 60_000).toISOString();
    const res = await host.gql(HOST, {
      templateId: campaign.templates[0]!.id,
      input: eventInput({ startsAt: at(-120), endsAt: at(120), shifts: [{ startsAt: at(30), endsAt: at(90), capacity: 4 }] }),
    });
    expect(res.data.hostCampaignEvent, JSON.stringify(res.data.hostCampaignEvent)).toMatchObject({ __typename: 'ValidationError', message: expect.stringMatching(/campaign/i) });
    expect(await hostsEvents()).toBe(before);
  });

  test('the queue per role: organisers of the region and admins see it; others get a typed error or nothing of it', async () => {
    const event = await hostEvent(host);
    const expected: Record<string, string | boolean> = {
      anonymous: 'AuthenticationError',
      member: 'ForbiddenError',
      host: 'ForbiddenError',
      coHost: 'ForbiddenError',
      elsewhere: false,
      organiser: true,
      admin: true,
    };
    for (const [role, want] of Object.entries(expected)) {
      const res = await roles[role]!.gql(QUEUE);
      const q = res.data.approvalQueue;
      if (typeof want === 'string') expect(q.__typename, role).toBe(want);
      else expect(q.data.some((e: { id: string }) => e.id === event.id), role).toBe(want);
    }
  });

  test('approve and reject per role: only the region organisers and admins; others change nothing', async () => {
    const event = await hostEvent(host);
    // A co-host of the waiting event runs it with the host, but does not approve it either.
    const invited = (await host.gql(INVITE, { eventId: event.id, email: coHost.email })).data.inviteCoHost.data;
    expect((await coHost.gql(ACCEPT, { inviteId: invited.id })).data.acceptCoHostInvite.__typename).toBe('MutationAcceptCoHostInviteSuccess');
    const expected: Record<string, string> = {
      anonymous: 'AuthenticationError',
      member: 'NotFoundError',
      host: 'ForbiddenError',
      coHost: 'ForbiddenError',
      elsewhere: 'NotFoundError',
    };
    for (const [role, error] of Object.entries(expected)) {
      expect((await roles[role]!.gql(APPROVE, { id: event.id })).data.approveEvent.__typename, role).toBe(error);
      expect((await roles[role]!.gql(REJECT, { id: event.id, reason: 'Not this one' })).data.rejectEvent.__typename, role).toBe(error);
    }
    const row = await api.prisma.event.findUniqueOrThrow({ where: { id: uuidOf(event.id) } });
    expect(row).toMatchObject({ status: 'DRAFT', approval: 'PENDING', approvalNote: null });
    expect((await admin.gql(APPROVE, { id: event.id })).data.approveEvent.data).toMatchObject({ status: 'PUBLISHED', approval: 'APPROVED' });
    // Approved once: not waiting any more.
    expect((await organiser.gql(APPROVE, { id: event.id })).data.approveEvent.__typename).toBe('ValidationError');
    await api.prisma.trustedHost.deleteMany({ where: { userId: uuidOf(host.userId) } });
  });

  test('rejected with a reason (e-mailed, shown on the event), resubmitted, approved: published, in discovery, the host e-mailed and trusted', async () => {
    const tag = uniqueTag();
    const event = await hostEvent(host, { title: `Reviewed canvass ${tag}` });
    const rejected = await organiser.gql(REJECT, { id: event.id, reason: 'Please start from the library, not the pub.' });
    expect(rejected.data.rejectEvent.data).toMatchObject({ status: 'DRAFT', approval: 'REJECTED', approvalNote: 'Please start from the library, not the pub.' });
    const seen = (await host.gql(READ_EVENT, { id: event.id })).data.event;
    expect(seen).toMatchObject({ approval: 'REJECTED', approvalNote: 'Please start from the library, not the pub.' });
    const rejection = await waitForMail(host.email, { test: (m) => /Not approved/.test(m.subject ?? '') && (m.text ?? '').includes(tag) === false });
    expect(rejection.text).toContain('Please start from the library, not the pub.');
    // Short reasons are refused.
    expect((await organiser.gql(REJECT, { id: event.id, reason: 'x' })).data.rejectEvent.__typename).toBe('ValidationError');

    // The host resubmits: back in the queue.
    expect((await host.gql(PUBLISH, { id: event.id })).data.publishEvent.data).toEqual({ status: 'DRAFT', approval: 'PENDING' });
    expect((await member.gql(NEAR, { text: tag })).data.eventsNear.edges).toEqual([]);
    expect((await organiser.gql(APPROVE, { id: event.id })).data.approveEvent.data).toMatchObject({ status: 'PUBLISHED', approval: 'APPROVED' });
    expect((await member.gql(NEAR, { text: tag })).data.eventsNear.edges).toEqual([{ node: { id: event.id } }]);
    const approved = await waitForMail(host.email, { test: (m) => (m.subject ?? '').includes(`Approved: Reviewed canvass ${tag}`) });
    expect(approved.text).toContain('published');

    // Trusted now: the next campaign event publishes at once.
    expect(await hostEvent(host)).toMatchObject({ status: 'PUBLISHED', approval: null });
    // Revoking trust: only organisers of the region (or admins); afterwards the host waits again.
    const revoke = (c: Client) => c.gql(REVOKE, { personId: host.userId, regionId: REGION });
    expect((await revoke(new Client(api.url))).data.revokeHostTrust.__typename).toBe('AuthenticationError');
    expect((await revoke(member)).data.revokeHostTrust.__typename).toBe('ForbiddenError');
    expect((await revoke(host)).data.revokeHostTrust.__typename).toBe('ForbiddenError');
    expect((await revoke(elsewhere)).data.revokeHostTrust.__typename).toBe('ForbiddenError');
    expect(await api.prisma.trustedHost.count({ where: { userId: uuidOf(host.userId) } })).toBe(1);
    expect((await revoke(organiser)).data.revokeHostTrust).toEqual({ __typename: 'MutationRevokeHostTrustSuccess' });
    expect(await hostEvent(host)).toMatchObject({ status: 'DRAFT', approval: 'PENDING' });
  });

  test('organisers of the region publish campaign events directly', async () => {
    expect(await hostEvent(organiser)).toMatchObject({ status: 'PUBLISHED', approval: null });
  });
});

describe('co-hosts', () => {
  let eventId: string;
  const title = `Co-hosted canvass ${uniqueTag()}`;
  beforeAll(async () => {
    const event = await hostEvent(organiser, { title });
    eventId = event.id;
  });

  test('invitations per role: the people running the event only; refusals change nothing', async () => {
    const expected: Record<string, string> = {
      anonymous: 'AuthenticationError',
      member: 'ForbiddenError',
      coHost: 'ForbiddenError',
      elsewhere: 'ForbiddenError',
    };
    for (const [role, error] of Object.entries(expected)) {
      const res = await roles[role]!.gql(INVITE, { eventId, email: `x-${role}@example.org` });
      expect(res.data.inviteCoHost.__typename, role).toBe(error);
    }
    expect(await api.prisma.coHostInvite.count({ where: { eventId: uuidOf(eventId) } })).toBe(0);
    expect((await admin.gql(INVITE, { eventId, email: 'admin-invited@example.org' })).data.inviteCoHost.__typename).toBe('MutationInviteCoHostSuccess');
  });

  test('the same answer whether or not the address has an account; both addresses get the e-mail', async () => {
    const nobody = `nobody-${uniqueTag()}@example.org`;
    const a = (await organiser.gql(INVITE, { eventId, email: nobody })).data.inviteCoHost;
    const b = (await organiser.gql(INVITE, { eventId, email: coHost.email.toUpperCase() })).data.inviteCoHost;
    expect(Object.keys(a.data)).toEqual(Object.keys(b.data));
    expect(a.data).toMatchObject({ email: nobody, accepted: false });
    expect(b.data).toMatchObject({ email: coHost.email, accepted: false });
    const mail = await waitForMail(coHost.email, { test: (m) => m.subject === `Co-host ${title}?` });
    const link = /\/co-host-invites\/([A-Za-z0-9%=_-]+)/.exec(mail.text ?? '')?.[1];
    expect(link).toBeTruthy();
    await waitForMail(nobody, { test: (m) => m.subject === `Co-host ${title}?` });

    // Before accepting: nothing of the event's attendees.
    expect((await coHost.gql(READ_EVENT, { id: eventId })).data.event).toMatchObject({ viewerCanManage: false, attendees: null });
    // Someone else cannot accept it (or even see it).
    const inviteId = decodeURIComponent(link!);
    expect((await member.gql(ACCEPT, { inviteId })).data.acceptCoHostInvite.__typename).toBe('NotFoundError');
    expect((await coHost.gql(ACCEPT, { inviteId })).data.acceptCoHostInvite.data).toMatchObject({ viewerIsCoHost: true, viewerCanManage: true });
  });

  test('a co-host manages that event (attendees, edit, invite), sees the briefing, and nothing else of the region', async () => {
    await member.gql(RSVP, { eventId });
    const seen = (await coHost.gql(READ_EVENT, { id: eventId })).data.event;
    expect(seen).toMatchObject({ viewerCanManage: true, viewerCanEdit: true, viewerIsCoHost: true, briefing: expect.stringContaining('Secret script') });
    expect(seen.attendees).toHaveLength(2); // the host's own place and the member's
    expect(seen.coHosts).toEqual([{ displayName: 'Cole C.' }]);
    const edit = await coHost.gql(
      'mutation($id: ID!, $input: EventInput!) { updateEvent(id: $id, input: $input) { __typename ... on Error { message } } }',
      { id: eventId, input: eventInput({ kind: 'CANVASS', title: 'Renamed by the co-host' }) },
    );
    expect(edit.data.updateEvent.__typename).toBe('MutationUpdateEventSuccess');
    // Not the region's queue, nor another draft of the campaign.
    expect((await coHost.gql(QUEUE)).data.approvalQueue.__typename).toBe('ForbiddenError');
    const other = await hostEvent(host);
    expect((await coHost.gql(READ_EVENT, { id: other.id })).data.event).toBeNull();
    expect((await coHost.gql(APPROVE, { id: other.id })).data.approveEvent.__typename).toBe('NotFoundError');
  });

  test('the briefing: for people going and those running the event, nobody else', async () => {
    const goingBriefing = (await member.gql(READ_EVENT, { id: eventId })).data.event.briefing;
    expect(goingBriefing).toContain('Secret script');
    expect((await admin.gql(READ_EVENT, { id: eventId })).data.event.briefing).toContain('Secret script');
    expect((await elsewhere.gql(READ_EVENT, { id: eventId })).data.event.briefing).toBeNull();
    expect((await new Client(api.url).gql(READ_EVENT, { id: eventId })).data.event.briefing).toBeNull();
  });

  test('an unconfirmed account with the invited address cannot accept (anyone can sign up with any address)', async () => {
    const email = `unconfirmed-${uniqueTag()}@example.org`;
    const squatter = new Client(api.url);
    await squatter.gql(SIGN_UP, { input: { email, password: PASSWORD, firstName: 'Una', lastName: 'Confirmed', homePostcode: 'LS6 1AN' } });
    const signIn = await squatter.gql('mutation($i: SignInInput!) { signIn(input: $i) { __typename } }', { i: { email, password: PASSWORD } });
    expect(signIn.data.signIn.__typename).toBe('MutationSignInSuccess');
    const invite = (await organiser.gql(INVITE, { eventId, email })).data.inviteCoHost.data;
    const before = await api.prisma.eventCoHost.count({ where: { eventId: uuidOf(eventId) } });
    expect((await squatter.gql(ACCEPT, { inviteId: invite.id })).data.acceptCoHostInvite.__typename).toBe('ForbiddenError');
    expect(await api.prisma.eventCoHost.count({ where: { eventId: uuidOf(eventId) } })).toBe(before);
  });

  test('removing a co-host: the host side may, a member may not', async () => {
    const id = globalId('Person', uuidOf(coHost.userId));
    const REMOVE = 'mutation($e: ID!, $p: ID!) { removeCoHost(eventId: $e, personId: $p) { __typename } }';
    expect((await member.gql(REMOVE, { e: eventId, p: id })).data.removeCoHost.__typename).toBe('ForbiddenError');
    expect((await organiser.gql(REMOVE, { e: eventId, p: id })).data.removeCoHost.__typename).toBe('MutationRemoveCoHostSuccess');
    expect((await coHost.gql(READ_EVENT, { id: eventId })).data.event.viewerCanManage).toBe(false);
  });

  test('co-host management per role on a member event: its host, co-hosts, the region organisers and admins', async () => {
    const { createEvent } = await import('./helpers.ts');
    const event = await createEvent(host, { title: `Hosted meeting ${uniqueTag()}` });
    const invite = (await host.gql(INVITE, { eventId: event.id, email: coHost.email })).data.inviteCoHost.data;
    expect((await coHost.gql(ACCEPT, { inviteId: invite.id })).data.acceptCoHostInvite.data.viewerCanManage).toBe(true);
    const expected: Record<string, string> = {
      anonymous: 'AuthenticationError',
      member: 'ForbiddenError',
      elsewhere: 'ForbiddenError',
      host: 'MutationInviteCoHostSuccess',
      coHost: 'MutationInviteCoHostSuccess',
      organiser: 'MutationInviteCoHostSuccess',
      admin: 'MutationInviteCoHostSuccess',
    };
    for (const [role, want] of Object.entries(expected)) {
      const email = `invited-by-${role.toLowerCase()}-${uniqueTag()}@example.org`;
      const res = (await roles[role]!.gql(INVITE, { eventId: event.id, email })).data.inviteCoHost;
      expect(res.__typename, `${role}: ${res.message}`).toBe(want);
      expect(await api.prisma.coHostInvite.count({ where: { email } }), role).toBe(want.endsWith('Success') ? 1 : 0);
    }
    // A co-host writes to the people going, as the host would.
    await member.gql(RSVP, { eventId: event.id });
    const sent = await coHost.gql(
      'mutation($e: ID!, $i: MessageAttendeesInput!) { messageAttendees(eventId: $e, input: $i) { __typename ... on Error { message } } }',
      { e: event.id, i: { audience: 'GOING', subject: 'Bring a pen', body: 'See you there.' } },
    );
    expect(sent.data.messageAttendees.__typename).toBe('MutationMessageAttendeesSuccess');

    // And sees the lift proposals waiting on riders' requests, as the host does (for matching everyone well).
    const { departureFor } = await import('./helpers.ts');
    const [driver, rider] = await Promise.all([signedUp(api.url), signedUp(api.url)]);
    const offer = await driver.gql(
      'mutation($e: ID!, $i: LiftOfferInput!) { offerLift(eventId: $e, input: $i) { ... on MutationOfferLiftSuccess { data { id } } ... on Error { message } } }',
      { e: event.id, i: { postcode: 'LS6 2AA', departAt: departureFor(event.startsAt), seats: 2, maxDetourKm: 20 } },
    );
    const request = await rider.gql(
      'mutation($e: ID!, $i: LiftRequestInput!) { requestLift(eventId: $e, input: $i) { ... on MutationRequestLiftSuccess { data { id } } ... on Error { message } } }',
      { e: event.id, i: { postcode: 'LS6 3AA' } },
    );
    const proposed = await rider.gql('mutation($o: ID!, $r: ID!) { proposeLift(offerId: $o, requestId: $r) { __typename ... on Error { message } } }', {
      o: offer.data.offerLift.data.id,
      r: request.data.requestLift.data.id,
    });
    expect(proposed.data.proposeLift.__typename).toBe('MutationProposeLiftSuccess');
    const LIFTS = 'query($id: ID!) { event(id: $id) { liftRequests { proposals { status } } } }';
    for (const [who, client] of [['host', host], ['coHost', coHost]] as const) {
      expect((await client.gql(LIFTS, { id: event.id })).data.event.liftRequests, who).toEqual([{ proposals: [{ status: 'PROPOSED' }] }]);
    }
    expect((await member.gql(LIFTS, { id: event.id })).data.event.liftRequests).toEqual([{ proposals: [] }]);
  });
});

// ------------------------------------------------------------------------------------------------ editing

const UPDATE_CAMPAIGN = /* GraphQL */ `
  mutation U($id: ID!, $input: CampaignUpdateInput!) {
    updateCampaign(id: $id, input: $input) {
      __typename
      ... on MutationUpdateCampaignSuccess { data { id name startsAt endsAt seats { goal constituency { code } } templates { id kind title durationMinutes briefing } } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const COVERAGE = /* GraphQL */ `
  query B($campaignId: ID!) { campaignCoverage(campaignId: $campaignId) { __typename ... on QueryCampaignCoverageSuccess { data { seats { code goal } } } } }
`;
const COVERAGE_LIVE = /* GraphQL */ `subscription L($campaignId: ID!) { campaignCoverageLive(campaignId: $campaignId) { campaignId } }`;

type Template = { id: string; kind: string; title: string; durationMinutes: number; briefing: string };
type Created = { id: string; name: string; seats: { goal: number; constituency: { code: string } }[]; templates: Template[] };

async function freshCampaign(): Promise<Created & { startsAt: string; endsAt: string }> {
  const input = campaignInput();
  const res = await organiser.gql(CREATE_CAMPAIGN, { input });
  return { ...res.data.createCampaign.data, startsAt: input.startsAt, endsAt: input.endsAt };
}

/** The campaign as the edit form sends it back, with changes. */
const editOf = (c: Created & { startsAt: string; endsAt: string }, overrides: Record<string, unknown> = {}) => ({
  name: c.name,
  startsAt: c.startsAt,
  endsAt: c.endsAt,
  seats: c.seats.map((s) => ({ constituencyCode: s.constituency.code, goal: s.goal })),
  templates: c.templates.map(({ id, kind, title, durationMinutes, briefing }) => ({ id, kind, title, durationMinutes, briefing })),
  ...overrides,
});

const stored = async (id: string) =>
  api.prisma.campaign.findUniqueOrThrow({
    where: { id: uuidOf(id) },
    include: { seats: { orderBy: { constituencyCode: 'asc' } }, templates: { orderBy: { createdAt: 'asc' } } },
  });

describe('editing a campaign', () => {
  test('per role: only the organisers of its region and admins; every other role gets a typed error and nothing changes', async () => {
    const c = await freshCampaign();
    // A host and a co-host of one of its events run that event, not the campaign.
    const hostTemplate = c.templates[0]!.id;
    const hosted = await organiser.gql(HOST, { templateId: hostTemplate, input: eventInput({ title: `Edit roles ${uniqueTag()}` }) });
    const eventId = hosted.data.hostCampaignEvent.data.id;
    const invite = (await organiser.gql(INVITE, { eventId, email: coHost.email })).data.inviteCoHost.data;
    expect((await coHost.gql(ACCEPT, { inviteId: invite.id })).data.acceptCoHostInvite.__typename).toBe('MutationAcceptCoHostInviteSuccess');
    const ownHost = await host.gql(HOST, { templateId: hostTemplate, input: eventInput({ title: `Edit roles host ${uniqueTag()}` }) });
    expect(ownHost.data.hostCampaignEvent.__typename).toBe('MutationHostCampaignEventSuccess');

    const before = await stored(c.id);
    const input = editOf(c, { name: 'Renamed by someone', seats: [{ constituencyCode: seats[0], goal: 99 }] });
    const refused: Record<string, string> = {
      anonymous: 'AuthenticationError',
      member: 'ForbiddenError',
      host: 'ForbiddenError',
      coHost: 'ForbiddenError',
      elsewhere: 'ForbiddenError',
    };
    for (const [role, error] of Object.entries(refused)) {
      expect((await roles[role]!.gql(UPDATE_CAMPAIGN, { id: c.id, input })).data.updateCampaign.__typename, role).toBe(error);
    }
    expect(await stored(c.id)).toEqual(before);
    // Seen by everyone, but only those who may edit are told so.
    const CAN = 'query($id: ID!) { node(id: $id) { ... on Campaign { viewerCanManage } } }';
    for (const [role, may] of Object.entries({ anonymous: false, member: false, host: false, coHost: false, elsewhere: false, organiser: true, admin: true })) {
      expect((await roles[role]!.gql(CAN, { id: c.id })).data.node.viewerCanManage, role).toBe(may);
    }

    for (const role of ['organiser', 'admin']) {
      const res = await roles[role]!.gql(UPDATE_CAMPAIGN, { id: c.id, input: { ...input, name: `Renamed by ${role}` } });
      expect(res.data.updateCampaign, role).toMatchObject({ __typename: 'MutationUpdateCampaignSuccess', data: { name: `Renamed by ${role}`, seats: [{ goal: 99 }] } });
    }
  });

  test('goals, seats and templates change (add, edit, remove); the board reads the new goals and its watchers are told', async () => {
    const c = await freshCampaign();
    const used = c.templates[0]!;
    // An event made from the first template, with someone going (who sees its briefing).
    const event = await organiser.gql(HOST, { templateId: used.id, input: eventInput({ title: `Template kept ${uniqueTag()}` }) });
    const eventId = event.data.hostCampaignEvent.data.id;
    expect((await member.gql(RSVP, { eventId })).data.rsvp.__typename).toBe('MutationRsvpSuccess');
    // A second template nobody used, added now.
    const added = await organiser.gql(UPDATE_CAMPAIGN, {
      id: c.id,
      input: editOf(c, { templates: [...editOf(c).templates, { kind: 'PHONE_BANK', title: 'Evening calls', durationMinutes: 120, briefing: 'Scripts in the shared drive.' }] }),
    });
    expect(added.data.updateCampaign.data.templates.map((t: Template) => t.title)).toEqual(['Doorstep canvass', 'Evening calls']);
    const unused = added.data.updateCampaign.data.templates[1] as Template;

    const stream = await subscribe(api.url, COVERAGE_LIVE, { campaignId: c.id }, { 'x-graphql-yoga-csrf': 'test', cookie: organiser.cookie! });
    await stream.waitFor(1);
    // Goals moved, the second seat swapped for the third, the used template removed, the other edited, a new one added.
    const res = await organiser.gql(UPDATE_CAMPAIGN, {
      id: c.id,
      input: editOf(c, {
        seats: [
          { constituencyCode: seats[0], goal: 42 },
          { constituencyCode: seats[2], goal: 7 },
        ],
        templates: [
          { id: unused.id, kind: 'PHONE_BANK', title: 'Evening phone bank', durationMinutes: 90, briefing: 'Scripts in the shared drive.' },
          { kind: 'STALL', title: 'Leaflet drop', durationMinutes: 60, briefing: 'Maps at the office.' },
        ],
      }),
    });
    expect(res.data?.updateCampaign.__typename, JSON.stringify(res)).toBe('MutationUpdateCampaignSuccess');
    const data = res.data.updateCampaign.data;
    expect(data.seats.map((s: { goal: number; constituency: { code: string } }) => [s.constituency.code, s.goal]).sort()).toEqual(
      [[seats[0], 42], [seats[2], 7]].sort(),
    );
    expect(data.templates.map((t: Template) => [t.id === unused.id, t.title, t.durationMinutes])).toEqual([
      [true, 'Evening phone bank', 90],
      [false, 'Leaflet drop', 60],
    ]);
    // The board reads the new goals and seats, and its watchers were told to read it again.
    await stream.waitFor(2, 90_000);
    expect(stream.events[1]!.payload.data).toMatchObject({ campaignCoverageLive: { campaignId: c.id } });
    stream.close();
    const board = await organiser.gql(COVERAGE, { campaignId: c.id });
    expect(board.data.campaignCoverage.data.seats.map((s: { code: string; goal: number }) => [s.code, s.goal]).sort()).toEqual([[seats[0], 42], [seats[2], 7]].sort());

    // The removed template is kept for the event made from it: its briefing still reaches the member going.
    const row = await api.prisma.campaignTemplate.findUniqueOrThrow({ where: { id: uuidOf(used.id) } });
    expect(row.archivedAt).not.toBeNull();
    expect((await member.gql(READ_EVENT, { id: eventId })).data.event.briefing).toContain('Secret script');
    // But nobody hosts from it any more.
    const late = await host.gql(HOST, { templateId: used.id, input: eventInput() });
    expect(late.data.hostCampaignEvent).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['templateId'] }] });

    // A template nobody used is simply gone when removed.
    const again = await organiser.gql(UPDATE_CAMPAIGN, { id: c.id, input: editOf({ ...c, ...data }, { templates: [data.templates[1]] }) });
    expect(again.data.updateCampaign.data.templates.map((t: Template) => t.title)).toEqual(['Leaflet drop']);
    expect(await api.prisma.campaignTemplate.count({ where: { id: uuidOf(unused.id) } })).toBe(0);
  });

  test('refusals are typed errors naming the field, and change nothing: a window leaving events outside (named), goals < 1, seats elsewhere, a template of another campaign', async () => {
    const c = await freshCampaign();
    const title = `Late canvass ${uniqueTag()}`;
    const start = new Date(Date.parse(c.startsAt) + 15 * DAY + 10 * 3_600_000);
    const hosted = await organiser.gql(HOST, {
      templateId: c.templates[0]!.id,
      input: eventInput({ title, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() }),
    });
    expect(hosted.data.hostCampaignEvent.__typename).toBe('MutationHostCampaignEventSuccess');
    const before = await stored(c.id);
    const london = await api.prisma.constituency.findFirstOrThrow({ where: { regionId: 'london', majorityPct: { lte: 5 } } });
    const cases: [Record<string, unknown>, string, RegExp?][] = [
      [{ endsAt: new Date(Date.parse(c.startsAt) + 10 * DAY).toISOString() }, 'input.startsAt', new RegExp(title)],
      [{ startsAt: new Date(Date.parse(c.startsAt) + 16 * DAY).toISOString() }, 'input.startsAt', new RegExp(title)],
      [{ seats: [{ constituencyCode: seats[0], goal: 0 }] }, 'input.seats.0.goal'],
      [{ seats: [{ constituencyCode: seats[0], goal: 3 }, { constituencyCode: london.code, goal: 3 }] }, 'input.seats.1.constituencyCode', /not in/],
      [{ templates: [{ ...editOf(c).templates[0], id: campaign.templates[0]!.id }] }, 'input.templates.0.id'],
      [{ endsAt: c.startsAt }, 'input.endsAt'],
    ];
    for (const [overrides, path, message] of cases) {
      const res = await organiser.gql(UPDATE_CAMPAIGN, { id: c.id, input: editOf(c, { name: 'Should not stick', ...overrides }) });
      expect(res.data.updateCampaign.__typename, path).toBe('ValidationError');
      const error = res.data.updateCampaign.fieldErrors.find((e: { path: string[] }) => e.path.join('.') === path);
      expect(error, `${path}: ${JSON.stringify(res.data.updateCampaign.fieldErrors)}`).toBeDefined();
      if (message) expect(error.message).toMatch(message);
    }
    expect(await stored(c.id)).toEqual(before);
    // A window still holding the event is fine.
    const ok = await organiser.gql(UPDATE_CAMPAIGN, { id: c.id, input: editOf(c, { startsAt: new Date(Date.parse(c.startsAt) + 2 * DAY).toISOString() }) });
    expect(ok.data.updateCampaign.__typename).toBe('MutationUpdateCampaignSuccess');
  });
});
