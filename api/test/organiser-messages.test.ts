import { randomUUID } from 'node:crypto';
import type { AddressObject, ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DbOrTx } from '../src/db/change.ts';
import { fanOutMessage } from '../src/messages/service.ts';
import type { RunningApi } from '../src/server.ts';
import { mailTo, waitForMail } from './mail-catcher.ts';
import { Client, createEvent, grantRole, manyMembers, queuedMails, signedUp, startTestApi, uniqueTag, uuidOf } from './helpers.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const RSVP = /* GraphQL */ `
  mutation Rsvp($eventId: ID!) { rsvp(eventId: $eventId) { __typename ... on MutationRsvpSuccess { data { status } } ... on Error { message } } }
`;
const SEND = /* GraphQL */ `
  mutation Send($eventId: ID!, $input: MessageAttendeesInput!) {
    messageAttendees(eventId: $eventId, input: $input) {
      __typename
      ... on MutationMessageAttendeesSuccess { data { id audience subject body recipientCount sentAt sender { displayName } } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`;
const HISTORY = /* GraphQL */ `
  query History($id: ID!) {
    event(id: $id) {
      messageAudienceCounts { going waitlisted }
      messages {
        id sentAt audience subject body recipientCount sender { displayName }
        delivery { sent optedOut bounced unconfirmed notApplicable pending failed }
      }
    }
  }
`;
const NODE = /* GraphQL */ `query Node($id: ID!) { node(id: $id) { __typename ... on OrganiserMessage { subject } } }`;

type Member = Client & { email: string; userId: string };

/**
 * A published event with `going` members going and `waiting` on its waitlist (capacity = going, plus the organiser's
 * own place: they are going too, but never in an audience).
 */
async function eventWith(organiser: Client, going: number, waiting: number) {
  const event = await createEvent(organiser, { capacity: going + 1, title: `Messages ${uniqueTag()}` });
  const members = await manyMembers(api, going + waiting);
  // One at a time: the first `going` take the places.
  for (const m of members) expect((await m.gql(RSVP, { eventId: event.id })).data.rsvp.__typename).toBe('MutationRsvpSuccess');
  return { event, going: members.slice(0, going), waiting: members.slice(going) };
}

const send = (client: Client, eventId: string, input: Record<string, unknown>) =>
  client.gql(SEND, { eventId, input: { audience: 'GOING', subject: 'Meeting point', body: 'See you at the door.', ...input } });

/** Every address in a header of a parsed e-mail (To, Cc, Bcc, Reply-To). */
const addresses = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));

/** Waits until the sender has dealt with every e-mail of a message (none still pending). */
async function settled(messageId: string, recipients: number): Promise<void> {
  await expect
    .poll(async () => {
      const [row] = await api.prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM mail_log WHERE key LIKE ${`organiser-message:${uuidOf(messageId)}:%`} AND status <> 'SENDING'`;
      return row!.n;
    }, { timeout: 30_000, interval: 100 })
    .toBe(recipients);
}

const messagesTo = async (address: string, subject: string): Promise<ParsedMail[]> =>
  (await mailTo(address)).filter((m) => (m.subject ?? '').includes(subject));

