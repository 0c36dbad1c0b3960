import { formatEventTime, sentence } from '@rallypoint/shared';
import { useState } from 'react';
import { Link } from '../../ui/router.tsx';
import { useResultMutation } from '../../ui/result.ts';
import { domId } from '../lifts.ts';
import { ASK_LIFT_DRIVERS_TO_STRETCH_MUTATION, type LiftNextSteps } from './documents.ts';
import { formatKm, plural } from './organiser-lifts.ts';

/**
 * What an organiser can still do for a rider no car could take: ask the nearest drivers to go a little further, or
 * point the rider to another canvass in reach with lift seats. Names and areas only as everyone sees them.
 */
export function NextSteps({ requestId, riderName, steps }: { requestId: string; riderName: string; steps: LiftNextSteps }) {
  const [ask, fetching] = useResultMutation(ASK_LIFT_DRIVERS_TO_STRETCH_MUTATION);
  // The answer carries the drivers marked as asked.
  const [current, setCurrent] = useState(steps);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stretchable = current.drivers.filter((d) => d.extraDetourKm > 0);
  const unasked = stretchable.filter((d) => !d.askedAt);
  const headingId = domId('next-steps', requestId);

  const askDrivers = async () => {
    setError(null);
    setMessage(null);
    const out = await ask({ requestId });
    if (!out.ok) {
      setError(out.message);
      return;
    }
    if (out.data.nextSteps) setCurrent(out.data.nextSteps);
    setMessage(sentence(`Asked ${plural(unasked.length, 'driver', 'drivers')} by e-mail to go further for ${riderName}`));
  };

  return (
    <section className="next-steps" aria-labelledby={headingId}>
      <p id={headingId}>
        <strong>Next steps for {riderName}</strong>
      </p>
      {current.drivers.length === 0 ? (
        <p>No car with room could reach them, even going further.</p>
      ) : (
        <>
          <p>Nearest cars, and how much further each driver would have to go:</p>
          <ul data-testid="stretch-drivers">
            {current.drivers.map((d) => (
              <li key={d.offer.id}>
                {d.offer.driver.displayName} (from {d.offer.origin.label}, {plural(d.offer.seatsLeft, 'seat', 'seats')} free):{' '}
                {d.extraDetourKm > 0
                  ? `${formatKm(d.extraDetourKm)} more than their limit of ${formatKm(d.offer.maxDetourKm)} (${formatKm(d.detourKm)} in all)`
                  : 'fits within their limit now'}
                {d.askedAt ? ' · asked' : ''}
              </li>
            ))}
          </ul>
          {stretchable.length > 0 && (
            <div className="button-row">
              <button type="button" className="button button-secondary" onClick={askDrivers} disabled={fetching || unasked.length === 0}>
                {unasked.length === 0 ? 'Drivers asked' : `Ask ${plural(unasked.length, 'driver', 'drivers')} to go further`}
              </button>
            </div>
          )}
        </>
      )}
      <p role="status">{message}</p>
      {error && (
        <p className="error-message" role="alert">
          {error}
        </p>
      )}
      {current.otherEvents.length > 0 && (
        <>
          <p>Other canvasses in reach with lift seats:</p>
          <ul data-testid="other-canvasses">
            {current.otherEvents.map((x) => (
              <li key={x.event.id}>
                <Link to={`/events/${encodeURIComponent(x.event.id)}`}>{x.event.title}</Link>,{' '}
                {formatEventTime(x.event.startsAt, x.event.endsAt)}, {x.event.areaLabel} ({formatKm(x.distanceKm)} away):{' '}
                {plural(x.seatsFree, 'free seat', 'free seats')}
                {x.carsThatFit > 0 ? `, ${plural(x.carsThatFit, 'car', 'cars')} could take them` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
