/**
 * Co-host invitations reach an address whether or not it has an account: one e-mail to the address, the same answer
 * either way, at most PENDING_CO_HOST_INVITES waiting per event (however many arrive at once), a re-invite e-mails
 * again only after an hour, and the e-mailed link shows the invitation to whoever holds it, signed in or not.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PENDING_CO_HOST_INVITES } from '../src/campaigns/service.ts';
import { scaledRateLimits } from '../src/security/rate-limits.ts';
import type { RunningApi } from '../src/server.ts';
import { Client, createEvent, queuedMails, signedUp, startTestApi, uniqueTag, uuidOf } from './helpers.ts';
import { mailTo, waitForMail } from './mail-catcher.ts';

let api: RunningApi;
let host: Client & { email: string; userId: string };
beforeAll(async () => {
  api = await startTestApi();
  host = await signedUp(api.url, { firstName: 'Hosanna' });
});
afterAll(() => api?.close());

const INVITE = /* GraphQL */ `
  mutation I($eventId: ID!, $email: String!) {
    inviteCoHost(eventId: $eventId, email: $email) {
      __typename
      ... on MutationInviteCoHostSuccess { data { id email accepted invitedAt } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const INVITATION = /* GraphQL */ `
  query V($id: ID!) {
    coHostInvitation(id: $id) {
      __typename
      ... on QueryCoHostInvitationSuccess { data { id invitedBy eventTitle areaLabel accepted forViewer eventId } }
      ... on Error { message }
    }
  }
`;
const ACCEPT = /* GraphQL */ `
  mutation A($inviteId: ID!) { acceptCoHostInvite(inviteId: $inviteId) { __typename ... on MutationAcceptCoHostInviteSuccess { data { id viewerIsCoHost viewerCanManage } } ... on Error { message } } }
