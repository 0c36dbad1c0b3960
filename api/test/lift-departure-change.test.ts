// A driver changes when they leave: checked as a new departure is (before the shift starts), and against the riders
// already agreed, whose pickups move with it: never reaching the shift late, never calling before a rider is ready.
// And when the organiser moves a shift, the people on it hear, a driver whose departure no longer fits with it.
import { describe, expect, test } from 'vitest';
import { formatDayTime, formatEventTime } from '@rallypoint/shared';
import { changeNoticeKey } from '../src/rsvps/notices.ts';
import { type Client, createEvent, eventInput, queuedMails, signedUp, useTestApi, uuidOf } from './helpers.ts';
import { mailTo, waitForMail } from './mail-catcher.ts';

const api = useTestApi();

const ERR = '... on Error { __typename message } ... on ValidationError { fieldErrors { path message } }';
const OFFER = /* GraphQL */ `
  mutation RetimeOffer($eventId: ID!, $input: LiftOfferInput!, $shiftId: ID) {
    offerLift(eventId: $eventId, input: $input, shiftId: $shiftId) { __typename ... on MutationOfferLiftSuccess { data { id } } ${ERR} }
  }
`;
const REQUEST = /* GraphQL */ `
  mutation RetimeRequest($eventId: ID!, $input: LiftRequestInput!, $shiftId: ID) {
    requestLift(eventId: $eventId, input: $input, shiftId: $shiftId) { __typename ... on MutationRequestLiftSuccess { data { id } } ${ERR} }
  }
`;
const SHIFTS = /* GraphQL */ `query RetimeShifts($id: ID!) { event(id: $id) { shifts { id } } }`;
const RSVP = /* GraphQL */ `mutation RetimeRsvp($eventId: ID!, $shiftId: ID) { rsvp(eventId: $eventId, shiftId: $shiftId) { __typename ${ERR} } }`;
const UPDATE_EVENT = /* GraphQL */ `
  mutation RetimeUpdate($id: ID!, $input: EventInput!) { updateEvent(id: $id, input: $input) { __typename ${ERR} } }
`;
const PROPOSE = /* GraphQL */ `
  mutation RetimePropose($offerId: ID!, $requestId: ID!) {
    proposeLift(offerId: $offerId, requestId: $requestId) { __typename ... on MutationProposeLiftSuccess { data { id } } ${ERR} }
  }
`;
const ACCEPT = /* GraphQL */ `
  mutation RetimeAccept($matchId: ID!) { acceptLift(matchId: $matchId) { __typename ... on MutationAcceptLiftSuccess { data { status pickupAt } } ${ERR} } }
`;
const DEPART = /* GraphQL */ `
  mutation Retime($id: ID!, $departAt: DateTime!) {
    setLiftOfferDeparture(id: $id, departAt: $departAt) { __typename ... on MutationSetLiftOfferDepartureSuccess { data { id departAt } } ${ERR} }
  }
`;
const CANCEL = /* GraphQL */ `mutation RetimeCancel($id: ID!) { cancelLiftOffer(id: $id) { __typename ${ERR} } }`;

/** A canvass from 10:00 to 16:00 UTC a week ahead, with a morning shift (10–12) and an afternoon one (13–15). */
async function dayOfAction(organiser: Client) {
  const day = new Date(Date.now() + 7 * 86_400_000);
  day.setUTCHours(0, 0, 0, 0);
  const at = (h: number) => new Date(day.getTime() + h * 3_600_000).toISOString();
  const input = {
    kind: 'CANVASS',
    title: 'Retimed lift canvass',
    postcode: 'NW4 4BT',
    location: { lat: 51.5894, lng: -0.2288 },
    startsAt: at(10),
    endsAt: at(16),
  };
  const event = await createEvent(organiser, {
    ...input,
    shifts: [
      { startsAt: at(10), endsAt: at(12), capacity: null },
      { startsAt: at(13), endsAt: at(15), capacity: null },
    ],
  });
  const shifts = (await organiser.gql(SHIFTS, { id: event.id })).data.event.shifts as { id: string }[];
  return { id: event.id as string, morning: shifts[0]!.id, afternoon: shifts[1]!.id, at, input };
}

