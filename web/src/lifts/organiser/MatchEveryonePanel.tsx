import { useEffect, useRef, useState } from 'react';
import { useResultMutation } from '../../ui/result.ts';
import { MATCH_EVERYONE_MUTATION, type MatchEveryoneSummary } from './documents.ts';
import { returnLegLine } from './LiftsBackPanel.tsx';
import { NextSteps } from './NextSteps.tsx';
import { coachesLine, formatKm, matchHeadline, plural, proposalsByCar, proposalsLine } from './organiser-lifts.ts';

interface MatchEveryonePanelProps {
  eventId: string;
  summary: MatchEveryoneSummary | null;
  onMatched: (summary: MatchEveryoneSummary) => void;
}

/** The "match everyone" button and what the last run proposed. */
export function MatchEveryonePanel({ eventId, summary, onMatched }: MatchEveryonePanelProps) {
  const [matchEveryone] = useResultMutation(MATCH_EVERYONE_MUTATION);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const resultRef = useRef<HTMLElement>(null);

  // Each run gives a new summary: take the reader to it.
  useEffect(() => {
    if (summary) resultRef.current?.focus();
  }, [summary]);

  const run = async () => {
    setBusy(true);
    setError(null);
    const out = await matchEveryone({ eventId });
    setBusy(false);
    if (out.ok) onMatched(out.data);
    else setError(out.message);
  };

  return (
    <section className="match-panel" aria-labelledby="match-heading">
      <h2 id="match-heading">Match everyone</h2>
      <p>
        Finds a car for as many people as possible, then the shortest total detour, keeping parties together and
        respecting free seats, wheelchair access and each driver's detour limit for the whole trip. Each suggestion is
        sent to the driver as a proposal; nothing is booked until they confirm it.
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={run} disabled={busy}>
          Match everyone
        </button>
      </div>
      <p role="status">{busy ? 'Matching everyone…' : ''}</p>
      {error && (
        <p className="error-message" role="alert">
          Matching failed: {error}
        </p>
      )}
      {summary && (
        <section className="match-summary" ref={resultRef} tabIndex={-1} aria-labelledby="match-result-heading">
          <h3 id="match-result-heading">Result</h3>
          <p className="match-headline" data-testid="match-headline">
            {matchHeadline(summary)}
          </p>
          <ul>
            {coachesLine(summary) && <li data-testid="match-coaches-line">{coachesLine(summary)}</li>}
            <li data-testid="match-proposals-line">{proposalsLine(summary)}</li>
            <li data-testid="match-return-line">{returnLegLine(summary)}</li>
            <li data-testid="match-skipped-line">
              {plural(summary.skippedDeclined, 'pair', 'pairs')} not proposed again because the driver or rider had
              declined it before.
            </li>
            <li>
              Considered {plural(summary.requests, 'open request', 'open requests')} and{' '}
              {plural(summary.cars, 'vehicle with free seats', 'vehicles with free seats')}.
            </li>
          </ul>
          <p>
            <strong>Drivers now confirm each proposal</strong> on the event page (or decline it). Until a driver accepts,
            their riders stay on the list below as still needing a lift.
          </p>
          <h4 id="match-proposals-heading">Proposed lifts</h4>
          {summary.proposals.length === 0 ? (
            <p>No lifts could be proposed.</p>
          ) : (
            <ul className="car-plans" aria-labelledby="match-proposals-heading">
              {proposalsByCar(summary.proposals).map((car) => (
                <li key={car.offerId}>
                  <strong>{car.driver}</strong> ({car.coach ? 'coach ' : ''}from {car.from}, {plural(car.people, 'person', 'people')}){' '}
                  <span aria-hidden="true">←</span>
                  <span className="visually-hidden">picks up</span>{' '}
                  {car.riders
                    .map(
                      (r) =>
                        `${r.name} (${r.from}, ${r.seats === 1 ? '1 person' : `party of ${r.seats}`}${r.needsWheelchair ? ', wheelchair' : ''}, adds ${formatKm(r.detourKm)}; ${r.pickup})`,
                    )
                    .join('; ')}
                </li>
              ))}
            </ul>
          )}
          <h4 id="match-unmatched-heading">Still without a car</h4>
          {summary.unmatched.length === 0 ? (
            <p>Everyone who asked has a proposed car.</p>
          ) : (
            <ul aria-labelledby="match-unmatched-heading" data-testid="match-unmatched">
              {summary.unmatched.map((u) => (
                <li key={u.id}>
                  {u.rider.displayName} ({u.origin.label}, {u.seats === 1 ? '1 person' : `party of ${u.seats}`}
                  {u.needsWheelchair ? ', needs wheelchair access' : ''})
                  {u.nextSteps && <NextSteps requestId={u.id} riderName={u.rider.displayName} steps={u.nextSteps} />}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </section>
  );
}