describe('sending', () => {
  test("going and waitlisted members each get only their audience's message, one e-mail each that shows no one else's address", async () => {
    const organiser = await signedUp(api.url, { firstName: 'Olwen', lastName: 'Organiser' });
    const { event, going, waiting } = await eventWith(organiser, 2, 2);
    const toGoing = `Going ${uniqueTag()}`;
    const toWaiting = `Waiting ${uniqueTag()}`;

    const a = await send(organiser, event.id, { audience: 'GOING', subject: toGoing, body: 'Doors at 6.\n\nBring a friend.' });
    expect(a.data.messageAttendees).toMatchObject({
      __typename: 'MutationMessageAttendeesSuccess',
      data: { audience: 'GOING', subject: toGoing, recipientCount: 2, sender: { displayName: 'Olwen O.' } },
    });
    const b = await send(organiser, event.id, { audience: 'WAITLISTED', subject: toWaiting, body: 'A place may come up.' });
    expect(b.data.messageAttendees.data.recipientCount).toBe(2);
    await settled(a.data.messageAttendees.data.id, 2);
    await settled(b.data.messageAttendees.data.id, 2);

    const everyone = [organiser.email, ...going.map((m) => m.email), ...waiting.map((m) => m.email)];
    for (const [group, subject, other] of [
      [going, toGoing, toWaiting],
      [waiting, toWaiting, toGoing],
    ] as const) {
      for (const m of group) {
        const mails = await messagesTo(m.email, subject);
        expect(mails).toHaveLength(1);
        expect(await messagesTo(m.email, other)).toEqual([]);
        const mail = mails[0]!;
        // Addressed to this member alone; no copies, and no Reply-To (replies are not passed on).
        expect(addresses(mail.to)).toEqual([m.email]);
        expect(addresses(mail.cc)).toEqual([]);
        expect(addresses(mail.bcc)).toEqual([]);
        expect(addresses(mail.replyTo)).toEqual([]);
        expect(mail.headers.get('x-rallypoint-kind')).toBe('organiser-message');
        expect(mail.subject).toBe(`${subject} – ${event.title}`);
        const raw = `${mail.text}\n${mail.html}\n${JSON.stringify([...mail.headers.entries()])}`;
        for (const address of everyone.filter((x) => x !== m.email)) expect(raw).not.toContain(address);
        expect(mail.text).toContain(`Olwen O., for the organisers of ${event.title}, sent this message to`);
        expect(mail.text).toMatch(/Replies to this e-mail are not read/);
        expect(mail.text).toContain(`http://localhost:5173/events/${encodeURIComponent(event.id)}`);
        expect(addresses(mail.from)).not.toContain(organiser.email);
      }
    }
    // Paragraphs as typed.
    const first = (await messagesTo(going[0]!.email, toGoing))[0]!;
    expect(first.text).toMatch(/Doors at 6\.\s+Bring a friend\./);
    expect(first.html).toMatch(/Doors at 6\.<\/span>.*<\/p>.*Bring a friend\./s);

    // The organiser's history: who sent what to whom, delivery counts, and no addresses.
    const history = await organiser.gql(HISTORY, { id: event.id });
    expect(history.data.event.messageAudienceCounts).toEqual({ going: 2, waitlisted: 2 });
    expect(history.data.event.messages).toMatchObject([
      { subject: toWaiting, audience: 'WAITLISTED', recipientCount: 2, sender: { displayName: 'Olwen O.' }, body: 'A place may come up.' },
      { subject: toGoing, audience: 'GOING', recipientCount: 2, body: 'Doors at 6.\n\nBring a friend.' },
    ]);
    for (const m of history.data.event.messages) {
      expect(m.delivery).toEqual({ sent: 2, optedOut: 0, bounced: 0, unconfirmed: 0, notApplicable: 0, pending: 0, failed: 0 });
    }
    const seen = JSON.stringify(history);
    for (const address of everyone) expect(seen).not.toContain(address);
  });

  test('the history counts the e-mails not sent: opted out and bounced', async () => {
    const organiser = await signedUp(api.url);
    const { event, going } = await eventWith(organiser, 3, 0);
    const [keen, optedOut, bounced] = going as [Member, Member, Member];
    await api.prisma.$executeRaw`UPDATE users SET mail_organiser = false WHERE id = ${uuidOf(optedOut.userId)}::uuid`;
    await api.prisma.$executeRaw`UPDATE users SET mail_bounced_at = now() WHERE id = ${uuidOf(bounced.userId)}::uuid`;
    const subject = `Counts ${uniqueTag()}`;
    const message = (await send(organiser, event.id, { subject })).data.messageAttendees.data;
    expect(message.recipientCount).toBe(3);
    await settled(message.id, 3);

    const history = await organiser.gql(HISTORY, { id: event.id });
    expect(history.data.event.messages[0].delivery).toEqual({ sent: 1, optedOut: 1, bounced: 1, unconfirmed: 0, notApplicable: 0, pending: 0, failed: 0 });
    expect(await messagesTo(keen.email, subject)).toHaveLength(1);
    expect(await messagesTo(optedOut.email, subject)).toEqual([]);
    expect(await messagesTo(bounced.email, subject)).toEqual([]);
  });

  test('a copy queued before its member gave up their place is not sent when it comes up, and is counted as such', async () => {
    const organiser = await signedUp(api.url);
    const { event, going } = await eventWith(organiser, 2, 0);
    const [stays, leaves] = going as [Member, Member];
    await leaves.gql(/* GraphQL */ `mutation C($eventId: ID!) { cancelRsvp(eventId: $eventId) { __typename } }`, { eventId: event.id });
    // The message and its two copies as the mutation and the fan-out left them a moment before `leaves` cancelled.
    const subject = `Left ${uniqueTag()}`;
    const stored = await api.prisma.organiserMessage.create({
      data: { eventId: uuidOf(event.id), senderId: uuidOf(organiser.userId), audience: 'GOING', subject, body: 'Hello', recipients: 2 },
    });
    for (const m of [stays, leaves]) {
      const key = `organiser-message:${stored.id}:${uuidOf(m.userId)}`;
      await api.prisma.$executeRaw`SELECT graphile_worker.add_job('send-mail', json_build_object(
        'key', ${key}::text, 'template', 'organiser-message', 'userId', ${uuidOf(m.userId)}::text,
        'params', json_build_object('messageId', ${stored.id}::text)))`;
    }
    const id = Buffer.from(`OrganiserMessage:${stored.id}`).toString('base64');
    await settled(id, 2);
    const history = await organiser.gql(HISTORY, { id: event.id });
    expect(history.data.event.messages[0].delivery).toEqual({ sent: 1, optedOut: 0, bounced: 0, unconfirmed: 0, notApplicable: 1, pending: 0, failed: 0 });
    expect(await messagesTo(stays.email, subject)).toHaveLength(1);
    expect(await messagesTo(leaves.email, subject)).toEqual([]);
  });
});

