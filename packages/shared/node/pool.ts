import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { LatLng } from '../src/geo.ts';
import type { AssignOptions, AssignResult } from '../src/matching/assign.ts';
import type { MatchDriver, MatchRider } from '../src/matching/types.ts';
import type { FromWorker, ToWorker } from './matcher-worker.ts';
import { warmupJob } from './warmup.ts';

/**
 * `assign` off the calling thread: a runner thread runs each call (so a server stays responsive through a
 * two-second match), and a helper thread takes what a run can give away: every other relabelled whole run (below
 * 4,000 requests + drivers), or half of the candidate lists and one side of each split phase (above).
 * The answer is `assign`'s, bit for bit. Calls are queued, one at a time. Threads start on first use and stay.
 */
export class MatchPool {
  private runner: Worker | null = null;
  private helper: Worker | null = null;
  private nextId = 0;
  /** Tasks the helper thread took (a relabelled run, or a side of a split phase): the tests' proof that it works. */
  helped = 0;
  private readonly waiting = new Map<number, { resolve: (r: AssignResult) => void; reject: (e: Error) => void }>();

  /** `workerFile`: the compiled ./matcher-worker.ts (a bundle's own copy); by default this source file's neighbour. */
  constructor(private readonly workerFile: URL = new URL('./matcher-worker.ts', import.meta.url)) {}

  assign(drivers: readonly MatchDriver[], riders: readonly MatchRider[], event: LatLng, opts: AssignOptions = {}): Promise<AssignResult> {
    const runner = this.start();
    const id = this.nextId++;
    this.hold(true);
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      runner.postMessage({ type: 'job', id, job: { drivers: [...drivers], riders: [...riders], event, opts } } satisfies ToWorker);
    });
  }

  /**
   * Starts the threads and runs a made-up large match on them twice (./warmup.ts), answers discarded, so that a
   * server's first real match runs compiled code rather than paying for the compiling (measured by bench/warmup.ts:
   * `pnpm bench:matching-warmup`). Queued like any call; resolves with the milliseconds it took.
   */
  async warm(): Promise<number> {
    const t = performance.now();
    const { drivers, riders, event, opts } = warmupJob();
    for (let i = 0; i < 2; i++) await this.assign(drivers, riders, event, opts);
    return performance.now() - t;
  }

  /** Stops the threads; calls not yet answered are refused. */
  async close(): Promise<void> {
    const ws = [this.runner, this.helper];
    this.runner = this.helper = null;
    for (const w of this.waiting.values()) w.reject(new Error('the matcher was closed before it answered'));
    this.waiting.clear();
    await Promise.all(ws.map((w) => w?.terminate()));
  }

  private start(): Worker {
    if (this.runner) return this.runner;
    const runner = this.spawn();
    const helper = this.spawn();
    const { port1, port2 } = new MessageChannel();
    runner.postMessage({ type: 'helper-port', port: port1 } satisfies ToWorker, [port1]);
    helper.postMessage({ type: 'helper-listen', port: port2 } satisfies ToWorker, [port2]);
    runner.on('message', (m: FromWorker) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (this.waiting.size === 0) this.hold(false);
      if (m.type === 'done') {
        this.helped += m.helped;
        w?.resolve(m.result);
      }
      else w?.reject(Object.assign(new Error(m.message), { name: m.name }));
    });
    // Threads that die take their calls with them; the next call starts new ones.
    const fail = (e: Error) => {
      if (this.runner !== runner) return;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
      void this.close();
    };
    for (const w of [runner, helper]) {
      w.on('error', fail);
      w.on('exit', (code) => fail(new Error(`matcher thread exited (code ${code})`)));
    }
    [this.runner, this.helper] = [runner, helper];
    this.hold(false);
    return runner;
  }

  /** Idle threads do not keep the process alive; busy ones do, so a script's last call is answered. */
  private hold(busy: boolean): void {
    for (const w of [this.runner, this.helper]) {
      if (busy) w?.ref();
      else w?.unref();
    }
  }

  private spawn(): Worker {
    const file = this.workerFile;
    if (file.protocol === 'file:' && !existsSync(file)) throw new Error(`matcher worker not found: ${file.pathname}`);
    if (!file.pathname.endsWith('.ts')) return new Worker(file);
    // The TypeScript source (development, tests) through tsx's API: `--import tsx` in a worker's execArgv does not
    // reach the worker's own entry on Node 20.
    const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
    const boot = `import { tsImport } from ${JSON.stringify(api)}; await tsImport(${JSON.stringify(file.href)}, ${JSON.stringify(import.meta.url)});`;
    return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`));
  }
}
