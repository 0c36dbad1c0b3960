/** Calendar files, read back with a real iCalendar parser (ical.js), as a calendar app would. */
import { randomBytes, randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningApi } from '../src/server.ts';
import { Client, createEvent, signedUp, startTestApi, uniqueTag, uuidOf } from './helpers.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const CANCEL = /* GraphQL */ `mutation C($id: ID!) { cancelEvent(id: $id) { __typename ... on MutationCancelEventSuccess { data { status } } } }`;
const RSVP = /* GraphQL */ `mutation R($eventId: ID!) { rsvp(eventId: $eventId) { __typename ... on MutationRsvpSuccess { data { status } } } }`;
const CANCEL_RSVP = /* GraphQL */ `mutation C($eventId: ID!) { cancelRsvp(eventId: $eventId) { __typename ... on MutationCancelRsvpSuccess { data { status } } } }`;
const FEED_URL = /* GraphQL */ `query { me { calendarFeedUrl } }`;
const ICS_URL = /* GraphQL */ `query E($id: ID!) { event(id: $id) { icsUrl } }`;

interface ParsedEvent {
  uid: string;
  summary: string;
  start: Date;
  end: Date;
  location: string;
  status: string | null;
  description: string;
  geo: [number, number] | null;
}

function parseCalendar(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe('vcalendar');
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      location: event.location ?? '',
      status: (vevent.getFirstPropertyValue('status') as string | null) ?? null,
      description: event.description ?? '',
      geo: (vevent.getFirstPropertyValue('geo') as unknown as [number, number] | null) ?? null,
    };
  });
}

async function fetchCalendar(client: Client, path: string): Promise<{ status: number; events: ParsedEvent[]; res: Response }> {
  const res = await client.get(path);
  if (res.status !== 200) return { status: res.status, events: [], res };
  expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
  return { status: 200, events: parseCalendar(await res.text()), res };
}

const icsPath = (globalEventId: string) => `/calendar/events/${uuidOf(globalEventId)}.ics`;

describe('one event as .ics', () => {
  test('one VEVENT with the title, the exact times, a stable UID and the address', async () => {
    const organiser = await signedUp(api.url, { firstName: 'Grace', lastName: 'Hopper' });
    const tag = uniqueTag();
    const start = new Date(Date.now() + 9 * 86_400_000);
    start.setUTCHours(17, 30, 0, 0);
    const end = new Date(start.getTime() + 90 * 60_000);
    const event = await createEvent(organiser, {
      title: `Phone bank ${tag}`,
      kind: 'PHONE_BANK',
      description: 'Bring a charged phone; we have scripts.',
      startsAt: start.toISOString(),
      endsAt: end.toISOString(),
      venueName: 'Union Hall',
      address: '7 Clarendon Road',
      postcode: 'LS6 1AN',
      location: { lat: 53.81, lng: -1.56 },
    });

    // The icsUrl the API advertises points at this route.
    const icsUrl = (await organiser.gql(ICS_URL, { id: event.id })).data.event.icsUrl as string;
    expect(new URL(icsUrl).pathname).toBe(icsPath(event.id));

    const { status, events, res } = await fetchCalendar(new Client(api.url), icsPath(event.id));
    expect(status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e.summary).toBe(`Phone bank ${tag}`);
    expect(e.start.toISOString()).toBe(start.toISOString());
    expect(e.end.toISOString()).toBe(end.toISOString());
    expect(e.uid).toBe(`${uuidOf(event.id)}@rallypoint`);
    expect(e.location).toContain('Union Hall');
    expect(e.location).toContain('7 Clarendon Road');
    expect(e.location).toContain('LS6 1AN');
    expect(e.status).toBe('CONFIRMED');
    expect(e.geo).toEqual([53.81, -1.56]);
    expect(e.description).toContain('Bring a charged phone');

    // The same UID every time, so calendar apps update rather than duplicate.
    const again = await fetchCalendar(new Client(api.url), icsPath(event.id));
    expect(again.events[0]!.uid).toBe(e.uid);
  });

  test('the description names the organiser as "Grace H." with no doubled full stop', async () => {
    const organiser = await signedUp(api.url, { firstName: 'Grace', lastName: 'Hopper' });
    const event = await createEvent(organiser, { kind: 'MEETING', description: 'Agenda to follow.' });
    const [e] = (await fetchCalendar(new Client(api.url), icsPath(event.id))).events;
    expect(e!.description).toContain('Grace H.');
    expect(e!.description).not.toContain('Hopper');
    expect(e!.description).not.toMatch(/H\.\./);
  });

  test('a cancelled event says STATUS:CANCELLED', async () => {
    const organiser = await signedUp(api.url);
    const event = await createEvent(organiser, { title: 'Soon cancelled' });
    expect((await organiser.gql(CANCEL, { id: event.id })).data.cancelEvent.data.status).toBe('CANCELLED');
    const { status, events } = await fetchCalendar(new Client(api.url), icsPath(event.id));
    expect(status).toBe(200);
    expect(events).toHaveLength(1);
    expect(events[0]!.status).toBe('CANCELLED');
    expect(events[0]!.uid).toBe(`${uuidOf(event.id)}@rallypoint`);
  });

  test('a draft is a 404 for others and a file for its organiser; unknown ids are 404', async () => {
    const organiser = await signedUp(api.url);
    const other = await signedUp(api.url);
    const draft = await createEvent(organiser, { title: 'Draft calendar' }, false);
    expect((await new Client(api.url).get(icsPath(draft.id))).status).toBe(404);
    expect((await other.get(icsPath(draft.id))).status).toBe(404);
    const mine = await fetchCalendar(organiser, icsPath(draft.id));
    expect(mine.status).toBe(200);
    expect(mine.events[0]!.summary).toBe('Draft calendar');

    expect((await new Client(api.url).get(`/calendar/events/${randomUUID()}.ics`)).status).toBe(404);
    expect((await new Client(api.url).get(`/calendar/events/${uuidOf(draft.id)}`)).status).toBe(404);
    expect((await new Client(api.url).get('/calendar/events/nothing.ics')).status).toBe(404);
  });
});

