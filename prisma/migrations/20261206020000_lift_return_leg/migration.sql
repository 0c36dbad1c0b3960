-- The lift back is its own leg: a match is for the way there (OUTBOUND) or the way back (RETURN), the same driver and
-- rider may have one of each, and a rider has at most one agreed lift per leg. Seats back are counted apart from seats
-- there (a driver may take other people home).
CREATE TYPE "LiftLeg" AS ENUM ('OUTBOUND', 'RETURN');

ALTER TABLE "lift_matches" ADD COLUMN "leg" "LiftLeg" NOT NULL DEFAULT 'OUTBOUND';

DROP INDEX "lift_matches_offer_id_request_id_key";
CREATE UNIQUE INDEX "lift_matches_offer_id_request_id_leg_key" ON "lift_matches"("offer_id", "request_id", "leg");

DROP INDEX "lift_matches_one_accepted_per_request";
CREATE UNIQUE INDEX "lift_matches_one_accepted_per_request" ON "lift_matches"("request_id", "leg") WHERE "status" = 'ACCEPTED';

ALTER TABLE "lift_offers" ADD COLUMN "return_seats_taken" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "lift_offers" ADD CONSTRAINT "lift_offers_return_seats_taken_within"
    CHECK ("return_seats_taken" >= 0 AND "return_seats_taken" <= "seats");
