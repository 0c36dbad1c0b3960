import { createHash, randomUUID } from 'node:crypto';
import { distanceKm, snapToGrid } from '@rallypoint/shared';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningApi } from '../src/server.ts';
import type { ParsedMail } from 'mailparser';
import { sendVerification } from '../src/accounts/service.ts';
import { Client, CREATE_EVENT, createEvent, departureFor, eventInput, PASSWORD, SIGN_UP, signedUp, startTestApi, uuidOf } from './helpers.ts';
import { confirmationToken, mailTo, waitForMail } from './mail-catcher.ts';

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

const CONFIRM = /* GraphQL */ `
  mutation Confirm($token: String!, $password: String) {
    confirmSignUp(token: $token, password: $password) {
      __typename
      ... on MutationConfirmSignUpSuccess { data { id email emailVerified role displayName } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const EMAIL_VERIFIED = /* GraphQL */ `query { me { id emailVerified } }`;
const RESEND = /* GraphQL */ `
  mutation { resendVerification { __typename ... on MutationResendVerificationSuccess { data } ... on Error { message } } }
`;
const REQUEST_RESET = /* GraphQL */ `
  mutation RequestReset($input: PasswordResetRequestInput!) {
    requestPasswordReset(input: $input) {
      __typename
      ... on MutationRequestPasswordResetSuccess { data { message } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const RESET = /* GraphQL */ `
  mutation Reset($input: PasswordResetInput!) {
    resetPassword(input: $input) {
      __typename
      ... on MutationResetPasswordSuccess { data { id email emailVerified } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;

const isConfirmation = (m: ParsedMail) => m.subject === 'Confirm your Rallypoint account';
const isReset = (m: ParsedMail) => m.subject === 'Reset your Rallypoint password';

/** The token of the reset link in a password-reset e-mail. */
function resetToken(mail: ParsedMail): string {
  const token = /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
  if (!token) throw new Error(`No reset link in: ${mail.subject}\n${mail.text}`);
  return token;
}

/** The next e-mail to `email` that passes `test` and carries a token not in `seen` (a new link). */
async function nextLink(email: string, test: (m: ParsedMail) => boolean, tokenOf: (m: ParsedMail) => string, seen: string[] = []) {
  const mail = await waitForMail(email, { test: (m) => test(m) && !seen.includes(tokenOf(m)) });
  return { mail, token: tokenOf(mail) };
}

/** Whether any row of the tables that could hold a link's secret contains `secret` as text. */
async function storedAnywhere(secret: string): Promise<boolean> {
  const [row] = await api.prisma.$queryRaw<{ n: number }[]>`
    SELECT ((SELECT count(*) FROM account_tokens t WHERE strpos(t::text, ${secret}) > 0)
          + (SELECT count(*) FROM mail_log m WHERE strpos(m::text, ${secret}) > 0)
          + (SELECT count(*) FROM sessions s WHERE strpos(s::text, ${secret}) > 0)
          + (SELECT count(*) FROM graphile_worker._private_jobs j WHERE strpos(j.payload::text, ${secret}) > 0))::int AS n`;
  return row!.n > 0;
}

/** A member who signed up and did not open the link yet, signed in with their password. */
async function unconfirmed(overrides: Record<string, unknown> = {}) {
  const email = newEmail();
  const started = await signUpRaw({ email, password: PASSWORD, firstName: 'Una', lastName: 'Confirmed', homePostcode: 'LS6 1AN', ...overrides });
  expect(started.json.data.signUp.__typename).toBe('MutationSignUpSuccess');
  const client = new Client(api.url);
  const signIn = await client.gql(SIGN_IN, { input: { email, password: PASSWORD } });
  expect(signIn.data.signIn.__typename).toBe('MutationSignInSuccess');
  const { id } = (await client.gql(EMAIL_VERIFIED)).data.me;
  return Object.assign(client, { email, userId: id as string });
}

const userRow = (email: string) => api.prisma.user.findUniqueOrThrow({ where: { email } });
const sessionsOf = (userId: string) => api.prisma.session.findMany({ where: { userId }, orderBy: { id: 'asc' } });

describe('sign up and confirming the address', () => {
  test('answers "check your inbox": the account exists unconfirmed, nobody is signed in, the password kept only as argon2id', async () => {
    const email = newEmail();
    const { res, cookie, json } = await signUpRaw({ email, password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace' });
    expect(res.status).toBe(200);
    expect(json.data.signUp).toEqual({ __typename: 'MutationSignUpSuccess', data: { email, message: expect.stringMatching(/check your inbox/i) } });
    expect(cookie).toBeNull();
    const user = await userRow(email);
    expect(user.emailVerifiedAt).toBeNull();
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await api.prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  test('the confirmation e-mail comes through SMTP with HTML and text parts; its secret is minted as it leaves and only its hash is stored', async () => {
    const email = newEmail();
    await signUpRaw({ email, password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace' });
    const { mail, token } = await nextLink(email, isConfirmation, confirmationToken);
    expect(mail.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    expect(mail.text).toContain('Hello Ada,');
    expect(mail.text).toContain('24 hours');
    expect(mail.html).toContain('Confirm my address');
    expect(mail.html).toContain(`/signup/confirm?token=${token}`);
    const user = await userRow(email);
    const rows = await api.prisma.accountToken.findMany({ where: { userId: user.id } });
    expect(rows).toMatchObject([{ purpose: 'VERIFY_EMAIL', tokenHash: sha256(token), usedAt: null }]);
    expect(await storedAnywhere(token)).toBe(false);

    // The queued e-mail itself carries no secret, only the link's row (read inside the change, before any worker).
    class Rollback extends Error {}
    await api.prisma
      .$transaction(async (tx) => {
        await sendVerification(tx, user.id);
        const [job] = await tx.$queryRaw<{ payload: { params: Record<string, unknown> } }[]>`
          SELECT payload FROM graphile_worker._private_jobs WHERE payload->>'userId' = ${user.id} AND payload->>'template' = 'verify-email'
          ORDER BY id DESC LIMIT 1`;
        expect(Object.keys(job!.payload.params).sort()).toEqual(['repeated', 'tokenId', 'validHours']);
        throw new Rollback();
      })
      .catch((e: unknown) => {
        if (!(e instanceof Rollback)) throw e;
      });
  });

  test('the link with the password chosen at sign-up confirms the address and signs in (HttpOnly SameSite=Lax cookie); it works once', async () => {
    const email = newEmail();
    await signUpRaw({ email, password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace' });
    const { mail, token } = await nextLink(email, isConfirmation, confirmationToken);
    // The e-mail says the password is needed, and what to do without it.
    expect(mail.text).toMatch(/enter the password you chose when you signed up/);
    expect(mail.text).toMatch(/If you do not know the password this account was created with/);
    expect(mail.html).toContain('/forgot-password');
    const browser = new Client(api.url);
    const res = await browser.raw({ query: CONFIRM, variables: { token, password: PASSWORD } });
    // biome-ignore lint/suspicious/noExplicitAny: loosely typed JSON
    const me = ((await res.json()) as any).data.confirmSignUp;
    expect(me.__typename).toBe('MutationConfirmSignUpSuccess');
    expect(me.data).toMatchObject({ email, emailVerified: true, role: 'MEMBER', displayName: 'Ada L.' });
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
    expect(await storedAnywhere(cookie.token)).toBe(false);
    expect((await api.prisma.user.findUniqueOrThrow({ where: { id: userId } })).emailVerifiedAt).not.toBeNull();

    const again = await new Client(api.url).gql(CONFIRM, { token, password: PASSWORD });
    expect(again.data.confirmSignUp).toMatchObject({
      __typename: 'ValidationError',
      message: expect.stringMatching(/expired or has already been used/),
      fieldErrors: [{ path: ['token'] }],
    });
    expect(await api.prisma.session.count({ where: { userId } })).toBe(1);
  });

  test('five clicks on one link at the same moment: one signs in', async () => {
    const email = newEmail();
    await signUpRaw({ email, password: PASSWORD, firstName: 'Twin', lastName: 'Click' });
    const { token } = await nextLink(email, isConfirmation, confirmationToken);
    const results = await Promise.all(Array.from({ length: 5 }, () => new Client(api.url).gql(CONFIRM, { token, password: PASSWORD })));
    expect(results.map((r) => r.data.confirmSignUp.__typename).sort()).toEqual([
      'MutationConfirmSignUpSuccess',
      ...Array(4).fill('ValidationError'),
    ]);
    expect(await api.prisma.session.count({ where: { userId: (await userRow(email)).id } })).toBe(1);
  });

  test('an unknown, expired or password-reset link confirms nothing', async () => {
    const anonymous = new Client(api.url);
    for (const token of ['nope', 'x'.repeat(43), '']) {
      expect((await anonymous.gql(CONFIRM, { token })).data.confirmSignUp).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['token'] }] });
    }
    const email = newEmail();
    await signUpRaw({ email, password: PASSWORD, firstName: 'Old', lastName: 'Link' });
    const { token } = await nextLink(email, isConfirmation, confirmationToken);
    const user = await userRow(email);

    // A reset link is for choosing a password, not for confirming (and is not used up by trying).
    expect((await anonymous.gql(REQUEST_RESET, { input: { email } })).data.requestPasswordReset.__typename).toBe('MutationRequestPasswordResetSuccess');
    const reset = await nextLink(email, isReset, resetToken);
    expect((await anonymous.gql(CONFIRM, { token: reset.token })).data.confirmSignUp.__typename).toBe('ValidationError');
    expect(await api.prisma.accountToken.count({ where: { userId: user.id, usedAt: { not: null } } })).toBe(0);

    await api.prisma.accountToken.updateMany({ where: { userId: user.id, purpose: 'VERIFY_EMAIL' }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await anonymous.gql(CONFIRM, { token })).data.confirmSignUp).toMatchObject({
      __typename: 'ValidationError',
      message: expect.stringMatching(/expired/),
    });
    expect(await userRow(email)).toEqual(user);
    expect(await api.prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  test('does not reveal who is a member: a confirmed address gets the same answer and a "someone tried" e-mail, and nothing changes', async () => {
    const member = await signedUp(api.url, { firstName: 'Ada' });
    const before = await userRow(member.email);
    const tokensBefore = await api.prisma.accountToken.count({ where: { userId: before.id } });
    const fresh = newEmail();
    const answers = [];
    for (const email of [member.email, member.email.toUpperCase(), `  ${member.email}  `, fresh]) {
      const r = await signUpRaw({ email, password: 'a different password', firstName: 'Eve', lastName: 'Stranger' });
      expect(r.res.status).toBe(200);
      expect(r.cookie).toBeNull();
      answers.push({ ...r.json.data.signUp, data: { ...r.json.data.signUp.data, email: 'x' } });
    }
    // Identical for a member and a newcomer (apart from echoing the address back).
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    const told = await waitForMail(member.email, { test: (m) => /tried to sign up/.test(m.subject ?? '') });
    expect(told.text).toContain('Hello Ada,');
    expect(told.text).not.toMatch(/token=/);
    expect(told.html).toContain('/forgot-password');
    // The account is exactly as it was: no new link, the same password and name.
    expect(await userRow(member.email)).toEqual(before);
    expect(await api.prisma.accountToken.count({ where: { userId: before.id } })).toBe(tokensBefore);
    expect(await api.prisma.user.count({ where: { email: { equals: member.email, mode: 'insensitive' } } })).toBe(1);
    const ok = await new Client(api.url).gql(SIGN_IN, { input: { email: member.email, password: PASSWORD } });
    expect(ok.data.signIn.__typename).toBe('MutationSignInSuccess');
    const stranger = await new Client(api.url).gql(SIGN_IN, { input: { email: member.email, password: 'a different password' } });
    expect(stranger.data.signIn.__typename).toBe('AuthenticationError');
  });

  test('a repeated sign-up of an unconfirmed address sends its link again, carries no password, and ends the older link', async () => {
    const maker = await unconfirmed({ firstName: 'Mallory' });
    const email = maker.email;
    const first = await nextLink(email, isConfirmation, confirmationToken);
    const before = await userRow(email);
    // Someone signs up again with that address: the same answer, and the link again, with what to do without the password.
    const again = await signUpRaw({ email, password: 'the owner chose this', firstName: 'Olive', lastName: 'Owner' });
    expect(again.json.data.signUp).toMatchObject({ __typename: 'MutationSignUpSuccess', data: { message: expect.stringMatching(/check your inbox/i) } });
    expect(again.cookie).toBeNull();
    const second = await nextLink(email, isConfirmation, confirmationToken, [first.token]);
    expect(second.mail.text).toMatch(/signed up again/);
    expect(second.mail.text).toMatch(/If you do not know the password this account was created with/);
    expect(second.mail.html).toContain('/forgot-password');
    // Nothing about the account changed: one account, its password and name as they were.
    expect(await api.prisma.user.count({ where: { email } })).toBe(1);
    expect(await userRow(email)).toEqual(before);
    // Only the newest link works, and only with the account's password: the one just typed into sign-up is not it.
    expect((await new Client(api.url).gql(CONFIRM, { token: first.token, password: PASSWORD })).data.confirmSignUp).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ path: ['token'] }],
    });
    expect((await new Client(api.url).gql(CONFIRM, { token: second.token, password: 'the owner chose this' })).data.confirmSignUp).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ path: ['password'] }],
    });
    expect(await userRow(email)).toEqual(before);
    expect((await new Client(api.url).gql(SIGN_IN, { input: { email, password: 'the owner chose this' } })).data.signIn.__typename).toBe(
      'AuthenticationError',
    );
    expect((await new Client(api.url).gql(CONFIRM, { token: second.token, password: PASSWORD })).data.confirmSignUp.__typename).toBe(
      'MutationConfirmSignUpSuccess',
    );
  });

  test('a link opened after an administrator confirmed the address still needs the password, and changes nothing else', async () => {
    const member = await unconfirmed();
    const { token } = await nextLink(member.email, isConfirmation, confirmationToken);
    // As `pnpm admin:create` does for an existing account.
    await api.prisma.user.update({ where: { email: member.email }, data: { emailVerifiedAt: new Date() } });
    const before = await userRow(member.email);
    expect((await new Client(api.url).gql(CONFIRM, { token })).data.confirmSignUp).toMatchObject({ fieldErrors: [{ path: ['password'] }] });
    expect((await new Client(api.url).gql(CONFIRM, { token, password: PASSWORD })).data.confirmSignUp.__typename).toBe('MutationConfirmSignUpSuccess');
    expect(await userRow(member.email)).toEqual(before);
  });
});

describe('pre-hijacking: an account made in someone else\'s name', () => {
  const refusedForPassword = { __typename: 'ValidationError', fieldErrors: [{ path: ['password'], message: expect.stringMatching(/Enter the password you chose when you signed up.*\/forgot-password/) }] };

  test("the owner of the address opening the link without the maker's password confirms nothing; resetting the password takes the account back", async () => {
    // The attacker signs up with the victim's address, using a password they know, and stays signed in (twice).
    const attacker = await unconfirmed({ firstName: 'Mallory' });
    const email = attacker.email;
    const userId = uuidOf(attacker.userId);
    const attackerPhone = new Client(api.url);
    expect((await attackerPhone.gql(SIGN_IN, { input: { email, password: PASSWORD } })).data.signIn.__typename).toBe('MutationSignInSuccess');
    const before = await userRow(email);
    const sessions = await sessionsOf(userId);
    expect(sessions).toHaveLength(2);

    // The victim gets the unrequested e-mail and opens its link: without the attacker's password it is refused.
    const { token } = await nextLink(email, isConfirmation, confirmationToken);
    const victim = new Client(api.url);
    for (const password of [undefined, '', 'what the victim would use']) {
      const res = await victim.raw({ query: CONFIRM, variables: { token, password } });
      // biome-ignore lint/suspicious/noExplicitAny: loosely typed JSON
      expect(((await res.json()) as any).data.confirmSignUp, String(password)).toMatchObject(refusedForPassword);
      expect(sessionCookie(res)).toBeNull();
    }
    // Nothing changed: unconfirmed, the attacker still signed in, the link unused.
    expect(await userRow(email)).toEqual(before);
    expect(await sessionsOf(userId)).toEqual(sessions);
    expect(await api.prisma.accountToken.findMany({ where: { userId, purpose: 'VERIFY_EMAIL' }, select: { usedAt: true } })).toEqual([{ usedAt: null }]);
    expect((await attacker.gql(EMAIL_VERIFIED)).data.me.emailVerified).toBe(false);

    // The victim chooses a new password instead: confirmed, every attacker session over, the attacker's password dead.
    await victim.gql(REQUEST_RESET, { input: { email } });
    const reset = await nextLink(email, isReset, resetToken);
    const NEW = 'only the victim knows this';
    expect((await victim.gql(RESET, { input: { token: reset.token, password: NEW } })).data.resetPassword).toMatchObject({ data: { emailVerified: true } });
    expect((await attacker.gql(ME)).data.me).toBeNull();
    expect((await attackerPhone.gql(ME)).data.me).toBeNull();
    expect(await sessionsOf(userId)).toHaveLength(1);
    expect((await victim.gql(ME)).data.me.email).toBe(email);
    expect((await new Client(api.url).gql(SIGN_IN, { input: { email, password: PASSWORD } })).data.signIn.__typename).toBe('AuthenticationError');
    expect((await new Client(api.url).gql(SIGN_IN, { input: { email, password: NEW } })).data.signIn.__typename).toBe('MutationSignInSuccess');
    // And the confirmation link is spent: not even the attacker's password opens it now.
    expect((await new Client(api.url).gql(CONFIRM, { token, password: PASSWORD })).data.confirmSignUp).toMatchObject({ fieldErrors: [{ path: ['token'] }] });
  });

  test('a wrong password leaves the link usable; the right one confirms, signs out every other session, and signs this browser in', async () => {
    const member = await unconfirmed();
    const userId = uuidOf(member.userId);
    const laptop = new Client(api.url);
    expect((await laptop.gql(SIGN_IN, { input: { email: member.email, password: PASSWORD } })).data.signIn.__typename).toBe('MutationSignInSuccess');
    const { token } = await nextLink(member.email, isConfirmation, confirmationToken);
    const before = await userRow(member.email);
    const sessions = await sessionsOf(userId);

    const browser = new Client(api.url);
    for (let i = 0; i < 3; i++) {
      expect((await browser.gql(CONFIRM, { token, password: `wrong password ${i}` })).data.confirmSignUp).toMatchObject(refusedForPassword);
    }
    expect(browser.cookie).toBeUndefined();
    expect(await userRow(member.email)).toEqual(before);
    expect(await sessionsOf(userId)).toEqual(sessions);

    const res = await browser.raw({ query: CONFIRM, variables: { token, password: PASSWORD } });
    // biome-ignore lint/suspicious/noExplicitAny: loosely typed JSON
    expect(((await res.json()) as any).data.confirmSignUp).toMatchObject({ __typename: 'MutationConfirmSignUpSuccess', data: { emailVerified: true } });
    const cookie = sessionCookie(res)!;
    browser.cookie = `rp_session=${cookie.token}`;
    expect((await browser.gql(ME)).data.me.email).toBe(member.email);
    expect((await member.gql(ME)).data.me).toBeNull();
    expect((await laptop.gql(ME)).data.me).toBeNull();
    expect(await sessionsOf(userId)).toMatchObject([{ tokenHash: sha256(cookie.token) }]);
    // The password is as it was.
    expect((await userRow(member.email)).passwordHash).toBe(before.passwordHash);
  });

  test('signed in to the account itself, the link confirms without the password (every other session ends)', async () => {
    const member = await unconfirmed();
    const userId = uuidOf(member.userId);
    const laptop = new Client(api.url);
    expect((await laptop.gql(SIGN_IN, { input: { email: member.email, password: PASSWORD } })).data.signIn.__typename).toBe('MutationSignInSuccess');
    const { token } = await nextLink(member.email, isConfirmation, confirmationToken);
    expect((await member.gql(CONFIRM, { token })).data.confirmSignUp).toMatchObject({ __typename: 'MutationConfirmSignUpSuccess', data: { emailVerified: true } });
    expect((await member.gql(ME)).data.me.email).toBe(member.email);
    expect((await laptop.gql(ME)).data.me).toBeNull();
    expect(await sessionsOf(userId)).toHaveLength(1);
  });

  test('signed in to another account, the link is refused plainly and nothing changes', async () => {
    const member = await unconfirmed();
    const { token } = await nextLink(member.email, isConfirmation, confirmationToken);
    const other = await signedUp(api.url);
    const before = await userRow(member.email);
    const sessions = await sessionsOf(uuidOf(member.userId));
    const otherCookie = other.cookie;
    for (const password of [undefined, PASSWORD]) {
      expect((await other.gql(CONFIRM, { token, password })).data.confirmSignUp).toEqual({
        __typename: 'ForbiddenError',
        message: expect.stringMatching(/another account than the one signed in here/),
      });
    }
    expect(other.cookie).toBe(otherCookie);
    expect((await other.gql(ME)).data.me.email).toBe(other.email);
    expect(await userRow(member.email)).toEqual(before);
    expect(await sessionsOf(uuidOf(member.userId))).toEqual(sessions);
    // Signed out, the same browser may use it.
    await other.gql(SIGN_OUT);
    expect((await other.gql(CONFIRM, { token, password: PASSWORD })).data.confirmSignUp.__typename).toBe('MutationConfirmSignUpSuccess');
  });
});

describe('unconfirmed members', () => {
  const OFFER = /* GraphQL */ `
    mutation Offer($eventId: ID!, $input: LiftOfferInput!) {
      offerLift(eventId: $eventId, input: $input) { __typename ... on MutationOfferLiftSuccess { data { id } } ... on Error { message } }
    }
  `;
  const REQUEST = /* GraphQL */ `
    mutation Request($eventId: ID!, $input: LiftRequestInput!) {
      requestLift(eventId: $eventId, input: $input) { __typename ... on MutationRequestLiftSuccess { data { id } } ... on Error { message } }
    }
  `;
  const PUBLISH = /* GraphQL */ `
    mutation Publish($id: ID!) {
      publishEvent(id: $id) { __typename ... on MutationPublishEventSuccess { data { id status } } ... on Error { message } }
    }
  `;
  const offerInput = { departAt: departureFor(), seats: 2, maxDetourKm: 10, postcode: 'LS7' };

  test('may sign in, RSVP, ask for lifts and save drafts, but not publish events or offer lifts until they confirm', async () => {
    const organiser = await signedUp(api.url);
    const canvass = await createEvent(organiser, { kind: 'CANVASS', title: 'Canvass for the unconfirmed' });
    const rally = await createEvent(organiser, { kind: 'CANVASS', title: 'Another canvass' });
    const member = await unconfirmed();
    const userId = uuidOf(member.userId);
    expect((await member.gql(EMAIL_VERIFIED)).data.me.emailVerified).toBe(false);

    expect((await member.gql(RSVP, { eventId: canvass.id })).data.rsvp).toEqual({ __typename: 'MutationRsvpSuccess', data: { status: 'GOING' } });
    expect((await member.gql(REQUEST, { eventId: canvass.id, input: { postcode: 'LS7', seats: 1 } })).data.requestLift.__typename).toBe(
      'MutationRequestLiftSuccess',
    );
    const draft = await createEvent(member, { title: 'My draft' }, false);
    expect(draft.status).toBe('DRAFT');

    const refusal = { __typename: 'ForbiddenError', message: expect.stringMatching(/^Confirm your e-mail address before you publish events: open the link/) };
    const published = await member.gql(CREATE_EVENT, { input: eventInput({ title: 'Published too soon' }), publish: true });
    expect(published.data.createEvent).toEqual(refusal);
    expect((await member.gql(PUBLISH, { id: draft.id })).data.publishEvent).toEqual(refusal);
    const offered = await member.gql(OFFER, { eventId: rally.id, input: offerInput });
    expect(offered.data.offerLift).toEqual({ __typename: 'ForbiddenError', message: expect.stringMatching(/^Confirm your e-mail address before you offer lifts/) });
    // Nothing changed: one draft, no offer.
    expect(await api.prisma.event.findMany({ where: { organiserId: userId }, select: { title: true, status: true } })).toEqual([
      { title: 'My draft', status: 'DRAFT' },
    ]);
    expect(await api.prisma.liftOffer.count({ where: { driverId: userId } })).toBe(0);

    // A new link, asked for while signed in, confirms the address; then both work.
    const first = await nextLink(member.email, isConfirmation, confirmationToken);
    expect((await member.gql(RESEND)).data.resendVerification).toEqual({ __typename: 'MutationResendVerificationSuccess', data: true });
    const second = await nextLink(member.email, isConfirmation, confirmationToken, [first.token]);
    // Only the newest link works.
    expect((await new Client(api.url).gql(CONFIRM, { token: first.token, password: PASSWORD })).data.confirmSignUp).toMatchObject({
      fieldErrors: [{ path: ['token'] }],
    });
    expect((await member.gql(CONFIRM, { token: second.token })).data.confirmSignUp.data.emailVerified).toBe(true);
    expect((await member.gql(PUBLISH, { id: draft.id })).data.publishEvent).toMatchObject({ data: { status: 'PUBLISHED' } });
    expect((await member.gql(OFFER, { eventId: rally.id, input: offerInput })).data.offerLift.__typename).toBe('MutationOfferLiftSuccess');
    expect((await member.gql(CREATE_EVENT, { input: eventInput({ title: 'Published now' }), publish: true })).data.createEvent.data.status).toBe(
      'PUBLISHED',
    );
  });

  test('asking for a new link: signed out is refused, and so is an address already confirmed (no e-mail queued)', async () => {
    expect((await new Client(api.url).gql(RESEND)).data.resendVerification.__typename).toBe('AuthenticationError');
    const member = await signedUp(api.url);
    const tokens = await api.prisma.accountToken.count({ where: { userId: uuidOf(member.userId) } });
    expect((await member.gql(RESEND)).data.resendVerification).toEqual({ __typename: 'ValidationError', message: 'Your address is already confirmed.' });
    expect(await api.prisma.accountToken.count({ where: { userId: uuidOf(member.userId) } })).toBe(tokens);
    expect((await member.gql(EMAIL_VERIFIED)).data.me.emailVerified).toBe(true);
  });
});

describe('password reset', () => {
  test('an address without an account gets the same answer, and no e-mail', async () => {
    const member = await signedUp(api.url);
    const unknown = newEmail();
    const resetTokens = () => api.prisma.accountToken.count({ where: { purpose: 'RESET_PASSWORD', user: { email: { in: [unknown, member.email] } } } });
    const answers = [];
    for (const email of [unknown, member.email]) {
      const res = await new Client(api.url).raw({ query: REQUEST_RESET, variables: { input: { email } } });
      expect(res.status).toBe(200);
      expect(sessionCookie(res)).toBeNull();
      answers.push(((await res.json()) as { data: unknown }).data);
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toEqual({
      requestPasswordReset: { __typename: 'MutationRequestPasswordResetSuccess', data: { message: expect.stringMatching(/^If that address has an account/) } },
    });
    // One link made, the member's. Every e-mail goes to an account, and the unknown address has none, so it gets nothing.
    expect(await resetTokens()).toBe(1);
    expect(await api.prisma.user.count({ where: { email: unknown } })).toBe(0);
    await nextLink(member.email, isReset, resetToken);
    expect(await mailTo(unknown)).toEqual([]);
  });

  test('the link sets the new password once, signs out every other session, and signs this browser in', async () => {
    const member = await signedUp(api.url, { firstName: 'Rita' });
    const userId = uuidOf(member.userId);
    const laptop = new Client(api.url);
    expect((await laptop.gql(SIGN_IN, { input: { email: member.email, password: PASSWORD } })).data.signIn.__typename).toBe('MutationSignInSuccess');

    const browser = new Client(api.url);
    await browser.gql(REQUEST_RESET, { input: { email: member.email.toUpperCase() } });
    const { mail, token } = await nextLink(member.email, isReset, resetToken);
    expect(mail.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    expect(mail.text).toContain('Hello Rita,');
    expect(mail.text).toContain('60 minutes');
    expect(mail.html).toContain(`/reset-password?token=${token}`);
    expect(await api.prisma.accountToken.findMany({ where: { userId, purpose: 'RESET_PASSWORD' } })).toMatchObject([{ tokenHash: sha256(token), usedAt: null }]);
    expect(await storedAnywhere(token)).toBe(false);

    const NEW = 'a brand new password';
    const res = await browser.raw({ query: RESET, variables: { input: { token, password: NEW } } });
    // biome-ignore lint/suspicious/noExplicitAny: loosely typed JSON
    expect(((await res.json()) as any).data.resetPassword).toEqual({
      __typename: 'MutationResetPasswordSuccess',
      data: { id: member.userId, email: member.email, emailVerified: true },
    });
    const cookie = sessionCookie(res)!;
    expect(cookie.attributes).toContain('httponly');
    browser.cookie = `rp_session=${cookie.token}`;
    expect((await browser.gql(ME)).data.me.email).toBe(member.email);
    // Every other session is over, the old cookies with them.
    expect((await member.gql(ME)).data.me).toBeNull();
    expect((await laptop.gql(ME)).data.me).toBeNull();
    expect(await sessionsOf(userId)).toMatchObject([{ tokenHash: sha256(cookie.token) }]);
    // The old password is gone, the new one works.
    expect((await new Client(api.url).gql(SIGN_IN, { input: { email: member.email, password: PASSWORD } })).data.signIn.__typename).toBe(
      'AuthenticationError',
    );
    expect((await new Client(api.url).gql(SIGN_IN, { input: { email: member.email, password: NEW } })).data.signIn.__typename).toBe(
      'MutationSignInSuccess',
    );

    // Once only.
    const before = await userRow(member.email);
    const reused = await new Client(api.url).gql(RESET, { input: { token, password: 'yet another password' } });
    expect(reused.data.resetPassword).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['token'], message: expect.stringMatching(/already been used/) }] });
    expect(await userRow(member.email)).toEqual(before);
  });

  test('forged, superseded, expired and confirmation links are refused, a weak password too, and nothing changes', async () => {
    const member = await unconfirmed();
    const userId = uuidOf(member.userId);
    const confirmation = await nextLink(member.email, isConfirmation, confirmationToken);
    const anonymous = new Client(api.url);
    const ask = async (seen: string[]) => {
      await anonymous.gql(REQUEST_RESET, { input: { email: member.email } });
      return (await nextLink(member.email, isReset, resetToken, seen)).token;
    };
    const older = await ask([]);
    const newer = await ask([older]);
    const user = await userRow(member.email);
    const sessions = await sessionsOf(userId);

    const refuse = async (token: string, password = 'a perfectly good password', path = 'token') => {
      const res = await anonymous.raw({ query: RESET, variables: { input: { token, password } } });
      // biome-ignore lint/suspicious/noExplicitAny: loosely typed JSON
      const answer = ((await res.json()) as any).data.resetPassword;
      expect(answer, token).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: [path] }] });
      expect(sessionCookie(res)).toBeNull();
      expect(await userRow(member.email)).toEqual(user);
      expect(await sessionsOf(userId)).toEqual(sessions);
    };
    // Forged, or the confirmation link (another purpose).
    for (const token of ['', 'forged', 'x'.repeat(43), 'y'.repeat(201), confirmation.token]) await refuse(token);
    // A password that breaks the rules: on ["password"], and the link is not used up.
    await refuse(newer, 'short', 'password');
    // Expired.
    await api.prisma.accountToken.updateMany({ where: { userId, purpose: 'RESET_PASSWORD' }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await refuse(newer);
    await refuse(older);
    // A fresh link works and confirms the address; then every older link (reset or confirmation) is spent.
    await api.prisma.accountToken.updateMany({ where: { userId, purpose: 'RESET_PASSWORD' }, data: { expiresAt: new Date(Date.now() + 3_600_000) } });
    const fresh = await ask([older, newer]);
    expect((await anonymous.gql(RESET, { input: { token: fresh, password: 'a perfectly good password' } })).data.resetPassword.data.emailVerified).toBe(true);
    for (const token of [older, newer]) {
      expect((await new Client(api.url).gql(RESET, { input: { token, password: 'and another one!' } })).data.resetPassword.__typename).toBe('ValidationError');
    }
    expect((await new Client(api.url).gql(CONFIRM, { token: confirmation.token, password: 'a perfectly good password' })).data.confirmSignUp).toMatchObject({
      fieldErrors: [{ path: ['token'] }],
    });
  });

  test('two resets with one link at the same moment: exactly one succeeds, and its password is the one kept', async () => {
    const member = await signedUp(api.url);
    const userId = uuidOf(member.userId);
    await new Client(api.url).gql(REQUEST_RESET, { input: { email: member.email } });
    const { token } = await nextLink(member.email, isReset, resetToken);
    const passwords = ['first new password', 'second new password'];
    const results = await Promise.all(passwords.map((password) => new Client(api.url).gql(RESET, { input: { token, password } })));
    const kinds = results.map((r) => r.data.resetPassword.__typename);
    expect(kinds.sort()).toEqual(['MutationResetPasswordSuccess', 'ValidationError']);
    const winner = passwords[results.findIndex((r) => r.data.resetPassword.__typename === 'MutationResetPasswordSuccess')]!;
    const loser = passwords.find((p) => p !== winner)!;
    expect(await api.prisma.session.count({ where: { userId } })).toBe(1);
    expect((await new Client(api.url).gql(SIGN_IN, { input: { email: member.email, password: winner } })).data.signIn.__typename).toBe('MutationSignInSuccess');
    expect((await new Client(api.url).gql(SIGN_IN, { input: { email: member.email, password: loser } })).data.signIn.__typename).toBe('AuthenticationError');
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
    // Two places: the host's own and the victim's.
    const full = await createEvent(host, { capacity: 2, title: 'Two places only' });
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
    expect(fullRow.goingCount).toBe(2);
    expect(fullRow.rsvps.filter((r) => r.userId === userId && r.status !== 'CANCELLED')).toEqual([]);
    expect(fullRow.rsvps.find((r) => r.userId === uuidOf(waiter.userId))?.status).toBe('GOING');
  });
});
