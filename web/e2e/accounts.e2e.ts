import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { newBrowser } from './browser.ts';
import {
  apiSession,
  arriveAt,
  confirmationLink,
  displayName,
  gql,
  newPerson,
  type Person,
  resetLink,
  signInApi,
  signInViaUi,
  signUpApi,
  signUpViaUi,
  tokenOf,
} from './helpers.ts';

const contexts: BrowserContext[] = [];

async function browser(): Promise<BrowserContext> {
  const b = await newBrowser();
  b.setDefaultTimeout(30_000);
  contexts.push(b);
  return b;
}

afterAll(async () => {
  await Promise.all(contexts.map((b) => b.close()));
});

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

/** What has focus: its tag and text. */
const focused = (page: Page) =>
  page.evaluate(() => ({ tag: document.activeElement?.tagName ?? '', text: document.activeElement?.textContent?.trim() ?? '' }));

describe('sign-up by e-mailed link', () => {
  const person = newPerson('Nia');
  let page: Page;
  let firstLink = '';
  let resentLink = '';
  let link = '';

  beforeAll(async () => {
    page = await (await browser()).newPage();
  });

  test('from sign in to sign up, the form sends the link: "Check your inbox", not signed in', async () => {
    // On the way somewhere: the header's "Sign in" carries the page, and "Create an account" keeps it.
    await page.goto('/marginals');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await mainNav(page).getByRole('link', { name: 'Sign in' }).click();
    await arriveAt(page, /\/signin\?next=%2Fmarginals$/, 'Sign in');
    await page.getByRole('main').getByRole('link', { name: 'Create an account' }).click();
    await arriveAt(page, /\/signup\?next=%2Fmarginals$/, 'Create an account');

    await signUpViaUi(page, person, 'LS6 1AN');
    const inbox = page.getByRole('status').filter({ has: page.getByRole('heading', { name: 'Check your inbox' }) });
    const text = (await inbox.textContent()) ?? '';
    expect(text).toContain(person.email);
    expect(text).toContain('24 hours');
    expect(text).toContain('confirm your address');
    expect(text).toContain('spam');
    expect(text).toContain('Signing up again sends a new link');
    // The same words for an address that had an account: nothing promises the password just chosen works.
    expect(text).toContain('enter the password you chose');
    expect(text).toContain('If that address already had an account, the password you chose has not changed it');
    expect(await page.getByRole('main').textContent()).not.toMatch(/straight away/);
    // Focus moved to the confirmation's heading, so a screen reader starts there.
    expect(await focused(page)).toEqual({ tag: 'H1', text: 'Check your inbox' });
    expect(await page.title()).toBe('Check your inbox – Rallypoint');
    await mainNav(page).getByRole('link', { name: 'Sign in' }).waitFor();

    firstLink = await confirmationLink(person.email);
    expect(firstLink.startsWith(`${inject('webUrl')}/signup/confirm?token=`)).toBe(true);
  });

  test('before opening the link they can sign in (elsewhere); My plans asks them to confirm and sends the link again', async () => {
    const other = await (await browser()).newPage();
    await signInViaUi(other, person);
    await other.goto('/plans');
    const notice = other.getByRole('region', { name: 'Confirm your e-mail address' });
    await notice.getByText('To publish events or offer lifts, confirm your address first').waitFor();
    await notice.getByRole('button', { name: 'Send the link again' }).click();
    await notice.getByRole('status').filter({ hasText: `We have sent a new link to ${person.email}.` }).waitFor();
    resentLink = await confirmationLink(person.email, tokenOf(firstLink));

    // Publishing waits for the confirmation: the new-event page says so, and the API refuses it plainly.
    await other.goto('/events/new');
    await other.getByRole('heading', { level: 1, name: 'Create an event' }).waitFor();
    await other.getByRole('region', { name: 'Confirm your e-mail address' }).getByText('you can save it as a draft now').waitFor();
    await other.close();
  });

  test('"Sign up again" goes back to the form (the address kept and focused) and sends a new link', async () => {
    await page.getByRole('button', { name: 'Sign up again' }).click();
    await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
    const email = page.getByLabel('Email');
    expect(await email.inputValue()).toBe(person.email);
    await page.waitForFunction(() => document.activeElement?.id === 'email');
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('status').getByRole('heading', { level: 1, name: 'Check your inbox' }).waitFor();

    link = await confirmationLink(person.email, [tokenOf(firstLink), tokenOf(resentLink)]);
    expect(link).not.toBe(firstLink);
  });

  test('the link opens a page that asks first (a mail scanner opening it confirms nothing), with the password; a wrong one leaves the link usable', async () => {
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Confirm your address' }).waitFor();
    const confirm = page.getByRole('button', { name: 'Confirm my address' });
    await confirm.waitFor();
    // Opening the page signed nobody in.
    await mainNav(page).getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await page.title()).toBe('Confirm your address – Rallypoint');
    // Without the password it knows, the way on is a new password.
    await page.getByRole('main').getByRole('link', { name: 'Forgot password?' }).waitFor();

    // No password, then a wrong one: the error on the field (and in the summary, which takes focus); nothing used up.
    const password = page.getByLabel('Your password');
    await confirm.click();
    await page.getByRole('alert').getByRole('link', { name: 'Enter the password you chose when you signed up.' }).waitFor();
    await password.fill('not the password at all');
    await confirm.click();
    await page.waitForFunction(() => document.activeElement?.closest('[role="alert"]') !== null);
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    await mainNav(page).getByRole('link', { name: 'Sign in' }).waitFor();

    await password.fill(person.password);
    await confirm.click();
    // Back where they were going before signing up, signed in and welcomed.
    await arriveAt(page, (u) => u.pathname === '/marginals', /^Nearest marginal seats/);
    await page.getByRole('status').filter({ hasText: `Welcome to Rallypoint, ${person.firstName}.` }).waitFor();
    await mainNav(page).getByRole('button', { name: `Sign out (${person.firstName} ${person.lastName[0]}.)` }).waitFor();
  });

  test('a link that has been used shows why, with ways on, and no button', async () => {
    const out = await (await browser()).newPage();
    for (const used of [link, resentLink, firstLink]) {
      await out.goto(used);
      await out.getByRole('heading', { level: 1, name: 'Confirm your address' }).waitFor();
      await out.getByLabel('Your password').fill(person.password);
      await out.getByRole('button', { name: 'Confirm my address' }).click();
      const problem = out.getByRole('alert').filter({ has: out.getByRole('heading', { name: 'This link did not work' }) });
      await problem.getByText(/This link has expired or has already been used/).waitFor();
      await problem.getByRole('link', { name: 'Sign in' }).waitFor();
      await problem.getByRole('link', { name: 'sign up again' }).waitFor();
      expect(await out.getByRole('button', { name: 'Confirm my address' }).count()).toBe(0);
      // Focus moved to the message.
      expect(await out.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    }
  });

  test('a link without its token says so', async () => {
    await page.goto('/signup/confirm');
    await page.getByRole('heading', { level: 1, name: 'Confirm your address' }).waitFor();
    await page.getByRole('heading', { name: 'This link is incomplete' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Sign up again' }).waitFor();
    expect(await page.getByRole('button', { name: 'Confirm my address' }).count()).toBe(0);
  });
});

describe('the confirmation page, signed in', () => {
  /** Signs `person` up through the API without opening the link; returns that link. */
  async function signedUpUnconfirmed(person: Person): Promise<string> {
    const session = await apiSession();
    await gql(session, 'mutation($i: SignUpInput!) { signUp(input: $i) { __typename } }', {
      i: { email: person.email, password: person.password, firstName: person.firstName, lastName: person.lastName },
    });
    await session.dispose();
    return confirmationLink(person.email);
  }

  test('signed in to that account, no password is asked for', async () => {
    const person = newPerson('Ines');
    const link = await signedUpUnconfirmed(person);
    const context = await browser();
    await signInApi(context.request, person.email, person.password);
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Confirm your address' }).waitFor();
    await page.getByText(`You are signed in as ${person.email}, so no password is needed.`).waitFor();
    expect(await page.getByLabel('Your password').count()).toBe(0);
    await page.getByRole('button', { name: 'Confirm my address' }).click();
    await page.getByRole('status').filter({ hasText: `Welcome to Rallypoint, ${person.firstName}.` }).waitFor();
  });

  test('signed in to another account: refused plainly; signing out there asks for the password, which confirms', async () => {
    const person = newPerson('Jude');
    const link = await signedUpUnconfirmed(person);
    const context = await browser();
    const other = newPerson('Kit');
    await signUpApi(context.request, other);
    const page = await context.newPage();
    await page.goto(link);
    await page.getByText(`You are signed in as ${other.email}`).waitFor();
    await page.getByRole('button', { name: 'Confirm my address' }).click();
    await page.getByRole('alert').getByText(/This link is for another account than the one signed in here/).waitFor();
    // Still the other account.
    await mainNav(page).getByRole('button', { name: `Sign out (${displayName(other)})` }).waitFor();

    await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Your password').fill(person.password);
    await page.getByRole('button', { name: 'Confirm my address' }).click();
    await page.getByRole('status').filter({ hasText: `Welcome to Rallypoint, ${person.firstName}.` }).waitFor();
    await mainNav(page).getByRole('button', { name: `Sign out (${displayName(person)})` }).waitFor();
  });
});

describe('a forgotten password', () => {
  test('"Forgot password?" e-mails a link; the new password signs this browser in and every other one out; the link works once', async () => {
    const member = newPerson('Reza');
    const [before, here] = [await browser(), await browser()];
    await signUpApi(before.request, member, 'LS6 1AN');
    const old = await before.newPage();
    await old.goto('/plans');
    await old.getByRole('heading', { level: 1, name: 'My plans' }).waitFor();

    // From the sign-in page, keeping where they were going.
    const page = await here.newPage();
    await page.goto('/signin?next=%2Fmarginals');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await arriveAt(page, /\/forgot-password\?next=%2Fmarginals$/, 'Forgotten your password?');
    await page.getByLabel('Email').fill(member.email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    const sent = page.getByRole('status').filter({ has: page.getByRole('heading', { name: 'Check your inbox' }) });
    await sent.getByText('If that address has an account, we have sent it a link').waitFor();
    expect(await focused(page)).toEqual({ tag: 'H1', text: 'Check your inbox' });
    const link = await resetLink(member.email);
    expect(link.startsWith(`${inject('webUrl')}/reset-password?token=`)).toBe(true);

    // An address without an account reads exactly the same.
    await page.getByRole('button', { name: 'Use another address' }).click();
    await page.getByLabel('Email').fill(newPerson('Nobody').email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await sent.getByText('If that address has an account, we have sent it a link').waitFor();

    await page.goto(link);
    await arriveAt(page, /\/reset-password\?token=/, 'Choose a new password');
    const NEW = 'a new e2e password!';
    await page.getByLabel('New password', { exact: true }).fill(NEW);
    await page.getByLabel('New password again').fill('not the same one');
    await page.getByRole('button', { name: 'Set my new password' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'The two passwords do not match' }).waitFor();
    await page.getByLabel('New password again').fill(NEW);
    await page.getByRole('button', { name: 'Set my new password' }).click();
    // Signed in, on to where they were going.
    await arriveAt(page, (u) => u.pathname === '/marginals', /^Nearest marginal seats/);
    await page.getByRole('status').filter({ hasText: 'Your new password is set and you are signed in.' }).waitFor();
    await mainNav(page).getByRole('button', { name: `Sign out (${displayName(member)})` }).waitFor();

    // The browser signed in before is signed out; the old password is gone, the new one works.
    await old.reload();
    await arriveAt(old, /\/signin\?next=%2Fplans$/, 'Sign in');
    await old.getByLabel('Email').fill(member.email);
    await old.getByLabel('Password').fill(member.password);
    await old.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await old.getByRole('alert').getByText('That email and password do not match an account.').waitFor();
    await signInViaUi(old, { email: member.email, password: NEW });

    // The link worked once: again, it says so and offers a new one.
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill('yet another password');
    await page.getByLabel('New password again').fill('yet another password');
    await page.getByRole('button', { name: 'Set my new password' }).click();
    const problem = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'This link did not work' }) });
    await problem.getByText(/already been used/).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    await problem.getByRole('link', { name: 'Ask for a new link' }).click();
    await arriveAt(page, (u) => u.pathname === '/forgot-password', 'Forgotten your password?');
  });
});

