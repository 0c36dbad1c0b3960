import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningApi } from '../src/server.ts';
import { startTestApi } from './helpers.ts';

// The GraphQL-over-HTTP spec's own audit suite (graphql-http), run against the real server.
let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const audits = serverAudits({ url: () => `${api.url}/graphql` });

describe('GraphQL over HTTP audit', () => {
  test('has MUST audits', () => expect(audits.filter((a) => a.name.startsWith('MUST')).length).toBeGreaterThan(10));

  for (const audit of audits.filter((a) => a.name.startsWith('MUST'))) {
    test(audit.name, async () => {
      const result = await audit.fn();
      expect(result.status, result.status === 'ok' ? '' : (result as { reason?: string }).reason).toBe('ok');
    });
  }

  test('SHOULD audits: report', async () => {
    const failed: string[] = [];
    for (const audit of audits.filter((a) => !a.name.startsWith('MUST'))) {
      const result = await audit.fn();
      if (result.status !== 'ok') failed.push(`${audit.name}: ${(result as { reason?: string }).reason ?? result.status}`);
    }
    console.log(`graphql-http SHOULD/MAY audits not met (${failed.length}):\n${failed.join('\n')}`);
  });
});
