import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { waitForMail } from '../../api/test/mail-catcher.ts';
import { newBrowser } from './browser.ts';
import { arriveAt, createEventApi, expectAccessible, newPerson, type Person, signInApi, signUpApi, uid } from './helpers.ts';

const YORKSHIRE_ORGANISER = 'organiser.yorkshire-and-the-humber@rallypoint.example';
const DEMO_PASSWORD = 'rallypoint-demo';

let organiserBrowser: BrowserContext;
let memberBrowser: BrowserContext;
let memberPerson: Person;

beforeAll(async () => {
  [organiserBrowser, memberBrowser] = await Promise.all([newBrowser(), newBrowser()]);
  for (const b of [organiserBrowser, memberBrowser]) b.setDefaultTimeout(30_000);
  await signInApi(organiserBrowser.request, YORKSHIRE_ORGANISER, DEMO_PASSWORD);
  memberPerson = newPerson('Hari');
  await signUpApi(memberBrowser.request, memberPerson, 'LS6 1AN');
});
afterAll(async () => {
  await Promise.all([organiserBrowser?.close(), memberBrowser?.close()]);
});

// The whole journey (campaign, hosting, approval, bookings, the live board) is in day-of-action.e2e.ts.
describe('campaign tools', () => {
  test('an organiser flags and unflags a target seat from the marginals page', async () => {
    const page = await organiserBrowser.newPage();
    await page.goto('/marginals');
    const panel = page.getByRole('region', { name: 'Your target seats' });
    await panel.waitFor();
    const select = panel.getByLabel('Flag a seat as a target');
    await select.locator('option').nth(1).waitFor({ state: 'attached' });
    const seat = (await select.locator('option').nth(1).textContent())!.replace(/ \([^)]*\)$/, '');
    await select.selectOption({ index: 1 });
    await panel.getByRole('button', { name: 'Flag as target' }).click();
    await panel.getByRole('status').filter({ hasText: `${seat} is a target seat now.` }).waitFor();
    await panel.getByRole('button', { name: `Unflag ${seat}` }).waitFor();
    await expectAccessible(page, 'the marginals page with target seats');
    await panel.getByRole('button', { name: `Unflag ${seat}` }).click();
    await panel.getByRole('status').filter({ hasText: `${seat} is no longer a target seat.` }).waitFor();
  });

  test('the host invites a co-host by e-mail; the invitee accepts from the e-mailed link and runs the event with them', async () => {
    const title = `Co-hosted meeting ${uid()}`;
    const eventId = await createEventApi(organiserBrowser.request, { title, postcode: 'LS6 1AN' });
    const host = await organiserBrowser.newPage();
    await host.goto(`/events/${encodeURIComponent(eventId)}`);
    await host.getByRole('heading', { level: 1, name: title }).waitFor();
    await host.getByLabel('Invite a co-host by e-mail address').fill(memberPerson.email);
    await host.getByRole('button', { name: 'Invite', exact: true }).click();
    await host.getByRole('status').filter({ hasText: `Invitation sent to ${memberPerson.email}` }).waitFor();
    await host.getByText(memberPerson.email).first().waitFor();

    const mail = await waitForMail(memberPerson.email, { dir: inject('mailDir'), test: (m) => (m.subject ?? '') === `Co-host ${title}?` });
    const link = /https?:\/\/\S+\/co-host-invites\/[^\s)>\]]+/.exec(mail.text ?? '')?.[0];
    expect(link).toBeTruthy();
    const member = await memberBrowser.newPage();
    await member.goto(new URL(link!).pathname);
    await member.getByRole('heading', { level: 1, name: 'Invitation to co-host' }).waitFor();
    await expectAccessible(member, 'the co-host invitation');
    await member.getByRole('button', { name: 'Accept and co-host' }).click();
    await arriveAt(member, /\/events\//, title);
    await member.getByText(`You co-host ${title} now.`).waitFor();
    // Running it now: the co-hosts list (with themselves) and the organisers' tools.
    await member.getByRole('region', { name: 'Co-hosts' }).getByText(`${memberPerson.firstName} ${memberPerson.lastName.charAt(0)}.`).waitFor();
    await member.getByRole('link', { name: 'Message attendees' }).waitFor();
  });
});
