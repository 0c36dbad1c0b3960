import { formatEventTime } from '@rallypoint/shared';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useViewer } from '../account/viewer.ts';
import { usePageTitle } from '../ui/hooks.ts';
import { useResultMutation } from '../ui/result.ts';
import { ACCEPT_CO_HOST_INVITE_MUTATION, CO_HOST_INVITE_QUERY } from './documents.ts';
import { eventPath, SignInFirst } from './OrganisePages.tsx';

/** `/co-host-invites/:id`: the e-mailed invitation, accepted by the account with the invited address. */
export function CoHostInvitePage() {
  usePageTitle('Invitation to co-host');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { viewer, loading } = useViewer();
  const [{ data, fetching }] = useQuery({ query: CO_HOST_INVITE_QUERY, variables: { id }, pause: !viewer });
  const [accept, accepting] = useResultMutation(ACCEPT_CO_HOST_INVITE_MUTATION);
  const [error, setError] = useState<string | null>(null);
  if (loading || (viewer && !data && fetching)) return <p className="page">Loading…</p>;
  const result = data?.coHostInvite;
  const invite = result && 'data' in result ? result.data : null;
  return (
    <div className="page page-narrow">
      <h1>Invitation to co-host</h1>
      {!viewer ? (
        <SignInFirst what="with the address the invitation was sent to" />
      ) : !invite ? (
        <p className="banner banner-refused">
          This invitation is not for the account you are signed in with ({viewer.email}), or it was withdrawn.
        </p>
      ) : (
        <>
          <p>
            You are invited to co-host <Link to={eventPath(invite.event.id)}>{invite.event.title}</Link>,{' '}
            <time dateTime={invite.event.startsAt}>{formatEventTime(invite.event.startsAt, invite.event.endsAt)}</time> (UK time): to edit it,
            see who is coming and write to them, with its host.
          </p>
          {invite.accepted ? (
            <p className="banner">You already co-host this event.</p>
          ) : (
            <button
              type="button"
              className="button"
              disabled={accepting}
              onClick={async () => {
                const out = await accept({ inviteId: invite.id });
                if (out.ok) navigate(eventPath(out.data.id), { state: { flash: `You co-host ${out.data.title} now.` } });
                else setError(out.message);
              }}
            >
              Accept and co-host
            </button>
          )}
          {error && (
            <p className="error-message" role="alert">
              {error}
            </p>
          )}
        </>
      )}
    </div>
  );
}
