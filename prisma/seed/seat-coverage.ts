import type { DemoData, DemoEvent, DemoRsvp } from './demo.ts';
import type { PlacesData } from './places.ts';
import { plausiblePostcode, Rng } from './util.ts';

/**
 * Sign-ups per seat of the demo campaign (in the order campaigns.ts lists its seats, goals 12, 8, 20, 6, 15, 10): two
 * seats meet their goal, the others fall short, one has none, so the coverage board shows both.
 */
const SIGN_UPS = [12, 3, 9, 7, 0, 4];
const HOUR_MS = 3_600_000;

/**
 * The demo campaign's canvasses for its coverage board: a Saturday morning and a Sunday afternoon canvass at each
 * target seat's centre, booked by the region's nearest demo members. Its own random generator, so the rest of the
 * demo stays the same.
 */
export function addCoverageDemo(data: DemoData, places: PlacesData): void {
  const campaign = data.campaigns?.campaigns[0];
  const template = data.campaigns?.templates.find((t) => t.kind === 'CANVASS');
  if (!data.campaigns || !campaign || !template) return;
  const rng = new Rng(20_261_202);
  const seatsByCode = new Map(places.constituencies.map((c) => [c.code, c]));
  // After every other booking (they are inserted in arrival order), a minute apart.
  let bookedAt = Math.max(campaign.createdAt.getTime(), ...data.rsvps.map((r) => r.createdAt.getTime()));
  const members = data.users.filter((u) => u.role === 'MEMBER' && u.homeLat !== null && u.homeLng !== null);
  data.campaigns.seats.forEach((target, i) => {
    const seat = seatsByCode.get(target.constituencyCode);
    if (!seat) return;
    const area = nearestOutcode(places, seat);
    const slots = [
      { start: new Date(campaign.startsAt.getTime() + 10 * HOUR_MS), name: 'Saturday morning canvass' },
      { start: new Date(campaign.startsAt.getTime() + 38 * HOUR_MS), name: 'Sunday afternoon canvass' },
    ];
    const events = slots.map(({ start, name }): DemoEvent => ({
      id: rng.uuid(),
      kind: 'CANVASS',
      title: `${name}, ${seat.name}`,
      description: `Weekend of action: knocking doors in ${seat.name}. Walk sheets and clipboards at the start point.`,
      startsAt: start,
      endsAt: new Date(start.getTime() + 3 * HOUR_MS),
      venueName: 'Campaign start point',
      address: `Outside the library, ${seat.name}`,
      postcode: plausiblePostcode(rng, area),
      areaLabel: area,
      exactLat: seat.lat,
      exactLng: seat.lng,
      lat: seat.lat,
      lng: seat.lng,
      regionId: campaign.regionId,
      constituencyCode: seat.code,
      capacity: 12,
      goingCount: 0,
      status: 'PUBLISHED',
      visibility: 'PUBLIC',
      addressVisibility: 'PUBLIC',
      organiserId: campaign.createdById,
      createdAt: campaign.createdAt,
      updatedAt: campaign.createdAt,
      campaignId: campaign.id,
      templateId: template.id,
    }));
    data.events.push(...events);
    const nearest = [...members].sort((a, b) => km(a, seat) - km(b, seat) || a.id.localeCompare(b.id)).slice(0, SIGN_UPS[i] ?? 0);
    nearest.forEach((user, n) => {
      const event = events[n % events.length]!;
      bookedAt += 60_000;
      const at = new Date(bookedAt);
      const rsvp: DemoRsvp = { id: rng.uuid(), eventId: event.id, userId: user.id, status: 'GOING', guests: 0, createdAt: at, updatedAt: at };
      data.rsvps.push(rsvp);
      event.goingCount += 1;
    });
  });
}

const km = (u: { homeLat: number | null; homeLng: number | null }, p: { lat: number; lng: number }) =>
  Math.hypot((u.homeLat ?? 0) - p.lat, ((u.homeLng ?? 0) - p.lng) * Math.cos((p.lat * Math.PI) / 180));

function nearestOutcode(places: PlacesData, p: { lat: number; lng: number }): string {
  let best = places.outcodes[0]!;
  for (const o of places.outcodes) if (km({ homeLat: o.lat, homeLng: o.lng }, p) < km({ homeLat: best.lat, homeLng: best.lng }, p)) best = o;
  return best.code;
}
