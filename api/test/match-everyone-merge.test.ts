// Match everyone on an event with shifts plans each shift apart; its summary adds the plans up.
import { describe, expect, test } from 'vitest';
import { mergeStats, type PlanStats } from '../src/lifts/match-everyone.ts';

const plan = (people: number, greedy: number | null): PlanStats => ({
  requests: people + 1,
  drivers: 2,
  peopleRequested: people + 1,
  peopleMatched: people,
  requestsMatched: people,
  totalDetourKm: people * 1.5,
  carsUsed: 1,
  greedy: greedy === null ? null : { peopleMatched: greedy, totalDetourKm: greedy * 2 },
});

describe('mergeStats', () => {
  test('adds the plans up; a plan without greedy counts as its own result, and none at all stays none', () => {
    expect(mergeStats([plan(3, 2), plan(4, null)])).toEqual({
      requests: 9,
      drivers: 4,
      peopleRequested: 9,
      peopleMatched: 7,
      requestsMatched: 7,
      totalDetourKm: 10.5,
      carsUsed: 2,
      greedy: { peopleMatched: 6, totalDetourKm: 10 },
    });
    expect(mergeStats([plan(3, null), plan(4, null)]).greedy).toBeNull();
  });
});
