import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createPrisma } from '../src/db/client.ts';
import { createApp } from '../src/app.ts';
import { createLive } from '../src/live/pubsub.ts';
import { GRAPHQL_LIMITS } from '../src/security/graphql-limits.ts';
import { DEFAULT_RATE_LIMITS, type RateLimitConfig } from '../src/security/rate-limits.ts';
import type { RunningApi } from '../src/server.ts';
import { freshDatabase } from './db-utils.ts';
import { PASSWORD, SIGN_UP, signedUp, startTestApi, uuidOf } from './helpers.ts';
import { confirmationToken, waitForMail } from './mail-catcher.ts';

const CSRF = { 'x-graphql-yoga-csrf': 'test' };

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { res, text, json: JSON.parse(text) as { data?: Record<string, unknown>; errors?: { message: string }[] } };
}

const messages = (json: { errors?: { message: string }[] }) => (json.errors ?? []).map((e) => e.message).join(' | ');

describe('GraphQL operation limits', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  // Event → its lift offers → each offer's event → … is a real cycle in the schema.
  const nested = (levels: number) => {
    let inner = 'id';
    for (let i = 0; i < levels; i++) inner = `liftOffers { event { ${inner} } }`;
    return `query Deep { eventsNear(input: { postcode: "LS6" }) { ... on EventsNearConnection { edges { node { ${inner} } } } } }`;
  };

  test(`depth above ${GRAPHQL_LIMITS.maxDepth} is refused before anything runs; within it is fine`, async () => {
    const deep = await post(api.url, { query: nested(6) });
    expect(messages(deep.json)).toMatch(/depth/i);
    expect(deep.json.data).toBeUndefined();
    const ok = await post(api.url, { query: nested(2) });
    expect(ok.json.errors).toBeUndefined();
  });

  test(`more than ${GRAPHQL_LIMITS.maxAliases} aliases are refused`, async () => {
    const aliases = Array.from({ length: GRAPHQL_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: regions { id }`).join(' ');
    expect(messages((await post(api.url, { query: `{ ${aliases} }` })).json)).toMatch(/alias/i);
    const fine = Array.from({ length: 3 }, (_, i) => `a${i}: regions { id }`).join(' ');
    expect((await post(api.url, { query: `{ ${fine} }` })).json.errors).toBeUndefined();
  });

  test(`more than ${GRAPHQL_LIMITS.maxDirectives} directives are refused`, async () => {
    const directives = ' @include(if: true)'.repeat(GRAPHQL_LIMITS.maxDirectives + 1);
    expect(messages((await post(api.url, { query: `{ __typename${directives} }` })).json)).toMatch(/directive/i);
  });

  test(`more than ${GRAPHQL_LIMITS.maxTokens} tokens are refused`, async () => {
    const fields = 'id name '.repeat(GRAPHQL_LIMITS.maxTokens / 2);
    expect(messages((await post(api.url, { query: `{ regions { ${fields} } }` })).json)).toMatch(/token/i);
  });

  test(`a query costing more than ${GRAPHQL_LIMITS.maxCost} is refused even within the depth limit`, async () => {
    const wide = 'id title startsAt endsAt status kind venueName areaLabel capacity goingCount';
    const offer = 'id seats seatsLeft maxDetourKm wheelchairAccessible returnTrip notes departAt';
    let inner = wide;
    // Two branches per level: the cost doubles with each level while the depth grows by two.
    for (let i = 0; i < 3; i++) inner = `${wide} liftOffers { ${offer} event { ${inner} } } liftRequests { id seats notes event { ${inner} } }`;
    const query = `{ eventsNear(input: { postcode: "LS6" }) { ... on EventsNearConnection { edges { node { ${inner} } } } } }`;
    expect(messages((await post(api.url, { query })).json)).toMatch(/cost/i);
  });

  test('every operation the web app sends fits within the limits', async () => {
    // The web app's operations as it persists them (web/src/generated, written by its `pnpm codegen`).
    const manifest: Record<string, string> = JSON.parse(
      readFileSync(new URL('../../web/src/generated/persisted-documents.json', import.meta.url), 'utf8'),
    );
    const ops = Object.values(manifest).map((query) => ({ name: /\b(?:query|mutation|subscription) (\w+)/.exec(query)?.[1], query }));
    expect(ops.length).toBeGreaterThan(10);
    for (const { name, query } of ops) {
      // Variables are missing on purpose: limits are checked before variables are, so any refusal shows here.
      const { json } = await post(api.url, { query }, CSRF);
      // armor's refusals all read "… limit of N exceeded" (a variable named $token is no refusal).
      expect(`${name}: ${messages(json)}`).not.toMatch(/limit of \d+ exceeded/i);
    }
  });

  test('a NUL character, which PostgreSQL cannot store, is refused plainly in literals and variables', async () => {
    const literal = await post(api.url, { query: '{ constituency(code: "E1\\u0000") { code } }' });
    expect(messages(literal.json)).toBe('Text must not contain the NUL character (U+0000)');
    const variable = await post(api.url, { query: 'query($c: String!) { constituency(code: $c) { code } }', variables: { c: 'E1\u0000' } });
    expect(messages(variable.json)).toBe('Text must not contain the NUL character (U+0000)');
  });

  test('the request body is capped (413) and eventsNear pages are capped', async () => {
    const big = await post(api.url, { query: `{ __typename }`, variables: { pad: 'x'.repeat(300 * 1024) } });
    expect(big.res.status).toBe(413);
    const page = await post(api.url, {
      query: 'query($i: EventsNearInput!, $first: Int) { eventsNear(input: $i, first: $first) { __typename ... on ValidationError { fieldErrors { path } } } }',
      variables: { i: { postcode: 'LS6' }, first: 1000 },
    });
    expect(page.json.data).toEqual({ eventsNear: { __typename: 'ValidationError', fieldErrors: [{ path: ['first'] }] } });
  });
});

describe('CSRF protection for cookie sign-in', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  test('simple requests (GET, form or text/plain POSTs) without the CSRF header are refused and change nothing', async () => {
    const member = await signedUp(api.url);
    const cookie = member.cookie!;
    const get = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ me { id } }')}`, { headers: { cookie } });
    expect(get.status).toBe(403);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { cookie, 'content-type': type },
        body: JSON.stringify({ query: 'mutation { signOut }' }),
      });
      expect(res.status).toBe(403);
    }
    // Still signed in: the forged sign-out did nothing.
    expect((await member.gql('{ me { id } }')).data.me).not.toBeNull();
    // The web client's requests (JSON, with the header) and JSON from other tools work.
    const withHeader = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ me { id } }')}`, { headers: { cookie, ...CSRF } });
    expect(withHeader.status).toBe(200);
  });

  test('cross-site origins get no CORS grant, so browsers never send them a preflighted request', async () => {
    const preflight = await fetch(`${api.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
    const own = await fetch(`${api.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(own.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });
});

describe('security headers, masking and introspection', () => {
  let dev: RunningApi;
  let prod: RunningApi;
  beforeAll(async () => {
    dev = await startTestApi();
    prod = await startTestApi({ production: true });
  });
  afterAll(async () => {
    await dev.close();
    await prod.close();
  });

  test('responses carry security headers', async () => {
    const { res } = await post(prod.url, { query: '{ __typename }' });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect((await fetch(`${dev.url}/health`)).headers.get('x-content-type-options')).toBe('nosniff');
  });

  test('introspection and field suggestions are off in production, on in development', async () => {
    const introspect = { query: '{ __schema { types { name } } }' };
    expect(messages((await post(prod.url, introspect)).json)).toMatch(/introspection/i);
    expect((await post(dev.url, introspect)).json.errors).toBeUndefined();
    expect(messages((await post(prod.url, { query: '{ regoins { id } }' })).json)).not.toMatch(/did you mean/i);
    expect(messages((await post(dev.url, { query: '{ regoins { id } }' })).json)).toMatch(/did you mean/i);
  });

  test('in production an internal failure reaches the client as a bare "Unexpected error", no stack or cause', async () => {
    // An API on a database that was never migrated: every query fails internally ("table does not exist").
    const empty = await freshDatabase(inject('adminUrl'), 'unmigrated');
    const broken = createPrisma(empty.url);
    const server = createApp(broken, { ...loadConfig(), production: true, rateLimits: DEFAULT_RATE_LIMITS }, await createLive()).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const { res, text } = await post(url, { query: '{ regions { id } }' });
      expect(res.status).toBeLessThan(600);
      expect(text).toMatch(/Unexpected error/);
      expect(text).not.toMatch(/does not exist|prisma|at .*\.ts|stack/i);
    } finally {
      server.close();
      await broken.$disconnect();
      await empty.drop();
    }
  });
});

