import type { LatLng } from '../geo.ts';

/** A rider a driver has already accepted: their pickup stays on the route, their seats are already taken. */
export interface AcceptedPickup {
  id: string;
  origin: LatLng;
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
  /** Departure time in ms since the epoch (only used to break ties). */
  departureMs: number;
  /** Riders already accepted; their pickups are part of every route this car can take. */
  acceptedRiders?: readonly AcceptedPickup[];
}

/** A lift request. A party is never split. */
export interface MatchRider {
  id: string;
  origin: LatLng;
  /** Party size, ≥ 1. */
  seats: number;
  needsWheelchair: boolean;
}

export interface MatchOptions {
  /** Road km per great-circle km (default 1.3; there is no routing engine offline). */
  roadFactor?: number;
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
