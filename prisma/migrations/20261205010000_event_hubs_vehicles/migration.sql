-- Pickup hubs for an event's lifts, the kind of vehicle an offer is, when a lift back leaves, and how far a rider
-- can get to a hub and from when they are ready.
CREATE TYPE "VehicleKind" AS ENUM ('CAR', 'MINIBUS', 'COACH');

CREATE TABLE "event_hubs" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "postcode" TEXT,
    "outcode" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "event_hubs_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "event_hubs_event_id_name_key_key" ON "event_hubs"("event_id", "name_key");
ALTER TABLE "event_hubs" ADD CONSTRAINT "event_hubs_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "lift_offers" ADD COLUMN "return_depart_at" TIMESTAMPTZ(3);
ALTER TABLE "lift_offers" ADD COLUMN "vehicle" "VehicleKind" NOT NULL DEFAULT 'CAR';

ALTER TABLE "lift_requests" ADD COLUMN "hub_reach_km" DOUBLE PRECISION;
ALTER TABLE "lift_requests" ADD COLUMN "ready_from" TIMESTAMPTZ(3);
