import { type LatLng, nearestMarginalsVariables, plural } from '@rallypoint/shared';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from '../ui/router.tsx';
import { useQuery } from 'urql';
import { useViewer } from '../account/viewer.ts';
import { graphql } from '../generated/gql.ts';
import type { NearestMarginalsQuery, NearestMarginalsQueryVariables } from '../generated/graphql.ts';
import type { MapEvent } from '../map/documents.ts';
import { EventMap, preloadMap } from '../map/EventMap.tsx';
import { MapLegend } from '../map/MapLegend.tsx';
import { MapSection } from '../map/MapSection.tsx';
import { MARGINAL_PCT } from '../map/style.ts';
import { transportMessage } from '../ui/errors.ts';
import { useMediaQuery, usePageTitle, WIDE_LAYOUT } from '../ui/hooks.ts';
import { PostcodeForm } from '../ui/PostcodeForm.tsx';
import { outcome, type SuccessData } from '../ui/result.ts';
import { PlaceChoices, useSearchOrigin } from '../ui/search-origin.tsx';
import { distanceNote, type SearchTarget } from '../ui/search-place.ts';
import { type ResultsView, ViewSwitch } from '../ui/ViewSwitch.tsx';
import { MarginalSeatCard } from './MarginalSeatCard.tsx';
import {
  byDistance,
  describeHighlights,
  MAX_SEATS,
  nextSeatCount,
  parseSeatCount,
  uniqueById,
  zoomForSeats,
} from './marginals.ts';

const NEAREST_MARGINALS_QUERY = graphql(`
  query NearestMarginals($input: NearestMarginalsInput!, $canvasses: Int) {
    nearestMarginals(input: $input) {
      ... on QueryNearestMarginalsSuccess {
        data {
          origin {
            ...PlaceFields
            kind
          }
          seats {
            ...NearbySeatFields
          }
        }
      }
      ...ErrorFields
    }
  }
`);

/** Every seat, shaded by majority and outlined when marginal. */
const MARGINAL_MAP_QUERY = graphql(`
  query MarginalMap {
    constituencies {
      ...MapSeatFields
      isMarginal
    }
  }
`);

type NearestMarginals = SuccessData<NearestMarginalsQuery['nearestMarginals']>;

/** Where to search from: a place in the URL (postcode, point or seat), or the signed-in member's (coarse) home area. */
interface Origin {
  key: string;
  label: string;
  /** The label is the place's own (a seat's name), not the API's (the postcode, or the district nearest a point). */
  named: boolean;
  input: { postcode: string } | { location: LatLng };
  home: boolean;
  /** What the URL said; null for the home area. */
  target: SearchTarget | null;
}

/** `/marginals/:postcode`, or `/marginals` (the member's home area if they have one, else a postcode form). */
// Organisers flag target seats here: visitors and members load none of its code (nor its query).
const TargetSeatsPanel = lazy(() => import('../campaigns/TargetSeatsPanel.tsx').then((m) => ({ default: m.TargetSeatsPanel })));

function OrganiserTargets() {
  const { viewer } = useViewer();
  if (!viewer || viewer.role === 'MEMBER') return null;
  return (
    <Suspense fallback={null}>
      <TargetSeatsPanel />
    </Suspense>
  );
}

