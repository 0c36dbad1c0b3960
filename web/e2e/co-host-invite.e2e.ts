import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { waitForMail } from '../../api/test/mail-catcher.ts';
import { newBrowser } from './browser.ts';
import { arriveAt, confirmSignUpViaUi, createEventApi, displayName, expectAccessible, newPerson, signInApi, signUpViaUi, uid } from './helpers.ts';

const YORKSHIRE_ORGANISER = 'organiser.yorkshire-and-the-humber@rallypoint.example';

let hostBrowser: BrowserContext;
let newcomerBrowser: BrowserContext;

beforeAll(async () => {
  [hostBrowser, newcomerBrowser] = await Promise.all([newBrowser(), newBrowser()]);
  for (const b of [hostBrowser, newcomerBrowser]) b.setDefaultTimeout(30_000);
  await signInApi(hostBrowser.request, YORKSHIRE_ORGANISER, 'rallypoint-demo');
});
afterAll(async () => {
  await Promise.all([hostBrowser?.close(), newcomerBrowser?.close()]);
});

describe('a co-host invitation to someone with no account', () => {
  test('the e-mailed link shows the invitation, signs them up (through the confirmation e-mail) and back, and they accept', async () => {
    const title = `Co-hosted street stall ${uid()}`;
    const newcomer = newPerson('Noor');
    const eventId = await createEventApi(hostBrowser.request, { title, postcode: 'LS6 1AN' });
    const host = await hostBrowser.newPage();
    await host.goto(`/events/${encodeURIComponent(eventId)}`);
    await host.getByRole('heading', { level: 1, name: title }).waitFor();
    await host.getByLabel('Invite a co-host by e-mail address').fill(newcomer.email);
    await host.getByRole('button', { name: 'Invite', exact: true }).click();
    await host.getByRole('status').filter({ hasText: `Invitation sent to ${newcomer.email}` }).waitFor();

    const mail = await waitForMail(newcomer.email, { dir: inject('mailDir'), test: (m) => (m.subject ?? '') === `Co-host ${title}?` });
    const link = /https?:\/\/\S+\/co-host-invites\/[^\s)>\]]+/.exec(mail.text ?? '')?.[0];
    expect(link).toBeTruthy();
    const invitePath = new URL(link!).pathname;

    // Signed out: who invited them to what, and the way in.
    const page = await newcomerBrowser.newPage();
    await page.goto(invitePath);
    await page.getByRole('heading', { level: 1, name: 'Invitation to co-host' }).waitFor();
    await page.getByText(`invited you to co-host ${title}`).waitFor();
    await page.getByRole('link', { name: 'Sign in' }).last().waitFor();
    await expectAccessible(page, 'the co-host invitation, signed out');
    await page.getByRole('link', { name: 'Create an account' }).last().click();
    await arriveAt(page, /\/signup\?next=%2Fco-host-invites%2F/, 'Create an account');
    await signUpViaUi(page, newcomer, 'LS6 1AN');

    // The confirmation link brings them back to the invitation, signed in with the invited address.
    await confirmSignUpViaUi(page, newcomer);
    await arriveAt(page, (url) => url.pathname === invitePath, 'Invitation to co-host');
    await page.getByRole('button', { name: 'Accept and co-host' }).click();
    await arriveAt(page, /\/events\//, title);
    await page.getByText(`You co-host ${title} now.`).waitFor();
    await page.getByRole('region', { name: 'Co-hosts' }).getByText(displayName(newcomer)).waitFor();
    await page.getByRole('link', { name: 'Message attendees' }).waitFor();
  });
});
