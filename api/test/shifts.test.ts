/** Shifts (each with its own places and waitlist) and recurring series, through the real API and calendar files. */
import ICAL from 'ical.js';
import { formatDayTime, fromLondonInputValue, weeklyRule } from '@rallypoint/shared';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningApi } from '../src/server.ts';
import { fanOutReminder } from '../src/rsvps/reminders.ts';
import { Client, CREATE_EVENT, createEvent, departureFor, OFFER_LIFT, eventInput, globalId, manyMembers, signedUp, startTestApi, uniqueTag, uuidOf } from './helpers.ts';
import { mailTo, waitForMail } from './mail-catcher.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const RSVP = /* GraphQL */ `
  mutation Rsvp($eventId: ID!, $shiftId: ID, $guests: Int) {
    rsvp(eventId: $eventId, shiftId: $shiftId, guests: $guests) {
      __typename
      ... on MutationRsvpSuccess { data { id status guests waitlistPosition shift { id } } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const CANCEL = /* GraphQL */ `
  mutation Cancel($eventId: ID!, $shiftId: ID) {
    cancelRsvp(eventId: $eventId, shiftId: $shiftId) {
      __typename
      ... on MutationCancelRsvpSuccess { data { id status } }
      ... on Error { message }
    }
  }
`;
const EVENT = /* GraphQL */ `
  query E($id: ID!) {
    event(id: $id) {
      id title startsAt endsAt capacity goingCount placesLeft waitlistCount icsUrl
      shifts { id startsAt endsAt capacity goingCount placesLeft waitlistCount myRsvp { status waitlistPosition } }
      series { id rrule icsUrl occurrences { id startsAt status } }
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation U($id: ID!, $input: EventInput!) {
    updateEvent(id: $id, input: $input) {
      __typename
      ... on MutationUpdateEventSuccess { data { id capacity shifts { id startsAt endsAt capacity } } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const CANCEL_EVENT = /* GraphQL */ `mutation C($id: ID!) { cancelEvent(id: $id) { __typename ... on MutationCancelEventSuccess { data { status } } } }`;
const NEAR = /* GraphQL */ `
  query N($input: EventsNearInput!) {
    eventsNear(input: $input, first: 50) { ... on EventsNearConnection { edges { node { id title startsAt } } } }
  }
`;
const FEED_URL = /* GraphQL */ `query { me { calendarFeedUrl } }`;

const base = eventInput();
const start = new Date(base.startsAt);
const at = (hours: number) => new Date(start.getTime() + hours * 3_600_000).toISOString();
/** A 6-hour event with a morning and an afternoon shift (10:00–12:00 and 13:00–15:00 UTC). */
const twoShifts = (a: number | null, b: number | null) => ({
  startsAt: at(0),
  endsAt: at(6),
  shifts: [
    { startsAt: at(0), endsAt: at(2), capacity: a },
    { startsAt: at(3), endsAt: at(5), capacity: b },
  ],
});

async function eventOf(client: Client, id: string) {
  const res = await client.gql(EVENT, { id });
  return res.data.event;
}

function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return { uid: e.uid, summary: e.summary, start: e.startDate.toJSDate(), end: e.endDate.toJSDate() };
  });
}

describe('shifts: places and waitlists per shift under concurrency', () => {
  test('200 members booking two shifts in parallel (20 of them both): each shift fills exactly, waitlists in arrival order', async () => {
    const organiser = await signedUp(api.url);
    const created = await createEvent(organiser, { title: 'Two-shift canvass', ...twoShifts(15, 10) });
    const event = await eventOf(organiser, created.id);
    const [morning, afternoon] = event.shifts;
    expect(event).toMatchObject({ capacity: 25, goingCount: 0, placesLeft: 25 });
    const crowd = await manyMembers(api, 200);

    // Member i books shift i % 2; the first 20 also book the other one, all at once.
    const requests = crowd.flatMap((c, i) => {
      const mine = i % 2 === 0 ? morning : afternoon;
      const other = i % 2 === 0 ? afternoon : morning;
      return [{ c, shift: mine }, ...(i < 20 ? [{ c, shift: other }] : [])];
    });
    const results = await Promise.all(requests.map(({ c, shift }) => c.gql(RSVP, { eventId: event.id, shiftId: shift.id })));
    for (const r of results) expect(r.data?.rsvp.__typename, JSON.stringify(r)).toBe('MutationRsvpSuccess');

    for (const [shift, capacity] of [
      [morning, 15],
      [afternoon, 10],
    ] as const) {
      const bookings = results.map((r) => r.data.rsvp.data).filter((b) => b.shift.id === shift.id);
      expect(bookings).toHaveLength(110);
      const going = bookings.filter((b) => b.status === 'GOING');
      const waiting = bookings.filter((b) => b.status === 'WAITLISTED');
      expect(going).toHaveLength(capacity);
      expect(waiting).toHaveLength(110 - capacity);
      // Arrival order per shift: by seq, every GOING came before every WAITLISTED, and positions are 1..n.
      const rows = await api.prisma.rsvp.findMany({ where: { shiftId: uuidOf(shift.id) }, orderBy: { seq: 'asc' } });
      expect(rows.slice(0, capacity).every((r) => r.status === 'GOING')).toBe(true);
      expect(rows.slice(capacity).every((r) => r.status === 'WAITLISTED')).toBe(true);
      expect(waiting.map((b) => b.waitlistPosition).sort((x, y) => x - y)).toEqual(Array.from({ length: 110 - capacity }, (_, i) => i + 1));
    }

    const after = await eventOf(organiser, event.id);
    expect(after).toMatchObject({ capacity: 25, goingCount: 25, placesLeft: 0, waitlistCount: 220 - 25 });
    expect(after.shifts.map((s: { goingCount: number; placesLeft: number; waitlistCount: number }) => [s.goingCount, s.placesLeft, s.waitlistCount])).toEqual([
      [15, 0, 95],
      [10, 0, 100],
    ]);
    // The stored counts agree with the bookings themselves.
    const [sums] = await api.prisma.$queryRaw<{ shift_going: number; event_going: number; booked: number }[]>`
      SELECT (SELECT sum(going_count)::int FROM event_shifts WHERE event_id = ${uuidOf(event.id)}::uuid) AS shift_going,
        (SELECT going_count FROM events WHERE id = ${uuidOf(event.id)}::uuid) AS event_going,
        (SELECT sum(1 + guests)::int FROM rsvps WHERE event_id = ${uuidOf(event.id)}::uuid AND status = 'GOING') AS booked`;
    expect(sums).toEqual({ shift_going: 25, event_going: 25, booked: 25 });
  });

  test("a cancellation promotes the head of that shift's waitlist only, who is e-mailed the shift's time", async () => {
    const organiser = await signedUp(api.url);
    const tag = uniqueTag();
    const created = await createEvent(organiser, { title: `Shift promotion ${tag}`, ...twoShifts(1, 1) });
    const [morning, afternoon] = (await eventOf(organiser, created.id)).shifts;
    const [a, b, c] = await manyMembers(api, 3);
    expect((await a!.gql(RSVP, { eventId: created.id, shiftId: morning.id })).data.rsvp.data.status).toBe('GOING');
    expect((await b!.gql(RSVP, { eventId: created.id, shiftId: morning.id })).data.rsvp.data.status).toBe('WAITLISTED');
    expect((await c!.gql(RSVP, { eventId: created.id, shiftId: afternoon.id })).data.rsvp.data.status).toBe('GOING');
    // The same member books the afternoon too: a second booking, waitlisted there.
    expect((await a!.gql(RSVP, { eventId: created.id, shiftId: afternoon.id })).data.rsvp.data.status).toBe('WAITLISTED');

    expect((await a!.gql(CANCEL, { eventId: created.id, shiftId: morning.id })).data.cancelRsvp.data.status).toBe('CANCELLED');
    const seen = await eventOf(b!, created.id);
    expect(seen.shifts[0].myRsvp).toEqual({ status: 'GOING', waitlistPosition: null });
    expect((await eventOf(a!, created.id)).shifts[1].myRsvp).toEqual({ status: 'WAITLISTED', waitlistPosition: 1 });
    expect(seen).toMatchObject({ goingCount: 2, waitlistCount: 1 });

    const mail = await waitForMail(b!.email, { test: (m) => /moved up|place/i.test(m.subject ?? '') && (m.subject ?? '').includes(tag) });
    expect(mail.text).toMatch(/10:00|11:00/); // the morning shift's start in London time (GMT or BST)
    const ics = mail.attachments.find((x) => x.filename?.endsWith('.ics'));
    const entries = parseCalendar(ics!.content.toString('utf8'));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ uid: `${uuidOf(morning.id)}@rallypoint`, start: new Date(morning.startsAt), end: new Date(morning.endsAt) });
  });

  test("each shift's reminder goes to that shift's bookings, due before the shift starts", async () => {
    const organiser = await signedUp(api.url);
    const created = await createEvent(organiser, twoShifts(5, 5));
    const [morning, afternoon] = (await eventOf(organiser, created.id)).shifts;
    const [a, b, c] = await manyMembers(api, 3);
    await a!.gql(RSVP, { eventId: created.id, shiftId: morning.id });
    await b!.gql(RSVP, { eventId: created.id, shiftId: afternoon.id });
    await c!.gql(RSVP, { eventId: created.id, shiftId: afternoon.id });
    const jobs = await api.prisma.$queryRaw<{ key: string; run_at: Date }[]>`
      SELECT key, run_at FROM graphile_worker._private_jobs WHERE key = ${`reminder:${uuidOf(afternoon.id)}:24h`}`;
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.run_at.getTime()).toBe(Date.parse(afternoon.startsAt) - 24 * 3_600_000);
    const job = { eventId: uuidOf(created.id), shiftId: uuidOf(afternoon.id), which: '24h' as const, startsAt: afternoon.startsAt };
    expect(await fanOutReminder(api.prisma, job)).toBe(2);
    // The e-mail names the shift's start, not the event's.
    const reminder = await waitForMail(b!.email, { test: (m) => (m.subject ?? '').includes(formatDayTime(afternoon.startsAt)) });
    expect(reminder.subject).not.toContain(formatDayTime(morning.startsAt));
    // The event's own reminder has nobody to tell: every booking is a shift's.
    expect(await fanOutReminder(api.prisma, { eventId: uuidOf(created.id), which: '24h', startsAt: start.toISOString() })).toBe(0);
  });
});

describe('shifts: rules and typed errors that change nothing', () => {
  async function tryCreate(client: Client, overrides: Record<string, unknown>) {
    const tag = uniqueTag();
    const res = await client.gql(CREATE_EVENT, { input: eventInput({ title: `Bad shifts ${tag}`, ...overrides }), publish: true });
    const count = await api.prisma.event.count({ where: { title: `Bad shifts ${tag}` } });
    return { result: res.data.createEvent, count };
  }

  test('overlapping, zero-length, negative and out-of-window shifts are refused and nothing is created', async () => {
    const organiser = await signedUp(api.url);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...twoShifts(5, 5), shifts: [{ startsAt: at(0), endsAt: at(3), capacity: 5 }, { startsAt: at(2), endsAt: at(4), capacity: 5 }] }, /overlap/],
      [{ ...twoShifts(5, 5), shifts: [{ startsAt: at(1), endsAt: at(1), capacity: 5 }] }, /end after it starts/],
      [{ ...twoShifts(5, 5), shifts: [{ startsAt: at(2), endsAt: at(1), capacity: 5 }] }, /end after it starts/],
      [{ ...twoShifts(5, 5), shifts: [{ startsAt: at(5), endsAt: at(7), capacity: 5 }] }, /within the event/],
      [{ ...twoShifts(5, 5), shifts: [{ startsAt: at(0), endsAt: at(1), capacity: 0 }] }, /capacity/],
    ];
    for (const [input, message] of cases) {
      const { result, count } = await tryCreate(organiser, input);
      expect(result.__typename).toBe('ValidationError');
      expect(result.message).toMatch(message);
      expect(result.fieldErrors[0].path[0]).toBe('shifts');
      expect(count).toBe(0);
    }
  });

  test('edits: shifts follow the list given, but a booked shift stays and its capacity not below places taken', async () => {
    const organiser = await signedUp(api.url);
    const created = await createEvent(organiser, twoShifts(3, 3));
    const [morning, afternoon] = (await eventOf(organiser, created.id)).shifts;
    const [a, b] = await manyMembers(api, 2);
    await a!.gql(RSVP, { eventId: created.id, shiftId: morning.id, guests: 1 });
    await b!.gql(RSVP, { eventId: created.id, shiftId: morning.id });
    const input = (shifts: unknown[]) => eventInput({ ...twoShifts(3, 3), shifts });
    const keepBoth = (m: number | null) => [
      { id: morning.id, startsAt: morning.startsAt, endsAt: morning.endsAt, capacity: m },
      { id: afternoon.id, startsAt: afternoon.startsAt, endsAt: afternoon.endsAt, capacity: 3 },
    ];

    const below = await organiser.gql(UPDATE, { id: created.id, input: input(keepBoth(2)) });
    expect(below.data.updateEvent).toMatchObject({ __typename: 'ValidationError', message: expect.stringMatching(/3 places are already taken/) });
    const dropped = await organiser.gql(UPDATE, { id: created.id, input: input(keepBoth(3).slice(1)) });
    expect(dropped.data.updateEvent).toMatchObject({ __typename: 'ValidationError', message: expect.stringMatching(/booked cannot be removed/) });
    const overlap = await organiser.gql(UPDATE, {
      id: created.id,
      input: input([...keepBoth(3), { startsAt: at(4.5), endsAt: at(6), capacity: 2 }]),
    });
    expect(overlap.data.updateEvent).toMatchObject({ __typename: 'ValidationError', message: 'Shifts 2 and 3 overlap' });
    // Moving the event so its shifts fall outside it, without giving shifts: refused too.
    const moved = await organiser.gql(UPDATE, { id: created.id, input: eventInput({ startsAt: at(1), endsAt: at(6) }) });
    expect(moved.data.updateEvent).toMatchObject({ __typename: 'ValidationError', message: 'Shift 1 must fall within the event' });
    expect((await eventOf(organiser, created.id)).shifts).toEqual((await eventOf(organiser, created.id)).shifts);
    const unchanged = await eventOf(organiser, created.id);
    expect(unchanged).toMatchObject({ startsAt: at(0), capacity: 6, goingCount: 3 });
    expect(unchanged.shifts.map((s: { id: string; capacity: number }) => [s.id, s.capacity])).toEqual([
      [morning.id, 3],
      [afternoon.id, 3],
    ]);

    // Fine: the empty afternoon goes, an evening shift comes, the morning grows to 4 (no limit on the evening).
    const ok = await organiser.gql(UPDATE, {
      id: created.id,
      input: input([keepBoth(4)[0], { startsAt: at(5), endsAt: at(6), capacity: null }]),
    });
    expect(ok.data.updateEvent.__typename).toBe('MutationUpdateEventSuccess');
    expect(ok.data.updateEvent.data.capacity).toBeNull();
    expect(ok.data.updateEvent.data.shifts.map((s: { id: string }) => s.id)).toContain(morning.id);
    expect(ok.data.updateEvent.data.shifts).toHaveLength(2);
  });

  test('an event with shifts is booked per shift; one without takes no shift, as before', async () => {
    const organiser = await signedUp(api.url);
    const withShifts = await createEvent(organiser, twoShifts(2, 2));
    const plain = await createEvent(organiser, { capacity: 2 });
    const [m] = await manyMembers(api, 1);
    const noShift = await m!.gql(RSVP, { eventId: withShifts.id });
    expect(noShift.data.rsvp).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['shiftId'] }] });
    const wrongShift = await m!.gql(RSVP, { eventId: plain.id, shiftId: (await eventOf(organiser, withShifts.id)).shifts[0].id });
    expect(wrongShift.data.rsvp.__typename).toBe('NotFoundError');
    const ok = await m!.gql(RSVP, { eventId: plain.id });
    expect(ok.data.rsvp.data).toMatchObject({ status: 'GOING', shift: null });
    expect(await api.prisma.rsvp.count({ where: { userId: uuidOf(m!.userId) } })).toBe(1);
  });
});

describe("a shift booking's answer", () => {
  const BOOK = /* GraphQL */ `
    mutation Book($eventId: ID!, $shiftId: ID) {
      rsvp(eventId: $eventId, shiftId: $shiftId) {
        __typename
        ... on MutationRsvpSuccess { data { status event { id joinUrl address addressHidden myRsvp { status } } } }
        ... on Error { message }
      }
    }
  `;

  test('carries what the event page shows people going: the join link, and the address kept for attendees', async () => {
    const organiser = await signedUp(api.url);
    const { venueName: _v, address: _a, postcode: _p, ...rest } = eventInput();
    const join = 'https://meet.example.org/shifted-phone-bank';
    const online = await createEvent(organiser, {
      ...rest,
      ...twoShifts(1, 5),
      kind: 'PHONE_BANK',
      title: 'Shifted online phone bank',
      online: true,
      regionId: 'yorkshire-and-the-humber',
      joinUrl: join,
    });
    const [morning] = (await eventOf(organiser, online.id)).shifts;
    const member = await signedUp(api.url);
    const booked = (await member.gql(BOOK, { eventId: online.id, shiftId: morning.id })).data.rsvp;
    expect(booked).toMatchObject({ __typename: 'MutationRsvpSuccess', data: { status: 'GOING', event: { joinUrl: join, myRsvp: { status: 'GOING' } } } });
    // Only waitlisted: no link.
    const late = (await (await signedUp(api.url)).gql(BOOK, { eventId: online.id, shiftId: morning.id })).data.rsvp;
    expect(late).toMatchObject({ data: { status: 'WAITLISTED', event: { joinUrl: null } } });

    const hidden = await createEvent(organiser, { title: 'Shifted attendees-only canvass', ...twoShifts(5, 5), addressVisibility: 'ATTENDEES' });
    const [first] = (await eventOf(organiser, hidden.id)).shifts;
    const answer = (await member.gql(BOOK, { eventId: hidden.id, shiftId: first.id })).data.rsvp;
    expect(answer.data.event).toMatchObject({ addressHidden: false, address: expect.any(String) });
  });
});

describe('shifts in calendars', () => {
  test("the event's .ics has one VEVENT per shift; a member's feed has each shift they booked", async () => {
    const organiser = await signedUp(api.url);
    const created = await createEvent(organiser, { title: 'Shifted', ...twoShifts(5, 5) });
    const [morning, afternoon] = (await eventOf(organiser, created.id)).shifts;
    const file = await (await organiser.get(`/calendar/events/${uuidOf(created.id)}.ics`)).text();
    const entries = parseCalendar(file);
    expect(entries.map((e) => [e.uid, e.start.toISOString(), e.end.toISOString()])).toEqual([
      [`${uuidOf(morning.id)}@rallypoint`, morning.startsAt, morning.endsAt],
      [`${uuidOf(afternoon.id)}@rallypoint`, afternoon.startsAt, afternoon.endsAt],
    ]);
    expect(entries[0]!.summary).toMatch(/^Shifted \(shift \d\d:00–\d\d:00\)$/);

    const member = await signedUp(api.url);
    await member.gql(RSVP, { eventId: created.id, shiftId: afternoon.id });
    const feedPath = new URL((await member.gql(FEED_URL)).data.me.calendarFeedUrl).pathname;
    let feed = parseCalendar(await (await member.get(feedPath)).text());
    expect(feed.map((e) => e.uid)).toEqual([`${uuidOf(afternoon.id)}@rallypoint`]);
    await member.gql(RSVP, { eventId: created.id, shiftId: morning.id });
    feed = parseCalendar(await (await member.get(feedPath)).text());
    expect(feed.map((e) => e.uid)).toEqual([`${uuidOf(morning.id)}@rallypoint`, `${uuidOf(afternoon.id)}@rallypoint`]);
  });
});

// ------------------------------------------------------------------------------------------------ series

/** 18:00 London on the Thursday ten days before the clocks go forward next (last Sunday of March, at least a month ahead). */
function beforeClockChange(): Date {
  const now = new Date();
  let year = now.getUTCFullYear();
  for (;;) {
    const lastSunday = new Date(Date.UTC(year, 2, 31));
    lastSunday.setUTCDate(31 - lastSunday.getUTCDay());
    const thursday = new Date(lastSunday.getTime() - 10 * 86_400_000);
    if (thursday.getTime() > now.getTime() + 30 * 86_400_000) return fromLondonInputValue(`${thursday.toISOString().slice(0, 10)}T18:00`)!;
    year += 1;
  }
}

describe('series', () => {
  test('a weekly series: occurrences are events (bookable, found), London time kept across the clock change, one cancelled', async () => {
    const organiser = await signedUp(api.url);
    const tag = uniqueTag();
    const first = beforeClockChange();
    const created = await createEvent(organiser, {
      kind: 'PHONE_BANK',
      title: `Weekly phone bank ${tag}`,
      startsAt: first.toISOString(),
      endsAt: new Date(first.getTime() + 2 * 3_600_000).toISOString(),
      capacity: 3,
      repeat: weeklyRule('TH', { count: 4 }),
    });
    const series = (await eventOf(organiser, created.id)).series;
    expect(series.rrule).toBe('FREQ=WEEKLY;BYDAY=TH;COUNT=4');
    const starts = series.occurrences.map((o: { startsAt: string }) => o.startsAt);
    const london = (d: string) => new Date(d).toLocaleString('en-GB', { timeZone: 'Europe/London', weekday: 'short', hour: '2-digit', minute: '2-digit' });
    expect(starts.map(london)).toEqual(['Thu 18:00', 'Thu 18:00', 'Thu 18:00', 'Thu 18:00']);
    // Two before the change at 18:00 UTC, two after at 17:00 UTC.
    expect(starts.map((s: string) => new Date(s).getUTCHours())).toEqual([18, 18, 17, 17]);

    // Each occurrence is found and booked on its own.
    const member = await signedUp(api.url);
    const near = await member.gql(NEAR, { input: { postcode: 'LS6 1AN', text: tag, sort: 'TIME', from: first.toISOString() } });
    expect(near.errors, JSON.stringify(near.errors)).toBeUndefined();
    expect(near.data.eventsNear.edges.map((e: { node: { startsAt: string } }) => e.node.startsAt)).toEqual(starts);
    const third = series.occurrences[2];
    expect((await member.gql(RSVP, { eventId: third.id })).data.rsvp.data.status).toBe('GOING');
    // The organiser is going to every date; the member only to the third.
    expect((await eventOf(member, third.id)).goingCount).toBe(2);
    expect((await eventOf(member, series.occurrences[1].id)).goingCount).toBe(1);

    // Cancel the second occurrence; move the fourth by an hour (this occurrence only).
    expect((await organiser.gql(CANCEL_EVENT, { id: series.occurrences[1].id })).data.cancelEvent.data.status).toBe('CANCELLED');
    const fourth = series.occurrences[3];
    const moved = new Date(Date.parse(fourth.startsAt) + 3_600_000);
    const upd = await organiser.gql(UPDATE, {
      id: fourth.id,
      input: eventInput({ kind: 'PHONE_BANK', title: `Weekly phone bank ${tag}`, capacity: 3, startsAt: moved.toISOString(), endsAt: new Date(moved.getTime() + 2 * 3_600_000).toISOString() }),
    });
    expect(upd.data.updateEvent.__typename).toBe('MutationUpdateEventSuccess');

    // The series .ics, expanded by a real iCalendar library as a calendar app would: RRULE in London time, EXDATE for
    // the cancelled one, RECURRENCE-ID for the moved one.
    const text = await (await member.get(new URL(series.icsUrl).pathname)).text();
    expect(text).toMatch(/RRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=4/);
    expect(text).toMatch(/EXDATE;TZID=Europe\/London:/);
    const calendar = new ICAL.Component(ICAL.parse(text));
    ICAL.TimezoneService.register(calendar.getFirstSubcomponent('vtimezone')!);
    const vevents = calendar.getAllSubcomponents('vevent');
    const master = new ICAL.Event(vevents.find((v) => !v.hasProperty('recurrence-id')), {
      exceptions: vevents.filter((v) => v.hasProperty('recurrence-id')),
    });
    const expanded: string[] = [];
    const it = master.iterator();
    for (let next = it.next(); next; next = it.next()) {
      const details = master.getOccurrenceDetails(next);
      expanded.push(details.startDate.toJSDate().toISOString());
    }
    expect(expanded).toEqual([starts[0], starts[2], moved.toISOString()]);
  });

  test('a rule with no end, more than 200 occurrences, or not on the event\'s day is refused and nothing is created', async () => {
    const organiser = await signedUp(api.url);
    const first = beforeClockChange();
    const cases: [string, RegExp][] = [
      ['FREQ=WEEKLY;BYDAY=TH', /needs an end/],
      ['FREQ=DAILY;COUNT=201', /at most 200/],
      [`FREQ=DAILY;UNTIL=${first.getUTCFullYear() + 1}1231T235959Z`, /at most 200/],
      ['FREQ=WEEKLY;BYDAY=MO;COUNT=3', /own date/],
      ['FREQ=SOMETIMES;COUNT=3', /not valid/],
    ];
    for (const [repeat, message] of cases) {
      const tag = uniqueTag();
      const res = await organiser.gql(CREATE_EVENT, {
        input: eventInput({ title: `Bad series ${tag}`, startsAt: first.toISOString(), endsAt: new Date(first.getTime() + 3_600_000).toISOString(), repeat }),
      });
      expect(res.data.createEvent, repeat).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['repeat'], message: expect.stringMatching(message) }] });
      expect(await api.prisma.event.count({ where: { title: `Bad series ${tag}` } })).toBe(0);
    }
    expect(await api.prisma.eventSeries.count({ where: { events: { none: {} } } })).toBe(0);
  });

  test('a series of events with shifts: every occurrence has the shifts at the same times of day', async () => {
    const organiser = await signedUp(api.url);
    const created = await createEvent(organiser, { ...twoShifts(4, 4), repeat: 'FREQ=DAILY;COUNT=3' });
    const series = (await eventOf(organiser, created.id)).series;
    expect(series.occurrences).toHaveLength(3);
    for (const [i, o] of series.occurrences.entries()) {
      const e = await eventOf(organiser, o.id);
      expect(e.shifts.map((s: { startsAt: string; capacity: number }) => [Date.parse(s.startsAt) - Date.parse(e.startsAt), s.capacity])).toEqual([
        [0, 4],
        [3 * 3_600_000, 4],
      ]);
      expect(e.capacity).toBe(8);
      expect(Date.parse(e.startsAt) - Date.parse(at(0))).toBe(i * 86_400_000);
    }
    expect(globalId('EventSeries', uuidOf(series.id))).toBe(series.id);
  });
});

// ------------------------------------------------------------------------------------------------ editing a series

const UPDATE_SERIES = /* GraphQL */ `
  mutation S($eventId: ID!, $input: SeriesInput!) {
    updateSeries(eventId: $eventId, input: $input) {
      __typename
      ... on MutationUpdateSeriesSuccess { data { id rrule icsUrl occurrences { id startsAt endsAt status } } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;

const WEEK = 7 * 86_400_000;
const londonDate = (d: Date) => d.toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
const atLondon = (d: Date, time: string) => fromLondonInputValue(`${londonDate(d)}T${time}`)!;

/** The starts of an .ics series as a calendar app expands it (ical.js): RRULE, EXDATE and overrides. */
function expandIcs(text: string): string[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  ICAL.TimezoneService.register(calendar.getFirstSubcomponent('vtimezone')!);
  const vevents = calendar.getAllSubcomponents('vevent');
  const master = new ICAL.Event(vevents.find((v) => !v.hasProperty('recurrence-id')), { exceptions: vevents.filter((v) => v.hasProperty('recurrence-id')) });
  const out: string[] = [];
  const it = master.iterator();
  for (let next = it.next(); next; next = it.next()) out.push(master.getOccurrenceDetails(next).startDate.toJSDate().toISOString());
  return out;
}

describe('editing a series as a whole', () => {
  test('from now on: past occurrences and their bookings untouched, kept days moved with their bookings, a dropped day cancelled (its people e-mailed), a new day added, the calendars right', async () => {
    const organiser = await signedUp(api.url);
    const [past, kept, dropped] = await Promise.all([signedUp(api.url), signedUp(api.url), signedUp(api.url)]);
    const tag = uniqueTag();
    const title = `Weekly canvass ${tag}`;
    const first = fromLondonInputValue(`${londonDate(new Date(Date.now() + 3 * 86_400_000))}T10:00`)!;
    const created = await createEvent(organiser, {
      kind: 'CANVASS',
      title,
      startsAt: first.toISOString(),
      endsAt: new Date(first.getTime() + 2 * 3_600_000).toISOString(),
      capacity: 3,
      repeat: 'FREQ=WEEKLY;COUNT=5',
    });
    const w = (await eventOf(organiser, created.id)).series.occurrences as { id: string; startsAt: string }[];
    expect(w).toHaveLength(5);
    // Bookings on the second (soon in the past), third (its day stays) and fourth (its day goes); the fifth cancelled.
    const booked = async (who: Client, id: string) => (await who.gql(RSVP, { eventId: id })).data.rsvp.data as { id: string; status: string };
    const pastRsvp = await booked(past, w[1]!.id);
    const keptRsvp = await booked(kept, w[2]!.id);
    const droppedRsvp = await booked(dropped, w[3]!.id);
    expect((await organiser.gql(CANCEL_EVENT, { id: w[4]!.id })).data.cancelEvent.data.status).toBe('CANCELLED');
    // Two weeks on: the first two have happened.
    const seriesUuid = uuidOf((await eventOf(organiser, created.id)).series.id);
    await api.prisma.$executeRaw`UPDATE events SET starts_at = starts_at - interval '14 days', ends_at = ends_at - interval '14 days',
      occurrence_at = occurrence_at - interval '14 days' WHERE series_id = ${seriesUuid}::uuid`;
    const days = (await api.prisma.event.findMany({ where: { seriesId: seriesUuid }, orderBy: { occurrenceAt: 'asc' } })).map((e) => e.startsAt);
    expect(days.map((d) => d.getTime() < Date.now())).toEqual([true, true, false, false, false]);
    const pastRows = await api.prisma.event.findMany({ where: { id: { in: [uuidOf(w[0]!.id), uuidOf(w[1]!.id)] } }, orderBy: { startsAt: 'asc' } });

    // Refused for people not running it, and for a rule that does not end: nothing changes.
    const input = { repeat: 'FREQ=WEEKLY;INTERVAL=2;COUNT=4', startTime: '19:00', durationMinutes: 90 };
    expect((await new Client(api.url).gql(UPDATE_SERIES, { eventId: w[2]!.id, input })).data.updateSeries.__typename).toBe('AuthenticationError');
    expect((await kept.gql(UPDATE_SERIES, { eventId: w[2]!.id, input })).data.updateSeries.__typename).toBe('ForbiddenError');
    const refusals: [Record<string, unknown>, string, RegExp][] = [
      [{ repeat: 'FREQ=WEEKLY' }, 'repeat', /needs an end/],
      [{ repeat: 'FREQ=DAILY;COUNT=201' }, 'repeat', /at most 200/],
      [{ startTime: '25:00' }, 'startTime', /time of day/],
      [{ durationMinutes: 5 }, 'durationMinutes', /length/],
    ];
    const snapshot = () => api.prisma.event.findMany({ where: { title }, orderBy: { id: 'asc' }, include: { rsvps: true } });
    const before = await snapshot();
    for (const [overrides, field, message] of refusals) {
      const res = await organiser.gql(UPDATE_SERIES, { eventId: w[2]!.id, input: { ...input, ...overrides } });
      expect(res.data.updateSeries, field).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: [field], message: expect.stringMatching(message) }] });
    }
    expect(await snapshot()).toEqual(before);

    // Every other week from the series' first day, at 19:00 for 90 minutes, four times: days 0, 2, 4 and 6.
    const res = await organiser.gql(UPDATE_SERIES, { eventId: w[2]!.id, input });
    expect(res.data.updateSeries.__typename, JSON.stringify(res.data.updateSeries)).toBe('MutationUpdateSeriesSuccess');
    const series = res.data.updateSeries.data;
    const week = (n: number) => atLondon(new Date(days[0]!.getTime() + n * WEEK), '19:00').toISOString();
    // The occurrences to come form a new series (counted from its own first), the past keep the old one.
    expect(series.rrule).toBe('FREQ=WEEKLY;INTERVAL=2;COUNT=3');
    expect(series.occurrences.map((o: { startsAt: string; endsAt: string; status: string }) => [o.startsAt, Date.parse(o.endsAt) - Date.parse(o.startsAt), o.status])).toEqual([
      [week(2), 90 * 60_000, 'PUBLISHED'],
      [week(4), 90 * 60_000, 'CANCELLED'],
      [week(6), 90 * 60_000, 'PUBLISHED'],
    ]);
    expect(series.occurrences[0].id).toBe(w[2]!.id);
    expect(series.occurrences[1].id).toBe(w[4]!.id);

    // Past occurrences untouched, with their bookings; the old series ends with them.
    expect(await api.prisma.event.findMany({ where: { id: { in: pastRows.map((e) => e.id) } }, orderBy: { startsAt: 'asc' } })).toEqual(pastRows);
    expect(await api.prisma.rsvp.findUniqueOrThrow({ where: { id: uuidOf(pastRsvp.id) } })).toMatchObject({ status: 'GOING' });
    const old = await eventOf(organiser, w[0]!.id);
    expect(old.series.rrule).toBe(`FREQ=WEEKLY;UNTIL=${days[1]!.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`);
    expect(old.series.occurrences.map((o: { id: string }) => o.id)).toEqual([w[0]!.id, w[1]!.id]);

    // The booking on the day kept is kept (same booking, still going, the place still counted).
    expect(await api.prisma.rsvp.findUniqueOrThrow({ where: { id: uuidOf(keptRsvp.id) } })).toMatchObject({ status: 'GOING' });
    expect((await eventOf(kept, w[2]!.id)).goingCount).toBe(2);
    // The dropped day: cancelled, out of the series, its booking cancelled and its person told.
    const gone = await api.prisma.event.findUniqueOrThrow({ where: { id: uuidOf(w[3]!.id) }, include: { rsvps: true } });
    expect(gone).toMatchObject({ status: 'CANCELLED', seriesId: null, goingCount: 0 });
    // Both bookings of it: the organiser's own and the member's.
    expect(gone.rsvps.map((r) => r.status)).toEqual(['CANCELLED', 'CANCELLED']);
    expect(droppedRsvp.status).toBe('GOING');
    const notice = await waitForMail(dropped.email, { test: (m) => (m.subject ?? '') === `Cancelled: ${title}` });
    expect(notice.text).toContain('cancelled');
    // The new day is bookable like the others.
    const added = series.occurrences[2].id;
    expect(await booked(past, added)).toMatchObject({ status: 'GOING' });
    // The organiser is going to the new day too, as to the dates the series was created with.
    expect(await eventOf(past, added)).toMatchObject({ capacity: 3, goingCount: 2 });

    // Calendars, expanded as a calendar app would: the new series without the cancelled day, the old one its two.
    expect(expandIcs(await (await kept.get(new URL(series.icsUrl).pathname)).text())).toEqual([week(2), week(6)]);
    expect(expandIcs(await (await kept.get(new URL(old.series.icsUrl).pathname)).text())).toEqual([days[0]!.toISOString(), days[1]!.toISOString()]);
  });

  test('a series with nothing past yet keeps its id; shifts move with the time and their bookings stay', async () => {
    const organiser = await signedUp(api.url);
    const member = await signedUp(api.url);
    const created = await createEvent(organiser, { ...twoShifts(4, 4), repeat: 'FREQ=DAILY;COUNT=3' });
    const before = (await eventOf(organiser, created.id)).series;
    const second = await eventOf(member, before.occurrences[1].id);
    const rsvp = (await member.gql(RSVP, { eventId: second.id, shiftId: second.shifts[1].id })).data.rsvp.data;
    expect(rsvp.status).toBe('GOING');
    // Shifts end three hours after the start plus their length: too short a length is refused.
    const short = await organiser.gql(UPDATE_SERIES, { eventId: created.id, input: { repeat: 'FREQ=DAILY;COUNT=3', startTime: '08:00', durationMinutes: 60 } });
    expect(short.data.updateSeries).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['durationMinutes'] }] });
    const length = Date.parse(second.endsAt) - Date.parse(second.startsAt);
    const res = await organiser.gql(UPDATE_SERIES, { eventId: created.id, input: { repeat: 'FREQ=DAILY;COUNT=3', startTime: '08:00', durationMinutes: length / 60_000 } });
    expect(res.data.updateSeries.__typename, JSON.stringify(res.data.updateSeries)).toBe('MutationUpdateSeriesSuccess');
    expect(res.data.updateSeries.data.id).toBe(before.id);
    const after = await eventOf(member, second.id);
    expect(after.startsAt).toBe(atLondon(new Date(second.startsAt), '08:00').toISOString());
    const delta = Date.parse(after.startsAt) - Date.parse(second.startsAt);
    expect(after.shifts.map((s: { id: string; startsAt: string }) => [s.id, Date.parse(s.startsAt)])).toEqual(
      second.shifts.map((s: { id: string; startsAt: string }) => [s.id, Date.parse(s.startsAt) + delta]),
    );
    expect(after.shifts[1].myRsvp).toMatchObject({ status: 'GOING' });
    expect(after.goingCount).toBe(1);
  });
});

