import { hubNameKey } from '@rallypoint/shared';
import { RALLY_VENUES } from './content.ts';
import type { DemoData } from './demo.ts';

export interface DemoHub {
  eventId: string;
  name: string;
  nameKey: string;
  lat: number;
  lng: number;
  postcode: string | null;
  outcode: string;
}

/** Public pickup points around London (exact positions: they are public places). */
const LONDON_HUBS = [
  { name: "King's Cross station", lat: 51.53088, lng: -0.12385, postcode: 'N1C 4QP', outcode: 'N1C' },
  { name: 'Stratford station', lat: 51.54164, lng: -0.00336, postcode: null, outcode: 'E15' },
  { name: 'Brixton station', lat: 51.46266, lng: -0.11454, postcode: null, outcode: 'SW9' },
  { name: 'Wembley Park station car park', lat: 51.56354, lng: -0.27954, postcode: null, outcode: 'HA9' },
  { name: 'East Croydon station', lat: 51.37535, lng: -0.09283, postcode: null, outcode: 'CR0' },
] as const;

/** The London rally's pickup hubs (ids come from the database: no draw from the demo's random generator). */
export function buildDemoHubs(data: DemoData): DemoHub[] {
  const title = RALLY_VENUES.find((r) => r.city === 'London')?.title;
  const rally = data.events.find((e) => e.kind === 'RALLY' && e.title === title);
  if (!rally) return [];
  return LONDON_HUBS.map((h) => ({ ...h, eventId: rally.id, nameKey: hubNameKey(h.name) }));
}
