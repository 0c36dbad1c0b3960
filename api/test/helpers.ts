import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { Db } from '../src/db/client.ts';
import type { Config } from '../src/config.ts';
import { scaledRateLimits } from '../src/security/rate-limits.ts';
import { type RunningApi, startApi } from '../src/server.ts';

/** The suites sign up hundreds of members from one IP: rate limits are raised here and tested in rate-limits.test.ts. */
export async function startTestApi(overrides: Partial<Config> = {}): Promise<RunningApi> {
  return startApi(inject('databaseUrl'), {
    port: 0,
    host: '127.0.0.1',
    publicUrl: 'http://localhost:5173',
    rateLimits: scaledRateLimits(1000),
    // Redis-backed state is tested explicitly (live.test.ts); elsewhere counters must not outlive a run.
    redisUrl: null,
    ...overrides,
  });
}

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[] }[];
}

/** A browser-like GraphQL client: real HTTP, keeps its session cookie. */
export class Client {
  cookie: string | undefined;
  constructor(readonly baseUrl: string) {}

  async raw(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
      body: JSON.stringify(body),
    });
  }

  // biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON
  async gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<GqlResponse<T>> {
    const res = await this.raw({ query, variables });
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
      ... on MutationSignUpSuccess { data { id email role displayName homeArea { label location { lat lng } } } }
      ... on ValidationError { message fieldErrors { path message } }
    }
  }
`;

export async function signedUp(baseUrl: string, overrides: Record<string, unknown> = {}): Promise<Client & { email: string; userId: string }> {
  const client = new Client(baseUrl);
  const email = `m-${randomUUID()}@example.org`;
  const res = await client.gql(SIGN_UP, {
    input: { email, password: PASSWORD, firstName: 'Test', lastName: 'Member', homePostcode: 'LS6 1AN', ...overrides },
  });
  const user = res.data?.signUp?.data;
  if (!user) throw new Error(`sign-up failed: ${JSON.stringify(res)}`);
  return Object.assign(client, { email, userId: user.id as string });
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

// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON
export async function createEvent(client: Client, overrides: Record<string, unknown> = {}, publish = true): Promise<any> {
  const res = await client.gql(CREATE_EVENT, { input: eventInput(overrides), publish });
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
