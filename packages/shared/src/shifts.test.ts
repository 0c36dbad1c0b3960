import { describe, expect, test } from 'vitest';
import { capacityOfShifts, repeatRuleProblem, SHIFT_LIMITS, validateShifts, weeklyRule } from './shifts.ts';

const at = (hhmm: string) => new Date(`2027-03-13T${hhmm}:00Z`);
const window = { startsAt: at('09:00'), endsAt: at('17:00') };
const shift = (from: string, to: string, capacity: number | null = 10) => ({ startsAt: at(from), endsAt: at(to), capacity });

describe('validateShifts', () => {
  test('two separate shifts, and shifts that touch, are fine', () => {
    expect(validateShifts([shift('10:00', '12:00'), shift('13:00', '15:00')], window)).toEqual([]);
    expect(validateShifts([shift('10:00', '12:00'), shift('12:00', '14:00', null)], window)).toEqual([]);
    expect(validateShifts([], window)).toEqual([]);
  });

  test('zero-length and negative shifts', () => {
    expect(validateShifts([shift('10:00', '10:00')], window)).toEqual([{ path: ['shifts', '0', 'endsAt'], message: 'Shift 1 must end after it starts' }]);
    expect(validateShifts([shift('10:00', '12:00'), shift('12:00', '11:00')], window)).toEqual([
      { path: ['shifts', '1', 'endsAt'], message: 'Shift 2 must end after it starts' },
    ]);
  });

  test('overlapping shifts, in any order', () => {
    expect(validateShifts([shift('13:00', '15:00'), shift('10:00', '13:30')], window)).toEqual([
      { path: ['shifts', '1', 'startsAt'], message: 'Shifts 1 and 2 overlap' },
    ]);
    expect(validateShifts([shift('10:00', '16:00'), shift('11:00', '12:00')], window)[0]?.message).toBe('Shifts 1 and 2 overlap');
  });

  test('outside the window, named as the caller says', () => {
    expect(validateShifts([shift('08:30', '10:00')], window)).toEqual([{ path: ['shifts', '0', 'startsAt'], message: 'Shift 1 must fall within the event' }]);
    expect(validateShifts([shift('16:00', '17:30')], window, ['input', 'shifts'], "the campaign's dates")).toEqual([
      { path: ['input', 'shifts', '0', 'startsAt'], message: "Shift 1 must fall within the campaign's dates" },
    ]);
  });

  test('capacity is a whole number from 1, or empty', () => {
    expect(validateShifts([shift('10:00', '11:00', 0)], window)[0]?.path).toEqual(['shifts', '0', 'capacity']);
    expect(validateShifts([shift('10:00', '11:00', 2.5)], window)[0]?.path).toEqual(['shifts', '0', 'capacity']);
  });

  test('at most SHIFT_LIMITS.shiftsMax shifts', () => {
    const many = Array.from({ length: SHIFT_LIMITS.shiftsMax + 1 }, (_, i) => ({
      startsAt: new Date(window.startsAt.getTime() + i * 60_000),
      endsAt: new Date(window.startsAt.getTime() + (i + 1) * 60_000),
    }));
    expect(validateShifts(many, window)[0]?.message).toMatch(/At most/);
  });
});

test('capacityOfShifts sums, and any unlimited shift means no limit', () => {
  expect(capacityOfShifts([{ capacity: 3 }, { capacity: 4 }])).toBe(7);
  expect(capacityOfShifts([{ capacity: 3 }, { capacity: null }])).toBeNull();
});

describe('repeatRuleProblem', () => {
  test('rules with an end are fine', () => {
    expect(repeatRuleProblem('FREQ=WEEKLY;BYDAY=TH;COUNT=6')).toBeNull();
    expect(repeatRuleProblem('RRULE:FREQ=WEEKLY;UNTIL=20270601T235959Z')).toBeNull();
    expect(repeatRuleProblem(weeklyRule('TH', { count: 200 }))).toBeNull();
  });
  test('no end, too many, both ends, nonsense', () => {
    expect(repeatRuleProblem('FREQ=WEEKLY;BYDAY=TH')).toMatch(/needs an end/);
    expect(repeatRuleProblem('FREQ=DAILY;COUNT=201')).toMatch(/at most 200/);
    expect(repeatRuleProblem('FREQ=DAILY;COUNT=2;UNTIL=20270601T000000Z')).toMatch(/not both/);
    expect(repeatRuleProblem('BYDAY=TH;COUNT=2')).toMatch(/not valid/);
    expect(repeatRuleProblem('FREQ=WEEKLY;COUNT=0')).toMatch(/not valid/);
    expect(repeatRuleProblem('hello')).toMatch(/not valid/);
  });
});

test('weeklyRule', () => {
  expect(weeklyRule('TU', { count: 4 })).toBe('FREQ=WEEKLY;BYDAY=TU;COUNT=4');
  expect(weeklyRule('TU', { untilDay: '2027-05-04' })).toBe('FREQ=WEEKLY;BYDAY=TU;UNTIL=20270504T235959Z');
});
