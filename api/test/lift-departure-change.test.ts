// A driver changes when they leave: checked as a new departure is (before the shift starts), and against the riders
// already agreed, whose pickups move with it: never reaching the shift late, never calling before a rider is ready.
import { describe, expect, test } from 'vitest';
import { formatDayTime } from '@rallypoint/shared';
import { type Client, createEvent, signedUp, useTestApi, uuidOf } from './helpers.ts';
import { waitForMail } from './mail-catcher.ts';

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

/** A canvass from 10:00 to 16:00 UTC a week ahead, with an afternoon shift (13–15). */
async function dayOfAction(organiser: Client) {
  const day = new Date(Date.now() + 7 * 86_400_000);
  day.setUTCHours(0, 0, 0, 0);
  const at = (h: number) => new Date(day.getTime() + h * 3_600_000).toISOString();
  const event = await createEvent(organiser, {
    kind: 'CANVASS',
    title: 'Retimed lift canvass',
    postcode: 'NW4 4BT',
    location: { lat: 51.5894, lng: -0.2288 },
    startsAt: at(10),
    endsAt: at(16),
    shifts: [
      { startsAt: at(10), endsAt: at(12), capacity: null },
      { startsAt: at(13), endsAt: at(15), capacity: null },
    ],
  });
  const shifts = (await organiser.gql(SHIFTS, { id: event.id })).data.event.shifts as { id: string }[];
  return { id: event.id as string, afternoon: shifts[1]!.id, at };
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
    // Half past ten would call at 11:00's rider before they are ready.
    const early = (await refused(driver, event.at(10.5))).fieldErrors;
    expect(early[0].message).toMatch(/ is not ready that early: leave at .+ or later$/);
    expect(await snapshot(event.id)).toEqual(before);

    // A quarter of an hour later: the pickup follows, and the rider hears of it.
    const moved = await driver.gql(DEPART, { id: offerId, departAt: event.at(11.75) });
    expect(moved.data.setLiftOfferDeparture.data.departAt, JSON.stringify(moved)).toBe(event.at(11.75));
    const match = await api.prisma.liftMatch.findFirstOrThrow({ where: { offerId: uuidOf(offerId) } });
    expect(match.status).toBe('ACCEPTED');
    expect(match.pickupAt!.getTime()).toBe(pickupAt + 15 * 60_000);
    const mail = await waitForMail(rider.email, { test: (m) => /New pickup time/.test(m.subject ?? '') });
    expect(mail.text).toContain(`now leaves at ${formatDayTime(event.at(11.75))}`);
    expect(mail.text).toContain(`pick you up about ${formatDayTime(match.pickupAt!)}`);

    // A cancelled offer keeps its time.
    expect((await driver.gql(CANCEL, { id: offerId })).data.cancelLiftOffer.__typename).toBe('MutationCancelLiftOfferSuccess');
    expect((await refused(driver, event.at(11))).fieldErrors).toEqual([{ path: ['id'], message: 'This lift offer is cancelled' }]);
  });
});
