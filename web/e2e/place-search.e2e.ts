import type { BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { snapLocation } from '../src/ui/search-place.ts';
import { newBrowser } from './browser.ts';
import { arriveAt, expectAccessible, nearList, sendsOperation } from './helpers.ts';

const LEEDS_EAST = 'E14001320';
const LEEDS_SOUTH = 'E14001323';

let visitor: BrowserContext;
beforeAll(async () => {
  visitor = await newBrowser();
  visitor.setDefaultTimeout(30_000);
});
afterAll(() => visitor?.close());

const box = (page: Page) => page.getByRole('combobox', { name: 'Your postcode or place' });
const options = (page: Page) => page.getByRole('listbox', { name: 'Matching places' }).getByRole('option');

async function home(browser: BrowserContext): Promise<Page> {
  const page = await browser.newPage();
  await page.goto('/');
  await page.getByRole('heading', { level: 1, name: 'Find campaign events near you' }).waitFor();
  return page;
}

/** The text of the option the combobox points at (aria-activedescendant). */
const activeOption = (page: Page) =>
  box(page).evaluate((el) => {
    const id = el.getAttribute('aria-activedescendant');
    const option = id ? document.getElementById(id) : null;
    return option ? { text: option.querySelector('.combobox-label')?.textContent ?? '', selected: option.getAttribute('aria-selected') } : null;
  });

describe('place-name search', () => {
  test('typing "Leeds" suggests its seats; the keyboard chooses one; the results are from that seat', async () => {
    const page = await home(visitor);
    await box(page).pressSequentially('Leeds', { delay: 30 });
    // "Le" already lists the Leeds seats (and Leicester East): wait for the answer to the whole word.
    await expect.poll(() => page.locator('.combobox-label').allTextContents()).toEqual([
      'Leeds Central and Headingley',
      'Leeds East',
      'Leeds North East',
      'Leeds North West',
      'Leeds South',
      'Leeds South West and Morley',
      'Leeds West and Pudsey',
    ]);
    expect(await box(page).getAttribute('aria-expanded')).toBe('true');
    await expectAccessible(page, 'home: place suggestions open');

    // Down, Down, Up, Down: the second option; focus never leaves the box.
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowUp', 'ArrowDown']) await page.keyboard.press(key);
    expect(await activeOption(page)).toEqual({ text: 'Leeds East', selected: 'true' });
    expect(await box(page).evaluate((el) => el === document.activeElement)).toBe(true);
    // Escape closes the list and keeps the text; Down opens it again at the first option.
    await page.keyboard.press('Escape');
    expect(await box(page).getAttribute('aria-expanded')).toBe('false');
    expect(await box(page).inputValue()).toBe('Leeds');
    await page.keyboard.press('ArrowDown');
    expect(await activeOption(page)).toEqual({ text: 'Leeds Central and Headingley', selected: 'true' });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');

    await arriveAt(page, new RegExp(`/near/${LEEDS_EAST}$`), 'Events near Leeds East');
    await page.getByText('Distances are from a central point of Leeds East.').waitFor();
    await nearList(page).getByRole('status').filter({ hasText: /within 25 km of Leeds East/ }).waitFor();
    expect(await page.title()).toMatch(/Events near Leeds East/);
    // As the accessibility suite checks the near page: with its map drawn.
    await page.locator('[data-testid="map"] canvas').first().waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Zoom in' }).waitFor();
    await expectAccessible(page, 'near a seat');

    // The link travels: opened afresh, the same seat.
    const again = await visitor.newPage();
    await again.goto(`/near/${LEEDS_EAST}`);
    await again.getByRole('heading', { level: 1, name: 'Events near Leeds East' }).waitFor();
    await again.close();
    await page.close();
  });

  test('"Leeds" sent without choosing lists the matches; an exact or only match goes straight there', async () => {
    const page = await home(visitor);
    await box(page).fill('Leeds');
    await page.getByRole('button', { name: 'Find events' }).click();
    await arriveAt(page, /\/near\/Leeds$/, 'Find events near you');
    const choices = page.getByRole('region', { name: 'Which place did you mean?' });
    await choices.getByRole('link', { name: 'Leeds South', exact: true }).waitFor();
    expect(await choices.getByRole('link').count()).toBe(7);
    await expectAccessible(page, 'near: which place did you mean');
    await choices.getByRole('link', { name: 'Leeds South', exact: true }).click();
    await arriveAt(page, new RegExp(`/near/${LEEDS_SOUTH}$`), 'Events near Leeds South');

    // The only match.
    await page.goto('/');
    await box(page).fill('morley');
    await box(page).press('Enter');
    await arriveAt(page, /\/near\/E14001324$/, 'Events near Leeds South West and Morley');

    // An exact name, in any case, on the marginals page.
    await page.goto('/marginals');
    await box(page).fill('leeds east');
    await page.getByRole('button', { name: 'Find marginal seats' }).click();
    await arriveAt(page, new RegExp(`/marginals/${LEEDS_EAST}$`), 'Nearest marginal seats to Leeds East');
    await page.getByText('Distances are from a central point of Leeds East.').waitFor();

    // Nothing matches: said in the box, which keeps focus.
    await page.goto('/');
    await box(page).fill('Qwxyzzy');
    await box(page).press('Enter');
    await page.getByText('nothing matches “Qwxyzzy”').waitFor();
    expect(await box(page).getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).pathname).toBe('/');
    await page.close();
  });

  test('postcode districts are suggested too', async () => {
    const page = await home(visitor);
    await box(page).pressSequentially('ls1', { delay: 30 });
    await options(page).first().filter({ hasText: 'LS1' }).waitFor();
    expect(await page.locator('.combobox-label').first().textContent()).toBe('LS1');
    await options(page).filter({ hasText: 'LS10' }).click();
    await arriveAt(page, /\/near\/LS10$/, 'Events near LS10');
    await page.getByText('Distances are from the middle of LS10.').waitFor();
    await page.close();
  });
});

