import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { readPlaces } from '@rallypoint/prisma/seed';
import { distanceKm } from '@rallypoint/shared';
import { hashToken, newToken } from '../src/accounts/sessions.ts';
import type { Config } from '../src/config.ts';
import { confirmationToken, waitForMail } from './mail-catcher.ts';
import { scaledRateLimits } from '../src/security/rate-limits.ts';
import { documentHash } from '../src/security/trusted-documents.ts';
import { type RunningApi, startApi } from '../src/server.ts';
import { testDatabaseUrl } from './db-utils.ts';

/** The suites sign up hundreds of members from one IP: rate limits are raised here and tested in rate-limits.test.ts. */
export async function startTestApi(overrides: Partial<Config> = {}, databaseUrl: string = testDatabaseUrl()): Promise<RunningApi> {
  return startApi(databaseUrl, {
    port: 0,
    host: '127.0.0.1',
    publicUrl: 'http://localhost:5173',
    rateLimits: scaledRateLimits(1000),
    // Redis-backed state is tested explicitly (live.test.ts); elsewhere counters must not outlive a run.
    redisUrl: null,
    ...overrides,
  });
}

/**
 * The API for one test file: started before its tests and closed after them. The result stands for the running API
 * once started (reading it earlier throws).
 */
export function useTestApi(overrides: Partial<Config> = {}): RunningApi {
  let running: RunningApi | undefined;
  beforeAll(async () => {
    running = await startTestApi(overrides);
  });
  afterAll(() => running?.close());
  return new Proxy({} as RunningApi, {
    get(_, key) {
      if (!running) throw new Error('useTestApi: the API starts in beforeAll');
      return running[key as keyof RunningApi];
    },
  });
}

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[] }[];
}

/** A request that names a trusted document by its hash instead of sending the text, as the web app does. */
export const byHash = (query: string, variables: Record<string, unknown> = {}) => ({
  variables,
  extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(query) } },
});

/** Writes a trusted documents manifest as the web build does (hash → text), listing `queries` besides `base`. */
export function writeManifest(file: string, queries: string[], base: Record<string, string> = {}): string {
  writeFileSync(file, JSON.stringify({ ...base, ...Object.fromEntries(queries.map((q) => [documentHash(q), q])) }));
  return file;
}

/** A browser-like GraphQL client: real HTTP, keeps its session cookie. */
export class Client {
  cookie: string | undefined;
  /** Sent with every request (e.g. an X-Forwarded-For standing for another network). */
  headers: Record<string, string> = {};
  /** Send each document's hash instead of its text (the server must list it). */
  byHash = false;
  constructor(readonly baseUrl: string) {}

  async raw(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.headers, ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
      body: JSON.stringify(body),
    });
  }

  // biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON
  async gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<GqlResponse<T>> {
    const res = await this.raw(this.byHash ? byHash(query, variables) : { query, variables });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('rp_session='));
    if (setCookie) {
      const value = setCookie.split(';')[0]!;
      this.cookie = value === 'rp_session=' ? undefined : value;
    }
    const json = (await res.json()) as Omit<GqlResponse<T>, 'status'>;
    return { status: res.status, ...json };
  }

  get(pathname: string): Promise<Response> {
    return fetch(`${this.baseUrl}${pathname}`, { headers: this.cookie ? { cookie: this.cookie } : {} });
  }
}

export const PASSWORD = 'correct horse battery';

export const SIGN_UP = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      __typename
      ... on MutationSignUpSuccess { data { email message } }
      ... on Error { message }
      ... on ValidationError { message fieldErrors { path message } }
    }
  }
`;

export const CONFIRM_SIGN_UP = /* GraphQL */ `
  mutation Confirm($token: String!, $password: String) {
    confirmSignUp(token: $token, password: $password) {
      __typename
      ... on MutationConfirmSignUpSuccess { data { id email role displayName homeArea { label location { lat lng } } } }
      ... on Error { message }
    }
  }
