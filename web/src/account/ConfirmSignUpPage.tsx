import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useResetSession } from '../client.tsx';
import { graphql } from '../generated/gql.ts';
import { usePageTitle } from '../ui/hooks.ts';
import { useResultMutation } from '../ui/result.ts';
import { takeNextAfterSignUp } from './after-sign-up.ts';

/** The e-mailed link was opened and confirmed: confirms the address and signs in (sets the session cookie). */
const CONFIRM_SIGN_UP_MUTATION = graphql(`
  mutation ConfirmSignUp($token: String!) {
    confirmSignUp(token: $token) {
      ... on MutationConfirmSignUpSuccess {
        data {
          ...ViewerFields
        }
      }
      ...ErrorFields
    }
  }
`);

interface Problem {
  message: string;
  /** The link itself is spent (used, expired or superseded by a newer one): pressing again cannot help. */
  final: boolean;
}

/**
 * Where the e-mailed sign-up link lands. Nothing happens until the button is pressed: mail scanners open links to
 * check them, and must not use up the link (or sign anyone in).
 */
export function ConfirmSignUpPage() {
  usePageTitle('Confirm your address');
  const [params] = useSearchParams();
  const token = params.get('token')?.trim() ?? '';
  const [problem, setProblem] = useState<Problem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [confirmSignUp, fetching] = useResultMutation(CONFIRM_SIGN_UP_MUTATION);
  const resetSession = useResetSession();
  const navigate = useNavigate();
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (attempt > 0 && problem) alertRef.current?.focus();
  }, [attempt, problem]);

  const onConfirm = async () => {
    setAttempt((a) => a + 1);
    const out = await confirmSignUp({ token });
    if (!out.ok) {
      setProblem({ message: out.fieldErrors[0]?.message ?? out.message, final: out.fieldErrors.length > 0 });
      return;
    }
    setProblem(null);
    // Signed in now (the answer set the session cookie): drop everything cached while signed out.
    resetSession();
    navigate(takeNextAfterSignUp('/'), {
      replace: true,
      state: { flash: `Welcome to Rallypoint, ${out.data.firstName}. Your address is confirmed: you can publish events and offer lifts.` },
    });
  };

  if (!token) {
    return (
      <div className="page page-narrow">
        <h1>Confirm your address</h1>
        <div className="notice notice-problem">
          <h2>This link is incomplete</h2>
          <p>
            It has no confirmation code. Open the link in the e-mail we sent you again; if your e-mail program split it
            over two lines, copy the whole address into your browser.
          </p>
          <p>
            <Link to="/signin">Sign in</Link> and ask for a new link, or <Link to="/signup">sign up again</Link>.
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="page page-narrow">
      <h1>Confirm your address</h1>
      {problem && (
        <div className="notice notice-problem" role="alert" aria-labelledby="confirm-problem-heading" tabIndex={-1} ref={alertRef}>
          <h2 id="confirm-problem-heading">This link did not work</h2>
          <p>{problem.message}</p>
          <p>
            <Link to="/signin">Sign in</Link> and use “Send the link again” on My plans, or{' '}
            <Link to="/signup">sign up again</Link>.
          </p>
        </div>
      )}
      {!problem?.final && (
        <>
          <p>
            One last step: confirm this is your e-mail address. You will be signed in, and can publish events and
            offer lifts.
          </p>
          <div className="button-row">
            <button type="button" className="button" onClick={onConfirm} disabled={fetching}>
              {fetching ? 'Confirming…' : 'Confirm my address'}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