describe('distance from a full postcode', () => {
  test('the near and marginals pages say distances are from the district’s middle', async () => {
    const page = await visitor.newPage();
    await page.goto('/near/LS61AN');
    await page.getByRole('heading', { level: 1, name: 'Events near LS6 1AN' }).waitFor();
    const note = 'Distances are from the middle of LS6, not from LS6 1AN itself: we only know where postcode districts are.';
    await page.getByText(note).waitFor();
    await page.goto('/marginals/LS61AN');
    await page.getByRole('heading', { level: 1, name: 'Nearest marginal seats to LS6 1AN' }).waitFor();
    await page.getByText(note).waitFor();
    await page.close();
  });
});

describe('Northern Ireland', () => {
  test('a BT postcode says Northern Ireland is not covered yet and what to do instead', async () => {
    const page = await home(visitor);
    await box(page).fill('BT1 1AA');
    await page.getByRole('button', { name: 'Find events' }).click();
    const said = page.getByText('Northern Ireland postcodes are not covered yet');
    await said.waitFor();
    expect(await said.textContent()).toMatch(/search by constituency name instead .*or use your location/i);
    expect(await box(page).getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).pathname).toBe('/');
    await expectAccessible(page, 'home: Northern Ireland postcode');

    // A shared link says the same, on both results pages.
    for (const path of ['/near/BT11AA', '/marginals/BT1']) {
      await page.goto(path);
      const alert = page.getByRole('alert').filter({ hasText: 'Northern Ireland postcodes are not covered yet' });
      await alert.waitFor();
    }
    // Its seats are found by name.
    await page.goto('/');
    await box(page).pressSequentially('Belfast', { delay: 30 });
    await options(page).filter({ hasText: 'Belfast South and Mid Down' }).waitFor();
    await page.close();
  });
});

describe('use my location', () => {
  // Nearer than a km to one side of Headingley; the page must never send or show these digits.
  const exact = { latitude: 53.8201234, longitude: -1.5801234 };

  test('searches from the ~1 km square only: the address and every request carry the snapped point', async () => {
    const browser = await newBrowser();
    try {
      browser.setDefaultTimeout(30_000);
      await browser.grantPermissions(['geolocation']);
      await browser.setGeolocation(exact);
      const page = await home(browser);
      const sent: Request[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/graphql')) sent.push(r);
      });
      await page.getByRole('button', { name: 'Use my location' }).click();
      const snapped = snapLocation({ lat: exact.latitude, lng: exact.longitude });
      await page.waitForURL((url) => url.pathname === `/near/@${snapped.lat},${snapped.lng}`);
      await page.getByRole('heading', { level: 1, name: /^Events near LS\d+$/ }).waitFor();
      await page.getByText(/^Distances are from a point near LS\d+, rounded to about 1 km\.$/).waitFor();
      await nearList(page).getByRole('listitem').first().waitFor();

      const near = sent.filter((r) => sendsOperation(r.postData(), 'EventsNear'));
      expect(near.length).toBeGreaterThan(0);
      for (const r of near) {
        expect(JSON.parse(r.postData() ?? '{}').variables.input.location).toEqual(snapped);
      }
      for (const r of sent) expect(`${r.url()} ${r.postData() ?? ''}`).not.toMatch(/53\.8201|1\.5801/);
      expect(page.url()).not.toMatch(/53\.8201|1\.5801/);
    } finally {
      await browser.close();
    }
  });

  test('refused, unavailable and too slow: each says so and what to do instead', async () => {
    const browser = await newBrowser();
    try {
      browser.setDefaultTimeout(30_000);
      // The browser's answer is whatever code the test sets.
      await browser.addInitScript(() => {
        const w = window as unknown as { geoErrorCode: number };
        w.geoErrorCode = 1;
        Object.defineProperty(navigator, 'geolocation', {
          configurable: true,
          value: {
            getCurrentPosition: (_ok: unknown, fail: (e: { code: number; message: string }) => void) =>
              setTimeout(() => fail({ code: w.geoErrorCode, message: 'mocked' }), 0),
            watchPosition: () => 0,
            clearWatch: () => undefined,
          },
        });
      });
      const page = await home(browser);
      const cases: [number, RegExp][] = [
        [1, /not allowed to share your location/],
        [2, /could not be found just now/],
        [3, /took too long/],
      ];
      for (const [code, message] of cases) {
        await page.evaluate((c) => {
          (window as unknown as { geoErrorCode: number }).geoErrorCode = c;
        }, code);
        await page.getByRole('button', { name: 'Use my location' }).click();
        const alert = page.getByRole('alert').filter({ hasText: message });
        await alert.waitFor();
        expect(await alert.textContent()).toMatch(/search by postcode or place name/);
      }
      expect(new URL(page.url()).pathname).toBe('/');
      await expectAccessible(page, 'home: location refused');
    } finally {
      await browser.close();
    }
  });
});
