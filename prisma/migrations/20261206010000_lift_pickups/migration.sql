-- Where and when a lift picks its rider up: at one of the event's pickup hubs (a public place) or, with no hub, near
-- home; and the time the route reaches that stop. A hub removed later leaves the lift picking up with no hub named.
ALTER TABLE "lift_matches" ADD COLUMN "pickup_hub_id" UUID;
ALTER TABLE "lift_matches" ADD COLUMN "pickup_at" TIMESTAMPTZ(3);
ALTER TABLE "lift_matches" ADD CONSTRAINT "lift_matches_pickup_hub_id_fkey" FOREIGN KEY ("pickup_hub_id") REFERENCES "event_hubs"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "lift_matches_pickup_hub_id_idx" ON "lift_matches"("pickup_hub_id");
