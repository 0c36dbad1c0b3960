import { emailSchema } from '@rallypoint/shared';
import { useState } from 'react';
import { Link } from '../ui/router.tsx';
import { useQuery } from 'urql';
import { FormWithSummary } from '../ui/ErrorSummary.tsx';
import { TextField } from '../ui/fields.tsx';
import { onField, useForm } from '../ui/form.ts';
import { useResultMutation } from '../ui/result.ts';
import { EVENT_CAMPAIGN_QUERY, INVITE_CO_HOST_MUTATION, REMOVE_CO_HOST_MUTATION, WITHDRAW_CO_HOST_INVITE_MUTATION } from './documents.ts';
import { campaignPath } from './OrganisePages.tsx';

/**
 * On an event page: its campaign, where it stands with the organisers (and why it was not approved), the briefing
 * for people going, and the co-hosts for the people running it.
 */
export function EventCampaignPanel({ eventId }: { eventId: string }) {
  const [{ data }] = useQuery({ query: EVENT_CAMPAIGN_QUERY, variables: { id: eventId } });
  const event = data?.event;
  if (!event) return null;
  if (!event.campaign && !event.viewerCanManage) return null;
  return (
    <section className="card organiser-panel" aria-labelledby="campaign-panel-heading">
      <h2 id="campaign-panel-heading">{event.campaign ? 'Campaign' : 'Co-hosts'}</h2>
      {event.campaign && (
        <p>
          Part of <Link to={campaignPath(event.campaign.id)}>{event.campaign.name}</Link>.
        </p>
      )}
      {event.approval === 'PENDING' && event.status === 'DRAFT' && (
        <p className="banner banner-draft">Waiting for approval: the region's organisers will publish it once they approve it.</p>
      )}
      {event.approval === 'REJECTED' && event.status === 'DRAFT' && (
        <div className="banner banner-refused">
          <p>Not approved. The organisers said:</p>
          <blockquote>{event.approvalNote}</blockquote>
          <p>Change the event and publish it again to send it back to them.</p>
        </div>
      )}
      {event.briefing && (
        <>
          <h3>Briefing</h3>
          <p className="description">{event.briefing}</p>
        </>
      )}
      {event.viewerCanManage && <CoHosts event={event} />}
    </section>
  );
}

type PanelEvent = {
  id: string;
  viewerIsCoHost: boolean;
  coHosts?: readonly { id: string; displayName: string }[] | null;
  coHostInvites?: readonly { id: string; email: string }[] | null;
};

function CoHosts({ event }: { event: PanelEvent }) {
  const [invite] = useResultMutation(INVITE_CO_HOST_MUTATION);
  const [remove] = useResultMutation(REMOVE_CO_HOST_MUTATION);
  const [withdraw] = useResultMutation(WITHDRAW_CO_HOST_INVITE_MUTATION);
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initial: { email: '' },
    fields: { email: 'co-host-email' },
    validate: (v: { email: string }) => onField('email', emailSchema.safeParse(v.email)),
    submit: (email: string) => invite({ eventId: event.id, email }),
    onSuccess: (data, actions) => {
      setSent(`Invitation sent to ${data.email}, if it belongs to a Rallypoint account.`);
      actions.set({ email: '' });
    },
  });
  const coHosts = event.coHosts ?? [];
  const invites = event.coHostInvites ?? [];
  return (
    <>
      <h3>Co-hosts</h3>
      <p className="hint">Co-hosts edit the event, see who is coming and write to them, with you.</p>
      {coHosts.length === 0 ? (
        <p className="empty">No co-hosts yet.</p>
      ) : (
        <ul>
          {coHosts.map((c) => (
            <li key={c.id}>
              {c.displayName}{' '}
              <button
                type="button"
                className="link-button"
                onClick={async () => {
                  const out = await remove({ eventId: event.id, personId: c.id });
                  setError(out.ok ? null : out.message);
                }}
              >
                Remove<span className="visually-hidden"> {c.displayName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {invites.length > 0 && (
        <>
          <h4>Invited</h4>
          <ul>
            {invites.map((i) => (
              <li key={i.id}>
                {i.email}{' '}
                <button
                  type="button"
                  className="link-button"
                  onClick={async () => {
                    const out = await withdraw({ inviteId: i.id });
                    setError(out.ok ? null : out.message);
                  }}
                >
                  Withdraw<span className="visually-hidden"> the invitation to {i.email}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {error && (
        <p className="error-message" role="alert">
          {error}
        </p>
      )}
      <FormWithSummary form={form} submit="Invite" sending="Inviting…" label="Invite a co-host" titleId="co-host-error-title" className="form form-inline">
        <TextField {...form.bind('email')} type="email" label="Invite a co-host by e-mail address" autoComplete="off" />
      </FormWithSummary>
      <p role="status" className="message-sent">
        {sent}
      </p>
    </>
  );
}
