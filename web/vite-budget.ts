import { gzipSync } from 'node:zlib';
import type { Plugin, Rollup } from 'vite';

/** Modules of the map libraries: they must load lazily, never with the first page. */
export const MAP_MODULE = /node_modules\/.*\/(maplibre-gl|mapbox-gl|@vis\.gl|react-map-gl)\//;

/** What every page loads before routing: the entry chunk and its static imports, gzip bytes (level 9). */
export function firstRouteJs(bundle: Rollup.OutputBundle): { gzip: number; chunks: string[]; mapModules: string[] } {
  const chunks = new Map(Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c] as const] : [])));
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const i of chunks.get(name)?.imports ?? []) visit(i);
  };
  for (const c of chunks.values()) if (c.isEntry) visit(c.fileName);
  const loaded = [...seen].map((n) => chunks.get(n)!);
  return {
    gzip: loaded.reduce((s, c) => s + gzipSync(c.code, { level: 9 }).length, 0),
    chunks: [...seen],
    mapModules: loaded.flatMap((c) => Object.keys(c.modules).filter((id) => MAP_MODULE.test(id))),
  };
}

/**
 * Fails the build when the first page's JavaScript takes in a map library (it must stay a lazy chunk) or grows past
 * `ceilingBytes` gzip: a size, not a timing, so the check is exact. `pnpm bench:web` reports the figures.
 */
export function firstRouteBudget(ceilingBytes: number): Plugin {
  let production = true;
  return {
    name: 'rallypoint:first-route-budget',
    apply: 'build',
    configResolved(config) {
      // A build under NODE_ENV=test (the browser tests' own) bundles React's larger development build.
      production = config.isProduction;
    },
    generateBundle(_options, bundle) {
      const { gzip, mapModules } = firstRouteJs(bundle);
      if (mapModules.length > 0) this.error(`The first page's JavaScript includes the map library (${mapModules.slice(0, 3).join(', ')}): import it lazily (see map/EventMap.tsx)`);
      if (production && gzip > ceilingBytes) {
        this.error(`The first page's JavaScript is ${(gzip / 1024).toFixed(1)} KB gzip, over its ${(ceilingBytes / 1024).toFixed(0)} KB ceiling: load more of it lazily`);
      }
    },
  };
}
