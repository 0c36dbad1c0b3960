import { createHash } from 'node:crypto';
import { plainTextSelectors } from '@react-email/render';
import { compile } from 'html-to-text';
import type { PoolClient } from 'pg';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { Prisma, type User } from '@rallypoint/prisma';
import type { MailJob } from '../jobs/queue.ts';
import { linkSigner, type LinkSigner } from './links.ts';
import { type Mailer, PermanentRecipientFailure } from './mailer.ts';
import { wantsCategory } from './preferences.ts';
import { type AddressMailTemplate, type MailCategory, type MailTemplate, type Recipient, renderEmail } from './template.ts';
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
  if (!template || !wellFormed(job)) return dropMalformed(job);
  const to = job.to?.trim().toLowerCase() ?? null;
  const claim = await pg.query(
    `INSERT INTO mail_log (key, kind, user_id, to_address, status) VALUES ($1, $2, $3, $4, 'SENDING')
     ON CONFLICT (key) DO UPDATE SET created_at = now()
       WHERE mail_log.status = 'SENDING' AND mail_log.created_at < now() - ${STALE_CLAIM}
     RETURNING key`,
    [job.key, job.template, job.userId ?? null, to],
  );
  if (claim.rowCount === 0) return 'DUPLICATE';
  const done =
    to === null
      ? await sendClaimed(deps, job, template, await deps.prisma.user.findUnique({ where: { id: job.userId! } }))
      : await sendClaimed(deps, job, () => composeToAddress(deps, job, template, to));
  if ('error' in done) {
    if (!done.handedOver) await pg.query(`DELETE FROM mail_log WHERE key = $1 AND status = 'SENDING'`, [job.key]).catch(() => {});
    throw done.error;
  }
  await pg.query(`UPDATE mail_log SET status = $2, subject = $3, message_id = $4 WHERE key = $1`, [job.key, done.status, done.subject, done.messageId]);
  // (A bare address's bounce is its mail_log row: composeToAddress reads it.)
  if (done.status === 'BOUNCED' && job.userId) await pg.query('UPDATE users SET mail_bounced_at = now() WHERE id = $1 AND mail_bounced_at IS NULL', [job.userId]);
  return done.status;
}

/**
 * Sends a batch of queued e-mails (a send-mail job whose payload is an array: reminders and other fan-outs), with
 * the same at-most-once rule as `deliverMail` but one statement per batch for the claims, the recipients and the
 * outcomes. Returns one promise per item, as graphile-worker's batch jobs expect: only the items that failed are
 * retried.
 */
export async function deliverMailBatch(deps: SendDeps, jobs: MailJob[]): Promise<Promise<Delivery>[]> {
  const outcome = new Map<number, Delivery | { error: unknown }>();
  const firstOfKey = new Map<string, number>();
  jobs.forEach((job, i) => {
    // Batches come from queueMailRows, one member each: an address-only e-mail is always a job of its own.
    if (!TEMPLATES[job?.template] || !wellFormed(job) || typeof job.userId !== 'string') outcome.set(i, dropMalformed(job));
    else if (firstOfKey.has(job.key)) outcome.set(i, 'DUPLICATE');
    else firstOfKey.set(job.key, i);
  });
  const candidates = [...firstOfKey.values()].map((i) => jobs[i]!);
  const claimed = new Set(
    candidates.length === 0
      ? []
      : (
          await deps.prisma.$queryRaw<{ key: string }[]>`
            INSERT INTO mail_log (key, kind, user_id, status)
            SELECT x.key, x.kind, u.id, 'SENDING'
            FROM unnest(${candidates.map((j) => j.key)}::text[], ${candidates.map((j) => j.template)}::text[], ${candidates.map((j) => j.userId)}::text[]) AS x(key, kind, user_id)
            LEFT JOIN users u ON u.id::text = x.user_id
            ON CONFLICT (key) DO UPDATE SET created_at = now()
              WHERE mail_log.status = 'SENDING' AND mail_log.created_at < now() - ${Prisma.raw(STALE_CLAIM)}
            RETURNING key`
        ).map((r) => r.key),
  );
  const mine = candidates.filter((job) => claimed.has(job.key));
  for (const job of candidates) if (!claimed.has(job.key)) outcome.set(firstOfKey.get(job.key)!, 'DUPLICATE');
  const users = new Map((await deps.prisma.user.findMany({ where: { id: { in: mine.map((j) => j.userId!) } } })).map((u) => [u.id, u]));
  const sent = await Promise.all(mine.map((job) => sendClaimed(deps, job, TEMPLATES[job.template]!, users.get(job.userId!) ?? null)));
  const done = mine.flatMap((job, n) => {
    const d = sent[n]!;
    outcome.set(firstOfKey.get(job.key)!, 'error' in d ? { error: d.error } : d.status);
    return 'error' in d ? [] : [{ key: job.key, userId: job.userId!, ...d }];
  });
  const unsent = mine.filter((_, n) => 'error' in sent[n]! && !(sent[n] as { handedOver: boolean }).handedOver).map((j) => j.key);
  if (done.length > 0) {
    await deps.prisma.$executeRaw`
      UPDATE mail_log SET status = x.status, subject = x.subject, message_id = x.message_id
      FROM unnest(${done.map((d) => d.key)}::text[], ${done.map((d) => d.status)}::text[], ${done.map((d) => d.subject)}::text[], ${done.map((d) => d.messageId)}::text[])
        AS x(key, status, subject, message_id)
      WHERE mail_log.key = x.key`;
    const bounced = done.filter((d) => d.status === 'BOUNCED').map((d) => d.userId);
    if (bounced.length > 0) await deps.prisma.$executeRaw`UPDATE users SET mail_bounced_at = now() WHERE id::text = ANY(${bounced}::text[]) AND mail_bounced_at IS NULL`;
  }
  // Not sent: free the keys for these items' retry. (Sent but not recorded: the claim stays, so nothing resends it.)
  if (unsent.length > 0) await deps.prisma.$executeRaw`DELETE FROM mail_log WHERE key = ANY(${unsent}::text[]) AND status = 'SENDING'`.catch(() => {});
  return jobs.map((_, i) => {
    const o = outcome.get(i)!;
    if (typeof o === 'string') return Promise.resolve(o);
    const failed = Promise.reject(o.error);
    failed.catch(() => {}); // handled by graphile-worker, which retries this item alone
    return failed;
  });
}

