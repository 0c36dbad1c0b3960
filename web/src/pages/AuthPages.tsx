import { signInSchema, signUpSchema, toFieldErrors } from '@rallypoint/shared';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { useResetSession } from '../client.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { TextField } from '../components/fields.tsx';
import { SIGN_IN_MUTATION, SIGN_UP_MUTATION } from '../graphql.ts';
import { type FieldErrorMap, fieldErrorMap, outcome } from '../lib/errors.ts';
import { usePageTitle } from '../lib/hooks.ts';
import { safeNext } from '../lib/next.ts';

const SIGN_UP_FIELDS = { firstName: 'firstName', lastName: 'lastName', email: 'email', password: 'password', homePostcode: 'homePostcode' };
const SIGN_IN_FIELDS = { email: 'email', password: 'password' };

export function SignUpPage() {
  usePageTitle('Create an account');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'), '/');
  const [values, setValues] = useState({ firstName: '', lastName: '', email: '', password: '', homePostcode: '' });
  const [errors, setErrors] = useState<FieldErrorMap>({});
  const [attempt, setAttempt] = useState(0);
  const [{ fetching }, signUp] = useMutation(SIGN_UP_MUTATION);
  const resetSession = useResetSession();
  const navigate = useNavigate();
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
    const result = await signUp({ input: { ...parsed.data, homePostcode: parsed.data.homePostcode ?? null } });
    const out = outcome(result.data?.signUp, result.error);
    if (!out.ok) {
      const map = fieldErrorMap(out.fieldErrors, Object.keys(SIGN_UP_FIELDS));
      setErrors(Object.keys(map).length > 0 ? map : { _form: out.message });
      return;
    }
    setErrors({});
    resetSession();
    navigate(next, { state: { flash: `Welcome to Rallypoint, ${out.data.firstName}.` } });
  };

  return (
    <div className="page page-narrow">
      <h1>Create an account</h1>
      <ErrorSummary errors={errors} fieldIds={SIGN_UP_FIELDS} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate className="form">
        <TextField id="firstName" label="First name" autoComplete="given-name" value={values.firstName} onChange={set('firstName')} error={errors.firstName} />
        <TextField id="lastName" label="Last name" hint="Other members see only its first letter." autoComplete="family-name" value={values.lastName} onChange={set('lastName')} error={errors.lastName} />
        <TextField id="email" label="Email" type="email" autoComplete="email" spellCheck={false} value={values.email} onChange={set('email')} error={errors.email} />
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
        Already have an account? <Link to={`/signin${params.size > 0 ? `?${params}` : ''}`}>Sign in</Link>
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
  const [{ fetching }, signIn] = useMutation(SIGN_IN_MUTATION);
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
    const result = await signIn({ input: parsed.data });
    const out = outcome(result.data?.signIn, result.error);
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
