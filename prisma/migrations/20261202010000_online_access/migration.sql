-- Online events (phone banks, trainings, meetings): no venue, a join link shown only to the people going. They keep
-- a region (and a reference point inside it, never shown on the map) so regional organisers run them as before.
ALTER TABLE "events" ADD COLUMN "online" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "events" ADD COLUMN "join_url" TEXT;
-- Venue access, as the organiser describes it.
ALTER TABLE "events" ADD COLUMN "step_free" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "events" ADD COLUMN "accessible_toilet" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "events" ADD COLUMN "hearing_loop" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "events" ADD COLUMN "quiet_space" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "events" ADD CONSTRAINT "events_join_url_online" CHECK ("join_url" IS NULL OR ("online" AND "join_url" LIKE 'https://%'));
