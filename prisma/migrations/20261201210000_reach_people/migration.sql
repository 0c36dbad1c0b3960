-- E-mail: verified addresses, per-category preferences, bounces, the new-events digest.
CREATE TYPE "DigestFrequency" AS ENUM ('NEVER', 'DAILY', 'WEEKLY');
ALTER TABLE "users"
    ADD COLUMN "email_verified_at" TIMESTAMPTZ(3),
    ADD COLUMN "mail_bounced_at" TIMESTAMPTZ(3),
    ADD COLUMN "mail_bookings" BOOLEAN NOT NULL DEFAULT true,
    ADD COLUMN "mail_reminders" BOOLEAN NOT NULL DEFAULT true,
    ADD COLUMN "mail_lifts" BOOLEAN NOT NULL DEFAULT true,
    ADD COLUMN "mail_organiser" BOOLEAN NOT NULL DEFAULT true,
    ADD COLUMN "digest" "DigestFrequency" NOT NULL DEFAULT 'NEVER',
    ADD COLUMN "digest_sent_at" TIMESTAMPTZ(3);
-- Until now an account was only created from a confirmed link.
UPDATE "users" SET "email_verified_at" = "created_at" WHERE "deleted_at" IS NULL;

-- Accounts are now created unverified at sign-up; the link verifies them.
DROP TABLE "sign_up_tokens";
-- E-mails are now jobs added in the change's own transaction; the outbox carried them before, rendered, with links
-- into the table just dropped.
DELETE FROM "outbox" WHERE "topic" = 'mail';

-- Single-use links sent by e-mail for the account itself (stored hashed).
CREATE TYPE "AccountTokenPurpose" AS ENUM ('VERIFY_EMAIL', 'RESET_PASSWORD');
CREATE TABLE "account_tokens" (
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "purpose" "AccountTokenPurpose" NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    CONSTRAINT "account_tokens_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "account_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "account_tokens_token_hash_key" ON "account_tokens"("token_hash");
CREATE INDEX "account_tokens_user_id_idx" ON "account_tokens"("user_id");

-- Signed one-tap links (a reminder's "still coming" / "can't make it") that have been used: each works once.
CREATE TABLE "used_links" (
    "digest" TEXT NOT NULL,
    "used_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "used_links_pkey" PRIMARY KEY ("digest")
);

-- Keys for signing e-mailed links, made on first start and shared by every instance.
CREATE TABLE "app_secrets" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "app_secrets_pkey" PRIMARY KEY ("name")
);

-- Every e-mail the queue has handled, by its key: a retried or duplicated job finds its key and sends nothing.
CREATE TABLE "mail_log" (
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "user_id" UUID,
    "status" TEXT NOT NULL,
    "subject" TEXT,
    "message_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "mail_log_pkey" PRIMARY KEY ("key"),
    CONSTRAINT "mail_log_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "mail_log_user_id_idx" ON "mail_log"("user_id");
-- Keys are read by prefix (all e-mails of one organiser message), whatever the database's collation.
CREATE INDEX "mail_log_key_prefix_idx" ON "mail_log"("key" text_pattern_ops);

-- "Still coming": answered from a reminder.
ALTER TABLE "rsvps" ADD COLUMN "reconfirmed_at" TIMESTAMPTZ(3);

-- What organisers wrote to the people coming (or waiting): kept and shown to the event's organisers.
CREATE TYPE "MessageAudience" AS ENUM ('GOING', 'WAITLISTED');
CREATE TABLE "organiser_messages" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "sender_id" UUID,
    "audience" "MessageAudience" NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "recipients" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "organiser_messages_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "organiser_messages_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "organiser_messages_sender_id_fkey" FOREIGN KEY ("sender_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "organiser_messages_event_id_created_at_idx" ON "organiser_messages"("event_id", "created_at");