describe('sign out everywhere', () => {
  test('signs out this browser and every other one of the member', async () => {
    const member = newPerson('Sol');
    const [here, elsewhere] = [await browser(), await browser()];
    await signUpApi(here.request, member, 'LS6 1AN');
    await signInApi(elsewhere.request, member.email, member.password);

    const other = await elsewhere.newPage();
    await other.goto('/plans');
    await other.getByRole('heading', { level: 1, name: 'My plans' }).waitFor();

    const page = await here.newPage();
    await page.goto('/plans');
    const section = page.getByRole('region', { name: 'Sign out everywhere' });
    await section.getByText('including this one').waitFor();

    // A confirm step, which can be called off (focus goes back to the button).
    await section.getByRole('button', { name: 'Sign out everywhere' }).click();
    const ask = section.getByRole('group', { name: 'Sign out on every device, including this one?' });
    await ask.waitFor();
    expect(await focused(page)).toEqual({ tag: 'BUTTON', text: 'Yes, sign out everywhere' });
    await ask.getByRole('button', { name: 'No, stay signed in' }).click();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Sign out everywhere');

    await section.getByRole('button', { name: 'Sign out everywhere' }).click();
    await ask.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
    await arriveAt(page, (u) => u.pathname === '/signin', 'Sign in');
    await page.getByRole('status').filter({ hasText: 'You have signed out everywhere (2 sessions ended)' }).waitFor();
    await mainNav(page).getByRole('link', { name: 'Sign in' }).waitFor();

    // The other browser is signed out too: its plans page now asks it to sign in.
    await other.reload();
    await arriveAt(other, /\/signin\?next=%2Fplans$/, 'Sign in');
    await mainNav(other).getByRole('link', { name: 'Sign in' }).waitFor();
  });
});

