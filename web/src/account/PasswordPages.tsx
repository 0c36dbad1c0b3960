import { passwordResetRequestSchema, passwordResetSchema } from '@rallypoint/shared';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from '../ui/router.tsx';
import { useResetSession } from '../client.tsx';
import { graphql } from '../generated/gql.ts';
import { FormWithSummary } from '../ui/ErrorSummary.tsx';
import { TextField } from '../ui/fields.tsx';
import { useForm } from '../ui/form.ts';
import { usePageTitle } from '../ui/hooks.ts';
import type { Outcome } from '../ui/result.ts';
import { useResultMutation } from '../ui/result.ts';
import { rememberNextAfterSignUp, takeNextAfterSignUp } from './after-sign-up.ts';

/** Sends a reset link if the address has an account; the answer is the same either way. */
const REQUEST_PASSWORD_RESET_MUTATION = graphql(`
  mutation RequestPasswordReset($input: PasswordResetRequestInput!) {
    requestPasswordReset(input: $input) {
      ... on MutationRequestPasswordResetSuccess {
        data {
          message
        }
      }
      ...ErrorFields
    }
  }
`);

/** Sets the new password from the e-mailed link: every other session ends, and this browser is signed in. */
const RESET_PASSWORD_MUTATION = graphql(`
  mutation ResetPassword($input: PasswordResetInput!) {
    resetPassword(input: $input) {
      ... on MutationResetPasswordSuccess {
        data {
          ...ViewerFields
        }
      }
      ...ErrorFields
    }
  }
`);

/** Focuses a heading or message when it appears (or changes), so a screen reader starts there. */
function useFocusOn<T extends HTMLElement>(key: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  return ref;
}

export function ForgotPasswordPage() {
  const [params] = useSearchParams();
  const [sent, setSent] = useState<{ email: string; message: string } | null>(null);
  const [requestReset] = useResultMutation(REQUEST_PASSWORD_RESET_MUTATION);
  usePageTitle(sent ? 'Check your inbox' : 'Forgotten your password?');
  const heading = useFocusOn<HTMLHeadingElement>(sent);
  const form = useForm({
    initial: { email: '' },
    fields: { email: 'email' },
    validate: (v) => passwordResetRequestSchema.safeParse(v),
    submit: (input) => requestReset({ input }),
    onSuccess: ({ message }, { set }) => {
      // Where they were going waits in this browser for the e-mailed link.
      rememberNextAfterSignUp(params.get('next'));
      setSent({ email: form.values.email.trim(), message });
      set({ email: '' });
    },
  });
  const signIn = `/signin${params.size > 0 ? `?${params}` : ''}`;

  if (sent) {
    return (
      <div className="page page-narrow">
        <div className="notice" role="status" aria-labelledby="reset-sent-heading">
          <h1 id="reset-sent-heading" tabIndex={-1} ref={heading}>
            Check your inbox
          </h1>
          <p>{sent.message}</p>
          <p>
            We sent it to <strong>{sent.email}</strong>, if that address has an account. Nothing there after a few
            minutes? Check your spam or junk folder.
          </p>
        </div>
        <div className="button-row">
          <button type="button" className="button button-secondary" onClick={() => setSent(null)}>
            Use another address
          </button>
        </div>
        <p>
          Remembered it? <Link to={signIn}>Sign in</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="page page-narrow">
      <h1>Forgotten your password?</h1>
      <p>Enter the e-mail address of your account and we will send you a link to choose a new one.</p>
      <FormWithSummary form={form} submit="Send me a link" sending="Sending…">
        <TextField label="Email" type="email" autoComplete="email" spellCheck={false} {...form.bind('email')} />
      </FormWithSummary>
      <p>
        Remembered it? <Link to={signIn}>Sign in</Link>
      </p>
    </div>
  );
}

const RESET_FIELDS = { password: 'password', confirm: 'confirm-password' };

export function ResetPasswordPage() {
  usePageTitle('Choose a new password');
  const [params] = useSearchParams();
  const token = params.get('token')?.trim() ?? '';
  // The link itself did not work (unknown, used or expired): a new one is the only way on.
  const [linkProblem, setLinkProblem] = useState<string | null>(null);
  const problemRef = useFocusOn<HTMLDivElement>(linkProblem);
  const [resetPassword] = useResultMutation(RESET_PASSWORD_MUTATION);
  const resetSession = useResetSession();
  const navigate = useNavigate();

  const submit = async (password: string): Promise<Outcome<unknown>> => {
    const out = await resetPassword({ input: { token, password } });
    if (!out.ok) {
      // The link, not the password: the form gives way to what to do instead.
      const tokenError = out.fieldErrors.find((e) => e.path.includes('token'));
      if (tokenError) setLinkProblem(tokenError.message);
      return out;
    }
    // Signed in now (the answer set the session cookie), everywhere else signed out: start afresh.
    resetSession();
    navigate(takeNextAfterSignUp('/plans'), {
      replace: true,
      state: { flash: 'Your new password is set and you are signed in. Everywhere else you were signed in has been signed out.' },
    });
    return out;
  };

  const form = useForm({
    initial: { password: '', confirm: '' },
    fields: RESET_FIELDS,
    validate: (v) => {
      const checked = passwordResetSchema.shape.password.safeParse(v.password);
      if (!checked.success) return { success: false, fieldErrors: checked.error.issues.map((i) => ({ path: ['password'], message: i.message })) };
      if (v.confirm !== v.password) return { success: false, fieldErrors: [{ path: ['confirm'], message: 'The two passwords do not match' }] };
      return { success: true, data: v.password };
    },
    submit,
  });

  if (!token || linkProblem) {
    return (
      <div className="page page-narrow">
        <h1>Choose a new password</h1>
        <div className="notice notice-problem" role="alert" aria-labelledby="reset-problem-heading" tabIndex={-1} ref={problemRef}>
          <h2 id="reset-problem-heading">{token ? 'This link did not work' : 'This link is incomplete'}</h2>
          <p>
            {linkProblem ??
              'It has no reset code. Open the link in the e-mail we sent you again; if your e-mail program split it over two lines, copy the whole address into your browser.'}
          </p>
          <p>
            <Link to="/forgot-password">Ask for a new link</Link> or <Link to="/signin">sign in</Link>.
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="page page-narrow">
      <h1>Choose a new password</h1>
      <p>Choosing a new password signs you out everywhere else you are signed in, and signs you in here.</p>
      <FormWithSummary form={form} submit="Set my new password" sending="Setting your new password…">
        <TextField label="New password" type="password" autoComplete="new-password" hint="At least 10 characters." {...form.bind('password')} />
        <TextField label="New password again" type="password" autoComplete="new-password" {...form.bind('confirm')} />
      </FormWithSummary>
    </div>
  );
}
