import { formatEventTime } from '@rallypoint/shared';
import { Link } from '../ui/router.tsx';
import { useQuery } from 'urql';
import { MY_ATTENDANCE_QUERY } from './documents.ts';

/** On My plans: the events check-in marked me at, latest first. Nothing when there are none. */
export function AttendanceHistory() {
  const [{ data }] = useQuery({ query: MY_ATTENDANCE_QUERY });
  const history = data?.me?.attendance ?? [];
  if (history.length === 0) return null;
  return (
    <section aria-labelledby="attendance-heading">
      <h2 id="attendance-heading">Events I went to</h2>
      <ul className="attendance-history">
        {history.map((a) => (
          <li key={a.id}>
            <Link to={`/events/${encodeURIComponent(a.event.id)}`}>{a.event.title}</Link>,{' '}
            <time dateTime={a.event.startsAt}>{formatEventTime(a.event.startsAt, a.event.endsAt)}</time>:{' '}
            <strong>{a.status === 'ATTENDED' ? (a.walkIn ? 'attended (walk-in)' : 'attended') : 'marked as not there'}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}
