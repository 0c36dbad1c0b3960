-- A template removed from a campaign that events were made from is archived, not deleted: those events keep their
-- template (and its briefing), and no new event can be hosted from it.
ALTER TABLE "campaign_templates" ADD COLUMN "archived_at" TIMESTAMPTZ(3);
