import type { ParsedMail } from 'mailparser';
import { describe, expect, test } from 'vitest';
import { queueMail } from '../src/jobs/queue.ts';
import type { TemplateName } from '../src/mail/templates/index.ts';
import { mailTo, waitForMail } from './mail-catcher.ts';
import { type Client, createEvent, departureFor, OFFER_LIFT, PASSWORD, queuedMails, REQUEST_LIFT, signedUp, uniqueTag, useTestApi, uuidOf } from './helpers.ts';

const api = useTestApi();

const ERR = '... on Error { __typename message }';
const PROPOSE = /* GraphQL */ `
  mutation Propose($offerId: ID!, $requestId: ID!) {
    proposeLift(offerId: $offerId, requestId: $requestId) { __typename ... on MutationProposeLiftSuccess { data { id status } } ${ERR} }
  }
`;
const ACCEPT = /* GraphQL */ `
  mutation Accept($matchId: ID!, $note: String) {
    acceptLift(matchId: $matchId, pickupNote: $note) { __typename ... on MutationAcceptLiftSuccess { data { id status } } ${ERR} }
  }
`;
const WITHDRAW = /* GraphQL */ `
  mutation Withdraw($matchId: ID!) { withdrawLift(matchId: $matchId) { __typename ... on MutationWithdrawLiftSuccess { data { id status } } ${ERR} } }
`;
const CANCEL_OFFER = /* GraphQL */ `mutation CancelOffer($id: ID!) { cancelLiftOffer(id: $id) { __typename ${ERR} } }`;
const CANCEL_REQUEST = /* GraphQL */ `mutation CancelRequest($id: ID!) { cancelLiftRequest(id: $id) { __typename ${ERR} } }`;
const CANCEL_EVENT = /* GraphQL */ `mutation CancelEvent($id: ID!) { cancelEvent(id: $id) { __typename ${ERR} } }`;
const MATCH_EVERYONE = /* GraphQL */ `
  mutation MatchEveryone($eventId: ID!) {
    matchEveryone(eventId: $eventId) {
      __typename ... on MutationMatchEveryoneSuccess { data { proposals { id offer { id } request { id } } unmatched { id } } } ${ERR}
    }
  }
`;

type Member = Client & { email: string; userId: string };

/** A Hendon canvass (as in lifts.test.ts) with a title unique to the test, so subjects name it. */
async function canvass() {
  const organiser = await signedUp(api.url);
  const title = `Lift mail canvass ${uniqueTag()}`;
  const event = await createEvent(organiser, { kind: 'CANVASS', title, postcode: 'NW4 4BT', location: { lat: 51.5894, lng: -0.2288 } });
  return { organiser, eventId: event.id as string, title };
}

async function ok<T = { id: string }>(client: Client, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await client.gql(query, variables);
  const result = Object.values(res.data ?? {})[0] as { __typename: string; data?: T } | undefined;
  if (!result?.__typename.endsWith('Success')) throw new Error(`${query.trim().split('\n')[0]} failed: ${JSON.stringify(res)}`);
  return result.data as T;
}

const offer = (driver: Client, eventId: string, input: Record<string, unknown> = {}) =>
  ok(driver, OFFER_LIFT, { eventId, input: { departAt: departureFor(), seats: 3, maxDetourKm: 15, postcode: 'NW7', ...input } });
const request = (rider: Client, eventId: string, input: Record<string, unknown> = {}) =>
  ok(rider, REQUEST_LIFT, { eventId, input: { seats: 1, postcode: 'NW7', ...input } });
const propose = (who: Client, offerId: string, requestId: string) => ok(who, PROPOSE, { offerId, requestId });
const accept = (who: Client, matchId: string, note?: string) => ok(who, ACCEPT, { matchId, note });
const withdraw = (who: Client, matchId: string) => ok(who, WITHDRAW, { matchId });

const kindOf = (m: ParsedMail) => String(m.headers.get('x-rallypoint-kind') ?? '');
/** Lift e-mails to `member` about the event titled `title`. */
const liftMail = async (member: Member, title: string) =>
  (await mailTo(member.email)).filter((m) => kindOf(m).startsWith('lift') && (m.subject ?? '').includes(title));
const waitForLiftMail = (member: Member, title: string, subject: RegExp) =>
  waitForMail(member.email, { test: (m) => kindOf(m).startsWith('lift') && (m.subject ?? '').includes(title) && subject.test(m.subject ?? '') });

