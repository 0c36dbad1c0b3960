import type { LatLng } from '../geo.ts';

/** A rider a driver has already accepted: their pickup stays on the route, their seats are already taken. */
export interface AcceptedPickup {
  id: string;
  origin: LatLng;
  /** With an arrival time: the earliest this rider can be picked up (the car waits for them). */
  readyMs?: number | null;
}

/** A pickup hub: a place where several riders can board at once (a car park, a station). */
export interface MatchHub {
  id: string;
  point: LatLng;
}

/** A lift offer, as the matcher sees it. */
export interface MatchDriver {
  id: string;
  /** Rough origin (~1 km). */
  origin: LatLng;
  /** FREE seats: seats offered minus seats already taken by `acceptedRiders`. */
  seats: number;
  /** The most the driver will add to their own journey, for the WHOLE route (all pickups), in road km. */
  maxDetourKm: number;
  wheelchairAccessible: boolean;
  /**
   * Departure time in ms since the epoch: breaks ties, and when `MatchOptions.arriveByMs` is set, the car leaves its
   * origin then (travel time = road km / speed) and must reach the event by `arriveByMs`.
   */
  departureMs: number;
  /** Riders already accepted; their pickups are part of every route this car can take. */
  acceptedRiders?: readonly AcceptedPickup[];
  /** Coach: picks up only at hubs (riders who can reach one), never at home. */
  hubsOnly?: boolean;
}

/** A lift request. A party is never split. */
export interface MatchRider {
  id: string;
  origin: LatLng;
  /** Party size, ≥ 1. */
  seats: number;
  needsWheelchair: boolean;
  /** The rider can get to any hub within this many km (great-circle) of their origin; absent/0: home pickup only. */
  hubReachKm?: number;
  /** Earliest pickup, ms since the epoch (only with `MatchOptions.arriveByMs`); absent: ready at any time. */
  readyMs?: number;
}

export interface MatchOptions {
  /** Road km per great-circle km (default 1.3; there is no routing engine offline). */
  roadFactor?: number;
  /** Pickup hubs riders with `hubReachKm` can board at. */
  hubs?: readonly MatchHub[];
  /** Every route must reach the event by then (the event's start), ms since the epoch. Absent: no time rule. */
  arriveByMs?: number;
  /** Average road speed, km/h: travel time = road km / speed (default `DEFAULT_SPEED_KMH`). */
  speedKmh?: number;
}

/** Default average road speed for travel times, km/h. */
export const DEFAULT_SPEED_KMH = 40;

/** One stop of a car's route. */
export interface CarStop {
  /** A hub, where everyone in `riderIds` boards at once; null: a home pickup (one party). */
  hubId: string | null;
  riderIds: string[];
  /** When the car leaves the stop (after waiting for everyone boarding there to be ready); null without `arriveByMs`. */
  atMs: number | null;
}

export interface CarAssignment {
  driverId: string;
  /** The riders this run puts in the car, in pickup order. */
  riderIds: string[];
  /** Every pickup in order, already-accepted riders included (equals `riderIds` when there were none). */
  pickupOrder: string[];
  /** People the run adds to the car (sum of party sizes of `riderIds`). */
  people: number;
  /** Detour of the whole route (accepted pickups included) over driving straight to the event, road km. */
  detourKm: number;
  /** Stops in order (accepted riders included, at home); consistent with `pickupOrder`. */
  stops: CarStop[];
  /** When the car reaches the event (null without `arriveByMs`). */
  arriveMs: number | null;
}

export interface AssignStats {
  requests: number;
  drivers: number;
  /** People asking for a lift (sum of party sizes). */
  peopleRequested: number;
  /** People carried (the primary objective). */
  peopleMatched: number;
  /** Requests (parties) carried. */
  requestsMatched: number;
  /** Sum of the route detours of the cars used (the secondary objective). */
  totalDetourKm: number;
  carsUsed: number;
}

export interface Assignment {
  /** Cars that received at least one rider, ordered by driver id. */
  cars: CarAssignment[];
  /** Requests left without a car, ordered by id. */
  unmatched: string[];
  stats: AssignStats;
}
