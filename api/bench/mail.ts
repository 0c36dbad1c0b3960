/**
 * `pnpm bench:mail`: 10,000 reminders through the real queue to a local SMTP sink. Writes bench/results/mail.{json,md}.
 * Ten published events with 1,000 members going each; their 24-hour reminders are made due at one moment, and the
 * workers (`pnpm worker` processes, one per core by default, as a deployment that scales workers apart runs them) fan them out and
 * sends them (built, in production mode). Measured: e-mails per second from due time to the last delivery, and each e-mail's delay from due time
 * to delivery (p50/p99); every member must get exactly one.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedPlaces } from '@rallypoint/prisma/seed';
import { SMTPServer } from 'smtp-server';
import { createPrisma } from '../src/db/client.ts';
import { prepareJobQueue } from '../src/jobs/worker.ts';
import { repoRoot } from '../src/paths.ts';
import { scheduleReminders } from '../src/rsvps/reminders.ts';
import { benchDatabase, log, pct, round } from './common.ts';

const EVENTS = Number(process.env.BENCH_MAIL_EVENTS ?? 10);
const PER_EVENT = Number(process.env.BENCH_MAIL_PER_EVENT ?? 1_000);
const TOTAL = EVENTS * PER_EVENT;
const { url, tmp, stop: stopDb } = await benchDatabase('mail');
await prepareJobQueue(url);
const prisma = createPrisma(url);
await seedPlaces(prisma);

// ------------------------------------------------------------------------------------------------ the sink

/** Arrival time of each reminder, by recipient. Only the envelope and one header are read: the sink must stay cheap. */
const arrivals = new Map<string, number[]>();
let others = 0;
const sink = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  closeTimeout: 50,
  onData(stream, session, callback) {
    let head = '';
    stream.on('data', (c: Buffer) => {
      if (head.length < 4_096) head += c.toString('latin1');
    });
    stream.on('end', () => {
      const at = Date.now();
      if (/^X-Rallypoint-Kind: event-reminder\r?$/m.test(head)) {
        for (const r of session.envelope.rcptTo) arrivals.set(r.address, [...(arrivals.get(r.address) ?? []), at]);
      } else others += 1;
      callback();
    });
  },
});
await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', () => resolve()));
const smtpUrl = `smtp://127.0.0.1:${(sink.server.address() as { port: number }).port}`;

// ------------------------------------------------------------------------------------------------ the data

