import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from '../ui/router.tsx';
import { useQuery } from 'urql';
import { graphql } from '../generated/gql.ts';
import type { MailCategory } from '../generated/graphql.ts';
import { transportMessage } from '../ui/errors.ts';
import { usePageTitle } from '../ui/hooks.ts';
import { outcome, useResultMutation } from '../ui/result.ts';
import { CATEGORY_PHRASE } from './mail-categories.ts';

/** What the link is for (which e-mails, whose first name); reading it changes nothing. */
const UNSUBSCRIBE_LINK_QUERY = graphql(`
  query UnsubscribeLink($token: String!) {
    unsubscribeLink(token: $token) {
      ... on QueryUnsubscribeLinkSuccess {
        data {
          category
          firstName
        }
      }
      ...ErrorFields
    }
  }
`);

const UNSUBSCRIBE_MUTATION = graphql(`
  mutation Unsubscribe($token: String!) {
    unsubscribe(token: $token) {
      ... on MutationUnsubscribeSuccess {
        data {
          category
          firstName
        }
      }
      ...ErrorFields
    }
  }
`);

/**
 * Where an e-mail's "stop these e-mails" link lands (signed in or not). Opening it changes nothing — mail scanners
 * follow links — until the button is pressed.
 */
export function UnsubscribePage() {
  usePageTitle('Unsubscribe');
  const [params] = useSearchParams();
  const token = params.get('token')?.trim() ?? '';
  return (
    <div className="page page-narrow">
      <h1>Unsubscribe</h1>
      {token ? <Unsubscribe token={token} /> : <Problem message="This link has no code in it. Open the link in the e-mail again; if your e-mail program split it over two lines, copy the whole address into your browser." />}
    </div>
  );
}

function Problem({ message, focus = false }: { message: string; focus?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <div className="notice notice-problem" role="alert" aria-labelledby="unsubscribe-problem-heading" tabIndex={-1} ref={ref}>
      <h2 id="unsubscribe-problem-heading">This link did not work</h2>
      <p>{message}</p>
      <p>
        <Link to="/account/notifications">Choose which e-mails you get</Link> after signing in instead.
      </p>
    </div>
  );
}

function Unsubscribe({ token }: { token: string }) {
  const [{ data, fetching, error }] = useQuery({ query: UNSUBSCRIBE_LINK_QUERY, variables: { token } });
  const [unsubscribe, sending] = useResultMutation(UNSUBSCRIBE_MUTATION);
  const [done, setDone] = useState<{ category: MailCategory } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  if (!data) return <p role="status">{fetching ? 'Checking the link…' : transportMessage(error)}</p>;
  const link = outcome(data.unsubscribeLink);
  if (!link.ok) return <Problem message={link.fieldErrors[0]?.message ?? link.message} />;
  const what = CATEGORY_PHRASE[link.data.category];

  if (done) {
    return (
      <div className="notice" role="status" aria-labelledby="unsubscribed-heading" tabIndex={-1} ref={doneRef}>
        <h2 id="unsubscribed-heading">You are unsubscribed</h2>
        <p>We will not send you {CATEGORY_PHRASE[done.category]} any more. Other e-mails you have chosen still come.</p>
        <p>
          <Link to="/account/notifications">Choose which e-mails you get</Link>
        </p>
      </div>
    );
  }

  const onUnsubscribe = async () => {
    setFailed(null);
    const out = await unsubscribe({ token });
    if (out.ok) setDone({ category: out.data.category });
    else setFailed(out.fieldErrors[0]?.message ?? out.message);
  };

  return (
    <>
      {failed && <Problem message={failed} focus />}
      <p>Hello {link.data.firstName}.</p>
      <p>
        Stop getting <strong>{what}</strong> from Rallypoint? Other e-mails you have chosen keep coming, and you can switch
        these back on at any time.
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={onUnsubscribe} disabled={sending}>
          {sending ? 'Unsubscribing…' : 'Unsubscribe'}
        </button>
      </div>
      <p>
        <Link to="/account/notifications">Choose which e-mails you get</Link> instead
      </p>
    </>
  );
}