`;

const address = (what: string) => `${what}-${uniqueTag()}@example.org`;
const subjectOf = (title: string) => (m: { subject?: string }) => m.subject === `Co-host ${title}?`;

async function newEvent(): Promise<{ id: string; title: string }> {
  const title = `Invited canvass ${uniqueTag()}`;
  const event = await createEvent(host, { title });
  return { id: event.id, title };
}

async function invite(eventId: string, email: string, by: Client = host) {
  const res = await by.gql(INVITE, { eventId, email });
  return res.data!.inviteCoHost;
}

async function mailLog(inviteId: string) {
  return api.prisma.mailLog.findMany({ where: { key: { startsWith: `co-host-invite:${uuidOf(inviteId)}` } }, orderBy: { key: 'asc' } });
}

describe('an invitation to an address with no account', () => {
  test('is e-mailed to the address, exactly once, as a message of its own (no preferences, no unsubscribe list)', async () => {
    const event = await newEvent();
    const nobody = address('nobody');
    const answer = await invite(event.id, nobody);
    expect(answer.__typename).toBe('MutationInviteCoHostSuccess');
    const mail = await waitForMail(nobody, { test: subjectOf(event.title) });
    expect(mail.text).toContain('Hosanna invited you to co-host');
    const link = /\/co-host-invites\/([A-Za-z0-9%=_-]+)/.exec(mail.text ?? '')?.[1];
    expect(decodeURIComponent(link!)).toBe(answer.data.id);
    expect(mail.headers.get('list-unsubscribe')).toBeUndefined();
    await expect.poll(() => mailLog(answer.data.id)).toEqual([
      expect.objectContaining({ key: `co-host-invite:${uuidOf(answer.data.id)}`, userId: null, toAddress: nobody, status: 'SENT' }),
    ]);
    expect(await mailTo(nobody)).toHaveLength(1);
  });

  test('answers exactly as for an address with an account, and both addresses get the e-mail', async () => {
    const event = await newEvent();
    const member = await signedUp(api.url, { firstName: 'Mina' });
    const nobody = address('nobody');
    const a = await invite(event.id, nobody);
    const b = await invite(event.id, member.email.toUpperCase());
    const shape = (x: { data: Record<string, unknown> }) => ({ ...x, data: { ...x.data, id: 'id', email: 'email', invitedAt: 'at' } });
    expect(shape(a)).toEqual(shape(b));
    expect(b.data).toMatchObject({ email: member.email, accepted: false });
    await waitForMail(nobody, { test: subjectOf(event.title) });
    await waitForMail(member.email, { test: subjectOf(event.title) });
  });

  test('an address that bounced gets no more invitations', async () => {
    const bouncing = address('bounce-nobody');
    const first = await invite((await newEvent()).id, bouncing);
    await expect.poll(async () => (await mailLog(first.data.id)).map((r) => r.status)).toEqual(['BOUNCED']);
    const second = await invite((await newEvent()).id, bouncing);
    await expect.poll(async () => (await mailLog(second.data.id)).map((r) => r.status)).toEqual(['SKIPPED']);
  });
});

describe('the e-mailed link', () => {
  test('shows who invited whom to what to anyone holding it; the account with the address, once confirmed, accepts', async () => {
    const event = await newEvent();
    const email = address('newcomer');
    const inviteId = (await invite(event.id, email)).data.id;

    const anonymous = await new Client(api.url).gql(INVITATION, { id: inviteId });
    expect(anonymous.data!.coHostInvitation).toEqual({
      __typename: 'QueryCoHostInvitationSuccess',
      data: { id: inviteId, invitedBy: 'Hosanna', eventTitle: event.title, areaLabel: expect.any(String), accepted: false, forViewer: false, eventId: null },
    });
    expect(JSON.stringify(anonymous)).not.toContain(email);
    // Another member holding the link: not theirs to accept.
    const other = await signedUp(api.url);
    expect((await other.gql(INVITATION, { id: inviteId })).data!.coHostInvitation.data.forViewer).toBe(false);
    expect((await other.gql(ACCEPT, { inviteId })).data!.acceptCoHostInvite.__typename).toBe('NotFoundError');
    // A made-up id finds nothing.
    const made = Buffer.from(`CoHostInvite:${crypto.randomUUID()}`).toString('base64');
    expect((await new Client(api.url).gql(INVITATION, { id: made })).data!.coHostInvitation.__typename).toBe('NotFoundError');

    const newcomer = await signedUp(api.url, { email, firstName: 'Nell' });
    expect((await newcomer.gql(INVITATION, { id: inviteId })).data!.coHostInvitation.data).toMatchObject({ forViewer: true, eventId: event.id });
    expect((await newcomer.gql(ACCEPT, { inviteId })).data!.acceptCoHostInvite.data).toMatchObject({ viewerIsCoHost: true, viewerCanManage: true });
    expect((await newcomer.gql(INVITATION, { id: inviteId })).data!.coHostInvitation.data.accepted).toBe(true);
  });
});

describe('limits', () => {
  test(`at most ${PENDING_CO_HOST_INVITES} invitations wait per event, however many are sent at once; refusals change nothing`, async () => {
    const event = await newEvent();
    const tag = uniqueTag();
    const emails = Array.from({ length: PENDING_CO_HOST_INVITES + 6 }, (_, i) => `crowd-${i}-${tag}@example.org`);
    const answers = await Promise.all(emails.map((email) => invite(event.id, email)));
    const ok = answers.filter((a) => a.__typename === 'MutationInviteCoHostSuccess');
    const refused = answers.filter((a) => a.__typename !== 'MutationInviteCoHostSuccess');
    expect(ok).toHaveLength(PENDING_CO_HOST_INVITES);
    expect(refused).toHaveLength(6);
    for (const r of refused) {
      expect(r.__typename).toBe('ValidationError');
      expect(r.message).toMatch(new RegExp(`${PENDING_CO_HOST_INVITES} invitations waiting for an answer`));
      expect(r.fieldErrors).toEqual([{ path: ['email'], message: r.message }]);
    }
    const rows = await api.prisma.coHostInvite.findMany({ where: { eventId: uuidOf(event.id) } });
    expect(rows.map((r) => r.email).sort()).toEqual(ok.map((a) => a.data.email).sort());
    // Each invitation that passed was e-mailed; none that was refused.
    await expect.poll(() => api.prisma.mailLog.count({ where: { key: { in: rows.map((r) => `co-host-invite:${r.id}`) }, status: 'SENT' } })).toBe(
      PENDING_CO_HOST_INVITES,
    );
    for (const r of refused) expect(r.message).not.toContain('@');
    const refusedEmails = emails.filter((e) => !rows.some((r) => r.email === e));
    expect(await api.prisma.mailLog.count({ where: { toAddress: { in: refusedEmails } } })).toBe(0);

    // Inviting one already waiting is not a new one; withdrawing one makes room.
    expect((await invite(event.id, rows[0]!.email)).__typename).toBe('MutationInviteCoHostSuccess');
    expect((await invite(event.id, refusedEmails[0]!)).__typename).toBe('ValidationError');
    const WITHDRAW = 'mutation($id: ID!) { withdrawCoHostInvite(inviteId: $id) { __typename } }';
    expect((await host.gql(WITHDRAW, { id: ok[0]!.data.id })).data!.withdrawCoHostInvite.__typename).toBe('MutationWithdrawCoHostInviteSuccess');
    expect((await invite(event.id, refusedEmails[0]!)).__typename).toBe('MutationInviteCoHostSuccess');
  });

  test('inviting the same address again e-mails it again only once the last e-mail is an hour old', async () => {
    const event = await newEvent();
    const email = address('again');
    const first = await invite(event.id, email);
    await waitForMail(email, { test: subjectOf(event.title) });
    const again = await invite(event.id, email);
    expect(again).toEqual(first);
    expect(await queuedMails(api.prisma, 'key', `co-host-invite:${uuidOf(first.data.id)}:%`)).toBe(0);
    expect(await api.prisma.coHostInvite.findUniqueOrThrow({ where: { id: uuidOf(first.data.id) } })).toMatchObject({ sends: 1 });

    // An hour later (moved back in the database): a second e-mail, with a key of its own.
    await api.prisma.$executeRaw`UPDATE co_host_invites SET sent_at = sent_at - interval '61 minutes' WHERE id = ${uuidOf(first.data.id)}::uuid`;
    expect((await invite(event.id, email)).__typename).toBe('MutationInviteCoHostSuccess');
    await expect.poll(async () => (await mailLog(first.data.id)).map((r) => [r.key, r.status])).toEqual([
      [`co-host-invite:${uuidOf(first.data.id)}`, 'SENT'],
      [`co-host-invite:${uuidOf(first.data.id)}:2`, 'SENT'],
    ]);
    expect(await mailTo(email)).toHaveLength(2);
  });

  test('one account sends at most coHostInvitesPerAccount invitations an hour (HTTP 429 after)', async () => {
    const limited = await startTestApi({ rateLimits: { ...scaledRateLimits(1000), coHostInvitesPerAccount: 2 } });
    try {
      const client = new Client(limited.url);
      client.cookie = host.cookie;
      const event = await newEvent();
      expect((await invite(event.id, address('one'), client)).__typename).toBe('MutationInviteCoHostSuccess');
      expect((await invite(event.id, address('two'), client)).__typename).toBe('MutationInviteCoHostSuccess');
      const third = address('three');
      const res = await client.gql(INVITE, { eventId: event.id, email: third });
      expect(res.status).toBe(429);
      expect(res.errors?.[0]?.message).toMatch(/Too many co-host invitations/);
      expect(await api.prisma.coHostInvite.count({ where: { email: third } })).toBe(0);
    } finally {
      await limited.close();
    }
  });
});
