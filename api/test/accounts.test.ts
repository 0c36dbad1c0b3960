import { createHash, randomUUID } from 'node:crypto';
import { distanceKm, snapToGrid } from '@rallypoint/shared';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningApi } from '../src/server.ts';
import { Client, CONFIRM_SIGN_UP, createEvent, PASSWORD, SIGN_UP, signedUp, startTestApi, uuidOf } from './helpers.ts';
import { confirmationToken, waitForMail } from './mail-catcher.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const ME = /* GraphQL */ `
  query { me { id email firstName lastName role homeArea { label location { lat lng } } calendarFeedUrl } }
`;
const SIGN_IN = /* GraphQL */ `
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on MutationSignInSuccess { data { id email } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const SIGN_OUT = /* GraphQL */ `mutation { signOut }`;
const SET_HOME = /* GraphQL */ `
  mutation SetHome($input: HomeAreaInput!) {
    setHomeArea(input: $input) {
      __typename
      ... on MutationSetHomeAreaSuccess { data { homeArea { label location { lat lng } } } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const DELETE = /* GraphQL */ `
  mutation Delete($password: String!) {
    deleteAccount(password: $password) {
      __typename
      ... on MutationDeleteAccountSuccess { data }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const RSVP = /* GraphQL */ `
  mutation Rsvp($eventId: ID!) {
    rsvp(eventId: $eventId) { __typename ... on MutationRsvpSuccess { data { status } } ... on Error { message } }
  }
`;

const newEmail = () => `acct-${randomUUID()}@example.org`;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The raw session token from a response's Set-Cookie, plus the cookie's attributes. */
function sessionCookie(res: Response): { token: string; attributes: string[] } | null {
  const header = res.headers.getSetCookie().find((c) => c.startsWith('rp_session='));
  if (!header) return null;
  const [pair, ...attributes] = header.split(';').map((s) => s.trim());
  return { token: decodeURIComponent(pair!.slice('rp_session='.length)), attributes: attributes.map((a) => a.toLowerCase()) };
}

async function signUpRaw(input: Record<string, unknown>) {
  const client = new Client(api.url);
  const res = await client.raw({ query: SIGN_UP, variables: { input } });
  const cookie = sessionCookie(res);
  // biome-ignore lint/suspicious/noExplicitAny: loosely typed JSON
  const json = (await res.json()) as any;
  if (cookie?.token) client.cookie = `rp_session=${cookie.token}`;
  return { client, res, cookie, json };
}

describe('sign up', () => {
  test('answers "check your inbox" and creates nothing until the e-mailed link is opened', async () => {
    const email = newEmail();
    const { res, cookie, json } = await signUpRaw({ email, password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace' });
    expect(res.status).toBe(200);
    expect(json.data.signUp).toEqual({ __typename: 'MutationSignUpSuccess', data: { email, message: expect.stringMatching(/check your inbox/i) } });
    expect(cookie).toBeNull();
    expect(await api.prisma.user.count({ where: { email } })).toBe(0);

    const mail = await waitForMail(email);
    expect(mail.subject).toBe('Confirm your Rallypoint account');
    expect(mail.text).toContain('Hello Ada,');
    expect(mail.html).toContain('Confirm my account');
    const token = confirmationToken(mail);
    // Only a hash of the link's token is kept; the password only as argon2id.
    const pending = await api.prisma.signUpToken.findFirstOrThrow({ where: { email } });
    expect(pending.tokenHash).toBe(sha256(token));
    expect(pending.passwordHash).toMatch(/^\$argon2id\$/);
    // Not yet a member: signing in fails like any wrong password.
    const early = await new Client(api.url).gql(SIGN_IN, { input: { email, password: PASSWORD } });
    expect(early.data.signIn).toMatchObject({ __typename: 'AuthenticationError', message: expect.stringMatching(/do not match.*link we e-mailed/) });
  });

  test('the link creates the account and signs in: HttpOnly SameSite=Lax cookie, only hashes stored, works once', async () => {
    const email = newEmail();
    await signUpRaw({ email, password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace' });
    const token = confirmationToken(await waitForMail(email));
    const browser = new Client(api.url);
    const res = await browser.raw({ query: CONFIRM_SIGN_UP, variables: { token } });
    // biome-ignore lint/suspicious/noExplicitAny: loosely typed JSON
    const me = ((await res.json()) as any).data.confirmSignUp;
    expect(me.__typename).toBe('MutationConfirmSignUpSuccess');
    expect(me.data).toMatchObject({ email, role: 'MEMBER', displayName: 'Ada L.' });
    const cookie = sessionCookie(res)!;
    expect(cookie.token.length).toBeGreaterThanOrEqual(32);
    expect(cookie.attributes).toContain('httponly');
    expect(cookie.attributes).toContain('samesite=lax');
    expect(cookie.attributes).toContain('path=/');
    browser.cookie = `rp_session=${cookie.token}`;
    expect((await browser.gql(ME)).data.me).toMatchObject({ id: me.data.id, email });

    const userId = uuidOf(me.data.id);
    const sessions = await api.prisma.$queryRaw<{ token_hash: string }[]>`SELECT s.token_hash FROM sessions s WHERE s.user_id = ${userId}::uuid`;
    expect(sessions).toEqual([{ token_hash: sha256(cookie.token) }]);
    const leaks = await api.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM sessions s WHERE strpos(s::text, ${cookie.token}) > 0`;
    expect(leaks[0]!.n).toBe(0);
    const user = await api.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(PASSWORD);

    // Twice, or two clicks at once: one account, and the second is told the link is used.
    const again = await new Client(api.url).gql(CONFIRM_SIGN_UP, { token });
    expect(again.data.confirmSignUp).toMatchObject({ __typename: 'ValidationError', message: expect.stringMatching(/expired or has already been used/) });
    expect(await api.prisma.user.count({ where: { email } })).toBe(1);
  });

  test('two clicks on one link at the same moment create one account', async () => {
    const email = newEmail();
    await signUpRaw({ email, password: PASSWORD, firstName: 'Twin', lastName: 'Click' });
    const token = confirmationToken(await waitForMail(email));
    const results = await Promise.all(Array.from({ length: 5 }, () => new Client(api.url).gql(CONFIRM_SIGN_UP, { token })));
    expect(results.filter((r) => r.data.confirmSignUp.__typename === 'MutationConfirmSignUpSuccess')).toHaveLength(1);
    expect(await api.prisma.user.count({ where: { email } })).toBe(1);
  });

  test('does not reveal who is a member: an address with an account gets the same answer and an e-mail instead', async () => {
    const member = await signedUp(api.url, { firstName: 'Ada' });
    const fresh = newEmail();
    const strangerTries = [member.email, member.email.toUpperCase(), `  ${member.email}  `];
    const answers = [];
    for (const email of [...strangerTries, fresh]) {
      const r = await signUpRaw({ email, password: 'a different password', firstName: 'Eve', lastName: 'Stranger' });
      expect(r.res.status).toBe(200);
      expect(r.cookie).toBeNull();
      answers.push({ ...r.json.data.signUp, data: { ...r.json.data.signUp.data, email: 'x' } });
    }
    // Identical for a member and a newcomer (apart from echoing the address back).
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    // The member is told, and nothing about the account changed; the password still works.
    const told = await waitForMail(member.email, { test: (m) => /tried to sign up/.test(m.subject ?? '') });
    expect(told.text).toContain('Hello Ada,');
    expect(told.text).not.toMatch(/confirm\?token=/);
    expect(await api.prisma.signUpToken.count({ where: { email: member.email, usedAt: null } })).toBe(0);
    expect(await api.prisma.user.count({ where: { email: { equals: member.email, mode: 'insensitive' } } })).toBe(1);
    const ok = await new Client(api.url).gql(SIGN_IN, { input: { email: member.email, password: PASSWORD } });
    expect(ok.data.signIn.__typename).toBe('MutationSignInSuccess');
  });

  test('a link that is unknown, expired or superseded creates nothing', async () => {
    const anonymous = new Client(api.url);
    for (const token of ['nope', 'x'.repeat(43), '']) {
      expect((await anonymous.gql(CONFIRM_SIGN_UP, { token })).data.confirmSignUp.__typename).toBe('ValidationError');
    }
    const email = newEmail();
    await signUpRaw({ email, password: PASSWORD, firstName: 'Old', lastName: 'Link' });
    const token = confirmationToken(await waitForMail(email));
    await api.prisma.signUpToken.updateMany({ where: { email }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await anonymous.gql(CONFIRM_SIGN_UP, { token })).data.confirmSignUp.__typename).toBe('ValidationError');
    expect(await api.prisma.user.count({ where: { email } })).toBe(0);
  });
});

describe('sign in and out', () => {
  test('wrong password and unknown email: the same AuthenticationError, no cookie, no session', async () => {
    const member = await signedUp(api.url);
    const userId = uuidOf(member.userId);
    const sessionsBefore = await api.prisma.session.count({ where: { userId } });

    const anonymous = new Client(api.url);
    const wrong = await anonymous.raw({ query: SIGN_IN, variables: { input: { email: member.email, password: 'not the password' } } });
    const unknown = await anonymous.raw({ query: SIGN_IN, variables: { input: { email: newEmail(), password: PASSWORD } } });
    const wrongJson = (await wrong.json()) as { data: { signIn: { __typename: string; message: string } } };
    const unknownJson = (await unknown.json()) as { data: { signIn: { __typename: string; message: string } } };
    expect(wrongJson.data.signIn.__typename).toBe('AuthenticationError');
    expect(unknownJson.data.signIn.__typename).toBe('AuthenticationError');
    expect(wrongJson.data.signIn.message).toBe(unknownJson.data.signIn.message);
    expect(sessionCookie(wrong)).toBeNull();
    expect(sessionCookie(unknown)).toBeNull();
    expect(await api.prisma.session.count({ where: { userId } })).toBe(sessionsBefore);

    // The right password, with the email in another case, works.
    const ok = await anonymous.gql(SIGN_IN, { input: { email: member.email.toUpperCase(), password: PASSWORD } });
    expect(ok.data.signIn.__typename).toBe('MutationSignInSuccess');
    expect(await api.prisma.session.count({ where: { userId } })).toBe(sessionsBefore + 1);
  });

  test('sign out clears the cookie and deletes the session; the old token no longer works', async () => {
    const member = await signedUp(api.url);
    const userId = uuidOf(member.userId);
    const oldCookie = member.cookie!;
    const token = decodeURIComponent(oldCookie.slice('rp_session='.length));
    expect(await api.prisma.session.count({ where: { tokenHash: sha256(token) } })).toBe(1);

    const res = await member.raw({ query: SIGN_OUT });
    expect(((await res.json()) as { data: { signOut: boolean } }).data.signOut).toBe(true);
    const cleared = sessionCookie(res);
    expect(cleared).not.toBeNull();
    expect(cleared!.token).toBe('');
    expect(cleared!.attributes.some((a) => a === 'max-age=0' || a.startsWith('expires=thu, 01 jan 1970'))).toBe(true);

    expect(await api.prisma.session.count({ where: { tokenHash: sha256(token) } })).toBe(0);
    expect(await api.prisma.session.count({ where: { userId } })).toBe(0);
    // Replaying the old cookie gives no one.
    const replay = new Client(api.url);
    replay.cookie = oldCookie;
    expect((await replay.gql(ME)).data.me).toBeNull();
  });
});

describe('home area', () => {
  test('from a full postcode: stored as the outcode centroid, labelled with the outcode, never the full postcode', async () => {
    const client = await signedUp(api.url, { firstName: 'Home', lastName: 'Owner', homePostcode: 'ls6 1an' });
    const ls6 = await api.prisma.outcode.findUniqueOrThrow({ where: { code: 'LS6' } });
    expect((await client.gql(ME)).data.me.homeArea).toEqual({ label: 'LS6', location: { lat: ls6.lat, lng: ls6.lng } });
    const userId = uuidOf(client.userId);
    const row = await api.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    expect(row).toMatchObject({ homeLabel: 'LS6', homeLat: ls6.lat, homeLng: ls6.lng });
    const text = await api.prisma.$queryRaw<{ t: string }[]>`SELECT u::text AS t FROM users u WHERE u.id = ${userId}::uuid`;
    // Nowhere in the row (hashes and tokens are random, so look for the postcode as typed and as normalised).
    expect(text[0]!.t.toUpperCase()).not.toContain('LS6 1AN');
    expect(text[0]!.t.toUpperCase()).not.toContain('LS61AN');

    // Changing it by postcode behaves the same way.
    const moved = await client.gql(SET_HOME, { input: { postcode: 'SW1A 1AA' } });
    const sw1a = await api.prisma.outcode.findUniqueOrThrow({ where: { code: 'SW1A' } });
    expect(moved.data.setHomeArea.data.homeArea).toEqual({ label: 'SW1A', location: { lat: sw1a.lat, lng: sw1a.lng } });
    const after = await api.prisma.$queryRaw<{ t: string }[]>`SELECT u::text AS t FROM users u WHERE u.id = ${userId}::uuid`;
    expect(after[0]!.t.toUpperCase()).not.toContain('SW1A 1AA');
    expect(after[0]!.t.toUpperCase()).not.toContain('SW1A1AA');
  });

  test('from a map pin: snapped to the ~1 km grid before it is stored', async () => {
    const member = await signedUp(api.url);
    const userId = uuidOf(member.userId);
    const pin = { lat: 53.812345, lng: -1.567891 };
    const res = await member.gql(SET_HOME, { input: { location: pin } });
    expect(res.data.setHomeArea.__typename).toBe('MutationSetHomeAreaSuccess');
    const row = await api.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    const stored = { lat: row.homeLat!, lng: row.homeLng! };
    expect(stored).not.toEqual(pin);
    expect(distanceKm(stored, pin)).toBeLessThan(1);
    expect(stored).toEqual(snapToGrid(pin));
    expect(res.data.setHomeArea.data.homeArea.location).toEqual(stored);
    expect(row.homeLabel).toMatch(/^LS\d+$/);

    // Another pin in the same square stores the very same point: nothing finer than the square is kept.
    const nearby = { lat: stored.lat + 0.001, lng: stored.lng - 0.001 };
    await member.gql(SET_HOME, { input: { location: nearby } });
    const row2 = await api.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    expect({ lat: row2.homeLat, lng: row2.homeLng }).toEqual(stored);
  });
});

describe('delete account', () => {
  test('wrong password: ValidationError on ["password"] and nothing changes', async () => {
    const member = await signedUp(api.url);
    const userId = uuidOf(member.userId);
    const event = await createEvent(member, { title: 'Still on' });
    const userBefore = await api.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    const sessionsBefore = await api.prisma.session.findMany({ where: { userId } });
    const eventBefore = await api.prisma.event.findUniqueOrThrow({ where: { id: uuidOf(event.id) } });

    const res = await member.gql(DELETE, { password: 'definitely wrong' });
    expect(res.data.deleteAccount.__typename).toBe('ValidationError');
    expect(res.data.deleteAccount.fieldErrors.map((e: { path: string[] }) => e.path)).toContainEqual(['password']);

    expect(await api.prisma.user.findUniqueOrThrow({ where: { id: userId } })).toEqual(userBefore);
    expect(await api.prisma.session.findMany({ where: { userId } })).toEqual(sessionsBefore);
    expect(await api.prisma.event.findUniqueOrThrow({ where: { id: uuidOf(event.id) } })).toEqual(eventBefore);
    expect((await member.gql(ME)).data.me.email).toBe(member.email);
  });

  test('signed out: AuthenticationError', async () => {
    const res = await new Client(api.url).gql(DELETE, { password: PASSWORD });
    expect(res.data.deleteAccount.__typename).toBe('AuthenticationError');
  });

  test('right password: personal data erased, sessions gone, future events cancelled, places released', async () => {
    const firstName = `Zeb${randomUUID().slice(0, 6)}`;
    const lastName = `Quartermaine${randomUUID().slice(0, 6)}`;
    const victim = await signedUp(api.url, { firstName, lastName, homePostcode: 'LS6 1AN' });
    const userId = uuidOf(victim.userId);
    const feedPath = new URL((await victim.gql(ME)).data.me.calendarFeedUrl).pathname;
    expect((await victim.get(feedPath)).status).toBe(200);

    // A second device.
    const phone = new Client(api.url);
    expect((await phone.gql(SIGN_IN, { input: { email: victim.email, password: PASSWORD } })).data.signIn.__typename).toBe(
      'MutationSignInSuccess',
    );

    // Their events: one published and one draft in the future, one in the past.
    const future = await createEvent(victim, { title: 'Future meeting' });
    const draft = await createEvent(victim, { title: 'Future draft' }, false);
    const pastStart = new Date(Date.now() - 3 * 86_400_000);
    const past = await api.prisma.event.create({
      data: {
        kind: 'MEETING',
        title: 'Past meeting',
        description: '',
        startsAt: pastStart,
        endsAt: new Date(pastStart.getTime() + 7_200_000),
        venueName: 'Hall',
        address: '1 High Street',
        postcode: 'LS6 1AN',
        areaLabel: 'LS6',
        exactLat: 53.82,
        exactLng: -1.57,
        lat: 53.82,
        lng: -1.57,
        regionId: 'yorkshire-and-the-humber',
        status: 'PUBLISHED',
        organiserId: userId,
      },
    });

    // Their place at someone else's full event, with someone waiting.
    const host = await signedUp(api.url);
    const full = await createEvent(host, { capacity: 1, title: 'One place only' });
    expect((await victim.gql(RSVP, { eventId: full.id })).data.rsvp.data.status).toBe('GOING');
    const waiter = await signedUp(api.url);
    expect((await waiter.gql(RSVP, { eventId: full.id })).data.rsvp.data.status).toBe('WAITLISTED');

    const res = await victim.raw({ query: DELETE, variables: { password: PASSWORD } });
    const json = (await res.json()) as { data: { deleteAccount: { __typename: string; data: boolean } } };
    expect(json.data.deleteAccount).toEqual({ __typename: 'MutationDeleteAccountSuccess', data: true });
    expect(sessionCookie(res)?.token).toBe('');

    // The row keeps no personal data.
    const row = await api.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    expect(row.email).not.toBe(victim.email);
    expect(row.deletedAt).not.toBeNull();
    expect(row).toMatchObject({ passwordHash: null, homeLabel: null, homeLat: null, homeLng: null });
    const text = (await api.prisma.$queryRaw<{ t: string }[]>`SELECT u::text AS t FROM users u WHERE u.id = ${userId}::uuid`)[0]!.t;
    expect(text).not.toContain(victim.email.split('@')[0]!);
    expect(text).not.toContain(firstName);
    expect(text).not.toContain(lastName);
    expect(text).not.toContain('LS6');

    // Signed out everywhere, and no way back in.
    expect(await api.prisma.session.count({ where: { userId } })).toBe(0);
    expect((await victim.gql(ME)).data.me).toBeNull();
    expect((await phone.gql(ME)).data.me).toBeNull();
    const signIn = await new Client(api.url).gql(SIGN_IN, { input: { email: victim.email, password: PASSWORD } });
    expect(signIn.data.signIn.__typename).toBe('AuthenticationError');
    expect((await new Client(api.url).get(feedPath)).status).toBe(404);

    // Future events cancelled; the past one untouched.
    expect((await api.prisma.event.findUniqueOrThrow({ where: { id: uuidOf(future.id) } })).status).toBe('CANCELLED');
    expect((await api.prisma.event.findUniqueOrThrow({ where: { id: uuidOf(draft.id) } })).status).toBe('CANCELLED');
    expect(await api.prisma.event.findUniqueOrThrow({ where: { id: past.id } })).toEqual(past);

    // Their place released; the head of the waitlist moved up.
    const fullRow = await api.prisma.event.findUniqueOrThrow({ where: { id: uuidOf(full.id) }, include: { rsvps: true } });
    expect(fullRow.goingCount).toBe(1);
    expect(fullRow.rsvps.filter((r) => r.userId === userId && r.status !== 'CANCELLED')).toEqual([]);
    expect(fullRow.rsvps.find((r) => r.userId === uuidOf(waiter.userId))?.status).toBe('GOING');
  });
});
