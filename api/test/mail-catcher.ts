import { type FSWatcher, mkdirSync, readdirSync, readFileSync, renameSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server for the tests: every message it receives is written to `dir`, one file per recipient, named
 * after the recipient so any process can find what was sent to an address.
 */
export async function startMailCatcher(
  dir: string,
  port = 0,
  options: { /** A reply code (4xx: try later) to refuse this address with for now, or null to take it. */ refuse?: (address: string) => number | null } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    // Stopping drops open connections at once, as a crashed mail server would.
    closeTimeout: 50,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // A recipient whose local part starts with `bounce-` has no mailbox: refused at RCPT with 550, as a real
    // server refuses an unknown address (a hard bounce). Nothing is written for it.
    onRcptTo(address, _session, callback) {
      const code = options.refuse?.(address.address);
      if (code) return callback(Object.assign(new Error('4.2.0 Try again later'), { responseCode: code }));
      if (BOUNCES.test(address.address)) {
        const refused = new Error('5.1.1 No such mailbox here') as Error & { responseCode: number };
        refused.responseCode = 550;
        return callback(refused);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        for (const rcpt of session.envelope.rcptTo) {
          n += 1;
          // Written aside and renamed, so a reader never sees half a message.
          // Time first, so a restarted catcher writing to the same folder never reuses a name.
          const name = `${fileKey(rcpt.address)}--${String(Date.now()).padStart(14, '0')}-${String(n).padStart(6, '0')}.eml`;
          writeFileSync(path.join(dir, `.${name}.part`), raw);
          renameSync(path.join(dir, `.${name}.part`), path.join(dir, name));
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${bound}`, close: () => new Promise((r) => server.close(() => r())) };
}

/** Addresses the catcher refuses with 550 (see onRcptTo): any whose local part starts with `bounce-`. */
export const BOUNCES = /^bounce-[^@]*@/i;

const fileKey = (address: string) => encodeURIComponent(address.trim().toLowerCase());

export const mailDir = (): string => {
  const dir = process.env.RALLYPOINT_TEST_MAIL_DIR;
  if (!dir) throw new Error('No mail catcher: RALLYPOINT_TEST_MAIL_DIR is not set (see test/global-setup.ts)');
  return dir;
};

/** Every message sent to `address` so far, oldest first. */
export async function mailTo(address: string, dir = mailDir()): Promise<ParsedMail[]> {
  const prefix = `${fileKey(address)}--`;
  const files = readdirSync(dir).filter((f) => f.startsWith(prefix)).sort();
  return Promise.all(files.map((f) => simpleParser(readFileSync(path.join(dir, f)))));
}

// One watcher per folder wakes every waiter when a message lands (a slow poll backs it up).
const wakers = new Map<string, { watcher: FSWatcher; waiting: Set<() => void> }>();

function onNewMail(dir: string, wake: () => void): () => void {
  let entry = wakers.get(dir);
  if (!entry) {
    const waiting = new Set<() => void>();
    const watcher = watch(dir, () => {
      for (const w of waiting) w();
    });
    watcher.unref();
    entry = { watcher, waiting };
    wakers.set(dir, entry);
  }
  entry.waiting.add(wake);
  return () => entry.waiting.delete(wake);
}

/** Waits until `address` has received a message (matching `test`, if given) and returns the latest such. */
export async function waitForMail(
  address: string,
  options: { test?: (m: ParsedMail) => boolean; timeoutMs?: number; dir?: string } = {},
): Promise<ParsedMail> {
  const dir = options.dir ?? mailDir();
  // Generous: a busy machine delays the queue, and the wait ends as soon as the e-mail is there.
  const timeoutMs = options.timeoutMs ?? 90_000;
  const until = Date.now() + timeoutMs;
  let wake: () => void = () => {};
  const stop = onNewMail(dir, () => wake());
  try {
    for (;;) {
      const found = (await mailTo(address, dir)).filter(options.test ?? (() => true));
      if (found.length > 0) return found.at(-1)!;
      if (Date.now() > until) throw new Error(`No e-mail to ${address} arrived within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 250);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    stop();
  }
}

/** The sign-up confirmation token in a confirmation e-mail. */
export function confirmationToken(mail: ParsedMail): string {
  const token = /\/signup\/confirm\?token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
  if (!token) throw new Error(`No confirmation link in: ${mail.subject}\n${mail.text}`);
  return token;
}
