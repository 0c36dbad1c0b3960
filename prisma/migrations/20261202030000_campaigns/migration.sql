-- Campaigns: a region's weekend of action with target seats (a goal in volunteer-shifts each) and event templates.
-- A first-time host's campaign event waits as a draft with approval PENDING until the region's organisers decide.
CREATE TYPE "EventApproval" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

CREATE TABLE "campaigns" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "region_id" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "campaigns_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "campaigns_window" CHECK ("ends_at" > "starts_at")
);
CREATE INDEX "campaigns_region_id_idx" ON "campaigns"("region_id");
CREATE INDEX "campaigns_created_by_id_idx" ON "campaigns"("created_by_id");
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "campaign_seats" (
    "campaign_id" UUID NOT NULL,
    "constituency_code" TEXT NOT NULL,
    "goal" INTEGER NOT NULL,
    CONSTRAINT "campaign_seats_pkey" PRIMARY KEY ("campaign_id", "constituency_code"),
    CONSTRAINT "campaign_seats_goal" CHECK ("goal" >= 1)
);
CREATE INDEX "campaign_seats_constituency_code_idx" ON "campaign_seats"("constituency_code");
ALTER TABLE "campaign_seats" ADD CONSTRAINT "campaign_seats_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "campaign_seats" ADD CONSTRAINT "campaign_seats_constituency_code_fkey" FOREIGN KEY ("constituency_code") REFERENCES "constituencies"("code") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "campaign_templates" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "kind" "EventKind" NOT NULL,
    "title" TEXT NOT NULL,
    "duration_minutes" INTEGER NOT NULL,
    "briefing" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "campaign_templates_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "campaign_templates_duration" CHECK ("duration_minutes" > 0)
);
CREATE INDEX "campaign_templates_campaign_id_idx" ON "campaign_templates"("campaign_id");
ALTER TABLE "campaign_templates" ADD CONSTRAINT "campaign_templates_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "events" ADD COLUMN "campaign_id" UUID;
ALTER TABLE "events" ADD COLUMN "template_id" UUID;
ALTER TABLE "events" ADD COLUMN "approval" "EventApproval";
ALTER TABLE "events" ADD COLUMN "approval_note" TEXT;
ALTER TABLE "events" ADD COLUMN "reviewed_at" TIMESTAMPTZ(3);
CREATE INDEX "events_campaign_id_idx" ON "events"("campaign_id");
CREATE INDEX "events_template_id_idx" ON "events"("template_id");
ALTER TABLE "events" ADD CONSTRAINT "events_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "events" ADD CONSTRAINT "events_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "campaign_templates"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hosts whose campaign event a region's organisers approved publish there directly, until an organiser revokes it.
CREATE TABLE "trusted_hosts" (
    "user_id" UUID NOT NULL,
    "region_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "trusted_hosts_pkey" PRIMARY KEY ("user_id", "region_id")
);
CREATE INDEX "trusted_hosts_region_id_idx" ON "trusted_hosts"("region_id");
ALTER TABLE "trusted_hosts" ADD CONSTRAINT "trusted_hosts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "trusted_hosts" ADD CONSTRAINT "trusted_hosts_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Co-hosts manage an event with its host. An invitation names an address; the account with that address accepts it.
CREATE TABLE "event_co_hosts" (
    "event_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "event_co_hosts_pkey" PRIMARY KEY ("event_id", "user_id")
);
CREATE INDEX "event_co_hosts_user_id_idx" ON "event_co_hosts"("user_id");
ALTER TABLE "event_co_hosts" ADD CONSTRAINT "event_co_hosts_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "event_co_hosts" ADD CONSTRAINT "event_co_hosts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "co_host_invites" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "accepted_at" TIMESTAMPTZ(3),
    CONSTRAINT "co_host_invites_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "co_host_invites_event_id_email_key" ON "co_host_invites"("event_id", "email");
CREATE INDEX "co_host_invites_email_idx" ON "co_host_invites"("email");
ALTER TABLE "co_host_invites" ADD CONSTRAINT "co_host_invites_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;
