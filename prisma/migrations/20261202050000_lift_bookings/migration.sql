-- An organiser asked a driver to stretch their detour limit for a rider no car could take: one row per driver and
-- rider, so asking again sends nothing new.
CREATE TABLE "lift_stretch_asks" (
    "id" UUID NOT NULL,
    "offer_id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "extra_km" DOUBLE PRECISION NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "lift_stretch_asks_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "lift_stretch_asks_offer_id_request_id_key" ON "lift_stretch_asks"("offer_id", "request_id");
CREATE INDEX "lift_stretch_asks_request_id_idx" ON "lift_stretch_asks"("request_id");

ALTER TABLE "lift_stretch_asks" ADD CONSTRAINT "lift_stretch_asks_offer_id_fkey" FOREIGN KEY ("offer_id") REFERENCES "lift_offers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "lift_stretch_asks" ADD CONSTRAINT "lift_stretch_asks_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "lift_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;
