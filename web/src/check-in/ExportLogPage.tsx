import { Link, useLocation } from '../ui/router.tsx';
import { useQuery } from 'urql';
import { signInPath } from '../account/next.ts';
import { useViewer } from '../account/viewer.ts';
import { usePageTitle } from '../ui/hooks.ts';
import { outcome } from '../ui/result.ts';
import { EXPORT_LOG_QUERY } from './documents.ts';

const when = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' });

/** `/admin/exports`: who downloaded whose people, when, and how many rows (admins only). */
export function ExportLogPage() {
  usePageTitle('Export log');
  const location = useLocation();
  const { viewer, loading } = useViewer();
  const [{ data, fetching, error }] = useQuery({ query: EXPORT_LOG_QUERY, pause: !viewer });
  if (loading || (viewer && !data && fetching)) {
    return (
      <div className="page">
        <p role="status">Loading…</p>
      </div>
    );
  }
  if (!viewer) {
    return (
      <div className="page">
        <h1>Export log</h1>
        <p className="banner banner-refused">
          <Link to={signInPath(location.pathname)}>Sign in</Link> as an admin to see the export log.
        </p>
      </div>
    );
  }
  const out = outcome(data?.exportLog, error);
  return (
    <div className="page">
      <h1>Export log</h1>
      {!out.ok ? (
        <p className="banner banner-refused">{out.message}</p>
      ) : out.data.length === 0 ? (
        <p>Nobody has exported any people yet.</p>
      ) : (
        <div className="table-wrap">
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
          <section className="table-scroll" tabIndex={0} aria-labelledby="export-log-caption">
            <table>
              <caption id="export-log-caption">The latest {out.data.length} exports of people, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Rows</th>
                </tr>
              </thead>
              <tbody>
                {out.data.map((l) => (
                  <tr key={l.id}>
                    <td>
                      <time dateTime={l.at}>{when.format(new Date(l.at))}</time>
                    </td>
                    <td>{l.byName ? `${l.byName} (${l.byEmail})` : 'A closed account'}</td>
                    <td>
                      {l.scope === 'EVENT' ? 'Event' : 'Campaign'}: {l.label}
                    </td>
                    <td>{l.rowCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
    </div>
  );
}
