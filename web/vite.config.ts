import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type ProxyOptions } from 'vite';
import { firstRouteBudget } from './vite-budget.ts';
import { routePreloads } from './vite-route-preloads.ts';
import { firstPaintHtml } from './vite-first-paint.ts';
import { graphqlDocuments, persistedDocuments, trimmedIntrospection } from './vite-graphql.ts';

const apiUrl = process.env.API_URL ?? 'http://localhost:4000';
const port = Number(process.env.WEB_PORT ?? 5173);
const host = process.env.WEB_HOST ?? '127.0.0.1';

// Live updates are SSE streams: passed through as they come (the proxy pipes; nothing may buffer or compress them).
const streamEvents: ProxyOptions['configure'] = (proxy) => {
  proxy.on('proxyRes', (proxyRes) => {
    if (!String(proxyRes.headers['content-type'] ?? '').startsWith('text/event-stream')) return;
    proxyRes.headers['cache-control'] = 'no-cache, no-transform';
    proxyRes.headers['x-accel-buffering'] = 'no';
  });
};

// The API is proxied so the session cookie is same-origin with the app; X-Forwarded-For carries the client's IP.
const proxy = Object.fromEntries(
  // The last three: crawlers' files and events' preview pictures (their link-preview tags exist only in production).
  ['/graphql', '/calendar', '/health', '/mail/', '/robots.txt', '/sitemap.xml', '^/events/[^/]+/preview\\.png$'].map((path) => [
    path,
    { target: apiUrl, changeOrigin: false, xfwd: true, configure: streamEvents } satisfies ProxyOptions,
  ]),
);

const SOURCES = fileURLToPath(new URL('./src/', import.meta.url));
const ENTRY = `${SOURCES}main.tsx`;
// By name, not by import: a package's index (shared's re-exports everything) would bring what no page uses up front.
const SHELL_PACKAGES = /node_modules\/\.pnpm\/(react|react-dom|scheduler|wouter|regexparam|use-sync-external-store|urql|@urql\+[a-z-]+|wonka|@0no-co\+graphql\.web)@/;
type ChunkingContext = { getModuleInfo(id: string): { importedIds: readonly string[] } | null };
const firstRoute = new WeakMap<ChunkingContext, Set<string>>();
/** The entry's static imports, all the way down (not main.tsx itself, which stays the entry chunk). */
function firstRouteModules(ctx: ChunkingContext): Set<string> {
  let modules = firstRoute.get(ctx);
  if (modules) return modules;
  modules = new Set();
  const visit = (id: string) => {
    for (const next of ctx.getModuleInfo(id)?.importedIds ?? []) {
      if (modules!.has(next)) continue;
      modules!.add(next);
      visit(next);
    }
  };
  visit(ENTRY);
  modules.delete(ENTRY);
  firstRoute.set(ctx, modules);
  return modules;
}

export default defineConfig({
  root: import.meta.dirname,
  // Fails the build if the entry and its static imports (108.4 KB gzip today, what every page loads before its own
  // code) grow past 110 KB: each page's total has to stay within the 120 KB target (see README).
  plugins: [graphqlDocuments(), trimmedIntrospection(), react(), persistedDocuments(), firstRouteBudget(110 * 1024), routePreloads(), firstPaintHtml()],
  server: { port, host, strictPort: true, proxy },
  preview: { port, host, strictPort: true, proxy },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    // No polyfill: a browser without module preload still loads the modules, only without the head start.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // What every page loads (the entry's static imports: React, the router, the GraphQL client, the layout, home)
        // goes in one file: one file compresses smaller than a dozen (2.6 KB gzip less than split by importer).
        codeSplitting: {
          groups: [
            {
              debugName: 'shell',
              name: (id, ctx) => (SHELL_PACKAGES.test(id) || (id.startsWith(SOURCES) && firstRouteModules(ctx).has(id)) ? 'shell' : null),
            },
          ],
        },
      },
    },
  },
});
