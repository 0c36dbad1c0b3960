import { describe, expect, test } from 'vitest';
import { addYears, departureProblem, earliestDeparture, parseIsoDateTime, readyFromProblem, returnDepartureProblem, startOfLondonDay } from './dates.ts';
import { boxFilterSchema, createEventSchema, discoverySchema, liftOfferSchema, toFieldErrors, updateEventSchema } from './validation.ts';

const messages = (r: { success: boolean; error?: unknown }) => (r.success ? [] : toFieldErrors(r.error as never).map((e) => `${e.path.join('.')}: ${e.message}`));

describe('strict ISO-8601 date-times', () => {
  test.each([
    ['2026-12-05T10:00:00Z', '2026-12-05T10:00:00.000Z'],
    ['2026-12-05T10:00Z', '2026-12-05T10:00:00.000Z'],
    ['2026-12-05T10:00:00.123456+01:00', '2026-12-05T09:00:00.123Z'],
    ['2026-06-01T00:30:00-0230', '2026-06-01T03:00:00.000Z'],
  ])('%s', (input, iso) => expect(parseIsoDateTime(input)?.toISOString()).toBe(iso));

  test.each([
    '+010000-01-01T00:00:00Z',
    '-004713-01-01T00:00:00Z',
    '2026-02-30T10:00:00Z',
    '2026-12-05T24:00:00Z',
    '2026-12-05T10:00:00',
    '2026-12-05',
    'tomorrow',
    '',
    `2026-12-05T10:00:00.${'1'.repeat(60)}Z`,
  ])('%s is not a date-time', (input) => expect(parseIsoDateTime(input)).toBeNull());

  test('non-strings are not date-times', () => {
    for (const v of [0, 1e15, null, undefined, {}, []]) expect(parseIsoDateTime(v)).toBeNull();
  });
});

