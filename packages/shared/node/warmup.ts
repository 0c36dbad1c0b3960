import { boxAround, type LatLng } from '../src/geo.ts';
import type { AssignOptions } from '../src/matching/assign.ts';
import { mulberry32 } from '../src/matching/perturb.ts';
import type { MatchDriver, MatchHub, MatchRider } from '../src/matching/types.ts';

/**
 * A made-up rally for `MatchPool.warm`: just large enough that a run splits its work between the two threads (as a
 * rally of thousands does), with the realistic vehicle mix, coaches at hubs and arrival times, so every phase a real
 * large match runs is compiled before the first one. Fewer group re-solves and a shorter last sweep than a real run:
 * each phase still runs its code often enough for the engine to optimise it.
 */
export function warmupJob(): { drivers: MatchDriver[]; riders: MatchRider[]; event: LatLng; opts: AssignOptions } {
  const rand = mulberry32(0x3a7e);
  const event: LatLng = { lat: 53.8, lng: -1.55 };
  const startMs = Date.UTC(2026, 0, 10, 11);
  const box = boxAround(event, 30);
  const near = (): LatLng => ({ lat: box.south + rand() * (box.north - box.south), lng: box.west + rand() * (box.east - box.west) });
  const hubs: MatchHub[] = Array.from({ length: 12 }, (_, i) => ({ id: `h${i}`, point: near() }));
  const riders: MatchRider[] = Array.from({ length: RIDERS }, (_, i) => ({
    id: `r${i}`,
    origin: near(),
    seats: rand() < 0.8 ? 1 : 2 + Math.floor(rand() * 2),
    needsWheelchair: rand() < 0.05,
    ...(rand() < 0.5 ? { hubReachKm: 5 } : {}),
    ...(rand() < 0.5 ? { readyMs: startMs - Math.round(rand() * 120) * 60_000 } : {}),
  }));
  const drivers: MatchDriver[] = Array.from({ length: DRIVERS }, (_, i) => {
    const coach = i < COACHES;
    const v = rand();
    return {
      id: `d${i}`,
      origin: near(),
      seats: coach ? 50 + Math.floor(rand() * 21) : v < 0.05 ? 8 : 1 + Math.floor(((v - 0.05) / 0.95) * 4),
      maxDetourKm: coach ? 40 : 5 + Math.round(rand() * 35),
      wheelchairAccessible: coach || rand() < 0.15,
      departureMs: startMs - Math.round(30 + rand() * 120) * 60_000,
      ...(coach ? { hubsOnly: true } : {}),
    };
  });
  return { drivers, riders, event, opts: { hubs, arriveByMs: startMs, groupRounds: 1_500, sweepCars: 150, sweepRiderCars: 20 } };
}

const RIDERS = 3_200;
const DRIVERS = 970;
const COACHES = 10;
