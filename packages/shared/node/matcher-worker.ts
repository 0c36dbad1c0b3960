// A matcher thread (./pool.ts): the runner runs whole `assign` calls; the helper takes the tasks a run offers it (a
// relabelled whole run, or a large run's halves of its candidate lists and sides of its split phases), from the same
// inputs the runner has.
import { type MessagePort, parentPort } from 'node:worker_threads';
import type { LatLng } from '../src/geo.ts';
import {
  type AssignOptions,
  type AssignResult,
  assignSteps,
  HelperRun,
  type HelperTask,
  type HostAnswer,
} from '../src/matching/assign.ts';
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

export type FromWorker =
  | { type: 'done'; id: number; result: AssignResult; helped: number }
  | { type: 'failed'; id: number; message: string; name: string };

type ToHelper = { type: 'job'; job: MatchJob } | { type: 'task'; task: HelperTask };
type FromHelper = { type: 'answer'; answer: HostAnswer } | { type: 'failed'; message: string };

let helper: MessagePort | null = null;
/** The helper answers in the order asked; each answer settles the oldest waiting ask. */
const asked: { resolve: (a: HostAnswer) => void; reject: (e: Error) => void }[] = [];

function ask(port: MessagePort, task: HelperTask): Promise<HostAnswer> {
  return new Promise((resolve, reject) => {
    asked.push({ resolve, reject });
    port.postMessage({ type: 'task', task } satisfies ToHelper);
  });
}

async function run(job: MatchJob): Promise<{ result: AssignResult; helped: number }> {
  const { drivers, riders, event, opts } = job;
  const port = helper;
  port?.postMessage({ type: 'job', job } satisfies ToHelper);
  const steps = assignSteps(drivers, riders, event, opts);
  const pending: Promise<HostAnswer>[] = [];
  let helped = 0;
  try {
    let step = steps.next();
    while (!step.done) {
      const s = step.value;
      if (s.type === 'offer') {
        // The helper builds only the run on the inputs as given.
        const take = port !== null && (s.task.kind === 'start' || s.task.run === 0);
        if (take) {
          pending.push(ask(port, s.task));
          helped++;
        }
        step = steps.next(take);
      } else {
        step = steps.next(await pending.shift()!);
      }
    }
    return { result: step.value, helped };
  } finally {
    // A run that failed midway leaves no answer behind for the next job to take.
    await Promise.allSettled(pending);
  }
}

function listenAsHelper(port: MessagePort): void {
  let run: HelperRun | null = null;
  port.on('message', (m: ToHelper) => {
    if (m.type === 'job') {
      const { drivers, riders, event, opts } = m.job;
      run = new HelperRun(drivers, riders, event, opts);
      return;
    }
    try {
      port.postMessage({ type: 'answer', answer: run!.answer(m.task) } satisfies FromHelper);
    } catch (e) {
      port.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e) } satisfies FromHelper);
    }
  });
}

// One job at a time: the helper answers tasks in the order they were asked.
let queue: Promise<unknown> = Promise.resolve();

parentPort!.on('message', (m: ToWorker) => {
  if (m.type === 'helper-port') {
    helper = m.port;
    helper.on('message', (a: FromHelper) => {
      const w = asked.shift();
      if (a.type === 'answer') w?.resolve(a.answer);
      else w?.reject(new Error(`matcher helper: ${a.message}`));
    });
  } else if (m.type === 'helper-listen') listenAsHelper(m.port);
  else
    queue = queue
      .then(() => run(m.job))
      .then(
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