describe('what the history says', () => {
  test('an address not confirmed is counted as such; e-mails still unsent an hour after the message count as not delivered, not pending', async () => {
    const organiser = await signedUp(api.url);
    const { event, going } = await eventWith(organiser, 2, 0);
    const [confirmed, unconfirmed] = going as [Member, Member];
    await api.prisma.$executeRaw`UPDATE users SET email_verified_at = NULL WHERE id = ${uuidOf(unconfirmed.userId)}::uuid`;
    const message = (await send(organiser, event.id, { subject: `Unconfirmed ${uniqueTag()}` })).data.messageAttendees.data;
    await settled(message.id, 2);
    const history = await organiser.gql(HISTORY, { id: event.id });
    expect(history.data.event.messages[0].delivery).toEqual({ sent: 1, optedOut: 0, bounced: 0, unconfirmed: 1, notApplicable: 0, pending: 0, failed: 0 });
    expect(await messagesTo(confirmed.email, message.subject)).toHaveLength(1);

    // Two messages whose e-mails never reached the log (their jobs failed for good): pending while young, then not delivered.
    const eventId = uuidOf(event.id);
    const stored = (subject: string, createdAt: Date) =>
      api.prisma.organiserMessage.create({ data: { eventId, senderId: uuidOf(organiser.userId), audience: 'GOING', subject, body: 'Hello', recipients: 2, createdAt } });
    await stored('Lost long ago', new Date(Date.now() - 2 * 3_600_000));
    await stored('Lost just now', new Date(Date.now() - 60_000));
    const after = (await organiser.gql(HISTORY, { id: event.id })).data.event.messages as { subject: string; delivery: Record<string, number> }[];
    const bySubject = Object.fromEntries(after.map((m) => [m.subject, m.delivery]));
    expect(bySubject['Lost just now']).toMatchObject({ sent: 0, pending: 2, failed: 0 });
    expect(bySubject['Lost long ago']).toMatchObject({ sent: 0, pending: 0, failed: 2 });
  });

  test('from a regional organiser the e-mail says they write for the organisers; from an erased account it names nobody', async () => {
    const organiser = await signedUp(api.url, { firstName: 'Owain', lastName: 'Own' });
    const regional = await signedUp(api.url, { firstName: 'Rhian', lastName: 'Region' });
    const { event, going } = await eventWith(organiser, 1, 0);
    await grantRole(api.prisma, regional.userId, 'ORGANISER', [event.region.id]);
    const [attendee] = going as [Member];

    const fromRegional = `Regional ${uniqueTag()}`;
    expect((await send(regional, event.id, { subject: fromRegional })).data.messageAttendees.__typename).toBe('MutationMessageAttendeesSuccess');
    const mail = await waitForMail(attendee.email, { test: (m) => (m.subject ?? '').startsWith(fromRegional) });
    expect(mail.text).toContain(`Rhian R., for the organisers of ${event.title}, sent this message to everyone going to it:`);
    expect(mail.text).not.toMatch(/who organises/);

    // A message whose sender's account was erased before its e-mail went (the template reads the sender at send time).
    await api.prisma.$executeRaw`UPDATE users SET deleted_at = now() WHERE id = ${uuidOf(regional.userId)}::uuid`;
    const erased = `Erased ${uniqueTag()}`;
    const stored = await api.prisma.organiserMessage.create({
      data: { eventId: uuidOf(event.id), senderId: uuidOf(regional.userId), audience: 'GOING', subject: erased, body: 'Hello', recipients: 1 },
    });
    const key = `organiser-message:${stored.id}:${uuidOf(attendee.userId)}`;
    await api.prisma.$executeRaw`SELECT graphile_worker.add_job('send-mail', json_build_object(
      'key', ${key}::text, 'template', 'organiser-message', 'userId', ${uuidOf(attendee.userId)}::text,
      'params', json_build_object('messageId', ${stored.id}::text)))`;
    const anonymous = await waitForMail(attendee.email, { test: (m) => (m.subject ?? '').startsWith(erased) });
    expect(anonymous.text).toContain(`The organisers of ${event.title} sent this message to everyone going to it:`);
    expect(`${anonymous.text}${anonymous.html}`).not.toMatch(/Rhian|Region/);
  });
});

