import express, { type NextFunction, type Request, type Response } from 'express';
import { createYoga } from 'graphql-yoga';
import { loadViewer, sessionToken } from './accounts/sessions.ts';
import type { Config } from './config.ts';
import type { Context, Viewer } from './context.ts';
import type { Db } from './db/client.ts';
import { eventCalendar, memberFeed } from './events/calendar.ts';
import { isUuid } from './errors.ts';
import { schema } from './graphql/schema.ts';

/** Far above any real operation (a 5,000-character description is ~5 KB). */
export const MAX_BODY_BYTES = 256 * 1024;

const viewerOf = (res: Response): Viewer | null => (res.locals.viewer as Viewer | null | undefined) ?? null;

export function createApp(prisma: Db, config: Config) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

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
    maskedErrors: config.production,
    landingPage: !config.production,
    context: ({ req, res }) => ({ prisma, config, viewer: viewerOf(res), req, res }),
  });
  app.use(yoga.graphqlEndpoint, (req, res, next) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      res.status(413).json({ errors: [{ message: `Request body too large (limit ${MAX_BODY_BYTES / 1024} KB)` }] });
      return;
    }
    next();
  });
  // yoga is itself a (req, res) handler; it reads the full URL from req.originalUrl.
  app.use(yoga.graphqlEndpoint, withViewer, yoga as unknown as express.RequestHandler);

  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    console.error(error);
    if (!res.headersSent) res.status(500).json({ error: 'Internal error' });
  });
  return app;
}
