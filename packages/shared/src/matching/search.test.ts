import { expect, test } from 'vitest';
import { driverWith, onMeridian, riderAt } from '../../test/matching.ts';
import { buildCandidates } from './candidates.ts';
import { Cars, Instance } from './instance.ts';
import { mulberry32 } from './perturb.ts';
import { localSearch } from './search.ts';

const EVENT = onMeridian(51.5, -0.1);

/** Riders and vehicles scattered within ~25 km of the event; parties of 1–3, vehicles of 1–8 seats, mixed limits. */
function scattered(seed: number, nR: number, nD: number): Instance {
  const rand = mulberry32(seed);
  const near = () => onMeridian(51.5 + (rand() - 0.5) * 0.45, -0.1 + (rand() - 0.5) * 0.7);
  const drivers = Array.from({ length: nD }, (_, i) =>
    driverWith({ seats: 1 + Math.floor(rand() * 8), maxDetourKm: 2 + Math.round(rand() * 30) })(`d${i}`, { origin: near() }),
  );
  const riders = Array.from({ length: nR }, (_, i) => riderAt(`r${i}`, near(), { seats: 1 + Math.floor(rand() * rand() * 3) }));
  return new Instance(drivers, riders, EVENT, { roadFactor: 1.3 });
}

test("the search's shortcuts (a car's refill kept between moves, the lower bound that skips swaps) change no answer", () => {
  let moves = 0;
  for (let seed = 1; seed <= 30; seed++) {
    const inst = scattered(seed, 90, 25);
    // Few candidates per car, so cars with room pull riders from other cars and ask for those cars' refills.
    const cand = buildCandidates(inst, 6, 2, 4, true);
    const kept = new Cars(inst);
    const fresh = new Cars(inst);
    const a = localSearch(inst, kept, cand, 12, Number.POSITIVE_INFINITY, 32, true);
    const b = localSearch(inst, fresh, cand, 12, Number.POSITIVE_INFINITY, 32, false);
    expect([...kept.carOf], `seed ${seed}`).toEqual([...fresh.carOf]);
    expect(kept.score()).toEqual(fresh.score());
    expect(a.moves).toBe(b.moves);
    moves += a.moves;
  }
  expect(moves).toBeGreaterThan(0);
});
