import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import { newContext } from './launch.ts';

export { mapInkRatio, waitForMapIdle } from './launch.ts';

/** A fresh browser profile on the Chromium chromium-setup.ts found, pointed at the web app under test. */
export function newBrowser(viewport = { width: 1280, height: 900 }, more: { javaScriptEnabled?: boolean; webgl?: boolean } = {}): Promise<BrowserContext> {
  return newContext(inject('chromium'), { ...more, viewport, baseURL: inject('webUrl') });
}

/** As `newBrowser`, on a device without WebGL: the maps cannot be drawn. */
export function newBrowserNoWebGL(viewport = { width: 1280, height: 900 }): Promise<BrowserContext> {
  return newBrowser(viewport, { webgl: false });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
  /** Up to five offending elements (CSS selectors) and axe's explanation for the first. */
  targets?: string[];
  summary?: string;
}

/** axe-core's minified build: the same rules as `axe.source` in under half the bytes to send and parse per page. */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page (injected once per page); returns serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    // biome-ignore lint/suspicious/noExplicitAny: plain JSON back from the page
    return r.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      // biome-ignore lint/suspicious/noExplicitAny: plain JSON back from the page
      targets: v.nodes.slice(0, 5).map((n: any) => n.target.join(' ')),
      summary: v.nodes[0]?.failureSummary,
    }));
  });
  return (results as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