/** Both parts of an e-mail, as a reader (or a leak) would see them. */
const parts = (m: ParsedMail) => [m.html || '', m.text ?? ''];
function expectInBoth(m: ParsedMail, ...needles: string[]) {
  for (const part of parts(m)) for (const n of needles) expect(part, `"${n}" in ${m.subject}`).toContain(n);
}
function expectInNeither(m: ParsedMail, ...needles: string[]) {
  for (const part of parts(m)) for (const n of needles) expect(part, `"${n}" not in ${m.subject}`).not.toContain(n);
}

/** Every job for these lift keys has run (sent, skipped or found a duplicate): the mail_log is then complete. */
async function settled(prefixes: string[]) {
  const waiting = async () => (await Promise.all(prefixes.map((p) => queuedMails(api.prisma, 'key', `${p}%`)))).reduce((a, b) => a + b, 0);
  await expect.poll(waiting, { timeout: 60_000, interval: 100 }).toBe(0);
}

/** What was sent for these key prefixes, as "template → member" lines, sorted. */
async function sentFor(prefixes: string[], names: Record<string, Member>): Promise<string[]> {
  await settled(prefixes);
  const rows = await api.prisma.$queryRaw<{ kind: string; user_id: string }[]>`
    SELECT kind, user_id FROM mail_log WHERE status = 'SENT' AND key LIKE ANY(${prefixes.map((p) => `${p}%`)})`;
  const nameOf = new Map(Object.entries(names).map(([name, m]) => [uuidOf(m.userId), name]));
  return rows.map((r) => `${r.kind} → ${nameOf.get(r.user_id) ?? r.user_id}`).sort();
}
const matchKeys = (...matchIds: string[]) => matchIds.map((id) => `lift:${uuidOf(id)}:`);

