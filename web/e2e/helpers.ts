import { randomBytes } from 'node:crypto';
import { startOfLondonDay } from '@rallypoint/shared';
import { type APIRequestContext, type Locator, type Page, request } from 'playwright-core';
import { expect, inject } from 'vitest';
import { confirmationToken, waitForMail } from '../../api/test/mail-catcher.ts';
import { seriousA11yViolations } from './browser.ts';

export const PASSWORD = 'e2e-correct-horse-battery';

/** A short random suffix so names, emails and titles are unique per run. */
export const uid = (): string => randomBytes(4).toString('hex');

export interface Person {
  firstName: string;
  lastName: string;
  email: string;
  password: string;
}

export function newPerson(firstName: string): Person {
  const s = uid();
  return { firstName, lastName: `Tester${s}`, email: `${firstName.toLowerCase()}-${s}@e2e.example`, password: PASSWORD };
}

/** "Jane T." as other members see a person. */
export const displayName = (p: Person): string => `${p.firstName} ${p.lastName.charAt(0)}.`;

// ---------------------------------------------------------------------------------------------------------------
// The API, for setting up state that is not under test (another member's event, someone filling its last place).
// `context.request` shares cookies with a browser context; `apiSession()` is a person without a browser.
// ---------------------------------------------------------------------------------------------------------------

/** A person without a browser: their own cookie jar, talking to the API directly. */
export function apiSession(): Promise<APIRequestContext> {
  return request.newContext({ baseURL: inject('apiUrl') });
}

