import type { EventKind } from '@rallypoint/shared';
import type { Prisma } from '../src/index.ts';
import { DEMO_MEMBER_EMAIL, type DemoData, type DemoEvent, demoOrganiserEmail, isDemoMarginal } from './demo.ts';
import type { PlacesData } from './places.ts';
import { addDays, londonDay, londonTime, Rng, weekdayOf } from './util.ts';

export const DEMO_CAMPAIGN_REGION = 'yorkshire-and-the-humber';
export const DEMO_CAMPAIGN_NAME = 'Yorkshire weekend of action';

export interface DemoCampaigns {
  campaigns: { id: string; name: string; regionId: string; startsAt: Date; endsAt: Date; createdById: string; createdAt: Date }[];
  seats: { campaignId: string; constituencyCode: string; goal: number }[];
  templates: { id: string; campaignId: string; kind: EventKind; title: string; durationMinutes: number; briefing: string; createdAt: Date }[];
}

const CANVASS_BRIEFING = `Meet at the start point ten minutes early: the lead hands out clipboards and walk sheets.
Knock, smile, say who you are with. Ask how they will vote and what matters to them; note it on the sheet.
Never argue on the doorstep. Bring water and comfortable shoes; we finish at a café.`;
const PHONE_BANK_BRIEFING = `Bring a charged phone and headphones. The call script and the dialler login are handed out at the start.
Log every call, answered or not. Be kind: thank everyone for their time.`;

/**
 * A Yorkshire weekend of action (the first weekend at least three days ahead): its organiser's campaign over the
 * region's tightest seats, with goals and two templates. The region's demo canvasses that weekend join it, and the
 * demo member's first campaign canvass waits in the approval queue. Its own random generator, so the rest of the
 * demo stays as it was.
 */
export function addDemoCampaign(data: DemoData, places: PlacesData, now: Date): void {
  const rng = new Rng(14_15_03);
  const organiser = data.users.find((u) => u.email === demoOrganiserEmail(DEMO_CAMPAIGN_REGION));
  const member = data.users.find((u) => u.email === DEMO_MEMBER_EMAIL);
  if (!organiser || !member) return;
  let saturday = addDays(londonDay(now), 3);
  while (weekdayOf(saturday) !== 6) saturday = addDays(saturday, 1);
  const startsAt = londonTime(saturday, 0);
  const endsAt = londonTime(addDays(saturday, 2), 0);
  const seats = places.constituencies
    .filter((c) => c.regionId === DEMO_CAMPAIGN_REGION && isDemoMarginal(c))
    .sort((a, b) => a.majorityPct - b.majorityPct || a.code.localeCompare(b.code))
    .slice(0, 6);
  const campaignId = rng.uuid();
  // From the day alone, so the same day gives the same rows.
  const today = londonDay(now);
  const createdAt = londonTime(addDays(today, -5), 9);
  const canvass = { id: rng.uuid(), campaignId, kind: 'CANVASS' as const, title: 'Doorstep canvass', durationMinutes: 180, briefing: CANVASS_BRIEFING, createdAt };
  const phoneBank = { id: rng.uuid(), campaignId, kind: 'PHONE_BANK' as const, title: 'Evening phone bank', durationMinutes: 120, briefing: PHONE_BANK_BRIEFING, createdAt };
  data.campaigns = {
    campaigns: [{ id: campaignId, name: DEMO_CAMPAIGN_NAME, regionId: DEMO_CAMPAIGN_REGION, startsAt, endsAt, createdById: organiser.id, createdAt }],
    // Goals big enough that some seats fall short and one or two are covered.
    seats: seats.map((s, i) => ({ campaignId, constituencyCode: s.code, goal: [12, 8, 20, 6, 15, 10][i] ?? 10 })),
    templates: [canvass, phoneBank],
  };
  const inWindow = (e: DemoEvent) => e.startsAt >= startsAt && e.endsAt <= endsAt;
  const seatCodes = new Set(seats.map((s) => s.code));
  for (const e of data.events) {
    if (e.regionId !== DEMO_CAMPAIGN_REGION || e.status !== 'PUBLISHED' || !inWindow(e) || e.online) continue;
    if (e.kind === 'CANVASS' && e.constituencyCode && seatCodes.has(e.constituencyCode)) Object.assign(e, { campaignId, templateId: canvass.id });
    else if (e.kind === 'PHONE_BANK') Object.assign(e, { campaignId, templateId: phoneBank.id });
  }
  // The member's first campaign canvass, in the tightest seat, waiting for the region's organisers.
  const seat = seats[0];
  const canvasses = data.events.filter((e) => e.regionId === DEMO_CAMPAIGN_REGION && e.kind === 'CANVASS' && !e.online && !(e as { seriesId?: unknown }).seriesId);
  const like = canvasses.find((e) => e.constituencyCode === seat?.code) ?? canvasses[0];
  if (!seat || !like) return;
  const start = londonTime(addDays(saturday, 1), 11);
  data.events.push({
    ...like,
    id: rng.uuid(),
    title: `Sunday doorstep canvass, ${places.constituencies.find((c) => c.code === like.constituencyCode)?.name ?? seat.name}`,
    description: `My first canvass: knocking doors for the weekend of action. New faces welcome — I will pair you with someone who has done it before.`,
    startsAt: start,
    endsAt: new Date(start.getTime() + canvass.durationMinutes * 60_000),
    capacity: 12,
    goingCount: 0,
    status: 'DRAFT',
    visibility: 'PUBLIC',
    organiserId: member.id,
    createdAt: londonTime(addDays(today, -1), 18),
    updatedAt: londonTime(addDays(today, -1), 18),
    campaignId,
    templateId: canvass.id,
    approval: 'PENDING',
  });
}

/** Before the events: they point at the campaign and its templates. */
export async function insertDemoCampaigns(tx: Prisma.TransactionClient, data: DemoData): Promise<void> {
  if (!data.campaigns) return;
  await tx.campaign.createMany({ data: data.campaigns.campaigns });
  await tx.campaignSeat.createMany({ data: data.campaigns.seats });
  await tx.campaignTemplate.createMany({ data: data.campaigns.templates });
}
