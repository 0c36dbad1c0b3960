import { EVENT_KIND_LABELS, formatDayTime, formatEventTime, rejectionSchema } from '@rallypoint/shared';
import { useState } from 'react';
import { useQuery } from 'urql';
import type { ApprovalQueueQuery } from '../generated/graphql.ts';
import { FormWithSummary } from '../ui/ErrorSummary.tsx';
import { TextAreaField } from '../ui/fields.tsx';
import { onField, useForm } from '../ui/form.ts';
import { usePageTitle } from '../ui/hooks.ts';
import { useResultMutation } from '../ui/result.ts';
import { Link } from '../ui/router.tsx';
import { APPROVAL_QUEUE_QUERY, APPROVE_EVENT_MUTATION, REJECT_EVENT_MUTATION, REVOKE_HOST_TRUST_MUTATION } from './documents.ts';
import { campaignPath, eventPath, SignInFirst } from './OrganisePages.tsx';
import { isOrganiser, useOrganiserViewer } from './organiser-viewer.ts';

type Queue = Extract<ApprovalQueueQuery['approvalQueue'], { data: unknown }>['data'];
type Pending = Queue[number];

/** `/organise/approvals`: first-time hosts' campaign events waiting for the region's organisers, and trusted hosts. */
export function ApprovalQueuePage() {
  usePageTitle('Approval queue');
  const { me, loading } = useOrganiserViewer();
  // Approving, rejecting and revoking trust make the cache fetch the queue and the trusted hosts again (cache.ts).
  const [{ data, fetching }] = useQuery({ query: APPROVAL_QUEUE_QUERY, pause: !isOrganiser(me) });
  const [done, setDone] = useState<string | null>(null);
  if (loading) return <p className="page">Loading…</p>;
  const queue = data?.approvalQueue && 'data' in data.approvalQueue ? data.approvalQueue.data : null;
  const trusted = data?.trustedHosts && 'data' in data.trustedHosts ? data.trustedHosts.data : [];
  const decided = setDone;
  return (
    <div className="page">
      <p>
        <Link to="/organise">Organise</Link>
      </p>
      <h1>Approval queue</h1>
      {!me ? (
        <SignInFirst what="as an organiser to see the approval queue" />
      ) : !isOrganiser(me) ? (
        <p className="banner banner-refused">Only regional organisers see the approval queue.</p>
      ) : (
        <>
          <p role="status" className="message-sent">
            {done}
          </p>
          <section aria-labelledby="waiting-heading">
            <h2 id="waiting-heading">Waiting for approval</h2>
            {!queue && fetching ? (
              <p role="status">Loading…</p>
            ) : (queue ?? []).length === 0 ? (
              <p className="empty">Nothing is waiting.</p>
            ) : (
              <ul className="event-list">
                {queue!.map((e) => (
                  <PendingEvent key={e.id} event={e} onDecided={decided} />
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="trusted-heading">
            <h2 id="trusted-heading">Trusted hosts</h2>
            <p className="hint">Hosts whose event you approved publish their next campaign events in the region directly.</p>
            {trusted.length === 0 ? (
              <p className="empty">No trusted hosts yet.</p>
            ) : (
              <ul className="event-list">
                {trusted.map((h) => (
                  <TrustedHost key={`${h.personId}:${h.region.id}`} host={h} onRevoked={decided} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function PendingEvent({ event: e, onDecided }: { event: Pending; onDecided: (message: string) => void }) {
  const [approve, approving] = useResultMutation(APPROVE_EVENT_MUTATION);
  const [reject] = useResultMutation(REJECT_EVENT_MUTATION);
  const [error, setError] = useState<string | null>(null);
  const reasonId = `reason-${e.id.replace(/[^A-Za-z0-9_-]/g, '')}`;
  const form = useForm({
    initial: { reason: '' },
    fields: { reason: reasonId },
    validate: (v: { reason: string }) => onField('reason', rejectionSchema.safeParse(v.reason)),
    submit: (reason: string) => reject({ id: e.id, reason }),
    onSuccess: () => onDecided(`Not approved: ${e.title}. The host has been told why.`),
  });
  const headingId = `pending-${e.id.replace(/[^A-Za-z0-9_-]/g, '')}`;
  return (
    <li className="card">
      <article aria-labelledby={headingId}>
        <h3 id={headingId} className="event-card-title">
          <Link to={eventPath(e.id)}>{e.title}</Link>
        </h3>
        <p className="event-card-meta">
          {EVENT_KIND_LABELS[e.kind]} · <time dateTime={e.startsAt}>{formatEventTime(e.startsAt, e.endsAt)}</time> · {e.areaLabel} · hosted by{' '}
          {e.organiser.displayName}
          {e.campaign && (
            <>
              {' '}
              · <Link to={campaignPath(e.campaign.id)}>{e.campaign.name}</Link>
            </>
          )}
        </p>
        {e.description && <p className="description">{e.description}</p>}
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={approving}
            onClick={async () => {
              const out = await approve({ id: e.id });
              if (out.ok) onDecided(`Approved: ${e.title} is published, and its host is told.`);
              else setError(out.message);
            }}
          >
            Approve<span className="visually-hidden"> {e.title}</span>
          </button>
        </div>
        {error && (
          <p className="error-message" role="alert">
            {error}
          </p>
        )}
        <details>
          <summary>
            Reject<span className="visually-hidden"> {e.title}</span> with a reason
          </summary>
          <FormWithSummary form={form} submit="Reject" sending="Rejecting…" label={`Reject ${e.title}`} titleId={`${reasonId}-title`}>
            <TextAreaField {...form.bind('reason')} label="Reason (the host sees it)" rows={3} />
          </FormWithSummary>
        </details>
      </article>
    </li>
  );
}

type Trusted = Extract<ApprovalQueueQuery['trustedHosts'], { data: unknown }>['data'][number];

function TrustedHost({ host: h, onRevoked }: { host: Trusted; onRevoked: (message: string) => void }) {
  const [revoke, revoking] = useResultMutation(REVOKE_HOST_TRUST_MUTATION);
  const [error, setError] = useState<string | null>(null);
  return (
    <li className="card">
      <p>
        <strong>{h.person.displayName}</strong> in {h.region.name}, since <time dateTime={h.since}>{formatDayTime(h.since)}</time>
      </p>
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={revoking}
        onClick={async () => {
          const out = await revoke({ personId: h.personId, regionId: h.region.id });
          if (out.ok) onRevoked(`${h.person.displayName}'s next campaign events in ${h.region.name} will wait for approval again.`);
          else setError(out.message);
        }}
      >
        Revoke trust<span className="visually-hidden"> for {h.person.displayName}</span>
      </button>
      {error && (
        <p className="error-message" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
