import { formatEventTime } from '@rallypoint/shared';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from '../ui/router.tsx';
import { useQuery } from 'urql';
import { graphql } from '../generated/gql.ts';
import type { ReminderLinkFieldsFragment } from '../generated/graphql.ts';
import { transportMessage } from '../ui/errors.ts';
import { usePageTitle } from '../ui/hooks.ts';
import { outcome, useResultMutation } from '../ui/result.ts';

graphql(`
  fragment ReminderLinkFields on ReminderLink {
    answer
    usable
    problem
    eventId
    eventTitle
    eventStartsAt
    eventEndsAt
    eventArea
    rsvpStatus
    reconfirmed
  }
`);

/** What the link is for and whether it still works; reading it changes nothing. */
const REMINDER_LINK_QUERY = graphql(`
  query ReminderLink($token: String!) {
    reminderLink(token: $token) {
      ... on QueryReminderLinkSuccess {
        data {
          ...ReminderLinkFields
        }
      }
      ...ErrorFields
    }
  }
`);

const ANSWER_REMINDER_MUTATION = graphql(`
  mutation AnswerReminder($token: String!) {
    answerReminder(token: $token) {
      ... on MutationAnswerReminderSuccess {
        data {
          ...ReminderLinkFields
        }
      }
      ...ErrorFields
    }
  }
`);

type ReminderLinkData = ReminderLinkFieldsFragment;

const eventPath = (link: ReminderLinkData) => `/events/${encodeURIComponent(link.eventId)}`;

/**
 * Where a reminder e-mail's one-tap links land, signed in or not. Opening the page changes nothing, whichever link it
 * was: "Yes, I'm still coming" and "Give up my place" are buttons to press (mail scanners open links to check them, and
 * some run the page's scripts too).
 */
export function ReminderPage() {
  const [params] = useSearchParams();
  const token = params.get('token')?.trim() ?? '';
  if (!token) {
    return (
      <Page title="This link is incomplete">
        <Problem message="It has no code in it. Open the link in the reminder e-mail again; if your e-mail program split it over two lines, copy the whole address into your browser." />
      </Page>
    );
  }
  return <Reminder token={token} />;
}