describe('the fan-out', () => {
  test('queues every copy in one statement, however many they are (3,000 here)', async () => {
    const organiser = await signedUp(api.url);
    const event = await createEvent(organiser, { title: `Big message ${uniqueTag()}` });
    const eventId = uuidOf(event.id);
    const n = 3_000;
    const tag = randomUUID();
    // Members and RSVPs written straight to the tables; members 1–5 erased and 10–19 cancelled, who get nothing.
    await api.prisma.$executeRaw`
      INSERT INTO users (id, email, first_name, last_name, calendar_token, email_verified_at, deleted_at)
      SELECT gen_random_uuid(), 'msg-' || i || '-' || ${tag} || '@example.org', 'Many', 'Members', md5(${tag} || i) || md5(i || ${tag}), now(),
        CASE WHEN i <= 5 THEN now() END
      FROM generate_series(1, ${n}) i`;
    await api.prisma.$executeRaw`
      INSERT INTO rsvps (id, event_id, user_id, status, updated_at)
      SELECT gen_random_uuid(), ${eventId}::uuid, u.id,
        (CASE WHEN u.email LIKE ${`msg-1_-${tag}@example.org`} THEN 'CANCELLED' ELSE 'GOING' END)::"RsvpStatus", now()
      FROM users u WHERE u.email LIKE ${`msg-%-${tag}@example.org`}`;
    const expected = { n: n - 5 - 10 };
    const message = await api.prisma.organiserMessage.create({
      data: { eventId, senderId: uuidOf(organiser.userId), audience: 'GOING', subject: 'To many', body: 'Hello all', recipients: 0 },
    });
    // The fan-out gets a handle with nothing but $queryRaw, counting its calls; all of it rolled back after.
    let calls = 0;
    const rolledBack = new Error('roll back');
    await api.prisma
      .$transaction(
        async (tx) => {
          const counted = {
            $queryRaw: (...args: Parameters<typeof tx.$queryRaw>) => {
              calls += 1;
              return tx.$queryRaw(...args);
            },
          } as unknown as DbOrTx;
          expect(await fanOutMessage(counted, message.id)).toBe(expected.n);
          expect(await queuedMails(tx, 'key', `organiser-message:${message.id}:%`)).toBe(expected.n);
          expect((await tx.organiserMessage.findUniqueOrThrow({ where: { id: message.id } })).recipients).toBe(expected.n);
          throw rolledBack;
        },
        { timeout: 120_000 },
      )
      .catch((e: unknown) => {
        if (e !== rolledBack) throw e;
      });
    expect(calls).toBe(1);
    await api.prisma.organiserMessage.delete({ where: { id: message.id } });
    await api.prisma.rsvp.deleteMany({ where: { eventId } });
    await api.prisma.user.deleteMany({ where: { email: { startsWith: 'msg-', endsWith: `-${tag}@example.org` } } });
  }, 120_000);
});

