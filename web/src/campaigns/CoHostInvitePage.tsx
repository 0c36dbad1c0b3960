import { formatEventTime } from '@rallypoint/shared';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from '../ui/router.tsx';
import { useQuery } from 'urql';
import { signInPath } from '../account/next.ts';
import { useViewer } from '../account/viewer.ts';
import { usePageTitle } from '../ui/hooks.ts';
import { useResultMutation } from '../ui/result.ts';
import { ACCEPT_CO_HOST_INVITE_MUTATION, CO_HOST_INVITATION_QUERY } from './documents.ts';
import { eventPath } from './OrganisePages.tsx';

/**
 * `/co-host-invites/:id`: the e-mailed invitation. Whoever holds the link sees who invited them to what; the
 * account with the invited address accepts. Without one, "Create an account" and "Sign in" come back here (through
 * the sign-up confirmation too).
 */
export function CoHostInvitePage() {
  const { viewer, loading } = useViewer();
  // Asked again when the viewer changes: whether it is for them depends on who is signed in.
  return loading ? <p className="page">Loading…</p> : <Invitation key={viewer?.id ?? 'signed-out'} />;
}

function Invitation() {
  usePageTitle('Invitation to co-host');
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const { viewer } = useViewer();
  const [{ data, fetching, error: failed }] = useQuery({ query: CO_HOST_INVITATION_QUERY, variables: { id }, requestPolicy: 'network-only' });
  const [accept, accepting] = useResultMutation(ACCEPT_CO_HOST_INVITE_MUTATION);
  const [error, setError] = useState<string | null>(null);
  if (!data && fetching) return <p className="page">Loading…</p>;
  const result = data?.coHostInvitation;
  const invite = result && 'data' in result ? result.data : null;
  const here = location.pathname + location.search;
  return (
    <div className="page page-narrow">
      <h1>Invitation to co-host</h1>
      {!invite ? (
        <p className="banner banner-refused">
          {failed ? 'The invitation could not be loaded. Try again in a moment.' : 'This invitation was withdrawn, its event was cancelled, or the link is incomplete.'}
        </p>
      ) : (
        <>
          <p>
            {invite.invitedBy ?? 'The organisers'} invited you to co-host <strong>{invite.eventTitle}</strong>,{' '}
            <time dateTime={invite.startsAt}>{formatEventTime(invite.startsAt, invite.endsAt)}</time> (UK time), {invite.areaLabel}: to edit it,
            see who is coming and write to them, with its host.
          </p>
          {!viewer ? (
            <>
              <p>To accept, use the address this invitation was sent to: create an account with it, or sign in if you have one.</p>
              <p className="button-row">
                <Link className="button" to={`/signup?next=${encodeURIComponent(here)}`}>
                  Create an account
                </Link>
                <Link className="button button-secondary" to={signInPath(here)}>
                  Sign in
                </Link>
              </p>
            </>
          ) : !invite.forViewer ? (
            <p className="banner banner-refused">
              This invitation was sent to another address than your account's ({viewer.email}). Sign out, then sign in or create an account
              with the address it was sent to.
            </p>
          ) : invite.accepted ? (
            <p className="banner">
              You already co-host this event. {invite.eventId && <Link to={eventPath(invite.eventId)}>Open it</Link>}
            </p>
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