`;

const LIFT_ERR = '... on Error { __typename message } ... on ValidationError { fieldErrors { path message } }';

/** Offering and asking for a lift, answering with the new row's id or the error. */
export const OFFER_LIFT = /* GraphQL */ `
  mutation Offer($eventId: ID!, $input: LiftOfferInput!) {
    offerLift(eventId: $eventId, input: $input) { __typename ... on MutationOfferLiftSuccess { data { id } } ${LIFT_ERR} }
  }
`;
export const REQUEST_LIFT = /* GraphQL */ `
  mutation Request($eventId: ID!, $input: LiftRequestInput!) {
    requestLift(eventId: $eventId, input: $input) { __typename ... on MutationRequestLiftSuccess { data { id } } ${LIFT_ERR} }
  }
`;

/**
 * Opens the confirmation link e-mailed to `email` as `client` with the password chosen at sign-up (PASSWORD unless
 * given), signing it in; returns the new Me.
 */
// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON
export async function confirmFromInbox(client: Client, email: string, password: string = PASSWORD): Promise<any> {
  const mail = await waitForMail(email, { test: (m) => /confirm/i.test(m.subject ?? '') });
  const res = await client.gql(CONFIRM_SIGN_UP, { token: confirmationToken(mail), password });
  const me = res.data?.confirmSignUp?.data;
  if (!me) throw new Error(`confirming the sign-up failed: ${JSON.stringify(res)}`);
  return me;
}

/** A new member, through the real path: sign up, the e-mailed link, signed in. */
export async function signedUp(
  baseUrl: string,
  overrides: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Client & { email: string; userId: string }> {
  const client = new Client(baseUrl);
  client.headers = headers;
  const email = String(overrides.email ?? `m-${randomUUID()}@example.org`);
  const res = await client.gql(SIGN_UP, {
    input: { email, password: PASSWORD, firstName: 'Test', lastName: 'Member', homePostcode: 'LS6 1AN', ...overrides },
  });
  if (res.data?.signUp?.__typename !== 'MutationSignUpSuccess') throw new Error(`sign-up failed: ${JSON.stringify(res)}`);
  const me = await confirmFromInbox(client, email, String(overrides.password ?? PASSWORD));
  return Object.assign(client, { email, userId: me.id as string });
}

export const EVENT_FIELDS = /* GraphQL */ `
  fragment EventFields on Event {
    id kind title status startsAt endsAt venueName address postcode addressHidden areaLabel
    location { lat lng } capacity goingCount placesLeft waitlistCount visibility addressVisibility
    viewerCanEdit organiser { displayName } region { id } myRsvp { status guests waitlistPosition }
  }
