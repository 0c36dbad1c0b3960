-- Organisers flag extra target seats; the marginality threshold itself is configuration, not data.
CREATE TABLE "target_seats" (
    "constituency_code" TEXT NOT NULL,
    "flagged_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "target_seats_pkey" PRIMARY KEY ("constituency_code")
);
CREATE INDEX "target_seats_flagged_by_id_idx" ON "target_seats"("flagged_by_id");
ALTER TABLE "target_seats" ADD CONSTRAINT "target_seats_constituency_code_fkey" FOREIGN KEY ("constituency_code") REFERENCES "constituencies"("code") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "target_seats" ADD CONSTRAINT "target_seats_flagged_by_id_fkey" FOREIGN KEY ("flagged_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
