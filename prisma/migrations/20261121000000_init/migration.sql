-- Geo: cube + earthdistance. rp_earth wraps ll_to_earth with a fixed search_path, because earthdistance 1.1
-- (PostgreSQL 15) resolves cube()/earth() through search_path, which breaks index expressions under ANALYZE.
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;

CREATE FUNCTION rp_earth(lat double precision, lng double precision) RETURNS earth
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  SET search_path = public, pg_temp
  AS $$ SELECT ll_to_earth(lat, lng) $$;

CREATE TYPE "Role" AS ENUM ('MEMBER', 'ORGANISER', 'ADMIN');
CREATE TYPE "EventKind" AS ENUM ('CANVASS', 'PHONE_BANK', 'MEETING', 'STALL', 'SOCIAL', 'TRAINING', 'RALLY');
CREATE TYPE "EventStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'CANCELLED');
CREATE TYPE "EventVisibility" AS ENUM ('PUBLIC', 'UNLISTED');
CREATE TYPE "AddressVisibility" AS ENUM ('PUBLIC', 'ATTENDEES');
CREATE TYPE "RsvpStatus" AS ENUM ('GOING', 'WAITLISTED', 'CANCELLED');

CREATE TABLE "regions" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nation" TEXT NOT NULL,
    CONSTRAINT "regions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "regions_name_key" ON "regions"("name");

CREATE TABLE "constituencies" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nation" TEXT NOT NULL,
    "region_id" TEXT NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "winner" TEXT NOT NULL,
    "runner_up" TEXT NOT NULL,
    "majority" INTEGER NOT NULL,
    "majority_pct" DOUBLE PRECISION NOT NULL,
    "valid_votes" INTEGER NOT NULL,
    "electorate" INTEGER NOT NULL,
    "turnout_pct" DOUBLE PRECISION NOT NULL,
    "result" TEXT NOT NULL,
    "mp_name" TEXT NOT NULL,
    CONSTRAINT "constituencies_pkey" PRIMARY KEY ("code")
);
CREATE INDEX "constituencies_region_id_idx" ON "constituencies"("region_id");
CREATE INDEX "constituencies_earth_idx" ON "constituencies" USING gist (rp_earth("lat", "lng"));

CREATE TABLE "outcodes" (
    "code" TEXT NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "postcodes" INTEGER NOT NULL,
    "country" TEXT NOT NULL,
    CONSTRAINT "outcodes_pkey" PRIMARY KEY ("code")
);
CREATE INDEX "outcodes_earth_idx" ON "outcodes" USING gist (rp_earth("lat", "lng"));

CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "password_hash" TEXT,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'MEMBER',
    "home_label" TEXT,
    "home_lat" DOUBLE PRECISION,
    "home_lng" DOUBLE PRECISION,
    "calendar_token" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),
    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");
CREATE UNIQUE INDEX "users_calendar_token_key" ON "users"("calendar_token");

CREATE TABLE "organiser_regions" (
    "user_id" UUID NOT NULL,
    "region_id" TEXT NOT NULL,
    CONSTRAINT "organiser_regions_pkey" PRIMARY KEY ("user_id", "region_id")
);
CREATE INDEX "organiser_regions_region_id_idx" ON "organiser_regions"("region_id");

CREATE TABLE "sessions" (
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions"("token_hash");
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

CREATE TABLE "events" (
    "id" UUID NOT NULL,
    "kind" "EventKind" NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "venue_name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "postcode" TEXT,
    "area_label" TEXT NOT NULL,
    "exact_lat" DOUBLE PRECISION NOT NULL,
    "exact_lng" DOUBLE PRECISION NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "region_id" TEXT NOT NULL,
    "constituency_code" TEXT,
    "capacity" INTEGER,
    "going_count" INTEGER NOT NULL DEFAULT 0,
    "status" "EventStatus" NOT NULL DEFAULT 'DRAFT',
    "visibility" "EventVisibility" NOT NULL DEFAULT 'PUBLIC',
    "address_visibility" "AddressVisibility" NOT NULL DEFAULT 'PUBLIC',
    "organiser_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "events_ends_after_start" CHECK ("ends_at" > "starts_at"),
    CONSTRAINT "events_capacity_nonnegative" CHECK ("capacity" IS NULL OR "capacity" >= 0),
    CONSTRAINT "events_going_within_capacity" CHECK ("capacity" IS NULL OR "going_count" <= "capacity")
);
CREATE INDEX "events_organiser_id_idx" ON "events"("organiser_id");
CREATE INDEX "events_status_starts_at_idx" ON "events"("status", "starts_at");
CREATE INDEX "events_region_id_idx" ON "events"("region_id");
CREATE INDEX "events_constituency_code_idx" ON "events"("constituency_code");
-- Discovery only ever looks at published, listed events: index just those.
CREATE INDEX "events_earth_idx" ON "events" USING gist (rp_earth("lat", "lng"))
  WHERE "status" = 'PUBLISHED' AND "visibility" = 'PUBLIC';

CREATE TABLE "rsvps" (
    "id" UUID NOT NULL,
    "seq" SERIAL NOT NULL,
    "event_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "status" "RsvpStatus" NOT NULL,
    "guests" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "rsvps_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "rsvps_guests_nonnegative" CHECK ("guests" >= 0)
);
CREATE UNIQUE INDEX "rsvps_event_id_user_id_key" ON "rsvps"("event_id", "user_id");
CREATE INDEX "rsvps_user_id_idx" ON "rsvps"("user_id");
CREATE INDEX "rsvps_event_id_status_seq_idx" ON "rsvps"("event_id", "status", "seq");

ALTER TABLE "constituencies" ADD CONSTRAINT "constituencies_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "organiser_regions" ADD CONSTRAINT "organiser_regions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "organiser_regions" ADD CONSTRAINT "organiser_regions_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "events" ADD CONSTRAINT "events_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "events" ADD CONSTRAINT "events_constituency_code_fkey" FOREIGN KEY ("constituency_code") REFERENCES "constituencies"("code") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "events" ADD CONSTRAINT "events_organiser_id_fkey" FOREIGN KEY ("organiser_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "rsvps" ADD CONSTRAINT "rsvps_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "rsvps" ADD CONSTRAINT "rsvps_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