describe('lift e-mails: who hears of each step', () => {
  test("a driver's proposal reaches the rider, a rider's ask reaches the driver, and nobody else", async () => {
    const { eventId, title, organiser } = await canvass();
    const driver = await signedUp(api.url, { firstName: 'Dana', lastName: 'Driverson' });
    const [rider, asker, stranger] = await Promise.all([
      signedUp(api.url, { firstName: 'Rob', lastName: 'Riderman' }),
      signedUp(api.url, { firstName: 'Ada', lastName: 'Askwith' }),
      signedUp(api.url),
    ]);
    const car = await offer(driver, eventId);
    const offered = await propose(driver, car.id, (await request(rider, eventId)).id);
    const asked = await propose(asker, car.id, (await request(asker, eventId, { postcode: 'NW4' })).id);

    const toRider = await waitForLiftMail(rider, title, /^Dana D\. offers you a lift to /);
    expectInBoth(toRider, 'Dana D.', 'around NW7', `/events/${encodeURIComponent(eventId)}#lifts-heading`);
    const toDriver = await waitForLiftMail(driver, title, /^Ada A\. asks you for a lift to /);
    expectInBoth(toDriver, 'Ada A.', 'around NW4');

    expect(await sentFor(matchKeys(offered.id, asked.id), { driver, rider, asker })).toEqual([
      'lift-proposed → driver',
      'lift-proposed → rider',
    ]);
    for (const m of [stranger, organiser]) expect(await liftMail(m as Member, title)).toEqual([]);
  });

  test('accepting tells the proposer; declining tells the proposer; withdrawing tells the one asked', async () => {
    const { eventId, title } = await canvass();
    const driver = await signedUp(api.url, { firstName: 'Dana', lastName: 'Driverson' });
    const [rider, decliner, asker] = await Promise.all([
      signedUp(api.url, { firstName: 'Rob', lastName: 'Riderman' }),
      signedUp(api.url, { firstName: 'Dee', lastName: 'Clyne' }),
      signedUp(api.url, { firstName: 'Ada', lastName: 'Askwith' }),
    ]);
    const car = await offer(driver, eventId);

    // The rider asks, the driver accepts: the rider (who proposed) hears, the driver does not.
    const agreed = await propose(rider, car.id, (await request(rider, eventId)).id);
    await waitForLiftMail(driver, title, /^Rob R\. asks you for a lift/);
    await accept(driver, agreed.id, 'By the post box');
    const accepted = await waitForLiftMail(rider, title, /is agreed$/);
    expectInBoth(accepted, 'Dana Driverson', 'By the post box');

    // The driver offers, the rider declines: the driver hears.
    const declined = await propose(driver, car.id, (await request(decliner, eventId)).id);
    await waitForLiftMail(decliner, title, /offers you a lift/);
    await withdraw(decliner, declined.id);
    await waitForLiftMail(driver, title, /^Dee C\. declined your offer of a lift/);

    // A rider asks and thinks better of it: the driver, who was asked, hears.
    const retracted = await propose(asker, car.id, (await request(asker, eventId)).id);
    await waitForLiftMail(driver, title, /^Ada A\. asks you for a lift/);
    await withdraw(asker, retracted.id);
    await waitForLiftMail(driver, title, /^Ada A\. no longer asks you for a lift/);

    expect(await sentFor(matchKeys(agreed.id, declined.id, retracted.id), { driver, rider, decliner, asker })).toEqual([
      'lift-accepted → rider',
      'lift-ended → driver',
      'lift-ended → driver',
      'lift-proposed → decliner',
      'lift-proposed → driver',
      'lift-proposed → driver',
    ]);
  });

  test('privacy: no surname or pickup note before the lift is agreed, both once it is, in HTML and text', async () => {
    const { eventId, title } = await canvass();
    const driver = await signedUp(api.url, { firstName: 'Dana', lastName: 'Driverson' });
    const rider = await signedUp(api.url, { firstName: 'Rob', lastName: 'Riderman' });
    const car = await offer(driver, eventId, { postcode: 'N7 8AB' });
    const match = await propose(rider, car.id, (await request(rider, eventId, { location: { lat: 51.60123, lng: -0.19876 } })).id);

    const asked = await waitForLiftMail(driver, title, /asks you for a lift/);
    expect(asked.subject).toContain('Rob R.');
    expectInBoth(asked, 'Rob R.');
    expectInNeither(asked, 'Riderman', rider.email, driver.email);

    await accept(driver, match.id, 'Blue door, 14 Acacia Ave');
    const agreed = await waitForLiftMail(rider, title, /is agreed$/);
    expectInBoth(agreed, 'Dana Driverson', 'Blue door, 14 Acacia Ave', 'around N7');
    expectInNeither(agreed, driver.email, 'N7 8AB');

    // Called off, the lift is no longer agreed: the notice goes back to "Rob R." and leaves the note out, though the
    // match row still holds it.
    await withdraw(driver, match.id);
    expect((await api.prisma.liftMatch.findUniqueOrThrow({ where: { id: uuidOf(match.id) } })).driverNote).toBe('Blue door, 14 Acacia Ave');
    const calledOff = await waitForLiftMail(rider, title, /has called off your lift/);
    expectInBoth(calledOff, 'Dana D.');
    expectInNeither(calledOff, 'Driverson', 'Acacia', driver.email);
  });

  test('a driver who cancels their offer: each rider hears, and the re-proposal to another car reaches rider and driver', async () => {
    const { eventId, title, organiser } = await canvass();
    const [first, second] = await Promise.all([
      signedUp(api.url, { firstName: 'Fay', lastName: 'Firstcar' }),
      signedUp(api.url, { firstName: 'Sam', lastName: 'Secondcar' }),
    ]);
    const [r1, r2, r3] = await Promise.all([0, 1, 2].map((i) => signedUp(api.url, { firstName: `Rider${i + 1}`, lastName: 'Person' })));
    const car1 = await offer(first, eventId, { seats: 3 });
    const car2 = await offer(second, eventId, { postcode: 'N3', maxDetourKm: 40 });
    const m1 = await propose(r1!, car1.id, (await request(r1!, eventId)).id);
    const m2 = await propose(r2!, car1.id, (await request(r2!, eventId)).id);
    // (Answered before its e-mail left, a proposal is not announced: wait for it, so the tally below is fixed.)
    await waitForLiftMail(first, title, /^Rider1 P\. asks you/);
    await waitForLiftMail(first, title, /^Rider2 P\. asks you/);
    await accept(first, m1.id);
    await accept(first, m2.id);
    // The third rider has only been offered a seat by the first driver.
    const m3 = await propose(first, car1.id, (await request(r3!, eventId)).id);
    await waitForLiftMail(r3!, title, /^Fay F\. offers you a lift/);

    await ok(first, CANCEL_OFFER, { id: car1.id });
    for (const r of [r1!, r2!]) {
      const off = await waitForLiftMail(r, title, /^Your lift to .* is off: Fay F\. can no longer drive$/);
      expectInNeither(off, 'Firstcar');
      const another = await waitForLiftMail(r, title, /^You have been offered another car to /);
      expectInBoth(another, 'Sam S.', 'around N3');
      expectInNeither(another, 'Secondcar');
    }
    await waitForLiftMail(r3!, title, /^Fay F\. is no longer offering lifts to /);
    await waitForMail(second.email, { test: (m) => /^Rider1 P\. needs a lift to /.test(m.subject ?? '') });
    await waitForMail(second.email, { test: (m) => /^Rider2 P\. needs a lift to /.test(m.subject ?? '') });

    const rematches = await api.prisma.liftMatch.findMany({ where: { offerId: uuidOf(car2.id) } });
    expect(rematches.map((m) => m.status)).toEqual(['PROPOSED', 'PROPOSED']);
    const names = { first, second, r1: r1!, r2: r2!, r3: r3! };
    expect(await sentFor([...matchKeys(m1.id, m2.id, m3.id), ...rematches.map((m) => `lift:${m.id}:`)], names)).toEqual([
      'lift-accepted → r1',
      'lift-accepted → r2',
      'lift-ended → r1',
      'lift-ended → r2',
      'lift-ended → r3',
      'lift-proposed → first',
      'lift-proposed → first',
      'lift-proposed → r1',
      'lift-proposed → r2',
      'lift-proposed → r3',
      'lift-proposed → second',
      'lift-proposed → second',
    ]);
    expect(await liftMail(organiser, title)).toEqual([]);
  });

  test('a rider who cancels their request: their driver hears, and a driver left waiting heard they found another lift', async () => {
    const { eventId, title } = await canvass();
    const [driver, other, rider] = await Promise.all([
      signedUp(api.url, { firstName: 'Dana', lastName: 'Driverson' }),
      signedUp(api.url, { firstName: 'Otto', lastName: 'Other' }),
      signedUp(api.url, { firstName: 'Rob', lastName: 'Riderman', }),
    ]);
    const car = await offer(driver, eventId);
    const otherCar = await offer(other, eventId, { postcode: 'N3', maxDetourKm: 40 });
    const req = await request(rider, eventId, { seats: 2 });
    const mine = await propose(rider, car.id, req.id);
    const spare = await propose(rider, otherCar.id, req.id);
    await waitForLiftMail(other, title, /^Rob R\. asks you for a lift/);
    await waitForLiftMail(driver, title, /^Rob R\. asks you for a lift/);
    await accept(driver, mine.id);
    await waitForLiftMail(other, title, /^Rob R\. has found another lift to /);

    await ok(rider, CANCEL_REQUEST, { id: req.id });
    const freed = await waitForLiftMail(driver, title, /^Rob R\. no longer needs a lift to /);
    expectInBoth(freed, 'Their 2 seats in your car are free again.');
    expect(await sentFor(matchKeys(mine.id, spare.id), { driver, other, rider })).toEqual([
      'lift-accepted → rider',
      'lift-ended → driver',
      'lift-ended → other',
      'lift-proposed → driver',
      'lift-proposed → other',
    ]);
  });

  test("match everyone: each driver is asked to confirm and each rider told which car was suggested", async () => {
    const { eventId, title, organiser } = await canvass();
    const [d1, d2] = await Promise.all([
      signedUp(api.url, { firstName: 'Dora', lastName: 'Zedwick' }),
      signedUp(api.url, { firstName: 'Dirk', lastName: 'Yarborough' }),
    ]);
    const riders = await Promise.all([0, 1, 2].map((i) => signedUp(api.url, { firstName: `Rhea${i}`, lastName: 'Quill' })));
    await offer(d1, eventId, { seats: 2 });
    await offer(d2, eventId, { postcode: 'N3', seats: 2, maxDetourKm: 40 });
    for (const r of riders) await request(r, eventId);
    const plan = await ok<{ proposals: { id: string }[]; unmatched: unknown[] }>(organiser, MATCH_EVERYONE, { eventId });
    expect(plan.proposals).toHaveLength(3);
    for (const r of riders) {
      const told = await waitForLiftMail(r, title, /^We have suggested a car for your lift to /);
      for (const part of parts(told)) expect(part).toMatch(/Dora Z\.|Dirk Y\./);
      expectInNeither(told, 'Zedwick', 'Yarborough', d1.email, d2.email);
    }
    const names = { d1, d2, r0: riders[0]!, r1: riders[1]!, r2: riders[2]! };
    const sent = await sentFor(matchKeys(...plan.proposals.map((p) => p.id)), names);
    expect(sent.filter((l) => l.endsWith('→ d1') || l.endsWith('→ d2'))).toHaveLength(3);
    expect(sent.filter((l) => /→ r\d$/.test(l))).toEqual(['lift-proposed → r0', 'lift-proposed → r1', 'lift-proposed → r2']);
    expect(await liftMail(organiser, title)).toEqual([]);

    // Running it again proposes nothing new, and says nothing new.
    await ok(organiser, MATCH_EVERYONE, { eventId });
    expect(await sentFor(matchKeys(...plan.proposals.map((p) => p.id)), names)).toEqual(sent);
  });

  test('a cancelled event: everyone with a lift offer or request hears once, however many lifts they had', async () => {
    const { eventId, title, organiser } = await canvass();
    const [driver, r1, r2, idle] = await Promise.all([0, 1, 2, 3].map(() => signedUp(api.url)));
    const car = await offer(driver!, eventId);
    await accept(driver!, (await propose(r1!, car.id, (await request(r1!, eventId)).id)).id);
    await propose(r2!, car.id, (await request(r2!, eventId)).id);
    await offer(idle!, eventId, { postcode: 'N3' });
    await ok(organiser, CANCEL_EVENT, { id: eventId });
    for (const m of [driver!, r1!, r2!, idle!]) {
      const off = await waitForLiftMail(m, title, /^Lifts to .* are off$/);
      expectInBoth(off, 'has been cancelled');
    }
    await settled([`lifts-closed:${uuidOf(eventId)}:`]);
    const closed = await api.prisma.mailLog.findMany({ where: { kind: 'lifts-closed', key: { startsWith: `lifts-closed:${uuidOf(eventId)}:` } } });
    expect(closed.map((r) => r.userId).sort()).toEqual([driver!, r1!, r2!, idle!].map((m) => uuidOf(m.userId)).sort());
    expect(await liftMail(organiser, title)).toEqual([]);
  });

  test('a driver who deletes their account: the rider still hears, without a name', async () => {
    const { eventId, title } = await canvass();
    const [driver, rider] = await Promise.all([signedUp(api.url, { firstName: 'Gone', lastName: 'Away' }), signedUp(api.url)]);
    const car = await offer(driver, eventId);
    await accept(driver, (await propose(rider, car.id, (await request(rider, eventId)).id)).id);
    const del = await driver.gql('mutation($p: String!) { deleteAccount(password: $p) { __typename } }', { p: PASSWORD });
    expect(del.data.deleteAccount.__typename).toBe('MutationDeleteAccountSuccess');
    const off = await waitForLiftMail(rider, title, /^Your lift to .* is off: your driver can no longer drive$/);
    expectInNeither(off, 'Gone', 'Away');
  });
});

