import { type LatLng, NORTHERN_IRELAND_MESSAGE } from '@rallypoint/shared';
import { useEffect } from 'react';
import { Link, useNavigate } from './router.tsx';
import { useQuery } from 'urql';
import { graphql } from '../generated/gql.ts';
import { transportMessage } from './errors.ts';
import { PLACE_SUGGESTIONS_QUERY } from './place-suggestions.ts';
import { outcome } from './result.ts';
import { bestMatch, parseSearchTarget, type SearchTarget, searchPath } from './search-place.ts';

const SEARCH_SEAT_QUERY = graphql(`
  query SearchSeat($code: String!) {
    constituency(code: $code) {
      code
      name
      location {
        lat
        lng
      }
    }
  }
`);

/** Where a results page searches from, once its place segment is understood. */
export type SearchOrigin =
  | {
      status: 'ready';
      target: SearchTarget;
      /** Changes with the place (a new search starts afresh). */
      key: string;
      /** The seat's name; null when the API's own label (the postcode, or the district nearest a point) is right. */
      label: string | null;
      input: { postcode: string } | { location: LatLng };
    }
  | { status: 'loading'; target: SearchTarget }
  | { status: 'choose'; target: SearchTarget; text: string }
  | { status: 'error'; target: SearchTarget; message: string };

/** A results page's `:postcode` segment → what to search from (a seat is looked up for its reference point). */
export function useSearchOrigin(raw: string): SearchOrigin {
  const target = parseSearchTarget(raw);
  const seatCode = target.kind === 'seat' ? target.code : '';
  const [seat] = useQuery({ query: SEARCH_SEAT_QUERY, variables: { code: seatCode }, pause: !seatCode });
  switch (target.kind) {
    case 'postcode':
      return { status: 'ready', target, key: target.postcode, label: null, input: { postcode: target.postcode } };
    case 'point':
      return {
        status: 'ready',
        target,
        key: `@${target.location.lat},${target.location.lng}`,
        label: null,
        input: { location: target.location },
      };
    case 'seat': {
      const c = seat.data?.constituency;
      if (c) {
        // Only lat/lng: the cached LatLng also carries a __typename, which the input type rejects.
        return { status: 'ready', target, key: c.code, label: c.name, input: { location: { lat: c.location.lat, lng: c.location.lng } } };
      }
      if (seat.error) return { status: 'error', target, message: transportMessage(seat.error) };
      if (seat.data) return { status: 'error', target, message: `We don't know the constituency ${target.code}.` };
      return { status: 'loading', target };
    }
    case 'northern-ireland':
      return { status: 'error', target, message: `${NORTHERN_IRELAND_MESSAGE}.` };
    case 'name':
      return { status: 'choose', target, text: target.text };
    case 'invalid':
      return {
        status: 'error',
        target,
        message: `“${target.text}” is not a UK postcode or a place we know. Try a postcode, like “LS6 1AN”, or a constituency name, like “Leeds East”:`,
      };
  }
}

/**
 * A place name searched for without choosing a suggestion: goes straight to an exact or only match, else lists
 * the matches to choose from.
 */
export function PlaceChoices({ text, basePath, search = '' }: { text: string; basePath: string; search?: string }) {
  const navigate = useNavigate();
  const [result] = useQuery({ query: PLACE_SUGGESTIONS_QUERY, variables: { query: text, first: 10 } });
  const found = result.data ? outcome(result.data.placeSuggestions) : null;
  const matches = found?.ok ? found.data : [];
  const best = found?.ok ? bestMatch(text, matches) : null;
  useEffect(() => {
    if (best) navigate(searchPath(basePath, best.code, search), { replace: true });
  }, [best, basePath, search, navigate]);

  if (!found || best) {
    return <p role="status">{result.error && !result.data ? transportMessage(result.error) : `Looking for “${text}”…`}</p>;
  }
  if (!found.ok) {
    return (
      <p className="error-message" role="alert">
        {found.message}
      </p>
    );
  }
  if (matches.length === 0) {
    return (
      <p className="error-message" role="alert">
        Nothing matches “{text}”. Try a postcode, like “LS6 1AN”, or a constituency name, like “Leeds East”:
      </p>
    );
  }
  return (
    <section aria-labelledby="place-choices-heading" className="place-choices">
      <h2 id="place-choices-heading">Which place did you mean?</h2>
      <p role="status">
        {matches.length === 1 ? 'One place matches' : `${matches.length} places match`} “{text}”.
      </p>
      <ul>
        {matches.map((m) => (
          <li key={`${m.kind}:${m.code}`}>
            <Link to={searchPath(basePath, m.code, search)}>{m.label}</Link>{' '}
            <span className="hint">({m.kind === 'SEAT' ? `constituency, ${m.detail}` : m.detail})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