describe('a new private calendar link', () => {
  test('replaces the old one, which stops working at once', async () => {
    const b = await browser();
    await signUpApi(b.request, newPerson('Cal'));
    const page = await b.newPage();
    await page.goto('/plans');
    const section = page.getByRole('region', { name: 'Calendar feed' });
    const feed = section.getByLabel('Your private calendar feed link');
    await feed.waitFor();
    const oldUrl = await feed.inputValue();
    expect(oldUrl.startsWith(`${inject('webUrl')}/calendar/feed/`)).toBe(true);

    // Fetched as the page would, through its own origin; never from the HTTP cache (feeds are cacheable).
    const status = (url: string) => page.evaluate(async (u) => (await fetch(u, { cache: 'no-store' })).status, url);
    expect(await status(oldUrl)).toBe(200);

    await section.getByText('The old link stops working at once').waitFor();
    await section.getByRole('button', { name: 'Get a new calendar link' }).click();
    await section.getByRole('status').filter({ hasText: 'Here is your new calendar link. The old one has stopped working' }).waitFor();
    await page.waitForFunction((old) => (document.getElementById('calendar-feed') as HTMLInputElement).value !== old, oldUrl);
    const newUrl = await feed.inputValue();
    expect(newUrl.startsWith(`${inject('webUrl')}/calendar/feed/`)).toBe(true);

    expect(await status(oldUrl)).toBe(404);
    expect(await status(newUrl)).toBe(200);
    // And after a reload the page shows the new one.
    await page.reload();
    await feed.waitFor();
    expect(await feed.inputValue()).toBe(newUrl);
  });
});
