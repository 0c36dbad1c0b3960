import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { printedSchema } from '../src/graphql/schema.ts';

test('the committed api/schema.graphql matches the schema the code builds (run `pnpm --filter @rallypoint/api schema:print`)', () => {
  const committed = readFileSync(path.join(import.meta.dirname, '..', 'schema.graphql'), 'utf8');
  expect(committed).toBe(printedSchema());
});