describe('who may send, and what', () => {
  test('the organiser and an organiser of its region may send; a member going, a stranger and a visitor may not, and nothing is stored or sent', async () => {
    const organiser = await signedUp(api.url);
    const regional = await signedUp(api.url);
    const { event, going } = await eventWith(organiser, 1, 0);
    await grantRole(api.prisma, regional.userId, 'ORGANISER', [event.region.id]);
    const [attendee] = going as [Member];
    const stranger = (await manyMembers(api, 1))[0]!;
    const eventId = uuidOf(event.id);

    const refusedSubject = `Refused ${uniqueTag()}`;
    expect((await send(attendee, event.id, { subject: refusedSubject })).data.messageAttendees.__typename).toBe('ForbiddenError');
    expect((await send(stranger, event.id, { subject: refusedSubject })).data.messageAttendees.__typename).toBe('ForbiddenError');
    const visitor = new Client(api.url);
    expect((await send(visitor, event.id, { subject: refusedSubject })).data.messageAttendees.__typename).toBe('AuthenticationError');
    expect(await api.prisma.organiserMessage.count({ where: { eventId } })).toBe(0);

    const fromRegional = await send(regional, event.id, { subject: `Regional ${uniqueTag()}` });
    expect(fromRegional.data.messageAttendees.__typename).toBe('MutationMessageAttendeesSuccess');
    const fromOrganiser = await send(organiser, event.id, { subject: `Organiser ${uniqueTag()}` });
    expect(fromOrganiser.data.messageAttendees.__typename).toBe('MutationMessageAttendeesSuccess');
    await settled(fromRegional.data.messageAttendees.data.id, 1);
    await settled(fromOrganiser.data.messageAttendees.data.id, 1);
    expect(await messagesTo(attendee.email, fromRegional.data.messageAttendees.data.subject)).toHaveLength(1);
    expect(await messagesTo(attendee.email, refusedSubject)).toEqual([]);
    expect(await api.prisma.organiserMessage.count({ where: { eventId } })).toBe(2);

    // The history is the organisers' only: null for anyone else, and not reachable by node id either.
    expect((await regional.gql(HISTORY, { id: event.id })).data.event.messages).toHaveLength(2);
    for (const other of [attendee, stranger, visitor]) {
      const h = await other.gql(HISTORY, { id: event.id });
      expect(h.errors).toBeUndefined();
      expect(h.data.event).toEqual({ messageAudienceCounts: null, messages: null });
      expect((await other.gql(NODE, { id: fromOrganiser.data.messageAttendees.data.id })).data.node).toBeNull();
    }
    expect((await organiser.gql(NODE, { id: fromOrganiser.data.messageAttendees.data.id })).data.node.__typename).toBe('OrganiserMessage');
  });

  test('subject and body are checked (plain text, 1–150 and 1–5000 characters); an empty audience is refused', async () => {
    const organiser = await signedUp(api.url);
    const { event } = await eventWith(organiser, 1, 0);
    const cases: [Record<string, unknown>, string[], RegExp][] = [
      [{ subject: '   ' }, ['input', 'subject'], /Subject is required/],
      [{ subject: 'x'.repeat(151) }, ['input', 'subject'], /at most 150/],
      [{ subject: 'two\nlines' }, ['input', 'subject'], /line breaks/],
      [{ body: '' }, ['input', 'body'], /Message is required/],
      [{ body: 'x'.repeat(5001) }, ['input', 'body'], /at most 5000/],
      [{ body: 'hidden \u202Etext' }, ['input', 'body'], /text-direction/],
      [{ audience: 'WAITLISTED' }, ['input', 'audience'], /Nobody is on the waitlist/],
    ];
    for (const [input, path, message] of cases) {
      const r = (await send(organiser, event.id, input)).data.messageAttendees;
      expect(r.__typename, JSON.stringify(input).slice(0, 60)).toBe('ValidationError');
      expect(r.fieldErrors[0].path).toEqual(path);
      expect(r.message).toMatch(message);
    }
    expect((await send(organiser, event.id, { subject: 'x'.repeat(150), body: 'y'.repeat(5000) })).data.messageAttendees.__typename).toBe(
      'MutationMessageAttendeesSuccess',
    );
    expect(await api.prisma.organiserMessage.count({ where: { eventId: uuidOf(event.id) } })).toBe(1);
  });
});

