import { describe, expect, test } from 'vitest';
import { canSeeExactAddress } from './privacy.ts';
import { parsePlaceQuery } from './postcode.ts';
import {
  createEventSchema,
  discoverySchema,
  eventInputSchema,
  LIMITS,
  placeQuerySchema,
  signUpSchema,
  toFieldErrors,
} from './validation.ts';

const start = new Date(Date.now() + 86_400_000);
const valid = {
  kind: 'MEETING',
  title: 'Branch meeting',
  startsAt: start.toISOString(),
  endsAt: new Date(start.getTime() + 7_200_000).toISOString(),
  venueName: 'Hall',
  address: '1 High St',
  postcode: 'ls6 1an',
};

const pathsOf = (result: { success: boolean; error?: unknown }) =>
  result.success ? [] : toFieldErrors(result.error as never).map((e) => e.path.join('.'));

describe('postcodes', () => {
  test('parses full postcodes and outcodes, normalised', () => {
    expect(parsePlaceQuery(' ls6 1an ')).toEqual({ kind: 'postcode', postcode: 'LS6 1AN', outcode: 'LS6' });
    expect(parsePlaceQuery('sw1a1aa')).toEqual({ kind: 'postcode', postcode: 'SW1A 1AA', outcode: 'SW1A' });
    expect(parsePlaceQuery('ls6')).toEqual({ kind: 'outcode', outcode: 'LS6' });
  });

  test('rejects what is not a postcode', () => {
    for (const bad of ['', 'NOT A POSTCODE', '12345', 'LS6 1A', 'x'.repeat(50)]) expect(parsePlaceQuery(bad)).toBeNull();
    expect(placeQuerySchema.safeParse('hello').success).toBe(false);
  });
});

describe('event input', () => {
  test('accepts a valid event and normalises it', () => {
    const r = createEventSchema().parse(valid);
    expect(r.postcode).toBe('LS6 1AN');
    expect(r.startsAt).toBeInstanceOf(Date);
    expect(r.visibility).toBe('PUBLIC');
  });

  test('end before start points at endsAt', () => {
    expect(pathsOf(eventInputSchema.safeParse({ ...valid, endsAt: valid.startsAt }))).toEqual(['endsAt']);
  });

  test('start in the past only matters on create', () => {
    const past = { ...valid, startsAt: '2020-01-01T10:00:00Z', endsAt: '2020-01-01T12:00:00Z' };
    expect(pathsOf(createEventSchema().safeParse(past))).toEqual(['startsAt']);
    expect(eventInputSchema.safeParse(past).success).toBe(true);
  });

  test('capacity must be a positive whole number within the limit', () => {
    for (const capacity of [-1, 0, 1.5, LIMITS.capacityMax + 1]) {
      expect(pathsOf(eventInputSchema.safeParse({ ...valid, capacity }))).toEqual(['capacity']);
    }
    expect(eventInputSchema.safeParse({ ...valid, capacity: null }).success).toBe(true);
  });

  test('oversize strings are rejected with the field path', () => {
    expect(pathsOf(eventInputSchema.safeParse({ ...valid, title: 'x'.repeat(10_000_000) }))).toEqual(['title']);
    expect(pathsOf(eventInputSchema.safeParse({ ...valid, description: 'x'.repeat(LIMITS.descriptionMax + 1) }))).toEqual(['description']);
  });

  test('coordinates out of range', () => {
    expect(pathsOf(eventInputSchema.safeParse({ ...valid, location: { lat: 91, lng: 0 } }))).toEqual(['location.lat']);
    expect(pathsOf(eventInputSchema.safeParse({ ...valid, location: { lat: 0, lng: -181 } }))).toEqual(['location.lng']);
  });
});

describe('sign-up and discovery', () => {
  test('email is trimmed and lower-cased; short passwords refused', () => {
    const ok = signUpSchema.parse({ email: ' Jane@Example.ORG ', password: 'long enough pw', firstName: 'Jane', lastName: 'Doe' });
    expect(ok.email).toBe('jane@example.org');
    expect(pathsOf(signUpSchema.safeParse({ email: 'jane@example.org', password: 'short', firstName: 'J', lastName: 'D' }))).toEqual(['password']);
    expect(pathsOf(signUpSchema.safeParse({ email: 'nope', password: 'long enough pw', firstName: 'J', lastName: 'D' }))).toEqual(['email']);
  });

  test('discovery needs a place and sane limits', () => {
    expect(pathsOf(discoverySchema.safeParse({}))).toEqual(['postcode']);
    expect(pathsOf(discoverySchema.safeParse({ postcode: 'LS6', radiusKm: 0 }))).toEqual(['radiusKm']);
    expect(pathsOf(discoverySchema.safeParse({ postcode: 'LS6', first: 1000 }))).toEqual(['first']);
    expect(discoverySchema.parse({ postcode: 'LS6' })).toMatchObject({ radiusKm: 25, sort: 'DISTANCE', first: 20 });
  });
});