describe('one date policy', () => {
  const base = { kind: 'MEETING', title: 'Branch meeting', venueName: 'Hall', address: '1 High St', postcode: 'LS6 1AN' };
  const at = (ms: number) => new Date(Date.now() + ms);
  const hour = 3_600_000;

  test('events start between now and two years ahead', () => {
    expect(createEventSchema().safeParse({ ...base, startsAt: at(hour), endsAt: at(2 * hour) }).success).toBe(true);
    expect(messages(createEventSchema().safeParse({ ...base, startsAt: at(-hour), endsAt: at(hour) }))).toEqual(['startsAt: Start must be in the future']);
    const far = addYears(new Date(), 2);
    far.setUTCDate(far.getUTCDate() + 2);
    expect(messages(createEventSchema().safeParse({ ...base, startsAt: far, endsAt: new Date(far.getTime() + hour) }))[0]).toMatch(
      /^startsAt: Start must be on or before \d{4}-\d{2}-\d{2}$/,
    );
    expect(messages(createEventSchema().safeParse({ ...base, startsAt: '+010000-01-01T00:00:00Z', endsAt: at(hour) }))).toContain(
      'startsAt: Start must be a valid date and time',
    );
  });

  test('an edit keeps a running event’s start but cannot move it into the past', () => {
    const current = { startsAt: at(-hour) };
    expect(updateEventSchema(current).safeParse({ ...base, startsAt: current.startsAt, endsAt: at(hour) }).success).toBe(true);
    expect(messages(updateEventSchema(current).safeParse({ ...base, startsAt: at(-2 * hour), endsAt: at(hour) }))).toEqual([
      'startsAt: A new start must be in the future',
    ]);
  });

  test('searches look between 2000 and five years ahead', () => {
    expect(discoverySchema.safeParse({ postcode: 'LS6', from: new Date('2001-01-01T00:00:00Z') }).success).toBe(true);
    expect(messages(discoverySchema.safeParse({ postcode: 'LS6', from: '-004713-01-01T00:00:00Z' }))).toEqual(['from: From must be a valid date and time']);
    expect(messages(discoverySchema.safeParse({ postcode: 'LS6', from: new Date('1999-12-31T00:00:00Z') }))).toEqual(['from: From must be in 2000 or later']);
    expect(messages(boxFilterSchema.safeParse({ to: addYears(new Date(), 6) }))[0]).toMatch(/^to: To must be on or before/);
  });

  test('departures are on the day of the event, before it starts (Europe/London days)', () => {
    const event = { startsAt: new Date('2026-07-04T09:00:00Z'), endsAt: new Date('2026-07-04T12:00:00Z') };
    expect(departureProblem(new Date('2026-07-03T23:00:00Z'), event)).toBeNull(); // 00:00 BST on the 4th
    expect(departureProblem(new Date('2026-07-03T22:59:00Z'), event)).toBe('Leave on the day of the event');
    expect(departureProblem(new Date('2026-07-04T08:59:00Z'), event)).toBeNull();
    expect(departureProblem(new Date('2026-07-04T09:00:00Z'), event)).toMatch(/after the event starts/);
    expect(returnDepartureProblem(new Date('2026-07-04T11:59:00Z'), event)).toMatch(/before the event ends/);
    expect(returnDepartureProblem(new Date('2026-07-04T12:00:00Z'), event)).toBeNull();
    expect(readyFromProblem(new Date('2026-07-04T08:00:00Z'), event)).toBeNull();
    expect(readyFromProblem(new Date('2026-07-04T09:00:00Z'), event)).toMatch(/before the event starts/);
    expect(readyFromProblem(new Date('2026-07-03T22:00:00Z'), event)).toMatch(/day of the event/);
    expect(liftOfferSchema.safeParse({ postcode: 'LS6', departAt: '+275760-09-13T00:00:00Z', seats: 1, maxDetourKm: 5 }).success).toBe(false);
  });

  test("a lift to one shift is timed by that shift, and its messages say so", () => {
    // The afternoon shift of a day of action that starts at 10:00 BST.
    const shift = { startsAt: new Date('2026-07-04T13:00:00Z'), endsAt: new Date('2026-07-04T16:00:00Z'), shift: true };
    expect(departureProblem(new Date('2026-07-04T12:00:00Z'), shift)).toBeNull();
    expect(departureProblem(new Date('2026-07-04T13:00:00Z'), shift)).toBe('The departure is after the shift starts: leave before it begins');
    expect(departureProblem(new Date('2026-07-03T22:00:00Z'), shift)).toBe('Leave on the day of the shift');
    expect(readyFromProblem(new Date('2026-07-04T13:30:00Z'), shift)).toBe('Ready from must be before the shift starts');
    expect(returnDepartureProblem(new Date('2026-07-04T15:00:00Z'), shift)).toBe('The lift back leaves before the shift ends: choose a time after it finishes');
    expect(returnDepartureProblem(new Date('2026-07-04T16:00:00Z'), shift)).toBeNull();
    const night = { startsAt: new Date('2026-12-12T01:00:00Z'), endsAt: new Date('2026-12-12T04:00:00Z'), shift: true };
    expect(departureProblem(new Date('2026-12-11T18:59:00Z'), night)).toBe('Leave no more than 6 hours before the shift starts');
  });

  test('an event in the small hours takes departures and ready times from six hours before it', () => {
    const midnight = { startsAt: new Date('2026-12-12T00:00:00Z'), endsAt: new Date('2026-12-12T02:00:00Z') }; // GMT
    expect(departureProblem(new Date('2026-12-11T18:00:00Z'), midnight)).toBeNull();
    expect(departureProblem(new Date('2026-12-11T23:59:00Z'), midnight)).toBeNull();
    expect(departureProblem(new Date('2026-12-11T17:59:00Z'), midnight)).toBe('Leave no more than 6 hours before the event starts');
    expect(departureProblem(new Date('2026-12-12T00:00:00Z'), midnight)).toMatch(/after the event starts/);
    expect(readyFromProblem(new Date('2026-12-11T17:00:00Z'), midnight)).toBe('Be ready no more than 6 hours before the event starts');
    expect(readyFromProblem(new Date('2026-12-11T22:00:00Z'), midnight)).toBeNull();
    // 05:30 BST: from 23:30 the evening before; from 06:00 on, the day itself is the window.
    const dawn = new Date('2026-07-04T04:30:00Z');
    expect(earliestDeparture(dawn).toISOString()).toBe('2026-07-03T22:30:00.000Z');
    expect(earliestDeparture(new Date('2026-07-04T05:00:00Z')).toISOString()).toBe('2026-07-03T23:00:00.000Z');
    expect(earliestDeparture(new Date('2026-07-04T09:00:00Z')).toISOString()).toBe('2026-07-03T23:00:00.000Z');
  });

  test('London midnight across the clock changes', () => {
    expect(startOfLondonDay(new Date('2026-03-29T10:00:00Z')).toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(startOfLondonDay(new Date('2026-10-25T23:30:00Z')).toISOString()).toBe('2026-10-24T23:00:00.000Z');
    expect(startOfLondonDay(new Date('2026-07-01T23:30:00Z')).toISOString()).toBe('2026-07-01T23:00:00.000Z');
  });
});
