import { distanceKm, startOfLondonDay } from '@rallypoint/shared';
import type { AddressObject } from 'mailparser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DIGEST_RADIUS_KM, fanOutDigests, londonDate } from '../src/digest/service.ts';
import type { RunningApi } from '../src/server.ts';
import { mailTo, waitForMail } from './mail-catcher.ts';
import { type Client, createEvent, manyMembers, signedUp, startTestApi, uniqueTag, uuidOf } from './helpers.ts';

let api: RunningApi;
let organiser: Client;
beforeAll(async () => {
  api = await startTestApi();
  organiser = await signedUp(api.url);
});
afterAll(() => api.close());

type Member = Client & { email: string; userId: string };

// Places far from where the other test files put their events (around Leeds and north London), so every event near
// these members is one of this file's.
const TRURO = { label: 'TR1', lat: 50.26264, lng: -5.0543 };
const TR4 = { lat: 50.28621, lng: -5.13748 };
const PLYMOUTH = { lat: 50.37057, lng: -4.15431 };
const LERWICK = { label: 'ZE1', lat: 60.15148, lng: -1.17052 };
const STORNOWAY = { label: 'HS1', lat: 58.21264, lng: -6.38141 };
const KIRKWALL = { label: 'KW15', lat: 58.98007, lng: -2.96 };
const pin = (p: { lat: number; lng: number }) => ({ lat: p.lat, lng: p.lng });

/** Members (verified, as a confirmed sign-up leaves them) with a home area and a digest setting. */
async function members(
  n: number,
  home: { label: string; lat: number; lng: number },
  digest: 'NEVER' | 'DAILY' | 'WEEKLY',
  extra: { emailVerifiedAt?: null; mailBouncedAt?: Date } = {},
): Promise<Member[]> {
  const list = await manyMembers(api, n);
  await api.prisma.user.updateMany({
    where: { id: { in: list.map((m) => uuidOf(m.userId)) } },
    data: { homeLabel: home.label, homeLat: home.lat, homeLng: home.lng, digest, ...extra },
  });
  return list;
}

/** When the digest job "runs" in these tests: far enough ahead that events published just now are in its window. */
const soon = () => new Date(Date.now() + 10 * 60_000);

/** The state of one digest's e-mail once the sender has dealt with it. */
async function outcomeOf(member: Member, at: Date): Promise<string> {
  const key = `digest:${uuidOf(member.userId)}:${londonDate(at)}`;
  let status = '';
  await expect
    .poll(async () => {
      const [row] = await api.prisma.$queryRaw<{ status: string }[]>`SELECT status FROM mail_log WHERE key = ${key}`;
      status = row?.status ?? '';
      return status !== '' && status !== 'SENDING';
    }, { timeout: 30_000, interval: 100 })
    .toBe(true);
  return status;
}

/** Digest jobs ever queued for a member (pending in the queue, or handled). */
async function digestsQueued(member: Member): Promise<number> {
  const id = uuidOf(member.userId);
  const [row] = await api.prisma.$queryRaw<{ n: number }[]>`
    SELECT (SELECT count(*) FROM graphile_worker.jobs WHERE key LIKE ${`mail:digest:${id}:%`})::int
      + (SELECT count(*) FROM mail_log WHERE key LIKE ${`digest:${id}:%`})::int AS n`;
  return row!.n;
}

const digestsTo = async (m: Member) => (await mailTo(m.email)).filter((mail) => mail.headers.get('x-rallypoint-kind') === 'digest');
const addresses = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));

