import react from '@vitejs/plugin-react';
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

export default defineConfig({
  root: import.meta.dirname,
  // Fails the build if the entry and its static imports (118 KB gzip today) pass the 120 KB target (see README).
  plugins: [graphqlDocuments(), trimmedIntrospection(), react(), persistedDocuments(), firstRouteBudget(120 * 1024), routePreloads(), firstPaintHtml()],
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
        // Every page needs React, the router and the GraphQL client: one file compresses smaller than a handful.
        codeSplitting: {
          groups: [{ name: 'shell', test: /node_modules\/\.pnpm\/(react|react-dom|scheduler|react-router|urql|@urql\+[a-z-]+|wonka|@0no-co\+graphql\.web)@/ }],
        },
      },
    },
  },
});
