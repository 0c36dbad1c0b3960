-- On an event with shifts, a lift is for one shift: it must arrive before that shift starts (and the lift back leaves
-- after it ends), and only lifts to the same shift are matched together. Null: the event's own times.
ALTER TABLE "lift_offers" ADD COLUMN "shift_id" UUID;
ALTER TABLE "lift_offers" ADD CONSTRAINT "lift_offers_shift_id_fkey"
    FOREIGN KEY ("shift_id") REFERENCES "event_shifts"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "lift_offers_shift_id_idx" ON "lift_offers"("shift_id");

ALTER TABLE "lift_requests" ADD COLUMN "shift_id" UUID;
ALTER TABLE "lift_requests" ADD CONSTRAINT "lift_requests_shift_id_fkey"
    FOREIGN KEY ("shift_id") REFERENCES "event_shifts"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "lift_requests_shift_id_idx" ON "lift_requests"("shift_id");

-- Lifts made before this to events with shifts are for the shift their member holds (a place before a waitlist spot).
UPDATE "lift_offers" o SET "shift_id" = (
    SELECT r."shift_id" FROM "rsvps" r
    WHERE r."event_id" = o."event_id" AND r."user_id" = o."driver_id" AND r."shift_id" IS NOT NULL AND r."status" <> 'CANCELLED'
    ORDER BY r."status", r."seq" LIMIT 1);
UPDATE "lift_requests" q SET "shift_id" = (
    SELECT r."shift_id" FROM "rsvps" r
    WHERE r."event_id" = q."event_id" AND r."user_id" = q."rider_id" AND r."shift_id" IS NOT NULL AND r."status" <> 'CANCELLED'
    ORDER BY r."status", r."seq" LIMIT 1);
