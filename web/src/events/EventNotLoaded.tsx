import { Link } from '../ui/router.tsx';
import type { CombinedError } from 'urql';
import { transportMessage } from '../ui/errors.ts';

/** What an event's pages show until the event is there: loading, or why it is not. */
export function EventNotLoaded({ loading, error }: { loading: boolean; error?: CombinedError }) {
  if (loading) {
    return (
      <div className="page">
        <p role="status">Loading the event…</p>
      </div>
    );
  }
  return (
    <div className="page">
      <h1>Event not found</h1>
      <p>{error ? transportMessage(error) : 'This event does not exist, or it is not visible to you.'}</p>
      <p>
        <Link to="/">Find events near you</Link>
      </p>
    </div>
  );
}