describe('the new-events digest', () => {
  test('a DAILY member near new events gets them nearest first with links; NEVER, far-away, unverified and bounced members get nothing; nothing twice in a day', async () => {
    const tag = uniqueTag();
    const near = await createEvent(organiser, { title: `Near ${tag}`, location: { lat: TRURO.lat + 0.002, lng: TRURO.lng } });
    const further = await createEvent(organiser, { title: `Further ${tag}`, location: TR4 });
    await createEvent(organiser, { title: `Draft ${tag}`, location: pin(TRURO) }, false);
    await createEvent(organiser, { title: `Unlisted ${tag}`, location: pin(TRURO), visibility: 'UNLISTED' });
    await createEvent(organiser, { title: `Plymouth ${tag}`, location: PLYMOUTH });
    expect(distanceKm(TRURO, PLYMOUTH)).toBeGreaterThan(DIGEST_RADIUS_KM);

    const [daily] = await members(1, TRURO, 'DAILY');
    const [never] = await members(1, TRURO, 'NEVER');
    const [far] = await members(1, LERWICK, 'DAILY');
    const [unverified] = await members(1, TRURO, 'DAILY', { emailVerifiedAt: null });
    const [bounced] = await members(1, TRURO, 'DAILY', { mailBouncedAt: new Date() });

    // Through the queue, as the daily cron line does.
    const at = soon();
    await api.prisma.$executeRaw`SELECT graphile_worker.add_job('digest', json_build_object('at', ${at.toISOString()}::text))`;
    const mail = await waitForMail(daily!.email, { test: (m) => m.headers.get('x-rallypoint-kind') === 'digest' });
    expect(addresses(mail.to)).toEqual([daily!.email]);
    expect(mail.subject).toBe('2 new events near TR1');
    const text = mail.text ?? '';
    expect(text.indexOf(`Near ${tag}`)).toBeGreaterThan(-1);
    expect(text.indexOf(`Further ${tag}`)).toBeGreaterThan(text.indexOf(`Near ${tag}`));
    for (const hidden of ['Draft', 'Unlisted', 'Plymouth']) expect(text).not.toContain(`${hidden} ${tag}`);
    expect(text).toContain(`http://localhost:5173/events/${encodeURIComponent(near.id)}`);
    expect(text).toContain(`http://localhost:5173/events/${encodeURIComponent(further.id)}`);
    expect(text).toContain('http://localhost:5173/near/TR1');
    expect(mail.headerLines.some((h) => h.key === 'list-unsubscribe')).toBe(true);

    // Far away: queued, and skipped when it came up (nothing new near Lerwick).
    expect(await outcomeOf(far!, at)).toBe('SKIPPED');
    expect(await digestsTo(far!)).toEqual([]);
    // Never queued for the others: the fan-out is one statement, so it had finished when the first digest went.
    for (const m of [never!, unverified!, bounced!]) {
      expect(await digestsQueued(m)).toBe(0);
      expect(await digestsTo(m)).toEqual([]);
    }

    // The same day again: nothing queued, and the window is not moved.
    const sentAt = (await api.prisma.user.findUniqueOrThrow({ where: { id: uuidOf(daily!.userId) } })).digestSentAt;
    expect(sentAt?.getTime()).toBe(at.getTime());
    await fanOutDigests(api.prisma, new Date(at.getTime() + 60_000));
    expect(await digestsQueued(daily!)).toBe(1);
    expect((await api.prisma.user.findUniqueOrThrow({ where: { id: uuidOf(daily!.userId) } })).digestSentAt?.getTime()).toBe(at.getTime());
    // And a duplicate of the day's job (another instance, a retry) sends nothing more.
    const key = `digest:${uuidOf(daily!.userId)}:${londonDate(at)}`;
    await api.prisma.$executeRaw`SELECT graphile_worker.add_job('send-mail', json_build_object(
      'key', ${key}::text, 'template', 'digest', 'userId', ${uuidOf(daily!.userId)}::text,
      'params', json_build_object('since', ${new Date(at.getTime() - 86_400_000).toISOString()}::text, 'until', ${at.toISOString()}::text)))`;
    await expect
      .poll(async () => (await api.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE payload->>'key' = ${key}`)[0]!.n, {
        timeout: 30_000,
        interval: 100,
      })
      .toBe(0);
    expect(await digestsTo(daily!)).toHaveLength(1);
  });

  test('nothing when nothing is new since the last digest; the next one lists only what is new', async () => {
    const tag = uniqueTag();
    await createEvent(organiser, { title: `Old ${tag}`, location: pin(STORNOWAY) });
    const [member] = await members(1, STORNOWAY, 'DAILY');
    // Their last digest went after that event was published.
    const first = soon();
    await api.prisma.user.update({ where: { id: uuidOf(member!.userId) }, data: { digestSentAt: new Date(startOfLondonDay(first).getTime() - 1) } });
    await api.prisma.event.updateMany({ where: { title: `Old ${tag}` }, data: { publishedAt: new Date(startOfLondonDay(first).getTime() - 3_600_000) } });

    await fanOutDigests(api.prisma, first);
    expect(await outcomeOf(member!, first)).toBe('SKIPPED');
    expect(await digestsTo(member!)).toEqual([]);

    // The next day: a new event is in it, the old one is not.
    const fresh = await createEvent(organiser, { title: `New ${tag}`, location: pin(STORNOWAY) });
    // Published after the first digest ran (these tests move the clock, not the world).
    await api.prisma.event.update({ where: { id: uuidOf(fresh.id) }, data: { publishedAt: new Date(first.getTime() + 3_600_000) } });
    const next = new Date(first.getTime() + 86_400_000);
    await fanOutDigests(api.prisma, next);
    const mail = await waitForMail(member!.email, { test: (m) => m.headers.get('x-rallypoint-kind') === 'digest' });
    expect(mail.subject).toBe('1 new event near HS1');
    expect(mail.text).toContain(`New ${tag}`);
    expect(mail.text).not.toContain(`Old ${tag}`);
  });

  test('a draft published today is new today, however long ago it was made', async () => {
    const tag = uniqueTag();
    const draft = await createEvent(organiser, { title: `Drafted ${tag}`, location: pin(KIRKWALL) }, false);
    await api.prisma.event.update({ where: { id: uuidOf(draft.id) }, data: { createdAt: new Date(Date.now() - 30 * 86_400_000) } });
    const published = await organiser.gql(/* GraphQL */ `mutation P($id: ID!) { publishEvent(id: $id) { __typename } }`, { id: draft.id });
    expect(published.data.publishEvent.__typename).toBe('MutationPublishEventSuccess');
    const [member] = await members(1, KIRKWALL, 'DAILY');
    const at = soon();
    await fanOutDigests(api.prisma, at);
    const mail = await waitForMail(member!.email, { test: (m) => m.headers.get('x-rallypoint-kind') === 'digest' });
    expect(mail.text).toContain(`Drafted ${tag}`);
  });

  test('WEEKLY members get theirs on Mondays only, covering the week', async () => {
    const tag = uniqueTag();
    const [weekly] = await members(1, { ...KIRKWALL, lat: KIRKWALL.lat + 0.01 }, 'WEEKLY');
    await createEvent(organiser, { title: `Weekly ${tag}`, location: { lat: KIRKWALL.lat + 0.01, lng: KIRKWALL.lng } });
    // The next two days that are not Mondays, then the next Monday (within the week the event was published in).
    const days = Array.from({ length: 8 }, (_, i) => new Date(soon().getTime() + i * 86_400_000));
    const monday = days.find((d) => new Date(`${londonDate(d)}T12:00:00Z`).getUTCDay() === 1)!;
    for (const day of days.filter((d) => d.getTime() < monday.getTime()).slice(0, 2)) {
      await fanOutDigests(api.prisma, day);
      expect(await digestsQueued(weekly!)).toBe(0);
    }
    await fanOutDigests(api.prisma, monday);
    const mail = await waitForMail(weekly!.email, { test: (m) => m.headers.get('x-rallypoint-kind') === 'digest' });
    expect(mail.text).toContain(`Weekly ${tag}`);
  });
});
