import { publicName } from '@rallypoint/shared';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { newBrowser } from './browser.ts';
import {
  apiSession,
  confirmationLink,
  createEventApi,
  expectAccessible,
  gql,
  nearList,
  nearMap,
  newPerson,
  rsvpApi,
  signInApi,
  signUpApi,
  signUpViaUi,
  unsubscribeLinks,
  waitForNearReady,
} from './helpers.ts';
import { remindedMember } from './reminder-mail.ts';

let signedOut: BrowserContext;
let signedIn: BrowserContext;
let phone: BrowserContext;
/** An upcoming event near LS6 (from the demo seed). */
let eventPath = '';

beforeAll(async () => {
  [signedOut, signedIn, phone] = await Promise.all([newBrowser(), newBrowser(), newBrowser({ width: 390, height: 844 })]);
  for (const b of [signedOut, signedIn, phone]) b.setDefaultTimeout(30_000);
  await signUpApi(signedIn.request, newPerson('Ash'), 'LS6 1AN');
  const near = await gql<{ eventsNear: { edges: { node: { id: string } }[] } }>(
    signedIn.request,
    `{ eventsNear(input: { postcode: "LS6 1AN", radiusKm: 25 }, first: 1) {
        ... on EventsNearConnection { edges { node { id } } } } }`,
  );
  const id = near.eventsNear.edges[0]?.node.id;
  if (!id) throw new Error('the demo seed has no event near LS6');
  eventPath = `/events/${encodeURIComponent(id)}`;
});
// Each page left open keeps its live stream (an HTTP/1.1 connection): Chromium allows six per host, after which a
// new page waits for one to close.
afterEach(async () => {
  await Promise.all([signedOut, signedIn, phone].flatMap((b) => b?.pages() ?? []).map((p) => p.close()));
});
afterAll(async () => {
  await Promise.all([signedOut?.close(), signedIn?.close(), phone?.close()]);
});

async function open(browser: BrowserContext, path: string, heading: string | RegExp): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(path);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  return page;
}

/** The near page with its map drawn (canvas, controls) and its list. */
async function openNear(browser: BrowserContext, path: string): Promise<Page> {
  const page = await open(browser, path, /^Events near /);
  await showMapOnPhone(page, nearList(page));
  await page.locator('[data-testid="map"] canvas').first().waitFor({ state: 'visible' });
  await nearMap(page).waitFor();
  await page.getByRole('button', { name: 'Zoom in' }).waitFor();
  return page;
}

/** Waits for the list; on a phone (list first, map behind a switch) then switches to the map. */
async function showMapOnPhone(page: Page, list: Locator): Promise<void> {
  await list.getByRole('listitem').first().waitFor();
  if ((page.viewportSize()?.width ?? 1280) < 960) await page.getByRole('button', { name: 'Map', exact: true }).click();
}

/** The nearest-marginals page with its map drawn and its list of seats. */
async function openMarginals(browser: BrowserContext, path: string): Promise<Page> {
  const page = await open(browser, path, /^Nearest marginal seats to /);
  await showMapOnPhone(page, page.getByRole('region', { name: 'Marginal seats, nearest first' }));
  await page.locator('[data-testid="map"] canvas').first().waitFor({ state: 'visible' });
  await page.getByRole('button', { name: 'Zoom in' }).waitFor();
  return page;
}