describe('sending limit', () => {
  test('six sent at once with 3 allowed an hour: exactly 3 stored and sent; the others say when they can send again', async () => {
    const organiser = await signedUp(api.url);
    const { event, going } = await eventWith(organiser, 1, 0);
    const [attendee] = going as [Member];
    const tag = uniqueTag();
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => send(organiser, event.id, { subject: `Burst ${tag} ${i}` })));
    const outcomes = results.map((r) => r.data.messageAttendees);
    const ok = outcomes.filter((o) => o.__typename === 'MutationMessageAttendeesSuccess');
    const refused = outcomes.filter((o) => o.__typename === 'ValidationError');
    expect(ok).toHaveLength(3);
    expect(refused).toHaveLength(3);
    for (const r of refused) {
      expect(r.message).toMatch(/^This event has had 3 messages in the last hour, the most allowed\. You can send the next one from .+ \(UK time\)\.$/);
    }
    expect(await api.prisma.organiserMessage.count({ where: { eventId: uuidOf(event.id) } })).toBe(3);
    for (const o of ok) await settled(o.data.id, 1);
    expect(await messagesTo(attendee.email, `Burst ${tag}`)).toHaveLength(3);
  });

  test('at most 10 in 24 hours: the eleventh is refused until the oldest is a day old', async () => {
    const organiser = await signedUp(api.url);
    const { event } = await eventWith(organiser, 1, 0);
    const eventId = uuidOf(event.id);
    // Ten sent earlier today, the oldest 23 hours ago (more than an hour ago, so only the daily limit is reached).
    const oldest = new Date(Date.now() - 23 * 3_600_000);
    await api.prisma.organiserMessage.createMany({
      data: Array.from({ length: 10 }, (_, i) => ({
        eventId,
        audience: 'GOING' as const,
        subject: `Earlier ${i}`,
        body: 'Earlier',
        recipients: 1,
        createdAt: new Date(oldest.getTime() + i * 60_000 * 60),
      })),
    });
    const r = (await send(organiser, event.id, {})).data.messageAttendees;
    expect(r.__typename).toBe('ValidationError');
    const opens = new Date(oldest.getTime() + 24 * 3_600_000);
    const clock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' }).format(opens);
    expect(r.message).toMatch(new RegExp(`^This event has had 10 messages in the last 24 hours, the most allowed\\. You can send the next one from .*${clock}`));
    expect(await api.prisma.organiserMessage.count({ where: { eventId } })).toBe(10);

    // An hour later the oldest has left the window.
    await api.prisma.$executeRaw`UPDATE organiser_messages SET created_at = created_at - interval '61 minutes' WHERE event_id = ${eventId}::uuid AND subject = 'Earlier 0'`;
    expect((await send(organiser, event.id, {})).data.messageAttendees.__typename).toBe('MutationMessageAttendeesSuccess');
  });
});
