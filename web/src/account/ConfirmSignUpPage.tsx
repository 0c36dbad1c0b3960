import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from '../ui/router.tsx';
import { useMutation } from 'urql';
import { useResetSession } from '../client.tsx';
import { graphql } from '../generated/gql.ts';
import { FormWithSummary } from '../ui/ErrorSummary.tsx';
import { TextField } from '../ui/fields.tsx';
import { useForm } from '../ui/form.ts';
import { usePageTitle } from '../ui/hooks.ts';
import { type Outcome, useResultMutation } from '../ui/result.ts';
import { takeNextAfterSignUp } from './after-sign-up.ts';
import { SIGN_OUT_MUTATION, useViewer } from './viewer.ts';

/**
 * The e-mailed link was opened: with the password chosen at sign-up (not needed when signed in to that account), it
 * confirms the address, signs out every other session and signs this browser in (sets the session cookie).
 */
const CONFIRM_SIGN_UP_MUTATION = graphql(`
  mutation ConfirmSignUp($token: String!, $password: String) {
    confirmSignUp(token: $token, password: $password) {
      ... on MutationConfirmSignUpSuccess {
        data {
          ...ViewerFields
        }
      }
      ...ErrorFields
    }
  }
`);

/** What a missing or refused password says on its field (the way on without it is a link beside the field). */
const PASSWORD_NEEDED = 'Enter the password you chose when you signed up.';

/**
 * Where the e-mailed sign-up link lands. Nothing happens until the button is pressed: mail scanners open links to
 * check them, and must not use up the link (or sign anyone in). The link alone proves only the inbox: whoever made
 * the account (perhaps someone else, with this address) knows its password, so confirming asks for it; without it,
 * choosing a new password confirms the address and signs everyone else out.
 */
export function ConfirmSignUpPage() {
  usePageTitle('Confirm your address');
  const [params] = useSearchParams();
  const token = params.get('token')?.trim() ?? '';
  // The link itself is spent (used, expired or superseded by a newer one): pressing again cannot help.
  const [linkProblem, setLinkProblem] = useState<string | null>(null);
  const [confirmSignUp] = useResultMutation(CONFIRM_SIGN_UP_MUTATION);
  const { viewer, loading } = useViewer();
  const [, signOut] = useMutation(SIGN_OUT_MUTATION);
  const resetSession = useResetSession();
  const navigate = useNavigate();
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (linkProblem) alertRef.current?.focus();
  }, [linkProblem]);

  const submit = async (password: string | null): Promise<Outcome<unknown>> => {
    const out = await confirmSignUp({ token, password });
    if (!out.ok) {
      const tokenError = out.fieldErrors.find((e) => e.path.includes('token'));
      if (tokenError) setLinkProblem(tokenError.message);
      const passwordError = out.fieldErrors.some((e) => e.path.includes('password'));
      return passwordError ? { ...out, fieldErrors: [{ path: ['password'], message: PASSWORD_NEEDED }] } : out;
    }
    // Signed in now (the answer set the session cookie), everywhere else signed out: drop everything cached.
    resetSession();
    navigate(takeNextAfterSignUp('/'), {
      replace: true,
      state: { flash: `Welcome to Rallypoint, ${out.data.firstName}. Your address is confirmed: you can publish events and offer lifts.` },
    });
    return out;
  };

  const form = useForm({
    initial: { password: '' },
    fields: { password: 'password' },
    // Signed in, the session is the proof; otherwise the password is.
    validate: (v) =>
      viewer || v.password.length > 0
        ? { success: true as const, data: viewer ? null : v.password }
        : { success: false as const, fieldErrors: [{ path: ['password'], message: PASSWORD_NEEDED }] },
    submit,
  });

  const onSignOut = async () => {
    await signOut({});
    resetSession();
  };

  if (!token || linkProblem) {
    return (
      <div className="page page-narrow">
        <h1>Confirm your address</h1>
        <div className="notice notice-problem" role="alert" aria-labelledby="confirm-problem-heading" tabIndex={-1} ref={alertRef}>
          <h2 id="confirm-problem-heading">{token ? 'This link did not work' : 'This link is incomplete'}</h2>
          <p>
            {linkProblem ??
              'It has no confirmation code. Open the link in the e-mail we sent you again; if your e-mail program split it over two lines, copy the whole address into your browser.'}
          </p>
          {token ? (
            <p>
              <Link to="/signin">Sign in</Link> and use “Send the link again” on My plans, or{' '}
              <Link to="/signup">sign up again</Link>.
            </p>
          ) : (
            <p>
              <Link to="/signin">Sign in</Link> and ask for a new link, or <Link to="/signup">sign up again</Link>.
            </p>
          )}
        </div>
      </div>
    );
  }

  return (
    <div className="page page-narrow">
      <h1>Confirm your address</h1>
      {loading ? (
        <p>Loading…</p>
      ) : (
        <>
          <p>
            One last step: confirm this is your e-mail address. You will be signed in, and can publish events and
            offer lifts.
          </p>
          {viewer && (
            <p>
              You are signed in as <strong>{viewer.email}</strong>, so no password is needed. Is this link for another
              account?{' '}
              <button type="button" className="link-button" onClick={onSignOut}>
                Sign out
              </button>{' '}
              first.
            </p>
          )}
          <FormWithSummary form={form} submit="Confirm my address" sending="Confirming…">
            {!viewer && (
              <TextField
                label="Your password"
                type="password"
                autoComplete="current-password"
                hint="The one you chose when you signed up. Confirming signs out anyone else signed in to this account."
                {...form.bind('password')}
              />
            )}
          </FormWithSummary>
          {!viewer && (
            <p>
              Not your account, or forgotten the password? <Link to="/forgot-password">Forgot password?</Link> Choosing
              a new password confirms your address and signs out everyone else.
            </p>
          )}
        </>
      )}
    </div>
  );
}
