import { EVENT_KIND_LABELS, formatEventTime, plural } from '@rallypoint/shared';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from '../ui/router.tsx';
import { useQuery } from 'urql';
import { usePageTitle } from '../ui/hooks.ts';
import { outcome } from '../ui/result.ts';
import { NEEDED_SHIFTS_QUERY } from './coverage-documents.ts';
import { campaignPath, eventPath, SignInFirst } from './OrganisePages.tsx';

/** Without a car, how far "Where am I needed?" assumes you get on your own (walking, buses), km. */
const OWN_REACH_KM = 5;

interface Ask {
  postcode: string;
  maxKm: number;
  noCar: boolean;
}

/** `/campaigns/:id/needed`: "Where am I needed?" — the campaign's shifts within reach, where coverage is missing first. */
export function NeededPage() {
  const { id = '' } = useParams();
  usePageTitle('Where am I needed?');
  const [postcode, setPostcode] = useState('');
  const [km, setKm] = useState('15');
  const [noCar, setNoCar] = useState(false);
  const [ask, setAsk] = useState<Ask | null>(null);
  const [{ data, fetching, error }] = useQuery({
    query: NEEDED_SHIFTS_QUERY,
    variables: {
      campaignId: id,
      input: { postcode: ask?.postcode ?? '', maxKm: ask?.maxKm ?? 1, ownReachKm: ask?.noCar ? Math.min(OWN_REACH_KM, ask.maxKm) : null },
    },
    pause: !ask,
  });
  const result = ask && data ? outcome(data.neededShifts, error) : null;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setAsk({ postcode: postcode.trim(), maxKm: Number(km), noCar });
  };
  const fieldError = (name: string) => (result && !result.ok ? result.fieldErrors.find((f) => f.path.at(-1) === name)?.message : undefined);

  return (
    <div className="page">
      <p>
        <Link to={campaignPath(id)}>Back to the campaign</Link>
      </p>
      <h1>Where am I needed?</h1>
      <p className="lead">Say where you start and how far you can travel: the shifts where the campaign is furthest from its goal come first, nearer ones first among equals.</p>
      <form className="form needed-form" onSubmit={onSubmit} noValidate>
        <div className={fieldError('postcode') ? 'field field-error' : 'field'}>
          <label htmlFor="needed-postcode">Your postcode</label>
          <input id="needed-postcode" name="postcode" autoComplete="postal-code" value={postcode} onChange={(e) => setPostcode(e.target.value)} aria-invalid={fieldError('postcode') ? true : undefined} />
          {fieldError('postcode') && <p className="error-message">{fieldError('postcode')}</p>}
        </div>
        <div className={fieldError('maxKm') ? 'field field-error' : 'field'}>
          <label htmlFor="needed-km">How far you can travel (km)</label>
          <input id="needed-km" name="maxKm" type="number" inputMode="decimal" min={1} max={200} step={1} value={km} onChange={(e) => setKm(e.target.value)} aria-invalid={fieldError('maxKm') ? true : undefined} />
          {fieldError('maxKm') && <p className="error-message">{fieldError('maxKm')}</p>}
        </div>
        <div className="field">
          <input id="needed-no-car" type="checkbox" checked={noCar} onChange={(e) => setNoCar(e.target.checked)} />
          <label htmlFor="needed-no-car">I don't have a car (farther than {OWN_REACH_KM} km only where a driver has a free seat)</label>
        </div>
        <button type="submit" className="button">
          Find shifts
        </button>
      </form>
      <section aria-labelledby="needed-results-heading" aria-busy={fetching}>
        <h2 id="needed-results-heading">Shifts</h2>
        {!ask ? (
          <p className="empty">Enter your postcode to see where you are needed.</p>
        ) : fetching && !data ? (
          <p role="status">Looking…</p>
        ) : data?.neededShifts?.__typename === 'AuthenticationError' ? (
          <SignInFirst what="to see where you are needed" />
        ) : result && !result.ok ? (
          <p className="error-message" role="alert">
            {result.message}
          </p>
        ) : result?.ok && result.data.length === 0 ? (
          <p className="empty" role="status">
            No shifts with places within {ask.maxKm} km. Try a longer distance.
          </p>
        ) : (
          result?.ok && (
            <ol className="event-list needed-list">
              {result.data.map((s) => (
                <li key={s.shiftId ?? s.eventId} className="card">
                  <h3 className="event-card-title">
                    <Link to={eventPath(s.eventId)}>{s.title}</Link>
                  </h3>
                  <p className="event-card-meta">
                    {EVENT_KIND_LABELS[s.kind]} · <time dateTime={s.startsAt}>{formatEventTime(s.startsAt, s.endsAt)}</time> · {s.areaLabel} · {s.distanceKm.toFixed(1)} km away
                  </p>
                  <p>
                    <strong>{s.seatName}</strong>:{' '}
                    {s.stillNeeded > 0 ? `${s.stillNeeded} more volunteer-shifts needed (goal ${s.seatGoal})` : `goal of ${s.seatGoal} reached`}
                  </p>
                  <p className="hint">
                    {s.placesLeft === null ? 'No limit on places' : `${plural(s.placesLeft, 'place')} left`} ·{' '}
                    {s.liftSeatsAvailable > 0 ? `${plural(s.liftSeatsAvailable, 'lift seat')} offered` : 'no lift seats offered yet'}
                    {s.needsLift && <> · you would need a lift</>}
                  </p>
                </li>
              ))}
            </ol>
          )
        )}
      </section>
    </div>
  );
}