function Page({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  return (
    <div className="page page-narrow">
      <h1>{title}</h1>
      {children}
    </div>
  );
}

function Problem({ message, focus = false, heading = 'This link did not work' }: { message: string; focus?: boolean; heading?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <div className="notice notice-problem" role="alert" aria-labelledby="reminder-problem-heading" tabIndex={-1} ref={ref}>
      <h2 id="reminder-problem-heading">{heading}</h2>
      <p>{message}</p>
    </div>
  );
}

/** The event the reminder is about: what, when (UK time), which area (never the address: the page works signed out). */
function EventFacts({ link }: { link: ReminderLinkData }) {
  return (
    <dl className="event-facts">
      <div>
        <dt>Event</dt>
        <dd>
          <Link to={eventPath(link)}>{link.eventTitle}</Link>
        </dd>
      </div>
      <div>
        <dt>When</dt>
        <dd>
          <time dateTime={link.eventStartsAt}>{formatEventTime(link.eventStartsAt, link.eventEndsAt)}</time> <span className="hint">(UK time)</span>
        </dd>
      </div>
      <div>
        <dt>Where</dt>
        <dd>{link.eventArea} area</dd>
      </div>
    </dl>
  );
}

function Reminder({ token }: { token: string }) {
  const [{ data, fetching, error }] = useQuery({ query: REMINDER_LINK_QUERY, variables: { token }, requestPolicy: 'network-only' });
  if (!data) {
    return (
      <Page title="Your reminder">
        {fetching ? <p role="status">Checking the link…</p> : <Problem message={transportMessage(error)} />}
      </Page>
    );
  }
  const read = outcome(data.reminderLink);
  if (!read.ok) {
    return (
      <Page title="This link did not work">
        <Problem heading="We could not read this link" message={read.fieldErrors[0]?.message ?? read.message} />
        <p>
          <Link to="/plans">See your plans</Link> after signing in, or <Link to="/">find events near you</Link>.
        </p>
      </Page>
    );
  }
  const link = read.data;
  if (link.answer === 'STILL_COMING') return <StillComing token={token} link={link} />;
  return <CantMakeIt token={token} link={link} />;
}

/** A link that cannot be used (any more): why, and where to go instead. */
function Unusable({ link }: { link: ReminderLinkData }) {
  return (
    <Page title="This link can't be used">
      <Problem heading="Nothing was changed" message={link.problem ?? 'This link no longer works.'} />
      <EventFacts link={link} />
      <p>
        <Link to={eventPath(link)}>Open the event page</Link> to see where you stand.
      </p>
    </Page>
  );
}

function StillComing({ token, link }: { token: string; link: ReminderLinkData }) {
  const [answer, sending] = useResultMutation(ANSWER_REMINDER_MUTATION);
  const [done, setDone] = useState<ReminderLinkData | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  if (done || (!link.usable && link.reconfirmed && link.rsvpStatus === 'GOING')) {
    return (
      <Page title="Thanks: see you there">
        <div className="notice" role="status" aria-labelledby="still-coming-heading" tabIndex={-1} ref={doneRef}>
          <h2 id="still-coming-heading">Thanks for letting us know</h2>
          <p>We have told the organiser that you are still coming.</p>
        </div>
        <EventFacts link={done ?? link} />
        <p>
          Plans changed? <Link to={eventPath(link)}>Give up your place on the event page</Link> so someone else can have it.
        </p>
      </Page>
    );
  }
  if (!link.usable) return <Unusable link={link} />;

  const onConfirm = async () => {
    setFailed(null);
    const out = await answer({ token });
    if (out.ok) setDone(out.data);
    else setFailed(out.fieldErrors[0]?.message ?? out.message);
  };

  return (
    <Page title="Still coming?">
      {failed && <Problem heading="Your answer was not saved" message={failed} focus />}
      <EventFacts link={link} />
      <p>Let the organiser know you are still coming. You do not need to sign in.</p>
      <div className="button-row">
        <button type="button" className="button" onClick={onConfirm} disabled={sending}>
          {sending ? 'Saving your answer…' : "Yes, I'm still coming"}
        </button>
        <Link to={eventPath(link)} className="button button-secondary">
          Open the event page
        </Link>
      </div>
    </Page>
  );
}

function CantMakeIt({ token, link }: { token: string; link: ReminderLinkData }) {
  const [answer, sending] = useResultMutation(ANSWER_REMINDER_MUTATION);
  const [done, setDone] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  if (done) {
    return (
      <Page title="Your place is given up">
        <div className="notice" role="status" aria-labelledby="given-up-heading" tabIndex={-1} ref={doneRef}>
          <h2 id="given-up-heading">Thanks for letting us know</h2>
          <p>You are no longer going. If someone was waiting for a place, it is theirs now and we have e-mailed them.</p>
        </div>
        <EventFacts link={link} />
        <p>
          <Link to="/">Find other events near you</Link>
        </p>
      </Page>
    );
  }
  if (!link.usable) return <Unusable link={link} />;

  const onGiveUp = async () => {
    setFailed(null);
    const out = await answer({ token });
    if (out.ok) setDone(true);
    else setFailed(out.fieldErrors[0]?.message ?? out.message);
  };

  return (
    <Page title="Can't make it?">
      {failed && <Problem heading="Your place was not given up" message={failed} focus />}
      <EventFacts link={link} />
      <p>
        If you can no longer come, give up your place: the next person on the waitlist gets it. You do not need to sign in.
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={onGiveUp} disabled={sending}>
          {sending ? 'Giving up your place…' : 'Give up my place'}
        </button>
        <Link to={eventPath(link)} className="button button-secondary">
          Keep my place
        </Link>
      </div>
    </Page>
  );
}
