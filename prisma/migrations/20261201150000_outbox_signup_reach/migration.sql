-- Transactional outbox: every change that must be announced (a live push, an e-mail) writes a row here in the
-- same transaction as the change; a publisher reads committed rows, hands them on and deletes them. `origin` is the
-- API instance that made the change: without Redis, live pushes must leave from the instance its watchers are on.
CREATE TABLE "outbox" (
    "id" BIGSERIAL NOT NULL,
    "topic" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "origin" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);

-- A sign-up waiting for its address to be confirmed. The account is created only when the e-mailed link is used,
-- so sign-up answers the same whether or not the address already has an account.
CREATE TABLE "sign_up_tokens" (
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT NOT NULL,
    "home_label" TEXT,
    "home_lat" DOUBLE PRECISION,
    "home_lng" DOUBLE PRECISION,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    CONSTRAINT "sign_up_tokens_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "sign_up_tokens_token_hash_key" ON "sign_up_tokens"("token_hash");
CREATE INDEX "sign_up_tokens_email_idx" ON "sign_up_tokens"("email");

-- How far a seat reaches from its reference point (km to its farthest boundary point): a canvass "in" a seat
-- must meet within that distance of it.
ALTER TABLE "constituencies" ADD COLUMN "reach_km" DOUBLE PRECISION;
