import { type AttendanceStatus, formatEventTime, matchesNameSearch, plural, walkInSchema } from '@rallypoint/shared';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { signInPath } from '../account/next.ts';
import { useViewer } from '../account/viewer.ts';
import { EventNotLoaded } from '../events/EventNotLoaded.tsx';
import type { CheckInEntryFieldsFragment } from '../generated/graphql.ts';
import { TextField } from '../ui/fields.tsx';
import { useForm } from '../ui/form.ts';
import { usePageTitle } from '../ui/hooks.ts';
import { Link, useLocation, useParams } from '../ui/router.tsx';
import { CHECK_IN_QUERY } from './documents.ts';
import { newTapId, pendingMarks, type Tap } from './queue.ts';
import { useTapQueue } from './useTapQueue.ts';

type Entry = CheckInEntryFieldsFragment;

/** A line of the list: an entry as the API has it, or a walk-in still waiting to be sent. */
interface Line {
  id: string;
  name: string;
  detail: string;
  attendance: AttendanceStatus | null;
  /** Waiting to be sent (the status shown is the tap's). */
  waiting: boolean;
  saved: boolean;
  /** A walk-in not yet on the API: it cannot be marked again until it is. */
  unsent: boolean;
}

const bookingText = (e: Entry) =>
  e.walkIn ? 'Walk-in' : e.booking === 'GOING' ? (e.guests > 0 ? `Going, +${plural(e.guests, 'guest')}` : 'Going') : e.booking === 'WAITLISTED' ? 'Waitlisted' : 'Booking cancelled';

const ATTENDANCE_TEXT: Record<AttendanceStatus, string> = { ATTENDED: 'Attended', NO_SHOW: 'No-show' };

const changes = (n: number) => plural(n, 'change');

