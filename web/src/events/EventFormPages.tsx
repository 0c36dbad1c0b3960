import type { EventData } from '@rallypoint/shared';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { EventForm } from './EventForm.tsx';
import { RequireSignIn } from '../account/RequireSignIn.tsx';
import { CREATE_EVENT_MUTATION, EVENT_QUERY, UPDATE_EVENT_MUTATION } from '../graphql.ts';
import { outcome } from '../ui/errors.ts';
import { emptyEventForm, eventToFormValues, toEventInputVariables } from './event-form.ts';
import { usePageTitle } from '../ui/hooks.ts';
import type { Role } from '../types.ts';

export function NewEventPage() {
  usePageTitle('Create an event');
  return <RequireSignIn>{(viewer) => <NewEvent role={viewer.role} />}</RequireSignIn>;
}

function NewEvent({ role }: { role: Role }) {
  const [, createEvent] = useMutation(CREATE_EVENT_MUTATION);
  const navigate = useNavigate();
  const [initial] = useState(() => emptyEventForm());

  const onSubmit = async (data: EventData, publish: boolean) => {
    const result = await createEvent({ input: toEventInputVariables(data), publish });
    const out = outcome(result.data?.createEvent, result.error);
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
  const [{ data, fetching }] = useQuery({ query: EVENT_QUERY, variables: { id }, requestPolicy: 'network-only' });
  const [, updateEvent] = useMutation(UPDATE_EVENT_MUTATION);
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

  const onSubmit = async (input: EventData) => {
    const result = await updateEvent({ id: event.id, input: toEventInputVariables(input) });
    const out = outcome(result.data?.updateEvent, result.error);
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
