import type { EventData } from '@rallypoint/shared';
import { useState } from 'react';
import { Link, useNavigate, useParams } from '../ui/router.tsx';
import { useQuery } from 'urql';
import { RequireSignIn } from '../account/RequireSignIn.tsx';
import { UnverifiedNotice } from '../account/UnverifiedNotice.tsx';
import { graphql } from '../generated/gql.ts';
import type { Role } from '../generated/graphql.ts';
import { usePageTitle } from '../ui/hooks.ts';
import { useResultMutation } from '../ui/result.ts';
import { EVENT_QUERY } from './documents.ts';
import { EventForm, type ShiftsAndRepeat } from './EventForm.tsx';
import { shiftRowsOf } from './ShiftsFields.tsx';
import type { EventInput } from '../generated/graphql.ts';

/** With shifts, places are per shift (the event's are their sum). */
const withShifts = (input: EventInput, extra: ShiftsAndRepeat): EventInput => ({
  ...input,
  ...(extra.shifts.length > 0 ? { capacity: null } : {}),
  shifts: extra.shifts,
  ...(extra.repeat ? { repeat: extra.repeat } : {}),
});
import { emptyEventForm, eventToFormValues, toEventInputVariables } from './event-form.ts';

const CREATE_EVENT_MUTATION = graphql(`
  mutation CreateEvent($input: EventInput!, $publish: Boolean) {
    createEvent(input: $input, publish: $publish) {
      ... on MutationCreateEventSuccess {
        data {
          ...EventDetailFields
        }
      }
      ...ErrorFields
    }
  }
`);

const UPDATE_EVENT_MUTATION = graphql(`
  mutation UpdateEvent($id: ID!, $input: EventInput!) {
    updateEvent(id: $id, input: $input) {
      ... on MutationUpdateEventSuccess {
        data {
          ...EventDetailFields
        }
      }
      ...ErrorFields
    }
  }
`);

export function NewEventPage() {
  usePageTitle('Create an event');
  return <RequireSignIn>{(viewer) => <NewEvent role={viewer.role} />}</RequireSignIn>;
}

function NewEvent({ role }: { role: Role }) {
  const [createEvent] = useResultMutation(CREATE_EVENT_MUTATION);
  const navigate = useNavigate();
  const [initial] = useState(() => emptyEventForm());

  const onSubmit = async (data: EventData, publish: boolean, extra: ShiftsAndRepeat) => {
    const out = await createEvent({ input: withShifts(toEventInputVariables(data), extra), publish });
    if (out.ok) {
      navigate(`/events/${encodeURIComponent(out.data.id)}`, {
        state: { flash: publish ? 'Your event is published.' : 'Your event is saved as a draft.' },
      });
    }
    return out;
  };

  return (
    <div className="page page-narrow">
      <h1>Create an event</h1>
      <p>Members near the postcode will see it on the map and in their list.</p>
      <UnverifiedNotice what="publish an event (you can save it as a draft now)" />
      <EventForm mode="create" initial={initial} role={role} submitLabel="Create event" onSubmit={onSubmit} />
    </div>
  );
}

export function EditEventPage() {
  usePageTitle('Edit event');
  return <RequireSignIn>{(viewer) => <EditEvent role={viewer.role} />}</RequireSignIn>;
}

function EditEvent({ role }: { role: Role }) {
  const { id = '' } = useParams();
  const [{ data, fetching }] = useQuery({ query: EVENT_QUERY, variables: { id } });
  const [updateEvent] = useResultMutation(UPDATE_EVENT_MUTATION);
  const navigate = useNavigate();
  const event = data?.event;

  if (!data && fetching) {
    return (
      <div className="page">
        <p role="status">Loading the event…</p>
      </div>
    );
  }
  if (!event?.viewerCanEdit) {
    return (
      <div className="page">
        <h1>You cannot edit this event</h1>
        <p>Only its organiser (or an organiser for the region) can change it.</p>
        <p>{event ? <Link to={`/events/${encodeURIComponent(event.id)}`}>Back to the event</Link> : <Link to="/">Find events</Link>}</p>
      </div>
    );
  }

  const onSubmit = async (input: EventData, _publish: boolean, extra: ShiftsAndRepeat) => {
    const out = await updateEvent({ id: event.id, input: withShifts(toEventInputVariables(input), extra) });
    if (out.ok) navigate(`/events/${encodeURIComponent(event.id)}`, { state: { flash: 'Your changes are saved.' } });
    return out;
  };

  return (
    <div className="page page-narrow">
      <h1>Edit “{event.title}”</h1>
      <EventForm
        mode="edit"
        initial={eventToFormValues(event)}
        current={{ startsAt: event.startsAt }}
        initialShifts={shiftRowsOf(event.shifts)}
        role={role}
        submitLabel="Save changes"
        onSubmit={onSubmit}
      />
      <p>
        <Link to={`/events/${encodeURIComponent(event.id)}`}>Back to the event without saving</Link>
      </p>
    </div>
  );
}
