import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { waitForMail } from '../../api/test/mail-catcher.ts';
import { newBrowser } from './browser.ts';
import { arriveAt, createEventApi, displayName, expectAccessible, gql, newPerson, type Person, signInApi, signUpApi, uid } from './helpers.ts';

const YORKSHIRE_ORGANISER = 'organiser.yorkshire-and-the-humber@rallypoint.example';
const DEMO_PASSWORD = 'rallypoint-demo';
const REGION = 'yorkshire-and-the-humber';

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
    // Back among the seats to flag (the cache took in the answer; nothing was fetched again by hand).
    await expect.poll(() => panel.getByRole('button', { name: `Unflag ${seat}` }).count()).toBe(0);
    await expect.poll(() => select.locator('option', { hasText: seat }).count()).toBe(1);
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

  test("an organiser revokes a host's trust from the approval queue: the host's next campaign event waits for approval again", async () => {
    const hostPerson = newPerson('Tamsin');
    const hostBrowser = await newBrowser();
    try {
      await signUpApi(hostBrowser.request, hostPerson, 'LS6 1AN');
      // A campaign with one seat and a template, set up through the API (creating one in the browser is day-of-action's).
      const day = (n: number) => {
        const d = new Date(Date.now() + n * 86_400_000);
        d.setUTCHours(0, 0, 0, 0);
        return d.toISOString();
      };
      const options = await gql<{ campaignSeatOptions: { data: { code: string }[] } }>(
        organiserBrowser.request,
        'query ($r: ID!) { campaignSeatOptions(regionId: $r) { ... on QueryCampaignSeatOptionsSuccess { data { code } } } }',
        { r: REGION },
      );
      const created = await gql<{ createCampaign: { data: { templates: { id: string }[] } } }>(
        organiserBrowser.request,
        'mutation ($input: CampaignInput!) { createCampaign(input: $input) { ... on MutationCreateCampaignSuccess { data { templates { id } } } } }',
        {
          input: {
            name: `Trust test ${uid()}`,
            regionId: REGION,
            startsAt: day(1),
            endsAt: day(20),
            seats: [{ constituencyCode: options.campaignSeatOptions.data[0]!.code, goal: 3 }],
            templates: [{ kind: 'MEETING', title: 'Branch meeting', durationMinutes: 120, briefing: 'Bring the minutes.' }],
          },
        },
      );
      const templateId = created.createCampaign.data.templates[0]!.id;
      const hostOne = async () => {
        const start = new Date(day(7));
        start.setUTCHours(10);
        const res = await gql<{ hostCampaignEvent: { __typename: string; data?: { id: string; status: string; approval: string | null } } }>(
          hostBrowser.request,
          'mutation ($t: ID!, $input: EventInput!) { hostCampaignEvent(templateId: $t, input: $input, publish: true) { __typename ... on MutationHostCampaignEventSuccess { data { id status approval } } } }',
          {
            t: templateId,
            input: {
              kind: 'MEETING',
              title: `Trusted host meeting ${uid()}`,
              description: 'Created by the browser tests.',
              startsAt: start.toISOString(),
              endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
              venueName: 'Community hall',
              address: '1 Test Street',
              postcode: 'LS6 1AN',
              visibility: 'PUBLIC',
              addressVisibility: 'PUBLIC',
            },
          },
        );
        expect(res.hostCampaignEvent.__typename).toBe('MutationHostCampaignEventSuccess');
        return res.hostCampaignEvent.data!;
      };
      // The first event waits; approved, the host is trusted and the next publishes directly.
      const first = await hostOne();
      expect(first).toMatchObject({ status: 'DRAFT', approval: 'PENDING' });
      await gql(organiserBrowser.request, 'mutation ($id: ID!) { approveEvent(id: $id) { __typename } }', { id: first.id });
      expect(await hostOne()).toMatchObject({ status: 'PUBLISHED', approval: null });

      const page = await organiserBrowser.newPage();
      await page.goto('/organise/approvals');
      await page.getByRole('heading', { level: 1, name: 'Approval queue' }).waitFor();
      const name = displayName(hostPerson);
      const revoke = page.getByRole('region', { name: 'Trusted hosts' }).getByRole('button', { name: `Revoke trust for ${name}` });
      await revoke.waitFor();
      await expectAccessible(page, 'the approval queue with trusted hosts');
      await revoke.click();
      await page.getByRole('status').filter({ hasText: `${name}'s next campaign events in` }).waitFor();
      await expect.poll(() => revoke.count()).toBe(0);
      // Waits for approval again.
      expect(await hostOne()).toMatchObject({ status: 'DRAFT', approval: 'PENDING' });
    } finally {
      await hostBrowser.close();
    }
  });
});
