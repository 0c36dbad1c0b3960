import type { TestProject } from 'vitest/node';
import { obtainChromium } from './chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    chromium: { executablePath: string; env: Record<string, string> };
  }
}

/** Before anything else: the browser, found or installed (see chromium.ts); the run fails if there is none. */
export default async function setup(project: TestProject) {
  const log = (line: string) => console.log(`[browser] ${line}`);
  const choice = await obtainChromium(log);
  log(`browser tests use ${choice.description}`);
  project.provide('chromium', { executablePath: choice.executablePath, env: choice.env });
}
