import { signInSchema, signUpSchema, toFieldErrors } from '@rallypoint/shared';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useResetSession } from '../client.tsx';
import { graphql } from '../generated/gql.ts';
import { type FieldErrorMap, fieldErrorMap } from '../ui/errors.ts';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { TextField } from '../ui/fields.tsx';
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
  const [values, setValues] = useState({ firstName: '', lastName: '', email: '', password: '', homePostcode: '' });
  const [errors, setErrors] = useState<FieldErrorMap>({});
  const [attempt, setAttempt] = useState(0);
  // The address the link went to, once the form is sent: the page then says "Check your inbox".
  const [sentTo, setSentTo] = useState<string | null>(null);
  // Back from "Check your inbox" to the form: focus the address, the likeliest thing to change.
  const [again, setAgain] = useState(0);
  useEffect(() => {
    if (again > 0) document.getElementById('email')?.focus();
  }, [again]);
  const [signUp, fetching] = useResultMutation(SIGN_UP_MUTATION);
  usePageTitle(sentTo ? 'Check your inbox' : 'Create an account');
  const set = (field: keyof typeof values) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: e.target.value }));
    setErrors(({ [field]: _, ...rest }) => rest);
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setAttempt((a) => a + 1);
    const parsed = signUpSchema.safeParse({ ...values, homePostcode: values.homePostcode.trim() || null });
    if (!parsed.success) {
      setErrors(fieldErrorMap(toFieldErrors(parsed.error), Object.keys(SIGN_UP_FIELDS)));
      return;
    }
    const out = await signUp({ input: { ...parsed.data, homePostcode: parsed.data.homePostcode ?? null } });
    if (!out.ok) {
      const map = fieldErrorMap(out.fieldErrors, Object.keys(SIGN_UP_FIELDS));
      setErrors(Object.keys(map).length > 0 ? map : { _form: out.message });
      return;
    }
    // Not signed in yet: the account exists once the e-mailed link is opened. Where they were going waits for it.
    rememberNextAfterSignUp(params.get('next'));
    setErrors({});
    setValues((v) => ({ ...v, password: '' }));
    setSentTo(out.data.email);
  };

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
      <ErrorSummary errors={errors} fieldIds={SIGN_UP_FIELDS} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate className="form">
        <TextField id="firstName" label="First name" autoComplete="given-name" value={values.firstName} onChange={set('firstName')} error={errors.firstName} />
        <TextField id="lastName" label="Last name" hint="Other members see only its first letter." autoComplete="family-name" value={values.lastName} onChange={set('lastName')} error={errors.lastName} />
        <TextField id="email" label="Email" type="email" autoComplete="email" spellCheck={false} hint="We will e-mail you a link to confirm it." value={values.email} onChange={set('email')} error={errors.email} />
        <TextField id="password" label="Password" type="password" autoComplete="new-password" hint="At least 10 characters." value={values.password} onChange={set('password')} error={errors.password} />
        <TextField
          id="homePostcode"
          label="Home postcode"
          optional
          hint="To show you events nearby. We keep only the area (like LS6), never your exact address."
          autoComplete="postal-code"
          autoCapitalize="characters"
          value={values.homePostcode}
          onChange={set('homePostcode')}
          error={errors.homePostcode}
        />
        <button type="submit" className="button" disabled={fetching}>
          {fetching ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p>
        Already have an account? <Link to={signInLink}>Sign in</Link>
      </p>
    </div>
  );
}

/** After a sign-up: where the link went and what to do next. Says the same whether or not the address is a member's. */
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
          We have sent an e-mail to <strong>{email}</strong>. Open the link in it to finish creating your account.
        </p>
        <p>The link works once, for 24 hours.</p>
        <p>Nothing there after a few minutes? Check your spam or junk folder.</p>
        <p>Wrong address, or no e-mail? Signing up again sends a new link.</p>
      </div>
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={onAgain}>
          Sign up again
        </button>
      </div>
      <p>
        Already confirmed? <Link to={signInPath}>Sign in</Link>
      </p>
    </div>
  );
}

export function SignInPage() {
  usePageTitle('Sign in');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'), '/');
  const [values, setValues] = useState({ email: '', password: '' });
  const [errors, setErrors] = useState<FieldErrorMap>({});
  const [attempt, setAttempt] = useState(0);
  const [signIn, fetching] = useResultMutation(SIGN_IN_MUTATION);
  const resetSession = useResetSession();
  const navigate = useNavigate();
  const set = (field: keyof typeof values) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: e.target.value }));
    setErrors(({ [field]: _, ...rest }) => rest);
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setAttempt((a) => a + 1);
    const parsed = signInSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(fieldErrorMap(toFieldErrors(parsed.error), Object.keys(SIGN_IN_FIELDS)));
      return;
    }
    const out = await signIn({ input: parsed.data });
    if (!out.ok) {
      const map = fieldErrorMap(out.fieldErrors, Object.keys(SIGN_IN_FIELDS));
      setErrors(Object.keys(map).length > 0 ? map : { _form: out.message });
      return;
    }
    setErrors({});
    resetSession();
    navigate(next, { state: { flash: `Signed in as ${out.data.displayName}.` } });
  };

  return (
    <div className="page page-narrow">
      <h1>Sign in</h1>
      <ErrorSummary errors={errors} fieldIds={SIGN_IN_FIELDS} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate className="form">
        <TextField id="email" label="Email" type="email" autoComplete="email" spellCheck={false} value={values.email} onChange={set('email')} error={errors.email} />
        <TextField id="password" label="Password" type="password" autoComplete="current-password" value={values.password} onChange={set('password')} error={errors.password} />
        <button type="submit" className="button" disabled={fetching}>
          {fetching ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        New to Rallypoint? <Link to={`/signup${params.size > 0 ? `?${params}` : ''}`}>Create an account</Link>
      </p>
    </div>
  );
}
