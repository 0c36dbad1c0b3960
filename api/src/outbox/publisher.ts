import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.ts';
import type { Tx } from '../db/change.ts';
import type { Announcement, Topic } from './outbox.ts';

export type OutboxRow = { id: bigint } & Announcement;

/** Handles one batch of committed announcements of a topic, inside the transaction that then deletes them. */
export type OutboxHandlers = { [K in Topic]: (tx: Tx, payloads: Extract<Announcement, { topic: K }>['payload'][]) => Promise<void> };

export interface PublisherOptions {
  /**
   * Each instance publishes the live announcements of its own changes (without Redis, its watchers are connected to
   * it), and others' only once they are this old: their instance stopped between commit and publish.
   */
  orphanAfterMs?: number;
  /** At most one drain per window: a burst of changes is published as a few batches, each with current numbers. */
  windowMs?: number;
  /** How often to look for rows left by a process that stopped between commit and publish. */
  pollMs?: number;
  batchSize?: number;
  onError?: (error: unknown) => void;
}

/**
 * Reads committed outbox rows and hands them on (the live channel), then deletes them — in one transaction,
 * under FOR UPDATE SKIP LOCKED so several instances share the work and none publishes a row twice. A crash before the
 * commit leaves the rows for the next drain: delivery is delayed, never lost.
 */
export class OutboxPublisher {
  readonly instanceId = randomUUID();
  private timer: NodeJS.Timeout | null = null;
  private poller: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private again = false;
  private lastDrain = 0;
  private stopped = true;
  private readonly windowMs: number;
  private readonly pollMs: number;
  private readonly batchSize: number;

  constructor(
    private readonly prisma: Db,
    private readonly handlers: OutboxHandlers,
    private readonly options: PublisherOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 100;
    this.pollMs = options.pollMs ?? 2_000;
    this.batchSize = options.batchSize ?? 500;
  }

  start(): void {
    this.stopped = false;
    this.poller = setInterval(() => this.kick(), this.pollMs);
    this.poller.unref();
    this.kick();
  }

  /** Something committed: drain now, or at the end of the current window. */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    if (this.timer) return;
    const wait = Math.max(0, this.lastDrain + this.windowMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.draining = this.drain()
        .then(() => {})
        .catch((error: unknown) => (this.options.onError ?? console.error)(error))
        .finally(() => {
          this.draining = null;
          if (this.again) {
            this.again = false;
            this.kick();
          }
        });
    }, wait);
    this.timer.unref();
  }

  /** Publishes everything committed so far. */
  async drain(): Promise<number> {
    this.lastDrain = Date.now();
    let total = 0;
    for (;;) {
      const n = await this.prisma.$transaction(
        async (tx) => {
          const rows = await tx.$queryRaw<OutboxRow[]>`
            SELECT id, topic, payload FROM outbox
            WHERE origin IS NULL OR origin = ${this.instanceId}
              OR created_at < now() - make_interval(secs => ${(this.options.orphanAfterMs ?? 10_000) / 1000})
            ORDER BY id LIMIT ${this.batchSize} FOR UPDATE SKIP LOCKED`;
          if (rows.length === 0) return 0;
          const byTopic = new Map<Topic, unknown[]>();
          for (const r of rows) {
            const payloads = byTopic.get(r.topic) ?? [];
            payloads.push(r.payload);
            byTopic.set(r.topic, payloads);
          }
          for (const [topic, payloads] of byTopic) {
            const handle = this.handlers[topic] as ((tx: Tx, p: unknown[]) => Promise<void>) | undefined;
            if (!handle) throw new Error(`No outbox handler for ${topic}`);
            await handle(tx, payloads);
          }
          await tx.$executeRaw`DELETE FROM outbox WHERE id = ANY(${rows.map((r) => r.id)}::bigint[])`;
          return rows.length;
        },
        { maxWait: 10_000, timeout: 30_000 },
      );
      total += n;
      if (n < this.batchSize) return total;
    }
  }

  /** Stops, after publishing what has committed so far (what cannot be published now waits for the next start). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.poller) clearInterval(this.poller);
    this.timer = null;
    this.poller = null;
    await this.draining;
    await this.drain().catch(() => {});
  }
}