export function MarginalsPage() {
  const { postcode: rawPostcode } = useParams();
  const { viewer, loading: viewerLoading } = useViewer();
  const given = rawPostcode !== undefined;
  const where = useSearchOrigin(rawPostcode ?? '');
  const home = rawPostcode === undefined ? viewer?.homeArea : null;
  const fromUrl = given && where.status === 'ready' ? where : null;
  // Only lat/lng: the cached LatLng also carries a __typename, which the input type rejects.
  const origin: Origin | null = fromUrl
    ? {
        key: fromUrl.key,
        label: fromUrl.label ?? (fromUrl.target.kind === 'postcode' ? fromUrl.target.postcode : 'your area'),
        named: fromUrl.label !== null,
        input: fromUrl.input,
        home: false,
        target: fromUrl.target,
      }
    : home
      ? {
          key: `home:${home.label}`,
          label: home.label,
          named: false,
          input: { location: { lat: home.location.lat, lng: home.location.lng } },
          home: true,
          target: null,
        }
      : null;
  usePageTitle(origin ? `Nearest marginal seats to ${origin.label}` : 'Nearest marginal seats');
  // Phones load the map only when it is asked for (see MarginalsResults).
  const wide = useMediaQuery(WIDE_LAYOUT);
  useEffect(() => {
    if (wide) preloadMap();
  }, [wide]);

  if (given && where.status !== 'ready') {
    return (
      <div className="page">
        <h1>Find your nearest marginal seats</h1>
        {where.status === 'loading' ? (
          <p role="status">Looking for the place…</p>
        ) : where.status === 'choose' ? (
          <>
            <PlaceChoices text={where.text} basePath="/marginals" />
            <PostcodeForm basePath="/marginals" buttonLabel="Find marginal seats" initial={where.text} />
          </>
        ) : (
          <>
            <p className="error-message" role="alert">
              {where.message}
            </p>
            <PostcodeForm basePath="/marginals" buttonLabel="Find marginal seats" />
          </>
        )}
      </div>
    );
  }

  if (!origin) {
    return (
      <div className="page">
        <h1>Find your nearest marginal seats</h1>
        <Intro />
        {viewerLoading ? (
          <p role="status">Loading…</p>
        ) : (
          <>
            <PostcodeForm basePath="/marginals" buttonLabel="Find marginal seats" />
            {!viewer && (
              <p className="hint">
                <Link to="/signin?next=%2Fmarginals">Sign in</Link> to see the seats near your home area straight away.
              </p>
            )}
            <OrganiserTargets />
          </>
        )}
      </div>
    );
  }

  // A new place starts afresh (selection, focus).
  return <MarginalsResults key={origin.key} origin={origin} initialPostcode={fromUrl && fromUrl.target.kind !== 'point' ? origin.label : ''} />;
}

function Intro() {
  return (
    <p className="lead marginals-intro">
      Elections are decided in marginal seats: those won by {MARGINAL_PCT}% of the vote or less in 2024, and the
      targets organisers pick. Find the ones nearest to you and join a canvass there.
    </p>
  );
}

