-- Co-host invitations reach addresses with no account: who invited (for the invitation page), and when it was last
-- e-mailed (a re-invite within the hour sends nothing new).
ALTER TABLE "co_host_invites" ADD COLUMN "invited_by_id" UUID;
ALTER TABLE "co_host_invites" ADD COLUMN "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "co_host_invites" ADD COLUMN "sends" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "co_host_invites" ADD CONSTRAINT "co_host_invites_invited_by_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- E-mails to a bare address (no user): the address, so a bounce stops the next one to it.
ALTER TABLE "mail_log" ADD COLUMN "to_address" TEXT;
CREATE INDEX "mail_log_to_address_idx" ON "mail_log"("to_address");
