import { formatEventTime, placeQuerySchema, plural } from '@rallypoint/shared';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from '../ui/router.tsx';
import { useQuery } from 'urql';
import { useResetSession } from '../client.tsx';
import { EventCard } from '../events/EventCard.tsx';
import { graphql } from '../generated/gql.ts';
import type { MyPlansQuery } from '../generated/graphql.ts';
import { transportMessage } from '../ui/errors.ts';
import { TextField } from '../ui/fields.tsx';
import { onField, useForm } from '../ui/form.ts';
import { usePageTitle } from '../ui/hooks.ts';
import { useResultMutation } from '../ui/result.ts';
import { MyLiftPlans } from '../lifts/MyLiftPlans.tsx';
import { RequireSignIn } from './RequireSignIn.tsx';
import { UnverifiedNotice } from './UnverifiedNotice.tsx';
import { AttendanceHistory } from '../check-in/AttendanceHistory.tsx';

const MY_PLANS_QUERY = graphql(`
  query MyPlans {
    me {
      ...ViewerFields
      calendarFeedUrl
      plans {
        id
        status
        guests
        waitlistPosition
        shift {
          id
          startsAt
          endsAt
        }
        event {
          ...EventSummaryFields
        }
      }
      organisedEvents {
        ...EventSummaryFields
        waitlistCount
      }
    }
  }
`);

/** A new private calendar link; the old one stops working at once. */
const ROTATE_CALENDAR_FEED_MUTATION = graphql(`
  mutation RotateCalendarFeed {
    rotateCalendarFeed {
      ... on MutationRotateCalendarFeedSuccess {
        data {
          id
          calendarFeedUrl
        }
      }
      ...ErrorFields
    }
  }
`);

/** Ends every session of the member, this one included (and clears the cookie); answers how many ended. */
const SIGN_OUT_EVERYWHERE_MUTATION = graphql(`
  mutation SignOutEverywhere {
    signOutEverywhere {
      ... on MutationSignOutEverywhereSuccess {
        data
      }
      ...ErrorFields
    }
  }
`);

const SET_HOME_AREA_MUTATION = graphql(`
  mutation SetHomeArea($input: HomeAreaInput!) {
    setHomeArea(input: $input) {
      ... on MutationSetHomeAreaSuccess {
        data {
          ...ViewerFields
        }
      }
      ...ErrorFields
    }
  }
`);

const DELETE_ACCOUNT_MUTATION = graphql(`
  mutation DeleteAccount($password: String!) {
    deleteAccount(password: $password) {
      ... on MutationDeleteAccountSuccess {
        data
      }
      ...ErrorFields
    }
  }
`);

type MyPlans = NonNullable<MyPlansQuery['me']>;

export function PlansPage() {
  usePageTitle('My plans');
  return <RequireSignIn>{() => <Plans />}</RequireSignIn>;
}

function Plans() {
  const [{ data, fetching, error }] = useQuery({ query: MY_PLANS_QUERY });
  const me = data?.me;
  if (!me) {
    return (
      <div className="page">
        <h1>My plans</h1>
        <p role="status">{fetching ? 'Loading your plans…' : transportMessage(error)}</p>
      </div>
    );
  }
  return (
    <div className="page">
      <h1>My plans</h1>
      <p>
        Signed in as <strong>{me.displayName}</strong> ({me.email})
      </p>
      <UnverifiedNotice />
      <Going plans={me.plans} />
      <MyLiftPlans />
      <Organising events={me.organisedEvents} />
      <AttendanceHistory />
      <CalendarFeed url={me.calendarFeedUrl} />
      <section aria-labelledby="notifications-heading">
        <h2 id="notifications-heading">E-mail notifications</h2>
        <p>
          <Link to="/account/notifications">Choose which e-mails you get</Link>: bookings, reminders, lifts, messages from
          organisers and new events near you.
        </p>
      </section>
      <HomeArea current={me.homeArea?.label ?? null} />
      <SignOutEverywhere />
      <DeleteAccount />
    </div>
  );
}