describe('privacy', () => {
  test('an ATTENDEES address is shown only to people running the event and live RSVPs', () => {
    const base = { addressVisibility: 'ATTENDEES' as const, viewerManagesEvent: false };
    expect(canSeeExactAddress({ ...base, viewerRsvpStatus: null })).toBe(false);
    expect(canSeeExactAddress({ ...base, viewerRsvpStatus: 'CANCELLED' })).toBe(false);
    expect(canSeeExactAddress({ ...base, viewerRsvpStatus: 'GOING' })).toBe(true);
    expect(canSeeExactAddress({ ...base, viewerRsvpStatus: 'WAITLISTED' })).toBe(true);
    expect(canSeeExactAddress({ ...base, viewerManagesEvent: true, viewerRsvpStatus: null })).toBe(true);
    expect(canSeeExactAddress({ addressVisibility: 'PUBLIC', viewerManagesEvent: false, viewerRsvpStatus: null })).toBe(true);
  });
});

import { isMarginal } from './marginality.ts';

describe('marginality', () => {
  test('at or below the threshold, never the Speaker, or flagged as a target', () => {
    expect(isMarginal({ winner: 'Lab', majorityPct: 0.04 })).toBe(true);
    expect(isMarginal({ winner: 'Con', majorityPct: 5 })).toBe(true);
    expect(isMarginal({ winner: 'Con', majorityPct: 5.01 })).toBe(false);
    expect(isMarginal({ winner: 'Con', majorityPct: 8 }, 10)).toBe(true);
    expect(isMarginal({ winner: 'Lab', majorityPct: 30 }, 5, true)).toBe(true);
    expect(isMarginal({ winner: 'Spk', majorityPct: 0.01 })).toBe(false);
    expect(isMarginal({ winner: 'Spk', majorityPct: 60 }, 5, true)).toBe(false);
  });
});

describe('free text', () => {
  const start = new Date(Date.now() + 86_400_000);
  const event = (over: Record<string, unknown>) =>
    createEventSchema().safeParse({ ...valid, startsAt: start, endsAt: new Date(start.getTime() + 3_600_000), ...over });
  test('a title made only of invisible characters is not a title', () => {
    for (const title of ['\u200b\u200b\u200b\u200b', '\u2060\ufeff\u00ad\u200d', ' \u200b a \u200c ']) {
      expect(pathsOf(event({ title })), JSON.stringify(title)).toEqual(['title']);
    }
    expect(event({ title: 'Café\u200dBar' }).success).toBe(true);
  });
  test('direction overrides and control characters are refused; line breaks only in long text', () => {
    expect(pathsOf(event({ title: 'Meeting \u202eevil' }))).toEqual(['title']);
    expect(pathsOf(event({ venueName: 'Hall\u2066x\u2069' }))).toEqual(['venueName']);
    expect(pathsOf(event({ title: 'Two\nlines' }))).toEqual(['title']);
    expect(pathsOf(event({ description: 'bell\u0007' }))).toEqual(['description']);
    expect(event({ description: 'Two\nlines\tand a tab' }).success).toBe(true);
    expect(event({ title: 'اجتماع الفرع' }).success).toBe(true);
    expect(pathsOf(signUpSchema.safeParse({ email: 'a@b.org', password: 'x'.repeat(12), firstName: '\u200b', lastName: 'Doe' }))).toEqual(['firstName']);
  });
});

describe('online events', () => {
  const online = { kind: 'PHONE_BANK', title: 'Phone bank', startsAt: valid.startsAt, endsAt: valid.endsAt, online: true as const, regionId: 'london' };

  test('need no venue, take an https join link and keep no venue fields or access', () => {
    const r = createEventSchema().parse({ ...online, joinUrl: ' https://meet.example.org/abc?pwd=1 ', venueName: 'Hall', stepFree: true });
    expect(r).toMatchObject({ online: true, joinUrl: 'https://meet.example.org/abc?pwd=1', regionId: 'london', stepFree: false });
    expect(r).not.toHaveProperty('venueName');
    expect(createEventSchema().parse({ ...online, joinUrl: '' }).joinUrl).toBeNull();
  });

  test('refuse a join link that is not https', () => {
    for (const bad of ['http://meet.example.org', 'javascript:alert(1)', 'ftp://x.org', 'https://', 'https://user@evil.org', 'https://a b.org', `https://x.org/${'a'.repeat(LIMITS.joinUrlMax)}`]) {
      expect(pathsOf(createEventSchema().safeParse({ ...online, joinUrl: bad })), bad).toEqual(['joinUrl']);
    }
  });

  test('are phone banks, meetings or trainings, in a region or a seat', () => {
    expect(pathsOf(createEventSchema().safeParse({ ...online, kind: 'CANVASS' }))).toEqual(['kind']);
    expect(pathsOf(createEventSchema().safeParse({ ...online, regionId: null }))).toEqual(['regionId']);
    expect(createEventSchema().safeParse({ ...online, regionId: null, constituencyCode: 'E14001234' }).success).toBe(true);
  });

  test('in person the venue is still required, and access flags default to false', () => {
    const { venueName: _v, ...noVenue } = valid;
    expect(pathsOf(createEventSchema().safeParse(noVenue))).toEqual(['venueName']);
    expect(createEventSchema().parse({ ...valid, hearingLoop: true })).toMatchObject({ online: false, stepFree: false, hearingLoop: true });
  });
});
