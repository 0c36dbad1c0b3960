-- Lifts to events: drivers' offers, riders' requests and the matches between them.
CREATE TYPE "LiftOfferStatus" AS ENUM ('OPEN', 'CANCELLED');
CREATE TYPE "LiftRequestStatus" AS ENUM ('OPEN', 'MATCHED', 'CANCELLED');
CREATE TYPE "LiftMatchStatus" AS ENUM ('PROPOSED', 'ACCEPTED', 'DECLINED', 'CANCELLED');
CREATE TYPE "LiftSide" AS ENUM ('DRIVER', 'RIDER');

CREATE TABLE "lift_offers" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "driver_id" UUID NOT NULL,
    "origin_label" TEXT NOT NULL,
    "origin_lat" DOUBLE PRECISION NOT NULL,
    "origin_lng" DOUBLE PRECISION NOT NULL,
    "depart_at" TIMESTAMPTZ(3) NOT NULL,
    "seats" INTEGER NOT NULL,
    "seats_taken" INTEGER NOT NULL DEFAULT 0,
    "max_detour_km" DOUBLE PRECISION NOT NULL,
    "wheelchair_accessible" BOOLEAN NOT NULL DEFAULT false,
    "return_trip" BOOLEAN NOT NULL DEFAULT false,
    "notes" TEXT NOT NULL DEFAULT '',
    "status" "LiftOfferStatus" NOT NULL DEFAULT 'OPEN',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "lift_offers_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "lift_offers_seats_positive" CHECK ("seats" >= 1),
    -- The database itself refuses to overbook a car.
    CONSTRAINT "lift_offers_seats_taken_within" CHECK ("seats_taken" >= 0 AND "seats_taken" <= "seats"),
    CONSTRAINT "lift_offers_detour_nonnegative" CHECK ("max_detour_km" >= 0)
);
CREATE UNIQUE INDEX "lift_offers_event_id_driver_id_key" ON "lift_offers"("event_id", "driver_id");
CREATE INDEX "lift_offers_driver_id_idx" ON "lift_offers"("driver_id");
-- Ranking prefilters open offers by distance from the rider.
CREATE INDEX "lift_offers_earth_idx" ON "lift_offers" USING gist (rp_earth("origin_lat", "origin_lng")) WHERE "status" = 'OPEN';

CREATE TABLE "lift_requests" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "rider_id" UUID NOT NULL,
    "origin_label" TEXT NOT NULL,
    "origin_lat" DOUBLE PRECISION NOT NULL,
    "origin_lng" DOUBLE PRECISION NOT NULL,
    "seats" INTEGER NOT NULL,
    "needs_wheelchair" BOOLEAN NOT NULL DEFAULT false,
    "return_trip" BOOLEAN NOT NULL DEFAULT false,
    "notes" TEXT NOT NULL DEFAULT '',
    "status" "LiftRequestStatus" NOT NULL DEFAULT 'OPEN',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "lift_requests_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "lift_requests_seats_positive" CHECK ("seats" >= 1)
);
CREATE UNIQUE INDEX "lift_requests_event_id_rider_id_key" ON "lift_requests"("event_id", "rider_id");
CREATE INDEX "lift_requests_rider_id_idx" ON "lift_requests"("rider_id");

CREATE TABLE "lift_matches" (
    "id" UUID NOT NULL,
    "offer_id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "status" "LiftMatchStatus" NOT NULL DEFAULT 'PROPOSED',
    "proposed_by" "LiftSide" NOT NULL,
    "detour_km" DOUBLE PRECISION NOT NULL,
    "driver_note" TEXT,
    "rider_note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "lift_matches_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "lift_matches_offer_id_request_id_key" ON "lift_matches"("offer_id", "request_id");
CREATE INDEX "lift_matches_request_id_idx" ON "lift_matches"("request_id");
-- A request rides in at most one car.
CREATE UNIQUE INDEX "lift_matches_one_accepted_per_request" ON "lift_matches"("request_id") WHERE "status" = 'ACCEPTED';

ALTER TABLE "lift_offers" ADD CONSTRAINT "lift_offers_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "lift_offers" ADD CONSTRAINT "lift_offers_driver_id_fkey" FOREIGN KEY ("driver_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "lift_requests" ADD CONSTRAINT "lift_requests_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "lift_requests" ADD CONSTRAINT "lift_requests_rider_id_fkey" FOREIGN KEY ("rider_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "lift_matches" ADD CONSTRAINT "lift_matches_offer_id_fkey" FOREIGN KEY ("offer_id") REFERENCES "lift_offers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "lift_matches" ADD CONSTRAINT "lift_matches_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "lift_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;
