import { canSeeExactAddress, placesLeft } from '@rallypoint/shared';
import type { Request, Response } from 'express';
import type { Db } from '../db/client.ts';
import { UserError } from '../errors.ts';
import { EVENT_COLUMNS } from './columns.ts';
import { eventsNear } from './service.ts';

/**
 * The benchmark's baseline (BENCH_PLAIN_ROUTE=1 only): the same eventsNear SQL and the same row fetch as the GraphQL
 * query, behind a bare JSON route, so the difference measured is GraphQL's own cost: the Event type's own columns
 * (all the benchmark's fields need), and the location by the same rule, for an anonymous viewer.
 */
export function plainEventsNear(prisma: Db) {
  return async (req: Request, res: Response) => {
    try {
      const n = (k: string) => (req.query[k] === undefined ? undefined : Number(req.query[k]));
      const result = await eventsNear(prisma, {
        location: { lat: n('lat'), lng: n('lng') },
        radiusKm: n('radiusKm'),
        first: n('first'),
      });
      const rows = await prisma.event.findMany({
        where: { id: { in: result.hits.map((h) => h.id) } },
        select: EVENT_COLUMNS,
      });
      const byId = new Map(rows.map((r) => [r.id, r]));
      res.json({
        edges: result.hits.map((h) => {
          const e = byId.get(h.id)!;
          return {
            distanceKm: h.distanceKm,
            node: {
              id: e.id,
              title: e.title,
              kind: e.kind,
              startsAt: e.startsAt,
              areaLabel: e.areaLabel,
              location: canSeeExactAddress({ addressVisibility: e.addressVisibility, viewerManagesEvent: false, viewerRsvpStatus: undefined })
                ? { lat: e.exactLat, lng: e.exactLng }
                : { lat: e.lat, lng: e.lng },
              goingCount: e.goingCount,
              placesLeft: placesLeft(e),
            },
          };
        }),
      });
    } catch (error) {
      res.status(error instanceof UserError ? 400 : 500).json({ error: error instanceof UserError ? error.message : 'Internal error' });
    }
  };
}
