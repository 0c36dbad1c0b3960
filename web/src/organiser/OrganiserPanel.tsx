import { formatDayTime, formatEventTime } from '@rallypoint/shared';
import { useState } from 'react';
import { Link } from '../ui/router.tsx';
import type { EventDetail } from '../events/documents.ts';
import { statusLabel } from '../events/EventCard.tsx';
import { graphql } from '../generated/gql.ts';
import { type Outcome, useResultMutation } from '../ui/result.ts';
import { UnverifiedNotice } from '../account/UnverifiedNotice.tsx';
import { ExportPeopleButton } from '../check-in/ExportPeopleButton.tsx';

// Each answers the event as it now is.
const PUBLISH_EVENT_MUTATION = graphql(`
  mutation PublishEvent($id: ID!) {
    publishEvent(id: $id) {
      ... on MutationPublishEventSuccess {
        data {
          ...EventDetailFields
        }
      }
      ...ErrorFields
    }
  }
`);

const UNPUBLISH_EVENT_MUTATION = graphql(`
  mutation UnpublishEvent($id: ID!) {
    unpublishEvent(id: $id) {
      ... on MutationUnpublishEventSuccess {
        data {
          ...EventDetailFields
        }
      }
      ...ErrorFields
    }
  }
`);

const CANCEL_EVENT_MUTATION = graphql(`
  mutation CancelEvent($id: ID!) {
    cancelEvent(id: $id) {
      ... on MutationCancelEventSuccess {
        data {
          ...EventDetailFields
        }
      }
      ...ErrorFields
    }
  }
`);

type Attendee = NonNullable<EventDetail['attendees']>[number];

/** Edit, publish / unpublish, cancel and the attendee list, for the people running the event. */
export function OrganiserPanel({ event }: { event: EventDetail }) {
  const [publish] = useResultMutation(PUBLISH_EVENT_MUTATION);
  const [unpublish] = useResultMutation(UNPUBLISH_EVENT_MUTATION);
  const [cancel] = useResultMutation(CANCEL_EVENT_MUTATION);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [errorMessage, setErrorMessage] = useState<string | null>(null);

  /** One status change of this event: `change` is the mutation (publish, unpublish or cancel). */
  const run = async (change: (variables: { id: string }) => Promise<Outcome<unknown>>, success: string) => {
    setBusy(true);
    setErrorMessage(null);
    setMessage(null);
    const out = await change({ id: event.id });
    setBusy(false);
    if (out.ok) setMessage(success);
    else setErrorMessage(out.message);
  };

  const onPublish = () => run(publish, 'Published: members nearby can now find this event.');
  const onUnpublish = () => run(unpublish, 'Unpublished: the event is a draft again.');
  const onCancel = () =>
    run(async (variables) => {
      const out = await cancel(variables);
      setConfirmingCancel(false);
      return out;
    }, 'The event is cancelled. Attendees will be told.');

  return (
    <section className="organiser-panel" aria-labelledby="organiser-heading">
      <h2 id="organiser-heading">Organiser tools</h2>
      <p>
        Status: <strong>{statusLabel(event.status)}</strong>
      </p>
      {event.viewerCanEdit && event.status === 'DRAFT' && <UnverifiedNotice what="publish this event" level={3} />}
      <div className="button-row">
        {event.viewerCanEdit && event.status !== 'CANCELLED' && (
          <Link to={`/events/${encodeURIComponent(event.id)}/edit`} className="button button-secondary">
            Edit event
          </Link>
        )}
        {event.viewerCanManage && (
          <Link to={`/events/${encodeURIComponent(event.id)}/messages`} className="button button-secondary">
            Message attendees
          </Link>
        )}
        {event.viewerCanManage && event.status !== 'DRAFT' && (
          <Link to={`/events/${encodeURIComponent(event.id)}/check-in`} className="button button-secondary">
            Check-in
          </Link>
        )}
        {event.viewerCanEdit && event.status === 'DRAFT' && (
          <button type="button" className="button" onClick={onPublish} disabled={busy}>
            Publish
          </button>
        )}
        {event.viewerCanManage && event.status === 'PUBLISHED' && (
          <button type="button" className="button button-secondary" onClick={onUnpublish} disabled={busy}>
            Unpublish
          </button>
        )}
        {event.viewerCanManage && event.status !== 'CANCELLED' && !confirmingCancel && (
          <button type="button" className="button button-danger" onClick={() => setConfirmingCancel(true)} disabled={busy}>
            Cancel event
          </button>
        )}
      </div>
      {confirmingCancel && (
        <fieldset className="confirm">
          <legend>Cancel “{event.title}”? Everyone who signed up will be told. This cannot be undone.</legend>
          <div className="button-row">
            <button type="button" className="button button-danger" onClick={onCancel} disabled={busy}>
              Yes, cancel the event
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirmingCancel(false)}>
              No, keep it
            </button>
          </div>
        </fieldset>
      )}
      <p role="status">{message}</p>
      {errorMessage && (
        <p className="error-message" role="alert">
          {errorMessage}
        </p>
      )}
      {event.viewerCanManage && <ExportPeopleButton eventId={event.id} />}
      {event.attendees && <AttendeeList attendees={event.attendees} />}
    </section>
  );
}

function AttendeeList({ attendees }: { attendees: Attendee[] }) {
  const active = attendees.filter((a) => a.status !== 'CANCELLED');
  const going = active.filter((a) => a.status === 'GOING');
  const waiting = active
    .filter((a) => a.status === 'WAITLISTED')
    .sort((a, b) => (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0));
  const people = (list: Attendee[]) => list.reduce((n, a) => n + 1 + a.guests, 0);
  const reconfirmed = going.filter((a) => a.reconfirmedAt).length;
  // An event with shifts: which shift each booking is for (a member may have several rows).
  const shifted = active.some((a) => a.shift);
  return (
    <div className="table-wrap">
      <h3 id="attendees-heading">Attendees</h3>
      {active.length === 0 ? (
        <p>Nobody has signed up yet.</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <section className="table-scroll" tabIndex={0} aria-labelledby="attendees-heading">
          <table className="card-table">
            <caption>
              {people(going)} going ({going.length} sign-ups), {people(waiting)} waitlisted
              {reconfirmed > 0 && `; ${reconfirmed} of the sign-ups said "still coming" from the reminder`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                {shifted && <th scope="col">Shift</th>}
                <th scope="col">Status</th>
                <th scope="col">Guests</th>
                <th scope="col">Signed up</th>
              </tr>
            </thead>
            <tbody>
              {[...going, ...waiting].map((a) => (
                <tr key={a.id}>
                  <td>{a.person.displayName}</td>
                  {shifted && <td data-label="Shift">{a.shift ? <time dateTime={a.shift.startsAt}>{formatEventTime(a.shift.startsAt, a.shift.endsAt)}</time> : null}</td>}
                  <td data-label="Status">
                    {a.status === 'GOING' ? 'Going' : `Waitlisted (#${a.waitlistPosition ?? '?'})`}
                    {a.status === 'GOING' && a.reconfirmedAt && ', still coming'}
                  </td>
                  <td data-label="Guests">{a.guests}</td>
                  <td data-label="Signed up">
                    <time dateTime={a.createdAt}>{formatDayTime(a.createdAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