describe('a member’s private feed', () => {
  test('lists what they are going to, waitlisted for and organise; nothing else; no sign-in needed', async () => {
    const member = await signedUp(api.url);
    const host = await signedUp(api.url);
    const crowd = await signedUp(api.url);
    const tag = uniqueTag();

    const going = await createEvent(host, { title: `Going ${tag}`, addressVisibility: 'ATTENDEES', address: `9 ${tag} Lane` });
    // Two places: the host's own and the crowd's.
    const full = await createEvent(host, { title: `Waitlisted ${tag}`, capacity: 2 });
    const organised = await createEvent(member, { title: `Organised ${tag}` });
    const organisedDraft = await createEvent(member, { title: `Organised draft ${tag}` }, false);
    const leftEvent = await createEvent(host, { title: `Left ${tag}` });
    const unrelated = await createEvent(host, { title: `Unrelated ${tag}` });

    expect((await member.gql(RSVP, { eventId: going.id })).data.rsvp.data.status).toBe('GOING');
    expect((await crowd.gql(RSVP, { eventId: full.id })).data.rsvp.data.status).toBe('GOING');
    expect((await member.gql(RSVP, { eventId: full.id })).data.rsvp.data.status).toBe('WAITLISTED');
    expect((await member.gql(RSVP, { eventId: leftEvent.id })).data.rsvp.data.status).toBe('GOING');
    expect((await member.gql(CANCEL_RSVP, { eventId: leftEvent.id })).data.cancelRsvp.data.status).toBe('CANCELLED');

    const feedUrl = new URL((await member.gql(FEED_URL)).data.me.calendarFeedUrl as string);
    expect(feedUrl.pathname).toMatch(/^\/calendar\/feed\/[0-9a-f]{64}\.ics$/);
    // A calendar app fetches it with no cookie.
    const { status, events, res } = await fetchCalendar(new Client(api.url), feedUrl.pathname);
    expect(status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/private/);

    const uids = events.map((e) => e.uid).sort();
    const uid = (e: { id: string }) => `${uuidOf(e.id)}@rallypoint`;
    expect(uids).toEqual([uid(going), uid(full), uid(organised)].sort());
    for (const e of [organisedDraft, leftEvent, unrelated]) expect(uids).not.toContain(uid(e));

    const byUid = new Map(events.map((e) => [e.uid, e]));
    expect(byUid.get(uid(full))!.summary).toContain(`Waitlisted ${tag}`);
    expect(byUid.get(uid(organised))!.summary).toBe(`Organised ${tag}`);
    // An attendee's own feed carries the address that only attendees see.
    expect(byUid.get(uid(going))!.location).toContain(`9 ${tag} Lane`);
    expect(byUid.get(uid(going))!.start.toISOString()).toBe(going.startsAt);

    // Someone else's feed has none of it.
    const hostFeed = new URL((await crowd.gql(FEED_URL)).data.me.calendarFeedUrl as string);
    const crowdUids = (await fetchCalendar(new Client(api.url), hostFeed.pathname)).events.map((e) => e.uid);
    expect(crowdUids).toEqual([uid(full)]);
  });

  test('giving up a place removes the event from the feed', async () => {
    const member = await signedUp(api.url);
    const host = await signedUp(api.url);
    const event = await createEvent(host, { title: 'Come and go' });
    await member.gql(RSVP, { eventId: event.id });
    const feed = new URL((await member.gql(FEED_URL)).data.me.calendarFeedUrl as string).pathname;
    expect((await fetchCalendar(new Client(api.url), feed)).events.map((e) => e.uid)).toEqual([`${uuidOf(event.id)}@rallypoint`]);
    await member.gql(CANCEL_RSVP, { eventId: event.id });
    expect((await fetchCalendar(new Client(api.url), feed)).events).toEqual([]);
  });

  test('a bad token is a 404', async () => {
    const member = await signedUp(api.url);
    const real = new URL((await member.gql(FEED_URL)).data.me.calendarFeedUrl as string).pathname;
    const token = /([0-9a-f]{64})\.ics$/.exec(real)![1]!;
    for (const path of [
      `/calendar/feed/${randomBytes(32).toString('hex')}.ics`,
      `/calendar/feed/${token.slice(0, 63)}.ics`,
      `/calendar/feed/${token.toUpperCase()}.ics`,
      `/calendar/feed/${token}`,
      '/calendar/feed/not-a-token.ics',
    ]) {
      expect((await new Client(api.url).get(path)).status, path).toBe(404);
    }
    expect((await new Client(api.url).get(real)).status).toBe(200);
  });
});
