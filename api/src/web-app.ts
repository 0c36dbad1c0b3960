import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import express, { type Request, type Response } from 'express';
import helmet from 'helmet';
import { withHead } from './share/meta.ts';

/** Paths the API answers; never the web app, whatever the Accept header says. */
const API_PATH = /^\/(graphql|health|calendar|plain|mail)(\/|$)/;

// mapbox-gl (used only with a token) fetches tiles, styles and telemetry from these.
const MAPBOX_HOSTS = ['https://api.mapbox.com', 'https://*.tiles.mapbox.com', 'https://events.mapbox.com'];

/** The origin a map style on another site is fetched from (with its tiles, sprites and fonts); none for a path. */
function styleOrigin(mapStyleUrl: string | null): string[] {
  if (!mapStyleUrl || mapStyleUrl.startsWith('/')) return [];
  return [new URL(mapStyleUrl).origin];
}

/** The policy the built app runs under; API responses keep the strict `default-src 'none'`. */
export function webAppCsp(mapbox: boolean, mapStyleUrl: string | null = null) {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // Map libraries position their elements with inline styles.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    workerSrc: ["'self'", 'blob:'],
    connectSrc: ["'self'", ...(mapbox ? MAPBOX_HOSTS : []), ...styleOrigin(mapStyleUrl)],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  };
}

/**
 * Serves the built web app (`vite build` output) on the API's origin: hashed assets cached for a year,
 * index.html revalidated, and every other page the browser asks for answered with index.html (client routing).
 * With `head`, a page that has its own tags (link previews read them) gets them in place of index.html's.
 */
export function webApp(
  dir: string,
  options: { mapbox: boolean; mapStyleUrl?: string | null; head?: (pathname: string) => Promise<string | null> },
): express.Router {
  const router = express.Router();
  const index = path.join(dir, 'index.html');
  const mapStyleUrl = options.mapStyleUrl ?? null;
  // The map style set at start reaches the built app in its page (src/map/custom-style.ts reads it).
  const styleMeta = mapStyleUrl ? `<meta name="rallypoint-map-style" content="${escapeAttribute(mapStyleUrl)}">` : null;
  const preloads = routePreloads(dir);
  const page = (html: string, pathname: string) => {
    const tags = [styleMeta, preloads(pathname)].filter(Boolean).join('\n    ');
    return tags ? html.replace(/<\/head>/i, () => `  ${tags}\n  </head>`) : html;
  };
  router.use(helmet.contentSecurityPolicy({ useDefaults: false, directives: webAppCsp(options.mapbox, mapStyleUrl) }));
  router.use('/assets', express.static(path.join(dir, 'assets'), { index: false, immutable: true, maxAge: '365d' }));
  router.use('/assets', (_req, res) => void res.status(404).type('text/plain').send('Not found'));
  router.use(express.static(dir, { index: false, setHeaders: (res) => res.set('Cache-Control', 'no-cache') }));
  router.use((req: Request, res: Response, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATH.test(req.path) || !req.accepts('html')) return next();
    res.set('Cache-Control', 'no-cache');
    const send = (tags: string | null) =>
      readFile(index, 'utf8').then((html) => void res.type('html').send(page(tags === null ? html : withHead(html, tags), req.path)));
    (options.head ? options.head(req.path) : Promise.resolve(null)).then(send).catch(next);
  });
  return router;
}

interface RoutePreload {
  path: string;
  scripts: string[];
  styles: string[];
}

/**
 * The page's own code, from the build's route-preloads.json, as preload tags: fetched alongside the app's instead of
 * after it has started and routed. No file (a build without it), no tags.
 */
function routePreloads(dir: string): (pathname: string) => string | null {
  let routes: RoutePreload[];
  try {
    routes = JSON.parse(readFileSync(path.join(dir, 'route-preloads.json'), 'utf8')) as RoutePreload[];
  } catch {
    return () => null;
  }
  const matchers = routes.map((route) => {
    const pattern = route.path.split('/').map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    const tags = [
      // Low priority, as index.html's own scripts (web/vite-first-paint.ts): the first paint needs none of them.
      ...route.scripts.map((file) => `<link rel="modulepreload" crossorigin fetchpriority="low" href="/${escapeAttribute(file)}">`),
      ...route.styles.map((file) => `<link rel="preload" as="style" crossorigin href="/${escapeAttribute(file)}">`),
    ].join('\n    ');
    return { re: new RegExp(`^/${pattern.join('/')}/?$`), tags };
  });
  return (pathname) => matchers.find((m) => m.re.test(safeDecode(pathname)))?.tags || null;
}

function safeDecode(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