function MarginalsResults({ origin, initialPostcode }: { origin: Origin; initialPostcode: string }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const first = parseSeatCount(searchParams.get('seats'));
  const navigate = useNavigate();
  const [selected, setSelected] = useState<string | null>(null);
  const mapSection = useRef<HTMLElement>(null);
  // Phones show the seats first and the map only when asked for; wide screens show both side by side.
  const wide = useMediaQuery(WIDE_LAYOUT);
  const [view, setView] = useState<ResultsView>('list');
  const showMap = wide || view === 'map';

  // Built as the server builds it when it runs this page's first query (packages/shared first-queries.ts).
  const variables: NearestMarginalsQueryVariables = nearestMarginalsVariables(origin.input, first);
  const [result] = useQuery({ query: NEAREST_MARGINALS_QUERY, variables });
  const found = result.data ? outcome(result.data.nearestMarginals) : null;
  // While more seats load, keep showing the ones we have.
  const last = useRef<NearestMarginals | null>(null);
  if (found?.ok) last.current = found.data;
  const data = found?.ok ? found.data : found ? null : last.current;
  const loadingMore = !found && Boolean(last.current) && result.fetching;

  // Every seat's outline data, only for a map on screen (a phone showing the list never fetches it).
  const [mapSeats] = useQuery({ query: MARGINAL_MAP_QUERY, pause: !showMap });

  const seats = useMemo(() => byDistance(data?.seats ?? []), [data]);
  const nearest = seats[0]?.constituency ?? null;
  const selectedSeat = seats.find((s) => s.constituency.code === selected)?.constituency ?? null;
  const canvasses = useMemo<MapEvent[]>(() => uniqueById(seats.flatMap((s) => s.constituency.upcomingCanvasses)), [seats]);
  const zoom = useMemo(
    () => (data ? zoomForSeats(seats.slice(0, 3).map((s) => s.distanceKm), data.origin.location.lat) : 8),
    [data, seats],
  );

  // After "show more", move focus to the first new seat.
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const focusTarget = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusIndex !== null && focusTarget.current) {
      focusTarget.current.focus();
      setFocusIndex(null);
    }
  });

  const showMore = () => {
    setFocusIndex(seats.length);
    setSearchParams({ seats: String(nextSeatCount(first)) }, { replace: true });
  };

  const select = (code: string | null) => {
    setSelected(code);
    if (!code) return;
    if (!wide) setView('map');
    // After a phone has switched to the map and drawn its section.
    requestAnimationFrame(() => mapSection.current?.scrollIntoView({ block: 'nearest' }));
  };

  const placeError = found && !found.ok ? `${found.message.replace(/\.$/, '')}. Check the postcode and try again:` : null;
  const error = placeError ?? (result.error && !result.data ? transportMessage(result.error) : null);
  const placeLabel = origin.named ? origin.label : (data?.origin.label ?? origin.label);
  const heading = `Nearest marginal seats to ${placeLabel}`;
  const distanceFrom = origin.target ? distanceNote(origin.target, origin.named ? origin.label : null, data?.origin.label ?? null) : null;
  const highlights = describeHighlights(nearest?.name ?? null, selectedSeat?.name ?? null);
  const moreAvailable = seats.length >= first && first < MAX_SEATS;

  return (
    <div className="page page-wide">
      <h1>
        {error ? 'Find your nearest marginal seats' : heading}
        {origin.home && !error && <span className="heading-note"> (your home area)</span>}
      </h1>
      {error && (
        <p className="error-message" role="alert">
          {error}
        </p>
      )}
      {!error && distanceFrom && <p className="search-origin-note">{distanceFrom}</p>}
      {!error && <Intro />}
      {error ? (
        <PostcodeForm basePath="/marginals" buttonLabel="Find marginal seats" initial={initialPostcode} />
      ) : (
        <details className="near-controls">
          <summary>Search somewhere else</summary>
          <div className="near-controls-body">
            <PostcodeForm basePath="/marginals" buttonLabel="Find marginal seats" initial={initialPostcode} />
          </div>
        </details>
      )}

      {error ? null : (
        <div className="near-layout">
          {!wide && <ViewSwitch view={view} onChange={setView} label="Show seats as" />}
          {showMap && (
          <MapSection
            ref={mapSection}
            headingId="marginals-map-heading"
            skipTo="seats-heading"
            skipText="Skip the map: go to the list of seats"
            onSkip={wide ? undefined : () => setView('list')}
            map={
              data && (
                <EventMap
                  className="map map-large"
                  unavailable="The list has every seat, nearest first."
                  label={`Map of marginal seats near ${placeLabel}, shaded by 2024 majority. ${highlights} The list has every seat shown.`}
                  center={selectedSeat?.location ?? data.origin.location}
                  zoom={zoom}
                  origin={data.origin.location}
                  events={canvasses}
                  constituencies={mapSeats.data?.constituencies}
                  seatShading="majority"
                  nearestSeat={nearest?.code ?? null}
                  selectedSeat={selectedSeat?.code ?? null}
                  onEventClick={(id) => navigate(`/events/${encodeURIComponent(id)}`)}
                />
              )
            }
          >
            {highlights && (
              <p className="map-caption" data-testid="map-caption">
                {highlights}
              </p>
            )}
            <MapLegend variant="marginals" />
          </MapSection>
          )}

          <section className="near-list" aria-labelledby="seats-heading" hidden={!wide && view === 'map'}>
            <h2 id="seats-heading" tabIndex={-1}>
              Marginal seats, nearest first
            </h2>
            <p role="status" className="result-count">
              {!data
                ? 'Looking for marginal seats…'
                : loadingMore
                  ? 'Loading more seats…'
                  : seats.length === 0
                    ? `No marginal seats found near ${placeLabel}.`
                    : `Showing the ${plural(seats.length, 'nearest marginal seat')} to ${placeLabel}.`}
            </p>
            {seats.length > 0 && (
              <ol className="seat-list">
                {seats.map((s, i) => (
                  <li key={s.constituency.code}>
                    <MarginalSeatCard
                      seat={s}
                      nearest={i === 0}
                      selected={s.constituency.code === selected}
                      onSelect={select}
                      headingRef={i === focusIndex ? focusTarget : undefined}
                    />
                  </li>
                ))}
              </ol>
            )}
            {data && moreAvailable && (
              <button type="button" className="button button-secondary" onClick={showMore} disabled={loadingMore}>
                {loadingMore ? 'Loading…' : 'Show more seats'}
              </button>
            )}
          </section>
        </div>
      )}
      <OrganiserTargets />
    </div>
  );
}
