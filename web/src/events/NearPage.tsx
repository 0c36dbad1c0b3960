import {
  type BoundingBox,
  type EventKind,
  eventsNearInput,
  type LatLng,
  onlineEventsInput,
  plural,
  type VenueAccess,
} from '@rallypoint/shared';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from '../ui/router.tsx';
import { useQuery, useSubscription } from 'urql';
import { graphql } from '../generated/gql.ts';
import type { EventsNearInput } from '../generated/graphql.ts';
import { CONSTITUENCIES_QUERY, type MapEvent } from '../map/documents.ts';
import { MapSection } from '../map/MapSection.tsx';
import { transportMessage } from '../ui/errors.ts';
import { useDebounced, useMediaQuery, usePageTitle, WIDE_LAYOUT } from '../ui/hooks.ts';
import { PostcodeForm } from '../ui/PostcodeForm.tsx';
import { outcome } from '../ui/result.ts';
import { PlaceChoices, useSearchOrigin } from '../ui/search-origin.tsx';
import { distanceNote } from '../ui/search-place.ts';
import { type ResultsView, ViewSwitch } from '../ui/ViewSwitch.tsx';
import { EventCard } from './EventCard.tsx';
import {
  type Arrivals,
  type EventSearch,
  edgeFor,
  mergeEdges,
  newEventsNotice,
  nextArrivals,
  wantsNewEvent,
} from './live.ts';
import { type NearFilters, nearFiltersToParams, PAGE_SIZE, parseNearFilters, roundBox, venueOnly, widenPrompt, zoomForRadius } from './near.ts';

const EVENTS_NEAR_QUERY = graphql(`
  query EventsNear($input: EventsNearInput!, $first: Int, $after: String) {
    eventsNear(input: $input, first: $first, after: $after) {
      ... on EventsNearConnection {
        origin {
          ...PlaceFields
          kind
        }
        edges {
          cursor
          distanceKm
          node {
            ...EventSummaryFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
      ...ErrorFields
    }
  }
`);

const EVENTS_IN_BOX_QUERY = graphql(`
  query EventsInBox($box: BoundingBoxInput!, $kinds: [EventKind!], $access: [VenueAccess!], $hasLiftSeats: Boolean, $hideFull: Boolean) {
    eventsInBox(box: $box, kinds: $kinds, access: $access, hasLiftSeats: $hasLiftSeats, hideFull: $hideFull) {
      ... on QueryEventsInBoxSuccess {
        data {
          ...MapEventFields
        }
      }
      ...ErrorFields
    }
  }
`);

const ONLINE_EVENTS_QUERY = graphql(`
  query OnlineEvents($input: OnlineEventsInput!, $first: Int, $after: String) {
    onlineEvents(input: $input, first: $first, after: $after) {
      ... on OnlineEventsConnection {
        edges {
          cursor
          node {
            ...EventSummaryFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
      ...ErrorFields
    }
  }
`);

const NO_EDGES: never[] = [];
const NO_PLACE = { postcode: '' };

const NEW_EVENTS_NEAR_SUBSCRIPTION = graphql(`
  subscription NewEventsNear($input: NewEventsNearInput!) {
    newEventsNear(input: $input) {
      ...EventSummaryFields
    }
  }
`);

/** "Load more" for one search (`key`): the page after `after`; `listed` is what was shown when it was asked for. */
interface MorePages {
  key: string;
  after: string;
  listed: ReadonlySet<string>;
}

const NearFiltersForm = lazy(() => import('./NearFilters.tsx').then((m) => ({ default: m.NearFiltersForm })));
const loadNearMap = () => import('./NearMap.tsx');
const NearMap = lazy(() => loadNearMap().then((m) => ({ default: m.NearMap })));
// Where the map goes, the size of the map, until its code is in (as EventMap shows until the map library is).
const MAP_LOADING = (
  <div className="map map-large" data-testid="map">
    <p className="map-fallback">Loading the map…</p>
  </div>
);