`;

export const CREATE_EVENT = /* GraphQL */ `
  mutation Create($input: EventInput!, $publish: Boolean) {
    createEvent(input: $input, publish: $publish) {
      __typename
      ... on MutationCreateEventSuccess { data { ...EventFields } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
  ${EVENT_FIELDS}
`;

export function eventInput(overrides: Record<string, unknown> = {}) {
  const start = new Date(Date.now() + 7 * 86_400_000);
  start.setUTCHours(10, 0, 0, 0);
  return {
    kind: 'MEETING',
    title: 'Branch meeting',
    description: 'Monthly branch meeting',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
    venueName: 'Community Hall',
    address: '1 High Street',
    postcode: 'LS6 1AN',
    ...overrides,
  };
}

/** A departure an hour before an event made from `eventInput()` (departures are on the event's day). */
export const departureFor = (startsAt: string = eventInput().startsAt) => new Date(Date.parse(startsAt) - 3_600_000).toISOString();

/** The postcode district whose centre is nearest a point (from the bundled data, as the seed loads it). */
export function nearestOutcodeTo(p: { lat: number; lng: number }): string {
  let best = { code: '', km: Number.POSITIVE_INFINITY };
  for (const o of readPlaces().outcodes) {
    const km = distanceKm(p, o);
    if (km < best.km) best = { code: o.code, km };
  }
  return best.code;
}

/**
 * Creates an event through the API. A pin without a postcode gets the district it is in, as the web form fills it
 * in (the API refuses a pin far from its postcode).
 */
// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON
export async function createEvent(client: Client, overrides: Record<string, unknown> = {}, publish = true): Promise<any> {
  const pin = overrides.location as { lat: number; lng: number } | undefined;
  const withPostcode = pin && overrides.postcode === undefined ? { ...overrides, postcode: nearestOutcodeTo(pin) } : overrides;
  const res = await client.gql(CREATE_EVENT, { input: eventInput(withPostcode), publish });
  const event = res.data?.createEvent?.data;
  if (!event) throw new Error(`createEvent failed: ${JSON.stringify(res)}`);
  return event;
}

/** The Relay global ID of a row, as the API encodes it ("Event:<uuid>" in base64). */
export function globalId(typename: string, id: string): string {
  return Buffer.from(`${typename}:${id}`).toString('base64');
}

/** The database id inside a Relay global ID. */
export function uuidOf(id: string): string {
  return Buffer.from(id, 'base64').toString('utf8').split(':').slice(1).join(':');
}

/** There is no API to grant roles: set them in the database (sessions read the role at every request). */
export async function grantRole(
  prisma: Db,
  userGlobalId: string,
  role: 'MEMBER' | 'ORGANISER' | 'ADMIN',
  regionIds: string[] = [],
): Promise<void> {
  const userId = uuidOf(userGlobalId);
  await prisma.user.update({ where: { id: userId }, data: { role } });
  if (regionIds.length) await prisma.organiserRegion.createMany({ data: regionIds.map((regionId) => ({ userId, regionId })) });
}

/** A short token, unique per test, to put in titles and search for, so other files' events never interfere. */
export function uniqueTag(): string {
  return `t${randomUUID().replace(/-/g, '').slice(0, 10)}`;
}

/**
 * Many members at once, for tests about something else (a burst of RSVPs): accounts and sessions are written
 * straight to the database, as a confirmed sign-up would leave them. Sign-up itself is tested through its real path.
 */
export async function manyMembers(api: { url: string; prisma: Db }, n: number): Promise<(Client & { email: string; userId: string })[]> {
  const rows = Array.from({ length: n }, () => ({ id: randomUUID(), email: `bulk-${randomUUID()}@example.org`, token: newToken() }));
  await api.prisma.user.createMany({
    data: rows.map((r) => ({ id: r.id, email: r.email, firstName: 'Bulk', lastName: 'Member', calendarToken: randomUUID().replace(/-/g, '').repeat(2), emailVerifiedAt: new Date() })),
  });
  await api.prisma.session.createMany({
    data: rows.map((r) => ({ userId: r.id, tokenHash: hashToken(r.token), expiresAt: new Date(Date.now() + 86_400_000) })),
  });
  return rows.map((r) => {
    const client = new Client(api.url);
    client.cookie = `rp_session=${r.token}`;
    return Object.assign(client, { email: r.email, userId: globalId('Person', r.id) });
  });
}

/**
 * E-mails waiting in the queue (single send-mail jobs and the items of batch jobs) whose `field` (key, userId,
 * template) matches the SQL LIKE `pattern`.
 */
export async function queuedMails(db: Pick<Db, '$queryRaw'>, field: 'key' | 'userId' | 'template', pattern: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM graphile_worker._private_jobs j
    JOIN graphile_worker._private_tasks t ON t.id = j.task_id AND t.identifier = 'send-mail',
    LATERAL json_array_elements(CASE WHEN json_typeof(j.payload) = 'array' THEN j.payload ELSE json_build_array(j.payload) END) m
    WHERE m->>${field} LIKE ${pattern}`;
  return row!.n;
}

/**
 * A signed link token (`body.signature`) with its signature's first character changed: always other bytes, where a
 * changed last character may only touch base64url's padding bits and decode to the same signature.
 */
export function withBadSignature(token: string): string {
  const [body, sig] = token.split('.') as [string, string];
  return `${body}.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
}