/** What a refused change must leave as it was. */
async function snapshot(eventId: string) {
  const id = uuidOf(eventId);
  const [offers, matches] = await Promise.all([
    api.prisma.liftOffer.findMany({ where: { eventId: id }, orderBy: { id: 'asc' } }),
    api.prisma.liftMatch.findMany({ where: { offer: { eventId: id } }, orderBy: { id: 'asc' } }),
  ]);
  return { offers, matches };
}

describe('a driver changes when they leave', () => {
  test('the agreed pickup moves with the departure; too late for the shift or before the rider is ready is refused and changes nothing', async () => {
    const event = await dayOfAction(await signedUp(api.url));
    const driver = await signedUp(api.url);
    const rider = await signedUp(api.url);
    const offered = await driver.gql(OFFER, { eventId: event.id, shiftId: event.afternoon, input: { departAt: event.at(11.5), seats: 3, maxDetourKm: 15, postcode: 'NW7' } });
    const offerId = offered.data.offerLift.data.id as string;
    const asked = await rider.gql(REQUEST, { eventId: event.id, shiftId: event.afternoon, input: { postcode: 'NW7', readyFrom: event.at(11) } });
    const requestId = asked.data.requestLift.data.id as string;
    const proposed = await rider.gql(PROPOSE, { offerId, requestId });
    const accepted = await driver.gql(ACCEPT, { matchId: proposed.data.proposeLift.data.id });
    expect(accepted.data.acceptLift.data.status, JSON.stringify(accepted)).toBe('ACCEPTED');
    const pickupAt = Date.parse(accepted.data.acceptLift.data.pickupAt);
    expect(pickupAt).toBeGreaterThanOrEqual(Date.parse(event.at(11.5)));

    // A second rider's proposal, still waiting for the driver's answer.
    const other = await signedUp(api.url);
    const otherAsk = await other.gql(REQUEST, { eventId: event.id, shiftId: event.afternoon, input: { postcode: 'NW7' } });
    const waiting = await other.gql(PROPOSE, { offerId, requestId: otherAsk.data.requestLift.data.id });
    const proposal = await api.prisma.liftMatch.findUniqueOrThrow({ where: { id: uuidOf(waiting.data.proposeLift.data.id) } });

    const before = await snapshot(event.id);
    const refused = async (who: Client, departAt: string) => (await who.gql(DEPART, { id: offerId, departAt })).data.setLiftOfferDeparture;
    // Only the driver; the shift's rules, as for a new offer.
    expect((await refused(rider, event.at(12))).__typename).toBe('NotFoundError');
    expect((await refused(driver, event.at(13))).fieldErrors).toEqual([
      { path: ['departAt'], message: 'The departure is after the shift starts: leave before it begins' },
    ]);
    // Two minutes before the shift: alone the car could, but not with its rider's pickup on the way.
    const late = (await refused(driver, event.at(13 - 2 / 60))).fieldErrors;
    expect(late).toHaveLength(1);
    expect(late[0].message).toMatch(/^With the riders you agreed to take you would reach the shift after it starts: leave by /);
    expect(await snapshot(event.id)).toEqual(before);

    // A quarter of an hour later: the pickup follows, and the rider hears of it.
    const moved = await driver.gql(DEPART, { id: offerId, departAt: event.at(11.75) });
    expect(moved.data.setLiftOfferDeparture.data.departAt, JSON.stringify(moved)).toBe(event.at(11.75));
    const match = await api.prisma.liftMatch.findFirstOrThrow({ where: { offerId: uuidOf(offerId), status: 'ACCEPTED' } });
    // The proposal's pickup moves too; it is still the proposal its e-mail announces (same updatedAt).
    const moved2 = await api.prisma.liftMatch.findUniqueOrThrow({ where: { id: proposal.id } });
    expect(moved2.pickupAt!.getTime()).toBe(proposal.pickupAt!.getTime() + 15 * 60_000);
    expect(moved2.updatedAt).toEqual(proposal.updatedAt);
    expect(match.status).toBe('ACCEPTED');
    expect(Math.abs(match.pickupAt!.getTime() - (pickupAt + 15 * 60_000))).toBeLessThan(1_000);
    const mail = await waitForMail(rider.email, { test: (m) => /New pickup time/.test(m.subject ?? '') });
    expect(mail.text).toContain(`now leaves at ${formatDayTime(event.at(11.75))}`);
    expect(mail.text).toContain(`pick you up about ${formatDayTime(match.pickupAt!)}`);

    // Half past ten, before the rider is ready at eleven: the car waits for them, and the pickup is at eleven.
    expect((await driver.gql(DEPART, { id: offerId, departAt: event.at(10.5) })).data.setLiftOfferDeparture.__typename).toBe('MutationSetLiftOfferDepartureSuccess');
    expect((await api.prisma.liftMatch.findUniqueOrThrow({ where: { id: match.id } })).pickupAt!.toISOString()).toBe(event.at(11));
    await waitForMail(rider.email, { test: (m) => /New pickup time/.test(m.subject ?? '') && (m.text ?? '').includes(`now leaves at ${formatDayTime(event.at(10.5))}`) });
    // Back to a time used before: the rider hears of it again.
    const back = await driver.gql(DEPART, { id: offerId, departAt: event.at(11.75) });
    expect(back.data.setLiftOfferDeparture.__typename).toBe('MutationSetLiftOfferDepartureSuccess');
    await expect.poll(async () => (await mailTo(rider.email)).filter((m) => (m.text ?? '').includes(`now leaves at ${formatDayTime(event.at(11.75))}`)).length, { timeout: 90_000 }).toBe(2);

    // A cancelled offer keeps its time.
    expect((await driver.gql(CANCEL, { id: offerId })).data.cancelLiftOffer.__typename).toBe('MutationCancelLiftOfferSuccess');
    expect((await refused(driver, event.at(11))).fieldErrors).toEqual([{ path: ['id'], message: 'This lift offer is cancelled' }]);
  });
});

