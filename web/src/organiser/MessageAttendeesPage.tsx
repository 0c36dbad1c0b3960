import { formatDayTime, formatEventTime, MESSAGE_LIMITS, type MessageAudience, organiserMessageSchema } from '@rallypoint/shared';
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from '../ui/router.tsx';
import { useQuery } from 'urql';
import { signInPath } from '../account/next.ts';
import { useViewer } from '../account/viewer.ts';
import { EventNotLoaded } from '../events/EventNotLoaded.tsx';
import { graphql } from '../generated/gql.ts';
import type { EventMessagesQuery } from '../generated/graphql.ts';
import { FormWithSummary } from '../ui/ErrorSummary.tsx';
import { RadioGroup, TextAreaField, TextField } from '../ui/fields.tsx';
import { useForm } from '../ui/form.ts';
import { usePageTitle } from '../ui/hooks.ts';
import { useResultMutation } from '../ui/result.ts';
import { audienceWords, defaultAudience, deliveryParts, nextPoll, people } from './messages.ts';

graphql(`
  fragment OrganiserMessageFields on OrganiserMessage {
    id
    sentAt
    audience
    subject
    body
    recipientCount
    sender {
      id
      displayName
    }
    delivery {
      sent
      optedOut
      bounced
      unconfirmed
      notApplicable
      pending
      failed
    }
  }
`);

const EVENT_MESSAGES_QUERY = graphql(`
  query EventMessages($id: ID!) {
    event(id: $id) {
      id
      title
      startsAt
      endsAt
      status
      viewerCanManage
      messageAudienceCounts {
        going
        waitlisted
      }
      messages {
        ...OrganiserMessageFields
      }
    }
  }
`);

const MESSAGE_ATTENDEES_MUTATION = graphql(`
  mutation MessageAttendees($eventId: ID!, $input: MessageAttendeesInput!) {
    messageAttendees(eventId: $eventId, input: $input) {
      ... on MutationMessageAttendeesSuccess {
        data {
          ...OrganiserMessageFields
        }
      }
      ...ErrorFields
    }
  }
`);

type ManagedEvent = NonNullable<EventMessagesQuery['event']>;
type Message = NonNullable<ManagedEvent['messages']>[number];

/** `/events/:id/messages`: the organisers' "Message attendees" form and what they have sent. */
export function MessageAttendeesPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const [{ data, fetching, error }, refetch] = useQuery({ query: EVENT_MESSAGES_QUERY, variables: { id } });
  const { viewer, loading: viewerLoading } = useViewer();
  const event = data?.event ?? null;
  usePageTitle(event ? `Message attendees of ${event.title}` : fetching ? 'Message attendees' : 'Event not found');
  // While any e-mail of a message is still going out (the API stops calling them pending an hour after the message),
  // the history is fetched again, less and less often, for a few minutes; a new message starts the wait again.
  const sending = (event?.messages ?? []).some((m) => m.delivery.pending > 0);
  const newest = event?.messages?.[0]?.id ?? null;
  const [stoppedWaiting, setStoppedWaiting] = useState(false);
  useEffect(() => {
    setStoppedWaiting(false);
    if (!sending || !newest) return;
    const started = Date.now();
    let polls = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      const delay = nextPoll(polls, Date.now() - started);
      if (delay === null) {
        setStoppedWaiting(true);
        return;
      }
      timer = setTimeout(() => {
        polls += 1;
        refetch({ requestPolicy: 'network-only' });
        schedule();
      }, delay);
    };
    schedule();
    return () => clearTimeout(timer);
  }, [sending, newest, refetch]);

  if (!event || viewerLoading) return <EventNotLoaded loading={(!data && fetching) || viewerLoading} error={error} />;
  const eventPath = `/events/${encodeURIComponent(event.id)}`;
  if (!event.viewerCanManage) {
    return (
      <div className="page">
        <p>
          <Link to={eventPath}>Back to {event.title}</Link>
        </p>
        <h1>Message attendees</h1>
        {viewer ? (
          <p className="banner banner-refused">Only this event's organisers can message the people going to it.</p>
        ) : (
          <p className="banner banner-refused">
            <Link to={signInPath(location.pathname)}>Sign in</Link> as one of this event's organisers to message the people going to it.
          </p>
        )}
      </div>
    );
  }
  // Both are there for the people running the event (null only while a refetch is on its way).
  const counts = event.messageAudienceCounts ?? { going: 0, waitlisted: 0 };
  const messages = event.messages ?? [];
  return (
    <div className="page page-narrow messages-page">
      <p>
        <Link to={eventPath}>Back to {event.title}</Link>
      </p>
      <h1>Message attendees</h1>
      <p>
        {event.title}: <time dateTime={event.startsAt}>{formatEventTime(event.startsAt, event.endsAt)}</time> (UK time)
      </p>
      <section aria-labelledby="write-heading">
        <h2 id="write-heading">Write to them</h2>
        <p>
          Each person gets their own e-mail from Rallypoint: nobody sees anyone else's address, and they do not see yours.
          Replies to it are not read, so it points them to the event page. You can send {MESSAGE_LIMITS.perHour} messages an
          hour and {MESSAGE_LIMITS.perDay} a day for this event.
        </p>
        {!event.messageAudienceCounts ? null : counts.going + counts.waitlisted === 0 ? (
          <p className="banner">Nobody has signed up yet, so there is no one to write to.</p>
        ) : (
          <MessageForm eventId={event.id} counts={counts} />
        )}
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">Sent messages</h2>
        {messages.length === 0 ? (
          <p>Nothing sent yet.</p>
        ) : (
          <>
            <ol className="message-history">
              {messages.map((m) => (
                <SentMessage key={m.id} message={m} />
              ))}
            </ol>
            {sending && stoppedWaiting && <p className="hint">Some e-mails are still going out: reload the page later to see how they went.</p>}
          </>
        )}
      </section>
    </div>
  );
}

