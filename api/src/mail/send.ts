import { createHash } from 'node:crypto';
import { plainTextSelectors, render } from '@react-email/render';
import { compile } from 'html-to-text';
import type { PoolClient } from 'pg';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { MailJob } from '../jobs/queue.ts';
import { linkSigner, type LinkSigner } from './links.ts';
import { type Mailer, PermanentRecipientFailure } from './mailer.ts';
import { wantsCategory } from './preferences.ts';
import type { MailCategory, MailTemplate, Recipient } from './template.ts';
import { TEMPLATES } from './templates/index.ts';
import type { FooterLinks } from './templates/layout.tsx';

export const CATEGORY_LABELS: Record<Exclude<MailCategory, 'account'>, string> = {
  bookings: 'booking confirmations and changes to events you are going to',
  reminders: 'reminders before events',
  lifts: 'lift notices',
  organiser: "messages from events' organisers",
  digest: 'the new-events digest',
};

const UNSUBSCRIBE_DAYS = 400;

/** react-email's plain-text conversion, compiled once (compiling its selectors took as long as converting). */
const toPlainText = compile({ wordwrap: false, selectors: plainTextSelectors });

const UNCONFIRMED_SKIPS = new Set<MailCategory>(['lifts', 'organiser', 'digest']);

export const unsubscribeToken = (links: LinkSigner, userId: string, category: MailCategory) =>
  links.sign('unsubscribe', { u: userId, c: category }, new Date(Date.now() + UNSUBSCRIBE_DAYS * 86_400_000));

const messageIdFor = (key: string) => `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@rallypoint>`;

export type Delivery = 'SENT' | 'SKIPPED' | 'BOUNCED' | 'DUPLICATE';

export interface SendDeps {
  prisma: Db;
  config: Config;
  mailer: Mailer;
}

/** A claim left by a worker that died mid-send is taken over after this long (a normal send takes seconds). */
const STALE_CLAIM = "interval '15 minutes'";

/**
 * Sends one queued e-mail at most once. Its key is claimed in mail_log first (committed at once, no transaction held
 * across SMTP): a duplicate job — another instance, a retry, a second copy — finds the key taken and sends nothing;
 * a failed send deletes its claim, so the job's retry can send. Only a worker that dies after the SMTP server
 * accepted and before recording it can repeat a message (its claim is taken over after 15 minutes), with the same
 * Message-ID.
 */
export async function deliverMail(deps: SendDeps, job: MailJob, pg: PoolClient): Promise<Delivery> {
  const template = TEMPLATES[job.template];
  if (!template || typeof job.key !== 'string' || typeof job.userId !== 'string') {
    // Nothing can make this job sendable (e.g. queued by an older version): retrying would only fail again.
    console.warn(`[mail] dropped a send-mail job that names no known template: ${JSON.stringify(job).slice(0, 200)}`);
    return 'SKIPPED';
  }
  const claim = await pg.query(
    `INSERT INTO mail_log (key, kind, user_id, status) VALUES ($1, $2, $3, 'SENDING')
     ON CONFLICT (key) DO UPDATE SET created_at = now()
       WHERE mail_log.status = 'SENDING' AND mail_log.created_at < now() - ${STALE_CLAIM}
     RETURNING key`,
    [job.key, job.template, job.userId],
  );
  if (claim.rowCount === 0) return 'DUPLICATE';
  const record = (status: Delivery, subject: string, messageId: string | null = null) =>
    pg.query(`UPDATE mail_log SET status = $2, subject = $3, message_id = $4 WHERE key = $1`, [job.key, status, subject, messageId]);
  let handedOver = false;
  try {
    const outcome = await compose(deps, job, template.category);
    if (typeof outcome === 'string') {
      await record('SKIPPED', outcome);
      return 'SKIPPED';
    }
    const messageId = messageIdFor(job.key);
    try {
      await deps.mailer.send({ ...outcome, messageId });
      handedOver = true;
    } catch (error) {
      if (!(error instanceof PermanentRecipientFailure)) throw error;
      await record('BOUNCED', outcome.subject);
      await pg.query('UPDATE users SET mail_bounced_at = now() WHERE id = $1 AND mail_bounced_at IS NULL', [job.userId]);
      return 'BOUNCED';
    }
    await record('SENT', outcome.subject, messageId);
    return 'SENT';
  } catch (error) {
    // Not sent: free the key for this job's retry. (Sent but not recorded: the claim stays, so nothing resends it.)
    if (!handedOver) await pg.query(`DELETE FROM mail_log WHERE key = $1 AND status = 'SENDING'`, [job.key]).catch(() => {});
    throw error;
  }
}

type Composed = { to: string; subject: string; html: string; text: string; headers: Record<string, string>; attachments?: { filename: string; content: string; contentType: string }[] };

/** The rendered e-mail, or why it is not sent (a reason string). */
async function compose(deps: SendDeps, job: MailJob, category: MailCategory): Promise<Composed | string> {
  const user = await deps.prisma.user.findUnique({ where: { id: job.userId } });
  if (!user || user.deletedAt) return 'no such member';
  if (category !== 'account') {
    if (user.mailBouncedAt) return 'address bounced';
    if (!wantsCategory(user, category)) return `opted out of ${category}`;
    // Someone else's address may have been typed at sign-up: until it is confirmed it gets only what its holder
    // booked themselves (bookings, reminders), never lift details, organisers' messages or the digest.
    if (!user.emailVerifiedAt && UNCONFIRMED_SKIPS.has(category)) return 'address not confirmed';
  }
  const links = await linkSigner(deps.prisma);
  const { publicUrl } = deps.config;
  const headers: Record<string, string> = { 'X-Rallypoint-Kind': job.template };
  const footer: FooterLinks = { reason: `You are receiving this because you have a Rallypoint account with this address.` };
  if (category !== 'account') {
    const token = unsubscribeToken(links, user.id, category);
    footer.reason = `You are receiving this because your Rallypoint e-mails include ${CATEGORY_LABELS[category]}.`;
    footer.preferencesUrl = `${publicUrl}/account/notifications`;
    footer.unsubscribeUrl = `${publicUrl}/unsubscribe?token=${encodeURIComponent(token)}`;
    footer.unsubscribeLabel = `Stop ${CATEGORY_LABELS[category]}`;
    // RFC 8058 one-click: mail apps POST "List-Unsubscribe=One-Click" to this address.
    headers['List-Unsubscribe'] = `<${publicUrl}/mail/unsubscribe?token=${encodeURIComponent(token)}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  const recipient: Recipient = { id: user.id, email: user.email, firstName: user.firstName, lastName: user.lastName, emailVerifiedAt: user.emailVerifiedAt };
  const template = TEMPLATES[job.template] as MailTemplate<unknown>;
  const prepared = await template.prepare({ db: deps.prisma, config: deps.config, links, recipient, footer, key: job.key }, job.params);
  if (!prepared) return 'no longer applies';
  const html = await render(prepared.element);
  // Every e-mail a member can switch off says how, in its footer: a template that forgot to pass it is a bug, never
  // an e-mail sent without its unsubscribe link.
  if (footer.unsubscribeUrl && !html.includes(`href="${footer.unsubscribeUrl}"`)) {
    throw new Error(`The ${job.template} e-mail has no unsubscribe link: pass footer={ctx.footer} to its Layout`);
  }
  const text = toPlainText(html);
  return { to: user.email, subject: prepared.subject, html, text, headers, ...(prepared.attachments ? { attachments: prepared.attachments } : {}) };
}
