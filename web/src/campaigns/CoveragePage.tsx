import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from '../ui/router.tsx';
import { useQuery, useSubscription } from 'urql';
import { downloadText } from '../check-in/ExportPeopleButton.tsx';
import { EventMap } from '../map/EventMap.tsx';
import { MapLegend } from '../map/MapLegend.tsx';
import { usePageTitle } from '../ui/hooks.ts';
import { outcome } from '../ui/result.ts';
import { formatWindow } from './campaigns.ts';
import { type CoverageSort, type CoverageSortKey, coverageLabel, nextSort, sortSeats } from './coverage.ts';
import { COVERAGE_BOARD_QUERY, COVERAGE_LIVE_SUBSCRIPTION } from './coverage-documents.ts';
import { campaignPath, SignInFirst } from './OrganisePages.tsx';

const COLUMNS: { key: CoverageSortKey; label: ReactNode }[] = [
  { key: 'name', label: 'Seat' },
  { key: 'coverage', label: 'Sign-ups / goal' },
  { key: 'shortfall', label: 'Short by' },
  { key: 'shifts', label: 'Shifts planned' },
  { key: 'places', label: 'Places' },
  { key: 'checkIns', label: 'Check-ins' },
  { key: 'liftSeatsWanted', label: 'Lift seats wanted / offered' },
  { key: 'ridersUnmatched', label: 'Riders unmatched' },
];

const NO_EVENTS: never[] = [];

/** `/campaigns/:id/coverage`: each target seat's sign-ups against its goal, on a map and in a table, live. */
export function CoveragePage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: COVERAGE_BOARD_QUERY, variables: { campaignId: id } });
  const result = outcome(data?.campaignCoverage, error);
  const board = result.ok ? result.data : null;
  usePageTitle(board ? `Coverage: ${board.campaign.name}` : 'Coverage board');

  // A tick arrives at once and then whenever bookings or lifts change: read the board again on each (the first too,
  // so nothing between the first read and the subscription is missed).
  const [{ data: tick }] = useSubscription({ query: COVERAGE_LIVE_SUBSCRIPTION, variables: { campaignId: id }, pause: !board });
  const at = tick?.campaignCoverageLive.at ?? null;
  const firstTick = useRef<string | null>(null);
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);
  useEffect(() => {
    if (!at) return;
    refetch({ requestPolicy: 'network-only' });
    if (firstTick.current === null) firstTick.current = at;
    else setUpdatedAt(at);
  }, [at, refetch]);

  const [sort, setSort] = useState<CoverageSort>({ key: 'shortfall', direction: 'descending' });
  const seats = useMemo(() => (board ? sortSeats(board.seats, sort) : []), [board, sort]);
  const mapSeats = useMemo(
    () => (board?.seats ?? []).map((s) => ({ code: s.code, name: s.name, majorityPct: s.majorityPct, coverage: s.coverage })),
    [board],
  );
  const fitPoints = useMemo(() => (board?.seats ?? []).map((s) => s.location), [board]);

  if (!board) {
    return (
      <div className="page">
        <h1>Coverage board</h1>
        {fetching && !data ? (
          <p role="status">Loading…</p>
        ) : data?.campaignCoverage?.__typename === 'AuthenticationError' ? (
          <SignInFirst what="as an organiser of this campaign's region to see its coverage" />
        ) : (
          <p className="banner banner-refused">{result.ok ? '' : result.message}</p>
        )}
      </div>
    );
  }
  const short = board.seats.filter((s) => s.shortfall > 0).length;
  const centre = fitPoints[0] ?? { lat: 54, lng: -2 };
  return (
    <div className="page coverage-page">
      <p>
        <Link to={campaignPath(board.campaign.id)}>{board.campaign.name}</Link>
      </p>
      <h1>Seat coverage</h1>
      <p className="lead">
        {board.campaign.region.name} · {formatWindow(board.campaign.startsAt, board.campaign.endsAt)} · {short === 0 ? 'every seat has met its goal' : `${short} of ${board.seats.length} seats short of their goal`}
      </p>
      <p role="status" className="hint" data-testid="coverage-updated">
        {updatedAt ? `Updated live at ${new Date(updatedAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' })}.` : 'Updates live as people sign up.'}
      </p>
      <section className="near-map" aria-labelledby="coverage-map-heading">
        <h2 id="coverage-map-heading" className="visually-hidden">
          Map
        </h2>
        <a href="#coverage-table-heading" className="skip-inline">
          Skip the map to the table
        </a>
        <EventMap
          className="map map-large"
          unavailable="The table has every target seat and its coverage."
          label={`Map of ${board.campaign.name}'s target seats shaded by coverage`}
          center={centre}
          zoom={9}
          fitPoints={fitPoints}
          events={NO_EVENTS}
          constituencies={mapSeats}
          seatShading="coverage"
        />
        <MapLegend variant="coverage" />
      </section>
      <section aria-labelledby="coverage-table-heading">
        <h2 id="coverage-table-heading">Seats</h2>
        <p>
          <button type="button" className="button button-secondary" onClick={() => downloadText(board.filename, board.csv, 'text/csv;charset=utf-8')}>
            Download the board (CSV)
          </button>
        </p>
        <div className="table-scroll">
          <table className="lift-table coverage-table card-table sortable">
            <caption className="visually-hidden">Target seats: sign-ups against goals (volunteer-shifts), shifts, places, check-ins and lifts. Column headers sort the table.</caption>
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c.key} scope="col" aria-sort={sort.key === c.key ? sort.direction : undefined}>
                    <button type="button" className="link-button sort-button" onClick={() => setSort((s) => nextSort(s, c.key))}>
                      {c.label}
                      <span aria-hidden="true">{sort.key === c.key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {seats.map((s) => (
                <tr key={s.code} data-seat={s.code} className={s.shortfall > 0 ? 'seat-short' : 'seat-covered'}>
                  <th scope="row">{s.name}</th>
                  <td data-label="Sign-ups / goal" data-testid="coverage">{coverageLabel(s)}</td>
                  <td data-label="Short by">{s.shortfall > 0 ? s.shortfall : 'Met'}</td>
                  <td data-label="Shifts planned">{s.shifts}</td>
                  <td data-label="Places">{s.places ?? 'No limit'}</td>
                  <td data-label="Check-ins">{s.checkIns}</td>
                  <td data-label="Lift seats wanted / offered">
                    {s.liftSeatsWanted} / {s.liftSeatsOffered}
                  </td>
                  <td data-label="Riders unmatched">{s.ridersUnmatched}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
