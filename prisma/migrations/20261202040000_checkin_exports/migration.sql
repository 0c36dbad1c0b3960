-- Check-in: who came to an event. A member's row is keyed by (event, user); a walk-in without an account has no
-- user (NULLs never collide in the unique index). A null status is a mark that was undone.
CREATE TYPE "AttendanceStatus" AS ENUM ('ATTENDED', 'NO_SHOW');
CREATE TABLE "attendances" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "user_id" UUID,
    "walk_in" BOOLEAN NOT NULL DEFAULT false,
    "walk_in_name" TEXT,
    "walk_in_email" TEXT,
    "status" "AttendanceStatus",
    "marked_by_id" UUID,
    "marked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "attendances_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "attendances_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "attendances_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "attendances_marked_by_id_fkey" FOREIGN KEY ("marked_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "attendances_walk_in_named" CHECK (NOT "walk_in" OR "walk_in_name" IS NOT NULL),
    CONSTRAINT "attendances_someone" CHECK ("walk_in" OR "user_id" IS NOT NULL)
);
CREATE UNIQUE INDEX "attendances_event_id_user_id_key" ON "attendances"("event_id", "user_id");
CREATE INDEX "attendances_user_id_idx" ON "attendances"("user_id");
CREATE INDEX "attendances_marked_by_id_idx" ON "attendances"("marked_by_id");

-- Each check-in tap once: the client names every tap, and a tap seen before (a retry) changes nothing.
CREATE TABLE "check_in_taps" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "user_id" UUID,
    "attendance_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "check_in_taps_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "check_in_taps_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "check_in_taps_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "check_in_taps_attendance_id_fkey" FOREIGN KEY ("attendance_id") REFERENCES "attendances"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "check_in_taps_event_id_idx" ON "check_in_taps"("event_id");
CREATE INDEX "check_in_taps_user_id_idx" ON "check_in_taps"("user_id");
CREATE INDEX "check_in_taps_attendance_id_idx" ON "check_in_taps"("attendance_id");

-- Every CSV export of people: who, when, what, how many rows. Kept when the account or event goes.
CREATE TABLE "export_log" (
    "id" UUID NOT NULL,
    "user_id" UUID,
    "scope" TEXT NOT NULL,
    "scope_id" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "row_count" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "export_log_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "export_log_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "export_log_created_at_idx" ON "export_log"("created_at");
CREATE INDEX "export_log_user_id_idx" ON "export_log"("user_id");