// ------------------------------------------------------------------------------------------------ cancelling a series

const CANCEL_SERIES = /* GraphQL */ `
  mutation CS($eventId: ID!) {
    cancelSeries(eventId: $eventId) {
      __typename
      ... on MutationCancelSeriesSuccess { data { id rrule icsUrl occurrences { id startsAt status } } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;

describe('cancelling a series as a whole', () => {
  test('every date to come is cancelled (its people e-mailed, its lifts called off), the past one stays; refusals and a second call change nothing', async () => {
    const organiser = await signedUp(api.url);
    const [member, driver] = await Promise.all([signedUp(api.url), signedUp(api.url)]);
    const tag = uniqueTag();
    const title = `Weekly phone bank ${tag}`;
    const first = fromLondonInputValue(`${londonDate(new Date(Date.now() + 3 * 86_400_000))}T18:00`)!;
    const created = await createEvent(organiser, {
      kind: 'CANVASS',
      title,
      startsAt: first.toISOString(),
      endsAt: new Date(first.getTime() + 2 * 3_600_000).toISOString(),
      repeat: 'FREQ=WEEKLY;COUNT=4',
    });
    const w = (await eventOf(organiser, created.id)).series.occurrences as { id: string; startsAt: string }[];
    expect(w).toHaveLength(4);
    for (const o of [w[0]!, w[1]!, w[2]!]) expect((await member.gql(RSVP, { eventId: o.id })).data.rsvp.data.status).toBe('GOING');
    const offer = (await driver.gql(OFFER_LIFT, { eventId: w[2]!.id, input: { departAt: departureFor(w[2]!.startsAt), seats: 2, maxDetourKm: 15, postcode: 'NW7' } })).data.offerLift;
    expect(offer.__typename, JSON.stringify(offer)).toBe('MutationOfferLiftSuccess');
    // A week on: the first date has happened.
    const seriesUuid = uuidOf((await eventOf(organiser, created.id)).series.id);
    await api.prisma.$executeRaw`UPDATE events SET starts_at = starts_at - interval '7 days', ends_at = ends_at - interval '7 days',
      occurrence_at = occurrence_at - interval '7 days' WHERE series_id = ${seriesUuid}::uuid`;
    const days = (await api.prisma.event.findMany({ where: { seriesId: seriesUuid }, orderBy: { occurrenceAt: 'asc' } })).map((e) => e.startsAt);
    expect(days.map((d) => d.getTime() < Date.now())).toEqual([true, false, false, false]);

    // Refused for people not running it, and for an event that is no series: nothing changes.
    const snapshot = () => api.prisma.event.findMany({ where: { title }, orderBy: { id: 'asc' }, include: { rsvps: true } });
    const before = await snapshot();
    expect((await new Client(api.url).gql(CANCEL_SERIES, { eventId: w[1]!.id })).data.cancelSeries.__typename).toBe('AuthenticationError');
    expect((await member.gql(CANCEL_SERIES, { eventId: w[1]!.id })).data.cancelSeries.__typename).toBe('ForbiddenError');
    const single = await createEvent(organiser);
    expect((await organiser.gql(CANCEL_SERIES, { eventId: single.id })).data.cancelSeries).toMatchObject({ __typename: 'ValidationError', message: expect.stringMatching(/not part of a series/) });
    expect(await snapshot()).toEqual(before);

    // From any of its dates, the past one included.
    const res = await organiser.gql(CANCEL_SERIES, { eventId: w[0]!.id });
    expect(res.data.cancelSeries.__typename, JSON.stringify(res.data.cancelSeries)).toBe('MutationCancelSeriesSuccess');
    expect(res.data.cancelSeries.data.occurrences.map((o: { id: string; status: string }) => [o.id, o.status])).toEqual([
      [w[0]!.id, 'PUBLISHED'],
      [w[1]!.id, 'CANCELLED'],
      [w[2]!.id, 'CANCELLED'],
      [w[3]!.id, 'CANCELLED'],
    ]);
    // The past date keeps its booking; each cancelled date e-mails the member booked on it, once.
    expect((await eventOf(member, w[0]!.id)).goingCount).toBe(2);
    for (const o of [w[1]!, w[2]!]) {
      const link = encodeURIComponent(o.id);
      await waitForMail(member.email, { test: (m) => m.subject === `Cancelled: ${title}` && (m.text ?? '').includes(link) });
    }
    expect((await api.prisma.liftOffer.findUniqueOrThrow({ where: { id: uuidOf(offer.data.id) } })).status).not.toBe('OPEN');
    // Nothing left to cancel: a typed error, nothing changes.
    const after = await snapshot();
    expect((await organiser.gql(CANCEL_SERIES, { eventId: w[3]!.id })).data.cancelSeries).toMatchObject({ __typename: 'ValidationError', message: expect.stringMatching(/left to cancel/) });
    expect(await snapshot()).toEqual(after);
    const cancelledMail = (await mailTo(member.email)).filter((m) => m.subject === `Cancelled: ${title}`);
    expect(cancelledMail).toHaveLength(2);
    // The calendar entry, expanded as a calendar app would: only the date that took place.
    expect(expandIcs(await (await member.get(new URL(res.data.cancelSeries.data.icsUrl).pathname)).text())).toEqual([days[0]!.toISOString()]);
  });

  test('a series cancelled before any date took place is cancelled as a whole in calendars', async () => {
    const organiser = await signedUp(api.url);
    const created = await createEvent(organiser, { repeat: 'FREQ=DAILY;COUNT=3' });
    const res = await organiser.gql(CANCEL_SERIES, { eventId: created.id });
    expect(res.data.cancelSeries.data.occurrences.map((o: { status: string }) => o.status)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
    const ics = await (await organiser.get(new URL(res.data.cancelSeries.data.icsUrl).pathname)).text();
    const master = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
    expect(master.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(expandIcs(ics)).toEqual([]);
  });
});
