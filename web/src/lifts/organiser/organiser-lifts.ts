import { type LatLng, plural } from '@rallypoint/shared';
import { pickupLabel } from '../lifts.ts';
import type { MatchEveryoneSummary, MatchProposal } from './documents.ts';

export { plural };

/** The hub form's text → what the shared `eventHubSchema` checks (a blank postcode is none). */
export function hubFormToInput(values: { name: string; postcode: string }): { name: string; postcode: string | null } {
  return { name: values.name, postcode: values.postcode.trim() === '' ? null : values.postcode };
}

export function formatKm(km: number): string {
  return `${km.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} km`;
}

export interface DistrictGroup<T> {
  key: string;
  label: string;
  location: LatLng;
  items: T[];
  /** Sum of `weight` over the items (people for requests, free seats for cars). */
  total: number;
}

/** Lift origins are district centres, so several requests (or cars) share a point: one map marker each. */
export function groupByDistrict<T extends { origin: { label: string; location: LatLng } }>(
  items: readonly T[],
  weight: (item: T) => number,
): DistrictGroup<T>[] {
  const groups = new Map<string, DistrictGroup<T>>();
  for (const item of items) {
    const { label, location } = item.origin;
    const key = `${label}@${location.lat.toFixed(4)},${location.lng.toFixed(4)}`;
    const group = groups.get(key) ?? { key, label, location, items: [], total: 0 };
    group.items.push(item);
    group.total += weight(item);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label, 'en-GB', { numeric: true }) || a.key.localeCompare(b.key));
}

/** "7 of 10 people matched into 3 cars (total added detour 21.4 km); nearest-first would have matched 6." */
export function matchHeadline(s: MatchEveryoneSummary): string {
  const main = `${s.peopleMatched} of ${plural(s.peopleRequested, 'person', 'people')} matched into ${plural(s.carsUsed, 'car', 'cars')} (total added detour ${formatKm(s.totalDetourKm)})`;
  return s.greedyPeopleMatched === null ? `${main}.` : `${main}; nearest-first would have matched ${s.greedyPeopleMatched}.`;
}

/** "3 new proposals; 1 already proposed." */
export function proposalsLine(s: MatchEveryoneSummary): string {
  const already = s.proposals.length - s.proposalsCreated;
  return `${plural(s.proposalsCreated, 'new proposal', 'new proposals')}; ${already} already proposed.`;
}

/** "1 coach filled with 12 people at the pickup hubs.", or null when no coach was used. */
export function coachesLine(s: Pick<MatchEveryoneSummary, 'coachesUsed' | 'coachPeopleMatched'>): string | null {
  if (s.coachesUsed === 0) return null;
  return `${plural(s.coachesUsed, 'coach', 'coaches')} filled with ${plural(s.coachPeopleMatched, 'person', 'people')} at the pickup hubs.`;
}

export interface CarPlan {
  offerId: string;
  driver: string;
  from: string;
  coach: boolean;
  people: number;
  riders: { requestId: string; name: string; from: string; seats: number; needsWheelchair: boolean; detourKm: number; pickup: string }[];
}

/** The summary's proposals grouped by car, in the API's order. */
export function proposalsByCar(proposals: readonly MatchProposal[]): CarPlan[] {
  const cars = new Map<string, CarPlan>();
  for (const p of proposals) {
    const car = cars.get(p.offer.id) ?? {
      offerId: p.offer.id,
      driver: p.offer.driver.displayName,
      from: p.offer.origin.label,
      coach: p.offer.vehicle === 'COACH',
      people: 0,
      riders: [],
    };
    car.people += p.request.seats;
    car.riders.push({
      requestId: p.request.id,
      name: p.request.rider.displayName,
      from: p.request.origin.label,
      seats: p.request.seats,
      needsWheelchair: p.request.needsWheelchair,
      detourKm: p.detourKm,
      pickup: pickupLabel(p),
    });
    cars.set(p.offer.id, car);
  }
  return [...cars.values()];
}

/** Marker diameter for a district's people: grows with the count, capped so big parties do not cover the map. */
export function requestMarkerRem(people: number): number {
  return 1.6 + Math.min(Math.max(people, 1) - 1, 8) * 0.25;
}
