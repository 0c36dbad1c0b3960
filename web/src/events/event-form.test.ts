import { createEventSchema, eventInputSchema } from '@rallypoint/shared';
import { describe, expect, it } from 'vitest';
import { type EventFormValues, emptyEventForm, formValuesToRaw, parseEventForm, toEventInputVariables } from './event-form.ts';

// Next July (summer time): always within the two years ahead an event may start.
const YEAR = new Date().getUTCFullYear() + 1;

const filled = (over: Partial<EventFormValues> = {}): EventFormValues => ({
  ...emptyEventForm(new Date(`${YEAR}-07-01T09:00:00Z`)),
  kind: 'STALL',
  title: 'Saturday stall',
  venueName: 'Outside the library',
  address: '1 High Street, Leeds',
  postcode: 'ls6 1an',
  startsAt: `${YEAR}-07-06T10:00`,
  endsAt: `${YEAR}-07-06T12:30`,
  ...over,
});

describe('event form → EventInput', () => {
  it('reads datetime-local values as UK time (BST in summer) and normalises the postcode', () => {
    const parsed = eventInputSchema.parse(formValuesToRaw(filled()));
    const input = toEventInputVariables(parsed);
    expect(input.startsAt).toBe(`${YEAR}-07-06T09:00:00.000Z`);
    expect(input.endsAt).toBe(`${YEAR}-07-06T11:30:00.000Z`);
    expect(input.postcode).toBe('LS6 1AN');
    expect(input.capacity).toBeNull();
    expect(input.location).toBeNull();
  });

  it('sends a pin and a capacity when given', () => {
    const parsed = eventInputSchema.parse(formValuesToRaw(filled({ capacity: '25', lat: '53.8', lng: '-1.57' })));
    expect(toEventInputVariables(parsed)).toMatchObject({ capacity: 25, location: { lat: 53.8, lng: -1.57 } });
  });

  it('reports bad input on the fields the form shows', () => {
    const result = createEventSchema(new Date(`${YEAR}-07-01T09:00:00Z`)).safeParse(
      formValuesToRaw(filled({ kind: '', capacity: '2.5', endsAt: `${YEAR}-07-06T09:00`, startsAt: 'nonsense' })),
    );
    expect(result.success).toBe(false);
    const paths = new Set(result.error?.issues.map((i) => String(i.path[0])));
    expect(paths).toContain('kind');
    expect(paths).toContain('capacity');
    expect(paths).toContain('startsAt');
  });

  it('defaults a new event to tomorrow morning, UK time', () => {
    const values = emptyEventForm(new Date('2030-01-10T23:30:00Z'));
    expect(values.startsAt).toBe('2030-01-11T10:00');
    expect(values.endsAt).toBe('2030-01-11T12:00');
  });
});

describe('editing an event: the rules the API applies to updates', () => {
  // The event started at 10:00:30 (seconds the form cannot show) and is running at 11:00.
  const stored = `${YEAR}-07-06T09:00:30.000Z`;
  const now = new Date(`${YEAR}-07-06T10:00:00Z`);
  const initial = filled();
  const messages = (r: ReturnType<typeof parseEventForm>) => (r.success ? [] : r.error.issues.map((i) => i.message));

  it('a running event keeps its start: untouched, it goes back exactly as stored', () => {
    const r = parseEventForm({ ...initial, title: 'Saturday stall (moved inside)' }, { initial, startsAt: stored }, now);
    expect(messages(r)).toEqual([]);
    expect(r.success && r.data.startsAt.toISOString()).toBe(stored);
  });

  it('a new start must be in the future', () => {
    const earlier = parseEventForm({ ...initial, startsAt: `${YEAR}-07-06T09:30` }, { initial, startsAt: stored }, now);
    expect(messages(earlier)).toEqual(['A new start must be in the future']);
    const later = parseEventForm({ ...initial, startsAt: `${YEAR}-07-06T11:30` }, { initial, startsAt: stored }, now);
    expect(messages(later)).toEqual([]);
  });

  it('a new event must start in the future', () => {
    expect(messages(parseEventForm(initial, null, now))).toContain('Start must be in the future');
  });
});

describe('online events and venue access in the form', () => {
  const online = (over: Partial<EventFormValues> = {}) =>
    filled({ kind: 'PHONE_BANK', online: true, venueName: '', address: '', postcode: '', joinUrl: 'https://meet.example.org/x', regionId: 'london', ...over });

  it('sends no venue for an online event, but its link and region', () => {
    const result = parseEventForm(online(), null, new Date(`${YEAR}-07-01T09:00:00Z`));
    expect(result.success).toBe(true);
    const input = toEventInputVariables(result.data!);
    expect(input).toMatchObject({ online: true, joinUrl: 'https://meet.example.org/x', regionId: 'london' });
    expect(input).not.toHaveProperty('venueName');
    expect(input).not.toHaveProperty('postcode');
  });

  it('puts a link that is not https, and a missing region, on their fields', () => {
    const result = parseEventForm(online({ joinUrl: 'http://meet.example.org/x', regionId: '' }), null, new Date(`${YEAR}-07-01T09:00:00Z`));
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['joinUrl', 'regionId']);
  });

  it('sends the venue access ticked for an event in person', () => {
    const parsed = eventInputSchema.parse(formValuesToRaw(filled({ stepFree: true, hearingLoop: true })));
    expect(toEventInputVariables(parsed)).toMatchObject({ stepFree: true, accessibleToilet: false, hearingLoop: true, quietSpace: false });
  });
});
