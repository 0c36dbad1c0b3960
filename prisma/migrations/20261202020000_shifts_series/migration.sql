-- Shifts: an event's own bookable time slots, each with its capacity and waitlist. The event's going_count stays the
-- sum over its shifts (and its capacity their sum), so discovery and "hide full" read the event alone.
CREATE TABLE "event_shifts" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "capacity" INTEGER,
    "going_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "event_shifts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "event_shifts_positive_length" CHECK ("ends_at" > "starts_at"),
    CONSTRAINT "event_shifts_going_nonnegative" CHECK ("going_count" >= 0)
);
CREATE INDEX "event_shifts_event_id_starts_at_idx" ON "event_shifts"("event_id", "starts_at");
ALTER TABLE "event_shifts" ADD CONSTRAINT "event_shifts_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A booking is for the event (no shift) or for one of its shifts: one per member and event, or per member and shift.
ALTER TABLE "rsvps" ADD COLUMN "shift_id" UUID;
ALTER TABLE "rsvps" ADD CONSTRAINT "rsvps_shift_id_fkey" FOREIGN KEY ("shift_id") REFERENCES "event_shifts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
DROP INDEX "rsvps_event_id_user_id_key";
CREATE UNIQUE INDEX "rsvps_event_id_user_id_unshifted" ON "rsvps"("event_id", "user_id") WHERE "shift_id" IS NULL;
CREATE UNIQUE INDEX "rsvps_shift_id_user_id_key" ON "rsvps"("shift_id", "user_id");
CREATE INDEX "rsvps_shift_id_status_seq_idx" ON "rsvps"("shift_id", "status", "seq");

-- A recurring series: its rule (RFC 5545 RRULE, always with COUNT or UNTIL); each occurrence is an event of its own.
CREATE TABLE "event_series" (
    "id" UUID NOT NULL,
    "rrule" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "event_series_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "events" ADD COLUMN "series_id" UUID;
-- The start the rule gave this occurrence (its RECURRENCE-ID), kept when the occurrence itself is moved.
ALTER TABLE "events" ADD COLUMN "occurrence_at" TIMESTAMPTZ(3);
CREATE INDEX "events_series_id_idx" ON "events"("series_id");
ALTER TABLE "events" ADD CONSTRAINT "events_series_id_fkey" FOREIGN KEY ("series_id") REFERENCES "event_series"("id") ON DELETE SET NULL ON UPDATE CASCADE;
