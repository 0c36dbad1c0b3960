-- Open requests whose rider holds no place, only a waitlist entry, wait like new ones do (the value added in the
-- previous migration is usable now, in a transaction of its own). Agreed lifts are left as they were.
UPDATE "lift_requests" AS r
SET "status" = 'WAITING', "updated_at" = now()
WHERE r."status" = 'OPEN'
  AND EXISTS (SELECT 1 FROM "rsvps" w WHERE w."event_id" = r."event_id" AND w."user_id" = r."rider_id" AND w."status" = 'WAITLISTED')
  AND NOT EXISTS (SELECT 1 FROM "rsvps" g WHERE g."event_id" = r."event_id" AND g."user_id" = r."rider_id" AND g."status" = 'GOING');
