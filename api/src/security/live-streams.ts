import type { Request, Response } from 'express';
import { type RateLimitConfig, RateLimited } from './rate-limits.ts';

/** A refused client waits for one of its own streams to close, not for a clock: this is only a polite pause. */
const RETRY_AFTER_SECONDS = 30;

export const isEventStream = (req: Request) => String(req.headers.accept ?? '').includes('text/event-stream');

/**
 * Live (SSE) streams open at once, per client IP and per signed-in account. A stream is one connection to one
 * instance, so the counts are this instance's.
 */
export class LiveStreams {
  private readonly byIp = new Map<string, number>();
  private readonly byAccount = new Map<string, number>();

  constructor(private readonly limits: Pick<RateLimitConfig, 'streamsPerIp' | 'streamsPerAccount'>) {}

  /** For a stream request: takes its slots until the response closes, or throws RateLimited. */
  admit(req: Request, res: Response, accountId: string | null): undefined {
    if (!isEventStream(req)) return;
    const ip = req.ip ?? 'unknown';
    const { streamsPerIp, streamsPerAccount } = this.limits;
    if ((this.byIp.get(ip) ?? 0) >= streamsPerIp) {
      throw new RateLimited(`Too many live updates open from your network at once (${streamsPerIp}); close a page or try again later`, RETRY_AFTER_SECONDS);
    }
    if (accountId && (this.byAccount.get(accountId) ?? 0) >= streamsPerAccount) {
      throw new RateLimited(`Too many live updates open for your account at once (${streamsPerAccount}); close a page or try again later`, RETRY_AFTER_SECONDS);
    }
    add(this.byIp, ip, 1);
    if (accountId) add(this.byAccount, accountId, 1);
    res.once('close', () => {
      add(this.byIp, ip, -1);
      if (accountId) add(this.byAccount, accountId, -1);
    });
  }
}

function add(counts: Map<string, number>, key: string, delta: number): void {
  const n = (counts.get(key) ?? 0) + delta;
  if (n > 0) counts.set(key, n);
  else counts.delete(key);
}