describe('a shift moved by the organiser', () => {
  test('is e-mailed to the people on it only, and a driver whose departure no longer fits is asked to change it', async () => {
    const organiser = await signedUp(api.url);
    const event = await dayOfAction(organiser);
    const morning = await signedUp(api.url);
    expect((await morning.gql(RSVP, { eventId: event.id, shiftId: event.morning })).data.rsvp.__typename).toBe('MutationRsvpSuccess');
    // A quarter to one, for the afternoon shift at one.
    const driver = await signedUp(api.url);
    const offered = await driver.gql(OFFER, { eventId: event.id, shiftId: event.afternoon, input: { departAt: event.at(12.75), seats: 3, maxDetourKm: 15, postcode: 'NW7' } });
    expect(offered.data.offerLift.__typename, JSON.stringify(offered)).toBe('MutationOfferLiftSuccess');

    // The afternoon shift moves half an hour earlier; the morning one stays.
    const edited = await organiser.gql(UPDATE_EVENT, {
      id: event.id,
      input: eventInput({
        ...event.input,
        shifts: [
          { id: event.morning, startsAt: event.at(10), endsAt: event.at(12), capacity: null },
          { id: event.afternoon, startsAt: event.at(12.5), endsAt: event.at(14.5), capacity: null },
        ],
      }),
    });
    expect(edited.data.updateEvent.__typename, JSON.stringify(edited)).toBe('MutationUpdateEventSuccess');
    const key = changeNoticeKey(uuidOf(event.id));
    expect(await api.prisma.$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = ${key}`).toBe(1);

    const mail = await waitForMail(driver.email, { test: (m) => /^Changed:/.test(m.subject ?? '') });
    expect(mail.subject).toBe('Changed: Retimed lift canvass has a new time');
    expect(mail.text).toContain(`Your shift: ${formatEventTime(event.at(13), event.at(15))} → ${formatEventTime(event.at(12.5), event.at(14.5))}`);
    expect(mail.text).toContain(
      `Your lift offer: you leave ${formatDayTime(event.at(12.75))}. The departure is after the shift starts: leave before it begins. Change when you leave`,
    );
    // The morning shift's member: their e-mail was considered and skipped, nothing arrived.
    const prefix = `event-changed:${uuidOf(event.id)}:%`;
    await expect.poll(() => queuedMails(api.prisma, 'key', prefix), { timeout: 90_000 }).toBe(0);
    const logged = await api.prisma.$queryRaw<{ status: string }[]>`
      SELECT status FROM mail_log WHERE key LIKE ${prefix} AND key LIKE ${`%:${uuidOf(morning.userId)}`}`;
    expect(logged).toEqual([{ status: 'SKIPPED' }]);
    expect((await mailTo(morning.email)).filter((m) => /^Changed:/.test(m.subject ?? ''))).toEqual([]);
  });
});
