import type { Request, Response } from 'express';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import type { Live } from './live/pubsub.ts';
import type { RateLimits } from './security/rate-limits.ts';

export interface Viewer {
  id: string;
  role: 'MEMBER' | 'ORGANISER' | 'ADMIN';
  regionIds: string[];
  sessionId: string;
  /** Events this viewer co-hosts (loaded with the session). */
  coHostEventIds?: readonly string[];
}

export interface Context {
  prisma: Db;
  config: Config;
  viewer: Viewer | null;
  req: Request;
  res: Response;
  limits: RateLimits;
  live: Live;
  /** Told after each commit (see db/change.ts). */
  outbox: { kick(): void };
}
