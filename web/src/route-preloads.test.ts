import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { routeModules } from '../vite-route-preloads.ts';

test('every lazily loaded page in routes.tsx is found, so the server can preload its code', () => {
  const source = readFileSync(new URL('./routes.tsx', import.meta.url), 'utf8');
  const found = routeModules(source);
  const lazyRoutes = [...source.matchAll(/<Route path="[^"]+" component=\{(\w+)\} \/>/g)].filter((m) => source.includes(`const ${m[1]} = lazyPage(`));
  expect(found.length).toBe(lazyRoutes.length);
  expect(found).toContainEqual({ path: 'near/:postcode', module: 'events/NearPage.tsx' });
  expect(found).toContainEqual({ path: 'events/:id', module: 'events/EventPage.tsx' });
  expect(found).toContainEqual({ path: 'marginals/:postcode', module: 'marginals/MarginalsPage.tsx' });
});