describe('rate limits', () => {
  let api: RunningApi;
  const limits: RateLimitConfig = {
    ...DEFAULT_RATE_LIMITS,
    ipPerMinute: 8,
    accountPerMinute: 5,
    signInPerIp: 6,
    signInPerEmailIp: 3,
    signInPerEmail: 5,
    signUpPerIp: 3,
    signUpPerEmail: 2,
    passwordChecksPerAccount: 3,
    passwordResetPerIp: 3,
    passwordResetPerEmail: 2,
  };
  beforeAll(async () => {
    api = await startTestApi({ rateLimits: limits });
  });
  afterAll(() => api.close());

  // Requests from "different networks": the API trusts X-Forwarded-For from the loopback proxy only.
  let n = 0;
  const fromNewIp = () => ({ 'x-forwarded-for': `203.0.113.${++n}` });
  const signInAs = (email: string, password: string, ip: Record<string, string>) =>
    post(api.url, { query: 'mutation($i: SignInInput!) { signIn(input: $i) { __typename } }', variables: { i: { email, password } } }, ip);
  const newSession = (res: Response) => res.headers.getSetCookie().some((c) => c.startsWith('rp_session=') && !c.startsWith('rp_session=;'));

  test('per IP: 429 with Retry-After once over the limit; other IPs are unaffected', async () => {
    const ip = fromNewIp();
    const statuses = [];
    for (let i = 0; i < limits.ipPerMinute + 2; i++) statuses.push((await post(api.url, { query: '{ __typename }' }, ip)).res.status);
    expect(statuses.slice(0, limits.ipPerMinute)).toEqual(Array(limits.ipPerMinute).fill(200));
    const refused = await post(api.url, { query: '{ __typename }' }, ip);
    expect(refused.res.status).toBe(429);
    expect(Number(refused.res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.json.errors?.[0]?.message).toMatch(/Too many requests.*try again in \d+ seconds/);
    expect((await post(api.url, { query: '{ __typename }' }, fromNewIp())).res.status).toBe(200);
  });

  test('per account: one account spread over many IPs is still limited', async () => {
    const member = await signedUp(api.url, {}, fromNewIp());
    const statuses = [];
    for (let i = 0; i < limits.accountPerMinute + 1; i++) {
      statuses.push((await post(api.url, { query: '{ me { id } }' }, { cookie: member.cookie!, ...fromNewIp() })).res.status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 200)).toHaveLength(limits.accountPerMinute);
  });

  test('sign-in guesses from one network lock out that network only: the member still signs in from another', async () => {
    const member = await signedUp(api.url, {}, fromNewIp());
    const attacker = fromNewIp();
    for (let i = 0; i < limits.signInPerEmailIp; i++) {
      expect((await signInAs(member.email, 'wrong password!', attacker)).json.data?.signIn).toEqual({ __typename: 'AuthenticationError' });
    }
    const refused = await signInAs(member.email, PASSWORD, attacker);
    expect(refused.res.status).toBe(429);
    expect(refused.res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.json.errors?.[0]?.message).toMatch(/Too many sign-in attempts for this account from your network; try again in \d+ minutes/);
    expect(newSession(refused.res)).toBe(false);
    // The real member, elsewhere, is not locked out.
    const ok = await signInAs(member.email, PASSWORD, fromNewIp());
    expect(ok.json.data?.signIn).toEqual({ __typename: 'MutationSignInSuccess' });
    expect(newSession(ok.res)).toBe(true);
  });

  test('sign-in guesses spread over many networks are bounded per email address', async () => {
    const member = await signedUp(api.url, {}, fromNewIp());
    for (let i = 0; i < limits.signInPerEmail; i++) {
      expect((await signInAs(member.email, 'wrong password!', fromNewIp())).json.data?.signIn).toEqual({ __typename: 'AuthenticationError' });
    }
    const refused = await signInAs(member.email, PASSWORD, fromNewIp());
    expect(refused.res.status).toBe(429);
    expect(refused.json.errors?.[0]?.message).toMatch(/Too many sign-in attempts for this account; try again in \d+ minutes/);
    expect(newSession(refused.res)).toBe(false);
  });

  test('sign-in and sign-up per IP are far stricter than ordinary traffic', async () => {
    expect(DEFAULT_RATE_LIMITS.signInPerIp).toBeLessThan(DEFAULT_RATE_LIMITS.ipPerMinute / 10);
    const ip = fromNewIp();
    const stamp = Date.now();
    const signUp = (i: number) =>
      post(api.url, { query: SIGN_UP, variables: { input: { email: `ip-${stamp}-${i}@example.org`, password: PASSWORD, firstName: 'A', lastName: 'B' } } }, ip);
    for (let i = 1; i <= limits.signUpPerIp; i++) expect((await signUp(i)).res.status).toBe(200);
    const refused = await signUp(99);
    expect(refused.res.status).toBe(429);
    expect(refused.json.errors?.[0]?.message).toMatch(/Too many sign-ups from your network/);
    expect(await api.prisma.user.count({ where: { email: { startsWith: `ip-${stamp}-` } } })).toBe(limits.signUpPerIp);

    const ip2 = fromNewIp();
    let k = 0;
    const signIn = () =>
      post(api.url, { query: `mutation { signIn(input: { email: "x${++k}@example.org", password: "whatever1" }) { __typename } }` }, ip2);
    const statuses = [];
    for (let i = 0; i < limits.signInPerIp + 1; i++) statuses.push((await signIn()).res.status);
    expect(statuses.at(-1)).toBe(429);
  });

  test('sign-ups for one address are limited, so nobody can flood an inbox with confirmation e-mails', async () => {
    const email = `flood-${Date.now()}@example.org`;
    const signUp = () =>
      post(api.url, { query: SIGN_UP, variables: { input: { email, password: PASSWORD, firstName: 'A', lastName: 'B' } } }, fromNewIp());
    for (let i = 0; i < limits.signUpPerEmail; i++) expect((await signUp()).res.status).toBe(200);
    const refused = await signUp();
    expect(refused.res.status).toBe(429);
    expect(refused.json.errors?.[0]?.message).toMatch(/Too many sign-ups for this address/);
    // One account, and one confirmation link per sign-up let through, of which only the newest works.
    expect(await api.prisma.accountToken.count({ where: { user: { email }, purpose: 'VERIFY_EMAIL' } })).toBe(limits.signUpPerEmail);
    expect(await api.prisma.accountToken.count({ where: { user: { email }, purpose: 'VERIFY_EMAIL', usedAt: null } })).toBe(1);
  });

  test('new confirmation links asked for while signed in count with the sign-ups for that address', async () => {
    // An unconfirmed account, signed in with its password (as whoever made it can).
    const email = `resend-${Date.now()}@example.org`;
    expect((await post(api.url, { query: SIGN_UP, variables: { input: { email, password: PASSWORD, firstName: 'A', lastName: 'B' } } }, fromNewIp())).res.status).toBe(200);
    const signIn = await signInAs(email, PASSWORD, fromNewIp());
    const cookie = signIn.res.headers.getSetCookie().find((c) => c.startsWith('rp_session='))!.split(';')[0]!;
    const resend = () => post(api.url, { query: 'mutation { resendVerification { __typename } }' }, { cookie, ...fromNewIp() });
    for (let i = 1; i < limits.signUpPerEmail; i++) {
      expect((await resend()).json.data?.resendVerification).toEqual({ __typename: 'MutationResendVerificationSuccess' });
    }
    const refused = await resend();
    expect(refused.res.status).toBe(429);
    expect(refused.json.errors?.[0]?.message).toMatch(/Too many confirmation e-mails for this address/);
    expect(await api.prisma.accountToken.count({ where: { user: { email }, purpose: 'VERIFY_EMAIL' } })).toBe(limits.signUpPerEmail);
    expect(await api.prisma.accountToken.count({ where: { user: { email }, purpose: 'VERIFY_EMAIL', usedAt: null } })).toBe(1);
  });

  test('password guesses through a confirmation link count with the sign-in limits for that address, and leave the link unused', async () => {
    const email = `confirm-guess-${Date.now()}@example.org`;
    expect((await post(api.url, { query: SIGN_UP, variables: { input: { email, password: PASSWORD, firstName: 'A', lastName: 'B' } } }, fromNewIp())).res.status).toBe(200);
    const token = confirmationToken(await waitForMail(email, { test: (m) => /confirm/i.test(m.subject ?? '') }));
    const CONFIRM = 'mutation($t: String!, $p: String) { confirmSignUp(token: $t, password: $p) { __typename } }';
    const confirm = (password: string, ip: Record<string, string>) => post(api.url, { query: CONFIRM, variables: { t: token, p: password } }, ip);

    // From one network: as many guesses as sign-in allows there, then 429 even for the right password.
    const attacker = fromNewIp();
    for (let i = 0; i < limits.signInPerEmailIp; i++) {
      expect((await confirm(`guess number ${i}!`, attacker)).json.data?.confirmSignUp).toEqual({ __typename: 'ValidationError' });
    }
    const refused = await confirm(PASSWORD, attacker);
    expect(refused.res.status).toBe(429);
    expect(refused.json.errors?.[0]?.message).toMatch(/Too many sign-in attempts for this account from your network; try again in \d+ minutes/);
    expect(newSession(refused.res)).toBe(false);

    // The guesses count with sign-ins for the address: together, bounded per address over every network.
    for (let i = limits.signInPerEmailIp; i < limits.signInPerEmail; i++) {
      expect((await signInAs(email, 'wrong password!', fromNewIp())).json.data?.signIn).toEqual({ __typename: 'AuthenticationError' });
    }
    const spread = await confirm(PASSWORD, fromNewIp());
    expect(spread.res.status).toBe(429);
    expect(spread.json.errors?.[0]?.message).toMatch(/Too many sign-in attempts for this account; try again in \d+ minutes/);
    expect(newSession(spread.res)).toBe(false);

    // Nothing changed: still unconfirmed, the link unused.
    expect((await api.prisma.user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).toBeNull();
    expect(await api.prisma.accountToken.count({ where: { user: { email }, purpose: 'VERIFY_EMAIL', usedAt: null } })).toBe(1);
  });

  test('password-reset requests are limited per network and per address (429), so nobody can flood an inbox', async () => {
    const RESET = 'mutation($i: PasswordResetRequestInput!) { requestPasswordReset(input: $i) { __typename } }';
    const ask = (email: string, ip: Record<string, string>) => post(api.url, { query: RESET, variables: { i: { email } } }, ip);
    const resetLinks = (email: string) => api.prisma.accountToken.count({ where: { user: { email }, purpose: 'RESET_PASSWORD' } });

    // Per address, from many networks.
    const member = await signedUp(api.url, {}, fromNewIp());
    for (let i = 0; i < limits.passwordResetPerEmail; i++) {
      expect((await ask(member.email, fromNewIp())).json.data?.requestPasswordReset).toEqual({ __typename: 'MutationRequestPasswordResetSuccess' });
    }
    const refused = await ask(member.email.toUpperCase(), fromNewIp());
    expect(refused.res.status).toBe(429);
    expect(Number(refused.res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.json.errors?.[0]?.message).toMatch(/Too many password-reset requests for this address; check your inbox; try again in \d+ minutes/);
    expect(await resetLinks(member.email)).toBe(limits.passwordResetPerEmail);

    // Per network, whatever the addresses (known or not: the same answer).
    const ip = fromNewIp();
    const stamp = Date.now();
    for (let i = 0; i < limits.passwordResetPerIp; i++) {
      expect((await ask(`reset-${stamp}-${i}@example.org`, ip)).res.status).toBe(200);
    }
    const other = await signedUp(api.url, {}, fromNewIp());
    const fromNetwork = await ask(other.email, ip);
    expect(fromNetwork.res.status).toBe(429);
    expect(fromNetwork.json.errors?.[0]?.message).toMatch(/Too many password-reset requests from your network/);
    expect(await resetLinks(other.email)).toBe(0);
    // Another network may still ask for that address.
    expect((await ask(other.email, fromNewIp())).res.status).toBe(200);
    expect(await resetLinks(other.email)).toBe(1);
  });

  test('a successful sign-in clears the count for that address', async () => {
    const member = await signedUp(api.url, {}, fromNewIp());
    const ip = fromNewIp();
    const attempt = async (password: string) => (await signInAs(member.email, password, ip)).json.data?.signIn;
    expect(await attempt('wrong password!')).toEqual({ __typename: 'AuthenticationError' });
    expect(await attempt('wrong password!')).toEqual({ __typename: 'AuthenticationError' });
    expect(await attempt(PASSWORD)).toEqual({ __typename: 'MutationSignInSuccess' });
    for (let i = 0; i < limits.signInPerEmailIp; i++) expect(await attempt('wrong password!')).toEqual({ __typename: 'AuthenticationError' });
  });

  test('password guesses from a stolen session (deleting the account) are bounded, and the account survives', async () => {
    const member = await signedUp(api.url, {}, fromNewIp());
    const DELETE = 'mutation($p: String!) { deleteAccount(password: $p) { __typename ... on Error { message } } }';
    const guess = (password: string) => post(api.url, { query: DELETE, variables: { p: password } }, { cookie: member.cookie!, ...fromNewIp() });
    for (let i = 0; i < limits.passwordChecksPerAccount; i++) {
      expect((await guess(`guess number ${i}!`)).json.data?.deleteAccount).toMatchObject({ __typename: 'ValidationError' });
    }
    const refused = await guess(PASSWORD);
    expect(refused.res.status).toBe(429);
    expect(refused.json.errors?.[0]?.message).toMatch(/Too many password attempts; try again in \d+ minutes/);
    const user = await api.prisma.user.findUniqueOrThrow({ where: { id: uuidOf(member.userId) } });
    expect(user.deletedAt).toBeNull();
    expect(user.email).toBe(member.email);
  });
});
