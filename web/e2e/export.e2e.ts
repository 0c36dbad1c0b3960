import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { APIRequestContext, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newBrowser } from './browser.ts';
import { apiSession, arriveAt, createEventApi, expectAccessible, gql, newPerson, type Person, rsvpApi, signInApi, signUpApi, uid } from './helpers.ts';

let host: BrowserContext;
let admin: BrowserContext;
let hostPerson: Person;
const sessions: APIRequestContext[] = [];

beforeAll(async () => {
  [host, admin] = await Promise.all([newBrowser(), newBrowser()]);
  for (const b of [host, admin]) b.setDefaultTimeout(30_000);
  hostPerson = newPerson('Hedda');
  await signUpApi(host.request, hostPerson, 'LS6 1AN');
  await signInApi(admin.request, 'admin@rallypoint.example', 'rallypoint-demo');
});
afterAll(async () => {
  await Promise.all([host?.close(), admin?.close()]);
  await Promise.all(sessions.map((s) => s.dispose()));
});

describe('export', () => {
  test('the host downloads the people of their event as CSV; formulas are neutralised; the admin sees it in the log', async () => {
    const title = `Export e2e ${uid()}`;
    const eventId = await createEventApi(host.request, { title, postcode: 'LS6 1AN', inDays: 2 });
    const req = await apiSession();
    sessions.push(req);
    // A name a spreadsheet would run as a formula.
    const gwen = { ...newPerson('Gwen'), firstName: "=cmd|' /C calc'!A0" };
    await signUpApi(req, gwen, 'LS6 1AN');
    await rsvpApi(req, eventId);

    const page = await host.newPage();
    await page.goto(`/events/${encodeURIComponent(eventId)}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download people (CSV)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^export-e2e-[0-9a-f]{8}-people-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const rows = parse(csv, { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
    // The host is going to their own event: their row, and Gwen's (in the order of names, which collation decides).
    const booked = (name: string, email: string) => ({
      Event: title,
      'Event starts': expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
      Shift: '',
      Name: name,
      Email: email,
      Status: 'going',
      Guests: '0',
      'Booked at': expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
      Attendance: '',
    });
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining([booked(`'${gwen.firstName} ${gwen.lastName}`, gwen.email), booked(`${hostPerson.firstName} ${hostPerson.lastName}`, hostPerson.email)]),
    );
    await page.getByRole('status').filter({ hasText: '(2 people)' }).waitFor();

    // Someone else's event: the API refuses (typed), and nothing is logged for it.
    const refused = await gql<{ exportEventPeople: { __typename: string } }>(req, 'mutation ($id: ID!) { exportEventPeople(eventId: $id) { __typename } }', {
      id: eventId,
    });
    expect(refused.exportEventPeople.__typename).toBe('ForbiddenError');

    // The admin reaches the log from Organise.
    const log = await admin.newPage();
    await log.goto('/');
    await log.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organise' }).click();
    await arriveAt(log, '/organise', 'Organise');
    await log.getByRole('link', { name: 'Export log' }).click();
    await arriveAt(log, '/admin/exports', 'Export log');
    const line = log.getByRole('row').filter({ hasText: title });
    await line.waitFor();
    expect(await line.count()).toBe(1);
    expect(await line.textContent()).toContain(hostPerson.email);
    await expectAccessible(log, 'the export log');
  });

  test('only admins are shown the way to the export log', async () => {
    const organiser = await newBrowser();
    try {
      organiser.setDefaultTimeout(30_000);
      await signInApi(organiser.request, 'organiser.yorkshire-and-the-humber@rallypoint.example', 'rallypoint-demo');
      const page = await organiser.newPage();
      await page.goto('/organise');
      await page.getByRole('link', { name: 'Approval queue' }).waitFor();
      expect(await page.getByRole('link', { name: 'Export log' }).count()).toBe(0);
    } finally {
      await organiser.close();
    }
    const member = await host.newPage();
    await member.goto('/organise');
    await member.getByText('Campaigns are run by regional organisers.').waitFor();
    await member.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My events' }).waitFor();
    expect(await member.getByRole('link', { name: 'Export log' }).count()).toBe(0);
  });

  test("the region's organiser downloads a whole campaign's people as one CSV", async () => {
    const organiser = await newBrowser();
    try {
      await signInApi(organiser.request, 'organiser.yorkshire-and-the-humber@rallypoint.example', 'rallypoint-demo');
      const found = await gql<{ campaigns: { id: string; name: string; events: { title: string }[] }[] }>(
        organiser.request,
        '{ campaigns { id name events { title } } }',
      );
      const campaign = found.campaigns.find((c) => c.name === 'Yorkshire weekend of action');
      if (!campaign) throw new Error('the demo seed has no Yorkshire campaign');
      const page = await organiser.newPage();
      await page.goto(`/campaigns/${encodeURIComponent(campaign.id)}`);
      await page.getByRole('heading', { level: 1, name: campaign.name }).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download people (CSV)' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^yorkshire-weekend-of-action-people-\d{4}-\d{2}-\d{2}\.csv$/);
      const rows = parse(await readFile((await download.path())!, 'utf8'), { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
      const titles = new Set(campaign.events.map((e) => e.title));
      for (const r of rows) expect(titles.has(r.Event!.replace(/^'/, ''))).toBe(true);
      await page.getByRole('status').filter({ hasText: `(${rows.length} ${rows.length === 1 ? 'person' : 'people'})` }).waitFor();
    } finally {
      await organiser.close();
    }
  });
});
