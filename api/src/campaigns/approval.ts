import { outsideCampaignWindow } from '@rallypoint/shared';
import type { Viewer } from '../context.ts';
import type { DbOrTx, Tx } from '../db/change.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { isRegionalOrganiser } from '../events/access.ts';

/** Publishing in a campaign without approval: its region's organisers, admins, and hosts they have trusted there. */
export async function publishesDirectly(db: DbOrTx, viewer: Viewer, campaignId: string): Promise<boolean> {
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { regionId: true } });
  if (isRegionalOrganiser(viewer, campaign.regionId)) return true;
  const trust = await db.trustedHost.findUnique({ where: { userId_regionId: { userId: viewer.id, regionId: campaign.regionId } } });
  return trust !== null;
}

/** A campaign event from a host not (yet) trusted: it stays a draft and joins the region's approval queue. */
export async function submitForApproval(tx: Tx, eventId: string) {
  return tx.event.update({ where: { id: eventId }, data: { approval: 'PENDING', approvalNote: null, reviewedAt: null } });
}

/**
 * A campaign event's region and times must fit its campaign (checked on hosting and on every edit). The campaign row
 * is read under a share lock, so an edit of its window (which locks it) waits for this change, then sees its event.
 */
export async function checkCampaignFit(
  db: DbOrTx,
  campaignId: string,
  event: { regionId: string; startsAt: Date; endsAt: Date },
  prefix: string[] = [],
): Promise<void> {
  const [campaign] = await db.$queryRaw<{ startsAt: Date; endsAt: Date; regionId: string; regionName: string }[]>`
    SELECT c.starts_at AS "startsAt", c.ends_at AS "endsAt", c.region_id AS "regionId", r.name AS "regionName"
    FROM campaigns c JOIN regions r ON r.id = c.region_id WHERE c.id = ${campaignId}::uuid FOR SHARE OF c`;
  if (!campaign) throw new NotFoundError('That campaign');
  const outside = outsideCampaignWindow(event, campaign);
  if (outside) throw ValidationError.field([...prefix, 'startsAt'], outside);
  if (event.regionId !== campaign.regionId) {
    throw ValidationError.field([...prefix, 'postcode'], `This campaign is in ${campaign.regionName}: hold its events there`);
  }
}
