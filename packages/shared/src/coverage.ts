import { z } from 'zod';
import { distanceKm, type LatLng } from './geo.ts';
import { latLngSchema, placeQuerySchema } from './validation.ts';

/** Volunteer-shifts a seat still needs: its goal less its sign-ups, never below zero. */
export function seatShortfall(seat: { goal: number; signUps: number }): number {
  return Math.max(0, seat.goal - seat.signUps);
}

/** Sign-ups over the goal (1 = met; may exceed 1). */
export function seatCoverage(seat: { goal: number; signUps: number }): number {
  return seat.goal > 0 ? seat.signUps / seat.goal : 1;
}

/** A shift a member could take, as "Where am I needed?" sees it. */
export interface NeededShiftInput {
  /** Unique per shift (an event without shifts is one shift). */
  id: string;
  startsAtMs: number;
  location: LatLng;
  /** Places left on the shift; null when unlimited. Full shifts are never offered. */
  placesLeft: number | null;
  /** Its seat's goal and the volunteer-shifts still missing there. */
  seatGoal: number;
  seatShortfall: number;
  /** Free seats in the cars offered to its event. */
  liftSeatsAvailable: number;
}

export interface NeedOptions {
  /** How far the member can travel, km (great-circle). */
  maxKm: number;
  /**
   * How far they get without a car (walking, transit), km. Shifts beyond it but within `maxKm` are offered only when
   * a car has a free seat (`needsLift`). Omitted: the member can drive anywhere within `maxKm`.
   */
  ownReachKm?: number | undefined;
}

export interface RankedNeed<T extends NeededShiftInput = NeededShiftInput> {
  shift: T;
  distanceKm: number;
  /** Share of the seat's goal still missing, 0–1. */
  need: number;
  needsLift: boolean;
  score: number;
}

/**
 * How much a whole unit of missing coverage outweighs travel: a seat still missing all of its goal at the member's
 * travel limit scores the same as a met seat `1 / DISTANCE_WEIGHT` limits closer (never, within the limit).
 */
export const DISTANCE_WEIGHT = 0.25;

/**
 * "Where am I needed?": the shifts within reach (and with places), best first. Score = share of the seat's goal
 * still missing − DISTANCE_WEIGHT × distance / travel limit, so a seat far short wins over a nearer one that is
 * nearly covered, and among equally short seats the nearer wins. Ties: nearer, then earlier, then by id.
 */
export function rankNeededShifts<T extends NeededShiftInput>(shifts: readonly T[], origin: LatLng, options: NeedOptions): RankedNeed<T>[] {
  const maxKm = Math.max(0, options.maxKm);
  const ownReach = options.ownReachKm ?? Number.POSITIVE_INFINITY;
  const out: RankedNeed<T>[] = [];
  for (const shift of shifts) {
    if (shift.placesLeft !== null && shift.placesLeft <= 0) continue;
    const d = distanceKm(origin, shift.location);
    if (d > maxKm) continue;
    const needsLift = d > ownReach;
    if (needsLift && shift.liftSeatsAvailable <= 0) continue;
    const need = shift.seatGoal > 0 ? Math.min(1, Math.max(0, shift.seatShortfall) / shift.seatGoal) : 0;
    const score = need - DISTANCE_WEIGHT * (maxKm > 0 ? d / maxKm : 0);
    out.push({ shift, distanceKm: d, need, needsLift, score });
  }
  return out.sort(
    (a, b) =>
      b.score - a.score ||
      a.distanceKm - b.distanceKm ||
      a.shift.startsAtMs - b.shift.startsAtMs ||
      (a.shift.id < b.shift.id ? -1 : a.shift.id > b.shift.id ? 1 : 0),
  );
}

/** The nearest shift within reach with places (the baseline "Where am I needed?" is compared with). */
export function nearestShift<T extends NeededShiftInput>(shifts: readonly T[], origin: LatLng, options: NeedOptions): RankedNeed<T> | null {
  const ranked = rankNeededShifts(shifts, origin, options);
  let best: RankedNeed<T> | null = null;
  for (const r of ranked) {
    if (
      !best ||
      r.distanceKm < best.distanceKm ||
      (r.distanceKm === best.distanceKm && (r.shift.startsAtMs < best.shift.startsAtMs || (r.shift.startsAtMs === best.shift.startsAtMs && r.shift.id < best.shift.id)))
    ) {
      best = r;
    }
  }
  return best;
}

/** The most a member may say they can travel for "Where am I needed?", km. */
export const NEEDED_MAX_KM = 200;

const km = (label: string) =>
  z
    .number({ error: `${label} must be a number` })
    .nonnegative(`${label} cannot be negative`)
    .max(NEEDED_MAX_KM, `${label} must be at most ${NEEDED_MAX_KM} km`);

/** "Where am I needed?": where the member starts (a postcode or a point), how far they travel, and on their own. */
export const neededShiftsSchema = z
  .object({
    postcode: placeQuerySchema.nullish(),
    location: latLngSchema.nullish(),
    maxKm: km('How far you can travel').positive('How far you can travel must be more than 0 km'),
    ownReachKm: km('How far you get without a car').nullish(),
  })
  .refine((v) => !!(v.postcode || v.location), { message: 'Give a postcode, an outcode or a point', path: ['postcode'] });