describe('lift e-mails are sent once', () => {
  test('a repeated transition and a re-queued job send nothing more', async () => {
    const { eventId, title } = await canvass();
    const [driver, rider] = await Promise.all([signedUp(api.url), signedUp(api.url)]);
    const car = await offer(driver, eventId);
    const req = await request(rider, eventId);
    const match = await propose(driver, car.id, req.id);
    await waitForLiftMail(rider, title, /offers you a lift/);
    // Proposing again, and accepting twice, change nothing: no new e-mail.
    expect((await propose(driver, car.id, req.id)).id).toBe(match.id);
    await accept(rider, match.id);
    await accept(rider, match.id);
    await waitForLiftMail(driver, title, /is agreed$/);
    await settled(matchKeys(match.id));

    // The same job again (a retry, a second worker): the key was already sent, so it is not sent twice.
    const log = await api.prisma.mailLog.findMany({ where: { key: { startsWith: `lift:${uuidOf(match.id)}:` } }, orderBy: { key: 'asc' } });
    expect(log.map((l) => [l.kind, l.status])).toEqual(
      expect.arrayContaining([
        ['lift-proposed', 'SENT'],
        ['lift-accepted', 'SENT'],
      ]),
    );
    expect(log).toHaveLength(2);
    for (const l of log) {
      const stamp = Number(l.key.split(':')[3]);
      await queueMail(api.prisma, { key: l.key, template: l.kind as TemplateName, userId: l.userId!, params: { matchId: uuidOf(match.id), stamp } as never });
    }
    await settled(matchKeys(match.id));
    expect(await liftMail(rider, title)).toHaveLength(1);
    expect(await liftMail(driver, title)).toHaveLength(1);
  });
});
