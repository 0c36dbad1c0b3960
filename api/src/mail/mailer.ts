import nodemailer, { type Transporter } from 'nodemailer';
import type { MailMessage } from './messages.ts';

export interface Mailer {
  send(message: MailMessage, messageId: string): Promise<void>;
  close(): void;
}

/**
 * nodemailer over SMTP (`SMTP_URL`, e.g. smtps://user:pass@smtp.example.org). Without one (development without a
 * catcher) messages are written to the log instead, so nothing is silently dropped.
 */
export function createMailer(smtpUrl: string | null, from: string, log: (line: string) => void = console.log): Mailer {
  // Pooled: a burst of messages reuses a few connections instead of opening one each.
  const transport: Transporter = smtpUrl
    ? nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 4 } as never)
    : nodemailer.createTransport({ streamTransport: true, newline: 'unix', buffer: true });
  return {
    async send(message, messageId) {
      const info = await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        // Stable per message: a retried send can be recognised as the same e-mail.
        messageId,
        headers: { 'X-Rallypoint-Kind': message.kind },
      });
      if (!smtpUrl) log(`E-mail (no SMTP_URL set, not sent) to ${message.to}: ${message.subject}\n${message.text}`);
      else if (info.rejected?.length) throw new Error(`SMTP server refused ${info.rejected.join(', ')}`);
    },
    close: () => transport.close(),
  };
}
