import express, { type NextFunction, type Request, type Response } from 'express';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { RateLimited, type RateLimits } from '../security/rate-limits.ts';
import { eventCard, eventPath } from './event-card.ts';
import { escapeHtml, eventHead } from './meta.ts';
import { previewPng } from './preview-image.tsx';
import { encodeGlobalID } from '@pothos/plugin-relay';

/** The sitemap protocol's limit for one file. */
const SITEMAP_MAX = 50_000;

/** robots.txt, sitemap.xml and events' preview pictures: what crawlers and link previews fetch. */
export function shareRoutes(prisma: Db, config: Config, limits: RateLimits): express.Router {
  const router = express.Router();

  router.get('/robots.txt', (_req, res) => {
    const lines = [
      'User-agent: *',
      // The API, private feeds and pages that are someone's own.
      ...['/graphql', '/calendar/', '/mail/', '/plain/', '/account/', '/plans', '/organise', '/admin/', '/unsubscribe', '/reminder'].map(
        (p) => `Disallow: ${p}`,
      ),
      'Allow: /',
      '',
      `Sitemap: ${config.publicUrl}/sitemap.xml`,
    ];
    res.type('text/plain').set('Cache-Control', 'public, max-age=3600').send(`${lines.join('\n')}\n`);
  });

  router.get('/sitemap.xml', async (_req, res, next) => {
    try {
      const events = await prisma.event.findMany({
        where: { status: 'PUBLISHED', visibility: 'PUBLIC', endsAt: { gt: new Date() } },
        select: { id: true, updatedAt: true },
        orderBy: { startsAt: 'asc' },
        take: SITEMAP_MAX - 1,
      });
      const url = (loc: string, lastmod?: Date) =>
        `  <url><loc>${escapeHtml(loc)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : ''}</url>`;
      const body = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        url(`${config.publicUrl}/`),
        ...events.map((e) => url(`${config.publicUrl}${eventPath(encodeGlobalID('Event', e.id))}`, e.updatedAt)),
        '</urlset>',
        '',
      ].join('\n');
      res.type('application/xml').set('Cache-Control', 'public, max-age=600').send(body);
    } catch (error) {
      next(error);
    }
  });

  router.get('/events/:id/preview.png', async (req: Request, res: Response, next: NextFunction) => {
    try {
      await limits.request(req.ip ?? 'unknown');
      const card = await eventCard(prisma, String(req.params.id));
      if (!card) return void res.status(404).set('Cache-Control', 'no-store').type('text/plain').send('No such event');
      const { png, etag } = await previewPng(card);
      // Edits change the page's image URL (?v=); the ETag covers a date that gains or loses its year.
      res.set({ ETag: etag, 'Cache-Control': 'public, max-age=3600, must-revalidate' });
      const known = String(req.headers['if-none-match'] ?? '').split(/\s*,\s*/);
      if (known.includes(etag) || known.includes(`W/${etag}`)) return void res.status(304).end();
      res.type('image/png').send(png);
    } catch (error) {
      if (error instanceof RateLimited) {
        res.status(429).set('Retry-After', String(error.retryAfterSeconds)).type('text/plain').send(error.message);
        return;
      }
      next(error);
    }
  });

  return router;
}

/** The <head> tags of a public, published event's page; null elsewhere (index.html's own, the site's, stay). */
export function pageHead(prisma: Db, config: Config) {
  return async (pathname: string): Promise<string | null> => {
    const id = /^\/events\/([^/]+)\/?$/.exec(pathname)?.[1];
    let decoded: string | null = null;
    try {
      decoded = id ? decodeURIComponent(id) : null;
    } catch {
      decoded = null;
    }
    const card = decoded && decoded !== 'new' ? await eventCard(prisma, decoded) : null;
    return card ? eventHead(card, config.publicUrl) : null;
  };
}