/** A key, and one recipient: a member or a bare address. */
const wellFormed = (job: MailJob) => typeof job?.key === 'string' && (typeof job.userId === 'string') !== (typeof job.to === 'string');

function dropMalformed(job: unknown): Delivery {
  // Nothing can make this job sendable (e.g. queued by an older version): retrying would only fail again.
  console.warn(`[mail] dropped a send-mail job that names no known template: ${JSON.stringify(job).slice(0, 200)}`);
  return 'SKIPPED';
}

type Sent = { status: Delivery; subject: string; messageId: string | null } | { error: unknown; handedOver: boolean };

type AnyTemplate = (typeof TEMPLATES)[keyof typeof TEMPLATES];

/**
 * Composes and sends one claimed e-mail (to a member: `template` and `user`; to a bare address: `composeIt`); says
 * what to record, or why it failed (and whether SMTP had taken it).
 */
async function sendClaimed(deps: SendDeps, job: MailJob, template: AnyTemplate, user: User | null): Promise<Sent>;
async function sendClaimed(deps: SendDeps, job: MailJob, composeIt: () => Promise<Composed | string>): Promise<Sent>;
async function sendClaimed(deps: SendDeps, job: MailJob, how: AnyTemplate | (() => Promise<Composed | string>), user: User | null = null): Promise<Sent> {
  let handedOver = false;
  try {
    const composed =
      typeof how === 'function' ? await how() : 'toAddress' in how ? 'sent only to an address' : await compose(deps, job, how.category, user);
    if (typeof composed === 'string') return { status: 'SKIPPED', subject: composed, messageId: null };
    const messageId = messageIdFor(job.key);
    try {
      await deps.mailer.send({ ...composed, messageId });
      handedOver = true;
    } catch (error) {
      if (!(error instanceof PermanentRecipientFailure)) throw error;
      return { status: 'BOUNCED', subject: composed.subject, messageId: null };
    }
    return { status: 'SENT', subject: composed.subject, messageId };
  } catch (error) {
    return { error, handedOver };
  }
}

type Composed = { to: string; subject: string; html: string; text: string; headers: Record<string, string>; attachments?: { filename: string; content: string; contentType: string }[] };

/** The rendered e-mail, or why it is not sent (a reason string). */
async function compose(deps: SendDeps, job: MailJob, category: MailCategory, user: User | null): Promise<Composed | string> {
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
  const html = renderEmail(prepared.element);
  // Every e-mail a member can switch off says how, in its footer: a template that forgot to pass it is a bug, never
  // an e-mail sent without its unsubscribe link.
  if (footer.unsubscribeUrl && !html.includes(`href="${footer.unsubscribeUrl}"`)) {
    throw new Error(`The ${job.template} e-mail has no unsubscribe link: pass footer={ctx.footer} to its Layout`);
  }
  const text = toPlainText(html);
  return { to: user.email, subject: prepared.subject, html, text, headers, ...(prepared.attachments ? { attachments: prepared.attachments } : {}) };
}

/** An e-mail to a bare address: no preferences to honour (see AddressMailTemplate), but never to one that bounced. */
async function composeToAddress(deps: SendDeps, job: MailJob, template: AnyTemplate, to: string): Promise<Composed | string> {
  if (!('toAddress' in template)) return 'sent only to members';
  const bounced = await deps.prisma.$queryRaw<unknown[]>`
    SELECT 1 FROM mail_log WHERE to_address = ${to} AND status = 'BOUNCED'
    UNION ALL SELECT 1 FROM users WHERE email = ${to} AND mail_bounced_at IS NOT NULL
    LIMIT 1`;
  if (bounced.length > 0) return 'address bounced';
  const footer: FooterLinks = {
    reason:
      'You are receiving this because someone on Rallypoint asked us to send it to this address. It is a single message, not a mailing list: if it is not for you, ignore it.',
  };
  const links = await linkSigner(deps.prisma);
  const prepared = await (template as AddressMailTemplate<unknown>).prepare({ db: deps.prisma, config: deps.config, links, footer, key: job.key, to }, job.params);
  if (!prepared) return 'no longer applies';
  const html = renderEmail(prepared.element);
  return { to, subject: prepared.subject, html, text: toPlainText(html), headers: { 'X-Rallypoint-Kind': job.template } };
}
