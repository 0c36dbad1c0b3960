-- A confirmation link sent because an address that has an unconfirmed account signed up again carries that sign-up
-- (password hash, names, home area): opening it applies what the owner of the inbox chose, not what whoever made the
-- unconfirmed account chose. NULL for a link that only confirms the address.
ALTER TABLE "account_tokens" ADD COLUMN "sign_up" JSONB;
