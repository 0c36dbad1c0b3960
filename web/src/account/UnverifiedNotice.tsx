import { useId, useState } from 'react';
import { graphql } from '../generated/gql.ts';
import { useResultMutation } from '../ui/result.ts';
import { useViewer } from './viewer.ts';

/** E-mails the signed-in, unconfirmed member a new link to confirm their address. */
const RESEND_VERIFICATION_MUTATION = graphql(`
  mutation ResendVerification {
    resendVerification {
      ... on MutationResendVerificationSuccess {
        data
      }
      ...ErrorFields
    }
  }
`);

const HEADING = 'Confirm your e-mail address';

/**
 * For a signed-in member who has not confirmed their address yet: what waits for the confirmation (`what`, e.g.
 * "publish events"), and a button that e-mails the link again. Shows nothing for anyone else.
 */
export function UnverifiedNotice({ what = 'publish events or offer lifts', level = 2 }: { what?: string; level?: 2 | 3 }) {
  const { viewer } = useViewer();
  const headingId = useId();
  const [resend, sending] = useResultMutation(RESEND_VERIFICATION_MUTATION);
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!viewer || viewer.emailVerified) return null;

  const onResend = async () => {
    setError(null);
    const out = await resend({});
    if (out.ok) setSent(`We have sent a new link to ${viewer.email}. It works once, for 24 hours.`);
    else setError(out.message);
  };

  return (
    <section className="notice" aria-labelledby={headingId}>
      {level === 2 ? <h2 id={headingId}>{HEADING}</h2> : <h3 id={headingId}>{HEADING}</h3>}
      <p>
        To {what}, confirm your address first: open the link we e-mailed to <strong>{viewer.email}</strong>. Until
        then you can still RSVP and ask for lifts.
      </p>
      <p>Nothing there? Check your spam or junk folder, or get a new link.</p>
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={onResend} disabled={sending}>
          {sending ? 'Sending…' : 'Send the link again'}
        </button>
      </div>
      <p role="status">{sent}</p>
      {error && (
        <p className="error-message" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