interface Values {
  audience: MessageAudience;
  subject: string;
  body: string;
}

const FIELD_IDS: Record<keyof Values, string> = { audience: 'audience', subject: 'message-subject', body: 'message-body' };

function MessageForm({ eventId, counts }: { eventId: string; counts: { going: number; waitlisted: number } }) {
  const [messageAttendees] = useResultMutation(MESSAGE_ATTENDEES_MUTATION);
  const [sent, setSent] = useState<string | null>(null);
  const form = useForm({
    initial: (): Values => ({ audience: defaultAudience(counts), subject: '', body: '' }),
    fields: FIELD_IDS,
    validate: (values: Values) => organiserMessageSchema.safeParse(values),
    submit: (input) => messageAttendees({ eventId, input }),
    onSuccess: (message, actions) => {
      setSent(`Sent: “${message.subject}” is on its way to ${people(message.recipientCount)}. It is listed under Sent messages below.`);
      actions.set({ subject: '', body: '' });
    },
  });
  const reach = form.values.audience === 'GOING' ? counts.going : counts.waitlisted;
  const change = (patch: Partial<Values>) => {
    setSent(null);
    form.set(patch);
  };

  return (
    <>
      <FormWithSummary
        // A new attempt: the last one's "Sent" goes, whatever this one says.
        form={{
          ...form,
          onSubmit: (e) => {
            setSent(null);
            form.onSubmit(e);
          },
        }}
        submit={`Send to ${people(reach)}`}
        sending="Sending…"
        label="Message attendees"
        titleId="message-error-title"
      >
        <RadioGroup<MessageAudience>
          name={FIELD_IDS.audience}
          legend="Who is it for?"
          error={form.errors.audience}
          value={form.values.audience}
          onChange={(audience) => change({ audience })}
          options={[
            { value: 'GOING', label: `Everyone going (${people(counts.going)})` },
            { value: 'WAITLISTED', label: `Everyone on the waitlist (${people(counts.waitlisted)})` },
          ]}
        />
        <TextField
          {...form.bind('subject')}
          onChange={(e) => change({ subject: e.target.value })}
          label="Subject"
          hint={`One line, up to ${MESSAGE_LIMITS.subjectMax} characters.`}
          autoComplete="off"
        />
        <TextAreaField
          {...form.bind('body')}
          onChange={(e) => change({ body: e.target.value })}
          label="Message"
          hint={`Plain text, up to ${MESSAGE_LIMITS.bodyMax.toLocaleString('en-GB')} characters. A blank line starts a new paragraph.`}
          rows={8}
        />
      </FormWithSummary>
      <p role="status" className="message-sent">
        {sent}
      </p>
    </>
  );
}

function SentMessage({ message: m }: { message: Message }) {
  const headingId = `sent-${m.id.replace(/[^A-Za-z0-9_-]/g, '')}`;
  return (
    <li>
      <article className="card sent-message" aria-labelledby={headingId}>
        <h3 id={headingId}>{m.subject}</h3>
        <p className="hint">
          <time dateTime={m.sentAt}>{formatDayTime(m.sentAt)}</time> (UK time), by {m.sender?.displayName ?? 'a former organiser'}, to{' '}
          {audienceWords(m.audience)}
        </p>
        <p className="description">{m.body}</p>
        <p data-testid="delivery">
          To {people(m.recipientCount)}: {deliveryParts(m.delivery).join(' · ')}
        </p>
      </article>
    </li>
  );
}
