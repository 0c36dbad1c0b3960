-- When an event last went live (created published, or published from a draft): the new-events digest lists events
-- published since a member's last digest, so a draft published today is new today, whenever it was created.
ALTER TABLE "events" ADD COLUMN "published_at" TIMESTAMPTZ(3);
UPDATE "events" SET "published_at" = "created_at" WHERE "status" <> 'DRAFT';
