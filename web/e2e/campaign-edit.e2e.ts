import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newBrowser } from './browser.ts';
import { arriveAt, expectAccessible, gql, signInApi, uid } from './helpers.ts';

const YORKSHIRE_ORGANISER = 'organiser.yorkshire-and-the-humber@rallypoint.example';
const DEMO_PASSWORD = 'rallypoint-demo';
const REGION = 'yorkshire-and-the-humber';

let organiser: BrowserContext;
let campaignId = '';
let seat = { code: '', name: '' };
const name = `Edited weekend ${uid()}`;

beforeAll(async () => {
  organiser = await newBrowser();
  organiser.setDefaultTimeout(30_000);
  await signInApi(organiser.request, YORKSHIRE_ORGANISER, DEMO_PASSWORD);
  const options = await gql<{ campaignSeatOptions: { data: { code: string; name: string }[] } }>(
    organiser.request,
    'query ($r: ID!) { campaignSeatOptions(regionId: $r) { ... on QueryCampaignSeatOptionsSuccess { data { code name } } } }',
    { r: REGION },
  );
  seat = options.campaignSeatOptions.data[0]!;
  const start = new Date(Date.now() + 86_400_000);
  start.setUTCHours(0, 0, 0, 0);
  const created = await gql<{ createCampaign: { data: { id: string } } }>(
    organiser.request,
    'mutation ($input: CampaignInput!) { createCampaign(input: $input) { ... on MutationCreateCampaignSuccess { data { id } } } }',
    {
      input: {
        name,
        regionId: REGION,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 10 * 86_400_000).toISOString(),
        seats: [{ constituencyCode: seat.code, goal: 12 }],
        templates: [{ kind: 'CANVASS', title: 'Doorstep canvass', durationMinutes: 180, briefing: 'Meet at the library.' }],
      },
    },
  );
  campaignId = created.createCampaign.data.id;
});
afterAll(async () => {
  await organiser?.close();
});

describe('editing a campaign', () => {
  test("an organiser changes a seat's goal and adds a template: the campaign page shows them, and the open coverage board follows", async () => {
    const board = await organiser.newPage();
    await board.goto(`/campaigns/${encodeURIComponent(campaignId)}/coverage`);
    const row = board.getByRole('row').filter({ has: board.getByRole('rowheader', { name: seat.name }) });
    await expect.poll(() => row.getByTestId('coverage').innerText()).toMatch(/^0 of 12\b/);

    const page = await organiser.newPage();
    await page.goto(`/campaigns/${encodeURIComponent(campaignId)}`);
    await arriveAt(page, /\/campaigns\/[^/]+$/, name);
    await page.getByRole('link', { name: 'Edit campaign' }).click();
    await arriveAt(page, /\/edit$/, 'Edit campaign');
    const goal = page.getByLabel(`Goal for ${seat.name}`);
    await expect.poll(() => goal.inputValue()).toBe('12');
    await expectAccessible(page, 'the edit campaign form');

    // A goal below 1 is refused on the form, naming the field; nothing is sent.
    await goal.fill('0');
    await page.getByRole('button', { name: 'Save campaign' }).click();
    await page.getByRole('group', { name: 'Target seats and goals' }).getByText('The goal must be at least 1').waitFor();

    await goal.fill('37');
    await page.getByRole('button', { name: 'Add a template' }).click();
    const second = page.getByRole('group', { name: 'Template 2' });
    await second.getByLabel('Kind').selectOption({ label: 'Phone bank' });
    await second.getByLabel('Template title').fill('Evening phone bank');
    await second.getByLabel('Default length (minutes)').fill('90');
    await second.getByLabel('Briefing').fill('Scripts are in the shared drive.');
    await page.getByRole('button', { name: 'Save campaign' }).click();

    await arriveAt(page, /\/campaigns\/[^/]+$/, name);
    await page.getByRole('status').filter({ hasText: `${name} is saved.` }).waitFor();
    const seatRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: seat.name }) });
    await expect.poll(() => seatRow.innerText()).toMatch(/\b37\b/);
    await page.getByRole('link', { name: 'Host a evening phone bank' }).waitFor();

    // The board open in the other tab read itself again: the new goal without a reload.
    await expect.poll(() => row.getByTestId('coverage').innerText(), { timeout: 20_000 }).toMatch(/^0 of 37\b/);
  });
});
