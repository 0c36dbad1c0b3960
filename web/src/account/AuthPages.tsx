import { sentence, signInSchema, signUpSchema } from '@rallypoint/shared';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from '../ui/router.tsx';
import { useResetSession } from '../client.tsx';
import { graphql } from '../generated/gql.ts';
import { FormWithSummary } from '../ui/ErrorSummary.tsx';
import { TextField } from '../ui/fields.tsx';
import { useForm } from '../ui/form.ts';
import { usePageTitle } from '../ui/hooks.ts';
import { useResultMutation } from '../ui/result.ts';
import { rememberNextAfterSignUp } from './after-sign-up.ts';
import { safeNext } from './next.ts';

const SIGN_UP_MUTATION = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      ... on MutationSignUpSuccess {
        data {
          email
          message
        }
      }
      ...ErrorFields
    }
  }
`);

const SIGN_IN_MUTATION = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      ... on MutationSignInSuccess {
        data {
          ...ViewerFields
        }
      }
      ...ErrorFields
    }
  }
`);

const SIGN_UP_FIELDS = { firstName: 'firstName', lastName: 'lastName', email: 'email', password: 'password', homePostcode: 'homePostcode' };
const SIGN_IN_FIELDS = { email: 'email', password: 'password' };

export function SignUpPage() {
  const [params] = useSearchParams();
  // The address the link went to, once the form is sent: the page then says "Check your inbox".
  const [sentTo, setSentTo] = useState<string | null>(null);
  // Back from "Check your inbox" to the form: focus the address, the likeliest thing to change.
  const [again, setAgain] = useState(0);
  useEffect(() => {
    if (again > 0) document.getElementById('email')?.focus();
  }, [again]);
  const [signUp] = useResultMutation(SIGN_UP_MUTATION);
  usePageTitle(sentTo ? 'Check your inbox' : 'Create an account');
  const form = useForm({
    initial: { firstName: '', lastName: '', email: '', password: '', homePostcode: '' },
    fields: SIGN_UP_FIELDS,
    validate: (v) => signUpSchema.safeParse({ ...v, homePostcode: v.homePostcode.trim() || null }),
    submit: (input) => signUp({ input }),
    onSuccess: ({ email }, { set }) => {
      // Not signed in yet: the e-mailed link confirms the address and signs in. Where they were going waits for it.
      rememberNextAfterSignUp(params.get('next'));
      set({ password: '' });
      setSentTo(email);
    },
  });

  const signInLink = `/signin${params.size > 0 ? `?${params}` : ''}`;
  if (sentTo) {
    const onAgain = () => {
      setSentTo(null);
      setAgain((n) => n + 1);
    };
    return <CheckYourInbox email={sentTo} signInPath={signInLink} onAgain={onAgain} />;
  }

  return (
    <div className="page page-narrow">
      <h1>Create an account</h1>
      <FormWithSummary form={form} submit="Create account" sending="Creating your account…">
        <TextField label="First name" autoComplete="given-name" {...form.bind('firstName')} />
        <TextField label="Last name" hint="Other members see only its first letter." autoComplete="family-name" {...form.bind('lastName')} />
        <TextField label="Email" type="email" autoComplete="email" spellCheck={false} hint="We will e-mail you a link to confirm it." {...form.bind('email')} />
        <TextField label="Password" type="password" autoComplete="new-password" hint="At least 10 characters." {...form.bind('password')} />
        <TextField
          label="Home postcode"
          optional
          hint="To show you events nearby. We keep only the area (like LS6), never your exact address."
          autoComplete="postal-code"
          autoCapitalize="characters"
          {...form.bind('homePostcode')}
        />
      </FormWithSummary>
      <p>
        Already have an account? <Link to={signInLink}>Sign in</Link>
      </p>
    </div>
  );
}

/**
 * After a sign-up: where the link went and what to do next. Says the same whether or not the address is a member's,
 * so it promises nothing about the password just chosen (it is not the password of an account the address had).
 */
function CheckYourInbox({ email, signInPath, onAgain }: { email: string; signInPath: string; onAgain: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="page page-narrow">
      <div className="notice" role="status" aria-labelledby="check-inbox-heading">
        <h1 id="check-inbox-heading" tabIndex={-1} ref={heading}>
          Check your inbox
        </h1>
        <p>
          We have sent an e-mail to <strong>{email}</strong>. To confirm your address and sign in, open the link in it
          and enter the password you chose.
        </p>
        <p>The link works once, for 24 hours. Until you confirm, you can sign in, RSVP and ask for lifts, but not publish events or offer lifts.</p>
        <p>
          If that address already had an account, the password you chose has not changed it: the e-mail says what to
          do.
        </p>
        <p>Nothing there after a few minutes? Check your spam or junk folder.</p>
        <p>Wrong address, or no e-mail? Signing up again sends a new link.</p>
      </div>
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={onAgain}>
          Sign up again
        </button>
      </div>
      <p>
        Already have an account? <Link to={signInPath}>Sign in</Link>, or{' '}
        <Link to="/forgot-password">choose a new password</Link> if you have forgotten it.
      </p>
    </div>
  );
}

export function SignInPage() {
  usePageTitle('Sign in');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'), '/');
  const [signIn] = useResultMutation(SIGN_IN_MUTATION);
  const resetSession = useResetSession();
  const navigate = useNavigate();
  const form = useForm({
    initial: { email: '', password: '' },
    fields: SIGN_IN_FIELDS,
    validate: (v) => signInSchema.safeParse(v),
    submit: (input) => signIn({ input }),
    onSuccess: (viewer) => {
      resetSession();
      navigate(next, { state: { flash: sentence(`Signed in as ${viewer.displayName}`) } });
    },
  });

  return (
    <div className="page page-narrow">
      <h1>Sign in</h1>
      <FormWithSummary form={form} submit="Sign in" sending="Signing in…">
        <TextField label="Email" type="email" autoComplete="email" spellCheck={false} {...form.bind('email')} />
        <TextField label="Password" type="password" autoComplete="current-password" {...form.bind('password')} />
      </FormWithSummary>
      <p>
        <Link to={`/forgot-password${params.size > 0 ? `?${params}` : ''}`}>Forgot password?</Link>
      </p>
      <p>
        New to Rallypoint? <Link to={`/signup${params.size > 0 ? `?${params}` : ''}`}>Create an account</Link>
      </p>
    </div>
  );
}