function Going({ plans }: { plans: MyPlans['plans'] }) {
  const active = plans.filter((p) => p.status !== 'CANCELLED');
  return (
    <section aria-labelledby="going-heading">
      <h2 id="going-heading">Events I'm going to</h2>
      {active.length === 0 ? (
        <p>
          Nothing yet. <Link to="/">Find events near you</Link>.
        </p>
      ) : (
        <ul className="event-list">
          {active.map((p) => (
            <li key={p.id}>
              <EventCard event={p.event} showPlaces={false}>
                <p className="rsvp-state">
                  {p.status === 'GOING' ? (
                    <strong>Going</strong>
                  ) : (
                    <strong>Waitlisted{p.waitlistPosition ? ` (#${p.waitlistPosition})` : ''}</strong>
                  )}
                  {p.guests > 0 && ` with ${plural(p.guests, 'guest')}`}
                  {p.shift && (
                    <>
                      {' '}
                      for the shift <time dateTime={p.shift.startsAt}>{formatEventTime(p.shift.startsAt, p.shift.endsAt)}</time>
                    </>
                  )}
                </p>
              </EventCard>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Organising({ events }: { events: MyPlans['organisedEvents'] }) {
  return (
    <section aria-labelledby="organising-heading">
      <h2 id="organising-heading">Events I organise</h2>
      {events.length === 0 ? (
        <p>
          None yet. <Link to="/events/new">Create an event</Link>.
        </p>
      ) : (
        <ul className="event-list">
          {events.map((e) => (
            <li key={e.id}>
              <EventCard event={e}>
                {e.waitlistCount > 0 && <p>{e.waitlistCount} on the waitlist</p>}
              </EventCard>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CalendarFeed({ url }: { url: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rotateCalendarFeed, fetching] = useResultMutation(ROTATE_CALENDAR_FEED_MUTATION);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setMessage('Copied the link.');
    } catch {
      const input = document.getElementById('calendar-feed') as HTMLInputElement | null;
      input?.select();
      setMessage('Press Ctrl+C (or ⌘C) to copy the selected link.');
    }
  };

  const rotate = async () => {
    setMessage(null);
    setError(null);
    const out = await rotateCalendarFeed({});
    if (!out.ok) {
      setError(out.message);
      return;
    }
    setMessage('Here is your new calendar link. The old one has stopped working: subscribe to this one in your calendar app.');
  };

  return (
    <section aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">Calendar feed</h2>
      <p>
        Subscribe to this private link in your calendar app to see your events there. Keep it to yourself: anyone with
        the link can see your plans.
      </p>
      <div className="copy-row">
        <label htmlFor="calendar-feed" className="visually-hidden">
          Your private calendar feed link
        </label>
        <input id="calendar-feed" type="text" readOnly value={url} onFocus={(e) => e.target.select()} />
        <button type="button" className="button button-secondary" onClick={copy}>
          Copy link
        </button>
      </div>
      <h3 id="new-calendar-link-heading">Shared it by mistake?</h3>
      <p id="new-calendar-link-hint">
        Get a new link if someone else may have this one. The old link stops working at once, so calendars subscribed to
        it stop showing your plans until you subscribe to the new one.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary"
          onClick={rotate}
          disabled={fetching}
          aria-describedby="new-calendar-link-hint"
        >
          {fetching ? 'Getting a new link…' : 'Get a new calendar link'}
        </button>
      </div>
      <p role="status" className="hint">
        {message}
      </p>
      {error && (
        <p className="error-message" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

/** Ends every session of the member, this browser's too, after a confirm step; then on to sign in again. */
function SignOutEverywhere() {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [signOutEverywhere, fetching] = useResultMutation(SIGN_OUT_EVERYWHERE_MUTATION);
  const resetSession = useResetSession();
  const navigate = useNavigate();
  const yesRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);

  // Focus follows the step: onto "Yes" when it appears, back to the first button when it is called off.
  useEffect(() => {
    if (confirming) yesRef.current?.focus();
    else if (asked.current) startRef.current?.focus();
    asked.current = confirming || asked.current;
  }, [confirming]);

  const onConfirm = async () => {
    setError(null);
    const out = await signOutEverywhere({});
    if (!out.ok) {
      setError(out.message);
      return;
    }
    const sessions = plural(out.data, 'session');
    // Leave first; the session is forgotten once this page has gone (below): signed out while still shown (the
    // sign-in page's code may still be loading), it would send us to sign in itself and the message would be lost.
    resetOnLeave.current = true;
    navigate('/signin', { state: { flash: `You have signed out everywhere (${sessions} ended). Sign in again to carry on.` } });
  };
  const resetOnLeave = useRef(false);
  useEffect(() => () => void (resetOnLeave.current && resetSession()), [resetSession]);

  return (
    <section aria-labelledby="sign-out-everywhere-heading">
      <h2 id="sign-out-everywhere-heading">Sign out everywhere</h2>
      <p>
        Signed in on a shared computer, or lost a phone? This signs you out on every device and browser where you are
        signed in, including this one. You can sign in again straight away.
      </p>
      {!confirming ? (
        <div className="button-row">
          <button type="button" className="button button-secondary" onClick={() => setConfirming(true)} ref={startRef}>
            Sign out everywhere
          </button>
        </div>
      ) : (
        <fieldset className="confirm">
          <legend>Sign out on every device, including this one?</legend>
          <div className="button-row">
            <button type="button" className="button button-danger" onClick={onConfirm} disabled={fetching} ref={yesRef}>
              {fetching ? 'Signing out everywhere…' : 'Yes, sign out everywhere'}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              No, stay signed in
            </button>
          </div>
        </fieldset>
      )}
      {error && (
        <p className="error-message" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function HomeArea({ current }: { current: string | null }) {
  const [message, setMessage] = useState<string | null>(null);
  const [setHomeArea] = useResultMutation(SET_HOME_AREA_MUTATION);
  const form = useForm({
    initial: { postcode: '' },
    fields: { postcode: 'home-postcode' },
    validate: (v) => onField('postcode', placeQuerySchema.safeParse(v.postcode)),
    submit: (postcode) => setHomeArea({ input: { postcode } }),
    onSuccess: (me, { set }) => {
      set({ postcode: '' });
      setMessage(me.homeArea && `Your home area is now ${me.homeArea.label}.`);
    },
  });

  return (
    <section aria-labelledby="home-area-heading">
      <h2 id="home-area-heading">Home area</h2>
      <p>
        {current ? (
          <>
            Your home area is <strong>{current}</strong>.{' '}
            <Link to={`/near/${encodeURIComponent(current.replace(/ /g, ''))}`}>Events near {current}</Link>
          </>
        ) : (
          'You have not set a home area.'
        )}
      </p>
      <form className="form form-inline" onSubmit={form.onSubmit} noValidate>
        <TextField
          label={current ? 'Change it to postcode' : 'Your postcode'}
          hint="We keep only the area (like LS6), never your exact address."
          autoComplete="postal-code"
          autoCapitalize="characters"
          className="input-short"
          {...form.bind('postcode')}
          error={form.errors.postcode ?? form.errors._form}
        />
        <button type="submit" className="button button-secondary" disabled={form.submitting}>
          Save home area
        </button>
      </form>
      <p role="status">{message}</p>
    </section>
  );
}

function DeleteAccount() {
  const [deleteAccount] = useResultMutation(DELETE_ACCOUNT_MUTATION);
  const resetSession = useResetSession();
  const navigate = useNavigate();
  const form = useForm({
    initial: { password: '' },
    fields: { password: 'delete-password' },
    validate: ({ password }) =>
      password
        ? { success: true, data: password }
        : { success: false, fieldErrors: [{ path: ['password'], message: 'Enter your password to confirm' }] },
    submit: (password) => deleteAccount({ password }),
    onSuccess: () => {
      resetSession();
      navigate('/', { state: { flash: 'Your account has been deleted.' } });
    },
  });

  return (
    <section className="danger-zone" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete my account</h2>
      <p>
        This erases your personal data. Your future events will be cancelled and their attendees told; your places at
        other events are given up. It cannot be undone.
      </p>
      <form className="form" onSubmit={form.onSubmit} noValidate>
        <TextField
          label="Your password"
          type="password"
          autoComplete="current-password"
          {...form.bind('password')}
          error={form.errors.password ?? form.errors._form}
        />
        <button type="submit" className="button button-danger" disabled={form.submitting}>
          {form.submitting ? 'Deleting…' : 'Delete my account'}
        </button>
      </form>
    </section>
  );
}
