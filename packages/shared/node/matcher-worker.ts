// A matcher thread (./pool.ts): the runner runs whole `assign` calls; the helper runs one side of a large run's split
// group re-solves, on the instance it built from the same inputs while the runner built its own.
import { type MessagePort, parentPort } from 'node:worker_threads';
import { type AssignOptions, type AssignResult, assignSteps, prepareRun, type RegionAnswer, type RegionTask, runRegionTask, splitsWork } from '../src/matching/assign.ts';
import type { LatLng } from '../src/geo.ts';
import type { MatchDriver, MatchRider } from '../src/matching/types.ts';

export interface MatchJob {
  drivers: MatchDriver[];
  riders: MatchRider[];
  event: LatLng;
  opts: AssignOptions;
}

export type ToWorker =
  | { type: 'helper-port'; port: MessagePort }
  | { type: 'helper-listen'; port: MessagePort }
  | { type: 'job'; id: number; job: MatchJob };

export type FromWorker = { type: 'done'; id: number; result: AssignResult; helped: boolean } | { type: 'failed'; id: number; message: string; name: string };

type ToHelper = { type: 'prepare'; job: MatchJob } | { type: 'task'; task: RegionTask };
type FromHelper = { type: 'answer'; answer: RegionAnswer } | { type: 'failed'; message: string };

let helper: MessagePort | null = null;

async function run(job: MatchJob): Promise<{ result: AssignResult; helped: boolean }> {
  const { drivers, riders, event, opts } = job;
  const port = helper && splitsWork(riders.length, drivers.length, opts) ? helper : null;
  if (port) port.postMessage({ type: 'prepare', job } satisfies ToHelper);
  const steps = assignSteps(drivers, riders, event, opts);
  let pending: Promise<RegionAnswer> | null = null;
  let helped = false;
  let step = steps.next();
  while (!step.done) {
    const s = step.value;
    if (s.type === 'offer') {
      const take = port !== null && s.task.run === 0;
      if (take) pending = ask(port, s.task);
      helped ||= take;
      step = steps.next(take);
    } else {
      step = steps.next(await pending!);
    }
  }
  return { result: step.value, helped };
}

function ask(port: MessagePort, task: RegionTask): Promise<RegionAnswer> {
  return new Promise((resolve, reject) => {
    port.once('message', (m: FromHelper) => (m.type === 'answer' ? resolve(m.answer) : reject(new Error(`matcher helper: ${m.message}`))));
    port.postMessage({ type: 'task', task } satisfies ToHelper);
  });
}

function listenAsHelper(port: MessagePort): void {
  let prep: ReturnType<typeof prepareRun> | null = null;
  port.on('message', (m: ToHelper) => {
    try {
      if (m.type === 'prepare') prep = prepareRun(m.job.drivers, m.job.riders, m.job.event, m.job.opts);
      else port.postMessage({ type: 'answer', answer: runRegionTask(prep!, m.task) } satisfies FromHelper);
    } catch (e) {
      prep = null;
      if (m.type === 'task') port.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e) } satisfies FromHelper);
    }
  });
}

// One job at a time: the helper answers tasks in the order they were asked.
let queue: Promise<unknown> = Promise.resolve();

parentPort!.on('message', (m: ToWorker) => {
  if (m.type === 'helper-port') helper = m.port;
  else if (m.type === 'helper-listen') listenAsHelper(m.port);
  else
    queue = queue.then(() => run(m.job)).then(
      ({ result, helped }) => parentPort!.postMessage({ type: 'done', id: m.id, result, helped } satisfies FromWorker),
      (e: unknown) =>
        parentPort!.postMessage({
          type: 'failed',
          id: m.id,
          message: e instanceof Error ? e.message : String(e),
          name: e instanceof Error ? e.name : 'Error',
        } satisfies FromWorker),
    );
});
