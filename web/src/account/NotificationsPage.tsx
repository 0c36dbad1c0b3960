import { useState } from 'react';
import { Link } from '../ui/router.tsx';
import { useQuery } from 'urql';
import { graphql } from '../generated/gql.ts';
import type { DigestFrequency, MailPreferencesFieldsFragment } from '../generated/graphql.ts';
import { FormWithSummary } from '../ui/ErrorSummary.tsx';
import { transportMessage } from '../ui/errors.ts';
import { RadioGroup } from '../ui/fields.tsx';
import { useForm } from '../ui/form.ts';
import { usePageTitle } from '../ui/hooks.ts';
import { useResultMutation } from '../ui/result.ts';
import { MAIL_SWITCHES, type MailSwitch } from './mail-categories.ts';
import { RequireSignIn } from './RequireSignIn.tsx';

graphql(`
  fragment MailPreferencesFields on Me {
    id
    mailPreferences {
      bookings
      reminders
      lifts
      organiser
      digest
      bounced
    }
  }
`);

const MY_MAIL_PREFERENCES_QUERY = graphql(`
  query MyMailPreferences {
    me {
      ...MailPreferencesFields
      email
      homeArea {
        label
      }
    }
  }
`);

const SET_MAIL_PREFERENCES_MUTATION = graphql(`
  mutation SetMailPreferences($input: MailPreferencesInput!) {
    setMailPreferences(input: $input) {
      ... on MutationSetMailPreferencesSuccess {
        data {
          ...MailPreferencesFields
        }
      }
      ...ErrorFields
    }
  }
`);

const RESUME_MAIL_MUTATION = graphql(`
  mutation ResumeMail {
    resumeMail {
      ... on MutationResumeMailSuccess {
        data {
          ...MailPreferencesFields
        }
      }
      ...ErrorFields
    }
  }
`);

export function NotificationsPage() {
  usePageTitle('E-mail notifications');
  return <RequireSignIn>{() => <Notifications />}</RequireSignIn>;
}

function Notifications() {
  const [{ data, fetching, error }] = useQuery({ query: MY_MAIL_PREFERENCES_QUERY });
  const me = data?.me;
  if (!me) {
    return (
      <div className="page page-narrow">
        <h1>E-mail notifications</h1>
        <p role="status">{fetching ? 'Loading your choices…' : transportMessage(error)}</p>
      </div>
    );
  }
  return (
    <div className="page page-narrow">
      <h1>E-mail notifications</h1>
      <p>
        Choose which e-mails Rallypoint sends to <strong>{me.email}</strong>. Every one of them also has a link at the
        bottom to stop that kind.
      </p>
      <p>
        Lift e-mails, messages from organisers and the new-events digest go only to a confirmed address: until you have
        confirmed yours with the link we e-mailed when you signed up, you get booking e-mails, reminders and account
        e-mails only.
      </p>
      {me.mailPreferences.bounced && <Bounced email={me.email} />}
      <PreferencesForm current={me.mailPreferences} homeArea={me.homeArea?.label ?? null} />
      <section aria-labelledby="account-mail-heading">
        <h2 id="account-mail-heading">Account e-mails</h2>
        <p>
          E-mails about your account itself are always sent and have no switch: the link to confirm your address, a link
          to choose a new password when you ask for one, and a warning when someone tries to sign up with your address.
        </p>
      </section>
      <p>
        <Link to="/plans">Back to my plans</Link>
      </p>
    </div>
  );
}

/** The address refused an e-mail: only account e-mails are sent until the member says it works again. */
function Bounced({ email }: { email: string }) {
  const [resumeMail, fetching] = useResultMutation(RESUME_MAIL_MUTATION);
  const [error, setError] = useState<string | null>(null);
  const onTryAgain = async () => {
    setError(null);
    const out = await resumeMail({});
    // On success the answer clears the bounce in the cache, and this notice goes.
    if (!out.ok) setError(out.message);
  };
  return (
    <section className="notice notice-problem" aria-labelledby="bounced-heading">
      <h2 id="bounced-heading">Your address bounced: e-mails are paused</h2>
      <p>
        The mail server for <strong>{email}</strong> refused an e-mail from us, so we have stopped sending you anything
        but account e-mails. If the address works again (a full mailbox emptied, a typing mistake put right by your mail
        provider), try again.
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={onTryAgain} disabled={fetching}>
          {fetching ? 'Trying again…' : 'Send me e-mails again'}
        </button>
      </div>
      {error && (
        <p className="error-message" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

type Values = Record<MailSwitch, boolean> & { digest: DigestFrequency };

/** Each field's input id (the digest's is its radio group's first button, as RadioGroup names it). */
const FIELD_IDS: Record<keyof Values, string> = {
  bookings: 'mail-bookings',
  reminders: 'mail-reminders',
  lifts: 'mail-lifts',
  organiser: 'mail-organiser',
  digest: 'digest',
};

function PreferencesForm({ current, homeArea }: { current: MailPreferencesFieldsFragment['mailPreferences']; homeArea: string | null }) {
  const [setMailPreferences] = useResultMutation(SET_MAIL_PREFERENCES_MUTATION);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm({
    initial: (): Values => ({
      bookings: current.bookings,
      reminders: current.reminders,
      lifts: current.lifts,
      organiser: current.organiser,
      digest: current.digest,
    }),
    fields: FIELD_IDS,
    validate: (values: Values) => ({ success: true as const, data: values }),
    submit: (input) => {
      setSaved(null);
      return setMailPreferences({ input });
    },
    onSuccess: () => setSaved('Your choices are saved.'),
  });
  const { values } = form;
  // A change after saving is not saved yet: the message goes.
  const change = (patch: Partial<Values>) => {
    setSaved(null);
    form.set(patch);
  };

  return (
    <FormWithSummary form={form} submit="Save my choices" sending="Saving…" label="E-mail notifications" titleId="preferences-error-title">
      <fieldset className="field" aria-describedby="switches-hint">
        <legend>E-mails you can switch off</legend>
        <p className="hint" id="switches-hint">
          Ticked means we send it.
        </p>
        {MAIL_SWITCHES.map((s) => (
          <div className="checkbox" key={s.field}>
            <input
              id={FIELD_IDS[s.field]}
              name={FIELD_IDS[s.field]}
              type="checkbox"
              checked={values[s.field]}
              aria-describedby={`${FIELD_IDS[s.field]}-hint`}
              onChange={(e) => change({ [s.field]: e.target.checked })}
            />
            <div>
              <label htmlFor={FIELD_IDS[s.field]}>{s.label}</label>
              <p className="hint" id={`${FIELD_IDS[s.field]}-hint`}>
                {s.description}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
      <RadioGroup<DigestFrequency>
        name="digest"
        legend="New events near you"
        hint={
          homeArea ? (
            <>An e-mail listing new events near your home area, {homeArea}, once your address is confirmed.</>
          ) : (
            <>
              An e-mail listing new events near your home area, once your address is confirmed. You have not set a home
              area yet, so there is nothing to send: <Link to="/plans">set your home area on My plans</Link>.
            </>
          )
        }
        error={form.errors.digest}
        value={values.digest}
        onChange={(digest) => change({ digest })}
        options={[
          { value: 'NEVER', label: 'Never' },
          { value: 'DAILY', label: 'Daily' },
          { value: 'WEEKLY', label: 'Weekly' },
        ]}
      />
      <p role="status" className="hint">
        {saved}
      </p>
    </FormWithSummary>
  );
}