describe('axe: no serious or critical violations', () => {
  test('home', async () => {
    const page = await open(signedOut, '/', 'Find campaign events near you');
    await expectAccessible(page, 'home');
  });

  test('place search: suggestions open, at a phone viewport (390×844)', async () => {
    const page = await open(phone, '/', 'Find campaign events near you');
    await page.getByRole('combobox', { name: 'Your postcode or place' }).pressSequentially('Leeds', { delay: 30 });
    await page.getByRole('listbox', { name: 'Matching places' }).getByRole('option').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await expectAccessible(page, 'home: place suggestions (phone)');
  });

  test('place search: several places match', async () => {
    const page = await open(signedOut, '/near/Leeds', 'Find events near you');
    await page.getByRole('region', { name: 'Which place did you mean?' }).getByRole('link').first().waitFor();
    await expectAccessible(page, 'near: which place did you mean');
  });

  test('events near a postcode, with the map', async () => {
    const page = await openNear(signedOut, '/near/LS61AN');
    await expectAccessible(page, 'near LS6 1AN');
  });

  test('nearest marginal seats, with the map', async () => {
    const page = await openMarginals(signedOut, '/marginals/LS61AN');
    await expectAccessible(page, 'nearest marginals to LS6 1AN');
  });

  test('nearest marginal seats at a phone viewport (390×844)', async () => {
    const page = await openMarginals(phone, '/marginals/LS61AN');
    await expectAccessible(page, 'nearest marginals to LS6 1AN (phone)');
  });

  test('event page, signed out', async () => {
    const page = await signedOut.newPage();
    await page.goto(eventPath);
    await page.getByRole('link', { name: 'Sign in to sign up' }).waitFor();
    await page.locator('[data-testid="map"] canvas').waitFor();
    await expectAccessible(page, 'event page (signed out)');
  });

  test('event page, signed in', async () => {
    const page = await signedIn.newPage();
    await page.goto(eventPath);
    await page.getByRole('button', { name: /^(I'm going|Join the waitlist)$/ }).waitFor();
    await page.locator('[data-testid="map"] canvas').waitFor();
    await expectAccessible(page, 'event page (signed in)');
  });

  test('online event page (the demo phone bank), signed out', async () => {
    const found = await gql<{ onlineEvents: { edges: { node: { id: string } }[] } }>(
      signedOut.request,
      '{ onlineEvents(input: {}, first: 1) { ... on OnlineEventsConnection { edges { node { id } } } } }',
    );
    const id = found.onlineEvents.edges[0]?.node.id;
    if (!id) throw new Error('the demo seed has no online event');
    const page = await signedOut.newPage();
    await page.goto(`/events/${encodeURIComponent(id)}`);
    await page.getByText('The join link is shown to people going.').waitFor();
    await expectAccessible(page, 'online event page (signed out)');
  });

  test('events near a postcode with venue filters, and the online list', async () => {
    const page = await openNear(signedOut, '/near/LS61AN?hidefull=1');
    await page.getByRole('region', { name: 'Online events' }).getByRole('listitem').first().waitFor();
    await expectAccessible(page, 'near LS6 1AN with the online list');
  });

  test('create-event form, and after a failed submit', async () => {
    const page = await open(signedIn, '/events/new', 'Create an event');
    await expectAccessible(page, 'create-event form');
    await page.getByRole('button', { name: 'Create event' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'create-event form with errors');
  });

  test('sign in', async () => {
    const page = await open(signedOut, '/signin', 'Sign in');
    await expectAccessible(page, 'sign in');
  });

  test('sign up', async () => {
    const page = await open(signedOut, '/signup', 'Create an account');
    await expectAccessible(page, 'sign up');
  });

  test('sign up, sent: "Check your inbox"', async () => {
    const page = await open(signedOut, '/signup', 'Create an account');
    await signUpViaUi(page, newPerson('Axel'), 'LS6 1AN');
    await expectAccessible(page, 'sign up: check your inbox');
  });

  test('confirm sign-up: the page the e-mailed link opens (asking for the password), a wrong password, a link that did not work, and one without its token', async () => {
    const person = newPerson('Aoife');
    const signUp = await open(signedOut, '/signup', 'Create an account');
    await signUpViaUi(signUp, person, 'LS6 1AN');
    const page = await signedOut.newPage();
    await page.goto(await confirmationLink(person.email));
    await page.getByRole('button', { name: 'Confirm my address' }).waitFor();
    await expectAccessible(page, 'confirm sign-up');
    // A wrong password: the error on the field and in the summary.
    await page.getByLabel('Your password').fill('not the password at all');
    await page.getByRole('button', { name: 'Confirm my address' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Enter the password you chose when you signed up.' }).waitFor();
    await expectAccessible(page, 'confirm sign-up: a wrong password');

    await page.goto('/signup/confirm?token=not-a-real-token');
    await page.getByLabel('Your password').fill(person.password);
    await page.getByRole('button', { name: 'Confirm my address' }).click();
    await page.getByRole('heading', { name: 'This link did not work' }).waitFor();
    await expectAccessible(page, 'confirm sign-up: a link that did not work');

    await page.goto('/signup/confirm');
    await page.getByRole('heading', { name: 'This link is incomplete' }).waitFor();
    await expectAccessible(page, 'confirm sign-up: no token');
  });

  test('forgotten password: the form, with errors, and "check your inbox"', async () => {
    const page = await open(signedOut, '/forgot-password', 'Forgotten your password?');
    await expectAccessible(page, 'forgotten password');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'forgotten password with errors');
    await page.getByLabel('Email').fill(newPerson('Ayo').email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your inbox' }).waitFor();
    await expectAccessible(page, 'forgotten password: check your inbox');
  });

  test('choose a new password: the page the e-mailed link opens, with errors, a link that did not work, and one without its token', async () => {
    const page = await open(signedOut, '/reset-password?token=not-a-real-token', 'Choose a new password');
    await expectAccessible(page, 'reset password');
    await page.getByRole('button', { name: 'Set my new password' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'reset password with errors');
    await page.getByLabel('New password', { exact: true }).fill('a long enough password');
    await page.getByLabel('New password again').fill('a long enough password');
    await page.getByRole('button', { name: 'Set my new password' }).click();
    await page.getByRole('heading', { name: 'This link did not work' }).waitFor();
    await expectAccessible(page, 'reset password: a link that did not work');
    await page.goto('/reset-password');
    await page.getByRole('heading', { name: 'This link is incomplete' }).waitFor();
    await expectAccessible(page, 'reset password: no token');
  });

  test('my plans, before confirming the address: the notice and "Send the link again"', async () => {
    const unconfirmed = await newBrowser();
    try {
      const person = newPerson('Ula');
      const signUp = await unconfirmed.newPage();
      await signUp.goto('/signup');
      await signUpViaUi(signUp, person, 'LS6 1AN');
      await gql(unconfirmed.request, 'mutation($i: SignInInput!) { signIn(input: $i) { __typename } }', {
        i: { email: person.email, password: person.password },
      });
      const page = await open(unconfirmed, '/plans', 'My plans');
      const notice = page.getByRole('region', { name: 'Confirm your e-mail address' });
      await notice.getByRole('button', { name: 'Send the link again' }).click();
      await notice.getByRole('status').filter({ hasText: 'We have sent a new link' }).waitFor();
      await expectAccessible(page, 'my plans: address not confirmed');
    } finally {
      await unconfirmed.close();
    }
  });

  test('my plans', async () => {
    const page = await open(signedIn, '/plans', 'My plans');
    await page.getByRole('heading', { name: "Events I'm going to" }).waitFor();
    await expectAccessible(page, 'my plans');
  });

  test('my plans: a new calendar link shown, and "sign out everywhere" asking to confirm', async () => {
    const page = await open(signedIn, '/plans', 'My plans');
    await page.getByRole('button', { name: 'Get a new calendar link' }).click();
    await page.getByRole('status').filter({ hasText: 'Here is your new calendar link' }).waitFor();
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('button', { name: 'Yes, sign out everywhere' }).waitFor();
    await expectAccessible(page, 'my plans: new calendar link, sign out everywhere confirm step');
    // Stay signed in: the other tests use this browser.
    await page.getByRole('button', { name: 'No, stay signed in' }).click();
  });

  test('e-mail notifications', async () => {
    const page = await open(signedIn, '/account/notifications', 'E-mail notifications');
    await page.getByRole('checkbox', { name: 'Bookings', exact: true }).waitFor();
    await expectAccessible(page, 'e-mail notifications');
  });

  test("unsubscribe: the page an e-mail's link opens, after unsubscribing, and a link that did not work", async () => {
    const req = await apiSession();
    try {
      const person = newPerson('Una');
      await signUpApi(req, person, 'LS6 1AN');
      await rsvpApi(req, decodeURIComponent(eventPath.slice('/events/'.length)));
      const { page: link } = await unsubscribeLinks(person.email, 'rsvp-confirmed');
      const page = await open(signedOut, link, 'Unsubscribe');
      await page.getByRole('button', { name: 'Unsubscribe' }).waitFor();
      await expectAccessible(page, 'unsubscribe');
      await page.getByRole('button', { name: 'Unsubscribe' }).click();
      await page.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
      await expectAccessible(page, 'unsubscribe: done');
      await page.goto('/unsubscribe?token=not-a-real-token');
      await page.getByRole('heading', { name: 'This link did not work' }).waitFor();
      await expectAccessible(page, 'unsubscribe: a link that did not work');
    } finally {
      await req.dispose();
    }
  });

  test('message attendees (organiser): the form, with errors, and a sent message in the history', async () => {
    const eventId = await createEventApi(signedIn.request, { title: `Accessible messages ${Date.now()}`, postcode: 'LS6 1AN' });
    // The organiser is going too, but never in their own message's audience: one other member is.
    const member = await apiSession();
    await signUpApi(member, newPerson('Mo'), 'LS6 1AN');
    await rsvpApi(member, eventId);
    const page = await open(signedIn, `/events/${encodeURIComponent(eventId)}/messages`, 'Message attendees');
    const send = page.getByRole('button', { name: 'Send to 1 person' });
    await send.waitFor();
    await expectAccessible(page, 'message attendees');
    await send.click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'message attendees with errors');
    await page.getByLabel('Subject', { exact: true }).fill('Accessible subject');
    await page.getByLabel('Message', { exact: true }).fill('Line one.\n\nLine two.');
    await send.click();
    await page.getByRole('article', { name: 'Accessible subject' }).waitFor();
    await expectAccessible(page, 'message attendees: a sent message in the history');
  });

  test('home at a phone viewport (390×844)', async () => {
    const page = await open(phone, '/', 'Find campaign events near you');
    await expectAccessible(page, 'home (phone)');
  });

  test('events near a postcode at a phone viewport (390×844)', async () => {
    const page = await openNear(phone, '/near/LS61AN');
    await expectAccessible(page, 'near LS6 1AN (phone)');
  });
});

describe('axe: the page a reminder e-mail\'s links open', () => {
  test('"Can\'t make it?" with its button, the place given up, a used link, "Still coming?" with its button and answered, and links that did not work', async () => {
    const [reminded, still] = await Promise.all([remindedMember(), remindedMember()]);
    const page = await signedOut.newPage();
    await page.goto(reminded.cantMakeIt);
    await page.getByRole('heading', { level: 1, name: "Can't make it?" }).waitFor();
    await page.getByRole('button', { name: 'Give up my place' }).waitFor();
    await expectAccessible(page, "reminder: can't make it");

    await page.getByRole('button', { name: 'Give up my place' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your place is given up' }).waitFor();
    await expectAccessible(page, 'reminder: place given up');

    await page.goto(reminded.cantMakeIt);
    await page.getByRole('heading', { level: 1, name: "This link can't be used" }).waitFor();
    await page.getByText('This link has already been used').waitFor();
    await expectAccessible(page, 'reminder: a used link');

    // Opening the link records nothing (scanners open links and may run the page): the button does.
    await page.goto(still.stillComing);
    await page.getByRole('heading', { level: 1, name: 'Still coming?' }).waitFor();
    const confirm = page.getByRole('button', { name: "Yes, I'm still coming" });
    await confirm.waitFor();
    await expectAccessible(page, 'reminder: still coming?');
    const reconfirmed = async () => {
      const r = await gql<{ event: { attendees: { reconfirmedAt: string | null; person: { displayName: string } }[] } }>(
        still.organiser,
        'query ($id: ID!) { event(id: $id) { attendees { reconfirmedAt person { displayName } } } }',
        { id: still.eventId },
      );
      // The organiser is going to their own event too (and is never reminded): only the member's answer counts.
      const member = publicName(still.person.firstName, still.person.lastName);
      return r.event.attendees.filter((a) => a.person.displayName === member).map((a) => a.reconfirmedAt !== null);
    };
    expect(await reconfirmed()).toEqual([false]);
    await confirm.click();
    await page.getByRole('heading', { level: 1, name: 'Thanks: see you there' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'We have told the organiser that you are still coming.' }).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await reconfirmed()).toEqual([true]);
    await expectAccessible(page, 'reminder: still coming');

    await page.goto('/reminder?token=not-a-real-token');
    await page.getByRole('heading', { level: 1, name: 'This link did not work' }).waitFor();
    await expectAccessible(page, 'reminder: a link that did not work');

    await page.goto('/reminder');
    await page.getByRole('heading', { level: 1, name: 'This link is incomplete' }).waitFor();
    await expectAccessible(page, 'reminder: no token');
  });
});

describe('keyboard', () => {
  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return { tag: el?.tagName ?? '', id: el?.id ?? '', name: el?.getAttribute('name') ?? '', text: el?.textContent?.trim() ?? '' };
    });

  test('Tab from the top reaches the skip link first, and it moves focus to main', async () => {
    const page = await open(signedOut, '/', 'Find campaign events near you');
    await page.keyboard.press('Tab');
    const first = await focused(page);
    expect(first).toMatchObject({ tag: 'A', text: 'Skip to main content' });
    // Visible while focused (it is hidden off-screen otherwise).
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    const box = await skip.boundingBox();
    expect(box && box.width > 1 && box.height > 1 && box.y >= 0).toBe(true);
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('main');
  });

  test('the postcode search can be done with the keyboard only, and the list reached past the map', async () => {
    const page = await open(signedOut, '/', 'Find campaign events near you');
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Enter'); // → main
    let tabs = 0;
    while ((await focused(page)).name !== 'postcode' && tabs < 10) {
      await page.keyboard.press('Tab');
      tabs++;
    }
    expect((await focused(page)).name).toBe('postcode');
    expect(tabs).toBe(1); // the first thing in main

    // A bad postcode: the error is announced with the field, and focus stays there.
    await page.keyboard.type('nope');
    await page.keyboard.press('Enter');
    const box = page.getByLabel('Your postcode');
    await page.getByText('Enter a valid UK postcode or outcode').waitFor();
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect((await focused(page)).name).toBe('postcode');

    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('ls6 1an');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/near\/LS61AN$/);
    await waitForNearReady(page);
    // Focus moves to the new page's heading.
    expect(await focused(page)).toMatchObject({ tag: 'H1', text: 'Events near LS6 1AN' });

    // Tab on to "Skip the map", follow it, and the next Tab lands on the first event in the list.
    tabs = 0;
    while (!(await focused(page)).text.startsWith('Skip the map') && tabs < 30) {
      await page.keyboard.press('Tab');
      tabs++;
    }
    expect((await focused(page)).text).toBe('Skip the map: go to the list of events');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const firstTitle = await nearList(page).getByRole('listitem').first().getByRole('link').first().textContent();
    expect(await focused(page)).toMatchObject({ tag: 'A', text: firstTitle });
  });
});

describe('axe: shifts and series (demo data)', () => {
  /** The first demo event near `postcode` that `pick` accepts. */
  async function demoEvent(postcode: string, kinds: string, pick: 'shifts' | 'series'): Promise<string> {
    const near = await gql<{ eventsNear: { edges: { node: { id: string; shifts?: { id: string }[]; series?: { id: string } | null } }[] } }>(
      signedOut.request,
      `{ eventsNear(input: { postcode: "${postcode}", radiusKm: 150, kinds: [${kinds}], sort: DISTANCE }, first: 40) {
          ... on EventsNearConnection { edges { node { id ${pick} { id } } } } } }`,
    );
    const found = near.eventsNear.edges.find((e) => (pick === 'shifts' ? (e.node.shifts?.length ?? 0) > 0 : !!e.node.series));
    if (!found) throw new Error(`the demo seed has no ${pick} near ${postcode}`);
    return `/events/${encodeURIComponent(found.node.id)}`;
  }

  test('a canvass with two shifts, signed out and signed in', async () => {
    const path = await demoEvent('LS6 1AN', 'CANVASS', 'shifts');
    const out = await signedOut.newPage();
    await out.goto(path);
    await out.getByRole('region', { name: 'Shifts' }).getByRole('listitem').nth(1).waitFor();
    await expectAccessible(out, 'canvass with shifts (signed out)');
    const inn = await signedIn.newPage();
    await inn.goto(path);
    await inn.getByRole('button', { name: /^(Book|Join the waitlist) the .* shift$/ }).first().waitFor();
    await expectAccessible(inn, 'canvass with shifts (signed in)');
  });

  test('a weekly phone bank (a series), with its other dates', async () => {
    const page = await signedOut.newPage();
    await page.goto(await demoEvent('LS6 1AN', 'PHONE_BANK', 'series'));
    await page.getByRole('region', { name: 'Repeats' }).waitFor();
    await expectAccessible(page, 'phone bank in a weekly series');
  });
});

describe('axe: check-in and exports', () => {
  // The demo seed's past event, with its check-ins (prisma/seed/check-in.ts).
  const pastEvent = `/events/${encodeURIComponent(Buffer.from('Event:00000000-0000-4000-8000-0000000c0000').toString('base64'))}`;
  const demoLogin = async (browser: BrowserContext, email: string) => {
    const res = await browser.request.post('/graphql', {
      data: { query: 'mutation ($input: SignInInput!) { signIn(input: $input) { __typename } }', variables: { input: { email, password: 'rallypoint-demo' } } },
      headers: { 'content-type': 'application/json', 'x-graphql-yoga-csrf': 'rallypoint' },
    });
    expect(((await res.json()) as { data: { signIn: { __typename: string } } }).data.signIn.__typename).toBe('MutationSignInSuccess');
  };

  test('check-in of the demo past event, as its organiser on a phone', async () => {
    const organiserPhone = await newBrowser({ width: 390, height: 844 });
    try {
      await demoLogin(organiserPhone, 'organiser.yorkshire-and-the-humber@rallypoint.example');
      const page = await organiserPhone.newPage();
      await page.goto(`${pastEvent}/check-in`);
      await page.getByRole('listitem').filter({ hasText: 'Jo Baxter' }).waitFor();
      await expectAccessible(page, 'check-in (phone)');
    } finally {
      await organiserPhone.close();
    }
  });

  test('my plans with the events I went to, as the demo member', async () => {
    const member = await newBrowser();
    try {
      await demoLogin(member, 'member@rallypoint.example');
      const page = await member.newPage();
      await page.goto('/plans');
      await page.getByRole('heading', { level: 2, name: 'Events I went to' }).waitFor();
      await expectAccessible(page, 'my plans with attendance');
    } finally {
      await member.close();
    }
  });

  test('the export log, as the demo admin', async () => {
    const admin = await newBrowser();
    try {
      await demoLogin(admin, 'admin@rallypoint.example');
      const page = await admin.newPage();
      await page.goto('/admin/exports');
      await page.getByRole('heading', { level: 1, name: 'Export log' }).waitFor();
      await page.getByText(/Nobody has exported|exports of people/).first().waitFor();
      await expectAccessible(page, 'export log');
    } finally {
      await admin.close();
    }
  });
});

describe('axe: campaigns, approvals and the organiser section (demo data)', () => {
  test('the organiser section, the demo campaign and its approval queue, as the Yorkshire organiser', async () => {
    const organiser = await newBrowser();
    try {
      await signInApi(organiser.request, 'organiser.yorkshire-and-the-humber@rallypoint.example', 'rallypoint-demo');
      const page = await open(organiser, '/organise', 'Organise');
      await page.getByRole('link', { name: 'Yorkshire weekend of action' }).waitFor();
      await expectAccessible(page, 'the Organise page');
      await page.getByRole('link', { name: 'Yorkshire weekend of action' }).click();
      await page.getByRole('heading', { level: 1, name: 'Yorkshire weekend of action' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Target seats' }).waitFor();
      await expectAccessible(page, 'the demo campaign');
      const queue = await open(organiser, '/organise/approvals', 'Approval queue');
      await queue.getByRole('article', { name: /^Sunday doorstep canvass/ }).waitFor();
      await expectAccessible(queue, 'the approval queue with the demo event waiting');
      await expectAccessible(await open(organiser, '/campaigns/new', 'New campaign'), 'the new-campaign form');
      await expectAccessible(await open(organiser, '/organise/events', 'Events you manage'), 'events the organiser manages');
    } finally {
      await organiser.close();
    }
  });

  test('my events with the canvass waiting for approval, as the demo member', async () => {
    const member = await newBrowser();
    try {
      await signInApi(member.request, 'member@rallypoint.example', 'rallypoint-demo');
      const page = await open(member, '/organise/events', 'My events');
      await page.getByRole('link', { name: /^Sunday doorstep canvass/ }).click();
      await page.getByText('Waiting for approval').first().waitFor();
      await expectAccessible(page, 'the demo member\'s event waiting for approval');
    } finally {
      await member.close();
    }
  });
});

describe('axe: seat coverage and Where am I needed? (demo data)', () => {
  test('the demo campaign board (seats short and covered), as the Yorkshire organiser; Where am I needed?, as the demo member', async () => {
    const [organiser, member] = await Promise.all([newBrowser(), newBrowser()]);
    try {
      await signInApi(organiser.request, 'organiser.yorkshire-and-the-humber@rallypoint.example', 'rallypoint-demo');
      const page = await open(organiser, '/organise', 'Organise');
      await page.getByRole('link', { name: 'Yorkshire weekend of action' }).click();
      await page.getByRole('link', { name: 'Seat coverage' }).click();
      await page.getByRole('heading', { level: 1, name: 'Seat coverage' }).waitFor();
      const table = page.getByRole('table');
      await table.locator('tr.seat-covered').first().waitFor();
      expect(await table.locator('tr.seat-short').count()).toBeGreaterThan(0);
      await expectAccessible(page, 'the demo campaign coverage board');

      await signInApi(member.request, 'member@rallypoint.example', 'rallypoint-demo');
      const campaign = new URL(page.url()).pathname.replace(/\/coverage$/, '');
      const needed = await open(member, `${campaign}/needed`, 'Where am I needed?');
      await needed.getByLabel('Your postcode').fill('LS6 1AN');
      await needed.getByLabel('How far you can travel (km)').fill('60');
      await needed.getByRole('button', { name: 'Find shifts' }).click();
      await needed.getByRole('region', { name: 'Shifts' }).getByRole('listitem').first().waitFor();
      await expectAccessible(needed, 'Where am I needed? with the demo campaign shifts');
    } finally {
      await Promise.all([organiser.close(), member.close()]);
    }
  });
});
