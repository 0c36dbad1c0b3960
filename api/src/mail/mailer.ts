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
  close(): void;
}

/** The receiving server refused the address for good (5xx): retrying will not help. */
export class PermanentRecipientFailure extends Error {
  constructor(readonly address: string, readonly response: string) {
    super(`${address} refused: ${response}`);
  }
}

/**
 * nodemailer over SMTP (`SMTP_URL`, e.g. smtps://user:pass@smtp.example.org). Without one (development without a
 * catcher) messages are written to the log instead, so nothing is silently dropped.
 */
export function createMailer(smtpUrl: string | null, from: string, log: (line: string) => void = console.log): Mailer {
  // Pooled: a burst of messages reuses a few connections instead of opening one each.
  const transport: Transporter = smtpUrl
    ? nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 5, maxMessages: Number.POSITIVE_INFINITY } as never)
    : nodemailer.createTransport({ streamTransport: true, newline: 'unix', buffer: true });
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail({ from, ...mail });
        if (!smtpUrl) log(`E-mail (no SMTP_URL set, not sent) to ${mail.to}: ${mail.subject}\n${mail.text}`);
        else if (info.rejected?.length) throw new PermanentRecipientFailure(mail.to, String(info.response ?? 'rejected'));
      } catch (error) {
        const e = error as { responseCode?: number; response?: string; code?: string };
        // Refused at RCPT or DATA with a 5xx reply: the address does not take mail. 4xx and network errors are retried.
        if (e.responseCode && e.responseCode >= 500 && (e.code === 'EENVELOPE' || e.code === 'EMESSAGE')) {
          throw new PermanentRecipientFailure(mail.to, e.response ?? String(e.responseCode));
        }
        throw error;
      }
    },
    close: () => transport.close(),
  };
}
