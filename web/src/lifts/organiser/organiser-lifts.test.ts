import { eventHubSchema } from '@rallypoint/shared';
import { describe, expect, it } from 'vitest';
import type { MatchEveryoneSummary, MatchProposal } from './documents.ts';
import { returnLegLine } from './LiftsBackPanel.tsx';
import { coachesLine, formatKm, groupByDistrict, hubFormToInput, matchHeadline, proposalsByCar, proposalsLine, requestMarkerRem } from './organiser-lifts.ts';

const place = (label: string, lat: number, lng: number) => ({ label, location: { lat, lng } });

const proposal = (id: string, offer: string, driver: string, rider: string, seats: number, detourKm: number): MatchProposal => ({
  __typename: 'LiftMatch',
  id,
  status: 'PROPOSED',
  detourKm,
  pickupAt: '2030-07-06T08:15:00.000Z',
  pickupHub: offer === 'a' ? { __typename: 'EventHub', id: 'h1', name: 'Finchley Central' } : null,
  offer: {
    __typename: 'LiftOffer',
    id: offer,
    vehicle: offer === 'a' ? 'COACH' : 'CAR',
    driver: { __typename: 'Person', id: `d-${offer}`, displayName: driver },
    origin: { __typename: 'Place', label: 'N3' },
  },
  request: {
    __typename: 'LiftRequest',
    id: `r-${id}`,
    seats,
    needsWheelchair: false,
    hubReachKm: null,
    readyFrom: null,
    shift: null,
    rider: { __typename: 'Person', id: `p-${id}`, displayName: rider },
    origin: { __typename: 'Place', label: 'N12', location: { __typename: 'LatLng', lat: 51.61, lng: -0.17 } },
  },
});

const summary = (over: Partial<MatchEveryoneSummary> = {}): MatchEveryoneSummary => ({
  __typename: 'MatchEveryoneSummary',
  requests: 8,
  cars: 3,
  peopleRequested: 10,
  peopleMatched: 7,
  requestsMatched: 5,
  carsUsed: 3,
  coachesUsed: 1,
  coachPeopleMatched: 3,
  totalDetourKm: 21.43,
  greedyPeopleMatched: 6,
  proposalsCreated: 3,
  skippedDeclined: 0,
  returnLeg: { __typename: 'MatchEveryoneReturnLeg', peopleRequested: 3, peopleMatched: 2, carsUsed: 1, proposalsCreated: 2 },
  proposals: [proposal('1', 'a', 'Sam D.', 'Ann B.', 1, 2), proposal('2', 'b', 'Kim L.', 'Bo C.', 3, 4), proposal('3', 'a', 'Sam D.', 'Cy D.', 2, 1.5)],
  unmatched: [],
  ...over,
});

describe('organiser lifts helpers', () => {
  it('words the lifts back, or that nobody waits for one', () => {
    expect(returnLegLine(summary())).toBe('Lifts back: 2 of 3 people matched into 1 car; 2 new proposals.');
    const none = { __typename: 'MatchEveryoneReturnLeg' as const, peopleRequested: 0, peopleMatched: 0, carsUsed: 0, proposalsCreated: 0 };
    expect(returnLegLine(summary({ returnLeg: none }))).toBe('Lifts back: nobody is waiting for one.');
  });

  it('groups origins by district and sums the weights', () => {
    const groups = groupByDistrict(
      [
        { id: 1, seats: 2, origin: place('N12', 51.61, -0.17) },
        { id: 2, seats: 1, origin: place('N2', 51.59, -0.16) },
        { id: 3, seats: 3, origin: place('N12', 51.61, -0.17) },
      ],
      (r) => r.seats,
    );
    expect(groups.map((g) => [g.label, g.total, g.items.length])).toEqual([
      ['N2', 1, 1],
      ['N12', 5, 2],
    ]);
  });

  it('words the headline, with and without the nearest-first baseline', () => {
    expect(matchHeadline(summary())).toBe(
      '7 of 10 people matched into 3 cars (total added detour 21.4 km); nearest-first would have matched 6.',
    );
    expect(matchHeadline(summary({ peopleRequested: 1, peopleMatched: 1, carsUsed: 1, totalDetourKm: 0, greedyPeopleMatched: null }))).toBe(
      '1 of 1 person matched into 1 car (total added detour 0.0 km).',
    );
    expect(proposalsLine(summary())).toBe('3 new proposals; 0 already proposed.');
  });

  it('counts already-proposed pairs', () => {
    expect(proposalsLine(summary({ proposalsCreated: 1 }))).toBe('1 new proposal; 2 already proposed.');
  });

  it('groups proposals by car', () => {
    const cars = proposalsByCar(summary().proposals);
    expect(cars.map((c) => [c.driver, c.people, c.riders.map((r) => r.name)])).toEqual([
      ['Sam D.', 3, ['Ann B.', 'Cy D.']],
      ['Kim L.', 3, ['Bo C.']],
    ]);
    expect(cars.map((c) => c.coach)).toEqual([true, false]);
    expect(cars[0]!.riders[0]!.pickup).toBe('Pick-up at Finchley Central hub, Sat 6 Jul 2030, 09:15');
    expect(cars[1]!.riders[0]!.pickup).toBe('Pick-up near home, Sat 6 Jul 2030, 09:15');
  });

  it('says how many coaches were filled, and nothing when none was', () => {
    expect(coachesLine(summary())).toBe('1 coach filled with 3 people at the pickup hubs.');
    expect(coachesLine(summary({ coachesUsed: 2, coachPeopleMatched: 95 }))).toBe('2 coaches filled with 95 people at the pickup hubs.');
    expect(coachesLine(summary({ coachesUsed: 0, coachPeopleMatched: 0 }))).toBeNull();
  });

  it('formats km and sizes markers within bounds', () => {
    expect(formatKm(1234.56)).toBe('1,234.6 km');
    expect(requestMarkerRem(1)).toBeLessThan(requestMarkerRem(3));
    expect(requestMarkerRem(50)).toBe(requestMarkerRem(9));
  });
});

describe('the hub form', () => {
  it('sends a name and a postcode; a blank postcode or name is refused on its field before anything is sent', () => {
    expect(eventHubSchema.parse(hubFormToInput({ name: ' Leeds station ', postcode: 'ls1 4dy' }))).toMatchObject({ name: 'Leeds station', postcode: 'LS1 4DY' });
    const blank = eventHubSchema.safeParse(hubFormToInput({ name: '  ', postcode: ' ' }));
    expect(blank.success).toBe(false);
    expect(blank.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['name', 'postcode']);
  });
});
