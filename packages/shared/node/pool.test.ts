import { afterAll, describe, expect, test } from 'vitest';
import { driverWith, riderAt, scatteredRally } from '../test/matching.ts';
import { assign, splitsWork } from '../src/matching/assign.ts';
import { MatchPool } from './pool.ts';
import { warmupJob } from './warmup.ts';

const EVENT = { lat: 51.5, lng: -0.12 };
const OPTS = { roadFactor: 1.3, groupRounds: 1_500 };

const scattered = (nR: number, nD: number, seed: number) => scatteredRally(EVENT, nR, nD, seed);

const pool = new MatchPool();
afterAll(() => pool.close());

describe('the matcher on its own threads', () => {
  test('gives assign’s answer, bit for bit: small, mid-sized, and large with the helper thread taking half the lists and group re-solves', async () => {
    for (const [nR, nD, seed] of [
      [60, 20, 1],
      [500, 150, 3],
      [3_300, 1_000, 2],
    ] as const) {
      const { drivers, riders } = scattered(nR, nD, seed);
      const helped = pool.helped;
      const [there, here] = [await pool.assign(drivers, riders, EVENT, OPTS), assign(drivers, riders, EVENT, OPTS)];
      expect(splitsWork(nR, nD)).toBe(nR > 1_000);
      // Thorough mode at 60 riders: the second, fourth and sixth of six whole runs (beside the first, third and fifth);
      // fast mode below 4,000 the second and fourth of four (one from cheapest insertion, one from the flow); large:
      // half of each side of the candidate lists, one side of the split group re-solves, a copy's group re-solves, one
      // side of the split last sweep, another copy's, one side of the last re-assignment round, and a last copy's.
      expect(pool.helped - helped).toBe(nR > 1_000 ? 8 : nR > 400 ? 2 : 3);
      expect(there).toEqual(here);
      expect(there.stats.peopleMatched).toBeGreaterThan(0);
    }
  });

  test('warm() runs a made-up rally as large matches run (split between the threads, coaches, hubs, times), twice, and leaves nothing behind', async () => {
    const job = warmupJob();
    expect(splitsWork(job.riders.length, job.drivers.length)).toBe(true);
    expect(job.drivers.some((d) => d.hubsOnly) && (job.opts.hubs?.length ?? 0) > 0 && job.opts.arriveByMs !== undefined).toBe(true);
    expect(job.riders.some((r) => r.hubReachKm) && job.riders.some((r) => r.readyMs !== undefined)).toBe(true);
    expect(warmupJob()).toEqual(job);
    const helped = pool.helped;
    expect(await pool.warm()).toBeGreaterThan(0);
    // Each run hands the helper half of each side of the lists, one side of the group re-solves, one of the sweep, one
    // of the last re-assignment round, and the copies' group re-solves beside the run's three steps on all cars.
    expect(pool.helped - helped).toBe(16);
    // With coaches (no flow start; the sides' wide pairs sent with the group-phase and last re-assignment tasks) the
    // helper's sides still give assign's answer.
    expect(await pool.assign(job.drivers, job.riders, job.event, job.opts)).toEqual(assign(job.drivers, job.riders, job.event, job.opts));
    expect(pool.helped - helped).toBe(24);
    const { drivers, riders } = scattered(200, 60, 12);
    expect(await pool.assign(drivers, riders, EVENT, OPTS)).toEqual(assign(drivers, riders, EVENT, OPTS));
  });

  test('calls made together are answered each with its own answer', async () => {
    const inputs = [3, 4, 5].map((seed) => scattered(80, 25, seed));
    const answers = await Promise.all(inputs.map((x) => pool.assign(x.drivers, x.riders, EVENT, OPTS)));
    for (const [i, a] of answers.entries()) expect(a).toEqual(assign(inputs[i]!.drivers, inputs[i]!.riders, EVENT, OPTS));
  });

  test('a run whose first start cannot be beaten hands the helper only the run made beside it, and the next call gets its own answer', async () => {
    // Everyone at the drivers' own spot, seats for all: the first run carries everyone at no detour.
    const spot = { lat: 51.45, lng: -0.1 };
    const drivers = Array.from({ length: 5 }, (_, i) => driverWith({ maxDetourKm: 8 })(`d${i}`, { origin: spot, seats: 4, departureMs: i }));
    const riders = Array.from({ length: 12 }, (_, i) => riderAt(`r${i}`, spot));
    const helped = pool.helped;
    const first = await pool.assign(drivers, riders, EVENT, OPTS);
    expect(first).toEqual(assign(drivers, riders, EVENT, OPTS));
    expect([first.stats.peopleMatched, first.stats.totalDetourKm]).toEqual([12, 0]);
    expect(pool.helped - helped).toBe(1);
    const next = scattered(70, 22, 9);
    expect(await pool.assign(next.drivers, next.riders, EVENT, OPTS)).toEqual(assign(next.drivers, next.riders, EVENT, OPTS));
  });

  test('closing refuses the calls not yet answered; the next call starts new threads', async () => {
    const own = new MatchPool();
    const { drivers, riders } = scattered(300, 90, 8);
    const refused = expect(own.assign(drivers, riders, EVENT, OPTS)).rejects.toThrow('closed before it answered');
    await own.close();
    await refused;
    expect(await own.assign(drivers.slice(0, 10), riders.slice(0, 30), EVENT, OPTS)).toEqual(
      assign(drivers.slice(0, 10), riders.slice(0, 30), EVENT, OPTS),
    );
    await own.close();
  });

  test('bad input is refused with assign’s own error, and the threads go on working', async () => {
    const { drivers, riders } = scattered(10, 4, 6);
    const twice = [...riders, riders[0]!];
    const expected = (() => {
      try {
        assign(drivers, twice, EVENT, OPTS);
      } catch (e) {
        return e as Error;
      }
      throw new Error('assign took a rider twice');
    })();
    await expect(pool.assign(drivers, twice, EVENT, OPTS)).rejects.toMatchObject({ name: expected.name, message: expected.message });
    expect(await pool.assign(drivers, riders, EVENT, OPTS)).toEqual(assign(drivers, riders, EVENT, OPTS));
  });
});
