import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import { createYoga, maskError } from 'graphql-yoga';
import helmet from 'helmet';
import { loadViewer, sessionToken } from './accounts/sessions.ts';
import type { Config } from './config.ts';
import type { Context, Viewer } from './context.ts';
import type { Db } from './db/client.ts';
import { databaseUnavailableError, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from './db/unavailable.ts';
import { eventCalendar, memberFeed } from './events/calendar.ts';
import { seriesCalendar } from './shifts/calendar.ts';
import { plainEventsNear } from './events/plain-route.ts';
import { isUuid } from './errors.ts';
import { oneClickUnsubscribe } from './mail/unsubscribe-route.ts';
import type { Live } from './live/pubsub.ts';
import { compiledDiscovery } from './graphql/jit.ts';
import { schema } from './graphql/schema.ts';
import { graphqlProtections } from './security/graphql-limits.ts';
import { RateLimited, RateLimits } from './security/rate-limits.ts';
import { LiveStreams } from './security/live-streams.ts';
import { requestBody } from './security/request-body.ts';
import { trustedDocuments } from './security/trusted-documents.ts';
import { pageHead, shareRoutes } from './share/routes.ts';
import { webApp } from './web-app.ts';

/** Far above any real operation (a 5,000-character description is ~5 KB). */
export const MAX_BODY_BYTES = 256 * 1024;

const viewerOf = (res: Response): Viewer | null => (res.locals.viewer as Viewer | null | undefined) ?? null;

const tooMany = (res: Response, error: RateLimited) =>
  void res
    .status(429)
    .set('Retry-After', String(error.retryAfterSeconds))
    .json({ errors: [{ message: error.message, extensions: { code: 'RATE_LIMITED' } }] });

export function createApp(prisma: Db, config: Config, live: Live, outbox: Context['outbox'] = { kick: () => {} }) {
  const app = express();
  const limits = new RateLimits(config.rateLimits, live.redis);
  const liveStreams = new LiveStreams(config.rateLimits);
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  // GraphiQL (development only) needs inline scripts and a CDN; API responses are JSON or calendar files. The web
  // app's own files get their policy in web-app.ts.
  app.use(
    helmet({
      contentSecurityPolicy: config.production
        ? { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } }
        : false,
      crossOriginResourcePolicy: { policy: 'same-site' },
    }),
  );

  // Live updates (SSE) pass as they are written: compressing would buffer them.
  app.use(
    compression({
      filter: (req, res) =>
        !String(req.headers.accept ?? '').includes('text/event-stream') &&
        !String(res.getHeader('content-type') ?? '').startsWith('text/event-stream') &&
        compression.filter(req, res),
    }),
  );

  app.get('/health', async (_req, res) => {
    const started = performance.now();
    try {
      await prisma.$queryRaw`SELECT 1`;
      res.json({ status: 'ok', database: 'up', dbLatencyMs: Math.round((performance.now() - started) * 10) / 10 });
    } catch {
      res.status(503).json({ status: 'degraded', database: 'down' });
    }
  });

  const withViewer = async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.locals.viewer = await loadViewer(prisma, sessionToken(req));
      next();
    } catch (error) {
      next(error);
    }
  };

  app.get('/calendar/events/:file', withViewer, async (req, res, next) => {
    try {
      const id = /^(.+)\.ics$/.exec(String(req.params.file))?.[1];
      const body = isUuid(id) ? await eventCalendar(prisma, viewerOf(res), id, config) : null;
      if (!body) return void res.status(404).type('text/plain').send('No such event');
      res.type('text/calendar; charset=utf-8').attachment(`rallypoint-${id}.ics`).send(body);
    } catch (error) {
      next(error);
    }
  });

  app.get('/calendar/series/:file', withViewer, async (req, res, next) => {
    try {
      const id = /^(.+)\.ics$/.exec(String(req.params.file))?.[1];
      const body = isUuid(id) ? await seriesCalendar(prisma, viewerOf(res), id, config) : null;
      if (!body) return void res.status(404).type('text/plain').send('No such series');
      res.type('text/calendar; charset=utf-8').attachment(`rallypoint-series-${id}.ics`).send(body);
    } catch (error) {
      next(error);
    }
  });

  if (config.benchPlainRoute) app.get('/plain/events-near', plainEventsNear(prisma));

  app.get('/calendar/feed/:file', async (req, res, next) => {
    try {
      const token = /^([0-9a-f]{64})\.ics$/.exec(String(req.params.file))?.[1];
      const body = token ? await memberFeed(prisma, token, config) : null;
      if (!body) return void res.status(404).type('text/plain').send('No such calendar');
      res.type('text/calendar; charset=utf-8').set('Cache-Control', 'private, max-age=300').send(body);
    } catch (error) {
      next(error);
    }
  });

  const yoga = createYoga<{ req: Request; res: Response }, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    maskedErrors: {
      // A database outage is told plainly (503, Retry-After); other internal errors are masked in production only.
      maskError: (error, message, isDev) => {
        if (isDatabaseUnavailable(error)) return databaseUnavailableError();
        return !config.production && error instanceof Error ? error : maskError(error, message, isDev && !config.production);
      },
    },
    landingPage: !config.production,
    // Without this yoga still serves GraphiQL to any GET that accepts text/html.
    graphiql: !config.production,
    plugins: [
      trustedDocuments({ file: config.trustedDocumentsFile, allowArbitrary: config.allowArbitraryOperations, production: config.production }),
      ...graphqlProtections(config.production),
      compiledDiscovery({ production: config.production }),
    ],
    // Only the web app's own origin may call with credentials (yoga's default would reflect any origin).
    cors: { origin: new URL(config.publicUrl).origin, credentials: true },
    context: ({ req, res }) => ({ prisma, config, viewer: viewerOf(res), req, res, limits, live, outbox }),
  });
  const rateLimited =
    (take: (req: Request, res: Response) => Promise<void> | undefined) => async (req: Request, res: Response, next: NextFunction) => {
      try {
        await take(req, res);
        next();
      } catch (error) {
        if (error instanceof RateLimited) tooMany(res, error);
        else next(error);
      }
    };
  // Live (SSE) streams never finish by themselves: remembered so a shutdown can end them and drain the rest.
  const streams = new Set<Response>();
  app.locals.endStreams = () => {
    for (const res of streams) res.end();
  };
  const trackStreams = (req: Request, res: Response, next: NextFunction) => {
    if (String(req.headers.accept ?? '').includes('text/event-stream')) {
      streams.add(res);
      res.on('close', () => streams.delete(res));
    }
    next();
  };
  // yoga is itself a (req, res) handler; it reads the full URL from req.originalUrl.
  app.use(
    yoga.graphqlEndpoint,
    trackStreams,
    rateLimited((req) => limits.request(req.ip ?? 'unknown')),
    requestBody(MAX_BODY_BYTES, config.production),
    withViewer,
    rateLimited((_req, res) => (viewerOf(res) ? limits.accountRequest(viewerOf(res)!.id) : undefined)),
    rateLimited((req, res) => liveStreams.admit(req, res, viewerOf(res)?.id ?? null)),
    yoga as unknown as express.RequestHandler,
  );

  // RFC 8058 one-click unsubscribe: mail apps POST `List-Unsubscribe=One-Click` (form-encoded, no cookie, no CSRF
  // header) to the List-Unsubscribe address. The signed token is the proof. A GET (a person, or a scanner following
  // the link) changes nothing: it is sent to the page that asks first.
  app.post('/mail/unsubscribe', rateLimited((req) => limits.request(req.ip ?? 'unknown')), oneClickUnsubscribe({ prisma, outbox }));
  app.get('/mail/unsubscribe', (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    res.set('Cache-Control', 'no-store').redirect(303, `${config.publicUrl}/unsubscribe?token=${encodeURIComponent(token)}`);
  });

  app.use(shareRoutes(prisma, config, limits));
  if (config.webDistDir) app.use(webApp(config.webDistDir, { mapbox: config.mapboxToken !== null, mapStyleUrl: config.mapStyleUrl, head: pageHead(prisma, config) }));

  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    if (isDatabaseUnavailable(error)) {
      const unavailable = databaseUnavailableError();
      res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS));
      res.json({ errors: [{ message: unavailable.message, extensions: { code: 'DATABASE_UNAVAILABLE' } }] });
      return;
    }
    console.error(error);
    res.status(500).json({ errors: [{ message: 'Unexpected error.' }] });
  });
  return app;
}
