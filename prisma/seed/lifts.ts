import { DEFAULT_ROAD_FACTOR, driverFromOffer, rankOffers, riderFromRequest } from '@rallypoint/shared';
import type { DemoData, DemoEvent } from './demo.ts';
import { Rng } from './util.ts';

export interface DemoLiftOffer {
  id: string;
  eventId: string;
  driverId: string;
  originLabel: string;
  originLat: number;
  originLng: number;
  departAt: Date;
  seats: number;
  seatsTaken: number;
  maxDetourKm: number;
  wheelchairAccessible: boolean;
  returnTrip: boolean;
  /** Half an hour after the event ends, for a driver who brings people back. */
  returnDepartAt: Date | null;
  notes: string;
}

export interface DemoLiftRequest {
  id: string;
  eventId: string;
  riderId: string;
  originLabel: string;
  originLat: number;
  originLng: number;
  seats: number;
  needsWheelchair: boolean;
  returnTrip: boolean;
  notes: string;
  status: 'OPEN' | 'MATCHED';
}

export interface DemoLiftMatch {
  id: string;
  offerId: string;
  requestId: string;
  status: 'PROPOSED' | 'ACCEPTED';
  proposedBy: 'DRIVER' | 'RIDER';
  detourKm: number;
  driverNote: string | null;
  riderNote: string | null;
}

export interface DemoLifts {
  offers: DemoLiftOffer[];
  requests: DemoLiftRequest[];
  matches: DemoLiftMatch[];
}

/**
 * Lifts for a living demo: around the four best-attended canvasses and the best-attended rally, about a third of the
 * people going drive (from their home district, which is all we store) and the rest ask; some lifts are already
 * agreed and some proposed, each checked with the shared ranking (seats, access, the driver's whole-route limit).
 */
export function buildDemoLifts(data: DemoData, seed = 2024): DemoLifts {
  const rng = new Rng(seed);
  const users = new Map(data.users.map((u) => [u.id, u]));
  const goingBy = new Map<string, string[]>();
  for (const r of data.rsvps) {
    if (r.status !== 'GOING') continue;
    goingBy.set(r.eventId, [...(goingBy.get(r.eventId) ?? []), r.userId]);
  }
  const attended = (kind: DemoEvent['kind']) =>
    data.events
      .filter((e) => e.kind === kind && e.status === 'PUBLISHED' && e.visibility === 'PUBLIC')
      .map((e) => ({ e, going: (goingBy.get(e.id) ?? []).filter((id) => users.get(id)?.homeLat != null) }))
      .filter((x) => x.going.length >= 3)
      .sort((a, b) => b.going.length - a.going.length || a.e.id.localeCompare(b.e.id));
  const chosen = [...attended('CANVASS').slice(0, 4), ...attended('RALLY').slice(0, 1)];

  const out: DemoLifts = { offers: [], requests: [], matches: [] };
  for (const { e, going } of chosen) {
    const venue = { lat: e.exactLat, lng: e.exactLng };
    const people = [...going].sort();
    const drivers = people.filter((_, i) => i % 3 === 0);
    const offers = drivers.map((id): DemoLiftOffer => {
      const u = users.get(id)!;
      const offer = {
        id: rng.uuid(),
        eventId: e.id,
        driverId: id,
        originLabel: u.homeLabel!,
        originLat: u.homeLat!,
        originLng: u.homeLng!,
        departAt: new Date(e.startsAt.getTime() - 3_600_000),
        seats: rng.int(2, 4),
        seatsTaken: 0,
        maxDetourKm: rng.pick([10, 15, 20, 25]),
        wheelchairAccessible: rng.chance(0.2),
        returnTrip: rng.chance(0.6),
        notes: rng.pick(['', 'Happy to stop for coffee on the way.', 'Small car, room for a bag each.']),
      };
      return { ...offer, returnDepartAt: offer.returnTrip ? new Date(e.endsAt.getTime() + 30 * 60_000) : null };
    });
    const accepted = new Map<string, { id: string; origin: { lat: number; lng: number } }[]>();
    for (const id of people.filter((p) => !drivers.includes(p))) {
      const u = users.get(id)!;
      const request: DemoLiftRequest = {
        id: rng.uuid(),
        eventId: e.id,
        riderId: id,
        originLabel: u.homeLabel!,
        originLat: u.homeLat!,
        originLng: u.homeLng!,
        seats: rng.chance(0.2) ? 2 : 1,
        needsWheelchair: rng.chance(0.05),
        returnTrip: rng.chance(0.6),
        notes: '',
        status: 'OPEN',
      };
      out.requests.push(request);
      const cars = offers.map((o) => driverFromOffer(o, accepted.get(o.id)));
      const rider = riderFromRequest(request);
      const [best] = rankOffers(rider, cars, venue, { roadFactor: DEFAULT_ROAD_FACTOR });
      if (!best) continue;
      const agree = rng.chance(0.5);
      out.matches.push({
        id: rng.uuid(),
        offerId: best.offer.id,
        requestId: request.id,
        status: agree ? 'ACCEPTED' : 'PROPOSED',
        proposedBy: rng.chance(0.5) ? 'DRIVER' : 'RIDER',
        detourKm: best.detourKm,
        driverNote: agree ? 'I will text you when I am outside.' : null,
        riderNote: null,
      });
      if (agree) {
        const offer = offers.find((o) => o.id === best.offer.id)!;
        offer.seatsTaken += request.seats;
        request.status = 'MATCHED';
        accepted.set(offer.id, [...(accepted.get(offer.id) ?? []), { id: request.id, origin: rider.origin }]);
      }
    }
    out.offers.push(...offers);
  }
  return out;
}