export async function gql<T = Record<string, unknown>>(
  req: APIRequestContext,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const res = await req.post('/graphql', {
    data: { query, variables },
    headers: { 'content-type': 'application/json', 'x-graphql-yoga-csrf': 'rallypoint' },
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (!res.ok() || body.errors?.length) throw new Error(`GraphQL ${res.status()}: ${JSON.stringify(body.errors ?? body)}`);
  return body.data as T;
}

type Union = { __typename: string; message?: string; fieldErrors?: unknown; data?: unknown };

function unwrap<T>(op: string, result: Union): T {
  if (!result.__typename.endsWith('Success')) {
    throw new Error(`${op} failed: ${result.__typename} ${result.message} ${JSON.stringify(result.fieldErrors ?? '')}`);
  }
  return result.data as T;
}

const ERRORS = '... on Error { __typename message } ... on ValidationError { fieldErrors { path message } }';

// ---------------------------------------------------------------------------------------------------------------
// E-mail: the API sends through SMTP to the mail catcher global-setup.ts starts, which writes one file per message.
// ---------------------------------------------------------------------------------------------------------------

const CONFIRM_SUBJECT = 'Confirm your Rallypoint account';

/**
 * Waits for the sign-up confirmation e-mail to `email` and returns the link in it (as sent: on the web app's
 * origin). `notToken` skips links already seen, to wait for the next one.
 */
export async function confirmationLink(email: string, notToken?: string | string[]): Promise<string> {
  const seen = [notToken ?? []].flat();
  const mail = await waitForMail(email, {
    dir: inject('mailDir'),
    test: (m) => m.subject === CONFIRM_SUBJECT && !seen.includes(confirmationToken(m)),
  });
  const link = /https?:\/\/\S+\/signup\/confirm\?token=[A-Za-z0-9_-]+/.exec(mail.text ?? '')?.[0];
  if (!link) throw new Error(`No confirmation link in the e-mail to ${email}:\n${mail.text}`);
  return link;
}

/** Waits for a password-reset e-mail to `email` (skipping links in `seen`) and returns its link, on the web app's origin. */
export async function resetLink(email: string, seen: string[] = []): Promise<string> {
  const linkIn = (m: { text?: string | undefined }) => /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/.exec(m.text ?? '')?.[0] ?? '';
  const mail = await waitForMail(email, {
    dir: inject('mailDir'),
    test: (m) => m.subject === 'Reset your Rallypoint password' && !seen.includes(linkIn(m)),
  });
  const link = linkIn(mail);
  if (!link) throw new Error(`No reset link in the e-mail to ${email}:\n${mail.text}`);
  return link;
}

/**
 * Waits for an e-mail of `kind` (its X-Rallypoint-Kind) to `email` and returns its footer's unsubscribe link (on the
 * web app's origin) and its List-Unsubscribe address (the one-click POST target).
 */
export async function unsubscribeLinks(email: string, kind: string): Promise<{ page: string; oneClick: string }> {
  const mail = await waitForMail(email, { dir: inject('mailDir'), test: (m) => m.headers.get('x-rallypoint-kind') === kind });
  const page = /https?:\/\/[^\s"<>\]]+\/unsubscribe\?token=[A-Za-z0-9_.%-]+/.exec(mail.text ?? '')?.[0];
  const header = mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
  const oneClick = /<(https?:\/\/[^>]+)>/.exec(header.replace(/\r?\n[ \t]+/g, ' '))?.[1];
  if (!page || !oneClick) throw new Error(`No unsubscribe link in the ${kind} e-mail to ${email}:\n${header}\n${mail.text}`);
  return { page, oneClick };
}

/** The token in a confirmation link. */
export const tokenOf = (link: string): string => new URL(link).searchParams.get('token') ?? '';

/**
 * Signs a new member up through the API as the app does: sign up, read the e-mailed link, confirm it (with the
 * password chosen at sign-up) with the same request context (so it keeps the session cookie: a browser context's
 * `request` signs that browser in). Returns the member's id.
 */
export async function signUpApi(req: APIRequestContext, person: Person, homePostcode: string | null = null): Promise<string> {
  const started = await gql<{ signUp: Union }>(
    req,
    `mutation ($input: SignUpInput!) { signUp(input: $input) { __typename ... on MutationSignUpSuccess { data { email } } ${ERRORS} } }`,
    { input: { ...person, homePostcode } },
  );
  unwrap('signUp', started.signUp);
  const token = tokenOf(await confirmationLink(person.email));
  const data = await gql<{ confirmSignUp: Union }>(
    req,
    `mutation ($token: String!, $password: String) { confirmSignUp(token: $token, password: $password) { __typename ... on MutationConfirmSignUpSuccess { data { id } } ${ERRORS} } }`,
    { token, password: person.password },
  );
  return unwrap<{ id: string }>('confirmSignUp', data.confirmSignUp).id;
}

export async function signInApi(req: APIRequestContext, email: string, password: string): Promise<void> {
  const data = await gql<{ signIn: Union }>(
    req,
    `mutation ($input: SignInInput!) { signIn(input: $input) { __typename ... on MutationSignInSuccess { data { id } } ${ERRORS} } }`,
    { input: { email, password } },
  );
  unwrap('signIn', data.signIn);
}

export interface EventSpec {
  title: string;
  postcode: string;
  kind?: string;
  capacity?: number | null;
  addressVisibility?: 'PUBLIC' | 'ATTENDEES';
  address?: string;
  venueName?: string;
  /** Days from now (on the hour, see startOnTheHour; two hours long). */
  inDays?: number;
  /** Exact times instead. */
  startsAt?: Date;
  endsAt?: Date;
}

/**
 * `days` from now, on the hour, but never in the first hour of a London day: the flows that use it expect lifts to
 * leave on the event's own day, and for a start at midnight they would leave the evening before (the tests run at
 * any hour; lift-departure.e2e.ts covers the small hours).
 */
export function startOnTheHour(days: number): Date {
  const start = new Date(Date.now() + days * 86_400_000);
  start.setUTCMinutes(0, 0, 0);
  if (start.getTime() - startOfLondonDay(start).getTime() < 3_600_000) start.setTime(start.getTime() + 3_600_000);
  return start;
}

export async function createEventApi(req: APIRequestContext, spec: EventSpec): Promise<string> {
  const start = spec.startsAt ?? startOnTheHour(spec.inDays ?? 3);
  const input = {
    kind: spec.kind ?? 'MEETING',
    title: spec.title,
    description: 'Created by the browser tests.',
    startsAt: start.toISOString(),
    endsAt: (spec.endsAt ?? new Date(start.getTime() + 2 * 3_600_000)).toISOString(),
    venueName: spec.venueName ?? 'Community hall',
    address: spec.address ?? '1 Test Street',
    postcode: spec.postcode,
    location: null,
    capacity: spec.capacity ?? null,
    constituencyCode: null,
    visibility: 'PUBLIC',
    addressVisibility: spec.addressVisibility ?? 'PUBLIC',
  };
  const data = await gql<{ createEvent: Union }>(
    req,
    `mutation ($input: EventInput!) { createEvent(input: $input, publish: true) { __typename ... on MutationCreateEventSuccess { data { id } } ${ERRORS} } }`,
    { input },
  );
  return unwrap<{ id: string }>('createEvent', data.createEvent).id;
}

/** A lift departure for an event starting at `startsAt`: an hour before, but never before its day (UK time), as the API requires. */
export function departureFor(startsAt: string | Date): string {
  const start = new Date(startsAt);
  return new Date(Math.max(start.getTime() - 3_600_000, startOfLondonDay(start).getTime())).toISOString();
}

export async function rsvpApi(req: APIRequestContext, eventId: string): Promise<string> {
  const data = await gql<{ rsvp: Union }>(
    req,
    `mutation ($id: ID!) { rsvp(eventId: $id) { __typename ... on MutationRsvpSuccess { data { status } } ${ERRORS} } }`,
    { id: eventId },
  );
  return unwrap<{ status: string }>('rsvp', data.rsvp).status;
}

// ---------------------------------------------------------------------------------------------------------------
// The UI
// ---------------------------------------------------------------------------------------------------------------

/** After following a link to a (possibly lazy-loaded) page: its URL, then its main heading. */
export async function arriveAt(page: Page, url: Parameters<Page['waitForURL']>[0], heading: string | RegExp): Promise<Locator> {
  await page.waitForURL(url);
  const h1 = page.getByRole('heading', { level: 1, name: heading });
  await h1.waitFor();
  return h1;
}

/** Fills in and sends the sign-up form (on /signup), up to "Check your inbox": not signed in yet. */
export async function signUpViaUi(page: Page, person: Person, homePostcode: string): Promise<void> {
  await page.getByLabel('First name').fill(person.firstName);
  await page.getByLabel('Last name').fill(person.lastName);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByLabel('Home postcode').fill(homePostcode);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('status').getByRole('heading', { level: 1, name: 'Check your inbox' }).waitFor();
}

/**
 * Opens the link from the sign-up e-mail in the page (signed out), enters the password chosen at sign-up and presses
 * "Confirm my address": signed in, welcomed. Returns the link (used up now).
 */
export async function confirmSignUpViaUi(page: Page, person: Person): Promise<string> {
  const link = await confirmationLink(person.email);
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Confirm your address' }).waitFor();
  await page.getByLabel('Your password').fill(person.password);
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await page.getByRole('status').filter({ hasText: `Welcome to Rallypoint, ${person.firstName}.` }).waitFor();
  return link;
}

export async function signInViaUi(page: Page, person: Pick<Person, 'email' | 'password'>): Promise<void> {
  await page.goto('/signin');
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('status').filter({ hasText: 'Signed in as' }).waitFor();
}

/** The list half of the "events near" page. */
export const nearList = (page: Page): Locator => page.getByRole('region', { name: /^Events within \d+ km$/ });

/** The map's canvas (MapLibre gives it role=region and the label the page passes). */
export const nearMap = (page: Page): Locator => page.getByRole('region', { name: /^Map of events near / });

/**
 * Waits until the near page is usable: the map canvas visible and the list rendered. Returns ms since the
 * document's navigation start (meaningful after a full page load).
 */
export async function waitForNearReady(page: Page): Promise<number> {
  await Promise.all([
    page.locator('[data-testid="map"] canvas').first().waitFor({ state: 'visible' }),
    nearList(page).getByRole('listitem').first().waitFor({ state: 'visible' }),
  ]);
  return page.evaluate(() => performance.now());
}

/** Distances shown on the cards of the near list, in order ("· 1.2 km away"). */
export async function listedDistancesKm(page: Page): Promise<number[]> {
  const texts = await nearList(page).getByRole('listitem').allInnerTexts();
  return texts.map((t) => {
    const m = /([\d.]+) km away/.exec(t);
    if (!m) throw new Error(`no distance on card: ${t}`);
    return Number(m[1]);
  });
}

/** Asserts axe finds nothing serious/critical, printing the details when it does. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await seriousA11yViolations(page);
  if (violations.length > 0) console.log(`axe on ${what}:\n${JSON.stringify(violations, null, 2)}`);
  expect(violations, what).toEqual([]);
}

/** Whether a request body runs `operation` (the app names it and sends its hash, not its text). */
export function sendsOperation(body: string | null, operation: string): boolean {
  return (body ?? '').includes(`"operationName":${JSON.stringify(operation)}`);
}

/** Records CreateEvent requests the page sends (to prove a failed client-side validation sent nothing). */
export function countMutations(page: Page, operation: string): () => number {
  let n = 0;
  page.on('request', (r) => {
    if (r.url().endsWith('/graphql') && r.method() === 'POST' && sendsOperation(r.postData(), operation)) n++;
  });
  return () => n;
}

/** Text referenced by an element's aria-describedby. */
export function describedByText(field: Locator): Promise<string> {
  return field.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}
