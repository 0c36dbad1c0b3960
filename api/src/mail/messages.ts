/** An e-mail as the job queue carries it: rendered when the change commits, sent by a worker. */
export interface MailMessage {
  /** What kind of message, for logs and tests. */
  kind: 'sign-up-confirm' | 'sign-up-existing';
  to: string;
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A plain, accessible HTML body: one column, real text, the action as a link that reads well on its own. */
function html(title: string, paragraphs: string[], action: { label: string; href: string } | null, footer: string): string {
  const p = (t: string) => `<p style="margin:0 0 16px;font:16px/1.5 system-ui,sans-serif;color:#1b1b1b">${t}</p>`;
  const button = action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(action.href)}" style="display:inline-block;padding:12px 20px;background:#b3002d;color:#fff;font:bold 16px system-ui,sans-serif;text-decoration:none;border-radius:4px">${escapeHtml(action.label)}</a></p>` +
      p(`Or copy this address into your browser: <span style="word-break:break-all">${escapeHtml(action.href)}</span>`)
    : '';
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px;background:#fff"><main style="max-width:560px">
<h1 style="font:bold 22px system-ui,sans-serif;color:#1b1b1b">${escapeHtml(title)}</h1>
${paragraphs.map((t) => p(escapeHtml(t))).join('\n')}
${button}
<p style="margin:32px 0 0;font:13px/1.5 system-ui,sans-serif;color:#555">${escapeHtml(footer)}</p>
</main></body></html>`;
}

const FOOTER = 'Rallypoint — events near you, lifts to marginal seats.';

export function confirmSignUpMail(args: { to: string; firstName: string; link: string; validHours: number }): MailMessage {
  const title = 'Confirm your Rallypoint account';
  const intro = [
    `Hello ${args.firstName},`,
    'Thank you for signing up to Rallypoint. To finish creating your account, confirm that this is your address.',
  ];
  const after = `The link works once and for ${args.validHours} hours. If you did not sign up, ignore this e-mail: no account is created.`;
  return {
    kind: 'sign-up-confirm',
    to: args.to,
    subject: title,
    text: `${intro.join('\n\n')}\n\nConfirm your account: ${args.link}\n\n${after}\n\n-- \n${FOOTER}\n`,
    html: html(title, intro, { label: 'Confirm my account', href: args.link }, `${after} ${FOOTER}`),
  };
}

export function existingAccountMail(args: { to: string; firstName: string; signInLink: string }): MailMessage {
  const title = 'Someone tried to sign up with your address';
  const body = [
    `Hello ${args.firstName},`,
    'Someone just tried to create a Rallypoint account with this e-mail address, which already has an account.',
    'If it was you, you do not need a new account: sign in instead.',
    'If it was not you, you can ignore this e-mail. Nothing has changed in your account.',
  ];
  return {
    kind: 'sign-up-existing',
    to: args.to,
    subject: title,
    text: `${body.join('\n\n')}\n\nSign in: ${args.signInLink}\n\n-- \n${FOOTER}\n`,
    html: html(title, body, { label: 'Sign in', href: args.signInLink }, FOOTER),
  };
}