export function NearPage() {
  const { postcode: rawPostcode = '' } = useParams();
  // A postcode, a point or a seat (see search-place.ts); a place name is first chosen among its matches.
  const where = useSearchOrigin(rawPostcode);
  const ready = where.status === 'ready';
  const place = ready ? where.key : rawPostcode;
  const placeJson = JSON.stringify(ready ? where.input : NO_PLACE);
  const placeInput = useMemo(() => JSON.parse(placeJson) as { postcode: string } | { location: LatLng }, [placeJson]);
  const placeName = ready ? (where.label ?? (where.target.kind === 'postcode' ? where.target.postcode : 'your area')) : rawPostcode;
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = parseNearFilters(searchParams);
  const navigate = useNavigate();
  usePageTitle(`Events near ${placeName}`);
  // Phones show the list first and load the map only when asked for it; wide screens show both side by side.
  const wide = useMediaQuery(WIDE_LAYOUT);
  const [view, setView] = useState<ResultsView>('list');
  const showMap = wide || view === 'map';
  useEffect(() => {
    if (wide) loadNearMap().then(() => import('../map/EventMap.tsx')).then((m) => m.preloadMap(), () => {});
  }, [wide]);
  // The search and filters start folded on phones.
  const [controlsOpen, setControlsOpen] = useState(() => window.matchMedia(WIDE_LAYOUT).matches);
  // The filters' form loads the first time they are opened (at once on wide screens, where they start open).
  const [filtersWanted, setFiltersWanted] = useState(controlsOpen);

  const setFilters = (next: NearFilters) => setSearchParams(nearFiltersToParams(next), { replace: true });

  const accessKey = filters.access.join(',');
  // Built as the server builds it when it runs this page's first queries (packages/shared first-queries.ts).
  const input: EventsNearInput = useMemo(
    () =>
      eventsNearInput(placeInput, {
        radiusKm: filters.radiusKm,
        kinds: filters.kinds,
        sort: filters.sort,
        access: accessKey ? (accessKey.split(',') as VenueAccess[]) : [],
        hasLiftSeats: filters.hasLiftSeats,
        hideFull: filters.hideFull,
      }),
    [placeInput, filters.radiusKm, filters.kinds, filters.sort, accessKey, filters.hasLiftSeats, filters.hideFull],
  );
  const showInPerson = filters.format !== 'ONLINE';
  const showOnline = filters.format !== 'IN_PERSON' && !venueOnly(filters);
  const inputKey = JSON.stringify(input);

  // "Load more" asks for the page after the last one; the cache reads every page of the search as one list.
  const [more, setMore] = useState<MorePages | null>(null);
  const after = more?.key === inputKey ? more.after : null;
  const [near] = useQuery({
    query: EVENTS_NEAR_QUERY,
    variables: after ? { input, first: PAGE_SIZE, after } : { input, first: PAGE_SIZE },
    pause: !ready || !showInPerson,
  });
  // Online events are not anywhere: soonest first, whatever the place; their own "Load more", as above.
  const onlineInput = useMemo(() => onlineEventsInput({ kinds: input.kinds ?? [], hideFull: Boolean(input.hideFull) }), [input.kinds, input.hideFull]);
  const onlineKey = JSON.stringify(onlineInput);
  const [moreOnline, setMoreOnline] = useState<MorePages | null>(null);
  const onlineAfter = moreOnline?.key === onlineKey ? moreOnline.after : null;
  const [online] = useQuery({
    query: ONLINE_EVENTS_QUERY,
    variables: onlineAfter ? { input: onlineInput, first: PAGE_SIZE, after: onlineAfter } : { input: onlineInput, first: PAGE_SIZE },
    pause: !ready || !showOnline,
  });
  const onlineNow = online.data ? outcome(online.data.onlineEvents) : null;
  // While the next page loads, the pages already shown stay.
  const lastOnline = useRef<{ key: string; found: NonNullable<typeof onlineNow> } | null>(null);
  if (onlineNow?.ok) lastOnline.current = { key: onlineKey, found: onlineNow };
  const onlineFound = onlineNow ?? (onlineAfter && lastOnline.current?.key === onlineKey ? lastOnline.current.found : null);
  const onlineEdges = onlineFound?.ok ? onlineFound.data.edges : NO_EDGES;
  const loadingMoreOnline = Boolean(onlineAfter) && (online.fetching || online.stale);
  const loadMoreOnline = () => {
    if (onlineFound?.ok && onlineFound.data.pageInfo.endCursor) {
      setMoreOnline({ key: onlineKey, after: onlineFound.data.pageInfo.endCursor, listed: new Set(onlineEdges.map((e) => e.node.id)) });
    }
  };
  const found = near.data ? outcome(near.data.eventsNear) : null;
  // While new filters load, keep showing the previous results for the same place (and keep the map alive).
  const lastSearch = useRef<{ place: string; search: EventSearch } | null>(null);
  if (found?.ok) lastSearch.current = { place, search: found.data };
  const kept = lastSearch.current?.place === place ? lastSearch.current.search : null;
  const stale = !found && !after ? kept : null;
  const search = found?.ok ? found.data : after ? kept : stale;
  const updating = Boolean(stale) && near.fetching;
  const loadingMore = Boolean(after) && (near.fetching || near.stale);
  const moreError = after && !loadingMore ? (found && !found.ok ? found.message : near.error ? transportMessage(near.error) : null) : null;
  const firstNewLink = useRef<HTMLAnchorElement>(null);
  const [focusId, setFocusId] = useState<string | null>(null);

  // Events published near this place from now on (SSE): held behind a notice until the user asks to see them.
  const liveInput = useMemo(() => ({ ...placeInput, radiusKm: filters.radiusKm }), [placeInput, filters.radiusKm]);
  const [{ data: liveData }] = useSubscription({
    query: NEW_EVENTS_NEAR_SUBSCRIPTION,
    variables: { input: liveInput },
    pause: !ready,
  });
  const [arrivalsState, setArrivals] = useState<Arrivals>({ key: '', seen: null, pending: [], added: [] });
  const arrivals = nextArrivals(arrivalsState, `${place}|${filters.radiusKm}`, liveData?.newEventsNear ?? null);
  if (arrivals !== arrivalsState) setArrivals(arrivals);

  // Shown new events of the chosen kinds (keyed by a string: the parsed kinds are a new array each render).
  const kindsKey = filters.kinds.join(',');
  const added = useMemo(() => {
    const kinds = kindsKey ? (kindsKey.split(',') as EventKind[]) : [];
    return arrivals.added.filter((e) => wantsNewEvent(e, kinds, new Set()));
  }, [arrivals.added, kindsKey]);

  const origin = search?.origin;
  const edges = useMemo(
    () => mergeEdges(search?.edges ?? [], added.map((e) => edgeFor(e, origin?.location)), filters.sort),
    [search, added, filters.sort, origin],
  );
  const listedIds = new Set(edges.map((e) => e.node.id));
  // The map's camera fits the searched place and the events listed, once each new search's results are in.
  const fitPoints = useMemo(() => (origin ? [origin.location, ...edges.map((e) => e.node.location)] : []), [origin, edges]);
  // Only once settled: while new variables load, urql may still hand back the previous search's data.
  const fitKey = found?.ok && !after && !near.fetching && !near.stale ? inputKey : undefined;
  // New events are announced without their venue details: none while venue filters are on.
  const waiting = venueOnly(filters) || filters.hideFull ? [] : arrivals.pending.filter((e) => wantsNewEvent(e, filters.kinds, listedIds));
  const showWaiting = () => {
    setArrivals({ ...arrivals, pending: [], added: [...arrivals.added, ...waiting] });
    setFocusId(waiting[0]?.id ?? null);
  };
  const dismissWaiting = () => setArrivals({ ...arrivals, pending: [] });
  const pageInfo = search?.pageInfo;

  const loadMore = () => {
    if (pageInfo?.endCursor) setMore({ key: inputKey, after: pageInfo.endCursor, listed: listedIds });
  };
  // Once the next page is in, focus goes to its first event.
  const focusedAfter = useRef<string | null>(null);
  useEffect(() => {
    if (!more || more.key !== inputKey || loadingMore || focusedAfter.current === more.after) return;
    if (near.operation?.variables.after !== more.after) return;
    focusedAfter.current = more.after;
    setFocusId(edges.find((e) => !more.listed.has(e.node.id))?.node.id ?? null);
  }, [more, inputKey, loadingMore, near.operation, edges]);

  const focusedOnlineAfter = useRef<string | null>(null);
  useEffect(() => {
    if (!moreOnline || moreOnline.key !== onlineKey || loadingMoreOnline || focusedOnlineAfter.current === moreOnline.after) return;
    if (online.operation?.variables.after !== moreOnline.after) return;
    focusedOnlineAfter.current = moreOnline.after;
    setFocusId(onlineEdges.find((e) => !moreOnline.listed.has(e.node.id))?.node.id ?? null);
  }, [moreOnline, onlineKey, loadingMoreOnline, online.operation, onlineEdges]);

  useEffect(() => {
    if (focusId !== null && firstNewLink.current) {
      firstNewLink.current.focus();
      setFocusId(null);
    }
  }, [focusId]);

  // The map asks for the events in its viewport (debounced while the user pans).
  const [box, setBox] = useState<BoundingBox | null>(null);
  const onBoundsChange = useCallback((b: BoundingBox) => setBox(roundBox(b)), []);
  const debouncedBox = useDebounced(box, 300);
  const [inBox] = useQuery({
    query: EVENTS_IN_BOX_QUERY,
    variables: {
      box: debouncedBox ?? { west: 0, south: 0, east: 0, north: 0 },
      kinds: input.kinds ?? null,
      access: input.access ?? null,
      hasLiftSeats: input.hasLiftSeats ?? null,
      hideFull: input.hideFull ?? null,
    },
    pause: !debouncedBox || !showInPerson,
  });
  const listAsMapEvents = useMemo<MapEvent[]>(() => edges.map((e) => e.node), [edges]);
  const mapEvents = useMemo<MapEvent[]>(() => {
    const boxResult = inBox.data ? outcome(inBox.data.eventsInBox) : null;
    if (!boxResult?.ok) return listAsMapEvents;
    const inBoxIds = new Set(boxResult.data.map((e) => e.id));
    const extraPins = added.filter((e) => !inBoxIds.has(e.id));
    return extraPins.length > 0 ? [...boxResult.data, ...extraPins] : boxResult.data;
  }, [inBox.data, listAsMapEvents, added]);

  // The seats' outlines (all 650) only for a map on screen: a phone showing the list never fetches or caches them.
  const [seats] = useQuery({ query: CONSTITUENCIES_QUERY, pause: !showMap });

  const label = (ready && where.label) || origin?.label || placeName;
  const keptSearch = searchParams.size > 0 ? `?${searchParams}` : '';

  if (!ready) {
    return (
      <div className="page">
        <h1>Find events near you</h1>
        {where.status === 'loading' ? (
          <p role="status">Looking for the place…</p>
        ) : where.status === 'choose' ? (
          <>
            <PlaceChoices text={where.text} basePath="/near" search={keptSearch} />
            <PostcodeForm initial={where.text} search={keptSearch} />
          </>
        ) : (
          <>
            <p className="error-message" role="alert">
              {where.message}
            </p>
            <PostcodeForm search={keptSearch} />
          </>
        )}
      </div>
    );
  }
  const distanceFrom = distanceNote(where.target, where.label, origin?.label ?? null);

  const nearError = after ? null : found && !found.ok ? found.message : near.error && !near.data ? transportMessage(near.error) : null;

  return (
    <div className="page page-wide">
      <h1>Events near {label}</h1>
      {distanceFrom && <p className="search-origin-note">{distanceFrom}</p>}
      <details className="near-controls" open={controlsOpen} onToggle={(e) => {
          setControlsOpen(e.currentTarget.open);
          if (e.currentTarget.open) setFiltersWanted(true);
        }}
      >
        <summary>
          Change place or filters
          <span className="summary-detail">
            {' '}
            ({label}, {filters.radiusKm} km{filters.kinds.length > 0 ? `, ${plural(filters.kinds.length, 'kind')}` : ''},{' '}
            {filters.sort === 'TIME' ? 'soonest first' : 'nearest first, any date'}
            {filters.format === 'ONLINE' ? ', online only' : filters.format === 'IN_PERSON' ? ', in person only' : ''}
            {filters.access.length + Number(filters.hasLiftSeats) + Number(filters.hideFull) > 0
              ? `, ${filters.access.length + Number(filters.hasLiftSeats) + Number(filters.hideFull)} more filters`
              : ''}
            )
          </span>
        </summary>
        <div className="near-controls-body">
          <PostcodeForm initial={where.target.kind === 'point' ? '' : placeName} search={keptSearch} buttonLabel="Search" />
          {filtersWanted && (
            <Suspense fallback={null}>
              <NearFiltersForm filters={filters} onChange={setFilters} />
            </Suspense>
          )}
        </div>
      </details>

      {!showInPerson ? null : nearError ? (
        <p className="error-message" role="alert">
          {nearError}
        </p>
      ) : (
        <div className="near-layout">
          {!wide && <ViewSwitch view={view} onChange={setView} label="Show events as" />}
          {showMap && (
          <MapSection
            headingId="map-heading"
            skipTo="list-heading"
            skipText="Skip the map: go to the list of events"
            onSkip={wide ? undefined : () => setView('list')}
            map={
              origin && (
                <Suspense fallback={MAP_LOADING}>
                  <NearMap
                    label={`Map of events near ${label}. The list below has every event within ${filters.radiusKm} km, in the order you chose.`}
                    center={origin.location}
                    zoom={zoomForRadius(filters.radiusKm, origin.location.lat)}
                    origin={origin.location}
                    fitPoints={fitPoints}
                    fitKey={fitKey}
                    events={mapEvents}
                    constituencies={seats.data?.constituencies}
                    onBoundsChange={onBoundsChange}
                    onEventClick={(id) => navigate(`/events/${encodeURIComponent(id)}`)}
                  />
                </Suspense>
              )
            }
          />
          )}

          <section className="near-list" aria-labelledby="list-heading" hidden={!wide && view === 'map'}>
            <h2 id="list-heading" tabIndex={-1}>Events within {filters.radiusKm} km</h2>
            <p role="status" className="result-count">
              {near.fetching && !search
                ? 'Looking for events…'
                : updating
                  ? 'Updating the list…'
                  : search
                  ? countText(edges.length, Boolean(pageInfo?.hasNextPage), filters.radiusKm, label)
                  : ''}
            </p>
            {search && !updating && (
              <WidenPrompt
                prompt={widenPrompt(edges.length, Boolean(pageInfo?.hasNextPage), filters.radiusKm)}
                onWiden={(radiusKm) => setFilters({ ...filters, radiusKm })}
              />
            )}
            {edges.length > 0 && (
              <ol className={updating ? 'event-list updating' : 'event-list'} aria-busy={updating || undefined}>
                {edges.map((edge) => (
                  <li key={edge.node.id}>
                    <EventCard
                      event={edge.node}
                      distanceKm={edge.distanceKm}
                      linkRef={edge.node.id === focusId ? firstNewLink : undefined}
                    />
                  </li>
                ))}
              </ol>
            )}
            {search && edges.length === 0 && (
              <p>
                No upcoming events within {filters.radiusKm} km. Try a wider radius, or{' '}
                <Link to="/events/new">create one</Link>.
              </p>
            )}
            {moreError && (
              <p className="error-message" role="alert">
                {moreError}
              </p>
            )}
            {pageInfo?.hasNextPage && (
              <button type="button" className="button button-secondary" onClick={loadMore} disabled={loadingMore || updating}>
                {loadingMore ? 'Loading…' : 'Load more events'}
              </button>
            )}
            <div className={waiting.length > 0 ? 'new-events-notice' : 'new-events-notice empty'}>
              <p className="new-events-text" aria-live="polite">
                {waiting.length > 0 ? newEventsNotice(waiting) : ''}
              </p>
              {waiting.length > 0 && (
                <p className="new-events-actions">
                  <button type="button" className="button" onClick={showWaiting}>
                    Show<span className="visually-hidden"> {waiting.length === 1 ? 'the new event' : 'the new events'}</span>
                  </button>{' '}
                  <button type="button" className="button button-secondary" onClick={dismissWaiting}>
                    Dismiss
                  </button>
                </p>
              )}
            </div>
          </section>
        </div>
      )}
      {/* Shown once the nearby list is in, so its arrival never pushes the online list down the screen. */}
      {showOnline && (!showInPerson || !near.fetching || search) && (
        <section className="online-list" aria-labelledby="online-heading">
          <h2 id="online-heading">Online events</h2>
          <p className="hint">Join from anywhere: soonest first.</p>
          <p role="status" className="result-count">
            {online.fetching && !onlineFound
              ? 'Looking for online events…'
              : onlineFound && !onlineFound.ok
                ? onlineFound.message
                : onlineFound?.ok
                  ? onlineCountText(onlineFound.data.edges.length, onlineFound.data.pageInfo.hasNextPage)
                  : ''}
          </p>
          {onlineEdges.length > 0 && (
            <ol className="event-list">
              {onlineEdges.map((edge) => (
                <li key={edge.node.id}>
                  <EventCard event={edge.node} linkRef={edge.node.id === focusId ? firstNewLink : undefined} />
                </li>
              ))}
            </ol>
          )}
          {onlineFound?.ok && onlineFound.data.pageInfo.hasNextPage && (
            <button type="button" className="button button-secondary" onClick={loadMoreOnline} disabled={loadingMoreOnline}>
              {loadingMoreOnline ? 'Loading…' : 'Load more online events'}
            </button>
          )}
        </section>
      )}
      {filters.format !== 'IN_PERSON' && venueOnly(filters) && (
        <p className="hint">Online events are not listed while venue access or lift filters are on.</p>
      )}
    </div>
  );
}

function onlineCountText(n: number, more: boolean): string {
  if (n === 0) return 'No upcoming online events.';
  if (more) return `Showing the soonest ${n} upcoming online events. More are available.`;
  return `${plural(n, 'upcoming online event')}.`;
}

function WidenPrompt({ prompt, onWiden }: { prompt: ReturnType<typeof widenPrompt>; onWiden: (radiusKm: number) => void }) {
  if (!prompt) return null;
  return (
    <p className="widen-prompt" data-testid="widen-prompt">
      {prompt.text}{' '}
      <button type="button" className="button button-secondary" onClick={() => onWiden(prompt.radiusKm)}>
        Widen to {prompt.radiusKm} km
      </button>
    </p>
  );
}

function countText(n: number, more: boolean, radiusKm: number, label: string): string {
  if (n === 0) return `No events within ${radiusKm} km of ${label}.`;
  const shown = `Showing ${plural(n, 'event')} within ${radiusKm} km of ${label}.`;
  return more ? `${shown} More are available.` : shown;
}
