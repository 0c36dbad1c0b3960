-- The creator of an event is going to it (from now on on creation; see creatorGoing in the API). Organisers of events
-- still to come get the GOING place they would have had: not on events with shifts (the host runs those), cancelled
-- or full events, nor where they have any booking already (one they cancelled stays cancelled). Run again, it adds
-- nothing.
WITH picked AS (
  SELECT e."id", e."organiser_id"
  FROM "events" e JOIN "users" u ON u."id" = e."organiser_id" AND u."deleted_at" IS NULL
  WHERE e."status" <> 'CANCELLED' AND e."ends_at" > now()
    AND (e."capacity" IS NULL OR e."going_count" + 1 <= e."capacity")
    AND NOT EXISTS (SELECT 1 FROM "event_shifts" s WHERE s."event_id" = e."id")
    AND NOT EXISTS (SELECT 1 FROM "rsvps" r WHERE r."event_id" = e."id" AND r."user_id" = e."organiser_id" AND r."shift_id" IS NULL)
), "taken" AS (
  UPDATE "events" SET "going_count" = "going_count" + 1 WHERE "id" IN (SELECT "id" FROM picked)
)
INSERT INTO "rsvps" ("id", "event_id", "user_id", "status", "guests", "updated_at")
SELECT gen_random_uuid(), "id", "organiser_id", 'GOING', 0, now() FROM picked;
