import { EVENT_KIND_LABELS, formatEventTime } from '@rallypoint/shared';
import { Link, useLocation } from '../ui/router.tsx';
import { useQuery } from 'urql';
import { signInPath } from '../account/next.ts';
import type { CampaignEventFieldsFragment } from '../generated/graphql.ts';
import { usePageTitle } from '../ui/hooks.ts';
import { formatWindow } from './campaigns.ts';
import { CAMPAIGNS_QUERY, MANAGED_EVENTS_QUERY } from './documents.ts';
import { isOrganiser, useOrganiserViewer } from './organiser-viewer.ts';

export const eventPath = (id: string) => `/events/${encodeURIComponent(id)}`;
export const campaignPath = (id: string) => `/campaigns/${encodeURIComponent(id)}`;

/** Signed out: a link to sign in and come back. */
export function SignInFirst({ what }: { what: string }) {
  const location = useLocation();
  return (
    <p className="banner banner-refused">
      <Link to={signInPath(location.pathname + location.search)}>Sign in</Link> {what}.
    </p>
  );
}

/** What a campaign event's state is, in words. */
export function eventState(e: Pick<CampaignEventFieldsFragment, 'status' | 'approval'>): string {
  if (e.status === 'CANCELLED') return 'Cancelled';
  if (e.status === 'PUBLISHED') return 'Published';
  if (e.approval === 'PENDING') return 'Waiting for approval';
  if (e.approval === 'REJECTED') return 'Not approved';
  return 'Draft';
}

export function CampaignEventList({ events, empty }: { events: readonly (CampaignEventFieldsFragment & { campaign?: { name: string } | null })[]; empty: string }) {
  if (events.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul className="event-list">
      {events.map((e) => (
        <li key={e.id} className="card">
          <h3 className="event-card-title">
            <Link to={eventPath(e.id)}>{e.title}</Link>
          </h3>
          <p className="event-card-meta">
            {EVENT_KIND_LABELS[e.kind]} · <time dateTime={e.startsAt}>{formatEventTime(e.startsAt, e.endsAt)}</time> · {e.areaLabel}
            {e.constituency && <> · {e.constituency.name}</>}
            {e.campaign && <> · {e.campaign.name}</>}
          </p>
          <p>
            <span className="status">{eventState(e)}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}

/** `/organise`: campaigns, the approval queue and the events an organiser manages. */
export function OrganisePage() {
  usePageTitle('Organise');
  const { me, loading } = useOrganiserViewer();
  const [{ data, fetching }] = useQuery({ query: CAMPAIGNS_QUERY });
  if (loading) return <p className="page">Loading…</p>;
  return (
    <div className="page">
      <h1>Organise</h1>
      {!me ? (
        <SignInFirst what="as an organiser to run campaigns" />
      ) : !isOrganiser(me) ? (
        <p className="banner banner-refused">
          Campaigns are run by regional organisers. The events you host or co-host are under <Link to="/organise/events">My events</Link>.
        </p>
      ) : (
        <>
          <ul className="button-row">
            <li>
              <Link className="button" to="/campaigns/new">
                New campaign
              </Link>
            </li>
            <li>
              <Link className="button button-secondary" to="/organise/approvals">
                Approval queue
              </Link>
            </li>
            <li>
              <Link className="button button-secondary" to="/organise/events">
                Events you manage
              </Link>
            </li>
            {me.role === 'ADMIN' && (
              <li>
                <Link className="button button-secondary" to="/admin/exports">
                  Export log
                </Link>
              </li>
            )}
          </ul>
          <h2>Campaigns</h2>
          {!data && fetching ? (
            <p role="status">Loading…</p>
          ) : (data?.campaigns ?? []).length === 0 ? (
            <p className="empty">No campaigns yet.</p>
          ) : (
            <ul className="event-list">
              {data!.campaigns.map((c) => (
                <li key={c.id} className="card">
                  <h3 className="event-card-title">
                    <Link to={campaignPath(c.id)}>{c.name}</Link>
                  </h3>
                  <p className="event-card-meta">
                    {c.region.name} · {formatWindow(c.startsAt, c.endsAt)}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

/** `/organise/events`: the events I run (hosted or co-hosted; for organisers, their regions' too). */
export function ManagedEventsPage() {
  const { me, loading } = useOrganiserViewer();
  const title = isOrganiser(me) ? 'Events you manage' : 'My events';
  usePageTitle(title);
  const [{ data, fetching }] = useQuery({ query: MANAGED_EVENTS_QUERY, pause: !me });
  if (loading) return <p className="page">Loading…</p>;
  const result = data?.managedEvents;
  return (
    <div className="page">
      <h1>{title}</h1>
      {!me ? (
        <SignInFirst what="to see the events you host" />
      ) : !result && fetching ? (
        <p role="status">Loading…</p>
      ) : result && 'data' in result ? (
        <CampaignEventList events={result.data} empty="No upcoming events to manage. Host one from a campaign, or create an event." />
      ) : (
        <p className="error-message">{result && 'message' in result ? result.message : 'Could not load your events.'}</p>
      )}
    </div>
  );
}
