import { seatsLeft } from '../counts.ts';
import type { AcceptedPickup, MatchDriver, MatchRider } from './types.ts';

/** A lift offer as stored (the columns the matcher needs). */
export interface OfferRow {
  id: string;
  originLat: number;
  originLng: number;
  seats: number;
  seatsTaken: number;
  maxDetourKm: number;
  wheelchairAccessible: boolean;
  departAt: Date;
  vehicle?: string;
}

/** A lift request as stored. */
export interface RequestRow {
  id: string;
  originLat: number;
  originLng: number;
  seats: number;
  needsWheelchair: boolean;
  hubReachKm?: number | null;
  readyFrom?: Date | null;
}

export function driverFromOffer(o: OfferRow, acceptedRiders: readonly AcceptedPickup[] = []): MatchDriver {
  return {
    id: o.id,
    origin: { lat: o.originLat, lng: o.originLng },
    seats: seatsLeft(o),
    maxDetourKm: o.maxDetourKm,
    wheelchairAccessible: o.wheelchairAccessible,
    departureMs: o.departAt.getTime(),
    acceptedRiders,
    ...(o.vehicle === 'COACH' ? { hubsOnly: true } : {}),
  };
}

export function riderFromRequest(r: RequestRow): MatchRider {
  return {
    id: r.id,
    origin: { lat: r.originLat, lng: r.originLng },
    seats: r.seats,
    needsWheelchair: r.needsWheelchair,
    ...(r.hubReachKm ? { hubReachKm: r.hubReachKm } : {}),
    ...(r.readyFrom ? { readyMs: r.readyFrom.getTime() } : {}),
  };
}