let t = performance.now();
const organiser = await prisma.user.create({
  data: { email: 'bench-organiser@rallypoint.example', firstName: 'Bench', lastName: 'Organiser', role: 'ADMIN', calendarToken: randomBytes(32).toString('hex'), emailVerifiedAt: new Date() },
});
const region = await prisma.region.findFirstOrThrow({ orderBy: { id: 'asc' } });
// Starts in 25 hours: the 24-hour reminder would be due in an hour; the benchmark makes it due now.
const startsAt = new Date(Math.ceil((Date.now() + 25 * 3_600_000) / 60_000) * 60_000);
const events = [];
for (let e = 0; e < EVENTS; e++) {
  events.push(
    await prisma.event.create({
      data: {
        kind: 'RALLY',
        title: `Bench rally ${e + 1}`,
        description: 'A benchmark event.',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
        venueName: 'Bench Hall',
        address: '1 Bench Street',
        areaLabel: 'SE1',
        exactLat: 51.5,
        exactLng: -0.1,
        lat: 51.5,
        lng: -0.1,
        regionId: region.id,
        status: 'PUBLISHED',
        organiserId: organiser.id,
        goingCount: PER_EVENT,
      },
    }),
  );
}
const members = Array.from({ length: TOTAL }, (_, i) => ({
  id: randomUUID(),
  email: `bench-${i}@rallypoint.example`,
  firstName: 'Bench',
  lastName: `Member${i}`,
  calendarToken: randomBytes(32).toString('hex'),
  emailVerifiedAt: new Date(),
}));
for (let i = 0; i < TOTAL; i += 5_000) await prisma.user.createMany({ data: members.slice(i, i + 5_000) });
for (const [e, event] of events.entries()) {
  await prisma.rsvp.createMany({
    data: members.slice(e * PER_EVENT, (e + 1) * PER_EVENT).map((m) => ({ eventId: event.id, userId: m.id, status: 'GOING' as const })),
  });
}
for (const event of events) await scheduleReminders(prisma, event);
// Only the 24-hour reminders, so the count is exact.
await prisma.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE key LIKE 'reminder:%:morning'`;
log(`${EVENTS} events, ${TOTAL.toLocaleString('en-GB')} members going, reminders scheduled in ${round((performance.now() - t) / 1000)} s`);

// ------------------------------------------------------------------------------------------------ the worker

// The worker as a deployment runs it: the build, in production mode (React's production build renders the e-mails).
execFileSync(process.execPath, [path.join(repoRoot, 'api', 'scripts', 'build.mjs')], { stdio: 'inherit' });
// BENCH_MAIL_PROFILE=<folder>: a CPU profile of each worker, for finding where the time goes.
const profile = process.env.BENCH_MAIL_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_MAIL_PROFILE}`] : [];
/** `pnpm worker` processes sharing the queue, as a deployment scales e-mail (one per core by default). */
const WORKERS = Number(process.env.BENCH_MAIL_WORKERS ?? os.cpus().length);
const workers: ChildProcess[] = [];
for (let w = 0; w < WORKERS; w++) {
  const worker = spawn(process.execPath, [...profile, path.join(repoRoot, 'api', 'scripts', 'command.mjs'), 'worker'], {
    cwd: path.join(repoRoot, 'api'),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: url,
      SMTP_URL: smtpUrl,
      PUBLIC_URL: 'http://localhost:5173',
      REDIS_URL: '',
      // The worker serves no GraphQL; production only asks for the web build's operations because the API would.
      ALLOW_ARBITRARY_OPERATIONS: '1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  workers.push(worker);
  await new Promise<void>((resolve, reject) => {
    worker.stdout!.on('data', (c: Buffer) => {
      if (c.toString().includes('Worker running')) resolve();
    });
    worker.once('exit', (code) => reject(new Error(`worker exited (${code})`)));
  });
}
log(`${WORKERS} worker process(es) running; reminders due now`);

const due = new Date(Date.now() + 500);
await prisma.$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = ${due} WHERE key LIKE 'reminder:%:24h'`;
t = performance.now();
const deadline = Date.now() + Number(process.env.BENCH_MAIL_TIMEOUT_S ?? 600) * 1000;
let last = -1;
while (arrivals.size < TOTAL && Date.now() < deadline) {
  await new Promise((r) => setTimeout(r, 250));
  if (Math.floor((performance.now() - t) / 5_000) !== last) {
    last = Math.floor((performance.now() - t) / 5_000);
    log(`${arrivals.size.toLocaleString('en-GB')} of ${TOTAL.toLocaleString('en-GB')} delivered`);
  }
}
// A moment more, so a duplicate would have time to show.
await new Promise((r) => setTimeout(r, 2_000));

/** CPU seconds a process has used (Linux /proc; null elsewhere): the workers' cost per e-mail, whatever else runs. */
function cpuSeconds(pid: number | undefined): number | null {
  const file = `/proc/${pid}/stat`;
  if (!pid || !existsSync(file)) return null;
  const fields = readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const workerCpu = workers.map((w) => cpuSeconds(w.pid));

const times = [...arrivals.values()].flat();
const delays = times.map((at) => at - due.getTime());
const duplicates = [...arrivals.values()].reduce((n, a) => n + a.length - 1, 0);
const lastAt = Math.max(...times);
const firstAt = Math.min(...times);
const sent = (await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM mail_log WHERE kind = 'event-reminder' AND status = 'SENT'`)[0]!.n;
const result = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, node: process.version, database: process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded' },
  workers: WORKERS,
  reminders: TOTAL,
  delivered: arrivals.size,
  lost: TOTAL - arrivals.size,
  duplicates,
  otherMessages: others,
  loggedSent: sent,
  emailsPerSecond: round(times.length / ((lastAt - due.getTime()) / 1000)),
  emailsPerSecondFromFirstDelivery: round(times.length / Math.max(0.001, (lastAt - firstAt) / 1000)),
  dueToDeliveryMs: { p50: pct(delays, 50), p99: pct(delays, 99), max: Math.max(...delays) },
  // Start-up included; divided by the e-mails delivered.
  workerCpuMsPerEmail: workerCpu.every((c) => c !== null) ? round((workerCpu.reduce((a, b) => a! + b!, 0)! * 1000) / Math.max(1, times.length)) : null,
  loadAverageAtEnd: os.loadavg().map(round),
  target: { emailsPerSecond: 200, met: times.length / ((lastAt - due.getTime()) / 1000) >= 200 && arrivals.size === TOTAL && duplicates === 0 },
};
log(JSON.stringify(result, null, 2));
mkdirSync(path.join(repoRoot, 'bench', 'results'), { recursive: true });
writeFileSync(path.join(repoRoot, 'bench', 'results', 'mail.json'), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(
  path.join(repoRoot, 'bench', 'results', 'mail.md'),
  `# bench:mail — ${result.date}

${TOTAL.toLocaleString('en-GB')} reminders (${EVENTS} events × ${PER_EVENT.toLocaleString('en-GB')} members going), made due at one moment,
fanned out and sent by ${WORKERS} \`pnpm worker\` process(es) to a local SMTP sink; ${result.machine.cpus} cores, Node ${result.machine.node},
${result.machine.database} PostgreSQL.

| measure | value |
| --- | --- |
| delivered | ${result.delivered.toLocaleString('en-GB')} of ${TOTAL.toLocaleString('en-GB')} (lost ${result.lost}, duplicates ${result.duplicates}) |
| e-mails per second, due time → last delivery | ${result.emailsPerSecond} (target ≥ 200: ${result.target.met ? 'met' : 'not met'}) |
| e-mails per second, first → last delivery | ${result.emailsPerSecondFromFirstDelivery} |
| due → delivered, p50 | ${result.dueToDeliveryMs.p50} ms |
| due → delivered, p99 | ${result.dueToDeliveryMs.p99} ms |
| mail log rows SENT | ${result.loggedSent.toLocaleString('en-GB')} |
| worker CPU per e-mail (all workers, start-up included) | ${result.workerCpuMsPerEmail ?? 'n/a'} ms |
| load average at the end (1, 5, 15 min) | ${result.loadAverageAtEnd.join(', ')} |
`,
);

for (const worker of workers) worker.kill('SIGTERM');
await Promise.all(workers.map((worker) => new Promise((r) => worker.once('exit', r))));
await new Promise<void>((r) => sink.close(() => r()));
await prisma.$disconnect();
await stopDb();
rmSync(tmp, { recursive: true, force: true });
process.exit(result.target.met ? 0 : 1);