/** `/events/:id/check-in`: the day-of list for the people running the event, made for a phone. */
export function CheckInPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const [{ data, fetching, error }] = useQuery({ query: CHECK_IN_QUERY, variables: { id } });
  const { viewer, loading: viewerLoading } = useViewer();
  const event = data?.event ?? null;
  usePageTitle(event ? `Check-in: ${event.title}` : fetching ? 'Check-in' : 'Event not found');
  const queue = useTapQueue(id);
  const [search, setSearch] = useState('');

  const lines = useMemo((): Line[] => {
    const marks = pendingMarks(queue.waiting);
    const listed: Line[] = (event?.checkInList ?? []).map((e) => ({
      id: e.id,
      name: e.name,
      detail: bookingText(e),
      attendance: marks.has(e.id) ? (marks.get(e.id) ?? null) : (e.attendance ?? null),
      waiting: marks.has(e.id),
      saved: queue.saved.has(e.id),
      unsent: false,
    }));
    const walkIns: Line[] = queue.waiting
      .filter((t): t is Extract<Tap, { kind: 'walkIn' }> => t.kind === 'walkIn')
      .map((t) => ({ id: t.tapId, name: t.name, detail: 'Walk-in', attendance: 'ATTENDED', waiting: true, saved: false, unsent: true }));
    return [...listed, ...walkIns].sort((a, b) => a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base' }));
  }, [event?.checkInList, queue.waiting, queue.saved]);

  if (!event || viewerLoading) return <EventNotLoaded loading={(!data && fetching) || viewerLoading} error={error} />;
  const eventPath = `/events/${encodeURIComponent(event.id)}`;
  if (!event.viewerCanManage || !event.checkInList) {
    return (
      <div className="page">
        <p>
          <Link to={eventPath}>Back to {event.title}</Link>
        </p>
        <h1>Check-in</h1>
        {viewer ? (
          <p className="banner banner-refused">Only this event's hosts and organisers can check people in.</p>
        ) : (
          <p className="banner banner-refused">
            <Link to={signInPath(location.pathname)}>Sign in</Link> as one of this event's hosts or organisers to check people in.
          </p>
        )}
      </div>
    );
  }

  const mark = (line: Line, status: AttendanceStatus | null) =>
    queue.add({ tapId: newTapId(), kind: 'mark', eventId: event.id, entryId: line.id, name: line.name, status, at: Date.now() });
  const shown = lines.filter((l) => matchesNameSearch(l.name, search));
  const attended = lines.filter((l) => l.attendance === 'ATTENDED').length;
  const pending = queue.waiting.length;

  return (
    <div className="page page-narrow check-in-page">
      <p>
        <Link to={eventPath}>Back to {event.title}</Link>
      </p>
      <h1>Check-in</h1>
      <p>
        {event.title}: <time dateTime={event.startsAt}>{formatEventTime(event.startsAt, event.endsAt)}</time> (UK time)
      </p>
      <p className={`sync-state ${pending > 0 ? 'sync-waiting' : 'sync-saved'}`} role="status">
        {pending === 0
          ? 'All changes saved.'
          : queue.offline
            ? `Offline: ${changes(pending)} waiting. They are kept on this device and sent when the connection is back.`
            : `Sending ${changes(pending)}…`}
      </p>
      {queue.refused.length > 0 && (
        <div className="error-message" role="alert">
          <p>Not recorded:</p>
          <ul>
            {queue.refused.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the list only grows
              <li key={i}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      <p>
        <strong>{attended}</strong> of {lines.length} checked in.
      </p>
      <div className="field">
        <label htmlFor="check-in-search">Search by name</label>
        <input id="check-in-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" />
      </div>
      <section aria-labelledby="people-heading">
        <h2 id="people-heading" className="visually-hidden">
          People
        </h2>
        {shown.length === 0 ? (
          <p>{lines.length === 0 ? 'Nobody has booked yet. Add walk-ins below.' : 'Nobody by that name. Add them as a walk-in below.'}</p>
        ) : (
          <ul className="check-in-list">
            {shown.map((line) => (
              <li key={line.id} className={`check-in-row${line.attendance ? ` check-in-${line.attendance.toLowerCase()}` : ''}`}>
                <div className="check-in-who">
                  <span className="check-in-name">{line.name}</span>
                  <span className="check-in-detail">
                    {line.detail} · {line.attendance ? ATTENDANCE_TEXT[line.attendance] : 'Not marked'}
                    {line.waiting ? ' · waiting to send' : line.saved ? ' · saved' : ''}
                  </span>
                </div>
                {!line.unsent && (
                  <div className="check-in-actions">
                    {line.attendance ? (
                      <button type="button" className="button button-secondary" onClick={() => mark(line, null)}>
                        Undo<span className="visually-hidden"> {line.name}</span>
                      </button>
                    ) : (
                      <>
                        <button type="button" className="button" onClick={() => mark(line, 'ATTENDED')}>
                          Attended<span className="visually-hidden"> {line.name}</span>
                        </button>
                        <button type="button" className="button button-secondary" onClick={() => mark(line, 'NO_SHOW')}>
                          No-show<span className="visually-hidden"> {line.name}</span>
                        </button>
                      </>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <WalkInForm onAdd={(name, email) => queue.add({ tapId: newTapId(), kind: 'walkIn', eventId: event.id, name, email, at: Date.now() })} />
    </div>
  );
}

function WalkInForm({ onAdd }: { onAdd: (name: string, email: string | null) => void }) {
  const headingId = useId();
  const [added, setAdded] = useState<string | null>(null);
  // Nothing is sent from here: the walk-in joins the tap queue, which sends it when it can.
  const form = useForm({
    initial: { name: '', email: '' },
    fields: { name: 'walk-in-name', email: 'walk-in-email' },
    validate: (values) => walkInSchema.safeParse(values),
    submit: (walkIn) => {
      onAdd(walkIn.name, walkIn.email ?? null);
      setAdded(walkIn.name);
      return undefined;
    },
    onSuccess: (_none, actions) => actions.set({ name: '', email: '' }),
  });
  const submit = (e: FormEvent) => {
    setAdded(null);
    form.onSubmit(e);
  };
  return (
    <section aria-labelledby={headingId} className="walk-in">
      <h2 id={headingId}>Add a walk-in</h2>
      <form onSubmit={submit} noValidate>
        <TextField label="Name" {...form.bind('name')} autoComplete="off" />
        <TextField label="Email" optional type="email" {...form.bind('email')} autoComplete="off" />
        <button type="submit" className="button">
          Add walk-in
        </button>
      </form>
      <p role="status">{added ? `${added} added, marked attended.` : ''}</p>
    </section>
  );
}
