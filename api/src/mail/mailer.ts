import nodemailer, { type Transporter } from 'nodemailer';

/** A rendered e-mail, ready for SMTP. */
export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Stable per e-mail (derived from its job key): a resend after a crash can be recognised as the same message. */
  messageId: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; content: string; contentType: string }[];
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  /** While the mail server is paused after it could not be reached: why (thrown by a send, before composing it). */
  unreachable(): MailServerUnreachable | null;
  close(): void;
}

/** The mail server could not be reached (refused, timed out, dropped the connection, unknown host): try again later. */
export class MailServerUnreachable extends Error {
  constructor(readonly reason: string, readonly until: Date) {
    super(`the mail server could not be reached (${reason}); not tried again until ${until.toISOString()}`);
  }
}

/** Whether a send failed on reaching the server at all, as opposed to a reply from it. */
export function reachFailure(error: unknown): boolean {
  const e = error as { code?: unknown; command?: unknown } | null;
  return !!e && (e.command === 'CONN' || e.code === 'ECONNECTION' || e.code === 'ETIMEDOUT' || e.code === 'EDNS');
}

/**
 * After a send could not reach the mail server, sends fail at once for this long instead of each composing its
 * message and trying to connect: during an outage every queued e-mail's retries then cost a job claim, not a
 * render and a connection (each job still backs off on its own).
 */
export const UNREACHABLE_PAUSE_MS = 5_000;

/** The receiving server refused the address for good (5xx): retrying will not help. */
export class PermanentRecipientFailure extends Error {
  constructor(readonly address: string, readonly response: string) {
    super(`${address} refused: ${response}`);
  }
}

/**
 * Whether an SMTP error says this address does not take mail (a hard bounce), as opposed to a problem with our own
 * server, sender or message, which must never pause a member's mail:
 * - refused at RCPT TO with 5xx, unless the enhanced code is 5.7.x (policy: relaying denied, authentication needed —
 *   our configuration, not their address) or the reply is 530 (authentication required);
 * - refused after DATA with 5xx only when the enhanced code names the mailbox (5.1.x bad address, 5.2.1 disabled).
 * A 5xx at MAIL FROM (our sender refused), 4xx replies and network errors are not bounces: the job is retried.
 */
export function refusesRecipient(error: unknown): boolean {
  const e = error as { responseCode?: unknown; response?: unknown; command?: unknown } | null;
  if (!e || typeof e.responseCode !== 'number' || e.responseCode < 500 || e.responseCode > 599) return false;
  const response = typeof e.response === 'string' ? e.response : '';
  const enhanced = /^\d{3}[ -](\d\.\d{1,3}\.\d{1,3})\b/.exec(response)?.[1] ?? '';
  if (e.command === 'RCPT TO') return e.responseCode !== 530 && !enhanced.startsWith('5.7.');
  if (e.command === 'DATA') return /^5\.1\.\d+$/.test(enhanced) || enhanced === '5.2.1';
  return false;
}

/**
 * nodemailer over SMTP (`SMTP_URL`, e.g. smtps://user:pass@smtp.example.org). Without one (development without a
 * catcher) messages are written to the log instead, so nothing is silently dropped.
 */
export function createMailer(
  smtpUrl: string | null,
  from: string,
  {
    log = console.log,
    pauseMs = UNREACHABLE_PAUSE_MS,
    now = Date.now,
  }: { log?: (line: string) => void; pauseMs?: number; now?: () => number } = {},
): Mailer {
  let paused: MailServerUnreachable | null = null;
  // Pooled: a burst of messages reuses a few connections instead of opening one each.
  const transport: Transporter = smtpUrl
    ? nodemailer.createTransport({
        url: smtpUrl,
        pool: true,
        maxConnections: 5,
        maxMessages: Number.POSITIVE_INFINITY,
        // A mail server that stops answering must not hold the worker's slots (each holds a transaction) for minutes.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 60_000,
      } as never)
    : nodemailer.createTransport({ streamTransport: true, newline: 'unix', buffer: true });
  return {
    async send(mail) {
      try {
        // base64 for the text and HTML parts: encoded natively, where quoted-printable is a JavaScript loop over every
        // character of a long HTML body — most of what building a message costs.
        const info = await transport.sendMail({ from, textEncoding: 'base64', ...mail });
        paused = null;
        if (!smtpUrl) log(`E-mail (no SMTP_URL set, not sent) to ${mail.to}: ${mail.subject}\n${mail.text}`);
        else if (info.rejected?.length) throw new PermanentRecipientFailure(mail.to, String(info.response ?? 'rejected'));
      } catch (error) {
        if (reachFailure(error)) {
          paused = new MailServerUnreachable((error as Error).message, new Date(now() + pauseMs));
          throw paused;
        }
        if (refusesRecipient(error)) {
          const e = error as { responseCode: number; response?: string };
          throw new PermanentRecipientFailure(mail.to, e.response ?? String(e.responseCode));
        }
        throw error;
      }
    },
    unreachable: () => (paused && paused.until.getTime() > now() ? paused : null),
    close: () => transport.close(),
  };
}
