import { EVENT_KIND_LABELS } from '@rallypoint/shared';
import { Link, useParams } from '../ui/router.tsx';
import { useQuery } from 'urql';
import { ExportPeopleButton } from '../check-in/ExportPeopleButton.tsx';
import { usePageTitle } from '../ui/hooks.ts';
import { formatWindow } from './campaigns.ts';
import { CAMPAIGN_QUERY } from './documents.ts';
import { CampaignEventList, campaignPath } from './OrganisePages.tsx';
import { useOrganiserViewer } from './organiser-viewer.ts';

/** `/campaigns/:id`: a campaign's target seats and goals, its templates (host an event from one) and its events. */
export function CampaignPage() {
  const { id = '' } = useParams();
  const [{ data, fetching }] = useQuery({ query: CAMPAIGN_QUERY, variables: { id } });
  const { me } = useOrganiserViewer();
  const campaign = data?.node?.__typename === 'Campaign' ? data.node : null;
  usePageTitle(campaign?.name ?? (fetching ? 'Campaign' : 'Campaign not found'));
  if (!campaign) {
    return (
      <div className="page">
        {fetching ? <p role="status">Loading…</p> : <h1>Campaign not found</h1>}
      </div>
    );
  }
  return (
    <div className="page">
      {campaign.viewerCanManage && (
        <p>
          <Link to="/organise">Organise</Link>
        </p>
      )}
      <h1>{campaign.name}</h1>
      <p className="lead">
        {campaign.region.name} · {formatWindow(campaign.startsAt, campaign.endsAt)}
      </p>
      <ul className="button-row">
        {campaign.viewerCanManage && (
          <li>
            <Link className="button" to={`${campaignPath(campaign.id)}/coverage`}>
              Seat coverage
            </Link>
          </li>
        )}
        {campaign.viewerCanManage && (
          <li>
            <Link className="button button-secondary" to={`${campaignPath(campaign.id)}/edit`}>
              Edit campaign
            </Link>
          </li>
        )}
        <li>
          <Link className="button button-secondary" to={`${campaignPath(campaign.id)}/needed`}>
            Where am I needed?
          </Link>
        </li>
      </ul>
      <section aria-labelledby="seats-heading">
        <h2 id="seats-heading">Target seats</h2>
        <div className="table-scroll">
          <table className="lift-table card-table">
            <caption className="visually-hidden">Target seats with their goals</caption>
            <thead>
              <tr>
                <th scope="col">Seat</th>
                <th scope="col">Goal (volunteer-shifts)</th>
                <th scope="col">Events planned</th>
              </tr>
            </thead>
            <tbody>
              {campaign.seats.map((s) => (
                <tr key={s.constituency.code}>
                  <th scope="row">{s.constituency.name}</th>
                  <td data-label="Goal (volunteer-shifts)">{s.goal}</td>
                  <td data-label="Events planned">{s.eventCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="templates-heading">
        <h2 id="templates-heading">Host an event</h2>
        {campaign.templates.length === 0 ? (
          <p className="empty">This campaign has no event templates yet.</p>
        ) : (
          <ul className="event-list">
            {campaign.templates.map((t) => (
              <li key={t.id} className="card">
                <h3 className="event-card-title">{t.title}</h3>
                <p className="event-card-meta">
                  {EVENT_KIND_LABELS[t.kind]} · {t.durationMinutes / 60 >= 1 ? `${Math.round((t.durationMinutes / 60) * 10) / 10} hours` : `${t.durationMinutes} minutes`}
                </p>
                {t.briefing && (
                  <details>
                    <summary>Briefing (shown to people going)</summary>
                    <p className="description">{t.briefing}</p>
                  </details>
                )}
                {me ? (
                  <Link className="button button-small" to={`${campaignPath(campaign.id)}/host?template=${encodeURIComponent(t.id)}`}>
                    Host a {t.title.toLowerCase()}
                  </Link>
                ) : (
                  <p className="hint">
                    <Link to={`/signin?next=${encodeURIComponent(campaignPath(campaign.id))}`}>Sign in</Link> to host one.
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
        <p className="hint">A first event you host in this region is checked by its organisers before it is published.</p>
      </section>
      <section aria-labelledby="events-heading">
        <h2 id="events-heading">Events</h2>
        <CampaignEventList events={campaign.events} empty="No events yet: be the first to host one." />
        {campaign.viewerCanManage && <ExportPeopleButton campaignId={campaign.id} />}
      </section>
    </div>
  );
}
